/* \summary: JSONL event stream: Zeek dns.log-named DNS transaction
 * records, ICMP errors with their quoted flow and link, and the findings,
 * one JSON object per line, written through the bounded output buffer as
 * the engine completes each of them (nothing of the capture is kept).
 * Each line is built in memory and handed to the sinks with its key. */
#include "report/jsonl.h"

#include <string.h>

#include "detectors/detectors.h"

#define NS 1000000000LL
/* ceiling of one event line (a finding with all its evidence is far less) */
#define LINE_MAX_BYTES (8u << 20)

static void str(struct nt_out *o, const char *s)
{
	nt_out_putc(o, '"');
	nt_out_json_str(o, s);
	nt_out_putc(o, '"');
}

/* ,"name": */
static void key(struct nt_out *o, const char *k)
{
	nt_out_puts(o, ",\"");
	nt_out_puts(o, k);
	nt_out_puts(o, "\":");
}

static void boolean(struct nt_out *o, int v)
{
	nt_out_puts(o, v ? "true" : "false");
}

/* Seconds with 6 decimals, from ns (exact: integer arithmetic). */
static void secs(struct nt_out *o, int64_t ns)
{
	if (ns < 0) {
		nt_out_putc(o, '-');
		ns = -ns;
	}
	nt_out_u(o, (uint64_t)(ns / NS));
	nt_out_putc(o, '.');
	nt_out_uw(o, (uint64_t)(ns % NS / 1000), 6, '0');
}

static void addr(struct nt_out *o, const struct nt_addr *a)
{
	nt_out_putc(o, '"');
	if (a->family == 4)
		nt_out_ip4(o, a->a);
	else if (a->family == 6)
		nt_out_ip6(o, a->a);
	nt_out_putc(o, '"');
}

static void addr_or_null(struct nt_out *o, const struct nt_addr *a)
{
	if (a->family)
		addr(o, a);
	else
		nt_out_puts(o, "null");
}

static const char *proto_name(unsigned p)
{
	switch (p) {
	case 17: return "udp";
	case 6: return "tcp";
	case 1: return "icmp";
	case 58: return "icmp6";
	default: return "unknown";
	}
}

/* Connection uid: "C" and 17 base-62 digits of a hash of the 5-tuple, so
 * every record of one flow (and the ICMP error quoting it) shares it. */
static void make_uid(char dst[24], uint8_t proto, const struct nt_addr *a, uint16_t ap,
		     const struct nt_addr *b, uint16_t bp)
{
	static const char digits[] =
		"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	uint8_t k[5] = {proto, (uint8_t)(ap >> 8), (uint8_t)ap, (uint8_t)(bp >> 8), (uint8_t)bp};
	uint64_t h = 1469598103934665603ull;
	const uint8_t *parts[3] = {k, a->a, b->a};
	size_t lens[3] = {sizeof(k), a->family == 6 ? 16u : 4u, b->family == 6 ? 16u : 4u};
	for (int p = 0; p < 3; p++)
		for (size_t i = 0; i < lens[p]; i++) {
			h ^= parts[p][i];
			h *= 1099511628211ull;
		}
	dst[0] = 'C';
	for (int i = 1; i < 18; i++) {
		h = h * 6364136223846793005ull + 1442695040888963407ull;
		dst[i] = digits[(h >> 33) % 62];
	}
	dst[18] = '\0';
}

static const char *qclass_name(unsigned c)
{
	switch (c) {
	case 1: return "C_INTERNET";
	case 3: return "C_CHAOS";
	case 4: return "C_HESIOD";
	case 254: return "C_NONE";
	case 255: return "C_ANY";
	default: return NULL;
	}
}

static const char *state_name(int s)
{
	switch (s) {
	case NT_TXN_ANSWERED: return "answered";
	case NT_TXN_UNANSWERED: return "unanswered";
	case NT_TXN_ICMP: return "icmp_rejected";
	case NT_TXN_CAPTURE_END: return "pending_at_end";
	case NT_TXN_UNSOLICITED: return "unsolicited";
	case NT_TXN_EVICTED: return "evicted";
	default: return "pending";
	}
}

static void type_name(struct nt_out *o, unsigned t)
{
	const char *n = nt_qtype_name(t);
	if (strchr(n, '?')) {
		nt_out_puts(o, "\"TYPE");
		nt_out_u(o, t);
		nt_out_putc(o, '"');
	} else {
		str(o, n);
	}
}

int nt_jsonl_init(struct nt_jsonl *j, struct nt_out *o, const struct nt_report *r)
{
	memset(j, 0, sizeof(*j));
	j->r = r;
	if (nt_out_mem(&j->line, LINE_MAX_BYTES) < 0)
		return -1;
	j->o = &j->line;
	if (o) {
		nt_sink_out_init(&j->text, o);
		j->sink[j->n_sink++] = &j->text.base;
	}
	return 0;
}

