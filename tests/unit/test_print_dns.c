/* \summary: unit tests of the DNS printer (print/dns.c): tcpdump 4.99.3
 * text for queries, responses, EDNS, mDNS and broken messages.
 *
 * RFC 1035 4.1 message layout, as built by hand in the byte arrays below:
 *   | ID | flags | QD | AN | NS | AR | question... | records... |
 *   question: | name | type | class |
 *   record:   | name | type | class | TTL | rdlength | rdata |
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "print/print.h"
#include "print_msg.h"

static int ret;

static int print_dns(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int mdns)
{
	return nt_print_dns(pr, c, len, mdns);
}

/* Prints msg (caplen of len bytes captured) at the given -v count. */
static const char *show(const uint8_t *msg, size_t caplen, uint32_t len, int vflag, int mdns)
{
	return nt_test_print(print_dns, mdns, msg, caplen, len, vflag, &ret);
}

#define SHOW(m, v) show((m), sizeof(m), (uint32_t)sizeof(m), (v), 0)

/* www.tcpdump.org A? with OPT (UDP 4096, DO, COOKIE) */
static const uint8_t query_edns[] = {
	0x59, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1,
	3, 'w', 'w', 'w', 7, 't', 'c', 'p', 'd', 'u', 'm', 'p', 3, 'o', 'r', 'g', 0,
	0, 1, 0, 1,
	0, 0, 41, 0x10, 0x00, 0, 0, 0x80, 0x00, 0, 12,
	0, 10, 0, 8, 0x42, 0xf5, 0xd0, 0x09, 0x96, 0xf9, 0x0b, 0x13,
};

static void test_query(void **state)
{
	(void)state;
	assert_string_equal(SHOW(query_edns, 0), "22836+ [1au] A? www.tcpdump.org. (56)");
	assert_int_equal(ret, NT_PRINT_OK);
	assert_string_equal(SHOW(query_edns, 2),
			    "22836+ [1au] A? www.tcpdump.org. ar: . OPT UDPsize=4096 DO "
			    "[COOKIE 42f5d00996f90b13] (56)");
}

/* a.example. A 192.0.2.1 (TTL 1h) and CNAME example. (TTL 1d1m), both compressed */
static const uint8_t response[] = {
	0, 1, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
	1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1,
	0xc0, 12, 0, 1, 0, 1, 0, 0, 0x0e, 0x10, 0, 4, 192, 0, 2, 1,
	0xc0, 12, 0, 5, 0, 1, 0, 0x01, 0x51, 0xbc, 0, 2, 0xc0, 14,
};

static void test_response_verbosity(void **state)
{
	(void)state;
	assert_string_equal(SHOW(response, 0), "1 2/0/0 A 192.0.2.1, CNAME example. (57)");
	assert_string_equal(SHOW(response, 1),
			    "1 2/0/0 a.example. A 192.0.2.1, a.example. CNAME example. (57)");
	assert_string_equal(SHOW(response, 3),
			    "1 q: A? a.example. 2/0/0 a.example. [1h] A 192.0.2.1, "
			    "a.example. [1d1m] CNAME example. (57)");
}

/* A pointer to itself, a label then a pointer back to the name's start
 * (a loop), and a forward pointer: all "<BAD PTR>", never a hang. */
static const uint8_t self_ptr[] = {
	0, 7, 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 12, 0, 1, 0, 1,
};
static const uint8_t loop_ptr[] = {
	0, 7, 0x80, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 1, 'a', 0xc0, 12, 0, 1, 0, 1,
};
static const uint8_t fwd_ptr[] = {
	0, 8, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 0xc0, 18, 0, 1, 0, 1, 1, 'b', 0,
};

