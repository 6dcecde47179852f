/* \summary: the Kafka sink against librdkafka's in-process mock cluster:
 * the flagship capture's JSONL events (3 DNS, 3 ICMP, 1 finding, the end
 * line) all arrive, byte for byte and keyed by uid / finding kind, read
 * back with a consumer; a full local queue waits instead of dropping; a
 * broker that rejects every produce request or is down makes every event
 * count as failed with its error text, none silently lost; the URL
 * parser takes kafka://BROKERS/TOPIC and refuses the rest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

#include "analysis/engine.h"
#include "cli/pipeline.h"
#include "decode/record.h"
#include "input/source.h"
#include "report/export/jsonl.h"
#include "report/export/kafka.h"

#define FLAGSHIP "tests/data/yummyrecipes.pcap"
#define TOPIC "nt-events"
#define MAX_EV 64
/* the Produce request's API key in the Kafka protocol */
#define API_PRODUCE 0

/* A sink that keeps every event (the reference: what --format jsonl writes). */
struct keep {
	struct nt_sink base;
	size_t n;
	char *line[MAX_EV];
	char *key[MAX_EV];
};

static char *dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static int keep_write(struct nt_sink *s, const char *line, size_t len, const char *key)
{
	struct keep *k = (struct keep *)s;
	if (k->n >= MAX_EV)
		return -1;
	k->line[k->n] = dup_n(line, len);
	k->key[k->n] = key ? dup_n(key, strlen(key)) : NULL;
	k->n++;
	return 0;
}

static void keep_free(struct keep *k)
{
	for (size_t i = 0; i < k->n; i++) {
		free(k->line[i]);
		free(k->key[i]);
	}
	k->n = 0;
}

/* The analyze loop of one capture with the JSONL stream going to both
 * sinks. */
static void run_capture(struct keep *ref, struct nt_sink *kafka)
{
	struct nt_report *rep = nt_report_new();
	assert_non_null(rep);
	struct nt_pipeline *pl = nt_pipeline_new(rep, NULL);
	assert_non_null(pl);
	struct nt_jsonl jl;
	assert_int_equal(nt_jsonl_init(&jl, NULL, rep), 0);
	ref->base.write = keep_write;
	assert_int_equal(nt_jsonl_add_sink(&jl, &ref->base), 0);
	assert_int_equal(nt_jsonl_add_sink(&jl, kafka), 0);
	struct nt_listener l = nt_jsonl_listener(&jl);
	assert_int_equal(nt_engine_listen(&pl->eng, &l), 0);
	struct nt_source *src = NULL;
	struct nt_error err = {0, ""};
	struct nt_source_opts so = {.nano = 1};
	assert_int_equal(nt_source_open(&src, FLAGSHIP, &so, &err), NT_OK);
	struct nt_src_rec rec;
	struct nt_pkt pkt;
	struct nt_raw raw;
	while (nt_source_next(src, &rec, &err) > 0) {
		nt_decode_record(&rec, &pkt, &raw);
		nt_pipeline_packet(pl, &pkt, &raw);
	}
	nt_source_close(src);
	nt_pipeline_finish(pl);
	nt_jsonl_finish(&jl);
	nt_jsonl_free(&jl);
	nt_pipeline_free(pl);
	nt_report_free(rep);
}

/* A mock cluster of n brokers with the topic in 3 partitions. */
static rd_kafka_mock_cluster_t *mock_new(rd_kafka_t **owner, int n)
{
	char why[256];
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	assert_int_equal(rd_kafka_conf_set(conf, "log_level", "0", why, sizeof(why)),
			 RD_KAFKA_CONF_OK);
	*owner = rd_kafka_new(RD_KAFKA_PRODUCER, conf, why, sizeof(why));
	assert_non_null(*owner);
	rd_kafka_mock_cluster_t *mc = rd_kafka_mock_cluster_new(*owner, n);
	assert_non_null(mc);
	assert_int_equal(rd_kafka_mock_topic_create(mc, TOPIC, 3, 1), RD_KAFKA_RESP_ERR_NO_ERROR);
	return mc;
}

static void mock_free(rd_kafka_t *owner, rd_kafka_mock_cluster_t *mc)
{
	rd_kafka_mock_cluster_destroy(mc);
	rd_kafka_destroy(owner);
}

