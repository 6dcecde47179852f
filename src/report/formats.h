/* \summary: the report formats, one line each in one table: the name the
 * command line takes, its one-line help, its renderer, and what it needs
 * (charts series, events streamed while reading, colour).  The CLI derives
 * its option check, its --help lines and the completion list from it;
 * adding a format is one renderer and one line here. */
#ifndef NT_REPORT_FORMATS_H
#define NT_REPORT_FORMATS_H

#include <stddef.h>

#include "core/out.h"
#include "report/model.h"

/* The formats, in table order. */
enum nt_fmt { NT_FMT_TEXT, NT_FMT_MD, NT_FMT_JSON, NT_FMT_HTML, NT_FMT_JSONL, NT_FMT_COUNT };

enum nt_format_flags {
	NT_FMTF_STREAM = 1,   /* events written while the packets are read (the JSONL stream) */
	NT_FMTF_CHARTS = 2,   /* draws charts: needs the chart series collected while reading */
	NT_FMTF_COLOR = 4,    /* colours a terminal */
	NT_FMTF_EXPLAIN = 8,  /* `explain` writes it too */
};

struct nt_format {
	const char *name;     /* "md" */
	const char *alias;    /* another name it is known by ("markdown"), or NULL */
	const char *help;     /* what it is, for --help */
	/* Writes the report; NULL for a format that is only streamed. */
	void (*render)(const struct nt_report *r, struct nt_out *o, int color);
	unsigned flags;       /* enum nt_format_flags */
};

extern const struct nt_format nt_formats[NT_FMT_COUNT];

/* The index of the format called name (or its alias), or -1. */
int nt_format_find(const char *name);
/* "text, md, json, html or jsonl" (sep ", ", sep_last " or "): the
 * formats that have every flag of need (0: all). */
const char *nt_format_list(char *dst, size_t n, unsigned need, const char *sep,
			   const char *sep_last);

/* The renderers. color: ANSI colours (text only). */
void nt_report_text(const struct nt_report *r, struct nt_out *o, int color);
void nt_report_markdown(const struct nt_report *r, struct nt_out *o, int color);
void nt_report_json(const struct nt_report *r, struct nt_out *o, int color);
/* Self-contained HTML page with inline SVG charts from r->series (may be NULL). */
void nt_report_html(const struct nt_report *r, struct nt_out *o, int color);

#endif
