/* \summary: unit tests of the tcpdump text-log reader: the flagship
 * incident log, wrapped lines, every -t format, -v multi-line DNS and
 * ICMP with the quoted datagram, IPv6, -# and -e, garbage, binary and
 * very long lines, CRLF, and random input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "input/textlog.h"

static const char flagship[] =
	"13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A?\n"
	"yummyrecipesforme.com. (24)\n"
	"13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2\n"
	"udp port 53 unreachable length 254\n"
	"\n"
	"13:26:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A?\n"
	"yummyrecipesforme.com. (24)\n"
	"13:27:15.934126 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2\n"
	"udp port 53 unreachable length 320\n"
	"\n"
	"13:28:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A?\n"
	"yummyrecipesforme.com. (24)\n"
	"13:28:50.022967 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2\n"
	"udp port 53 unreachable length 150\n";

/* Reads all packets of buf into pk[] (at most max); returns the count. */
static size_t read_all(const char *buf, size_t n, const struct nt_textlog_opts *o,
		       struct nt_pkt *pk, struct nt_tl_rec *rec, size_t max,
		       uint64_t *garbage)
{
	struct nt_textlog *t;
	struct nt_error err;
	assert_int_equal(nt_textlog_open_mem(&t, buf, n, o, &err), NT_OK);
	size_t k = 0;
	struct nt_pkt tmp;
	struct nt_tl_rec *r = malloc(sizeof(*r));
	assert_non_null(r);
	int rc;
	while ((rc = nt_textlog_next(t, k < max ? &pk[k] : &tmp, r, &err)) == 1) {
		if (k < max && rec) {
			/* the text lives in the reader until the next call: keep a copy */
			static char texts[8][1024];
			rec[k] = *r;
			if (k < 8) {
				snprintf(texts[k], sizeof(texts[k]), "%s", r->text);
				rec[k].text = texts[k];
			}
		}
		k++;
	}
	assert_int_equal(rc, 0);
	if (garbage)
		*garbage = nt_textlog_garbage_count(t);
	free(r);
	nt_textlog_close(t);
	return k;
}

static int ip4_is(const struct nt_addr *a, uint8_t x, uint8_t y, uint8_t z, uint8_t w)
{
	return a->family == 4 && a->a[0] == x && a->a[1] == y && a->a[2] == z && a->a[3] == w;
}

static const char *rec_text(const struct nt_tl_rec *r)
{
	return r->text;
}

static void test_flagship(void **state)
{
	(void)state;
	struct nt_pkt pk[8];
	static struct nt_tl_rec rec[8];
	static char texts[8][256];
	uint64_t garbage = 1;
	struct nt_textlog *t;
	struct nt_error err;
	assert_int_equal(nt_textlog_open_mem(&t, flagship, strlen(flagship), NULL, &err), NT_OK);
	size_t k = 0;
	while (k < 8 && nt_textlog_next(t, &pk[k], &rec[k], &err) == 1) {
		snprintf(texts[k], sizeof(texts[k]), "%s", rec_text(&rec[k]));
		k++;
	}
	garbage = nt_textlog_garbage_count(t);
	assert_int_equal(nt_textlog_ts_kind(t), NT_TL_TS_TIME);
	nt_textlog_close(t);
	assert_int_equal(k, 6);
	assert_int_equal(garbage, 0);
	assert_string_equal(texts[0], "13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: "
				      "35084+ A? yummyrecipesforme.com. (24)");
	assert_string_equal(texts[1], "13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP "
				      "203.0.113.2 udp port 53 unreachable length 254");
	static const uint64_t first[6] = {1, 3, 6, 8, 11, 13};
	static const uint32_t icmplen[3] = {254, 320, 150};
	static const int64_t qts[3] = {13 * 3600 + 24 * 60 + 32, 13 * 3600 + 26 * 60 + 32,
				       13 * 3600 + 28 * 60 + 32};
	for (size_t i = 0; i < 6; i++) {
		const struct nt_pkt *p = &pk[i];
		assert_int_equal(p->frame, i + 1);
		assert_int_equal(rec[i].line_first, first[i]);
		assert_int_equal(rec[i].line_last, first[i] + 1);
		assert_int_equal(p->flags, NT_PKT_FROM_TEXT | NT_PKT_NO_DATE);
		assert_int_equal(p->l3, 4);
		if (i % 2 == 0) {
			assert_int_equal(p->ts_sec, qts[i / 2]);
			assert_int_equal(p->ts_nsec, 192571000);
			assert_true(ip4_is(&p->flow.src, 192, 51, 100, 15));
			assert_true(ip4_is(&p->flow.dst, 203, 0, 113, 2));
			assert_int_equal(p->flow.proto, 17);
			assert_int_equal(p->flow.sport, 52444);
			assert_int_equal(p->flow.dport, 53);
			assert_true(p->flow.has_ports);
			assert_true(p->dns.present);
			assert_int_equal(p->dns.id, 35084);
			assert_int_equal(p->dns.qr, 0);
			assert_int_equal(p->dns.rd, 1);
			assert_int_equal(p->dns.qtype, 1);
			assert_string_equal(p->dns.qname, "yummyrecipesforme.com");
			assert_int_equal(p->dns.msg_len, 24);
			assert_int_equal(p->l4_payload_len, 24);
			assert_false(p->icmp.present);
		} else {
			assert_true(ip4_is(&p->flow.src, 203, 0, 113, 2));
			assert_true(ip4_is(&p->flow.dst, 192, 51, 100, 15));
			assert_int_equal(p->flow.proto, 1);
			assert_false(p->flow.has_ports);
			assert_true(p->icmp.present);
			assert_int_equal(p->icmp.type, 3);
			assert_int_equal(p->icmp.code, 3);
			assert_true(p->icmp.is_error);
			assert_true(p->icmp.has_quote);
			assert_true(ip4_is(&p->icmp.quote.dst, 203, 0, 113, 2));
			assert_int_equal(p->icmp.quote.proto, 17);
			assert_int_equal(p->icmp.quote.dport, 53);
			assert_int_equal(p->icmp.quote.sport, 0);
			assert_int_equal(p->l4_payload_len, icmplen[i / 2]);
			assert_int_equal(p->icmp.quote_len, icmplen[i / 2] - 8);
			assert_false(p->dns.present);
		}
	}
	assert_int_equal(pk[1].ts_sec, 13 * 3600 + 24 * 60 + 36);
	assert_int_equal(pk[1].ts_nsec, 98564000);
}

