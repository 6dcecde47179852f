/* \summary: the detectors' building blocks and their table: Shannon
 * entropy and consonant runs, registered-domain extraction with the Public
 * Suffix List rules (normal, wildcard, exception, the default rule, the
 * built-in fallback list), distinct counting, the per-second rate baseline
 * and its bounded curve, eviction counting of the bounded keyed tables,
 * the findings-table operations detectors use to merge findings (absorb,
 * remove, find), and the descriptors of every detector (each kind has a
 * title, each table a capacity parameter and room in the state). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "core/ktab.h"
#include "detectors/detector.h"
#include "detectors/names.h"
#include "detectors/rates.h"
#include "detectors/runner.h"

static void test_entropy(void **state)
{
	(void)state;
	assert_true(nt_entropy("", 0) == 0);
	assert_true(nt_entropy("aaaa", 4) == 0);
	assert_true(nt_entropy("aabb", 4) > 0.999 && nt_entropy("aabb", 4) < 1.001);
	assert_true(nt_entropy("abcd", 4) > 1.999 && nt_entropy("abcd", 4) < 2.001);
	/* case-insensitive */
	assert_true(nt_entropy("AbAb", 4) > 0.999 && nt_entropy("AbAb", 4) < 1.001);
	/* 16 distinct symbols: 4 bits */
	assert_true(nt_entropy("0123456789abcdef", 16) > 3.999);
	/* a base32 tunnel label scores above the 3.5 default, a word below */
	const char *enc = "mfrggzdfmztwq2lknnwg23tpobyxe43uov3ho6dzpi";
	assert_true(nt_entropy(enc, strlen(enc)) > 3.5);
	assert_true(nt_entropy("mailserver", 10) < 3.5);
}

static void test_consonant_run(void **state)
{
	(void)state;
	assert_int_equal(nt_consonant_run("example", 7), 3);
	assert_int_equal(nt_consonant_run("banana", 6), 1);
	assert_int_equal(nt_consonant_run("strengths", 9), 5);
	assert_int_equal(nt_consonant_run("xkcdqwrt", 8), 8);
	assert_int_equal(nt_consonant_run("a1b2c3", 6), 1);
	assert_int_equal(nt_consonant_run("", 0), 0);
}

static char psl_path[64];

static int psl_setup(void **state)
{
	(void)state;
	snprintf(psl_path, sizeof(psl_path), "/tmp/nt-psl-%d.dat", (int)getpid());
	FILE *f = fopen(psl_path, "w");
	if (f == NULL)
		return -1;
	fputs("// test list\n"
	      "com\nuk\nco.uk\njp\n"
	      "// wildcard with an exception (as the real list has for .ck and kawasaki.jp)\n"
	      "*.ck\n!www.ck\n"
	      "*.kawasaki.jp\n!city.kawasaki.jp\n"
	      "\n"
	      "// private section\n"
	      "cloudfront.net\n", f);
	fclose(f);
	return 0;
}

static int psl_teardown(void **state)
{
	(void)state;
	unlink(psl_path);
	return 0;
}

static void test_base_domain_rules(void **state)
{
	(void)state;
	assert_int_equal(nt_psl_load(psl_path), 0);
	assert_true(nt_psl_is_full());
	assert_int_equal(nt_psl_rules(), 9);
	assert_string_equal(nt_base_domain("www.example.com"), "example.com");
	assert_string_equal(nt_base_domain("a.b.example.co.uk"), "example.co.uk");
	assert_string_equal(nt_base_domain("example.co.uk"), "example.co.uk");
	/* a public suffix alone is its own base */
	assert_string_equal(nt_base_domain("co.uk"), "co.uk");
	assert_string_equal(nt_base_domain("com"), "com");
	/* wildcard: every label under ck is a suffix ... */
	assert_string_equal(nt_base_domain("a.shop.foo.ck"), "shop.foo.ck");
	/* ... except www.ck, which is registrable */
	assert_string_equal(nt_base_domain("x.www.ck"), "www.ck");
	assert_string_equal(nt_base_domain("www.ck"), "www.ck");
	assert_string_equal(nt_base_domain("a.b.kawasaki.jp"), "a.b.kawasaki.jp");
	assert_string_equal(nt_base_domain("x.city.kawasaki.jp"), "city.kawasaki.jp");
	/* the default rule "*": an unlisted TLD is a suffix */
	assert_string_equal(nt_base_domain("host.corp.example"), "corp.example");
	/* case-insensitive, trailing dot, private rules */
	assert_string_equal(nt_base_domain("WWW.Example.COM"), "Example.COM");
	assert_string_equal(nt_base_domain("d1a2b3.cloudfront.net"), "d1a2b3.cloudfront.net");
	assert_string_equal(nt_base_domain("tunnel.example.com."), "example.com.");
	assert_string_equal(nt_base_domain("localhost"), "localhost");
	/* long names: only the last labels matter */
	assert_string_equal(nt_base_domain("a.b.c.d.e.f.g.h.i.j.k.l.example.co.uk"),
			    "example.co.uk");
}

