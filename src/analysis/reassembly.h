/* \summary: the engine's reassembly stage: IP fragments go to the IP
 * reassembler (analysis/reasm.h) and TCP segments to or from port 53 to
 * the DNS-over-TCP streams (analysis/tcpdns.h); what they complete comes
 * back to the engine as a packet, in place of the packet that completed
 * it, so that the correlators and the listeners see the datagram or the
 * message once, and frames are still counted once.
 *
 * Evidence: a reassembled datagram, or a message cut out of a stream, is
 * given with the raw frame of the packet that completed it (the last
 * fragment or segment to arrive), so its snapshot is that frame: the
 * tcpdump line of the packet at whose time and frame number the receiver
 * had the whole datagram or message; the snapshot's facts (DNS id, rcode,
 * ports) are the reassembled packet's.  The other fragments are found by
 * the IP id the line shows with -v.
 *
 * Several DNS messages completed by one segment: all but the last are
 * given to the DNS correlator and the listeners first, flagged
 * NT_PKT_SAME_FRAME (a message, not a frame: they do not count as
 * packets); the last one stands for the segment. */
#ifndef NT_REASSEMBLY_H
#define NT_REASSEMBLY_H

#include <stdint.h>

#include "analysis/reasm.h"
#include "analysis/tcpdns.h"
#include "core/packet.h"
#include "core/snap.h"

struct nt_engine;

struct nt_reassembly {
	struct nt_reasm ip;
	struct nt_tcpdns tcp;
	struct nt_pkt *dgram;  /* the datagram reassembled last */
	struct nt_pkt *msg;    /* the segment with the DNS message cut last */
	int64_t due;           /* nothing times out before this */
};

/* The engine's tables NT_TB_IP_REASM and NT_TB_TCP_DNS, with its
 * parameters: 0, or -1 when out of memory. */
int nt_reassembly_init(struct nt_engine *e);
void nt_reassembly_free(struct nt_engine *e);
/* A packet with pkt->reasm set: the packet the engine goes on with (pkt
 * itself, the datagram it completed, or the segment with the DNS message
 * it completed; valid until the next packet). */
const struct nt_pkt *nt_reassembly_packet(struct nt_engine *e, const struct nt_pkt *pkt,
					  const struct nt_raw *raw);
/* Ends what timed out by now; at_end: everything. */
void nt_reassembly_expire(struct nt_engine *e, int64_t now, int at_end);

#endif
