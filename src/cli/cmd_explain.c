/* \summary: `nettriage explain`: every field of a tcpdump line in plain
 * words, for a line given as arguments, a text log (file or stdin), or
 * each packet of a pcap/pcapng capture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/escape.h"
#include "core/out.h"
#include "input/source.h"
#include "input/textlog.h"
#include "print/print.h"
#include "input/explain.h"

static const char explain_usage[] =
	"usage: nettriage explain [--format text|md|json] [-v] LINE...\n"
	"       nettriage explain [--format text|md|json] [-v] FILE\n"
	"       nettriage explain [--format text|md|json] < LOG\n"
	"\n"
	"Explains every field of a tcpdump line in plain words, one field per line.\n"
	"LINE is a tcpdump line (quote it, or give its words as arguments).  FILE is\n"
	"a tcpdump text log (lines wrapped by hand are joined again) or a pcap/pcapng\n"
	"capture, whose packets are printed as tcpdump would and then explained.\n"
	"Without arguments, or with '-', a text log is read from standard input.\n"
	"  --format F  text (default), md (a Markdown table per packet) or json\n"
	"              (for one line: an array of {field, text, meaning}; for a file:\n"
	"              an array of {packet, lines, line, fields})\n"
	"  -v          captures: print at tcpdump -v (IP header, quoted datagrams)\n"
	"Fields nettriage cannot interpret are named as unknown, never guessed.\n";

static void explain_help(FILE *f)
{
	fputs(explain_usage, f);
}

struct emitter {
	struct nt_out *out;
	int fmt;
	int multi;      /* a file: several packets */
	uint64_t count; /* packets emitted */
};

static void emit_packet(struct emitter *em, const struct nt_explain *ex)
{
	struct nt_out *o = em->out;
	em->count++;
	switch (em->fmt) {
	case NT_FMT_TEXT:
		if (em->multi) {
			if (em->count > 1)
				nt_out_putc(o, '\n');
			nt_out_printf(o, "packet %llu", (unsigned long long)ex->packet);
			if (ex->line_first)
				nt_out_printf(o, " (line %llu%s", (unsigned long long)ex->line_first,
					      ex->line_last > ex->line_first ? "-" : ")");
			if (ex->line_first && ex->line_last > ex->line_first)
				nt_out_printf(o, "%llu)", (unsigned long long)ex->line_last);
			nt_out_printf(o, ": %s\n", ex->line);
		}
		nt_explain_render_text(ex, o);
		break;
	case NT_FMT_MD:
		if (em->multi) {
			if (em->count > 1)
				nt_out_putc(o, '\n');
			nt_out_printf(o, "### Packet %llu\n\n`", (unsigned long long)ex->packet);
			for (const char *p = ex->line; *p; p++)
				nt_out_putc(o, *p == '`' ? '\'' : *p);
			nt_out_puts(o, "`\n\n");
		}
		nt_explain_render_md(ex, o);
		break;
	case NT_FMT_JSON:
		if (!em->multi) {
			nt_explain_render_json(ex, o);
			nt_out_putc(o, '\n');
			break;
		}
		nt_out_puts(o, em->count > 1 ? ",\n" : "[\n");
		nt_out_printf(o, "{\"packet\": %llu, \"lines\": [%llu, %llu], \"line\": \"",
			      (unsigned long long)ex->packet, (unsigned long long)ex->line_first,
			      (unsigned long long)ex->line_last);
		nt_out_json_str(o, ex->line);
		nt_out_puts(o, "\", \"fields\": ");
		nt_explain_render_json(ex, o);
		nt_out_putc(o, '}');
		break;
	}
}

static void emit_end(struct emitter *em)
{
	if (em->fmt == NT_FMT_JSON && em->multi)
		nt_out_puts(em->out, em->count ? "\n]\n" : "[]\n");
}

/* A text log: each record explained; returns an exit status.  name is
 * what messages call the input. */
static int explain_textlog(struct emitter *em, struct nt_source *src, const char *name,
			   struct nt_explain *ex)
{
	struct nt_error err = {0, ""};
	struct nt_src_rec r;
	int rc, status = NT_EXIT_OK;
	em->multi = 1;
	while ((rc = nt_source_next(src, &r, &err)) == 1) {
		memset(ex, 0, sizeof(*ex));
		ex->is_packet = 1;
		nt_explain_rec(ex, r.pkt, r.tl);
		ex->packet = r.pkt->frame;
		emit_packet(em, ex);
	}
	emit_end(em);
	if (rc < 0) {
		nt_cli_error("%s", err.msg);
		status = NT_EXIT_DAMAGED;
	}
	const struct nt_source_info *in = nt_source_info(src);
	if (in->garbage) {
		const struct nt_tl_garbage *g = in->garbage_list;
		size_t k = in->n_garbage_list;
		nt_cli_error("%s: %llu line(s) are not tcpdump packet lines and were skipped%s%llu: %s",
			     name, (unsigned long long)in->garbage, k ? " (first: line " : "",
			     k ? (unsigned long long)g[0].line : 0ull, k ? g[0].text : "");
	}
	if (em->count == 0 && rc == 0) {
		nt_cli_error("%s: no tcpdump packet line found", name);
		status = NT_EXIT_INPUT;
	}
	return status;
}

