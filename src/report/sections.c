/* \summary: the sections the Markdown and HTML reports share, written
 * once with the markup of the renderer that asks (see sections.h). */
#include "report/sections.h"

#include <string.h>

#include "detectors/detector.h"
#include "print/snap.h"

/* ---- words ---- */

const char *nt_report_headline(const struct nt_report *r, char *dst, size_t n)
{
	char title[NT_TITLE_MAX];
	if (r->n_findings && r->findings[0].severity >= NT_SEV_MEDIUM)
		nt_fmt(dst, n, "Incident report: %s",
		       nt_finding_title(&r->findings[0], title, sizeof(title)));
	else
		nt_fmt(dst, n, "Network triage report: no significant problem found");
	return dst;
}

const char *nt_evidence_event(const struct nt_evidence *ev)
{
	static const char *const words[NT_PE_COUNT] = {
		[NT_PE_PACKET] = "packet",
		[NT_PE_DNS_QUERY] = "DNS query",
		[NT_PE_DNS_ANSWER] = "DNS answer",
		[NT_PE_DNS_NXDOMAIN] = "DNS answer: NXDOMAIN",
		[NT_PE_DNS_SERVFAIL] = "DNS answer: SERVFAIL",
		[NT_PE_DNS_REFUSED] = "DNS answer: REFUSED",
		[NT_PE_DNS_ERROR] = "DNS answer: error",
		[NT_PE_ICMP_UNREACH] = "ICMP destination unreachable",
		[NT_PE_ICMP_TTL] = "ICMP time exceeded",
		[NT_PE_ICMP_FRAG] = "ICMP fragmentation needed",
		[NT_PE_ICMP_ECHO] = "ICMP echo request",
		[NT_PE_ICMP_ECHO_REPLY] = "ICMP echo reply",
		[NT_PE_ICMP_OTHER] = "ICMP message",
		[NT_PE_TCP_SYN] = "TCP SYN (connection attempt)",
		[NT_PE_TCP_SYNACK] = "TCP SYN-ACK (connection accepted)",
		[NT_PE_TCP_RST] = "TCP reset",
		[NT_PE_TCP_OTHER] = "TCP segment",
	};
	unsigned e = ev->snap.facts.event;
	return e < NT_PE_COUNT && words[e] ? words[e] : "packet";
}

int nt_evidence_is_icmp_error(const struct nt_evidence *ev)
{
	unsigned e = ev->snap.facts.event;
	return e == NT_PE_ICMP_UNREACH || e == NT_PE_ICMP_TTL || e == NT_PE_ICMP_FRAG;
}

char *nt_evidence_line(const struct nt_evidence *ev, char *dst, size_t n)
{
	nt_snap_render(&ev->snap, dst, n);
	return dst;
}

uint32_t nt_report_n_detailed(const struct nt_report *r)
{
	/* findings are sorted by severity: the first is the headline even
	 * when low, the low ones after it would only dilute the summary */
	uint32_t n = 0;
	while (n < r->n_findings && n < NT_REPORT_DETAILED &&
	       (n == 0 || r->findings[n].severity >= NT_SEV_MEDIUM))
		n++;
	return n;
}

int nt_finding_in_summary(const struct nt_report *r, uint32_t i)
{
	return i < nt_report_n_detailed(r);
}


const char *nt_finding_when(const struct nt_report *r, const struct nt_finding *f, char *dst,
			    size_t n)
{
	char t1[64], t2[64];
	nt_fmt(dst, n, "first seen %s, last seen %s; %llu event%s.",
	       nt_fmt_time(t1, sizeof(t1), f->first_seen, r->no_date),
	       nt_fmt_time(t2, sizeof(t2), f->last_seen, r->no_date),
	       (unsigned long long)f->count, f->count == 1 ? "" : "s");
	return dst;
}

/* ---- markup pieces ---- */

