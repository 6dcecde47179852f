/* \summary: command-line front end: the subcommands, their exit statuses
 * and the helpers their option parsers share (messages, --help, formats,
 * thresholds, --memcap). */
#ifndef NT_CLI_H
#define NT_CLI_H

#include <stdio.h>

#include "core/error.h"
#include "report/formats.h"

/* Exit statuses (documented in the README and the man page). */
enum {
	NT_EXIT_OK = 0,        /* success */
	NT_EXIT_DAMAGED = 1,   /* input damaged: what came before was processed */
	NT_EXIT_USAGE = 2,     /* bad command line */
	NT_EXIT_INPUT = 3,     /* input could not be opened or is not a capture */
	NT_EXIT_INTERNAL = 4,  /* out of memory, write error */
	NT_EXIT_EXPORT = 5,    /* export incomplete: a Kafka message was not delivered */
};

/* Output formats (--format): the table of report/formats.h; explain
 * writes those flagged NT_FMTF_EXPLAIN, analyze and watch all. */

int nt_cmd_print(int argc, char **argv);
int nt_cmd_analyze(int argc, char **argv);
int nt_cmd_explain(int argc, char **argv);
int nt_cmd_watch(int argc, char **argv);

/* "nettriage: <msg>" on stderr. */
void nt_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "nettriage: WHO: <err's message>" on stderr; returns status. */
int nt_cli_fail(const char *who, const struct nt_error *err, int status);

/* ---- shared by the commands' option parsers (args.c) ---- */

/* 1 when arg is --help or -h: usage has been printed on standard output
 * (the command then exits 0); else 0. */
int nt_cli_help(const char *arg, const char *usage);
/* 1 when arg asks for information and it has been printed on standard
 * output (the command then exits 0): --help/-h (usage), --list-formats
 * (the formats that have every flag of need); else 0. */
int nt_cli_info(const char *arg, void (*usage)(FILE *f), unsigned need);
/* The format named name ("markdown" is md), or -1 (report/formats.h). */
int nt_cli_format(const char *name);

/* --memcap MIB into *mib: 0, or NT_EXIT_USAGE with a message naming who
 * ("analyze", "watch"). */
int nt_cli_memcap(const char *who, const char *val, double *mib);
/* --timeout SECONDS (dns.timeout) or --set NAME=VALUE (opt says which):
 * 0, or NT_EXIT_USAGE with a message naming who. */
int nt_cli_threshold(const char *who, const char *opt, const char *val);

/* 1 when the paths a and b both exist and are the same file (device and
 * inode; "-" is standard input or output, never a file), else 0. */
int nt_cli_same_file(const char *a, const char *b);

extern const char *nt_version;

#endif
