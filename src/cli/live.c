/* \summary: the live view of `nettriage watch`: per-resolver RTT samples
 * from the engine's DNS transaction events (bounded), rates from counter
 * deltas, a status block redrawn in place with ANSI cursor movement on a
 * terminal (one status line per refresh otherwise), and a one-line notice
 * for each finding when it is first raised. */
#include "cli/live.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#define NS 1000000000LL

enum { LINE_MAX_BYTES = 512 };

struct line {
	char buf[LINE_MAX_BYTES];
	size_t n;
};

static void lput(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void lput(struct line *l, const char *fmt, ...)
{
	if (l->n + 1 >= sizeof(l->buf))
		return;
	va_list ap;
	va_start(ap, fmt);
	int k = vsnprintf(l->buf + l->n, sizeof(l->buf) - l->n, fmt, ap);
	va_end(ap);
	if (k < 0)
		return;
	l->n += (size_t)k;
	if (l->n >= sizeof(l->buf))
		l->n = sizeof(l->buf) - 1;
}

void nt_live_init(struct nt_live *lv, FILE *out, int tty, int color, const char *iface)
{
	memset(lv, 0, sizeof(*lv));
	lv->out = out;
	lv->tty = tty;
	lv->color = color;
	snprintf(lv->iface, sizeof(lv->iface), "%s", iface ? iface : "");
}

/* ---- resolvers ---- */

static struct nt_live_resolver *resolver_get(struct nt_live *lv, const struct nt_addr *a)
{
	struct nt_live_resolver *free_slot = NULL, *oldest = NULL;
	for (int i = 0; i < NT_LIVE_RESOLVERS; i++) {
		struct nt_live_resolver *r = &lv->res[i];
		if (!r->used) {
			if (free_slot == NULL)
				free_slot = r;
			continue;
		}
		if (nt_addr_eq(&r->addr, a)) {
			r->last_use = ++lv->use_clock;
			return r;
		}
		if (oldest == NULL || r->last_use < oldest->last_use)
			oldest = r;
	}
	struct nt_live_resolver *r = free_slot;
	if (r == NULL) {
		r = oldest;
		lv->resolvers_evicted++;
	}
	memset(r, 0, sizeof(*r));
	r->used = 1;
	r->addr = *a;
	r->last_use = ++lv->use_clock;
	return r;
}

void nt_live_observe(void *ctx, const struct nt_event *ev)
{
	struct nt_live *lv = ctx;
	if (lv == NULL || ev->type != NT_EV_DNS_TXN || ev->txn == NULL)
		return;
	const struct nt_dns_txn *t = ev->txn;
	if (t->state != NT_TXN_ANSWERED && t->state != NT_TXN_UNANSWERED && t->state != NT_TXN_ICMP)
		return;
	struct nt_live_resolver *r = resolver_get(lv, &t->server);
	if (t->state != NT_TXN_ANSWERED) {
		r->failed++;
		return;
	}
	r->answered++;
	int64_t rtt = t->t_end - t->t_query;
	r->rtt[r->pos] = rtt < 0 ? 0 : rtt;
	r->pos = (r->pos + 1) % NT_LIVE_RTT_WINDOW;
	if (r->n < NT_LIVE_RTT_WINDOW)
		r->n++;
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

int64_t nt_live_median_rtt(const struct nt_live *lv, int i)
{
	if (i < 0 || i >= NT_LIVE_RESOLVERS)
		return -1;
	const struct nt_live_resolver *r = &lv->res[i];
	if (!r->used || r->n == 0)
		return -1;
	int64_t s[NT_LIVE_RTT_WINDOW];
	memcpy(s, r->rtt, r->n * sizeof(s[0]));
	qsort(s, r->n, sizeof(s[0]), cmp_i64);
	if (r->n % 2)
		return s[r->n / 2];
	return s[r->n / 2 - 1] + (s[r->n / 2] - s[r->n / 2 - 1]) / 2;
}

static char *fmt_rtt(char *dst, size_t n, int64_t ns)
{
	if (ns < 0)
		snprintf(dst, n, "-");
	else if (ns < 1000000)
		snprintf(dst, n, "%.3f ms", (double)ns / 1e6);
	else if (ns < NS)
		snprintf(dst, n, "%.1f ms", (double)ns / 1e6);
	else
		snprintf(dst, n, "%.2f s", (double)ns / 1e9);
	return dst;
}

/* Resolver slots by activity, busiest first; returns how many. */
static int resolver_order(const struct nt_live *lv, int idx[NT_LIVE_RESOLVERS])
{
	int n = 0;
	for (int i = 0; i < NT_LIVE_RESOLVERS; i++)
		if (lv->res[i].used)
			idx[n++] = i;
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0; j--) {
			const struct nt_live_resolver *a = &lv->res[idx[j - 1]], *b = &lv->res[idx[j]];
			if (a->answered + a->failed >= b->answered + b->failed)
				break;
			int tmp = idx[j];
			idx[j] = idx[j - 1];
			idx[j - 1] = tmp;
		}
	return n;
}

/* ---- output ---- */

static void term_size(const struct nt_live *lv, int *cols, int *rows)
{
	*cols = 80;
	*rows = 24;
	struct winsize ws;
	if (lv->tty && ioctl(fileno(lv->out), TIOCGWINSZ, &ws) == 0) {
		if (ws.ws_col >= 20)
			*cols = ws.ws_col;
		if (ws.ws_row >= 6)
			*rows = ws.ws_row;
	}
}

/* Writes one line: control bytes made visible, and on a terminal cut to
 * the width so that the block keeps its height (ANSI colour sequences
 * count for no column). */
static void emit(struct nt_live *lv, const struct line *l, int counted)
{
	int cols, rows;
	term_size(lv, &cols, &rows);
	int col = 0;
	for (size_t i = 0; i < l->n; i++) {
		unsigned char c = (unsigned char)l->buf[i];
		if (c == 0x1b && i + 1 < l->n && l->buf[i + 1] == '[') {
			size_t j = i + 2;
			while (j < l->n && l->buf[j] != 'm')
				j++;
			fwrite(l->buf + i, 1, j + 1 - i, lv->out);
			i = j;
			continue;
		}
		if (lv->tty && col >= cols - 1)
			continue;
		fputc(c < 0x20 || c == 0x7f ? '?' : c, lv->out);
		col++;
	}
	fputc('\n', lv->out);
	if (counted)
		lv->drawn++;
}

static void erase_block(struct nt_live *lv)
{
	if (lv->tty && lv->drawn > 0)
		fprintf(lv->out, "\033[%dA\r\033[J", lv->drawn);
	lv->drawn = 0;
}

static const char *bold(const struct nt_live *lv)
{
	return lv->color ? "\033[1m" : "";
}

static const char *yellow(const struct nt_live *lv)
{
	return lv->color ? "\033[1;33m" : "";
}

static const char *reset(const struct nt_live *lv)
{
	return lv->color ? "\033[0m" : "";
}

static void answer_rate(const struct nt_engine *e, struct line *l)
{
	uint64_t ended = e->dns.answered + e->dns.unanswered + e->dns.icmp;
	if (ended == 0)
		lput(l, "answered -");
	else
		lput(l, "answered %.1f%% (%llu of %llu)", 100.0 * (double)e->dns.answered / (double)ended,
		     (unsigned long long)e->dns.answered, (unsigned long long)ended);
}

static void finding_where(const struct nt_finding *f, struct line *l)
{
	lput(l, "server %s", f->server);
	if (f->port >= 0)
		lput(l, " %s/%d", f->transport, f->port);
}

static void draw_block(struct nt_live *lv, const struct nt_engine *e, const struct nt_findings *r)
{
	int cols, rows; /* cols: emit() cuts each line */
	term_size(lv, &cols, &rows);
	struct line l = {.n = 0};
	lput(&l, "%snettriage watch %s%s  %.0f s  %llu packets  (Ctrl-C: stop and write the report)",
	     bold(lv), lv->iface, reset(lv), lv->elapsed, (unsigned long long)e->packets);
	emit(lv, &l, 1);
	l.n = 0;
	lput(&l, "rates: %.1f packets/s, %.1f DNS queries/s", lv->pps, lv->qps);
	emit(lv, &l, 1);
	l.n = 0;
	lput(&l, "DNS: %llu queries, ", (unsigned long long)e->dns.queries);
	answer_rate(e, &l);
	lput(&l, ", %u pending", e->tb[NT_TB_DNS].used);
	emit(lv, &l, 1);
	int idx[NT_LIVE_RESOLVERS];
	int nres = resolver_order(lv, idx);
	if (nres) {
		l.n = 0;
		lput(&l, "  %-39s %9s %7s %11s", "resolver", "answered", "failed", "median RTT");
		emit(lv, &l, 1);
		for (int k = 0; k < nres; k++) {
			const struct nt_live_resolver *rs = &lv->res[idx[k]];
			char a[64], d[32];
			l.n = 0;
			lput(&l, "  %-39s %9llu %7llu %11s", nt_addr_str(&rs->addr, a, sizeof(a)),
			     (unsigned long long)rs->answered, (unsigned long long)rs->failed,
			     fmt_rtt(d, sizeof(d), nt_live_median_rtt(lv, idx[k])));
			emit(lv, &l, 1);
		}
	}
	l.n = 0;
	lput(&l, "findings: %u", r->n_findings);
	emit(lv, &l, 1);
	/* keep the block within the screen */
	int room = rows - 1 - lv->drawn;
	if (room > NT_LIVE_FINDINGS)
		room = NT_LIVE_FINDINGS;
	uint32_t shown = 0;
	for (uint32_t i = 0; i < r->n_findings && (int)shown < room; i++) {
		const struct nt_finding *f = &r->findings[i];
		if ((int)shown == room - 1 && i + 1 < r->n_findings) {
			l.n = 0;
			lput(&l, "  (%u more)", r->n_findings - i);
			emit(lv, &l, 1);
			break;
		}
		l.n = 0;
		lput(&l, "  %s%s%s  ", bold(lv), f->kind, reset(lv));
		finding_where(f, &l);
		lput(&l, "  count %llu", (unsigned long long)f->count);
		emit(lv, &l, 1);
		shown++;
	}
	(void)cols;
}

static void status_line(struct nt_live *lv, const struct nt_engine *e, const struct nt_findings *r)
{
	struct line l = {.n = 0};
	lput(&l, "watch %s %.0fs: %llu packets, %.1f packets/s, %.1f DNS queries/s, ", lv->iface,
	     lv->elapsed, (unsigned long long)e->packets, lv->pps, lv->qps);
	answer_rate(e, &l);
	int idx[NT_LIVE_RESOLVERS];
	int nres = resolver_order(lv, idx);
	for (int k = 0; k < nres; k++) {
		char a[64], d[32];
		lput(&l, "%s%s %s", k == 0 ? ", median RTT " : ", ",
		     nt_addr_str(&lv->res[idx[k]].addr, a, sizeof(a)),
		     fmt_rtt(d, sizeof(d), nt_live_median_rtt(lv, idx[k])));
	}
	lput(&l, ", %u finding%s", r->n_findings, r->n_findings == 1 ? "" : "s");
	emit(lv, &l, 0);
}

unsigned nt_live_new_findings(struct nt_live *lv, const struct nt_engine *e,
			      const struct nt_findings *r)
{
	if (r->n_findings <= lv->findings_seen)
		return 0;
	int redraw = lv->tty && lv->drawn > 0;
	erase_block(lv);
	unsigned n = 0;
	for (uint32_t i = lv->findings_seen; i < r->n_findings; i++, n++) {
		const struct nt_finding *f = &r->findings[i];
		struct line l = {.n = 0};
		char ts[16] = "--:--:--";
		time_t sec = (time_t)(f->first_seen / NS);
		struct tm tm;
		if (f->count && localtime_r(&sec, &tm))
			strftime(ts, sizeof(ts), "%H:%M:%S", &tm);
		lput(&l, "%s new finding %s%s%s: ", ts, yellow(lv), f->kind, reset(lv));
		finding_where(f, &l);
		if (f->n_clients)
			lput(&l, ", client %s%s", f->clients[0], f->n_clients > 1 ? " and others" : "");
		if (f->n_names)
			lput(&l, ", name %s", f->names[0]);
		emit(lv, &l, 0);
	}
	lv->findings_seen = r->n_findings;
	if (redraw)
		draw_block(lv, e, r);
	fflush(lv->out);
	return n;
}

void nt_live_refresh(struct nt_live *lv, const struct nt_engine *e, const struct nt_findings *r,
		     double elapsed)
{
	double dt = elapsed - lv->last_elapsed;
	if (dt > 0.05) {
		lv->pps = (double)(e->packets - lv->last_packets) / dt;
		lv->qps = (double)(e->dns.queries - lv->last_queries) / dt;
		lv->last_packets = e->packets;
		lv->last_queries = e->dns.queries;
		lv->last_elapsed = elapsed;
	}
	lv->elapsed = elapsed;
	nt_live_new_findings(lv, e, r);
	if (lv->tty) {
		erase_block(lv);
		draw_block(lv, e, r);
	} else {
		status_line(lv, e, r);
	}
	fflush(lv->out);
}

static void on_event(void *ctx, const struct nt_engine *e, const struct nt_event *ev)
{
	nt_live_observe(ctx, ev);
}

struct nt_listener nt_live_listener(struct nt_live *lv)
{
	return (struct nt_listener){.on_event = on_event, .ctx = lv};
}
