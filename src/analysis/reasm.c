/* \summary: IP fragment reassembly (analysis/reasm.h): the table of
 * datagrams, Linux's insertion rules for fragments (runs, duplicates,
 * overlaps), the length and oversize checks, the timeout, and the
 * datagram put back together from its first fragment's headers. */
#include "analysis/reasm.h"

#include <stdlib.h>
#include <string.h>

#include "core/addr.h"
#include "core/hash.h"

enum {
	Q_FIRST_IN = 1, /* the fragment at offset 0 is held (INET_FRAG_FIRST_IN) */
	Q_LAST_IN = 2,  /* the last fragment (MF clear) is held (INET_FRAG_LAST_IN) */
	P_TCP = 6, P_UDP = 17, P_ICMP6 = 58,
};

/* How a fragment's insertion went (inet_frag_queue_insert). */
enum { INS_OK, INS_DUP, INS_OVERLAP, INS_RUNS };

int nt_reasm_init(struct nt_reasm *r, struct nt_table_stats *st, int64_t timeout4,
		  int64_t timeout6)
{
	memset(r, 0, sizeof(*r));
	r->timeout4 = timeout4;
	r->timeout6 = timeout6;
	r->next_check = INT64_MAX;
	r->q = nt_itable_init(&r->tab, sizeof(struct nt_fragq), offsetof(struct nt_fragq, link), st);
	/* data buffers apart from the entries: calloc leaves their pages
	 * untouched until a datagram uses them */
	r->buf = calloc(st->cap, NT_REASM_KEEP);
	r->out = malloc(NT_REASM_HDR + NT_REASM_KEEP);
	return r->q && r->buf && r->out ? 0 : -1;
}

void nt_reasm_free(struct nt_reasm *r)
{
	nt_itable_free(&r->tab);
	free(r->buf);
	free(r->out);
	r->q = NULL;
	r->buf = r->out = NULL;
}

static uint32_t key_hash(const struct nt_addr *s, const struct nt_addr *d, uint32_t id,
			 uint8_t proto)
{
	uint8_t k[5] = {(uint8_t)(id >> 24), (uint8_t)(id >> 16), (uint8_t)(id >> 8), (uint8_t)id,
			proto};
	return nt_hash_bytes(nt_hash_addr(nt_hash_addr(NT_FNV_SEED, s), d), k, sizeof(k));
}

static int32_t find(const struct nt_reasm *r, const struct nt_pkt *p, uint8_t proto, uint32_t h)
{
	for (int32_t i = nt_itable_first(&r->tab, h); i != NT_NIL; i = r->q[i].link.next_hash) {
		const struct nt_fragq *q = &r->q[i];
		if (q->link.hash == h && q->id == p->frag_id && q->proto == proto &&
		    nt_addr_eq(&q->src, &p->flow.src) && nt_addr_eq(&q->dst, &p->flow.dst))
			return i;
	}
	return NT_NIL;
}

/* Ends datagram i: its outcome is counted by the caller. */
static void drop(struct nt_reasm *r, int32_t i)
{
	nt_itable_remove(&r->tab, i);
}

/* Ends an incomplete datagram (timed out, evicted, pending at the end). */
static void give_up(struct nt_reasm *r, int32_t i, uint64_t *outcome)
{
	(*outcome)++;
	if (r->q[i].dns)
		r->s.incomplete_dns++;
	drop(r, i);
}

void nt_reasm_expire(struct nt_reasm *r, int64_t now, int at_end)
{
	if (!at_end && now < r->next_check)
		return;
	/* The age list is by first fragment; deadlines differ between IPv4
	 * and IPv6, so an entry with a later deadline may stand before one
	 * that is due.  Nothing created after now - (the shorter timeout) is
	 * due: the walk stops there, and remembers when to look again. */
	int64_t shortest = r->timeout4 < r->timeout6 ? r->timeout4 : r->timeout6;
	int64_t next = INT64_MAX;
	int32_t i = nt_itable_oldest(&r->tab);
	while (i != NT_NIL) {
		struct nt_fragq *q = &r->q[i];
		int32_t after = q->link.next_age;
		if (q->deadline <= now) {
			give_up(r, i, &r->s.timed_out);
		} else if (at_end) {
			give_up(r, i, &r->s.pending_at_end);
		} else {
			if (q->deadline < next)
				next = q->deadline;
			if (q->t_first > now - shortest) {
				if (q->t_first + shortest < next)
					next = q->t_first + shortest;
				break;
			}
		}
		i = after;
	}
	r->next_check = next;
}

