/* \summary: tcpdump text-log reader: line assembly (hand wraps, -v
 * continuation lines, blank lines, CRLF, garbage), time stamps across
 * records (deltas, midnight), and the format sniff.  Each record is parsed
 * by nt_textlog_parse (tl_parse.c and the files textlog_int.h lists). */
#include "input/textlog_int.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Reader */

struct nt_textlog {
	FILE *f;
	const uint8_t *mem;
	size_t mem_len, mem_pos;
	uint8_t *rbuf;
	size_t rpos, rlen;
	int eof;
	struct nt_textlog_opts o;
	/* current physical line */
	char *line;
	size_t line_len;
	int line_long;
	int have_line;
	uint64_t lineno;
	/* record being assembled */
	char *rtext;
	size_t rlen_text;
	int ropen, rcut;
	unsigned rjoins;   /* hand-wrapped lines joined (bounded: each costs a parse) */
	size_t rbody_off;  /* where the body starts (to see an empty body) */
	uint64_t rfirst, rlast;
	/* counters */
	uint64_t frame, ngarbage;
	struct nt_tl_garbage *garb;
	size_t ngarb;
	int ts_first;
	int64_t acc_sec;
	int64_t acc_nsec;
	/* time-of-day stamps: days passed (a stamp more than 12 h before the
	 * previous one is taken to be on the next day) */
	int64_t day, prev_sod;
	int have_sod;
	struct nt_tl_rec scratch;
};

enum { RBUF = 65536 };

static int fill(struct nt_textlog *t)
{
	if (t->eof)
		return 0;
	if (t->mem) {
		t->eof = 1;
		return 0;
	}
	size_t n = fread(t->rbuf, 1, RBUF, t->f);
	if (n == 0) {
		t->eof = 1;
		return ferror(t->f) ? -1 : 0;
	}
	t->rpos = 0;
	t->rlen = n;
	return 1;
}

/* One physical line into t->line; 1, 0 at the end, -1 on error. */
static int read_line(struct nt_textlog *t)
{
	t->line_len = 0;
	t->line_long = 0;
	int any = 0;
	for (;;) {
		const uint8_t *buf;
		size_t pos, len;
		if (t->mem) {
			buf = t->mem;
			pos = t->mem_pos;
			len = t->mem_len;
		} else {
			buf = t->rbuf;
			pos = t->rpos;
			len = t->rlen;
		}
		if (pos >= len) {
			int rc = t->mem ? 0 : fill(t);
			if (rc < 0)
				return -1;
			if (rc == 0) {
				if (!any)
					return 0;
				break;
			}
			continue;
		}
		any = 1;
		const uint8_t *nl = memchr(buf + pos, '\n', len - pos);
		size_t take = nl ? (size_t)(nl - (buf + pos)) : len - pos;
		size_t room = t->o.max_line - t->line_len;
		if (take > room) {
			t->line_long = 1;
			memcpy(t->line + t->line_len, buf + pos, room);
			t->line_len += room;
		} else {
			memcpy(t->line + t->line_len, buf + pos, take);
			t->line_len += take;
		}
		pos += take + (nl ? 1 : 0);
		if (t->mem)
			t->mem_pos = pos;
		else
			t->rpos = pos;
		if (nl)
			break;
	}
	t->lineno++;
	/* CR and trailing blanks */
	while (t->line_len && (t->line[t->line_len - 1] == '\r' || t->line[t->line_len - 1] == ' ' ||
			       t->line[t->line_len - 1] == '\t'))
		t->line_len--;
	t->line[t->line_len] = '\0';
	return 1;
}

static void add_garbage(struct nt_textlog *t)
{
	t->ngarbage++;
	if (t->ngarb >= t->o.max_garbage)
		return;
	struct nt_tl_garbage *g = &t->garb[t->ngarb++];
	g->line = t->lineno;
	size_t n = t->line_len < sizeof(g->text) - 1 ? t->line_len : sizeof(g->text) - 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)t->line[i];
		g->text[i] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '.';
	}
	g->text[n] = '\0';
}

