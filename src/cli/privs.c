/* \summary: privileges: safe opening of the output files of a root
 * process (the whole path walked with openat: every directory root's and
 * closed to others or sticky, only root's symbolic links followed, no
 * file of another user's truncated), then the drop to an unprivileged
 * user with its groups (tcpdump's -Z), verified, or the clearing of file
 * capabilities when not started as root. */
#include "cli/privs.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#ifdef __linux__
#include <linux/capability.h>
#include <sys/syscall.h>
#endif

static const char advice[] =
	"write it into a directory that only root can write to (such as /root), or "
	"capture without root after 'setcap cap_net_raw,cap_net_admin=eip' on the "
	"nettriage binary (see nettriage(1), PRIVILEGES)";

/* The name of the owner of st, for messages. */
static const char *owner_name(uid_t uid, char *buf, size_t len)
{
	struct passwd *pw = getpwuid(uid);
	if (pw)
		snprintf(buf, len, "%s", pw->pw_name);
	else
		snprintf(buf, len, "uid %u", (unsigned)uid);
	return buf;
}

/* The user who ran sudo: root already acts for them, so their own
 * directories and files are trusted like root's.  (uid_t)-1: none. */
static uid_t sudo_uid(void)
{
	const char *s = getenv("SUDO_UID");
	if (getuid() != 0 || s == NULL || *s < '0' || *s > '9')
		return (uid_t)-1;
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*end != '\0' || v == 0 || v >= (unsigned long)(uid_t)-1)
		return (uid_t)-1;
	return (uid_t)v;
}

static int trusted_owner(uid_t uid)
{
	return uid == 0 || uid == sudo_uid();
}

/* Can a user other than root (and the sudo caller) change the entries of
 * this directory?  0: no.  1: yes, but the sticky bit keeps them from
 * removing or renaming entries they do not own (/tmp).  -1: yes, freely. */
static int dir_shared(const struct stat *st)
{
	if (!trusted_owner(st->st_uid))
		return -1;
	int w = (st->st_mode & S_IWOTH) || ((st->st_mode & S_IWGRP) && st->st_gid != 0);
	if (!w)
		return 0;
	return (st->st_mode & S_ISVTX) ? 1 : -1;
}

/* The walk of a root process's output path, one component at a time with
 * openat() from / (or the working directory): every directory on the way
 * must be root's and not writable by others (or sticky), no directory is
 * entered through a link (O_NOFOLLOW), and a symbolic link is followed
 * only when root owns it (its target is walked the same way). */
struct walk {
	const char *who, *path;
	struct nt_error *err;
	int dirfd;       /* the directory reached so far */
	int shared;      /* dir_shared() of it */
	char at[4096];   /* its path as walked (links resolved), for messages */
	unsigned links;  /* symbolic links followed */
};

/* "refusing ...: KIND 'WHAT' WHY; advice" */
static int walk_refuse(struct walk *w, const char *kind, const char *what, const char *why)
{
	nt_error_set(w->err, NT_EIO, "%s: refusing to write '%s' as root: %s '%s' %s; %s",
		     w->who, w->path, kind, what, why, advice);
	return -1;
}

static int walk_enter(struct walk *w, int fd, const char *name)
{
	struct stat st;
	if (fstat(fd, &st) != 0) {
		nt_error_set(w->err, NT_EIO, "%s: cannot write '%s': %s", w->who, w->path,
			     strerror(errno));
		close(fd);
		return -1;
	}
	int sh = dir_shared(&st);
	if (sh < 0) {
		char own[64], why[160];
		if (!trusted_owner(st.st_uid))
			snprintf(why, sizeof(why), "belongs to %s, who could replace what is in it",
				 owner_name(st.st_uid, own, sizeof(own)));
		else
			snprintf(why, sizeof(why),
				 "(mode %04o) is writable by other users and has no sticky bit, so "
				 "they could replace what is in it",
				 (unsigned)(st.st_mode & 07777));
		close(fd);
		return walk_refuse(w, "directory", name, why);
	}
	snprintf(w->at, sizeof(w->at), "%s", name);
	if (w->dirfd >= 0)
		close(w->dirfd);
	w->dirfd = fd;
	w->shared = sh;
	return 0;
}

static int walk_root(struct walk *w, int absolute)
{
	int fd = open(absolute ? "/" : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		nt_error_set(w->err, NT_EIO, "%s: cannot write '%s': %s", w->who, w->path,
			     strerror(errno));
		return -1;
	}
	return walk_enter(w, fd, absolute ? "/" : ".");
}

