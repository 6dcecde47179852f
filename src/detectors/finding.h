/* \summary: findings, the detectors' output: one problem seen in the
 * packets, with its measured figures, its evidence packets, the clients
 * and names involved, and the words a report prints (summary, analysis,
 * impact, ranked causes, next steps); and the bounded table of a run's
 * findings, keyed by kind, server, port and transport, that the detectors
 * fill and merge and the report reads.  All storage is fixed-size. */
#ifndef NT_FINDING_H
#define NT_FINDING_H

#include <stddef.h>
#include <stdint.h>

#include "core/fmt.h"
#include "core/packet.h"
#include "core/snap.h"

struct nt_detector;

enum nt_severity { NT_SEV_INFO, NT_SEV_LOW, NT_SEV_MEDIUM, NT_SEV_HIGH, NT_SEV_CRITICAL };

enum {
	NT_MAX_FINDINGS = 128,
	NT_MAX_CLIENTS = 16,
	NT_MAX_NAMES = 16,
	NT_MAX_EVIDENCE = 10,
	NT_MAX_CAUSES = 6,
	NT_MAX_STEPS = 8,
	NT_EVLINE_MAX = 400,   /* an evidence line as a report prints it */
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

/* One evidence packet: its snapshot (bytes or log line, time, frame,
 * input) with the facts the decoder read from it (core/snap.h).  The
 * report prints its tcpdump line from the snapshot (print/snap.h) and
 * reads what it shows from the facts. */
struct nt_evidence {
	struct nt_snap snap;
};

struct nt_cause {
	char title[128];
	char reasoning[1200];
};

/* Distinct strings counted without keeping them: exact (by 32-bit hash)
 * up to NT_DISTINCT_EXACT, then estimated: linear counting over 512 bits
 * while under 70% of them are set, HyperLogLog over 128 registers beyond
 * (about 9% error), never above the number of strings added. */
enum { NT_DISTINCT_EXACT = 48, NT_DISTINCT_REGS = 128 };
struct nt_distinct {
	uint32_t n_exact;
	uint8_t over; /* past the exact set: the count is an estimate */
	uint32_t h[NT_DISTINCT_EXACT];
	uint64_t bits[8];
	uint8_t reg[NT_DISTINCT_REGS];
	uint64_t adds;
	/* sum over the registers of 1 - 2^-reg, kept as they rise (0 when
	 * all are 0): the HyperLogLog sum without a pass over them */
	double hdrop;
};
uint32_t nt_distinct_count(const struct nt_distinct *d);

struct nt_finding {
	char kind[32];
	uint8_t severity;
	char protocol[12];     /* "DNS", "ICMP", "TCP" */
	char transport[8];     /* "udp", "tcp", "icmp" */
	int32_t port;          /* service port, -1 = null */
	char server[48];
	uint32_t n_clients, clients_more; /* more: beyond the kept ones */
	char clients[NT_MAX_CLIENTS][48];
	uint32_t n_names, names_more;     /* more: beyond the kept ones */
	uint8_t clients_more_est, names_more_est; /* those counts are estimates */
	char names[NT_MAX_NAMES][NT_DNS_NAME_MAX];
	uint64_t count;
	int64_t first_seen, last_seen;
	char summary[768];
	char analysis[1600];   /* how it was found: prose for the report */
	char impact[600];
	uint32_t n_evidence;
	uint64_t evidence_dropped;
	struct nt_evidence evidence[NT_MAX_EVIDENCE];
	uint32_t n_causes;
	struct nt_cause causes[NT_MAX_CAUSES];
	uint32_t n_steps;
	char steps[NT_MAX_STEPS][480];
	uint32_t n_figures;
	struct nt_figure figures[NT_MAX_FIGURES];
	struct nt_fig_series series; /* n == 0: none */
	/* the clients and names past the kept ones, counted distinct */
	struct nt_distinct more_clients, more_names;
	/* detector working state */
	struct nt_addr server_addr;
	struct nt_addr client_addr; /* the first client counted */
	struct nt_addr aux_addr;    /* an address of the detector's own use */
	char aux_note[80];          /* a word of the detector's own use (a zone) */
	char note[2][64];
	int64_t tmin, tmax;    /* e.g. shortest and longest delay */
	uint64_t aux[20];
	const struct nt_detector *owner; /* the detector that raised it */
};

/* The findings of one run. */
struct nt_findings {
	uint32_t n_findings;
	uint64_t findings_dropped;  /* not kept: the table was full */
	struct nt_finding findings[NT_MAX_FINDINGS];
	/* hash of each finding's kind, server, port and transport: the lookup
	 * by nt_findings_get() scans these 512 bytes, not the findings */
	uint32_t finding_key[NT_MAX_FINDINGS];
};

/* Empties the table. */
void nt_findings_clear(struct nt_findings *fs);
/* The finding of this kind for (server, port, transport), created when new
 * (NULL when the table is full). */
struct nt_finding *nt_findings_get(struct nt_findings *fs, const char *kind,
				   const char *server, int port, const char *transport);
/* The same finding, or NULL when there is none (creates nothing). */
struct nt_finding *nt_findings_find(struct nt_findings *fs, const char *kind,
				    const char *server, int port, const char *transport);
/* Removes f from the table (a detector folded it into another finding);
 * pointers to later findings move down by one. */
void nt_findings_remove(struct nt_findings *fs, struct nt_finding *f);
/* Sorts findings by severity (highest first), then first_seen, and each
 * finding's evidence by time. */
void nt_findings_sort(struct nt_findings *fs);

void nt_finding_add_client(struct nt_finding *f, const char *client);
void nt_finding_add_name(struct nt_finding *f, const char *name);
/* Counts one event at time t. */
void nt_finding_seen(struct nt_finding *f, int64_t t);
/* Keeps a packet as evidence when there is room (the rest counted). */
void nt_finding_evidence(struct nt_finding *f, const struct nt_snap *s);
/* Adds g's events to f: count, time span, clients, names and evidence
 * (kind-specific fields stay the caller's business). */
void nt_finding_absorb(struct nt_finding *f, const struct nt_finding *g);
/* Adds g's evidence to f's (as many as fit, the earliest kept; the rest counted). */
void nt_finding_copy_evidence(struct nt_finding *f, const struct nt_finding *g);
void nt_finding_cause(struct nt_finding *f, const char *title, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Inserts a cause in front of the others (the last one drops when full). */
void nt_finding_cause_first(struct nt_finding *f, const char *title, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Removes the first cause whose title starts with prefix. */
void nt_finding_drop_cause(struct nt_finding *f, const char *prefix);
void nt_finding_step(struct nt_finding *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Sets a measured figure (a number, or a short text). */
void nt_figure(struct nt_finding *f, const char *name, double v);
void nt_figure_text(struct nt_finding *f, const char *name, const char *text);

const char *nt_severity_name(int sev);

#endif
