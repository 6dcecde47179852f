/* \summary: unit tests of the native pcap/pcapng reader: both byte
 * orders, micro/nano resolution, several interfaces with different link
 * types, damaged files (each error names record and offset), and gzip /
 * zstd-compressed files (same records; a cut anywhere is an error). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <zlib.h>
#include <zstd.h>

#include "core/time.h"
#include "input/pcapfile.h"

struct wbuf {
	uint8_t b[4096];
	size_t n;
	int be;
};

static void w8(struct wbuf *w, uint8_t v) { w->b[w->n++] = v; }
static void w16(struct wbuf *w, uint16_t v)
{
	if (w->be) { w8(w, (uint8_t)(v >> 8)); w8(w, (uint8_t)v); }
	else { w8(w, (uint8_t)v); w8(w, (uint8_t)(v >> 8)); }
}
static void w32(struct wbuf *w, uint32_t v)
{
	if (w->be) { w16(w, (uint16_t)(v >> 16)); w16(w, (uint16_t)v); }
	else { w16(w, (uint16_t)v); w16(w, (uint16_t)(v >> 16)); }
}
static void wbytes(struct wbuf *w, const void *p, size_t n) { memcpy(w->b + w->n, p, n); w->n += n; }

static void pcap_header(struct wbuf *w, uint32_t magic, uint32_t dlt)
{
	w32(w, magic); w16(w, 2); w16(w, 4); w32(w, 0); w32(w, 0); w32(w, 65535); w32(w, dlt);
}

static void pcap_record(struct wbuf *w, uint32_t sec, uint32_t frac, uint32_t n, uint32_t len)
{
	w32(w, sec); w32(w, frac); w32(w, n); w32(w, len);
	for (uint32_t i = 0; i < n; i++)
		w8(w, (uint8_t)i);
}

static int open_mem(struct wbuf *w, size_t n, struct nt_pcapfile **pf, struct nt_error *err)
{
	FILE *f = fmemopen(w->b, n, "rb");
	assert_non_null(f);
	return nt_pcapfile_open(pf, f, "mem.pcap", err);
}

static void test_pcap_both_orders_and_nano(void **state)
{
	(void)state;
	for (int be = 0; be < 2; be++) {
		for (int nano = 0; nano < 2; nano++) {
			struct wbuf w = {.n = 0, .be = be};
			pcap_header(&w, nano ? 0xa1b23c4d : 0xa1b2c3d4, 1);
			pcap_record(&w, 1700000000, nano ? 123456789 : 123456, 10, 60);
			pcap_record(&w, 1700000001, 5, 3, 3);
			struct nt_pcapfile *pf;
			struct nt_error err;
			assert_int_equal(open_mem(&w, w.n, &pf, &err), NT_OK);
			assert_int_equal(nt_pcapfile_dlt(pf), 1);
			struct nt_pcaprec r;
			assert_int_equal(nt_pcapfile_next(pf, &r, &err), 1);
			assert_int_equal(r.sec, 1700000000);
			assert_int_equal(r.frac, nano ? 123456789 : 123456);
			assert_int_equal(r.units, nano ? 1000000000 : 1000000);
			assert_int_equal(r.caplen, 10);
			assert_int_equal(r.wirelen, 60);
			assert_int_equal(r.data[9], 9);
			assert_int_equal(r.offset, 24);
			assert_int_equal(nt_pcapfile_next(pf, &r, &err), 1);
			assert_int_equal(r.index, 2);
			assert_int_equal(r.offset, 24 + 16 + 10);
			assert_int_equal(nt_pcapfile_next(pf, &r, &err), 0);
			nt_pcapfile_close(pf);
		}
	}
}

static void test_pcap_damage(void **state)
{
	(void)state;
	struct wbuf w = {.n = 0, .be = 0};
	pcap_header(&w, 0xa1b2c3d4, 1);
	pcap_record(&w, 1, 0, 20, 20);
	size_t second = w.n;
	pcap_record(&w, 2, 0, 20, 20);
	struct nt_pcapfile *pf;
	struct nt_error err;
	struct nt_pcaprec r;
	/* cut at every byte of the second record: first record good, then an error */
	for (size_t cut = second + 1; cut < w.n; cut++) {
		assert_int_equal(open_mem(&w, cut, &pf, &err), NT_OK);
		assert_int_equal(nt_pcapfile_next(pf, &r, &err), 1);
		assert_int_equal(nt_pcapfile_next(pf, &r, &err), NT_EFORMAT);
		assert_non_null(strstr(err.msg, "record 2"));
		assert_non_null(strstr(err.msg, "offset 60"));
		nt_pcapfile_close(pf);
	}
	/* cut exactly at the record boundary: a clean end */
	assert_int_equal(open_mem(&w, second, &pf, &err), NT_OK);
	assert_int_equal(nt_pcapfile_next(pf, &r, &err), 1);
	assert_int_equal(nt_pcapfile_next(pf, &r, &err), 0);
	nt_pcapfile_close(pf);
	/* absurd caplen */
	struct wbuf w2 = {.n = 0, .be = 0};
	pcap_header(&w2, 0xa1b2c3d4, 1);
	w32(&w2, 1); w32(&w2, 0); w32(&w2, 300000); w32(&w2, 300000);
	assert_int_equal(open_mem(&w2, w2.n, &pf, &err), NT_OK);
	assert_int_equal(nt_pcapfile_next(pf, &r, &err), NT_EFORMAT);
	assert_non_null(strstr(err.msg, "300000"));
	nt_pcapfile_close(pf);
	/* bad magic, short header */
	struct wbuf w3 = {.n = 0};
	wbytes(&w3, "GET / HTTP/1.1\r\n\r\n........", 26);
	assert_int_equal(open_mem(&w3, w3.n, &pf, &err), NT_EFORMAT);
	assert_non_null(strstr(err.msg, "magic"));
	assert_int_equal(open_mem(&w, 10, &pf, &err), NT_EFORMAT);
}

