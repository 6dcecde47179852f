/* \summary: unit tests of the UDP application printers: NTP
 * (print/ntp.c), syslog (print/syslog.c) and the BCM-LI shim
 * (print/bcm_li.c), each against tcpdump 4.99.3's exact text.
 *
 * NTP (RFC 5905) time message, as built in ntp_msg() below:
 *   | LI VN Mode | Stratum | Poll | Precision | Root Delay | Root Disp. |
 *   | Reference ID | Ref TS (8) | Orig TS (8) | Recv TS (8) | Xmit TS (8) |
 *   | [Key ID (4) | Digest (16/20)] |
 * NTP mode 6 control header:
 *   | LI VN 6 | R E M OpCode | Seq | Status | Assoc | Offset | Count | data |
 * Syslog (RFC 3164):  | '<' PRI '>' | text |
 * BCM-LI shim:        | dir:3 type:4 subtype:3 li-id:22 | packet |
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "print/print.h"
#include "print_msg.h"

enum { P_NTP, P_SYSLOG, P_BCM };

static int ret;

static int print_app(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int which)
{
	if (which == P_NTP)
		return nt_print_ntp(pr, c, len);
	if (which == P_SYSLOG)
		return nt_print_syslog(pr, c, len);
	return nt_print_bcm_li(pr, c, len);
}

/* Prints msg (caplen of len bytes captured) with printer `which`. */
static const char *show(int which, const uint8_t *msg, size_t caplen, uint32_t len, int vflag)
{
	return nt_test_print(print_app, which, msg, caplen, len, vflag, &ret);
}

#define SHOW(w, m, v) show((w), (m), sizeof(m), (uint32_t)sizeof(m), (v))
#define SHOWN(w, m, n, v) show((w), (m), (n), (uint32_t)sizeof(m), (v))
#define SHOWS(w, s, v) show((w), (const uint8_t *)(s), sizeof(s) - 1, (uint32_t)sizeof(s) - 1, (v))

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* A 48-byte time message; ts: reference, originate, receive, transmit
 * (seconds, fraction) pairs. */
static void ntp_msg(uint8_t *m, uint8_t b0, uint8_t stratum, int8_t poll, int8_t prec,
		    uint32_t rdelay, uint32_t rdisp, const uint8_t refid[4], const uint32_t ts[8])
{
	m[0] = b0;
	m[1] = stratum;
	m[2] = (uint8_t)poll;
	m[3] = (uint8_t)prec;
	put32(m + 4, rdelay);
	put32(m + 8, rdisp);
	memcpy(m + 12, refid, 4);
	for (int i = 0; i < 8; i++)
		put32(m + 16 + 4 * i, ts[i]);
}

static const uint32_t ts_2022[8] = {
	0xe5f3a2b1, 0x80000000, 0xe5f3a2b0, 0x12345678,
	0xe5f3a2b2, 0xffffffff, 0xe5f3a2b2, 0x00000001,
};

#define SERVER_V1 \
	"NTPv4, Server, length 48\n" \
	"\tLeap indicator:  (0), Stratum 2 (secondary reference), poll 6 (64s), precision -20\n" \
	"\tRoot Delay: 1.137771, Root dispersion: 0.500000, Reference-ID: 0xc0000201"

