/* \summary: DNS correlation: transactions (a query and its response,
 * timeout or ICMP error, paired on client, server, ports, protocol, id
 * and question) and lookups (all attempts of the same question by the
 * same client), in bounded tables with oldest-first eviction. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "analysis/engine.h"

#define NIL NT_NIL

int nt_dns_init(struct nt_engine *e)
{
	e->txn = nt_itable_init(&e->txn_tab, sizeof(struct nt_dns_txn),
				offsetof(struct nt_dns_txn, link), &e->tb[NT_TB_DNS]);
	if (e->txn == NULL)
		return -1;
	e->lk = nt_itable_init(&e->lk_tab, sizeof(struct nt_lookup), offsetof(struct nt_lookup, link),
			       &e->tb[NT_TB_LOOKUP]);
	if (e->lk == NULL)
		return -1;
	/* NT_DNS_TOMBS x ~1 KiB, fixed */
	e->tomb = calloc(NT_DNS_TOMBS, sizeof(struct nt_dns_txn));
	if (e->tomb == NULL)
		return -1;
	return nt_ktab_init(&e->prof, sizeof(struct nt_dns_prof),
			    (uint32_t)nt_engine_params[NT_P_CAP_SERVERS].value);
}

void nt_dns_free(struct nt_engine *e)
{
	nt_itable_free(&e->txn_tab);
	nt_itable_free(&e->lk_tab);
	nt_ktab_free(&e->prof);
	free(e->tomb);
	e->txn = NULL;
	e->lk = NULL;
	e->tomb = NULL;
}

/* src into dst (size bytes), cut to fit. */
static void copy_name(char *dst, const char *src, size_t size)
{
	size_t n = strnlen(src, size - 1);
	memcpy(dst, src, n);
	dst[n] = '\0';
}

/* ---- keys ---- */

static uint32_t txn_hash(const struct nt_addr *client, uint16_t cport, const struct nt_addr *server,
			 uint16_t sport, uint8_t proto)
{
	uint32_t h = NT_FNV_SEED;
	h = nt_hash_addr(h, client);
	h = nt_hash_addr(h, server);
	uint8_t k[5] = {(uint8_t)(cport >> 8), (uint8_t)cport, (uint8_t)(sport >> 8),
			(uint8_t)sport, proto};
	return nt_hash_bytes(h, k, sizeof(k));
}

static uint32_t lk_hash(const struct nt_addr *client, const char *qname, uint16_t qtype)
{
	uint32_t h = nt_hash_addr(NT_FNV_SEED, client);
	for (const char *p = qname; *p; p++) {
		h = nt_fnv_byte(h, (uint8_t)tolower((unsigned char)*p));
	}
	uint8_t k[2] = {(uint8_t)(qtype >> 8), (uint8_t)qtype};
	return nt_hash_bytes(h, k, 2);
}

/* A duration added to a running sum: time stamps may go backwards or be
 * decades apart in hostile input, so negative spans count as 0 and the
 * sum saturates instead of overflowing. */
static void add_span(int64_t *sum, int64_t d)
{
	if (d <= 0)
		return;
	*sum = *sum > INT64_MAX - d ? INT64_MAX : *sum + d;
}

/* ---- per-server profiles ---- */

/* The profile of a server; create: 0 only finds it. */
static struct nt_dns_prof *prof_of(struct nt_engine *e, const struct nt_addr *server,
				   uint16_t port, uint8_t proto, int64_t now, int create)
{
	struct nt_dns_prof *p = e->prof_hot;
	/* the slot may have been given to another server since: compare keys */
	if (p && p->port == port && p->proto == proto && nt_addr_eq(&p->addr, server)) {
		if (now > p->h.t_last)
			p->h.t_last = now;
		return p;
	}
	p = create ? nt_prof_get(&e->prof, server, port, proto, now)
		   : (struct nt_dns_prof *)nt_prof_find(&e->prof, server, port, proto);
	if (p)
		e->prof_hot = p;
	return p;
}

