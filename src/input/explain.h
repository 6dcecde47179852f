/* \summary: field-by-field explanation of a tcpdump line, in plain words.
 *
 * The explanation is data (a list of items), built from the field spans
 * the text-log parser finds (input/textlog.h) and the packet record it
 * fills; the renderers (text, Markdown table, JSON) only format it, so
 * the HTML report can show the same items on hover.
 */
#ifndef NT_INPUT_EXPLAIN_H
#define NT_INPUT_EXPLAIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/out.h"
#include "core/packet.h"
#include "input/textlog.h"

enum {
	NT_EXPLAIN_FIELD_MAX = 160, /* longer fields are cut and end in "..." */
	NT_EXPLAIN_TEXT_MAX = 160,
	NT_EXPLAIN_MEANING_MAX = 640,
};

/* One field of the line. */
struct nt_explain_item {
	char field[NT_EXPLAIN_FIELD_MAX];     /* the field as printed (printable ASCII) */
	char text[NT_EXPLAIN_TEXT_MAX];       /* what it is, briefly */
	char meaning[NT_EXPLAIN_MEANING_MAX]; /* what it means here (may be empty) */
	uint8_t kind;                         /* enum nt_tl_field */
	uint8_t unknown;                      /* not understood */
	uint8_t quoted;                       /* inside an ICMP error's quoted datagram */
};

/* The explanation of one packet line. */
struct nt_explain {
	char line[512];          /* the line (cut, printable, newlines as " | ") */
	uint64_t packet;         /* ordinal in the input, 0 for a lone line */
	uint64_t line_first, line_last; /* input lines, 0 when unknown */
	int is_packet;           /* the text looked like a tcpdump packet line */
	struct nt_pkt pkt;       /* what the parser read */
	size_t n;
	struct nt_explain_item items[NT_TL_TOK_MAX];
};

/* Explains one line (or one -v record, lines joined by '\n').
 * ex is large: allocate it, don't put it on a small stack. */
void nt_explain_line(struct nt_explain *ex, const char *s, size_t n);
/* Explains a record the text-log reader returned. */
void nt_explain_rec(struct nt_explain *ex, const struct nt_pkt *pkt, const struct nt_tl_rec *rec);

/* Renderers.  Text: "FIELD  TEXT: MEANING" per line.  Markdown: a table.
 * JSON: an array of {"field", "text", "meaning"}. */
void nt_explain_render_text(const struct nt_explain *ex, struct nt_out *o);
void nt_explain_render_md(const struct nt_explain *ex, struct nt_out *o);
void nt_explain_render_json(const struct nt_explain *ex, struct nt_out *o);

#endif
