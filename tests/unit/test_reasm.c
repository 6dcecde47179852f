/* \summary: unit tests of the reassemblers, fed with raw IPv4/IPv6 frames
 * built here and read by the frame decoder: IP fragments (in order,
 * reversed, duplicates, Linux's overlap and run rules, length rules,
 * oversize, timeouts, eviction, capture cuts, the datagram put back
 * together) and DNS over TCP (split messages and prefixes, several in one
 * segment, retransmissions, reordering, giving up, long messages, FIN,
 * idle timeout); every datagram's outcome adds up. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis/reasm.h"
#include "analysis/tcpdns.h"
#include "decode/decode.h"

#define SEC 1000000000LL

static uint8_t frame[70000];
static struct nt_pkt pkt;

/* Data byte of datagram `id` at offset `off`: any misplaced byte shows. */
static uint8_t pat(uint32_t id, uint32_t off)
{
	return (uint8_t)(off * 7u + id * 13u + (off >> 8));
}

/* A raw IPv4 fragment of datagram id: data [off, off+n) of a UDP
 * datagram 10.0.0.1:53 -> 10.0.0.2:5353... (first fragment: the UDP
 * header comes from the pattern too, except ports and length). */
static const struct nt_pkt *v4frag(uint16_t id, uint8_t proto, uint32_t off, uint32_t n, int more,
				   uint32_t cut)
{
	uint8_t *h = frame;
	memset(h, 0, 20);
	h[0] = 0x45;
	h[2] = (uint8_t)((20 + n) >> 8);
	h[3] = (uint8_t)(20 + n);
	h[4] = (uint8_t)(id >> 8);
	h[5] = (uint8_t)id;
	uint16_t fo = (uint16_t)((off / 8) | (more ? 0x2000 : 0));
	h[6] = (uint8_t)(fo >> 8);
	h[7] = (uint8_t)fo;
	h[8] = 64;
	h[9] = proto;
	h[12] = 10; h[15] = 1;
	h[16] = 10; h[19] = 2;
	for (uint32_t i = 0; i < n; i++)
		h[20 + i] = pat(id, off + i);
	uint32_t len = 20 + n, cap = cut && cut < len ? cut : len;
	memset(&pkt, 0, sizeof(pkt));
	nt_decode_frame(frame, cap, len, NT_DLT_RAW, &pkt);
	return &pkt;
}

/* A raw IPv6 fragment (fragment header right after the fixed header). */
static const struct nt_pkt *v6frag(uint32_t id, uint8_t nh, uint32_t off, uint32_t n, int more)
{
	uint8_t *h = frame;
	memset(h, 0, 48);
	h[0] = 0x60;
	h[4] = (uint8_t)((8 + n) >> 8);
	h[5] = (uint8_t)(8 + n);
	h[6] = 44;
	h[7] = 64;
	h[8] = 0x20; h[9] = 0x01; h[10] = 0x0d; h[11] = 0xb8; h[23] = 1;
	h[24] = 0x20; h[25] = 0x01; h[26] = 0x0d; h[27] = 0xb8; h[39] = 2;
	h[40] = nh;
	uint16_t fo = (uint16_t)(off | (more ? 1 : 0));
	h[42] = (uint8_t)(fo >> 8);
	h[43] = (uint8_t)fo;
	h[44] = (uint8_t)(id >> 24); h[45] = (uint8_t)(id >> 16);
	h[46] = (uint8_t)(id >> 8); h[47] = (uint8_t)id;
	for (uint32_t i = 0; i < n; i++)
		h[48 + i] = pat(id, off + i);
	memset(&pkt, 0, sizeof(pkt));
	nt_decode_frame(frame, 48 + n, 48 + n, NT_DLT_RAW, &pkt);
	return &pkt;
}

static struct nt_reasm R;
static struct nt_table_stats RST;

