/* \summary: the hashes of nettriage's tables: 32-bit FNV-1a (its seed and
 * prime live here once) over bytes, strings and addresses.  Every table
 * that keys on an address or a name hashes it with these, so equal keys
 * hash alike everywhere. */
#ifndef NT_HASH_H
#define NT_HASH_H

#include <stddef.h>
#include <stdint.h>

#include "core/packet.h"

/* FNV-1a, 32 bits (Fowler/Noll/Vo; IETF draft-eastlake-fnv). */
#define NT_FNV_SEED 2166136261u
#define NT_FNV_PRIME 16777619u

static inline uint32_t nt_fnv_byte(uint32_t h, uint8_t b)
{
	return (h ^ b) * NT_FNV_PRIME;
}

/* FNV-1a over n bytes, continuing from h (NT_FNV_SEED to start). */
uint32_t nt_hash_bytes(uint32_t h, const void *p, size_t n);
/* Over a NUL-terminated string, then a 0xff end marker (so that "ab","c"
 * and "a","bc" hash apart when strings are chained). */
uint32_t nt_hash_str(uint32_t h, const char *s);
/* Over an address: its family, then its 4 or 16 bytes. */
uint32_t nt_hash_addr(uint32_t h, const struct nt_addr *a);

#endif
