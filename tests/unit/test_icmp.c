/* \summary: unit tests of the ICMP / ICMPv6 decoder (decode/icmp.c) and
 * printers (print/icmp.c, print/icmp6.c): errors quoting a DNS query with
 * full, 28-octet and capture-truncated quotes, ICMP quoting ICMP quoting
 * ICMP, and the tcpdump 4.99.3 text of each.
 *
 * Packets are built by hand (RFC 791, 768, 792, 1035, 8200, 4443):
 *   IPv4 | 45 tos len(2) id(2) frag(2) ttl proto sum(2) src(4) dst(4) |
 *   ICMP | type code sum(2) rest(4) | quoted IP datagram ... |
 *   UDP  | sport dport len sum | DNS | id flags qd an ns ar | qname qtype qclass |
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "decode/icmp.h"
#include "print/print.h"

static const uint8_t CLIENT[4] = {10, 0, 0, 2};
static const uint8_t SERVER[4] = {192, 0, 2, 53};
static const uint8_t ROUTER[4] = {10, 0, 0, 1};

static void put16(uint8_t *p, unsigned v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static unsigned sum16(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	for (size_t i = 0; i + 1 < n; i += 2)
		s += (uint32_t)((p[i] << 8) | p[i + 1]);
	if (n & 1)
		s += (uint32_t)(p[n - 1] << 8);
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (~s) & 0xffff;
}

/* IPv4 header of a datagram of total length tot; returns 20. */
static size_t ip4(uint8_t *p, size_t tot, unsigned id, unsigned ttl, unsigned proto,
		  const uint8_t *src, const uint8_t *dst)
{
	memset(p, 0, 20);
	p[0] = 0x45;
	put16(p + 2, (unsigned)tot);
	put16(p + 4, id);
	p[8] = (uint8_t)ttl;
	p[9] = (uint8_t)proto;
	memcpy(p + 12, src, 4);
	memcpy(p + 16, dst, 4);
	put16(p + 10, sum16(p, 20));
	return 20;
}

/* IP + UDP + DNS query "api.example.net A?"; returns its length (61). */
static size_t dns_query(uint8_t *p)
{
	static const uint8_t dns[] = {
		0x10, 0x02, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		3, 'a', 'p', 'i', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'n', 'e', 't', 0,
		0, 1, 0, 1,
	};
	size_t tot = 20 + 8 + sizeof(dns);
	ip4(p, tot, 4098, 64, 17, CLIENT, SERVER);
	uint8_t *u = p + 20;
	put16(u, 40002);
	put16(u + 2, 53);
	put16(u + 4, (unsigned)(8 + sizeof(dns)));
	put16(u + 6, 0);
	memcpy(u + 8, dns, sizeof(dns));
	return tot;
}

/* ICMP error from src quoting `qlen` octets of the datagram q; returns
 * the length of the whole IP packet. */
static size_t icmp_err(uint8_t *p, unsigned type, unsigned code, uint32_t rest,
		       const uint8_t *src, const uint8_t *q, size_t qlen)
{
	size_t tot = 20 + 8 + qlen;
	ip4(p, tot, 7002, 64, 1, src, CLIENT);
	uint8_t *ic = p + 20;
	ic[0] = (uint8_t)type;
	ic[1] = (uint8_t)code;
	ic[2] = ic[3] = 0;
	ic[4] = (uint8_t)(rest >> 24);
	ic[5] = (uint8_t)(rest >> 16);
	ic[6] = (uint8_t)(rest >> 8);
	ic[7] = (uint8_t)rest;
	memcpy(ic + 8, q, qlen);
	put16(ic + 2, sum16(ic, 8 + qlen));
	return tot;
}

static char text[16384];

/* Prints one raw-IPv4 frame (caplen of wirelen captured) without time stamp. */
static const char *show(const uint8_t *pkt, uint32_t caplen, uint32_t wirelen, int vflag)
{
	struct nt_out o;
	struct nt_printer pr;
	struct nt_print_opts opts;
	memset(&opts, 0, sizeof(opts));
	opts.nflag = 1;
	opts.vflag = vflag;
	opts.tflag = 1;
	assert_int_equal(nt_out_mem(&o, sizeof(text) - 1), 0);
	nt_printer_init(&pr, &opts, &o, 228 /* DLT_IPV4 */, 0);
	nt_print_packet(&pr, 0, 0, pkt, caplen, wirelen);
	assert_false(o.overflow);
	strcpy(text, nt_out_str(&o));
	nt_out_close(&o);
	return text;
}

