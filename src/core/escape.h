/* \summary: how bytes that came from the input are shown in each kind of
 * output, one scheme per kind, used by every renderer:
 *
 * - Terminal text (the text report, explain, Markdown and HTML files, the
 *   messages on stderr): an nt_out in safe mode (nt_out_safe) passes
 *   printable ASCII, newline, tab and valid UTF-8 unchanged and spells
 *   everything else where the reader sees it: a byte that is not part of
 *   valid UTF-8, a C0 control (ESC, BEL, CR, ...) or DEL as \xHH, a C1
 *   control or a bidirectional-override character as \uHHHH.  No byte
 *   that a terminal acts on gets through, whatever a renderer forgets.
 * - JSON (nt_out_json_str): always valid UTF-8.  Controls (C0, DEL, C1,
 *   bidi) are \uHHHH escapes of the same code point; a byte that is not valid UTF-8 becomes the four characters
 *   \xHH (a backslash in JSON: "\\xHH"), as Zeek's logs write them.  DNS
 *   names are kept in presentation form (RFC 1035 5.1: \DDD and \.
 *   escapes), so they are ASCII and read back to the same wire bytes.
 * - HTML (nt_out_html): < > & " ' as entities; no raw markup ever.
 * - Markdown (nt_md_text, nt_md_code): prose with every character that
 *   can open inline syntax backslash-escaped: \ ` * [ ] < | ~ always (no
 *   code span, emphasis, link, image, raw HTML, autolink or cell break;
 *   ( ) and ! mean nothing once [ ] are escaped), _ unless inside a word,
 *   & before a reference; the GFM autolink triggers broken (www\. and
 *   \://, an @ after a name character as a code span); at the start of a line # and >, and - +
 *   = or "1." before a space or a run of the same mark (no heading, quote,
 *   list or rule); verbatim text (file
 *   names, log lines) in a code span whose backtick fence is longer than
 *   any run of backticks inside, with | escaped in a table cell.  Raw HTML
 *   is never written. */
#ifndef NT_ESCAPE_H
#define NT_ESCAPE_H

#include <stddef.h>
#include <stdint.h>

#include "core/out.h"
#include "core/utf8.h"

/* Turns on terminal-safe output for o (see above): what it writes to its
 * FILE is filtered from now on. */
void nt_out_safe(struct nt_out *o);

/* Markdown prose (see above). */
void nt_md_text(struct nt_out *o, const char *s);
/* Markdown code span of s; in_cell: it sits in a table cell. */
void nt_md_code(struct nt_out *o, const char *s, int in_cell);

#endif
