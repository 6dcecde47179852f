/* \summary: input sources (input/source.h): the format sniff, the capture
 * reader (input/reader.h) or the text-log reader (input/textlog.h) behind
 * one `next`, the per-input info the report shows, and the time-ordered
 * merge of several inputs. */
#include "input/source.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/fmt.h"
#include "core/time.h"
#include "input/pcapfile.h"

enum { SNIFF_BYTES = 4096 };

struct nt_source {
	int fmt;                  /* NT_SRC_PCAP, NT_SRC_PCAPNG, NT_SRC_TEXT, NT_SRC_LIVE */
	int input;                /* index in a merge */
	int done;
	int nano;
	struct nt_reader *rd;     /* captures */
	struct nt_textlog *tl;    /* text logs */
	FILE *f;                  /* the text log's stream (closed unless stdin) */
	struct nt_pkt pkt;        /* the current text record */
	struct nt_tl_rec rec;
	struct nt_source_info info;
};

int nt_source_sniff(const uint8_t *b, size_t n)
{
	if (n >= 4) {
		int cap = nt_pcapfile_sniff(b, n);
		if (cap == NT_CAPFMT_PCAP)
			return NT_SRC_PCAP;
		if (cap == NT_CAPFMT_PCAPNG)
			return NT_SRC_PCAPNG;
		if (nt_pcapfile_sniff_compressed(b, n) != NT_COMP_NONE)
			return NT_SRC_COMPRESSED;
	}
	return nt_textlog_sniff(b, n) ? NT_SRC_TEXT : NT_SRC_UNKNOWN;
}

static int is_capture(int fmt)
{
	return fmt == NT_SRC_PCAP || fmt == NT_SRC_PCAPNG || fmt == NT_SRC_COMPRESSED;
}

static struct nt_source *src_new(const char *name, const struct nt_source_opts *o,
				 struct nt_error *err)
{
	struct nt_source *s = calloc(1, sizeof(*s));
	if (s == NULL) {
		nt_error_set(err, NT_ENOMEM, "%s: out of memory", name);
		return NULL;
	}
	s->nano = o && o->nano;
	nt_fmt(s->info.path, sizeof(s->info.path), "%s", name);
	return s;
}

/* The capture in f (taken over) through the capture reader. */
static int open_capture(struct nt_source *s, FILE *f, struct nt_error *err)
{
	struct nt_reader_opts ro = {.nano = s->nano};
	int rc = nt_reader_open_stream(&s->rd, f, s->info.path, &ro, err);
	if (rc != NT_OK)
		return rc;
	/* inside a .gz/.zst only the reader sees the format */
	s->fmt = nt_reader_format(s->rd) == NT_CAPFMT_PCAPNG ? NT_SRC_PCAPNG : NT_SRC_PCAP;
	snprintf(s->info.format, sizeof(s->info.format), "%s",
		 s->fmt == NT_SRC_PCAPNG ? "pcapng" : "pcap");
	return NT_OK;
}

/* The text log in f (taken over). */
static int open_text(struct nt_source *s, FILE *f, const struct nt_source_opts *o,
		     struct nt_error *err)
{
	s->f = f;
	s->fmt = NT_SRC_TEXT;
	s->info.is_text = 1;
	snprintf(s->info.format, sizeof(s->info.format), "tcpdump-text");
	return nt_textlog_open(&s->tl, f, o ? o->textlog : NULL, err);
}

/* Peeks at the first bytes of stdin and pushes them back (fread honours
 * ungetc); a pipe cannot be rewound. */
static size_t peek_stdin(uint8_t *head, size_t want)
{
	int c[4];
	size_t n;
	if (want > 4)
		want = 4;
	for (n = 0; n < want; n++) {
		c[n] = getc(stdin);
		if (c[n] == EOF)
			break;
		head[n] = (uint8_t)c[n];
	}
	for (size_t i = n; i > 0; i--)
		ungetc(c[i - 1], stdin);
	return n;
}

/* f is stdin or a file at its start; fmt what its first n bytes say. */
static int open_sniffed(struct nt_source *s, FILE *f, int is_stdin, int fmt, size_t n,
			const struct nt_source_opts *o, struct nt_error *err)
{
	if (is_capture(fmt))
		return open_capture(s, f, err);
	/* stdin is a text log; a file must look like one */
	if (is_stdin || fmt == NT_SRC_TEXT || (n == 0 && o->empty_text))
		return open_text(s, f, o, err);
	if (f != stdin)
		fclose(f);
	return nt_error_set(err, NT_EFORMAT,
			    "'%s' is neither a pcap/pcapng capture nor a tcpdump text log",
			    s->info.path);
}

