/* \summary: unit tests of the frame decoder (decode/decode.c): link
 * layers (Ethernet, 802.1Q, QinQ, SLL v1/v2, NULL, LOOP, raw), IPv4 with
 * fragments, IPv6 with extension headers, UDP/TCP fields, DNS over UDP
 * and TCP, ICMP hand-off, and truncation at every byte.
 *
 * Frames are built by hand from these pieces (RFC 791, 8200, 768, 9293,
 * 1035):
 *   Ethernet: | dst (6) | src (6) | [0x8100 | TCI]* | type (2) |
 *   IPv4:     | 45 | tos | len | id | frag | ttl | proto | sum | src | dst |
 *   IPv6:     | 6. .. .. .. | plen | next | hlim | src (16) | dst (16) |
 *   UDP:      | sport | dport | len | sum |      TCP: 20 bytes, no options
 *   DNS:      | id | flags | 1 | 0 | 0 | 0 | name | type | class |
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "decode/decode.h"

/* "www.example.com" A? IN, id 0x1234, RD */
static const uint8_t dnsq[] = {
	0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
	3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
	0, 1, 0, 1,
};

static size_t put_ip4(uint8_t *p, uint8_t proto, size_t payload, uint16_t frag)
{
	size_t tl = 20 + payload;
	static const uint8_t h[20] = {0x45, 0, 0, 0, 0, 1, 0, 0, 64, 0, 0, 0,
				      192, 0, 2, 1, 198, 51, 100, 53};
	memcpy(p, h, 20);
	p[2] = (uint8_t)(tl >> 8);
	p[3] = (uint8_t)tl;
	p[6] = (uint8_t)(frag >> 8);
	p[7] = (uint8_t)frag;
	p[9] = proto;
	return 20;
}

static size_t put_ip6(uint8_t *p, uint8_t next, size_t payload)
{
	memset(p, 0, 40);
	p[0] = 0x60;
	p[4] = (uint8_t)(payload >> 8);
	p[5] = (uint8_t)payload;
	p[6] = next;
	p[7] = 33;
	p[8] = 0x20, p[9] = 0x01, p[10] = 0x0d, p[11] = 0xb8, p[23] = 1;
	p[24] = 0x20, p[25] = 0x01, p[26] = 0x0d, p[27] = 0xb8, p[39] = 0x53;
	return 40;
}

static size_t put_udp(uint8_t *p, uint16_t sport, uint16_t dport, const uint8_t *d, size_t n)
{
	size_t ul = 8 + n;
	p[0] = (uint8_t)(sport >> 8), p[1] = (uint8_t)sport;
	p[2] = (uint8_t)(dport >> 8), p[3] = (uint8_t)dport;
	p[4] = (uint8_t)(ul >> 8), p[5] = (uint8_t)ul;
	p[6] = p[7] = 0;
	memcpy(p + 8, d, n);
	return ul;
}

static size_t put_eth(uint8_t *p, const uint16_t *tags, int ntags, uint16_t type)
{
	static const uint8_t macs[12] = {0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10};
	size_t n = 12;
	memcpy(p, macs, 12);
	for (int i = 0; i < ntags; i++) {
		p[n++] = (uint8_t)(tags[i] >> 8), p[n++] = (uint8_t)tags[i];
		p[n++] = 0x00, p[n++] = (uint8_t)(10 + i);
	}
	p[n++] = (uint8_t)(type >> 8), p[n++] = (uint8_t)type;
	return n;
}

static void check_dns_query(const struct nt_pkt *k)
{
	assert_int_equal(k->status, NT_PKT_OK);
	assert_true(k->dns.present);
	assert_int_equal(k->dns.id, 0x1234);
	assert_true(k->dns.rd);
	assert_int_equal(k->dns.qtype, 1);
	assert_string_equal(k->dns.qname, "www.example.com");
}

