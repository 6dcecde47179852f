/* \summary: the bounded chart series the engine fills while it reads the
 * input: time buckets that coarsen by merging pairs, per-server DNS
 * response-time histograms, and a space-saving top-N of talkers. */
#include "report/series.h"

#include <stdlib.h>
#include <string.h>

#define NS 1000000000LL

const uint32_t nt_rtt_bin_us[NT_RTT_BINS - 1] = {
	1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000, 1000000, 5000000,
};

static void coarsen(struct nt_series *s)
{
	uint32_t half = (s->n + 1) / 2;
	for (uint32_t i = 0; i < half; i++)
		for (int c = 0; c < NT_SC_COUNT; c++)
			s->v[i][c] = s->v[2 * i][c] + (2 * i + 1 < s->n ? s->v[2 * i + 1][c] : 0);
	memset(s->v[half], 0, sizeof(s->v[0]) * (NT_SERIES_BUCKETS - half));
	s->n = half;
	s->width *= 2;
	s->merges++;
}

/* Bucket for time t, growing (and coarsening) the series as needed. */
static uint64_t *slot(struct nt_series *s, int64_t t)
{
	if (!s->started) {
		s->started = 1;
		s->t0 = t - ((t % NS) + NS) % NS;
		s->width = NS;
		s->n = 1;
	}
	if (t < s->t0) {
		s->early++;
		return s->v[0];
	}
	int64_t idx = (t - s->t0) / s->width;
	while (idx >= NT_SERIES_BUCKETS) {
		coarsen(s);
		idx = (t - s->t0) / s->width;
	}
	if ((uint32_t)idx >= s->n)
		s->n = (uint32_t)idx + 1;
	return s->v[idx];
}

uint32_t nt_series_bucket(const struct nt_series *s, int64_t t)
{
	if (!s->started || t <= s->t0 || s->n == 0)
		return 0;
	int64_t idx = (t - s->t0) / s->width;
	return idx >= s->n ? s->n - 1 : (uint32_t)idx;
}

static void talker_min(struct nt_series *s)
{
	s->top_min = s->top[0].pkts;
	s->top_n_min = 0;
	for (uint32_t i = 0; i < s->n_top; i++) {
		if (s->top[i].pkts < s->top_min) {
			s->top_min = s->top[i].pkts;
			s->top_n_min = 0;
		}
		s->top_n_min += s->top[i].pkts == s->top_min;
	}
}

static void talker(struct nt_series *s, const struct nt_addr *a)
{
	uint32_t h = nt_hash_addr(NT_FNV_SEED, a);
	for (uint32_t i = 0; i < s->n_top; i++)
		if (s->top[i].hash == h && nt_addr_eq(&s->top[i].addr, a)) {
			if (s->top[i].pkts++ == s->top_min && --s->top_n_min == 0)
				talker_min(s);
			return;
		}
	struct nt_talker *t;
	if (s->n_top < NT_SERIES_TOP) {
		t = &s->top[s->n_top++];
		t->pkts = t->err = 0;
		if (s->n_top == 1 || s->top_min > 1) {
			s->top_min = 1;
			s->top_n_min = 0;
		}
		s->top_n_min += s->top_min == 1;
	} else {
		/* space-saving: an entry with the smallest count gives its place */
		uint32_t i = s->top_cursor;
		while (s->top[i].pkts != s->top_min)
			i = (i + 1) % NT_SERIES_TOP;
		s->top_cursor = (i + 1) % NT_SERIES_TOP;
		t = &s->top[i];
		s->top_replaced++;
		t->err = t->pkts;
		s->top_n_min--; /* when none is left, recomputed below */
	}
	t->addr = *a;
	t->hash = h;
	t->pkts++;
	if (s->top_n_min == 0)
		talker_min(s);
}

