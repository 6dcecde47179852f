/* \summary: DNS message decoding (RFC 1035, 6891 EDNS0, 4034 DNSSEC):
 * name reading with compression-loop and bounds protection, and the
 * summary record the analysis engine uses. */
#ifndef NT_DECODE_DNS_H
#define NT_DECODE_DNS_H

#include <stddef.h>
#include <stdint.h>

#include "core/cursor.h"
#include "core/packet.h"

/* Reads the (possibly compressed) name at the cursor position of the
 * message `msg` (msg->base is the first byte of the DNS header) and
 * writes its presentation form (no trailing dot; "." for the root) into
 * dst.  Advances msg past the name.  Rules: pointers strictly backward,
 * labels <= 63, name <= 255 bytes, <= 127 labels.  Returns NT_OK,
 * NT_ETRUNC (capture ended) or NT_EMALF. */
int nt_dns_read_name(struct nt_cur *msg, char *dst, size_t dstlen);

/* Decodes the DNS message in c (len bytes per the transport) into d. */
int nt_decode_dns(struct nt_cur *c, uint32_t len, struct nt_dns *d);
/* Empties a record without writing its name and answer arrays: every
 * field is zero, qname is "", rr[] holds nothing (n_rr 0). */
void nt_dns_clear(struct nt_dns *d);

#endif