static int decode4(const uint8_t *pkt, size_t caplen, size_t wirelen, struct nt_icmp *ic)
{
	struct nt_cur c;
	nt_cur_init_frame(&c, pkt, caplen, wirelen);
	nt_skip(&c, 20);
	return nt_decode_icmp(&c, (uint32_t)(wirelen - 20), ic);
}

static void test_port_unreach_full_quote(void **state)
{
	(void)state;
	uint8_t q[128], pkt[256];
	size_t qlen = dns_query(q);
	size_t n = icmp_err(pkt, 3, 3, 0, SERVER, q, qlen);
	struct nt_icmp ic;
	assert_int_equal(decode4(pkt, n, n, &ic), NT_OK);
	assert_true(ic.present);
	assert_false(ic.v6);
	assert_int_equal(ic.type, 3);
	assert_int_equal(ic.code, 3);
	assert_true(ic.is_error);
	assert_true(ic.has_quote);
	assert_int_equal(ic.quote_len, qlen);
	assert_int_equal(ic.quote.src.family, 4);
	assert_memory_equal(ic.quote.src.a, CLIENT, 4);
	assert_memory_equal(ic.quote.dst.a, SERVER, 4);
	assert_int_equal(ic.quote.proto, 17);
	assert_true(ic.quote.has_ports);
	assert_int_equal(ic.quote.sport, 40002);
	assert_int_equal(ic.quote.dport, 53);
	assert_int_equal(ic.quote_ttl, 64);
	assert_true(ic.quote_has_dns_id);
	assert_int_equal(ic.quote_dns_id, 0x1002);
	assert_string_equal(ic.quote_qname, "api.example.net");
	assert_int_equal(ic.quote_dns_qtype, 1);

	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 192.0.2.53 > 10.0.0.2: ICMP 192.0.2.53 udp port 53 unreachable, length 69\n");
	const char *v = show(pkt, (uint32_t)n, (uint32_t)n, 1);
	assert_non_null(strstr(v, "ICMP 192.0.2.53 udp port 53 unreachable, length 69\n\tIP (tos 0x0, ttl 64, id 4098, "
				  "offset 0, flags [none], proto UDP (17), length 61)\n"
				  "    10.0.0.2.40002 > 192.0.2.53.53: "));
	assert_null(strstr(v, "wrong icmp cksum"));
}

static void test_port_unreach_28_octets(void **state)
{
	(void)state;
	uint8_t q[128], pkt[256];
	dns_query(q);
	size_t n = icmp_err(pkt, 3, 3, 0, SERVER, q, 28);
	struct nt_icmp ic;
	assert_int_equal(decode4(pkt, n, n, &ic), NT_OK);
	assert_true(ic.has_quote);
	assert_int_equal(ic.quote_len, 28);
	assert_int_equal(ic.quote.dport, 53);
	assert_false(ic.quote_has_dns_id);
	assert_string_equal(ic.quote_qname, "");

	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 192.0.2.53 > 10.0.0.2: ICMP 192.0.2.53 udp port 53 unreachable, length 36\n");
	const char *v = show(pkt, (uint32_t)n, (uint32_t)n, 1);
	assert_non_null(strstr(v, "\n\tIP (tos 0x0, ttl 64, id 4098, offset 0, flags [none], proto UDP (17), length 61)\n"
				  "    10.0.0.2.40002 > 192.0.2.53.53:  [|domain]\n"));
}

/* The quote reaches the DNS id but the capture ends inside the name. */
static void test_quote_cut_in_name(void **state)
{
	(void)state;
	uint8_t q[128], pkt[256];
	size_t qlen = dns_query(q);
	size_t n = icmp_err(pkt, 3, 3, 0, SERVER, q, qlen);
	size_t cap = 20 + 8 + 28 + 12 + 5; /* 5 octets of the name */
	struct nt_icmp ic;
	assert_int_equal(decode4(pkt, cap, n, &ic), NT_OK);
	assert_true(ic.quote_has_dns_id);
	assert_int_equal(ic.quote_dns_id, 0x1002);
	assert_string_equal(ic.quote_qname, "");
	assert_int_equal(ic.quote_len, 28 + 12 + 5);
	/* the one-line text needs only the quoted headers */
	assert_string_equal(show(pkt, (uint32_t)cap, (uint32_t)n, 0),
			    "IP 192.0.2.53 > 10.0.0.2: ICMP 192.0.2.53 udp port 53 unreachable, length 69\n");
}

/* The capture ends inside the quoted IP header: no quote fields, and the
 * printer gives tcpdump's marker instead of the text. */
