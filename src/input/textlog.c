/* \summary: tcpdump text-log reader: line assembly (hand wraps, -v
 * continuation lines, blank lines, CRLF, garbage) and a bounded parser of
 * tcpdump 4.99 packet lines into struct nt_pkt plus field spans.
 *
 * The parser reads through a text cursor in the manner of curl's
 * strparse: every tx_* function takes `const char **pp` and the end of
 * the text, and moves *pp only when it succeeds; every token it copies is
 * length-capped.  Spans are offsets, so a 1 MB word costs nothing.
 */
#include "input/textlog.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "proto/dns.h"
#include "proto/icmp.h"
#include "proto/services.h"

/* ------------------------------------------------------------------ */
/* Text cursor */

struct span {
	const char *p;
	size_t n;
};

static int is_ws(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r';
}

static int is_digit(char ch)
{
	return ch >= '0' && ch <= '9';
}

/* Exact literal. */
static int tx_lit(const char **pp, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	if ((size_t)(e - *pp) < n || memcmp(*pp, lit, n) != 0)
		return 0;
	*pp += n;
	return 1;
}

static int tx_ch(const char **pp, const char *e, char ch)
{
	if (*pp >= e || **pp != ch)
		return 0;
	(*pp)++;
	return 1;
}

/* Decimal number of at most maxdig digits and value max. */
static int tx_num(const char **pp, const char *e, uint64_t max, size_t maxdig, uint64_t *v)
{
	const char *p = *pp;
	uint64_t x = 0;
	size_t nd = 0;
	while (p < e && is_digit(*p)) {
		if (++nd > maxdig)
			return 0;
		x = x * 10 + (uint64_t)(*p - '0');
		p++;
	}
	if (nd == 0 || x > max)
		return 0;
	*v = x;
	*pp = p;
	return 1;
}

/* Exactly n digits. */
static int tx_ndig(const char **pp, const char *e, size_t n, uint32_t *v)
{
	const char *p = *pp;
	uint32_t x = 0;
	if ((size_t)(e - p) < n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return 0;
		x = x * 10 + (uint32_t)(p[i] - '0');
	}
	*v = x;
	*pp = p + n;
	return 1;
}

/* Hex number "0x..." of at most 16 digits. */
static int tx_hex(const char **pp, const char *e, uint64_t *v)
{
	const char *p = *pp;
	if (!tx_lit(&p, e, "0x"))
		return 0;
	uint64_t x = 0;
	size_t nd = 0;
	while (p < e) {
		char ch = *p;
		int d;
		if (is_digit(ch))
			d = ch - '0';
		else if (ch >= 'a' && ch <= 'f')
			d = ch - 'a' + 10;
		else if (ch >= 'A' && ch <= 'F')
			d = ch - 'A' + 10;
		else
			break;
		if (++nd > 16)
			return 0;
		x = x * 16 + (uint64_t)d;
		p++;
	}
	if (nd == 0)
		return 0;
	*v = x;
	*pp = p;
	return 1;
}

/* One or more blanks (space, tab, newline). */
static int tx_ws(const char **pp, const char *e)
{
	const char *p = *pp;
	while (p < e && is_ws(*p))
		p++;
	if (p == *pp)
		return 0;
	*pp = p;
	return 1;
}

static void tx_skipws(const char **pp, const char *e)
{
	tx_ws(pp, e);
}

/* Blanks without crossing a newline. */
static void tx_skipsp(const char **pp, const char *e)
{
	while (*pp < e && (**pp == ' ' || **pp == '\t' || **pp == '\r'))
		(*pp)++;
}

/* A run of non-blank bytes (span only: no cap needed). */
static int tx_word(const char **pp, const char *e, struct span *w)
{
	const char *p = *pp;
	while (p < e && !is_ws(*p))
		p++;
	if (p == *pp)
		return 0;
	w->p = *pp;
	w->n = (size_t)(p - *pp);
	*pp = p;
	return 1;
}

/* Bytes up to (not including) ch, at most max, on this line. */
static int tx_until(const char **pp, const char *e, char ch, size_t max, struct span *w)
{
	const char *p = *pp;
	while (p < e && *p != ch && *p != '\n') {
		if ((size_t)(p - *pp) >= max)
			return 0;
		p++;
	}
	if (p >= e || *p != ch)
		return 0;
	w->p = *pp;
	w->n = (size_t)(p - *pp);
	*pp = p;
	return 1;
}

/* Bytes up to and including ch (at most max before it), on this line. */
static int tx_past(const char **pp, const char *e, char ch, size_t max)
{
	struct span w;
	if (!tx_until(pp, e, ch, max, &w))
		return 0;
	(*pp)++;
	return 1;
}

/* After an opening bracket: up to and including the bracket that closes
 * it (open/close nest), else to e.  1 if it was closed. */
static int tx_skip_nested(const char **pp, const char *e, char open, char close)
{
	const char *p = *pp;
	int depth = 1;
	while (p < e && depth > 0) {
		if (*p == open)
			depth++;
		else if (*p == close)
			depth--;
		p++;
	}
	*pp = p;
	return depth == 0;
}

/* The item up to a ',' or a blank (possibly empty). */
static struct span tx_item(const char **pp, const char *e)
{
	const char *s = *pp;
	while (*pp < e && **pp != ',' && !is_ws(**pp))
		(*pp)++;
	struct span w = {s, (size_t)(*pp - s)};
	return w;
}

/* End of the current line. */
static const char *eol(const char *p, const char *e)
{
	const char *q = memchr(p, '\n', (size_t)(e - p));
	return q ? q : e;
}

static int span_is(struct span w, const char *lit)
{
	size_t n = strlen(lit);
	return w.n == n && memcmp(w.p, lit, n) == 0;
}

/* The whole span as a decimal number of at most maxdig digits and value
 * max (<= INT_MAX); -1 if it is not one. */
static int span_num(struct span w, uint64_t max, size_t maxdig)
{
	const char *p = w.p;
	uint64_t v;
	if (tx_num(&p, w.p + w.n, max, maxdig, &v) && p == w.p + w.n)
		return (int)v;
	return -1;
}

/* "<prefix>N", tcpdump's form for a value it has no name for: N, or -1. */
static int span_prefixed_num(struct span w, const char *prefix, uint64_t max, size_t maxdig)
{
	size_t n = strlen(prefix);
	if (w.n <= n || memcmp(w.p, prefix, n) != 0)
		return -1;
	struct span num = {w.p + n, w.n - n};
	return span_num(num, max, maxdig);
}

/* Copies a span into dst (cap bytes incl. NUL); 0 if it does not fit. */
static int span_copy(char *dst, size_t cap, struct span w)
{
	if (w.n >= cap)
		return 0;
	memcpy(dst, w.p, w.n);
	dst[w.n] = '\0';
	return 1;
}

/* ------------------------------------------------------------------ */
/* Names */

const char *nt_tl_dns_type_name(unsigned type)
{
	return nt_dns_type_name(type, NT_DNS_MNEMONIC);
}

/* DNS type name in any spelling of proto/dns.h (tcpdump's, or the
 * mnemonic a newer tcpdump prints) or tcpdump's "TypeN"; -1 if neither. */
static int dns_type_of(struct span w)
{
	int t = nt_dns_type_number(w.p, w.n, -1);
	return t >= 0 ? t : span_prefixed_num(w, "Type", 65535, 5);
}

int nt_tl_dns_type_number(const char *name, size_t n)
{
	struct span w = {name, n};
	return dns_type_of(w);
}

/* tcpdump's rcode names, or its "RespN". */
static int dns_rcode_of(struct span w)
{
	int rc = nt_dns_rcode_number(w.p, w.n, NT_DNS_TCPDUMP);
	return rc >= 0 ? rc : span_prefixed_num(w, "Resp", 4095, 4);
}

static int dns_opcode_of(struct span w)
{
	return nt_dns_opcode_number(w.p, w.n, NT_DNS_TCPDUMP);
}

int nt_tl_port_number(const char *name, size_t n, int proto)
{
	if (n == 0 || n > 64)
		return -1;
	struct span w = {name, n};
	int num = span_num(w, 65535, 5);
	if (num >= 0)
		return num;
	return nt_service_port_number(name, n, proto);
}

static const struct { const char *name; uint8_t num; } ip_protos[] = {
	{"ICMP", 1}, {"IGMP", 2}, {"IPIP", 4}, {"TCP", 6}, {"EGP", 8},
	{"UDP", 17}, {"IPv6", 41}, {"RSVP", 46}, {"GRE", 47}, {"ESP", 50},
	{"AH", 51}, {"ICMPv6", 58}, {"OSPF", 89}, {"PIM", 103}, {"VRRP", 112},
	{"SCTP", 132},
};

