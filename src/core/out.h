/* \summary: buffered text output: a formatter of our own into a large
 * buffer, flushed to a FILE.  Used by every printer and report writer. */
#ifndef NT_OUT_H
#define NT_OUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct nt_out {
	char *buf;
	size_t len;
	size_t cap;
	FILE *f;     /* NULL: keep in memory (string builder, bounded by max) */
	size_t max;  /* hard ceiling for in-memory use; 0 = cap */
	int overflow;/* set when text was dropped at the ceiling */
	int ioerr;   /* a write to f failed: its errno (EIO when none was set) */
	int safe;    /* terminal-safe filter on the way to f (core/escape.h) */
	unsigned char pend[4]; /* a UTF-8 sequence cut by the last flush */
	unsigned npend;
};

/* Buffer writing to f (cap bytes, flushed when nearly full). */
int nt_out_open(struct nt_out *o, FILE *f, size_t cap);
/* In-memory builder of at most max bytes (grows from a small start). */
int nt_out_mem(struct nt_out *o, size_t max);
void nt_out_close(struct nt_out *o);
void nt_out_flush(struct nt_out *o);
void nt_out_reset(struct nt_out *o);
/* Ensures room for n more bytes; returns 0 if it cannot. */
int nt_out_reserve(struct nt_out *o, size_t n);
/* NUL-terminated view of an in-memory buffer. */
const char *nt_out_str(struct nt_out *o);

void nt_out_write(struct nt_out *o, const char *s, size_t n);
void nt_out_puts(struct nt_out *o, const char *s);
void nt_out_putc(struct nt_out *o, char ch);
void nt_out_printf(struct nt_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void nt_out_u(struct nt_out *o, uint64_t v);        /* decimal */
void nt_out_i(struct nt_out *o, int64_t v);
void nt_out_uw(struct nt_out *o, uint64_t v, int width, char pad); /* right-aligned */
void nt_out_hex(struct nt_out *o, uint64_t v, int mindigits);   /* lower-case, no 0x */
void nt_out_ip4(struct nt_out *o, const uint8_t a[4]);
void nt_out_ip6(struct nt_out *o, const uint8_t a[16]);
void nt_out_mac(struct nt_out *o, const uint8_t a[6]);

/* Writes seq, a terminal control sequence of the program's own (an SGR
 * colour), past the safe filter (core/escape.h); NULL or "" writes
 * nothing. */
void nt_out_sgr(struct nt_out *o, const char *seq);

/* JSON string body escaping (without quotes). */
void nt_out_json_str(struct nt_out *o, const char *s);
/* HTML text escaping. */
void nt_out_html(struct nt_out *o, const char *s);

/* Convenience: formats an address into a caller buffer (>= 46 bytes). */
char *nt_fmt_ip4(char *dst, const uint8_t a[4]);
char *nt_fmt_ip6(char *dst, const uint8_t a[16]);

#endif