static void test_quote_cut_in_ip(void **state)
{
	(void)state;
	uint8_t q[128], pkt[256];
	size_t qlen = dns_query(q);
	size_t n = icmp_err(pkt, 3, 3, 0, SERVER, q, qlen);
	struct nt_icmp ic;
	assert_int_equal(decode4(pkt, 20 + 8 + 12, n, &ic), NT_OK);
	assert_true(ic.is_error);
	assert_false(ic.has_quote);
	assert_false(ic.quote.has_ports);
	assert_int_equal(ic.quote_len, 12);
	assert_string_equal(show(pkt, 20 + 8 + 12, (uint32_t)n, 0),
			    "IP 192.0.2.53 > 10.0.0.2:  [|icmp]\n");
	/* ICMP header itself cut */
	assert_int_equal(decode4(pkt, 20 + 3, n, &ic), NT_ETRUNC);
	assert_true(ic.present);
	assert_int_equal(ic.type, 3);
}

static void test_unreach_codes_and_other_types(void **state)
{
	(void)state;
	uint8_t q[128], pkt[256];
	size_t qlen = dns_query(q);
	size_t n = icmp_err(pkt, 3, 4, 1400, ROUTER, q, qlen);
	struct nt_icmp ic;
	assert_int_equal(decode4(pkt, n, n, &ic), NT_OK);
	assert_int_equal(ic.mtu, 1400);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.53 unreachable - need to frag (mtu 1400), length 69\n");
	n = icmp_err(pkt, 3, 4, 0, ROUTER, q, qlen);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.53 unreachable - need to frag, length 69\n");
	n = icmp_err(pkt, 3, 13, 0, ROUTER, q, qlen);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.1 > 10.0.0.2: ICMP host 192.0.2.53 unreachable - admin prohibited filter, length 69\n");
	n = icmp_err(pkt, 3, 21, 0, ROUTER, q, qlen);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.53 unreachable - #21, length 69\n");
	n = icmp_err(pkt, 5, 1, 0x0a0000feu, ROUTER, q, 28);
	assert_int_equal(decode4(pkt, n, n, &ic), NT_OK);
	assert_int_equal(ic.gateway.family, 4);
	assert_int_equal(ic.gateway.a[3], 254);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.1 > 10.0.0.2: ICMP redirect 192.0.2.53 to host 10.0.0.254, length 36\n");
	n = icmp_err(pkt, 11, 0, 0, ROUTER, q, 28);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.1 > 10.0.0.2: ICMP time exceeded in-transit, length 36\n");
	n = icmp_err(pkt, 8, 0, 0x42420001u, CLIENT, q, 0);
	assert_int_equal(decode4(pkt, n, n, &ic), NT_OK);
	assert_false(ic.is_error);
	assert_int_equal(ic.id, 0x4242);
	assert_int_equal(ic.seq, 1);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.2 > 10.0.0.2: ICMP echo request, id 16962, seq 1, length 8\n");
	n = icmp_err(pkt, 42, 0, 0, CLIENT, q, 0);
	assert_string_equal(show(pkt, (uint32_t)n, (uint32_t)n, 0),
			    "IP 10.0.0.2 > 10.0.0.2: ICMP type-#42, length 8\n");
	/* a wrong checksum is reported at -v */
	n = icmp_err(pkt, 8, 0, 0x42420001u, CLIENT, q, 0);
	pkt[20 + 2] ^= 0x01;
	assert_non_null(strstr(show(pkt, (uint32_t)n, (uint32_t)n, 1), "length 8 (wrong icmp cksum "));
}

/* ICMP errors quoting ICMP errors, many levels deep: bounded output, no
 * overrun, and the decoder sees the first quote only. */
static void test_icmp_quoting_icmp(void **state)
{
	(void)state;
	uint8_t a[2048], b[2048];
	size_t n = dns_query(a);
	for (int level = 0; level < 12; level++) {
		n = icmp_err(b, 3, 1, 0, ROUTER, a, n);
		memcpy(a, b, n);
	}
	struct nt_icmp ic;
	assert_int_equal(decode4(a, n, n, &ic), NT_OK);
	assert_true(ic.has_quote);
	assert_int_equal(ic.quote.proto, 1);
	assert_false(ic.quote.has_ports);
	const char *v = show(a, (uint32_t)n, (uint32_t)n, 1);
	assert_non_null(strstr(v, "[too many nested headers] (invalid)"));
	size_t tabs = 0;
	for (const char *p = v; *p; p++)
		tabs += *p == '\t';
	assert_true(tabs <= 8);
	/* every cut of the capture prints and decodes without reading past it */
	for (size_t cap = 1; cap <= n; cap += 7) {
		show(a, (uint32_t)cap, (uint32_t)n, 2);
		decode4(a, cap, n, &ic);
	}
}