/* Decodes every shorter capture of f: never a crash, always TRUNCATED. */
static void every_cut(const uint8_t *f, size_t n, int dlt)
{
	struct nt_pkt k;
	for (size_t cap = 0; cap < n; cap++) {
		uint8_t copy[512];
		memcpy(copy, f, cap);
		memset(&k, 0, sizeof(k));
		assert_int_equal(nt_decode_frame(copy, (uint32_t)cap, (uint32_t)n, dlt, &k), 0);
		if (k.status != NT_PKT_TRUNCATED)
			fail_msg("cut at %zu of %zu: status %u", cap, n, k.status);
	}
}

static void test_ether_vlan_udp_dns(void **state)
{
	(void)state;
	uint8_t f[256];
	static const uint16_t one[] = {0x8100}, two[] = {0x88a8, 0x8100};
	const uint16_t *tags[] = {NULL, one, two};
	for (int nt = 0; nt < 3; nt++) {
		size_t n = put_eth(f, tags[nt], nt, 0x0800);
		n += put_ip4(f + n, 17, 8 + sizeof(dnsq), 0);
		n += put_udp(f + n, 40000, 53, dnsq, sizeof(dnsq));
		struct nt_pkt k;
		memset(&k, 0, sizeof(k));
		k.frame = 7;
		assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_EN10MB, &k), 0);
		assert_int_equal(k.frame, 7);
		assert_int_equal(k.l3, 4);
		assert_int_equal(k.flow.proto, 17);
		assert_int_equal(k.flow.src.family, 4);
		assert_memory_equal(k.flow.src.a, ((const uint8_t[]){192, 0, 2, 1}), 4);
		assert_memory_equal(k.flow.dst.a, ((const uint8_t[]){198, 51, 100, 53}), 4);
		assert_true(k.flow.has_ports);
		assert_int_equal(k.flow.sport, 40000);
		assert_int_equal(k.flow.dport, 53);
		assert_int_equal(k.ttl, 64);
		assert_int_equal(k.ip_len, 20 + 8 + sizeof(dnsq));
		assert_int_equal(k.l4_payload_len, sizeof(dnsq));
		assert_int_equal(k.payload_caplen, sizeof(dnsq));
		assert_ptr_equal(k.payload, f + n - sizeof(dnsq));
		check_dns_query(&k);
		assert_false(k.dns.is_mdns);
		every_cut(f, n, NT_DLT_EN10MB);
	}
}

static void test_sll_null_loop_raw(void **state)
{
	(void)state;
	uint8_t f[256], ip[128];
	size_t il = put_ip4(ip, 17, 8 + sizeof(dnsq), 0);
	il += put_udp(ip + il, 5353, 5353, dnsq, sizeof(dnsq));

	/* SLL v1: protocol at offset 14 */
	memset(f, 0, 16);
	f[14] = 0x08;
	memcpy(f + 16, ip, il);
	struct nt_pkt k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)(16 + il), (uint32_t)(16 + il),
					 NT_DLT_LINUX_SLL, &k), 0);
	check_dns_query(&k);
	assert_true(k.dns.is_mdns);
	every_cut(f, 16 + il, NT_DLT_LINUX_SLL);

	/* SLL v2: protocol first, 20-byte header */
	memset(f, 0, 20);
	f[0] = 0x08;
	memcpy(f + 20, ip, il);
	assert_int_equal(nt_decode_frame(f, (uint32_t)(20 + il), (uint32_t)(20 + il),
					 NT_DLT_LINUX_SLL2, &k), 0);
	check_dns_query(&k);
	every_cut(f, 20 + il, NT_DLT_LINUX_SLL2);

	/* NULL: host byte order (either), LOOP: network order */
	static const uint8_t af_le[4] = {2, 0, 0, 0}, af_be[4] = {0, 0, 0, 2};
	memcpy(f, af_le, 4);
	memcpy(f + 4, ip, il);
	assert_int_equal(nt_decode_frame(f, (uint32_t)(4 + il), (uint32_t)(4 + il), NT_DLT_NULL, &k), 0);
	check_dns_query(&k);
	memcpy(f, af_be, 4);
	assert_int_equal(nt_decode_frame(f, (uint32_t)(4 + il), (uint32_t)(4 + il), NT_DLT_NULL, &k), 0);
	check_dns_query(&k);
	assert_int_equal(nt_decode_frame(f, (uint32_t)(4 + il), (uint32_t)(4 + il), NT_DLT_LOOP, &k), 0);
	check_dns_query(&k);
	every_cut(f, 4 + il, NT_DLT_LOOP);

	/* raw IP */
	assert_int_equal(nt_decode_frame(ip, (uint32_t)il, (uint32_t)il, NT_DLT_RAW, &k), 0);
	check_dns_query(&k);
	every_cut(ip, il, NT_DLT_RAW);
	assert_int_equal(nt_decode_frame(ip, (uint32_t)il, (uint32_t)il, NT_DLT_IPV4, &k), 0);
	check_dns_query(&k);

	/* LLMNR */
	put_udp(ip + 20, 5355, 40000, dnsq, sizeof(dnsq));
	assert_int_equal(nt_decode_frame(ip, (uint32_t)il, (uint32_t)il, NT_DLT_RAW, &k), 0);
	check_dns_query(&k);
	assert_true(k.dns.is_llmnr);
	assert_false(k.dns.is_mdns);

	/* an unsupported link type */
	assert_true(nt_decode_frame(ip, (uint32_t)il, (uint32_t)il, 9999, &k) < 0);
}

