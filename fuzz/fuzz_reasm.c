/* \summary: libFuzzer target: the reassemblers (analysis/reasm.h,
 * analysis/tcpdns.h) and the engine's reassembly stage.  The input is a
 * list of 8-byte records, each an IPv4/IPv6 fragment or a TCP segment to
 * or from port 53, built as a raw IP frame here and read by the frame
 * decoder; each packet goes to a standalone reassembler (with oracles)
 * and to an engine whose tables are at their 16-entry minimum.
 *
 * Record: byte 0 bit 7 picks the kind.
 *   fragment: bit 0 IPv6, bit 1 MF, bit 2 the datagram's first bytes say
 *     UDP port 53, bits 3-4 capture cut (none, half, no data, 7 bytes),
 *     bit 5 IPv4 options / an IPv6 hop-by-hop header, bit 6 data from the
 *     input instead of the datagram's pattern; byte 1 the datagram (bits
 *     0-2) and its protocol (bit 3: TCP, else UDP); bytes 2-3 the offset
 *     field; bytes 4-5 the data length (14 bits); byte 6 the time step
 *     (x 100 ms); byte 7 spare.
 *   segment: bit 0 direction, bit 1 SYN (a new connection), bit 2 FIN,
 *     bit 3 RST, bit 4 capture cut (half), bit 5 data from the input;
 *     bytes 1-2 a signed offset from where the direction has sent up to;
 *     bytes 3-4 the length (12 bits); byte 5 the time step (x 100 ms).
 *
 * Oracles: every started datagram is open or ended in exactly one way;
 * a reassembled datagram is at most 65535 bytes, its header says its
 * length, and its data is the datagram's pattern at every offset (unless
 * input data went into it); a message cut out of a direction followed
 * since its SYN has the length and the bytes of the synthetic stream at
 * the place the previous message ended. */
#include <stdlib.h>
#include <string.h>

#include "analysis/engine.h"
#include "analysis/reasm.h"
#include "analysis/tcpdns.h"
#include "cli/pipeline.h"
#include "decode/decode.h"
#include "fuzz.h"

#define RS_NS 100000000LL /* a time step */

static uint8_t rs_frame[70000];
static uint8_t rs_stream[2][70000];
static uint32_t rs_stream_len;

/* Byte of datagram key at offset off (key bit 6: the first four bytes
 * are UDP ports 53 -> 40000, so that the datagram counts as DNS). */
static uint8_t rs_pat(unsigned key, uint32_t off)
{
	if ((key & 0x40) && off < 4)
		return (const uint8_t[4]){0, 53, 0x9c, 0x40}[off];
	return (uint8_t)(off * 7u + (key & 0x3fu) * 29u + (off >> 9));
}

/* The datagram a fragment record belongs to, as the reassembler keys it:
 * IPv4 by id and protocol, IPv6 by identification only (bit 6: DNS). */
static unsigned rs_key(const uint8_t *r)
{
	int v6 = r[0] & 1;
	return (r[1] & 7u) | (v6 ? 8u : (r[1] & 8u) << 1) | ((r[0] & 4u) << 4);
}

/* The synthetic DNS-over-TCP stream of each direction: messages of
 * varied lengths (now and then none), each byte telling its place. */
static void rs_make_streams(void)
{
	if (rs_stream_len)
		return;
	for (int d = 0; d < 2; d++) {
		uint32_t p = 0;
		for (uint32_t k = 0;; k++) {
			uint32_t l = k % 17 == 16 ? 0 : 1 + (k * 97 + (uint32_t)d * 31) % 700;
			if (p + 2 + l > sizeof(rs_stream[d]))
				break;
			rs_stream[d][p++] = (uint8_t)(l >> 8);
			rs_stream[d][p++] = (uint8_t)l;
			for (uint32_t i = 0; i < l; i++)
				rs_stream[d][p++] = (uint8_t)(k * 11 + i * 3 + (uint32_t)d);
			rs_stream_len = p;
		}
	}
}

static struct nt_reasm rs_ip;
static struct nt_table_stats rs_ip_st, rs_tcp_st;
static struct nt_tcpdns rs_tcp;

struct rs_dir {
	uint32_t isn, sent;   /* sequence base, bytes sent so far */
	uint32_t expect;      /* stream offset of the next message */
	int valid;            /* followed since its SYN, bytes all the stream's */
};
static struct rs_dir rs_dirs[3]; /* [2]: never valid (not the oracle's) */
static int rs_cur_dir;

static void rs_conserved(void)
{
	const struct nt_reasm_stats *s = &rs_ip.s;
	if (s->datagrams != s->reassembled + s->timed_out + s->overlapping + s->oversize + s->invalid +
				    s->too_many_runs + s->evicted + s->pending_at_end + rs_ip_st.used)
		abort();
	if (s->fragments < s->datagrams)
		abort();
}

