/* \summary: DNS over TCP across segments for the analysis engine: each
 * direction of a TCP connection to or from port 53 is followed by
 * sequence number and cut into its 2-byte length-prefixed DNS messages
 * (RFC 1035 section 4.2.2, RFC 7766 section 8), so that a message split
 * over segments, or several messages in one segment, are each seen once.
 *
 * Rules: bytes are taken in sequence order from the SYN (or, for a
 * connection whose SYN was not captured, from its first segment with data,
 * taken to start a message, as the frame decoder assumes); a segment
 * already seen, wholly or in part, is a retransmission: its new bytes
 * only are taken (counted); a segment ahead of the next expected byte is
 * out of order: one such segment per direction (up to NT_TCPDNS_HOLD
 * bytes, all captured) is held until the gap before it fills; a second
 * one, or a gap that cannot be held, gives the direction up (counted):
 * its later segments are read one by one by the frame decoder, as they
 * were before streams were followed.  A FIN or RST ends a direction; a
 * message still partial then is counted incomplete.  Each message keeps
 * its first NT_TCPDNS_KEEP bytes (a longer one, or one not all captured,
 * is given cut there and counted truncated: its header, question and
 * first records are what the analysis reads).
 *
 * Directions live in a bounded table (least recently active evicted,
 * counted) and end after tcpdns.timeout without a segment.  Nothing is
 * allocated after nt_tcpdns_init. */
#ifndef NT_TCPDNS_H
#define NT_TCPDNS_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/itable.h"
#include "core/packet.h"
#include "core/table.h"

enum {
	NT_TCPDNS_KEEP = 4096, /* bytes of each message kept */
	NT_TCPDNS_HOLD = 2048, /* bytes of the one out-of-order segment held */
};

struct nt_tcpdns_stats {
	uint64_t segments;      /* segments with data given */
	uint64_t messages;      /* DNS messages cut out of the streams */
	uint64_t split;         /* of them, spread over more than one segment */
	uint64_t shared;        /* of them, ending in a segment where another ended too */
	uint64_t retransmitted; /* segments whose bytes, or some of them, were seen */
	uint64_t out_of_order;  /* segments ahead of the next expected byte */
	uint64_t reordered;     /* of them, held and taken when the gap filled */
	uint64_t desynced;      /* directions given up after a gap */
	uint64_t truncated;     /* messages longer than kept, or not all captured */
	uint64_t incomplete;    /* partial messages when a direction ended */
	uint64_t timed_out;     /* directions ended after tcpdns.timeout idle */
	uint64_t evicted;       /* directions evicted from the full table */
};

/* One direction of a connection. */
struct nt_tcpdns_dir {
	struct nt_addr src, dst;
	uint16_t sport, dport;
	uint8_t desync;          /* given up: segments are read one by one */
	uint8_t plen_got;        /* bytes of the length prefix read (0..2) */
	uint8_t held;            /* an out-of-order segment is held */
	uint8_t segs;            /* segments the message in progress spans */
	uint32_t next;           /* the next sequence number expected */
	uint32_t mlen, got;      /* the message in progress: its length, bytes so far */
	uint32_t cap_end;        /* bytes of it before the first one not captured */
	uint32_t hold_seq, hold_len;
	int64_t t_last;
	struct nt_ilink link;    /* table links (private); age list: least recently active */
};

/* A message cut out of a stream: caplen of its len bytes; valid during
 * the call it is given to. */
struct nt_tcpdns_msg {
	const uint8_t *data;
	uint32_t caplen, len;
};

/* What became of a segment. */
enum nt_tcpdns_verdict {
	NT_TD_TAKEN = 0,   /* the stream took it: the messages it completed (maybe
			    * none) were given to the caller, in order */
	NT_TD_AS_IS,       /* nothing to change: no data, or exactly one whole message
			    * at a message boundary (as the frame decoder read it) */
	NT_TD_UNFOLLOWED,  /* the direction is not followed: read the segment alone */
};

struct nt_tcpdns {
	struct nt_tcpdns_dir *d; /* the pool of tab */
	uint8_t *buf;            /* per entry: NT_TCPDNS_KEEP message bytes, then
				  * NT_TCPDNS_HOLD bytes of a held segment */
	struct nt_itable tab;
	struct nt_tcpdns_stats s;
	int64_t timeout;         /* ns */
};

/* Bytes per entry, for --memcap: the entry and its two buffers. */
#define NT_TCPDNS_ENTRY_BYTES (sizeof(struct nt_tcpdns_dir) + NT_TCPDNS_KEEP + NT_TCPDNS_HOLD)

/* A table of st->cap directions whose counters are *st; timeout in ns.
 * 0, or -1 when out of memory (nt_tcpdns_free releases what was taken). */
int nt_tcpdns_init(struct nt_tcpdns *t, struct nt_table_stats *st, int64_t timeout);
void nt_tcpdns_free(struct nt_tcpdns *t);
/* Takes a TCP segment to or from port 53 (pkt->reasm & NT_RS_TCPDNS) at
 * time now; fn(ctx, m) is called for each message it completes.  Returns
 * an enum nt_tcpdns_verdict. */
int nt_tcpdns_segment(struct nt_tcpdns *t, const struct nt_pkt *seg, int64_t now,
		      void (*fn)(void *ctx, const struct nt_tcpdns_msg *m), void *ctx);
/* Ends the directions idle for the timeout by now; at_end: every one. */
void nt_tcpdns_expire(struct nt_tcpdns *t, int64_t now, int at_end);

#endif
