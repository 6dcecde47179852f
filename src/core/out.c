/* \summary: buffered text output. */
#include "core/out.h"

#include "core/utf8.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

int nt_out_open(struct nt_out *o, FILE *f, size_t cap)
{
	memset(o, 0, sizeof(*o));
	o->buf = malloc(cap);
	if (o->buf == NULL)
		return -1;
	o->cap = cap;
	o->f = f;
	return 0;
}

int nt_out_mem(struct nt_out *o, size_t max)
{
	memset(o, 0, sizeof(*o));
	o->cap = max < 256 ? max : 256;
	if (o->cap < 16)
		o->cap = 16;
	o->buf = malloc(o->cap);
	if (o->buf == NULL)
		return -1;
	o->max = max;
	return 0;
}

static void put_raw(struct nt_out *o, const void *s, size_t n)
{
	if (n && fwrite(s, 1, n, o->f) != n && !o->ioerr)
		o->ioerr = errno ? errno : EIO;
}

/* The terminal-safe filter (core/escape.h): s[0..n) after the bytes held
 * back by the last call; final: nothing follows, so a cut sequence is
 * escaped rather than held. */
static void put_safe(struct nt_out *o, const unsigned char *s, size_t n, int final)
{
	static const char hx[] = "0123456789abcdef";
	char stage[1024];
	size_t st = 0;
	unsigned char win[8];
	while (n > 0 || o->npend) {
		if (o->npend == 0) {
			/* a run of printable ASCII, newlines and tabs goes as it is */
			size_t k = 0;
			while (k < n && ((s[k] >= 0x20 && s[k] < 0x7f) || s[k] == '\n' || s[k] == '\t'))
				k++;
			if (k) {
				if (st + k > sizeof(stage)) {
					put_raw(o, stage, st);
					st = 0;
				}
				if (k > sizeof(stage)) {
					put_raw(o, s, k);
				} else {
					memcpy(stage + st, s, k);
					st += k;
				}
				s += k;
				n -= k;
				continue;
			}
		}
		/* the next sequence: held-back bytes first, then s */
		const unsigned char *p = s;
		size_t avail = n, from_s;
		if (o->npend) {
			size_t k = n < 4 ? n : 4;
			memcpy(win, o->pend, o->npend);
			memcpy(win + o->npend, s, k);
			p = win;
			avail = o->npend + k;
		}
		uint32_t cp = 0;
		size_t len = nt_utf8_seq(p, avail, &cp);
		if (len == 0 && !final && p[0] >= 0xc2 && p[0] <= 0xf4 && avail < 4) {
			/* maybe a sequence cut by the buffer: hold it back */
			int cut = 1;
			for (size_t i = 1; i < avail; i++)
				cut &= (p[i] & 0xc0) == 0x80;
			if (cut) {
				memmove(o->pend, p, avail);
				o->npend = (unsigned)avail;
				break;
			}
		}
		if (st + 12 > sizeof(stage)) {
			put_raw(o, stage, st);
			st = 0;
		}
		if (len == 0) {
			stage[st++] = '\\', stage[st++] = 'x';
			stage[st++] = hx[p[0] >> 4], stage[st++] = hx[p[0] & 15];
			len = 1;
		} else if (nt_cp_unsafe(cp)) {
			if (cp < 0x80) {
				stage[st++] = '\\', stage[st++] = 'x';
				stage[st++] = hx[cp >> 4], stage[st++] = hx[cp & 15];
			} else {
				stage[st++] = '\\', stage[st++] = 'u';
				for (int sh = 12; sh >= 0; sh -= 4)
					stage[st++] = hx[(cp >> sh) & 15];
			}
		} else {
			memcpy(stage + st, p, len);
			st += len;
		}
		/* consume len bytes: from the held-back ones, then from s */
		if (o->npend) {
			if (len >= o->npend) {
				from_s = len - o->npend;
				o->npend = 0;
			} else {
				memmove(o->pend, o->pend + len, o->npend - len);
				o->npend -= (unsigned)len;
				from_s = 0;
			}
		} else {
			from_s = len;
		}
		s += from_s;
		n -= from_s;
	}
	put_raw(o, stage, st);
}

static void sink(struct nt_out *o, const char *s, size_t n, int final)
{
	if (o->safe)
		put_safe(o, (const unsigned char *)s, n, final);
	else
		put_raw(o, s, n);
}

void nt_out_flush(struct nt_out *o)
{
	if (o->f && o->len) {
		sink(o, o->buf, o->len, 0);
		o->len = 0;
	}
}