static void rs_open(uint32_t cap)
{
	memset(&RST, 0, sizeof(RST));
	RST.cap = cap;
	assert_int_equal(nt_reasm_init(&R, &RST, 30 * SEC, 60 * SEC), 0);
}

/* Every started datagram is open or ended in exactly one way. */
static void conserved(void)
{
	const struct nt_reasm_stats *s = &R.s;
	assert_int_equal(s->datagrams, s->reassembled + s->timed_out + s->overlapping + s->oversize +
						s->invalid + s->too_many_runs + s->evicted +
						s->pending_at_end + RST.used);
}

static void rs_close(void)
{
	conserved();
	nt_reasm_free(&R);
}

static struct nt_datagram D;

static int add(const struct nt_pkt *p, int64_t t)
{
	assert_true(p->reasm & NT_RS_FRAG);
	int r = nt_reasm_add(&R, p, t, &D);
	conserved();
	return r;
}

/* The datagram given back is datagram id's data of len bytes behind a
 * header of hlen bytes. */
static void check_data(uint32_t id, uint32_t hlen, uint32_t len)
{
	assert_int_equal(D.len, hlen + len);
	for (uint32_t i = 0; i < D.caplen - hlen; i++)
		assert_int_equal(D.data[hlen + i], pat(id, i));
}

static void test_v4_in_order_and_reversed(void **st)
{
	(void)st;
	rs_open(16);
	/* 3000 bytes of UDP in fragments of 1480 */
	assert_int_equal(add(v4frag(7, 17, 0, 1480, 1, 0), 0), 0);
	assert_true(pkt.flow.has_ports); /* the first fragment's UDP header decodes */
	assert_int_equal(add(v4frag(7, 17, 1480, 1480, 1, 0), 1), 0);
	assert_int_equal(RST.used, 1);
	assert_int_equal(add(v4frag(7, 17, 2960, 40, 0, 0), 2), 1);
	check_data(7, 20, 3000);
	assert_int_equal(D.caplen, 3020);
	/* the header says: not a fragment, 3020 bytes */
	assert_int_equal((D.data[2] << 8) | D.data[3], 3020);
	assert_int_equal(D.data[6] & 0x3f, 0);
	assert_int_equal(D.data[7], 0);
	struct nt_pkt g;
	memset(&g, 0, sizeof(g));
	nt_decode_datagram(D.data, D.caplen, D.len, &g);
	assert_int_equal(g.l3, 4);
	assert_int_equal(g.reasm & NT_RS_FRAG, 0);
	assert_int_equal(g.fragment, 0);
	assert_true(g.flags & NT_PKT_REASSEMBLED);
	assert_int_equal(g.flow.proto, 17);
	assert_int_equal(g.ip_len, 3020);
	assert_int_equal(RST.used, 0);
	/* the same, last fragment first (some stacks send so) */
	assert_int_equal(add(v4frag(8, 17, 2960, 40, 0, 0), 3), 0);
	assert_int_equal(add(v4frag(8, 17, 1480, 1480, 1, 0), 3), 0);
	assert_int_equal(add(v4frag(8, 17, 0, 1480, 1, 0), 3), 1);
	check_data(8, 20, 3000);
	assert_int_equal(R.s.reassembled, 2);
	assert_int_equal(R.s.fragments, 6);
	/* same id, another protocol: another datagram (IPv4 keys hold it) */
	add(v4frag(9, 17, 0, 8, 1, 0), 4);
	add(v4frag(9, 6, 8, 8, 0, 0), 4);
	assert_int_equal(RST.used, 2);
	rs_close();
}

