/* \summary: indexed tables: a fixed pool of entries with an intrusive
 * doubly linked hash chain per bucket, an age list (oldest at the head;
 * first-in first-out, or least recently used with nt_itable_touch) and a
 * free list, plus the table's counters (used, inserted, peak).
 *
 * Each entry type embeds a `struct nt_ilink`; the table knows the pool's
 * base, the entry size and the offset of the link, so the same code serves
 * every entry type.  Entries are named by their index in the pool.  Every
 * operation is O(1) and nothing is allocated after nt_itable_init. */
#ifndef NT_ITABLE_H
#define NT_ITABLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/table.h"

#define NT_NIL (-1)


/* The links of one entry (private to the table). */
struct nt_ilink {
	int32_t next_hash, prev_hash; /* bucket chain */
	int32_t prev_age, next_age;   /* age list; next_age also chains the free list */
	uint32_t hash;
};

struct nt_itable {
	unsigned char *base;  /* the pool: cap entries of esz bytes */
	size_t esz;           /* bytes per entry */
	size_t off;           /* offset of the struct nt_ilink in an entry */
	unsigned char *links; /* base + off: the link of entry 0 */
	int32_t *bucket;
	uint32_t mask;        /* number of buckets - 1 */
	int32_t head, tail;   /* oldest and newest entry */
	int32_t free;         /* first free entry */
	struct nt_table_stats *st;
};

/* Allocates a zeroed pool of st->cap entries of esz bytes, the link at
 * off, and its buckets; returns the pool, or NULL (nt_itable_free then
 * releases what was allocated). */
void *nt_itable_init(struct nt_itable *t, size_t esz, size_t off, struct nt_table_stats *st);
void nt_itable_free(struct nt_itable *t);

static inline struct nt_ilink *nt_ilink_of(const struct nt_itable *t, int32_t i)
{
	return (struct nt_ilink *)(void *)(t->links + (size_t)i * t->esz);
}

/* The first entry of the chain of hash h (follow link.next_hash). */
static inline int32_t nt_itable_first(const struct nt_itable *t, uint32_t h)
{
	return t->bucket[h & t->mask];
}

/* The oldest entry, or NT_NIL (follow link.next_age for newer ones). */
static inline int32_t nt_itable_oldest(const struct nt_itable *t)
{
	return t->head;
}

/* When the table is full: its oldest entry, counted as evicted (the
 * caller ends it and removes it before inserting); else NT_NIL. */
static inline int32_t nt_itable_victim(struct nt_itable *t)
{
	if (t->free != NT_NIL)
		return NT_NIL;
	t->st->evicted++;
	return t->head;
}

/* Appends entry i (link l) at the tail of the age list. */
static inline void nt_itable_age_append(struct nt_itable *t, int32_t i, struct nt_ilink *l)
{
	l->prev_age = t->tail;
	l->next_age = NT_NIL;
	if (t->tail != NT_NIL)
		nt_ilink_of(t, t->tail)->next_age = i;
	t->tail = i;
	if (t->head == NT_NIL)
		t->head = i;
}

/* Takes entry l out of the age list. */
static inline void nt_itable_age_unlink(struct nt_itable *t, const struct nt_ilink *l)
{
	if (l->prev_age != NT_NIL)
		nt_ilink_of(t, l->prev_age)->next_age = l->next_age;
	else
		t->head = l->next_age;
	if (l->next_age != NT_NIL)
		nt_ilink_of(t, l->next_age)->prev_age = l->prev_age;
	else
		t->tail = l->prev_age;
}

/* Takes a free entry (the table must not be full: see nt_itable_victim), links it at the head of
 * its hash chain and at the tail of the age list, and counts it.  Only the
 * link is written: the caller initialises the rest of the entry. */
static inline int32_t nt_itable_insert(struct nt_itable *t, uint32_t h)
{
	int32_t i = t->free;
	struct nt_ilink *l = nt_ilink_of(t, i);
	t->free = l->next_age;
	l->hash = h;
	int32_t *b = &t->bucket[h & t->mask];
	l->next_hash = *b;
	l->prev_hash = NT_NIL;
	if (*b != NT_NIL)
		nt_ilink_of(t, *b)->prev_hash = i;
	*b = i;
	nt_itable_age_append(t, i, l);
	struct nt_table_stats *st = t->st;
	st->used++;
	st->inserted++;
	if (st->used > st->peak)
		st->peak = st->used;
	return i;
}

/* Unlinks entry i from its chain and the age list and frees it; its
 * contents stay intact until the entry is inserted again. */
static inline void nt_itable_remove(struct nt_itable *t, int32_t i)
{
	struct nt_ilink *l = nt_ilink_of(t, i);
	/* doubly linked hash chain: O(1) even when many entries share a key */
	if (l->prev_hash != NT_NIL)
		nt_ilink_of(t, l->prev_hash)->next_hash = l->next_hash;
	else
		t->bucket[l->hash & t->mask] = l->next_hash;
	if (l->next_hash != NT_NIL)
		nt_ilink_of(t, l->next_hash)->prev_hash = l->prev_hash;
	nt_itable_age_unlink(t, l);
	l->next_age = t->free;
	t->free = i;
	t->st->used--;
}

/* Moves entry i to the tail of the age list (least recently used order). */
static inline void nt_itable_touch(struct nt_itable *t, int32_t i)
{
	if (t->tail == i)
		return;
	struct nt_ilink *l = nt_ilink_of(t, i);
	nt_itable_age_unlink(t, l);
	nt_itable_age_append(t, i, l);
}

#endif
