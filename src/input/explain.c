/* \summary: `explain`: turns the field spans of a tcpdump line into plain
 * words, one item per field, and renders the items as text, a Markdown
 * table or JSON. */
#include "input/explain.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/dns.h"
#include "proto/icmp.h"
#include "proto/services.h"

/* ------------------------------------------------------------------ */
/* Small helpers */

static void sanitize(char *dst, size_t cap, const char *s, size_t n)
{
	size_t j = 0;
	int cut = 0;
	for (size_t i = 0; i < n; i++) {
		if (j + 4 >= cap) {
			cut = 1;
			break;
		}
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\n') {
			dst[j++] = ' ';
			dst[j++] = '|';
			dst[j++] = ' ';
			while (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t'))
				i++;
		} else if (ch == '\t') {
			dst[j++] = ' ';
		} else {
			dst[j++] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '.';
		}
	}
	if (cut) {
		memcpy(dst + j, "...", 3);
		j += 3;
	}
	dst[j] = '\0';
}

static void setf(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void setf(char *dst, size_t cap, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, cap, fmt, ap);
	va_end(ap);
}

static void addf(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void addf(char *dst, size_t cap, const char *fmt, ...)
{
	size_t l = strlen(dst);
	if (l + 1 >= cap)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst + l, cap - l, fmt, ap);
	va_end(ap);
}

#define TEXT(it, ...) setf((it)->text, sizeof((it)->text), __VA_ARGS__)
#define MEAN(it, ...) setf((it)->meaning, sizeof((it)->meaning), __VA_ARGS__)
#define MEANADD(it, ...) addf((it)->meaning, sizeof((it)->meaning), __VA_ARGS__)

static const struct { unsigned type; const char *what; } qtypes[] = {
	{1, "IPv4 address"}, {2, "name servers of the zone"}, {5, "alias (canonical name)"},
	{6, "zone authority data (start of authority)"}, {12, "name of an address (reverse lookup)"},
	{15, "mail servers of the domain"}, {16, "text data (SPF, verification tokens...)"},
	{28, "IPv6 address"}, {33, "service location (host and port)"},
	{35, "naming authority pointer"}, {41, "EDNS0 options"}, {43, "DNSSEC delegation signer"},
	{46, "DNSSEC signature"}, {48, "DNSSEC public key"}, {52, "TLS certificate association"},
	{64, "service binding"}, {65, "HTTPS service binding"}, {252, "whole zone transfer"},
	{255, "all records (ANY)"}, {257, "certificate authorities allowed"},
};

static const char *qtype_what(unsigned t)
{
	for (size_t i = 0; i < sizeof(qtypes) / sizeof(qtypes[0]); i++)
		if (qtypes[i].type == t)
			return qtypes[i].what;
	return NULL;
}

/* What a response code means (the names are proto/dns.h's). */
static const char *const rcode_meaning[] = {
	[NT_DNS_R_FORMERR] = "format error: the server could not understand the query",
	[NT_DNS_R_SERVFAIL] = "server failure: the server could not answer (often a resolver "
			      "that cannot reach the authoritative servers, or a DNSSEC "
			      "validation failure)",
	[NT_DNS_R_NXDOMAIN] = "the name does not exist (non-existent domain)",
	[NT_DNS_R_NOTIMP] = "not implemented: the server does not support this kind of query",
	[NT_DNS_R_REFUSED] = "refused: the server will not answer this client (policy, e.g. "
			     "not an open resolver for it)",
	[NT_DNS_R_YXDOMAIN] = "a name exists that should not (dynamic update)",
	[NT_DNS_R_YXRRSET] = "an RR set exists that should not (dynamic update)",
	[NT_DNS_R_NXRRSET] = "an RR set that should exist does not (dynamic update)",
	[NT_DNS_R_NOTAUTH] = "the server is not authoritative for the zone / not authorized",
	[NT_DNS_R_NOTZONE] = "the name is not in the zone (dynamic update)",
	[NT_DNS_R_BADVERS] = "bad EDNS version: the server does not speak the EDNS version "
			     "asked for",
	[NT_DNS_R_BADCOOKIE] = "bad or missing server cookie (EDNS cookie)",
};

static const char *rcode_what(unsigned rc)
{
	if (rc < sizeof(rcode_meaning) / sizeof(rcode_meaning[0]) && rcode_meaning[rc])
		return rcode_meaning[rc];
	return "an error code";
}

