/* \summary: `nettriage explain`: every field of a tcpdump line in plain
 * words, for a line given as arguments, a text log (file or stdin), or
 * each packet of a pcap/pcapng capture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/out.h"
#include "input/pcapfile.h"
#include "input/reader.h"
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

/* A text log from f; returns an exit status. */
static int explain_textlog(struct emitter *em, FILE *f, const char *name, struct nt_explain *ex)
{
	struct nt_textlog *t;
	struct nt_error err = {0, ""};
	if (nt_textlog_open(&t, f, NULL, &err) != NT_OK) {
		nt_cli_error("%s", err.msg);
		return NT_EXIT_INTERNAL;
	}
	struct nt_tl_rec *rec = malloc(sizeof(*rec));
	if (rec == NULL) {
		nt_textlog_close(t);
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	struct nt_pkt pkt;
	int rc, status = NT_EXIT_OK;
	em->multi = 1;
	while ((rc = nt_textlog_next(t, &pkt, rec, &err)) == 1) {
		memset(ex, 0, sizeof(*ex));
		ex->is_packet = 1;
		nt_explain_rec(ex, &pkt, rec);
		ex->packet = pkt.frame;
		emit_packet(em, ex);
	}
	emit_end(em);
	if (rc < 0) {
		nt_cli_error("%s: %s", name, err.msg);
		status = NT_EXIT_DAMAGED;
	}
	uint64_t ng = nt_textlog_garbage_count(t);
	if (ng) {
		const struct nt_tl_garbage *g;
		size_t k = nt_textlog_garbage(t, &g);
		nt_cli_error("%s: %llu line(s) are not tcpdump packet lines and were skipped%s%llu: %s",
			     name, (unsigned long long)ng, k ? " (first: line " : "",
			     k ? (unsigned long long)g[0].line : 0ull, k ? g[0].text : "");
	}
	if (em->count == 0 && rc == 0) {
		nt_cli_error("%s: no tcpdump packet line found", name);
		status = NT_EXIT_INPUT;
	}
	free(rec);
	nt_textlog_close(t);
	return status;
}

static int explain_capture(struct emitter *em, const char *path, int vflag, struct nt_explain *ex)
{
	struct nt_error err = {0, ""};
	struct nt_reader_opts ro = {0, 0, 0, 0};
	struct nt_reader *r = NULL;
	if (nt_reader_open_file(&r, path, &ro, &err) != NT_OK) {
		nt_cli_error("%s", err.msg);
		return NT_EXIT_INPUT;
	}
	struct nt_out line;
	if (nt_out_mem(&line, 1 << 20) < 0) {
		nt_reader_close(r);
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	struct nt_print_opts po;
	memset(&po, 0, sizeof(po));
	po.vflag = vflag;
	struct nt_printer pr;
	nt_printer_init(&pr, &po, &line, nt_reader_dlt(r), 0);
	struct nt_frame f;
	int rc, status = NT_EXIT_OK;
	em->multi = 1;
	while ((rc = nt_reader_next(r, &f, &err)) == 1) {
		nt_out_reset(&line);
		pr.dlt = f.dlt;
		nt_print_packet(&pr, f.sec, f.frac, f.data, f.caplen, f.wirelen);
		const char *s = nt_out_str(&line);
		nt_explain_line(ex, s, strlen(s));
		ex->packet = f.index;
		emit_packet(em, ex);
	}
	emit_end(em);
	if (rc < 0) {
		nt_cli_error("%s", err.msg);
		status = NT_EXIT_DAMAGED;
	}
	nt_out_close(&line);
	nt_reader_close(r);
	return status;
}

static int is_capture_magic(const uint8_t *b, size_t n)
{
	if (n < 4)
		return 0;
	uint32_t be = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
	return be == 0xa1b2c3d4 || be == 0xd4c3b2a1 || be == 0xa1b23c4d || be == 0x4d3cb2a1 ||
	       be == 0x0a0d0d0a || nt_pcapfile_sniff_compressed(b, n) != NT_COMP_NONE;
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
		if (nt_cli_help(a, explain_usage))
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
			if (fmt < 0 || fmt > NT_FMT_JSON) {
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
	struct nt_explain *ex = malloc(sizeof(*ex));
	if (ex == NULL) {
		nt_out_close(&out);
		nt_cli_error("out of memory");
		return NT_EXIT_INTERNAL;
	}
	struct emitter em = {&out, fmt, 0, 0};
	int status = NT_EXIT_OK;
	FILE *f = NULL;
	if (i >= argc || (i + 1 == argc && strcmp(argv[i], "-") == 0)) {
		status = explain_textlog(&em, stdin, "standard input", ex);
	} else if (i + 1 == argc && (f = fopen(argv[i], "rb")) != NULL) {
		uint8_t head[4096];
		size_t got = fread(head, 1, sizeof(head), f);
		if (is_capture_magic(head, got)) {
			fclose(f);
			status = explain_capture(&em, argv[i], vflag, ex);
		} else if (nt_textlog_sniff(head, got)) {
			rewind(f);
			status = explain_textlog(&em, f, argv[i], ex);
			fclose(f);
		} else {
			fclose(f);
			nt_cli_error("explain: '%s' is neither a pcap/pcapng capture nor a tcpdump "
				     "text log", argv[i]);
			status = NT_EXIT_INPUT;
		}
	} else {
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
		nt_cli_error("explain: write error on standard output");
		return NT_EXIT_INTERNAL;
	}
	return status;
}
