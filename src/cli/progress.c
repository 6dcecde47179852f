/* \summary: the progress bar of `nettriage analyze` on standard error
 * (terminal only, large inputs only, at most 10 redraws a second, erased
 * at the end; plain characters, no colour). */
#include "cli/progress.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { BAR_WIDTH = 40, LINE_WIDTH = 60 };

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void nt_progress_init(struct nt_progress *p)
{
	memset(p, 0, sizeof(*p));
	p->last_pct = -1;
}

void nt_progress_add(struct nt_progress *p, int idx, const char *path)
{
	struct stat st;
	if (idx < 0 || idx >= NT_PROGRESS_MAX_INPUTS || strcmp(path, "-") == 0 ||
	    stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	p->total += (uint64_t)st.st_size;
	p->active = p->total > NT_PROGRESS_MIN_BYTES && isatty(STDERR_FILENO);
}

static void draw(struct nt_progress *p, int pct)
{
	char bar[BAR_WIDTH + 1];
	int full = pct * BAR_WIDTH / 100;
	for (int i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < full ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	fprintf(stderr, "\ranalyzing [%s] %3d%%", bar, pct);
	fflush(stderr);
	p->drawn = 1;
	p->last_pct = pct;
}

void nt_progress_at(struct nt_progress *p, int idx, uint64_t off)
{
	if (!p->active || idx < 0 || idx >= NT_PROGRESS_MAX_INPUTS)
		return;
	if (off > p->pos[idx]) {
		p->done += off - p->pos[idx];
		p->pos[idx] = off;
	}
	/* look at the clock every 256 records only */
	if ((++p->calls & 255u) != 1)
		return;
	double now = mono_now();
	if (p->drawn && now - p->last < 0.1)
		return;
	p->last = now;
	uint64_t done = p->done > p->total ? p->total : p->done;
	int pct = (int)(done * 100 / (p->total ? p->total : 1));
	if (pct != p->last_pct)
		draw(p, pct);
}

void nt_progress_end(struct nt_progress *p)
{
	if (!p->drawn)
		return;
	fprintf(stderr, "\r%*s\r", LINE_WIDTH, "");
	fflush(stderr);
	p->drawn = 0;
}
