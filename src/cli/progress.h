/* \summary: progress bar on standard error for long file analyses: shown
 * only when standard error is a terminal and the capture files add up to
 * more than NT_PROGRESS_MIN_BYTES, computed from the byte offset of the
 * latest record of each input, redrawn at most 10 times a second and
 * erased at the end. */
#ifndef NT_CLI_PROGRESS_H
#define NT_CLI_PROGRESS_H

#include <stdint.h>

enum { NT_PROGRESS_MAX_INPUTS = 16 };

#define NT_PROGRESS_MIN_BYTES (50ull * 1024 * 1024)

struct nt_progress {
	int active;           /* stderr is a terminal and the input is large */
	int drawn;            /* a bar is on screen */
	uint64_t total, done;
	uint64_t pos[NT_PROGRESS_MAX_INPUTS];
	uint32_t calls;
	double last;          /* monotonic time of the last redraw */
	int last_pct;
};

void nt_progress_init(struct nt_progress *p);
/* Counts the size of input idx (a regular file; stdin and pipes are not
 * counted) and decides whether the bar is shown. */
void nt_progress_add(struct nt_progress *p, int idx, const char *path);
/* Input idx has reached byte offset off; redraws when due. */
void nt_progress_at(struct nt_progress *p, int idx, uint64_t off);
/* Erases the bar (call before printing anything else on stderr). */
void nt_progress_end(struct nt_progress *p);

#endif
