/* \summary: unit tests of the TCP printer (print/tcp.c): tcpdump 4.99.3
 * text for flags, relative/absolute sequence numbers, options, checksums,
 * -q, HTTP and DNS-over-TCP payloads, RST data, and truncation.
 *
 * RFC 9293 3.1; frames are raw IPv4 (LINKTYPE_RAW) built by hand:
 *   | IPv4 header (20) | TCP header (20 + options) | payload |
 *   TCP: | sport | dport | seq (4) | ack (4) | off<<4 | flags | win | sum | urg |
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "core/packet.h"
#include "print/print.h"

static char text[16384];

struct seg {
	uint8_t src[4], dst[4];
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;
	uint16_t win, urg;
	const uint8_t *opt;
	size_t optlen;      /* multiple of 4 */
	const void *data;
	size_t datalen;
	int bad_sum;        /* corrupt the TCP checksum */
};

static uint32_t sum16(uint32_t s, const uint8_t *p, size_t n)
{
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	return s;
}

static uint16_t fold(uint32_t s)
{
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/* Builds IPv4 + TCP into buf; returns the frame length. */
static size_t build(uint8_t *buf, const struct seg *s)
{
	size_t thl = 20 + s->optlen, tl = 20 + thl + s->datalen;
	memset(buf, 0, tl);
	uint8_t *ip = buf, *tp = buf + 20;
	ip[0] = 0x45;
	ip[2] = (uint8_t)(tl >> 8);
	ip[3] = (uint8_t)tl;
	ip[8] = 64;
	ip[9] = 6;
	memcpy(ip + 12, s->src, 4);
	memcpy(ip + 16, s->dst, 4);
	uint16_t isum = fold(sum16(0, ip, 20));
	ip[10] = (uint8_t)(isum >> 8);
	ip[11] = (uint8_t)isum;
	tp[0] = (uint8_t)(s->sport >> 8);
	tp[1] = (uint8_t)s->sport;
	tp[2] = (uint8_t)(s->dport >> 8);
	tp[3] = (uint8_t)s->dport;
	for (int i = 0; i < 4; i++) {
		tp[4 + i] = (uint8_t)(s->seq >> (24 - 8 * i));
		tp[8 + i] = (uint8_t)(s->ack >> (24 - 8 * i));
	}
	tp[12] = (uint8_t)((thl / 4) << 4);
	tp[13] = s->flags;
	tp[14] = (uint8_t)(s->win >> 8);
	tp[15] = (uint8_t)s->win;
	tp[18] = (uint8_t)(s->urg >> 8);
	tp[19] = (uint8_t)s->urg;
	if (s->optlen)
		memcpy(tp + 20, s->opt, s->optlen);
	if (s->datalen)
		memcpy(tp + thl, s->data, s->datalen);
	uint32_t ps = sum16(0, ip + 12, 8) + 6 + (uint32_t)(thl + s->datalen);
	uint16_t tsum = fold(sum16(ps, tp, thl + s->datalen));
	if (s->bad_sum)
		tsum ^= 0x0101;
	tp[16] = (uint8_t)(tsum >> 8);
	tp[17] = (uint8_t)tsum;
	return tl;
}

static struct nt_out out;
static struct nt_printer pr;

static void start(int vflag, int qflag, int absseq)
{
	struct nt_print_opts o;
	memset(&o, 0, sizeof(o));
	o.nflag = 1;
	o.tflag = 1;
	o.vflag = vflag;
	o.qflag = qflag;
	o.absseq = absseq;
	assert_int_equal(nt_out_mem(&out, sizeof(text) - 1), 0);
	nt_printer_init(&pr, &o, &out, NT_DLT_RAW, 0);
}

/* Prints one frame (caplen bytes of len) and returns its text without
 * the final newline. */
static const char *line(const uint8_t *f, size_t caplen, size_t len)
{
	nt_out_reset(&out);
	nt_print_packet(&pr, 0, 0, f, (uint32_t)caplen, (uint32_t)len);
	assert_false(out.overflow);
	snprintf(text, sizeof(text), "%s", nt_out_str(&out));
	size_t n = strlen(text);
	assert_true(n > 0 && text[n - 1] == '\n');
	text[n - 1] = '\0';
	return text;
}

static void stop(void)
{
	nt_out_close(&out);
}

static const uint8_t syn_opts[] = {
	2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7,
};

#define A(a, b, c, d) {a, b, c, d}

static void test_handshake_relative(void **state)
{
	(void)state;
	uint8_t f[256];
	struct seg s = {A(10, 0, 0, 1), A(10, 0, 0, 2), 40000, 8053, 1000, 0, 0x02, 65535, 0,
			syn_opts, sizeof(syn_opts), NULL, 0, 0};
	start(0, 0, 0);
	size_t n = build(f, &s);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.1.40000 > 10.0.0.2.8053: Flags [S], seq 1000, win 65535, "
			    "options [mss 1460,sackOK,TS val 1 ecr 0,nop,wscale 7], length 0");
	struct seg sa = {A(10, 0, 0, 2), A(10, 0, 0, 1), 8053, 40000, 5000, 1001, 0x12, 1024, 0,
			 NULL, 0, NULL, 0, 0};
	n = build(f, &sa);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.2.8053 > 10.0.0.1.40000: Flags [S.], seq 5000, ack 1001, "
			    "win 1024, length 0");
	struct seg a = {A(10, 0, 0, 1), A(10, 0, 0, 2), 40000, 8053, 1001, 5001, 0x18, 512, 0,
			NULL, 0, "hello", 5, 0};
	n = build(f, &a);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.1.40000 > 10.0.0.2.8053: Flags [P.], seq 1:6, ack 1, "
			    "win 512, length 5");
	struct seg b = {A(10, 0, 0, 2), A(10, 0, 0, 1), 8053, 40000, 5001, 1006, 0x11, 512, 0,
			NULL, 0, NULL, 0, 0};
	n = build(f, &b);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.2.8053 > 10.0.0.1.40000: Flags [F.], seq 1, ack 6, win 512, "
			    "length 0");
	stop();

	/* -S keeps the absolute numbers. */
	start(0, 0, 1);
	n = build(f, &sa);
	line(f, n, n);
	n = build(f, &a);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.1.40000 > 10.0.0.2.8053: Flags [P.], seq 1001:1006, "
			    "ack 5001, win 512, length 5");
	stop();
}