/* Describes "ADDR[.PORT]" as host and port. */
static void explain_endpoint(struct nt_explain_item *it, const char *role, const char *tok,
			     size_t n, int proto)
{
	char buf[128];
	uint16_t port = 0;
	int has_port = 0;
	size_t len = n;
	if (len && tok[len - 1] == ':')
		len--;
	if (len >= sizeof(buf))
		len = sizeof(buf) - 1;
	memcpy(buf, tok, len);
	buf[len] = '\0';
	/* Split ourselves: the host part is everything up to the port. */
	char host[128];
	snprintf(host, sizeof(host), "%s", buf);
	const char *pname = NULL;
	char *dot = strrchr(host, '.');
	int fam = strchr(host, ':') ? 6 : 4;
	{
		/* Use the same rules as the parser: a 5th dotted part (v4) or a
		 * dotted suffix after a v6 address is a port. */
		int dots = 0;
		for (char *q = host; *q; q++)
			dots += *q == '.';
		int numeric = 1;
		for (char *q = host; *q; q++)
			if (!((*q >= '0' && *q <= '9') || *q == '.' || *q == ':'))
				numeric = 0;
		/* a.b.c.d.PORT, v6.PORT, or a resolved name.PORT (no -n) */
		int can = fam == 6 ? dots != 3 : numeric ? dots == 4 : dots >= 1;
		if (dot && can) {
			int pn = nt_tl_port_number(dot + 1, strlen(dot + 1), proto);
			if (pn >= 0) {
				has_port = 1;
				port = (uint16_t)pn;
				pname = dot + 1;
				*dot = '\0';
			}
		}
	}
	TEXT(it, "%s", role);
	MEAN(it, "host %s", host);
	if (!has_port) {
		if (proto == 1 || proto == 58)
			MEANADD(it, " (ICMP has no ports)");
		return;
	}
	const char *what = nt_service_description(port);
	int named = pname && !(pname[0] >= '0' && pname[0] <= '9');
	MEANADD(it, ", port %u", port);
	if (named && what)
		MEANADD(it, " \"%s\" = %s", pname, what);
	else if (named)
		MEANADD(it, " \"%s\"", pname);
	else if (what)
		MEANADD(it, " = %s", what);
	if (!what) {
		if (port >= 49152)
			MEANADD(it, " (a client's ephemeral port)");
		else if (port >= 32768)
			MEANADD(it, " (a high port, usually a client's ephemeral port)");
		else if (port >= 1024)
			MEANADD(it, " (a registered/user port)");
		else
			MEANADD(it, " (a well-known system port)");
	}
}

static const char *tcp_flag_word(char ch)
{
	switch (ch) {
	case 'S': return "SYN (open a connection)";
	case '.': return "ACK (acknowledges data)";
	case 'F': return "FIN (no more data: closing)";
	case 'R': return "RST (reset: the connection is refused or aborted)";
	case 'P': return "PUSH (deliver the data now)";
	case 'U': return "URG (urgent data)";
	case 'E': return "ECE (ECN echo: congestion seen)";
	case 'W': return "CWR (congestion window reduced)";
	default: return NULL;
	}
}

/* ------------------------------------------------------------------ */
/* Templates: fixed words with the values of one field filled in */

/* The values a template may name. */
struct tvars {
	unsigned long long n;  /* {n}: the first number in the field */
	const char *dst;       /* {dst}: the quoted destination */
	const char *pr;        /* {pr}: its transport ("UDP", "TCP", "IP") */
	unsigned port;         /* {port}: its port; {svc}: " (what it is)" or
				* nothing; {dns}: what a rejected port 53 means */
	unsigned mtu;          /* {mtu}: " (N bytes)", or nothing for 0 */
	unsigned qproto;       /* {qproto}: the quoted IP protocol number */
	unsigned code;         /* {code}: the ICMP code */
};

/* Appends what placeholder {name} (len bytes) stands for. */
static void put_var(char *dst, size_t cap, const char *name, size_t len, const struct tvars *v)
{
#define IS(lit) (len == sizeof(lit) - 1 && memcmp(name, lit, len) == 0)
	if (IS("n")) {
		addf(dst, cap, "%llu", v->n);
	} else if (IS("dst")) {
		addf(dst, cap, "%s", v->dst);
	} else if (IS("pr")) {
		addf(dst, cap, "%s", v->pr);
	} else if (IS("port")) {
		addf(dst, cap, "%u", v->port);
	} else if (IS("svc")) {
		const char *what = nt_service_description(v->port);
		if (what)
			addf(dst, cap, " (%s)", what);
	} else if (IS("dns")) {
		if (v->port == 53)
			addf(dst, cap, ", so this DNS query got no answer from that server");
	} else if (IS("mtu")) {
		if (v->mtu)
			addf(dst, cap, " (%u bytes)", v->mtu);
	} else if (IS("qproto")) {
		addf(dst, cap, "%u", v->qproto);
	} else if (IS("code")) {
		addf(dst, cap, "%u", v->code);
	}
#undef IS
}

/* dst = the template t with its {placeholders} filled in (cut at cap). */
static void fill(char *dst, size_t cap, const char *t, const struct tvars *v)
{
	dst[0] = '\0';
	while (*t) {
		const char *b = strchr(t, '{');
		const char *e = b ? strchr(b, '}') : NULL;
		if (b == NULL || e == NULL) {
			addf(dst, cap, "%s", t);
			return;
		}
		addf(dst, cap, "%.*s", (int)(b - t), t);
		put_var(dst, cap, b + 1, (size_t)(e - b - 1), v);
		t = e + 1;
	}
}

/* ------------------------------------------------------------------ */
/* ICMP messages */

enum { ANY = -1 };

/* What an ICMP/ICMPv6 message means, by type and code (ANY: any); the
 * first matching entry counts, so specific codes come before ANY. */