static void para(struct nt_out *o, const struct nt_markup *m, const char *s)
{
	nt_out_puts(o, m->p);
	nt_out_puts(o, s);
	nt_out_puts(o, m->p_end);
}

/* The rest of a list item: prose from the detectors. */
static void item_text(struct nt_out *o, const struct nt_markup *m, const char *s)
{
	m->text(o, s);
	nt_out_puts(o, m->li_end);
}

/* A table column: its heading, and 1 when it holds numbers. */
struct col {
	const char *name;
	int num;
};

static void table_head(struct nt_out *o, const struct nt_markup *m, const struct col *c, size_t n)
{
	nt_out_puts(o, m->table);
	nt_out_puts(o, m->tr);
	for (size_t i = 0; i < n; i++) {
		nt_out_puts(o, m->th[c[i].num]);
		nt_out_puts(o, c[i].name);
		nt_out_puts(o, m->th_end);
	}
	nt_out_puts(o, m->tr_end);
	for (size_t i = 0; i < n; i++)
		nt_out_puts(o, m->rule[c[i].num]);
	nt_out_puts(o, m->rule_end);
}

static void cell(struct nt_out *o, const struct nt_markup *m, enum nt_cell kind, const char *s)
{
	nt_out_puts(o, m->td[kind]);
	m->text(o, s);
	nt_out_puts(o, m->td_end);
}

static void cell_u(struct nt_out *o, const struct nt_markup *m, uint64_t v)
{
	nt_out_puts(o, m->td[NT_CELL_NUM]);
	nt_out_u(o, v);
	nt_out_puts(o, m->td_end);
}

/* ---- the table under the title ---- */

/* Opens a row of the table under the title, up to its value. */
static void meta_row(struct nt_out *o, const struct nt_markup *m, const char *label)
{
	nt_out_printf(o, "%s%s%s%s%s", m->tr, m->td[NT_CELL_TEXT], label, m->td_end,
		      m->td[NT_CELL_TEXT]);
}

static void meta_row_end(struct nt_out *o, const struct nt_markup *m)
{
	nt_out_printf(o, "%s%s", m->td_end, m->tr_end);
}

void nt_sec_meta(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	char t1[64], t2[64];
	nt_out_puts(o, m->meta_table);
	for (uint32_t i = 0; i < r->n_inputs; i++) {
		meta_row(o, m, "Input");
		m->verbatim(o, r->inputs[i].path, 1);
		nt_out_printf(o, " (%s)", r->inputs[i].format);
		meta_row_end(o, m);
	}
	if (r->have_time) {
		meta_row(o, m, "Period");
		nt_out_printf(o, "%s to %s%s", nt_fmt_time(t1, sizeof(t1), r->start, r->no_date),
			      nt_fmt_time(t2, sizeof(t2), r->end, r->no_date),
			      r->no_date ? " (time of day as logged; the log carries no date)" : "");
		meta_row_end(o, m);
	}
	meta_row(o, m, "Packets");
	nt_out_u(o, r->packets);
	meta_row_end(o, m);
	meta_row(o, m, "Findings");
	nt_out_printf(o, "%u%s", r->n_findings,
		      m->say_dropped && r->findings_dropped
			  ? " (more were dropped: the findings table was full)"
			  : "");
	meta_row_end(o, m);
	meta_row(o, m, "Prepared by");
	nt_out_printf(o, "nettriage %s", r->command);
	meta_row_end(o, m);
	nt_out_puts(o, m->table_end);
}

/* ---- summary and analysis ---- */

void nt_sec_summary_end(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	if (r->n_findings == 0) {
		para(o, m, "No DNS, ICMP or TCP failure was found in the input: queries were "
			   "answered and connections established normally.");
	} else if (r->findings[0].impact[0]) {
		nt_out_puts(o, m->p);
		m->text(o, r->findings[0].impact);
		nt_out_puts(o, m->p_end);
	}
}