static int open_common(struct nt_source **sp, FILE *f, const char *name, int is_stdin,
		       const struct nt_source_opts *o, struct nt_error *err)
{
	*sp = NULL;
	struct nt_source *s = src_new(name, o, err);
	if (s == NULL) {
		if (f != stdin)
			fclose(f);
		return NT_ENOMEM;
	}
	int rc;
	if (o == NULL || !o->text) {
		/* captures only: the capture reader checks the magic itself */
		rc = open_capture(s, f, err);
	} else if (is_stdin) {
		uint8_t head[4];
		size_t n = peek_stdin(head, sizeof(head));
		rc = open_sniffed(s, f, 1, nt_source_sniff(head, n), n, o, err);
	} else {
		uint8_t head[SNIFF_BYTES];
		size_t n = fread(head, 1, sizeof(head), f);
		rewind(f);
		rc = open_sniffed(s, f, 0, nt_source_sniff(head, n), n, o, err);
	}
	if (rc != NT_OK) {
		nt_source_close(s);
		return rc;
	}
	*sp = s;
	return NT_OK;
}

int nt_source_open(struct nt_source **sp, const char *path, const struct nt_source_opts *o,
		   struct nt_error *err)
{
	*sp = NULL;
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (f == NULL)
		return nt_error_set(err, NT_EIO, "%s: cannot open: %s", path, strerror(errno));
	return open_common(sp, f, is_stdin ? "(stdin)" : path, is_stdin, o, err);
}

int nt_source_open_stream(struct nt_source **sp, FILE *f, const char *name,
			  const struct nt_source_opts *o, struct nt_error *err)
{
	return open_common(sp, f, name, f == stdin, o, err);
}

int nt_source_open_live(struct nt_source **sp, const char *ifname,
			const struct nt_source_opts *o, struct nt_error *err)
{
	*sp = NULL;
	struct nt_source *s = src_new(ifname, o, err);
	if (s == NULL)
		return NT_ENOMEM;
	struct nt_reader_opts ro = {
		.nano = s->nano,
		.snaplen = o ? o->snaplen : 0,
		.promisc = o ? o->promisc : 1,
		.timeout_ms = o ? o->timeout_ms : 0,
	};
	int rc = nt_reader_open_live(&s->rd, ifname, &ro, err);
	if (rc != NT_OK) {
		free(s);
		return rc;
	}
	s->fmt = NT_SRC_LIVE;
	snprintf(s->info.format, sizeof(s->info.format), "live");
	*sp = s;
	return NT_OK;
}

/* The reader returned rc <= 0: the source has ended; rc < 0 (err) marks
 * it damaged, and the message names the input. */
static int src_end(struct nt_source *s, int rc, struct nt_error *err)
{
	s->done = 1;
	if (rc < 0) {
		s->info.damaged = 1;
		nt_fmt(s->info.error, sizeof(s->info.error), "%s", err->msg);
	}
	return rc;
}

static int next_text(struct nt_source *s, struct nt_src_rec *r, struct nt_error *err)
{
	int rc = nt_textlog_next(s->tl, &s->pkt, &s->rec, err);
	if (rc < 0) {
		/* the text reader does not know the input's name */
		char why[sizeof(err->msg)];
		nt_fmt(why, sizeof(why), "%s", err->msg);
		nt_error_set(err, rc, "%s: %s", s->info.path, why);
	}
	if (rc <= 0)
		return src_end(s, rc, err);
	*r = (struct nt_src_rec){
		.kind = NT_REC_TEXT,
		.input = s->input,
		.number = s->pkt.frame,
		.t = nt_time_ns(s->pkt.ts_sec, s->pkt.ts_nsec),
		.pkt = &s->pkt,
		.tl = &s->rec,
	};
	return 1;
}

int nt_source_next(struct nt_source *s, struct nt_src_rec *r, struct nt_error *err)
{
	struct nt_error local;
	if (err == NULL)
		err = &local;
	if (s->done)
		return 0;
	int rc;
	if (s->fmt == NT_SRC_TEXT) {
		rc = next_text(s, r, err);
	} else {
		rc = nt_reader_next(s->rd, &r->frame, err);
		if (rc == 0 && s->fmt == NT_SRC_LIVE)
			return 0; /* interrupted: the capture goes on */
		if (rc <= 0)
			return src_end(s, rc, err);
		const struct nt_frame *f = &r->frame;
		r->kind = NT_REC_FRAME;
		r->input = s->input;
		r->number = f->index;
		r->t = nt_time_ns(f->sec, s->nano ? f->frac : f->frac * 1000u);
		r->nano = s->nano;
		r->pkt = NULL;
		r->tl = NULL;
	}
	if (rc > 0)
		s->info.packets++;
	return rc;
}

int nt_source_set_filter(struct nt_source *s, const char *expr, struct nt_error *err)
{
	if (s->rd == NULL)
		return nt_error_set(err, NT_ENOTSUP, "%s: a filter applies to captures, not to a "
				    "text log", s->info.path);
	return nt_reader_set_filter(s->rd, expr, err);
}