static void test_crlf_and_blank(void **state)
{
	(void)state;
	size_t n = strlen(flagship);
	char *buf = malloc(2 * n + 16);
	assert_non_null(buf);
	size_t j = 0;
	memcpy(buf, "\r\n\r\n", 4);
	j = 4;
	for (size_t i = 0; i < n; i++) {
		if (flagship[i] == '\n')
			buf[j++] = '\r';
		buf[j++] = flagship[i];
	}
	struct nt_pkt pk[8];
	static struct nt_tl_rec rec[8];
	uint64_t g;
	assert_int_equal(read_all(buf, j, NULL, pk, rec, 8, &g), 6);
	assert_int_equal(g, 0);
	assert_int_equal(pk[1].icmp.code, 3);
	assert_string_equal(pk[0].dns.qname, "yummyrecipesforme.com");
	assert_int_equal(rec[0].line_first, 3);
	/* no trailing newline at the end of the input */
	assert_int_equal(read_all(flagship, n - 1, NULL, pk, NULL, 8, &g), 6);
	assert_int_equal(pk[5].l4_payload_len, 150);
	free(buf);
}

static void test_time_formats(void **state)
{
	(void)state;
	struct nt_pkt pk[4];
	static struct nt_tl_rec rec[4];
	static const char def[] =
		"    1  17:16:09.924505 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n"
		"    2  17:16:10.052027 IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0\n";
	assert_int_equal(read_all(def, strlen(def), NULL, pk, rec, 4, NULL), 2);
	assert_int_equal(rec[1].ts_kind, NT_TL_TS_TIME);
	assert_true(rec[1].has_number);
	assert_int_equal(rec[1].number, 2);
	assert_int_equal(pk[1].ts_sec, 17 * 3600 + 16 * 60 + 10);
	assert_int_equal(pk[1].ts_nsec, 52027000);
	assert_int_equal(pk[0].flow.proto, 6);
	assert_int_equal(pk[0].flow.dport, 80);

	static const char none[] = "    1  IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n"
				   "IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0\n";
	assert_int_equal(read_all(none, strlen(none), NULL, pk, rec, 4, NULL), 2);
	assert_int_equal(rec[0].ts_kind, NT_TL_TS_NONE);
	assert_int_equal(pk[1].ts_sec, 0);
	assert_true(pk[1].flags & NT_PKT_NO_DATE);

	static const char epoch[] = "1418145369.924505 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n"
				    "    2  1418145370.052027 IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0\n";
	assert_int_equal(read_all(epoch, strlen(epoch), NULL, pk, rec, 4, NULL), 2);
	assert_int_equal(rec[0].ts_kind, NT_TL_TS_EPOCH);
	assert_int_equal(pk[0].ts_sec, 1418145369);
	assert_int_equal(pk[0].ts_nsec, 924505000);
	assert_int_equal(pk[1].ts_sec, 1418145370);
	assert_false(pk[1].flags & NT_PKT_NO_DATE);

	static const char date[] = "    1  2014-12-09 17:16:09.924505 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n"
				   "2014-12-09 17:16:10.052115 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n";
	assert_int_equal(read_all(date, strlen(date), NULL, pk, rec, 4, NULL), 2);
	assert_int_equal(rec[0].ts_kind, NT_TL_TS_DATE);
	assert_int_equal(pk[0].ts_sec, 1418145369);
	assert_int_equal(pk[1].ts_sec, 1418145370);
	assert_int_equal(pk[1].ts_nsec, 52115000);
	assert_int_equal(pk[0].flags, NT_PKT_FROM_TEXT);

	/* -ttt: deltas from the previous packet, accumulated */
	static const char ttt[] = "    1   00:00:00.000000 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n"
				  "    2   00:00:00.127522 IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0\n"
				  "    3   00:00:00.000088 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n";
	assert_int_equal(read_all(ttt, strlen(ttt), NULL, pk, rec, 4, NULL), 3);
	assert_int_equal(rec[2].ts_kind, NT_TL_TS_DELTA);
	assert_int_equal(pk[2].ts_sec, 0);
	assert_int_equal(pk[2].ts_nsec, 127610000);
	assert_true(pk[2].flags & NT_PKT_NO_DATE);
	/* -ttttt without the number: deltas from the first packet */
	static const char t5[] = " 00:00:00.000000 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n"
				 " 00:00:00.127522 IP 137.116.81.94.80 > 131.155.215.69.46656: tcp 0\n"
				 " 00:00:01.127610 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n";
	struct nt_textlog_opts o = {0, 0, 0, 1};
	assert_int_equal(read_all(t5, strlen(t5), &o, pk, rec, 4, NULL), 3);
	assert_int_equal(pk[2].ts_sec, 1);
	assert_int_equal(pk[2].ts_nsec, 127610000);
	assert_int_equal(rec[1].line_first, 2);
}

