/* \summary: helpers shared by the commands' option parsers: --help,
 * format names, --memcap. */
#include <stdio.h>
#include <string.h>

#include "analysis/engine.h"
#include "analysis/memcap.h"
#include "cli/cli.h"

int nt_cli_help(const char *arg, const char *usage)
{
	if (strcmp(arg, "--help") != 0 && strcmp(arg, "-h") != 0)
		return 0;
	fputs(usage, stdout);
	return 1;
}

int nt_cli_format(const char *name)
{
	static const struct {
		const char *name;
		int fmt;
	} names[] = {
		{"text", NT_FMT_TEXT}, {"md", NT_FMT_MD},     {"markdown", NT_FMT_MD},
		{"json", NT_FMT_JSON}, {"html", NT_FMT_HTML}, {"jsonl", NT_FMT_JSONL},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i].name) == 0)
			return names[i].fmt;
	return -1;
}

int nt_cli_memcap(const char *who, const char *val, double *mib)
{
	if (nt_memcap_parse(val, mib) < 0) {
		nt_cli_error("%s: --memcap wants MiB (1 or more), not '%s'", who, val);
		return NT_EXIT_USAGE;
	}
	return 0;
}

int nt_cli_threshold(const char *who, const char *opt, const char *val)
{
	if (strcmp(opt, "--timeout") == 0) {
		if (nt_param_set("dns.timeout", val) < 0) {
			nt_cli_error("%s: --timeout wants seconds, not '%s'", who, val);
			return NT_EXIT_USAGE;
		}
		return 0;
	}
	const char *eq = strchr(val, '=');
	char name[96];
	if (eq == NULL || (size_t)(eq - val) >= sizeof(name)) {
		nt_cli_error("%s: --set wants NAME=VALUE, not '%s'", who, val);
		return NT_EXIT_USAGE;
	}
	memcpy(name, val, (size_t)(eq - val));
	name[eq - val] = '\0';
	if (nt_param_set(name, eq + 1) < 0) {
		nt_cli_error("%s: unknown threshold or bad value in '%s' (see "
			     "nettriage analyze --list-thresholds)", who, val);
		return NT_EXIT_USAGE;
	}
	return 0;
}
