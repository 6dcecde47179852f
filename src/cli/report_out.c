/* \summary: the report outputs of `analyze` and `watch`: their options,
 * the report file, the Kafka export, the JSONL stream and HTML series
 * observers, the final render (see cli/report_out.h). */
#include "cli/report_out.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/privs.h"
#include "core/escape.h"
#include "report/export/kafka.h"
#include "report/series.h"

int nt_rout_takes_value(const char *opt)
{
	return strcmp(opt, "--format") == 0 || strcmp(opt, "-f") == 0 || strcmp(opt, "-o") == 0 ||
	       strcmp(opt, "--output") == 0 || strcmp(opt, "--kafka-opt") == 0;
}

int nt_rout_option(struct nt_rout_opts *ro, const char *who, const char *opt, const char *val)
{
	if (strcmp(opt, "--format") == 0 || strcmp(opt, "-f") == 0) {
		int fmt = nt_format_find(val);
		if (fmt < 0) {
			char list[96];
			nt_cli_error("%s: --format is %s, not '%s'", who,
				     nt_format_list(list, sizeof(list), 0, ", ", " or "), val);
			return NT_EXIT_USAGE;
		}
		ro->fmt = fmt;
	} else if (strcmp(opt, "--kafka-opt") == 0) {
		if (ro->nkopts >= NT_ROUT_MAX_KAFKA_OPTS) {
			nt_cli_error("%s: at most %zu --kafka-opt", who,
				     (size_t)NT_ROUT_MAX_KAFKA_OPTS);
			return NT_EXIT_USAGE;
		}
		ro->kopts[ro->nkopts++] = val;
	} else if (strncmp(val, "kafka://", 8) == 0) { /* -o, --output */
		if (ro->kafka_url) {
			nt_cli_error("%s: one --output kafka:// at most", who);
			return NT_EXIT_USAGE;
		}
		ro->kafka_url = val;
	} else {
		ro->ofile = val;
	}
	return 0;
}

int nt_rout_check(const struct nt_rout_opts *ro, const char *who)
{
	if (ro->nkopts && ro->kafka_url == NULL) {
		nt_cli_error("%s: --kafka-opt needs --output kafka://BROKERS/TOPIC", who);
		return NT_EXIT_USAGE;
	}
	return 0;
}

void nt_rout_init(struct nt_rout *r, const struct nt_rout_opts *opt, const char *who)
{
	memset(r, 0, sizeof(*r));
	r->opt = opt;
	r->who = who;
}

int nt_rout_kafka(struct nt_rout *r)
{
	if (r->opt->kafka_url == NULL)
		return 0;
	struct nt_error err = {0, ""};
	r->kafka = nt_kafka_new(r->opt->kafka_url, r->opt->kopts, r->opt->nkopts, &err);
	if (r->kafka == NULL) {
		nt_cli_error("%s: --output %s: %s", r->who, r->opt->kafka_url, err.msg);
		return NT_EXIT_USAGE;
	}
	return 0;
}

