/* \summary: `explain`: turns the field spans of a tcpdump line into plain
 * words, one item per field, and renders the items as text, a Markdown
 * table or JSON. */
#include "report/explain.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "proto/dns.h"
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

static const char *rcode_what(unsigned rc)
{
	switch (rc) {
	case 1: return "format error: the server could not understand the query";
	case 2: return "server failure: the server could not answer (often a resolver that "
		       "cannot reach the authoritative servers, or a DNSSEC validation failure)";
	case 3: return "the name does not exist (non-existent domain)";
	case 4: return "not implemented: the server does not support this kind of query";
	case 5: return "refused: the server will not answer this client (policy, e.g. not an "
		       "open resolver for it)";
	case 6: return "a name exists that should not (dynamic update)";
	case 7: return "an RR set exists that should not (dynamic update)";
	case 8: return "an RR set that should exist does not (dynamic update)";
	case 9: return "the server is not authoritative for the zone / not authorized";
	case 10: return "the name is not in the zone (dynamic update)";
	case 16: return "bad EDNS version: the server does not speak the EDNS version asked for";
	case 23: return "bad or missing server cookie (EDNS cookie)";
	default: return "an error code";
	}
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

/* ICMP message text -> type/code and words. */
static void explain_icmp_msg(struct nt_explain_item *it, const char *s, size_t n, int v6,
			     const struct nt_pkt *outer, int quoted)
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
	const char *pr = ic->quote.proto == 17 ? "UDP" : ic->quote.proto == 6 ? "TCP" : "IP";
	unsigned port = ic->quote.dport;
	const char *svc = nt_service_description(port);
	char svcb[80] = "";
	if (svc)
		snprintf(svcb, sizeof(svcb), " (%s)", svc);
	TEXT(it, "ICMP%s message type %u code %u", v6 ? "v6" : "", ic->type, ic->code);
	(void)outer;
	(void)quoted;
	if (!v6) {
		switch (ic->type) {
		case 0: MEAN(it, "echo reply: the answer to a ping"); return;
		case 8: MEAN(it, "echo request: a ping"); return;
		case 4: MEAN(it, "source quench: the sender is asked to slow down (obsolete)"); return;
		case 5:
			MEAN(it, "redirect: a router tells the sender to reach %s through another "
				 "gateway on the local network", dst);
			return;
		case 11:
			if (ic->code == 0)
				MEAN(it, "time exceeded in transit: the datagram's TTL reached 0 at a "
					 "router, which dropped it (a routing loop, a TTL set too low, or a "
					 "traceroute probe)");
			else
				MEAN(it, "fragment reassembly time exceeded: not all fragments of the "
					 "datagram arrived in time; it was dropped");
			return;
		case 12:
			MEAN(it, "parameter problem: a router or host found a bad IP header field "
				 "and dropped the datagram");
			return;
		case 3:
			break;
		default:
			MEAN(it, "an ICMP message that is neither an error about the quoted datagram "
				 "nor an echo");
			return;
		}
		switch (ic->code) {
		case 0: MEAN(it, "network unreachable: a router has no route to the network of %s; "
				 "the datagram was dropped", dst); break;
		case 1: MEAN(it, "host unreachable: the last router could not deliver to %s (no "
				 "ARP answer: the host is down or absent, or a filter answered); the "
				 "datagram was dropped", dst); break;
		case 2: MEAN(it, "protocol unreachable: %s does not handle IP protocol %u", dst,
			     ic->quote.proto); break;
		case 3:
			MEAN(it, "port unreachable: the host %s has no process listening on %s port %u%s, "
				 "or a filter answered for it; the datagram was not delivered",
			     dst, pr, port, svcb);
			if (port == 53)
				MEANADD(it, ", so this DNS query got no answer from that server");
			break;
		case 4: MEAN(it, "fragmentation needed: the datagram to %s was larger than the next "
				 "link's MTU", dst);
			if (ic->mtu)
				MEANADD(it, " (%u bytes)", ic->mtu);
			MEANADD(it, " and had Don't Fragment set; the sender must send smaller packets "
				    "(path-MTU problem: large UDP answers such as DNS with EDNS can be "
				    "lost)");
			break;
		case 5: MEAN(it, "source route failed for %s", dst); break;
		case 6: MEAN(it, "destination network of %s unknown", dst); break;
		case 7: MEAN(it, "destination host %s unknown", dst); break;
		case 8: MEAN(it, "source host isolated (obsolete)"); break;
		case 9: case 10:
			MEAN(it, "communication with %s %s is administratively prohibited: a "
				 "firewall or router rule forbids it", ic->code == 9 ? "network" : "host",
			     dst);
			break;
		case 11: case 12:
			MEAN(it, "%s unreachable for this type of service", dst);
			break;
		case 13:
			MEAN(it, "communication administratively prohibited by a filter: a "
				 "firewall blocked the datagram to %s", dst);
			break;
		case 14: MEAN(it, "host precedence violation"); break;
		case 15: MEAN(it, "precedence cutoff in effect"); break;
		default: MEAN(it, "destination unreachable (code %u)", ic->code); break;
		}
		return;
	}
	switch (ic->type) {
	case 1:
		switch (ic->code) {
		case 0: MEAN(it, "no route to %s: a router cannot forward the datagram", dst); break;
		case 1: MEAN(it, "communication with %s is administratively prohibited (a "
				 "firewall rule)", dst); break;
		case 3: MEAN(it, "address unreachable: %s did not answer neighbor discovery (down "
				 "or absent)", dst); break;
		case 4:
			MEAN(it, "port unreachable: the host %s has no process listening on %s port "
				 "%u%s, or a filter answered for it", dst, pr, port, svcb);
			if (port == 53)
				MEANADD(it, ", so this DNS query got no answer from that server");
			break;
		default: MEAN(it, "destination unreachable (code %u)", ic->code); break;
		}
		break;
	case 2: MEAN(it, "packet too big: a link on the path has a smaller MTU"); break;
	case 3: MEAN(it, "hop limit exceeded in transit: a router dropped the datagram (loop, "
			 "hop limit too low, or traceroute)"); break;
	case 4: MEAN(it, "parameter problem: a bad IPv6 header field"); break;
	case 128: MEAN(it, "echo request: a ping"); break;
	case 129: MEAN(it, "echo reply: the answer to a ping"); break;
	case 133: MEAN(it, "router solicitation: a host looks for routers"); break;
	case 134: MEAN(it, "router advertisement: a router announces itself and the prefixes"); break;
	case 135: MEAN(it, "neighbor solicitation: who has this address (IPv6's ARP)"); break;
	case 136: MEAN(it, "neighbor advertisement: the answer to a neighbor solicitation"); break;
	case 137: MEAN(it, "redirect: use a better first hop"); break;
	default: MEAN(it, "ICMPv6 message"); break;
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

static void explain_tok(struct nt_explain *ex, const struct nt_pkt *pkt, const struct nt_tl_rec *rec,
			size_t ti, int *quote_l3)
{
	const struct nt_tl_tok *tk = &rec->tok[ti];
	struct nt_explain_item *it = &ex->items[ex->n++];
	memset(it, 0, sizeof(*it));
	const char *s = rec->text + tk->off;
	size_t n = tk->len;
	sanitize(it->field, sizeof(it->field), s, n);
	it->kind = (uint8_t)tk->field;
	it->quoted = tk->quoted;
	int proto = tk->quoted ? pkt->icmp.quote.proto : pkt->flow.proto;
	const struct nt_dns *d = &pkt->dns;
	unsigned long long v = num_in(s, n);
	switch (tk->field) {
	case NT_TF_NUMBER:
		TEXT(it, "packet number");
		MEAN(it, "tcpdump's count of this packet (-# option)");
		break;
	case NT_TF_TS:
		TEXT(it, "time stamp");
		switch (rec->ts_kind) {
		case NT_TL_TS_TIME:
			if (n >= 9)
				MEAN(it, "%.8s and 0%.*s s (local time of the capture; no date in this "
					 "format)", s, (int)(n - 8), s + 8);
			break;
		case NT_TL_TS_EPOCH:
			MEAN(it, "seconds since 1970-01-01 00:00 UTC (the -tt format); it carries the "
				 "date");
			break;
		case NT_TL_TS_DATE:
			MEAN(it, "date and local time of the capture (the -tttt format)");
			break;
		case NT_TL_TS_DELTA:
			MEAN(it, "time since the previous packet (-ttt) or since the first packet "
				 "(-ttttt); both formats look the same, neither has a date");
			break;
		}
		break;
	case NT_TF_LINK:
		TEXT(it, "link-layer header");
		MEAN(it, "printed with -e: the frame's addresses (MAC), the type of what it carries "
			 "and the frame length in bytes");
		break;
	case NT_TF_NET:
		if (n == 3 && memcmp(s, "IP6", 3) == 0) {
			TEXT(it, "IPv6 packet");
		} else if (n >= 3 && memcmp(s, "ARP", 3) == 0) {
			TEXT(it, "ARP packet");
			MEAN(it, "address resolution on the local network (which MAC has this IP)");
		} else {
			TEXT(it, "IPv4 packet");
		}
		if (tk->quoted)
			*quote_l3 = 1;
		break;
	case NT_TF_IP_TRUNC:
		TEXT(it, "truncated IP packet");
		MEAN(it, "the IP header announces %llu bytes more than were captured", v);
		break;
	case NT_TF_IP_TOS:
		TEXT(it, "type of service");
		MEAN(it, "the DSCP/ECN byte; 0x0 is ordinary traffic");
		break;
	case NT_TF_IP_TTL:
		TEXT(it, "time to live %llu", v);
		MEAN(it, "routers the packet may still cross before it is dropped; senders start "
			 "at 64, 128 or 255, so the value hints at the distance and sender OS");
		break;
	case NT_TF_IP_ID:
		TEXT(it, "IP identification %llu", v);
		MEAN(it, "groups the fragments of one datagram");
		break;
	case NT_TF_IP_OFFSET:
		TEXT(it, "fragment offset %llu", v);
		MEAN(it, v ? "a later fragment of a larger datagram: it carries no transport header"
			   : "the first or only fragment");
		break;
	case NT_TF_IP_FLAGS:
		TEXT(it, "IP flags");
		if (has_sub(s, n, "DF", 2))
			MEAN(it, "DF = don't fragment: routers must drop the packet rather than split it");
		else if (has_sub(s, n, "+", 1))
			MEAN(it, "+ = more fragments follow");
		else
			MEAN(it, "none set: the packet may be fragmented");
		break;
	case NT_TF_IP_PROTO:
		TEXT(it, "protocol inside the IP packet");
		MEAN(it, "%s", it->field + (n > 6 ? 6 : 0));
		break;
	case NT_TF_IP_LEN:
		TEXT(it, "IP total length %llu bytes", v);
		MEAN(it, "header and payload as the IP header states");
		break;
	case NT_TF_IP_CKSUM:
		TEXT(it, "IP header checksum is wrong");
		MEAN(it, "the header was damaged, or tcpdump ran on the sender with checksum offload");
		break;
	case NT_TF_IP_OPTIONS:
		TEXT(it, "IP options");
		break;
	case NT_TF_IP6_HLIM:
		TEXT(it, "hop limit %llu", v);
		MEAN(it, "IPv6's time to live: routers left before the packet is dropped");
		break;
	case NT_TF_IP6_NEXT:
		TEXT(it, "next header");
		MEAN(it, "the protocol inside the IPv6 packet");
		break;
	case NT_TF_IP6_PLEN:
		TEXT(it, "IPv6 payload length %llu bytes", v);
		break;
	case NT_TF_IP6_CLASS:
		TEXT(it, "traffic class");
		break;
	case NT_TF_IP6_FLOW:
		TEXT(it, "flow label");
		break;
	case NT_TF_SRC:
		explain_endpoint(it, tk->quoted ? "source of the quoted datagram" : "source", s, n, proto);
		if (!tk->quoted && pkt->icmp.present && pkt->icmp.is_error)
			MEANADD(it, "; the host or router that reports the error");
		break;
	case NT_TF_DST:
		explain_endpoint(it, tk->quoted ? "destination of the quoted datagram" : "destination",
				 s, n, proto);
		if (!tk->quoted && pkt->icmp.present && pkt->icmp.is_error)
			MEANADD(it, "; the sender of the datagram that failed");
		break;
	case NT_TF_ARROW:
		TEXT(it, "direction");
		MEAN(it, "from the source (left) to the destination (right)");
		break;
	case NT_TF_L4_CKSUM:
		TEXT(it, "checksum");
		if (has_sub(s, n, "ok", 2) ||
		    (has_sub(s, n, "correct)", 8) && !has_sub(s, n, "incorrect", 9)))
			MEAN(it, "the transport checksum is correct");
		else if (has_sub(s, n, "no cksum", 8))
			MEAN(it, "the sender did not compute a UDP checksum");
		else
			MEAN(it, "the checksum is wrong: the packet was damaged, or it was captured on "
				 "the sender before checksum offload filled it in");
		break;
	case NT_TF_UDP_LEN:
		TEXT(it, "UDP payload");
		MEAN(it, "%llu bytes of data that tcpdump does not decode for these ports", v);
		break;
	case NT_TF_QUIET:
		TEXT(it, "transport and payload length (-q)");
		MEAN(it, "%llu bytes of payload", v);
		break;
	case NT_TF_IPPROTO:
		TEXT(it, "IP protocol %llu", v);
		MEAN(it, "a protocol tcpdump does not decode (or a later fragment)");
		break;
	case NT_TF_TCP_FLAGS: {
		TEXT(it, "TCP flags");
		const char *b = memchr(s, '[', n);
		const char *e = b ? memchr(b, ']', n - (size_t)(b - s)) : NULL;
		if (b && e) {
			for (const char *q = b + 1; q < e; q++) {
				const char *w = tcp_flag_word(*q);
				if (w)
					MEANADD(it, "%s%s", it->meaning[0] ? ", " : "", w);
			}
		}
		uint8_t f = pkt->tcp_flags;
		if (!tk->quoted) {
			if (f == NT_TH_SYN)
				MEANADD(it, ": a connection attempt");
			else if (f == (NT_TH_SYN | NT_TH_ACK))
				MEANADD(it, ": the server accepts the connection");
			else if (f & NT_TH_RST)
				MEANADD(it, ": the connection is refused or torn down");
		}
		break;
	}
	case NT_TF_TCP_SEQ:
		TEXT(it, "sequence number");
		if (memchr(s, ':', n))
			MEAN(it, "first:after-last byte of data in this segment (relative to the start "
				 "of the connection unless -S)");
		else
			MEAN(it, "position of this segment in the sender's byte stream");
		break;
	case NT_TF_TCP_ACK:
		TEXT(it, "acknowledgment %llu", v);
		MEAN(it, "the next byte expected from the other side: everything before it arrived");
		break;
	case NT_TF_TCP_WIN:
		TEXT(it, "receive window %llu", v);
		MEAN(it, "bytes the sender can still accept (before window scaling)");
		break;
	case NT_TF_TCP_URG:
		TEXT(it, "urgent pointer");
		break;
	case NT_TF_TCP_OPTS:
		TEXT(it, "TCP options");
		MEAN(it, "mss = largest segment accepted, sackOK = selective acknowledgment allowed, "
			 "TS = time stamps, nop = padding, wscale = window scale factor");
		break;
	case NT_TF_TCP_LEN:
		TEXT(it, "TCP payload length");
		MEAN(it, "%llu bytes of data in this segment", v);
		break;
	case NT_TF_HTTP:
		TEXT(it, "HTTP");
		MEAN(it, "the start of an HTTP request or response in the payload");
		break;
	case NT_TF_DNS_ID:
		if (!tk->quoted && d->qr) {
			TEXT(it, "DNS answer id");
			MEAN(it, "the id of the query this answers");
		} else {
			TEXT(it, "DNS query id");
			MEAN(it, "matches the answer to the question");
		}
		break;
	case NT_TF_DNS_OPCODE:
		TEXT(it, "DNS opcode");
		MEAN(it, "not a standard query: %s", it->field);
		break;
	case NT_TF_DNS_RCODE: {
		int rc = nt_dns_rcode_number(s, n, NT_DNS_TCPDUMP);
		TEXT(it, "DNS response code");
		MEAN(it, "%s", rc > 0 ? rcode_what((unsigned)rc) : "an error code");
		break;
	}
	case NT_TF_DNS_FLAGS:
		TEXT(it, "DNS flags");
		for (size_t i = 0; i < n; i++) {
			const char *w = NULL;
			switch (s[i]) {
			case '+': w = "recursion desired (RD flag)"; break;
			case '%': w = "checking disabled (CD flag)"; break;
			case '*': w = "authoritative answer (AA flag)"; break;
			case '-': w = "recursion not available (RA flag clear)"; break;
			case '|': w = "truncated (TC flag): the answer did not fit, the client should "
				       "retry over TCP"; break;
			case '$': w = "authenticated data (AD flag, DNSSEC-validated)"; break;
			}
			if (w)
				MEANADD(it, "%s%s", it->meaning[0] ? "; " : "", w);
		}
		if (n == 1 && s[0] == '+') {
			TEXT(it, "recursion desired (RD flag)");
			MEAN(it, "the client asks the server to resolve the name fully for it");
		}
		break;
	case NT_TF_DNS_BRACKET: {
		TEXT(it, "DNS section count");
		const char *e = s + n;
		if (n >= 3 && e[-2] == 'u' && e[-3] == 'a')
			MEAN(it, "%llu additional record(s); in a query this is the EDNS0 OPT record "
				 "(bigger UDP answers, DNSSEC)", v);
		else if (n >= 2 && e[-2] == 'a')
			MEAN(it, "%llu answer record(s) in a query (unusual)", v);
		else if (n >= 2 && e[-2] == 'q')
			MEAN(it, "%llu question(s) (normally 1)", v);
		else if (n >= 2 && e[-2] == 'n')
			MEAN(it, "%llu authority record(s)", v);
		else
			MEAN(it, "reserved header bits are set (unusual)");
		break;
	}
	case NT_TF_DNS_QTYPE: {
		size_t tl = 0;
		while (tl < n && s[tl] != '?' && s[tl] != ' ')
			tl++;
		char tname[24];
		sanitize(tname, sizeof(tname), s, tl);
		int t = nt_tl_dns_type_number(s, tl);
		const char *w = t >= 0 ? qtype_what((unsigned)t) : NULL;
		if (w)
			TEXT(it, "question for %s %s record (%s)", tname[0] == 'A' ? "an" : "a", tname, w);
		else
			TEXT(it, "question for %s records", tname);
		if (memchr(s, ' ', n))
			MEAN(it, "with a class other than IN or an mDNS unicast/multicast mark");
		break;
	}
	case NT_TF_DNS_QNAME:
		TEXT(it, "the name asked for");
		if (n > 1 && s[n - 1] == '.')
			MEAN(it, "%.*s (the final dot is the DNS root)", (int)(n - 1 > 200 ? 200 : n - 1), s);
		break;
	case NT_TF_DNS_QSEC:
		TEXT(it, "the question");
		MEAN(it, "repeated in the answer (-vv)");
		break;
	case NT_TF_DNS_COUNTS: {
		unsigned long long an = v, ns = 0, ar = 0;
		const char *a = memchr(s, '/', n);
		if (a) {
			ns = num_in(a + 1, n - (size_t)(a + 1 - s));
			const char *b = memchr(a + 1, '/', n - (size_t)(a + 1 - s));
			if (b)
				ar = num_in(b + 1, n - (size_t)(b + 1 - s));
		}
		TEXT(it, "DNS record counts an/ns/ar");
		MEAN(it, "%llu answer(s), %llu authority record(s), %llu additional record(s)", an, ns, ar);
		if (an == 0 && !d->rcode)
			MEANADD(it, "; no answer: the name exists but has no record of this type, or "
				    "this is a referral");
		break;
	}
	case NT_TF_DNS_RR: {
		TEXT(it, "answer record");
		char tmp[200];
		sanitize(tmp, sizeof(tmp), s, n);
		if ((n > 2 && memcmp(s, "A ", 2) == 0) || has_sub(s, n, " A ", 3))
			MEAN(it, "an IPv4 address of the name: %s", tmp);
		else if ((n > 5 && memcmp(s, "AAAA ", 5) == 0) || has_sub(s, n, " AAAA ", 6))
			MEAN(it, "an IPv6 address of the name: %s", tmp);
		else if (has_sub(s, n, "CNAME ", 6))
			MEAN(it, "an alias: the name is another name's (%s)", tmp);
		else
			MEAN(it, "%s", tmp);
		break;
	}
	case NT_TF_DNS_SECTION:
		if (n >= 3 && memcmp(s, "ns:", 3) == 0) {
			TEXT(it, "authority section");
			MEAN(it, "the name servers responsible (-vv)");
		} else {
			TEXT(it, "additional section");
			MEAN(it, "extra records (-vv); \"OPT\" is the EDNS0 record with the UDP size");
		}
		break;
	case NT_TF_DNS_LEN:
		TEXT(it, "DNS message length, %llu bytes", v);
		break;
	case NT_TF_DNS_INVALID:
		TEXT(it, "invalid DNS message");
		MEAN(it, "shorter than the 12-byte DNS header");
		break;
	case NT_TF_ICMP:
		if (n >= 5 && memcmp(s, "ICMP6", 5) == 0)
			TEXT(it, "ICMPv6");
		else
			TEXT(it, "ICMP (Internet Control Message Protocol)");
		MEAN(it, "a control or error message about IP delivery, not user data");
		break;
	case NT_TF_ICMP_MSG:
		explain_icmp_msg(it, s, n, pkt->icmp.v6, pkt, tk->quoted);
		break;
	case NT_TF_ICMP_ID:
		TEXT(it, "echo identifier %llu", v);
		MEAN(it, "pairs requests and replies of one ping run");
		break;
	case NT_TF_ICMP_SEQ:
		TEXT(it, "echo sequence number %llu", v);
		MEAN(it, "counts the pings; a gap means a lost request or reply");
		break;
	case NT_TF_ICMP_LEN:
		TEXT(it, "ICMP message length, %llu bytes", v);
		if (pkt->icmp.is_error && v >= 8)
			MEAN(it, "the 8-byte ICMP header and %llu bytes quoted from the datagram that "
				 "failed (its IP header and start)", v - 8);
		else if (v >= 8)
			MEAN(it, "the 8-byte ICMP header and %llu bytes of data", v - 8);
		break;
	case NT_TF_ICMP_CKSUM:
		TEXT(it, "ICMP checksum is wrong");
		break;
	case NT_TF_QUOTE:
		sanitize(it->field, sizeof(it->field), "(quote)", 7);
		TEXT(it, "quoted datagram");
		MEAN(it, "the next fields are the start of the packet that caused this ICMP error, "
			 "as the reporting router or host sent it back");
		break;
	case NT_TF_HEXDUMP:
		TEXT(it, "hex dump");
		MEAN(it, "bytes tcpdump printed in hex because it did not decode them");
		break;
	case NT_TF_EXT:
		TEXT(it, "ICMP extension");
		MEAN(it, "multi-part ICMP data (RFC 4884/4950, e.g. MPLS labels)");
		break;
	case NT_TF_TRUNC:
		TEXT(it, "truncated");
		MEAN(it, "the capture ended inside this protocol (snap length, or a short quote in "
			 "an ICMP error): the rest was not captured");
		break;
	case NT_TF_INVALID:
		TEXT(it, "invalid");
		MEAN(it, "tcpdump found an impossible length or field");
		break;
	case NT_TF_REST:
		TEXT(it, "not analysed");
		MEAN(it, "more fields than explain handles in one line");
		it->unknown = 1;
		break;
	default: {
		char tmp[80];
		sanitize(tmp, sizeof(tmp), s, n > 60 ? 60 : n);
		TEXT(it, "?? unknown token '%s'", tmp);
		MEAN(it, "nettriage does not know this field here; it is not interpreted");
		it->unknown = 1;
		break;
	}
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