static int ip_proto_of(struct span w)
{
	for (size_t i = 0; i < sizeof(ip_protos) / sizeof(ip_protos[0]); i++)
		if (span_is(w, ip_protos[i].name))
			return ip_protos[i].num;
	return span_num(w, 255, 3);
}

/* ------------------------------------------------------------------ */
/* Parser context */

struct pctx {
	const char *base, *end;
	struct nt_tl_rec *rec;
	int quoted;
	int full;
	int dns_seen;
};

static void emit(struct pctx *c, int field, const char *a, const char *b)
{
	struct nt_tl_rec *r = c->rec;
	if (c->full || b < a)
		return;
	if (r->ntok + 1 >= NT_TL_TOK_MAX) {
		/* Last slot: the rest of the text, unparsed. */
		r->tok[r->ntok].field = NT_TF_REST;
		r->tok[r->ntok].quoted = (uint8_t)c->quoted;
		r->tok[r->ntok].off = (uint32_t)(a - c->base);
		r->tok[r->ntok].len = (uint32_t)(c->end - a);
		r->ntok++;
		c->full = 1;
		return;
	}
	r->tok[r->ntok].field = (uint16_t)field;
	r->tok[r->ntok].quoted = (uint8_t)c->quoted;
	r->tok[r->ntok].off = (uint32_t)(a - c->base);
	r->tok[r->ntok].len = (uint32_t)(b - a);
	r->ntok++;
}

/* Every remaining word of the line as unknown. */
static void unknown_rest_line(struct pctx *c, const char **pp, const char *e)
{
	const char *le = eol(*pp, e);
	struct span w;
	for (;;) {
		tx_skipsp(pp, le);
		if (!tx_word(pp, le, &w))
			break;
		emit(c, NT_TF_UNKNOWN, w.p, w.p + w.n);
	}
}

/* ------------------------------------------------------------------ */
/* Addresses */

/* "a.b.c.d[.port]", "v6[.port]" or "host[.port]"; fam 0 = unknown. */
static int parse_endpoint(struct span w, int fam, int proto, struct nt_addr *a,
			  uint16_t *port, int *has_port)
{
	char buf[96];
	memset(a, 0, sizeof(*a));
	*has_port = 0;
	*port = 0;
	if (!span_copy(buf, sizeof(buf), w))
		return 0;
	uint8_t tmp[16];
	int v6 = fam == 6 || memchr(w.p, ':', w.n) != NULL;
	if (v6) {
		if (inet_pton(AF_INET6, buf, tmp) == 1) {
			a->family = 6;
			memcpy(a->a, tmp, 16);
			return 1;
		}
	} else if (inet_pton(AF_INET, buf, tmp) == 1) {
		a->family = 4;
		memcpy(a->a, tmp, 4);
		return 1;
	}
	char *dot = strrchr(buf, '.');
	if (dot == NULL || dot == buf || dot[1] == '\0')
		goto hostname;
	*dot = '\0';
	int pn = nt_tl_port_number(dot + 1, strlen(dot + 1), proto);
	if (v6 ? inet_pton(AF_INET6, buf, tmp) == 1 : inet_pton(AF_INET, buf, tmp) == 1) {
		a->family = v6 ? 6 : 4;
		memcpy(a->a, tmp, v6 ? 16 : 4);
		if (pn >= 0) {
			*port = (uint16_t)pn;
			*has_port = 1;
		}
		return pn >= 0;
	}
	*dot = '.';
	if (pn >= 0 && !v6) {
		*port = (uint16_t)pn;
		*has_port = 1;
	}
hostname:
	/* A resolved host name: letters, digits, '-', '.', '_'. */
	for (const char *p = buf; *p; p++) {
		char ch = *p;
		if (!(is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      ch == '-' || ch == '.' || ch == '_' || ch == ':'))
			return 0;
	}
	return 1;
}

static int parse_addr_only(struct span w, struct nt_addr *a)
{
	uint16_t port;
	int hp;
	return parse_endpoint(w, 0, 0, a, &port, &hp) && !hp && a->family != 0;
}

/* ------------------------------------------------------------------ */
/* DNS */

static int is_len_word(struct span w)
{
	if (w.n < 3 || w.p[0] != '(' || w.p[w.n - 1] != ')')
		return 0;
	for (size_t i = 1; i + 1 < w.n; i++)
		if (!is_digit(w.p[i]))
			return 0;
	return w.n <= 8;
}

/* Where the current answer item / section ends: before ", " (item mode),
 * "ns:", "ar:", "(N)" or "[|domain]", never past the line end. */
static const char *dns_boundary(const char *p, const char *e, int item)
{
	const char *le = eol(p, e);
	const char *q = p;
	int inq = 0;
	while (q < le) {
		const char *ws = q;
		tx_skipsp(&q, le);
		if (q >= le)
			return ws;
		struct span w;
		const char *wstart = q;
		/* A word, minding quotes in TXT data. */
		while (q < le && (inq || !is_ws(*q))) {
			if (*q == '"')
				inq = !inq;
			q++;
		}
		if (q == wstart)
			q++; /* never stall on a byte that is neither word nor blank */
		w.p = wstart;
		w.n = (size_t)(q - wstart);
		if (wstart != p && (span_is(w, "ns:") || span_is(w, "ar:") ||
				    is_len_word(w) || span_is(w, "[|domain]")))
			return ws;
		if (item && !inq && w.n > 0 && w.p[w.n - 1] == ',')
			return q - 1;
	}
	return le;
}

static void dns_rr_item(struct nt_dns *d, const char *a, const char *b)
{
	const char *p = a;
	struct span w, prev = {NULL, 0};
	while (p < b) {
		tx_skipsp(&p, b);
		if (!tx_word(&p, b, &w))
			break;
		int t = dns_type_of(w);
		if (t < 0 || (prev.p && span_is(prev, "OPT")))
			goto next;
		if (d->n_rr >= NT_DNS_ANS_MAX)
			return;
		struct nt_dns_rr *rr = &d->rr[d->n_rr];
		memset(rr, 0, sizeof(*rr));
		rr->type = (uint16_t)t;
		if (t == 1 || t == 28) {
			const char *q = p;
			struct span v;
			tx_skipsp(&q, b);
			if (tx_word(&q, b, &v))
				parse_addr_only(v, &rr->addr);
		}
		d->n_rr++;
		return;
next:
		prev = w;
	}
}

/* The question: TYPE[ CLASS]? qname. */
static int dns_question(struct pctx *c, const char **pp, const char *e, struct nt_dns *d)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	tx_skipsp(&p, le);
	const char *qs = p;
	struct span w, first = {NULL, 0};
	int found = 0;
	for (int i = 0; i < 4; i++) {
		tx_skipsp(&p, le);
		if (!tx_word(&p, le, &w) || w.n > 32)
			return 0;
		if (i == 0)
			first = w;
		if (w.p[w.n - 1] == '?') {
			found = 1;
			break;
		}
	}
	if (!found)
		return 0;
	if (first.p[first.n - 1] == '?')
		first.n--;
	int t = dns_type_of(first);
	if (t < 0)
		return 0;
	d->qtype = (uint16_t)t;
	d->qclass = 1;
	d->has_question = 1;
	emit(c, NT_TF_DNS_QTYPE, qs, p);
	const char *q = p;
	tx_skipsp(&q, le);
	if (tx_word(&q, le, &w) && w.n < NT_DNS_NAME_MAX + 1 && !is_len_word(w) &&
	    !span_is(w, "[|domain]")) {
		struct span nm = w;
		if (nm.n > 1 && nm.p[nm.n - 1] == '.')
			nm.n--;
		if (span_copy(d->qname, sizeof(d->qname), nm)) {
			emit(c, NT_TF_DNS_QNAME, w.p, w.p + w.n);
			p = q;
		}
	}
	*pp = p;
	return 1;
}