/* A time-of-day log running past midnight continues on the next day; a
 * small step back (reordered lines) stays on the same day. */
static void test_midnight(void **state)
{
	(void)state;
	struct nt_pkt pk[5];
	static const char log[] =
		"23:59:59.900000 IP 10.1.0.20.40001 > 10.1.0.53.53: 1001+ A? a.example. (27)\n"
		"23:59:59.800000 IP 10.1.0.20.40002 > 10.1.0.53.53: 1002+ A? b.example. (27)\n"
		"00:00:00.100000 IP 10.1.0.20.40003 > 10.1.0.53.53: 1003+ A? c.example. (27)\n"
		"13:00:00.000000 IP 10.1.0.20.40004 > 10.1.0.53.53: 1004+ A? d.example. (27)\n"
		"00:00:02.000000 IP 10.1.0.20.40005 > 10.1.0.53.53: 1005+ A? e.example. (27)\n";
	assert_int_equal(read_all(log, strlen(log), NULL, pk, NULL, 5, NULL), 5);
	assert_int_equal(pk[0].ts_sec, 86399);
	assert_int_equal(pk[1].ts_sec, 86399);   /* 100 ms back: same day */
	assert_int_equal(pk[1].ts_nsec, 800000000);
	assert_int_equal(pk[2].ts_sec, 86400);   /* next day, 00:00:00.1 */
	assert_int_equal(pk[2].ts_nsec, 100000000);
	assert_int_equal(pk[3].ts_sec, 86400 + 13 * 3600);
	assert_int_equal(pk[4].ts_sec, 2 * 86400 + 2); /* 13 h back from 13:00: the day after */
	assert_true(pk[4].flags & NT_PKT_NO_DATE);
}

