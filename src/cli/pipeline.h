/* \summary: the analysis as analyze, watch, the analyze fuzzer and the
 * tests run it, composed in one place: the thresholds of every stage (one
 * list of groups: the engine's, then each detector's), the engine with the
 * detectors subscribed, the findings table, and the report model filled
 * at the end.  The outputs subscribe to the same engine (cli/report_out.h). */
#ifndef NT_CLI_PIPELINE_H
#define NT_CLI_PIPELINE_H

#include <stddef.h>

#include "analysis/engine.h"
#include "core/error.h"
#include "core/param.h"
#include "detectors/finding.h"
#include "detectors/runner.h"
#include "report/model.h"

/* Every threshold of the program, by owner; *n gets the number of groups. */
const struct nt_param_group *nt_pipeline_params(size_t *n);
/* The threshold called name, or NULL. */
struct nt_param *nt_pipeline_param(const char *name);
/* Sets a threshold from text: 0, or -1 (unknown name or bad value). */
int nt_pipeline_set(const char *name, const char *value);

struct nt_pipeline {
	struct nt_engine eng;
	struct nt_findings fs;
	struct nt_detectors *det;
	struct nt_report *rep;   /* the caller's; filled by nt_pipeline_finish */
};

/* A pipeline writing into rep (which the caller keeps): NULL with err
 * set when out of memory.  Listeners can be added to p->eng before the
 * first packet. */
struct nt_pipeline *nt_pipeline_new(struct nt_report *rep, struct nt_error *err);
/* One packet, in time order. */
static inline void nt_pipeline_packet(struct nt_pipeline *p, const struct nt_pkt *pkt,
				      const struct nt_raw *raw)
{
	nt_engine_packet(&p->eng, pkt, raw);
}
/* End of input: the engine and the detectors finish, the report model is
 * filled (statistics, tables, thresholds, the sorted findings). */
void nt_pipeline_finish(struct nt_pipeline *p);
void nt_pipeline_free(struct nt_pipeline *p);

#endif