int nt_source_save_to_file(struct nt_source *s, FILE *f, const char *name, struct nt_error *err)
{
	if (s->rd == NULL) {
		fclose(f);
		return nt_error_set(err, NT_ENOTSUP, "%s: only a capture can be saved", s->info.path);
	}
	return nt_reader_save_to_file(s->rd, f, name, err);
}

void nt_source_banner(const struct nt_source *s, char *dst, size_t n)
{
	if (s->rd)
		nt_reader_live_banner(s->rd, dst, n);
	else
		snprintf(dst, n, "reading from %s", s->info.path);
}

void nt_source_break(struct nt_source *s)
{
	if (s->rd)
		nt_reader_break(s->rd);
}

int nt_source_format(const struct nt_source *s)
{
	return s->fmt;
}

int nt_source_dlt(const struct nt_source *s)
{
	return s->rd ? nt_reader_dlt(s->rd) : 0;
}

int nt_source_file_nano(const struct nt_source *s)
{
	return s->rd ? nt_reader_file_nano(s->rd) : 0;
}

const struct nt_source_info *nt_source_info(struct nt_source *s)
{
	struct nt_source_info *in = &s->info;
	if (s->tl) {
		in->lines = nt_textlog_lines(s->tl);
		in->garbage = nt_textlog_garbage_count(s->tl);
		const struct nt_tl_garbage *g;
		size_t ng = nt_textlog_garbage(s->tl, &g);
		in->n_garbage_list = ng < NT_SRC_MAX_GARBAGE ? ng : NT_SRC_MAX_GARBAGE;
		memcpy(in->garbage_list, g, in->n_garbage_list * sizeof(*g));
		int k = nt_textlog_ts_kind(s->tl);
		in->no_date = k != NT_TL_TS_DATE && k != NT_TL_TS_EPOCH;
	}
	return in;
}

void nt_source_close(struct nt_source *s)
{
	if (s == NULL)
		return;
	nt_textlog_close(s->tl);
	if (s->f && s->f != stdin)
		fclose(s->f);
	nt_reader_close(s->rd);
	free(s);
}

/* ------------------------------------------------------------------ */
/* Merge */

struct head {
	struct nt_source *s;
	struct nt_src_rec r;      /* its next record, when have */
	int have;
};

struct nt_merge {
	int n;
	int primed;               /* every input's first record was read */
	int last;                 /* the input of the record returned last */
	struct nt_error err;      /* scratch: each input keeps its own error */
	struct head h[NT_SRC_MAX_MERGE];
};

int nt_merge_new(struct nt_merge **mp, struct nt_error *err)
{
	*mp = calloc(1, sizeof(**mp));
	if (*mp == NULL)
		return nt_error_set(err, NT_ENOMEM, "out of memory");
	(*mp)->last = -1;
	return NT_OK;
}

int nt_merge_add(struct nt_merge *m, struct nt_source *s, struct nt_error *err)
{
	if (m->n >= NT_SRC_MAX_MERGE || m->primed) {
		nt_error_set(err, NT_ENOMEM, "%s: at most %d inputs, added before reading",
			     s->info.path, NT_SRC_MAX_MERGE);
		nt_source_close(s);
		return NT_ENOMEM;
	}
	s->input = m->n;
	m->h[m->n].s = s;
	return m->n++;
}

/* Reads the next record of input i (a failure is kept in its info). */
static inline void pull(struct nt_merge *m, int i)
{
	m->h[i].have = nt_source_next(m->h[i].s, &m->h[i].r, &m->err) > 0;
}

const struct nt_src_rec *nt_merge_next(struct nt_merge *m)
{
	if (m->n == 1) { /* nothing to order */
		m->primed = 1;
		pull(m, 0);
		return m->h[0].have ? &m->h[0].r : NULL;
	}
	if (!m->primed) {
		for (int i = 0; i < m->n; i++)
			pull(m, i);
		m->primed = 1;
	} else if (m->last >= 0) {
		pull(m, m->last);
	}
	int best = -1;
	for (int i = 0; i < m->n; i++)
		if (m->h[i].have && (best < 0 || m->h[i].r.t < m->h[best].r.t))
			best = i;
	m->last = best;
	return best < 0 ? NULL : &m->h[best].r;
}

int nt_merge_count(const struct nt_merge *m)
{
	return m->n;
}

struct nt_source *nt_merge_source(struct nt_merge *m, int i)
{
	return i >= 0 && i < m->n ? m->h[i].s : NULL;
}

void nt_merge_free(struct nt_merge *m)
{
	if (m == NULL)
		return;
	for (int i = 0; i < m->n; i++)
		nt_source_close(m->h[i].s);
	free(m);
}
