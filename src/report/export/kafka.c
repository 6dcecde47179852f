/* \summary: the Kafka event sink: a librdkafka producer with a short
 * linger, delivery reports counted per message (delivered or failed, the
 * first distinct error texts kept), backpressure on a full local queue
 * (poll and retry, never drop) and a bounded flush at exit after which
 * anything still undelivered is purged and counted failed. */
#include "report/export/kafka.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <librdkafka/rdkafka.h>

/* margin over message.timeout.ms for the final flush */
#define FLUSH_MARGIN_MS 5000

struct nt_kafka {
	struct nt_sink base;
	rd_kafka_t *rk;
	int flush_ms;
	struct nt_export_kafka ex;
};

int nt_kafka_parse_url(const char *url, char *brokers, size_t nbrokers, char *topic,
		       size_t ntopic, struct nt_error *err)
{
	static const char scheme[] = "kafka://";
	if (strncmp(url, scheme, sizeof(scheme) - 1) != 0) {
		nt_error_set(err, NT_EUSAGE, "'%s' is not kafka://BROKERS/TOPIC", url);
		return -1;
	}
	const char *b = url + sizeof(scheme) - 1;
	const char *slash = strchr(b, '/');
	if (slash == NULL || slash == b || slash[1] == '\0') {
		nt_error_set(err, NT_EUSAGE, "'%s' names no %s: write kafka://HOST:PORT[,HOST:PORT...]/TOPIC",
			 url, slash == b ? "broker" : "topic");
		return -1;
	}
	const char *t = slash + 1;
	size_t blen = (size_t)(slash - b), tlen = strlen(t);
	if (blen >= nbrokers) {
		nt_error_set(err, NT_EUSAGE, "broker list of '%s' is too long", url);
		return -1;
	}
	/* Kafka's own limit on topic names */
	if (tlen > 249 || tlen >= ntopic || strcmp(t, ".") == 0 || strcmp(t, "..") == 0) {
		nt_error_set(err, NT_EUSAGE, "'%s' is not a Kafka topic name", t);
		return -1;
	}
	for (size_t i = 0; i < tlen; i++) {
		char c = t[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-')) {
			nt_error_set(err, NT_EUSAGE, "'%s' is not a Kafka topic name (letters, digits, '.', "
				 "'_', '-')", t);
			return -1;
		}
	}
	memcpy(brokers, b, blen);
	brokers[blen] = '\0';
	memcpy(topic, t, tlen + 1);
	return 0;
}

static void note_error(struct nt_export_kafka *ex, const char *msg)
{
	for (uint32_t i = 0; i < ex->n_errors; i++)
		if (strcmp(ex->errors[i], msg) == 0)
			return;
	if (ex->n_errors < NT_EXPORT_MAX_ERRORS)
		snprintf(ex->errors[ex->n_errors++], sizeof(ex->errors[0]), "%s", msg);
}

/* Delivery report: one per produced message, served by rd_kafka_poll. */
static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque)
{
	struct nt_kafka *k = opaque;
	(void)rk;
	if (m->err) {
		k->ex.failed++;
		note_error(&k->ex, rd_kafka_err2str(m->err));
	} else {
		k->ex.delivered++;
	}
}

/* Client-level errors (a broker unreachable, ...) are already in
 * librdkafka's log lines on standard error; what they cost shows in the
 * delivery reports, so they are not logged a second time. */
static void on_error(rd_kafka_t *rk, int err, const char *reason, void *opaque)
{
	(void)rk;
	(void)err;
	(void)reason;
	(void)opaque;
}

static int kafka_write(struct nt_sink *s, const char *line, size_t len, const char *key)
{
	struct nt_kafka *k = (struct nt_kafka *)s;
	rd_kafka_resp_err_t e;
	k->ex.produced++;
	for (;;) {
		e = rd_kafka_producev(k->rk, RD_KAFKA_V_TOPIC(k->ex.topic),
				      RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
				      RD_KAFKA_V_VALUE((void *)(uintptr_t)line, len),
				      RD_KAFKA_V_KEY(key, key ? strlen(key) : 0), RD_KAFKA_V_END);
		if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL)
			break;
		/* backpressure: the local queue drains as deliveries (or
		 * message timeouts) are reported */
		rd_kafka_poll(k->rk, 100);
	}
	rd_kafka_poll(k->rk, 0);
	if (e) {
		k->ex.failed++;
		note_error(&k->ex, rd_kafka_err2str(e));
		return -1;
	}
	return 0;
}

