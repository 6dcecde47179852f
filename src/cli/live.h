/* \summary: the live view of `nettriage watch`: packet and DNS query
 * rates, answer rate, median RTT per resolver (bounded set) and the open
 * findings, redrawn in place on a terminal or printed as one status line
 * per refresh otherwise; each new finding is also printed once, as one
 * line, when it is first raised. */
#ifndef NT_REPORT_LIVE_H
#define NT_REPORT_LIVE_H

#include <stdint.h>
#include <stdio.h>

#include "analysis/engine.h"
#include "detectors/finding.h"

enum {
	NT_LIVE_RESOLVERS = 8,   /* resolvers tracked (least recently seen evicted) */
	NT_LIVE_RTT_WINDOW = 64, /* latest answered RTTs kept per resolver */
	NT_LIVE_FINDINGS = 8,    /* findings listed in the terminal view */
};

struct nt_live_resolver {
	struct nt_addr addr;
	uint8_t used;
	uint32_t n, pos;         /* RTT samples held, next slot of the ring */
	uint64_t answered, failed;
	uint64_t last_use;
	int64_t rtt[NT_LIVE_RTT_WINDOW];
};

struct nt_live {
	FILE *out;
	int tty;                 /* redraw in place with ANSI cursor movement */
	int color;               /* ANSI colour (tty and NO_COLOR unset) */
	char iface[64];
	int drawn;               /* lines of the status block now on screen */
	uint32_t findings_seen;  /* findings already announced */
	uint64_t last_packets, last_queries;
	double last_elapsed, elapsed;
	double pps, qps;
	uint64_t use_clock;
	uint64_t resolvers_evicted;
	struct nt_live_resolver res[NT_LIVE_RESOLVERS];
};

void nt_live_init(struct nt_live *lv, FILE *out, int tty, int color, const char *iface);
/* Per event (ctx = the struct nt_live):
 * collects per-resolver answers and RTTs from DNS transaction events. */
void nt_live_observe(void *ctx, const struct nt_event *ev);
/* The engine listener (ctx = the view) that calls nt_live_observe. */
struct nt_listener nt_live_listener(struct nt_live *lv);
/* Prints one line per finding raised since the last call (and redraws the
 * terminal view below them); returns how many were printed. */
unsigned nt_live_new_findings(struct nt_live *lv, const struct nt_engine *e,
			      const struct nt_findings *r);
/* Recomputes the rates at elapsed seconds since the start and redraws
 * the view (terminal) or prints one status line (otherwise). */
void nt_live_refresh(struct nt_live *lv, const struct nt_engine *e, const struct nt_findings *r,
		     double elapsed);
/* Median RTT (ns) of the kept samples of resolver i, or -1. */
int64_t nt_live_median_rtt(const struct nt_live *lv, int i);

#endif