int nt_jsonl_add_sink(struct nt_jsonl *j, struct nt_sink *s)
{
	if (j->n_sink >= NT_JSONL_MAX_SINKS)
		return -1;
	j->sink[j->n_sink++] = s;
	return 0;
}

void nt_jsonl_free(struct nt_jsonl *j)
{
	nt_out_close(&j->line);
	j->o = NULL;
}

/* Hands the finished line to every sink, then starts the next one. */
static void emit(struct nt_jsonl *j, const char *k)
{
	struct nt_out *o = j->o;
	if (o->overflow)
		j->n_too_long++;
	else
		for (unsigned i = 0; i < j->n_sink; i++)
			nt_sink_write(j->sink[i], o->buf, o->len, k);
	nt_out_reset(o);
}

static void dns_line(struct nt_jsonl *j, const struct nt_dns_txn *t)
{
	struct nt_out *o = j->o;
	char uid[24];
	int response = t->state == NT_TXN_ANSWERED || t->state == NT_TXN_UNSOLICITED;
	int has_q = t->qname[0] != '\0';
	make_uid(uid, t->proto, &t->client, t->cport, &t->server, t->sport);
	nt_out_puts(o, "{\"event\":\"dns\"");
	key(o, "ts");
	secs(o, t->t_query);
	key(o, "uid");
	str(o, uid);
	key(o, "id.orig_h");
	addr(o, &t->client);
	key(o, "id.orig_p");
	nt_out_u(o, t->cport);
	key(o, "id.resp_h");
	addr(o, &t->server);
	key(o, "id.resp_p");
	nt_out_u(o, t->sport);
	key(o, "proto");
	str(o, proto_name(t->proto));
	key(o, "trans_id");
	nt_out_u(o, t->id);
	key(o, "rtt");
	if (t->state == NT_TXN_ANSWERED)
		secs(o, t->t_end - t->t_query);
	else
		nt_out_puts(o, "null");
	key(o, "query");
	if (has_q)
		str(o, t->qname);
	else
		nt_out_puts(o, "null");
	const char *qcn = qclass_name(t->qclass);
	key(o, "qclass");
	if (has_q && t->qclass)
		nt_out_u(o, t->qclass);
	else
		nt_out_puts(o, "null");
	key(o, "qclass_name");
	if (has_q && qcn)
		str(o, qcn);
	else
		nt_out_puts(o, "null");
	key(o, "qtype");
	if (has_q)
		nt_out_u(o, t->qtype);
	else
		nt_out_puts(o, "null");
	key(o, "qtype_name");
	if (has_q)
		type_name(o, t->qtype);
	else
		nt_out_puts(o, "null");
	key(o, "rcode");
	if (response)
		nt_out_u(o, t->rcode);
	else
		nt_out_puts(o, "null");
	key(o, "rcode_name");
	if (response)
		str(o, nt_rcode_name(t->rcode));
	else
		nt_out_puts(o, "null");
	key(o, "AA");
	boolean(o, response && t->aa);
	key(o, "TC");
	boolean(o, response && t->tc);
	key(o, "RD");
	boolean(o, t->rd);
	key(o, "RA");
	boolean(o, response && t->ra);
	key(o, "Z");
	nt_out_u(o, response ? t->z : 0);
	key(o, "answers");
	nt_out_putc(o, '[');
	for (unsigned i = 0; response && i < t->n_addr; i++) {
		if (i)
			nt_out_putc(o, ',');
		addr(o, &t->addr[i]);
	}
	nt_out_putc(o, ']');
	key(o, "TTLs");
	nt_out_putc(o, '[');
	for (unsigned i = 0; response && i < t->n_addr; i++) {
		if (i)
			nt_out_putc(o, ',');
		nt_out_u(o, t->addr_ttl[i]);
		nt_out_puts(o, ".0");
	}
	nt_out_putc(o, ']');
	key(o, "rejected");
	boolean(o, response && t->rejected);
	key(o, "state");
	str(o, t->after_icmp ? "answered_after_icmp" : state_name(t->state));
	key(o, "ts_end");
	if (t->state == NT_TXN_CAPTURE_END || t->state == NT_TXN_EVICTED)
		nt_out_puts(o, "null");
	else
		secs(o, t->t_end);
	key(o, "attempt");
	nt_out_u(o, t->attempt);
	key(o, "late");
	boolean(o, t->late);
	key(o, "icmp_type");
	if (t->state == NT_TXN_ICMP)
		nt_out_u(o, t->icmp.type);
	else
		nt_out_puts(o, "null");
	key(o, "icmp_code");
	if (t->state == NT_TXN_ICMP)
		nt_out_u(o, t->icmp.code);
	else
		nt_out_puts(o, "null");
	nt_out_putc(o, '}');
	emit(j, uid);
	j->n_dns++;
}

