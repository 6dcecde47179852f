/* \summary: IPv4/IPv6 addresses (struct nt_addr, core/packet.h): equality
 * and their text form, as every stage needs them. */
#ifndef NT_ADDR_H
#define NT_ADDR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/packet.h"

/* Same family and bytes (word compares: this runs several times a packet). */
static inline int nt_addr_eq(const struct nt_addr *a, const struct nt_addr *b)
{
	uint32_t x, y;
	if (a->family != b->family)
		return 0;
	memcpy(&x, a->a, 4);
	memcpy(&y, b->a, 4);
	if (x != y)
		return 0;
	if (a->family != 6)
		return 1;
	uint64_t p, q;
	memcpy(&p, a->a + 4, 8);
	memcpy(&q, b->a + 4, 8);
	memcpy(&x, a->a + 12, 4);
	memcpy(&y, b->a + 12, 4);
	return p == q && x == y;
}

/* "192.0.2.1" / "2001:db8::1" / "?" (no address) into dst (cut to n). */
char *nt_addr_str(const struct nt_addr *a, char *dst, size_t n);

#endif
