/* \summary: the Kafka sink of `analyze --output kafka://BROKERS/TOPIC`: a
 * librdkafka producer that sends every JSONL event as one message (key:
 * the event's uid or finding kind), waits on a full local queue instead
 * of dropping, and counts each message as delivered or failed from its
 * delivery report, keeping the first distinct error texts. */
#ifndef NT_REPORT_KAFKA_H
#define NT_REPORT_KAFKA_H

#include <stddef.h>

#include "core/error.h"

#include "report/model.h"
#include "report/export/sink.h"

struct nt_kafka;

/* Splits "kafka://host1:9092,host2:9092/topic" into its broker list and
 * topic (a Kafka topic name: letters, digits, '.', '_', '-').  Returns 0,
 * or -1 with the reason in err. */
int nt_kafka_parse_url(const char *url, char *brokers, size_t nbrokers, char *topic,
		       size_t ntopic, struct nt_error *err);
/* A producer for url; opts are librdkafka properties "key=value", applied
 * after nettriage's defaults (queue.buffering.max.ms 5, message.timeout.ms
 * 30000).  NULL with the reason in err when the URL or a property is bad. */
struct nt_kafka *nt_kafka_new(const char *url, const char *const *opts, size_t n_opts,
			      struct nt_error *err);
struct nt_sink *nt_kafka_sink(struct nt_kafka *k);
/* Serves delivery reports without waiting. */
void nt_kafka_poll(struct nt_kafka *k);
/* Waits for the delivery report of every message (message.timeout.ms and
 * a margin at most); whatever is undelivered then is purged and counted
 * failed, so produced == delivered + failed afterwards. */
void nt_kafka_finish(struct nt_kafka *k);
const struct nt_export_kafka *nt_kafka_export(const struct nt_kafka *k);
void nt_kafka_free(struct nt_kafka *k);

#endif