/* Size of the upper-layer header an IPv6 first fragment must hold
 * (Linux ipv6_frag_thdr_truncated; RFC 8200 section 4.5). */
static uint32_t upper_header(uint8_t proto)
{
	switch (proto) {
	case P_TCP: return 20;
	case P_UDP: return 8;
	case P_ICMP6: return 8;
	default: return 1;
	}
}

/* Linux inet_frag_queue_insert: a fragment beyond the tail joins the last
 * run (or starts one; starting before the tail's end is an overlap); any
 * other fragment must fall between runs (a new run), or wholly inside one
 * run (a duplicate); anything else overlaps. */
static int insert(struct nt_fragq *q, uint32_t off, uint32_t end)
{
	if (q->n_runs == 0) {
		q->run[0] = (struct nt_frag_run){off, end};
		q->n_runs = 1;
		return INS_OK;
	}
	struct nt_frag_run *tail = &q->run[q->n_runs - 1];
	if (tail->end < end) {
		if (off < tail->end)
			return INS_OVERLAP;
		if (off == tail->end) {
			tail->end = end;
			return INS_OK;
		}
		if (q->n_runs >= NT_REASM_RUNS)
			return INS_RUNS;
		q->run[q->n_runs++] = (struct nt_frag_run){off, end};
		return INS_OK;
	}
	uint16_t k = 0;
	for (; k < q->n_runs; k++) {
		const struct nt_frag_run *x = &q->run[k];
		if (end <= x->start)
			break; /* it goes before run k */
		if (off >= x->end)
			continue;
		return off >= x->start && end <= x->end ? INS_DUP : INS_OVERLAP;
	}
	if (q->n_runs >= NT_REASM_RUNS)
		return INS_RUNS;
	memmove(&q->run[k + 1], &q->run[k], (size_t)(q->n_runs - k) * sizeof(q->run[0]));
	q->run[k] = (struct nt_frag_run){off, end};
	q->n_runs++;
	return INS_OK;
}

static int32_t create(struct nt_reasm *r, const struct nt_pkt *p, uint8_t proto, uint32_t h,
		      int64_t now)
{
	int32_t old = nt_itable_victim(&r->tab);
	if (old != NT_NIL)
		give_up(r, old, &r->s.evicted);
	int32_t i = nt_itable_insert(&r->tab, h);
	struct nt_fragq *q = &r->q[i];
	memset(q, 0, offsetof(struct nt_fragq, run));
	q->src = p->flow.src;
	q->dst = p->flow.dst;
	q->id = p->frag_id;
	q->v6 = p->l3 == 6;
	q->proto = proto;
	q->cap_end = UINT32_MAX;
	q->t_first = now;
	q->deadline = now + (q->v6 ? r->timeout6 : r->timeout4);
	if (q->deadline < r->next_check)
		r->next_check = q->deadline;
	r->s.datagrams++;
	return i;
}

/* The whole datagram: the first fragment's headers with the lengths and
 * the fragment fields of a datagram that was never fragmented, then the
 * data held (ip_frag_reasm, ip6_frag_reasm). */
static void rebuild(struct nt_reasm *r, int32_t i, struct nt_datagram *d)
{
	const struct nt_fragq *q = &r->q[i];
	uint8_t *o = r->out;
	memcpy(o, q->hdr, q->hlen);
	uint32_t keep = q->len < NT_REASM_KEEP ? q->len : NT_REASM_KEEP;
	if (q->cap_end < keep)
		keep = q->cap_end;
	memcpy(o + q->hlen, r->buf + (size_t)i * NT_REASM_KEEP, keep);
	uint32_t total = q->hlen + q->len;
	if (q->v6) {
		uint32_t pl = total - 40;
		o[4] = (uint8_t)(pl >> 8);
		o[5] = (uint8_t)pl;
		o[q->nh_off] = q->nh; /* the fragment header is left out */
	} else {
		o[2] = (uint8_t)(total >> 8);
		o[3] = (uint8_t)total;
		o[6] &= 0x40; /* DF stays; MF and the offset go */
		o[7] = 0;
	}
	d->data = o;
	d->caplen = q->hlen + keep;
	d->len = total;
	if (keep < q->len)
		r->s.truncated++;
}

