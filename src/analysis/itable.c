/* \summary: indexed tables (see itable.h): allocation of the pool and its
 * buckets, and the initial free list. */
#include "analysis/itable.h"

#include <stdlib.h>

static uint32_t pow2_at_least(uint32_t n)
{
	uint32_t p = 16;
	while (p < n)
		p <<= 1;
	return p;
}

void *nt_itable_init(struct nt_itable *t, size_t esz, size_t off, struct nt_table_stats *st)
{
	uint32_t cap = st->cap;
	uint32_t nbucket = pow2_at_least(cap);
	t->esz = esz;
	t->off = off;
	t->st = st;
	t->mask = nbucket - 1;
	t->base = calloc(cap, esz);
	t->bucket = malloc(nbucket * sizeof(int32_t));
	if (t->base == NULL || t->bucket == NULL)
		return NULL;
	t->links = t->base + off;
	for (uint32_t i = 0; i < nbucket; i++)
		t->bucket[i] = NT_NIL;
	for (uint32_t i = 0; i < cap; i++)
		nt_ilink_of(t, (int32_t)i)->next_age = (int32_t)i + 1 < (int32_t)cap ? (int32_t)i + 1 : NT_NIL;
	t->free = 0;
	t->head = t->tail = NT_NIL;
	return t->base;
}

void nt_itable_free(struct nt_itable *t)
{
	free(t->base);
	free(t->bucket);
	t->base = NULL;
	t->links = NULL;
	t->bucket = NULL;
}
