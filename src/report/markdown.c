/* \summary: Markdown incident report: title, summary of the problem,
 * analysis (method, time line, protocols, quoted evidence), likely
 * causes, impact, next steps and an appendix of capture statistics. */
#include <stdio.h>
#include <string.h>

#include "detectors/detectors.h"
#include "detectors/attack.h"
#include "report/model.h"

static const char *title_of(const struct nt_finding *f, char *dst, size_t n)
{
	if (strcmp(f->kind, "dns.server_unreachable") == 0)
		nt_fmt(dst, n, "DNS service on %s unreachable (%s port %d)", f->server,
			 strcmp(f->transport, "tcp") == 0 ? "TCP" : "UDP", f->port);
	else if (strcmp(f->kind, "dns.no_response") == 0)
		nt_fmt(dst, n, "DNS server %s not responding", f->server);
	else if (strcmp(f->kind, "dns.server_failure") == 0)
		nt_fmt(dst, n, "DNS server %s failing queries (SERVFAIL/REFUSED)", f->server);
	else if (strcmp(f->kind, "dns.nxdomain_surge") == 0)
		nt_fmt(dst, n, "Surge of NXDOMAIN answers from %s", f->server);
	else if (nt_attack_title(f, dst, n))
		; /* the attack detectors' kinds */
	else if (strncmp(f->kind, "tcp.", 4) == 0)
		nt_fmt(dst, n, "TCP connections to %s port %d %s", f->server, f->port,
			 strcmp(f->kind, "tcp.connection_refused") == 0 ? "refused" : "unanswered");
	else
		nt_fmt(dst, n, "ICMP %s for %s", f->kind + 5, f->server);
	for (char *p = dst; *p; p++)
		if (*p == '_')
			*p = ' ';
	return dst;
}

/* A few words for a time-line row, from the evidence line. */
static const char *event_of(const char *line)
{
	if (strstr(line, " ICMP"))
		return strstr(line, "exceeded") ? "ICMP time exceeded"
		       : strstr(line, "need to frag") || strstr(line, "too big") ? "ICMP fragmentation needed"
		       : "ICMP destination unreachable";
	if (strstr(line, "Flags [S]"))
		return "TCP SYN (connection attempt)";
	if (strstr(line, "Flags [R"))
		return "TCP reset";
	if (strstr(line, "NXDomain"))
		return "DNS answer: NXDOMAIN";
	if (strstr(line, "ServFail"))
		return "DNS answer: SERVFAIL";
	if (strstr(line, "Refused"))
		return "DNS answer: REFUSED";
	if (strchr(line, '?'))
		return "DNS query";
	return "packet";
}

static void md_text(struct nt_out *o, const char *s)
{
	/* keep tcpdump punctuation readable: escape the few Markdown specials */
	for (; *s; s++) {
		if (*s == '*' || *s == '_' || *s == '`' || *s == '<' || *s == '>' || *s == '|')
			nt_out_putc(o, '\\');
		nt_out_putc(o, *s);
	}
}

static void evidence_block(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f)
{
	if (f->n_evidence == 0)
		return;
	nt_out_puts(o, "```\n");
	for (uint32_t k = 0; k < f->n_evidence; k++)
		nt_out_printf(o, "%s\n", f->evidence[k].text);
	nt_out_puts(o, "```\n");
	nt_out_puts(o, "\n");
	if (r->any_text) {
		nt_out_puts(o, "(");
		for (uint32_t k = 0; k < f->n_evidence; k++)
			nt_out_printf(o, "%sline %llu", k ? ", " : "log ",
				      (unsigned long long)f->evidence[k].line);
		nt_out_puts(o, ")\n\n");
	} else {
		nt_out_puts(o, "(");
		for (uint32_t k = 0; k < f->n_evidence; k++)
			nt_out_printf(o, "%sframe %llu", k ? ", " : "",
				      (unsigned long long)f->evidence[k].frame);
		nt_out_puts(o, ")\n\n");
	}
	if (f->evidence_dropped)
		nt_out_printf(o, "%llu further packets of this finding are not quoted.\n\n",
			      (unsigned long long)f->evidence_dropped);
}