static int line_is_binary(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if ((ch < 0x20 && ch != '\t') || ch >= 0x7f)
			return 1;
	}
	return 0;
}

/* tcpdump's own chatter, which is not a packet. */
static int line_is_chatter(const char *s, size_t n)
{
	static const char *const pre[] = {
		"tcpdump: ", "listening on ", "reading from file ", "dropped privs",
	};
	static const char *const post[] = {
		" packets captured", " packets received by filter", " packets dropped by kernel",
		" packet captured", " packet received by filter", " packet dropped by kernel",
		" packets dropped by interface",
	};
	for (size_t i = 0; i < sizeof(pre) / sizeof(pre[0]); i++)
		if (n >= strlen(pre[i]) && memcmp(s, pre[i], strlen(pre[i])) == 0)
			return 1;
	const char *p = s;
	uint64_t v;
	if (tx_num(&p, s + n, UINT64_MAX / 10, 19, &v))
		for (size_t i = 0; i < sizeof(post) / sizeof(post[0]); i++)
			if ((size_t)(s + n - p) == strlen(post[i]) && memcmp(p, post[i], strlen(post[i])) == 0)
				return 1;
	return 0;
}

static void rec_append(struct nt_textlog *t, const char *sep, const char *s, size_t n)
{
	size_t cap = t->o.max_record;
	size_t sl = strlen(sep);
	if (t->rlen_text + sl + n > cap) {
		t->rcut = 1;
		size_t room = cap - t->rlen_text;
		if (room <= sl)
			return;
		memcpy(t->rtext + t->rlen_text, sep, sl);
		memcpy(t->rtext + t->rlen_text + sl, s, room - sl);
		t->rlen_text = cap;
	} else {
		memcpy(t->rtext + t->rlen_text, sep, sl);
		memcpy(t->rtext + t->rlen_text + sl, s, n);
		t->rlen_text += sl + n;
	}
	t->rtext[t->rlen_text] = '\0';
	t->rlast = t->lineno;
}

/* Is the record so far a complete line (so that an unindented line after
 * it is not a hand-wrapped piece of it)? */
static int rec_complete(struct nt_textlog *t)
{
	struct nt_pkt pk;
	struct nt_tl_rec *r = &t->scratch;
	nt_textlog_parse(t->rtext, t->rlen_text, &pk, r);
	if (r->ntok == 0)
		return 0;
	for (size_t i = 0; i < r->ntok; i++)
		if (r->tok[i].field == NT_TF_UNKNOWN || r->tok[i].field == NT_TF_REST)
			return 0;
	switch (r->tok[r->ntok - 1].field) {
	case NT_TF_DNS_LEN: case NT_TF_ICMP_LEN: case NT_TF_UDP_LEN: case NT_TF_QUIET:
	case NT_TF_TRUNC: case NT_TF_INVALID: case NT_TF_HEXDUMP: case NT_TF_EXT:
	case NT_TF_ICMP_CKSUM: case NT_TF_HTTP: case NT_TF_DNS_INVALID:
		return 1;
	case NT_TF_TCP_LEN:
		return !(pk.l4_payload_len > 0 && pk.flow.has_ports &&
			 (pk.flow.sport == 53 || pk.flow.dport == 53));
	default:
		return 0;
	}
}

