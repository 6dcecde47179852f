/* \summary: DNS over TCP across segments (analysis/tcpdns.h): the table of
 * stream directions, the sequence-number bookkeeping (retransmissions,
 * one held out-of-order segment, giving up after a gap), and the cutting
 * of the byte stream into length-prefixed messages. */
#include "analysis/tcpdns.h"

#include <stdlib.h>
#include <string.h>

#include "core/addr.h"
#include "core/hash.h"

int nt_tcpdns_init(struct nt_tcpdns *t, struct nt_table_stats *st, int64_t timeout)
{
	memset(t, 0, sizeof(*t));
	t->timeout = timeout;
	t->d = nt_itable_init(&t->tab, sizeof(struct nt_tcpdns_dir),
			      offsetof(struct nt_tcpdns_dir, link), st);
	t->buf = calloc(st->cap, NT_TCPDNS_KEEP + NT_TCPDNS_HOLD);
	return t->d && t->buf ? 0 : -1;
}

void nt_tcpdns_free(struct nt_tcpdns *t)
{
	nt_itable_free(&t->tab);
	free(t->buf);
	t->d = NULL;
	t->buf = NULL;
}

static uint8_t *msg_buf(const struct nt_tcpdns *t, int32_t i)
{
	return t->buf + (size_t)i * (NT_TCPDNS_KEEP + NT_TCPDNS_HOLD);
}

static uint8_t *hold_buf(const struct nt_tcpdns *t, int32_t i)
{
	return msg_buf(t, i) + NT_TCPDNS_KEEP;
}

static uint32_t dir_hash(const struct nt_flow *f)
{
	uint8_t k[4] = {(uint8_t)(f->sport >> 8), (uint8_t)f->sport, (uint8_t)(f->dport >> 8),
			(uint8_t)f->dport};
	return nt_hash_bytes(nt_hash_addr(nt_hash_addr(NT_FNV_SEED, &f->src), &f->dst), k, 4);
}

static int32_t find(const struct nt_tcpdns *t, const struct nt_flow *f, uint32_t h)
{
	for (int32_t i = nt_itable_first(&t->tab, h); i != NT_NIL; i = t->d[i].link.next_hash) {
		const struct nt_tcpdns_dir *d = &t->d[i];
		if (d->link.hash == h && d->sport == f->sport && d->dport == f->dport &&
		    nt_addr_eq(&d->src, &f->src) && nt_addr_eq(&d->dst, &f->dst))
			return i;
	}
	return NT_NIL;
}

/* A message in progress, or part of its length prefix. */
static int partial(const struct nt_tcpdns_dir *d)
{
	return d->plen_got != 0 && !d->desync;
}

static void end_dir(struct nt_tcpdns *t, int32_t i, uint64_t *why)
{
	if (why)
		(*why)++;
	if (partial(&t->d[i]))
		t->s.incomplete++;
	nt_itable_remove(&t->tab, i);
}

void nt_tcpdns_expire(struct nt_tcpdns *t, int64_t now, int at_end)
{
	int32_t i;
	while ((i = nt_itable_oldest(&t->tab)) != NT_NIL) {
		if (at_end)
			end_dir(t, i, NULL);
		else if (t->d[i].t_last <= now - t->timeout)
			end_dir(t, i, &t->s.timed_out);
		else
			break;
	}
}

static int32_t create(struct nt_tcpdns *t, const struct nt_flow *f, uint32_t h)
{
	int32_t old = nt_itable_victim(&t->tab);
	if (old != NT_NIL)
		end_dir(t, old, &t->s.evicted);
	int32_t i = nt_itable_insert(&t->tab, h);
	struct nt_tcpdns_dir *d = &t->d[i];
	memset(d, 0, offsetof(struct nt_tcpdns_dir, link));
	d->src = f->src;
	d->dst = f->dst;
	d->sport = f->sport;
	d->dport = f->dport;
	return i;
}

/* Where a message is delivered, and how many a segment completed. */
struct sink {
	void (*fn)(void *ctx, const struct nt_tcpdns_msg *m);
	void *ctx;
	uint32_t done;
};

/* Takes n bytes of the stream (cap of them captured) into direction i:
 * length prefixes, then message bytes; every message completed goes to
 * the sink.  0, or -1 when a length prefix was not captured (the stream
 * cannot be cut any further). */
static int take(struct nt_tcpdns *t, int32_t i, const uint8_t *p, uint32_t cap, uint32_t n,
		struct sink *k)
{
	struct nt_tcpdns_dir *d = &t->d[i];
	uint8_t *mb = msg_buf(t, i);
	if (d->plen_got)
		d->segs++; /* the message in progress continues here */
	uint32_t pos = 0;
	while (pos < n) {
		if (d->plen_got < 2) {
			if (pos >= cap)
				return -1;
			if (d->plen_got == 0) {
				d->segs = 1; /* a message starts in this segment */
				d->mlen = 0;
			}
			d->mlen = (d->mlen << 8) | p[pos++];
			if (++d->plen_got < 2)
				continue;
			d->got = 0;
			d->cap_end = UINT32_MAX;
		} else {
			uint32_t want = d->mlen - d->got, m = n - pos < want ? n - pos : want;
			uint32_t c = pos < cap ? (cap - pos < m ? cap - pos : m) : 0;
			if (c < m && d->got + c < d->cap_end)
				d->cap_end = d->got + c;
			if (d->got < NT_TCPDNS_KEEP && c > 0) {
				uint32_t room = NT_TCPDNS_KEEP - d->got;
				memcpy(mb + d->got, p + pos, c < room ? c : room);
			}
			d->got += m;
			pos += m;
		}
		if (d->plen_got == 2 && d->got == d->mlen) {
			uint32_t keep = d->mlen < NT_TCPDNS_KEEP ? d->mlen : NT_TCPDNS_KEEP;
			if (d->cap_end < keep)
				keep = d->cap_end;
			t->s.messages++;
			if (d->segs > 1)
				t->s.split++;
			if (keep < d->mlen)
				t->s.truncated++;
			if (++k->done == 2)
				t->s.shared += 2;
			else if (k->done > 2)
				t->s.shared++;
			struct nt_tcpdns_msg msg = {mb, keep, d->mlen};
			k->fn(k->ctx, &msg);
			d->plen_got = 0;
			d->mlen = d->got = 0;
			d->segs = 0;
		}
	}
	return 0;
}