/* Names in presentation form: "\." is a dot inside a label, "\\" a
 * backslash, \DDD a byte; only an unescaped '.' separates labels
 * (issue 17: "x.victim.example\.google.com" was blamed on google.com). */
static void test_base_domain_escapes(void **state)
{
	(void)state;
	assert_int_equal(nt_psl_load(psl_path), 0);
	/* the label "example.google" under com */
	assert_string_equal(nt_base_domain("x7f3q.victim.example\\.google.com"),
			    "example\\.google.com");
	assert_string_equal(nt_base_domain("x7f3q.victim\\.google.com"), "victim\\.google.com");
	/* dots inside the random label: still under victim.example */
	assert_string_equal(nt_base_domain("x7f3q\\.google.victim.example"), "victim.example");
	assert_string_equal(nt_base_domain("x7f3q\\.google\\.com.victim.example"), "victim.example");
	/* one label holding dots is its own base */
	assert_string_equal(nt_base_domain("q\\.google\\.com"), "q\\.google\\.com");
	/* an escaped backslash before a separator; an escaped dot after one */
	assert_string_equal(nt_base_domain("a\\\\.b.example.com"), "example.com");
	assert_string_equal(nt_base_domain("a.b\\\\\\.example.com"), "b\\\\\\.example.com");
	/* \DDD (046 is '.') is no separator */
	assert_string_equal(nt_base_domain("a.b\\046example.com"), "b\\046example.com");
	assert_string_equal(nt_base_domain("a.example.co\\.uk"), "example.co\\.uk");
	/* an escaped dot at the end is not the root's */
	assert_string_equal(nt_base_domain("www.example.com\\."), "example.com\\.");
	assert_string_equal(nt_base_domain("www.example.com."), "example.com.");
	/* the label helpers */
	assert_true(nt_name_sep("a.b", 1));
	assert_false(nt_name_sep("a\\.b", 2));
	assert_true(nt_name_sep("a\\\\.b", 3));
	assert_false(nt_name_sep("a\\\\\\.b", 4));
	assert_false(nt_name_sep("ab", 1));
	assert_int_equal(nt_label_len("abc\\.google.com"), 11);
	assert_int_equal(nt_label_len("abc"), 3);
	assert_int_equal(nt_label_len(".abc"), 0);
	assert_int_equal(nt_label_len("a\\\\.b"), 3);
}

static void test_base_domain_fallback(void **state)
{
	(void)state;
	assert_int_equal(nt_psl_load("/nonexistent/psl.dat"), -1);
	assert_false(nt_psl_is_full());
	assert_non_null(strstr(nt_psl_source(), "built-in"));
	assert_string_equal(nt_base_domain("a.b.example.co.uk"), "example.co.uk");
	assert_string_equal(nt_base_domain("x.tunnel.example.net"), "example.net");
	/* the full list, when the publicsuffix package is installed */
	const char *sys = "/usr/share/publicsuffix/public_suffix_list.dat";
	if (access(sys, R_OK) == 0) {
		assert_int_equal(nt_psl_load(sys), 0);
		assert_true(nt_psl_rules() > 5000);
		assert_string_equal(nt_base_domain("www.bbc.co.uk"), "bbc.co.uk");
		assert_string_equal(nt_base_domain("foo.bar.s3.amazonaws.com"),
				    "bar.s3.amazonaws.com");
	}
}

