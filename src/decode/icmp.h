/* \summary: ICMP (RFC 792) and ICMPv6 (RFC 4443) decoding, including the
 * datagram quoted inside error messages (its IP and transport header and,
 * when long enough, its DNS id and question). */
#ifndef NT_DECODE_ICMP_H
#define NT_DECODE_ICMP_H

#include <stdint.h>

#include "core/cursor.h"
#include "core/packet.h"

/* c is on the ICMP header, len its length per the IP header. */
int nt_decode_icmp(struct nt_cur *c, uint32_t len, struct nt_icmp *ic);
int nt_decode_icmp6(struct nt_cur *c, uint32_t len, struct nt_icmp *ic);
/* Empties a record without writing its name: every field zero, quote_qname "". */
void nt_icmp_clear(struct nt_icmp *ic);

#endif
