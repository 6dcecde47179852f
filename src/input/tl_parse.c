/* \summary: text-log parser, the line: -# number and time stamp, the -e
 * link header, "IP"/"IP6", addresses, the payload by protocol (UDP, TCP,
 * ICMP, DNS), the trailer (hex dumps, markers, unknown words), and
 * nt_textlog_parse, which runs them over one unwrapped record and fills
 * struct nt_pkt and the field spans. */
#include "input/textlog_int.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Parser context */


void nt_tl_emit(struct nt_tl_ctx *c, int field, const char *a, const char *b)
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
void nt_tl_unknown_rest(struct nt_tl_ctx *c, const char **pp, const char *e)
{
	const char *le = eol(*pp, e);
	struct span w;
	for (;;) {
		tx_skipsp(pp, le);
		if (!tx_word(pp, le, &w))
			break;
		nt_tl_emit(c, NT_TF_UNKNOWN, w.p, w.p + w.n);
	}
}

/* ------------------------------------------------------------------ */
/* The network part */

/* "-e" link header: everything up to ", length N: " on this line. */
static int parse_link(struct nt_tl_ctx *c, const char **pp, const char *e, int *fam)
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
			nt_tl_emit(c, NT_TF_LINK, p, r);
			tx_skipsp(&r, le);
			*pp = r;
			return 1;
		}
	}
	return 0;
}

/* After the ports: UDP / TCP / ICMP / DNS payload text. */
static void parse_payload(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt,
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
		nt_tl_emit(c, NT_TF_L4_CKSUM, s, q);
		p = q;
	}
	tx_skipsp(&p, le);
	const char *s = p;
	struct nt_flow *f = &pkt->flow;
	int dnsport = f->has_ports && (f->sport == 53 || f->dport == 53 || f->sport == 5353 ||
				       f->dport == 5353);
	if (tx_lit(&p, le, "ICMP6, ") || tx_lit(&p, le, "ICMP6 ")) {
		f->proto = 58;
		nt_tl_emit(c, NT_TF_ICMP, s, s + 5);
		nt_tl_parse_icmp(c, &p, e, pkt, 1);
	} else if (tx_lit(&p, le, "ICMP ")) {
		f->proto = 1;
		nt_tl_emit(c, NT_TF_ICMP, s, p - 1);
		nt_tl_parse_icmp(c, &p, e, pkt, 0);
	} else if (proto == 1 || proto == 58) {
		f->proto = (uint8_t)proto;
	} else if (tx_lit(&(const char *){p}, le, "Flags [")) {
		f->proto = 6;
		nt_tl_parse_tcp(c, &p, e, pkt);
		const char *q = p;
		tx_skipsp(&q, le);
		if (pkt->l4_payload_len > 0 && q < le && is_digit(*q)) {
			if (nt_tl_parse_dns(c, &q, e, &pkt->dns))
				p = q;
		} else if (tx_lit(&q, le, ": HTTP")) {
			const char *he = eol(q, e);
			nt_tl_emit(c, NT_TF_HTTP, p, he);
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
		nt_tl_emit(c, NT_TF_UDP_LEN, s, p);
	} else if ((tx_lit(&p, le, "tcp ") || tx_lit(&p, le, "udp ")) &&
		   tx_num(&p, le, 4294967295u, 10, &v)) {
		f->proto = s[0] == 't' ? 6 : 17;
		pkt->l4_payload_len = (uint32_t)v;
		nt_tl_emit(c, NT_TF_QUIET, s, p);
	} else if ((p = s, tx_lit(&p, le, "ip-proto-")) && tx_num(&p, le, 255, 3, &v)) {
		f->proto = (uint8_t)v;
		nt_tl_emit(c, NT_TF_IPPROTO, s, p);
		const char *q = p;
		tx_skipsp(&q, le);
		if (tx_num(&q, le, 65535, 5, &v))
			p = q;
	} else {
		p = s;
		if ((dnsport || proto == 17 || (proto == 0 && f->has_ports)) && p < le &&
		    (is_digit(*p) || *p == 'd') && nt_tl_parse_dns(c, &p, e, &pkt->dns)) {
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
int nt_tl_parse_net(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt)
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
		nt_tl_emit(c, NT_TF_LINK, p, m);
		tx_skipsp(&m, le);
		p = m;
	}
	s = p;
	if (tx_lit(&p, le, "IP6 ")) {
		fam = 6;
		nt_tl_emit(c, NT_TF_NET, s, p - 1);
	} else if (tx_lit(&p, le, "IP ")) {
		fam = 4;
		nt_tl_emit(c, NT_TF_NET, s, p - 1);
	} else if (tx_lit(&p, le, "ARP, ")) {
		pkt->l3 = 1;
		nt_tl_emit(c, NT_TF_NET, s, p - 1);
		nt_tl_unknown_rest(c, &p, e);
		*pp = p;
		return 0;
	} else if (fam == 1) {
		pkt->l3 = 1;
		nt_tl_unknown_rest(c, &p, e);
		*pp = p;
		return 0;
	} else if (tx_lit(&(const char *){p}, le, "(tos ") ||
		   tx_lit(&(const char *){p}, le, "truncated-ip ")) {
		fam = 4;
	}
	if (fam != 4 && fam != 6) {
		nt_tl_unknown_rest(c, &p, e);
		*pp = p;
		return 0;
	}
	pkt->l3 = (uint8_t)fam;
	tx_skipsp(&p, le);
	s = p;
	uint64_t v;
	if (tx_lit(&p, le, "truncated-ip - ") || tx_lit(&p, le, "truncated-ip6 - ")) {
		if (tx_num(&p, le, 4294967295u, 10, &v) && tx_lit(&p, le, " bytes missing!")) {
			nt_tl_emit(c, NT_TF_IP_TRUNC, s, p);
			pkt->status = NT_PKT_TRUNCATED;
			tx_skipsp(&p, le);
		} else {
			p = s;
		}
	}
	if (tx_lit(&(const char *){p}, le, "("))
		nt_tl_parse_iphdr(c, &p, e, pkt, &proto, fam == 6);
	pkt->flow.proto = (uint8_t)proto;
	/* SRC > DST: (may be on the next, indented line at -v) */
	tx_skipws(&p, e);
	le = eol(p, e);
	struct span src, dst;
	const char *q = p;
	if (!tx_word(&q, le, &src) || !tx_lit(&q, le, " > ") || !tx_word(&q, le, &dst) ||
	    dst.p[dst.n - 1] != ':') {
		/* "SRC > DST" with nothing after it, or no addresses at all */
		nt_tl_unknown_rest(c, &p, e);
		*pp = p;
		return 0;
	}
	dst.n--;
	struct nt_flow *f = &pkt->flow;
	int shp = 0, dhp = 0;
	int sok = nt_tl_endpoint(src, fam, proto, &f->src, &f->sport, &shp);
	int dok = nt_tl_endpoint(dst, fam, proto, &f->dst, &f->dport, &dhp);
	nt_tl_emit(c, sok ? NT_TF_SRC : NT_TF_UNKNOWN, src.p, src.p + src.n);
	nt_tl_emit(c, NT_TF_ARROW, src.p + src.n + 1, src.p + src.n + 2);
	nt_tl_emit(c, dok ? NT_TF_DST : NT_TF_UNKNOWN, dst.p, dst.p + dst.n);
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
static void parse_trailer(struct nt_tl_ctx *c, const char **pp, const char *e)
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
			nt_tl_emit(c, NT_TF_HEXDUMP, s, le);
			p = le;
		} else if (tx_lit(&(const char *){p}, le, "ICMP Multi-Part")) {
			nt_tl_emit(c, NT_TF_EXT, s, le);
			p = le;
		} else if (tx_lit(&p, le, "[|")) {
			tx_past(&p, le, ']', 32);
			nt_tl_emit(c, NT_TF_TRUNC, s, p);
		} else if (tx_lit(&p, le, "(invalid)")) {
			nt_tl_emit(c, NT_TF_INVALID, s, p);
		} else if (tx_word(&p, le, &w)) {
			nt_tl_emit(c, nt_tl_is_len_word(w) && c->dns_seen ? NT_TF_DNS_LEN : NT_TF_UNKNOWN, w.p,
			     w.p + w.n);
		} else {
			p = le;
		}
	}
	*pp = p;
}