static void test_distinct(void **state)
{
	(void)state;
	uint64_t bits[1024 / 64];
	memset(bits, 0, sizeof(bits));
	assert_true(nt_distinct_est(bits, 1024) == 0);
	for (uint32_t i = 0; i < 300; i++) {
		nt_distinct_add(bits, 1024, i * 2654435761u);
		nt_distinct_add(bits, 1024, i * 2654435761u); /* duplicates do not count */
	}
	double e = nt_distinct_est(bits, 1024);
	assert_true(e > 270 && e < 330);
}

static const struct nt_rate_cfg CFG = {500, 10, 1.0 / 60};

static void test_rate_baseline_flood(void **state)
{
	(void)state;
	struct nt_rate r;
	memset(&r, 0, sizeof(r));
	int64_t t = 1700000000;
	for (int s = 0; s < 120; s++)
		nt_rate_add(&r, &CFG, t + s, 10); /* 10/s for two minutes */
	for (int s = 120; s < 124; s++)
		nt_rate_add(&r, &CFG, t + s, 800); /* a flood */
	nt_rate_add(&r, &CFG, t + 124, 10);
	nt_rate_close(&r, &CFG);
	assert_int_equal(r.flood_secs, 4);
	assert_int_equal(r.flood_events, 3200);
	assert_int_equal(r.flood_first, t + 120);
	assert_int_equal(r.flood_last, t + 123);
	assert_int_equal(r.peak, 800);
	/* the baseline learned the ordinary seconds, not the flood */
	assert_true(r.base_at_peak > 8 && r.base_at_peak < 10.5);
	assert_int_equal(r.total, 120 * 10 + 3200 + 10);
}

static void test_rate_baseline_relative(void **state)
{
	(void)state;
	struct nt_rate r;
	memset(&r, 0, sizeof(r));
	int64_t t = 1700000000;
	/* a busy target at 400/s: 600/s is above the floor but not 10x */
	for (int s = 0; s < 300; s++)
		nt_rate_add(&r, &CFG, t + s, 400);
	for (int s = 300; s < 305; s++)
		nt_rate_add(&r, &CFG, t + s, 600);
	nt_rate_close(&r, &CFG);
	assert_int_equal(r.flood_secs, 0);
	/* a quiet target: the floor decides, gaps decay the baseline */
	memset(&r, 0, sizeof(r));
	nt_rate_add(&r, &CFG, t, 100);
	nt_rate_add(&r, &CFG, t + 1000, 499);
	nt_rate_add(&r, &CFG, t + 1001, 500);
	nt_rate_close(&r, &CFG);
	assert_int_equal(r.flood_secs, 1);
	/* after 999 quiet seconds the first one (100/s) is forgotten */
	assert_true(r.base_at_peak > 8 && r.base_at_peak < 8.5);
}

static void test_rate_series_bounded(void **state)
{
	(void)state;
	struct nt_rate r;
	memset(&r, 0, sizeof(r));
	int64_t t = 1700000000;
	uint64_t sum = 0;
	for (int s = 0; s < 1000; s += 3) {
		nt_rate_add(&r, &CFG, t + s, (uint32_t)(s % 7 + 1));
		sum += (uint64_t)(s % 7 + 1);
	}
	nt_rate_close(&r, &CFG);
	assert_true(r.n <= NT_RATE_SERIES);
	assert_int_equal(r.step, 32); /* 1000 s in at most 60 buckets */
	uint64_t got = 0;
	for (uint32_t i = 0; i < r.n; i++)
		got += r.counts[i];
	assert_int_equal(got, sum);
}

struct ent {
	struct nt_ktab_hdr h;
	uint32_t v;
};

static void test_table_eviction(void **state)
{
	(void)state;
	struct nt_ktab t;
	assert_int_equal(nt_ktab_init(&t, sizeof(struct ent), 64), 0);
	assert_int_equal(t.nslot, 64);
	assert_int_equal(t.st.cap, 64);
	for (uint32_t i = 0; i < 1000; i++) {
		struct ent *e = nt_ktab_get(&t, &i, sizeof(i), (int64_t)i);
		assert_non_null(e);
		e->v = i;
	}
	assert_true(t.st.used <= t.nslot);
	assert_int_equal(t.st.inserted, 1000);
	assert_int_equal(t.st.evicted, 1000 - t.st.used);
	/* the most recent key is still there, with its value */
	uint32_t k = 999;
	struct ent *e = nt_ktab_find(&t, &k, sizeof(k));
	assert_non_null(e);
	assert_int_equal(e->v, 999);
	nt_ktab_free(&t);
	/* a new table starts empty */
	assert_int_equal(nt_ktab_init(&t, sizeof(struct ent), 20), 0);
	assert_int_equal(t.nslot, 32);
	assert_int_equal(t.st.evicted, 0);
	assert_null(nt_ktab_find(&t, &k, sizeof(k)));
	nt_ktab_free(&t);
}

