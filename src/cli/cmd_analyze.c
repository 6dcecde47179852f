/* \summary: `nettriage analyze`: reads captures (pcap/pcapng, stdin) and
 * tcpdump text logs, merges several inputs in time order, runs the
 * correlation engine and the detectors in one pass and writes the report
 * as text, Markdown or JSON; --output kafka://BROKERS/TOPIC also sends
 * every JSONL event to Kafka. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "analysis/engine.h"
#include "cli/cli.h"
#include "cli/progress.h"
#include "core/out.h"
#include "analysis/memcap.h"
#include "decode/decode.h"
#include "detectors/detectors.h"
#include "input/pcapfile.h"
#include "input/reader.h"
#include "input/textlog.h"
#include "report/jsonl.h"
#include "report/kafka.h"
#include "report/model.h"
#include "report/series.h"

static const char analyze_usage[] =
	"usage: nettriage analyze [--format text|md|json|html|jsonl] [-o FILE]\n"
	"                         [--timeout SECONDS] [--set NAME=VALUE]...\n"
	"                         [--output kafka://BROKERS/TOPIC [--kafka-opt KEY=VALUE]...]\n"
	"                         INPUT...\n"
	"\n"
	"Diagnoses DNS, ICMP and TCP failures in captures and writes an incident report.\n"
	"INPUT is a pcap/pcapng file, '-' for standard input, or a tcpdump text log\n"
	"(detected by its content).  Several inputs are merged in time order.\n"
	"  --format F      text (default), md (Markdown incident report), json,\n"
	"                  html (self-contained page with charts; open it in a browser)\n"
	"                  or jsonl (one JSON event per line: DNS transactions with\n"
	"                  Zeek dns.log fields, ICMP errors, findings; docs/jsonl-schema.md)\n"
	"  -o FILE         write the report to FILE instead of standard output\n"
	"  --output kafka://HOST:PORT[,HOST:PORT...]/TOPIC\n"
	"                  also send every jsonl event to the Kafka topic, one message\n"
	"                  each (key: the event's uid, or the finding kind); counts on\n"
	"                  standard error and under \"export\" in --format json; exit\n"
	"                  status 5 if a message was not delivered\n"
	"  --kafka-opt K=V set a librdkafka property (message.timeout.ms, security...)\n"
	"  --timeout S     seconds before a DNS query counts as unanswered (dns.timeout, 5)\n"
	"  --set N=V       set a threshold (see --list-thresholds, docs/thresholds.md)\n"
	"  --memcap MIB    memory for the state tables (default 512): every table\n"
	"                  capacity is scaled down to fit; full tables evict their\n"
	"                  oldest entries and the report counts them\n"
	"  --list-thresholds  print the thresholds, their defaults and sources\n"
	"Colour is used only when standard output is a terminal and NO_COLOR is unset.\n"
	"Captures over 50 MiB show a progress bar on standard error when it is a terminal.\n";

enum { FMT_TEXT, FMT_MD, FMT_JSON, FMT_HTML, FMT_JSONL };

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
			s->done = 1;
			if (rc < 0) {
				s->info->damaged = 1;
				nt_fmt(s->info->error, sizeof(s->info->error), "%s", err.msg);
			}
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
			s->done = 1;
			if (rc < 0) {
				s->info->damaged = 1;
				nt_fmt(s->info->error, sizeof(s->info->error), "%s", err.msg);
			}
			return;
		}
		if (nt_decode_frame(f.data, f.caplen, f.wirelen, f.dlt, &s->pkt) < 0)
			s->info->skipped++;
		s->pkt.frame = f.index;
		s->pkt.ts_sec = f.sec;
		s->pkt.ts_nsec = f.frac;
		s->offset = f.offset;
		s->raw.data = f.data;
		s->raw.caplen = f.caplen;
		s->raw.wirelen = f.wirelen;
		s->raw.dlt = f.dlt;
		s->raw.text = NULL;
		s->raw.line = 0;
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

/* Two engine observers at once (the HTML chart series and the JSONL
 * stream of --output kafka://). */