void nt_series_packet(struct nt_series *s, const struct nt_pkt *pkt)
{
	uint64_t *b = slot(s, nt_pkt_time(pkt));
	/* one more DNS message of a frame already counted */
	int frame = !(pkt->flags & NT_PKT_SAME_FRAME);
	b[NT_SC_PKTS] += (uint64_t)frame;
	if (pkt->l3 != 4 && pkt->l3 != 6)
		return;
	if (pkt->flow.src.family && frame)
		talker(s, &pkt->flow.src);
	const struct nt_dns *d = &pkt->dns;
	if (d->present && !d->is_mdns && !d->is_llmnr) {
		if (!d->qr) {
			b[NT_SC_DNS_Q]++;
		} else {
			b[NT_SC_DNS_R]++;
			int c = d->rcode == 0 ? NT_SC_RC_NOERROR
				: d->rcode == 3 ? NT_SC_RC_NXDOMAIN
				: d->rcode == 2 ? NT_SC_RC_SERVFAIL
				: d->rcode == 5 ? NT_SC_RC_REFUSED : NT_SC_RC_OTHER;
			b[c]++;
		}
	}
	if (pkt->icmp.present && pkt->icmp.is_error)
		b[NT_SC_ICMP]++;
	uint8_t syn = pkt->tcp_flags & (NT_TH_SYN | NT_TH_ACK | NT_TH_RST);
	if (pkt->flow.proto == 6 && syn == NT_TH_SYN)
		b[NT_SC_SYN]++;
}

static struct nt_series_server *server(struct nt_series *s, const struct nt_addr *a)
{
	for (uint32_t i = 0; i < s->n_srv; i++)
		if (nt_addr_eq(&s->srv[i].addr, a))
			return &s->srv[i];
	if (s->n_srv >= NT_SERIES_SERVERS)
		return NULL;
	struct nt_series_server *v = &s->srv[s->n_srv++];
	memset(v, 0, sizeof(*v));
	v->addr = *a;
	return v;
}

void nt_series_event(void *ctx, const struct nt_event *ev)
{
	struct nt_series *s = ctx;
	if (ev->type != NT_EV_DNS_TXN || ev->txn == NULL)
		return;
	const struct nt_dns_txn *t = ev->txn;
	if (t->state != NT_TXN_ANSWERED && t->state != NT_TXN_UNANSWERED && t->state != NT_TXN_ICMP)
		return;
	if (t->state != NT_TXN_ANSWERED && s->started)
		slot(s, t->t_query)[NT_SC_DNS_FAIL]++;
	struct nt_series_server *v = server(s, &t->server);
	if (v == NULL) {
		s->srv_dropped++;
		return;
	}
	if (t->state == NT_TXN_UNANSWERED) {
		v->unanswered++;
		return;
	}
	if (t->state == NT_TXN_ICMP) {
		v->icmp++;
		return;
	}
	v->answered++;
	int64_t us = (t->t_end - t->t_query) / 1000;
	int k = 0;
	while (k < NT_RTT_BINS - 1 && us >= (int64_t)nt_rtt_bin_us[k])
		k++;
	v->bins[k]++;
}

static int cmp_talker(const void *a, const void *b)
{
	const struct nt_talker *x = a, *y = b;
	if (x->pkts != y->pkts)
		return x->pkts < y->pkts ? 1 : -1;
	return memcmp(x->addr.a, y->addr.a, sizeof(x->addr.a));
}

void nt_series_sort_top(struct nt_series *s)
{
	qsort(s->top, s->n_top, sizeof(s->top[0]), cmp_talker);
}

static void on_packet(void *ctx, const struct nt_engine *e, const struct nt_pkt *pkt,
		      const struct nt_raw *raw)
{
	nt_series_packet(ctx, pkt);
}

static void on_event(void *ctx, const struct nt_engine *e, const struct nt_event *ev)
{
	nt_series_event(ctx, ev);
}

struct nt_listener nt_series_listener(struct nt_series *s)
{
	return (struct nt_listener){.on_packet = on_packet, .on_event = on_event, .ctx = s};
}