static const struct {
	uint8_t v6;
	int16_t type, code;
	const char *meaning;    /* template */
} icmp_meanings[] = {
	{0, NT_ICMP_ECHOREPLY, ANY, "echo reply: the answer to a ping"},
	{0, NT_ICMP_ECHO, ANY, "echo request: a ping"},
	{0, NT_ICMP_SOURCEQUENCH, ANY, "source quench: the sender is asked to slow down (obsolete)"},
	{0, NT_ICMP_REDIRECT, ANY, "redirect: a router tells the sender to reach {dst} through "
				   "another gateway on the local network"},
	{0, NT_ICMP_TIMXCEED, NT_ICMP_TIMXCEED_INTRANS,
	 "time exceeded in transit: the datagram's TTL reached 0 at a router, which dropped it "
	 "(a routing loop, a TTL set too low, or a traceroute probe)"},
	{0, NT_ICMP_TIMXCEED, ANY, "fragment reassembly time exceeded: not all fragments of the "
				   "datagram arrived in time; it was dropped"},
	{0, NT_ICMP_PARAMPROB, ANY, "parameter problem: a router or host found a bad IP header "
				    "field and dropped the datagram"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_NET,
	 "network unreachable: a router has no route to the network of {dst}; the datagram was "
	 "dropped"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_HOST,
	 "host unreachable: the last router could not deliver to {dst} (no ARP answer: the host "
	 "is down or absent, or a filter answered); the datagram was dropped"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_PROTOCOL,
	 "protocol unreachable: {dst} does not handle IP protocol {qproto}"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_PORT,
	 "port unreachable: the host {dst} has no process listening on {pr} port {port}{svc}, "
	 "or a filter answered for it; the datagram was not delivered{dns}"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_NEEDFRAG,
	 "fragmentation needed: the datagram to {dst} was larger than the next link's MTU{mtu} "
	 "and had Don't Fragment set; the sender must send smaller packets (path-MTU problem: "
	 "large UDP answers such as DNS with EDNS can be lost)"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_SRCFAIL, "source route failed for {dst}"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_NET_UNKNOWN, "destination network of {dst} unknown"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_HOST_UNKNOWN, "destination host {dst} unknown"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_ISOLATED, "source host isolated (obsolete)"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_NET_PROHIB,
	 "communication with network {dst} is administratively prohibited: a firewall or router "
	 "rule forbids it"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_HOST_PROHIB,
	 "communication with host {dst} is administratively prohibited: a firewall or router "
	 "rule forbids it"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_TOSNET, "{dst} unreachable for this type of service"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_TOSHOST, "{dst} unreachable for this type of service"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_FILTER_PROHIB,
	 "communication administratively prohibited by a filter: a firewall blocked the datagram "
	 "to {dst}"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_HOST_PRECEDENCE, "host precedence violation"},
	{0, NT_ICMP_UNREACH, NT_ICMP_UNREACH_PRECEDENCE_CUTOFF, "precedence cutoff in effect"},
	{0, NT_ICMP_UNREACH, ANY, "destination unreachable (code {code})"},
	{0, ANY, ANY, "an ICMP message that is neither an error about the quoted datagram nor an "
		      "echo"},
	{1, NT_ICMP6_DST_UNREACH, NT_ICMP6_UNREACH_NOROUTE,
	 "no route to {dst}: a router cannot forward the datagram"},
	{1, NT_ICMP6_DST_UNREACH, NT_ICMP6_UNREACH_ADMIN,
	 "communication with {dst} is administratively prohibited (a firewall rule)"},
	{1, NT_ICMP6_DST_UNREACH, NT_ICMP6_UNREACH_ADDR,
	 "address unreachable: {dst} did not answer neighbor discovery (down or absent)"},
	{1, NT_ICMP6_DST_UNREACH, NT_ICMP6_UNREACH_PORT,
	 "port unreachable: the host {dst} has no process listening on {pr} port {port}{svc}, "
	 "or a filter answered for it{dns}"},
	{1, NT_ICMP6_DST_UNREACH, ANY, "destination unreachable (code {code})"},
	{1, NT_ICMP6_PACKET_TOO_BIG, ANY, "packet too big: a link on the path has a smaller MTU"},
	{1, NT_ICMP6_TIME_EXCEEDED, ANY, "hop limit exceeded in transit: a router dropped the "
					 "datagram (loop, hop limit too low, or traceroute)"},
	{1, NT_ICMP6_PARAM_PROB, ANY, "parameter problem: a bad IPv6 header field"},
	{1, NT_ICMP6_ECHO_REQUEST, ANY, "echo request: a ping"},
	{1, NT_ICMP6_ECHO_REPLY, ANY, "echo reply: the answer to a ping"},
	{1, NT_ICMP6_ROUTER_SOLICIT, ANY, "router solicitation: a host looks for routers"},
	{1, NT_ICMP6_ROUTER_ADVERT, ANY, "router advertisement: a router announces itself and the "
					 "prefixes"},
	{1, NT_ICMP6_NEIGHBOR_SOLICIT, ANY, "neighbor solicitation: who has this address (IPv6's "
					    "ARP)"},
	{1, NT_ICMP6_NEIGHBOR_ADVERT, ANY, "neighbor advertisement: the answer to a neighbor "
					   "solicitation"},
	{1, NT_ICMP6_REDIRECT, ANY, "redirect: use a better first hop"},
	{1, ANY, ANY, "ICMPv6 message"},
};

/* ICMP message text -> type/code and words: the text is parsed again on
 * its own, as the message of a minimal line. */
