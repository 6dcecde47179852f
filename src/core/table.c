/* \summary: bytes of a bounded table as a function of its capacity
 * (core/table.h). */
#include "core/table.h"

#include "core/param.h"

static double pow2_at_least(double n)
{
	double p = NT_PARAM_MIN_ENTRIES;
	while (p < n)
		p *= 2;
	return p;
}

double nt_table_bytes(const struct nt_table_desc *d, double cap)
{
	double esz = (double)d->entry_size;
	switch (d->layout) {
	case NT_LAYOUT_POOL:
		return cap * esz + pow2_at_least(cap) * 4;
	case NT_LAYOUT_OPEN2X:
		return pow2_at_least(cap * 2) * (esz + 1);
	default:
		return pow2_at_least(cap) * esz;
	}
}
