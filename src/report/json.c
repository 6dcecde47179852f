/* \summary: JSON renderer of the report model ("schema":
 * "nettriage.report/1", documented in docs/report-schema.md). */
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "report/jsonw.h"
#include "report/formats.h"
#include "report/model.h"

static void key(struct nt_out *o, int ind, const char *k)
{
	for (int i = 0; i < ind; i++)
		nt_out_puts(o, "  ");
	nt_json_string(o, k);
	nt_out_puts(o, ": ");
}

static void param_val(struct nt_out *o, double v)
{
	char b[64];
	nt_fmt(b, sizeof(b), "%.10g", v);
	nt_out_puts(o, b);
}

/* ns / n in milliseconds, or null when n is 0 (nothing was measured):
 * an average with n the count, a maximum with n 1 when there is one. */
static void ms_or_null(struct nt_out *o, int64_t ns, uint64_t n)
{
	if (n)
		param_val(o, (double)ns / (double)n / 1e6);
	else
		nt_out_puts(o, "null");
}

static void time_or_null(struct nt_out *o, const struct nt_report *r, int64_t t)
{
	if (r->have_time)
		nt_json_time(o, r, t);
	else
		nt_out_puts(o, "null");
}

/* "name": value, after a ", " unless it is the object's first member. */
static void named(struct nt_out *o, int first, const char *name)
{
	if (!first)
		nt_out_puts(o, ", ");
	nt_json_string(o, name);
	nt_out_puts(o, ": ");
}

static void named_count(struct nt_out *o, int first, const char *name, uint64_t v)
{
	named(o, first, name);
	nt_out_u(o, v);
}

static void named_param(struct nt_out *o, int first, const char *name, double v)
{
	named(o, first, name);
	param_val(o, v);
}