/* A transaction ended: its server's profile counts it. */
static void prof_txn(struct nt_engine *e, const struct nt_dns_txn *t)
{
	if (t->state == NT_TXN_UNSOLICITED)
		return;
	struct nt_dns_prof *p = prof_of(e, &t->server, t->sport, t->proto, t->t_query, 1);
	if (p == NULL)
		return;
	struct nt_prof_qtype *q = nt_prof_qtype(p, t->qtype);
	switch (t->state) {
	case NT_TXN_ANSWERED:
		p->answered++;
		q->answered++;
		if (t->t_end > q->t_last_answered)
			q->t_last_answered = t->t_end;
		if (t->rcode < NT_PROF_RCODES)
			p->rcode[t->rcode]++;
		else
			p->rcode_other++;
		if (t->rcode == 0)
			q->noerror++;
		else if (t->rcode == 3)
			q->nxdomain++;
		else
			q->errors++;
		if (t->late)
			p->late++;
		nt_prof_rtt(p, t->t_end - t->t_query);
		break;
	case NT_TXN_UNANSWERED:
		p->unanswered++;
		if (q->unanswered++ == 0 || t->t_query < q->t_first_unanswered)
			q->t_first_unanswered = t->t_query;
		break;
	case NT_TXN_ICMP: {
		p->icmp++;
		q->icmp++;
		const struct nt_icmp_info *ic = &t->icmp;
		if (ic->from_target) {
			p->icmp_claims_target++;
		} else {
			if (p->icmp_router == 0)
				p->icmp_reporter = ic->reporter;
			p->icmp_router++;
		}
		if (ic->ttl && (p->err_ttl_min == 0 || ic->ttl < p->err_ttl_min))
			p->err_ttl_min = ic->ttl;
		if (ic->ttl > p->err_ttl_max)
			p->err_ttl_max = ic->ttl;
		uint8_t sent = t->snap.facts.ttl;
		if (sent)
			p->sent_ttl = sent;
		if (sent && ic->quote_ttl && ic->quote_ttl <= sent && sent - ic->quote_ttl < 128) {
			int8_t hops = (int8_t)(sent - ic->quote_ttl);
			if (p->quote_hops_min < 0 || hops < p->quote_hops_min)
				p->quote_hops_min = hops;
			if (hops > p->quote_hops_max)
				p->quote_hops_max = hops;
		}
		int64_t d = t->t_end - t->t_query;
		if (d >= 0 && d <= NT_PROF_FAST_NS)
			p->icmp_fast++;
		if (p->icmp_delay_min_ns < 0 || d < p->icmp_delay_min_ns)
			p->icmp_delay_min_ns = d;
		if (d > p->icmp_delay_max_ns)
			p->icmp_delay_max_ns = d;
		break;
	}
	case NT_TXN_CAPTURE_END: p->capture_end++; break;
	case NT_TXN_EVICTED: p->evicted++; break;
	default: break;
	}
}

/* A lookup ended: the server its first query went to counts it. */
static void prof_lookup(struct nt_engine *e, const struct nt_lookup *l)
{
	if (l->first_server.family == 0)
		return;
	struct nt_dns_prof *p = prof_of(e, &l->first_server, l->first_port, l->first_proto,
					l->t_first, 1);
	if (p == NULL)
		return;
	p->lookups++;
	if (l->state == NT_LK_FAILED) {
		p->lookups_failed++;
	} else if (l->state == NT_LK_ANSWERED && !nt_addr_eq(&l->answered_by, &l->first_server)) {
		int64_t d = l->t_answer - l->t_first;
		if (p->lookups_elsewhere == 0)
			p->elsewhere = l->answered_by;
		else if (!nt_addr_eq(&p->elsewhere, &l->answered_by))
			p->elsewhere_servers++;
		p->lookups_elsewhere++;
		add_span(&p->elsewhere_delay_sum_ns, d);
		if (d > p->elsewhere_delay_max_ns)
			p->elsewhere_delay_max_ns = d;
	}
}

/* ---- lookup table ---- */