/* A DNS message as tcpdump prints it; 1 if it was recognised. */
static int parse_dns(struct pctx *c, const char **pp, const char *e, struct nt_dns *d)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	uint64_t v;
	struct span w;
	memset(d, 0, sizeof(*d));
	if (tx_lit(&p, le, "domain [length ")) {
		const char *q = p;
		if (tx_past(&q, le, ']', 64)) {
			tx_lit(&q, le, " (invalid)");
			emit(c, NT_TF_DNS_INVALID, *pp, q);
			d->present = 1;
			d->status = NT_PKT_MALFORMED;
			*pp = q;
			return 1;
		}
		return 0;
	}
	const char *ids = p;
	if (!tx_num(&p, le, 65535, 5, &v))
		return 0;
	if (p < le && !(is_ws(*p) || strchr("+%*-|$R", *p)))
		return 0;
	d->id = (uint16_t)v;
	emit(c, NT_TF_DNS_ID, ids, p);
	int resp = 0;
	/* opcode / rcode words */
	for (int i = 0; i < 2; i++) {
		const char *q = p;
		int sp = tx_ch(&q, le, ' ');
		const char *wstart = q;
		while (q < le && !is_ws(*q) && !strchr("+%*-|$", *q))
			q++;
		w.p = wstart;
		w.n = (size_t)(q - wstart);
		if (w.n == 0)
			break;
		int op = sp ? dns_opcode_of(w) : -1;
		int rc = dns_rcode_of(w);
		if (op > 0) {
			d->opcode = (uint8_t)op;
			emit(c, NT_TF_DNS_OPCODE, wstart, q);
		} else if (rc > 0 && (sp || (w.n > 4 && memcmp(w.p, "Resp", 4) == 0))) {
			d->rcode = (uint16_t)rc;
			resp = 1;
			emit(c, NT_TF_DNS_RCODE, wstart, q);
		} else {
			break;
		}
		p = q;
	}
	const char *fs = p;
	int rd = 0, cd = 0, aa = 0, nora = 0, tc = 0, ad = 0;
	while (p < le && strchr("+%*-|$", *p) && *p) {
		switch (*p) {
		case '+': rd = 1; break;
		case '%': cd = 1; break;
		case '*': aa = 1; resp = 1; break;
		case '-': nora = 1; resp = 1; break;
		case '|': tc = 1; break;
		case '$': ad = 1; resp = 1; break;
		}
		p++;
	}
	if (p > fs)
		emit(c, NT_TF_DNS_FLAGS, fs, p);
	d->qdcount = 1;
	/* [b2&3=0x..] [Na] [Nq] [Nn] [Nau] */
	for (int i = 0; i < 6; i++) {
		const char *q = p;
		tx_skipsp(&q, le);
		const char *bs = q;
		struct span in;
		if (!tx_ch(&q, le, '[') || !tx_until(&q, le, ']', 32, &in))
			break;
		q++;
		const char *ip = in.p, *ie = in.p + in.n;
		if (tx_num(&ip, ie, 65535, 5, &v)) {
			struct span suf = {ip, (size_t)(ie - ip)};
			if (span_is(suf, "a"))
				d->ancount = (uint16_t)v;
			else if (span_is(suf, "q"))
				d->qdcount = (uint16_t)v;
			else if (span_is(suf, "n"))
				d->nscount = (uint16_t)v;
			else if (span_is(suf, "au"))
				d->arcount = (uint16_t)v;
			else
				break;
		} else if (!(in.n > 5 && memcmp(in.p, "b2&3=", 5) == 0)) {
			break;
		}
		emit(c, NT_TF_DNS_BRACKET, bs, q);
		p = q;
	}
	/* Response or query? */
	{
		const char *q = p;
		tx_skipsp(&q, le);
		const char *ws = q;
		if (tx_lit(&q, le, "q:")) {
			resp = 1;
			emit(c, NT_TF_DNS_QSEC, ws, q);
			p = q;
			dns_question(c, &p, e, d);
		}
	}
	{
		const char *q = p;
		tx_skipsp(&q, le);
		const char *cs = q;
		uint64_t an, ns, ar;
		if (tx_num(&q, le, 65535, 5, &an) && tx_ch(&q, le, '/') &&
		    tx_num(&q, le, 65535, 5, &ns) && tx_ch(&q, le, '/') &&
		    tx_num(&q, le, 65535, 5, &ar) && (q >= le || is_ws(*q))) {
			resp = 1;
			d->ancount = (uint16_t)an;
			d->nscount = (uint16_t)ns;
			d->arcount = (uint16_t)ar;
			emit(c, NT_TF_DNS_COUNTS, cs, q);
			p = q;
			/* Answer records. */
			for (unsigned i = 0; i < 4096 && p < le; i++) {
				const char *r = p;
				tx_skipsp(&r, le);
				if (r >= le)
					break;
				struct span pk;
				const char *t2 = r;
				if (!tx_word(&t2, le, &pk) || span_is(pk, "ns:") || span_is(pk, "ar:") ||
				    is_len_word(pk) || span_is(pk, "[|domain]"))
					break;
				const char *b = dns_boundary(r, e, 1);
				if (b <= r)
					break;
				dns_rr_item(d, r, b);
				emit(c, NT_TF_DNS_RR, r, b);
				p = b;
				tx_ch(&p, le, ',');
			}
		} else if (!resp) {
			if (!dns_question(c, &p, e, d) && !d->has_question) {
				/* An id and nothing we know: not DNS after all,
				 * unless flags were seen. */
				if (p == fs)
					return 0;
			}
		}
	}
	d->present = 1;
	c->dns_seen = 1;
	d->qr = (uint8_t)resp;
	d->rd = (uint8_t)(resp ? 0 : rd);
	d->cd = (uint8_t)cd;
	d->aa = (uint8_t)aa;
	d->ra = (uint8_t)(resp ? !nora : 0);
	d->tc = (uint8_t)tc;
	d->ad = (uint8_t)ad;
	/* Sections ns: / ar: */
	for (int i = 0; i < 4; i++) {
		const char *q = p;
		tx_skipsp(&q, le);
		const char *ss = q;
		if (!(tx_lit(&q, le, "ns:") || tx_lit(&q, le, "ar:") || tx_lit(&q, le, "an:")))
			break;
		const char *b = dns_boundary(q, e, 0);
		/* EDNS OPT record */
		const char *o = ss;
		while (o < b) {
			struct span ow;
			tx_skipsp(&o, b);
			if (!tx_word(&o, b, &ow))
				break;
			if (span_is(ow, "OPT")) {
				d->edns = 1;
				const char *u = o;
				tx_skipsp(&u, b);
				if (tx_lit(&u, b, "UDPsize=") && tx_num(&u, b, 65535, 5, &v))
					d->edns_udp_size = (uint16_t)v;
			}
		}
		emit(c, NT_TF_DNS_SECTION, ss, b);
		p = b;
	}
	{
		const char *q = p;
		tx_skipsp(&q, le);
		const char *ls = q;
		if (tx_word(&q, le, &w)) {
			if (is_len_word(w)) {
				const char *np = w.p + 1;
				tx_num(&np, w.p + w.n, 65535, 5, &v);
				d->msg_len = (uint16_t)v;
				emit(c, NT_TF_DNS_LEN, ls, q);
				p = q;
			} else if (span_is(w, "[|domain]")) {
				d->status = NT_PKT_TRUNCATED;
				emit(c, NT_TF_TRUNC, ls, q);
				p = q;
			}
		}
	}
	if (d->arcount && !d->edns && !resp)
		d->edns = 1; /* "[1au]" in a query is how EDNS shows */
	*pp = p;
	return 1;
}

/* ------------------------------------------------------------------ */
/* IP headers at -v */

/* "NAME (N)": a protocol name and its number, as the -v headers print it. */
static int tx_proto_num(const char **pp, const char *e, uint64_t *v)
{
	const char *p = *pp;
	struct span nm;
	if (!tx_until(&p, e, ' ', 32, &nm) || !tx_lit(&p, e, " (") || !tx_num(&p, e, 255, 3, v) ||
	    !tx_ch(&p, e, ')'))
		return 0;
	*pp = p;
	return 1;
}

/* A field of the IPv4 header at -v, "(tos 0x0, ttl 64, id N, offset 0,
 * flags [none], proto UDP (17), length N[, ...])": its NT_TF_ kind, or
 * NT_TF_UNKNOWN (and *pp anywhere in it). */
static int v4hdr_field(const char **pp, const char *le, struct nt_pkt *pkt, int *proto)
{
	const char *p = *pp;
	uint64_t v;
	int field = NT_TF_UNKNOWN;
	if (tx_lit(&p, le, "tos ")) {
		if (tx_hex(&p, le, &v)) {
			field = NT_TF_IP_TOS;
			while (tx_lit(&p, le, ",ECT(0)") || tx_lit(&p, le, ",ECT(1)") ||
			       tx_lit(&p, le, ",CE"))
				;
		}
	} else if (tx_lit(&p, le, "ttl ")) {
		if (tx_num(&p, le, 255, 3, &v)) {
			field = NT_TF_IP_TTL;
			pkt->ttl = (uint8_t)v;
		}
	} else if (tx_lit(&p, le, "id ")) {
		if (tx_num(&p, le, 65535, 5, &v))
			field = NT_TF_IP_ID;
	} else if (tx_lit(&p, le, "offset ")) {
		if (tx_num(&p, le, 65535, 5, &v)) {
			field = NT_TF_IP_OFFSET;
			if (v)
				pkt->fragment = 1;
		}
	} else if (tx_lit(&p, le, "flags [")) {
		if (tx_past(&p, le, ']', 32))
			field = NT_TF_IP_FLAGS;
	} else if (tx_lit(&p, le, "proto ")) {
		if (tx_proto_num(&p, le, &v)) {
			field = NT_TF_IP_PROTO;
			*proto = (int)v;
		}
	} else if (tx_lit(&p, le, "length ")) {
		if (tx_num(&p, le, 65535, 5, &v)) {
			field = NT_TF_IP_LEN;
			pkt->ip_len = (uint16_t)v;
		}
	} else if (tx_lit(&p, le, "bad cksum ")) {
		if (tx_past(&p, le, '!', 40))
			field = NT_TF_IP_CKSUM;
	} else if (tx_lit(&p, le, "options (")) {
		tx_skip_nested(&p, le, '(', ')');
		field = NT_TF_IP_OPTIONS;
	}
	*pp = p;
	return field;
}

