/* \summary: IP fragment reassembly for the analysis engine: IPv4 (RFC 791
 * section 3.2) and IPv6 (RFC 8200 section 4.5, overlaps per RFC 5722),
 * in a bounded table of datagrams with a timeout, every outcome counted.
 *
 * The rules are Linux's (net/ipv4/ip_fragment.c ip_frag_queue and
 * ip_frag_reasm, net/ipv6/reassembly.c ip6_frag_queue and ip6_frag_reasm,
 * net/ipv4/inet_fragment.c inet_frag_queue_insert; kernel 6.6), so that
 * what the analysis takes as delivered is what a Linux receiver delivers:
 *
 * - key: source, destination, identification and protocol (IPv4); source,
 *   destination and identification (IPv6);
 * - overlap: a fragment that lies wholly inside one run of contiguous
 *   fragments already held is a duplicate, dropped, and the datagram kept;
 *   any other overlap discards the whole datagram and what it held
 *   (RFC 5722 section 4 with erratum 3089; Linux applies it to IPv4 too);
 * - length: a last fragment (MF clear) that ends before data already held,
 *   or a second last fragment that ends elsewhere, or data past the end a
 *   last fragment set, or an empty fragment, discards the datagram
 *   (counted invalid); an IPv4 non-last fragment is cut down to a multiple
 *   of 8 bytes; an IPv6 non-last fragment that is not a multiple of 8, and
 *   an IPv6 first fragment without its whole upper-layer header, are
 *   dropped (Linux answers them with an ICMPv6 parameter problem);
 * - oversize: an IPv4 datagram whose header and data exceed 65535 bytes is
 *   discarded when it completes; an IPv6 fragment that ends past 65535 is
 *   dropped, and an IPv6 datagram whose payload would exceed 65535 is
 *   discarded when it completes;
 * - timeout: from the first fragment, not extended by later ones (Linux:
 *   "RFC791 is wrong proposing to prolongate timer each fragment
 *   arrival"): ipfrag.timeout (ipfrag_time, 30 s) for IPv4,
 *   ip6frag.timeout (ip6frag_time, 60 s; RFC 8200 section 4.5) for IPv6.
 *
 * Where this differs from Linux, for a bounded table: when the table is
 * full the oldest datagram is evicted and counted (Linux refuses new
 * fragments while ipfrag_high_thresh bytes are queued); a datagram of more
 * than NT_REASM_RUNS runs of contiguous fragments is discarded (counted;
 * FreeBSD bounds fragments per datagram the same way, maxfragsperpacket);
 * a fragment dropped before its datagram exists creates no entry (Linux
 * creates an empty queue that times out); and only the first NT_REASM_KEEP
 * bytes of each datagram's data are kept: a longer datagram is followed
 * and counted whole, and given back cut there, as a snap length cuts a
 * frame.  Linux's ipfrag_max_dist check (fragments from a peer too far
 * apart) and its ECN consistency check are not made.
 *
 * Nothing is allocated after nt_reasm_init. */
#ifndef NT_REASM_H
#define NT_REASM_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/itable.h"
#include "core/packet.h"
#include "core/table.h"

enum {
	NT_REASM_KEEP = 8192, /* bytes of each datagram's data kept */
	NT_REASM_HDR = 256,   /* bytes of headers before the data kept */
	NT_REASM_RUNS = 64,   /* runs of contiguous fragments a datagram may have */
	NT_REASM_MAX = 65535, /* IPv4 total length, IPv6 payload length */
};

/* Every fragment and every datagram, by what became of it.  A started
 * datagram ends in exactly one of reassembled, timed_out, overlapping,
 * oversize, invalid, too_many_runs, evicted, pending_at_end. */
struct nt_reasm_stats {
	uint64_t fragments;      /* fragments given */
	uint64_t datagrams;      /* datagrams started */
	uint64_t reassembled;    /* complete: given back as one datagram */
	uint64_t timed_out;      /* incomplete after the timeout: discarded */
	uint64_t overlapping;    /* discarded: a fragment overlapped data held */
	uint64_t oversize;       /* discarded: more than 65535 bytes */
	uint64_t invalid;        /* discarded by a length rule (see above) */
	uint64_t too_many_runs;  /* discarded: more than NT_REASM_RUNS runs */
	uint64_t evicted;        /* discarded: the table was full */
	uint64_t pending_at_end; /* incomplete at the end of the input, not timed out */
	uint64_t duplicates;     /* fragments wholly inside data held: dropped */
	uint64_t dropped;        /* other fragments dropped, the datagram kept (IPv6
				  * oversize, not a multiple of 8, first fragment
				  * without its upper-layer header) */
	uint64_t truncated;      /* reassembled, but not all captured or kept */
	uint64_t incomplete_dns; /* timed out, evicted or pending at the end, and the
				  * first fragment was UDP to or from port 53 */
};

/* A run of contiguous fragments: data bytes [start, end). */
struct nt_frag_run {
	uint32_t start, end;
};

/* One datagram being reassembled. */
struct nt_fragq {
	struct nt_addr src, dst;
	uint32_t id;
	uint8_t v6, proto;
	uint8_t flags;           /* FIRST_IN, LAST_IN (reasm.c) */
	uint8_t dns;             /* the first fragment is UDP to or from port 53 */
	uint16_t hlen;           /* bytes of hdr (from the first fragment) */
	uint16_t nh_off;         /* v6: the next-header byte naming the fragment header */
	uint8_t nh;              /* v6: the fragment header's next header */
	uint16_t n_runs;
	uint32_t len;            /* the datagram's data length as known so far */
	uint32_t meat;           /* data bytes held */
	uint32_t cap_end;        /* data before the first byte that was not captured */
	int64_t t_first, deadline;
	struct nt_frag_run run[NT_REASM_RUNS]; /* by offset; the last is the tail */
	uint8_t hdr[NT_REASM_HDR];
	struct nt_ilink link;    /* table links (private); age list: by first fragment */
};

/* A datagram a fragment completed: header and data, caplen of its len
 * bytes held; valid until the next call. */
struct nt_datagram {
	const uint8_t *data;
	uint32_t caplen, len;
};

struct nt_reasm {
	struct nt_fragq *q;      /* the pool of tab */
	uint8_t *buf;            /* NT_REASM_KEEP bytes of data per entry */
	uint8_t *out;            /* the datagram given back last */
	struct nt_itable tab;
	struct nt_reasm_stats s;
	int64_t timeout4, timeout6; /* ns */
	int64_t next_check;      /* no entry times out before this */
};

/* Bytes per entry, for --memcap: the entry and its data buffer. */
#define NT_REASM_ENTRY_BYTES (sizeof(struct nt_fragq) + NT_REASM_KEEP)

/* A table of st->cap datagrams whose counters are *st; timeouts in ns.
 * 0, or -1 when out of memory (nt_reasm_free releases what was taken). */
int nt_reasm_init(struct nt_reasm *r, struct nt_table_stats *st, int64_t timeout4,
		  int64_t timeout6);
void nt_reasm_free(struct nt_reasm *r);
/* Takes a fragment (pkt->reasm & NT_RS_FRAG) at time now (ns; times do
 * not go back).  1 when it completed a datagram, given in *d; else 0. */
int nt_reasm_add(struct nt_reasm *r, const struct nt_pkt *frag, int64_t now,
		 struct nt_datagram *d);
/* Discards what timed out by now; at_end: the input ended, so everything
 * still open ends (timed out, or pending at the end). */
void nt_reasm_expire(struct nt_reasm *r, int64_t now, int at_end);

#endif