static void test_verbose_dns_and_icmp_quote(void **state)
{
	(void)state;
	static const char v[] =
		"    3  22:13:21.021000 IP (tos 0x0, ttl 64, id 4098, offset 0, flags [none], proto UDP (17), length 61)\n"
		"    10.0.0.2.40002 > 192.0.2.53.53: 4098+ A? api.example.net. (33)\n"
		"    4  22:13:21.024000 IP (tos 0x0, ttl 64, id 7002, offset 0, flags [none], proto ICMP (1), length 89)\n"
		"    192.0.2.53 > 10.0.0.2: ICMP 192.0.2.53 udp port 53 unreachable, length 69\n"
		"\tIP (tos 0x0, ttl 63, id 4098, offset 0, flags [none], proto UDP (17), length 61)\n"
		"    10.0.0.2.40002 > 192.0.2.53.53: 4098+ AAAA? api.example.net. (33)\n"
		"    5  22:13:28.030000 IP (tos 0x0, ttl 64, id 7006, offset 0, flags [none], proto ICMP (1), length 93)\n"
		"    198.51.100.1 > 10.0.0.2: ICMP host 198.51.100.53 unreachable - admin prohibited filter, length 73\n"
		"\tIP (tos 0x0, ttl 64, id 4102, offset 0, flags [none], proto UDP (17), length 65)\n"
		"    10.0.0.2.40006 > 198.51.100.53.53: 4102+ A? blocked.example.com. (37)\n"
		"    6  22:13:22.027000 IP (tos 0x0, ttl 64, id 7003, offset 0, flags [none], proto ICMP (1), length 56)\n"
		"    192.0.2.53 > 10.0.0.2: ICMP 192.0.2.53 udp port 53 unreachable, length 36\n"
		"\tIP (tos 0x0, ttl 64, id 4099, offset 0, flags [none], proto UDP (17), length 62)\n"
		"    10.0.0.2.40003 > 192.0.2.53.53:  [|domain]\n";
	struct nt_pkt pk[6];
	static struct nt_tl_rec rec[6];
	uint64_t g;
	assert_int_equal(read_all(v, strlen(v), NULL, pk, rec, 6, &g), 4);
	assert_int_equal(g, 0);
	assert_int_equal(pk[0].ttl, 64);
	assert_int_equal(pk[0].ip_len, 61);
	assert_int_equal(pk[0].flow.proto, 17);
	assert_int_equal(pk[0].dns.id, 4098);
	assert_string_equal(pk[0].dns.qname, "api.example.net");
	assert_int_equal(rec[0].line_first, 1);
	assert_int_equal(rec[0].line_last, 2);
	/* tcpdump's own line breaks are kept */
	assert_non_null(strstr(rec[0].text, "length 61)\n    10.0.0.2.40002"));

	const struct nt_icmp *ic = &pk[1].icmp;
	assert_int_equal(rec[1].line_first, 3);
	assert_int_equal(rec[1].line_last, 6);
	assert_int_equal(pk[1].flow.proto, 1);
	assert_int_equal(pk[1].ip_len, 89);
	assert_int_equal(pk[1].l4_payload_len, 69);
	assert_int_equal(ic->type, 3);
	assert_int_equal(ic->code, 3);
	assert_true(ic->has_quote);
	assert_true(ip4_is(&ic->quote.src, 10, 0, 0, 2));
	assert_true(ip4_is(&ic->quote.dst, 192, 0, 2, 53));
	assert_int_equal(ic->quote.proto, 17);
	assert_int_equal(ic->quote.sport, 40002);
	assert_int_equal(ic->quote.dport, 53);
	assert_int_equal(ic->quote_ttl, 63);
	assert_true(ic->quote_has_dns_id);
	assert_int_equal(ic->quote_dns_id, 4098);
	assert_int_equal(ic->quote_dns_qtype, 28);
	assert_string_equal(ic->quote_qname, "api.example.net");
	/* the outer packet itself is not DNS */
	assert_false(pk[1].dns.present);
	int quoted = 0, unknown = 0;
	for (size_t i = 0; i < rec[1].ntok; i++) {
		quoted += rec[1].tok[i].quoted;
		unknown += rec[1].tok[i].field == NT_TF_UNKNOWN;
	}
	assert_true(quoted > 5);
	assert_int_equal(unknown, 0);

	assert_int_equal(pk[2].icmp.code, 13);
	assert_true(ip4_is(&pk[2].icmp.quote.dst, 198, 51, 100, 53));
	assert_int_equal(pk[2].icmp.quote_dns_id, 4102);
	/* a 28-byte quote: ports known, DNS not */
	assert_int_equal(pk[3].icmp.quote.sport, 40003);
	assert_false(pk[3].icmp.quote_has_dns_id);
	assert_string_equal(pk[3].icmp.quote_qname, "");
}

static void parse1(const char *line, struct nt_pkt *p)
{
	struct nt_tl_rec *r = malloc(sizeof(*r));
	assert_non_null(r);
	assert_int_equal(nt_textlog_parse(line, strlen(line), p, r), 1);
	for (size_t i = 0; i < r->ntok; i++)
		if (r->tok[i].field == NT_TF_UNKNOWN)
			fail_msg("unknown token '%.*s' in '%s'", (int)r->tok[i].len,
				 r->text + r->tok[i].off, line);
	free(r);
}

