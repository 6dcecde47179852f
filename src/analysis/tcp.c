/* \summary: TCP handshake outcomes per (client, client port, server,
 * server port): established (SYN-ACK), refused (RST answers the SYN), no
 * answer (SYN retransmitted or unanswered past tcp.timeout) or rejected
 * by ICMP, in a bounded table with oldest-first eviction. */
#include <stdlib.h>
#include <string.h>

#include "analysis/engine.h"

#define NIL (-1)

static uint32_t pow2_at_least(uint32_t n)
{
	uint32_t p = 16;
	while (p < n)
		p <<= 1;
	return p;
}

int nt_tcp_init(struct nt_engine *e)
{
	uint32_t cap = e->tb[NT_TB_TCP].cap;
	e->hs = calloc(cap, sizeof(*e->hs));
	e->hs_nbucket = pow2_at_least(cap);
	e->hs_bucket = malloc(e->hs_nbucket * sizeof(int32_t));
	if (!e->hs || !e->hs_bucket)
		return -1;
	for (uint32_t i = 0; i < e->hs_nbucket; i++)
		e->hs_bucket[i] = NIL;
	for (uint32_t i = 0; i < cap; i++)
		e->hs[i].next_fifo = (int32_t)i + 1 < (int32_t)cap ? (int32_t)i + 1 : NIL;
	e->hs_free = 0;
	e->hs_head = e->hs_tail = NIL;
	return 0;
}

void nt_tcp_free(struct nt_engine *e)
{
	free(e->hs);
	free(e->hs_bucket);
	e->hs = NULL;
	e->hs_bucket = NULL;
}

static uint32_t hs_hash(const struct nt_addr *c, uint16_t cport, const struct nt_addr *s,
			uint16_t sport)
{
	uint32_t h = nt_hash_addr(nt_hash_addr(2166136261u, c), s);
	uint8_t k[4] = {(uint8_t)(cport >> 8), (uint8_t)cport, (uint8_t)(sport >> 8), (uint8_t)sport};
	return nt_hash_bytes(h, k, 4);
}

static int32_t hs_find(struct nt_engine *e, const struct nt_addr *c, uint16_t cport,
		       const struct nt_addr *s, uint16_t sport)
{
	uint32_t h = hs_hash(c, cport, s, sport);
	for (int32_t i = e->hs_bucket[h & (e->hs_nbucket - 1)]; i != NIL; i = e->hs[i].next_hash) {
		const struct nt_tcp_hs *x = &e->hs[i];
		if (x->hash == h && x->cport == cport && x->sport == sport &&
		    nt_addr_eq(&x->client, c) && nt_addr_eq(&x->server, s))
			return i;
	}
	return NIL;
}

static void hs_end(struct nt_engine *e, int32_t i, const struct nt_snap *end_snap)
{
	struct nt_tcp_hs *x = &e->hs[i];
	switch (x->state) {
	case NT_HS_ESTABLISHED: e->tcp.established++; break;
	case NT_HS_REFUSED: e->tcp.refused++; break;
	case NT_HS_NO_ANSWER: e->tcp.no_answer++; break;
	case NT_HS_ICMP: e->tcp.icmp++; break;
	case NT_HS_CAPTURE_END: e->tcp.capture_end++; break;
	default: break;
	}
	struct nt_event ev = {.type = NT_EV_TCP_HS, .hs = x, .end_snap = end_snap};
	nt_emit(e, &ev);
	/* doubly linked hash chain: O(1) even when many entries share a key */
	if (x->prev_hash != NIL)
		e->hs[x->prev_hash].next_hash = x->next_hash;
	else
		e->hs_bucket[x->hash & (e->hs_nbucket - 1)] = x->next_hash;
	if (x->next_hash != NIL)
		e->hs[x->next_hash].prev_hash = x->prev_hash;
	if (x->prev_fifo != NIL)
		e->hs[x->prev_fifo].next_fifo = x->next_fifo;
	else
		e->hs_head = x->next_fifo;
	if (x->next_fifo != NIL)
		e->hs[x->next_fifo].prev_fifo = x->prev_fifo;
	else
		e->hs_tail = x->prev_fifo;
	x->next_fifo = e->hs_free;
	e->hs_free = i;
	e->tb[NT_TB_TCP].used--;
}