static void test_ip6_ext_headers(void **state)
{
	(void)state;
	uint8_t f[256];
	/* hop-by-hop (8), destination options (16), fragment (first, M=1 -> 0) */
	size_t n = put_ip6(f, 0, 8 + 16 + 8 + 8 + sizeof(dnsq));
	uint8_t *e = f + n;
	memset(e, 0, 32);
	e[0] = 60, e[1] = 0;           /* HBH -> DSTOPT, 8 bytes */
	e[8] = 44, e[9] = 1;           /* DSTOPT -> FRAG, 16 bytes */
	e[24] = 17;                    /* FRAG -> UDP, offset 0, M=0 */
	e[28] = 0xde, e[31] = 0xad;
	n += 32;
	n += put_udp(f + n, 53, 33000, dnsq, sizeof(dnsq));
	struct nt_pkt k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_int_equal(k.l3, 6);
	assert_int_equal(k.ttl, 33);
	assert_int_equal(k.flow.proto, 17);
	assert_int_equal(k.flow.src.family, 6);
	assert_int_equal(k.flow.dst.a[15], 0x53);
	assert_int_equal(k.flow.sport, 53);
	assert_false(k.fragment);
	check_dns_query(&k);
	every_cut(f, n, NT_DLT_RAW);
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_IPV6, &k), 0);
	check_dns_query(&k);

	/* A later fragment: no transport header. */
	e[26] = 0x05, e[27] = 0xa8;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_true(k.fragment);
	assert_int_equal(k.flow.proto, 17);
	assert_false(k.flow.has_ports);
	assert_false(k.dns.present);
	assert_int_equal(k.status, NT_PKT_OK);

	/* An extension header longer than the payload: malformed. */
	e[26] = 0, e[27] = 0;
	e[1] = 200;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_int_equal(k.status, NT_PKT_MALFORMED);
}

