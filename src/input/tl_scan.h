/* \summary: the token scanner of the text-log parser: a text cursor in
 * the manner of curl's strparse.  Every tx_* function takes `const char
 * **pp` and the end of the text, and moves *pp only when it succeeds;
 * every token it copies is length-capped.  A token is a span (pointer and
 * length into the text), so a 1 MB word costs nothing.  Private to
 * src/input/textlog*.c and tl_*.c; all inline (the parser calls these for
 * every byte it looks at). */
#ifndef NT_INPUT_TL_SCAN_H
#define NT_INPUT_TL_SCAN_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct span {
	const char *p;
	size_t n;
};

static inline int is_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static inline int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Exact literal. */
static inline int tx_lit(const char **pp, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(e - *pp) < n || memcmp(*pp, lit, n) != 0)
		return 0;
	*pp += n;
	return 1;
}

static inline int tx_ch(const char **pp, const char *e, char ch)
{
	if (*pp >= e || **pp != ch)
		return 0;
	(*pp)++;
	return 1;
}

/* Decimal number of at most maxdig digits and value max. */
static inline int tx_num(const char **pp, const char *e, uint64_t max, size_t maxdig, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;
	size_t nd = 0;
	while (p < e && is_digit(*p)) {
		if (++nd > maxdig)
			return 0;
		x = x * 10 + (uint64_t)(*p - '0');
		p++;
	}
	if (nd == 0 || x > max)
		return 0;
	*v = x;
	*pp = p;
	return 1;
}

/* Exactly n digits. */
static inline int tx_ndig(const char **pp, const char *e, size_t n, uint32_t *v)
{
	const char *p = *pp;
	uint32_t x = 0;
	if ((size_t)(e - p) < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return 0;
		x = x * 10 + (uint32_t)(p[i] - '0');
	}
	*v = x;
	*pp = p + n;
	return 1;
}

/* Hex number "0x..." of at most 16 digits. */
static inline int tx_hex(const char **pp, const char *e, uint64_t *v)
{
	const char *p = *pp;
	if (!tx_lit(&p, e, "0x"))
		return 0;
	uint64_t x = 0;
	size_t nd = 0;
	while (p < e) {
		char ch = *p;
		int d;
		if (is_digit(ch))
			d = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			d = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			d = ch - 'A' + 10;
		else
			break;
		if (++nd > 16)
			return 0;
		x = x * 16 + (uint64_t)d;
		p++;
	}
	if (nd == 0)
		return 0;
	*v = x;
	*pp = p;
	return 1;
}

/* One or more blanks (space, tab, newline). */
static inline int tx_ws(const char **pp, const char *e)
{
	const char *p = *pp;
	while (p < e && is_ws(*p))
		p++;
	if (p == *pp)
		return 0;
	*pp = p;
	return 1;
}

static inline void tx_skipws(const char **pp, const char *e)
{
	tx_ws(pp, e);
}

/* Blanks without crossing a newline. */
static inline void tx_skipsp(const char **pp, const char *e)
{
	while (*pp < e && (**pp == ' ' || **pp == '\t' || **pp == '\r'))
		(*pp)++;
}

/* A run of non-blank bytes (span only: no cap needed). */
static inline int tx_word(const char **pp, const char *e, struct span *w)
{
	const char *p = *pp;
	while (p < e && !is_ws(*p))
		p++;
	if (p == *pp)
		return 0;
	w->p = *pp;
	w->n = (size_t)(p - *pp);
	*pp = p;
	return 1;
}

/* Bytes up to (not including) ch, at most max, on this line. */
static inline int tx_until(const char **pp, const char *e, char ch, size_t max, struct span *w)
{
	const char *p = *pp;
	while (p < e && *p != ch && *p != '\n') {
		if ((size_t)(p - *pp) >= max)
			return 0;
		p++;
	}
	if (p >= e || *p != ch)
		return 0;
	w->p = *pp;
	w->n = (size_t)(p - *pp);
	*pp = p;
	return 1;
}

/* Bytes up to and including ch (at most max before it), on this line. */
static inline int tx_past(const char **pp, const char *e, char ch, size_t max)
{
	struct span w;
	if (!tx_until(pp, e, ch, max, &w))
		return 0;
	(*pp)++;
	return 1;
}

/* After an opening bracket: up to and including the bracket that closes
 * it (open/close nest), else to e.  1 if it was closed. */
static inline int tx_skip_nested(const char **pp, const char *e, char open, char close)
{
	const char *p = *pp;
	int depth = 1;
	while (p < e && depth > 0) {
		if (*p == open)
			depth++;
		else if (*p == close)
			depth--;
		p++;
	}
	*pp = p;
	return depth == 0;
}

/* The item up to a ',' or a blank (possibly empty). */
static inline struct span tx_item(const char **pp, const char *e)
{
	const char *s = *pp;
	while (*pp < e && **pp != ',' && !is_ws(**pp))
		(*pp)++;
	struct span w = {s, (size_t)(*pp - s)};
	return w;
}

/* End of the current line. */
static inline const char *eol(const char *p, const char *e)
{
	if (p >= e)
		return e;
	const char *q = memchr(p, '\n', (size_t)(e - p));
	return q ? q : e;
}

static inline int span_is(struct span w, const char *lit)
{
	size_t n = strlen(lit);
	return w.n == n && memcmp(w.p, lit, n) == 0;
}

/* The whole span as a decimal number of at most maxdig digits and value
 * max (<= INT_MAX); -1 if it is not one. */
static inline int span_num(struct span w, uint64_t max, size_t maxdig)
{
	const char *p = w.p;
	uint64_t v;
	if (tx_num(&p, w.p + w.n, max, maxdig, &v) && p == w.p + w.n)
		return (int)v;
	return -1;
}

/* "<prefix>N", tcpdump's form for a value it has no name for: N, or -1. */
static inline int span_prefixed_num(struct span w, const char *prefix, uint64_t max, size_t maxdig)
{
	size_t n = strlen(prefix);
	if (w.n <= n || memcmp(w.p, prefix, n) != 0)
		return -1;
	struct span num = {w.p + n, w.n - n};
	return span_num(num, max, maxdig);
}

/* Copies a span into dst (cap bytes incl. NUL); 0 if it does not fit. */
static inline int span_copy(char *dst, size_t cap, struct span w)
{
	if (w.n >= cap)
		return 0;
	memcpy(dst, w.p, w.n);
	dst[w.n] = '\0';
	return 1;
}

#endif