/* Opens a protocol item: "DNS" in bold, then the caller's sentence. */
static void proto_item(struct nt_out *o, const struct nt_markup *m, const char *name)
{
	nt_out_printf(o, "%s%s%s%s", m->li, m->b, name, m->b_end);
}

static void dns_item(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	const struct nt_dns_stats *d = &r->dns;
	proto_item(o, m, "DNS");
	nt_out_printf(o, " (%s): %llu quer%s and %llu response%s; %llu answered, %llu rejected "
			 "by ICMP, %llu unanswered",
		      r->proto[NT_PR_TCP] && !r->proto[NT_PR_UDP] ? "TCP" : "UDP port 53",
		      (unsigned long long)d->queries, d->queries == 1 ? "y" : "ies",
		      (unsigned long long)d->responses, d->responses == 1 ? "" : "s",
		      (unsigned long long)d->answered, (unsigned long long)d->icmp,
		      (unsigned long long)d->unanswered);
	if (d->capture_end)
		nt_out_printf(o, ", %llu still waiting when the capture ended",
			      (unsigned long long)d->capture_end);
	if (d->retries)
		nt_out_printf(o, "; %llu of the queries were retries (%llu lookup%s, %llu failed)",
			      (unsigned long long)d->retries, (unsigned long long)d->lookups,
			      d->lookups == 1 ? "" : "s", (unsigned long long)d->lookups_failed);
	if (d->answered)
		nt_out_printf(o, "; average response time %.1f ms",
			      (double)d->rtt_sum_ns / (double)d->answered / 1e6);
	if (!m->terse && d->lookups_answered && d->answer_max_ns > d->rtt_max_ns)
		nt_out_printf(o, "; the slowest lookup took %.1f s to its first answer",
			      (double)d->answer_max_ns / 1e9);
	if (d->lookups_failed)
		nt_out_printf(o, "; failed lookups gave up after at most %.1f s",
			      (double)d->giveup_max_ns / 1e9);
	nt_out_printf(o, ".%s", m->li_end);
}

static void protocols(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	m->heading(o, 3, NULL, "Protocols involved");
	nt_out_puts(o, m->ul);
	if (r->dns.queries || r->dns.responses)
		dns_item(o, r, m);
	if (r->proto[NT_PR_UDP]) {
		proto_item(o, m, "UDP");
		nt_out_printf(o, ": %llu packets%s.%s", (unsigned long long)r->proto[NT_PR_UDP],
			      m->terse ? "" : "; the transport of the DNS queries", m->li_end);
	}
	if (r->icmp_errors) {
		proto_item(o, m, r->proto[NT_PR_ICMP6] ? "ICMP/ICMPv6" : "ICMP");
		nt_out_printf(o, ": %llu error message%s, %llu linked to the DNS query or TCP "
				 "connection they quote; ICMP is how hosts and routers report that "
				 "a datagram could not be delivered.%s",
			      (unsigned long long)r->icmp_errors, r->icmp_errors == 1 ? "" : "s",
			      (unsigned long long)(r->icmp_errors - r->icmp_unlinked), m->li_end);
	}
	if (r->proto[NT_PR_TCP] || r->tcp.attempts) {
		proto_item(o, m, "TCP");
		nt_out_printf(o, ": %llu packets, %llu connection attempts (%llu established, "
				 "%llu refused, %llu unanswered)",
			      (unsigned long long)r->proto[NT_PR_TCP],
			      (unsigned long long)r->tcp.attempts,
			      (unsigned long long)r->tcp.established,
			      (unsigned long long)r->tcp.refused,
			      (unsigned long long)r->tcp.no_answer);
		if (r->tcp.reset_injected)
			nt_out_printf(o, "; %llu got a forged reset before the server's answer",
				      (unsigned long long)r->tcp.reset_injected);
		if (r->tcp.unseen_answer)
			nt_out_printf(o, "; %llu went on without their answer in the capture (it "
				      "sees one direction of them only)",
				      (unsigned long long)r->tcp.unseen_answer);
		nt_out_printf(o, ".%s", m->li_end);
	} else {
		proto_item(o, m, "TCP / HTTPS");
		nt_out_printf(o, ": no TCP traffic in the input; no connection to a web server "
				 "was attempted.%s",
			      m->li_end);
	}
	nt_out_puts(o, m->ul_end);
}