static void finish(struct nt_textlog *t, struct nt_pkt *pkt, struct nt_tl_rec *rec)
{
	struct nt_tl_rec *r = rec ? rec : &t->scratch;
	nt_textlog_parse(t->rtext, t->rlen_text, pkt, r);
	r->line_first = t->rfirst;
	r->line_last = t->rlast;
	r->cut = t->rcut;
	t->frame++;
	pkt->frame = t->frame;
	if (t->frame == 1)
		t->ts_first = r->ts_kind;
	if (r->ts_kind == NT_TL_TS_DELTA) {
		int64_t dn = pkt->ts_sec * 1000000000 + (pkt->ts_sec < 0 ? -(int64_t)pkt->ts_nsec
								      : (int64_t)pkt->ts_nsec);
		int64_t tot;
		if (t->o.delta_from_first) {
			tot = dn;
		} else {
			/* saturate: ~107000 one-day deltas would overflow */
			if (dn > 0 && t->acc_nsec > INT64_MAX - dn)
				t->acc_nsec = INT64_MAX;
			else if (dn < 0 && t->acc_nsec < INT64_MIN - dn)
				t->acc_nsec = INT64_MIN;
			else
				t->acc_nsec += dn;
			tot = t->acc_nsec;
		}
		int64_t sec = tot / 1000000000, ns = tot % 1000000000;
		if (ns < 0) {
			ns += 1000000000;
			sec--;
		}
		pkt->ts_sec = sec;
		pkt->ts_nsec = (uint32_t)ns;
	} else if (r->ts_kind == NT_TL_TS_TIME) {
		/* a log running past midnight: 23:59:59.9 then 00:00:00.1 is the
		 * next day; a step back of less than 12 h is reordering */
		if (t->have_sod && pkt->ts_sec < t->prev_sod - 43200 && t->day < 36500)
			t->day++;
		t->prev_sod = pkt->ts_sec;
		t->have_sod = 1;
		pkt->ts_sec += t->day * 86400;
	}
	t->ropen = 0;
	t->rlen_text = 0;
	t->rcut = 0;
}

int nt_textlog_next(struct nt_textlog *t, struct nt_pkt *pkt, struct nt_tl_rec *rec,
		    struct nt_error *err)
{
	for (;;) {
		if (!t->have_line) {
			int rc = read_line(t);
			if (rc < 0)
				return nt_error_set(err, NT_EIO, "text log: read error after line %llu",
						    (unsigned long long)t->lineno);
			if (rc == 0) {
				if (t->ropen) {
					finish(t, pkt, rec);
					return 1;
				}
				return 0;
			}
			t->have_line = 1;
		}
		const char *s = t->line;
		size_t n = t->line_len;
		size_t lead = 0;
		while (lead < n && (s[lead] == ' ' || s[lead] == '\t'))
			lead++;
		int blank = lead == n && !t->line_long;
		if (blank || t->line_long || line_is_binary(s, n) || line_is_chatter(s, n)) {
			/* a blank line, or garbage: either ends a record */
			if (!blank)
				add_garbage(t);
			t->have_line = 0;
			if (t->ropen) {
				finish(t, pkt, rec);
				return 1;
			}
			continue;
		}
		struct nt_tl_prefix px;
		int start = nt_tl_parse_prefix(s, s + n, &px);
		if (start && t->ropen) {
			int empty_body = t->rbody_off >= t->rlen_text;
			if (empty_body && !px.has_number && !px.ts_kind) {
				start = 0; /* "IP ..." wrapped after a bare time stamp */
			} else {
				finish(t, pkt, rec); /* keep this line for the next call */
				return 1;
			}
		}
		t->have_line = 0;
		if (start) {
			t->ropen = 1;
			t->rlen_text = 0;
			t->rcut = 0;
			t->rjoins = 0;
			t->rfirst = t->rlast = t->lineno;
			rec_append(t, "", s, n);
			t->rbody_off = (size_t)(px.body - s);
			continue;
		}
		if (!t->ropen) {
			add_garbage(t);
			continue;
		}
		if (lead > 0) {
			/* tcpdump's own continuation (-v header, quoted datagram) */
			rec_append(t, "\n", s, n);
		} else if (t->rjoins >= 16 || t->rcut || rec_complete(t)) {
			/* a complete line followed by text that is no packet */
			add_garbage(t);
			finish(t, pkt, rec);
			return 1;
		} else {
			rec_append(t, " ", s, n);
			t->rjoins++;
		}
	}
}