static void ng_block_start(struct wbuf *w, uint32_t type, uint32_t len)
{
	w32(w, type);
	w32(w, len);
}

static void ng_shb(struct wbuf *w)
{
	ng_block_start(w, 0x0a0d0d0a, 28);
	w32(w, 0x1a2b3c4d); w16(w, 1); w16(w, 0); w32(w, 0xffffffff); w32(w, 0xffffffff);
	w32(w, 28);
}

static void ng_idb(struct wbuf *w, uint16_t lt, int tsresol9)
{
	uint32_t len = 20 + (tsresol9 ? 12 : 0);
	ng_block_start(w, 1, len);
	w16(w, lt); w16(w, 0); w32(w, 0);
	if (tsresol9) {
		w16(w, 9); w16(w, 1); w8(w, 9); w8(w, 0); w8(w, 0); w8(w, 0);
		w16(w, 0); w16(w, 0);
	}
	w32(w, len);
}

static void ng_epb(struct wbuf *w, uint32_t ifid, uint64_t ts, uint32_t n)
{
	uint32_t pad = (4 - n % 4) % 4;
	uint32_t len = 32 + n + pad;
	ng_block_start(w, 6, len);
	w32(w, ifid); w32(w, (uint32_t)(ts >> 32)); w32(w, (uint32_t)ts); w32(w, n); w32(w, n);
	for (uint32_t i = 0; i < n + pad; i++)
		w8(w, 0x45);
	w32(w, len);
}

static void test_pcapng_multi_interface(void **state)
{
	(void)state;
	for (int be = 0; be < 2; be++) {
		struct wbuf w = {.n = 0, .be = be};
		ng_shb(&w);
		ng_idb(&w, 1, 0);    /* Ethernet, microseconds */
		ng_idb(&w, 101, 1);  /* LINKTYPE_RAW, nanoseconds */
		ng_epb(&w, 0, 1700000000ull * 1000000 + 250000, 14);
		ng_epb(&w, 1, 1700000001ull * 1000000000 + 5, 21);
		struct nt_pcapfile *pf;
		struct nt_error err;
		struct nt_pcaprec r;
		assert_int_equal(open_mem(&w, w.n, &pf, &err), NT_OK);
		assert_int_equal(nt_pcapfile_format(pf), NT_CAPFMT_PCAPNG);
		assert_int_equal(nt_pcapfile_next(pf, &r, &err), 1);
		assert_int_equal(r.dlt, 1);
		assert_int_equal(r.sec, 1700000000);
		assert_int_equal(r.frac, 250000);
		assert_int_equal(r.units, 1000000);
		assert_int_equal(r.caplen, 14);
		assert_int_equal(nt_pcapfile_next(pf, &r, &err), 1);
		assert_int_equal(r.dlt, 12); /* DLT_RAW */
		assert_int_equal(r.iface, 1);
		assert_int_equal(r.sec, 1700000001);
		assert_int_equal(r.frac, 5);
		assert_int_equal(r.units, 1000000000);
		assert_int_equal(r.index, 2);
		assert_int_equal(nt_pcapfile_next(pf, &r, &err), 0);
		nt_pcapfile_close(pf);
		/* every cut: never a crash; good packets first, then an error or a clean end */
		for (size_t cut = 4; cut < w.n; cut++) {
			int rc = open_mem(&w, cut, &pf, &err);
			if (rc != NT_OK)
				continue;
			int n = 0;
			while ((rc = nt_pcapfile_next(pf, &r, &err)) == 1)
				n++;
			assert_true(n <= 2);
			assert_true(rc == 0 || strstr(err.msg, "offset") != NULL);
			nt_pcapfile_close(pf);
		}
	}
}

