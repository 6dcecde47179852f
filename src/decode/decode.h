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

#endif
