/* \summary: the bounded keyed table (core/ktab.h). */
#include "core/ktab.h"

#include <stdlib.h>
#include <string.h>

int nt_ktab_init(struct nt_ktab *t, size_t esz, uint32_t cap)
{
	uint32_t n = 16;
	while (n < cap)
		n <<= 1;
	memset(t, 0, sizeof(*t));
	t->mem = calloc(n, esz);
	if (t->mem == NULL)
		return -1;
	t->esz = esz;
	t->nslot = n;
	t->st.cap = n;
	return 0;
}

void nt_ktab_free(struct nt_ktab *t)
{
	free(t->mem);
	t->mem = NULL;
	t->nslot = 0;
}

static struct nt_ktab_hdr *slot(const struct nt_ktab *t, uint32_t i)
{
	return (struct nt_ktab_hdr *)(void *)(t->mem + (size_t)(i & (t->nslot - 1)) * t->esz);
}

static uint32_t key_hash(const void *key, size_t klen)
{
	/* eight bytes per step (keys are 17 to 96 bytes) */
	const uint8_t *b = key;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ klen;
	size_t i = 0;
	for (; i + 8 <= klen; i += 8) {
		uint64_t w;
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	for (size_t k = 0; i + k < klen; k++)
		w |= (uint64_t)b[i + k] << (8 * k);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 29;
	return (uint32_t)h ^ (uint32_t)(h >> 32);
}

void *nt_ktab_find(struct nt_ktab *t, const void *key, size_t klen)
{
	if (t->nslot == 0)
		return NULL;
	if (klen > NT_KTAB_KEY)
		klen = NT_KTAB_KEY;
	uint32_t h = key_hash(key, klen);
	uint32_t fb = h % NT_KTAB_FILTER;
	if (!(t->filter[fb >> 6] & (1ull << (fb & 63))))
		return NULL; /* never inserted: skip the probe */
	for (uint32_t i = 0; i < NT_KTAB_PROBE; i++) {
		struct nt_ktab_hdr *s = slot(t, h + i);
		if (!s->used)
			return NULL;
		if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
			return s;
	}
	return NULL;
}

void *nt_ktab_get(struct nt_ktab *t, const void *key, size_t klen, int64_t now)
{
	if (t->nslot == 0)
		return NULL;
	if (klen > NT_KTAB_KEY)
		klen = NT_KTAB_KEY;
	uint32_t h = key_hash(key, klen);
	struct nt_ktab_hdr *oldest = NULL, *empty = NULL;
	for (uint32_t i = 0; i < NT_KTAB_PROBE; i++) {
		struct nt_ktab_hdr *s = slot(t, h + i);
		if (!s->used) {
			empty = s;
			break;
		}
		if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0) {
			if (now > s->t_last)
				s->t_last = now;
			return s;
		}
		if (oldest == NULL || s->t_last < oldest->t_last)
			oldest = s;
	}
	struct nt_ktab_hdr *e = empty;
	if (e == NULL) {
		e = oldest;
		t->st.evicted++;
	} else if (++t->st.used > t->st.peak) {
		t->st.peak = t->st.used;
	}
	t->st.inserted++;
	uint32_t fb = h % NT_KTAB_FILTER;
	t->filter[fb >> 6] |= 1ull << (fb & 63);
	memset(e, 0, t->esz);
	e->used = 1;
	e->hash = h;
	e->klen = (uint8_t)klen;
	e->t_last = now;
	memcpy(e->key, key, klen);
	return e;
}

void *nt_ktab_at(const struct nt_ktab *t, uint32_t i)
{
	if (i >= t->nslot)
		return NULL;
	struct nt_ktab_hdr *s = slot(t, i);
	return s->used ? s : NULL;
}

size_t nt_ktab_key_addr(uint8_t *key, const struct nt_addr *a, const void *more, size_t n)
{
	key[0] = a->family;
	memcpy(key + 1, a->a, 16);
	if (a->family != 6)
		memset(key + 5, 0, 12);
	if (n > NT_KTAB_KEY - 17)
		n = NT_KTAB_KEY - 17;
	if (n)
		memcpy(key + 17, more, n);
	return 17 + n;
}