/* A capture: each packet printed as tcpdump would, then explained. */
static int explain_capture(struct emitter *em, struct nt_source *src, int vflag,
			   struct nt_explain *ex)
{
	struct nt_error err = {0, ""};
	struct nt_out line;
	if (nt_out_mem(&line, 1 << 20) < 0) {
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	struct nt_print_opts po;
	memset(&po, 0, sizeof(po));
	po.vflag = vflag;
	struct nt_printer pr;
	nt_printer_init(&pr, &po, &line, nt_source_dlt(src), 0);
	struct nt_src_rec r;
	int rc, status = NT_EXIT_OK;
	em->multi = 1;
	while ((rc = nt_source_next(src, &r, &err)) == 1) {
		const struct nt_frame *f = &r.frame;
		nt_out_reset(&line);
		pr.dlt = f->dlt;
		nt_print_packet(&pr, f->sec, f->frac, f->data, f->caplen, f->wirelen);
		const char *s = nt_out_str(&line);
		nt_explain_line(ex, s, strlen(s));
		ex->packet = r.number;
		emit_packet(em, ex);
	}
	emit_end(em);
	if (rc < 0) {
		nt_cli_error("%s", err.msg);
		status = NT_EXIT_DAMAGED;
	}
	nt_out_close(&line);
	return status;
}

/* A file or standard input ("-"): a capture or a text log, told by its
 * content; returns an exit status, or -1 when path cannot be opened (it
 * is then explained as a line). */
static int explain_input(struct emitter *em, const char *path, int vflag, struct nt_explain *ex)
{
	int is_stdin = strcmp(path, "-") == 0;
	struct nt_error err = {0, ""};
	struct nt_source_opts so = {.text = 1};
	struct nt_source *src;
	int rc = nt_source_open(&src, path, &so, &err);
	if (rc == NT_EIO && !is_stdin)
		return -1;
	if (rc != NT_OK) {
		nt_cli_error("explain: %s", err.msg);
		return NT_EXIT_INPUT;
	}
	int status = nt_source_format(src) == NT_SRC_TEXT
			     ? explain_textlog(em, src, is_stdin ? "standard input" : path, ex)
			     : explain_capture(em, src, vflag, ex);
	nt_source_close(src);
	return status;
}

int nt_cmd_explain(int argc, char **argv)
{
	int fmt = NT_FMT_TEXT, vflag = 0;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (nt_cli_info(a, explain_help, NT_FMTF_EXPLAIN))
			return NT_EXIT_OK;
		if (strcmp(a, "-v") == 0) {
			vflag++;
			continue;
		}
		if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
			const char *val = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
			if (val == NULL) {
				nt_cli_error("explain: --format needs text, md or json\n%s", explain_usage);
				return NT_EXIT_USAGE;
			}
			fmt = nt_cli_format(val);
			if (fmt < 0 || !(nt_formats[fmt].flags & NT_FMTF_EXPLAIN)) {
				nt_cli_error("explain: unknown format '%s'; use text, md or json", val);
				return NT_EXIT_USAGE;
			}
			continue;
		}
		if (a[0] == '-' && a[1] == '-') {
			nt_cli_error("explain: unknown option '%s'\n%s", a, explain_usage);
			return NT_EXIT_USAGE;
		}
		break;
	}
	struct nt_out out;
	if (nt_out_open(&out, stdout, 1 << 16) < 0) {
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	nt_out_safe(&out); /* the line explained is the user's bytes */
	struct nt_explain *ex = malloc(sizeof(*ex));
	if (ex == NULL) {
		nt_out_close(&out);
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	struct emitter em = {&out, fmt, 0, 0};
	int status = NT_EXIT_OK;
	int done = 0;
	if (i >= argc || (i + 1 == argc && strcmp(argv[i], "-") == 0)) {
		status = explain_input(&em, "-", vflag, ex);
		done = 1;
	} else if (i + 1 == argc) {
		status = explain_input(&em, argv[i], vflag, ex);
		done = status >= 0;
		if (!done)
			status = NT_EXIT_OK;
	}
	if (!done) {
		/* The arguments are the line. */
		size_t len = 0;
		for (int k = i; k < argc; k++)
			len += strlen(argv[k]) + 1;
		char *line = malloc(len + 1);
		if (line == NULL) {
			status = NT_EXIT_INTERNAL;
			nt_cli_error("out of memory");
		} else {
			line[0] = '\0';
			size_t l = 0;
			for (int k = i; k < argc; k++) {
				size_t al = strlen(argv[k]);
				if (k > i)
					line[l++] = ' ';
				memcpy(line + l, argv[k], al);
				l += al;
			}
			line[l] = '\0';
			/* Pasted text may hold several (wrapped) lines: read it as a log
			 * when it parses as one, else explain it as it is. */
			struct nt_textlog *t;
			struct nt_error err = {0, ""};
			struct nt_tl_rec *rec = malloc(sizeof(*rec));
			struct nt_pkt pkt;
			int n = 0;
			for (int pass = 0; rec && pass < 2; pass++) {
				if (nt_textlog_open_mem(&t, line, l, NULL, &err) != NT_OK)
					break;
				if (pass == 1)
					em.multi = n > 1;
				while (nt_textlog_next(t, &pkt, rec, &err) == 1) {
					if (pass == 0) {
						n++;
						continue;
					}
					memset(ex, 0, sizeof(*ex));
					nt_explain_rec(ex, &pkt, rec);
					ex->is_packet = 1;
					ex->packet = pkt.frame;
					if (!em.multi)
						ex->line_first = ex->line_last = 0;
					emit_packet(&em, ex);
				}
				nt_textlog_close(t);
				if (n == 0)
					break;
			}
			if (n == 0) {
				nt_explain_line(ex, line, l);
				emit_packet(&em, ex);
			}
			if (em.multi)
				emit_end(&em);
			free(rec);
			free(line);
		}
	}
	free(ex);
	nt_out_close(&out);
	if (out.ioerr) {
		nt_cli_error("explain: cannot write to standard output: %s", strerror(out.ioerr));
		return NT_EXIT_INTERNAL;
	}
	return status;
}
