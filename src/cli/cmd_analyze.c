/* \summary: `nettriage analyze`: reads captures (pcap/pcapng, stdin) and
 * tcpdump text logs, merges several inputs in time order, runs the
 * correlation engine and the detectors in one pass and writes the report
 * (text, Markdown, JSON, HTML or JSONL; --output kafka://BROKERS/TOPIC
 * also sends every JSONL event to Kafka: cli/report_out.h). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/engine.h"
#include "cli/cli.h"
#include "cli/memcap.h"
#include "cli/pipeline.h"
#include "cli/progress.h"
#include "cli/report_out.h"
#include "core/fmt.h"
#include "decode/record.h"
#include "input/source.h"
#include "report/model.h"

static const char usage_head[] =
	"usage: nettriage analyze [--format F] [-o FILE]\n"
	"                         [--timeout SECONDS] [--set NAME=VALUE]...\n"
	"                         [--output kafka://BROKERS/TOPIC [--kafka-opt KEY=VALUE]...]\n"
	"                         INPUT...\n"
	"\n"
	"Diagnoses DNS, ICMP and TCP failures in captures and writes an incident report.\n"
	"INPUT is a pcap/pcapng file, '-' for standard input, or a tcpdump text log\n"
	"(detected by its content).  Several inputs are merged in time order.\n";
static const char usage_tail[] =
	"  -o FILE         write the report to FILE instead of standard output\n"
	NT_ROUT_USAGE_KAFKA
	"  --timeout S     seconds before a DNS query counts as unanswered (dns.timeout, 5)\n"
	"  --set N=V       set a threshold (see --list-thresholds, docs/thresholds.md)\n"
	"  --memcap MIB    memory for the state tables (default 512): every table\n"
	"                  capacity is scaled down to fit; full tables evict their\n"
	"                  oldest entries and the report counts them\n"
	"  --list-thresholds  print the thresholds, their defaults and sources\n"
	"Colour is used only when standard output is a terminal and NO_COLOR is unset.\n"
	"Captures over 50 MiB show a progress bar on standard error when it is a terminal.\n";

static void usage(FILE *f)
{
	fputs(usage_head, f);
	nt_rout_usage_formats(f, 0);
	fputs(usage_tail, f);
}

/* What the report says of input i, from its source's info once read. */
static void input_info(struct nt_input_info *in, struct nt_source *s, uint64_t undecoded)
{
	const struct nt_source_info *si = nt_source_info(s);
	nt_fmt(in->path, sizeof(in->path), "%s", si->path);
	nt_fmt(in->format, sizeof(in->format), "%s", si->format);
	in->is_text = (uint8_t)si->is_text;
	in->packets = si->packets;
	in->lines = si->lines;
	in->skipped = si->is_text ? si->garbage : undecoded;
	in->n_skipped_list = 0;
	for (size_t i = 0; i < si->n_garbage_list && in->n_skipped_list < NT_MAX_SKIPPED; i++) {
		struct nt_skipped_line *sl = &in->skipped_list[in->n_skipped_list++];
		sl->line = si->garbage_list[i].line;
		nt_fmt(sl->text, sizeof(sl->text), "%s", si->garbage_list[i].text);
	}
	in->no_date = (uint8_t)si->no_date;
	in->damaged = (uint8_t)si->damaged;
	nt_fmt(in->error, sizeof(in->error), "%s", si->error);
}

static void list_thresholds(void)
{
	size_t ng;
	const struct nt_param_group *g = nt_pipeline_params(&ng);
	for (size_t k = 0; k < ng; k++)
		for (size_t i = 0; i < g[k].n; i++) {
			const struct nt_param *p = &g[k].p[i];
			printf("%-36s %10g %-9s %s\n%47s source: %s\n", p->name, p->value, p->unit,
			       p->doc, "", p->source);
		}
}