void nt_sec_analysis(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	m->heading(o, 2, "analysis", "Analysis");
	para(o, m, "nettriage read the input in one pass, paired every DNS query with its "
		   "response or the ICMP error that quotes it, followed every TCP handshake, "
		   "and merged the failures into findings.");
	protocols(o, r, m);
}

void nt_sec_evidence_table(struct nt_out *o, const struct nt_report *r,
			   const struct nt_finding *f, const struct nt_markup *m)
{
	/* one line has no time line to speak of */
	if (f->n_evidence <= 1)
		return;
	const struct col cols[] = {
	    {"Time", 0},
	    {"Since first", 1},
	    {r->any_text ? "Log line" : "Frame", 1},
	    {"Event", 0},
	};
	table_head(o, m, cols, sizeof(cols) / sizeof(cols[0]));
	for (uint32_t k = 0; k < f->n_evidence; k++) {
		const struct nt_snap *ev = &f->evidence[k].snap;
		char t[64], d[32];
		nt_out_puts(o, m->tr);
		cell(o, m, NT_CELL_MONO, nt_fmt_time(t, sizeof(t), ev->t, r->no_date));
		nt_fmt_dur(d, sizeof(d), ev->t - f->evidence[0].snap.t);
		nt_out_printf(o, "%s%s%s%s", m->td[NT_CELL_NUM], k ? "+" : "", k ? d : "0",
			      m->td_end);
		cell_u(o, m, ev->line ? ev->line : ev->frame);
		cell(o, m, NT_CELL_TEXT, nt_evidence_event(&f->evidence[k]));
		nt_out_puts(o, m->tr_end);
	}
	nt_out_puts(o, m->table_end);
}

/* ---- conclusions ---- */

static void causes(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	char title[NT_TITLE_MAX];
	m->heading(o, 2, "causes", "Likely causes");
	uint32_t nd = nt_report_n_detailed(r);
	for (uint32_t i = 0; i < nd; i++) {
		const struct nt_finding *f = &r->findings[i];
		if (f->n_causes == 0)
			continue;
		/* with one finding, whose causes these are goes without saying */
		if (r->n_findings > 1) {
			nt_out_printf(o, "%sFor ", m->p);
			m->finding_ref(o, i, nt_finding_title(f, title, sizeof(title)));
			nt_out_printf(o, ":%s", m->p_end);
		}
		nt_out_puts(o, m->ol_causes);
		for (uint32_t k = 0; k < f->n_causes; k++) {
			m->ol_item(o, k + 1);
			nt_out_puts(o, m->b);
			m->name(o, f->causes[k].title);
			nt_out_printf(o, ".%s ", m->b_end);
			item_text(o, m, f->causes[k].reasoning);
		}
		nt_out_puts(o, m->ol_end);
	}
	if (r->n_findings == 0)
		para(o, m, "None: there is no failure to explain.");
}

static void impact(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	m->heading(o, 2, "impact", "Impact");
	nt_out_puts(o, m->ul);
	for (uint32_t i = 0; i < r->n_findings; i++)
		if (r->findings[i].impact[0] && nt_finding_in_summary(r, i)) {
			nt_out_puts(o, m->li);
			item_text(o, m, r->findings[i].impact);
		}
	if (r->n_findings == 0)
		nt_out_printf(o, "%sNone observed.%s", m->li, m->li_end);
	nt_out_puts(o, m->ul_end);
}

