/* \summary: Markdown incident report: title, summary of the problem,
 * analysis (method, time line, protocols, quoted evidence), likely
 * causes, impact, next steps and an appendix of capture statistics. */
#include "core/escape.h"
#include "report/formats.h"
#include "report/model.h"
#include "report/sections.h"

/* Every string that may carry input bytes goes through nt_md_text or
 * nt_md_code (core/escape.h); the output stream is terminal-safe. */

/* A fenced block of lines: the fence is longer than any run of backticks
 * in them, so no line can close it. */
static void fence(struct nt_out *o, size_t n)
{
	for (size_t k = 0; k < n; k++)
		nt_out_putc(o, '`');
	nt_out_putc(o, '\n');
}

static void evidence_block(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f)
{
	if (f->n_evidence == 0)
		return;
	char line[NT_EVLINE_MAX];
	size_t longest = 0;
	for (uint32_t k = 0; k < f->n_evidence; k++) {
		const char *l = nt_evidence_line(&f->evidence[k], line, sizeof(line));
		for (size_t run = 0; *l; l++) {
			run = *l == '`' ? run + 1 : 0;
			if (run > longest)
				longest = run;
		}
	}
	size_t fl = longest < 3 ? 3 : longest + 1;
	fence(o, fl);
	for (uint32_t k = 0; k < f->n_evidence; k++) {
		/* one line each: a line break inside would end nothing, but keep
		 * the block's line count that of the packets */
		const char *l = nt_evidence_line(&f->evidence[k], line, sizeof(line));
		for (; *l; l++)
			nt_out_putc(o, *l == '\n' || *l == '\r' ? ' ' : *l);
		nt_out_putc(o, '\n');
	}
	fence(o, fl);
	nt_out_puts(o, "\n");
	if (r->any_text) {
		nt_out_puts(o, "(");
		for (uint32_t k = 0; k < f->n_evidence; k++)
			nt_out_printf(o, "%sline %llu", k ? ", " : "log ",
				      (unsigned long long)f->evidence[k].snap.line);
		nt_out_puts(o, ")\n\n");
	} else {
		nt_out_puts(o, "(");
		for (uint32_t k = 0; k < f->n_evidence; k++)
			nt_out_printf(o, "%sframe %llu", k ? ", " : "",
				      (unsigned long long)f->evidence[k].snap.frame);
		nt_out_puts(o, ")\n\n");
	}
	if (f->evidence_dropped)
		nt_out_printf(o, "%llu further packets of this finding are not quoted.\n\n",
			      (unsigned long long)f->evidence_dropped);
}

/* ---- the markup the shared sections use (report/sections.h) ---- */

static void md_verbatim(struct nt_out *o, const char *s, int in_cell)
{
	nt_md_code(o, s, in_cell);
}

static void md_heading(struct nt_out *o, int level, const char *id, const char *title)
{
	(void)id; /* Markdown viewers make their own anchors */
	nt_out_puts(o, level == 2 ? "## " : "### ");
	nt_md_text(o, title);
	nt_out_puts(o, "\n\n");
}

static void md_ol_item(struct nt_out *o, uint32_t n)
{
	nt_out_printf(o, "%u. ", n);
}

static void md_finding_ref(struct nt_out *o, uint32_t i, const char *title)
{
	(void)i;
	nt_md_text(o, title);
}

/* Blocks end in a blank line; lists and tables in one more newline after
 * their last line, so that the next block stands apart. */
static const struct nt_markup md = {
	.text = nt_md_text,
	.name = nt_md_text,
	.verbatim = md_verbatim,
	.heading = md_heading,
	.ol_item = md_ol_item,
	.finding_ref = md_finding_ref,
	.p = "", .p_end = "\n\n",
	.lead = "", .lead_end = "\n\n",
	.note = "", .note_end = "\n",
	.ul = "", .ul_end = "\n", .li = "- ", .li_end = "\n",
	.ol_steps = "", .ol_causes = "", .ol_end = "\n",
	.b = "**", .b_end = "**", .code = "`", .code_end = "`",
	.table = "", .table_end = "\n", .tr = "", .tr_end = "|\n",
	.th = {"| ", "| "}, .th_end = " ",
	.rule = {"|---", "|---:"}, .rule_end = "|\n",
	.td = {"| ", "| ", "| "}, .td_end = " ",
	.meta_table = "| | |\n|---|---|\n",
	.terse = 0,
	.say_dropped = 0,
};