/* Every detector's descriptor: a name, kinds with titles (no kind raised
 * by two families), thresholds with doc and source, tables whose capacity
 * is one of its own "cap." parameters and whose struct nt_ktab lies inside
 * the state; and a run of all of them allocates each table at that
 * capacity. */
static void test_descriptors(void **state)
{
	(void)state;
	assert_true(nt_n_detectors >= 11);
	for (size_t i = 0; i < nt_n_detectors; i++) {
		const struct nt_detector *d = nt_detectors[i];
		assert_non_null(d->name);
		assert_ptr_equal(nt_detector_find(d->name), d);
		assert_true(d->n_kinds >= 1);
		assert_non_null(d->finish);
		for (size_t k = 0; k < d->n_kinds; k++) {
			const struct nt_detector *owner = NULL;
			assert_non_null(d->kinds[k].title);
			assert_non_null(nt_kind_find(d->kinds[k].name, &owner));
			assert_ptr_equal(owner, d); /* the first family to declare it is d */
		}
		for (size_t k = 0; k < d->n_params; k++) {
			assert_non_null(d->params[k].doc);
			assert_non_null(d->params[k].source);
			assert_true(d->params[k].doc[0] && d->params[k].source[0]);
		}
		for (size_t k = 0; k < d->n_tables; k++) {
			const struct nt_table_desc *t = &d->tables[k];
			const struct nt_param_group g = {d->name, d->params, d->n_params};
			const struct nt_param *cap = nt_param_lookup(&g, 1, t->cap_param);
			assert_non_null(cap);
			assert_true(nt_param_is_cap(cap));
			assert_true(t->entry_size >= sizeof(struct nt_ktab_hdr));
			assert_true(t->offset + sizeof(struct nt_ktab) <= d->state_size);
			assert_int_equal(t->layout, NT_LAYOUT_SLOTS);
		}
	}
	struct nt_findings *fs = calloc(1, sizeof(*fs));
	assert_non_null(fs);
	struct nt_error err = {0, ""};
	struct nt_detectors *run = nt_detectors_new(fs, &err);
	assert_non_null(run);
	size_t n = 0;
	for (size_t i = 0; i < nt_n_detectors; i++)
		for (size_t k = 0; k < nt_detectors[i]->n_tables; k++, n++) {
			const struct nt_detector *d = nt_detectors[i];
			const struct nt_param_group g = {d->name, d->params, d->n_params};
			uint32_t want = 16;
			while (want < nt_param_lookup(&g, 1, d->tables[k].cap_param)->value)
				want <<= 1;
			struct nt_det_table_info ti = nt_detectors_table(run, n);
			assert_string_equal(ti.name, d->tables[k].name);
			assert_int_equal(ti.st.cap, want);
		}
	assert_int_equal(nt_detectors_n_tables(run), n);
	nt_detectors_free(run);
	free(fs);
}

/* A title for every kind, from the finding's own fields. */
static void test_titles(void **state)
{
	(void)state;
	struct nt_finding *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	char t[200];
	snprintf(f->kind, sizeof(f->kind), "icmp.port_unreachable");
	snprintf(f->server, sizeof(f->server), "192.0.2.1");
	assert_string_equal(nt_finding_title(f, t, sizeof(t)), "ICMP port unreachable for 192.0.2.1");
	snprintf(f->kind, sizeof(f->kind), "tcp.connection_refused");
	f->port = -1;
	assert_string_equal(nt_finding_title(f, t, sizeof(t)),
			    "TCP connections to many ports of 192.0.2.1 refused");
	/* a name keeps its underscores */
	snprintf(f->kind, sizeof(f->kind), "dns.tunneling");
	snprintf(f->names[0], sizeof(f->names[0]), "_srv.example");
	f->n_names = 1;
	assert_string_equal(nt_finding_title(f, t, sizeof(t)),
			    "DNS tunnelling through 192.0.2.1 (_srv.example)");
	/* a kind no detector raises is still named */
	snprintf(f->kind, sizeof(f->kind), "x.unknown");
	assert_string_equal(nt_finding_title(f, t, sizeof(t)), "x.unknown for 192.0.2.1");
	free(f);
}