/* Whether step k of finding i was already given by an earlier one. */
static int step_said(const struct nt_report *r, uint32_t i, uint32_t k)
{
	const char *s = r->findings[i].steps[k];
	for (uint32_t j = 0; j <= i; j++)
		for (uint32_t l = 0; l < (j == i ? k : r->findings[j].n_steps); l++)
			if (strcmp(r->findings[j].steps[l], s) == 0)
				return 1;
	return 0;
}

/* One list for all findings, numbered on across them; a step two findings
 * share is given once. */
static void steps(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	m->heading(o, 2, "steps", "Recommended next steps");
	uint32_t step = 0;
	uint32_t nd = nt_report_n_detailed(r);
	for (uint32_t i = 0; i < nd; i++)
		for (uint32_t k = 0; k < r->findings[i].n_steps; k++) {
			if (step_said(r, i, k))
				continue;
			if (step == 0)
				nt_out_puts(o, m->ol_steps);
			m->ol_item(o, ++step);
			item_text(o, m, r->findings[i].steps[k]);
		}
	if (step)
		nt_out_puts(o, m->ol_end);
	else
		para(o, m, "No action needed.");
}

static void inputs_table(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	static const struct col cols[] = {
	    {"Input", 0}, {"Format", 0}, {"Packets", 1}, {"Lines", 1}, {"Not understood", 1},
	};
	table_head(o, m, cols, sizeof(cols) / sizeof(cols[0]));
	for (uint32_t i = 0; i < r->n_inputs; i++) {
		const struct nt_input_info *in = &r->inputs[i];
		nt_out_printf(o, "%s%s", m->tr, m->td[NT_CELL_TEXT]);
		m->verbatim(o, in->path, 1);
		nt_out_puts(o, m->td_end);
		cell(o, m, NT_CELL_TEXT, in->format);
		cell_u(o, m, in->packets);
		cell_u(o, m, in->lines);
		cell_u(o, m, in->skipped);
		nt_out_puts(o, m->tr_end);
	}
	nt_out_puts(o, m->table_end);
	/* per input: line numbers restart in each */
	for (uint32_t i = 0; i < r->n_inputs; i++) {
		if (r->inputs[i].n_skipped_list == 0)
			continue;
		nt_out_printf(o, "%sLines not understood:%s%s", m->lead, m->lead_end, m->ul);
		for (uint32_t k = 0; k < r->inputs[i].n_skipped_list; k++) {
			nt_out_printf(o, "%sline %llu: ", m->li,
				      (unsigned long long)r->inputs[i].skipped_list[k].line);
			m->verbatim(o, r->inputs[i].skipped_list[k].text, 0);
			nt_out_puts(o, m->li_end);
		}
		nt_out_puts(o, m->ul_end);
	}
}

static void protocol_table(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	static const struct col cols[] = {{"Protocol", 0}, {"Packets", 1}};
	table_head(o, m, cols, sizeof(cols) / sizeof(cols[0]));
	for (int i = 0; i < NT_PR_COUNT; i++)
		if (r->proto[i]) {
			nt_out_puts(o, m->tr);
			cell(o, m, NT_CELL_TEXT, nt_proto_names[i]);
			cell_u(o, m, r->proto[i]);
			nt_out_puts(o, m->tr_end);
		}
	nt_out_puts(o, m->table_end);
}

static void state_row(struct nt_out *o, const struct nt_markup *m, const char *name, uint32_t cap,
		      uint32_t peak, uint64_t evicted)
{
	nt_out_puts(o, m->tr);
	cell(o, m, NT_CELL_TEXT, name);
	cell_u(o, m, cap);
	cell_u(o, m, peak);
	cell_u(o, m, evicted);
	nt_out_puts(o, m->tr_end);
}

/* The state tables: how full they got and what they had to evict. */
static void state_table(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	static const struct col cols[] = {
	    {"Table", 0}, {"Capacity", 1}, {"Peak", 1}, {"Evicted", 1},
	};
	table_head(o, m, cols, sizeof(cols) / sizeof(cols[0]));
	for (uint32_t i = 0; i < r->n_tables; i++)
		state_row(o, m, r->tables[i].name, r->tables[i].st.cap, r->tables[i].st.peak,
			  r->tables[i].st.evicted);
	nt_out_puts(o, m->table_end);
}

