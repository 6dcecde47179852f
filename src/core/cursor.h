/* \summary: the bounds-checked byte cursor every decoder reads through.
 *
 * A cursor covers [p, end): the bytes that were captured.  `wire_len`
 * marks where the enclosing length field says the data ends; it may lie
 * beyond `end` (snap length cut the packet: NT_ETRUNC) but a read past
 * `wire_len` is a lie in the data (NT_EMALF).  The first failed read sets
 * `err` and it sticks: later reads return 0 and do not move, so a decoder
 * may read a whole header and test `err` once (as Knot's wire_ctx_t).
 */
#ifndef NT_CURSOR_H
#define NT_CURSOR_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/error.h"

struct nt_cur {
	const uint8_t *base;     /* start of this cursor's data */
	const uint8_t *p;        /* next byte to read */
	const uint8_t *end;      /* end of captured bytes */
	size_t wire_len;         /* length from base according to the protocol */
	int err;                 /* NT_OK, NT_ETRUNC or NT_EMALF (sticky) */
};

static inline void nt_cur_init(struct nt_cur *c, const uint8_t *data, size_t caplen)
{
	c->base = c->p = data;
	c->end = data + caplen;
	c->wire_len = caplen;
	c->err = NT_OK;
}

/* A frame: caplen bytes captured of wirelen on the wire. */
static inline void nt_cur_init_frame(struct nt_cur *c, const uint8_t *data,
				     size_t caplen, size_t wirelen)
{
	nt_cur_init(c, data, caplen);
	if (wirelen > caplen)
		c->wire_len = wirelen;
}

/* Bytes captured and still to read. */
static inline size_t nt_cur_left(const struct nt_cur *c)
{
	return c->err ? 0 : (size_t)(c->end - c->p);
}

/* Offset of the read position from base. */
static inline size_t nt_cur_off(const struct nt_cur *c)
{
	return (size_t)(c->p - c->base);
}

/* Can n more bytes be read?  Sets the sticky error if not: NT_ETRUNC
 * when the bytes exist on the wire but were not captured, NT_EMALF when
 * the read goes past what the enclosing length allows. */
static inline int nt_cur_need(struct nt_cur *c, size_t n)
{
	if (c->err)
		return 0;
	if ((size_t)(c->end - c->p) >= n)
		return 1;
	c->err = (c->wire_len - (size_t)(c->p - c->base) >= n) ? NT_ETRUNC : NT_EMALF;
	return 0;
}

/* Like nt_cur_need but without setting the error. */
static inline int nt_cur_has(const struct nt_cur *c, size_t n)
{
	return !c->err && (size_t)(c->end - c->p) >= n;
}

static inline uint8_t nt_u8(struct nt_cur *c)
{
	if (!nt_cur_need(c, 1))
		return 0;
	return *c->p++;
}

static inline uint16_t nt_u16(struct nt_cur *c)
{
	if (!nt_cur_need(c, 2))
		return 0;
	uint16_t v = (uint16_t)((c->p[0] << 8) | c->p[1]);
	c->p += 2;
	return v;
}

static inline uint32_t nt_u24(struct nt_cur *c)
{
	if (!nt_cur_need(c, 3))
		return 0;
	uint32_t v = ((uint32_t)c->p[0] << 16) | ((uint32_t)c->p[1] << 8) | c->p[2];
	c->p += 3;
	return v;
}

static inline uint32_t nt_u32(struct nt_cur *c)
{
	if (!nt_cur_need(c, 4))
		return 0;
	uint32_t v = ((uint32_t)c->p[0] << 24) | ((uint32_t)c->p[1] << 16) |
		     ((uint32_t)c->p[2] << 8) | c->p[3];
	c->p += 4;
	return v;
}

static inline uint16_t nt_u16le(struct nt_cur *c)
{
	if (!nt_cur_need(c, 2))
		return 0;
	uint16_t v = (uint16_t)(c->p[0] | (c->p[1] << 8));
	c->p += 2;
	return v;
}

static inline uint32_t nt_u32le(struct nt_cur *c)
{
	if (!nt_cur_need(c, 4))
		return 0;
	uint32_t v = c->p[0] | ((uint32_t)c->p[1] << 8) | ((uint32_t)c->p[2] << 16) |
		     ((uint32_t)c->p[3] << 24);
	c->p += 4;
	return v;
}

/* Copies n bytes into dst (zero-filled on failure). */
static inline int nt_bytes(struct nt_cur *c, void *dst, size_t n)
{
	if (!nt_cur_need(c, n)) {
		memset(dst, 0, n);
		return 0;
	}
	memcpy(dst, c->p, n);
	c->p += n;
	return 1;
}

/* Returns a pointer to n readable bytes and advances, or NULL. */
static inline const uint8_t *nt_ptr(struct nt_cur *c, size_t n)
{
	if (!nt_cur_need(c, n))
		return NULL;
	const uint8_t *r = c->p;
	c->p += n;
	return r;
}

static inline int nt_skip(struct nt_cur *c, size_t n)
{
	if (!nt_cur_need(c, n))
		return 0;
	c->p += n;
	return 1;
}

/* Reads at offset `off` from the read position without moving the
 * cursor or setting its error: 1 if the bytes were captured, else 0. */
static inline int nt_at8(const struct nt_cur *c, size_t off, unsigned *v)
{
	struct nt_cur t = *c;
	nt_skip(&t, off);
	*v = nt_u8(&t);
	return t.err == NT_OK;
}

static inline int nt_at16(const struct nt_cur *c, size_t off, unsigned *v)
{
	struct nt_cur t = *c;
	nt_skip(&t, off);
	*v = nt_u16(&t);
	return t.err == NT_OK;
}

static inline int nt_at32(const struct nt_cur *c, size_t off, uint32_t *v)
{
	struct nt_cur t = *c;
	nt_skip(&t, off);
	*v = nt_u32(&t);
	return t.err == NT_OK;
}

/* Pointer to n captured bytes at offset off, or NULL. */
static inline const uint8_t *nt_atptr(const struct nt_cur *c, size_t off, size_t n)
{
	struct nt_cur t = *c;
	nt_skip(&t, off);
	return nt_ptr(&t, n);
}

/* Peek at byte i ahead without moving; returns -1 if not captured. */
static inline int nt_peek(const struct nt_cur *c, size_t i)
{
	if (c->err || (size_t)(c->end - c->p) <= i)
		return -1;
	return c->p[i];
}

/* A sub-cursor over the next `wirelen` bytes as the protocol says they
 * are; only what was captured is readable.  The parent does not move.
 * If the parent's own wire length ends first, reads past it are
 * malformed, not truncated. */
static inline void nt_cur_sub(const struct nt_cur *c, size_t wirelen, struct nt_cur *sub)
{
	sub->base = sub->p = c->p;
	sub->err = c->err;
	size_t cap = c->err ? 0 : (size_t)(c->end - c->p);
	sub->end = c->p + (cap < wirelen ? cap : wirelen);
	sub->wire_len = wirelen;
}

/* Cursor positioned at absolute offset `off` of base (for DNS pointers). */
static inline int nt_cur_seek(struct nt_cur *c, size_t off)
{
	if (off > (size_t)(c->end - c->base)) {
		c->err = NT_EMALF;
		return 0;
	}
	c->p = c->base + off;
	return 1;
}

#endif
