/* \summary: libFuzzer target: the escaping layers of core/escape.h on
 * hostile bytes, with their promises as assertions.  The input is the
 * string (NUL bytes end it early for the string layers; the terminal
 * filter takes them all), written in pieces whose sizes come from its
 * own bytes so that UTF-8 sequences are cut at every flush boundary.
 *  - terminal filter (an nt_out in safe mode writing to a FILE): valid
 *    UTF-8, no C0 control but newline and tab, no DEL, C1 or bidi control;
 *    and the printable ASCII of the input comes out unchanged;
 *  - nt_out_json_str: valid UTF-8, no control byte, every " and \ escaped;
 *  - nt_out_html: no < > " ' and no & that does not start an entity of its own;
 *  - nt_md_text: every \ ` * [ ] < | ~ of the output is escaped (an odd
 *    run of backslashes before it), no line starts a heading or quote;
 *  - nt_md_code: the content holds no backtick run as long as the fence,
 *    and in a cell no unescaped |, nor a line break. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/escape.h"
#include "core/out.h"
#include "fuzz.h"

static void esc_check_utf8(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = nt_utf8_seq(s + i, n - i, &cp);
		if (len == 0 || nt_cp_unsafe(cp))
			__builtin_trap();
		i += len;
	}
}

/* An odd run of backslashes right before s[i]. */
static int esc_escaped(const char *s, size_t i)
{
	size_t k = 0;
	while (k < i && s[i - 1 - k] == '\\')
		k++;
	return k % 2 == 1;
}

static void esc_terminal(const uint8_t *data, size_t size)
{
	char *buf = NULL;
	size_t blen = 0;
	FILE *f = open_memstream(&buf, &blen);
	if (f == NULL)
		return;
	struct nt_out o;
	if (nt_out_open(&o, f, 16) < 0) {
		fclose(f);
		free(buf);
		return;
	}
	nt_out_safe(&o);
	/* pieces of 1 to 8 bytes, the size from the byte before */
	for (size_t i = 0; i < size;) {
		size_t k = 1 + (i ? data[i - 1] % 8 : 0);
		if (k > size - i)
			k = size - i;
		nt_out_write(&o, (const char *)data + i, k);
		i += k;
		if (i % 3 == 0)
			nt_out_flush(&o);
		if (i % 7 == 0)
			nt_out_sgr(&o, "\033[0m");
	}
	nt_out_close(&o);
	fclose(f);
	/* our own SGR sequences are the only ESC bytes: take them out */
	size_t w = 0;
	for (size_t i = 0; i < blen;) {
		if (blen - i >= 4 && memcmp(buf + i, "\033[0m", 4) == 0) {
			i += 4;
			continue;
		}
		buf[w++] = buf[i++];
	}
	esc_check_utf8((const unsigned char *)buf, w);
	/* printable ASCII passes as it is, in order */
	size_t j = 0;
	for (size_t i = 0; i < size; i++) {
		if (data[i] < 0x20 || data[i] >= 0x7f || data[i] == '\\')
			continue;
		while (j < w && buf[j] != (char)data[i])
			j++;
		if (j == w)
			__builtin_trap();
		j++;
	}
	free(buf);
}

static void esc_strings(const char *s)
{
	struct nt_out o;
	if (nt_out_mem(&o, 1 << 20) < 0)
		return;
	nt_out_json_str(&o, s);
	const char *j = nt_out_str(&o);
	size_t n = strlen(j);
	esc_check_utf8((const unsigned char *)j, n);
	for (size_t i = 0; i < n; i++)
		if ((j[i] == '"' && !esc_escaped(j, i)) || (unsigned char)j[i] < 0x20)
			__builtin_trap();
	if (esc_escaped(j, n))
		__builtin_trap(); /* a string may not end inside an escape */

	nt_out_reset(&o);
	nt_out_html(&o, s);
	j = nt_out_str(&o);
	if (strpbrk(j, "<>\"'"))
		__builtin_trap();
	for (const char *a = strchr(j, '&'); a; a = strchr(a + 1, '&'))
		if (strncmp(a, "&lt;", 4) && strncmp(a, "&gt;", 4) && strncmp(a, "&amp;", 5) &&
		    strncmp(a, "&quot;", 6) && strncmp(a, "&#39;", 5))
			__builtin_trap();

	nt_out_reset(&o);
	nt_md_text(&o, s);
	j = nt_out_str(&o);
	n = strlen(j);
	for (size_t i = 0; i < n; i++) {
		char c = j[i];
		if (strchr("`*[]<|~", c) && !esc_escaped(j, i)) {
			/* the one code span nt_md_text writes: `@` */
			if (c == '`' && ((i + 2 < n && j[i + 1] == '@' && j[i + 2] == '`') ||
					 (i >= 2 && j[i - 1] == '@' && j[i - 2] == '`')))
				continue;
			__builtin_trap();
		}
		int start = i == 0 || j[i - 1] == '\n';
		if (start && (c == '#' || c == '>'))
			__builtin_trap();
	}

	for (int cell = 0; cell < 2; cell++) {
		nt_out_reset(&o);
		nt_md_code(&o, s, cell);
		j = nt_out_str(&o);
		n = strlen(j);
		if (s[0] == '\0')
			continue;
		size_t fence = 0;
		while (fence < n && j[fence] == '`')
			fence++;
		if (fence == 0 || n < 2 * fence || strncmp(j + n - fence, j, fence) != 0)
			__builtin_trap();
		size_t run = 0;
		for (size_t i = fence; i < n - fence; i++) {
			run = j[i] == '`' ? run + 1 : 0;
			if (run >= fence || j[i] == '\n' || j[i] == '\r')
				__builtin_trap();
			/* GFM splits cells at a | not right after a backslash, whatever
			 * comes before that backslash */
			if (cell && j[i] == '|' && j[i - 1] != '\\')
				__builtin_trap();
		}
	}
	nt_out_close(&o);
}

int nt_fuzz_escape(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	esc_terminal(data, size);
	char *s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	esc_strings(s);
	free(s);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_escape(data, size);
}
#endif
