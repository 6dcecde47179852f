/* \summary: FNV-1a over bytes, strings and addresses (core/hash.h). */
#include "core/hash.h"

/* FNV-1a over 4 bytes, unrolled (the same value as the byte loop). */
static uint32_t fnv4(uint32_t h, const uint8_t *b)
{
	h = nt_fnv_byte(h, b[0]);
	h = nt_fnv_byte(h, b[1]);
	h = nt_fnv_byte(h, b[2]);
	return nt_fnv_byte(h, b[3]);
}

uint32_t nt_hash_bytes(uint32_t h, const void *p, size_t n)
{
	const uint8_t *b = p;
	size_t i = 0;
	for (; i + 4 <= n; i += 4)
		h = fnv4(h, b + i);
	for (; i < n; i++)
		h = nt_fnv_byte(h, b[i]);
	return h;
}

uint32_t nt_hash_str(uint32_t h, const char *s)
{
	for (; *s; s++)
		h = nt_fnv_byte(h, (uint8_t)*s);
	return nt_fnv_byte(h, 0xff);
}

uint32_t nt_hash_addr(uint32_t h, const struct nt_addr *a)
{
	h = fnv4(h ^ a->family, a->a);
	if (a->family == 6) {
		h = fnv4(h, a->a + 4);
		h = fnv4(h, a->a + 8);
		h = fnv4(h, a->a + 12);
	}
	return h;
}
