/* \summary: the analysis composed: thresholds, engine, detectors,
 * findings, report (cli/pipeline.h). */
#include "cli/pipeline.h"

#include <stdlib.h>

#include "detectors/detector.h"

const struct nt_param_group *nt_pipeline_params(size_t *n)
{
	static struct nt_param_group g[1 + 64];
	static size_t ng;
	if (ng == 0) {
		g[ng++] = (struct nt_param_group){"engine", nt_engine_params, NT_P_COUNT};
		for (size_t i = 0; i < nt_n_detectors && ng < NT_NELEM(g); i++)
			g[ng++] = (struct nt_param_group){nt_detectors[i]->name,
							  nt_detectors[i]->params,
							  nt_detectors[i]->n_params};
	}
	*n = ng;
	return g;
}

struct nt_param *nt_pipeline_param(const char *name)
{
	size_t n;
	const struct nt_param_group *g = nt_pipeline_params(&n);
	return nt_param_lookup(g, n, name);
}

int nt_pipeline_set(const char *name, const char *value)
{
	return nt_param_assign(nt_pipeline_param(name), value);
}

struct nt_pipeline *nt_pipeline_new(struct nt_report *rep, struct nt_error *err)
{
	struct nt_pipeline *p = calloc(1, sizeof(*p));
	if (p == NULL || nt_engine_init(&p->eng) < 0) {
		free(p);
		nt_error_set(err, NT_ENOMEM, "out of memory (analysis tables)");
		return NULL;
	}
	p->rep = rep;
	p->det = nt_detectors_new(&p->fs, err);
	if (p->det == NULL) {
		nt_engine_free(&p->eng);
		free(p);
		return NULL;
	}
	struct nt_listener l = nt_detectors_listener(p->det);
	nt_engine_listen(&p->eng, &l);
	return p;
}

void nt_pipeline_finish(struct nt_pipeline *p)
{
	nt_engine_finish(&p->eng);
	if (p->rep == NULL)
		return;
	nt_report_collect(p->rep, &p->eng, p->det, &p->fs);
	p->rep->params = nt_pipeline_params(&p->rep->n_params);
}

void nt_pipeline_free(struct nt_pipeline *p)
{
	if (p == NULL)
		return;
	nt_detectors_free(p->det);
	nt_engine_free(&p->eng);
	free(p);
}