static void protocols(struct nt_out *o, const struct nt_report *r)
{
	const struct nt_dns_stats *d = &r->dns;
	nt_out_puts(o, "### Protocols involved\n\n");
	if (d->queries || d->responses) {
		nt_out_printf(o, "- **DNS** (%s): %llu quer%s and %llu response%s; %llu "
			      "answered, %llu rejected by ICMP, %llu unanswered",
			      r->proto[NT_PR_TCP] && !r->proto[NT_PR_UDP] ? "TCP" : "UDP port 53",
			      (unsigned long long)d->queries, d->queries == 1 ? "y" : "ies",
			      (unsigned long long)d->responses, d->responses == 1 ? "" : "s",
			      (unsigned long long)d->answered, (unsigned long long)d->icmp,
			      (unsigned long long)d->unanswered);
		if (d->capture_end)
			nt_out_printf(o, ", %llu still waiting when the capture ended",
				      (unsigned long long)d->capture_end);
		if (d->retries)
			nt_out_printf(o, "; %llu of the queries were retries (%llu lookup%s, %llu "
				      "failed)", (unsigned long long)d->retries,
				      (unsigned long long)d->lookups, d->lookups == 1 ? "" : "s",
				      (unsigned long long)d->lookups_failed);
		if (d->answered)
			nt_out_printf(o, "; average response time %.1f ms",
				      (double)d->rtt_sum_ns / (double)d->answered / 1e6);
		if (d->lookups_answered && d->answer_max_ns > d->rtt_max_ns)
			nt_out_printf(o, "; the slowest lookup took %.1f s to its first answer",
				      (double)d->answer_max_ns / 1e9);
		if (d->lookups_failed)
			nt_out_printf(o, "; failed lookups gave up after at most %.1f s",
				      (double)d->giveup_max_ns / 1e9);
		nt_out_puts(o, ".\n");
	}
	if (r->proto[NT_PR_UDP])
		nt_out_printf(o, "- **UDP**: %llu packets; the transport of the DNS queries.\n",
			      (unsigned long long)r->proto[NT_PR_UDP]);
	if (r->icmp_errors)
		nt_out_printf(o, "- **ICMP%s**: %llu error message%s, %llu linked to the DNS "
			      "query or TCP connection they quote; ICMP is how hosts and routers "
			      "report that a datagram could not be delivered.\n",
			      r->proto[NT_PR_ICMP6] ? "/ICMPv6" : "",
			      (unsigned long long)r->icmp_errors, r->icmp_errors == 1 ? "" : "s",
			      (unsigned long long)(r->icmp_errors - r->icmp_unlinked));
	if (r->proto[NT_PR_TCP] || r->tcp.attempts)
		nt_out_printf(o, "- **TCP**: %llu packets, %llu connection attempts (%llu "
			      "established, %llu refused, %llu unanswered).\n",
			      (unsigned long long)r->proto[NT_PR_TCP], (unsigned long long)r->tcp.attempts,
			      (unsigned long long)r->tcp.established, (unsigned long long)r->tcp.refused,
			      (unsigned long long)r->tcp.no_answer);
	else
		nt_out_puts(o, "- **TCP / HTTPS**: no TCP traffic in the input; no connection to "
			       "a web server was attempted.\n");
	nt_out_puts(o, "\n");
}

