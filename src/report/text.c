/* \summary: plain-text renderer of the report model for the terminal
 * (ANSI colour only when asked: stdout is a tty and NO_COLOR is unset). */
#include <stdio.h>
#include <string.h>

#include "report/formats.h"
#include "report/model.h"
#include "report/sections.h"

static const char *sev_color(int sev)
{
	switch (sev) {
	case NT_SEV_CRITICAL: return "\033[1;35m";
	case NT_SEV_HIGH: return "\033[1;31m";
	case NT_SEV_MEDIUM: return "\033[1;33m";
	case NT_SEV_LOW: return "\033[36m";
	default: return "\033[2m";
	}
}

/* Prints s wrapped at 78 columns with the given indent; the first word in
 * colour sgr (NULL: none). */
static void wrap_first(struct nt_out *o, const char *s, int indent, const char *sgr)
{
	int col = indent;
	int first = 1;
	for (int i = 0; i < indent; i++)
		nt_out_putc(o, ' ');
	while (*s) {
		const char *w = s;
		while (*w && *w != ' ')
			w++;
		int len = (int)(w - s);
		if (col > indent && col + 1 + len > 78) {
			nt_out_putc(o, '\n');
			for (int i = 0; i < indent; i++)
				nt_out_putc(o, ' ');
			col = indent;
		} else if (col > indent) {
			nt_out_putc(o, ' ');
			col++;
		}
		if (first && sgr)
			nt_out_sgr(o, sgr);
		nt_out_write(o, s, (size_t)len);
		if (first && sgr)
			nt_out_sgr(o, "\033[0m");
		first = 0;
		col += len;
		s = w;
		while (*s == ' ')
			s++;
	}
	nt_out_putc(o, '\n');
}

static void wrap(struct nt_out *o, const char *s, int indent)
{
	wrap_first(o, s, indent, NULL);
}

/* The findings not told in full: one line each, then counted by kind. */
static void others(struct nt_out *o, const struct nt_report *r, uint32_t nd, int color)
{
	if (nd < r->n_findings)
		nt_out_printf(o, "other findings (%u):\n", r->n_findings - nd);
	uint32_t end = nd + NT_REPORT_LISTED < r->n_findings ? nd + NT_REPORT_LISTED
							      : r->n_findings;
	char title[NT_TITLE_MAX];
	for (uint32_t i = nd; i < end; i++) {
		const struct nt_finding *f = &r->findings[i];
		char line[400];
		nt_fmt(line, sizeof(line), "[%s] %s (%s, %llu event%s)",
		       nt_severity_name(f->severity), nt_finding_title(f, title, sizeof(title)),
		       f->kind, (unsigned long long)f->count, f->count == 1 ? "" : "s");
		wrap_first(o, line, 2, color ? sev_color(f->severity) : NULL);
	}
	if (end < r->n_findings) {
		char line[1000];
		size_t len = (size_t)nt_fmt(line, sizeof(line), "and %u more:", r->n_findings - end);
		for (uint32_t i = end; i < r->n_findings && len + 1 < sizeof(line); i++) {
			uint32_t k, n = 0;
			for (k = end; k < i; k++)
				if (strcmp(r->findings[k].kind, r->findings[i].kind) == 0)
					break;
			if (k < i)
				continue;
			for (k = i; k < r->n_findings; k++)
				n += strcmp(r->findings[k].kind, r->findings[i].kind) == 0;
			len += (size_t)nt_fmt(line + len, sizeof(line) - len, "%s %u %s",
					      i == end ? "" : ",", n, r->findings[i].kind);
		}
		wrap(o, line, 2);
	}
	if (r->findings_dropped)
		nt_out_printf(o, "  (%llu more findings could not be kept: the findings table of %d "
			      "was full, or a family used its share of it)\n",
			      (unsigned long long)r->findings_dropped, NT_MAX_FINDINGS);
}

