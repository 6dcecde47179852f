/* \summary: the report model: inputs, capture statistics, protocols and
 * findings, filled by the engine and the detectors and read by the JSON,
 * Markdown and text renderers.  All storage is fixed-size and allocated
 * once (nt_report_new). */
#ifndef NT_REPORT_MODEL_H
#define NT_REPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/engine.h"
#include "core/fmt.h"
#include "core/out.h"

enum nt_severity { NT_SEV_INFO, NT_SEV_LOW, NT_SEV_MEDIUM, NT_SEV_HIGH, NT_SEV_CRITICAL };

enum {
	NT_MAX_INPUTS = 16,
	NT_MAX_FINDINGS = 128,
	NT_MAX_CLIENTS = 16,
	NT_MAX_NAMES = 8,
	NT_MAX_EVIDENCE = 10,
	NT_MAX_CAUSES = 6,
	NT_MAX_STEPS = 8,
	NT_MAX_SKIPPED = 20,
	NT_EVLINE_MAX = 400,
	NT_MAX_FIGURES = 16,
	NT_FIG_SERIES = 60,
};

/* One measured figure of a finding (rates, entropy, ratios, distinct
 * counts): a number, or a short text when text[0] is set. */
struct nt_figure {
	char name[32];
	double value;
	char text[64];
};

/* A bounded rate curve: counts[i] events in [start + i*step, +step) s. */
struct nt_fig_series {
	char what[32];         /* "dns_queries_per_s" */
	int64_t start;         /* ns */
	uint32_t step_s, n;
	uint32_t counts[NT_FIG_SERIES];
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

struct nt_evidence {
	uint64_t frame;
	uint64_t line;         /* text logs: line number */
	int64_t t;
	uint8_t input;
	char text[NT_EVLINE_MAX];
};

struct nt_cause {
	char title[128];
	char reasoning[700];
};

struct nt_finding {
	char kind[32];
	uint8_t severity;
	char protocol[12];     /* "DNS", "ICMP", "TCP" */
	char transport[8];     /* "udp", "tcp", "icmp" */
	int32_t port;          /* service port, -1 = null */
	char server[48];
	uint32_t n_clients, clients_more;
	char clients[NT_MAX_CLIENTS][48];
	uint32_t n_names, names_more;
	char names[NT_MAX_NAMES][NT_DNS_NAME_MAX];
	uint64_t count;
	int64_t first_seen, last_seen;
	char summary[512];
	char analysis[1600];   /* how it was found: prose for the report */
	char impact[600];
	uint32_t n_evidence;
	uint64_t evidence_dropped;
	struct nt_evidence evidence[NT_MAX_EVIDENCE];
	uint32_t n_causes;
	struct nt_cause causes[NT_MAX_CAUSES];
	uint32_t n_steps;
	char steps[NT_MAX_STEPS][320];
	uint32_t n_figures;
	struct nt_figure figures[NT_MAX_FIGURES];
	struct nt_fig_series series; /* n == 0: none */
	/* detector working state */
	struct nt_addr server_addr;
	char note[2][64];
	int64_t tmin, tmax;    /* e.g. shortest and longest delay */
	uint64_t aux[20];
	int det;               /* index of the detector that owns it */
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

struct nt_report {
	uint32_t n_inputs;
	struct nt_input_info inputs[NT_MAX_INPUTS];
	uint64_t packets;
	int64_t start, end;
	uint8_t have_time, no_date, any_text;
	uint64_t proto[NT_PR_COUNT];
	uint32_t n_findings;
	uint64_t findings_dropped;
	struct nt_finding findings[NT_MAX_FINDINGS];
	/* hash of each finding's kind, server, port and transport: the lookup
	 * by nt_report_finding() scans these 512 bytes, not the findings */
	uint32_t finding_key[NT_MAX_FINDINGS];
	struct nt_table_stats tables[NT_TB_COUNT];
	struct nt_dns_stats dns;
	struct nt_tcp_stats tcp;
	uint64_t icmp_errors, icmp_unlinked;
	const struct nt_engine *engine;
	struct nt_series *series; /* chart series (HTML report), or NULL */
	const struct nt_export_kafka *kafka; /* the Kafka export, or NULL */
	const char *command;     /* "analyze" or "watch": named as the report's author */
};

struct nt_report *nt_report_new(void);
void nt_report_free(struct nt_report *r);

/* The finding of this kind for (server, port, transport), created when new
 * (NULL when the findings table is full). */
struct nt_finding *nt_report_finding(struct nt_report *r, const char *kind,
				     const char *server, int port, const char *transport);
/* The same finding, or NULL when there is none (creates nothing). */
struct nt_finding *nt_report_find(struct nt_report *r, const char *kind,
				  const char *server, int port, const char *transport);
/* Removes f from the report (a detector folded it into another finding);
 * pointers to later findings move down by one. */
void nt_report_remove(struct nt_report *r, struct nt_finding *f);
void nt_finding_add_client(struct nt_finding *f, const char *client);
void nt_finding_add_name(struct nt_finding *f, const char *name);
/* Counts one event at time t and keeps its snapshot as evidence when
 * there is room (rendering it now). */
void nt_finding_seen(struct nt_finding *f, int64_t t);
void nt_finding_evidence(struct nt_finding *f, const struct nt_snap *s);
/* Adds g's events to f: count, time span, clients, names and evidence
 * (kind-specific fields stay the caller's business). */
void nt_finding_absorb(struct nt_finding *f, const struct nt_finding *g);
/* Adds g's evidence lines to f's (as many as fit; the rest counted). */
void nt_finding_copy_evidence(struct nt_finding *f, const struct nt_finding *g);
void nt_finding_cause(struct nt_finding *f, const char *title, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void nt_finding_step(struct nt_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sorts findings by severity (highest first), then first_seen. */
void nt_report_sort(struct nt_report *r);

const char *nt_severity_name(int sev);
/* Renderers. color: ANSI colours in text output. */
void nt_report_json(const struct nt_report *r, struct nt_out *o);
void nt_report_markdown(const struct nt_report *r, struct nt_out *o);
void nt_report_text(const struct nt_report *r, struct nt_out *o, int color);
/* Self-contained HTML page with inline SVG charts from r->series (may be NULL). */
void nt_report_html(const struct nt_report *r, struct nt_out *o);

#endif