void nt_jsonl_observe(void *ctx, const struct nt_event *ev)
{
	struct nt_jsonl *j = ctx;
	if (ev->type == NT_EV_DNS_TXN && ev->txn) {
		const struct nt_dns_txn *t = ev->txn;
		dns_line(j, t);
		if (t->state == NT_TXN_ICMP) {
			j->link = 1;
			make_uid(j->link_uid, t->proto, &t->client, t->cport, &t->server, t->sport);
			j->link_trans_id = t->id;
		}
	} else if (ev->type == NT_EV_ICMP && ev->icmp && ev->icmp->hs && j->link == 0) {
		const struct nt_tcp_hs *h = ev->icmp->hs;
		j->link = 2;
		make_uid(j->link_uid, 6, &h->client, h->cport, &h->server, h->sport);
	}
}

void nt_jsonl_packet(struct nt_jsonl *j, const struct nt_pkt *pkt)
{
	if ((pkt->l3 != 4 && pkt->l3 != 6) || !pkt->icmp.present || !pkt->icmp.is_error) {
		j->link = 0;
		return;
	}
	struct nt_out *o = j->o;
	const struct nt_icmp *ic = &pkt->icmp;
	const struct nt_flow *q = &ic->quote;
	struct nt_icmp_info info;
	memset(&info, 0, sizeof(info));
	info.v6 = ic->v6;
	info.type = ic->type;
	info.code = ic->code;
	char uid[24];
	make_uid(uid, ic->v6 ? 58 : 1, &pkt->flow.src, ic->type, &pkt->flow.dst, ic->code);
	nt_out_puts(o, "{\"event\":\"icmp\"");
	key(o, "ts");
	secs(o, nt_pkt_time(pkt));
	key(o, "uid");
	str(o, uid);
	key(o, "id.orig_h");
	addr(o, &pkt->flow.src);
	key(o, "id.resp_h");
	addr(o, &pkt->flow.dst);
	key(o, "proto");
	str(o, ic->v6 ? "icmp6" : "icmp");
	key(o, "icmp_type");
	nt_out_u(o, ic->type);
	key(o, "icmp_code");
	nt_out_u(o, ic->code);
	key(o, "reason");
	str(o, nt_icmp_code_text(&info));
	key(o, "mtu");
	if (ic->mtu)
		nt_out_u(o, ic->mtu);
	else
		nt_out_puts(o, "null");
	key(o, "quoted");
	boolean(o, ic->has_quote);
	int hq = ic->has_quote;
	key(o, "quoted.proto");
	if (hq && q->proto)
		str(o, proto_name(q->proto));
	else
		nt_out_puts(o, "null");
	key(o, "quoted.id.orig_h");
	if (hq)
		addr_or_null(o, &q->src);
	else
		nt_out_puts(o, "null");
	key(o, "quoted.id.orig_p");
	if (hq && q->sport)
		nt_out_u(o, q->sport);
	else
		nt_out_puts(o, "null");
	key(o, "quoted.id.resp_h");
	if (hq)
		addr_or_null(o, &q->dst);
	else
		nt_out_puts(o, "null");
	key(o, "quoted.id.resp_p");
	if (hq && q->dport)
		nt_out_u(o, q->dport);
	else
		nt_out_puts(o, "null");
	key(o, "quoted.trans_id");
	if (hq && ic->quote_has_dns_id)
		nt_out_u(o, ic->quote_dns_id);
	else
		nt_out_puts(o, "null");
	key(o, "quoted.query");
	if (hq && ic->quote_qname[0])
		str(o, ic->quote_qname);
	else
		nt_out_puts(o, "null");
	key(o, "from_target");
	boolean(o, hq && q->dst.family && nt_addr_eq(&pkt->flow.src, &q->dst));
	key(o, "linked");
	str(o, j->link == 1 ? "dns" : j->link == 2 ? "tcp" : "none");
	key(o, "linked_uid");
	if (j->link)
		str(o, j->link_uid);
	else
		nt_out_puts(o, "null");
	nt_out_putc(o, '}');
	emit(j, uid);
	j->n_icmp++;
	j->link = 0;
}

static void str_array(struct nt_out *o, const char (*v)[48], uint32_t n)
{
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			nt_out_putc(o, ',');
		str(o, v[i]);
	}
	nt_out_putc(o, ']');
}

static void time_str(struct nt_out *o, const struct nt_report *r, int64_t t)
{
	char b[64];
	str(o, nt_fmt_time(b, sizeof(b), t, r->no_date));
}

