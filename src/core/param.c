/* \summary: threshold lookup and checked assignment (core/param.h). */
#include "core/param.h"

#include <stdlib.h>
#include <string.h>

struct nt_param *nt_param_lookup(const struct nt_param_group *g, size_t ng, const char *name)
{
	for (size_t k = 0; k < ng; k++)
		for (size_t i = 0; i < g[k].n; i++)
			if (strcmp(g[k].p[i].name, name) == 0)
				return &g[k].p[i];
	return NULL;
}

int nt_param_assign(struct nt_param *p, const char *value)
{
	if (p == NULL || value == NULL || *value == '\0')
		return -1;
	char *end;
	double v = strtod(value, &end);
	if (*end != '\0' || v < 0 || v != v || v > 1e9) /* 1e9: seconds stay in int64 ns */
		return -1;
	if (strcmp(p->unit, "entries") == 0 &&
	    (v < NT_PARAM_MIN_ENTRIES || v > NT_PARAM_MAX_ENTRIES))
		return -1;
	p->value = v;
	return 0;
}

int nt_param_is_cap(const struct nt_param *p)
{
	return strncmp(p->name, "cap.", 4) == 0 && strcmp(p->unit, "entries") == 0;
}