void nt_report_json(const struct nt_report *r, struct nt_out *o, int color)
{
	nt_out_puts(o, "{\n");
	key(o, 1, "schema"); nt_json_string(o, "nettriage.report/1"); nt_out_puts(o, ",\n");
	key(o, 1, "inputs"); nt_out_puts(o, "[");
	for (uint32_t i = 0; i < r->n_inputs; i++) {
		const struct nt_input_info *in = &r->inputs[i];
		nt_out_puts(o, i ? ",\n    {" : "\n    {");
		nt_out_puts(o, "\"path\": "); nt_json_string(o, in->path);
		nt_out_puts(o, ", \"format\": "); nt_json_string(o, in->format);
		nt_out_puts(o, ", \"packets\": "); nt_out_u(o, in->packets);
		if (in->is_text) {
			nt_out_puts(o, ", \"lines\": "); nt_out_u(o, in->lines);
			nt_out_puts(o, ", \"lines_skipped\": "); nt_out_u(o, in->skipped);
			nt_out_puts(o, ", \"skipped\": [");
			for (uint32_t k = 0; k < in->n_skipped_list; k++) {
				if (k)
					nt_out_puts(o, ", ");
				nt_out_puts(o, "{\"line_no\": ");
				nt_out_u(o, in->skipped_list[k].line);
				nt_out_puts(o, ", \"text\": ");
				nt_json_string(o, in->skipped_list[k].text);
				nt_out_putc(o, '}');
			}
			nt_out_puts(o, "]");
			nt_out_puts(o, ", \"has_date\": ");
			nt_out_puts(o, in->no_date ? "false" : "true");
			nt_out_puts(o, ", \"has_payload\": false");
		} else {
			nt_out_puts(o, ", \"records_skipped\": "); nt_out_u(o, in->skipped);
		}
		if (in->damaged) {
			nt_out_puts(o, ", \"error\": ");
			nt_json_string(o, in->error);
		}
		nt_out_putc(o, '}');
	}
	nt_out_puts(o, r->n_inputs ? "\n  ],\n" : "],\n");
	key(o, 1, "capture"); nt_out_puts(o, "{\"packets\": ");
	nt_out_u(o, r->packets);
	nt_out_puts(o, ", \"start\": ");
	time_or_null(o, r, r->start);
	nt_out_puts(o, ", \"end\": ");
	time_or_null(o, r, r->end);
	nt_out_puts(o, ", \"has_date\": ");
	nt_out_puts(o, r->no_date ? "false" : "true");
	nt_out_puts(o, ", \"evidence_strength\": ");
	nt_json_string(o, r->any_text ? "text-log" : "capture");
	nt_out_puts(o, "},\n");
	key(o, 1, "protocols"); nt_out_putc(o, '{');
	for (int i = 0; i < NT_PR_COUNT; i++)
		named_count(o, i == 0, nt_proto_names[i], r->proto[i]);
	nt_out_puts(o, "},\n");
	key(o, 1, "dns"); nt_out_putc(o, '{');
	const struct nt_dns_stats *d = &r->dns;
	nt_out_printf(o, "\"queries\": %llu, \"responses\": %llu, \"answered\": %llu, "
		      "\"unanswered\": %llu, \"icmp_rejected\": %llu, \"answered_after_icmp\": %llu, "
		      "\"pending_at_end\": %llu, \"unsolicited\": %llu, \"late\": %llu, \"retries\": %llu, \"lookups\": %llu, "
		      "\"lookups_failed\": %llu, \"nxdomain\": %llu, \"servfail\": %llu, "
		      "\"refused\": %llu, \"truncated\": %llu, \"rtt_avg_ms\": ",
		      (unsigned long long)d->queries, (unsigned long long)d->responses,
		      (unsigned long long)d->answered, (unsigned long long)d->unanswered,
		      (unsigned long long)d->icmp, (unsigned long long)d->answered_after_icmp,
		      (unsigned long long)d->capture_end,
		      (unsigned long long)d->unsolicited, (unsigned long long)d->late,
		      (unsigned long long)d->retries, (unsigned long long)d->lookups,
		      (unsigned long long)d->lookups_failed, (unsigned long long)d->nxdomain,
		      (unsigned long long)d->servfail, (unsigned long long)d->refused,
		      (unsigned long long)d->truncated);
	ms_or_null(o, d->rtt_sum_ns, d->answered);
	nt_out_puts(o, ", \"rtt_max_ms\": ");
	ms_or_null(o, d->rtt_max_ns, d->answered != 0);
	nt_out_puts(o, ", \"lookup_answer_avg_ms\": ");
	ms_or_null(o, d->answer_sum_ns, d->lookups_answered);
	nt_out_puts(o, ", \"lookup_answer_max_ms\": ");
	ms_or_null(o, d->answer_max_ns, d->lookups_answered != 0);
	nt_out_puts(o, ", \"lookup_give_up_max_ms\": ");
	ms_or_null(o, d->giveup_max_ns, d->lookups_failed != 0);
	nt_out_puts(o, "},\n");
	const struct nt_tcp_stats *tc = &r->tcp;
	key(o, 1, "tcp");
	nt_out_printf(o, "{\"attempts\": %llu, \"established\": %llu, \"refused\": %llu, "
		      "\"no_answer\": %llu, \"icmp_rejected\": %llu, \"pending_at_end\": %llu, "
		      "\"reset_injected\": %llu, \"answer_not_captured\": %llu},\n",
		      (unsigned long long)tc->attempts, (unsigned long long)tc->established,
		      (unsigned long long)tc->refused, (unsigned long long)tc->no_answer,
		      (unsigned long long)tc->icmp, (unsigned long long)tc->capture_end,
		      (unsigned long long)tc->reset_injected, (unsigned long long)tc->unseen_answer);
	key(o, 1, "icmp");
	nt_out_printf(o, "{\"errors\": %llu, \"unlinked\": %llu},\n",
		      (unsigned long long)r->icmp_errors, (unsigned long long)r->icmp_unlinked);
	const struct nt_reasm_stats *ir = &r->ip_reasm;
	key(o, 1, "reassembly");
	nt_out_printf(o, "{\"ip\": {\"fragments\": %llu, \"datagrams\": %llu, \"reassembled\": %llu, "
		      "\"timed_out\": %llu, \"overlapping\": %llu, \"oversize\": %llu, \"invalid\": %llu, "
		      "\"too_many_runs\": %llu, \"evicted\": %llu, \"pending_at_end\": %llu, "
		      "\"duplicates\": %llu, \"dropped\": %llu, \"truncated\": %llu, "
		      "\"incomplete_dns\": %llu}, ",
		      (unsigned long long)ir->fragments, (unsigned long long)ir->datagrams,
		      (unsigned long long)ir->reassembled, (unsigned long long)ir->timed_out,
		      (unsigned long long)ir->overlapping, (unsigned long long)ir->oversize,
		      (unsigned long long)ir->invalid, (unsigned long long)ir->too_many_runs,
		      (unsigned long long)ir->evicted, (unsigned long long)ir->pending_at_end,
		      (unsigned long long)ir->duplicates, (unsigned long long)ir->dropped,
		      (unsigned long long)ir->truncated, (unsigned long long)ir->incomplete_dns);
	const struct nt_tcpdns_stats *td = &r->tcp_dns;
	nt_out_printf(o, "\"tcp_dns\": {\"segments\": %llu, \"messages\": %llu, \"split\": %llu, "
		      "\"shared\": %llu, \"retransmitted\": %llu, \"out_of_order\": %llu, "
		      "\"reordered\": %llu, \"desynced\": %llu, \"truncated\": %llu, "
		      "\"incomplete\": %llu, \"timed_out\": %llu, \"evicted\": %llu}},\n",
		      (unsigned long long)td->segments, (unsigned long long)td->messages,
		      (unsigned long long)td->split, (unsigned long long)td->shared,
		      (unsigned long long)td->retransmitted, (unsigned long long)td->out_of_order,
		      (unsigned long long)td->reordered, (unsigned long long)td->desynced,
		      (unsigned long long)td->truncated, (unsigned long long)td->incomplete,
		      (unsigned long long)td->timed_out, (unsigned long long)td->evicted);
	key(o, 1, "tables"); nt_out_putc(o, '{');
	for (uint32_t i = 0; i < r->n_tables; i++) {
		const struct nt_table_stats *t = &r->tables[i].st;
		if (i)
			nt_out_puts(o, ", ");
		nt_json_string(o, r->tables[i].name);
		nt_out_printf(o, ": {\"capacity\": %u, \"peak\": %u, \"inserted\": %llu, "
			      "\"evicted\": %llu}", t->cap, t->peak, (unsigned long long)t->inserted,
			      (unsigned long long)t->evicted);
	}
	nt_out_puts(o, "},\n");
	key(o, 1, "evictions"); nt_out_putc(o, '{');
	for (uint32_t i = 0; i < r->n_tables; i++)
		named_count(o, i == 0, r->tables[i].name, r->tables[i].st.evicted);
	nt_out_puts(o, "},\n");
	key(o, 1, "thresholds"); nt_out_putc(o, '{');
	int first = 1;
	for (size_t g = 0; g < r->n_params; g++)
		for (size_t i = 0; i < r->params[g].n; i++, first = 0)
			named_param(o, first, r->params[g].p[i].name, r->params[g].p[i].value);
	nt_out_puts(o, "},\n");
	key(o, 1, "public_suffix_list"); nt_out_puts(o, "{\"source\": ");
	nt_json_string(o, nt_psl_source()[0] ? nt_psl_source() : "not loaded");
	nt_out_printf(o, ", \"full\": %s, \"rules\": %u},\n", nt_psl_is_full() ? "true" : "false",
		      nt_psl_rules());
	key(o, 1, "findings_omitted"); nt_out_u(o, r->findings_dropped); nt_out_puts(o, ",\n");
	key(o, 1, "findings"); nt_out_puts(o, "[");
	for (uint32_t i = 0; i < r->n_findings; i++) {
		nt_out_puts(o, i ? ",\n" : "\n");
		nt_json_finding(o, r, &r->findings[i], &nt_json_indented);
	}
	nt_out_puts(o, r->n_findings ? "\n  ]" : "]");
	if (r->kafka) {
		const struct nt_export_kafka *k = r->kafka;
		nt_out_puts(o, ",\n");
		key(o, 1, "export");
		nt_out_puts(o, "{\"kafka\": {\"brokers\": ");
		nt_json_string(o, k->brokers);
		nt_out_puts(o, ", \"topic\": ");
		nt_json_string(o, k->topic);
		nt_out_printf(o, ", \"produced\": %llu, \"delivered\": %llu, \"failed\": %llu",
			      (unsigned long long)k->produced, (unsigned long long)k->delivered,
			      (unsigned long long)k->failed);
		nt_out_puts(o, ", \"errors\": [");
		for (uint32_t i = 0; i < k->n_errors; i++) {
			if (i)
				nt_out_puts(o, ", ");
			nt_json_string(o, k->errors[i]);
		}
		nt_out_puts(o, "]}}");
	}
	nt_out_puts(o, "\n}\n");
}
