/* \summary: libFuzzer target: tcpdump text logs.  The input is parsed as
 * one unwrapped line (nt_textlog_parse, no NUL after it), explained and
 * rendered (text, Markdown, JSON); then read as a whole log from memory
 * (nt_textlog_open_mem/next) with the default limits and with small ones,
 * each record explained.  Checks that every field span lies inside its
 * record. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "input/textlog.h"
#include "input/explain.h"

static void line_check_rec(const struct nt_tl_rec *rec)
{
	if (rec->ntok > NT_TL_TOK_MAX)
		__builtin_trap();
	for (size_t i = 0; i < rec->ntok; i++) {
		const struct nt_tl_tok *t = &rec->tok[i];
		if (t->off > rec->len || t->len > rec->len - t->off || t->field >= NT_TF_COUNT_)
			__builtin_trap();
	}
}

static void line_render(const struct nt_explain *ex)
{
	struct nt_out o;
	if (nt_out_mem(&o, 1u << 20) < 0)
		return;
	nt_explain_render_text(ex, &o);
	fz_check_text(&o);
	nt_out_reset(&o);
	nt_explain_render_md(ex, &o);
	fz_check_text(&o);
	nt_out_reset(&o);
	nt_explain_render_json(ex, &o);
	fz_check_text(&o);
	nt_out_close(&o);
}

static void line_read_log(const uint8_t *data, size_t size, const struct nt_textlog_opts *opts,
		     struct nt_explain *ex, struct nt_tl_rec *rec)
{
	struct nt_textlog *t;
	struct nt_error err = {0, ""};
	if (nt_textlog_open_mem(&t, data, size, opts, &err) != NT_OK)
		return;
	static struct nt_pkt pkt;
	int rc, n = 0;
	while ((rc = nt_textlog_next(t, &pkt, rec, &err)) == 1) {
		line_check_rec(rec);
		if (rec->text[rec->len] != '\0')
			__builtin_trap(); /* records are NUL-terminated */
		if (n++ < 4) {
			nt_explain_rec(ex, &pkt, rec);
			line_render(ex);
		}
	}
	const struct nt_tl_garbage *g;
	size_t ng = nt_textlog_garbage(t, &g);
	for (size_t i = 0; i < ng; i++)
		if (memchr(g[i].text, '\0', sizeof(g[i].text)) == NULL)
			__builtin_trap();
	nt_textlog_close(t);
}

int nt_fuzz_tcpdump_line(const uint8_t *data, size_t size)
{
	if (size > (1u << 20))
		return 0;
	static struct nt_explain *ex;
	static struct nt_tl_rec *rec;
	if (ex == NULL)
		ex = malloc(sizeof(*ex));
	if (rec == NULL)
		rec = malloc(sizeof(*rec));
	if (ex == NULL || rec == NULL)
		return 0;

	/* exactly size bytes: a read past the end is caught */
	char *s = malloc(size ? size : 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	static struct nt_pkt pkt;
	nt_textlog_parse(s, size, &pkt, rec);
	line_check_rec(rec);
	nt_explain_line(ex, s, size);
	line_render(ex);
	free(s);

	line_read_log(data, size, NULL, ex, rec);
	struct nt_textlog_opts small = {.max_line = 200, .max_record = 300, .max_garbage = 3};
	line_read_log(data, size, &small, ex, rec);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_tcpdump_line(data, size);
}
#endif