/* A field of the IPv6 header at -v, "(class 0x.., flowlabel 0x...,
 * hlim N, next-header NAME (N) payload length: N)": as v4hdr_field. */
static int v6hdr_field(const char **pp, const char *le, struct nt_pkt *pkt, int *proto)
{
	const char *p = *pp;
	uint64_t v;
	int field = NT_TF_UNKNOWN;
	if (tx_lit(&p, le, "class ")) {
		if (tx_hex(&p, le, &v))
			field = NT_TF_IP6_CLASS;
	} else if (tx_lit(&p, le, "flowlabel ")) {
		if (tx_hex(&p, le, &v))
			field = NT_TF_IP6_FLOW;
	} else if (tx_lit(&p, le, "hlim ")) {
		if (tx_num(&p, le, 255, 3, &v)) {
			field = NT_TF_IP6_HLIM;
			pkt->ttl = (uint8_t)v;
		}
	} else if (tx_lit(&p, le, "next-header ")) {
		if (tx_proto_num(&p, le, &v)) {
			field = NT_TF_IP6_NEXT;
			*proto = (int)v;
		}
	} else if (tx_lit(&p, le, "payload length: ")) {
		if (tx_num(&p, le, 65535, 5, &v)) {
			field = NT_TF_IP6_PLEN;
			pkt->ip_len = (uint16_t)(v + 40 > 65535 ? 65535 : v + 40);
		}
	}
	*pp = p;
	return field;
}

/* The IP header tcpdump prints at -v, in parentheses: each field emitted,
 * one not understood spanning to the next ',' or ')'.  IPv4 has at most
 * 32 fields, each after a ','; IPv6 at most 16, and no ',' before
 * "payload length". */
static void parse_iphdr(struct pctx *c, const char **pp, const char *e, struct nt_pkt *pkt,
			int *proto, int v6)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	if (!tx_ch(&p, le, '('))
		return;
	for (int i = 0; i < (v6 ? 16 : 32) && p < le; i++) {
		tx_skipsp(&p, le);
		const char *fs = p;
		if (tx_ch(&p, le, ')'))
			break;
		int field = v6 ? v6hdr_field(&p, le, pkt, proto) : v4hdr_field(&p, le, pkt, proto);
		if (field == NT_TF_UNKNOWN) {
			/* skip to the next ", " or ")" */
			p = fs;
			while (p < le && *p != ',' && *p != ')')
				p++;
		}
		emit(c, field, fs, p);
		if (tx_ch(&p, le, ')'))
			break;
		if (!tx_ch(&p, le, ',') && !v6)
			break;
	}
	*pp = p;
}

/* ------------------------------------------------------------------ */
/* TCP */

static void parse_tcp(struct pctx *c, const char **pp, const char *e, struct nt_pkt *pkt)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	uint64_t v;
	const char *fs = p;
	struct span in;
	if (!tx_lit(&p, le, "Flags [") || !tx_until(&p, le, ']', 16, &in))
		return;
	p++;
	for (size_t i = 0; i < in.n; i++) {
		switch (in.p[i]) {
		case 'F': pkt->tcp_flags |= NT_TH_FIN; break;
		case 'S': pkt->tcp_flags |= NT_TH_SYN; break;
		case 'R': pkt->tcp_flags |= NT_TH_RST; break;
		case 'P': pkt->tcp_flags |= NT_TH_PUSH; break;
		case '.': pkt->tcp_flags |= NT_TH_ACK; break;
		case 'U': pkt->tcp_flags |= NT_TH_URG; break;
		case 'E': pkt->tcp_flags |= NT_TH_ECE; break;
		case 'W': pkt->tcp_flags |= NT_TH_CWR; break;
		}
	}
	emit(c, NT_TF_TCP_FLAGS, fs, p);
	for (int i = 0; i < 16; i++) {
		const char *q = p;
		if (!tx_lit(&q, le, ", "))
			break;
		const char *s = q;
		int field = 0;
		if (tx_lit(&q, le, "cksum ")) {
			if (tx_hex(&q, le, &v) && tx_lit(&q, le, " (") && tx_past(&q, le, ')', 40))
				field = NT_TF_L4_CKSUM;
		} else if (tx_lit(&q, le, "seq ")) {
			if (tx_num(&q, le, 4294967295u, 10, &v)) {
				pkt->tcp_seq = (uint32_t)v;
				if (tx_ch(&q, le, ':'))
					tx_num(&q, le, 4294967295u, 10, &v);
				field = NT_TF_TCP_SEQ;
			}
		} else if (tx_lit(&q, le, "ack ")) {
			if (tx_num(&q, le, 4294967295u, 10, &v)) {
				pkt->tcp_ack = (uint32_t)v;
				field = NT_TF_TCP_ACK;
			}
		} else if (tx_lit(&q, le, "win ")) {
			if (tx_num(&q, le, 65535, 5, &v)) {
				pkt->tcp_win = (uint16_t)v;
				field = NT_TF_TCP_WIN;
			}
		} else if (tx_lit(&q, le, "urg ")) {
			if (tx_num(&q, le, 65535, 5, &v))
				field = NT_TF_TCP_URG;
		} else if (tx_lit(&q, le, "options [")) {
			if (tx_skip_nested(&q, le, '[', ']'))
				field = NT_TF_TCP_OPTS;
		} else if (tx_lit(&q, le, "length ")) {
			if (tx_num(&q, le, 4294967295u, 10, &v)) {
				pkt->l4_payload_len = (uint32_t)v;
				field = NT_TF_TCP_LEN;
			}
		}
		if (!field)
			break;
		emit(c, field, s, q);
		p = q;
	}
	*pp = p;
}

/* ------------------------------------------------------------------ */
/* ICMP */

static void set_quote_dst(struct nt_pkt *pkt, struct span a)
{
	if (parse_addr_only(a, &pkt->icmp.quote.dst))
		pkt->icmp.has_quote = 1;
}

/* sep + the detail of an unreachable code whose tcpdump text starts with
 * word ("net ", "host " or ""; proto/icmp.h): the code, or -1.  The
 * longest detail wins ("admin prohibited filter" over "admin
 * prohibited"), then the code of the same word ("net ... - unknown" is 6,
 * "host ... - unknown" 7); with a word, a detail of the other word counts
 * too ("net X unreachable - precedence cutoff" is 15). */
static int unreach_detail(const char **pp, const char *le, const char *sep, const char *word)
{
	int best = -1, same = 0;
	size_t blen = 0;
	const char *bend = *pp;
	for (unsigned code = 0; code < 16; code++) {
		const char *pfx, *detail;
		if (!nt_icmp_unreach_text(code, &pfx, &detail) || detail == NULL ||
		    (*word == '\0') != (*pfx == '\0'))
			continue;
		const char *q = *pp;
		if (!tx_lit(&q, le, sep) || !tx_lit(&q, le, detail))
			continue;
		size_t dl = strlen(detail);
		int s = strcmp(pfx, word) == 0;
		if (dl > blen || (dl == blen && s && !same)) {
			best = (int)code;
			blen = dl;
			same = s;
			bend = q;
		}
	}
	*pp = bend;
	return best;
}

