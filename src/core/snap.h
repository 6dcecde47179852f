/* \summary: a packet kept as possible evidence: a bounded copy of its
 * bytes (or of its tcpdump text line) with where it came from, and what
 * the reader knew of it beyond the decoded record (struct nt_raw).
 * Filled by the engine when a packet may become evidence; printed as a
 * tcpdump line by print/snap.h. */
#ifndef NT_SNAP_H
#define NT_SNAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/packet.h"

enum { NT_SNAP_MAX = 480 };

/* A packet kept so that it can be printed later as evidence. */
struct nt_snap {
	uint64_t frame;     /* record number in its input */
	uint64_t line;      /* text logs: first line number, else 0 */
	int64_t t;          /* ns since the epoch, or of the day */
	uint32_t caplen, wirelen;
	int dlt;
	uint16_t len;       /* bytes held in data */
	uint8_t is_text;    /* data is a tcpdump text line */
	uint8_t input;      /* index of the input */
	uint8_t data[NT_SNAP_MAX];
};

/* What the caller knows about the packet beyond the decoded record. */
struct nt_raw {
	const uint8_t *data;   /* captured frame, or NULL */
	uint32_t caplen, wirelen;
	int dlt;
	const char *text;      /* tcpdump text line (unwrapped), or NULL */
	size_t text_len;
	uint64_t line;         /* its first line number */
	int input;
};

/* Fills a snapshot from a packet. */
void nt_snap_fill(struct nt_snap *s, const struct nt_pkt *pkt, const struct nt_raw *raw);
/* Nanoseconds since the epoch (or of the day) of a packet's time stamp,
 * clamped to +-2^62 ns so that no time or difference of two overflows. */
int64_t nt_pkt_time(const struct nt_pkt *pkt);

#endif
