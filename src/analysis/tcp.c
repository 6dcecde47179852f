/* \summary: TCP handshake outcomes per (client, client port, server,
 * server port): established (SYN-ACK), refused (RST answers the SYN), no
 * answer (SYN retransmitted or unanswered past tcp.timeout) or rejected
 * by ICMP, in a bounded table with oldest-first eviction.  A RST that
 * answers a SYN is held for tcp.timeout: when the server's own SYN-ACK
 * follows, the connection was established and the RST was forged on the
 * path (RST injection, as censors and some IPS do); otherwise the
 * connection was refused. */
#include <stdlib.h>
#include <string.h>

#include "analysis/engine.h"

#define NIL NT_NIL

int nt_tcp_init(struct nt_engine *e)
{
	e->hs = nt_itable_init(&e->hs_tab, sizeof(struct nt_tcp_hs), offsetof(struct nt_tcp_hs, link),
			       &e->tb[NT_TB_TCP]);
	e->rst_hold = calloc(NT_RST_HOLD, sizeof(*e->rst_hold));
	return e->hs && e->rst_hold ? 0 : -1;
}

void nt_tcp_free(struct nt_engine *e)
{
	nt_itable_free(&e->hs_tab);
	free(e->rst_hold);
	e->hs = NULL;
	e->rst_hold = NULL;
}

static uint32_t hs_hash(const struct nt_addr *c, uint16_t cport, const struct nt_addr *s,
			uint16_t sport)
{
	uint32_t h = nt_hash_addr(nt_hash_addr(NT_FNV_SEED, c), s);
	uint8_t k[4] = {(uint8_t)(cport >> 8), (uint8_t)cport, (uint8_t)(sport >> 8), (uint8_t)sport};
	return nt_hash_bytes(h, k, 4);
}

static int32_t hs_find(struct nt_engine *e, const struct nt_addr *c, uint16_t cport,
		       const struct nt_addr *s, uint16_t sport)
{
	uint32_t h = hs_hash(c, cport, s, sport);
	for (int32_t i = nt_itable_first(&e->hs_tab, h); i != NIL; i = e->hs[i].link.next_hash) {
		const struct nt_tcp_hs *x = &e->hs[i];
		if (x->link.hash == h && x->cport == cport && x->sport == sport &&
		    nt_addr_eq(&x->client, c) && nt_addr_eq(&x->server, s))
			return i;
	}
	return NIL;
}

static void hs_end(struct nt_engine *e, int32_t i, const struct nt_snap *end_snap)
{
	struct nt_tcp_hs *x = &e->hs[i];
	switch (x->state) {
	case NT_HS_ESTABLISHED:
		e->tcp.established++;
		e->tcp.reset_injected += x->rst_injected;
		break;
	case NT_HS_REFUSED: e->tcp.refused++; break;
	case NT_HS_NO_ANSWER: e->tcp.no_answer++; break;
	case NT_HS_ICMP: e->tcp.icmp++; break;
	case NT_HS_CAPTURE_END: e->tcp.capture_end++; break;
	case NT_HS_UNSEEN_ANSWER: e->tcp.unseen_answer++; break;
	default: break;
	}
	struct nt_event ev = {.type = NT_EV_TCP_HS, .hs = x, .end_snap = end_snap};
	nt_emit(e, &ev);
	nt_itable_remove(&e->hs_tab, i);
}

static int32_t hs_new(struct nt_engine *e, uint32_t h)
{
	int32_t old = nt_itable_victim(&e->hs_tab);
	if (old != NIL) {
		e->hs[old].state = NT_HS_EVICTED;
		hs_end(e, old, NULL);
	}
	int32_t i = nt_itable_insert(&e->hs_tab, h);
	memset(&e->hs[i], 0, offsetof(struct nt_tcp_hs, snap));
	return i;
}

/* Ends the oldest held RST as a refused connection (if its handshake is
 * still waiting) and frees its place. */
static void release_oldest(struct nt_engine *e)
{
	struct nt_rst_hold *h = &e->rst_hold[e->rst_head];
	e->rst_head = (e->rst_head + 1) % NT_RST_HOLD;
	e->rst_n--;
	if (h->hs == NIL)
		return;
	struct nt_tcp_hs *x = &e->hs[h->hs];
	int32_t i = h->hs;
	h->hs = NIL;
	if (x->link.hash != h->hash || !x->rst_pending)
		return; /* the handshake ended or was evicted meanwhile */
	x->rst_pending = 0;
	x->state = NT_HS_REFUSED;
	hs_end(e, i, &h->snap);
}

static void hold_rst(struct nt_engine *e, int32_t i, const struct nt_pkt *pkt,
		     const struct nt_raw *raw)
{
	if (e->rst_n == NT_RST_HOLD)
		release_oldest(e); /* full: the oldest is decided now */
	struct nt_rst_hold *h = &e->rst_hold[(e->rst_head + e->rst_n) % NT_RST_HOLD];
	e->rst_n++;
	h->hs = i;
	h->hash = e->hs[i].link.hash;
	h->t = nt_pkt_time(pkt);
	nt_snap_fill(&h->snap, pkt, raw);
	e->hs[i].rst_pending = 1;
}