static struct nt_kafka *sink_new(rd_kafka_mock_cluster_t *mc, const char *const *opts,
				 size_t n_opts)
{
	char url[512];
	struct nt_error err = {0, ""};
	snprintf(url, sizeof(url), "kafka://%s/" TOPIC, rd_kafka_mock_cluster_bootstraps(mc));
	struct nt_kafka *k = nt_kafka_new(url, opts, n_opts, &err);
	if (k == NULL)
		fail_msg("nt_kafka_new: %s", err.msg);
	return k;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "key\tline" of each event, sorted: messages of different partitions
 * come back in any order. */
static void sorted_pairs(char **dst, char *const *keys, char *const *lines, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t kl = keys[i] ? strlen(keys[i]) : 1, ll = strlen(lines[i]);
		dst[i] = malloc(kl + ll + 2);
		assert_non_null(dst[i]);
		snprintf(dst[i], kl + ll + 2, "%s\t%s", keys[i] ? keys[i] : "-", lines[i]);
	}
	qsort(dst, n, sizeof(dst[0]), cmp_str);
}

static size_t consume_all(rd_kafka_mock_cluster_t *mc, char **keys, char **lines, size_t want)
{
	char why[256];
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	assert_int_equal(rd_kafka_conf_set(conf, "bootstrap.servers",
					   rd_kafka_mock_cluster_bootstraps(mc), why, sizeof(why)),
			 RD_KAFKA_CONF_OK);
	assert_int_equal(rd_kafka_conf_set(conf, "group.id", "nt-test", why, sizeof(why)),
			 RD_KAFKA_CONF_OK);
	assert_int_equal(rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", why,
					   sizeof(why)), RD_KAFKA_CONF_OK);
	rd_kafka_t *c = rd_kafka_new(RD_KAFKA_CONSUMER, conf, why, sizeof(why));
	assert_non_null(c);
	rd_kafka_poll_set_consumer(c);
	rd_kafka_topic_partition_list_t *parts = rd_kafka_topic_partition_list_new(3);
	for (int p = 0; p < 3; p++)
		rd_kafka_topic_partition_list_add(parts, TOPIC, p)->offset = RD_KAFKA_OFFSET_BEGINNING;
	assert_int_equal(rd_kafka_assign(c, parts), RD_KAFKA_RESP_ERR_NO_ERROR);
	rd_kafka_topic_partition_list_destroy(parts);
	size_t n = 0;
	time_t end = time(NULL) + 30;
	while (n < want && time(NULL) < end) {
		rd_kafka_message_t *m = rd_kafka_consumer_poll(c, 200);
		if (m == NULL)
			continue;
		if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR && n < MAX_EV) {
			lines[n] = dup_n(m->payload, m->len);
			keys[n] = m->key ? dup_n(m->key, m->key_len) : NULL;
			n++;
		}
		rd_kafka_message_destroy(m);
	}
	/* anything beyond want would be a duplicate: look a little longer */
	rd_kafka_message_t *extra = rd_kafka_consumer_poll(c, 500);
	if (extra) {
		if (extra->err == RD_KAFKA_RESP_ERR_NO_ERROR)
			n++;
		rd_kafka_message_destroy(extra);
	}
	rd_kafka_consumer_close(c);
	rd_kafka_destroy(c);
	return n;
}

static void check_all_delivered(const char *const *opts, size_t n_opts)
{
	rd_kafka_t *owner;
	rd_kafka_mock_cluster_t *mc = mock_new(&owner, 3);
	struct nt_kafka *k = sink_new(mc, opts, n_opts);
	struct keep ref = {0};
	run_capture(&ref, nt_kafka_sink(k));
	nt_kafka_finish(k);
	const struct nt_export_kafka *ex = nt_kafka_export(k);
	/* 3 DNS + 3 ICMP + 1 finding + end */
	assert_int_equal(ref.n, 8);
	assert_int_equal(ex->produced, 8);
	assert_int_equal(ex->delivered, 8);
	assert_int_equal(ex->failed, 0);
	assert_int_equal(ex->n_errors, 0);
	int dns = 0, icmp = 0, fin = 0, end = 0;
	for (size_t i = 0; i < ref.n; i++) {
		const char *l = ref.line[i];
		if (strncmp(l, "{\"event\":\"dns\"", 14) == 0 || strncmp(l, "{\"event\":\"icmp\"", 15) == 0) {
			dns += l[10] == 'd';
			icmp += l[10] == 'i';
			char uid[64];
			assert_non_null(ref.key[i]);
			snprintf(uid, sizeof(uid), "\"uid\":\"%s\"", ref.key[i]);
			assert_non_null(strstr(l, uid));
		} else if (strncmp(l, "{\"event\":\"finding\"", 18) == 0) {
			fin++;
			assert_string_equal(ref.key[i], "dns.server_unreachable");
		} else {
			end += strncmp(l, "{\"event\":\"end\"", 14) == 0;
			assert_null(ref.key[i]);
		}
	}
	assert_int_equal(dns, 3);
	assert_int_equal(icmp, 3);
	assert_int_equal(fin, 1);
	assert_int_equal(end, 1);

	char *keys[MAX_EV] = {0}, *lines[MAX_EV] = {0};
	size_t got = consume_all(mc, keys, lines, ref.n);
	assert_int_equal(got, ref.n);
	char *a[MAX_EV], *b[MAX_EV];
	sorted_pairs(a, ref.key, ref.line, ref.n);
	sorted_pairs(b, keys, lines, got);
	for (size_t i = 0; i < got; i++) {
		assert_string_equal(b[i], a[i]);
		free(a[i]);
		free(b[i]);
		free(keys[i]);
		free(lines[i]);
	}
	keep_free(&ref);
	nt_kafka_free(k);
	mock_free(owner, mc);
}

