/*
** vp_cli.h — the `vnplan` command line: the subcommand table, argument
** parsing, and text output for people (or the query layer's JSON with
** --json). Not for computing answers (vp_query.h).
*/
#ifndef VP_CLI_H
#define VP_CLI_H

/* Exit statuses of the vnplan command. */
#define VP_EXIT_OK 0
#define VP_EXIT_NOTFOUND 1 /* nothing found, or some files were skipped */
#define VP_EXIT_USAGE 2    /* misuse, or a query that cannot be read */
#define VP_EXIT_FAILURE 3  /* the index cannot be read or written */

/* Run `vnplan ARGS…`; returns the exit status. */
int vp_cli_main(int argc, char **argv);

#endif /* VP_CLI_H */
