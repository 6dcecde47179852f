/* \summary: unit tests of the correlation engine and detectors, fed with
 * hand-built nt_pkt records: DNS pairing, retries merged into one lookup,
 * ICMP linking (full, truncated and port-less quotes), timeout versus
 * capture end, unsolicited responses, TCP handshakes, eviction counters,
 * and the flagship finding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "analysis/engine.h"
#include "cli/pipeline.h"
#include "report/model.h"

#define S(x) ((int64_t)(x))

static struct nt_addr ip4(int a, int b, int c, int d)
{
	struct nt_addr x;
	memset(&x, 0, sizeof(x));
	x.family = 4;
	x.a[0] = (uint8_t)a;
	x.a[1] = (uint8_t)b;
	x.a[2] = (uint8_t)c;
	x.a[3] = (uint8_t)d;
	return x;
}

static uint64_t g_frame;

static void base(struct nt_pkt *p, double t, struct nt_addr src, struct nt_addr dst, uint8_t proto,
		 uint16_t sport, uint16_t dport)
{
	memset(p, 0, sizeof(*p));
	p->frame = ++g_frame;
	p->ts_sec = (int64_t)t;
	p->ts_nsec = (uint32_t)((t - (double)(int64_t)t) * 1e9 + 0.5);
	p->l3 = 4;
	p->flow.src = src;
	p->flow.dst = dst;
	p->flow.proto = proto;
	p->flow.sport = sport;
	p->flow.dport = dport;
	p->flow.has_ports = 1;
}

static const struct nt_addr *C(void)
{
	static struct nt_addr a;
	a = ip4(192, 51, 100, 15);
	return &a;
}

static const struct nt_addr *SV(void)
{
	static struct nt_addr a;
	a = ip4(203, 0, 113, 2);
	return &a;
}

static void query(struct nt_engine *e, double t, uint16_t cport, uint16_t id, const char *name)
{
	struct nt_pkt p;
	base(&p, t, *C(), *SV(), 17, cport, 53);
	p.dns.present = 1;
	p.dns.id = id;
	p.dns.has_question = 1;
	p.dns.qtype = 1;
	p.dns.qclass = 1;
	snprintf(p.dns.qname, sizeof(p.dns.qname), "%s", name);
	struct nt_raw raw = {0};
	raw.text = "query line";
	raw.text_len = 10;
	raw.line = p.frame;
	nt_engine_packet(e, &p, &raw);
}

static void response(struct nt_engine *e, double t, uint16_t cport, uint16_t id, const char *name,
		     int rcode)
{
	struct nt_pkt p;
	base(&p, t, *SV(), *C(), 17, 53, cport);
	p.dns.present = 1;
	p.dns.qr = 1;
	p.dns.id = id;
	p.dns.rcode = (uint16_t)rcode;
	p.dns.has_question = 1;
	p.dns.qtype = 1;
	p.dns.qclass = 1;
	p.dns.ancount = rcode == 0;
	snprintf(p.dns.qname, sizeof(p.dns.qname), "%s", name);
	nt_engine_packet(e, &p, NULL);
}

/* ICMP port unreachable from the server quoting a query.  with_ports 0:
 * a text log's quote (no source, no source port); has_id 0: the quote was
 * cut after the UDP header. */
static void icmp_unreach(struct nt_engine *e, double t, uint16_t cport, int with_ports, int has_id,
			 uint16_t id)
{
	struct nt_pkt p;
	base(&p, t, *SV(), *C(), 1, 0, 0);
	p.icmp.present = 1;
	p.icmp.is_error = 1;
	p.icmp.type = 3;
	p.icmp.code = 3;
	p.icmp.has_quote = 1;
	p.icmp.quote.dst = *SV();
	p.icmp.quote.proto = 17;
	p.icmp.quote.dport = 53;
	if (with_ports) {
		p.icmp.quote.src = *C();
		p.icmp.quote.sport = cport;
		p.icmp.quote.has_ports = 1;
	}
	p.icmp.quote_has_dns_id = (uint8_t)has_id;
	p.icmp.quote_dns_id = id;
	nt_engine_packet(e, &p, NULL);
}

static void tcp(struct nt_engine *e, double t, int from_client, uint16_t cport, uint16_t sport,
		uint8_t flags)
{
	struct nt_pkt p;
	struct nt_addr web = ip4(198, 51, 100, 20);
	if (from_client)
		base(&p, t, *C(), web, 6, cport, sport);
	else
		base(&p, t, web, *C(), 6, sport, cport);
	p.tcp_flags = flags;
	nt_engine_packet(e, &p, NULL);
}

