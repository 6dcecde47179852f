/* \summary: the escaping schemes of core/escape.h: the switch to the
 * terminal-safe filter (which lives in core/out.c), Markdown prose and
 * code spans. */
#include "core/escape.h"

#include <string.h>
#include <strings.h>

#include "core/utf8.h"

void nt_out_safe(struct nt_out *o)
{
	o->safe = 1;
}

/* ---- Markdown ---- */

/* Is s[i] at the start of a line (only spaces before it on the line)? */
static int line_start(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] == ' ')
		i--;
	return i == 0 || s[i - 1] == '\n';
}

static int alnum(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void nt_md_text(struct nt_out *o, const char *s)
{
	for (size_t i = 0; s[i]; i++) {
		char ch = s[i];
		if (ch == '\n') {
			nt_out_putc(o, '\n');
			while (s[i + 1] == ' ') /* four spaces would open a code block */
				i++;
			continue;
		}
		if (ch == '@' && i > 0 && (alnum(s[i - 1]) || strchr(".+-_", s[i - 1]))) {
			/* no GFM e-mail autolink: user@host is split ("dig @host" is
			 * no address: nothing before the @) */
			nt_out_puts(o, "`@`");
			continue;
		}
		/* inline syntax: code spans, emphasis, strikethrough, links and
		 * images ([ and ] suffice: ( ) and ! mean nothing without them),
		 * raw HTML and autolinks (<), table cells */
		int esc = strchr("\\`*[]<|~", ch) != NULL;
		/* _ inside a word never opens emphasis (dns_transactions) */
		if (ch == '_' && !(i > 0 && alnum(s[i - 1]) && alnum(s[i + 1])))
			esc = 1;
		/* entity and character references: &amp; &#60; */
		if (ch == '&' && (s[i + 1] == '#' || alnum(s[i + 1])))
			esc = 1;
		/* GFM autolinks: www. and scheme:// */
		if (ch == '.' && i >= 3 && strncasecmp(s + i - 3, "www", 3) == 0)
			esc = 1;
		if (ch == ':' && s[i + 1] == '/' && s[i + 2] == '/')
			esc = 1;
		/* a line that would start a heading, a quote, a list or a
		 * setext underline */
		if (line_start(s, i)) {
			char nx = s[i + 1];
			int gap = nx == ' ' || nx == '\t' || nx == '\n' || nx == '\0';
			if (ch == '#' || ch == '>')
				esc = 1;
			/* "- item", "+ item", "---", "===" */
			if ((ch == '-' || ch == '+' || ch == '=') && (gap || nx == ch))
				esc = 1;
			if (ch >= '0' && ch <= '9') {
				size_t k = i;
				while (s[k] >= '0' && s[k] <= '9')
					k++;
				char after = s[k] ? s[k + 1] : '\0';
				if ((s[k] == '.' || s[k] == ')') &&
				    (after == ' ' || after == '\t' || after == '\n' || after == '\0')) {
					nt_out_write(o, s + i, k - i);
					nt_out_putc(o, '\\');
					nt_out_putc(o, s[k]);
					i = k;
					continue;
				}
			}
		}
		if (esc)
			nt_out_putc(o, '\\');
		nt_out_putc(o, ch);
	}
}

void nt_md_code(struct nt_out *o, const char *s, int in_cell)
{
	size_t run = 0, longest = 0, n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	if (n == 0) {
		nt_out_puts(o, "(empty)");
		return;
	}
	/* a space inside each fence when the content starts or ends with a
	 * backtick or a space (CommonMark strips one from each side) */
	int pad = s[0] == '`' || s[n - 1] == '`' || s[0] == ' ' || s[n - 1] == ' ';
	for (size_t k = 0; k <= longest; k++)
		nt_out_putc(o, '`');
	if (pad)
		nt_out_putc(o, ' ');
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (ch == '\n' || ch == '\r')
			ch = ' '; /* a code span stays on its line */
		if (ch == '|' && in_cell)
			nt_out_putc(o, '\\');
		nt_out_putc(o, ch);
	}
	if (pad)
		nt_out_putc(o, ' ');
	for (size_t k = 0; k <= longest; k++)
		nt_out_putc(o, '`');
}