/* The RST held for handshake i (its place is then free), or NULL. */
static const struct nt_snap *held_rst(struct nt_engine *e, int32_t i)
{
	for (uint32_t k = 0; k < e->rst_n; k++) {
		struct nt_rst_hold *h = &e->rst_hold[(e->rst_head + k) % NT_RST_HOLD];
		if (h->hs == i && h->hash == e->hs[i].link.hash) {
			h->hs = NIL;
			return &h->snap;
		}
	}
	return NULL;
}

/* The filter bit of a (client, client port, server, server port): cheap,
 * from the ports and a byte of each address. */
static uint32_t syn_bit(const struct nt_addr *c, uint16_t cport, const struct nt_addr *s,
			uint16_t sport)
{
	uint32_t x = (uint32_t)cport * 2654435761u ^ (uint32_t)sport * 40503u ^
		     (uint32_t)c->a[3] << 8 ^ (uint32_t)s->a[3] << 16 ^ c->a[15] ^ s->a[14];
	return (x ^ x >> 15) & (NT_SYN_FILTER - 1);
}

/* The filter from the handshakes still open. */
static void rebuild_filter(struct nt_engine *e)
{
	memset(e->syn_filter, 0, sizeof(e->syn_filter));
	e->syn_filter_adds = 0;
	for (int32_t i = nt_itable_oldest(&e->hs_tab); i != NIL; i = e->hs[i].link.next_age) {
		const struct nt_tcp_hs *x = &e->hs[i];
		uint32_t b = syn_bit(&x->client, x->cport, &x->server, x->sport);
		e->syn_filter[b >> 6] |= 1ull << (b & 63);
		e->syn_filter_adds++;
	}
}

void nt_tcp_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	const struct nt_flow *f = &pkt->flow;
	uint8_t fl = pkt->tcp_flags;
	int64_t now = nt_pkt_time(pkt);
	if ((fl & (NT_TH_SYN | NT_TH_RST | NT_TH_ACK)) == NT_TH_ACK) {
		/* the client's ACK or data: did its handshake get an answer we did not see? */
		uint32_t b = syn_bit(&f->src, f->sport, &f->dst, f->dport);
		if (!(e->syn_filter[b >> 6] >> (b & 63) & 1))
			return;
		int32_t i = hs_find(e, &f->src, f->sport, &f->dst, f->dport);
		if (i == NIL || e->hs[i].rst_pending)
			return;
		struct nt_tcp_hs *x = &e->hs[i];
		x->state = NT_HS_UNSEEN_ANSWER;
		x->t_end = now;
		nt_engine_one_sided(e, &x->client);
		hs_end(e, i, NULL);
		return;
	}
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
		x->syn_ttl = pkt->ttl;
		nt_snap_fill(&x->snap, pkt, raw);
		if (++e->syn_filter_adds > NT_SYN_FILTER / 4)
			rebuild_filter(e); /* bits of ended handshakes would pile up */
		uint32_t b = syn_bit(&f->src, f->sport, &f->dst, f->dport);
		e->syn_filter[b >> 6] |= 1ull << (b & 63);
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
	if ((fl & (NT_TH_SYN | NT_TH_ACK)) == (NT_TH_SYN | NT_TH_ACK)) {
		x->state = NT_HS_ESTABLISHED;
		x->synack_ttl = pkt->ttl;
		x->t_synack = now;
		const struct nt_snap *rst = NULL;
		if (x->rst_pending) {
			/* the server answered after all: the RST came from the path */
			x->rst_pending = 0;
			x->rst_injected = 1;
			rst = held_rst(e, i);
		} else {
			x->t_end = now;
		}
		hs_end(e, i, rst);
	} else if ((fl & NT_TH_RST) && !x->rst_pending) {
		x->t_end = now;
		x->t_rst = now;
		x->rst_ttl = pkt->ttl;
		hold_rst(e, i, pkt, raw);
	}
}

void nt_tcp_expire(struct nt_engine *e, int64_t now, int at_end)
{
	/* RSTs not followed by the server's SYN-ACK within tcp.timeout */
	while (e->rst_n && (at_end || now - e->rst_hold[e->rst_head].t > e->tcp_timeout))
		release_oldest(e);
	int32_t i;
	while ((i = nt_itable_oldest(&e->hs_tab)) != NIL) {
		struct nt_tcp_hs *x = &e->hs[i];
		if (x->rst_pending) {
			/* its RST is held (not at the end: the ring was emptied above) */
			if (!at_end)
				break;
			x->rst_pending = 0;
			x->state = NT_HS_REFUSED;
			hs_end(e, i, NULL);
			continue;
		}
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
		hs_end(e, i, NULL);
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
		for (int32_t k = nt_itable_oldest(&e->hs_tab); k != NIL; k = e->hs[k].link.next_age) {
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