static void explain_icmp_msg(struct nt_explain_item *it, const char *s, size_t n, int v6)
{
	char line[600];
	struct nt_pkt pk;
	struct nt_tl_rec *rec = malloc(sizeof(*rec));
	if (n > 500)
		n = 500;
	snprintf(line, sizeof(line), "%s: %s %.*s", v6 ? "IP6 :: > ::" : "IP 0.0.0.0 > 0.0.0.0",
		 v6 ? "ICMP6," : "ICMP", (int)n, s);
	if (rec == NULL) {
		TEXT(it, "ICMP message");
		return;
	}
	nt_textlog_parse(line, strlen(line), &pk, rec);
	free(rec);
	const struct nt_icmp *ic = &pk.icmp;
	char dst[64] = "the destination";
	if (ic->has_quote) {
		if (ic->quote.dst.family == 6)
			nt_fmt_ip6(dst, ic->quote.dst.a);
		else
			nt_fmt_ip4(dst, ic->quote.dst.a);
	}
	struct tvars v = {
		.dst = dst,
		.pr = ic->quote.proto == 17 ? "UDP" : ic->quote.proto == 6 ? "TCP" : "IP",
		.port = ic->quote.dport,
		.mtu = ic->mtu,
		.qproto = ic->quote.proto,
		.code = ic->code,
	};
	TEXT(it, "ICMP%s message type %u code %u", v6 ? "v6" : "", ic->type, ic->code);
	for (size_t i = 0; i < sizeof(icmp_meanings) / sizeof(icmp_meanings[0]); i++) {
		if (icmp_meanings[i].v6 != v6 ||
		    (icmp_meanings[i].type != ANY && icmp_meanings[i].type != ic->type) ||
		    (icmp_meanings[i].code != ANY && icmp_meanings[i].code != ic->code))
			continue;
		fill(it->meaning, sizeof(it->meaning), icmp_meanings[i].meaning, &v);
		return;
	}
}

static int has_sub(const char *s, size_t n, const char *lit, size_t ln)
{
	if (ln == 0 || ln > n)
		return 0;
	for (size_t i = 0; i + ln <= n; i++)
		if (memcmp(s + i, lit, ln) == 0)
			return 1;
	return 0;
}