struct fx {
	struct nt_report *r;
	struct nt_pipeline *p;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof(*f));
	if (f == NULL)
		return -1;
	f->r = nt_report_new();
	g_frame = 0;
	if (f->r == NULL || (f->p = nt_pipeline_new(f->r, NULL)) == NULL)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	nt_pipeline_free(f->p);
	nt_report_free(f->r);
	free(f);
	/* restore defaults changed by a test */
	nt_pipeline_set("cap.dns_transactions", "8192");
	nt_pipeline_set("cap.hosts", "4096");
	nt_pipeline_set("dns.timeout", "5");
	return 0;
}

static const struct nt_finding *find(const struct nt_report *r, const char *kind)
{
	for (uint32_t i = 0; i < r->n_findings; i++)
		if (strcmp(r->findings[i].kind, kind) == 0)
			return &r->findings[i];
	return NULL;
}

static void test_pairing_answered(void **state)
{
	struct fx *f = *state;
	query(&f->p->eng, 100.0, 40000, 7, "www.example.com");
	query(&f->p->eng, 100.1, 40001, 8, "mail.example.com");
	/* a response with the right id but another name is not a match */
	response(&f->p->eng, 100.15, 40001, 8, "other.example.com", 0);
	response(&f->p->eng, 100.2, 40001, 8, "MAIL.example.com", 0); /* 0x20 case */
	response(&f->p->eng, 100.3, 40000, 7, "www.example.com", 0);
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->dns.queries, 2);
	assert_int_equal(f->r->dns.answered, 2);
	assert_int_equal(f->r->dns.unsolicited, 1);
	assert_int_equal(f->r->dns.unanswered, 0);
	assert_int_equal(f->r->dns.rtt_max_ns, 300000000);
	assert_int_equal(f->r->n_findings, 0);
}

static void test_retries_one_lookup(void **state)
{
	struct fx *f = *state;
	/* new id and port each time, within dns.retry_window */
	query(&f->p->eng, 10.0, 40000, 1, "a.example");
	query(&f->p->eng, 15.0, 40002, 2, "a.example");
	query(&f->p->eng, 20.0, 40004, 3, "a.example");
	response(&f->p->eng, 20.05, 40004, 3, "a.example", 0);
	/* same id and port 2 minutes apart: still the same lookup */
	query(&f->p->eng, 100.0, 50000, 9, "b.example");
	query(&f->p->eng, 220.0, 50000, 9, "b.example");
	query(&f->p->eng, 340.0, 50000, 9, "b.example");
	/* a new id after an answer is a new lookup */
	query(&f->p->eng, 400.0, 40010, 11, "a.example");
	response(&f->p->eng, 400.01, 40010, 11, "a.example", 0);
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->dns.queries, 7);
	assert_int_equal(f->r->dns.lookups, 3);
	assert_int_equal(f->r->dns.retries, 4);
	assert_int_equal(f->r->dns.lookups_failed, 1);
}

static void test_icmp_link_full_truncated_portless(void **state)
{
	struct fx *f = *state;
	query(&f->p->eng, 1.0, 52444, 35084, "yummyrecipesforme.com");
	icmp_unreach(&f->p->eng, 2.0, 52444, 1, 1, 35084);       /* full quote */
	query(&f->p->eng, 3.0, 52445, 100, "yummyrecipesforme.com");
	icmp_unreach(&f->p->eng, 4.0, 52445, 1, 0, 0);           /* cut before the DNS id */
	query(&f->p->eng, 5.0, 52446, 101, "yummyrecipesforme.com");
	icmp_unreach(&f->p->eng, 48.0, 0, 0, 0, 0);              /* text log: no ports, late */
	/* a quoted id that matches nothing pending is not linked */
	query(&f->p->eng, 50.0, 52447, 102, "x.example");
	icmp_unreach(&f->p->eng, 51.0, 52447, 1, 1, 999);
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->dns.icmp, 3);
	assert_int_equal(f->r->icmp_unlinked, 1);
	const struct nt_finding *fd = find(f->r, "dns.server_unreachable");
	assert_non_null(fd);
	assert_string_equal(fd->server, "203.0.113.2");
	assert_int_equal(fd->port, 53);
	/* three linked + one whose query id matched nothing */
	assert_int_equal(fd->count, 4);
	assert_int_equal(fd->n_clients, 1);
	assert_string_equal(fd->clients[0], "192.51.100.15");
	assert_int_equal(fd->severity, NT_SEV_HIGH);
}