/* "udp port P unreachable" etc. after the quoted address. */
static int icmp_unreach_tail(const char **pp, const char *le, struct nt_pkt *pkt)
{
	const char *p = *pp;
	struct nt_icmp *ic = &pkt->icmp;
	uint64_t v;
	struct span w;
	int code;
	if (tx_lit(&p, le, " udp port ") || tx_lit(&p, le, " tcp port ")) {
		int proto = (*pp)[1] == 'u' ? 17 : 6;
		if (!tx_until(&p, le, ' ', 32, &w) || !tx_lit(&p, le, " unreachable"))
			return 0;
		int port = nt_tl_port_number(w.p, w.n, proto);
		if (port < 0)
			return 0;
		ic->code = 3;
		ic->quote.proto = (uint8_t)proto;
		ic->quote.dport = (uint16_t)port;
		ic->quote.has_ports = 1;
	} else if (tx_lit(&p, le, " protocol ")) {
		if (!tx_until(&p, le, ' ', 32, &w))
			return 0;
		int pr = ip_proto_of(w);
		if (tx_lit(&p, le, " unreachable")) {
			ic->code = 2;
		} else if (tx_lit(&p, le, " port ") && tx_until(&p, le, ' ', 32, &w) &&
			   tx_lit(&p, le, " unreachable")) {
			int port = nt_tl_port_number(w.p, w.n, pr);
			ic->code = 3;
			if (port >= 0) {
				ic->quote.dport = (uint16_t)port;
				ic->quote.has_ports = 1;
			}
		} else {
			return 0;
		}
		if (pr >= 0)
			ic->quote.proto = (uint8_t)pr;
	} else if ((code = unreach_detail(&p, le, " unreachable - ", "")) >= 0) {
		ic->code = (uint8_t)code;
		if (code == NT_ICMP_UNREACH_NEEDFRAG && tx_lit(&p, le, " (mtu ") &&
		    tx_num(&p, le, 4294967295u, 10, &v) && tx_ch(&p, le, ')'))
			ic->mtu = (uint32_t)v;
	} else if (tx_lit(&p, le, " unreachable - #")) {
		if (!tx_num(&p, le, 255, 3, &v))
			return 0;
		ic->code = (uint8_t)v;
	} else {
		return 0;
	}
	*pp = p;
	return 1;
}

static int icmp4_message(const char **pp, const char *le, struct nt_pkt *pkt)
{
	const char *p = *pp;
	struct nt_icmp *ic = &pkt->icmp;
	uint64_t v;
	struct span w;
	int net;
	if ((net = tx_lit(&p, le, "net ")) || tx_lit(&p, le, "host ")) {
		if (!tx_until(&p, le, ' ', 64, &w) || !tx_lit(&p, le, " unreachable"))
			return 0;
		ic->type = NT_ICMP_UNREACH;
		ic->code = net ? NT_ICMP_UNREACH_NET : NT_ICMP_UNREACH_HOST;
		set_quote_dst(pkt, w);
		int code = unreach_detail(&p, le, " - ", net ? "net " : "host ");
		if (code >= 0)
			ic->code = (uint8_t)code;
	} else if (tx_lit(&p, le, "echo request") || tx_lit(&p, le, "echo reply")) {
		ic->type = (*pp)[5] == 'r' && (*pp)[7] == 'q' ? 8 : 0;
	} else if (tx_lit(&p, le, "redirect")) {
		ic->type = 5;
		ic->code = 0;
		int tos = tx_lit(&p, le, "-tos");
		int other = 0;
		if (!tos && tx_lit(&p, le, "-#")) {
			if (!tx_num(&p, le, 255, 3, &v))
				return 0;
			ic->code = (uint8_t)v;
			other = 1;
		}
		if (!tx_ch(&p, le, ' ') || !tx_until(&p, le, ' ', 64, &w))
			return 0;
		set_quote_dst(pkt, w);
		if (!tx_lit(&p, le, " to "))
			return 0;
		if (!other) {
			if (tx_lit(&p, le, "net "))
				ic->code = tos ? 2 : 0;
			else if (tx_lit(&p, le, "host "))
				ic->code = tos ? 3 : 1;
			else
				return 0;
		}
		const char *g = p;
		while (p < le && *p != ',' && *p != ' ')
			p++;
		struct span gw = {g, (size_t)(p - g)};
		parse_addr_only(gw, &ic->gateway);
	} else if (tx_lit(&p, le, "time exceeded in-transit")) {
		ic->type = 11;
		ic->code = 0;
	} else if (tx_lit(&p, le, "ip reassembly time exceeded")) {
		ic->type = 11;
		ic->code = 1;
	} else if (tx_lit(&p, le, "time exceeded-#")) {
		if (!tx_num(&p, le, 255, 3, &v))
			return 0;
		ic->type = 11;
		ic->code = (uint8_t)v;
	} else if (tx_lit(&p, le, "parameter problem - ")) {
		ic->type = 12;
		if (tx_lit(&p, le, "octet ") && tx_num(&p, le, 255, 3, &v))
			ic->code = 0;
		else if (tx_lit(&p, le, "code ") && tx_num(&p, le, 255, 3, &v))
			ic->code = (uint8_t)v;
		else
			return 0;
	} else if (tx_lit(&p, le, "source quench")) {
		ic->type = 4;
	} else if (tx_lit(&p, le, "router solicitation")) {
		ic->type = 10;
	} else if (tx_lit(&p, le, "router advertisement")) {
		ic->type = 9;
	} else if (tx_lit(&p, le, "time stamp query")) {
		ic->type = 13;
	} else if (tx_lit(&p, le, "time stamp reply")) {
		ic->type = 14;
	} else if (tx_lit(&p, le, "address mask request")) {
		ic->type = 17;
	} else if (tx_lit(&p, le, "address mask is")) {
		ic->type = 18;
	} else if (tx_lit(&p, le, "type-#")) {
		if (!tx_num(&p, le, 255, 3, &v))
			return 0;
		ic->type = (uint8_t)v;
	} else {
		/* "A udp port P unreachable" and the other "A ..." forms */
		if (!tx_until(&p, le, ' ', 64, &w))
			return 0;
		ic->type = 3;
		if (!icmp_unreach_tail(&p, le, pkt))
			return 0;
		set_quote_dst(pkt, w);
	}
	*pp = p;
	return 1;
}

/* The ICMPv6 types whose tcpdump text (proto/icmp.h) the reader knows;
 * the others stay unknown words. */
static const uint8_t icmp6_read[] = {
	NT_ICMP6_DST_UNREACH, NT_ICMP6_PACKET_TOO_BIG, NT_ICMP6_TIME_EXCEEDED,
	NT_ICMP6_PARAM_PROB, NT_ICMP6_ECHO_REQUEST, NT_ICMP6_ECHO_REPLY,
	NT_ICMP6_MLD_QUERY, NT_ICMP6_MLDV2_REPORT, NT_ICMP6_MLD_REPORT, NT_ICMP6_MLD_DONE,
	NT_ICMP6_ROUTER_SOLICIT, NT_ICMP6_ROUTER_ADVERT, NT_ICMP6_NEIGHBOR_SOLICIT,
	NT_ICMP6_NEIGHBOR_ADVERT, NT_ICMP6_REDIRECT, NT_ICMP6_ROUTER_RENUMBERING,
	NT_ICMP6_NI_QUERY, NT_ICMP6_NI_REPLY,
};

/* The ICMPv6 type whose name starts the text (the longest such name:
 * "multicast listener report v2" over "multicast listener report"), or -1. */
static int icmp6_type_of(const char **pp, const char *le)
{
	int best = -1;
	const char *bend = *pp;
	for (size_t i = 0; i < sizeof(icmp6_read) / sizeof(icmp6_read[0]); i++) {
		const char *q = *pp;
		if (tx_lit(&q, le, nt_icmp6_type_name(icmp6_read[i])) && q > bend) {
			best = icmp6_read[i];
			bend = q;
		}
	}
	*pp = bend;
	return best;
}

/* ", NAME" + after, NAME the unreachable code's (proto/icmp.h). */
static int unreach6_code(const char **pp, const char *le, unsigned code, const char *after)
{
	const char *q = *pp;
	if (!tx_lit(&q, le, ", ") || !tx_lit(&q, le, nt_icmp6_unreach_name(code)) ||
	    !tx_lit(&q, le, after))
		return 0;
	*pp = q;
	return 1;
}

