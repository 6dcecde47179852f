/* \summary: named, documented, overridable thresholds (`--set NAME=VALUE`).
 *
 * Each stage that has thresholds owns a table of them (the engine's, each
 * detector's); the program composes the tables into one list of groups
 * (cli/pipeline.h), where a name is looked up and set.  A value is
 * checked against its unit when it is set. */
#ifndef NT_PARAM_H
#define NT_PARAM_H

#include <stddef.h>

/* One named, documented, overridable threshold. */
struct nt_param {
	const char *name;   /* "dns.timeout" */
	double value;       /* default until overridden */
	const char *unit;   /* "s", "count", "ratio", "entries" */
	const char *doc;    /* what it controls */
	const char *source; /* where the default comes from */
};

/* The thresholds of one owner (the engine, a detector). */
struct nt_param_group {
	const char *owner;
	struct nt_param *p;
	size_t n;
};

/* The smallest and largest capacity of a table ("entries" parameters). */
enum { NT_PARAM_MIN_ENTRIES = 16, NT_PARAM_MAX_ENTRIES = 1 << 22 };

/* The parameter called name in the groups, or NULL. */
struct nt_param *nt_param_lookup(const struct nt_param_group *g, size_t ng, const char *name);
/* Sets p from text: 0, or -1 when the value is not a number in range for
 * its unit (non-negative, at most 1e9 so that seconds stay in int64
 * nanoseconds; "entries" within [NT_PARAM_MIN_ENTRIES, NT_PARAM_MAX_ENTRIES]). */
int nt_param_assign(struct nt_param *p, const char *value);
/* 1 when p is a table capacity ("cap.*" in entries). */
int nt_param_is_cap(const struct nt_param *p);

#endif
