/* \summary: the bounded chart series of the HTML report: time buckets
 * coarsen by merging pairs and keep every count, the server histograms
 * and the talker table stay within their caps and count what they drop,
 * and the space-saving top-N keeps a heavy hitter among many light ones. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "report/series.h"

#define NS 1000000000LL

static void pkt_at(struct nt_pkt *p, int64_t sec, uint32_t src, int dns_query)
{
	memset(p, 0, sizeof(*p));
	p->ts_sec = sec;
	p->ts_nsec = 250000000u;
	p->l3 = 4;
	p->flow.proto = 17;
	p->flow.src.family = 4;
	memcpy(p->flow.src.a, &src, 4);
	p->flow.dst.family = 4;
	p->flow.dst.a[0] = 10;
	p->dns.present = 1;
	p->dns.qr = dns_query ? 0 : 1;
}

static void test_coarsen_keeps_counts(void **state)
{
	(void)state;
	struct nt_series *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	struct nt_pkt p;
	const int64_t t0 = 1700000000;
	uint64_t sent = 0;
	/* 3 hours, one query every 7 s: far more seconds than buckets */
	for (int64_t t = 0; t < 3 * 3600; t += 7) {
		pkt_at(&p, t0 + t, 0x0100000a, 1);
		nt_series_packet(s, &p);
		sent++;
	}
	assert_true(s->n <= NT_SERIES_BUCKETS);
	assert_true(s->merges > 0);
	assert_int_equal(s->width, NS << s->merges);
	assert_int_equal(s->t0, t0 * NS);
	uint64_t sum = 0, pk = 0;
	for (uint32_t i = 0; i < NT_SERIES_BUCKETS; i++) {
		sum += s->v[i][NT_SC_DNS_Q];
		pk += s->v[i][NT_SC_PKTS];
	}
	assert_int_equal(sum, sent);
	assert_int_equal(pk, sent);
	/* the last packet lands in the last bucket in use */
	assert_int_equal(nt_series_bucket(s, (t0 + 3 * 3600 - 7) * NS), s->n - 1);
	/* out of order: counted in bucket 0 and flagged */
	pkt_at(&p, t0 - 100, 0x0100000a, 1);
	nt_series_packet(s, &p);
	assert_int_equal(s->early, 1);
	free(s);
}

static void test_talkers_space_saving(void **state)
{
	(void)state;
	struct nt_series *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	struct nt_pkt p;
	for (uint32_t i = 0; i < 5000; i++) {
		/* one heavy talker among 1000 light ones */
		uint32_t src = i % 2 ? 0x0200000a : 0x0a000000u + (i % 1000) * 0x100;
		pkt_at(&p, 1700000000 + i / 100, src, 1);
		nt_series_packet(s, &p);
	}
	assert_int_equal(s->n_top, NT_SERIES_TOP);
	assert_true(s->top_replaced > 0);
	nt_series_sort_top(s);
	uint32_t heavy = 0x0200000a;
	assert_memory_equal(s->top[0].addr.a, &heavy, 4);
	assert_true(s->top[0].pkts >= 2500);
	assert_true(s->top[0].pkts - s->top[0].err <= 2500);
	free(s);
}

static void test_server_cap(void **state)
{
	(void)state;
	struct nt_series *s = calloc(1, sizeof(*s));
	assert_non_null(s);
	struct nt_dns_txn t;
	memset(&t, 0, sizeof(t));
	struct nt_event ev = {.type = NT_EV_DNS_TXN, .txn = &t};
	for (uint32_t i = 0; i < NT_SERIES_SERVERS + 5; i++) {
		t.server.family = 4;
		t.server.a[0] = 10;
		t.server.a[3] = (uint8_t)(i + 1);
		t.state = NT_TXN_ANSWERED;
		t.t_query = 1700000000 * NS;
		t.t_end = t.t_query + (int64_t)(i + 1) * 3000000; /* 3, 6, ... ms */
		nt_series_event(s, &ev);
	}
	t.state = NT_TXN_ICMP;
	t.server.a[3] = 1;
	nt_series_event(s, &ev);
	assert_int_equal(s->n_srv, NT_SERIES_SERVERS);
	assert_int_equal(s->srv_dropped, 5);
	assert_int_equal(s->srv[0].answered, 1);
	assert_int_equal(s->srv[0].icmp, 1);
	assert_int_equal(s->srv[0].bins[2], 1); /* 3 ms: the 2-5 ms bin */
	free(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_coarsen_keeps_counts),
		cmocka_unit_test(test_talkers_space_saving),
		cmocka_unit_test(test_server_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