static unsigned long long num_in(const char *s, size_t n)
{
	unsigned long long v = 0;
	size_t i = 0;
	while (i < n && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	for (; i < n && s[i] >= '0' && s[i] <= '9' && v < 100000000000ull; i++)
		v = v * 10 + (unsigned)(s[i] - '0');
	return v;
}

/* ------------------------------------------------------------------ */
/* Fields */

/* One field being explained: the item to fill and what it may depend on. */
struct fctx {
	struct nt_explain_item *it;
	const struct nt_pkt *pkt;
	const struct nt_tl_rec *rec;
	const struct nt_tl_tok *tk;
	const char *s;          /* the field's text */
	size_t n;
	unsigned long long v;   /* the first number in it */
	int proto;              /* transport of its datagram (outer or quoted) */
	int *quote_l3;
};

/* The meanings that depend on the field's text or on the packet; each
 * runs after the table's text and meaning are set, and may change them. */

static void f_ts(struct fctx *c)
{
	switch (c->rec->ts_kind) {
	case NT_TL_TS_TIME:
		if (c->n >= 9)
			MEAN(c->it, "%.8s and 0%.*s s (local time of the capture; no date in this "
				    "format)", c->s, (int)(c->n - 8), c->s + 8);
		break;
	case NT_TL_TS_EPOCH:
		MEAN(c->it, "seconds since 1970-01-01 00:00 UTC (the -tt format); it carries the "
			    "date");
		break;
	case NT_TL_TS_DATE:
		MEAN(c->it, "date and local time of the capture (the -tttt format)");
		break;
	case NT_TL_TS_DELTA:
		MEAN(c->it, "time since the previous packet (-ttt) or since the first packet "
			    "(-ttttt); both formats look the same, neither has a date");
		break;
	}
}

static void f_net(struct fctx *c)
{
	if (c->n == 3 && memcmp(c->s, "IP6", 3) == 0) {
		TEXT(c->it, "IPv6 packet");
	} else if (c->n >= 3 && memcmp(c->s, "ARP", 3) == 0) {
		TEXT(c->it, "ARP packet");
		MEAN(c->it, "address resolution on the local network (which MAC has this IP)");
	} else {
		TEXT(c->it, "IPv4 packet");
	}
	if (c->tk->quoted)
		*c->quote_l3 = 1;
}

static void f_ip_offset(struct fctx *c)
{
	MEAN(c->it, c->v ? "a later fragment of a larger datagram: it carries no transport header"
			 : "the first or only fragment");
}

static void f_ip_flags(struct fctx *c)
{
	if (has_sub(c->s, c->n, "DF", 2))
		MEAN(c->it, "DF = don't fragment: routers must drop the packet rather than split it");
	else if (has_sub(c->s, c->n, "+", 1))
		MEAN(c->it, "+ = more fragments follow");
	else
		MEAN(c->it, "none set: the packet may be fragmented");
}

static void f_ip_proto(struct fctx *c)
{
	MEAN(c->it, "%s", c->it->field + (c->n > 6 ? 6 : 0));
}

static void f_src(struct fctx *c)
{
	explain_endpoint(c->it, c->tk->quoted ? "source of the quoted datagram" : "source", c->s,
			 c->n, c->proto);
	if (!c->tk->quoted && c->pkt->icmp.present && c->pkt->icmp.is_error)
		MEANADD(c->it, "; the host or router that reports the error");
}

static void f_dst(struct fctx *c)
{
	explain_endpoint(c->it, c->tk->quoted ? "destination of the quoted datagram" : "destination",
			 c->s, c->n, c->proto);
	if (!c->tk->quoted && c->pkt->icmp.present && c->pkt->icmp.is_error)
		MEANADD(c->it, "; the sender of the datagram that failed");
}

static void f_l4_cksum(struct fctx *c)
{
	if (has_sub(c->s, c->n, "ok", 2) ||
	    (has_sub(c->s, c->n, "correct)", 8) && !has_sub(c->s, c->n, "incorrect", 9)))
		MEAN(c->it, "the transport checksum is correct");
	else if (has_sub(c->s, c->n, "no cksum", 8))
		MEAN(c->it, "the sender did not compute a UDP checksum");
	else
		MEAN(c->it, "the checksum is wrong: the packet was damaged, or it was captured on "
			    "the sender before checksum offload filled it in");
}

static void f_tcp_flags(struct fctx *c)
{
	const char *b = memchr(c->s, '[', c->n);
	const char *e = b ? memchr(b, ']', c->n - (size_t)(b - c->s)) : NULL;
	if (b && e) {
		for (const char *q = b + 1; q < e; q++) {
			const char *w = tcp_flag_word(*q);
			if (w)
				MEANADD(c->it, "%s%s", c->it->meaning[0] ? ", " : "", w);
		}
	}
	uint8_t f = c->pkt->tcp_flags;
	if (!c->tk->quoted) {
		if (f == NT_TH_SYN)
			MEANADD(c->it, ": a connection attempt");
		else if (f == (NT_TH_SYN | NT_TH_ACK))
			MEANADD(c->it, ": the server accepts the connection");
		else if (f & NT_TH_RST)
			MEANADD(c->it, ": the connection is refused or torn down");
	}
}

static void f_tcp_seq(struct fctx *c)
{
	if (memchr(c->s, ':', c->n))
		MEAN(c->it, "first:after-last byte of data in this segment (relative to the start "
			    "of the connection unless -S)");
	else
		MEAN(c->it, "position of this segment in the sender's byte stream");
}

static void f_dns_id(struct fctx *c)
{
	if (!c->tk->quoted && c->pkt->dns.qr) {
		TEXT(c->it, "DNS answer id");
		MEAN(c->it, "the id of the query this answers");
	} else {
		TEXT(c->it, "DNS query id");
		MEAN(c->it, "matches the answer to the question");
	}
}

static void f_dns_opcode(struct fctx *c)
{
	MEAN(c->it, "not a standard query: %s", c->it->field);
}

static void f_dns_rcode(struct fctx *c)
{
	int rc = nt_dns_rcode_number(c->s, c->n, NT_DNS_TCPDUMP);
	MEAN(c->it, "%s", rc > 0 ? rcode_what((unsigned)rc) : "an error code");
}

static void f_dns_flags(struct fctx *c)
{
	for (size_t i = 0; i < c->n; i++) {
		const char *w = NULL;
		switch (c->s[i]) {
		case '+': w = "recursion desired (RD flag)"; break;
		case '%': w = "checking disabled (CD flag)"; break;
		case '*': w = "authoritative answer (AA flag)"; break;
		case '-': w = "recursion not available (RA flag clear)"; break;
		case '|': w = "truncated (TC flag): the answer did not fit, the client should "
			       "retry over TCP"; break;
		case '$': w = "authenticated data (AD flag, DNSSEC-validated)"; break;
		}
		if (w)
			MEANADD(c->it, "%s%s", c->it->meaning[0] ? "; " : "", w);
	}
	if (c->n == 1 && c->s[0] == '+') {
		TEXT(c->it, "recursion desired (RD flag)");
		MEAN(c->it, "the client asks the server to resolve the name fully for it");
	}
}

static void f_dns_bracket(struct fctx *c)
{
	const char *e = c->s + c->n;
	size_t n = c->n;
	if (n >= 3 && e[-2] == 'u' && e[-3] == 'a')
		MEAN(c->it, "%llu additional record(s); in a query this is the EDNS0 OPT record "
			    "(bigger UDP answers, DNSSEC)", c->v);
	else if (n >= 2 && e[-2] == 'a')
		MEAN(c->it, "%llu answer record(s) in a query (unusual)", c->v);
	else if (n >= 2 && e[-2] == 'q')
		MEAN(c->it, "%llu question(s) (normally 1)", c->v);
	else if (n >= 2 && e[-2] == 'n')
		MEAN(c->it, "%llu authority record(s)", c->v);
	else
		MEAN(c->it, "reserved header bits are set (unusual)");
}

static void f_dns_qtype(struct fctx *c)
{
	size_t tl = 0;
	while (tl < c->n && c->s[tl] != '?' && c->s[tl] != ' ')
		tl++;
	char tname[24];
	sanitize(tname, sizeof(tname), c->s, tl);
	int t = nt_tl_dns_type_number(c->s, tl);
	const char *w = t >= 0 ? qtype_what((unsigned)t) : NULL;
	if (w)
		TEXT(c->it, "question for %s %s record (%s)", tname[0] == 'A' ? "an" : "a", tname, w);
	else
		TEXT(c->it, "question for %s records", tname);
	if (memchr(c->s, ' ', c->n))
		MEAN(c->it, "with a class other than IN or an mDNS unicast/multicast mark");
}

static void f_dns_qname(struct fctx *c)
{
	size_t n = c->n;
	if (n > 1 && c->s[n - 1] == '.')
		MEAN(c->it, "%.*s (the final dot is the DNS root)", (int)(n - 1 > 200 ? 200 : n - 1),
		     c->s);
}

static void f_dns_counts(struct fctx *c)
{
	const char *s = c->s;
	size_t n = c->n;
	unsigned long long an = c->v, ns = 0, ar = 0;
	const char *a = memchr(s, '/', n);
	if (a) {
		ns = num_in(a + 1, n - (size_t)(a + 1 - s));
		const char *b = memchr(a + 1, '/', n - (size_t)(a + 1 - s));
		if (b)
			ar = num_in(b + 1, n - (size_t)(b + 1 - s));
	}
	MEAN(c->it, "%llu answer(s), %llu authority record(s), %llu additional record(s)", an, ns, ar);
	if (an == 0 && !c->pkt->dns.rcode)
		MEANADD(c->it, "; no answer: the name exists but has no record of this type, or "
			       "this is a referral");
}

static void f_dns_rr(struct fctx *c)
{
	const char *s = c->s;
	size_t n = c->n;
	char tmp[200];
	sanitize(tmp, sizeof(tmp), s, n);
	if ((n > 2 && memcmp(s, "A ", 2) == 0) || has_sub(s, n, " A ", 3))
		MEAN(c->it, "an IPv4 address of the name: %s", tmp);
	else if ((n > 5 && memcmp(s, "AAAA ", 5) == 0) || has_sub(s, n, " AAAA ", 6))
		MEAN(c->it, "an IPv6 address of the name: %s", tmp);
	else if (has_sub(s, n, "CNAME ", 6))
		MEAN(c->it, "an alias: the name is another name's (%s)", tmp);
	else
		MEAN(c->it, "%s", tmp);
}

static void f_dns_section(struct fctx *c)
{
	if (c->n >= 3 && memcmp(c->s, "ns:", 3) == 0) {
		TEXT(c->it, "authority section");
		MEAN(c->it, "the name servers responsible (-vv)");
	} else {
		TEXT(c->it, "additional section");
		MEAN(c->it, "extra records (-vv); \"OPT\" is the EDNS0 record with the UDP size");
	}
}

static void f_icmp(struct fctx *c)
{
	if (c->n >= 5 && memcmp(c->s, "ICMP6", 5) == 0)
		TEXT(c->it, "ICMPv6");
	else
		TEXT(c->it, "ICMP (Internet Control Message Protocol)");
}

static void f_icmp_msg(struct fctx *c)
{
	explain_icmp_msg(c->it, c->s, c->n, c->pkt->icmp.v6);
}

static void f_icmp_len(struct fctx *c)
{
	if (c->pkt->icmp.is_error && c->v >= 8)
		MEAN(c->it, "the 8-byte ICMP header and %llu bytes quoted from the datagram that "
			    "failed (its IP header and start)", c->v - 8);
	else if (c->v >= 8)
		MEAN(c->it, "the 8-byte ICMP header and %llu bytes of data", c->v - 8);
}

static void f_quote(struct fctx *c)
{
	sanitize(c->it->field, sizeof(c->it->field), "(quote)", 7);
}

static void f_unknown(struct fctx *c)
{
	char tmp[80];
	sanitize(tmp, sizeof(tmp), c->s, c->n > 60 ? 60 : c->n);
	TEXT(c->it, "?? unknown token '%s'", tmp);
	MEAN(c->it, "nettriage does not know this field here; it is not interpreted");
	c->it->unknown = 1;
}

/* Each field kind: what it is (template: {n} is the first number in the
 * field), what it means when that does not depend on the field
 * (template), and the function for what does.  A kind without an entry
 * is explained as unknown. */
static const struct {
	const char *text;
	const char *meaning;
	void (*fn)(struct fctx *c);
	uint8_t unknown;        /* not understood (the item says so) */
} fields[NT_TF_COUNT_] = {
	[NT_TF_NUMBER] = {"packet number", "tcpdump's count of this packet (-# option)", NULL, 0},
	[NT_TF_TS] = {"time stamp", NULL, f_ts, 0},
	[NT_TF_LINK] = {"link-layer header",
			"printed with -e: the frame's addresses (MAC), the type of what it "
			"carries and the frame length in bytes", NULL, 0},
	[NT_TF_NET] = {NULL, NULL, f_net, 0},
	[NT_TF_IP_TRUNC] = {"truncated IP packet",
			    "the IP header announces {n} bytes more than were captured", NULL, 0},
	[NT_TF_IP_TOS] = {"type of service", "the DSCP/ECN byte; 0x0 is ordinary traffic", NULL, 0},
	[NT_TF_IP_TTL] = {"time to live {n}",
			  "routers the packet may still cross before it is dropped; senders start "
			  "at 64, 128 or 255, so the value hints at the distance and sender OS",
			  NULL, 0},
	[NT_TF_IP_ID] = {"IP identification {n}", "groups the fragments of one datagram", NULL, 0},
	[NT_TF_IP_OFFSET] = {"fragment offset {n}", NULL, f_ip_offset, 0},
	[NT_TF_IP_FLAGS] = {"IP flags", NULL, f_ip_flags, 0},
	[NT_TF_IP_PROTO] = {"protocol inside the IP packet", NULL, f_ip_proto, 0},
	[NT_TF_IP_LEN] = {"IP total length {n} bytes", "header and payload as the IP header states",
			  NULL, 0},
	[NT_TF_IP_CKSUM] = {"IP header checksum is wrong",
			    "the header was damaged, or tcpdump ran on the sender with checksum "
			    "offload", NULL, 0},
	[NT_TF_IP_OPTIONS] = {"IP options", NULL, NULL, 0},
	[NT_TF_IP6_HLIM] = {"hop limit {n}",
			    "IPv6's time to live: routers left before the packet is dropped", NULL, 0},
	[NT_TF_IP6_NEXT] = {"next header", "the protocol inside the IPv6 packet", NULL, 0},
	[NT_TF_IP6_PLEN] = {"IPv6 payload length {n} bytes", NULL, NULL, 0},
	[NT_TF_IP6_CLASS] = {"traffic class", NULL, NULL, 0},
	[NT_TF_IP6_FLOW] = {"flow label", NULL, NULL, 0},
	[NT_TF_SRC] = {NULL, NULL, f_src, 0},
	[NT_TF_ARROW] = {"direction", "from the source (left) to the destination (right)", NULL, 0},
	[NT_TF_DST] = {NULL, NULL, f_dst, 0},
	[NT_TF_L4_CKSUM] = {"checksum", NULL, f_l4_cksum, 0},
	[NT_TF_UDP_LEN] = {"UDP payload",
			   "{n} bytes of data that tcpdump does not decode for these ports", NULL, 0},
	[NT_TF_QUIET] = {"transport and payload length (-q)", "{n} bytes of payload", NULL, 0},
	[NT_TF_IPPROTO] = {"IP protocol {n}",
			   "a protocol tcpdump does not decode (or a later fragment)", NULL, 0},
	[NT_TF_TCP_FLAGS] = {"TCP flags", NULL, f_tcp_flags, 0},
	[NT_TF_TCP_SEQ] = {"sequence number", NULL, f_tcp_seq, 0},
	[NT_TF_TCP_ACK] = {"acknowledgment {n}",
			   "the next byte expected from the other side: everything before it "
			   "arrived", NULL, 0},
	[NT_TF_TCP_WIN] = {"receive window {n}",
			   "bytes the sender can still accept (before window scaling)", NULL, 0},
	[NT_TF_TCP_URG] = {"urgent pointer", NULL, NULL, 0},
	[NT_TF_TCP_OPTS] = {"TCP options",
			    "mss = largest segment accepted, sackOK = selective acknowledgment "
			    "allowed, TS = time stamps, nop = padding, wscale = window scale factor",
			    NULL, 0},
	[NT_TF_TCP_LEN] = {"TCP payload length", "{n} bytes of data in this segment", NULL, 0},
	[NT_TF_HTTP] = {"HTTP", "the start of an HTTP request or response in the payload", NULL, 0},
	[NT_TF_DNS_ID] = {NULL, NULL, f_dns_id, 0},
	[NT_TF_DNS_OPCODE] = {"DNS opcode", NULL, f_dns_opcode, 0},
	[NT_TF_DNS_RCODE] = {"DNS response code", NULL, f_dns_rcode, 0},
	[NT_TF_DNS_FLAGS] = {"DNS flags", NULL, f_dns_flags, 0},
	[NT_TF_DNS_BRACKET] = {"DNS section count", NULL, f_dns_bracket, 0},
	[NT_TF_DNS_QTYPE] = {NULL, NULL, f_dns_qtype, 0},
	[NT_TF_DNS_QNAME] = {"the name asked for", NULL, f_dns_qname, 0},
	[NT_TF_DNS_QSEC] = {"the question", "repeated in the answer (-vv)", NULL, 0},
	[NT_TF_DNS_COUNTS] = {"DNS record counts an/ns/ar", NULL, f_dns_counts, 0},
	[NT_TF_DNS_RR] = {"answer record", NULL, f_dns_rr, 0},
	[NT_TF_DNS_SECTION] = {NULL, NULL, f_dns_section, 0},
	[NT_TF_DNS_LEN] = {"DNS message length, {n} bytes", NULL, NULL, 0},
	[NT_TF_DNS_INVALID] = {"invalid DNS message", "shorter than the 12-byte DNS header", NULL, 0},
	[NT_TF_ICMP] = {NULL, "a control or error message about IP delivery, not user data", f_icmp,
			0},
	[NT_TF_ICMP_MSG] = {NULL, NULL, f_icmp_msg, 0},
	[NT_TF_ICMP_ID] = {"echo identifier {n}", "pairs requests and replies of one ping run", NULL,
			   0},
	[NT_TF_ICMP_SEQ] = {"echo sequence number {n}",
			    "counts the pings; a gap means a lost request or reply", NULL, 0},
	[NT_TF_ICMP_LEN] = {"ICMP message length, {n} bytes", NULL, f_icmp_len, 0},
	[NT_TF_ICMP_CKSUM] = {"ICMP checksum is wrong", NULL, NULL, 0},
	[NT_TF_QUOTE] = {"quoted datagram",
			 "the next fields are the start of the packet that caused this ICMP error, "
			 "as the reporting router or host sent it back", f_quote, 0},
	[NT_TF_HEXDUMP] = {"hex dump", "bytes tcpdump printed in hex because it did not decode them",
			   NULL, 0},
	[NT_TF_EXT] = {"ICMP extension", "multi-part ICMP data (RFC 4884/4950, e.g. MPLS labels)",
		       NULL, 0},
	[NT_TF_TRUNC] = {"truncated",
			 "the capture ended inside this protocol (snap length, or a short quote in "
			 "an ICMP error): the rest was not captured", NULL, 0},
	[NT_TF_INVALID] = {"invalid", "tcpdump found an impossible length or field", NULL, 0},
	[NT_TF_REST] = {"not analysed", "more fields than explain handles in one line", NULL, 1},
};

static void explain_tok(struct nt_explain *ex, const struct nt_pkt *pkt, const struct nt_tl_rec *rec,
			size_t ti, int *quote_l3)
{
	const struct nt_tl_tok *tk = &rec->tok[ti];
	struct nt_explain_item *it = &ex->items[ex->n++];
	memset(it, 0, sizeof(*it));
	struct fctx c = {
		.it = it,
		.pkt = pkt,
		.rec = rec,
		.tk = tk,
		.s = rec->text + tk->off,
		.n = tk->len,
		.proto = tk->quoted ? pkt->icmp.quote.proto : pkt->flow.proto,
		.quote_l3 = quote_l3,
	};
	c.v = num_in(c.s, c.n);
	sanitize(it->field, sizeof(it->field), c.s, c.n);
	it->kind = (uint8_t)tk->field;
	it->quoted = tk->quoted;
	unsigned k = tk->field;
	if (k < NT_TF_COUNT_ && (fields[k].text || fields[k].meaning || fields[k].fn)) {
		struct tvars v = {.n = c.v};
		if (fields[k].text)
			fill(it->text, sizeof(it->text), fields[k].text, &v);
		if (fields[k].meaning)
			fill(it->meaning, sizeof(it->meaning), fields[k].meaning, &v);
		it->unknown = fields[k].unknown;
		if (fields[k].fn)
			fields[k].fn(&c);
	} else {
		f_unknown(&c);
	}
	if (tk->quoted && tk->field != NT_TF_QUOTE && tk->field != NT_TF_SRC &&
	    tk->field != NT_TF_DST && !it->unknown) {
		char t2[NT_EXPLAIN_TEXT_MAX];
		snprintf(t2, sizeof(t2), "(quoted) %s", it->text);
		memcpy(it->text, t2, sizeof(t2));
	}
}

void nt_explain_rec(struct nt_explain *ex, const struct nt_pkt *pkt, const struct nt_tl_rec *rec)
{
	ex->n = 0;
	ex->pkt = *pkt;
	ex->line_first = rec->line_first;
	ex->line_last = rec->line_last;
	sanitize(ex->line, sizeof(ex->line), rec->text, rec->len);
	int quote_l3 = 0;
	for (size_t i = 0; i < rec->ntok && ex->n < NT_TL_TOK_MAX; i++)
		explain_tok(ex, pkt, rec, i, &quote_l3);
}

void nt_explain_line(struct nt_explain *ex, const char *s, size_t n)
{
	struct nt_tl_rec *rec = malloc(sizeof(*rec));
	memset(ex, 0, sizeof(*ex));
	if (rec == NULL)
		return;
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		n--;
	struct nt_pkt pkt;
	ex->is_packet = nt_textlog_parse(s, n, &pkt, rec);
	rec->line_first = rec->line_last = 0;
	nt_explain_rec(ex, &pkt, rec);
	free(rec);
}

/* ------------------------------------------------------------------ */
/* Renderers */

void nt_explain_render_text(const struct nt_explain *ex, struct nt_out *o)
{
	for (size_t i = 0; i < ex->n; i++) {
		const struct nt_explain_item *it = &ex->items[i];
		nt_out_puts(o, it->quoted ? "    " : "");
		nt_out_puts(o, it->field);
		nt_out_puts(o, "  ");
		nt_out_puts(o, it->text);
		if (it->meaning[0]) {
			nt_out_puts(o, ": ");
			nt_out_puts(o, it->meaning);
		}
		nt_out_putc(o, '\n');
	}
}

static void md_cell(struct nt_out *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '|' || *s == '\\' || *s == '`' || *s == '*' || *s == '_' || *s == '<' ||
		    *s == '>' || *s == '[' || *s == ']')
			nt_out_putc(o, '\\');
		nt_out_putc(o, *s);
	}
}