/* fuzz/regress/pcapng/tsoffset-overflow-1 (fuzz/regress/mkpcapng.py):
 * if_tsoffset added to seconds up to 2^64 - 1 is clamped to
 * +-NT_TIME_SEC_LIM (core/time.h) instead of overflowing int64; sums in
 * range are kept exactly. */
static void test_pcapng_tsoffset_extremes(void **state)
{
	(void)state;
	static const struct {
		uint32_t iface;
		int64_t sec;
		uint32_t frac, units;
	} want[] = {
		{0, NT_TIME_SEC_LIM, 0, 1000000000},   /* 1 + INT64_MAX */
		{1, NT_TIME_SEC_LIM, 0, 1000000000},   /* 2^64 - 1 + INT64_MIN = INT64_MAX */
		{2, NT_TIME_SEC_LIM, 551615, 1000000}, /* 18446744073709 + INT64_MAX */
		{3, -NT_TIME_SEC_LIM, 0, 1000000000},  /* 0 + INT64_MIN */
		{4, -2, 0, 1000000000},             /* 3 - 5 */
		{4, 2, 0, 1000000000},              /* 7 - 5 */
	};
	FILE *f = fopen("fuzz/regress/pcapng/tsoffset-overflow-1", "rb");
	if (f == NULL)
		fail_msg("fuzz/regress/pcapng/tsoffset-overflow-1 not found (run from the top of the tree)");
	struct nt_pcapfile *pf;
	struct nt_error err;
	struct nt_pcaprec r;
	assert_int_equal(nt_pcapfile_open(&pf, f, "tsoffset-overflow-1", &err), NT_OK);
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		assert_int_equal(nt_pcapfile_next(pf, &r, &err), 1);
		assert_int_equal(r.iface, want[i].iface);
		if (r.sec != want[i].sec)
			fail_msg("record %zu: sec %lld, want %lld", i + 1, (long long)r.sec, (long long)want[i].sec);
		assert_int_equal(r.frac, want[i].frac);
		assert_int_equal(r.units, want[i].units);
	}
	assert_int_equal(nt_pcapfile_next(pf, &r, &err), 0);
	nt_pcapfile_close(pf);
	assert_true(NT_TIME_SEC_LIM == 4611686017LL);
	/* the saturating sum under the clamp */
	assert_true(nt_add_sat(INT64_MAX, 1) == INT64_MAX);
	assert_true(nt_add_sat(INT64_MIN, UINT64_MAX) == INT64_MAX);
	assert_true(nt_add_sat(INT64_MIN, 0) == INT64_MIN);
	assert_true(nt_add_sat(INT64_MIN, 1) == INT64_MIN + 1);
	assert_true(nt_add_sat(-5, 3) == -2);
	assert_true(nt_add_sat(-5, 7) == 2);
	assert_true(nt_add_sat(0, (uint64_t)INT64_MAX + 1) == INT64_MAX);
	assert_true(nt_add_sat(-1, (uint64_t)INT64_MAX + 1) == INT64_MAX);
}

static void test_pcapng_bad_block_length(void **state)
{
	(void)state;
	struct wbuf w = {.n = 0, .be = 0};
	ng_shb(&w);
	ng_idb(&w, 1, 0);
	size_t at = w.n;
	ng_block_start(&w, 6, 13); /* not a multiple of 4 */
	w32(&w, 0);
	struct nt_pcapfile *pf;
	struct nt_error err;
	struct nt_pcaprec r;
	assert_int_equal(open_mem(&w, w.n, &pf, &err), NT_OK);
	assert_int_equal(nt_pcapfile_next(pf, &r, &err), NT_EFORMAT);
	char want[32];
	snprintf(want, sizeof(want), "offset %zu", at);
	assert_non_null(strstr(err.msg, want));
	assert_non_null(strstr(err.msg, "block length 13"));
	nt_pcapfile_close(pf);
}

