/* \summary: unit tests of the bounds-checked cursor and the DNS name reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "core/cursor.h"
#include "decode/dns.h"

static void test_reads_and_sticky_error(void **state)
{
	(void)state;
	const uint8_t b[] = {0x12, 0x34, 0x56, 0x78, 0x9a};
	struct nt_cur c;
	nt_cur_init_frame(&c, b, sizeof(b), 64); /* 5 of 64 bytes captured */
	assert_int_equal(nt_u16(&c), 0x1234);
	assert_int_equal(nt_u16(&c), 0x5678);
	assert_int_equal(nt_cur_left(&c), 1);
	assert_int_equal(nt_u16(&c), 0); /* one byte short */
	assert_int_equal(c.err, NT_ETRUNC);
	assert_int_equal(nt_u8(&c), 0);  /* sticky: does not read 0x9a */
	assert_int_equal(nt_cur_off(&c), 4);
}

static void test_truncated_vs_malformed(void **state)
{
	(void)state;
	const uint8_t b[8] = {0};
	struct nt_cur c, sub;
	/* 8 bytes captured of a 20-byte frame: reading past 8 is truncation */
	nt_cur_init_frame(&c, b, sizeof(b), 20);
	nt_skip(&c, 6);
	nt_u32(&c);
	assert_int_equal(c.err, NT_ETRUNC);
	/* a header claims 4 bytes, we read 6: the length lied */
	nt_cur_init(&c, b, sizeof(b));
	nt_cur_sub(&c, 4, &sub);
	nt_u32(&sub);
	assert_int_equal(sub.err, NT_OK);
	nt_u16(&sub);
	assert_int_equal(sub.err, NT_EMALF);
	/* a sub-cursor longer than the capture: truncation inside it */
	nt_cur_init_frame(&c, b, sizeof(b), 100);
	nt_cur_sub(&c, 50, &sub);
	nt_skip(&sub, 9);
	assert_int_equal(sub.err, NT_ETRUNC);
}

static int read_name(const uint8_t *msg, size_t n, size_t off, char *out, size_t outlen)
{
	struct nt_cur c;
	nt_cur_init(&c, msg, n);
	nt_cur_seek(&c, off);
	return nt_dns_read_name(&c, out, outlen);
}

static void test_name_plain_and_compressed(void **state)
{
	(void)state;
	/* 12 zero bytes of header, "example.com" at 12, "www" + ptr(12) at 25 */
	uint8_t m[64] = {0};
	const uint8_t n1[] = {7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'c', 'o', 'm', 0};
	memcpy(m + 12, n1, sizeof(n1));
	const uint8_t n2[] = {3, 'w', 'w', 'w', 0xc0, 12};
	memcpy(m + 25, n2, sizeof(n2));
	char out[256];
	assert_int_equal(read_name(m, 31, 12, out, sizeof(out)), NT_OK);
	assert_string_equal(out, "example.com");
	struct nt_cur c;
	nt_cur_init(&c, m, 31);
	nt_cur_seek(&c, 25);
	assert_int_equal(nt_dns_read_name(&c, out, sizeof(out)), NT_OK);
	assert_string_equal(out, "www.example.com");
	assert_int_equal(nt_cur_off(&c), 31); /* advanced past the pointer only */
	/* root name */
	const uint8_t root[] = {0};
	assert_int_equal(read_name(root, 1, 0, out, sizeof(out)), NT_OK);
	assert_string_equal(out, ".");
}

