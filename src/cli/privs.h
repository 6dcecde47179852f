/* \summary: privileges of live capture: output files opened safely
 * before the capture starts, then the process gives up root (or its file
 * capabilities) before it parses a single packet, as tcpdump -Z does. */
#ifndef NT_PRIVS_H
#define NT_PRIVS_H

#include <stdio.h>

/* The user a root process becomes when -Z is not given. */
#define NT_PRIVS_DEFAULT_USER "nobody"

/* Opens path for writing ("wb").  When running as root, refuses (NULL,
 * message in err) a directory that other users can write to without the
 * sticky bit, or that belongs to another user (not root), and an existing
 * file that is not a regular file owned by root; never follows a symbolic
 * link for the last component.  "-" is standard output.  who names the
 * command in messages ("print", "watch"). */
FILE *nt_privs_open_output(const char *who, const char *path, char *err, size_t errlen);

/* Gives up privileges after the capture device and the outputs are open.
 * As root: becomes user (NULL: NT_PRIVS_DEFAULT_USER; "root" keeps root)
 * with its groups, and checks that root cannot be regained.  As another
 * user: clears every capability (a binary given cap_net_raw with setcap),
 * ignoring user as tcpdump does.  0, or -1 with a message in err. */
int nt_privs_drop(const char *user, char *err, size_t errlen);

#endif