static void test_v4_duplicates_and_overlaps(void **st)
{
	(void)st;
	rs_open(16);
	/* a fragment wholly inside a run is a duplicate: dropped, kept going */
	add(v4frag(1, 17, 0, 1480, 1, 0), 0);
	add(v4frag(1, 17, 0, 1480, 1, 0), 0);
	add(v4frag(1, 17, 8, 80, 1, 0), 0);
	assert_int_equal(R.s.duplicates, 2);
	assert_int_equal(add(v4frag(1, 17, 1480, 16, 0, 0), 0), 1);
	check_data(1, 20, 1496);
	/* beyond the tail but starting inside it: overlap, all discarded */
	add(v4frag(2, 17, 0, 64, 1, 0), 0);
	add(v4frag(2, 17, 32, 64, 0, 0), 0);
	assert_int_equal(R.s.overlapping, 1);
	assert_int_equal(RST.used, 0);
	/* Linux keeps runs apart: 16..24 and 24..32 arrived out of order are
	 * two runs, so 16..32 is not inside one run: an overlap, though every
	 * byte of it is held */
	add(v4frag(3, 17, 40, 8, 0, 0), 0);
	add(v4frag(3, 17, 24, 8, 1, 0), 0);
	add(v4frag(3, 17, 16, 8, 1, 0), 0);
	assert_int_equal(RST.used, 1);
	add(v4frag(3, 17, 16, 16, 1, 0), 0);
	assert_int_equal(R.s.overlapping, 2);
	assert_int_equal(RST.used, 0);
	/* in order they form one run: the same bytes again are a duplicate */
	add(v4frag(4, 17, 0, 8, 1, 0), 0);
	add(v4frag(4, 17, 8, 8, 1, 0), 0);
	add(v4frag(4, 17, 0, 16, 1, 0), 0);
	assert_int_equal(R.s.duplicates, 3);
	assert_int_equal(RST.used, 1);
	rs_close();
}

static void test_v4_lengths(void **st)
{
	(void)st;
	rs_open(16);
	/* a last fragment ending before data held */
	add(v4frag(1, 17, 0, 800, 1, 0), 0);
	add(v4frag(1, 17, 400, 200, 0, 0), 0);
	assert_int_equal(R.s.invalid, 1);
	/* two last fragments that end apart */
	add(v4frag(2, 17, 800, 100, 0, 0), 0);
	add(v4frag(2, 17, 1000, 100, 0, 0), 0);
	assert_int_equal(R.s.invalid, 2);
	/* data past the end the last fragment set */
	add(v4frag(3, 17, 800, 100, 0, 0), 0);
	add(v4frag(3, 17, 896, 16, 1, 0), 0);
	assert_int_equal(R.s.invalid, 3);
	/* a non-last fragment of 13 bytes holds 8 (Linux trims to 8) */
	add(v4frag(4, 17, 0, 13, 1, 0), 0);
	assert_int_equal(add(v4frag(4, 17, 8, 10, 0, 0), 0), 1);
	check_data(4, 20, 18);
	/* an empty non-last fragment (after trimming) discards */
	add(v4frag(5, 17, 0, 5, 1, 0), 0);
	assert_int_equal(R.s.invalid, 4);
	assert_int_equal(RST.used, 0);
	rs_close();
}

static void test_v4_oversize(void **st)
{
	(void)st;
	rs_open(16);
	/* a ping of death: 65528 + 100 bytes of data behind 20 of header */
	for (uint32_t off = 0; off < 65528; off += 1480) {
		uint32_t n = 65528 - off < 1480 ? 65528 - off : 1480;
		assert_int_equal(add(v4frag(9, 1, off, n, 1, 0), 0), 0);
	}
	assert_int_equal(add(v4frag(9, 1, 65528, 100, 0, 0), 0), 0);
	assert_int_equal(R.s.oversize, 1);
	/* 65515 bytes of data fit exactly (20 + 65515 = 65535) */
	for (uint32_t off = 0; off < 65515; off += 1480) {
		uint32_t n = 65515 - off < 1480 ? 65515 - off : 1480;
		add(v4frag(10, 1, off, n, off + n < 65515, 0), 0);
	}
	assert_int_equal(R.s.reassembled, 1);
	assert_int_equal(D.len, 65535);
	assert_int_equal(D.caplen, 20 + NT_REASM_KEEP); /* kept: the first 8 KiB */
	assert_int_equal(R.s.truncated, 1);
	check_data(10, 20, 65515);
	rs_close();
}