/* A finding with n evidence lines at times t0, t0+1, ... (frames f0, ...). */
static void fill_evidence(struct nt_finding *f, uint32_t n, int64_t t0, uint64_t f0)
{
	for (uint32_t i = 0; i < n; i++) {
		struct nt_evidence *e = &f->evidence[f->n_evidence++];
		memset(e, 0, sizeof(*e));
		e->snap.t = t0 + i;
		e->snap.frame = f0 + i;
		e->snap.is_text = 1;
		e->snap.len = (uint16_t)snprintf((char *)e->snap.data, sizeof(e->snap.data), "line %llu",
						 (unsigned long long)(f0 + i));
	}
}

static void test_merge_findings(void **state)
{
	(void)state;
	struct nt_findings *r = calloc(1, sizeof(*r));
	assert_non_null(r);
	struct nt_finding *a = nt_findings_get(r, "tcp.connection_refused", "10.0.0.1", 21, "tcp");
	struct nt_finding *b = nt_findings_get(r, "tcp.connection_refused", "10.0.0.1", 22, "tcp");
	struct nt_finding *c = nt_findings_get(r, "tcp.connection_refused", "10.0.0.1", -1, "tcp");
	assert_int_equal(r->n_findings, 3);
	/* a: 2 events from one client at t 100..200; b: 3 from another, earlier */
	a->count = 2, a->first_seen = 100, a->last_seen = 200;
	nt_finding_add_client(a, "10.9.9.1");
	fill_evidence(a, 4, 100, 1);
	b->count = 3, b->first_seen = 50, b->last_seen = 150;
	nt_finding_add_client(b, "10.9.9.2");
	nt_finding_add_client(b, "10.9.9.1");
	fill_evidence(b, 9, 10, 101);   /* earlier than a's lines */
	nt_finding_absorb(c, a);
	nt_finding_absorb(c, b);
	assert_int_equal(c->count, 5);
	assert_int_equal(c->first_seen, 50);
	assert_int_equal(c->last_seen, 200);
	assert_int_equal(c->n_clients, 2);          /* 10.9.9.1 once */
	assert_int_equal(c->n_evidence, NT_MAX_EVIDENCE);
	assert_int_equal(c->evidence_dropped, 3);   /* 13 lines, 10 kept */
	/* full: the earliest lines are kept (b's nine at t 10..18, then a's first) */
	int64_t latest = 0;
	for (uint32_t i = 0; i < c->n_evidence; i++)
		if (c->evidence[i].snap.t > latest)
			latest = c->evidence[i].snap.t;
	assert_int_equal(latest, 100);
	/* removing a and b: c moves to the front and is still found by key */
	nt_findings_remove(r, b);
	nt_findings_remove(r, a);
	assert_int_equal(r->n_findings, 1);
	assert_ptr_equal(nt_findings_find(r, "tcp.connection_refused", "10.0.0.1", -1, "tcp"),
			 &r->findings[0]);
	assert_int_equal(r->findings[0].count, 5);
	assert_null(nt_findings_find(r, "tcp.connection_refused", "10.0.0.1", 21, "tcp"));
	assert_int_equal(r->n_findings, 1);          /* find creates nothing */
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entropy),
		cmocka_unit_test(test_consonant_run),
		cmocka_unit_test_setup_teardown(test_base_domain_rules, psl_setup, psl_teardown),
		cmocka_unit_test_setup_teardown(test_base_domain_escapes, psl_setup, psl_teardown),
		cmocka_unit_test(test_base_domain_fallback),
		cmocka_unit_test(test_distinct),
		cmocka_unit_test(test_rate_baseline_flood),
		cmocka_unit_test(test_rate_baseline_relative),
		cmocka_unit_test(test_rate_series_bounded),
		cmocka_unit_test(test_table_eviction),
		cmocka_unit_test(test_merge_findings),
		cmocka_unit_test(test_descriptors),
		cmocka_unit_test(test_titles),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