/* IPv6 + ICMPv6 port unreachable quoting an IPv6/UDP DNS query. */
static size_t icmp6_unreach(uint8_t *p, unsigned code)
{
	static const uint8_t s6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 0x53, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53};
	static const uint8_t c6[16] = {0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2};
	static const uint8_t dns[] = {
		0x60, 0x01, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0, 28, 0, 1,
	};
	uint8_t *q = p + 48;
	memset(q, 0, 48);
	q[0] = 0x60;
	put16(q + 4, (unsigned)(8 + sizeof(dns)));
	q[6] = 17;
	q[7] = 64;
	memcpy(q + 8, c6, 16);
	memcpy(q + 24, s6, 16);
	put16(q + 40, 43001);
	put16(q + 42, 53);
	put16(q + 44, (unsigned)(8 + sizeof(dns)));
	memcpy(q + 48, dns, sizeof(dns));
	size_t qlen = 48 + sizeof(dns), ilen = 8 + qlen;
	memset(p, 0, 48);
	p[0] = 0x60;
	put16(p + 4, (unsigned)ilen);
	p[6] = 58;
	p[7] = 64;
	memcpy(p + 8, s6, 16);
	memcpy(p + 24, c6, 16);
	p[40] = 1;
	p[41] = (uint8_t)code;
	/* checksum with the pseudo-header */
	uint32_t s = 0;
	for (int i = 8; i < 40; i += 2)
		s += (uint32_t)((p[i] << 8) | p[i + 1]);
	s += (uint32_t)ilen + 58;
	for (size_t i = 0; i < ilen; i += 2)
		s += (uint32_t)((p[40 + i] << 8) | (i + 1 < ilen ? p[40 + i + 1] : 0));
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	put16(p + 42, (~s) & 0xffff);
	return 40 + ilen;
}

static void test_icmp6_port_unreach(void **state)
{
	(void)state;
	uint8_t pkt[512];
	size_t n = icmp6_unreach(pkt, 4);
	struct nt_icmp ic;
	struct nt_cur c;
	nt_cur_init(&c, pkt, n);
	nt_skip(&c, 40);
	assert_int_equal(nt_decode_icmp6(&c, (uint32_t)(n - 40), &ic), NT_OK);
	assert_true(ic.v6);
	assert_true(ic.is_error);
	assert_true(ic.has_quote);
	assert_int_equal(ic.quote.src.family, 6);
	assert_int_equal(ic.quote.proto, 17);
	assert_int_equal(ic.quote.sport, 43001);
	assert_int_equal(ic.quote.dport, 53);
	assert_int_equal(ic.quote_dns_id, 0x6001);
	assert_string_equal(ic.quote_qname, "www.example.com");
	assert_int_equal(ic.quote_dns_qtype, 28);

	struct nt_out o;
	struct nt_printer pr;
	struct nt_print_opts opts;
	memset(&opts, 0, sizeof(opts));
	opts.nflag = 1;
	opts.tflag = 1;
	assert_int_equal(nt_out_mem(&o, sizeof(text) - 1), 0);
	nt_printer_init(&pr, &opts, &o, 229 /* DLT_IPV6 */, 0);
	nt_print_packet(&pr, 0, 0, pkt, (uint32_t)n, (uint32_t)n);
	assert_string_equal(nt_out_str(&o),
			    "IP6 2001:db8:53::53 > 2001:db8:1::2: ICMP6, destination unreachable, "
			    "unreachable port, 2001:db8:53::53 udp port 53, length 89\n");
	nt_out_reset(&o);
	pr.o.vflag = 1;
	nt_print_packet(&pr, 0, 0, pkt, (uint32_t)n, (uint32_t)n);
	assert_non_null(strstr(nt_out_str(&o), "[icmp6 sum ok] ICMP6, destination unreachable, "
				   "unreachable port, 2001:db8:53::53 udp port 53\n"));
	/* unknown code: hex dump of the message */
	n = icmp6_unreach(pkt, 6);
	nt_out_reset(&o);
	pr.o.vflag = 0;
	nt_print_packet(&pr, 0, 0, pkt, (uint32_t)n, (uint32_t)n);
	assert_non_null(strstr(nt_out_str(&o), "unknown unreach code (6)\n\t0x0000:  0106 "));
	nt_out_close(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_port_unreach_full_quote),
		cmocka_unit_test(test_port_unreach_28_octets),
		cmocka_unit_test(test_quote_cut_in_name),
		cmocka_unit_test(test_quote_cut_in_ip),
		cmocka_unit_test(test_unreach_codes_and_other_types),
		cmocka_unit_test(test_icmp_quoting_icmp),
		cmocka_unit_test(test_icmp6_port_unreach),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