static void test_icmp_messages(void **state)
{
	(void)state;
	struct nt_pkt p;
	static const struct {
		const char *msg;
		int type, code;
		uint8_t qd3;
	} cases[] = {
		{"net 192.0.2.53 unreachable", 3, 0, 53},
		{"host 192.0.2.54 unreachable", 3, 1, 54},
		{"192.0.2.55 protocol 17 unreachable", 3, 2, 55},
		{"192.0.2.56 tcp port 53 unreachable", 3, 3, 56},
		{"192.0.2.57 unreachable - need to frag (mtu 1400)", 3, 4, 57},
		{"192.0.2.58 unreachable - source route failed", 3, 5, 58},
		{"net 192.0.2.59 unreachable - admin prohibited", 3, 9, 59},
		{"host 192.0.2.60 unreachable - admin prohibited", 3, 10, 60},
		{"host 192.0.2.61 unreachable - admin prohibited filter", 3, 13, 61},
		{"host 192.0.2.62 unreachable - precedence cutoff", 3, 15, 62},
		{"192.0.2.63 unreachable - #77", 3, 77, 63},
		{"redirect 192.0.2.64 to host 10.0.0.254", 5, 1, 64},
		{"redirect-tos 192.0.2.65 to net 10.0.0.252", 5, 2, 65},
		{"time exceeded in-transit", 11, 0, 0},
		{"ip reassembly time exceeded", 11, 1, 0},
		{"parameter problem - octet 8", 12, 0, 0},
		{"source quench", 4, 0, 0},
		{"echo request, id 16962, seq 1", 8, 0, 0},
		{"echo reply, id 16962, seq 1", 0, 0, 0},
		{"type-#42", 42, 0, 0},
	};
	char line[256];
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(line, sizeof(line), "22:15:00.000000 IP 10.0.0.1 > 10.0.0.2: ICMP %s, length 68",
			 cases[i].msg);
		parse1(line, &p);
		assert_true(p.icmp.present);
		assert_int_equal(p.icmp.type, cases[i].type);
		assert_int_equal(p.icmp.code, cases[i].code);
		assert_int_equal(p.l4_payload_len, 68);
		if (cases[i].qd3) {
			assert_true(p.icmp.has_quote);
			assert_true(ip4_is(&p.icmp.quote.dst, 192, 0, 2, cases[i].qd3));
		}
	}
	parse1("22:15:00.000000 IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.57 unreachable - need to frag (mtu 1400), length 80", &p);
	assert_int_equal(p.icmp.mtu, 1400);
	parse1("22:15:00.000000 IP 10.0.0.1 > 10.0.0.2: ICMP redirect 192.0.2.64 to host 10.0.0.254, length 36", &p);
	assert_true(ip4_is(&p.icmp.gateway, 10, 0, 0, 254));
	parse1("22:15:00.000000 IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.56 tcp port 53 unreachable, length 48", &p);
	assert_int_equal(p.icmp.quote.proto, 6);
	assert_int_equal(p.icmp.quote.dport, 53);
	parse1("22:15:00.000000 IP 10.0.0.1 > 10.0.0.2: ICMP 192.0.2.56 udp port domain unreachable, length 48", &p);
	assert_int_equal(p.icmp.quote.dport, 53);
	parse1("22:15:00.000000 IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 16962, seq 1, length 64", &p);
	assert_int_equal(p.icmp.id, 16962);
	assert_int_equal(p.icmp.seq, 1);
	assert_false(p.icmp.is_error);
}

static void test_ipv6(void **state)
{
	(void)state;
	struct nt_pkt p;
	parse1("    1  2025-07-08 17:59:17.215270 IP6 2001:db8::1.12345 > 2620:fe::9.53: 4660+ A? example.com. (29)", &p);
	assert_int_equal(p.l3, 6);
	assert_int_equal(p.flow.src.family, 6);
	assert_int_equal(p.flow.src.a[0], 0x20);
	assert_int_equal(p.flow.src.a[15], 1);
	assert_int_equal(p.flow.sport, 12345);
	assert_int_equal(p.flow.dport, 53);
	assert_int_equal(p.dns.id, 4660);
	assert_string_equal(p.dns.qname, "example.com");
	parse1("    2  22:20:00.002000 IP6 2001:db8:53::53 > 2001:db8:1::2: ICMP6, destination unreachable, "
	       "unreachable port, 2001:db8:53::53 udp port 53, length 89", &p);
	assert_int_equal(p.flow.proto, 58);
	assert_true(p.icmp.v6);
	assert_int_equal(p.icmp.type, 1);
	assert_int_equal(p.icmp.code, 4);
	assert_true(p.icmp.has_quote);
	assert_int_equal(p.icmp.quote.dst.family, 6);
	assert_int_equal(p.icmp.quote.dst.a[15], 0x53);
	assert_int_equal(p.icmp.quote.proto, 17);
	assert_int_equal(p.icmp.quote.dport, 53);
	assert_int_equal(p.l4_payload_len, 89);
	parse1("    1  22:20:00.000000 IP6 (hlim 64, next-header UDP (17) payload length: 41) "
	       "2001:db8:1::2.43001 > 2001:db8:53::53.53: [udp sum ok] 24577+ AAAA? www.example.com. (33)", &p);
	assert_int_equal(p.ttl, 64);
	assert_int_equal(p.ip_len, 81);
	assert_int_equal(p.flow.proto, 17);
	assert_int_equal(p.dns.qtype, 28);
	parse1("22:20:03.002000 IP6 2001:db8:1::1 > 2001:db8:1::2: ICMP6, packet too big, mtu 1280, length 1240", &p);
	assert_int_equal(p.icmp.type, 2);
	assert_int_equal(p.icmp.mtu, 1280);
}

