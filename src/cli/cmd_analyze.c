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
#include "cli/frame.h"
#include "cli/memcap.h"
#include "cli/pipeline.h"
#include "cli/progress.h"
#include "cli/report_out.h"
#include "input/pcapfile.h"
#include "input/reader.h"
#include "input/textlog.h"
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

struct source {
	int is_text;
	struct nt_reader *rd;
	struct nt_textlog *tl;
	FILE *f;
	struct nt_pkt pkt;
	struct nt_raw raw;
	struct nt_tl_rec rec;
	int have, done;
	int64_t t;
	struct nt_input_info *info;
	uint64_t offset;       /* byte offset of the latest record (progress bar) */
};

static int is_capture_magic(const uint8_t *b, size_t n)
{
	if (n < 4)
		return 0;
	uint32_t m = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	return m == 0xa1b2c3d4u || m == 0xd4c3b2a1u || m == 0xa1b23c4du || m == 0x4d3cb2a1u ||
	       m == 0x0a0d0d0au || nt_pcapfile_sniff_compressed(b, n) != NT_COMP_NONE;
}

static int pcapng_magic(const uint8_t *b, size_t n)
{
	return n >= 4 && b[0] == 0x0a && b[1] == 0x0d && b[2] == 0x0d && b[3] == 0x0a;
}

/* Opens one input; returns 0 or an exit status. */
static int open_source(struct source *s, const char *path, struct nt_input_info *info)
{
	memset(s, 0, sizeof(*s));
	s->info = info;
	nt_fmt(info->path, sizeof(info->path), "%s", strcmp(path, "-") == 0 ? "(stdin)" : path);
	uint8_t head[4096];
	size_t n = 0;
	int is_stdin = strcmp(path, "-") == 0;
	if (is_stdin) {
		/* peek at 4 bytes and push them back (fread honours ungetc) */
		int c[4];
		for (n = 0; n < 4; n++) {
			c[n] = getc(stdin);
			if (c[n] == EOF)
				break;
			head[n] = (uint8_t)c[n];
		}
		for (size_t i = n; i > 0; i--)
			ungetc(c[i - 1], stdin);
		if (is_capture_magic(head, n)) {
			s->is_text = 0;
		} else {
			s->is_text = 1;
			s->f = stdin;
		}
	} else {
		FILE *f = fopen(path, "rb");
		if (f == NULL) {
			nt_cli_error("analyze: cannot open '%s': %s", path, strerror(errno));
			return NT_EXIT_INPUT;
		}
		n = fread(head, 1, sizeof(head), f);
		if (is_capture_magic(head, n)) {
			fclose(f);
			s->is_text = 0;
		} else if (n == 0 || nt_textlog_sniff(head, n)) {
			rewind(f);
			s->is_text = 1;
			s->f = f;
		} else {
			fclose(f);
			nt_cli_error("analyze: '%s' is neither a pcap/pcapng capture nor a tcpdump "
				     "text log", path);
			return NT_EXIT_INPUT;
		}
	}
	struct nt_error err = {0, ""};
	if (s->is_text) {
		info->is_text = 1;
		nt_fmt(info->format, sizeof(info->format), "tcpdump-text");
		if (nt_textlog_open(&s->tl, s->f, NULL, &err) != NT_OK) {
			nt_cli_error("analyze: %s", err.msg);
			return NT_EXIT_INPUT;
		}
	} else {
		nt_fmt(info->format, sizeof(info->format), "%s", pcapng_magic(head, n) ? "pcapng" : "pcap");
		struct nt_reader_opts ro = {.nano = 1};
		if (nt_reader_open_file(&s->rd, path, &ro, &err) != NT_OK) {
			nt_cli_error("analyze: %s", err.msg);
			return NT_EXIT_INPUT;
		}
		/* inside a .gz/.zst only the reader sees the format */
		if (nt_reader_format(s->rd) == NT_CAPFMT_PCAPNG)
			nt_fmt(info->format, sizeof(info->format), "pcapng");
	}
	return 0;
}

/* The reader of s returned rc <= 0: the source is done; rc < 0 (with
 * err) marks its input damaged. */
static void source_end(struct source *s, int rc, const struct nt_error *err)
{
	s->done = 1;
	if (rc < 0) {
		s->info->damaged = 1;
		nt_fmt(s->info->error, sizeof(s->info->error), "%s", err->msg);
	}
}