void nt_report_markdown(const struct nt_report *r, struct nt_out *o)
{
	char title[200], t1[64], t2[64];
	if (r->n_findings && r->findings[0].severity >= NT_SEV_MEDIUM)
		nt_out_printf(o, "# Incident report: %s\n\n", title_of(&r->findings[0], title,
									   sizeof(title)));
	else
		nt_out_puts(o, "# Network triage report: no significant problem found\n\n");
	nt_out_puts(o, "| | |\n|---|---|\n");
	for (uint32_t i = 0; i < r->n_inputs; i++)
		nt_out_printf(o, "| Input | `%s` (%s) |\n", r->inputs[i].path, r->inputs[i].format);
	if (r->have_time)
		nt_out_printf(o, "| Period | %s to %s%s |\n",
			      nt_fmt_time(t1, sizeof(t1), r->start, r->no_date),
			      nt_fmt_time(t2, sizeof(t2), r->end, r->no_date),
			      r->no_date ? " (time of day as logged; the log carries no date)" : "");
	nt_out_printf(o, "| Packets | %llu |\n| Findings | %u |\n| Prepared by | nettriage %s |\n\n",
		      (unsigned long long)r->packets, r->n_findings, "analyze");
	if (r->any_text)
		nt_out_puts(o, "> **Evidence strength.** This report is built from a tcpdump text "
			       "log, not a packet capture: it has no payload bytes and no link layer, "
			       "ICMP errors show only what tcpdump printed of the quoted datagram, "
			       "and times carry no date unless tcpdump ran with `-tttt`. Conclusions "
			       "rest on the printed fields; confirm them with a capture (`tcpdump -w`) "
			       "where possible.\n\n");

	nt_out_puts(o, "## Summary of the problem\n\n");
	uint32_t shown = 0;
	for (uint32_t i = 0; i < r->n_findings; i++) {
		const struct nt_finding *f = &r->findings[i];
		if (f->severity < NT_SEV_MEDIUM && shown)
			continue;
		md_text(o, f->summary);
		nt_out_puts(o, "\n\n");
		shown++;
	}
	if (r->n_findings == 0)
		nt_out_puts(o, "No DNS, ICMP or TCP failure was found in the input: queries were "
			       "answered and connections established normally.\n\n");
	else if (r->findings[0].impact[0]) {
		md_text(o, r->findings[0].impact);
		nt_out_puts(o, "\n\n");
	}

	nt_out_puts(o, "## Analysis\n\n");
	nt_out_puts(o, "nettriage read the input in one pass, paired every DNS query with its "
		       "response or the ICMP error that quotes it, followed every TCP handshake, "
		       "and merged the failures into findings.\n\n");
	protocols(o, r);
	for (uint32_t i = 0; i < r->n_findings; i++) {
		const struct nt_finding *f = &r->findings[i];
		nt_out_printf(o, "### %u. %s (`%s`, severity %s)\n\n", i + 1,
			      title_of(f, title, sizeof(title)), f->kind, nt_severity_name(f->severity));
		md_text(o, f->analysis[0] ? f->analysis : f->summary);
		nt_out_puts(o, "\n\n");
		nt_out_printf(o, "Time line: first seen %s, last seen %s; %llu event%s.\n\n",
			      nt_fmt_time(t1, sizeof(t1), f->first_seen, r->no_date),
			      nt_fmt_time(t2, sizeof(t2), f->last_seen, r->no_date),
			      (unsigned long long)f->count, f->count == 1 ? "" : "s");
		if (f->n_figures) {
			nt_out_puts(o, "Measured figures:");
			for (uint32_t k = 0; k < f->n_figures; k++) {
				if (f->figures[k].text[0])
					nt_out_printf(o, "%s `%s` = %s", k ? "," : "", f->figures[k].name,
						      f->figures[k].text);
				else
					nt_out_printf(o, "%s `%s` = %.10g", k ? "," : "",
						      f->figures[k].name, f->figures[k].value);
			}
			nt_out_puts(o, ".\n\n");
		}
		if (f->series.n) {
			nt_out_printf(o, "Rate (%s per %u s from %s):", f->series.what, f->series.step_s,
				      nt_fmt_time(t1, sizeof(t1), f->series.start, r->no_date));
			for (uint32_t k = 0; k < f->series.n; k++)
				nt_out_printf(o, " %u", f->series.counts[k]);
			nt_out_puts(o, "\n\n");
		}
		if (f->n_evidence > 1) {
			nt_out_printf(o, "| Time | Since first | %s | Event |\n|---|---:|---:|---|\n",
				      r->any_text ? "Log line" : "Frame");
			for (uint32_t k = 0; k < f->n_evidence; k++) {
				const struct nt_evidence *ev = &f->evidence[k];
				char d[32];
				nt_fmt_dur(d, sizeof(d), ev->t - f->evidence[0].t);
				nt_out_printf(o, "| %s | %s%s | %llu | %s |\n",
					      nt_fmt_time(t1, sizeof(t1), ev->t, r->no_date),
					      k ? "+" : "", k ? d : "0",
					      (unsigned long long)(ev->line ? ev->line : ev->frame),
					      event_of(ev->text));
			}
			nt_out_puts(o, "\n");
		}
		nt_out_puts(o, "Evidence (tcpdump format):\n\n");
		evidence_block(o, r, f);
	}

	nt_out_puts(o, "## Likely causes\n\n");
	for (uint32_t i = 0; i < r->n_findings; i++) {
		const struct nt_finding *f = &r->findings[i];
		if (f->n_causes == 0)
			continue;
		if (r->n_findings > 1)
			nt_out_printf(o, "For %s:\n\n", title_of(f, title, sizeof(title)));
		for (uint32_t k = 0; k < f->n_causes; k++) {
			nt_out_printf(o, "%u. **%s.** ", k + 1, f->causes[k].title);
			md_text(o, f->causes[k].reasoning);
			nt_out_puts(o, "\n");
		}
		nt_out_puts(o, "\n");
	}
	if (r->n_findings == 0)
		nt_out_puts(o, "None: there is no failure to explain.\n\n");

	nt_out_puts(o, "## Impact\n\n");
	for (uint32_t i = 0; i < r->n_findings; i++)
		if (r->findings[i].impact[0] && (i == 0 || r->findings[i].severity >= NT_SEV_MEDIUM)) {
			nt_out_puts(o, "- ");
			md_text(o, r->findings[i].impact);
			nt_out_puts(o, "\n");
		}
	if (r->n_findings == 0)
		nt_out_puts(o, "- None observed.\n");
	nt_out_puts(o, "\n## Recommended next steps\n\n");
	uint32_t step = 0;
	for (uint32_t i = 0; i < r->n_findings; i++)
		for (uint32_t k = 0; k < r->findings[i].n_steps; k++) {
			nt_out_printf(o, "%u. ", ++step);
			md_text(o, r->findings[i].steps[k]);
			nt_out_puts(o, "\n");
		}
	if (step == 0)
		nt_out_puts(o, "No action needed.\n");

	nt_out_puts(o, "\n## Appendix: capture statistics\n\n");
	nt_out_puts(o, "| Input | Format | Packets | Lines | Not understood |\n|---|---|---:|---:|---:|\n");
	for (uint32_t i = 0; i < r->n_inputs; i++) {
		const struct nt_input_info *in = &r->inputs[i];
		nt_out_printf(o, "| `%s` | %s | %llu | %s%llu | %llu |\n", in->path, in->format,
			      (unsigned long long)in->packets, "", (unsigned long long)in->lines,
			      (unsigned long long)in->skipped);
	}
	for (uint32_t i = 0; i < r->n_inputs; i++)
		for (uint32_t k = 0; k < r->inputs[i].n_skipped_list; k++) {
			nt_out_printf(o, "%s- line %llu: `%s`\n", k ? "" : "\nLines not understood:\n\n",
				      (unsigned long long)r->inputs[i].skipped_list[k].line,
				      r->inputs[i].skipped_list[k].text);
		}
	nt_out_puts(o, "\n| Protocol | Packets |\n|---|---:|\n");
	for (int i = 0; i < NT_PR_COUNT; i++)
		if (r->proto[i])
			nt_out_printf(o, "| %s | %llu |\n", nt_proto_names[i],
				      (unsigned long long)r->proto[i]);
	nt_out_puts(o, "\n| Table | Capacity | Peak | Evicted |\n|---|---:|---:|---:|\n");
	for (int i = 0; i < NT_TB_COUNT; i++)
		nt_out_printf(o, "| %s | %u | %u | %llu |\n", nt_table_names[i], r->tables[i].cap,
			      r->tables[i].peak, (unsigned long long)r->tables[i].evicted);
	nt_out_printf(o, "| nxdomain_clients | %u | - | %llu |\n", r->det_cap,
		      (unsigned long long)r->det_evicted);
	for (uint32_t i = 0; i < nt_atab_count; i++)
		nt_out_printf(o, "| %s | %u | %u | %llu |\n", nt_atab_list[i]->name,
			      nt_atab_list[i]->nslot, nt_atab_list[i]->peak,
			      (unsigned long long)nt_atab_list[i]->evicted);
	nt_out_puts(o, "\nThresholds in effect (see docs/thresholds.md): ");
	for (int i = 0; i < NT_P_COUNT; i++)
		nt_out_printf(o, "%s`%s=%g`", i ? ", " : "", nt_engine_params[i].name,
			      nt_engine_params[i].value);
	for (size_t d = 0; d < n_detectors; d++)
		for (size_t i = 0; i < detectors[d].n_params; i++)
			nt_out_printf(o, ", `%s=%g`", detectors[d].params[i].name,
				      detectors[d].params[i].value);
	nt_out_puts(o, ".\n");
}
