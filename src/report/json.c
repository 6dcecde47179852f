/* \summary: JSON renderer of the report model ("schema":
 * "nettriage.report/1", documented in docs/report-schema.md). */
#include <stdio.h>
#include <string.h>

#include "detectors/attack.h"
#include "detectors/detectors.h"
#include "report/model.h"

static void str(struct nt_out *o, const char *s)
{
	nt_out_putc(o, '"');
	nt_out_json_str(o, s);
	nt_out_putc(o, '"');
}

static void key(struct nt_out *o, int ind, const char *k)
{
	for (int i = 0; i < ind; i++)
		nt_out_puts(o, "  ");
	str(o, k);
	nt_out_puts(o, ": ");
}

static void time_val(struct nt_out *o, const struct nt_report *r, int64_t t)
{
	char b[64];
	str(o, nt_fmt_time(b, sizeof(b), t, r->no_date));
}

static void param_val(struct nt_out *o, double v)
{
	char b[64];
	nt_fmt(b, sizeof(b), "%.10g", v);
	nt_out_puts(o, b);
}

static void finding(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f)
{
	nt_out_puts(o, "    {\n");
	key(o, 3, "kind"); str(o, f->kind); nt_out_puts(o, ",\n");
	key(o, 3, "severity"); str(o, nt_severity_name(f->severity)); nt_out_puts(o, ",\n");
	key(o, 3, "protocol"); str(o, f->protocol); nt_out_puts(o, ",\n");
	key(o, 3, "transport"); str(o, f->transport); nt_out_puts(o, ",\n");
	key(o, 3, "port");
	if (f->port >= 0)
		nt_out_i(o, f->port);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, ",\n");
	key(o, 3, "server"); str(o, f->server); nt_out_puts(o, ",\n");
	key(o, 3, "clients"); nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_clients; i++) {
		if (i)
			nt_out_puts(o, ", ");
		str(o, f->clients[i]);
	}
	nt_out_puts(o, "],\n");
	key(o, 3, "clients_omitted"); nt_out_u(o, f->clients_more); nt_out_puts(o, ",\n");
	key(o, 3, "count"); nt_out_u(o, f->count); nt_out_puts(o, ",\n");
	key(o, 3, "names"); nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_names; i++) {
		if (i)
			nt_out_puts(o, ", ");
		str(o, f->names[i]);
	}
	nt_out_puts(o, "],\n");
	key(o, 3, "names_omitted"); nt_out_u(o, f->names_more); nt_out_puts(o, ",\n");
	key(o, 3, "first_seen"); time_val(o, r, f->first_seen); nt_out_puts(o, ",\n");
	key(o, 3, "last_seen"); time_val(o, r, f->last_seen); nt_out_puts(o, ",\n");
	key(o, 3, "summary"); str(o, f->summary); nt_out_puts(o, ",\n");
	key(o, 3, "analysis"); str(o, f->analysis); nt_out_puts(o, ",\n");
	key(o, 3, "impact"); str(o, f->impact); nt_out_puts(o, ",\n");
	key(o, 3, "evidence"); nt_out_puts(o, "[");
	for (uint32_t i = 0; i < f->n_evidence; i++) {
		const struct nt_evidence *ev = &f->evidence[i];
		nt_out_puts(o, i ? ",\n        {" : "\n        {");
		nt_out_puts(o, "\"frame\": ");
		nt_out_u(o, ev->frame);
		if (r->n_inputs > 1) {
			nt_out_puts(o, ", \"input\": ");
			nt_out_u(o, ev->input);
		}
		if (ev->line) {
			nt_out_puts(o, ", \"line_no\": ");
			nt_out_u(o, ev->line);
		}
		nt_out_puts(o, ", \"time\": ");
		time_val(o, r, ev->t);
		nt_out_puts(o, ", \"line\": ");
		str(o, ev->text);
		nt_out_putc(o, '}');
	}
	nt_out_puts(o, f->n_evidence ? "\n      ],\n" : "],\n");
	key(o, 3, "evidence_omitted"); nt_out_u(o, f->evidence_dropped); nt_out_puts(o, ",\n");
	key(o, 3, "causes"); nt_out_puts(o, "[");
	for (uint32_t i = 0; i < f->n_causes; i++) {
		nt_out_puts(o, i ? ",\n        {" : "\n        {");
		nt_out_puts(o, "\"rank\": ");
		nt_out_u(o, i + 1);
		nt_out_puts(o, ", \"cause\": ");
		str(o, f->causes[i].title);
		nt_out_puts(o, ", \"reasoning\": ");
		str(o, f->causes[i].reasoning);
		nt_out_putc(o, '}');
	}
	nt_out_puts(o, f->n_causes ? "\n      ],\n" : "],\n");
	key(o, 3, "figures"); nt_out_putc(o, '{');
	for (uint32_t i = 0; i < f->n_figures; i++) {
		if (i)
			nt_out_puts(o, ", ");
		str(o, f->figures[i].name);
		nt_out_puts(o, ": ");
		if (f->figures[i].text[0])
			str(o, f->figures[i].text);
		else
			param_val(o, f->figures[i].value);
	}
	if (f->series.n) {
		nt_out_puts(o, f->n_figures ? ", " : "");
		nt_out_puts(o, "\"rate_series\": {\"what\": ");
		str(o, f->series.what);
		nt_out_puts(o, ", \"start\": ");
		time_val(o, r, f->series.start);
		nt_out_printf(o, ", \"step_s\": %u, \"counts\": [", f->series.step_s);
		for (uint32_t i = 0; i < f->series.n; i++)
			nt_out_printf(o, "%s%u", i ? ", " : "", f->series.counts[i]);
		nt_out_puts(o, "]}");
	}
	nt_out_puts(o, "},\n");
	key(o, 3, "next_steps"); nt_out_puts(o, "[");
	for (uint32_t i = 0; i < f->n_steps; i++) {
		nt_out_puts(o, i ? ",\n        " : "\n        ");
		str(o, f->steps[i]);
	}
	nt_out_puts(o, f->n_steps ? "\n      ]\n" : "]\n");
	nt_out_puts(o, "    }");
}

