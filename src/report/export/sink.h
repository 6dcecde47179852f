/* \summary: event sinks of the JSONL stream: where each finished event
 * line goes.  The stream writer (report/jsonl.c) builds one JSON object,
 * then hands it to every sink it has: the buffered stdout/file writer of
 * `--format jsonl` and the Kafka producer of `--output kafka://`. */
#ifndef NT_REPORT_SINK_H
#define NT_REPORT_SINK_H

#include <stddef.h>

#include "core/out.h"

struct nt_sink {
	/* One event: line is the JSON object (len bytes, no newline), key
	 * the event's key (a connection uid, a finding kind) or NULL.
	 * Returns 0, or -1 when the sink lost the event (it counts it). */
	int (*write)(struct nt_sink *s, const char *line, size_t len, const char *key);
};

/* The JSONL text writer: each event as one line through an nt_out. */
struct nt_sink_out {
	struct nt_sink base;
	struct nt_out *o;
};

void nt_sink_out_init(struct nt_sink_out *s, struct nt_out *o);

static inline int nt_sink_write(struct nt_sink *s, const char *line, size_t len, const char *key)
{
	return s->write(s, line, len, key);
}

#endif