static void test_name_hostile(void **state)
{
	(void)state;
	char out[256];
	/* pointer to itself */
	const uint8_t self[] = {0xc0, 0x00};
	assert_int_equal(read_name(self, 2, 0, out, sizeof(out)), NT_EMALF);
	/* forward pointer */
	const uint8_t fwd[] = {0xc0, 0x02, 1, 'a', 0};
	assert_int_equal(read_name(fwd, 5, 0, out, sizeof(out)), NT_EMALF);
	/* two pointers bouncing: 4 -> 0 (label 'ab' then ptr to 4 again) */
	const uint8_t loop[] = {2, 'a', 'b', 0xc0, 0x00, 0xc0, 0x00};
	/* name at 5: ptr -> 0; at 0 label "ab", then ptr at 3 -> 0 (not < run start 0) */
	assert_int_equal(read_name(loop, sizeof(loop), 5, out, sizeof(out)), NT_EMALF);
	/* 64-byte label length (0x40) is an extended label type: rejected */
	uint8_t l64[70] = {0x40};
	assert_int_equal(read_name(l64, sizeof(l64), 0, out, sizeof(out)), NT_EMALF);
	/* name longer than 255 bytes */
	uint8_t big[320];
	size_t p = 0;
	for (int i = 0; i < 5; i++) {
		big[p++] = 60;
		memset(big + p, 'x', 60);
		p += 60;
	}
	big[p++] = 0;
	assert_int_equal(read_name(big, p, 0, out, sizeof(out)), NT_EMALF);
	/* label runs past the end of the message: the length lies */
	const uint8_t cut[] = {10, 'a', 'b'};
	assert_int_equal(read_name(cut, sizeof(cut), 0, out, sizeof(out)), NT_EMALF);
	/* the same bytes as the captured part of a longer message: truncated */
	struct nt_cur c;
	nt_cur_init_frame(&c, cut, sizeof(cut), 40);
	assert_int_equal(nt_dns_read_name(&c, out, sizeof(out)), NT_ETRUNC);
	/* escaping of dots and bytes */
	const uint8_t esc[] = {3, 'a', '.', 0x01, 0};
	assert_int_equal(read_name(esc, sizeof(esc), 0, out, sizeof(out)), NT_OK);
	assert_string_equal(out, "a\\.\\001");
}

static void test_decode_dns_query_and_answer(void **state)
{
	(void)state;
	/* id 35084, RD, 1 question "yummyrecipesforme.com" A IN */
	uint8_t q[] = {0x89, 0x0c, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
		       17, 'y', 'u', 'm', 'm', 'y', 'r', 'e', 'c', 'i', 'p', 'e', 's', 'f', 'o', 'r', 'm', 'e',
		       3, 'c', 'o', 'm', 0, 0, 1, 0, 1};
	struct nt_cur c;
	struct nt_dns d;
	nt_cur_init(&c, q, sizeof(q));
	assert_int_equal(nt_decode_dns(&c, sizeof(q), &d), NT_OK);
	assert_int_equal(d.id, 35084);
	assert_int_equal(d.rd, 1);
	assert_int_equal(d.qr, 0);
	assert_string_equal(d.qname, "yummyrecipesforme.com");
	assert_int_equal(d.qtype, 1);
	/* response: NXDOMAIN with an OPT record carrying extended rcode 1 (-> BADVERS 16) */
	uint8_t r[] = {0x00, 0x07, 0x81, 0x83, 0, 1, 0, 1, 0, 0, 0, 1,
		       1, 'a', 0, 0, 1, 0, 1,
		       0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 192, 0, 2, 1,
		       0, 0, 41, 0x10, 0x00, 0x01, 0, 0, 0, 0, 0};
	nt_cur_init(&c, r, sizeof(r));
	assert_int_equal(nt_decode_dns(&c, sizeof(r), &d), NT_OK);
	assert_int_equal(d.qr, 1);
	assert_int_equal(d.rcode, 3 | (1 << 4));
	assert_int_equal(d.n_rr, 1);
	assert_int_equal(d.rr[0].ttl, 60);
	assert_int_equal(d.rr[0].addr.a[0], 192);
	assert_int_equal(d.edns_udp_size, 4096);
	/* every truncation of the response: no crash, never OK past the cut */
	for (size_t n = 0; n < sizeof(r); n++) {
		nt_cur_init(&c, r, n);
		int rc = nt_decode_dns(&c, (uint32_t)n, &d);
		assert_true(rc != NT_OK);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_and_sticky_error),
		cmocka_unit_test(test_truncated_vs_malformed),
		cmocka_unit_test(test_name_plain_and_compressed),
		cmocka_unit_test(test_name_hostile),
		cmocka_unit_test(test_decode_dns_query_and_answer),
	};
	return cmocka_run_group_tests_name("cursor", tests, NULL, NULL);
}
