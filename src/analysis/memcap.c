/* \summary: --memcap: the bytes of every bounded state table (the engine's
 * DNS transaction, lookup, TCP handshake and host tables, and each attack
 * detector's keyed table) as a function of its capacity, and the one scale
 * factor that brings their total under the cap.  Tables evict their
 * oldest entries when full and count the evictions, so a smaller cap costs
 * evictions, never unbounded memory. */
#include "analysis/memcap.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/engine.h"
#include "detectors/attack.h"
#include "detectors/detectors.h"
#include "report/model.h"

enum { MIN_ENTRIES = 16, MAX_TABLES = 32 };
#define MAX_ENTRIES (double)(1 << 22)

enum mode {
	M_POOL,   /* cap entries + a power-of-two bucket array of int32 */
	M_HOST,   /* power-of-two slots >= 2 x cap, each entry + 1 byte of metadata */
	M_SLOTS,  /* power-of-two slots >= cap (nt_atab) */
};

struct table {
	struct nt_param *p;
	double esz;           /* bytes per entry */
	int mode;
	double cap0;          /* configured capacity */
	double cap;           /* scaled */
};

static double pow2_at_least(double n)
{
	double p = MIN_ENTRIES;
	while (p < n)
		p *= 2;
	return p;
}

static double table_bytes(const struct table *t, double cap)
{
	switch (t->mode) {
	case M_POOL:
		return cap * t->esz + pow2_at_least(cap) * 4;
	case M_HOST:
		return pow2_at_least(cap * 2) * (t->esz + 1);
	default:
		return pow2_at_least(cap) * t->esz;
	}
}

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

/* Entry size of the detector table behind parameter p: the detectors are
 * initialised once with the smallest capacities so that their tables
 * register themselves with their entry sizes. */
static double detector_esz(const struct nt_param *p)
{
	for (uint32_t i = 0; i < nt_atab_count; i++)
		if (nt_atab_list[i]->name && strcmp(nt_atab_list[i]->name, p->name + 4) == 0)
			return (double)nt_atab_list[i]->esz;
	return 256; /* a table not seen: a generous guess */
}

static void probe_detectors(void)
{
	double saved[MAX_TABLES];
	struct nt_param *ps[MAX_TABLES];
	size_t n = 0;
	for (size_t d = 0; d < n_detectors; d++)
		for (size_t i = 0; i < detectors[d].n_params && n < MAX_TABLES; i++) {
			struct nt_param *p = &detectors[d].params[i];
			if (strncmp(p->name, "cap.", 4) == 0 && strcmp(p->unit, "entries") == 0) {
				ps[n] = p;
				saved[n++] = p->value;
				p->value = MIN_ENTRIES;
			}
		}
	struct nt_report *r = nt_report_new();
	if (r) {
		for (size_t d = 0; d < n_detectors; d++)
			if (detectors[d].init)
				detectors[d].init(r);
		nt_report_free(r);
	}
	for (size_t i = 0; i < n; i++)
		ps[i]->value = saved[i];
}

static double total(const struct table *t, size_t n, double scale, int apply)
{
	double sum = 0;
	for (size_t i = 0; i < n; i++) {
		double c = floor(t[i].cap0 * scale);
		if (c < MIN_ENTRIES)
			c = MIN_ENTRIES;
		if (apply)
			t[i].p->value = c;
		sum += table_bytes(&t[i], c);
	}
	return sum;
}

int nt_memcap_apply(double mib, struct nt_memcap *info, char *err, size_t errlen)
{
	struct table t[MAX_TABLES];
	size_t n = 0;
	static const struct {
		int idx;
		int mode;
	} eng[] = {{NT_P_CAP_DNS, M_POOL}, {NT_P_CAP_LOOKUP, M_POOL}, {NT_P_CAP_TCP, M_POOL},
		   {NT_P_CAP_HOST, M_HOST}};
	const double esz[] = {sizeof(struct nt_dns_txn), sizeof(struct nt_lookup),
			      sizeof(struct nt_tcp_hs), sizeof(struct nt_host)};
	for (size_t i = 0; i < sizeof(eng) / sizeof(eng[0]); i++) {
		t[n].p = &nt_engine_params[eng[i].idx];
		t[n].esz = esz[i];
		t[n].mode = eng[i].mode;
		n++;
	}
	probe_detectors();
	for (size_t d = 0; d < n_detectors; d++)
		for (size_t i = 0; i < detectors[d].n_params && n < MAX_TABLES; i++) {
			struct nt_param *p = &detectors[d].params[i];
			if (strncmp(p->name, "cap.", 4) != 0 || strcmp(p->unit, "entries") != 0)
				continue;
			t[n].p = p;
			t[n].esz = detector_esz(p);
			t[n].mode = M_SLOTS;
			n++;
		}
	for (size_t i = 0; i < n; i++) {
		double c = floor(t[i].p->value);
		t[i].cap0 = c < MIN_ENTRIES ? MIN_ENTRIES : c > MAX_ENTRIES ? MAX_ENTRIES : c;
	}
	double budget = mib * 1048576.0;
	double before = total(t, n, 1.0, 0);
	double scale = 1.0;
	if (before > budget) {
		double lo = 0, hi = 1;
		if (total(t, n, 0, 0) > budget) {
			snprintf(err, errlen,
				 "--memcap %g MiB is too small: the state tables need at least %.1f "
				 "MiB at their smallest capacities",
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
