/* Temporary scaffold, replaced by cli/cmd_analyze.c. */
#include "cli/cli.h"
int nt_cmd_analyze(int argc, char **argv) { (void)argc; (void)argv; return 2; }