int nt_rout_open(struct nt_rout *r)
{
	const char *path = r->opt->ofile;
	r->f = stdout;
	if (path) {
		struct nt_error err = {0, ""};
		r->f = nt_privs_open_output(r->who, path, &err);
		if (r->f == NULL) {
			nt_cli_error("%s", err.msg);
			return NT_EXIT_INTERNAL;
		}
	}
	r->have_o = nt_out_open(&r->o, r->f, 1 << 16) == 0;
	if (!r->have_o) {
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	/* every report quotes input bytes: no format lets a control through */
	nt_out_safe(&r->o);
	return 0;
}

/* Serves the Kafka delivery reports between events too. */
static void poll_kafka(void *ctx, const struct nt_engine *e, const struct nt_pkt *pkt,
		       const struct nt_raw *raw)
{
	struct nt_rout *r = ctx;
	if ((++r->npkt & 4095) == 0)
		nt_kafka_poll(r->kafka);
}

static int listen(struct nt_engine *eng, struct nt_listener l)
{
	if (nt_engine_listen(eng, &l) == 0)
		return 0;
	nt_cli_error("internal error: too many engine listeners");
	return NT_EXIT_INTERNAL;
}

int nt_rout_attach(struct nt_rout *r, struct nt_report *rep, struct nt_engine *eng)
{
	int status = 0;
	const struct nt_format *fmt = &nt_formats[r->opt->fmt];
	/* without memory for them the charts are left out, not the report */
	if ((fmt->flags & NT_FMTF_CHARTS) && (r->series = calloc(1, sizeof(*r->series))) != NULL) {
		rep->series = r->series;
		status = listen(eng, nt_series_listener(r->series));
	}
	int to_o = (fmt->flags & NT_FMTF_STREAM) && r->have_o;
	if (to_o || r->kafka) {
		if (nt_jsonl_init(&r->jl, to_o ? &r->o : NULL, rep) < 0) {
			nt_cli_error("out of memory");
			status = NT_EXIT_INTERNAL;
		} else {
			r->jsonl_on = 1;
			if (r->kafka)
				nt_jsonl_add_sink(&r->jl, nt_kafka_sink(r->kafka));
			if (status == 0)
				status = listen(eng, nt_jsonl_listener(&r->jl));
		}
	}
	if (r->kafka && status == 0)
		status = listen(eng, (struct nt_listener){.on_packet = poll_kafka, .ctx = r});
	return status;
}

void nt_rout_flush(struct nt_rout *r)
{
	if (r->jsonl_on && r->have_o && (nt_formats[r->opt->fmt].flags & NT_FMTF_STREAM)) {
		nt_out_flush(&r->o);
		fflush(r->f);
	}
	if (r->kafka)
		nt_kafka_poll(r->kafka);
}

/* Waits for the delivery reports, prints the counts; the new status. */
static int kafka_end(struct nt_rout *r, struct nt_report *rep, int status)
{
	nt_kafka_finish(r->kafka);
	const struct nt_export_kafka *ex = nt_kafka_export(r->kafka);
	rep->kafka = ex;
	fprintf(stderr, "nettriage: kafka: topic %s at %s: %llu produced, %llu delivered, "
		"%llu failed\n", ex->topic, ex->brokers, (unsigned long long)ex->produced,
		(unsigned long long)ex->delivered, (unsigned long long)ex->failed);
	for (uint32_t i = 0; i < ex->n_errors; i++)
		fprintf(stderr, "nettriage: kafka: delivery error: %s\n", ex->errors[i]);
	if (ex->failed) {
		nt_cli_error("%s: export incomplete: %llu of %llu events not delivered to Kafka",
			     r->who, (unsigned long long)ex->failed,
			     (unsigned long long)ex->produced);
		if (status == NT_EXIT_OK || status == NT_EXIT_DAMAGED)
			status = NT_EXIT_EXPORT;
	}
	return status;
}

int nt_rout_end(struct nt_rout *r, struct nt_report *rep, int status)
{
	if (r->jsonl_on)
		nt_jsonl_finish(&r->jl);
	if (r->kafka)
		status = kafka_end(r, rep, status);
	if (r->f == NULL)
		return status;
	if (r->have_o) {
		const char *nc = getenv("NO_COLOR");
		const struct nt_format *fmt = &nt_formats[r->opt->fmt];
		int color = (fmt->flags & NT_FMTF_COLOR) && r->opt->ofile == NULL &&
			    isatty(fileno(r->f)) && (nc == NULL || nc[0] == '\0');
		if (fmt->render) /* a streamed format was ended above */
			fmt->render(rep, &r->o, color);
		nt_out_close(&r->o);
		r->have_o = 0;
	}
	int e = r->o.ioerr;
	errno = 0;
	if (r->f != stdout && fclose(r->f) != 0 && !e)
		e = errno ? errno : EIO;
	if (e) {
		if (r->opt->ofile && strcmp(r->opt->ofile, "-") != 0)
			nt_cli_error("%s: cannot write the report to '%s': %s", r->who,
				     r->opt->ofile, strerror(e));
		else
			nt_cli_error("%s: cannot write the report to standard output: %s", r->who,
				     strerror(e));
		status = NT_EXIT_INTERNAL;
	}
	r->f = NULL;
	return status;
}

void nt_rout_free(struct nt_rout *r)
{
	if (r->have_o)
		nt_out_close(&r->o);
	if (r->f && r->f != stdout)
		fclose(r->f);
	if (r->jsonl_on)
		nt_jsonl_free(&r->jl);
	nt_kafka_free(r->kafka);
	free(r->series);
	memset(r, 0, sizeof(*r));
}

void nt_rout_usage_formats(FILE *f, unsigned need)
{
	char list[96];
	fprintf(f, "  --format F      %s:\n", nt_format_list(list, sizeof(list), need, ", ", " or "));
	for (int i = 0; i < NT_FMT_COUNT; i++) {
		const struct nt_format *fm = &nt_formats[i];
		if ((fm->flags & need) != need)
			continue;
		/* the help text folded at 60 columns under the option */
		const char *h = fm->help;
		fprintf(f, "                  %-6s ", fm->name);
		size_t col = 0;
		while (*h) {
			size_t w = strcspn(h, " ");
			if (col && col + 1 + w > 54) {
				fprintf(f, "\n                         ");
				col = 0;
			} else if (col) {
				fputc(' ', f);
				col++;
			}
			fprintf(f, "%.*s", (int)w, h);
			col += w;
			h += w;
			while (*h == ' ')
				h++;
		}
		fputc('\n', f);
	}
}