static void test_timeout_vs_capture_end(void **state)
{
	struct fx *f = *state;
	query(&f->p->eng, 0.0, 1000, 1, "t1.example");
	/* a packet long after timeout + late window expires it */
	query(&f->p->eng, 200.0, 1001, 2, "t2.example");
	/* t2 is 3 s old at the end: shorter than dns.timeout */
	response(&f->p->eng, 203.0, 9, 9, "zzz", 0);
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->dns.unanswered, 1);
	assert_int_equal(f->r->dns.capture_end, 1);
	const struct nt_finding *fd = find(f->r, "dns.no_response");
	assert_non_null(fd);
	assert_int_equal(fd->count, 1);
	assert_int_equal(fd->severity, NT_SEV_LOW);
}

static void test_timeout_at_end(void **state)
{
	struct fx *f = *state;
	nt_pipeline_set("dns.timeout", "2");
	nt_pipeline_free(f->p);
	f->p = nt_pipeline_new(f->r, NULL);
	query(&f->p->eng, 0.0, 1000, 1, "t1.example");
	query(&f->p->eng, 2.5, 1002, 3, "t3.example");
	nt_pipeline_finish(f->p);
	/* t1 waited 2.5 s > 2 s: unanswered; t3 was just sent */
	assert_int_equal(f->r->dns.unanswered, 1);
	assert_int_equal(f->r->dns.capture_end, 1);
}

static void test_eviction_counted(void **state)
{
	struct fx *f = *state;
	nt_pipeline_set("cap.dns_transactions", "16");
	nt_pipeline_set("cap.hosts", "16");
	nt_pipeline_free(f->p);
	f->p = nt_pipeline_new(f->r, NULL);
	char name[32];
	for (int i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "n%d.example", i);
		query(&f->p->eng, 1.0 + i * 0.01, (uint16_t)(2000 + i), (uint16_t)i, name);
	}
	for (int i = 0; i < 200; i++) {
		struct nt_pkt p;
		base(&p, 2.0, ip4(10, 0, i / 250, i % 250), ip4(10, 1, 0, i % 250), 17, 1, 2);
		nt_engine_packet(&f->p->eng, &p, NULL);
	}
	assert_int_equal(f->p->eng.tb[NT_TB_DNS].evicted, 4);
	assert_true(f->p->eng.tb[NT_TB_DNS].used <= 16);
	assert_true(f->p->eng.tb[NT_TB_HOST].evicted > 0);
	assert_true(f->p->eng.tb[NT_TB_HOST].used <= f->p->eng.host_nslot);
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->tables[NT_TB_DNS].st.evicted, 4);
	/* evicted queries are not counted as failures */
	assert_int_equal(f->r->dns.unanswered + f->r->dns.capture_end, 16);
}

static void test_tcp_handshakes(void **state)
{
	struct fx *f = *state;
	tcp(&f->p->eng, 1.0, 1, 30000, 443, NT_TH_SYN);
	tcp(&f->p->eng, 1.01, 0, 30000, 443, NT_TH_SYN | NT_TH_ACK);
	tcp(&f->p->eng, 2.0, 1, 30001, 8080, NT_TH_SYN);
	tcp(&f->p->eng, 2.01, 0, 30001, 8080, NT_TH_RST | NT_TH_ACK);
	tcp(&f->p->eng, 3.0, 1, 30002, 25, NT_TH_SYN);
	tcp(&f->p->eng, 4.0, 1, 30002, 25, NT_TH_SYN);
	tcp(&f->p->eng, 6.0, 1, 30002, 25, NT_TH_SYN);
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->tcp.attempts, 3);
	assert_int_equal(f->r->tcp.established, 1);
	assert_int_equal(f->r->tcp.refused, 1);
	assert_int_equal(f->r->tcp.no_answer, 1);
	const struct nt_finding *r1 = find(f->r, "tcp.connection_refused");
	const struct nt_finding *r2 = find(f->r, "tcp.no_response");
	assert_non_null(r1);
	assert_non_null(r2);
	assert_int_equal(r1->port, 8080);
	assert_int_equal(r2->port, 25);
}

static void test_flagship_one_finding(void **state)
{
	struct fx *f = *state;
	double q[3] = {48272.192571, 48392.192571, 48512.192571};
	double i[3] = {48276.098564, 48435.934126, 48530.022967};
	for (int k = 0; k < 3; k++) {
		query(&f->p->eng, q[k], 52444, 35084, "yummyrecipesforme.com");
		icmp_unreach(&f->p->eng, i[k], 0, 0, 0, 0);
	}
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->n_findings, 1);
	const struct nt_finding *fd = &f->r->findings[0];
	assert_string_equal(fd->kind, "dns.server_unreachable");
	assert_int_equal(fd->count, 3);
	assert_int_equal(fd->n_names, 1);
	assert_string_equal(fd->names[0], "yummyrecipesforme.com");
	assert_int_equal(f->r->dns.lookups, 1);
	assert_non_null(strstr(fd->summary, "query id 35084"));
	assert_true(fd->n_causes >= 4);
	assert_non_null(strstr(fd->causes[0].title, "not listening"));
	char t[64];
	nt_fmt_time(t, sizeof(t), fd->last_seen, 1);
	assert_string_equal(t, "13:28:50.022967");
	assert_int_equal(fd->n_evidence, 3); /* the queries carry a snapshot */
}