/* Ends a lookup: emits it and frees its entry. */
static void lk_end(struct nt_engine *e, int32_t i, int at_end)
{
	struct nt_lookup *l = &e->lk[i];
	if (l->state == NT_LK_OPEN) {
		if ((l->pending || l->open_at_end) && at_end)
			l->state = NT_LK_CAPTURE_END;
		else
			l->state = NT_LK_FAILED;
	}
	e->dns.lookups++;
	if (l->state == NT_LK_FAILED) {
		e->dns.lookups_failed++;
		if (l->t_giveup - l->t_first > e->dns.giveup_max_ns)
			e->dns.giveup_max_ns = l->t_giveup - l->t_first;
	} else if (l->state == NT_LK_ANSWERED) {
		int64_t d = l->t_answer - l->t_first;
		e->dns.lookups_answered++;
		add_span(&e->dns.answer_sum_ns, d);
		if (d > e->dns.answer_max_ns)
			e->dns.answer_max_ns = d;
	}
	prof_lookup(e, l);
	/* attempts still in the transaction table lose their lookup: the
	 * generation bump below invalidates their link without a scan */
	struct nt_event ev = {.type = NT_EV_DNS_LOOKUP, .lookup = l};
	nt_emit(e, &ev);
	l->gen++;
	nt_itable_remove(&e->lk_tab, i);
}

static int32_t lk_find(struct nt_engine *e, const struct nt_addr *client, const char *qname,
		       uint16_t qtype, uint32_t h)
{
	for (int32_t i = nt_itable_first(&e->lk_tab, h); i != NIL; i = e->lk[i].link.next_hash) {
		struct nt_lookup *l = &e->lk[i];
		if (l->link.hash == h && l->qtype == qtype && nt_addr_eq(&l->client, client) &&
		    strcasecmp(l->qname, qname) == 0)
			return i;
	}
	return NIL;
}

static int32_t lk_new(struct nt_engine *e, uint32_t h)
{
	int32_t old = nt_itable_victim(&e->lk_tab);
	if (old != NIL)
		lk_end(e, old, 0);
	int32_t i = nt_itable_insert(&e->lk_tab, h);
	struct nt_lookup *l = &e->lk[i];
	uint32_t gen = l->gen;
	memset(l, 0, offsetof(struct nt_lookup, link));
	l->gen = gen;
	return i;
}

/* ---- transaction table ---- */

/* Ends a transaction in its final state: updates the lookup, emits, frees. */
static void txn_end(struct nt_engine *e, int32_t i, const struct nt_snap *end_snap)
{
	struct nt_dns_txn *t = &e->txn[i];
	struct nt_dns_stats *st = &e->dns;
	switch (t->state) {
	case NT_TXN_ANSWERED: {
		st->answered++;
		int64_t rtt = t->t_end - t->t_query;
		add_span(&st->rtt_sum_ns, rtt);
		if (rtt > st->rtt_max_ns)
			st->rtt_max_ns = rtt;
		if (t->late)
			st->late++;
		break;
	}
	case NT_TXN_UNANSWERED: st->unanswered++; break;
	case NT_TXN_ICMP: st->icmp++; break;
	case NT_TXN_CAPTURE_END: st->capture_end++; break;
	default: break;
	}
	if (t->lookup != NIL && e->lk[t->lookup].gen != t->lookup_gen)
		t->lookup = NIL; /* its lookup ended meanwhile */
	if (t->lookup != NIL) {
		struct nt_lookup *l = &e->lk[t->lookup];
		if (l->pending)
			l->pending--;
		if (t->state == NT_TXN_ANSWERED) {
			if (l->state != NT_LK_ANSWERED) {
				l->state = NT_LK_ANSWERED;
				l->t_answer = t->t_end;
				l->rcode = t->rcode;
				l->answered_by = t->server;
			}
		} else if (t->state == NT_TXN_ICMP) {
			l->failed_icmp++;
			l->t_giveup = t->t_end;
		} else if (t->state == NT_TXN_UNANSWERED) {
			l->failed_timeout++;
			l->t_giveup = t->t_end;
		} else if (t->state == NT_TXN_CAPTURE_END) {
			l->open_at_end = 1;
		}
	}
	prof_txn(e, t);
	struct nt_event ev = {.type = NT_EV_DNS_TXN, .txn = t, .end_snap = end_snap};
	nt_emit(e, &ev);
	int32_t li = t->lookup;
	nt_itable_remove(&e->txn_tab, i);
	/* an answered lookup with nothing outstanding is complete */
	if (li != NIL && e->lk[li].state == NT_LK_ANSWERED && e->lk[li].pending == 0)
		lk_end(e, li, 0);
}