static int icmp6_message(const char **pp, const char *le, struct nt_pkt *pkt)
{
	const char *p = *pp;
	struct nt_icmp *ic = &pkt->icmp;
	uint64_t v;
	struct span w;
	int type = icmp6_type_of(&p, le);
	if (type < 0) {
		if (tx_lit(&p, le, "unknown icmp6 type (") && tx_num(&p, le, 255, 3, &v) &&
		    tx_ch(&p, le, ')')) {
			ic->type = (uint8_t)v;
			*pp = p;
			return 1;
		}
		return 0;
	}
	ic->type = (uint8_t)type;
	if (ic->type == NT_ICMP6_DST_UNREACH) {
		if (unreach6_code(&p, le, NT_ICMP6_UNREACH_PORT, ", ")) {
			ic->code = NT_ICMP6_UNREACH_PORT;
			if (tx_until(&p, le, ' ', 64, &w)) {
				set_quote_dst(pkt, w);
				icmp_unreach_tail(&p, le, pkt);
				/* v6 form has no trailing "unreachable" */
				const char *q = p;
				if ((tx_lit(&q, le, " udp port ") || tx_lit(&q, le, " tcp port "))) {
					int proto = p[1] == 'u' ? 17 : 6;
					struct span pw = tx_item(&q, le);
					int port = nt_tl_port_number(pw.p, pw.n, proto);
					if (port >= 0) {
						ic->quote.proto = (uint8_t)proto;
						ic->quote.dport = (uint16_t)port;
						ic->quote.has_ports = 1;
						p = q;
					}
				}
			}
		} else {
			static const uint8_t u6[] = {
				NT_ICMP6_UNREACH_NOROUTE, NT_ICMP6_UNREACH_ADMIN,
				NT_ICMP6_UNREACH_BEYONDSCOPE, NT_ICMP6_UNREACH_ADDR,
				NT_ICMP6_UNREACH_POLICY, NT_ICMP6_UNREACH_REJECT,
			};
			for (size_t k = 0; k < sizeof(u6) / sizeof(u6[0]); k++) {
				if (unreach6_code(&p, le, u6[k], " ")) {
					ic->code = u6[k];
					set_quote_dst(pkt, tx_item(&p, le));
					break;
				}
			}
			if (tx_lit(&p, le, ", unknown unreach code (") && tx_num(&p, le, 255, 3, &v) &&
			    tx_ch(&p, le, ')'))
				ic->code = (uint8_t)v;
		}
	} else if (ic->type == 2) {
		if (tx_lit(&p, le, ", mtu ") && tx_num(&p, le, 4294967295u, 10, &v))
			ic->mtu = (uint32_t)v;
	} else if (ic->type == 3) {
		if (tx_lit(&p, le, " for ")) {
			set_quote_dst(pkt, tx_item(&p, le));
		} else if (tx_lit(&p, le, " (reassembly)")) {
			ic->code = 1;
		}
	}
	*pp = p;
	return 1;
}

static int parse_net(struct pctx *c, const char **pp, const char *e, struct nt_pkt *pkt);

/* ", id N" / ", seq N" of an echo (sep: the ", NAME " before the number):
 * the number into *val and the field, without the ", ", emitted. */
static void echo_field(struct pctx *c, const char **pp, const char *le, const char *sep,
		       int field, uint16_t *val)
{
	const char *q = *pp;
	uint64_t v;
	if (tx_lit(&q, le, sep) && tx_num(&q, le, 65535, 5, &v)) {
		*val = (uint16_t)v;
		emit(c, field, *pp + 2, q);
		*pp = q;
	}
}

/* ICMP after "ICMP ": message, length, and the quoted datagram. */
static void parse_icmp(struct pctx *c, const char **pp, const char *e, struct nt_pkt *pkt, int v6)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	struct nt_icmp *ic = &pkt->icmp;
	uint64_t v;
	ic->present = 1;
	ic->v6 = (uint8_t)v6;
	const char *ms = p;
	int ok = v6 ? icmp6_message(&p, le, pkt) : icmp4_message(&p, le, pkt);
	ic->is_error = (uint8_t)nt_icmp_is_error(v6, ic->type);
	if (ok) {
		/* echo id/seq */
		if ((v6 && (ic->type == 128 || ic->type == 129)) ||
		    (!v6 && (ic->type == 0 || ic->type == 8))) {
			emit(c, NT_TF_ICMP_MSG, ms, p);
			echo_field(c, &p, le, ", id ", NT_TF_ICMP_ID, &ic->id);
			echo_field(c, &p, le, ", seq ", NT_TF_ICMP_SEQ, &ic->seq);
			ms = NULL;
		}
	} else {
		memset(ic, 0, sizeof(*ic));
		ic->present = 1;
		ic->v6 = (uint8_t)v6;
	}
	/* The rest of the message up to ", length N" (or "length N"). */
	const char *ls = NULL, *lv = NULL;
	for (const char *q = p; q < le; q++) {
		const char *r = q;
		if (tx_lit(&r, le, ", length ") || tx_lit(&r, le, " length ") ||
		    (q == p && tx_lit(&r, le, "length "))) {
			const char *t = r;
			if (tx_num(&t, le, 4294967295u, 10, &v) && (t >= le || *t == ' ' || *t == ',')) {
				ls = q;
				lv = t;
			}
		}
	}
	if (ls && ls > p && ls[-1] == ',')
		ls--;
	if (ms) {
		/* tcpdump's details after the type belong to the message */
		const char *mend = ls ? ls : le;
		if (ok && !ls && !v6 && !ic->is_error)
			mend = p;
		if (mend > ms)
			emit(c, ok ? NT_TF_ICMP_MSG : NT_TF_UNKNOWN, ms, mend);
		p = mend;
	}
	if (ls) {
		const char *t = ls;
		tx_ch(&t, le, ',');
		tx_skipsp(&t, le);
		const char *ns = t;
		t += 7; /* "length " */
		tx_num(&t, le, 4294967295u, 10, &v);
		pkt->l4_payload_len = (uint32_t)v;
		emit(c, NT_TF_ICMP_LEN, ns, lv);
		p = lv;
		const char *q = p;
		if (v6 && tx_lit(&q, le, ", ") && q < le) {
			emit(c, NT_TF_ICMP_MSG, q, le);
			p = le;
		}
	}
	if (ic->is_error && pkt->l4_payload_len >= 8)
		ic->quote_len = (uint16_t)(pkt->l4_payload_len - 8 > 65535 ? 65535
					   : pkt->l4_payload_len - 8);
	{
		const char *q = p;
		const char *cs;
		tx_skipsp(&q, le);
		cs = q;
		if (tx_lit(&q, le, "(wrong icmp cksum ") && tx_past(&q, le, ')', 64)) {
			emit(c, NT_TF_ICMP_CKSUM, cs, q);
			p = q;
		}
	}
	/* The quoted datagram at -v. */
	if (ic->is_error && !c->quoted) {
		const char *q = p;
		tx_skipws(&q, e);
		if (q < e && (tx_lit(&(const char *){q}, e, "IP ") ||
			      tx_lit(&(const char *){q}, e, "IP6 ") ||
			      tx_lit(&(const char *){q}, e, "(tos "))) {
			struct nt_pkt qp;
			memset(&qp, 0, sizeof(qp));
			emit(c, NT_TF_QUOTE, q, q);
			c->quoted = 1;
			int got = parse_net(c, &q, e, &qp);
			c->quoted = 0;
			if (got && (qp.l3 == 4 || qp.l3 == 6)) {
				/* The quoted header is better evidence than the
				 * message text; keep what only the text gave. */
				struct nt_flow old = ic->quote;
				ic->has_quote = 1;
				ic->quote = qp.flow;
				if (!qp.flow.has_ports && old.has_ports) {
					ic->quote.has_ports = 1;
					ic->quote.sport = old.sport;
					ic->quote.dport = old.dport;
				}
				if (!ic->quote.proto)
					ic->quote.proto = old.proto;
				ic->quote_ttl = qp.ttl;
				if (qp.dns.present && qp.dns.status != NT_PKT_MALFORMED &&
				    (qp.dns.has_question || qp.dns.id)) {
					ic->quote_has_dns_id = 1;
					ic->quote_dns_id = qp.dns.id;
					ic->quote_dns_qtype = qp.dns.qtype;
					memcpy(ic->quote_qname, qp.dns.qname, sizeof(ic->quote_qname));
				}
			}
			p = q;
		}
	}
	*pp = p;
}

/* ------------------------------------------------------------------ */
/* The network part */

/* "-e" link header: everything up to ", length N: " on this line. */
static int parse_link(struct pctx *c, const char **pp, const char *e, int *fam)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	const char *lim = (size_t)(le - p) > 400 ? p + 400 : le;
	for (const char *q = p; q < lim; q++) {
		const char *r = q;
		uint64_t v;
		if (tx_lit(&r, le, ", length ") && tx_num(&r, le, 4294967295u, 10, &v) &&
		    tx_ch(&r, le, ':')) {
			struct span ls = {p, (size_t)(r - p)};
			*fam = 0;
			for (size_t i = 0; i + 4 <= ls.n; i++) {
				if (memcmp(ls.p + i, "IPv4", 4) == 0)
					*fam = 4;
				else if (memcmp(ls.p + i, "IPv6", 4) == 0)
					*fam = 6;
				else if (i + 3 <= ls.n && memcmp(ls.p + i, "ARP", 3) == 0 && !*fam)
					*fam = 1;
			}
			emit(c, NT_TF_LINK, p, r);
			tx_skipsp(&r, le);
			*pp = r;
			return 1;
		}
	}
	return 0;
}

