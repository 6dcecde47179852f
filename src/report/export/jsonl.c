/* \summary: JSONL event stream: Zeek dns.log-named DNS transaction
 * records, ICMP errors with their quoted flow and link, and the findings,
 * one JSON object per line, written through the bounded output buffer as
 * the engine completes each of them (nothing of the capture is kept).
 * Each line is built in memory and handed to the sinks with its key. */
#include "report/export/jsonl.h"

#include <string.h>

#include "detectors/common.h"
#include "report/jsonw.h"
#include "proto/dns.h"

#define NS 1000000000LL
/* ceiling of one event line (a finding with all its evidence is far less) */
#define LINE_MAX_BYTES (8u << 20)

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

/* ,"k":v */
static void u_member(struct nt_out *o, const char *k, uint64_t v)
{
	key(o, k);
	nt_out_u(o, v);
}

/* ,"k": and null when the member does not apply to this record (a query's
 * rcode, a quote's ports); returns whether it applies: the caller then
 * writes the value. */
static int applies(struct nt_out *o, const char *k, int yes)
{
	key(o, k);
	if (!yes)
		nt_out_puts(o, "null");
	return yes;
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
	return nt_dns_class_name(c, NT_DNS_ZEEK);
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
	if (n == NULL) {
		nt_out_puts(o, "\"TYPE");
		nt_out_u(o, t);
		nt_out_putc(o, '"');
	} else {
		nt_json_string(o, n);
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
	nt_json_string(o, uid);
	key(o, "id.orig_h");
	addr(o, &t->client);
	u_member(o, "id.orig_p", t->cport);
	key(o, "id.resp_h");
	addr(o, &t->server);
	u_member(o, "id.resp_p", t->sport);
	key(o, "proto");
	nt_json_string(o, proto_name(t->proto));
	u_member(o, "trans_id", t->id);
	if (applies(o, "rtt", t->state == NT_TXN_ANSWERED))
		secs(o, t->t_end - t->t_query);
	/* Zeek logs the query lower-cased; the name as sent when it differs
	 * (Zeek's policy/protocols/dns/log-original-query-case) */
	char low[NT_DNS_NAME_MAX];
	int mixed = 0;
	size_t ql = strnlen(t->qname, sizeof(low) - 1);
	for (size_t i = 0; i < ql; i++) {
		char ch = t->qname[i];
		low[i] = (char)(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
		mixed |= low[i] != ch;
	}
	low[ql] = '\0';
	if (applies(o, "query", has_q))
		nt_json_string(o, low);
	if (has_q && mixed) {
		key(o, "original_query");
		nt_json_string(o, t->qname);
	}
	const char *qcn = qclass_name(t->qclass);
	if (applies(o, "qclass", has_q && t->qclass))
		nt_out_u(o, t->qclass);
	if (applies(o, "qclass_name", has_q && qcn))
		nt_json_string(o, qcn);
	if (applies(o, "qtype", has_q))
		nt_out_u(o, t->qtype);
	if (applies(o, "qtype_name", has_q))
		type_name(o, t->qtype);
	if (applies(o, "rcode", response))
		nt_out_u(o, t->rcode);
	char rb[16];
	if (applies(o, "rcode_name", response))
		nt_json_string(o, nt_rcode_text(t->rcode, rb, sizeof(rb)));
	key(o, "AA");
	boolean(o, response && t->aa);
	key(o, "TC");
	boolean(o, response && t->tc);
	key(o, "RD");
	boolean(o, t->rd);
	key(o, "RA");
	boolean(o, response && t->ra);
	u_member(o, "Z", t->z);
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
	/* Zeek: opcode and its name (scripts/consts.zeek; opcode-N when it has none) */
	u_member(o, "opcode", t->opcode);
	key(o, "opcode_name");
	const char *opn = nt_dns_opcode_name(t->opcode, NT_DNS_ZEEK);
	if (opn) {
		nt_json_string(o, opn);
	} else {
		char ob[24];
		snprintf(ob, sizeof(ob), "opcode-%u", (unsigned)t->opcode);
		nt_json_string(o, ob);
	}
	key(o, "state");
	nt_json_string(o, t->after_icmp ? "answered_after_icmp" : state_name(t->state));
	/* a transaction still open at the end, or evicted, never ended */
	if (applies(o, "ts_end", t->state != NT_TXN_CAPTURE_END && t->state != NT_TXN_EVICTED))
		secs(o, t->t_end);
	u_member(o, "attempt", t->attempt);
	key(o, "late");
	boolean(o, t->late);
	if (applies(o, "icmp_type", t->state == NT_TXN_ICMP))
		nt_out_u(o, t->icmp.type);
	if (applies(o, "icmp_code", t->state == NT_TXN_ICMP))
		nt_out_u(o, t->icmp.code);
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
	nt_json_string(o, uid);
	key(o, "id.orig_h");
	addr(o, &pkt->flow.src);
	key(o, "id.resp_h");
	addr(o, &pkt->flow.dst);
	key(o, "proto");
	nt_json_string(o, ic->v6 ? "icmp6" : "icmp");
	u_member(o, "icmp_type", ic->type);
	u_member(o, "icmp_code", ic->code);
	key(o, "reason");
	nt_json_string(o, nt_icmp_code_text(&info));
	if (applies(o, "mtu", ic->mtu != 0))
		nt_out_u(o, ic->mtu);
	key(o, "quoted");
	boolean(o, ic->has_quote);
	/* what the error quotes of the datagram that failed */
	int hq = ic->has_quote;
	if (applies(o, "quoted.proto", hq && q->proto))
		nt_json_string(o, proto_name(q->proto));
	if (applies(o, "quoted.id.orig_h", hq && q->src.family))
		addr(o, &q->src);
	if (applies(o, "quoted.id.orig_p", hq && q->sport))
		nt_out_u(o, q->sport);
	if (applies(o, "quoted.id.resp_h", hq && q->dst.family))
		addr(o, &q->dst);
	if (applies(o, "quoted.id.resp_p", hq && q->dport))
		nt_out_u(o, q->dport);
	if (applies(o, "quoted.trans_id", hq && ic->quote_has_dns_id))
		nt_out_u(o, ic->quote_dns_id);
	if (applies(o, "quoted.query", hq && ic->quote_qname[0]))
		nt_json_string(o, ic->quote_qname);
	key(o, "from_target");
	boolean(o, hq && q->dst.family && nt_addr_eq(&pkt->flow.src, &q->dst));
	key(o, "linked");
	nt_json_string(o, j->link == 1 ? "dns" : j->link == 2 ? "tcp" : "none");
	if (applies(o, "linked_uid", j->link != 0))
		nt_json_string(o, j->link_uid);
	nt_out_putc(o, '}');
	emit(j, uid);
	j->n_icmp++;
	j->link = 0;
}

void nt_jsonl_finish(struct nt_jsonl *j)
{
	const struct nt_report *r = j->r;
	struct nt_out *o = j->o;
	for (uint32_t i = 0; i < r->n_findings; i++) {
		nt_json_finding(o, r, &r->findings[i], &nt_json_compact);
		emit(j, r->findings[i].kind);
		j->n_finding++;
	}
	nt_out_puts(o, "{\"event\":\"end\"");
	u_member(o, "packets", r->packets);
	u_member(o, "dns_events", j->n_dns);
	u_member(o, "icmp_events", j->n_icmp);
	u_member(o, "findings", j->n_finding);
	u_member(o, "findings_omitted", r->findings_dropped);
	u_member(o, "dns_evicted", r->tables[NT_TB_DNS].st.evicted);
	nt_out_putc(o, '}');
	emit(j, NULL);
}

static void on_packet(void *ctx, const struct nt_engine *e, const struct nt_pkt *pkt,
		      const struct nt_raw *raw)
{
	nt_jsonl_packet(ctx, pkt);
}

static void on_event(void *ctx, const struct nt_engine *e, const struct nt_event *ev)
{
	nt_jsonl_observe(ctx, ev);
}

struct nt_listener nt_jsonl_listener(struct nt_jsonl *j)
{
	return (struct nt_listener){.on_packet = on_packet, .on_event = on_event, .ctx = j};
}
