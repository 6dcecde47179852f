/* \summary: text-log parser, ICMP and ICMPv6: the message tcpdump prints
 * (type and code from its words, proto/icmp.h), echo id/seq, length,
 * checksum, and the datagram an error quotes at -v, whose addresses,
 * ports and DNS question land in struct nt_icmp. */
#include "input/textlog_int.h"

#include <string.h>

#include "proto/icmp.h"

/* ------------------------------------------------------------------ */
/* ICMP */

static void set_quote_dst(struct nt_pkt *pkt, struct span a)
{
	if (nt_tl_addr_only(a, &pkt->icmp.quote.dst))
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
		int pr = nt_tl_ip_proto_of(w);
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
		nt_tl_addr_only(gw, &ic->gateway);
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

/* ", id N" / ", seq N" of an echo (sep: the ", NAME " before the number):
 * the number into *val and the field, without the ", ", emitted. */
static void echo_field(struct nt_tl_ctx *c, const char **pp, const char *le, const char *sep,
		       int field, uint16_t *val)
{
	const char *q = *pp;
	uint64_t v;
	if (tx_lit(&q, le, sep) && tx_num(&q, le, 65535, 5, &v)) {
		*val = (uint16_t)v;
		nt_tl_emit(c, field, *pp + 2, q);
		*pp = q;
	}
}

/* ICMP after "ICMP ": message, length, and the quoted datagram. */
void nt_tl_parse_icmp(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt, int v6)
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
			nt_tl_emit(c, NT_TF_ICMP_MSG, ms, p);
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
			nt_tl_emit(c, ok ? NT_TF_ICMP_MSG : NT_TF_UNKNOWN, ms, mend);
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
		nt_tl_emit(c, NT_TF_ICMP_LEN, ns, lv);
		p = lv;
		const char *q = p;
		if (v6 && tx_lit(&q, le, ", ") && q < le) {
			nt_tl_emit(c, NT_TF_ICMP_MSG, q, le);
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
			nt_tl_emit(c, NT_TF_ICMP_CKSUM, cs, q);
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
			nt_tl_emit(c, NT_TF_QUOTE, q, q);
			c->quoted = 1;
			int got = nt_tl_parse_net(c, &q, e, &qp);
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