static void test_compression_loops(void **state)
{
	(void)state;
	assert_string_equal(SHOW(self_ptr, 0), "7- 0/0/0 (18)");
	assert_string_equal(SHOW(self_ptr, 2), "7- q: A? <BAD PTR> [|domain]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
	assert_string_equal(SHOW(loop_ptr, 2), "7- q: A? a.<BAD PTR> [|domain]");
	assert_string_equal(SHOW(fwd_ptr, 0), "8+ A? <BAD PTR> [|domain]");
}

/* 0x40 is not a 64-byte label but an EDNS0 extended label type (RFC 6891). */
static const uint8_t label64[] = {
	0, 9, 0x81, 0x80, 0, 0, 0, 1, 0, 0, 0, 0,
	0x40, 'x', 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4, 1, 2, 3, 4,
};
static const uint8_t label63[] = {
	0, 9, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
	63, 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
	'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
	0, 0, 1, 0, 1,
};

static void test_label_lengths(void **state)
{
	(void)state;
	assert_string_equal(SHOW(label64, 1), "9 [0q] 1/0/0 <ELT 0> [|domain]");
	/* without -v the owner is skipped; tcpdump then ends the record quietly */
	assert_string_equal(SHOW(label64, 0), "9 [0q] 1/0/0 (29)");
	assert_string_equal(SHOW(label63, 0),
			    "9+ A? aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa. (81)");
}

static void test_truncated(void **state)
{
	(void)state;
	/* capture ends inside the question name */
	assert_string_equal(show(query_edns, 20, sizeof(query_edns), 0, 0),
			    "22836+ [1au] [|domain]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
	/* capture ends inside the header */
	assert_string_equal(show(query_edns, 8, sizeof(query_edns), 0, 0), " [|domain]");
	/* capture ends inside the last answer's fixed part: tcpdump treats
	 * that record as the end of the capture and still prints the length */
	assert_string_equal(show(response, 47, sizeof(response), 1, 0),
			    "1 2/0/0 a.example. A 192.0.2.1, a.example. (57)");
	/* rdata past the capture: the type name, then the marker */
	assert_string_equal(show(query_edns, 50, sizeof(query_edns), 2, 0),
			    "22836+ [1au] A? www.tcpdump.org. ar: . OPT [|domain]");
	/* shorter than a header: tcpdump's own wording */
	assert_string_equal(show(query_edns, 5, 5, 0, 0), "domain [length 5 < 12] (invalid)");
	assert_int_equal(ret, NT_PRINT_OK);
	assert_string_equal(show(query_edns, 0, 0, 0, 0), "domain [length 0 < 12] (invalid)");
	/* a UDP length shorter than the data does not stop the reading */
	assert_string_equal(show(query_edns, sizeof(query_edns), 20, 0, 0),
			    "22836+ [1au] A? www.tcpdump.org. (20)");
}

/* OPT TTL high byte 1 with header rcode 0 = 16 (BadVers); with 1 = 17. */
static uint8_t badvers[] = {
	0x8f, 0xb3, 0x80, 0x00, 0, 0, 0, 0, 0, 0, 0, 1,
	0, 0, 41, 0x10, 0x00, 1, 0, 0, 0, 0, 0,
};

static void test_extended_rcode(void **state)
{
	(void)state;
	assert_string_equal(SHOW(badvers, 0), "36787 BadVers- [0q] 0/0/1 (23)");
	badvers[3] = 0x01;
	assert_string_equal(SHOW(badvers, 0), "36787Resp17- [0q] 0/0/1 (23)");
	badvers[3] = 0x07; /* ext 1, rcode 7: 23 */
	assert_string_equal(SHOW(badvers, 0), "36787 BadCookie- [0q] 0/0/1 (23)");
	badvers[17] = 0xff; /* 0xff7: past the table */
	assert_string_equal(SHOW(badvers, 0), "36787 Resp4087- [0q] 0/0/1 (23)");
	badvers[3] = 0x00;
	badvers[17] = 0x01;
}

static const uint8_t mdns_q[] = {
	0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,
	7, 'p', 'r', 'i', 'n', 't', 'e', 'r', 5, 'l', 'o', 'c', 'a', 'l', 0, 0, 1, 0x80, 1,
};
static const uint8_t mdns_r[] = {
	0, 0, 0x84, 0x00, 0, 0, 0, 1, 0, 0, 0, 0,
	7, 'p', 'r', 'i', 'n', 't', 'e', 'r', 5, 'l', 'o', 'c', 'a', 'l', 0,
	0, 1, 0x80, 1, 0, 0, 0, 120, 0, 4, 10, 0, 0, 9,
};

static void test_mdns(void **state)
{
	(void)state;
	assert_string_equal(show(mdns_q, sizeof(mdns_q), sizeof(mdns_q), 0, 1),
			    "0 A (QU)? printer.local. (31)");
	assert_string_equal(show(mdns_r, sizeof(mdns_r), sizeof(mdns_r), 0, 1),
			    "0*- [0q] 1/0/0 (Cache flush) A 10.0.0.9 (41)");
	/* the same bits in plain DNS are a class number */
	assert_string_equal(SHOW(mdns_q, 0), "0 A (Class 32769)? printer.local. (31)");
}

/* Label bytes print as tcpdump's fn_print: ^A, M-{; class CHAOS; type 65280. */
static uint8_t escaped[] = {
	0, 5, 0x00, 0x10, 0, 1, 0, 0, 0, 0, 0, 0,
	3, 0x01, 0xfb, 'a', 0, 0xff, 0x00, 0, 3,
};

static void test_escapes_and_names(void **state)
{
	(void)state;
	assert_string_equal(SHOW(escaped, 0), "5% Type65280 CHAOS? ^AM-{a. (21)");
	/* 4.99.3's type table ends at DNSKEY (48) below 99, and has UNSPECA */
	escaped[17] = 0;
	escaped[18] = 49;
	assert_string_equal(SHOW(escaped, 0), "5% Type49 CHAOS? ^AM-{a. (21)");
	escaped[18] = 104;
	assert_string_equal(SHOW(escaped, 0), "5% UNSPECA CHAOS? ^AM-{a. (21)");
	escaped[17] = 0xff;
	escaped[18] = 0;
}

/* TXT and SRV answers under the root owner name. */
static const uint8_t txt_srv[] = {
	0, 3, 0x80, 0x80, 0, 0, 0, 2, 0, 0, 0, 0,
	0, 0, 16, 0, 1, 0, 0, 0, 0, 0, 6, 5, 'h', 'e', 'l', 'l', 'o',
	0, 0, 33, 0, 1, 0, 0, 0, 0, 0, 9, 0, 10, 0, 60, 0x13, 0xc4, 1, 's', 0,
};

static void test_rdata(void **state)
{
	(void)state;
	assert_string_equal(SHOW(txt_srv, 0), "3 [0q] 2/0/0 TXT \"hello\", SRV s.:5060 10 60 (49)");
	assert_string_equal(SHOW(txt_srv, 3),
			    "3 [0q] 2/0/0 . [0s] TXT \"hello\", . [0s] SRV s.:5060 10 60 (49)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_response_verbosity),
		cmocka_unit_test(test_compression_loops),
		cmocka_unit_test(test_label_lengths),
		cmocka_unit_test(test_truncated),
		cmocka_unit_test(test_extended_rcode),
		cmocka_unit_test(test_mdns),
		cmocka_unit_test(test_escapes_and_names),
		cmocka_unit_test(test_rdata),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