/* ---- the report ---- */

static void header(struct nt_out *o, const struct nt_report *r)
{
	char head[256];
	nt_out_puts(o, "# ");
	nt_md_text(o, nt_report_headline(r, head, sizeof(head)));
	nt_out_puts(o, "\n\n");
	nt_sec_meta(o, r, &md);
	if (r->any_text)
		nt_out_puts(o, "> **Evidence strength.** This report is built from a tcpdump text "
			       "log, not a packet capture: it has no payload bytes and no link layer, "
			       "ICMP errors show only what tcpdump printed of the quoted datagram, "
			       "and times carry no date unless tcpdump ran with `-tttt`. Conclusions "
			       "rest on the printed fields; confirm them with a capture (`tcpdump -w`) "
			       "where possible.\n\n");
}

static void summary(struct nt_out *o, const struct nt_report *r)
{
	md_heading(o, 2, "summary", "Summary of the problem");
	for (uint32_t i = 0; i < r->n_findings; i++) {
		if (!nt_finding_in_summary(r, i))
			continue;
		nt_md_text(o, r->findings[i].summary);
		nt_out_puts(o, "\n\n");
	}
	nt_sec_summary_end(o, r, &md);
}

/* The measured figures and the rate series, which only this report lists. */
static void figures(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f)
{
	char t[64];
	if (f->n_figures) {
		nt_out_puts(o, "Measured figures:");
		for (uint32_t k = 0; k < f->n_figures; k++) {
			if (f->figures[k].text[0]) {
				nt_out_printf(o, "%s `%s` = ", k ? "," : "", f->figures[k].name);
				nt_md_text(o, f->figures[k].text);
			} else
				nt_out_printf(o, "%s `%s` = %.10g", k ? "," : "", f->figures[k].name,
					      f->figures[k].value);
		}
		nt_out_puts(o, ".\n\n");
	}
	if (f->series.n) {
		nt_out_printf(o, "Rate (%s per %u s from %s):", f->series.what, f->series.step_s,
			      nt_fmt_time(t, sizeof(t), f->series.start, r->no_date));
		for (uint32_t k = 0; k < f->series.n; k++)
			nt_out_printf(o, " %u", f->series.counts[k]);
		nt_out_puts(o, "\n\n");
	}
}

static void finding(struct nt_out *o, const struct nt_report *r, uint32_t i)
{
	const struct nt_finding *f = &r->findings[i];
	char title[NT_TITLE_MAX], when[160];
	nt_out_printf(o, "### %u. ", i + 1);
	nt_md_text(o, nt_finding_title(f, title, sizeof(title)));
	nt_out_printf(o, " (`%s`, severity %s)\n\n", f->kind, nt_severity_name(f->severity));
	nt_md_text(o, f->analysis[0] ? f->analysis : f->summary);
	nt_out_printf(o, "\n\nTime line: %s\n\n", nt_finding_when(r, f, when, sizeof(when)));
	figures(o, r, f);
	nt_sec_evidence_table(o, r, f, &md);
	nt_out_puts(o, "Evidence (tcpdump format):\n\n");
	evidence_block(o, r, f);
}

void nt_report_markdown(const struct nt_report *r, struct nt_out *o, int color)
{
	header(o, r);
	summary(o, r);
	nt_sec_analysis(o, r, &md);
	uint32_t nd = nt_report_n_detailed(r);
	for (uint32_t i = 0; i < nd; i++)
		finding(o, r, i);
	nt_sec_others(o, r, &md);
	nt_sec_conclusions(o, r, &md);
}
