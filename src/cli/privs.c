/* \summary: privileges of live capture: safe opening of the output files
 * of a root process (directory and file ownership checks, no symbolic
 * link followed in a shared directory), then the drop to an unprivileged
 * user with its groups (tcpdump's -Z), verified, or the clearing of file
 * capabilities when not started as root. */
#include "cli/privs.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sys/syscall.h>
#endif

static void msg(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void msg(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static const char advice[] =
	"write it into a directory that only root can write to (such as /root), or "
	"capture without root after 'setcap cap_net_raw,cap_net_admin=eip' on the "
	"nettriage binary (see nettriage(1), PRIVILEGES)";

FILE *nt_privs_open_output(const char *who, const char *path, char *err, size_t errlen)
{
	if (strcmp(path, "-") == 0)
		return stdout;
	if (geteuid() != 0) {
		FILE *f = fopen(path, "wb");
		if (f == NULL)
			msg(err, errlen, "%s: cannot write '%s': %s", who, path, strerror(errno));
		return f;
	}
	char dir[4096];
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else if ((size_t)(slash - path) < sizeof(dir))
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	else {
		msg(err, errlen, "%s: output path too long: '%s'", who, path);
		return NULL;
	}
	struct stat ds;
	if (stat(dir, &ds) != 0) {
		msg(err, errlen, "%s: cannot write '%s': directory '%s': %s", who, path, dir,
		    strerror(errno));
		return NULL;
	}
	int shared = (ds.st_mode & S_IWOTH) || ((ds.st_mode & S_IWGRP) && ds.st_gid != 0);
	if (shared && !(ds.st_mode & S_ISVTX)) {
		msg(err, errlen,
		    "%s: refusing to write '%s' as root: directory '%s' (mode %04o) is writable "
		    "by other users and has no sticky bit, so they could replace the file; %s",
		    who, path, dir, (unsigned)(ds.st_mode & 07777), advice);
		return NULL;
	}
	if (ds.st_uid != 0) {
		struct passwd *pw = getpwuid(ds.st_uid);
		char owner[64];
		if (pw)
			snprintf(owner, sizeof(owner), "%s", pw->pw_name);
		else
			snprintf(owner, sizeof(owner), "uid %u", (unsigned)ds.st_uid);
		msg(err, errlen,
		    "%s: refusing to write '%s' as root: directory '%s' belongs to %s, who "
		    "could replace the file; %s",
		    who, path, dir, owner, advice);
		return NULL;
	}
	if (!shared) {
		/* only root can change this directory: its entries are trusted */
		FILE *f = fopen(path, "wb");
		if (f == NULL)
			msg(err, errlen, "%s: cannot write '%s': %s", who, path, strerror(errno));
		return f;
	}
	/* A shared directory with the sticky bit (/tmp): other users cannot
	 * remove or rename our file, but may have made the name first, as a
	 * link to a file of root's.  Never follow it; accept only a regular
	 * file of root's, and truncate it only after checking. */
	int fd = open(path, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK, 0644);
	if (fd < 0) {
		int e = errno;
		if (e == ELOOP)
			msg(err, errlen,
			    "%s: refusing to write '%s' as root: it is a symbolic link in the "
			    "shared directory '%s'; %s",
			    who, path, dir, advice);
		else
			msg(err, errlen, "%s: cannot write '%s': %s", who, path, strerror(e));
		return NULL;
	}
	struct stat fs;
	if (fstat(fd, &fs) != 0 || !S_ISREG(fs.st_mode) || fs.st_uid != 0 || fs.st_nlink != 1) {
		msg(err, errlen,
		    "%s: refusing to write '%s' as root: it already exists in the shared "
		    "directory '%s' and is not a plain file of root's; remove it, or %s",
		    who, path, dir, advice);
		close(fd);
		return NULL;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 || ftruncate(fd, 0) != 0) {
		msg(err, errlen, "%s: cannot write '%s': %s", who, path, strerror(errno));
		close(fd);
		return NULL;
	}
	FILE *f = fdopen(fd, "wb");
	if (f == NULL) {
		msg(err, errlen, "%s: cannot write '%s': %s", who, path, strerror(errno));
		close(fd);
	}
	return f;
}

#ifdef __linux__
/* Permitted and effective capability sets (both 32-bit words of each). */
static int caps_get(uint32_t *perm, uint32_t *eff)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	if (syscall(SYS_capget, &h, d) != 0)
		return -1;
	*perm = d[0].permitted | d[1].permitted;
	*eff = d[0].effective | d[1].effective;
	return 0;
}

static int caps_clear(void)
{
	struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
	struct __user_cap_data_struct d[2];
	memset(d, 0, sizeof(d));
	return (int)syscall(SYS_capset, &h, d);
}
#endif

int nt_privs_drop(const char *user, char *err, size_t errlen)
{
	if (getuid() != 0 && geteuid() != 0) {
		/* not root: keep the user, give up what setcap granted */
#ifdef __linux__
		uint32_t perm = 0, eff = 0;
		if (caps_get(&perm, &eff) == 0 && (perm | eff) != 0) {
			if (caps_clear() != 0 || caps_get(&perm, &eff) != 0 || (perm | eff) != 0) {
				msg(err, errlen, "cannot give up capabilities: %s", strerror(errno));
				return -1;
			}
		}
#endif
		return 0;
	}
	if (user == NULL)
		user = NT_PRIVS_DEFAULT_USER;
	if (strcmp(user, "root") == 0)
		return 0; /* -Z root: keep root, as tcpdump does */
	errno = 0;
	struct passwd *pw = getpwnam(user);
	if (pw == NULL) {
		msg(err, errlen,
		    "-Z: no user '%s' to run as after opening the capture; name an existing "
		    "unprivileged user (-Z nobody), or -Z root to keep root",
		    user);
		return -1;
	}
	uid_t uid = pw->pw_uid;
	gid_t gid = pw->pw_gid;
	if (initgroups(pw->pw_name, gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
		msg(err, errlen, "cannot become user '%s' (uid %u): %s", user, (unsigned)uid,
		    strerror(errno));
		return -1;
	}
	/* Check that it took and that root cannot come back. */
	int ok = getuid() == uid && geteuid() == uid && getgid() == gid && getegid() == gid;
	if (ok && uid != 0 && (setuid(0) == 0 || seteuid(0) == 0))
		ok = 0;
	if (ok && gid != 0 && uid != 0 && (setgid(0) == 0 || setegid(0) == 0))
		ok = 0;
#ifdef __linux__
	uint32_t perm = 0, eff = 0;
	if (ok && uid != 0 && (caps_get(&perm, &eff) != 0 || (perm | eff) != 0))
		ok = 0;
#endif
	if (!ok) {
		msg(err, errlen, "became user '%s' but could regain root privileges; stopping",
		    user);
		return -1;
	}
	return 0;
}