void nt_report_json(const struct nt_report *r, struct nt_out *o)
{
	nt_out_puts(o, "{\n");
	key(o, 1, "schema"); str(o, "nettriage.report/1"); nt_out_puts(o, ",\n");
	key(o, 1, "inputs"); nt_out_puts(o, "[");
	for (uint32_t i = 0; i < r->n_inputs; i++) {
		const struct nt_input_info *in = &r->inputs[i];
		nt_out_puts(o, i ? ",\n    {" : "\n    {");
		nt_out_puts(o, "\"path\": "); str(o, in->path);
		nt_out_puts(o, ", \"format\": "); str(o, in->format);
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
				str(o, in->skipped_list[k].text);
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
			str(o, in->error);
		}
		nt_out_putc(o, '}');
	}
	nt_out_puts(o, r->n_inputs ? "\n  ],\n" : "],\n");
	key(o, 1, "capture"); nt_out_puts(o, "{\"packets\": ");
	nt_out_u(o, r->packets);
	nt_out_puts(o, ", \"start\": ");
	if (r->have_time)
		time_val(o, r, r->start);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, ", \"end\": ");
	if (r->have_time)
		time_val(o, r, r->end);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, ", \"has_date\": ");
	nt_out_puts(o, r->no_date ? "false" : "true");
	nt_out_puts(o, ", \"evidence_strength\": ");
	str(o, r->any_text ? "text-log" : "capture");
	nt_out_puts(o, "},\n");
	key(o, 1, "protocols"); nt_out_putc(o, '{');
	for (int i = 0; i < NT_PR_COUNT; i++) {
		if (i)
			nt_out_puts(o, ", ");
		str(o, nt_proto_names[i]);
		nt_out_puts(o, ": ");
		nt_out_u(o, r->proto[i]);
	}
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
	if (d->answered)
		param_val(o, (double)d->rtt_sum_ns / (double)d->answered / 1e6);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, ", \"rtt_max_ms\": ");
	if (d->answered)
		param_val(o, (double)d->rtt_max_ns / 1e6);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, ", \"lookup_answer_avg_ms\": ");
	if (d->lookups_answered)
		param_val(o, (double)d->answer_sum_ns / (double)d->lookups_answered / 1e6);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, ", \"lookup_answer_max_ms\": ");
	if (d->lookups_answered)
		param_val(o, (double)d->answer_max_ns / 1e6);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, ", \"lookup_give_up_max_ms\": ");
	if (d->lookups_failed)
		param_val(o, (double)d->giveup_max_ns / 1e6);
	else
		nt_out_puts(o, "null");
	nt_out_puts(o, "},\n");
	const struct nt_tcp_stats *tc = &r->tcp;
	key(o, 1, "tcp");
	nt_out_printf(o, "{\"attempts\": %llu, \"established\": %llu, \"refused\": %llu, "
		      "\"no_answer\": %llu, \"icmp_rejected\": %llu, \"pending_at_end\": %llu},\n",
		      (unsigned long long)tc->attempts, (unsigned long long)tc->established,
		      (unsigned long long)tc->refused, (unsigned long long)tc->no_answer,
		      (unsigned long long)tc->icmp, (unsigned long long)tc->capture_end);
	key(o, 1, "icmp");
	nt_out_printf(o, "{\"errors\": %llu, \"unlinked\": %llu},\n",
		      (unsigned long long)r->icmp_errors, (unsigned long long)r->icmp_unlinked);
	key(o, 1, "tables"); nt_out_putc(o, '{');
	for (int i = 0; i < NT_TB_COUNT; i++) {
		const struct nt_table_stats *t = &r->tables[i];
		if (i)
			nt_out_puts(o, ", ");
		str(o, nt_table_names[i]);
		nt_out_printf(o, ": {\"capacity\": %u, \"peak\": %u, \"inserted\": %llu, "
			      "\"evicted\": %llu}", t->cap, t->peak, (unsigned long long)t->inserted,
			      (unsigned long long)t->evicted);
	}
	nt_out_printf(o, ", \"nxdomain_clients\": {\"capacity\": %u, \"evicted\": %llu}",
		      r->det_cap, (unsigned long long)r->det_evicted);
	for (uint32_t i = 0; i < nt_atab_count; i++)
		nt_out_printf(o, ", \"%s\": {\"capacity\": %u, \"peak\": %u, \"inserted\": %llu, "
			      "\"evicted\": %llu}", nt_atab_list[i]->name, nt_atab_list[i]->nslot,
			      nt_atab_list[i]->peak, (unsigned long long)nt_atab_list[i]->inserted,
			      (unsigned long long)nt_atab_list[i]->evicted);
	nt_out_puts(o, "},\n");
	key(o, 1, "evictions"); nt_out_putc(o, '{');
	for (int i = 0; i < NT_TB_COUNT; i++) {
		if (i)
			nt_out_puts(o, ", ");
		str(o, nt_table_names[i]);
		nt_out_puts(o, ": ");
		nt_out_u(o, r->tables[i].evicted);
	}
	nt_out_puts(o, ", \"nxdomain_clients\": ");
	nt_out_u(o, r->det_evicted);
	for (uint32_t i = 0; i < nt_atab_count; i++)
		nt_out_printf(o, ", \"%s\": %llu", nt_atab_list[i]->name,
			      (unsigned long long)nt_atab_list[i]->evicted);
	nt_out_puts(o, "},\n");
	key(o, 1, "thresholds"); nt_out_putc(o, '{');
	int first = 1;
	for (int i = 0; i < NT_P_COUNT; i++) {
		nt_out_puts(o, first ? "" : ", ");
		first = 0;
		str(o, nt_engine_params[i].name);
		nt_out_puts(o, ": ");
		param_val(o, nt_engine_params[i].value);
	}
	for (size_t dd = 0; dd < n_detectors; dd++)
		for (size_t i = 0; i < detectors[dd].n_params; i++) {
			nt_out_puts(o, ", ");
			str(o, detectors[dd].params[i].name);
			nt_out_puts(o, ": ");
			param_val(o, detectors[dd].params[i].value);
		}
	nt_out_puts(o, "},\n");
	key(o, 1, "public_suffix_list"); nt_out_puts(o, "{\"source\": ");
	str(o, nt_psl_source()[0] ? nt_psl_source() : "not loaded");
	nt_out_printf(o, ", \"full\": %s, \"rules\": %u},\n", nt_psl_is_full() ? "true" : "false",
		      nt_psl_rules());
	key(o, 1, "findings_omitted"); nt_out_u(o, r->findings_dropped); nt_out_puts(o, ",\n");
	key(o, 1, "findings"); nt_out_puts(o, "[");
	for (uint32_t i = 0; i < r->n_findings; i++) {
		nt_out_puts(o, i ? ",\n" : "\n");
		finding(o, r, &r->findings[i]);
	}
	nt_out_puts(o, r->n_findings ? "\n  ]" : "]");
	if (r->kafka) {
		const struct nt_export_kafka *k = r->kafka;
		nt_out_puts(o, ",\n");
		key(o, 1, "export");
		nt_out_puts(o, "{\"kafka\": {\"brokers\": ");
		str(o, k->brokers);
		nt_out_puts(o, ", \"topic\": ");
		str(o, k->topic);
		nt_out_printf(o, ", \"produced\": %llu, \"delivered\": %llu, \"failed\": %llu",
			      (unsigned long long)k->produced, (unsigned long long)k->delivered,
			      (unsigned long long)k->failed);
		nt_out_puts(o, ", \"errors\": [");
		for (uint32_t i = 0; i < k->n_errors; i++) {
			if (i)
				nt_out_puts(o, ", ");
			str(o, k->errors[i]);
		}
		nt_out_puts(o, "]}}");
	}
	nt_out_puts(o, "\n}\n");
}