/* The finding object of docs/report-schema.md, on one line. */
static void finding_line(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f)
{
	nt_out_puts(o, "{\"event\":\"finding\"");
	key(o, "kind");
	str(o, f->kind);
	key(o, "severity");
	str(o, nt_severity_name(f->severity));
	key(o, "protocol");
	str(o, f->protocol);
	key(o, "transport");
	str(o, f->transport);
	key(o, "port");
	if (f->port >= 0)
		nt_out_i(o, f->port);
	else
		nt_out_puts(o, "null");
	key(o, "server");
	str(o, f->server);
	key(o, "clients");
	str_array(o, f->clients, f->n_clients);
	key(o, "clients_omitted");
	nt_out_u(o, f->clients_more);
	key(o, "count");
	nt_out_u(o, f->count);
	key(o, "names");
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_names; i++) {
		if (i)
			nt_out_putc(o, ',');
		str(o, f->names[i]);
	}
	nt_out_putc(o, ']');
	key(o, "names_omitted");
	nt_out_u(o, f->names_more);
	key(o, "first_seen");
	time_str(o, r, f->first_seen);
	key(o, "last_seen");
	time_str(o, r, f->last_seen);
	key(o, "summary");
	str(o, f->summary);
	key(o, "analysis");
	str(o, f->analysis);
	key(o, "impact");
	str(o, f->impact);
	key(o, "evidence");
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_evidence; i++) {
		const struct nt_evidence *ev = &f->evidence[i];
		nt_out_puts(o, i ? ",{\"frame\":" : "{\"frame\":");
		nt_out_u(o, ev->frame);
		if (r->n_inputs > 1) {
			nt_out_puts(o, ",\"input\":");
			nt_out_u(o, ev->input);
		}
		if (ev->line) {
			nt_out_puts(o, ",\"line_no\":");
			nt_out_u(o, ev->line);
		}
		nt_out_puts(o, ",\"time\":");
		time_str(o, r, ev->t);
		nt_out_puts(o, ",\"line\":");
		str(o, ev->text);
		nt_out_putc(o, '}');
	}
	nt_out_putc(o, ']');
	key(o, "evidence_omitted");
	nt_out_u(o, f->evidence_dropped);
	key(o, "causes");
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_causes; i++) {
		nt_out_puts(o, i ? ",{\"rank\":" : "{\"rank\":");
		nt_out_u(o, i + 1);
		nt_out_puts(o, ",\"cause\":");
		str(o, f->causes[i].title);
		nt_out_puts(o, ",\"reasoning\":");
		str(o, f->causes[i].reasoning);
		nt_out_putc(o, '}');
	}
	nt_out_putc(o, ']');
	key(o, "figures");
	nt_out_putc(o, '{');
	for (uint32_t i = 0; i < f->n_figures; i++) {
		if (i)
			nt_out_putc(o, ',');
		str(o, f->figures[i].name);
		nt_out_putc(o, ':');
		if (f->figures[i].text[0])
			str(o, f->figures[i].text);
		else
			nt_out_printf(o, "%.10g", f->figures[i].value);
	}
	if (f->series.n) {
		nt_out_puts(o, f->n_figures ? ",\"rate_series\":{\"what\":" : "\"rate_series\":{\"what\":");
		str(o, f->series.what);
		nt_out_puts(o, ",\"start\":");
		time_str(o, r, f->series.start);
		nt_out_printf(o, ",\"step_s\":%u,\"counts\":[", f->series.step_s);
		for (uint32_t i = 0; i < f->series.n; i++)
			nt_out_printf(o, "%s%u", i ? "," : "", f->series.counts[i]);
		nt_out_puts(o, "]}");
	}
	nt_out_putc(o, '}');
	key(o, "next_steps");
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_steps; i++) {
		if (i)
			nt_out_putc(o, ',');
		str(o, f->steps[i]);
	}
	nt_out_puts(o, "]}");
}

void nt_jsonl_finish(struct nt_jsonl *j)
{
	const struct nt_report *r = j->r;
	struct nt_out *o = j->o;
	for (uint32_t i = 0; i < r->n_findings; i++) {
		finding_line(o, r, &r->findings[i]);
		emit(j, r->findings[i].kind);
		j->n_finding++;
	}
	nt_out_puts(o, "{\"event\":\"end\"");
	key(o, "packets");
	nt_out_u(o, r->packets);
	key(o, "dns_events");
	nt_out_u(o, j->n_dns);
	key(o, "icmp_events");
	nt_out_u(o, j->n_icmp);
	key(o, "findings");
	nt_out_u(o, j->n_finding);
	key(o, "findings_omitted");
	nt_out_u(o, r->findings_dropped);
	key(o, "dns_evicted");
	nt_out_u(o, r->tables[NT_TB_DNS].evicted);
	nt_out_putc(o, '}');
	emit(j, NULL);
}
