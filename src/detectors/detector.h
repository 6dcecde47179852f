/* \summary: what a detector is: one descriptor per finding family (its
 * name, the finding kinds it raises with their titles, its thresholds, its
 * bounded tables and the size of its per-run state) and the calls the
 * runner makes (detectors/runner.h).  A detector is one file that defines
 * one `const struct nt_detector` and one line in the table of
 * detectors/registry.c; it keeps no state outside the state the runner
 * allocates for each run.
 *
 * A detector reads engine events and packets (analysis/engine.h) and
 * writes findings (detectors/finding.h); it never calls the report. */
#ifndef NT_DETECTOR_H
#define NT_DETECTOR_H

#include <stddef.h>

#include "analysis/engine.h"
#include "core/param.h"
#include "core/table.h"
#include "detectors/finding.h"

/* A finding kind and how a report names one finding of it. */
struct nt_kind {
	const char *name; /* "dns.server_unreachable" */
	/* "DNS service on 192.0.2.53 unreachable (UDP port 53)" into dst */
	void (*title)(const struct nt_finding *f, char *dst, size_t n);
};

struct nt_detector {
	const char *name;               /* family, e.g. "dns.server_unreachable" */
	const struct nt_kind *kinds;    /* the kinds it raises */
	size_t n_kinds;
	struct nt_param *params;        /* its thresholds (configurable with --set) */
	size_t n_params;
	/* its bounded tables: each a struct nt_ktab at .offset in the state,
	 * of .entry_size bytes an entry, which the runner allocates with the
	 * capacity of its parameter .cap_param (one of params) before init
	 * and frees after release */
	const struct nt_table_desc *tables;
	size_t n_tables;
	size_t state_size;              /* bytes of its per-run state (zeroed), or 0 */
	/* Sets up a run (its tables are ready); 0, or -1 when out of memory. */
	int (*init)(void *state);
	/* An engine event; NULL when it needs none. */
	void (*on_event)(void *state, struct nt_findings *fs, const struct nt_engine *e,
			 const struct nt_event *ev);
	/* Every IPv4/IPv6 packet, after the correlators (detectors that count
	 * rates and fan-out); NULL for most families. */
	void (*on_packet)(void *state, struct nt_findings *fs, const struct nt_engine *e,
			  const struct nt_pkt *pkt, const struct nt_raw *raw);
	/* End of input: writes severity, summary, analysis, causes and steps. */
	void (*finish)(void *state, struct nt_findings *fs, const struct nt_engine *e);
	/* Frees what init allocated, if anything. */
	void (*release)(void *state);
};

#define NT_NELEM(a) (sizeof(a) / sizeof((a)[0]))
/* Descriptor members from the arrays of a detector's file. */
#define NT_DET_KINDS(k) .kinds = (k), .n_kinds = NT_NELEM(k)
#define NT_DET_PARAMS(p) .params = (p), .n_params = NT_NELEM(p)
#define NT_DET_TABLES(t, state)                                                         \
	.tables = (t), .n_tables = NT_NELEM(t), .state_size = sizeof(state)

/* Every detector, in the order their findings are considered (registry.c). */
extern const struct nt_detector *const nt_detectors[];
extern const size_t nt_n_detectors;

/* The detector named name, or NULL. */
const struct nt_detector *nt_detector_find(const char *name);
/* The kind called name, with the detector that raises it; NULL when no
 * detector raises it. */
const struct nt_kind *nt_kind_find(const char *name, const struct nt_detector **det);
/* The finding in a few words ("DNS server 192.0.2.53 not responding"),
 * by the title function of its kind. */
const char *nt_finding_title(const struct nt_finding *f, char *dst, size_t n);

#endif
