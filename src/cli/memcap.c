/* \summary: --memcap: the bytes of every bounded state table of a run as a
 * function of its capacity, from the tables the engine and the detectors
 * declare, and the one scale factor that brings their total under the
 * cap.  Tables evict their oldest entries when full and count the
 * evictions, so a smaller cap costs evictions, never unbounded memory. */
#include "cli/memcap.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "analysis/engine.h"
#include "cli/pipeline.h"
#include "core/table.h"
#include "detectors/detector.h"

enum { MAX_TABLES = 64 };

struct table {
	const struct nt_table_desc *d;
	struct nt_param *p;   /* its capacity */
	double cap0;          /* configured capacity */
};

int nt_memcap_parse(const char *s, double *mib)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || end == s || *end || !(v >= 1) || v > 1048576)
		return -1;
	*mib = v;
	return 0;
}

static double total(const struct table *t, size_t n, double scale, int apply)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		double c = floor(t[i].cap0 * scale);
		if (c < NT_PARAM_MIN_ENTRIES)
			c = NT_PARAM_MIN_ENTRIES;
		if (apply)
			t[i].p->value = c;
		sum += nt_table_bytes(t[i].d, c);
	}
	return sum;
}

/* Every table of a run with its capacity parameter. */
static size_t tables(struct table *t, struct nt_error *err)
{
	size_t n = 0;
	for (int i = 0; i < NT_TB_COUNT; i++)
		t[n++] = (struct table){&nt_engine_tables[i],
					nt_pipeline_param(nt_engine_tables[i].cap_param), 0};
	for (size_t d = 0; d < nt_n_detectors; d++)
		for (size_t k = 0; k < nt_detectors[d]->n_tables && n < MAX_TABLES; k++) {
			const struct nt_table_desc *td = &nt_detectors[d]->tables[k];
			t[n++] = (struct table){td, nt_pipeline_param(td->cap_param), 0};
		}
	for (size_t i = 0; i < n; i++)
		if (t[i].p == NULL) {
			nt_error_set(err, NT_EUSAGE, "table %s has no capacity parameter %s",
				     t[i].d->name, t[i].d->cap_param);
			return 0;
		}
	return n;
}

int nt_memcap_apply(double mib, struct nt_memcap *info, struct nt_error *err)
{
	struct table t[MAX_TABLES];
	size_t n = tables(t, err);
	if (n == 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		double c = floor(t[i].p->value);
		t[i].cap0 = c < NT_PARAM_MIN_ENTRIES   ? NT_PARAM_MIN_ENTRIES
			    : c > NT_PARAM_MAX_ENTRIES ? NT_PARAM_MAX_ENTRIES
						       : c;
	}
	double budget = mib * 1048576.0;
	double before = total(t, n, 1.0, 0);
	double scale = 1.0;
	if (before > budget) {
		double lo = 0, hi = 1;
		if (total(t, n, 0, 0) > budget) {
			nt_error_set(err, NT_EUSAGE,
				     "--memcap %g MiB is too small: the state tables need at least "
				     "%.1f MiB at their smallest capacities",
				     mib, total(t, n, 0, 0) / 1048576.0);
			return -1;
		}
		for (int k = 0; k < 60; k++) {
			double mid = (lo + hi) / 2;
			if (total(t, n, mid, 0) <= budget)
				lo = mid;
			else
				hi = mid;
		}
		scale = lo;
	}
	double after = total(t, n, scale, 1);
	if (info) {
		info->cap_mib = mib;
		info->before_bytes = before;
		info->after_bytes = after;
		info->scale = scale;
		info->n_tables = (unsigned)n;
	}
	return 0;
}