static void test_v6(void **st)
{
	(void)st;
	rs_open(16);
	assert_int_equal(add(v6frag(0x11223344, 17, 0, 1232, 1), 0), 0);
	assert_int_equal(add(v6frag(0x11223344, 17, 1232, 300, 0), 0), 1);
	check_data(0x11223344, 40, 1532);
	/* payload length 1532, the fragment header gone */
	assert_int_equal((D.data[4] << 8) | D.data[5], 1532);
	assert_int_equal(D.data[6], 17);
	struct nt_pkt g;
	memset(&g, 0, sizeof(g));
	nt_decode_datagram(D.data, D.caplen, D.len, &g);
	assert_int_equal(g.l3, 6);
	assert_int_equal(g.flow.proto, 17);
	assert_int_equal(g.reasm & NT_RS_FRAG, 0);
	/* dropped before the queue: past 65535, not a multiple of 8, a first
	 * fragment without the whole UDP header */
	add(v6frag(5, 17, 65528, 16, 0), 0);
	add(v6frag(5, 17, 8, 13, 1), 0);
	add(v6frag(5, 17, 0, 4, 1), 0);
	assert_int_equal(R.s.dropped, 3);
	assert_int_equal(RST.used, 0);
	/* an atomic fragment (offset 0, M clear) is no fragment (RFC 6946) */
	v6frag(6, 17, 0, 100, 0);
	assert_int_equal(pkt.reasm & NT_RS_FRAG, 0);
	/* RFC 5722 overlap */
	add(v6frag(7, 17, 0, 1232, 1), 0);
	add(v6frag(7, 17, 1224, 100, 0), 0);
	assert_int_equal(R.s.overlapping, 1);
	/* the protocol is not in IPv6 keys: one datagram */
	add(v6frag(8, 17, 0, 8, 1), 0);
	assert_int_equal(add(v6frag(8, 6, 8, 8, 0), 0), 1);
	rs_close();
}

static void test_timeouts_and_eviction(void **st)
{
	(void)st;
	rs_open(16);
	add(v4frag(1, 17, 0, 8, 1, 0), 0);
	add(v6frag(2, 17, 0, 8, 1), 0);
	nt_reasm_expire(&R, 30 * SEC - 1, 0);
	assert_int_equal(RST.used, 2);
	nt_reasm_expire(&R, 30 * SEC, 0);
	assert_int_equal(R.s.timed_out, 1); /* IPv4: 30 s, IPv6 waits 60 */
	assert_int_equal(R.s.incomplete_dns, 0);
	/* a later IPv4 datagram is due at 31 s while the IPv6 one stands first */
	add(v4frag(3, 17, 0, 8, 1, 0), 1 * SEC);
	nt_reasm_expire(&R, 31 * SEC, 0);
	assert_int_equal(R.s.timed_out, 2);
	/* not extended by later fragments: due 60 s after the first */
	add(v6frag(2, 17, 16, 8, 1), 50 * SEC);
	/* a fragment that comes after its datagram's time ran out starts anew */
	assert_int_equal(add(v6frag(2, 17, 8, 8, 0), 61 * SEC), 0);
	assert_int_equal(R.s.timed_out, 3);
	assert_int_equal(RST.used, 1);
	/* at the end: what is not due is pending */
	nt_reasm_expire(&R, 62 * SEC, 1);
	assert_int_equal(R.s.pending_at_end, 1);
	/* full: the oldest goes; DNS answers lost so are counted */
	for (uint16_t i = 0; i < 17; i++) {
		v4frag(100 + i, 17, 0, 64, 1, 0);
		pkt.flow.sport = 53; /* the pattern is no UDP header: say it is DNS */
		add(&pkt, 100 * SEC + i);
	}
	assert_int_equal(R.s.evicted, 1);
	assert_int_equal(R.s.incomplete_dns, 1);
	rs_close();
}