static void test_every_event_arrives(void **state)
{
	(void)state;
	check_all_delivered(NULL, 0);
}

/* A local queue of one message: each event waits for room (poll and
 * retry), none is dropped. */
static void test_full_queue_waits(void **state)
{
	(void)state;
	const char *opts[] = {"queue.buffering.max.messages=1"};
	check_all_delivered(opts, 1);
}

static void check_all_failed(const struct nt_export_kafka *ex, const char *error)
{
	assert_int_equal(ex->produced, 8);
	assert_int_equal(ex->delivered, 0);
	assert_int_equal(ex->failed, 8);
	assert_true(ex->n_errors >= 1);
	int found = 0;
	for (uint32_t i = 0; i < ex->n_errors; i++)
		found |= strcmp(ex->errors[i], error) == 0;
	if (!found)
		fail_msg("error '%s' not reported (first: '%s')", error, ex->errors[0]);
}

/* Every produce request refused with a non-retriable error. */
static void test_rejected_requests_counted(void **state)
{
	(void)state;
	rd_kafka_t *owner;
	rd_kafka_mock_cluster_t *mc = mock_new(&owner, 3);
	rd_kafka_resp_err_t errs[16];
	for (size_t i = 0; i < 16; i++)
		errs[i] = RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED;
	rd_kafka_mock_push_request_errors_array(mc, API_PRODUCE, 16, errs);
	struct nt_kafka *k = sink_new(mc, NULL, 0);
	struct keep ref = {0};
	run_capture(&ref, nt_kafka_sink(k));
	nt_kafka_finish(k);
	check_all_failed(nt_kafka_export(k), rd_kafka_err2str(RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED));
	keep_free(&ref);
	nt_kafka_free(k);
	mock_free(owner, mc);
}

/* Every broker down: each message times out (message.timeout.ms). */
static void test_brokers_down_counted(void **state)
{
	(void)state;
	rd_kafka_t *owner;
	rd_kafka_mock_cluster_t *mc = mock_new(&owner, 3);
	for (int32_t id = 1; id <= 3; id++)
		assert_int_equal(rd_kafka_mock_broker_set_down(mc, id), RD_KAFKA_RESP_ERR_NO_ERROR);
	const char *opts[] = {"message.timeout.ms=800", "log_level=0"};
	struct nt_kafka *k = sink_new(mc, opts, 2);
	struct keep ref = {0};
	run_capture(&ref, nt_kafka_sink(k));
	nt_kafka_finish(k);
	check_all_failed(nt_kafka_export(k), rd_kafka_err2str(RD_KAFKA_RESP_ERR__MSG_TIMED_OUT));
	keep_free(&ref);
	nt_kafka_free(k);
	mock_free(owner, mc);
}

static void test_url(void **state)
{
	(void)state;
	char b[64], t[32];
	struct nt_error e = {0, ""};
	assert_int_equal(nt_kafka_parse_url("kafka://h1:9092,h2:9092/net.events-1", b, sizeof(b),
					    t, sizeof(t), &e), 0);
	assert_string_equal(b, "h1:9092,h2:9092");
	assert_string_equal(t, "net.events-1");
	static const char *const bad[] = {
		"kafka:/h/t", "http://h/t", "kafka://h", "kafka:///t", "kafka://h/", "kafka://h/a/b",
		"kafka://h/a b", "kafka://h/..",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		e.msg[0] = '\0';
		assert_int_equal(nt_kafka_parse_url(bad[i], b, sizeof(b), t, sizeof(t), &e), -1);
		assert_true(e.msg[0] != '\0');
	}
	/* a bad property is refused before anything is sent */
	const char *opts[] = {"no.such.property=1"};
	assert_null(nt_kafka_new("kafka://127.0.0.1:9/t", opts, 1, &e));
	assert_non_null(strstr(e.msg, "no.such.property"));
	const char *noeq[] = {"message.timeout.ms"};
	assert_null(nt_kafka_new("kafka://127.0.0.1:9/t", noeq, 1, &e));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url),
		cmocka_unit_test(test_every_event_arrives),
		cmocka_unit_test(test_full_queue_waits),
		cmocka_unit_test(test_rejected_requests_counted),
		cmocka_unit_test(test_brokers_down_counted),
	};
	return cmocka_run_group_tests_name("kafka", tests, NULL, NULL);
}