static int tl_alloc(struct nt_textlog **tp, const struct nt_textlog_opts *o, struct nt_error *err)
{
	struct nt_textlog *t = calloc(1, sizeof(*t));
	if (t == NULL)
		return nt_error_set(err, NT_ENOMEM, "text log: out of memory");
	if (o)
		t->o = *o;
	if (t->o.max_line == 0)
		t->o.max_line = 65536;
	if (t->o.max_record == 0)
		t->o.max_record = 65536;
	if (t->o.max_garbage == 0)
		t->o.max_garbage = 100;
	if (t->o.max_line > (64u << 20))
		t->o.max_line = 64u << 20;
	if (t->o.max_record > (64u << 20))
		t->o.max_record = 64u << 20;
	if (t->o.max_garbage > 1000000)
		t->o.max_garbage = 1000000;
	t->line = malloc(t->o.max_line + 1);
	t->rtext = malloc(t->o.max_record + 1);
	t->garb = calloc(t->o.max_garbage, sizeof(*t->garb));
	if (!t->line || !t->rtext || !t->garb) {
		nt_textlog_close(t);
		return nt_error_set(err, NT_ENOMEM, "text log: out of memory");
	}
	t->rtext[0] = '\0';
	*tp = t;
	return NT_OK;
}

int nt_textlog_open(struct nt_textlog **tp, FILE *f, const struct nt_textlog_opts *o,
		    struct nt_error *err)
{
	*tp = NULL;
	int rc = tl_alloc(tp, o, err);
	if (rc != NT_OK)
		return rc;
	(*tp)->f = f;
	(*tp)->rbuf = malloc(RBUF);
	if ((*tp)->rbuf == NULL) {
		nt_textlog_close(*tp);
		*tp = NULL;
		return nt_error_set(err, NT_ENOMEM, "text log: out of memory");
	}
	return NT_OK;
}

int nt_textlog_open_mem(struct nt_textlog **tp, const void *buf, size_t n,
			const struct nt_textlog_opts *o, struct nt_error *err)
{
	*tp = NULL;
	int rc = tl_alloc(tp, o, err);
	if (rc != NT_OK)
		return rc;
	(*tp)->mem = buf ? buf : (const void *)"";
	(*tp)->mem_len = buf ? n : 0;
	return NT_OK;
}

uint64_t nt_textlog_lines(const struct nt_textlog *t)
{
	return t->lineno;
}

uint64_t nt_textlog_garbage_count(const struct nt_textlog *t)
{
	return t->ngarbage;
}

size_t nt_textlog_garbage(const struct nt_textlog *t, const struct nt_tl_garbage **list)
{
	*list = t->garb;
	return t->ngarb;
}

int nt_textlog_ts_kind(const struct nt_textlog *t)
{
	return t->ts_first;
}

void nt_textlog_close(struct nt_textlog *t)
{
	if (t == NULL)
		return;
	free(t->rbuf);
	free(t->line);
	free(t->rtext);
	free(t->garb);
	free(t);
}

int nt_textlog_sniff(const uint8_t *buf, size_t n)
{
	/* Look at the first few non-blank lines: one must start a packet
	 * and none may hold binary bytes. */
	const char *s = (const char *)buf;
	const char *e = s + (n > 4096 ? 4096 : n);
	int lines = 0;
	while (s < e && lines < 8) {
		const char *le = memchr(s, '\n', (size_t)(e - s));
		if (le == NULL)
			le = e;
		const char *l2 = le;
		if (l2 > s && l2[-1] == '\r')
			l2--;
		if (line_is_binary(s, (size_t)(l2 - s)))
			return 0;
		const char *p = s;
		tx_skipsp(&p, l2);
		if (p < l2) {
			struct nt_tl_prefix px;
			if (!line_is_chatter(s, (size_t)(l2 - s)) && nt_tl_parse_prefix(s, l2, &px)) {
				const char *b = px.body;
				if (px.ts_kind || px.has_number || nt_tl_body_starts_packet(b, l2))
					return 1;
			}
			lines++;
		}
		s = le + 1;
	}
	return 0;
}
