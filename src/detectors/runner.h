/* \summary: one run of every detector of the table: their per-run states
 * and bounded tables, the engine listener that hands them packets and
 * events, and their finish at the end of input, all writing into one
 * findings table.  The runner owns the states; the caller owns the engine
 * and the findings table. */
#ifndef NT_DETECTORS_RUNNER_H
#define NT_DETECTORS_RUNNER_H

#include <stddef.h>

#include "analysis/engine.h"
#include "core/error.h"
#include "core/table.h"
#include "detectors/detector.h"

struct nt_detectors;

/* A detector's bounded table, for the report. */
struct nt_det_table_info {
	const char *name;
	struct nt_table_stats st;
};

/* Sets up every detector for one run writing into fs (cleared): NULL
 * with err set when out of memory. */
struct nt_detectors *nt_detectors_new(struct nt_findings *fs, struct nt_error *err);
/* The engine listener that runs them (nt_engine_listen): packets (IP
 * only) and events to each detector that takes them; at the end of input
 * each detector's finish, then the findings sorted. */
struct nt_listener nt_detectors_listener(struct nt_detectors *d);
/* Number of the detectors' tables, and table i (in table order). */
size_t nt_detectors_n_tables(const struct nt_detectors *d);
struct nt_det_table_info nt_detectors_table(const struct nt_detectors *d, size_t i);
void nt_detectors_free(struct nt_detectors *d);

#endif