static void test_dns_responses_tcp_link(void **state)
{
	(void)state;
	struct nt_pkt p;
	parse1("   28  22:16:46.640000 IP 192.0.2.53.53 > 10.0.0.2.42014: 12302 NXDomain* 0/1/1 (131)", &p);
	assert_int_equal(p.dns.qr, 1);
	assert_int_equal(p.dns.rcode, 3);
	assert_int_equal(p.dns.aa, 1);
	assert_int_equal(p.dns.ra, 1);
	assert_int_equal(p.dns.nscount, 1);
	assert_int_equal(p.dns.arcount, 1);
	assert_int_equal(p.dns.msg_len, 131);
	parse1("22:16:42.560000 IP 192.0.2.53.53 > 10.0.0.2.42006: 12294$ 2/0/0 CNAME web.example.net., A 198.51.100.80 (108)", &p);
	assert_int_equal(p.dns.ad, 1);
	assert_int_equal(p.dns.ancount, 2);
	assert_int_equal(p.dns.n_rr, 2);
	assert_int_equal(p.dns.rr[0].type, 5);
	assert_int_equal(p.dns.rr[1].type, 1);
	assert_true(ip4_is(&p.dns.rr[1].addr, 198, 51, 100, 80));
	parse1("22:16:40.520000 IP 192.0.2.53.domain > 10.0.0.2.42002: 12290 ServFail- 0/0/0 (36)", &p);
	assert_int_equal(p.dns.rcode, 2);
	assert_int_equal(p.dns.ra, 0);
	parse1("22:16:41.030000 IP 192.0.2.53.53 > 10.0.0.2.42003: 12291 Refused 0/0/0 (29)", &p);
	assert_int_equal(p.dns.rcode, 5);
	parse1("    2  09:19:54.870361 IP 209.87.249.18.53 > 192.168.1.11.43966: 22836*- 2/2/5 A 192.139.46.66, A 198.199.88.104 (224)", &p);
	assert_int_equal(p.dns.ra, 0);
	assert_int_equal(p.dns.n_rr, 2);
	assert_true(ip4_is(&p.dns.rr[0].addr, 192, 139, 46, 66));
	parse1("    4  09:21:03.847323 IP 192.168.1.11.33779 > 209.87.249.18.53: Flags [P.], seq 1:59, ack 1, "
	       "win 64240, length 58 17177+ [1au] A? www.tcpdump.org. (56)", &p);
	assert_int_equal(p.flow.proto, 6);
	assert_int_equal(p.tcp_flags, NT_TH_PUSH | NT_TH_ACK);
	assert_int_equal(p.tcp_seq, 1);
	assert_int_equal(p.tcp_ack, 1);
	assert_int_equal(p.tcp_win, 64240);
	assert_int_equal(p.l4_payload_len, 58);
	assert_int_equal(p.dns.id, 17177);
	assert_int_equal(p.dns.arcount, 1);
	assert_true(p.dns.edns);
	parse1("    1  09:21:03.720289 IP 192.168.1.11.33779 > 209.87.249.18.53: Flags [S], seq 603899916, win 64240, "
	       "options [mss 1460,sackOK,TS val 2044906138 ecr 0,nop,wscale 7], length 0", &p);
	assert_int_equal(p.tcp_flags, NT_TH_SYN);
	assert_int_equal(p.tcp_seq, 603899916u);
	parse1("22:00:00.000000 IP 10.0.0.9.51000 > 10.0.0.1.https: Flags [R.], seq 0, ack 1, win 0, length 0", &p);
	assert_int_equal(p.flow.dport, 443);
	assert_int_equal(p.tcp_flags, NT_TH_RST | NT_TH_ACK);
	/* -e: Ethernet and NFLOG headers, the IP word dropped */
	parse1("22:13:20.000000 00:11:22:33:44:55 > 66:77:88:99:aa:bb, ethertype IPv4 (0x0800), length 75: "
	       "10.0.0.2.40001 > 192.0.2.53.53: 4097+ A? www.example.com. (33)", &p);
	assert_int_equal(p.l3, 4);
	assert_int_equal(p.dns.id, 4097);
	parse1("    2  18:31:59.616000 version 0, resource ID 20, family IPv4 (2), length 192: 74.82.42.42.53 > "
	       "10.0.0.20.45190: 52954 1/0/0 AAAA 2606:2800:220:6d:26bf:1447:1097:aa7 (57)", &p);
	assert_int_equal(p.dns.n_rr, 1);
	assert_int_equal(p.dns.rr[0].addr.family, 6);
	/* port names without -n */
	parse1("13:00:00.000000 IP 10.0.0.2.5353 > 224.0.0.251.mdns: 0 PTR (QM)? _services._dns-sd._udp.local. (46)", &p);
	assert_int_equal(p.flow.dport, 5353);
	assert_true(p.dns.is_mdns);
	assert_int_equal(p.dns.qtype, 12);
	parse1("13:00:00.000000 IP 10.0.0.2.40000 > 10.0.0.3.http: Flags [S], seq 1, win 1024, length 0", &p);
	assert_int_equal(p.flow.dport, 80);
}