/* After the ports: UDP / TCP / ICMP / DNS payload text. */
static void parse_payload(struct pctx *c, const char **pp, const char *e, struct nt_pkt *pkt,
			  int proto)
{
	const char *p = *pp;
	const char *le = eol(p, e);
	uint64_t v;
	for (int i = 0; i < 2; i++) {
		const char *q = p;
		tx_skipsp(&q, le);
		const char *s = q;
		if (tx_lit(&q, le, "[udp sum ok]") || tx_lit(&q, le, "[no cksum]")) {
			proto = 17;
		} else if (tx_lit(&q, le, "[icmp6 sum ok]")) {
			proto = 58;
		} else if (tx_lit(&q, le, "[bad udp cksum ") && tx_past(&q, le, ']', 64)) {
			proto = 17;
		} else if (tx_lit(&q, le, "[bad icmp6 cksum ") && tx_past(&q, le, ']', 64)) {
			proto = 58;
		} else {
			break;
		}
		emit(c, NT_TF_L4_CKSUM, s, q);
		p = q;
	}
	tx_skipsp(&p, le);
	const char *s = p;
	struct nt_flow *f = &pkt->flow;
	int dnsport = f->has_ports && (f->sport == 53 || f->dport == 53 || f->sport == 5353 ||
				       f->dport == 5353);
	if (tx_lit(&p, le, "ICMP6, ") || tx_lit(&p, le, "ICMP6 ")) {
		f->proto = 58;
		emit(c, NT_TF_ICMP, s, s + 5);
		parse_icmp(c, &p, e, pkt, 1);
	} else if (tx_lit(&p, le, "ICMP ")) {
		f->proto = 1;
		emit(c, NT_TF_ICMP, s, p - 1);
		parse_icmp(c, &p, e, pkt, 0);
	} else if (proto == 1 || proto == 58) {
		f->proto = (uint8_t)proto;
	} else if (tx_lit(&(const char *){p}, le, "Flags [")) {
		f->proto = 6;
		parse_tcp(c, &p, e, pkt);
		const char *q = p;
		tx_skipsp(&q, le);
		if (pkt->l4_payload_len > 0 && q < le && is_digit(*q)) {
			if (parse_dns(c, &q, e, &pkt->dns))
				p = q;
		} else if (tx_lit(&q, le, ": HTTP")) {
			const char *he = eol(q, e);
			emit(c, NT_TF_HTTP, p, he);
			p = he;
		}
	} else if (tx_lit(&p, le, "UDP, ")) {
		f->proto = 17;
		const char *q = p;
		if (tx_lit(&q, le, "length ") && tx_num(&q, le, 65535, 5, &v)) {
			pkt->l4_payload_len = (uint32_t)v;
			p = q;
		} else if (tx_lit(&q, le, "bad length ") && tx_num(&q, le, 65535, 5, &v)) {
			pkt->l4_payload_len = (uint32_t)v;
			pkt->status = NT_PKT_MALFORMED;
			while (q < le && !is_ws(*q))
				q++;
			tx_lit(&q, le, " > ");
			tx_num(&q, le, 65535, 5, &v);
			p = q;
		}
		emit(c, NT_TF_UDP_LEN, s, p);
	} else if ((tx_lit(&p, le, "tcp ") || tx_lit(&p, le, "udp ")) &&
		   tx_num(&p, le, 4294967295u, 10, &v)) {
		f->proto = s[0] == 't' ? 6 : 17;
		pkt->l4_payload_len = (uint32_t)v;
		emit(c, NT_TF_QUIET, s, p);
	} else if ((p = s, tx_lit(&p, le, "ip-proto-")) && tx_num(&p, le, 255, 3, &v)) {
		f->proto = (uint8_t)v;
		emit(c, NT_TF_IPPROTO, s, p);
		const char *q = p;
		tx_skipsp(&q, le);
		if (tx_num(&q, le, 65535, 5, &v))
			p = q;
	} else {
		p = s;
		if ((dnsport || proto == 17 || (proto == 0 && f->has_ports)) && p < le &&
		    (is_digit(*p) || *p == 'd') && parse_dns(c, &p, e, &pkt->dns)) {
			if (!f->proto)
				f->proto = proto ? (uint8_t)proto : 17;
			if (pkt->dns.msg_len && f->proto == 17)
				pkt->l4_payload_len = pkt->dns.msg_len;
		}
	}
	if (!f->proto && proto)
		f->proto = (uint8_t)proto;
	if (pkt->dns.present && (f->sport == 5353 || f->dport == 5353))
		pkt->dns.is_mdns = 1;
	*pp = p;
}

/* "IP ..." / "IP6 ..." / link header; returns 1 if addresses were read. */
static int parse_net(struct pctx *c, const char **pp, const char *e, struct nt_pkt *pkt)
{
	const char *p = *pp;
	tx_skipws(&p, e);
	const char *le = eol(p, e);
	int fam = 0, proto = 0;
	const char *s = p;
	if (!c->quoted && !(tx_lit(&(const char *){p}, le, "IP ") ||
			    tx_lit(&(const char *){p}, le, "IP6 ") ||
			    tx_lit(&(const char *){p}, le, "ARP, ")))
		parse_link(c, &p, e, &fam);
	for (int i = 0; i < 8; i++) {
		const char *m = p;
		if (!tx_lit(&m, le, "MPLS (") || !tx_past(&m, le, ')', 80))
			break;
		emit(c, NT_TF_LINK, p, m);
		tx_skipsp(&m, le);
		p = m;
	}
	s = p;
	if (tx_lit(&p, le, "IP6 ")) {
		fam = 6;
		emit(c, NT_TF_NET, s, p - 1);
	} else if (tx_lit(&p, le, "IP ")) {
		fam = 4;
		emit(c, NT_TF_NET, s, p - 1);
	} else if (tx_lit(&p, le, "ARP, ")) {
		pkt->l3 = 1;
		emit(c, NT_TF_NET, s, p - 1);
		unknown_rest_line(c, &p, e);
		*pp = p;
		return 0;
	} else if (fam == 1) {
		pkt->l3 = 1;
		unknown_rest_line(c, &p, e);
		*pp = p;
		return 0;
	} else if (tx_lit(&(const char *){p}, le, "(tos ") ||
		   tx_lit(&(const char *){p}, le, "truncated-ip ")) {
		fam = 4;
	}
	if (fam != 4 && fam != 6) {
		unknown_rest_line(c, &p, e);
		*pp = p;
		return 0;
	}
	pkt->l3 = (uint8_t)fam;
	tx_skipsp(&p, le);
	s = p;
	uint64_t v;
	if (tx_lit(&p, le, "truncated-ip - ") || tx_lit(&p, le, "truncated-ip6 - ")) {
		if (tx_num(&p, le, 4294967295u, 10, &v) && tx_lit(&p, le, " bytes missing!")) {
			emit(c, NT_TF_IP_TRUNC, s, p);
			pkt->status = NT_PKT_TRUNCATED;
			tx_skipsp(&p, le);
		} else {
			p = s;
		}
	}
	if (tx_lit(&(const char *){p}, le, "("))
		parse_iphdr(c, &p, e, pkt, &proto, fam == 6);
	pkt->flow.proto = (uint8_t)proto;
	/* SRC > DST: (may be on the next, indented line at -v) */
	tx_skipws(&p, e);
	le = eol(p, e);
	struct span src, dst;
	const char *q = p;
	if (!tx_word(&q, le, &src) || !tx_lit(&q, le, " > ") || !tx_word(&q, le, &dst) ||
	    dst.p[dst.n - 1] != ':') {
		/* "SRC > DST" with nothing after it, or no addresses at all */
		unknown_rest_line(c, &p, e);
		*pp = p;
		return 0;
	}
	dst.n--;
	struct nt_flow *f = &pkt->flow;
	int shp = 0, dhp = 0;
	int sok = parse_endpoint(src, fam, proto, &f->src, &f->sport, &shp);
	int dok = parse_endpoint(dst, fam, proto, &f->dst, &f->dport, &dhp);
	emit(c, sok ? NT_TF_SRC : NT_TF_UNKNOWN, src.p, src.p + src.n);
	emit(c, NT_TF_ARROW, src.p + src.n + 1, src.p + src.n + 2);
	emit(c, dok ? NT_TF_DST : NT_TF_UNKNOWN, dst.p, dst.p + dst.n);
	f->has_ports = (uint8_t)(shp && dhp);
	if (!f->has_ports)
		f->sport = f->dport = 0;
	p = q;
	parse_payload(c, &p, e, pkt, proto);
	*pp = p;
	return 1;
}

/* Remaining text of a record: hex dumps, extension lines, markers, and
 * the words we do not know. */
