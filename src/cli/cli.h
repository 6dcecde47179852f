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

int nt_cmd_print(int argc, char **argv);
int nt_cmd_analyze(int argc, char **argv);
int nt_cmd_explain(int argc, char **argv);
int nt_cmd_watch(int argc, char **argv);

/* "nettriage: <msg>" on stderr. */
void nt_cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

extern const char *nt_version;

#endif
