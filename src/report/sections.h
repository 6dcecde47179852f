/* \summary: the parts of the incident report that the Markdown and the
 * HTML renderers share: the words (finding titles, the headline, the
 * protocol sentences, the time line), which findings each section speaks
 * of and in what order, and the sections that are the same walk over the
 * model in both (analysis preamble, evidence time table, likely causes,
 * impact, next steps, appendix).
 *
 * A renderer passes a struct nt_markup that says how its format marks a
 * paragraph, a list, a table; everything else lives here once, so the two
 * reports cannot drift apart.  What only one format has (the HTML cards,
 * charts and explained evidence, the Markdown figures and quoted evidence
 * block) stays in its renderer.  No state: every function only writes. */
#ifndef NT_REPORT_SECTIONS_H
#define NT_REPORT_SECTIONS_H

#include <stddef.h>
#include <stdint.h>

#include "core/out.h"
#include "detectors/detector.h"
#include "report/model.h"

/* Room for a finding title; longer titles are cut. */
#define NT_TITLE_MAX 200

/* Table cell kinds: plain text, a number (right-aligned), a time stamp
 * (monospace in HTML). */
enum nt_cell { NT_CELL_TEXT, NT_CELL_NUM, NT_CELL_MONO, NT_CELL_KINDS };

/* How one format marks up what both reports print.  The strings are
 * printed as they are; the functions get the text that needs the format's
 * care. */
struct nt_markup {
	/* prose from the detectors (summaries, reasoning, impact, steps) */
	void (*text)(struct nt_out *o, const char *s);
	/* a title or name that may carry input bytes (cause titles): escaped
	 * as the format's prose (core/escape.h) */
	void (*name)(struct nt_out *o, const char *s);
	/* text shown exactly as it is (input paths, log lines not
	 * understood): a code span; in_cell: inside a table cell */
	void (*verbatim)(struct nt_out *o, const char *s, int in_cell);
	/* heading of a level 2 or 3 section; id: its anchor (level 2) */
	void (*heading)(struct nt_out *o, int level, const char *id, const char *title);
	/* opens item n (from 1) of an ordered list: Markdown spells the number */
	void (*ol_item)(struct nt_out *o, uint32_t n);
	/* finding i (from 0) named by its title: a link in HTML */
	void (*finding_ref)(struct nt_out *o, uint32_t i, const char *title);
	const char *p, *p_end;       /* paragraph */
	const char *lead, *lead_end; /* the line that introduces a list */
	const char *note, *note_end; /* the closing note of the appendix */
	const char *ul, *ul_end, *li, *li_end;
	const char *ol_steps, *ol_causes, *ol_end;
	const char *b, *b_end, *code, *code_end;
	/* tables: the header row is followed by rule[] per column (Markdown's
	 * alignment row), then rule_end */
	const char *table, *table_end, *tr, *tr_end;
	const char *th[2], *th_end; /* [1]: a number column */
	const char *rule[2], *rule_end;
	const char *td[NT_CELL_KINDS], *td_end;
	const char *meta_table; /* opens the table under the title (no header) */
	/* The HTML page prints a little less than the Markdown report: no
	 * slowest lookup and no word on what UDP carried in the protocol
	 * list.  1 keeps it so. */
	int terse;
	/* the page says when findings were dropped (the table was full); the
	 * Markdown report has never said it */
	int say_dropped;
};

/* The report's title: "Incident report: " and the first finding's title
 * when it is at least of medium severity, else the all-clear. */
const char *nt_report_headline(const struct nt_report *r, char *dst, size_t n);
/* What an evidence packet shows, in a few words ("DNS query", "TCP
 * reset"), from its decoded facts. */
const char *nt_evidence_event(const struct nt_evidence *ev);
/* 1 when it is an ICMP / ICMPv6 error. */
int nt_evidence_is_icmp_error(const struct nt_evidence *ev);
/* Its tcpdump line (print/snap.h) into dst. */
char *nt_evidence_line(const struct nt_evidence *ev, char *dst, size_t n);
/* The findings a report tells in full: the first ones in report order
 * (severity, then time), those of medium severity and above up to
 * NT_REPORT_DETAILED, or the first when none is; the others are listed
 * one line each (nt_sec_others). */
enum { NT_REPORT_DETAILED = 6, NT_REPORT_LISTED = 20 };
uint32_t nt_report_n_detailed(const struct nt_report *r);
/* Whether finding i belongs in the summary and the impact list: the
 * detailed ones. */
int nt_finding_in_summary(const struct nt_report *r, uint32_t i);
/* "Other findings": the findings not told in full, one line each up to
 * NT_REPORT_LISTED, then counted by kind; and the findings the table could
 * not keep.  Nothing when every finding is detailed. */
void nt_sec_others(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m);
/* "first seen T1, last seen T2; N events." */
const char *nt_finding_when(const struct nt_report *r, const struct nt_finding *f, char *dst,
			    size_t n);

/* The table under the title: inputs, period, packets, findings. */
void nt_sec_meta(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m);
/* The end of the summary: the all-clear sentence, or the impact of the
 * first finding. */
void nt_sec_summary_end(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m);
/* "Analysis": heading, how nettriage worked, and the protocols involved. */
void nt_sec_analysis(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m);
/* The time table of a finding's evidence (when it has two lines or more). */
void nt_sec_evidence_table(struct nt_out *o, const struct nt_report *r,
			   const struct nt_finding *f, const struct nt_markup *m);
/* "Likely causes", "Impact", "Recommended next steps" and the appendix of
 * capture statistics: the end of the report. */
void nt_sec_conclusions(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m);

#endif