static void thresholds(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	nt_out_printf(o, "%sThresholds in effect (see docs/thresholds.md): ", m->note);
	const char *sep = "";
	for (size_t g = 0; g < r->n_params; g++)
		for (size_t i = 0; i < r->params[g].n; i++) {
			nt_out_printf(o, "%s%s%s=%g%s", sep, m->code, r->params[g].p[i].name,
				      r->params[g].p[i].value, m->code_end);
			sep = ", ";
		}
	nt_out_printf(o, ".%s", m->note_end);
}

void nt_sec_conclusions(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	causes(o, r, m);
	impact(o, r, m);
	steps(o, r, m);
	m->heading(o, 2, "appendix", "Appendix: capture statistics");
	inputs_table(o, r, m);
	protocol_table(o, r, m);
	state_table(o, r, m);
	thresholds(o, r, m);
}

void nt_sec_others(struct nt_out *o, const struct nt_report *r, const struct nt_markup *m)
{
	uint32_t d = nt_report_n_detailed(r);
	if (d >= r->n_findings && r->findings_dropped == 0)
		return;
	m->heading(o, 3, NULL, "Other findings");
	if (d < r->n_findings) {
		static const struct col cols[] = {
		    {"#", 1}, {"Severity", 0}, {"Finding", 0}, {"Kind", 0}, {"Events", 1},
		};
		nt_out_printf(o, "%s%u further finding%s, each in one line (every detail is in "
			      "the JSON report):%s", m->lead, r->n_findings - d,
			      r->n_findings - d == 1 ? "" : "s", m->lead_end);
		table_head(o, m, cols, sizeof(cols) / sizeof(cols[0]));
		uint32_t end = d + NT_REPORT_LISTED < r->n_findings ? d + NT_REPORT_LISTED
								     : r->n_findings;
		char title[NT_TITLE_MAX];
		for (uint32_t i = d; i < end; i++) {
			const struct nt_finding *f = &r->findings[i];
			nt_out_puts(o, m->tr);
			cell_u(o, m, i + 1);
			cell(o, m, NT_CELL_TEXT, nt_severity_name(f->severity));
			nt_out_puts(o, m->td[NT_CELL_TEXT]);
			m->name(o, nt_finding_title(f, title, sizeof(title)));
			nt_out_puts(o, m->td_end);
			cell(o, m, NT_CELL_MONO, f->kind);
			cell_u(o, m, f->count);
			nt_out_puts(o, m->tr_end);
		}
		nt_out_puts(o, m->table_end);
		if (end < r->n_findings) {
			/* the rest counted by kind, in order of first appearance */
			nt_out_printf(o, "%sAnd %u more:", m->p, r->n_findings - end);
			for (uint32_t i = end; i < r->n_findings; i++) {
				uint32_t k;
				for (k = end; k < i; k++)
					if (strcmp(r->findings[k].kind, r->findings[i].kind) == 0)
						break;
				if (k < i)
					continue;
				uint32_t n = 0;
				for (k = i; k < r->n_findings; k++)
					n += strcmp(r->findings[k].kind, r->findings[i].kind) == 0;
				nt_out_printf(o, "%s %u %s%s%s", i == end ? "" : ",", n, m->code,
					      r->findings[i].kind, m->code_end);
			}
			nt_out_printf(o, ".%s", m->p_end);
		}
	}
	if (r->findings_dropped)
		nt_out_printf(o, "%s%llu more finding%s could not be kept: the findings table "
			      "(%d) was full, or a family used its share of it.%s", m->p,
			      (unsigned long long)r->findings_dropped,
			      r->findings_dropped == 1 ? "" : "s", NT_MAX_FINDINGS, m->p_end);
}
