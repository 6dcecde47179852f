/* \summary: a bounded keyed table: open addressing over a power-of-two
 * number of fixed-size entries, keys of up to NT_KTAB_KEY bytes held in
 * each entry's header, and least-recently-used eviction within a key's
 * probe window (counted).  A filter of the key hashes ever inserted spares
 * the lookups of keys never seen their probe.  The detectors keep their
 * per-target state in these; nothing is allocated after nt_ktab_init. */
#ifndef NT_KTAB_H
#define NT_KTAB_H

#include <stddef.h>
#include <stdint.h>

#include "core/packet.h"
#include "core/table.h"

enum { NT_KTAB_KEY = 96, NT_KTAB_PROBE = 8, NT_KTAB_FILTER = 8192 };

/* Every entry starts with this header. */
struct nt_ktab_hdr {
	uint32_t hash;
	uint8_t used, klen;
	int64_t t_last;
	uint8_t key[NT_KTAB_KEY];
};

struct nt_ktab {
	uint8_t *mem;
	size_t esz;
	uint32_t nslot;         /* capacity (power of two) */
	struct nt_table_stats st; /* st.cap == nslot */
	/* bit per key hash ever inserted since init: lookups of keys never
	 * seen skip the probe (bits are not cleared on eviction) */
	uint64_t filter[NT_KTAB_FILTER / 64];
};

/* Allocates a zeroed table of at least cap entries of esz bytes (the
 * power of two at or above cap, at least 16); 0, or -1 when out of memory. */
int nt_ktab_init(struct nt_ktab *t, size_t esz, uint32_t cap);
void nt_ktab_free(struct nt_ktab *t);
/* The entry for key, created (zeroed) when absent; when the probe window
 * is full the least recently used entry there is evicted and counted. */
void *nt_ktab_get(struct nt_ktab *t, const void *key, size_t klen, int64_t now);
/* Looks up without creating. */
void *nt_ktab_find(struct nt_ktab *t, const void *key, size_t klen);
/* Entry in slot i (0 .. nslot-1), or NULL when that slot is empty. */
void *nt_ktab_at(const struct nt_ktab *t, uint32_t i);
/* Key of an address plus optional bytes (at most NT_KTAB_KEY in all); its length. */
size_t nt_ktab_key_addr(uint8_t *key, const struct nt_addr *a, const void *more, size_t n);

#endif