static void test_flags_and_urg(void **state)
{
	(void)state;
	uint8_t f[128];
	struct seg s = {A(10, 0, 0, 2), A(10, 128, 0, 2), 6260, 8000, 576462951, 486026015, 0xff,
			512, 0, NULL, 0, NULL, 0, 0};
	start(0, 0, 0);
	size_t n = build(f, &s);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.2.6260 > 10.128.0.2.8000: Flags [FSRP.UEW], seq 576462951, "
			    "ack 486026015, win 512, urg 0, length 0");
	s.flags = 0;
	n = build(f, &s);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.2.6260 > 10.128.0.2.8000: Flags [none], win 512, length 0");
	stop();
}

static void test_quiet_and_cksum(void **state)
{
	(void)state;
	uint8_t f[128];
	struct seg s = {A(192, 0, 2, 1), A(192, 0, 2, 2), 1234, 80, 7, 0, 0x02, 100, 0, NULL, 0,
			NULL, 0, 0};
	size_t n = build(f, &s);
	start(0, 1, 0);
	assert_string_equal(line(f, n, n), "IP 192.0.2.1.1234 > 192.0.2.2.80: tcp 0");
	stop();
	start(1, 0, 0);
	const char *t = line(f, n, n);
	assert_non_null(strstr(t, "Flags [S], cksum 0x"));
	assert_non_null(strstr(t, " (correct), seq 7, win 100, length 0"));
	s.bad_sum = 1;
	n = build(f, &s);
	uint16_t bad = (uint16_t)(f[36] << 8 | f[37]), good = bad ^ 0x0101;
	char want[128];
	snprintf(want, sizeof(want), "cksum 0x%04x (incorrect -> 0x%04x), seq 7", bad, good);
	assert_non_null(strstr(line(f, n, n), want));
	stop();
}

static void test_http(void **state)
{
	(void)state;
	uint8_t f[512];
	static const char req[] = "GET /index.html HTTP/1.1\r\nHost: example\r\n\r\n";
	static const char resp[] = "HTTP/1.1 200 OK\r\nServer: x\r\n\r\n";
	static const char junk[] = "\x01\x02" "binary";
	struct seg s = {A(127, 0, 0, 1), A(127, 0, 0, 1), 55920, 80, 1, 1, 0x18, 8192, 0, NULL, 0,
			req, sizeof(req) - 1, 0};
	start(0, 0, 1);
	size_t n = build(f, &s);
	char want[256];
	snprintf(want, sizeof(want),
		 "IP 127.0.0.1.55920 > 127.0.0.1.80: Flags [P.], seq 1:%zu, ack 1, win 8192, "
		 "length %zu: HTTP: GET /index.html HTTP/1.1", sizeof(req), sizeof(req) - 1);
	assert_string_equal(line(f, n, n), want);
	s.sport = 8080;
	s.dport = 40000;
	s.data = resp;
	s.datalen = sizeof(resp) - 1;
	n = build(f, &s);
	assert_non_null(strstr(line(f, n, n), ": HTTP: HTTP/1.1 200 OK"));
	s.data = junk;
	s.datalen = sizeof(junk) - 1;
	n = build(f, &s);
	const char *t = line(f, n, n);
	assert_string_equal(t + strlen(t) - 15, " length 8: HTTP");
	stop();
	/* -v prints every text line. */
	start(1, 0, 1);
	s.sport = 55920;
	s.dport = 80;
	s.data = req;
	s.datalen = sizeof(req) - 1;
	n = build(f, &s);
	assert_non_null(strstr(line(f, n, n), ": HTTP, length: 43\n\tGET /index.html HTTP/1.1"
						 "\n\tHost: example\n\t"));
	stop();
}