static void test_garbage(void **state)
{
	(void)state;
	size_t big = 1u << 20;
	size_t cap = big + 4096;
	char *buf = malloc(cap);
	assert_non_null(buf);
	size_t j = 0;
	const char *head = "tcpdump: verbose output suppressed, use -v[v]... for full protocol decode\n"
			   "hello world\n";
	memcpy(buf + j, head, strlen(head));
	j += strlen(head);
	/* line 3: binary */
	const char bin[] = {'\x00', '\x01', '\xff', 'I', 'P', '\x7f', '\n'};
	memcpy(buf + j, bin, sizeof(bin));
	j += sizeof(bin);
	/* line 4: 1 MB */
	memset(buf + j, 'A', big);
	j += big;
	buf[j++] = '\n';
	const char *tail =
		"13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A? yummyrecipesforme.com. (24)\n"
		"this is not a packet\n"
		"13:24:36.098564 IP 203.0.113.2 > 192.51.100.15: ICMP 203.0.113.2 udp port 53 unreachable, length 254\n"
		"3 packets captured\n";
	memcpy(buf + j, tail, strlen(tail));
	j += strlen(tail);
	assert_true(j < cap);

	struct nt_textlog *t;
	struct nt_error err;
	struct nt_textlog_opts o = {0, 0, 3, 0};
	assert_int_equal(nt_textlog_open_mem(&t, buf, j, &o, &err), NT_OK);
	struct nt_pkt p;
	struct nt_tl_rec *r = malloc(sizeof(*r));
	assert_non_null(r);
	int n = 0;
	while (nt_textlog_next(t, &p, r, &err) == 1) {
		n++;
		if (n == 1) {
			assert_int_equal(r->line_first, 5);
			assert_int_equal(p.dns.id, 35084);
		} else {
			assert_int_equal(r->line_first, 7);
			assert_int_equal(p.icmp.code, 3);
		}
	}
	assert_int_equal(n, 2);
	assert_int_equal(nt_textlog_garbage_count(t), 6);
	const struct nt_tl_garbage *g;
	assert_int_equal(nt_textlog_garbage(t, &g), 3); /* at most max_garbage kept */
	assert_int_equal(g[0].line, 1);
	assert_int_equal(g[1].line, 2);
	assert_string_equal(g[1].text, "hello world");
	assert_int_equal(g[2].line, 3);
	assert_string_equal(g[2].text, "...IP.");
	assert_int_equal(nt_textlog_lines(t), 8);
	nt_textlog_close(t);

	/* the same through a FILE */
	FILE *f = tmpfile();
	assert_non_null(f);
	assert_int_equal(fwrite(buf, 1, j, f), j);
	rewind(f);
	assert_int_equal(nt_textlog_open(&t, f, NULL, &err), NT_OK);
	n = 0;
	while (nt_textlog_next(t, &p, r, &err) == 1)
		n++;
	assert_int_equal(n, 2);
	assert_int_equal(nt_textlog_garbage_count(t), 6);
	nt_textlog_close(t);
	fclose(f);
	free(r);
	free(buf);
}

static void test_wrap_rules(void **state)
{
	(void)state;
	struct nt_pkt pk[4];
	static struct nt_tl_rec rec[4];
	uint64_t g;
	/* -t -e: the Ethernet header starts the packet */
	static const char te[] =
		"00:11:22:33:44:55 > 66:77:88:99:aa:bb, ethertype IPv4 (0x0800), length 75: "
		"10.0.0.2.40001 > 192.0.2.53.53: 4097+ A? www.example.com. (33)\n"
		"00:11:22:33:44:55 > 66:77:88:99:aa:bb, ethertype IPv4 (0x0800), length 75: "
		"10.0.0.2.40002 > 192.0.2.53.53: 4098+ A?\n"
		"www.example.com. (33)\n";
	assert_int_equal(read_all(te, strlen(te), NULL, pk, rec, 4, &g), 2);
	assert_int_equal(g, 0);
	assert_int_equal(pk[1].dns.id, 4098);
	assert_string_equal(pk[1].dns.qname, "www.example.com");
	assert_int_equal(rec[1].line_last, 3);
	/* a bare time stamp wrapped before "IP" */
	static const char bare[] = "13:24:32.192571\nIP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A?\n"
				   "yummyrecipesforme.com. (24)\n";
	assert_int_equal(read_all(bare, strlen(bare), NULL, pk, rec, 4, &g), 1);
	assert_string_equal(rec[0].text, "13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: "
					 "35084+ A? yummyrecipesforme.com. (24)");
	assert_int_equal(pk[0].ts_sec, 13 * 3600 + 24 * 60 + 32);
	/* at most 16 hand-wrapped pieces join one packet; the rest is garbage */
	char many[512] = "13:24:32.192571 IP 10.0.0.1 > 10.0.0.2: ICMP\n";
	for (int i = 0; i < 20; i++)
		strcat(many, "x\n");
	assert_int_equal(read_all(many, strlen(many), NULL, pk, rec, 4, &g), 1);
	assert_int_equal(g, 4);
	assert_int_equal(rec[0].line_last, 17);
}

static void test_sniff(void **state)
{
	(void)state;
	assert_true(nt_textlog_sniff((const uint8_t *)flagship, strlen(flagship)));
	const char *num = "    1  IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 1, seq 1, length 64\n";
	assert_true(nt_textlog_sniff((const uint8_t *)num, strlen(num)));
	const char *chat = "reading from file x.pcap, link-type EN10MB (Ethernet)\n"
			   "1418145369.924505 IP 131.155.215.69.46656 > 137.116.81.94.80: tcp 0\n";
	assert_true(nt_textlog_sniff((const uint8_t *)chat, strlen(chat)));
	const uint8_t pcap[] = {0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0};
	assert_false(nt_textlog_sniff(pcap, sizeof(pcap)));
	const char *prose = "Dear team,\nthe site is down again.\n";
	assert_false(nt_textlog_sniff((const uint8_t *)prose, strlen(prose)));
	assert_false(nt_textlog_sniff((const uint8_t *)"", 0));
}

