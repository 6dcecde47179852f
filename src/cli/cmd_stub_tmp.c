#include "cli/cli.h"
int nt_cmd_analyze(int argc, char **argv) { (void)argc; (void)argv; return 2; }
int nt_cmd_explain(int argc, char **argv) { (void)argc; (void)argv; return 2; }