void nt_explain_render_md(const struct nt_explain *ex, struct nt_out *o)
{
	nt_out_puts(o, "| field | what it is | meaning |\n|---|---|---|\n");
	for (size_t i = 0; i < ex->n; i++) {
		const struct nt_explain_item *it = &ex->items[i];
		nt_out_puts(o, "| ");
		md_cell(o, it->field);
		nt_out_puts(o, " | ");
		md_cell(o, it->text);
		nt_out_puts(o, " | ");
		md_cell(o, it->meaning);
		nt_out_puts(o, " |\n");
	}
}

void nt_explain_render_json(const struct nt_explain *ex, struct nt_out *o)
{
	nt_out_putc(o, '[');
	for (size_t i = 0; i < ex->n; i++) {
		const struct nt_explain_item *it = &ex->items[i];
		nt_out_puts(o, i ? ",\n {\"field\": \"" : "\n {\"field\": \"");
		nt_out_json_str(o, it->field);
		nt_out_puts(o, "\", \"text\": \"");
		nt_out_json_str(o, it->text);
		nt_out_puts(o, "\", \"meaning\": \"");
		nt_out_json_str(o, it->meaning);
		nt_out_puts(o, "\"");
		if (it->quoted)
			nt_out_puts(o, ", \"quoted\": true");
		if (it->unknown)
			nt_out_puts(o, ", \"unknown\": true");
		nt_out_putc(o, '}');
	}
	nt_out_puts(o, ex->n ? "\n]" : "]");
}