static int32_t txn_new(struct nt_engine *e, uint32_t h)
{
	/* full: the oldest pending query goes */
	int32_t old = nt_itable_victim(&e->txn_tab);
	if (old != NIL) {
		e->txn[old].state = NT_TXN_EVICTED;
		txn_end(e, old, NULL);
	}
	int32_t i = nt_itable_insert(&e->txn_tab, h);
	struct nt_dns_txn *t = &e->txn[i];
	memset(t, 0, offsetof(struct nt_dns_txn, snap));
	t->lookup = NIL;
	return i;
}

static void on_query(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	const struct nt_dns *d = &pkt->dns;
	int64_t now = nt_pkt_time(pkt);
	e->dns.queries++;
	const char *qname = d->has_question ? d->qname : "";
	/* the lookup this attempt belongs to */
	uint32_t lh = lk_hash(&pkt->flow.src, qname, d->qtype);
	int32_t li = lk_find(e, &pkt->flow.src, qname, d->qtype, lh);
	if (li != NIL) {
		struct nt_lookup *l = &e->lk[li];
		int same = l->last_id == d->id && l->last_cport == pkt->flow.sport;
		int64_t gap = now - l->t_last_query;
		int retry = l->state != NT_LK_ANSWERED &&
			    (gap <= e->dns_retry || (same && gap <= e->dns_same_id));
		if (!retry) {
			lk_end(e, li, 0);
			li = NIL;
		}
	}
	if (li == NIL) {
		li = lk_new(e, lh);
		struct nt_lookup *l = &e->lk[li];
		l->client = pkt->flow.src;
		l->qtype = d->qtype;
		copy_name(l->qname, qname, sizeof(l->qname));
		l->t_first = now;
		l->server = pkt->flow.dst;
		l->servers = 1;
		l->first_server = pkt->flow.dst;
		l->first_port = pkt->flow.dport;
		l->first_proto = pkt->flow.proto;
	} else {
		e->dns.retries++;
		nt_itable_touch(&e->lk_tab, li);
	}
	struct nt_lookup *l = &e->lk[li];
	if (!nt_addr_eq(&l->server, &pkt->flow.dst)) {
		l->servers++;
		l->server = pkt->flow.dst;
	}
	l->attempts++;
	l->pending++;
	l->last_id = d->id;
	l->last_cport = pkt->flow.sport;
	l->t_last_query = now;

	struct nt_dns_prof *p = prof_of(e, &pkt->flow.dst, pkt->flow.dport, pkt->flow.proto, now, 1);
	if (p) {
		p->queries++;
		nt_prof_qtype(p, d->qtype)->queries++;
	}
	uint32_t h = txn_hash(&pkt->flow.src, pkt->flow.sport, &pkt->flow.dst, pkt->flow.dport,
			      pkt->flow.proto);
	int32_t ti = txn_new(e, h);
	/* txn_new may have evicted the lookup's attempt, never the lookup */
	struct nt_dns_txn *t = &e->txn[ti];
	t->client = pkt->flow.src;
	t->server = pkt->flow.dst;
	t->cport = pkt->flow.sport;
	t->sport = pkt->flow.dport;
	t->proto = pkt->flow.proto;
	t->id = d->id;
	t->qtype = d->qtype;
	t->t_query = now;
	t->lookup = li;
	t->lookup_gen = l->gen;
	t->attempt = l->attempts;
	t->rd = d->rd;
	t->z = d->z;   /* Zeek: Z from the query */
	t->opcode = d->opcode;
	t->qclass = d->qclass;
	t->has_ede = 0;
	t->frag_first = 0;
	t->frag_udp_len = 0;
	t->ede_text[0] = t->soa_zone[0] = '\0';
	copy_name(t->qname, qname, sizeof(t->qname));
	nt_snap_fill(&t->snap, pkt, raw);
}