static void rs_on_msg(void *ctx, const struct nt_tcpdns_msg *m)
{
	(void)ctx;
	if (m->caplen > m->len || m->caplen > NT_TCPDNS_KEEP)
		abort();
	struct rs_dir *d = &rs_dirs[rs_cur_dir];
	if (!d->valid)
		return;
	const uint8_t *s = rs_stream[rs_cur_dir];
	uint32_t at = d->expect;
	if (at + 2 > rs_stream_len)
		abort();
	uint32_t l = ((uint32_t)s[at] << 8) | s[at + 1];
	if (m->len != l || memcmp(m->data, s + at + 2, m->caplen) != 0)
		abort(); /* not the stream's next message */
	d->expect = at + 2 + l;
}

/* A raw IPv4/IPv6 fragment into rs_frame; its length, *cap captured. */
static uint32_t rs_build_frag(const uint8_t *r, const uint8_t *raw, size_t nraw, uint32_t *cap)
{
	int v6 = r[0] & 1, more = (r[0] >> 1) & 1, opt = (r[0] >> 5) & 1, cut = (r[0] >> 3) & 3;
	unsigned key = rs_key(r);
	uint8_t proto = (r[1] & 8) ? 6 : 17;
	uint16_t fo = (uint16_t)((r[2] << 8) | r[3]);
	uint32_t n = (uint32_t)((r[4] << 8) | r[5]) & 0x3fff;
	uint8_t *h = rs_frame;
	uint32_t hl;
	uint32_t off;
	if (v6) {
		hl = opt ? 56 : 48;
		memset(h, 0, hl);
		h[0] = 0x60;
		h[4] = (uint8_t)((hl - 40 + n) >> 8);
		h[5] = (uint8_t)(hl - 40 + n);
		h[3] = (uint8_t)key; /* the flow label names the datagram */
		h[7] = 64;
		h[8] = 0x20; h[9] = 0x01; h[23] = 1;
		h[24] = 0x20; h[25] = 0x01; h[39] = 2;
		uint8_t *f = h + 40;
		if (opt) {
			h[6] = 0;     /* hop-by-hop, 8 bytes of PadN */
			h[40] = 44;
			h[42] = 1; h[43] = 4;
			f = h + 48;
		} else {
			h[6] = 44;
		}
		f[0] = proto;
		off = fo & 0xfff8u;
		uint16_t w = (uint16_t)(off | (unsigned)more);
		f[2] = (uint8_t)(w >> 8);
		f[3] = (uint8_t)w;
		f[4] = 0x5a; f[7] = (uint8_t)(key & 7);
	} else {
		hl = opt ? 28 : 20;
		memset(h, 0, hl);
		h[0] = (uint8_t)(0x40 | (hl / 4));
		h[2] = (uint8_t)((hl + n) >> 8);
		h[3] = (uint8_t)(hl + n);
		h[5] = (uint8_t)(key & 7);
		off = (fo & 0x1fffu) * 8u;
		uint16_t w = (uint16_t)((off / 8) | (more ? 0x2000u : 0));
		h[6] = (uint8_t)(w >> 8);
		h[7] = (uint8_t)w;
		h[8] = 64;
		h[9] = proto;
		h[12] = 10; h[15] = 1;
		h[16] = 10; h[19] = 2;
		if (opt)
			h[20] = 1, h[21] = 1, h[22] = 1, h[23] = 1, h[24] = 1, h[25] = 1, h[26] = 1;
	}
	if (hl + n > 65535 + (v6 ? 40u : 0u))
		n = 65535 + (v6 ? 40u : 0u) - hl;
	for (uint32_t i = 0; i < n; i++)
		h[hl + i] = (r[0] & 0x40) && nraw ? raw[i % nraw] : rs_pat(key, off + i);
	uint32_t len = hl + n;
	*cap = cut == 0 ? len : cut == 1 ? hl + n / 2 : cut == 2 ? hl : (n > 7 ? hl + 7 : len);
	return len;
}

static uint64_t rs_tainted; /* datagram keys that took input data */