/* The path of component comp of the directory reached, for messages. */
static const char *walk_join(const struct walk *w, const char *comp, char *buf, size_t len)
{
	int n;
	if (strcmp(w->at, ".") == 0)
		n = snprintf(buf, len, "%s", comp);
	else
		n = snprintf(buf, len, "%s%s%s", w->at, strcmp(w->at, "/") ? "/" : "", comp);
	if (n < 0 || (size_t)n >= len)
		snprintf(buf, len, "%s", comp); /* too long to say in full */
	return buf;
}

/* The next component of *rest into comp (NUL-terminated); 1 when it was the
 * last one, 0 when more follow, -1 when too long. */
static int next_comp(const char **rest, char *comp, size_t len)
{
	const char *p = *rest;
	size_t n = strcspn(p, "/");
	if (n >= len)
		return -1;
	memcpy(comp, p, n);
	comp[n] = '\0';
	p += n;
	while (*p == '/')
		p++;
	*rest = p;
	return *p == '\0';
}

/* Walks path to the directory of its last component, name, following
 * root's links.  0, or -1 with the message in w->err. */
static int walk_path(struct walk *w, char *name, size_t namelen)
{
	char buf[2][4096];
	int cur = 0;
	if (snprintf(buf[cur], sizeof(buf[cur]), "%s", w->path) >= (int)sizeof(buf[cur]))
		goto toolong;
	if (walk_root(w, buf[cur][0] == '/') < 0)
		return -1;
	const char *rest = buf[cur];
	while (*rest == '/')
		rest++;
	char comp[256];
	for (;;) {
		int last = next_comp(&rest, comp, sizeof(comp));
		if (last < 0)
			goto toolong;
		if (comp[0] == '\0' || (last && (strcmp(comp, ".") == 0 || strcmp(comp, "..") == 0))) {
			nt_error_set(w->err, NT_EIO, "%s: cannot write '%s': it names a directory, "
				     "not a file", w->who, w->path);
			return -1;
		}
		struct stat st;
		int exists = fstatat(w->dirfd, comp, &st, AT_SYMLINK_NOFOLLOW) == 0;
		if (exists && S_ISLNK(st.st_mode)) {
			if (last && w->shared == 0)
				break; /* root's own link in root's directory: opened as is */
			if (!trusted_owner(st.st_uid)) {
				char own[64], why[128];
				char sub[4096];
				snprintf(why, sizeof(why), "is a symbolic link owned by %s",
					 owner_name(st.st_uid, own, sizeof(own)));
				return walk_refuse(w, "path component",
						   walk_join(w, comp, sub, sizeof(sub)), why);
			}
			char sub[4096];
			if (last && w->shared)
				return walk_refuse(w, "path component",
						   walk_join(w, comp, sub, sizeof(sub)),
						   "is a symbolic link in a directory others can "
						   "write to");
			if (++w->links > 40) {
				nt_error_set(w->err, NT_EIO, "%s: cannot write '%s': too many "
					     "symbolic links", w->who, w->path);
				return -1;
			}
			char target[4096];
			ssize_t n = readlinkat(w->dirfd, comp, target, sizeof(target) - 1);
			if (n <= 0)
				goto fail;
			target[n] = '\0';
			/* the link's target, then what followed the link */
			int nxt = !cur;
			if (snprintf(buf[nxt], sizeof(buf[nxt]), "%s%s%s", target,
				     *rest ? "/" : "", rest) >= (int)sizeof(buf[nxt]))
				goto toolong;
			cur = nxt;
			rest = buf[cur];
			if (*rest == '/' && walk_root(w, 1) < 0)
				return -1;
			while (*rest == '/')
				rest++;
			continue;
		}
		if (last)
			break;
		if (!exists)
			goto fail;
		int fd = openat(w->dirfd, comp, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0)
			goto fail;
		char sub[4096];
		if (walk_enter(w, fd, walk_join(w, comp, sub, sizeof(sub))) < 0)
			return -1;
	}
	/* comp is the last component: a file name in w->dirfd */
	if (strlen(comp) >= namelen)
		goto toolong;
	snprintf(name, namelen, "%s", comp);
	return 0;
toolong:
	nt_error_set(w->err, NT_EIO, "%s: output path too long: '%s'", w->who, w->path);
	return -1;
fail:
	nt_error_set(w->err, NT_EIO, "%s: cannot write '%s': %s", w->who, w->path,
		     strerror(errno));
	return -1;
}
FILE *nt_privs_open_output(const char *who, const char *path, struct nt_error *err)
{
	if (strcmp(path, "-") == 0)
		return stdout;
	if (geteuid() != 0) {
		FILE *f = fopen(path, "wb");
		if (f == NULL)
			nt_error_set(err, NT_EIO, "%s: cannot write '%s': %s", who, path,
				     strerror(errno));
		return f;
	}
	struct walk w = {.who = who, .path = path, .err = err, .dirfd = -1};
	char name[256];
	if (walk_path(&w, name, sizeof(name)) < 0) {
		if (w.dirfd >= 0)
			close(w.dirfd);
		return NULL;
	}
	int fd;
	if (w.shared == 0) {
		/* only root can change this directory: its entries are root's own
		 * choice (a device, a FIFO, root's link such as /dev/stdout) */
		fd = openat(w.dirfd, name, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	} else {
		/* A shared directory with the sticky bit (/tmp): others cannot
		 * remove or rename our file, but may have made the name first.
		 * Create it new; an existing one must be a plain file of root's
		 * with no other name, and is checked before it is emptied. */
		fd = openat(w.dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			    0644);
		if (fd < 0 && errno == EEXIST)
			fd = openat(w.dirfd, name,
				    O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	}
	int e = errno;
	close(w.dirfd);
	if (fd < 0) {
		if (e == ELOOP)
			nt_error_set(err, NT_EIO,
				     "%s: refusing to write '%s' as root: it is a symbolic link in "
				     "the shared directory '%s'; %s",
				     who, path, w.at, advice);
		else
			nt_error_set(err, NT_EIO, "%s: cannot write '%s': %s", who, path,
				     strerror(e));
		return NULL;
	}
	struct stat fs;
	if (fstat(fd, &fs) != 0) {
		nt_error_set(err, NT_EIO, "%s: cannot write '%s': %s", who, path, strerror(errno));
		close(fd);
		return NULL;
	}
	if (S_ISREG(fs.st_mode) && !trusted_owner(fs.st_uid)) {
		char own[64];
		nt_error_set(err, NT_EIO,
			     "%s: refusing to write '%s' as root: it already exists and belongs "
			     "to %s; remove it or choose another name",
			     who, path, owner_name(fs.st_uid, own, sizeof(own)));
		close(fd);
		return NULL;
	}
	if (w.shared && (!S_ISREG(fs.st_mode) || fs.st_nlink != 1)) {
		nt_error_set(err, NT_EIO,
			     "%s: refusing to write '%s' as root: it already exists in the shared "
			     "directory '%s' and is not a plain file with one name; remove it, "
			     "or %s",
			     who, path, w.at, advice);
		close(fd);
		return NULL;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 ||
	    (S_ISREG(fs.st_mode) && ftruncate(fd, 0) != 0)) {
		nt_error_set(err, NT_EIO, "%s: cannot write '%s': %s", who, path, strerror(errno));
		close(fd);
		return NULL;
	}
	FILE *f = fdopen(fd, "wb");
	if (f == NULL) {
		nt_error_set(err, NT_EIO, "%s: cannot write '%s': %s", who, path, strerror(errno));
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

int nt_privs_drop(const char *user, struct nt_error *err)
{
	if (getuid() != 0 && geteuid() != 0) {
		/* not root: keep the user, give up what setcap granted */
#ifdef __linux__
		uint32_t perm = 0, eff = 0;
		if (caps_get(&perm, &eff) == 0 && (perm | eff) != 0) {
			if (caps_clear() != 0 || caps_get(&perm, &eff) != 0 || (perm | eff) != 0) {
				nt_error_set(err, NT_EUSAGE, "cannot give up capabilities: %s", strerror(errno));
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
		nt_error_set(err, NT_EUSAGE,
		    "-Z: no user '%s' to run as after opening the capture; name an existing "
		    "unprivileged user (-Z nobody), or -Z root to keep root",
		    user);
		return -1;
	}
	uid_t uid = pw->pw_uid;
	gid_t gid = pw->pw_gid;
	if (initgroups(pw->pw_name, gid) != 0 || setgid(gid) != 0 || setuid(uid) != 0) {
		nt_error_set(err, NT_EUSAGE, "cannot become user '%s' (uid %u): %s", user, (unsigned)uid,
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
		nt_error_set(err, NT_EUSAGE, "became user '%s' but could regain root privileges; stopping",
		    user);
		return -1;
	}
	return 0;
}
