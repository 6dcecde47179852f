/* \summary: privileges of live capture: output files opened safely
 * before the capture starts, then the process gives up root (or its file
 * capabilities) before it parses a single packet, as tcpdump -Z does. */
#ifndef NT_PRIVS_H
#define NT_PRIVS_H

#include <stdio.h>

#include "core/error.h"

/* The user a root process becomes when -Z is not given. */
#define NT_PRIVS_DEFAULT_USER "nobody"

/* Opens path for writing ("wb"); every file the program writes is opened
 * here.  When running as root, walks the whole path and refuses (NULL,
 * message in err) a directory on it that belongs to another user or that
 * other users can write to without the sticky bit, a symbolic link that
 * another user owns, a link or anything but a plain file of root's with
 * one name in a sticky shared directory (/tmp), and an existing file of
 * another user's.  Directories and files of the user who ran sudo
 * (SUDO_UID) are trusted like root's.  "-" is standard output.  who names the command in
 * messages ("print", "watch"). */
FILE *nt_privs_open_output(const char *who, const char *path, struct nt_error *err);

/* Gives up privileges after the capture device and the outputs are open.
 * As root: becomes user (NULL: NT_PRIVS_DEFAULT_USER; "root" keeps root)
 * with its groups, and checks that root cannot be regained.  As another
 * user: clears every capability (a binary given cap_net_raw with setcap),
 * ignoring user as tcpdump does.  0, or -1 with a message in err. */
int nt_privs_drop(const char *user, struct nt_error *err);

#endif