/* Reads the next packet of a source into s->pkt; sets have/done. */
static void advance(struct source *s, int idx)
{
	struct nt_error err; /* not `= {0}`: that clears its message buffer per packet */
	err.code = 0;
	err.msg[0] = '\0';
	s->have = 0;
	if (s->done)
		return;
	if (s->is_text) {
		int rc = nt_textlog_next(s->tl, &s->pkt, &s->rec, &err);
		if (rc <= 0) {
			source_end(s, rc, &err);
			return;
		}
		s->raw.data = NULL;
		s->raw.text = s->rec.text;
		s->raw.text_len = s->rec.len;
		s->raw.line = s->rec.line_first;
	} else {
		struct nt_frame f;
		int rc = nt_reader_next(s->rd, &f, &err);
		if (rc <= 0) {
			source_end(s, rc, &err);
			return;
		}
		if (nt_frame_to_pkt(&f, &s->pkt, &s->raw) < 0)
			s->info->skipped++;
		s->offset = f.offset;
	}
	s->raw.input = idx;
	s->info->packets++;
	s->t = nt_pkt_time(&s->pkt);
	s->have = 1;
}

static void close_source(struct source *s)
{
	if (s->is_text) {
		if (s->tl) {
			struct nt_input_info *in = s->info;
			in->lines = nt_textlog_lines(s->tl);
			in->skipped = nt_textlog_garbage_count(s->tl);
			const struct nt_tl_garbage *g;
			size_t ng = nt_textlog_garbage(s->tl, &g);
			for (size_t i = 0; i < ng && in->n_skipped_list < NT_MAX_SKIPPED; i++) {
				struct nt_skipped_line *sl = &in->skipped_list[in->n_skipped_list++];
				sl->line = g[i].line;
				nt_fmt(sl->text, sizeof(sl->text), "%s", g[i].text);
			}
			int k = nt_textlog_ts_kind(s->tl);
			in->no_date = k != NT_TL_TS_DATE && k != NT_TL_TS_EPOCH;
			nt_textlog_close(s->tl);
		}
		if (s->f && s->f != stdin)
			fclose(s->f);
	} else if (s->rd) {
		nt_reader_close(s->rd);
	}
	s->tl = NULL;
	s->rd = NULL;
	s->f = NULL;
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
	struct nt_rout out;
	nt_rout_init(&out, &ro, "analyze");
	int status = nt_rout_check(&ro, "analyze");
	if (status == NT_EXIT_OK)
		status = nt_rout_kafka(&out);
	if (status != NT_EXIT_OK)
		return status;

	struct nt_report *rep = nt_report_new();
	struct source *src = calloc((size_t)npaths, sizeof(*src));
	if (rep == NULL || src == NULL) {
		nt_cli_error("out of memory");
		free(src);
		nt_report_free(rep);
		nt_rout_free(&out);
		return NT_EXIT_INTERNAL;
	}
	struct nt_pipeline *pl = NULL;
	int opened = 0;
	for (int i = 0; i < npaths; i++) {
		int rc = open_source(&src[i], paths[i], &rep->inputs[i]);
		if (rc) {
			status = rc;
			break;
		}
		opened++;
		rep->n_inputs++;
		if (src[i].is_text)
			rep->any_text = 1;
	}
	if (status == NT_EXIT_OK && (pl = nt_pipeline_new(rep, &err)) == NULL) {
		nt_cli_error("analyze: %s", err.msg);
		status = NT_EXIT_INTERNAL;
	}
	if (status != NT_EXIT_OK) {
		for (int i = 0; i < opened; i++)
			close_source(&src[i]);
		free(src);
		nt_report_free(rep);
		nt_rout_free(&out);
		return status;
	}
	struct nt_progress prog;
	nt_progress_init(&prog);
	for (int i = 0; i < npaths; i++)
		if (!src[i].is_text)
			nt_progress_add(&prog, i, paths[i]);
	/* the output is opened before the run: jsonl streams while reading;
	 * without it the analysis still runs (the Kafka export too) */
	int rc = nt_rout_open(&out, 0);
	if (rc)
		status = rc;
	rc = nt_rout_attach(&out, rep, &pl->eng);
	if (rc)
		status = rc;
	for (int i = 0; i < npaths; i++)
		advance(&src[i], i);
	for (;;) {
		int best = -1;
		for (int i = 0; i < npaths; i++)
			if (src[i].have && (best < 0 || src[i].t < src[best].t))
				best = i;
		if (best < 0)
			break;
		nt_pipeline_packet(pl, &src[best].pkt, &src[best].raw);
		advance(&src[best], best);
		nt_progress_at(&prog, best, src[best].offset);
	}
	nt_progress_end(&prog);
	for (int i = 0; i < npaths; i++) {
		if (src[i].info->damaged) {
			nt_cli_error("analyze: %s", src[i].info->error);
			status = NT_EXIT_DAMAGED;
		}
		close_source(&src[i]);
	}
	nt_pipeline_finish(pl);
	status = nt_rout_end(&out, rep, status);
	nt_rout_free(&out);
	nt_pipeline_free(pl);
	free(src);
	nt_report_free(rep);
	return status;
}