static void rs_check_datagram(const struct nt_datagram *d)
{
	if (d->caplen > d->len || d->caplen > NT_REASM_HDR + NT_REASM_KEEP || d->caplen < 20)
		abort();
	const uint8_t *h = d->data;
	uint32_t hl;
	unsigned key;
	if ((h[0] >> 4) == 6) {
		hl = h[6] == 0 ? 48 : 40; /* with the hop-by-hop header, or without */
		if (d->len > 40 + 65535 || 40u + (((uint32_t)h[4] << 8) | h[5]) != d->len ||
		    h[hl == 48 ? 40 : 6] == 44)
			abort(); /* its length, and no fragment header left */
		key = h[3] & 0x3fu;
	} else {
		hl = (h[0] & 15u) * 4u;
		if (d->len > 65535 || (((uint32_t)h[2] << 8) | h[3]) != d->len || (h[6] & 0x3f) ||
		    h[7])
			abort(); /* its length, and no fragment fields left */
		key = (h[5] & 7u) | (h[9] == 6 ? 16u : 0u);
	}
	if (rs_tainted & (1ull << key))
		return;
	/* bytes 0-3 may be the DNS ports of the first fragment's record */
	for (uint32_t i = hl + 4; i < d->caplen; i++)
		if (h[i] != rs_pat(key, i - hl))
			abort(); /* a byte out of place */
}

/* A TCP segment to or from port 53 into rs_frame. */
static uint32_t rs_build_seg(const uint8_t *r, const uint8_t *raw, size_t nraw, uint32_t *cap,
			     int *dirp)
{
	int dir = r[0] & 1;
	struct rs_dir *d = &rs_dirs[dir];
	uint8_t fl = 0x10; /* ACK */
	if (r[0] & 2) {
		fl = 0x02;
		d->isn += 100003u;
		d->sent = 0;
		d->expect = 0;
		d->valid = 1;
	}
	if (r[0] & 4)
		fl |= 0x01;
	if (r[0] & 8)
		fl = 0x04;
	int16_t delta = (int16_t)((r[1] << 8) | r[2]);
	int64_t at = (int64_t)d->sent + delta;
	if (at < 0)
		at = 0;
	uint32_t n = (fl & 0x02) ? 0 : (uint32_t)((r[3] << 8) | r[4]) & 0x0fff;
	if ((uint64_t)at + n > rs_stream_len)
		n = at < rs_stream_len ? rs_stream_len - (uint32_t)at : 0;
	uint8_t *h = rs_frame;
	memset(h, 0, 40);
	h[0] = 0x45;
	h[2] = (uint8_t)((40 + n) >> 8);
	h[3] = (uint8_t)(40 + n);
	h[8] = 64;
	h[9] = 6;
	h[12] = 10; h[15] = (uint8_t)(dir ? 53 : 1);
	h[16] = 10; h[19] = (uint8_t)(dir ? 1 : 53);
	uint8_t *t = h + 20;
	t[0] = dir ? 0 : 0x9c; t[1] = dir ? 53 : 0x40;
	t[2] = dir ? 0x9c : 0; t[3] = dir ? 0x40 : 53;
	uint32_t seq = (fl & 0x02) ? d->isn : d->isn + 1 + (uint32_t)at;
	t[4] = (uint8_t)(seq >> 24); t[5] = (uint8_t)(seq >> 16);
	t[6] = (uint8_t)(seq >> 8); t[7] = (uint8_t)seq;
	t[12] = 0x50;
	t[13] = fl;
	for (uint32_t i = 0; i < n; i++)
		h[40 + i] = (r[0] & 0x20) && nraw ? raw[i % nraw] : rs_stream[dir][at + i];
	if ((r[0] & 0x20) && n)
		d->valid = 0;
	if (fl & 0x05)
		d->valid = 0; /* the direction ends: later data starts a new one */
	if (!(fl & 0x02) && (uint32_t)at + n > d->sent)
		d->sent = (uint32_t)at + n;
	*cap = (r[0] & 0x10) ? 40 + n / 2 : 40 + n;
	*dirp = dir;
	return 40 + n;
}

