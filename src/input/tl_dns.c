/* \summary: text-log parser, DNS: a DNS message as tcpdump 4.99 prints it
 * (id, opcode, rcode, flags, counts, question, answers, -vv sections,
 * EDNS, length) into struct nt_dns, and the DNS names it reads
 * (proto/dns.h). */
#include "input/textlog_int.h"

#include <string.h>

#include "proto/dns.h"

/* ------------------------------------------------------------------ */
/* Names (proto/dns.h) */

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

/* ------------------------------------------------------------------ */
/* DNS */

int nt_tl_is_len_word(struct span w)
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
				    nt_tl_is_len_word(w) || span_is(w, "[|domain]")))
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
				nt_tl_addr_only(v, &rr->addr);
		}
		d->n_rr++;
		return;
next:
		prev = w;
	}
}

/* The question: TYPE[ CLASS]? qname. */
static int dns_question(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_dns *d)
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
	nt_tl_emit(c, NT_TF_DNS_QTYPE, qs, p);
	const char *q = p;
	tx_skipsp(&q, le);
	if (tx_word(&q, le, &w) && w.n < NT_DNS_NAME_MAX + 1 && !nt_tl_is_len_word(w) &&
	    !span_is(w, "[|domain]")) {
		struct span nm = w;
		if (nm.n > 1 && nm.p[nm.n - 1] == '.')
			nm.n--;
		if (span_copy(d->qname, sizeof(d->qname), nm)) {
			nt_tl_emit(c, NT_TF_DNS_QNAME, w.p, w.p + w.n);
			p = q;
		}
	}
	*pp = p;
	return 1;
}

/* A DNS message as tcpdump prints it; 1 if it was recognised. */
int nt_tl_parse_dns(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_dns *d)
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
			nt_tl_emit(c, NT_TF_DNS_INVALID, *pp, q);
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
	nt_tl_emit(c, NT_TF_DNS_ID, ids, p);
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
			nt_tl_emit(c, NT_TF_DNS_OPCODE, wstart, q);
		} else if (rc > 0 && (sp || (w.n > 4 && memcmp(w.p, "Resp", 4) == 0))) {
			d->rcode = (uint16_t)rc;
			resp = 1;
			nt_tl_emit(c, NT_TF_DNS_RCODE, wstart, q);
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
		nt_tl_emit(c, NT_TF_DNS_FLAGS, fs, p);
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
		nt_tl_emit(c, NT_TF_DNS_BRACKET, bs, q);
		p = q;
	}
	/* Response or query? */
	{
		const char *q = p;
		tx_skipsp(&q, le);
		const char *ws = q;
		if (tx_lit(&q, le, "q:")) {
			resp = 1;
			nt_tl_emit(c, NT_TF_DNS_QSEC, ws, q);
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
			nt_tl_emit(c, NT_TF_DNS_COUNTS, cs, q);
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
				    nt_tl_is_len_word(pk) || span_is(pk, "[|domain]"))
					break;
				const char *b = dns_boundary(r, e, 1);
				if (b <= r)
					break;
				dns_rr_item(d, r, b);
				nt_tl_emit(c, NT_TF_DNS_RR, r, b);
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
	d->z = (uint8_t)(d->z | d->ad << 1 | d->cd);
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
		nt_tl_emit(c, NT_TF_DNS_SECTION, ss, b);
		p = b;
	}
	{
		const char *q = p;
		tx_skipsp(&q, le);
		const char *ls = q;
		if (tx_word(&q, le, &w)) {
			if (nt_tl_is_len_word(w)) {
				const char *np = w.p + 1;
				tx_num(&np, w.p + w.n, 65535, 5, &v);
				d->msg_len = (uint16_t)v;
				nt_tl_emit(c, NT_TF_DNS_LEN, ls, q);
				p = q;
			} else if (span_is(w, "[|domain]")) {
				d->status = NT_PKT_TRUNCATED;
				nt_tl_emit(c, NT_TF_TRUNC, ls, q);
				p = q;
			}
		}
	}
	if (d->arcount && !d->edns && !resp)
		d->edns = 1; /* "[1au]" in a query is how EDNS shows */
	*pp = p;
	return 1;
}
