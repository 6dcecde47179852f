/* \summary: the JSON that the report (--format json) and the event stream
 * (--format jsonl) share: quoted strings and times, and the finding object
 * of docs/report-schema.md, written once for both layouts: indented inside
 * the report's "findings" array, on one line as a "finding" event. */
#ifndef NT_REPORT_JSONW_H
#define NT_REPORT_JSONW_H

#include <stdint.h>

#include "core/out.h"
#include "report/model.h"

/* Where the whitespace goes.  Members of the finding object stand one per
 * line in the indented layout; inner objects and arrays stay on one line,
 * except the lists of evidence, causes and steps, one element a line. */
struct nt_json_layout {
	const char *open, *close;         /* around the finding's members */
	const char *key_first, *key_next; /* before a member's name */
	const char *key_end;              /* after it: the closing quote and colon */
	const char *colon, *sep;          /* inside inner objects and arrays */
	const char *item_first, *item_next, *items_end; /* the long lists */
};

/* "    {\n      \"kind\": ...,\n ... \n    }": an element of the report's
 * "findings" array. */
extern const struct nt_json_layout nt_json_indented;
/* {"event":"finding","kind":...}: a line of the event stream. */
extern const struct nt_json_layout nt_json_compact;

/* s quoted and escaped. */
void nt_json_string(struct nt_out *o, const char *s);
/* t as a quoted time stamp (nt_fmt_time, with a date when the input had one). */
void nt_json_time(struct nt_out *o, const struct nt_report *r, int64_t t);
/* The finding object. */
void nt_json_finding(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f,
		     const struct nt_json_layout *l);

#endif