static void test_runs_and_cuts(void **st)
{
	(void)st;
	rs_open(16);
	/* every other 8-byte piece, from the end backwards: one run each */
	add(v4frag(1, 17, 8 * 2 * NT_REASM_RUNS, 8, 0, 0), 0);
	for (uint32_t k = NT_REASM_RUNS - 1; k > 0; k--)
		add(v4frag(1, 17, 8 * 2 * k, 8, 1, 0), 0);
	assert_int_equal(R.s.too_many_runs, 0);
	add(v4frag(1, 17, 0, 8, 1, 0), 0);
	assert_int_equal(R.s.too_many_runs, 1);
	/* the snap length cut a fragment: the datagram is given cut there */
	add(v4frag(2, 17, 0, 1480, 1, 20 + 100), 0);
	assert_int_equal(pkt.frag_caplen, 100);
	assert_int_equal(add(v4frag(2, 17, 1480, 20, 0, 0), 0), 1);
	assert_int_equal(D.len, 20 + 1500);
	assert_int_equal(D.caplen, 20 + 100);
	check_data(2, 20, 1500);
	assert_int_equal(R.s.truncated, 1);
	rs_close();
}

/* ---- DNS over TCP ---- */

static struct nt_tcpdns T;
static struct nt_table_stats TST;
static uint8_t stream_bytes[20000];
static uint32_t got_n, got_len[16], got_cap[16];
static uint8_t got_first[16];

static void on_msg(void *ctx, const struct nt_tcpdns_msg *m)
{
	(void)ctx;
	assert_true(got_n < 16);
	got_len[got_n] = m->len;
	got_cap[got_n] = m->caplen;
	got_first[got_n] = m->caplen ? m->data[0] : 0;
	/* the bytes are the stream's, in order */
	got_n++;
}

static void td_open(uint32_t cap)
{
	memset(&TST, 0, sizeof(TST));
	TST.cap = cap;
	assert_int_equal(nt_tcpdns_init(&T, &TST, 30 * SEC), 0);
	got_n = 0;
}

/* A stream of messages: message k is `len[k]` bytes, each byte k. */
static uint32_t make_stream(const uint32_t *len, int n)
{
	uint32_t p = 0;
	for (int k = 0; k < n; k++) {
		stream_bytes[p++] = (uint8_t)(len[k] >> 8);
		stream_bytes[p++] = (uint8_t)len[k];
		memset(stream_bytes + p, 0x40 + k, len[k]);
		p += len[k];
	}
	return p;
}

static uint32_t isn = 1000;
static uint16_t sport = 40000;

/* A segment carrying stream bytes [off, off+n) (seq isn+1+off), cap of
 * them captured. */
static void build(uint32_t off, uint32_t n, uint8_t flags, uint32_t cap)
{
	memset(&pkt, 0, sizeof(pkt));
	pkt.l3 = 4;
	pkt.flow.src.family = pkt.flow.dst.family = 4;
	pkt.flow.src.a[0] = 10;
	pkt.flow.dst.a[0] = 11;
	pkt.flow.proto = 6;
	pkt.flow.sport = sport;
	pkt.flow.dport = 53;
	pkt.flow.has_ports = 1;
	pkt.tcp_flags = flags;
	pkt.tcp_seq = isn + 1 + off;
	pkt.l4_payload_len = n;
	pkt.payload = n ? stream_bytes + off : NULL;
	pkt.payload_caplen = cap < n ? cap : n;
	pkt.reasm = NT_RS_TCPDNS;
}

static int seg(uint32_t off, uint32_t n, uint8_t flags, int64_t t, uint32_t cap)
{
	build(off, n, flags, cap);
	return nt_tcpdns_segment(&T, &pkt, t, on_msg, NULL);
}