void nt_out_sgr(struct nt_out *o, const char *seq)
{
	if (seq == NULL || seq[0] == '\0')
		return;
	if (!o->safe || o->f == NULL) {
		nt_out_puts(o, seq);
		return;
	}
	nt_out_flush(o);
	if (o->npend)
		sink(o, "", 0, 1); /* a sequence cut before ours is invalid */
	put_raw(o, seq, strlen(seq));
}

void nt_out_close(struct nt_out *o)
{
	nt_out_flush(o);
	if (o->f && o->npend)
		sink(o, "", 0, 1);
	errno = 0;
	if (o->f && fflush(o->f) != 0 && !o->ioerr)
		o->ioerr = errno ? errno : EIO;
	free(o->buf);
	o->buf = NULL;
	o->len = o->cap = 0;
}

void nt_out_reset(struct nt_out *o)
{
	o->len = 0;
	o->overflow = 0;
}

int nt_out_reserve(struct nt_out *o, size_t n)
{
	if (o->cap - o->len > n)
		return 1;
	if (o->f) {
		nt_out_flush(o);
		if (o->cap - o->len > n)
			return 1;
		/* A single piece larger than the buffer: write through. */
		return 0;
	}
	size_t want = o->len + n + 1;
	if (o->max && want > o->max) {
		o->overflow = 1;
		return 0;
	}
	size_t ncap = o->cap * 2;
	while (ncap < want)
		ncap *= 2;
	if (o->max && ncap > o->max)
		ncap = o->max;
	char *nb = realloc(o->buf, ncap);
	if (nb == NULL) {
		o->overflow = 1;
		return 0;
	}
	o->buf = nb;
	o->cap = ncap;
	return 1;
}

const char *nt_out_str(struct nt_out *o)
{
	if (o->len >= o->cap && !nt_out_reserve(o, 1))
		o->len = o->cap - 1;
	o->buf[o->len] = '\0';
	return o->buf;
}

