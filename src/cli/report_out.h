/* \summary: the report outputs of `analyze` and `watch`, in one place.
 *
 * Owns: the options that choose them (--format, -o/--output FILE,
 * --output kafka://BROKERS/TOPIC, --kafka-opt KEY=VALUE) and their
 * checks; the report file (opened plainly, or through cli/privs.h by a
 * process that may be root and drops its privileges afterwards); the
 * Kafka producer and its delivery report (counts and errors on standard
 * error, exit status 5); the engine observers the outputs need, chained
 * behind the command's own (the JSONL stream written while packets are
 * read, the HTML chart series); the end of the stream and the final
 * render.
 * Does not own: the inputs, the engine, the report model, the live view
 * (the command creates and frees them).
 *
 * Sequence: nt_rout_init, nt_rout_kafka, nt_rout_open, nt_rout_attach
 * (the engine is initialised and its own observer set), nt_rout_packet
 * after each nt_engine_packet, nt_rout_end after nt_engine_finish, then
 * nt_rout_free (also on any early exit after nt_rout_init).  The struct
 * must not move once attached: the engine and the stream point into it. */
#ifndef NT_CLI_REPORT_OUT_H
#define NT_CLI_REPORT_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "analysis/engine.h"
#include "core/out.h"
#include "report/jsonl.h"
#include "report/model.h"

struct nt_kafka;
struct nt_series;

enum { NT_ROUT_MAX_KAFKA_OPTS = 64, NT_ROUT_MAX_OBSERVERS = 3 };

/* --help lines of the options parsed here, as both commands print them. */
#define NT_ROUT_USAGE_FORMAT \
	"  --format F      text (default), md (Markdown incident report), json,\n" \
	"                  html (self-contained page with charts; open it in a browser)\n" \
	"                  or jsonl (one JSON event per line: DNS transactions with\n" \
	"                  Zeek dns.log fields, ICMP errors, findings; docs/jsonl-schema.md)\n"
#define NT_ROUT_USAGE_KAFKA \
	"  --output kafka://HOST:PORT[,HOST:PORT...]/TOPIC\n" \
	"                  also send every jsonl event to the Kafka topic, one message\n" \
	"                  each (key: the event's uid, or the finding kind); counts on\n" \
	"                  standard error and under \"export\" in --format json; exit\n" \
	"                  status 5 if a message was not delivered\n" \
	"  --kafka-opt K=V set a librdkafka property (message.timeout.ms, security...)\n"

/* What the command line asked for. */
struct nt_rout_opts {
	int fmt;                /* enum nt_fmt (cli/cli.h) */
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

struct nt_rout_observer {
	void (*fn)(void *ctx, const struct nt_event *ev);
	void *ctx;
};

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
	struct nt_rout_observer obs[NT_ROUT_MAX_OBSERVERS];
	unsigned n_obs;
};

void nt_rout_init(struct nt_rout *r, const struct nt_rout_opts *opt, const char *who);
/* Creates the producer of --output kafka:// (none without it): 0, or
 * NT_EXIT_USAGE with a message (bad URL or property). */
int nt_rout_kafka(struct nt_rout *r);
/* Opens the report's stream: standard output, or the -o file with fopen
 * (privileged == 0) or nt_privs_open_output (privileged: a capture that
 * may run as root; call it before nt_privs_drop).  0, or NT_EXIT_INTERNAL
 * with a message; analyze carries on without a report, watch stops. */
int nt_rout_open(struct nt_rout *r, int privileged);
/* Hooks the outputs into the engine: the observer the command has set
 * (if any) first, then the HTML series, then the JSONL stream (to the
 * report's stream with --format jsonl, to Kafka with --output kafka://).
 * 0, or NT_EXIT_INTERNAL (out of memory) with a message. */
int nt_rout_attach(struct nt_rout *r, struct nt_report *rep, struct nt_engine *eng);
/* After nt_engine_packet: the packet-level part of the series and of the
 * stream (ICMP errors); serves Kafka delivery reports every 4096 packets. */
void nt_rout_packet(struct nt_rout *r, const struct nt_pkt *pkt);
/* A live capture, once a second: writes out the streamed events so far
 * and serves Kafka delivery reports. */
void nt_rout_flush(struct nt_rout *r);
/* After nt_engine_finish: ends the stream (findings, closing line),
 * waits for Kafka's delivery reports and prints the counts, writes the
 * report in its format and closes the stream.  Returns status, or the
 * status that replaces it (5: export incomplete, 4: write error). */
int nt_rout_end(struct nt_rout *r, struct nt_report *rep, int status);
/* Frees what nt_rout_* made; closes the -o file if nt_rout_end did not. */
void nt_rout_free(struct nt_rout *r);

#endif