static void fill_answer(struct nt_dns_txn *t, const struct nt_dns *d)
{
	t->rcode = d->rcode;
	t->tc = d->tc;
	t->ancount = d->ancount;
	t->min_ttl = d->min_ttl;
	t->aa = d->aa;
	t->ra = d->ra;
	t->rejected = d->rcode != 0 && d->qdcount == 0;
	t->has_ede = d->has_ede;
	t->ede_code = d->ede_code;
	/* the strings, not their buffers: most answers carry neither */
	copy_name(t->ede_text, d->ede_text, sizeof(t->ede_text));
	copy_name(t->soa_zone, d->soa_zone, sizeof(t->soa_zone));
	t->soa_minimum = d->soa_minimum;
	t->n_addr = 0;
	for (unsigned i = 0; i < d->n_rr && t->n_addr < 2; i++)
		if (d->rr[i].addr.family) {
			t->addr_ttl[t->n_addr] = d->rr[i].ttl;
			t->addr[t->n_addr++] = d->rr[i].addr;
		}
}

/* Whether the response pkt answers transaction t (same client, server,
 * ports, id, and question when both carry one). */
/* Whether pkt, from the server to the client, carries id on the ports
 * of transaction t. */
static int reply_to(const struct nt_dns_txn *t, const struct nt_pkt *pkt, uint16_t id)
{
	return t->id == id && t->cport == pkt->flow.dport && t->sport == pkt->flow.sport &&
	       t->proto == pkt->flow.proto && nt_addr_eq(&t->client, &pkt->flow.dst) &&
	       nt_addr_eq(&t->server, &pkt->flow.src);
}

static int answers(const struct nt_dns_txn *t, const struct nt_pkt *pkt)
{
	const struct nt_dns *d = &pkt->dns;
	return reply_to(t, pkt, d->id) &&
	       (!d->has_question || t->qname[0] == '\0' ||
		(t->qtype == d->qtype && strcasecmp(t->qname, d->qname) == 0));
}

/* A response to a query that an ICMP error had already ended (the error
 * came from a middlebox, or the service came back): paired with the
 * kept transaction, counted apart, and its lookup marked answered. */
static int answered_after_icmp(struct nt_engine *e, const struct nt_pkt *pkt,
			       const struct nt_raw *raw, uint32_t h)
{
	struct nt_dns_txn *t = &e->tomb[h & (NT_DNS_TOMBS - 1)];
	int64_t now = nt_pkt_time(pkt);
	if (t->state != NT_TXN_ICMP || t->link.hash != h || !answers(t, pkt) ||
	    now < t->t_end || now - t->t_query > e->dns_timeout + e->dns_late)
		return 0;
	e->dns.answered_after_icmp++;
	struct nt_dns_prof *p = prof_of(e, &t->server, t->sport, t->proto, now, 1);
	if (p)
		p->after_icmp++;
	t->state = NT_TXN_ANSWERED;
	t->after_icmp = 1;
	t->t_end = now;
	t->late = now - t->t_query > e->dns_timeout;
	fill_answer(t, &pkt->dns);
	if (t->lookup != NIL && e->lk[t->lookup].gen == t->lookup_gen &&
	    e->lk[t->lookup].state != NT_LK_ANSWERED) {
		struct nt_lookup *l = &e->lk[t->lookup];
		l->state = NT_LK_ANSWERED;
		l->t_answer = now;
		l->rcode = t->rcode;
		l->answered_by = t->server;
	}
	struct nt_snap *snap = &e->scratch;
	nt_snap_fill(snap, pkt, raw);
	struct nt_event ev = {.type = NT_EV_DNS_TXN, .txn = t, .end_snap = snap};
	nt_emit(e, &ev);
	t->state = NT_TXN_PENDING; /* one answer per tomb */
	return 1;
}