static void test_ip4_fragments_and_lies(void **state)
{
	(void)state;
	uint8_t f[256];
	size_t n = put_ip4(f, 17, 8 + sizeof(dnsq), 0x00b9);
	n += put_udp(f + n, 40000, 53, dnsq, sizeof(dnsq));
	struct nt_pkt k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_true(k.fragment);
	assert_false(k.flow.has_ports);
	assert_int_equal(k.status, NT_PKT_OK);

	/* First fragment (MF, offset 0): ports known, the UDP length may
	 * exceed this fragment, DNS is not decoded from a part. */
	f[6] = 0x20, f[7] = 0;
	f[20 + 4] = 0x05, f[20 + 5] = 0xdc;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_false(k.fragment);
	assert_int_equal(k.flow.dport, 53);
	assert_int_equal(k.status, NT_PKT_OK);
	assert_false(k.dns.present);

	/* Not a fragment: a UDP length beyond the datagram is a lie. */
	f[6] = 0;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_int_equal(k.status, NT_PKT_MALFORMED);

	/* IP total length beyond the frame. */
	put_udp(f + 20, 40000, 53, dnsq, sizeof(dnsq));
	f[2] = 0x04;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_int_equal(k.status, NT_PKT_MALFORMED);
	assert_int_equal(k.flow.dport, 53);

	/* bad header length */
	f[2] = 0, f[3] = (uint8_t)n;
	f[0] = 0x44;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_RAW, &k), 0);
	assert_int_equal(k.status, NT_PKT_MALFORMED);
}

static void test_tcp_dns(void **state)
{
	(void)state;
	uint8_t f[256];
	size_t plen = 2 + sizeof(dnsq);
	size_t n = put_eth(f, NULL, 0, 0x86dd);
	n += put_ip6(f + n, 6, 20 + plen);
	uint8_t *t = f + n;
	static const uint8_t th[20] = {0x83, 0xf3, 0, 53, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66,
				       0x77, 0x88, 0x50, 0x18, 0xfa, 0xf0, 0, 0, 0, 0};
	memcpy(t, th, 20);
	t[20] = 0, t[21] = (uint8_t)sizeof(dnsq);
	memcpy(t + 22, dnsq, sizeof(dnsq));
	n += 20 + plen;
	struct nt_pkt k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_EN10MB, &k), 0);
	assert_int_equal(k.flow.proto, 6);
	assert_int_equal(k.flow.sport, 33779);
	assert_int_equal(k.flow.dport, 53);
	assert_int_equal(k.tcp_seq, 0x11223344);
	assert_int_equal(k.tcp_ack, 0x55667788);
	assert_int_equal(k.tcp_flags, NT_TH_PUSH | NT_TH_ACK);
	assert_int_equal(k.tcp_win, 64240);
	assert_int_equal(k.l4_payload_len, plen);
	assert_ptr_equal(k.payload, t + 20);
	check_dns_query(&k);
	every_cut(f, n, NT_DLT_EN10MB);

	/* A message continued in the next segment is not decoded. */
	t[21] = (uint8_t)(sizeof(dnsq) + 10);
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_EN10MB, &k), 0);
	assert_false(k.dns.present);
	assert_int_equal(k.status, NT_PKT_OK);

	/* Data offset below 5 words: malformed. */
	t[12] = 0x40;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_EN10MB, &k), 0);
	assert_int_equal(k.status, NT_PKT_MALFORMED);
}

/* A SERVFAIL answer with an Extended DNS Error (RFC 8914) in its OPT and
 * an NXDOMAIN with the SOA in its authority section; an EDE option whose
 * length runs past the OPT record is ignored. */
