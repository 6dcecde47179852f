/* \summary: the report model: what a report says, gathered in one place
 * at the end of a run (nt_report_collect): the inputs, the capture
 * statistics and state tables of the engine and the detectors, the
 * thresholds in effect, the findings (a view of the detectors' table) and
 * what the exports delivered.  The renderers (report/formats.h) only read
 * it.  All storage is fixed-size and allocated once (nt_report_new). */
#ifndef NT_REPORT_MODEL_H
#define NT_REPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/engine.h"
#include "core/fmt.h"
#include "core/out.h"
#include "core/param.h"
#include "detectors/finding.h"
#include "detectors/runner.h"

enum {
	NT_MAX_INPUTS = 16,
	NT_MAX_SKIPPED = 20,
	NT_REPORT_MAX_TABLES = 32,
};

struct nt_skipped_line {
	uint64_t line;
	char text[160];
};

struct nt_input_info {
	char path[512];
	char format[16];       /* "pcap", "pcapng", "tcpdump-text" */
	uint64_t packets;      /* packets (records) decoded */
	uint64_t lines;        /* text: lines read */
	uint64_t skipped;      /* text: lines not understood; pcap: undecodable records */
	uint32_t n_skipped_list;
	struct nt_skipped_line skipped_list[NT_MAX_SKIPPED];
	uint8_t no_date;       /* timestamps are time of day only */
	uint8_t is_text;
	uint8_t damaged;       /* reading stopped on an error */
	char error[256];
};

/* What `--output kafka://BROKERS/TOPIC` delivered, known once the producer
 * flushed: every produced event is either delivered or failed. */
#define NT_EXPORT_MAX_ERRORS 5
struct nt_export_kafka {
	char brokers[512];
	char topic[256];
	uint64_t produced, delivered, failed;
	uint32_t n_errors;                 /* distinct error texts kept */
	char errors[NT_EXPORT_MAX_ERRORS][160];
};

/* One bounded table of the run. */
struct nt_report_table {
	const char *name;
	struct nt_table_stats st;
};

struct nt_report {
	uint32_t n_inputs;
	struct nt_input_info inputs[NT_MAX_INPUTS];
	uint64_t packets;
	int64_t start, end;
	uint8_t have_time, no_date, any_text;
	uint64_t proto[NT_PR_COUNT];
	/* the findings, sorted (the detectors' table) */
	uint32_t n_findings;
	uint64_t findings_dropped;
	const struct nt_finding *findings;
	/* every bounded table: the engine's first (NT_TB_* order), then the
	 * detectors' */
	uint32_t n_tables, n_engine_tables;
	struct nt_report_table tables[NT_REPORT_MAX_TABLES];
	/* the thresholds in effect, by owner */
	const struct nt_param_group *params;
	size_t n_params;
	struct nt_dns_stats dns;
	struct nt_tcp_stats tcp;
	uint64_t icmp_errors, icmp_unlinked;
	struct nt_reasm_stats ip_reasm;   /* IP fragment reassembly */
	struct nt_tcpdns_stats tcp_dns;   /* DNS over TCP across segments */
	struct nt_series *series; /* chart series (HTML report), or NULL */
	const struct nt_export_kafka *kafka; /* the Kafka export, or NULL */
	const char *command;     /* "analyze" or "watch": named as the report's author */
};

struct nt_report *nt_report_new(void);
void nt_report_free(struct nt_report *r);
/* At the end of a run: copies the engine's statistics and tables, the
 * detectors' tables, and points at the findings (which must outlive the
 * report's use). */
void nt_report_collect(struct nt_report *r, const struct nt_engine *e,
		       const struct nt_detectors *d, const struct nt_findings *fs);

#endif
