/* \summary: unit tests of the live view of `watch` (report/live.c): the
 * per-resolver RTT median over a bounded window, the bounded resolver set,
 * the one-line notice of each new finding, and the status line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "cli/live.h"

static void txn_event(struct nt_live *lv, uint8_t last_octet, int state, int64_t rtt_ns)
{
	struct nt_dns_txn t;
	memset(&t, 0, sizeof(t));
	t.server.family = 4;
	t.server.a[0] = 192;
	t.server.a[1] = 0;
	t.server.a[2] = 2;
	t.server.a[3] = last_octet;
	t.state = (uint8_t)state;
	t.t_query = 1000000000LL;
	t.t_end = t.t_query + rtt_ns;
	struct nt_event ev = {.type = NT_EV_DNS_TXN, .txn = &t};
	nt_live_observe(lv, &ev);
}

static int slot_of(const struct nt_live *lv, uint8_t last_octet)
{
	for (int i = 0; i < NT_LIVE_RESOLVERS; i++)
		if (lv->res[i].used && lv->res[i].addr.a[3] == last_octet)
			return i;
	return -1;
}

static void test_median(void **state)
{
	(void)state;
	struct nt_live lv;
	nt_live_init(&lv, stdout, 0, 0, "lo");
	txn_event(&lv, 53, NT_TXN_ANSWERED, 30);
	txn_event(&lv, 53, NT_TXN_ANSWERED, 10);
	txn_event(&lv, 53, NT_TXN_ANSWERED, 20);
	txn_event(&lv, 53, NT_TXN_ICMP, 5);
	int i = slot_of(&lv, 53);
	assert_true(i >= 0);
	assert_int_equal(nt_live_median_rtt(&lv, i), 20);
	assert_int_equal(lv.res[i].answered, 3);
	assert_int_equal(lv.res[i].failed, 1);
	txn_event(&lv, 53, NT_TXN_ANSWERED, 40);
	assert_int_equal(nt_live_median_rtt(&lv, i), 25);
	/* the window keeps the latest NT_LIVE_RTT_WINDOW answers only */
	for (int k = 0; k < NT_LIVE_RTT_WINDOW; k++)
		txn_event(&lv, 53, NT_TXN_ANSWERED, 7);
	assert_int_equal(nt_live_median_rtt(&lv, i), 7);
	assert_int_equal(lv.res[i].n, NT_LIVE_RTT_WINDOW);
	/* a resolver that never answered has no median */
	txn_event(&lv, 54, NT_TXN_UNANSWERED, 0);
	assert_int_equal(nt_live_median_rtt(&lv, slot_of(&lv, 54)), -1);
}

static void test_bounded_resolvers(void **state)
{
	(void)state;
	struct nt_live lv;
	nt_live_init(&lv, stdout, 0, 0, "lo");
	for (int k = 0; k < NT_LIVE_RESOLVERS + 5; k++)
		txn_event(&lv, (uint8_t)(10 + k), NT_TXN_ANSWERED, 1000);
	int used = 0;
	for (int i = 0; i < NT_LIVE_RESOLVERS; i++)
		used += lv.res[i].used;
	assert_int_equal(used, NT_LIVE_RESOLVERS);
	assert_int_equal(lv.resolvers_evicted, 5);
	/* the least recently seen went first */
	assert_int_equal(slot_of(&lv, 10), -1);
	assert_true(slot_of(&lv, (uint8_t)(10 + NT_LIVE_RESOLVERS + 4)) >= 0);
}

static void test_findings_and_status(void **state)
{
	(void)state;
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	assert_non_null(f);
	struct nt_findings *r = calloc(1, sizeof(*r));
	struct nt_engine *e = calloc(1, sizeof(*e));
	assert_non_null(r);
	assert_non_null(e);
	struct nt_live lv;
	nt_live_init(&lv, f, 0, 0, "lo");
	struct nt_finding *fd = nt_findings_get(r, "dns.server_unreachable", "127.0.0.1", 53, "udp");
	nt_finding_seen(fd, 0);
	nt_finding_add_client(fd, "127.0.0.1");
	assert_int_equal(nt_live_new_findings(&lv, e, r), 1);
	assert_int_equal(nt_live_new_findings(&lv, e, r), 0);
	e->packets = 10;
	e->dns.queries = 4;
	e->dns.icmp = 4;
	nt_live_refresh(&lv, e, r, 2.0);
	fclose(f);
	assert_non_null(strstr(buf, "new finding dns.server_unreachable: server 127.0.0.1 udp/53, "
				    "client 127.0.0.1\n"));
	assert_non_null(strstr(buf, "watch lo 2s: 10 packets, 5.0 packets/s, 2.0 DNS queries/s, "
				    "answered 0.0% (0 of 4), 1 finding\n"));
	assert_null(strchr(buf, '\033'));
	free(buf);
	free(e);
	free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_bounded_resolvers),
		cmocka_unit_test(test_findings_and_status),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