int nt_reasm_add(struct nt_reasm *r, const struct nt_pkt *p, int64_t now, struct nt_datagram *d)
{
	r->s.fragments++;
	int v6 = p->l3 == 6;
	uint32_t off = p->frag_off, end = off + p->frag_len;
	/* ip6_frag_queue drops these before touching the queue */
	if (v6 && (end > NT_REASM_MAX || (p->frag_more && (end & 7)) ||
		   (off == 0 && p->frag_len < upper_header(p->flow.proto)))) {
		r->s.dropped++;
		return 0;
	}
	if (!v6 && p->frag_more)
		end &= ~7u; /* ip_frag_queue: a non-last fragment's data ends on 8 bytes */
	/* IPv6 keys leave the protocol out (frag_v6_compare_key) */
	uint8_t proto = v6 ? 0 : p->flow.proto;
	uint32_t h = key_hash(&p->flow.src, &p->flow.dst, p->frag_id, proto);
	int32_t i = find(r, p, proto, h);
	if (i != NT_NIL && r->q[i].deadline <= now) {
		give_up(r, i, &r->s.timed_out); /* its timer ran out before this fragment */
		i = NT_NIL;
	}
	if (i == NT_NIL)
		i = create(r, p, proto, h, now);
	struct nt_fragq *q = &r->q[i];
	if (!p->frag_more) {
		/* ip_frag_queue: "If we already have some bits beyond end or
		 * have different end, the segment is corrupted." */
		if (end < q->len || ((q->flags & Q_LAST_IN) && end != q->len)) {
			r->s.invalid++;
			drop(r, i);
			return 0;
		}
		q->flags |= Q_LAST_IN;
		q->len = end;
	} else if (end > q->len) {
		if (q->flags & Q_LAST_IN) { /* "Some bits beyond end -> corruption." */
			r->s.invalid++;
			drop(r, i);
			return 0;
		}
		q->len = end;
	}
	if (end == off) {
		r->s.invalid++;
		drop(r, i);
		return 0;
	}
	switch (insert(q, off, end)) {
	case INS_DUP:
		r->s.duplicates++;
		return 0;
	case INS_OVERLAP:
		r->s.overlapping++;
		drop(r, i);
		return 0;
	case INS_RUNS:
		r->s.too_many_runs++;
		drop(r, i);
		return 0;
	default:
		break;
	}
	/* the data: what was captured, within what is kept */
	uint32_t n = end - off, have = p->frag_data ? p->frag_caplen : 0;
	if (have < n && off + have < q->cap_end)
		q->cap_end = off + have;
	if (have > n)
		have = n;
	if (off < NT_REASM_KEEP && have > 0) {
		uint32_t k = have < NT_REASM_KEEP - off ? have : NT_REASM_KEEP - off;
		memcpy(r->buf + (size_t)i * NT_REASM_KEEP + off, p->frag_data, k);
	}
	q->meat += n;
	if (off == 0) {
		q->flags |= Q_FIRST_IN;
		if (p->frag_hlen <= NT_REASM_HDR && (!v6 || p->frag_nh_off < p->frag_hlen)) {
			q->hlen = p->frag_hlen;
			memcpy(q->hdr, p->frag_hdr, q->hlen);
			q->nh_off = p->frag_nh_off;
			/* the fragment header follows the headers in the frame */
			q->nh = v6 ? p->frag_hdr[p->frag_hlen] : 0;
		}
		q->dns = p->flow.proto == P_UDP && p->flow.has_ports &&
			 (p->flow.sport == 53 || p->flow.dport == 53);
	}
	if (q->flags != (Q_FIRST_IN | Q_LAST_IN) || q->meat != q->len)
		return 0;
	/* complete: ip_frag_reasm / ip6_frag_reasm */
	uint32_t unfrag = v6 && q->hlen ? (uint32_t)q->hlen - 40 : q->hlen;
	if (unfrag + q->len > NT_REASM_MAX) {
		r->s.oversize++;
		drop(r, i);
		return 0;
	}
	r->s.reassembled++;
	int ok = q->hlen != 0;
	if (ok)
		rebuild(r, i, d);
	else
		r->s.truncated++; /* headers too long to keep: counted, not given back */
	drop(r, i);
	return ok;
}