void nt_dns_first_fragment(struct nt_engine *e, const struct nt_pkt *pkt)
{
	/* the decoder leaves a cut datagram's DNS alone: the header is read
	 * here, from the fragment's payload (id, QR) */
	const uint8_t *m = pkt->payload;
	if (m == NULL || pkt->payload_caplen < 12 || !(m[2] & 0x80))
		return;
	uint16_t id = (uint16_t)(m[0] << 8 | m[1]);
	uint32_t h = txn_hash(&pkt->flow.dst, pkt->flow.dport, &pkt->flow.src, pkt->flow.sport,
			      pkt->flow.proto);
	uint32_t ulen = pkt->frag_caplen >= 8 && pkt->frag_data
				? (uint32_t)(pkt->frag_data[4] << 8 | pkt->frag_data[5]) : 0;
	for (int32_t i = nt_itable_first(&e->txn_tab, h); i != NIL;) {
		struct nt_dns_txn *t = &e->txn[i];
		int32_t next = t->link.next_hash;
		if (t->link.hash == h && t->state == NT_TXN_PENDING && reply_to(t, pkt, id)) {
			t->frag_first = 1;
			t->frag_udp_len = ulen;
		}
		i = next;
	}
}

static void on_response(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	const struct nt_dns *d = &pkt->dns;
	int64_t now = nt_pkt_time(pkt);
	struct nt_dns_stats *st = &e->dns;
	st->responses++;
	if (d->rcode == 3)
		st->nxdomain++;
	else if (d->rcode == 2)
		st->servfail++;
	else if (d->rcode == 5)
		st->refused++;
	if (d->tc)
		st->truncated++;
	if (pkt->ttl) {
		/* the TTL of the server's own packets: how far away it is */
		struct nt_dns_prof *p = prof_of(e, &pkt->flow.src, pkt->flow.sport, pkt->flow.proto,
						now, 0);
		if (p) {
			if (p->ttl_min == 0 || pkt->ttl < p->ttl_min)
				p->ttl_min = pkt->ttl;
			if (pkt->ttl > p->ttl_max)
				p->ttl_max = pkt->ttl;
		}
	}
	uint32_t h = txn_hash(&pkt->flow.dst, pkt->flow.dport, &pkt->flow.src, pkt->flow.sport,
			      pkt->flow.proto);
	int found = 0;
	struct nt_snap *snap = &e->scratch;
	int32_t i = nt_itable_first(&e->txn_tab, h);
	while (i != NIL) {
		struct nt_dns_txn *t = &e->txn[i];
		int32_t next = t->link.next_hash;
		if (t->link.hash == h && answers(t, pkt)) {
			/* only error answers can become evidence */
			if (!found && (d->rcode != 0 || d->tc))
				nt_snap_fill(snap, pkt, raw);
			else if (!found)
				snap->len = 0;
			found = 1;
			t->state = NT_TXN_ANSWERED;
			t->t_end = now;
			t->late = now - t->t_query > e->dns_timeout;
			fill_answer(t, d);
			txn_end(e, i, snap);
		}
		i = next;
	}
	if (found || answered_after_icmp(e, pkt, raw, h))
		return;
	st->unsolicited++;
	/* a response nobody was seen asking for: one event, nothing kept */
	struct nt_dns_txn tmp;
	memset(&tmp, 0, offsetof(struct nt_dns_txn, snap));
	tmp.client = pkt->flow.dst;
	tmp.server = pkt->flow.src;
	tmp.cport = pkt->flow.dport;
	tmp.sport = pkt->flow.sport;
	tmp.proto = pkt->flow.proto;
	tmp.id = d->id;
	tmp.qtype = d->qtype;
	tmp.state = NT_TXN_UNSOLICITED;
	tmp.rd = d->rd;
	tmp.qclass = d->qclass;
	tmp.t_query = tmp.t_end = now;
	tmp.lookup = NIL;
	snprintf(tmp.qname, sizeof(tmp.qname), "%s", d->has_question ? d->qname : "");
	fill_answer(&tmp, d);
	nt_snap_fill(snap, pkt, raw);
	struct nt_event ev = {.type = NT_EV_DNS_TXN, .txn = &tmp, .end_snap = snap};
	nt_emit(e, &ev);
}

void nt_dns_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	const struct nt_dns *d = &pkt->dns;
	if (d->opcode != 0 || pkt->fragment)
		return; /* only standard queries are paired */
	if (d->qr)
		on_response(e, pkt, raw);
	else
		on_query(e, pkt, raw);
}