static int32_t hs_new(struct nt_engine *e, uint32_t h)
{
	struct nt_table_stats *ts = &e->tb[NT_TB_TCP];
	if (e->hs_free == NIL) {
		ts->evicted++;
		e->hs[e->hs_head].state = NT_HS_EVICTED;
		hs_end(e, e->hs_head, NULL);
	}
	int32_t i = e->hs_free;
	struct nt_tcp_hs *x = &e->hs[i];
	e->hs_free = x->next_fifo;
	memset(x, 0, offsetof(struct nt_tcp_hs, snap));
	x->hash = h;
	int32_t *b = &e->hs_bucket[h & (e->hs_nbucket - 1)];
	x->next_hash = *b;
	x->prev_hash = NIL;
	if (*b != NIL)
		e->hs[*b].prev_hash = i;
	*b = i;
	x->prev_fifo = e->hs_tail;
	x->next_fifo = NIL;
	if (e->hs_tail != NIL)
		e->hs[e->hs_tail].next_fifo = i;
	e->hs_tail = i;
	if (e->hs_head == NIL)
		e->hs_head = i;
	ts->used++;
	ts->inserted++;
	if (ts->used > ts->peak)
		ts->peak = ts->used;
	return i;
}

void nt_tcp_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	const struct nt_flow *f = &pkt->flow;
	uint8_t fl = pkt->tcp_flags;
	int64_t now = nt_pkt_time(pkt);
	if ((fl & (NT_TH_SYN | NT_TH_ACK | NT_TH_RST)) == NT_TH_SYN) {
		int32_t i = hs_find(e, &f->src, f->sport, &f->dst, f->dport);
		if (i != NIL) {
			e->hs[i].syns++;
			e->hs[i].t_last_syn = now;
			return;
		}
		i = hs_new(e, hs_hash(&f->src, f->sport, &f->dst, f->dport));
		struct nt_tcp_hs *x = &e->hs[i];
		x->client = f->src;
		x->server = f->dst;
		x->cport = f->sport;
		x->sport = f->dport;
		x->syns = 1;
		x->t_syn = x->t_last_syn = now;
		nt_snap_fill(&x->snap, pkt, raw);
		e->tcp.attempts++;
		return;
	}
	if (!(fl & (NT_TH_SYN | NT_TH_RST)))
		return;
	/* an answer from the server side */
	int32_t i = hs_find(e, &f->dst, f->dport, &f->src, f->sport);
	if (i == NIL)
		return;
	struct nt_tcp_hs *x = &e->hs[i];
	x->t_end = now;
	if ((fl & (NT_TH_SYN | NT_TH_ACK)) == (NT_TH_SYN | NT_TH_ACK)) {
		x->state = NT_HS_ESTABLISHED;
		hs_end(e, i, NULL);
	} else if (fl & NT_TH_RST) {
		x->state = NT_HS_REFUSED;
		struct nt_snap *snap = &e->scratch;
		nt_snap_fill(snap, pkt, raw);
		hs_end(e, i, snap);
	}
}

void nt_tcp_expire(struct nt_engine *e, int64_t now, int at_end)
{
	while (e->hs_head != NIL) {
		struct nt_tcp_hs *x = &e->hs[e->hs_head];
		if (at_end) {
			x->state = (x->syns >= 2 || now - x->t_syn >= e->tcp_timeout) ? NT_HS_NO_ANSWER
										: NT_HS_CAPTURE_END;
		} else {
			/* wait for retransmissions (backoff doubles) before giving up */
			if (now - x->t_last_syn <= e->dns_late)
				break;
			x->state = NT_HS_NO_ANSWER;
		}
		x->t_end = x->t_last_syn;
		hs_end(e, e->hs_head, NULL);
	}
}

const struct nt_tcp_hs *nt_tcp_link_icmp(struct nt_engine *e, const struct nt_pkt *pkt,
					 const struct nt_raw *raw, const struct nt_icmp_info *info)
{
	const struct nt_flow *q = &pkt->icmp.quote;
	const struct nt_addr *client = q->src.family ? &q->src : &pkt->flow.dst;
	int32_t i = NIL;
	if (q->sport && q->dport) {
		i = hs_find(e, client, q->sport, &q->dst, q->dport);
	} else {
		/* text logs: the quote may lack ports; oldest open attempt wins */
		for (int32_t k = e->hs_head; k != NIL; k = e->hs[k].next_fifo) {
			const struct nt_tcp_hs *x = &e->hs[k];
			if ((!q->dport || x->sport == q->dport) && nt_addr_eq(&x->server, &q->dst) &&
			    nt_addr_eq(&x->client, client)) {
				i = k;
				break;
			}
		}
	}
	if (i == NIL)
		return NULL;
	struct nt_tcp_hs *x = &e->hs[i];
	int unreach = info->verdict != NT_V_FRAG_NEEDED && info->verdict != NT_V_OTHER;
	if (!unreach)
		return x; /* linked, but the handshake goes on */
	x->state = NT_HS_ICMP;
	x->icmp = *info;
	x->t_end = info->t;
	(void)raw;
	hs_end(e, i, NULL);
	return x; /* freed slot, contents intact until the next insert */
}
