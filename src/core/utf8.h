/* \summary: UTF-8 as the escaping layers see it (core/escape.h): the
 * length of a valid sequence, and the code points no terminal may get raw. */
#ifndef NT_UTF8_H
#define NT_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The length (1 to 4) of the valid, shortest-form UTF-8 sequence at the
 * start of s[0..n), with its code point in *cp; 0 when the bytes there
 * are not valid UTF-8 or the sequence is cut short by n. */
size_t nt_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp);

/* 1 when code point cp must not reach a terminal raw: a C0 control but
 * newline and tab, DEL, a C1 control, a bidirectional control (U+061C,
 * U+200E-U+200F, U+202A-U+202E, U+2066-U+2069). */
int nt_cp_unsafe(uint32_t cp);

#endif