/* ------------------------------------------------------------------ */
/* Line prefix: -# number and time stamp */


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

static int parse_ts(const char **pp, const char *e, struct nt_tl_prefix *px)
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
int nt_tl_body_starts_packet(const char *p, const char *e)
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
int nt_tl_parse_prefix(const char *s, const char *e, struct nt_tl_prefix *px)
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
	} else if (!px->has_number && !nt_tl_body_starts_packet(p, e)) {
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
	struct nt_tl_ctx c = {s, s + n, rec, 0, 0, 0};
	const char *e = s + n;
	struct nt_tl_prefix px;
	int starts = nt_tl_parse_prefix(s, e, &px);
	const char *p = s;
	if (starts) {
		if (px.has_number) {
			rec->has_number = 1;
			rec->number = px.number;
			nt_tl_emit(&c, NT_TF_NUMBER, px.num_s, px.num_e);
		}
		if (px.ts_kind) {
			rec->ts_kind = px.ts_kind;
			nt_tl_emit(&c, NT_TF_TS, px.ts_s, px.ts_e);
			pkt->ts_sec = px.neg ? -px.sec : px.sec;
			pkt->ts_nsec = px.nsec;
			if (px.ts_kind == NT_TL_TS_DATE || px.ts_kind == NT_TL_TS_EPOCH)
				pkt->flags &= ~(uint32_t)NT_PKT_NO_DATE;
		}
		p = px.body;
	}
	nt_tl_parse_net(&c, &p, e, pkt);
	parse_trailer(&c, &p, e);
	return starts;
}