struct tee {
	void (*a)(void *ctx, const struct nt_event *ev);
	void *a_ctx;
	void (*b)(void *ctx, const struct nt_event *ev);
	void *b_ctx;
};

static void tee_observe(void *ctx, const struct nt_event *ev)
{
	struct tee *t = ctx;
	t->a(t->a_ctx, ev);
	t->b(t->b_ctx, ev);
}

static void list_thresholds(void)
{
	for (int i = 0; i < NT_P_COUNT; i++)
		printf("%-36s %10g %-9s %s\n%47s source: %s\n", nt_engine_params[i].name,
		       nt_engine_params[i].value, nt_engine_params[i].unit, nt_engine_params[i].doc,
		       "", nt_engine_params[i].source);
	for (size_t d = 0; d < n_detectors; d++)
		for (size_t i = 0; i < detectors[d].n_params; i++) {
			const struct nt_param *p = &detectors[d].params[i];
			printf("%-36s %10g %-9s %s\n%47s source: %s\n", p->name, p->value, p->unit,
			       p->doc, "", p->source);
		}
}

int nt_cmd_analyze(int argc, char **argv)
{
	int fmt = FMT_TEXT;
	const char *ofile = NULL;
	double memcap = NT_MEMCAP_DEFAULT_MIB;
	const char *paths[NT_MAX_INPUTS];
	int npaths = 0;
	const char *kafka_url = NULL;
	const char *kopts[64];
	size_t nkopts = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(analyze_usage, stdout);
			return NT_EXIT_OK;
		}
		if (strcmp(a, "--list-thresholds") == 0) {
			list_thresholds();
			return NT_EXIT_OK;
		}
		if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0 || strcmp(a, "-o") == 0 ||
		    strcmp(a, "--output") == 0 || strcmp(a, "--timeout") == 0 ||
		    strcmp(a, "--set") == 0 || strcmp(a, "--kafka-opt") == 0 ||
		    strcmp(a, "--memcap") == 0) {
			if (i + 1 >= argc) {
				nt_cli_error("analyze: option %s needs a value\n%s", a, analyze_usage);
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
				nt_cli_error("analyze: unknown option '%s'\n%s", a, analyze_usage);
				return NT_EXIT_USAGE;
			}
			if (npaths >= NT_MAX_INPUTS) {
				nt_cli_error("analyze: at most %d inputs", NT_MAX_INPUTS);
				return NT_EXIT_USAGE;
			}
			paths[npaths++] = a;
			continue;
		}
		if (strcmp(a, "--format") == 0 || strcmp(a, "-f") == 0) {
			if (strcmp(val, "text") == 0)
				fmt = FMT_TEXT;
			else if (strcmp(val, "md") == 0 || strcmp(val, "markdown") == 0)
				fmt = FMT_MD;
			else if (strcmp(val, "json") == 0)
				fmt = FMT_JSON;
			else if (strcmp(val, "html") == 0)
				fmt = FMT_HTML;
			else if (strcmp(val, "jsonl") == 0)
				fmt = FMT_JSONL;
			else {
				nt_cli_error("analyze: --format is text, md, json, html or jsonl, "
					     "not '%s'", val);
				return NT_EXIT_USAGE;
			}
		} else if ((strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) &&
			   strncmp(val, "kafka://", 8) == 0) {
			if (kafka_url) {
				nt_cli_error("analyze: one --output kafka:// at most");
				return NT_EXIT_USAGE;
			}
			kafka_url = val;
		} else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
			ofile = val;
		} else if (strcmp(a, "--kafka-opt") == 0) {
			if (nkopts >= sizeof(kopts) / sizeof(kopts[0])) {
				nt_cli_error("analyze: at most %zu --kafka-opt",
					     sizeof(kopts) / sizeof(kopts[0]));
				return NT_EXIT_USAGE;
			}
			kopts[nkopts++] = val;
		} else if (strcmp(a, "--memcap") == 0) {
			if (nt_memcap_parse(val, &memcap) < 0) {
				nt_cli_error("analyze: --memcap wants MiB (1 or more), not '%s'", val);
				return NT_EXIT_USAGE;
			}
		} else if (strcmp(a, "--timeout") == 0) {
			if (nt_param_set("dns.timeout", val) < 0) {
				nt_cli_error("analyze: --timeout wants seconds, not '%s'", val);
				return NT_EXIT_USAGE;
			}
		} else {
			const char *eq = strchr(val, '=');
			char name[96];
			if (eq == NULL || (size_t)(eq - val) >= sizeof(name)) {
				nt_cli_error("analyze: --set wants NAME=VALUE, not '%s'", val);
				return NT_EXIT_USAGE;
			}
			memcpy(name, val, (size_t)(eq - val));
			name[eq - val] = '\0';
			if (nt_param_set(name, eq + 1) < 0) {
				nt_cli_error("analyze: unknown threshold or bad value in '%s' (see "
					     "--list-thresholds)", val);
				return NT_EXIT_USAGE;
			}
		}
	}
	char mwhy[256];
	if (nt_memcap_apply(memcap, NULL, mwhy, sizeof(mwhy)) < 0) {
		nt_cli_error("analyze: %s", mwhy);
		return NT_EXIT_USAGE;
	}
	if (npaths == 0) {
		nt_cli_error("analyze: no input given; name a capture, a tcpdump text log, or '-' "
			     "for stdin\n%s", analyze_usage);
		return NT_EXIT_USAGE;
	}
	int nstdin = 0;
	for (int i = 0; i < npaths; i++)
		nstdin += strcmp(paths[i], "-") == 0;
	if (nstdin > 1) {
		nt_cli_error("analyze: standard input ('-') can be named only once");
		return NT_EXIT_USAGE;
	}
	if (nkopts && kafka_url == NULL) {
		nt_cli_error("analyze: --kafka-opt needs --output kafka://BROKERS/TOPIC");
		return NT_EXIT_USAGE;
	}
	struct nt_kafka *kafka = NULL;
	if (kafka_url) {
		char kerr[768];
		kafka = nt_kafka_new(kafka_url, kopts, nkopts, kerr, sizeof(kerr));
		if (kafka == NULL) {
			nt_cli_error("analyze: --output %s: %s", kafka_url, kerr);
			return NT_EXIT_USAGE;
		}
	}

	struct nt_report *rep = nt_report_new();
	struct source *src = calloc((size_t)npaths, sizeof(*src));
	struct nt_engine *eng = calloc(1, sizeof(*eng));
	if (rep == NULL || src == NULL || eng == NULL) {
		nt_cli_error("out of memory");
		free(src);
		free(eng);
		nt_report_free(rep);
		nt_kafka_free(kafka);
		return NT_EXIT_INTERNAL;
	}
	int status = NT_EXIT_OK;
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
	if (status == NT_EXIT_OK && nt_engine_init(eng, rep) < 0) {
		nt_cli_error("out of memory");
		status = NT_EXIT_INTERNAL;
	}
	if (status != NT_EXIT_OK) {
		for (int i = 0; i < opened; i++)
			close_source(&src[i]);
		free(src);
		nt_engine_free(eng);
		free(eng);
		nt_report_free(rep);
		nt_kafka_free(kafka);
		return status;
	}
	struct nt_progress prog;
	nt_progress_init(&prog);
	for (int i = 0; i < npaths; i++)
		if (!src[i].is_text)
			nt_progress_add(&prog, i, paths[i]);
	/* the output is opened before the run: jsonl streams while reading */
	FILE *out = stdout;
	if (ofile) {
		out = fopen(ofile, "w");
		if (out == NULL) {
			nt_cli_error("analyze: cannot write '%s'", ofile);
			status = NT_EXIT_INTERNAL;
		}
	}
	struct nt_out o;
	int have_o = 0;
	if (out) {
		have_o = nt_out_open(&o, out, 1 << 16) == 0;
		if (!have_o) {
			nt_cli_error("out of memory");
			status = NT_EXIT_INTERNAL;
		}
	}
	struct nt_series *series = NULL;
	struct nt_jsonl jl;
	struct tee tee;
	int jsonl_on = 0;
	if (fmt == FMT_HTML && (series = calloc(1, sizeof(*series))) != NULL) {
		rep->series = series;
		eng->observer = nt_series_event;
		eng->observer_ctx = series;
	}
	if ((fmt == FMT_JSONL && have_o) || kafka) {
		if (nt_jsonl_init(&jl, fmt == FMT_JSONL && have_o ? &o : NULL, rep) < 0) {
			nt_cli_error("out of memory");
			status = NT_EXIT_INTERNAL;
		} else {
			jsonl_on = 1;
			if (kafka)
				nt_jsonl_add_sink(&jl, nt_kafka_sink(kafka));
			if (eng->observer) {
				tee.a = eng->observer;
				tee.a_ctx = eng->observer_ctx;
				tee.b = nt_jsonl_observe;
				tee.b_ctx = &jl;
				eng->observer = tee_observe;
				eng->observer_ctx = &tee;
			} else {
				eng->observer = nt_jsonl_observe;
				eng->observer_ctx = &jl;
			}
		}
	}
	uint32_t npkt = 0;
	for (int i = 0; i < npaths; i++)
		advance(&src[i], i);
	for (;;) {
		int best = -1;
		for (int i = 0; i < npaths; i++)
			if (src[i].have && (best < 0 || src[i].t < src[best].t))
				best = i;
		if (best < 0)
			break;
		nt_engine_packet(eng, &src[best].pkt, &src[best].raw);
		if (series)
			nt_series_packet(series, &src[best].pkt);
		if (jsonl_on)
			nt_jsonl_packet(&jl, &src[best].pkt);
		/* delivery reports are served between events too */
		if (kafka && (++npkt & 4095) == 0)
			nt_kafka_poll(kafka);
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
	nt_engine_finish(eng);
	if (jsonl_on)
		nt_jsonl_finish(&jl);
	if (kafka) {
		nt_kafka_finish(kafka);
		const struct nt_export_kafka *ex = nt_kafka_export(kafka);
		rep->kafka = ex;
		fprintf(stderr, "nettriage: kafka: topic %s at %s: %llu produced, %llu delivered, "
			"%llu failed\n", ex->topic, ex->brokers, (unsigned long long)ex->produced,
			(unsigned long long)ex->delivered, (unsigned long long)ex->failed);
		for (uint32_t i = 0; i < ex->n_errors; i++)
			fprintf(stderr, "nettriage: kafka: delivery error: %s\n", ex->errors[i]);
		if (ex->failed) {
			nt_cli_error("analyze: export incomplete: %llu of %llu events not delivered "
				     "to Kafka", (unsigned long long)ex->failed,
				     (unsigned long long)ex->produced);
			if (status == NT_EXIT_OK || status == NT_EXIT_DAMAGED)
				status = NT_EXIT_EXPORT;
		}
	}

	if (out) {
		if (have_o) {
			const char *nc = getenv("NO_COLOR");
			int color = ofile == NULL && isatty(fileno(out)) && (nc == NULL || nc[0] == '\0');
			if (fmt == FMT_JSON)
				nt_report_json(rep, &o);
			else if (fmt == FMT_HTML)
				nt_report_html(rep, &o);
			else if (fmt == FMT_MD)
				nt_report_markdown(rep, &o);
			else if (fmt != FMT_JSONL) /* jsonl: streamed, ended above */
				nt_report_text(rep, &o, color);
			nt_out_close(&o);
			if (o.ioerr) {
				nt_cli_error("analyze: write error");
				status = NT_EXIT_INTERNAL;
			}
		}
		if (ofile && fclose(out) != 0) {
			nt_cli_error("analyze: write error on '%s'", ofile);
			status = NT_EXIT_INTERNAL;
		}
	}
	if (jsonl_on)
		nt_jsonl_free(&jl);
	nt_kafka_free(kafka);
	nt_engine_free(eng);
	free(eng);
	free(src);
	free(series);
	nt_report_free(rep);
	return status;
}
