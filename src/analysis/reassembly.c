/* \summary: the engine's reassembly stage (analysis/reassembly.h). */
#include "analysis/reassembly.h"

#include <stdlib.h>

#include "analysis/engine.h"
#include "decode/decode.h"
#include "decode/dns.h"

#define NS 1000000000LL

static void set_due(struct nt_reassembly *rs)
{
	int64_t due = rs->ip.next_check;
	int32_t i = nt_itable_oldest(&rs->tcp.tab);
	if (i != NT_NIL && rs->tcp.d[i].t_last + rs->tcp.timeout < due)
		due = rs->tcp.d[i].t_last + rs->tcp.timeout;
	rs->due = due;
}

int nt_reassembly_init(struct nt_engine *e)
{
	struct nt_reassembly *rs = &e->rs;
	e->tb[NT_TB_IP_REASM].cap = (uint32_t)nt_engine_params[NT_P_CAP_IP_REASM].value;
	e->tb[NT_TB_TCP_DNS].cap = (uint32_t)nt_engine_params[NT_P_CAP_TCP_DNS].value;
	int64_t t4 = (int64_t)(nt_engine_params[NT_P_IPFRAG_TIMEOUT].value * NS);
	int64_t t6 = (int64_t)(nt_engine_params[NT_P_IP6FRAG_TIMEOUT].value * NS);
	int64_t tt = (int64_t)(nt_engine_params[NT_P_TCPDNS_TIMEOUT].value * NS);
	rs->dgram = malloc(sizeof(struct nt_pkt));
	rs->msg = malloc(sizeof(struct nt_pkt));
	int rc = nt_reasm_init(&rs->ip, &e->tb[NT_TB_IP_REASM], t4, t6);
	if (nt_tcpdns_init(&rs->tcp, &e->tb[NT_TB_TCP_DNS], tt) < 0)
		rc = -1;
	set_due(rs);
	return rs->dgram && rs->msg ? rc : -1;
}

void nt_reassembly_free(struct nt_engine *e)
{
	struct nt_reassembly *rs = &e->rs;
	nt_reasm_free(&rs->ip);
	nt_tcpdns_free(&rs->tcp);
	free(rs->dgram);
	free(rs->msg);
	rs->dgram = rs->msg = NULL;
}

void nt_reassembly_expire(struct nt_engine *e, int64_t now, int at_end)
{
	nt_reasm_expire(&e->rs.ip, now, at_end);
	nt_tcpdns_expire(&e->rs.tcp, now, at_end);
	set_due(&e->rs);
}

/* Messages of one segment: all but the last go at once, the last stands
 * for the segment. */
struct cut {
	struct nt_engine *e;
	const struct nt_pkt *seg;
	const struct nt_raw *raw;
	unsigned n;
};

/* A message before the last of its segment: to the DNS correlator and
 * the listeners, as a message, not a frame. */
static void earlier_message(struct nt_engine *e, struct nt_pkt *m, const struct nt_raw *raw)
{
	m->flags |= NT_PKT_SAME_FRAME;
	if (m->dns.present && !m->dns.is_mdns && !m->dns.is_llmnr) {
		e->proto[NT_PR_DNS]++;
		nt_dns_packet(e, m, raw);
	}
	nt_publish(e, m, raw);
}

static void on_message(void *ctx, const struct nt_tcpdns_msg *msg)
{
	struct cut *c = ctx;
	struct nt_pkt *m = c->e->rs.msg;
	if (c->n++ > 0)
		earlier_message(c->e, m, c->raw);
	*m = *c->seg;
	nt_decode_dns_message(msg->data, msg->caplen, msg->len, m);
}

static const struct nt_pkt *tcp_dns(struct nt_engine *e, const struct nt_pkt *seg,
				    const struct nt_raw *raw)
{
	struct cut c = {e, seg, raw, 0};
	if (nt_tcpdns_segment(&e->rs.tcp, seg, e->now, on_message, &c) != NT_TD_TAKEN)
		return seg;
	if (c.n > 0)
		return e->rs.msg;
	if (!seg->dns.present)
		return seg;
	/* the stream holds no whole message here (a part of one, a
	 * retransmission): what the frame decoder read is not one */
	struct nt_pkt *m = e->rs.msg;
	*m = *seg;
	nt_dns_clear(&m->dns);
	return m;
}

const struct nt_pkt *nt_reassembly_packet(struct nt_engine *e, const struct nt_pkt *pkt,
					  const struct nt_raw *raw)
{
	struct nt_reassembly *rs = &e->rs;
	if (pkt->reasm & NT_RS_FRAG) {
		struct nt_datagram d;
		int done = nt_reasm_add(&rs->ip, pkt, e->now, &d);
		set_due(rs);
		if (!done)
			return pkt;
		struct nt_pkt *g = rs->dgram;
		g->frame = pkt->frame;
		g->ts_sec = pkt->ts_sec;
		g->ts_nsec = pkt->ts_nsec;
		g->flags = pkt->flags;
		nt_decode_datagram(d.data, d.caplen, d.len, g);
		pkt = g;
	}
	if (pkt->reasm & NT_RS_TCPDNS) {
		pkt = tcp_dns(e, pkt, raw);
		set_due(rs);
	}
	return pkt;
}