/* Gives up direction i: counted; its segments are read one by one from
 * now on. */
static int give_up(struct nt_tcpdns *t, int32_t i)
{
	struct nt_tcpdns_dir *d = &t->d[i];
	if (partial(d))
		t->s.incomplete++;
	t->s.desynced++;
	d->desync = 1;
	d->held = 0;
	return NT_TD_UNFOLLOWED;
}

/* The bytes of a segment at seq (n of them, cap captured): the part not
 * seen yet is taken; the held segment follows when the gap before it has
 * filled. */
static int stream(struct nt_tcpdns *t, int32_t i, uint32_t seq, const uint8_t *p, uint32_t cap,
		  uint32_t n, struct sink *k)
{
	struct nt_tcpdns_dir *d = &t->d[i];
	int32_t ahead = (int32_t)(seq - d->next);
	if (ahead > 0) {
		t->s.out_of_order++;
		if (d->held || n > NT_TCPDNS_HOLD || cap < n)
			return give_up(t, i);
		memcpy(hold_buf(t, i), p, n);
		d->held = 1;
		d->hold_seq = seq;
		d->hold_len = n;
		return NT_TD_TAKEN;
	}
	uint32_t skip = (uint32_t)-ahead;
	if (skip > 0) {
		t->s.retransmitted++;
		if (skip >= n)
			return NT_TD_TAKEN;
	}
	/* p is NULL when nothing of the segment was captured (cap 0) */
	const uint8_t *from = cap > skip ? p + skip : NULL;
	if (take(t, i, from, cap > skip ? cap - skip : 0, n - skip, k) < 0) {
		give_up(t, i);
		/* what was cut before the loss has been given */
		return k->done ? NT_TD_TAKEN : NT_TD_UNFOLLOWED;
	}
	d->next = seq + n;
	if (d->held) {
		int32_t gap = (int32_t)(d->hold_seq - d->next);
		if (gap <= 0) {
			d->held = 0;
			uint32_t hs = (uint32_t)-gap;
			if (hs < d->hold_len) {
				t->s.reordered++;
				/* the held bytes were copied whole: all captured */
				if (take(t, i, hold_buf(t, i) + hs, d->hold_len - hs, d->hold_len - hs,
					 k) < 0) {
					give_up(t, i);
					return NT_TD_TAKEN;
				}
				d->next = d->hold_seq + d->hold_len;
			}
		}
	}
	return NT_TD_TAKEN;
}

int nt_tcpdns_segment(struct nt_tcpdns *t, const struct nt_pkt *seg, int64_t now,
		      void (*fn)(void *ctx, const struct nt_tcpdns_msg *m), void *ctx)
{
	uint8_t fl = seg->tcp_flags;
	uint32_t n = seg->l4_payload_len;
	if (n == 0 && !(fl & (NT_TH_SYN | NT_TH_FIN | NT_TH_RST)))
		return NT_TD_AS_IS; /* a bare ACK */
	const struct nt_flow *f = &seg->flow;
	uint32_t h = dir_hash(f);
	int32_t i = find(t, f, h);
	if (fl & NT_TH_RST) {
		if (i != NT_NIL)
			end_dir(t, i, NULL);
		return NT_TD_AS_IS;
	}
	uint32_t seq = seg->tcp_seq;
	if (fl & NT_TH_SYN) {
		/* a new connection (or its SYN again): bytes start after it */
		if (i == NT_NIL) {
			i = create(t, f, h);
		} else if (t->d[i].desync || t->d[i].next != seq + 1) {
			end_dir(t, i, NULL);
			i = create(t, f, h);
		}
		t->d[i].next = seq + 1;
		seq++;
	} else if (i == NT_NIL) {
		if (n == 0)
			return NT_TD_AS_IS; /* a FIN of a stream not followed */
		/* first seen mid-connection: take it to start a message */
		i = create(t, f, h);
		t->d[i].next = seq;
	}
	struct nt_tcpdns_dir *d = &t->d[i];
	d->t_last = now;
	nt_itable_touch(&t->tab, i);
	int verdict = NT_TD_AS_IS;
	if (d->desync) {
		verdict = NT_TD_UNFOLLOWED;
	} else if (n > 0) {
		t->s.segments++;
		uint32_t cap = seg->payload ? seg->payload_caplen : 0;
		const uint8_t *p = seg->payload;
		/* the common segment: one whole message where one starts, as the
		 * frame decoder read it; the stream moves on without a copy */
		if (seq == d->next && d->plen_got == 0 && !d->held && cap == n && n >= 2 &&
		    (((uint32_t)p[0] << 8) | p[1]) + 2 == n) {
			t->s.messages++;
			d->next = seq + n;
		} else {
			struct sink k = {fn, ctx, 0};
			verdict = stream(t, i, seq, p, cap, n, &k);
		}
	}
	if ((fl & NT_TH_FIN) && !t->d[i].held)
		end_dir(t, i, NULL);
	return verdict;
}