void nt_dns_expire(struct nt_engine *e, int64_t now, int at_end)
{
	int32_t i;
	while ((i = nt_itable_oldest(&e->txn_tab)) != NIL) {
		struct nt_dns_txn *t = &e->txn[i];
		int64_t age = now - t->t_query;
		if (at_end) {
			/* a query whose timeout had not run out is not a timeout */
			t->state = age >= e->dns_timeout ? NT_TXN_UNANSWERED : NT_TXN_CAPTURE_END;
		} else {
			if (age < e->dns_timeout + e->dns_late)
				break;
			t->state = NT_TXN_UNANSWERED;
		}
		t->t_end = t->state == NT_TXN_UNANSWERED ? t->t_query + e->dns_timeout : now;
		txn_end(e, i, NULL);
	}
	int64_t window = e->dns_retry > e->dns_same_id ? e->dns_retry : e->dns_same_id;
	while ((i = nt_itable_oldest(&e->lk_tab)) != NIL) {
		struct nt_lookup *l = &e->lk[i];
		if (!at_end && (l->pending || now - l->t_last_query <= window))
			break;
		lk_end(e, i, at_end);
	}
}

static int quote_matches(const struct nt_dns_txn *t, const struct nt_flow *q,
			 const struct nt_addr *client, const struct nt_icmp_info *info,
			 const struct nt_pkt *pkt)
{
	/* text logs may leave the quoted protocol or port unknown (0) */
	if (t->state != NT_TXN_PENDING || (q->proto && t->proto != q->proto) ||
	    (q->dport && t->sport != q->dport) || !nt_addr_eq(&t->server, &q->dst) ||
	    !nt_addr_eq(&t->client, client))
		return 0;
	if (q->sport && t->cport != q->sport)
		return 0;
	if (pkt->icmp.quote_has_dns_id && t->id != pkt->icmp.quote_dns_id)
		return 0;
	if (pkt->icmp.quote_qname[0] && t->qname[0] &&
	    strcasecmp(pkt->icmp.quote_qname, t->qname) != 0)
		return 0;
	return info->t >= t->t_query;
}

int nt_dns_link_icmp(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw,
		     const struct nt_icmp_info *info)
{
	const struct nt_flow *q = &pkt->icmp.quote;
	/* text logs may not give the quoted source: the error goes back to it */
	const struct nt_addr *client = q->src.family ? &q->src : &pkt->flow.dst;
	int32_t best = NIL;
	if (q->sport && q->dport && q->proto) {
		uint32_t h = txn_hash(client, q->sport, &q->dst, q->dport, q->proto);
		for (int32_t i = nt_itable_first(&e->txn_tab, h); i != NIL;
		     i = e->txn[i].link.next_hash) {
			const struct nt_dns_txn *t = &e->txn[i];
			if (t->link.hash == h && quote_matches(t, q, client, info, pkt) &&
			    (best == NIL || t->t_query < e->txn[best].t_query))
				best = i;
		}
	} else {
		/* the quote lacks the source port: oldest pending match */
		for (int32_t i = nt_itable_oldest(&e->txn_tab); i != NIL; i = e->txn[i].link.next_age)
			if (quote_matches(&e->txn[i], q, client, info, pkt)) {
				best = i;
				break;
			}
	}
	if (best == NIL)
		return 0;
	struct nt_dns_txn *t = &e->txn[best];
	t->state = NT_TXN_ICMP;
	t->icmp = *info;
	if (t->qname[0] == '\0' && pkt->icmp.quote_qname[0]) {
		/* the query's question could not be read; the quote's could */
		snprintf(t->qname, sizeof(t->qname), "%s", pkt->icmp.quote_qname);
		t->qtype = pkt->icmp.quote_dns_qtype;
	}
	t->icmp.quote_truncated = !pkt->icmp.quote_has_dns_id;
	t->t_end = info->t;
	t->late = info->t - t->t_query > e->dns_timeout;
	struct nt_snap *snap = &e->scratch;
	nt_snap_fill(snap, pkt, raw);
	/* kept until its slot is reused (a later response is answered-after-ICMP) */
	e->tomb[t->link.hash & (NT_DNS_TOMBS - 1)] = *t;
	txn_end(e, best, snap);
	return 1;
}