static void parse_trailer(struct pctx *c, const char **pp, const char *e)
{
	const char *p = *pp;
	for (unsigned guard = 0; guard < 1000000 && p < e; guard++) {
		tx_skipws(&p, e);
		if (p >= e)
			break;
		const char *le = eol(p, e);
		const char *s = p;
		struct span w;
		if (tx_lit(&(const char *){p}, le, "0x") && le - p > 7 && p[6] == ':') {
			emit(c, NT_TF_HEXDUMP, s, le);
			p = le;
		} else if (tx_lit(&(const char *){p}, le, "ICMP Multi-Part")) {
			emit(c, NT_TF_EXT, s, le);
			p = le;
		} else if (tx_lit(&p, le, "[|")) {
			tx_past(&p, le, ']', 32);
			emit(c, NT_TF_TRUNC, s, p);
		} else if (tx_lit(&p, le, "(invalid)")) {
			emit(c, NT_TF_INVALID, s, p);
		} else if (tx_word(&p, le, &w)) {
			emit(c, is_len_word(w) && c->dns_seen ? NT_TF_DNS_LEN : NT_TF_UNKNOWN, w.p,
			     w.p + w.n);
		} else {
			p = le;
		}
	}
	*pp = p;
}

/* ------------------------------------------------------------------ */
/* Line prefix: -# number and time stamp */

struct prefix {
	int has_number;
	uint64_t number;
	const char *num_s, *num_e;
	int ts_kind;
	const char *ts_s, *ts_e;
	int64_t sec;
	uint32_t nsec;
	int neg;
	const char *body;
};

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

/* ".ffffff" (1..9 digits) -> nanoseconds */
static int tx_frac(const char **pp, const char *e, uint32_t *ns)
{
	const char *p = *pp;
	if (!tx_ch(&p, e, '.'))
		return 0;
	uint32_t x = 0;
	size_t nd = 0;
	while (p < e && is_digit(*p)) {
		/* tcpdump prints 6 or 9 digits, and more for a bogus value
		 * (icmp-icmp_print-oobr-2); digits past the 9th are dropped */
		if (++nd > 12)
			return 0;
		if (nd <= 9)
			x = x * 10 + (uint32_t)(*p - '0');
		p++;
	}
	if (nd == 0)
		return 0;
	for (size_t i = nd; i < 9; i++)
		x *= 10;
	*ns = x;
	*pp = p;
	return 1;
}

/* HH:MM:SS.frac */
static int tx_hms(const char **pp, const char *e, int64_t *sec, uint32_t *ns, int two)
{
	const char *p = *pp;
	uint32_t h, m, s;
	if (!tx_ndig(&p, e, 2, &h)) {
		if (two || !tx_ndig(&p, e, 1, &h))
			return 0;
	}
	if (!tx_ch(&p, e, ':') || !tx_ndig(&p, e, 2, &m) || !tx_ch(&p, e, ':') ||
	    !tx_ndig(&p, e, 2, &s) || m > 59 || s > 60 || h > 23)
		return 0;
	if (!tx_frac(&p, e, ns))
		return 0;
	*sec = (int64_t)h * 3600 + m * 60 + s;
	*pp = p;
	return 1;
}

static int at_sep(const char *p, const char *e)
{
	return p >= e || *p == ' ' || *p == '\t' || *p == '\n';
}

static int parse_ts(const char **pp, const char *e, struct prefix *px)
{
	const char *p = *pp;
	uint32_t y, mo, d;
	const char *s = p;
	/* -ttt / -ttttt: sign column then HH:MM:SS */
	if (p + 1 < e && (*p == ' ' || *p == '-') && is_digit(p[1])) {
		const char *q = p + 1;
		if (tx_hms(&q, e, &px->sec, &px->nsec, 1) && at_sep(q, e)) {
			px->ts_kind = NT_TL_TS_DELTA;
			px->neg = *p == '-';
			px->ts_s = *p == '-' ? p : p + 1;
			px->ts_e = q;
			*pp = q;
			return 1;
		}
		return 0;
	}
	if (tx_ndig(&p, e, 4, &y) && tx_ch(&p, e, '-') && tx_ndig(&p, e, 2, &mo) &&
	    tx_ch(&p, e, '-') && tx_ndig(&p, e, 2, &d) && tx_ch(&p, e, ' ') && mo >= 1 &&
	    mo <= 12 && d >= 1 && d <= 31) {
		int64_t sod;
		if (tx_hms(&p, e, &sod, &px->nsec, 1) && at_sep(p, e)) {
			px->sec = days_from_civil(y, mo, d) * 86400 + sod;
			px->ts_kind = NT_TL_TS_DATE;
			px->ts_s = s;
			px->ts_e = p;
			*pp = p;
			return 1;
		}
		return 0;
	}
	p = s;
	if (tx_hms(&p, e, &px->sec, &px->nsec, 0) && at_sep(p, e)) {
		px->ts_kind = NT_TL_TS_TIME;
		px->ts_s = s;
		px->ts_e = p;
		*pp = p;
		return 1;
	}
	p = s;
	uint64_t secs;
	if (tx_num(&p, e, 99999999999ull, 11, &secs)) {
		const char *f = p;
		if (tx_frac(&p, e, &px->nsec) && (p - f == 7 || p - f == 10) && at_sep(p, e)) {
			px->sec = (int64_t)secs;
			px->ts_kind = NT_TL_TS_EPOCH;
			px->ts_s = s;
			px->ts_e = p;
			*pp = p;
			return 1;
		}
	}
	return 0;
}

static int is_hex(char ch)
{
	return is_digit(ch) || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/* "IP ", "IP6 ", "ARP, " or an -e Ethernet header "xx:xx:xx:xx:xx:xx > " */
static int body_starts_packet(const char *p, const char *e)
{
	if (tx_lit(&p, e, "IP ") || tx_lit(&p, e, "IP6 ") || tx_lit(&p, e, "ARP, "))
		return 1;
	if (e - p < 20)
		return 0;
	for (int i = 0; i < 17; i++)
		if (i % 3 == 2 ? p[i] != ':' : !is_hex(p[i]))
			return 0;
	return p[17] == ' ' && p[18] == '>' && p[19] == ' ';
}

/* 1: the line starts a packet (number, time stamp, or "IP ..."). */
static int parse_prefix(const char *s, const char *e, struct prefix *px)
{
	memset(px, 0, sizeof(*px));
	const char *p = s;
	/* -#: "%5u  " */
	{
		const char *q = p;
		while (q < e && *q == ' ' && q - p < 16)
			q++;
		const char *ns = q;
		uint64_t v;
		if (tx_num(&q, e, UINT32_MAX, 10, &v) && tx_lit(&q, e, "  ")) {
			px->has_number = 1;
			px->number = v;
			px->num_s = ns;
			px->num_e = q - 2;
			p = q;
		}
	}
	if (parse_ts(&p, e, px)) {
		tx_ch(&p, e, ' ');
	} else if (!px->has_number && !body_starts_packet(p, e)) {
		return 0;
	}
	px->body = p;
	return 1;
}

/* ------------------------------------------------------------------ */

int nt_textlog_parse(const char *s, size_t n, struct nt_pkt *pkt, struct nt_tl_rec *rec)
{
	memset(pkt, 0, sizeof(*pkt));
	rec->text = s;
	rec->len = n;
	rec->ntok = 0;
	rec->ts_kind = NT_TL_TS_NONE;
	rec->has_number = 0;
	rec->number = 0;
	pkt->flags = NT_PKT_FROM_TEXT | NT_PKT_NO_DATE;
	struct pctx c = {s, s + n, rec, 0, 0, 0};
	const char *e = s + n;
	struct prefix px;
	int starts = parse_prefix(s, e, &px);
	const char *p = s;
	if (starts) {
		if (px.has_number) {
			rec->has_number = 1;
			rec->number = px.number;
			emit(&c, NT_TF_NUMBER, px.num_s, px.num_e);
		}
		if (px.ts_kind) {
			rec->ts_kind = px.ts_kind;
			emit(&c, NT_TF_TS, px.ts_s, px.ts_e);
			pkt->ts_sec = px.neg ? -px.sec : px.sec;
			pkt->ts_nsec = px.nsec;
			if (px.ts_kind == NT_TL_TS_DATE || px.ts_kind == NT_TL_TS_EPOCH)
				pkt->flags &= ~(uint32_t)NT_PKT_NO_DATE;
		}
		p = px.body;
	}
	parse_net(&c, &p, e, pkt);
	parse_trailer(&c, &p, e);
	return starts;
}

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
		struct prefix px;
		int start = parse_prefix(s, s + n, &px);
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
			struct prefix px;
			if (!line_is_chatter(s, (size_t)(l2 - s)) && parse_prefix(s, l2, &px)) {
				const char *b = px.body;
				if (px.ts_kind || px.has_number || body_starts_packet(b, l2))
					return 1;
			}
			lines++;
		}
		s = le + 1;
	}
	return 0;
}