int nt_fuzz_reasm(const uint8_t *data, size_t size)
{
	if (size > 4096)
		return 0;
	static int params_set;
	if (!params_set) {
		nt_pipeline_set("cap.dns_transactions", "16");
		nt_pipeline_set("cap.dns_lookups", "16");
		nt_pipeline_set("cap.tcp_handshakes", "16");
		nt_pipeline_set("cap.hosts", "16");
		nt_pipeline_set("cap.dns_servers", "16");
		nt_pipeline_set("cap.ip_reassembly", "16");
		nt_pipeline_set("cap.tcp_dns_streams", "16");
		params_set = 1;
	}
	rs_make_streams();
	memset(&rs_ip_st, 0, sizeof(rs_ip_st));
	memset(&rs_tcp_st, 0, sizeof(rs_tcp_st));
	rs_ip_st.cap = rs_tcp_st.cap = 16;
	static struct nt_engine eng;
	if (nt_reasm_init(&rs_ip, &rs_ip_st, 30 * 1000000000LL, 60 * 1000000000LL) < 0 ||
	    nt_tcpdns_init(&rs_tcp, &rs_tcp_st, 30 * 1000000000LL) < 0 || nt_engine_init(&eng) < 0) {
		nt_reasm_free(&rs_ip);
		nt_tcpdns_free(&rs_tcp);
		return 0;
	}
	memset(rs_dirs, 0, sizeof(rs_dirs));
	rs_dirs[1].isn = 0x80000000u;
	rs_tainted = 0;
	static struct nt_pkt pkt;
	int64_t now = 1700000000LL * 1000000000LL;
	uint64_t frame = 0;
	size_t nrec = size / 8;
	const uint8_t *raw = data + nrec * 8;
	size_t nraw = size - nrec * 8;
	for (size_t k = 0; k < nrec; k++) {
		const uint8_t *r = data + 8 * k;
		uint32_t len, cap;
		int is_seg = r[0] & 0x80, dir = 0;
		if (is_seg) {
			len = rs_build_seg(r, raw, nraw, &cap, &dir);
			now += (int64_t)r[5] * RS_NS;
		} else {
			len = rs_build_frag(r, raw, nraw, &cap);
			now += (int64_t)r[6] * RS_NS;
			if (r[0] & 0x40)
				rs_tainted |= 1ull << (rs_key(r) & 0x3fu);
		}
		if (cap > len)
			cap = len;
		memset(&pkt, 0, offsetof(struct nt_pkt, icmp));
		nt_decode_frame(rs_frame, cap, len, NT_DLT_RAW, &pkt);
		pkt.frame = ++frame;
		pkt.ts_sec = now / 1000000000LL;
		pkt.ts_nsec = (uint32_t)(now % 1000000000LL);
		/* the standalone reassemblers, checked; a direction that ends
		 * (given up, evicted, idle) is no longer followed by the oracle */
		uint64_t before = rs_tcp.s.desynced + rs_tcp.s.evicted + rs_tcp.s.timed_out;
		nt_reasm_expire(&rs_ip, now, 0);
		nt_tcpdns_expire(&rs_tcp, now, 0);
		if (rs_tcp.s.timed_out + rs_tcp.s.desynced + rs_tcp.s.evicted != before)
			rs_dirs[0].valid = rs_dirs[1].valid = 0;
		if (pkt.reasm & NT_RS_FRAG) {
			struct nt_datagram d;
			if (nt_reasm_add(&rs_ip, &pkt, now, &d))
				rs_check_datagram(&d);
			rs_conserved();
		}
		if (pkt.reasm & NT_RS_TCPDNS) {
			rs_cur_dir = dir;
			struct rs_dir *rd = &rs_dirs[dir];
			uint32_t at = pkt.tcp_seq - rd->isn - 1;
			/* a fragment record that is no fragment (offset 0, MF clear)
			 * may be TCP from port 53 too: not one of the oracle's streams */
			if (!is_seg)
				rd = &rs_dirs[2];
			rs_cur_dir = rd == &rs_dirs[2] ? 2 : dir;
			int v = nt_tcpdns_segment(&rs_tcp, &pkt, now, rs_on_msg, NULL);
			if (v == NT_TD_AS_IS && pkt.l4_payload_len > 0 && rd->valid) {
				/* one whole message where the next one starts */
				const uint8_t *st = rs_stream[dir] + rd->expect;
				if (at != rd->expect ||
				    (((uint32_t)st[0] << 8) | st[1]) + 2 != pkt.l4_payload_len)
					abort();
				rd->expect += pkt.l4_payload_len;
			}
		}
		if (rs_tcp.s.desynced + rs_tcp.s.evicted + rs_tcp.s.timed_out != before)
			rs_dirs[0].valid = rs_dirs[1].valid = 0;
		/* the same packet through the engine */
		struct nt_raw rw;
		memset(&rw, 0, sizeof(rw));
		rw.data = rs_frame;
		rw.caplen = cap;
		rw.wirelen = len;
		rw.dlt = NT_DLT_RAW;
		nt_engine_packet(&eng, &pkt, &rw);
	}
	nt_reasm_expire(&rs_ip, now, 1);
	rs_conserved();
	if (rs_ip_st.used != 0)
		abort();
	nt_tcpdns_expire(&rs_tcp, now, 1);
	if (rs_tcp_st.used != 0)
		abort();
	nt_engine_finish(&eng);
	const struct nt_reasm_stats *es = &eng.rs.ip.s;
	if (es->datagrams != es->reassembled + es->timed_out + es->overlapping + es->oversize +
				     es->invalid + es->too_many_runs + es->evicted + es->pending_at_end)
		abort();
	nt_engine_free(&eng);
	nt_reasm_free(&rs_ip);
	nt_tcpdns_free(&rs_tcp);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_reasm(data, size);
}
#endif
