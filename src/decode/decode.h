/* \summary: frame decoder for the analysis engine: link layer down to
 * DNS, filling a struct nt_pkt without allocating. */
#ifndef NT_DECODE_H
#define NT_DECODE_H

#include <stdint.h>

#include "core/packet.h"

/* Decodes one frame of link type dlt.  Always fills what it can; the
 * result's `status` says whether the capture ended early or a length
 * lied.  Returns 0, or a negative enum nt_err for an unsupported link
 * type. */
int nt_decode_frame(const uint8_t *data, uint32_t caplen, uint32_t wirelen, int dlt,
		    struct nt_pkt *pkt);

/* Decodes an IP datagram without link layer (one the engine reassembled
 * from its fragments: data holds caplen of its len bytes) into pkt, as
 * nt_decode_frame does; keeps the frame number, time and flags the caller
 * set and adds NT_PKT_REASSEMBLED (src/decode/datagram.c). */
void nt_decode_datagram(const uint8_t *data, uint32_t caplen, uint32_t len, struct nt_pkt *pkt);

/* Replaces pkt's DNS part by the DNS message msg (caplen of its len bytes;
 * one taken out of a TCP stream), adds NT_PKT_REASSEMBLED, and keeps the
 * worst status met. */
void nt_decode_dns_message(const uint8_t *msg, uint32_t caplen, uint32_t len, struct nt_pkt *pkt);

#endif