static void test_ntp_server(void **state)
{
	(void)state;
	uint8_t m[48];
	static const uint8_t refid[4] = {192, 0, 2, 1};
	ntp_msg(m, 0x24, 2, 6, -20, 0x00012345, 0x00008000, refid, ts_2022);
	assert_string_equal(SHOW(P_NTP, m, 0), "NTPv4, Server, length 48");
	assert_int_equal(ret, NT_PRINT_OK);
	assert_string_equal(SHOW(P_NTP, m, 1),
			    SERVER_V1 "\n"
			    "\t  Reference Timestamp:  3857949361.500000000 (2022-04-03T04:36:01Z)\n"
			    "\t  Originator Timestamp: 3857949360.071111110 (2022-04-03T04:36:00Z)\n"
			    "\t  Receive Timestamp:    3857949362.999999999 (2022-04-03T04:36:02Z)\n"
			    "\t  Transmit Timestamp:   3857949362.000000000 (2022-04-03T04:36:02Z)\n"
			    "\t    Originator - Receive Timestamp:  +2.928888888\n"
			    "\t    Originator - Transmit Timestamp: +1.928888889");
	/* only 20 bytes captured: stops before the reference time stamp */
	assert_string_equal(SHOWN(P_NTP, m, 20, 1), SERVER_V1 " [|ntp]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
}

/* Client with key id and MD5 digest, negative poll; a zero originate
 * time stamp makes the "deltas" print the other time stamp itself. */
static void test_ntp_client_md5(void **state)
{
	(void)state;
	uint8_t m[68];
	static const uint8_t refid[4] = {10, 0, 0, 1};
	static const uint32_t ts[8] = {0, 0, 0, 0, 0, 0, 0xe5f3a2b2, 0x40000000};
	ntp_msg(m, 0x1b, 3, -3, -29, 0x10, 0x20, refid, ts);
	put32(m + 48, 7);
	for (int i = 0; i < 16; i++)
		m[52 + i] = (uint8_t)i;
#define MD5_HEAD \
	"NTPv3, Client, length 68\n" \
	"\tLeap indicator:  (0), Stratum 3 (secondary reference), poll -3 (1/8s), precision -29\n" \
	"\tRoot Delay: 0.000244, Root dispersion: 0.000488, Reference-ID: 0x0a000001\n" \
	"\t  Reference Timestamp:  0.000000000\n" \
	"\t  Originator Timestamp: 0.000000000\n" \
	"\t  Receive Timestamp:    0.000000000\n" \
	"\t  Transmit Timestamp:   3857949362.250000000 (2022-04-03T04:36:02Z)\n" \
	"\t    Originator - Receive Timestamp:  0.000000000\n" \
	"\t    Originator - Transmit Timestamp: 3857949362.250000000 (2022-04-03T04:36:02Z)\n" \
	"\tKey id: 7"
	assert_string_equal(SHOW(P_NTP, m, 0), "NTPv3, Client, length 68");
	assert_string_equal(SHOW(P_NTP, m, 2),
			    MD5_HEAD "\n\tAuthentication: 000102030405060708090a0b0c0d0e0f");
	assert_string_equal(SHOWN(P_NTP, m, 60, 1), MD5_HEAD " [|ntp]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
}

/* Stratum 1 (reference id as text), leap alarm, times around 1970 and
 * two bytes more than the header. */
static void test_ntp_primary(void **state)
{
	(void)state;
	uint8_t m[50];
	static const uint8_t refid[4] = {'G', 'P', 'S', 0};
	static const uint32_t ts[8] = {0x83aa7e80, 0, 0x83aa7e7f, 0x80000000,
				       0x83aa7e80, 0x40000000, 0x83aa7e7e, 0};
	ntp_msg(m, 0xe5, 1, 4, -18, 0, 0x10000, refid, ts);
	m[48] = 1;
	m[49] = 2;
	assert_string_equal(
		SHOW(P_NTP, m, 1),
		"NTPv4, Broadcast, length 50\n"
		"\tLeap indicator: clock unsynchronized (192), Stratum 1 (primary reference), "
		"poll 4 (16s), precision -18\n"
		"\tRoot Delay: 0.000000, Root dispersion: 1.000000, Reference-ID: GPS^@\n"
		"\t  Reference Timestamp:  2208988800.000000000 (1970-01-01T00:00:00Z)\n"
		"\t  Originator Timestamp: 2208988799.500000000 (1969-12-31T23:59:59Z)\n"
		"\t  Receive Timestamp:    2208988800.250000000 (1970-01-01T00:00:00Z)\n"
		"\t  Transmit Timestamp:   2208988798.000000000 (1969-12-31T23:59:58Z)\n"
		"\t    Originator - Receive Timestamp:  +0.750000000\n"
		"\t    Originator - Transmit Timestamp: -1.500000000\n"
		"\t(2 more bytes after the header)");
}

static void test_ntp_short_and_empty(void **state)
{
	(void)state;
	uint8_t m[30];
	memset(m, 0, sizeof(m));
	m[0] = 0x23;
	assert_string_equal(SHOW(P_NTP, m, 0), "NTPv4, Client, length 30");
	assert_string_equal(SHOW(P_NTP, m, 1),
			    "NTPv4, Client, length 30\n\tLeap indicator:  (0) (invalid)");
	assert_string_equal(show(P_NTP, m, 0, 0, 1), " [|ntp]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
}

/* Mode 6 read-variables response with 11 bytes of data (count 10). */
static const uint8_t ctl_resp[] = {
	0x16, 0x82, 0, 7, 0x06, 0x15, 0, 4, 0, 0, 0, 10,
	'v', 'e', 'r', 's', 'i', 'o', 'n', '=', '"', 'x', '"',
};
/* The same data with count 20: more than the message holds. */
static const uint8_t ctl_bad[] = {
	0x16, 0x02, 0, 8, 0, 0, 0, 0, 0, 0, 0, 20,
	'v', 'e', 'r', 's', 'i', 'o', 'n', '=', '"', 'x', '"',
};

static void test_ntp_control(void **state)
{
	(void)state;
	assert_string_equal(SHOW(P_NTP, ctl_resp, 0), "NTPv2, Control Message, length 23");
	assert_string_equal(SHOW(P_NTP, ctl_resp, 2),
			    "NTPv2, Control Message, length 23\n"
			    "\tLeap indicator:  (0), Response, OK, Last, OpCode=2\n"
			    "\tSequence=7, Status=0x615, Assoc.=4, Offset=0, Count=10\n"
			    "\tTO-BE-DONE: data not interpreted");
	assert_string_equal(SHOWN(P_NTP, ctl_resp, 9, 1),
			    "NTPv2, Control Message, length 23\n"
			    "\tLeap indicator:  (0), Response, OK, Last, OpCode=2\n"
			    "\tSequence=7, Status=0x615, Assoc.=4 [|ntp]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
	assert_string_equal(SHOW(P_NTP, ctl_bad, 1),
			    "NTPv2, Control Message, length 23\n"
			    "\tLeap indicator:  (0), Request, OK, Last, OpCode=2\n"
			    "\tSequence=8, Status=0, Assoc.=0, Offset=0, Count=20 (invalid)");
}

/* Mode 7 (private): only the common part. */
static void test_ntp_mode7(void **state)
{
	(void)state;
	static const uint8_t m[] = {0x17, 0x80, 0x03, 0x2a, 0, 0, 0, 0};
	assert_string_equal(SHOW(P_NTP, m, 0), "NTPv2, Reserved, length 8");
	assert_string_equal(SHOW(P_NTP, m, 3), "NTPv2, Reserved, length 8\n\tLeap indicator:  (0)");
}

#define SL_BASIC "<134>Jul 16 10:00:00 fw01 kernel: accepted connection"

static void test_syslog_basic(void **state)
{
	(void)state;
	assert_string_equal(SHOWS(P_SYSLOG, SL_BASIC, 0), "SYSLOG local0.info, length: 53");
	assert_string_equal(SHOWS(P_SYSLOG, SL_BASIC, 1),
			    "SYSLOG, length: 53\n\tFacility local0 (16), Severity info (6)\n"
			    "\tMsg: Jul 16 10:00:00 fw01 kernel: accepted connection");
	assert_string_equal(SHOWS(P_SYSLOG, SL_BASIC, 2),
			    "SYSLOG, length: 53\n\tFacility local0 (16), Severity info (6)\n"
			    "\tMsg: Jul 16 10:00:00 fw01 kernel: accepted connection\n"
			    "\t0x0000:  3c31 3334 3e4a 756c 2031 3620 3130 3a30\n"
			    "\t0x0010:  303a 3030 2066 7730 3120 6b65 726e 656c\n"
			    "\t0x0020:  3a20 6163 6365 7074 6564 2063 6f6e 6e65\n"
			    "\t0x0030:  6374 696f 6e");
	assert_int_equal(ret, NT_PRINT_OK);
	/* 10 bytes captured */
	assert_string_equal(show(P_SYSLOG, (const uint8_t *)SL_BASIC, 10, 53, 2),
			    "SYSLOG, length: 53\n\tFacility local0 (16), Severity info (6)\n"
			    "\tMsg: Jul 1 [|syslog]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
}

static void test_syslog_escapes_and_unknown(void **state)
{
	(void)state;
	assert_string_equal(SHOWS(P_SYSLOG, "<13>\x00\x7f\x80\xe9 tab\\", 2),
			    "SYSLOG, length: 13\n\tFacility user (1), Severity notice (5)\n"
			    "\tMsg: ^@^?M-^@M-i tab\\\n"
			    "\t0x0000:  3c31 333e 007f 80e9 2074 6162 5c");
	assert_string_equal(SHOWS(P_SYSLOG, "<999>b", 0), "SYSLOG unknown (124).debug, length: 6");
	assert_string_equal(SHOWS(P_SYSLOG, "<999>b", 1),
			    "SYSLOG, length: 6\n\tFacility unknown (124) (124), Severity debug (7)\n"
			    "\tMsg: b");
	assert_string_equal(SHOWS(P_SYSLOG, "<>e", 0), "SYSLOG kernel.emergency, length: 3");
}

static void test_syslog_invalid(void **state)
{
	(void)state;
	assert_string_equal(SHOWS(P_SYSLOG, "<1234>x", 0), " (invalid)");
	assert_string_equal(SHOWS(P_SYSLOG, "x<1>", 1), " (invalid)");
	assert_int_equal(ret, NT_PRINT_OK);
	assert_string_equal(SHOWS(P_SYSLOG, "<13", 0), " [|syslog]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
	assert_string_equal(SHOWS(P_SYSLOG, "", 1), " [|syslog]");
	/* UDP length 2 of "<13>ab": no text, the dump covers 2 bytes */
	assert_string_equal(show(P_SYSLOG, (const uint8_t *)"<13>ab", 6, 2, 2),
			    "SYSLOG, length: 2\n\tFacility user (1), Severity notice (5)\n"
			    "\tMsg: \n\t0x0000:  3c31");
}

static void test_bcm_li(void **state)
{
	(void)state;
	/* ingress, ipv4, single VLAN tag, li-id 77, then 8 bytes */
	static const uint8_t m[12] = {0x6a, 0x40, 0x00, 0x4d};
	assert_string_equal(SHOW(P_BCM, m, 0),
			    "BCM-LI-SHIM: direction ingress, pkt-type ipv4, "
			    "pkt-subtype single VLAN tag, li-id 77");
	assert_string_equal(SHOWN(P_BCM, m, 8, 0),
			    "BCM-LI-SHIM: direction ingress, pkt-type ipv4, "
			    "pkt-subtype single VLAN tag, li-id 77 [|bcm_li]");
	assert_int_equal(ret, NT_PRINT_TRUNC);
	/* "<134>...": direction unused, type 14 */
	assert_string_equal(SHOWS(P_BCM, SL_BASIC, 1),
			    "\n    BCM-LI-SHIM: direction unused, pkt-type unknown, "
			    "pkt-subtype unknown, li-id 3224372\n     (invalid)");
	static const uint8_t s3[3] = {1, 2, 3};
	assert_string_equal(SHOW(P_BCM, s3, 0), " (length 3 < 4) (invalid)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ntp_server),
		cmocka_unit_test(test_ntp_client_md5),
		cmocka_unit_test(test_ntp_primary),
		cmocka_unit_test(test_ntp_short_and_empty),
		cmocka_unit_test(test_ntp_control),
		cmocka_unit_test(test_ntp_mode7),
		cmocka_unit_test(test_syslog_basic),
		cmocka_unit_test(test_syslog_escapes_and_unknown),
		cmocka_unit_test(test_syslog_invalid),
		cmocka_unit_test(test_bcm_li),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
