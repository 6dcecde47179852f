/* \summary: nettriage entry point: dispatch to a subcommand. */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

const char *nt_version = "0.1.0";

static void usage(FILE *f)
{
	fputs("usage: nettriage <command> [options] ...\n"
	      "       nettriage --version | -V\n"
	      "\n"
	      "commands:\n"
	      "  print    print packets as tcpdump does (tcpdump's flags: -n -v -t -e -q -# -c ...)\n"
	      "  analyze  diagnose a capture or a tcpdump text log and write an incident report\n"
	      "  explain  explain every field of a tcpdump line, or of each packet of a capture\n"
	      "  watch    capture live, show rates and findings every second, then write the report\n"
	      "\n"
	      "Run 'nettriage <command> --help' for the options of a command.\n", f);
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return NT_EXIT_USAGE;
	}
	const char *cmd = argv[1];
	if (strcmp(cmd, "print") == 0)
		return nt_cmd_print(argc - 1, argv + 1);
	if (strcmp(cmd, "analyze") == 0 || strcmp(cmd, "analyse") == 0)
		return nt_cmd_analyze(argc - 1, argv + 1);
	if (strcmp(cmd, "explain") == 0)
		return nt_cmd_explain(argc - 1, argv + 1);
	if (strcmp(cmd, "watch") == 0)
		return nt_cmd_watch(argc - 1, argv + 1);
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0 || strcmp(cmd, "version") == 0) {
		printf("nettriage %s\n", nt_version);
		return NT_EXIT_OK;
	}
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		usage(stdout);
		return NT_EXIT_OK;
	}
	nt_cli_error("unknown command '%s'; commands are print, analyze, explain, "
		     "watch (see 'nettriage --help')", cmd);
	return NT_EXIT_USAGE;
}