int nt_cmd_analyze(int argc, char **argv)
{
	struct nt_rout_opts ro = {.fmt = NT_FMT_TEXT};
	double memcap = NT_MEMCAP_DEFAULT_MIB;
	const char *paths[NT_MAX_INPUTS];
	int npaths = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (nt_cli_info(a, usage, 0))
			return NT_EXIT_OK;
		if (strcmp(a, "--list-thresholds") == 0) {
			list_thresholds();
			return NT_EXIT_OK;
		}
		if (nt_rout_takes_value(a) || strcmp(a, "--timeout") == 0 ||
		    strcmp(a, "--set") == 0 || strcmp(a, "--memcap") == 0) {
			if (i + 1 >= argc) {
				nt_cli_error("analyze: option %s needs a value", a);
				usage(stderr);
				return NT_EXIT_USAGE;
			}
			val = argv[++i];
		} else if (strncmp(a, "--format=", 9) == 0) {
			val = a + 9;
			a = "--format";
		} else if (strncmp(a, "--set=", 6) == 0) {
			val = a + 6;
			a = "--set";
		} else if (strncmp(a, "--timeout=", 10) == 0) {
			val = a + 10;
			a = "--timeout";
		} else if (strncmp(a, "--memcap=", 9) == 0) {
			val = a + 9;
			a = "--memcap";
		}
		if (val == NULL) {
			if (a[0] == '-' && a[1] != '\0') {
				nt_cli_error("analyze: unknown option '%s'", a);
				usage(stderr);
				return NT_EXIT_USAGE;
			}
			if (npaths >= NT_MAX_INPUTS) {
				nt_cli_error("analyze: at most %d inputs", NT_MAX_INPUTS);
				return NT_EXIT_USAGE;
			}
			paths[npaths++] = a;
			continue;
		}
		int rc = 0;
		if (nt_rout_takes_value(a)) {
			rc = nt_rout_option(&ro, "analyze", a, val);
		} else if (strcmp(a, "--memcap") == 0) {
			rc = nt_cli_memcap("analyze", val, &memcap);
		} else {
			rc = nt_cli_threshold("analyze", a, val);
		}
		if (rc)
			return rc;
	}
	struct nt_error err = {0, ""};
	if (nt_memcap_apply(memcap, NULL, &err) < 0) {
		nt_cli_error("analyze: %s", err.msg);
		return NT_EXIT_USAGE;
	}
	if (npaths == 0) {
		nt_cli_error("analyze: no input given; name a capture, a tcpdump text log, or '-' "
			     "for stdin");
		usage(stderr);
		return NT_EXIT_USAGE;
	}
	int nstdin = 0;
	for (int i = 0; i < npaths; i++)
		nstdin += strcmp(paths[i], "-") == 0;
	if (nstdin > 1) {
		nt_cli_error("analyze: standard input ('-') can be named only once");
		return NT_EXIT_USAGE;
	}
	for (int i = 0; ro.ofile && i < npaths; i++) {
		if (nt_cli_same_file(ro.ofile, paths[i])) {
			nt_cli_error("analyze: -o '%s' is also an input; writing the report there "
				     "would destroy it: name another output file",
				     ro.ofile);
			return NT_EXIT_USAGE;
		}
	}
	struct nt_rout out;
	nt_rout_init(&out, &ro, "analyze");
	int status = nt_rout_check(&ro, "analyze");
	if (status == NT_EXIT_OK)
		status = nt_rout_kafka(&out);
	if (status != NT_EXIT_OK)
		return status;

	struct nt_report *rep = nt_report_new();
	uint64_t *undecoded = calloc((size_t)npaths, sizeof(*undecoded));
	struct nt_merge *m = NULL;
	if (rep == NULL || undecoded == NULL || nt_merge_new(&m, &err) != NT_OK) {
		nt_cli_error("out of memory");
		free(undecoded);
		nt_report_free(rep);
		nt_rout_free(&out);
		return NT_EXIT_INTERNAL;
	}
	struct nt_pipeline *pl = NULL;
	const struct nt_source_opts so = {.text = 1, .empty_text = 1, .nano = 1};
	for (int i = 0; i < npaths && status == NT_EXIT_OK; i++) {
		struct nt_source *s = NULL;
		if (nt_source_open(&s, paths[i], &so, &err) != NT_OK ||
		    nt_merge_add(m, s, &err) < 0) {
			nt_cli_error("analyze: %s", err.msg);
			status = err.code == NT_ENOMEM ? NT_EXIT_INTERNAL : NT_EXIT_INPUT;
			break;
		}
		rep->n_inputs++;
		if (nt_source_format(s) == NT_SRC_TEXT)
			rep->any_text = 1;
	}
	if (status == NT_EXIT_OK && (pl = nt_pipeline_new(rep, &err)) == NULL) {
		nt_cli_error("analyze: %s", err.msg);
		status = NT_EXIT_INTERNAL;
	}
	if (status != NT_EXIT_OK) {
		nt_merge_free(m);
		free(undecoded);
		nt_report_free(rep);
		nt_rout_free(&out);
		return status;
	}
	struct nt_progress prog;
	nt_progress_init(&prog);
	for (int i = 0; i < npaths; i++)
		if (nt_source_format(nt_merge_source(m, i)) != NT_SRC_TEXT)
			nt_progress_add(&prog, i, paths[i]);
	/* the output is opened before the run: jsonl streams while reading;
	 * without it the analysis still runs (the Kafka export too) */
	int rc = nt_rout_open(&out);
	if (rc)
		status = rc;
	rc = nt_rout_attach(&out, rep, &pl->eng);
	if (rc)
		status = rc;
	const struct nt_src_rec *r;
	struct nt_pkt pkt;
	struct nt_raw raw;
	while ((r = nt_merge_next(m)) != NULL) {
		if (nt_decode_record(r, &pkt, &raw) < 0)
			undecoded[r->input]++;
		nt_pipeline_packet(pl, &pkt, &raw);
		if (r->kind == NT_REC_FRAME)
			nt_progress_at(&prog, r->input, r->frame.offset);
	}
	nt_progress_end(&prog);
	for (int i = 0; i < npaths; i++) {
		struct nt_input_info *in = &rep->inputs[i];
		input_info(in, nt_merge_source(m, i), undecoded[i]);
		if (in->damaged) {
			nt_cli_error("analyze: %s", in->error);
			status = NT_EXIT_DAMAGED;
		}
	}
	nt_merge_free(m);
	free(undecoded);
	nt_pipeline_finish(pl);
	status = nt_rout_end(&out, rep, status);
	nt_rout_free(&out);
	nt_pipeline_free(pl);
	nt_report_free(rep);
	return status;
}