/* gzip (RFC 1952) of src, into dst; returns its length. */
static size_t gzip_mem(const uint8_t *src, size_t n, uint8_t *dst, size_t cap)
{
	z_stream z;
	memset(&z, 0, sizeof(z));
	assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	z.next_in = (Bytef *)(uintptr_t)src;
	z.avail_in = (uInt)n;
	z.next_out = dst;
	z.avail_out = (uInt)cap;
	assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
	size_t out = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* Reads every record of b[0, n); returns the count, *rc the last answer. */
static int read_all(uint8_t *b, size_t n, int *rc, struct nt_error *err, uint32_t *sum)
{
	FILE *f = fmemopen(b, n, "rb");
	assert_non_null(f);
	struct nt_pcapfile *pf;
	*rc = nt_pcapfile_open(&pf, f, "mem.pcapng", err);
	if (*rc != NT_OK)
		return -1;
	struct nt_pcaprec r;
	int k = 0;
	*sum = 0;
	while ((*rc = nt_pcapfile_next(pf, &r, err)) == 1) {
		k++;
		*sum = *sum * 31 + r.caplen + (uint32_t)r.sec + r.frac + r.iface + r.data[0];
	}
	nt_pcapfile_close(pf);
	return k;
}

static void test_compressed(void **state)
{
	(void)state;
	struct wbuf w = {.n = 0, .be = 0};
	ng_shb(&w);
	ng_idb(&w, 1, 0);
	ng_idb(&w, 101, 1);
	for (uint32_t i = 0; i < 40; i++)
		ng_epb(&w, i & 1, 1700000000ull * 1000000 + i * 1000, 10 + i);
	int rc;
	struct nt_error err;
	uint32_t want, got;
	int n = read_all(w.b, w.n, &rc, &err, &want);
	assert_int_equal(n, 40);
	assert_int_equal(rc, 0);
	assert_int_equal(nt_pcapfile_sniff_compressed(w.b, w.n), NT_COMP_NONE);

	static uint8_t gz[8192], zs[8192];
	size_t ngz = gzip_mem(w.b, w.n, gz, sizeof(gz));
	size_t nzs = ZSTD_compress(zs, sizeof(zs), w.b, w.n, 3);
	assert_false(ZSTD_isError(nzs));
	assert_int_equal(nt_pcapfile_sniff_compressed(gz, ngz), NT_COMP_GZIP);
	assert_int_equal(nt_pcapfile_sniff_compressed(zs, nzs), NT_COMP_ZSTD);
	struct {
		uint8_t *b;
		size_t n;
		const char *what;
	} c[2] = {{gz, ngz, "gzip"}, {zs, nzs, "zstd"}};
	for (int k = 0; k < 2; k++) {
		/* the same records as the plain file */
		assert_int_equal(read_all(c[k].b, c[k].n, &rc, &err, &got), 40);
		assert_int_equal(rc, 0);
		assert_int_equal(got, want);
		/* cut anywhere: never a clean end, never a crash; an error that
		 * names the offset and the compression once the header was read */
		for (size_t cut = 1; cut < c[k].n; cut++) {
			n = read_all(c[k].b, cut, &rc, &err, &got);
			assert_true(rc < 0);
			assert_true(n <= 40);
			if (n >= 0) {
				assert_non_null(strstr(err.msg, "offset"));
				assert_non_null(strstr(err.msg, c[k].what));
				assert_non_null(strstr(err.msg, "truncated"));
			}
		}
	}
	/* two gzip members back to back read as one capture */
	static uint8_t two[16384];
	size_t half = w.n / 2;
	size_t n1 = gzip_mem(w.b, half, two, sizeof(two));
	size_t n2 = gzip_mem(w.b + half, w.n - half, two + n1, sizeof(two) - n1);
	assert_int_equal(read_all(two, n1 + n2, &rc, &err, &got), 40);
	assert_int_equal(rc, 0);
	assert_int_equal(got, want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pcap_both_orders_and_nano),
		cmocka_unit_test(test_pcap_damage),
		cmocka_unit_test(test_pcapng_multi_interface),
		cmocka_unit_test(test_pcapng_bad_block_length),
		cmocka_unit_test(test_pcapng_tsoffset_extremes),
		cmocka_unit_test(test_compressed),
	};
	return cmocka_run_group_tests_name("pcapfile", tests, NULL, NULL);
}