static void test_rst_data(void **state)
{
	(void)state;
	uint8_t f[256];
	static const char msg[] = "BIG-IP: [0x11c5672:3045] {peer} reset";
	struct seg s = {A(10, 0, 0, 1), A(10, 0, 0, 2), 80, 52875, 1, 1, 0x14, 5785, 0, NULL, 0,
			msg, sizeof(msg) - 1, 0};
	start(1, 0, 1);
	size_t n = build(f, &s);
	const char *t = line(f, n, n);
	assert_non_null(strstr(t, "length 37 [RST+ BIG-IP: [0x11c5672:3045] {peer]"));
	stop();
	start(0, 0, 1);
	assert_non_null(strstr(line(f, n, n), "length 37: HTTP"));
	stop();
}

static void test_dns_prefix(void **state)
{
	(void)state;
	uint8_t f[256];
	static const uint8_t bad[] = {0, 5, 1, 2, 3};
	static const uint8_t ok[] = {0, 12, 0x12, 0x34, 0x01, 0x00, 0, 0, 0, 0, 0, 0, 0, 0};
	struct seg s = {A(10, 0, 0, 1), A(10, 0, 0, 2), 33779, 53, 1, 1, 0x18, 100, 0, NULL, 0,
			bad, sizeof(bad), 0};
	start(0, 0, 1);
	size_t n = build(f, &s);
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.1.33779 > 10.0.0.2.53: Flags [P.], seq 1:6, ack 1, win 100, "
			    "length 5 [prefix length(5) != length(3)] (invalid)");
	s.data = ok;
	s.datalen = sizeof(ok);
	n = build(f, &s);
	const char *t = line(f, n, n);
	assert_non_null(strstr(t, "length 14 4660+"));
	assert_string_equal(t + strlen(t) - 4, "(12)");
	/* Port 8053 is only DNS with -T domain. */
	s.dport = 8053;
	n = build(f, &s);
	t = line(f, n, n);
	assert_string_equal(t + strlen(t) - 10, " length 14");
	stop();
}

static void test_options_edge(void **state)
{
	(void)state;
	uint8_t f[256];
	/* sack (relative to the ack base), unknown kind, eol */
	static const uint8_t o1[] = {1, 1, 5, 10, 0, 0, 0x13, 0x90, 0, 0, 0x13, 0x95,
				     99, 4, 0xab, 0xcd, 0, 0, 0, 0};
	struct seg s = {A(10, 0, 0, 1), A(10, 0, 0, 2), 1000, 2000, 1, 5000, 0x10, 100, 0, o1,
			sizeof(o1), NULL, 0, 0};
	start(0, 0, 0);
	size_t n = build(f, &s);
	/* The first ACK of the conversation records the bases (ack base 4999),
	 * so the SACK block 5008:5013 prints relative to it. */
	assert_string_equal(line(f, n, n),
			    "IP 10.0.0.1.1000 > 10.0.0.2.2000: Flags [.], ack 5000, win 100, "
			    "options [nop,nop,sack 1 {9:14},unknown-99 0xabcd,eol], length 0");
	/* An option whose length runs past the header: [bad opt]. */
	static const uint8_t o2[] = {2, 40, 0, 0};
	s.opt = o2;
	s.optlen = sizeof(o2);
	n = build(f, &s);
	assert_non_null(strstr(line(f, n, n), "options [[bad opt]"));
	/* Options cut by the capture. */
	s.opt = o1;
	s.optlen = sizeof(o1);
	n = build(f, &s);
	assert_non_null(strstr(line(f, 20 + 20 + 6, n), "options [nop,nop,sack 1  [|tcp]>"));
	assert_non_null(strstr(line(f, 20 + 20 + 2, n), "options [nop,nop, [|tcp]"));
	stop();
}