static int set(rd_kafka_conf_t *conf, const char *name, const char *value,
	       struct nt_error *err)
{
	char why[512];
	if (rd_kafka_conf_set(conf, name, value, why, sizeof(why)) != RD_KAFKA_CONF_OK) {
		nt_error_set(err, NT_EUSAGE, "Kafka property %s=%s: %s", name, value, why);
		return -1;
	}
	return 0;
}

struct nt_kafka *nt_kafka_new(const char *url, const char *const *opts, size_t n_opts,
			      struct nt_error *err)
{
	struct nt_kafka *k = calloc(1, sizeof(*k));
	if (k == NULL) {
		nt_error_set(err, NT_ENOMEM, "out of memory");
		return NULL;
	}
	if (nt_kafka_parse_url(url, k->ex.brokers, sizeof(k->ex.brokers), k->ex.topic,
			       sizeof(k->ex.topic), err) < 0) {
		free(k);
		return NULL;
	}
	rd_kafka_conf_t *conf = rd_kafka_conf_new();
	int bad = set(conf, "bootstrap.servers", k->ex.brokers, err) < 0 ||
		  set(conf, "client.id", "nettriage", err) < 0 ||
		  set(conf, "queue.buffering.max.ms", "5", err) < 0 ||
		  set(conf, "message.timeout.ms", "30000", err) < 0;
	for (size_t i = 0; !bad && i < n_opts; i++) {
		const char *eq = strchr(opts[i], '=');
		char name[128];
		if (eq == NULL || eq == opts[i] || (size_t)(eq - opts[i]) >= sizeof(name)) {
			nt_error_set(err, NT_EUSAGE, "--kafka-opt wants KEY=VALUE, not '%s'", opts[i]);
			bad = 1;
			break;
		}
		memcpy(name, opts[i], (size_t)(eq - opts[i]));
		name[eq - opts[i]] = '\0';
		bad = set(conf, name, eq + 1, err) < 0;
	}
	char mt[32];
	size_t mtlen = sizeof(mt);
	if (!bad && rd_kafka_conf_get(conf, "message.timeout.ms", mt, &mtlen) == RD_KAFKA_CONF_OK)
		k->flush_ms = atoi(mt) + FLUSH_MARGIN_MS;
	else
		k->flush_ms = 30000 + FLUSH_MARGIN_MS;
	if (bad) {
		rd_kafka_conf_destroy(conf);
		free(k);
		return NULL;
	}
	rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
	rd_kafka_conf_set_error_cb(conf, on_error);
	rd_kafka_conf_set_opaque(conf, k);
	char why[512];
	k->rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, why, sizeof(why));
	if (k->rk == NULL) {
		nt_error_set(err, NT_EUSAGE, "Kafka producer: %s", why);
		rd_kafka_conf_destroy(conf);
		free(k);
		return NULL;
	}
	k->base.write = kafka_write;
	return k;
}

struct nt_sink *nt_kafka_sink(struct nt_kafka *k)
{
	return &k->base;
}

void nt_kafka_poll(struct nt_kafka *k)
{
	rd_kafka_poll(k->rk, 0);
}

void nt_kafka_finish(struct nt_kafka *k)
{
	if (k->rk == NULL)
		return;
	rd_kafka_flush(k->rk, k->flush_ms);
	if (k->ex.delivered + k->ex.failed < k->ex.produced) {
		/* still queued or in flight: purged, each reported failed */
		rd_kafka_purge(k->rk, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
		rd_kafka_flush(k->rk, 1000);
	}
	uint64_t done = k->ex.delivered + k->ex.failed;
	if (done < k->ex.produced) {
		k->ex.failed += k->ex.produced - done;
		note_error(&k->ex, "no delivery report before exit");
	}
}

const struct nt_export_kafka *nt_kafka_export(const struct nt_kafka *k)
{
	return &k->ex;
}

void nt_kafka_free(struct nt_kafka *k)
{
	if (k == NULL)
		return;
	if (k->rk)
		rd_kafka_destroy(k->rk);
	free(k);
}
