/* \summary: the report outputs of `analyze` and `watch`, in one place.
 *
 * Owns: the options that choose them (--format, -o/--output FILE,
 * --output kafka://BROKERS/TOPIC, --kafka-opt KEY=VALUE) and their
 * checks; the report file (opened plainly, or through cli/privs.h by a
 * process that may be root and drops its privileges afterwards); the
 * Kafka producer and its delivery report (counts and errors on standard
 * error, exit status 5); the engine listeners the outputs need (the JSONL
 * stream written while packets are read, the HTML chart series, the Kafka
 * delivery reports served as packets go by); the end of the stream and the
 * final render in the format of the table report/formats.h.
 * Does not own: the inputs, the engine, the report model, the live view
 * (the command creates and frees them).
 *
 * Sequence: nt_rout_init, nt_rout_kafka, nt_rout_open, nt_rout_attach
 * (subscribes to the engine), the packets, nt_rout_end after the
 * pipeline finished, then nt_rout_free (also on any early exit after
 * nt_rout_init).  The struct must not move once attached: the engine and
 * the stream point into it. */
#ifndef NT_CLI_REPORT_OUT_H
#define NT_CLI_REPORT_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/engine.h"
#include "core/out.h"
#include "report/export/jsonl.h"
#include "report/formats.h"
#include "report/model.h"

struct nt_kafka;
struct nt_series;

enum { NT_ROUT_MAX_KAFKA_OPTS = 64 };

/* Prints the --format lines of --help from the format table (need: the
 * flags the command's formats must have, 0 for all). */
void nt_rout_usage_formats(FILE *f, unsigned need);
/* --help lines of the Kafka options, as both commands print them. */
#define NT_ROUT_USAGE_KAFKA \
	"  --output kafka://HOST:PORT[,HOST:PORT...]/TOPIC\n" \
	"                  also send every jsonl event to the Kafka topic, one message\n" \
	"                  each (key: the event's uid, or the finding kind); counts on\n" \
	"                  standard error and under \"export\" in --format json; exit\n" \
	"                  status 5 if a message was not delivered\n" \
	"  --kafka-opt K=V set a librdkafka property (message.timeout.ms, security...)\n"

/* What the command line asked for. */
struct nt_rout_opts {
	int fmt;                /* enum nt_fmt (report/formats.h) */
	const char *ofile;      /* -o FILE, or NULL: standard output */
	const char *kafka_url;  /* --output kafka://..., or NULL */
	const char *kopts[NT_ROUT_MAX_KAFKA_OPTS]; /* --kafka-opt values */
	size_t nkopts;
};

/* 1 when opt is one of the options parsed here (all take a value):
 * --format, -f, -o, --output, --kafka-opt. */
int nt_rout_takes_value(const char *opt);
/* Applies option opt (one nt_rout_takes_value accepts) with its value:
 * 0, or NT_EXIT_USAGE with a message naming who ("analyze", "watch"). */
int nt_rout_option(struct nt_rout_opts *ro, const char *who, const char *opt, const char *val);
/* After the command line: 0, or NT_EXIT_USAGE (--kafka-opt without
 * --output kafka://). */
int nt_rout_check(const struct nt_rout_opts *ro, const char *who);

struct nt_rout {
	const struct nt_rout_opts *opt;
	const char *who;
	struct nt_kafka *kafka;    /* --output kafka://, or NULL */
	FILE *f;                   /* the report's stream: stdout, the -o file, or NULL */
	struct nt_out o;           /* buffer over f (have_o) */
	int have_o;
	struct nt_series *series;  /* --format html: the chart series, or NULL */
	struct nt_jsonl jl;        /* the event stream (jsonl_on) */
	int jsonl_on;
	uint32_t npkt;
};

void nt_rout_init(struct nt_rout *r, const struct nt_rout_opts *opt, const char *who);
/* Creates the producer of --output kafka:// (none without it): 0, or
 * NT_EXIT_USAGE with a message (bad URL or property). */
int nt_rout_kafka(struct nt_rout *r);
/* Opens the report's stream: standard output, or the -o file through
 * nt_privs_open_output (safe as root; watch calls it before
 * nt_privs_drop).  0, or NT_EXIT_INTERNAL with a message; analyze carries
 * on without a report, watch stops. */
int nt_rout_open(struct nt_rout *r);
/* Subscribes the outputs to the engine: the chart series (a format with
 * charts), the JSONL stream (to the report's stream with --format jsonl,
 * to Kafka with --output kafka://), and the Kafka delivery reports served
 * every 4096 packets.  0, or NT_EXIT_INTERNAL (out of memory) with a
 * message. */
int nt_rout_attach(struct nt_rout *r, struct nt_report *rep, struct nt_engine *eng);
/* A live capture, once a second: writes out the streamed events so far
 * and serves Kafka delivery reports. */
void nt_rout_flush(struct nt_rout *r);
/* After the pipeline finished: ends the stream (findings, closing line),
 * waits for Kafka's delivery reports and prints the counts, writes the
 * report in its format and closes the stream.  Returns status, or the
 * status that replaces it (5: export incomplete, 4: write error). */
int nt_rout_end(struct nt_rout *r, struct nt_report *rep, int status);
/* Frees what nt_rout_* made; closes the -o file if nt_rout_end did not. */
void nt_rout_free(struct nt_rout *r);

#endif