/* Random bytes and every prefix/mutation of real lines: no crash, spans
 * inside the text (ASan/UBSan check the rest). */
static void test_hostile(void **state)
{
	(void)state;
	static const char *const lines[] = {
		"13:24:32.192571 IP 192.51.100.15.52444 > 203.0.113.2.domain: 35084+ A? yummyrecipesforme.com. (24)",
		"    4  22:13:21.024000 IP (tos 0x0, ttl 64, id 7002, offset 0, flags [none], proto ICMP (1), length 89)\n"
		"    192.0.2.53 > 10.0.0.2: ICMP 192.0.2.53 udp port 53 unreachable, length 69\n"
		"\tIP (tos 0x0, ttl 64, id 4098, offset 0, flags [none], proto UDP (17), length 61)\n"
		"    10.0.0.2.40002 > 192.0.2.53.53: 4098+ A? api.example.net. (33)",
		"    2  09:19:54.870361 IP 209.87.249.18.53 > 192.168.1.11.43966: [udp sum ok] 22836*- q: A? www.tcpdump.org. "
		"2/2/5 www.tcpdump.org. A 192.139.46.66, www.tcpdump.org. A 198.199.88.104 ns: tcpdump.org. NS sns.cooperix.net. "
		"ar: . OPT UDPsize=4096 (224)",
		"22:20:00.002000 IP6 2001:db8:53::53 > 2001:db8:1::2: ICMP6, destination unreachable, unreachable port, "
		"2001:db8:53::53 udp port 53, length 89",
		"    4  09:21:03.847323 IP 192.168.1.11.33779 > 209.87.249.18.53: Flags [P.], seq 1:59, ack 1, win 64240, "
		"options [nop,nop,TS val 1 ecr 2], length 58 17177+ [1au] A? www.tcpdump.org. (56)",
	};
	struct nt_pkt p;
	struct nt_tl_rec *r = malloc(sizeof(*r));
	assert_non_null(r);
	char buf[1024];
	uint32_t seed = 12345;
	for (size_t li = 0; li < sizeof(lines) / sizeof(lines[0]); li++) {
		size_t n = strlen(lines[li]);
		for (size_t cut = 0; cut <= n; cut++) {
			/* exact-size heap copy so ASan sees any overread */
			char *c = malloc(cut ? cut : 1);
			memcpy(c, lines[li], cut);
			nt_textlog_parse(c, cut, &p, r);
			for (size_t i = 0; i < r->ntok; i++)
				assert_true(r->tok[i].off + r->tok[i].len <= cut);
			free(c);
		}
		for (int iter = 0; iter < 400; iter++) {
			memcpy(buf, lines[li], n);
			for (int k = 0; k < 4; k++) {
				seed = seed * 1103515245u + 12345u;
				size_t pos = (seed >> 8) % n;
				seed = seed * 1103515245u + 12345u;
				buf[pos] = (char)(seed >> 16);
			}
			char *c = malloc(n);
			memcpy(c, buf, n);
			nt_textlog_parse(c, n, &p, r);
			free(c);
		}
	}
	for (int iter = 0; iter < 2000; iter++) {
		size_t n = (size_t)(iter % 300);
		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[i] = (char)(seed >> 16);
			if (iter % 3 == 0)
				buf[i] = " 0123456789.:>IPA?+()[]-,\n\tudpornet"[(seed >> 16) % 36];
		}
		char *c = malloc(n ? n : 1);
		memcpy(c, buf, n);
		nt_textlog_parse(c, n, &p, r);
		struct nt_textlog *t;
		struct nt_error err;
		assert_int_equal(nt_textlog_open_mem(&t, c, n, NULL, &err), NT_OK);
		while (nt_textlog_next(t, &p, r, &err) == 1)
			;
		nt_textlog_close(t);
		nt_textlog_sniff((const uint8_t *)c, n);
		free(c);
	}
	/* one 1 MB word */
	size_t bigl = 1u << 20;
	char *w = malloc(bigl);
	assert_non_null(w);
	memcpy(w, "13:00:00.000000 IP ", 19);
	memset(w + 19, '7', bigl - 19);
	nt_textlog_parse(w, bigl, &p, r);
	free(w);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flagship),
		cmocka_unit_test(test_crlf_and_blank),
		cmocka_unit_test(test_time_formats),
		cmocka_unit_test(test_midnight),
		cmocka_unit_test(test_verbose_dns_and_icmp_quote),
		cmocka_unit_test(test_icmp_messages),
		cmocka_unit_test(test_ipv6),
		cmocka_unit_test(test_dns_responses_tcp_link),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_wrap_rules),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests_name("textlog", tests, NULL, NULL);
}