static void test_dns_ede_and_soa(void **state)
{
	(void)state;
	/* SERVFAIL, 1 question, 0/0/1: OPT with option 15, code 7, "expired" */
	static const uint8_t sf[] = {
		0x12, 0x34, 0x81, 0x82, 0, 1, 0, 0, 0, 0, 0, 1,
		3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0, 1, 0, 1,
		0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 13, /* OPT, rdlen 13 */
		0, 15, 0, 9, 0, 7, 'e', 'x', 'p', 'i', 'r', 'e', 'd',
	};
	uint8_t f[512];
	size_t n = put_eth(f, NULL, 0, 0x0800);
	size_t ip = n;
	n += put_ip4(f + n, 17, 8 + sizeof(sf), 0);
	n += put_udp(f + n, 53, 40000, sf, sizeof(sf));
	(void)ip;
	struct nt_pkt k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, 1, &k), 0);
	assert_true(k.dns.present);
	assert_int_equal(k.dns.rcode, 2);
	assert_true(k.dns.has_ede);
	assert_int_equal(k.dns.ede_code, 7);
	assert_string_equal(k.dns.ede_text, "expired");
	assert_string_equal(k.dns.soa_zone, "");
	every_cut(f, n, 1);

	/* the option claims 20 bytes where 11 follow: not an EDE */
	uint8_t bad[sizeof(sf)];
	memcpy(bad, sf, sizeof(sf));
	bad[sizeof(sf) - 10] = 20;
	n = put_eth(f, NULL, 0, 0x0800);
	n += put_ip4(f + n, 17, 8 + sizeof(bad), 0);
	n += put_udp(f + n, 53, 40000, bad, sizeof(bad));
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, 1, &k), 0);
	assert_false(k.dns.has_ede);

	/* NXDOMAIN 0/1/0: SOA of "com" (compressed owner), MINIMUM 900 */
	static const uint8_t nx[] = {
		0x12, 0x34, 0x81, 0x83, 0, 1, 0, 0, 0, 1, 0, 0,
		3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0,
		0, 1, 0, 1,
		0xc0, 24, 0, 6, 0, 1, 0, 0, 3, 0x84, 0, 28, /* com. SOA, rdlen 28 */
		1, 'a', 0xc0, 24, 1, 'b', 0xc0, 24,
		0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 4, 0, 0, 0x03, 0x84,
	};
	n = put_eth(f, NULL, 0, 0x0800);
	n += put_ip4(f + n, 17, 8 + sizeof(nx), 0);
	n += put_udp(f + n, 53, 40000, nx, sizeof(nx));
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, 1, &k), 0);
	assert_int_equal(k.status, NT_PKT_OK);
	assert_int_equal(k.dns.rcode, 3);
	assert_string_equal(k.dns.soa_zone, "com");
	assert_int_equal(k.dns.soa_minimum, 900);
	assert_false(k.dns.has_ede);
	every_cut(f, n, 1);
}

static void test_icmp_and_arp(void **state)
{
	(void)state;
	uint8_t f[256];
	/* ICMP port unreachable quoting the DNS query's IP + UDP header. */
	size_t n = put_eth(f, NULL, 0, 0x0800);
	n += put_ip4(f + n, 1, 8 + 28, 0);
	uint8_t *ic = f + n;
	memset(ic, 0, 8);
	ic[0] = 3, ic[1] = 3;
	put_ip4(ic + 8, 17, 8 + sizeof(dnsq), 0);
	put_udp(ic + 28, 40000, 53, dnsq, 0);
	ic[28 + 4] = 0, ic[28 + 5] = (uint8_t)(8 + sizeof(dnsq));
	n += 36;
	struct nt_pkt k;
	memset(&k, 0, sizeof(k));
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_EN10MB, &k), 0);
	assert_int_equal(k.flow.proto, 1);
	assert_true(k.icmp.present);
	assert_int_equal(k.icmp.type, 3);
	assert_int_equal(k.icmp.code, 3);

	/* ARP */
	n = put_eth(f, NULL, 0, 0x0806);
	memset(f + n, 0, 28);
	n += 28;
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, (uint32_t)n, NT_DLT_EN10MB, &k), 0);
	assert_int_equal(k.l3, 1);
	assert_int_equal(k.status, NT_PKT_OK);

	/* A record header that lies (len < caplen). */
	assert_int_equal(nt_decode_frame(f, (uint32_t)n, 10, NT_DLT_EN10MB, &k), 0);
	assert_int_equal(k.status, NT_PKT_MALFORMED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ether_vlan_udp_dns),
		cmocka_unit_test(test_sll_null_loop_raw),
		cmocka_unit_test(test_ip6_ext_headers),
		cmocka_unit_test(test_ip4_fragments_and_lies),
		cmocka_unit_test(test_tcp_dns),
		cmocka_unit_test(test_icmp_and_arp),
		cmocka_unit_test(test_dns_ede_and_soa),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