/* ICMP host unreachable from a router quoting a SYN (text-log style: no
 * ports in the quote): linked to the handshake, which then is not counted
 * as unanswered; the finding takes its port from the handshake. */
static void test_icmp_links_tcp(void **state)
{
	struct fx *f = *state;
	tcp(&f->p->eng, 1.0, 1, 30010, 22, NT_TH_SYN);
	struct nt_pkt p;
	base(&p, 1.5, ip4(10, 0, 0, 1), *C(), 1, 0, 0);
	p.icmp.present = 1;
	p.icmp.is_error = 1;
	p.icmp.type = 3;
	p.icmp.code = 1;
	p.icmp.has_quote = 1;
	p.icmp.quote.dst = ip4(198, 51, 100, 20);
	nt_engine_packet(&f->p->eng, &p, NULL);
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->tcp.icmp, 1);
	assert_int_equal(f->r->tcp.no_answer, 0);
	assert_null(find(f->r, "tcp.no_response"));
	const struct nt_finding *fd = find(f->r, "icmp.host_unreachable");
	assert_non_null(fd);
	assert_int_equal(fd->port, 22);
	assert_string_equal(fd->transport, "tcp");
	assert_string_equal(fd->note[0], "10.0.0.1"); /* a router, not the target */
}

/* TTL exceeded for DNS queries: the queries are not "unanswered", and the
 * loop is one finding for the destination network. */
static void test_ttl_exceeded_merges(void **state)
{
	struct fx *f = *state;
	for (int k = 0; k < 4; k++) {
		struct nt_addr dst = ip4(203, 0, 113, 60 + k);
		struct nt_pkt p;
		base(&p, 1.0 + k, *C(), dst, 17, (uint16_t)(5000 + k), 53);
		p.dns.present = 1;
		p.dns.id = (uint16_t)k;
		p.dns.has_question = 1;
		p.dns.qtype = 1;
		snprintf(p.dns.qname, sizeof(p.dns.qname), "www.example.com");
		nt_engine_packet(&f->p->eng, &p, NULL);
		base(&p, 1.1 + k, ip4(192, 0, 2, 1 + (k & 1)), *C(), 1, 0, 0);
		p.icmp.present = 1;
		p.icmp.is_error = 1;
		p.icmp.type = 11;
		p.icmp.has_quote = 1;
		p.icmp.quote.src = *C();
		p.icmp.quote.dst = dst;
		p.icmp.quote.proto = 17;
		p.icmp.quote.sport = (uint16_t)(5000 + k);
		p.icmp.quote.dport = 53;
		nt_engine_packet(&f->p->eng, &p, NULL);
	}
	nt_pipeline_finish(f->p);
	assert_int_equal(f->r->dns.unanswered, 0);
	assert_null(find(f->r, "dns.no_response"));
	assert_null(find(f->r, "dns.server_unreachable"));
	const struct nt_finding *fd = find(f->r, "icmp.ttl_exceeded");
	assert_non_null(fd);
	assert_string_equal(fd->server, "203.0.113.0/24");
	assert_int_equal(fd->count, 4);
	assert_int_equal(fd->port, -1);
	assert_int_equal(f->r->n_findings, 1);
	assert_non_null(strstr(fd->causes[0].reasoning, "192.0.2.1"));
}

static void test_time_format(void **state)
{
	(void)state;
	char b[64];
	nt_fmt_time(b, sizeof(b), 48272192571000LL, 1);
	assert_string_equal(b, "13:24:32.192571");
	nt_fmt_time(b, sizeof(b), 1721136272192571000LL, 0);
	assert_string_equal(b, "2024-07-16T13:24:32.192571Z");
	nt_fmt_dur(b, sizeof(b), 257830396000LL);
	assert_string_equal(b, "4 min 17 s");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_pairing_answered, setup, teardown),
		cmocka_unit_test_setup_teardown(test_retries_one_lookup, setup, teardown),
		cmocka_unit_test_setup_teardown(test_icmp_link_full_truncated_portless, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout_vs_capture_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_timeout_at_end, setup, teardown),
		cmocka_unit_test_setup_teardown(test_eviction_counted, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tcp_handshakes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_flagship_one_finding, setup, teardown),
		cmocka_unit_test_setup_teardown(test_icmp_links_tcp, setup, teardown),
		cmocka_unit_test_setup_teardown(test_ttl_exceeded_merges, setup, teardown),
		cmocka_unit_test(test_time_format),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