static void syn(void)
{
	build(0, 0, NT_TH_SYN, 0);
	pkt.tcp_seq = isn;
	assert_int_equal(nt_tcpdns_segment(&T, &pkt, 0, on_msg, NULL), NT_TD_AS_IS);
}

static void test_tcp_split_and_shared(void **st)
{
	(void)st;
	td_open(16);
	uint32_t len[3] = {3000, 40, 50};
	uint32_t total = make_stream(len, 3);
	syn();
	/* the first message in three segments, the next two in one */
	assert_int_equal(seg(0, 1448, NT_TH_ACK, 1, 99999), NT_TD_TAKEN);
	assert_int_equal(got_n, 0);
	assert_int_equal(seg(1448, 1448, NT_TH_ACK, 1, 99999), NT_TD_TAKEN);
	assert_int_equal(seg(2896, 106, NT_TH_ACK, 1, 99999), NT_TD_TAKEN);
	assert_int_equal(got_n, 1);
	assert_int_equal(got_len[0], 3000);
	assert_int_equal(got_cap[0], 3000);
	assert_int_equal(got_first[0], 0x40);
	assert_int_equal(seg(3002, total - 3002, NT_TH_ACK | NT_TH_PUSH, 1, 99999), NT_TD_TAKEN);
	assert_int_equal(got_n, 3);
	assert_int_equal(got_len[1], 40);
	assert_int_equal(got_first[2], 0x42);
	assert_int_equal(T.s.messages, 3);
	assert_int_equal(T.s.split, 1);
	assert_int_equal(T.s.shared, 2);
	/* FIN ends the direction */
	seg(total, 0, NT_TH_FIN | NT_TH_ACK, 2, 0);
	assert_int_equal(TST.used, 0);
	assert_int_equal(T.s.incomplete, 0);
	nt_tcpdns_free(&T);
}

static void test_tcp_prefix_alone_and_whole(void **st)
{
	(void)st;
	td_open(16);
	uint32_t len[2] = {30, 60};
	make_stream(len, 2);
	syn();
	assert_int_equal(seg(0, 1, NT_TH_ACK, 1, 99), NT_TD_TAKEN);  /* half the prefix */
	assert_int_equal(seg(1, 1, NT_TH_ACK, 1, 99), NT_TD_TAKEN);
	assert_int_equal(seg(2, 30, NT_TH_ACK, 1, 99), NT_TD_TAKEN);
	assert_int_equal(got_n, 1);
	assert_int_equal(T.s.split, 1);
	/* one whole message where one starts: the decoder's reading stands */
	assert_int_equal(seg(32, 62, NT_TH_ACK, 1, 99), NT_TD_AS_IS);
	assert_int_equal(got_n, 1);
	assert_int_equal(T.s.messages, 2);
	/* a bare ACK changes nothing */
	assert_int_equal(seg(94, 0, NT_TH_ACK, 1, 0), NT_TD_AS_IS);
	nt_tcpdns_free(&T);
}

static void test_tcp_retransmit_reorder(void **st)
{
	(void)st;
	td_open(16);
	uint32_t len[2] = {2000, 100};
	uint32_t total = make_stream(len, 2);
	syn();
	seg(0, 1000, NT_TH_ACK, 1, 99999);
	/* all of it again: a retransmission, nothing new */
	assert_int_equal(seg(0, 1000, NT_TH_ACK, 1, 99999), NT_TD_TAKEN);
	assert_int_equal(T.s.retransmitted, 1);
	/* the third part before the second: held */
	assert_int_equal(seg(1500, total - 1500, NT_TH_ACK, 1, 99999), NT_TD_TAKEN);
	assert_int_equal(T.s.out_of_order, 1);
	assert_int_equal(got_n, 0);
	/* the second, overlapping the first by 200 bytes: both messages */
	assert_int_equal(seg(800, 700, NT_TH_ACK, 1, 99999), NT_TD_TAKEN);
	assert_int_equal(T.s.retransmitted, 2);
	assert_int_equal(T.s.reordered, 1);
	assert_int_equal(got_n, 2);
	assert_int_equal(got_len[0], 2000);
	assert_int_equal(got_first[1], 0x41);
	nt_tcpdns_free(&T);
}