void nt_report_text(const struct nt_report *r, struct nt_out *o, int color)
{
	const char *b = color ? "\033[1m" : "", *z = color ? "\033[0m" : "";
	char t1[64], t2[64];
	nt_out_sgr(o, b);
	nt_out_puts(o, "nettriage analysis");
	nt_out_sgr(o, z);
	nt_out_putc(o, '\n');
	for (uint32_t i = 0; i < r->n_inputs; i++) {
		const struct nt_input_info *in = &r->inputs[i];
		nt_out_printf(o, "input: %s (%s): %llu packets", in->path, in->format,
			      (unsigned long long)in->packets);
		if (in->is_text)
			nt_out_printf(o, ", %llu lines, %llu not understood",
				      (unsigned long long)in->lines, (unsigned long long)in->skipped);
		else if (in->skipped)
			nt_out_printf(o, ", %llu records skipped", (unsigned long long)in->skipped);
		nt_out_putc(o, '\n');
		for (uint32_t k = 0; k < in->n_skipped_list; k++)
			nt_out_printf(o, "  skipped line %llu: %s\n",
				      (unsigned long long)in->skipped_list[k].line,
				      in->skipped_list[k].text);
		if (in->damaged)
			nt_out_printf(o, "  reading stopped: %s\n", in->error);
	}
	if (r->have_time)
		nt_out_printf(o, "capture: %llu packets, %s to %s%s\n", (unsigned long long)r->packets,
			      nt_fmt_time(t1, sizeof(t1), r->start, r->no_date),
			      nt_fmt_time(t2, sizeof(t2), r->end, r->no_date),
			      r->no_date ? " (time of day; the log carries no date)" : "");
	if (r->any_text)
		wrap(o, "note: built from a tcpdump text log: no payload bytes, no link layer, "
			"and no date unless tcpdump ran with -tttt; the evidence is weaker than "
			"a capture's.", 0);
	nt_out_puts(o, "protocols:");
	for (int i = 0; i < NT_PR_COUNT; i++)
		if (r->proto[i])
			nt_out_printf(o, " %s=%llu", nt_proto_names[i], (unsigned long long)r->proto[i]);
	nt_out_putc(o, '\n');
	uint64_t ev = 0;
	for (uint32_t i = 0; i < r->n_tables; i++)
		ev += r->tables[i].st.evicted;
	if (ev) {
		/* the engine's tables always, the detectors' when they evicted */
		nt_out_puts(o, "evictions (tables full):");
		for (uint32_t i = 0; i < r->n_tables; i++)
			if (i < r->n_engine_tables || r->tables[i].st.evicted)
				nt_out_printf(o, " %s=%llu", r->tables[i].name,
					      (unsigned long long)r->tables[i].st.evicted);
		nt_out_putc(o, '\n');
	}
	nt_out_putc(o, '\n');
	if (r->n_findings == 0) {
		nt_out_puts(o, "No findings: nothing in the input points at a network problem.\n");
		return;
	}
	uint32_t nd = nt_report_n_detailed(r);
	nt_out_sgr(o, b);
	nt_out_printf(o, "%u finding%s", r->n_findings, r->n_findings == 1 ? "" : "s");
	nt_out_sgr(o, z);
	if (nd == 1 && r->n_findings > 1)
		nt_out_puts(o, " (the one that matters most in full, the rest one line each)");
	else if (nd < r->n_findings)
		nt_out_printf(o, " (the %u that matter most in full, the rest one line each)", nd);
	nt_out_puts(o, "\n\n");
	for (uint32_t i = 0; i < nd; i++) {
		const struct nt_finding *f = &r->findings[i];
		nt_out_sgr(o, color ? sev_color(f->severity) : NULL);
		nt_out_printf(o, "[%s]", nt_severity_name(f->severity));
		nt_out_sgr(o, z);
		nt_out_putc(o, ' ');
		nt_out_sgr(o, b);
		nt_out_puts(o, f->kind);
		nt_out_sgr(o, z);
		nt_out_printf(o, "  server %s", f->server);
		if (f->port >= 0)
			nt_out_printf(o, " %s/%d", f->transport, f->port);
		nt_out_printf(o, "  count %llu\n", (unsigned long long)f->count);
		wrap(o, f->summary, 2);
		nt_out_printf(o, "  first seen %s, last seen %s\n",
			      nt_fmt_time(t1, sizeof(t1), f->first_seen, r->no_date),
			      nt_fmt_time(t2, sizeof(t2), f->last_seen, r->no_date));
		if (f->n_figures) {
			/* the measured values behind the verdict, as name=value */
			char line[1200];
			size_t len = (size_t)nt_fmt(line, sizeof(line), "figures:");
			for (uint32_t k = 0; k < f->n_figures && len + 1 < sizeof(line); k++) {
				const struct nt_figure *g = &f->figures[k];
				double v = g->value;
				if (g->text[0])
					len += (size_t)nt_fmt(line + len, sizeof(line) - len, "%s %s=%s",
							      k ? "," : "", g->name, g->text);
				else if (v == (double)(long long)v && v > -1e15 && v < 1e15)
					len += (size_t)nt_fmt(line + len, sizeof(line) - len, "%s %s=%.0f",
							      k ? "," : "", g->name, v);
				else
					len += (size_t)nt_fmt(line + len, sizeof(line) - len, "%s %s=%.2f",
							      k ? "," : "", g->name, v);
			}
			wrap(o, line, 2);
		}
		nt_out_puts(o, "  evidence:\n");
		for (uint32_t k = 0; k < f->n_evidence; k++) {
			const struct nt_snap *sn = &f->evidence[k].snap;
			char ln[NT_EVLINE_MAX];
			nt_evidence_line(&f->evidence[k], ln, sizeof(ln));
			if (sn->line)
				nt_out_printf(o, "    line %llu: %s\n", (unsigned long long)sn->line, ln);
			else
				nt_out_printf(o, "    #%llu %s\n", (unsigned long long)sn->frame, ln);
		}
		if (f->evidence_dropped)
			nt_out_printf(o, "    (%llu more)\n", (unsigned long long)f->evidence_dropped);
		if (f->n_causes) {
			nt_out_puts(o, "  likely causes:\n");
			for (uint32_t k = 0; k < f->n_causes; k++) {
				char line[900];
				nt_fmt(line, sizeof(line), "%u. %s: %s", k + 1, f->causes[k].title,
					 f->causes[k].reasoning);
				wrap(o, line, 4);
			}
		}
		if (f->n_steps) {
			nt_out_puts(o, "  next steps:\n");
			for (uint32_t k = 0; k < f->n_steps; k++) {
				char line[400];
				nt_fmt(line, sizeof(line), "- %s", f->steps[k]);
				wrap(o, line, 4);
			}
		}
		nt_out_putc(o, '\n');
	}
	others(o, r, nd, color);
}