void nt_out_write(struct nt_out *o, const char *s, size_t n)
{
	if (!nt_out_reserve(o, n)) {
		if (o->f)
			sink(o, s, n, 0);
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

void nt_out_puts(struct nt_out *o, const char *s)
{
	nt_out_write(o, s, strlen(s));
}

void nt_out_putc(struct nt_out *o, char ch)
{
	if (o->cap - o->len > 1 || nt_out_reserve(o, 1))
		o->buf[o->len++] = ch;
}

void nt_out_printf(struct nt_out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char tmp[1024];
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		nt_out_write(o, tmp, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (big == NULL)
		return;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	nt_out_write(o, big, (size_t)n);
	free(big);
}

/* Writes v in decimal just before end (room for 20 digits); returns
 * where it starts. */
static inline char *fmt_dec(char *end, uint64_t v)
{
	char *p = end;
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	return p;
}

void nt_out_u(struct nt_out *o, uint64_t v)
{
	char tmp[24];
	char *end = tmp + sizeof(tmp);
	char *s = fmt_dec(end, v);
	nt_out_write(o, s, (size_t)(end - s));
}

void nt_out_i(struct nt_out *o, int64_t v)
{
	if (v < 0) {
		nt_out_putc(o, '-');
		nt_out_u(o, (uint64_t)0 - (uint64_t)v);
	} else {
		nt_out_u(o, (uint64_t)v);
	}
}

void nt_out_uw(struct nt_out *o, uint64_t v, int width, char pad)
{
	char tmp[24];
	char *end = tmp + sizeof(tmp);
	char *s = fmt_dec(end, v);
	for (int n = (int)(end - s); n < width; n++)
		nt_out_putc(o, pad);
	nt_out_write(o, s, (size_t)(end - s));
}

void nt_out_hex(struct nt_out *o, uint64_t v, int mindigits)
{
	static const char hx[] = "0123456789abcdef";
	char tmp[17];
	int i = sizeof(tmp);
	do {
		tmp[--i] = hx[v & 15];
		v >>= 4;
	} while (v);
	while ((int)sizeof(tmp) - i < mindigits && i > 0)
		tmp[--i] = '0';
	nt_out_write(o, tmp + i, sizeof(tmp) - (size_t)i);
}

char *nt_fmt_ip4(char *dst, const uint8_t a[4])
{
	char *p = dst;
	for (int k = 0; k < 4; k++) {
		unsigned v = a[k];
		if (k)
			*p++ = '.';
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + (v / 10) % 10);
		*p++ = (char)('0' + v % 10);
	}
	*p = '\0';
	return dst;
}

/* RFC 5952 text form, as inet_ntop prints it. */
char *nt_fmt_ip6(char *dst, const uint8_t a[16])
{
	static const char hx[] = "0123456789abcdef";
	uint16_t w[8];
	for (int i = 0; i < 8; i++)
		w[i] = (uint16_t)((a[2 * i] << 8) | a[2 * i + 1]);
	/* IPv4-mapped / compatible forms as glibc prints them. */
	int best = -1, bestlen = 0;
	for (int i = 0; i < 8;) {
		if (w[i] == 0) {
			int j = i;
			while (j < 8 && w[j] == 0)
				j++;
			if (j - i > bestlen) {
				best = i;
				bestlen = j - i;
			}
			i = j;
		} else {
			i++;
		}
	}
	if (bestlen < 2)
		best = -1;
	char *p = dst;
	for (int i = 0; i < 8; i++) {
		if (i == best) {
			*p++ = ':';
			if (i == 0)
				*p++ = ':';
			i += bestlen - 1;
			continue;
		}
		/* ::ffff:a.b.c.d and ::a.b.c.d */
		if (i == 6 && best == 0 &&
		    (bestlen == 6 || (bestlen == 5 && w[5] == 0xffff))) {
			char v4[16];
			nt_fmt_ip4(v4, a + 12);
			size_t n = strlen(v4);
			memcpy(p, v4, n);
			p += n;
			break;
		}
		uint16_t v = w[i];
		int started = 0;
		for (int s = 12; s >= 0; s -= 4) {
			unsigned d = (v >> s) & 15;
			if (d || started || s == 0) {
				*p++ = hx[d];
				started = 1;
			}
		}
		if (i < 7)
			*p++ = ':';
	}
	*p = '\0';
	return dst;
}

void nt_out_ip4(struct nt_out *o, const uint8_t a[4])
{
	char tmp[16];
	nt_fmt_ip4(tmp, a);
	nt_out_puts(o, tmp);
}

void nt_out_ip6(struct nt_out *o, const uint8_t a[16])
{
	char tmp[64];
	nt_fmt_ip6(tmp, a);
	nt_out_puts(o, tmp);
}

void nt_out_mac(struct nt_out *o, const uint8_t a[6])
{
	static const char hx[] = "0123456789abcdef";
	char tmp[18];
	for (int i = 0; i < 6; i++) {
		tmp[i * 3] = hx[a[i] >> 4];
		tmp[i * 3 + 1] = hx[a[i] & 15];
		tmp[i * 3 + 2] = ':';
	}
	nt_out_write(o, tmp, 17);
}

void nt_out_json_str(struct nt_out *o, const char *s)
{
	static const char hx[] = "0123456789abcdef";
	size_t n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		switch (ch) {
		case '"': nt_out_puts(o, "\\\""); break;
		case '\\': nt_out_puts(o, "\\\\"); break;
		case '\n': nt_out_puts(o, "\\n"); break;
		case '\r': nt_out_puts(o, "\\r"); break;
		case '\t': nt_out_puts(o, "\\t"); break;
		default:
			if (ch < 0x20 || ch == 0x7f) {
				char u[7] = {'\\', 'u', '0', '0', hx[ch >> 4], hx[ch & 15], 0};
				nt_out_puts(o, u);
			} else if (ch < 0x80) {
				nt_out_putc(o, (char)ch);
			} else {
				/* valid UTF-8 as it is; any other byte as \\xHH (core/escape.h) */
				uint32_t cp;
				size_t len = nt_utf8_seq((const unsigned char *)s + i, n - i, &cp);
				if (len && nt_cp_unsafe(cp)) {
					/* C1 and bidi controls: \uHHHH, the same code point */
					char u[7] = {'\\', 'u', hx[cp >> 12], hx[(cp >> 8) & 15],
						     hx[(cp >> 4) & 15], hx[cp & 15], 0};
					nt_out_puts(o, u);
					i += len - 1;
				} else if (len) {
					nt_out_write(o, s + i, len);
					i += len - 1;
				} else {
					char x[7] = {'\\', '\\', 'x', hx[ch >> 4], hx[ch & 15], 0, 0};
					nt_out_puts(o, x);
				}
			}
		}
	}
}

void nt_out_html(struct nt_out *o, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': nt_out_puts(o, "&lt;"); break;
		case '>': nt_out_puts(o, "&gt;"); break;
		case '&': nt_out_puts(o, "&amp;"); break;
		case '"': nt_out_puts(o, "&quot;"); break;
		case '\'': nt_out_puts(o, "&#39;"); break;
		default: nt_out_putc(o, *s);
		}
	}
}
