/* Temporary scaffold, replaced by cli/cmd_explain.c. */
#include "cli/cli.h"
int nt_cmd_explain(int argc, char **argv) { (void)argc; (void)argv; return 2; }