static void test_tcp_give_up_and_limits(void **st)
{
	(void)st;
	td_open(16);
	uint32_t len[1] = {9000};
	make_stream(len, 1);
	syn();
	seg(0, 100, NT_TH_ACK, 1, 99999);
	/* two segments ahead: the gap cannot be held, the direction is given up */
	seg(2000, 100, NT_TH_ACK, 1, 99999);
	assert_int_equal(seg(3000, 100, NT_TH_ACK, 1, 99999), NT_TD_UNFOLLOWED);
	assert_int_equal(T.s.desynced, 1);
	assert_int_equal(T.s.incomplete, 1);
	assert_int_equal(seg(100, 100, NT_TH_ACK, 1, 99999), NT_TD_UNFOLLOWED);
	/* a new connection on the same ports follows again */
	isn = 50000;
	syn();
	for (uint32_t off = 0; off < 9002; off += 1448)
		seg(off, 9002 - off < 1448 ? 9002 - off : 1448, NT_TH_ACK, 2, 99999);
	assert_int_equal(got_n, 1);
	assert_int_equal(got_len[0], 9000);
	assert_int_equal(got_cap[0], NT_TCPDNS_KEEP);
	assert_int_equal(T.s.truncated, 1);
	/* a message cut by the snap length: given cut there */
	got_n = 0;
	len[0] = 500;
	make_stream(len, 1);
	isn = 70000;
	syn();
	seg(0, 502, NT_TH_ACK, 3, 102);
	assert_int_equal(got_n, 1);
	assert_int_equal(got_cap[0], 100);
	assert_int_equal(T.s.truncated, 2);
	/* a partial message when the direction goes idle */
	seg(502, 1, NT_TH_ACK, 3 * SEC, 99);
	nt_tcpdns_expire(&T, 33 * SEC - 1, 0);
	assert_int_equal(TST.used, 1);
	nt_tcpdns_expire(&T, 33 * SEC, 0);
	assert_int_equal(T.s.timed_out, 1);
	assert_int_equal(T.s.incomplete, 2);
	assert_int_equal(TST.used, 0);
	nt_tcpdns_free(&T);
}

static void test_tcp_eviction_and_midstream(void **st)
{
	(void)st;
	td_open(16);
	uint32_t len[1] = {20};
	make_stream(len, 1);
	/* no SYN seen: the first segment with data is taken to start a
	 * message; 17 directions with half a message each in 16 places */
	for (int i = 0; i < 17; i++) {
		sport = (uint16_t)(1000 + i);
		assert_int_equal(seg(0, 10, NT_TH_ACK, i, 99), NT_TD_TAKEN);
	}
	sport = 40000;
	assert_int_equal(T.s.evicted, 1);
	assert_int_equal(T.s.incomplete, 1);
	assert_int_equal(TST.used, 16);
	nt_tcpdns_expire(&T, 100, 1);
	assert_int_equal(TST.used, 0);
	assert_int_equal(T.s.incomplete, 17);
	nt_tcpdns_free(&T);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v4_in_order_and_reversed),
		cmocka_unit_test(test_v4_duplicates_and_overlaps),
		cmocka_unit_test(test_v4_lengths),
		cmocka_unit_test(test_v4_oversize),
		cmocka_unit_test(test_v6),
		cmocka_unit_test(test_timeouts_and_eviction),
		cmocka_unit_test(test_runs_and_cuts),
		cmocka_unit_test(test_tcp_split_and_shared),
		cmocka_unit_test(test_tcp_prefix_alone_and_whole),
		cmocka_unit_test(test_tcp_retransmit_reorder),
		cmocka_unit_test(test_tcp_give_up_and_limits),
		cmocka_unit_test(test_tcp_eviction_and_midstream),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
