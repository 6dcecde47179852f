/* \summary: command-line front end: subcommands and shared helpers. */
#ifndef NT_CLI_H
#define NT_CLI_H

/* Exit statuses (documented in the README and the man page). */
enum {
	NT_EXIT_OK = 0,        /* success */
	NT_EXIT_DAMAGED = 1,   /* input damaged: what came before was processed */
	NT_EXIT_USAGE = 2,     /* bad command line */
	NT_EXIT_INPUT = 3,     /* input could not be opened or is not a capture */
	NT_EXIT_INTERNAL = 4,  /* out of memory, write error */
	NT_EXIT_EXPORT = 5,    /* export incomplete: a Kafka message was not delivered */
};

/* Output formats (--format), in the order of their names in messages.
 * explain writes the first three, analyze and watch all five. */
enum nt_fmt { NT_FMT_TEXT, NT_FMT_MD, NT_FMT_JSON, NT_FMT_HTML, NT_FMT_JSONL };

int nt_cmd_print(int argc, char **argv);
int nt_cmd_analyze(int argc, char **argv);
int nt_cmd_explain(int argc, char **argv);
int nt_cmd_watch(int argc, char **argv);

/* "nettriage: <msg>" on stderr. */
void nt_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* ---- shared by the commands' option parsers (args.c) ---- */

/* 1 when arg is --help or -h: usage has been printed on standard output
 * (the command then exits 0); else 0. */
int nt_cli_help(const char *arg, const char *usage);
/* The format named name ("markdown" is md), or -1. */
int nt_cli_format(const char *name);
/* --memcap MIB into *mib: 0, or NT_EXIT_USAGE with a message naming who
 * ("analyze", "watch"). */
int nt_cli_memcap(const char *who, const char *val, double *mib);
/* --timeout SECONDS (dns.timeout) or --set NAME=VALUE (opt says which):
 * 0, or NT_EXIT_USAGE with a message naming who. */
int nt_cli_threshold(const char *who, const char *opt, const char *val);

extern const char *nt_version;

#endif
