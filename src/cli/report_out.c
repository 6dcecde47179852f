/* \summary: the report outputs of `analyze` and `watch`: their options,
 * the report file, the Kafka export, the JSONL stream and HTML series
 * observers, the final render (see cli/report_out.h). */
#include "cli/report_out.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/privs.h"
#include "report/kafka.h"
#include "report/series.h"

int nt_rout_takes_value(const char *opt)
{
	return strcmp(opt, "--format") == 0 || strcmp(opt, "-f") == 0 || strcmp(opt, "-o") == 0 ||
	       strcmp(opt, "--output") == 0 || strcmp(opt, "--kafka-opt") == 0;
}

int nt_rout_option(struct nt_rout_opts *ro, const char *who, const char *opt, const char *val)
{
	if (strcmp(opt, "--format") == 0 || strcmp(opt, "-f") == 0) {
		int fmt = nt_cli_format(val);
		if (fmt < 0) {
			nt_cli_error("%s: --format is text, md, json, html or jsonl, not '%s'", who,
				     val);
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
	char kerr[768];
	r->kafka = nt_kafka_new(r->opt->kafka_url, r->opt->kopts, r->opt->nkopts, kerr,
				sizeof(kerr));
	if (r->kafka == NULL) {
		nt_cli_error("%s: --output %s: %s", r->who, r->opt->kafka_url, kerr);
		return NT_EXIT_USAGE;
	}
	return 0;
}

int nt_rout_open(struct nt_rout *r, int privileged)
{
	const char *path = r->opt->ofile;
	r->f = stdout;
	if (path && privileged) {
		char why[1024];
		r->f = nt_privs_open_output(r->who, path, why, sizeof(why));
		if (r->f == NULL) {
			nt_cli_error("%s", why);
			return NT_EXIT_INTERNAL;
		}
	} else if (path) {
		r->f = fopen(path, "w");
		if (r->f == NULL) {
			nt_cli_error("%s: cannot write '%s'", r->who, path);
			return NT_EXIT_INTERNAL;
		}
	}
	r->have_o = nt_out_open(&r->o, r->f, 1 << 16) == 0;
	if (!r->have_o) {
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	return 0;
}

/* More than one observer: each in turn. */
static void fan_out(void *ctx, const struct nt_event *ev)
{
	struct nt_rout *r = ctx;
	for (unsigned i = 0; i < r->n_obs; i++)
		r->obs[i].fn(r->obs[i].ctx, ev);
}

static void add_observer(struct nt_rout *r, void (*fn)(void *, const struct nt_event *), void *ctx)
{
	r->obs[r->n_obs].fn = fn;
	r->obs[r->n_obs].ctx = ctx;
	r->n_obs++;
}

int nt_rout_attach(struct nt_rout *r, struct nt_report *rep, struct nt_engine *eng)
{
	int status = 0;
	int fmt = r->opt->fmt;
	if (eng->observer)
		add_observer(r, eng->observer, eng->observer_ctx);
	/* without memory for them the charts are left out, not the report */
	if (fmt == NT_FMT_HTML && (r->series = calloc(1, sizeof(*r->series))) != NULL) {
		rep->series = r->series;
		add_observer(r, nt_series_event, r->series);
	}
	int to_o = fmt == NT_FMT_JSONL && r->have_o;
	if (to_o || r->kafka) {
		if (nt_jsonl_init(&r->jl, to_o ? &r->o : NULL, rep) < 0) {
			nt_cli_error("out of memory");
			status = NT_EXIT_INTERNAL;
		} else {
			r->jsonl_on = 1;
			if (r->kafka)
				nt_jsonl_add_sink(&r->jl, nt_kafka_sink(r->kafka));
			add_observer(r, nt_jsonl_observe, &r->jl);
		}
	}
	if (r->n_obs == 1) {
		eng->observer = r->obs[0].fn;
		eng->observer_ctx = r->obs[0].ctx;
	} else if (r->n_obs > 1) {
		eng->observer = fan_out;
		eng->observer_ctx = r;
	}
	return status;
}

void nt_rout_packet(struct nt_rout *r, const struct nt_pkt *pkt)
{
	if (r->series)
		nt_series_packet(r->series, pkt);
	if (r->jsonl_on)
		nt_jsonl_packet(&r->jl, pkt);
	/* delivery reports are served between events too */
	if (r->kafka && (++r->npkt & 4095) == 0)
		nt_kafka_poll(r->kafka);
}

void nt_rout_flush(struct nt_rout *r)
{
	if (r->jsonl_on && r->have_o && r->opt->fmt == NT_FMT_JSONL) {
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
		int color = r->opt->ofile == NULL && isatty(fileno(r->f)) &&
			    (nc == NULL || nc[0] == '\0');
		switch (r->opt->fmt) {
		case NT_FMT_JSON: nt_report_json(rep, &r->o); break;
		case NT_FMT_HTML: nt_report_html(rep, &r->o); break;
		case NT_FMT_MD: nt_report_markdown(rep, &r->o); break;
		case NT_FMT_JSONL: break; /* streamed, ended above */
		default: nt_report_text(rep, &r->o, color); break;
		}
		nt_out_close(&r->o);
		r->have_o = 0;
		if (r->o.ioerr) {
			nt_cli_error("%s: write error", r->who);
			status = NT_EXIT_INTERNAL;
		}
	}
	if (r->f != stdout && fclose(r->f) != 0) {
		nt_cli_error("%s: write error on '%s'", r->who, r->opt->ofile);
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
