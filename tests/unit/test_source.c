/* \summary: unit tests of the input source (input/source.h) and of the
 * record decoder (decode/record.h): the format sniff, captures and text
 * logs behind one `next`, the per-input info, errors that name the input
 * (record and offset for damage), and the time-ordered merge. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "decode/decode.h"
#include "decode/record.h"
#include "input/source.h"

#define FLAGSHIP "tests/data/yummyrecipes.pcap"
#define DAMAGED "tests/data/damaged/truncated-mid-record.pcap"
#define EMPTY "tests/data/damaged/empty.pcap"

/* A temporary file holding s; its name in path (unlinked by the caller). */
static void tmpfile_with(char path[64], const char *s)
{
	snprintf(path, 64, "/tmp/nt-test-source-XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	size_t n = strlen(s);
	assert_int_equal(write(fd, s, n), (ssize_t)n);
	close(fd);
}

static void test_sniff(void **state)
{
	(void)state;
	static const uint8_t pcap_le[] = {0xd4, 0xc3, 0xb2, 0xa1}, pcap_be[] = {0xa1, 0xb2, 0xc3, 0xd4},
			     ns_le[] = {0x4d, 0x3c, 0xb2, 0xa1}, ns_be[] = {0xa1, 0xb2, 0x3c, 0x4d},
			     shb[] = {0x0a, 0x0d, 0x0d, 0x0a}, gz[] = {0x1f, 0x8b, 0x08, 0x00},
			     zst[] = {0x28, 0xb5, 0x2f, 0xfd};
	assert_int_equal(nt_source_sniff(pcap_le, 4), NT_SRC_PCAP);
	assert_int_equal(nt_source_sniff(pcap_be, 4), NT_SRC_PCAP);
	assert_int_equal(nt_source_sniff(ns_le, 4), NT_SRC_PCAP);
	assert_int_equal(nt_source_sniff(ns_be, 4), NT_SRC_PCAP);
	assert_int_equal(nt_source_sniff(shb, 4), NT_SRC_PCAPNG);
	assert_int_equal(nt_source_sniff(gz, 4), NT_SRC_COMPRESSED);
	assert_int_equal(nt_source_sniff(zst, 4), NT_SRC_COMPRESSED);
	assert_int_equal(nt_source_sniff(pcap_le, 3), NT_SRC_UNKNOWN);
	const char *line = "13:24:32.192571 IP 10.0.0.1.53 > 10.0.0.2.40000: 1 0/0/0 (12)\n";
	assert_int_equal(nt_source_sniff((const uint8_t *)line, strlen(line)), NT_SRC_TEXT);
	const char *prose = "Dear analyst,\nplease look at this.\n";
	assert_int_equal(nt_source_sniff((const uint8_t *)prose, strlen(prose)), NT_SRC_UNKNOWN);
	assert_int_equal(nt_source_sniff((const uint8_t *)"", 0), NT_SRC_UNKNOWN);
}

static void test_capture_and_decode(void **state)
{
	(void)state;
	struct nt_source *s;
	struct nt_error err = {0, ""};
	struct nt_source_opts o = {.text = 1, .nano = 1};
	assert_int_equal(nt_source_open(&s, FLAGSHIP, &o, &err), NT_OK);
	assert_int_equal(nt_source_format(s), NT_SRC_PCAP);
	assert_int_equal(nt_source_dlt(s), NT_DLT_EN10MB);
	struct nt_src_rec r;
	uint64_t n = 0, last_off = 0;
	int64_t last_t = 0;
	static struct nt_pkt pkt, ref;
	struct nt_raw raw;
	while (nt_source_next(s, &r, &err) == 1) {
		n++;
		assert_int_equal(r.kind, NT_REC_FRAME);
		assert_int_equal(r.input, 0);
		assert_int_equal(r.number, n);
		assert_true(r.frame.offset > last_off); /* 24: after the file header */
		assert_true(r.t >= last_t);
		assert_int_equal(r.t, r.frame.sec * 1000000000LL + r.frame.frac);
		last_off = r.frame.offset;
		last_t = r.t;
		int rc = nt_decode_record(&r, &pkt, &raw);
		int rc2 = nt_decode_frame(r.frame.data, r.frame.caplen, r.frame.wirelen, r.frame.dlt, &ref);
		assert_int_equal(rc, rc2);
		assert_int_equal(pkt.frame, n);
		assert_int_equal(pkt.ts_sec, r.frame.sec);
		assert_int_equal(pkt.ts_nsec, r.frame.frac);
		assert_true(raw.data == r.frame.data);
		assert_null(raw.text);
		assert_int_equal(raw.caplen, r.frame.caplen);
		assert_int_equal(pkt.flow.sport, ref.flow.sport);
	}
	assert_int_equal(n, 6);
	const struct nt_source_info *in = nt_source_info(s);
	assert_string_equal(in->format, "pcap");
	assert_string_equal(in->path, FLAGSHIP);
	assert_int_equal(in->packets, 6);
	assert_false(in->damaged);
	assert_false(in->is_text);
	assert_int_equal(nt_source_next(s, &r, &err), 0);
	nt_source_close(s);

	/* microseconds: the decoder turns them into nanoseconds */
	o.nano = 0;
	assert_int_equal(nt_source_open(&s, FLAGSHIP, &o, &err), NT_OK);
	assert_int_equal(nt_source_next(s, &r, &err), 1);
	assert_int_equal(r.frame.frac, 192571);
	assert_int_equal(r.t, r.frame.sec * 1000000000LL + 192571000);
	nt_decode_record(&r, &pkt, &raw);
	assert_int_equal(pkt.ts_nsec, 192571000);
	nt_source_close(s);
}

static void test_text_log(void **state)
{
	(void)state;
	char path[64];
	tmpfile_with(path, "1721136272.192571 IP 10.0.0.1.53 > 10.0.0.2.40000: 1 NXDomain 0/1/0 (90)\n"
			   "this line is garbage\n"
			   "1721136273.000000 IP 10.0.0.2.40000 > 10.0.0.1.53: 2+ A? x.example. (27)\n");
	struct nt_source *s;
	struct nt_error err = {0, ""};
	struct nt_source_opts o = {.text = 1};
	assert_int_equal(nt_source_open(&s, path, &o, &err), NT_OK);
	assert_int_equal(nt_source_format(s), NT_SRC_TEXT);
	struct nt_src_rec r;
	static struct nt_pkt pkt;
	struct nt_raw raw;
	assert_int_equal(nt_source_next(s, &r, &err), 1);
	assert_int_equal(r.kind, NT_REC_TEXT);
	assert_int_equal(r.number, 1);
	assert_int_equal(r.pkt->dns.rcode, 3);
	assert_int_equal(r.tl->line_first, 1);
	assert_int_equal(r.t, 1721136272192571000LL);
	assert_int_equal(nt_decode_record(&r, &pkt, &raw), 0);
	assert_int_equal(pkt.dns.id, 1);
	assert_true(raw.text == r.tl->text);
	assert_int_equal(raw.text_len, r.tl->len);
	assert_int_equal(raw.line, 1);
	assert_null(raw.data);
	assert_int_equal(nt_source_next(s, &r, &err), 1);
	assert_int_equal(r.number, 2);
	assert_int_equal(r.tl->line_first, 3);
	assert_int_equal(nt_source_next(s, &r, &err), 0);
	const struct nt_source_info *in = nt_source_info(s);
	assert_string_equal(in->format, "tcpdump-text");
	assert_true(in->is_text);
	assert_int_equal(in->packets, 2);
	assert_int_equal(in->lines, 3);
	assert_int_equal(in->garbage, 1);
	assert_int_equal(in->n_garbage_list, 1);
	assert_int_equal(in->garbage_list[0].line, 2);
	assert_string_equal(in->garbage_list[0].text, "this line is garbage");
	assert_false(in->no_date); /* -tt: epoch */
	assert_int_equal(nt_source_set_filter(s, "udp", &err), NT_ENOTSUP);
	nt_source_close(s);

	/* captures only: the capture reader refuses it */
	o.text = 0;
	assert_int_equal(nt_source_open(&s, path, &o, &err), NT_EFORMAT);
	assert_non_null(strstr(err.msg, "not a pcap or pcapng file"));
	unlink(path);
}

static void test_refusals(void **state)
{
	(void)state;
	struct nt_source *s = (struct nt_source *)&s;
	struct nt_error err = {0, ""};
	struct nt_source_opts o = {.text = 1};
	assert_int_equal(nt_source_open(&s, "/nonexistent/x.pcap", &o, &err), NT_EIO);
	assert_null(s);
	assert_non_null(strstr(err.msg, "/nonexistent/x.pcap: cannot open"));
	char path[64];
	tmpfile_with(path, "Dear analyst,\nplease look at this.\n");
	assert_int_equal(nt_source_open(&s, path, &o, &err), NT_EFORMAT);
	assert_non_null(strstr(err.msg, "is neither a pcap/pcapng capture nor a tcpdump text log"));
	assert_non_null(strstr(err.msg, path));
	unlink(path);
	/* an empty file: refused, or an empty text log when asked */
	assert_int_equal(nt_source_open(&s, EMPTY, &o, &err), NT_EFORMAT);
	o.empty_text = 1;
	assert_int_equal(nt_source_open(&s, EMPTY, &o, &err), NT_OK);
	struct nt_src_rec r;
	assert_int_equal(nt_source_format(s), NT_SRC_TEXT);
	assert_int_equal(nt_source_next(s, &r, &err), 0);
	nt_source_close(s);
}

static void test_damage(void **state)
{
	(void)state;
	struct nt_source *s;
	struct nt_error err = {0, ""};
	assert_int_equal(nt_source_open(&s, DAMAGED, NULL, &err), NT_OK);
	struct nt_src_rec r;
	int rc, n = 0;
	while ((rc = nt_source_next(s, &r, &err)) == 1)
		n++;
	assert_int_equal(n, 3);
	assert_true(rc < 0);
	assert_non_null(strstr(err.msg, DAMAGED));
	assert_non_null(strstr(err.msg, "record 4"));
	assert_non_null(strstr(err.msg, "byte offset 522"));
	const struct nt_source_info *in = nt_source_info(s);
	assert_true(in->damaged);
	assert_string_equal(in->error, err.msg);
	assert_int_equal(in->packets, 3);
	assert_int_equal(nt_source_next(s, &r, &err), 0); /* ended */
	nt_source_close(s);
}

static void test_stream(void **state)
{
	(void)state;
	FILE *f = fopen(FLAGSHIP, "rb");
	assert_non_null(f);
	static uint8_t buf[1 << 16];
	size_t n = fread(buf, 1, sizeof(buf), f);
	fclose(f);
	f = fmemopen(buf, n, "rb");
	assert_non_null(f);
	struct nt_source *s;
	struct nt_error err = {0, ""};
	struct nt_source_opts o = {.text = 1};
	assert_int_equal(nt_source_open_stream(&s, f, "mem.pcap", &o, &err), NT_OK);
	struct nt_src_rec r;
	int k = 0;
	while (nt_source_next(s, &r, &err) == 1)
		k++;
	assert_int_equal(k, 6);
	assert_string_equal(nt_source_info(s)->path, "mem.pcap");
	assert_false(nt_source_file_nano(s));
	nt_source_close(s);
}

/* A -tt text log with one packet per time (seconds since the epoch). */
static void log_at(char path[64], const int *secs, int n)
{
	char text[1024] = "";
	size_t len = 0;
	for (int i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"%d.000000 IP 10.0.0.%d.53 > 10.0.0.9.4000: %d 0/0/0 (12)\n",
					secs[i], i + 1, secs[i]);
	tmpfile_with(path, text);
}

static void test_merge(void **state)
{
	(void)state;
	static const int a[] = {1, 3, 3}, b[] = {2, 3, 4};
	char pa[64], pb[64];
	log_at(pa, a, 3);
	log_at(pb, b, 3);
	struct nt_merge *m;
	struct nt_error err = {0, ""};
	struct nt_source_opts o = {.text = 1};
	assert_int_equal(nt_merge_new(&m, &err), NT_OK);
	struct nt_source *s;
	assert_int_equal(nt_source_open(&s, pa, &o, &err), NT_OK);
	assert_int_equal(nt_merge_add(m, s, &err), 0);
	assert_int_equal(nt_source_open(&s, pb, &o, &err), NT_OK);
	assert_int_equal(nt_merge_add(m, s, &err), 1);
	assert_int_equal(nt_source_open(&s, DAMAGED, &o, &err), NT_OK);
	assert_int_equal(nt_merge_add(m, s, &err), 2);
	assert_int_equal(nt_merge_count(m), 3);
	/* smallest time first, ties by input order; the damaged capture's
	 * three frames (2024) come last, then it ends, the others go on */
	static const int in_order[] = {0, 1, 0, 0, 1, 1, 2, 2, 2};
	static const uint64_t num[] = {1, 1, 2, 3, 2, 3, 1, 2, 3};
	int64_t last = INT64_MIN;
	for (int i = 0; i < 9; i++) {
		const struct nt_src_rec *r = nt_merge_next(m);
		assert_non_null(r);
		assert_int_equal(r->input, in_order[i]);
		assert_int_equal(r->number, num[i]);
		assert_true(r->t >= last);
		last = r->t;
	}
	assert_null(nt_merge_next(m));
	assert_null(nt_merge_next(m));
	assert_true(nt_source_info(nt_merge_source(m, 2))->damaged);
	assert_false(nt_source_info(nt_merge_source(m, 0))->damaged);
	assert_int_equal(nt_source_info(nt_merge_source(m, 1))->packets, 3);
	assert_null(nt_merge_source(m, 3));
	nt_merge_free(m);
	unlink(pa);
	unlink(pb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_capture_and_decode),
		cmocka_unit_test(test_text_log),
		cmocka_unit_test(test_refusals),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_stream),
		cmocka_unit_test(test_merge),
	};
	return cmocka_run_group_tests_name("source", tests, NULL, NULL);
}
