/* main.c — the `vnplan` command: everything is in the CLI module. */
#include "vp_cli.h"

int main(int argc, char **argv) { return vp_cli_main(argc, argv); }
