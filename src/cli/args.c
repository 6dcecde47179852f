/* \summary: helpers shared by the commands: error messages, --help,
 * format names, thresholds, --memcap. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli/cli.h"
#include "core/escape.h"
#include "core/out.h"
#include "cli/memcap.h"
#include "cli/pipeline.h"

void nt_cli_error(const char *fmt, ...)
{
	/* messages quote file names and input: terminal-safe (core/escape.h) */
	char msg[2048];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct nt_out o;
	if (nt_out_open(&o, stderr, 256) < 0) {
		fprintf(stderr, "nettriage: %s\n", msg);
		return;
	}
	nt_out_safe(&o);
	nt_out_puts(&o, "nettriage: ");
	nt_out_puts(&o, msg);
	nt_out_putc(&o, '\n');
	nt_out_close(&o);
}

int nt_cli_fail(const char *who, const struct nt_error *err, int status)
{
	nt_cli_error("%s: %s", who, err->msg[0] ? err->msg : nt_strerror(err->code));
	return status;
}

int nt_cli_help(const char *arg, const char *usage)
{
	if (strcmp(arg, "--help") != 0 && strcmp(arg, "-h") != 0)
		return 0;
	fputs(usage, stdout);
	return 1;
}

int nt_cli_info(const char *arg, void (*usage)(FILE *f), unsigned need)
{
	if (strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0) {
		usage(stdout);
		return 1;
	}
	if (strcmp(arg, "--list-formats") == 0) { /* for the shell completion */
		char list[96];
		puts(nt_format_list(list, sizeof(list), need, " ", " "));
		return 1;
	}
	return 0;
}

int nt_cli_format(const char *name)
{
	return nt_format_find(name);
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
		if (nt_pipeline_set("dns.timeout", val) < 0) {
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
	if (nt_pipeline_set(name, eq + 1) < 0) {
		nt_cli_error("%s: unknown threshold or bad value in '%s' (see "
			     "nettriage analyze --list-thresholds)", who, val);
		return NT_EXIT_USAGE;
	}
	return 0;
}

int nt_cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
		return 0;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
	       sa.st_ino == sb.st_ino;
}