/* Every prefix of a frame prints without reading past it. */
static void test_truncation_every_byte(void **state)
{
	(void)state;
	uint8_t f[256];
	static const char req[] = "GET / HTTP/1.0\r\n\r\n";
	struct seg s = {A(10, 0, 0, 1), A(10, 0, 0, 2), 1234, 80, 1, 1, 0x18, 100, 0, syn_opts,
			sizeof(syn_opts), req, sizeof(req) - 1, 0};
	size_t n = build(f, &s);
	for (int v = 0; v < 3; v++) {
		start(v, 0, 0);
		for (size_t cap = 1; cap < n; cap++) {
			uint8_t copy[256];
			memcpy(copy, f, cap); /* exact-size data for the sanitizers */
			const char *t = line(copy, cap, n);
			if (cap >= 20 && cap < 24)
				assert_non_null(strstr(t, "10.0.0.1 > 10.0.0.2: [|tcp]"));
			else if (cap >= 24 && cap < 40)
				assert_non_null(strstr(t, "10.0.0.1.1234 > 10.0.0.2.80:  [|tcp]"));
		}
		stop();
	}
}

/* Many connections: the table stays bounded and keeps working. */
static void test_table_bounded(void **state)
{
	(void)state;
	uint8_t f[128];
	start(0, 0, 0);
	for (uint32_t i = 0; i < 50000; i++) {
		struct seg s = {A(10, (uint8_t)(i >> 16), (uint8_t)(i >> 8), (uint8_t)i),
				A(192, 0, 2, 1), 1024, 443, i, 77, 0x10, 1, 0, NULL, 0, NULL, 0, 0};
		size_t n = build(f, &s);
		line(f, n, n);
	}
	struct seg s = {A(10, 9, 9, 9), A(192, 0, 2, 1), 1024, 443, 100, 200, 0x10, 1, 0, NULL, 0,
			NULL, 0, 0};
	size_t n = build(f, &s);
	assert_non_null(strstr(line(f, n, n), "ack 200,"));
	s.seq = 110;
	s.ack = 210;
	n = build(f, &s);
	assert_non_null(strstr(line(f, n, n), "ack 11,"));
	stop();
}

/* Seconds of INT64_MIN were the time-stamp cache's "empty" marker: the
 * first packet's stamp printed tm_cache_len - 11 bytes of the printer's
 * stack (or, to memory, nothing but the fraction).  Issue 17. */
static void test_time_cache_int64_min(void **state)
{
	(void)state;
	uint8_t f[256];
	struct seg s = {A(10, 0, 0, 1), A(10, 0, 0, 2), 40000, 8053, 1000, 0, 0x02, 65535, 0,
			NULL, 0, NULL, 0, 0};
	size_t n = build(f, &s);
	struct nt_print_opts o;
	memset(&o, 0, sizeof(o));
	o.nflag = 1;
	o.utc = 1;
	static const char *const want[] = {
		"[Error converting time] IP 10.0.0.1.40000 > 10.0.0.2.8053: Flags [S], seq 1000, "
		"win 65535, length 0\n",
		"00:00:07.000001 IP 10.0.0.1.40000 > 10.0.0.2.8053: Flags [S], seq 1000, "
		"win 65535, length 0\n",
	};
	const int64_t secs[] = {INT64_MIN, 7, INT64_MIN, INT64_MIN, 7};
	for (int tflag = 0; tflag <= 4; tflag += 4) {
		o.tflag = tflag;
		assert_int_equal(nt_out_mem(&out, sizeof(text) - 1), 0);
		nt_printer_init(&pr, &o, &out, NT_DLT_RAW, 0);
		for (size_t i = 0; i < sizeof(secs) / sizeof(secs[0]); i++) {
			nt_out_reset(&out);
			nt_print_packet(&pr, secs[i], 1, f, (uint32_t)n, (uint32_t)n);
			assert_false(out.overflow);
			const char *w = want[secs[i] != INT64_MIN];
			if (tflag == 4 && secs[i] != INT64_MIN)
				w = "1970-01-01 00:00:07.000001 IP 10.0.0.1.40000 > 10.0.0.2.8053: Flags [S], "
				    "seq 1000, win 65535, length 0\n";
			assert_string_equal(nt_out_str(&out), w);
		}
		stop();
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handshake_relative),
		cmocka_unit_test(test_flags_and_urg),
		cmocka_unit_test(test_quiet_and_cksum),
		cmocka_unit_test(test_http),
		cmocka_unit_test(test_rst_data),
		cmocka_unit_test(test_dns_prefix),
		cmocka_unit_test(test_options_edge),
		cmocka_unit_test(test_truncation_every_byte),
		cmocka_unit_test(test_table_bounded),
		cmocka_unit_test(test_time_cache_int64_min),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
