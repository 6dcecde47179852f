/* \summary: ICMP / ICMPv6 error correlation: classifies each error into a
 * verdict (port closed, host or network unreachable, filtered, MTU, TTL)
 * and links it through the quoted IP and transport header (and quoted
 * DNS id when present) to the exact DNS transaction or TCP handshake. */
#include <string.h>

#include "analysis/engine.h"

static int verdict_of(const struct nt_icmp *ic)
{
	if (!ic->v6) {
		switch (ic->type) {
		case 3:
			switch (ic->code) {
			case 0: case 6: case 11: return NT_V_NET_UNREACH;
			case 1: case 7: case 12: return NT_V_HOST_UNREACH;
			case 2: return NT_V_PROTO_UNREACH;
			case 3: return NT_V_PORT_CLOSED;
			case 4: return NT_V_FRAG_NEEDED;
			case 9: case 10: case 13: case 14: case 15: return NT_V_ADMIN;
			default: return NT_V_OTHER;
			}
		case 11:
			return ic->code == 0 ? NT_V_TTL : NT_V_OTHER;
		default:
			return NT_V_OTHER;
		}
	}
	switch (ic->type) {
	case 1:
		switch (ic->code) {
		case 0: case 2: return NT_V_NET_UNREACH;
		case 3: return NT_V_HOST_UNREACH;
		case 4: return NT_V_PORT_CLOSED;
		case 1: case 5: case 6: return NT_V_ADMIN;
		default: return NT_V_OTHER;
		}
	case 2:
		return NT_V_FRAG_NEEDED;
	case 3:
		return ic->code == 0 ? NT_V_TTL : NT_V_OTHER;
	default:
		return NT_V_OTHER;
	}
}

const char *nt_icmp_verdict_name(int verdict)
{
	switch (verdict) {
	case NT_V_PORT_CLOSED: return "port closed (nothing listening)";
	case NT_V_HOST_UNREACH: return "host unreachable (routing)";
	case NT_V_NET_UNREACH: return "network unreachable (routing)";
	case NT_V_ADMIN: return "administratively prohibited (filter)";
	case NT_V_FRAG_NEEDED: return "fragmentation needed (MTU)";
	case NT_V_TTL: return "TTL exceeded (loop or traceroute)";
	case NT_V_PROTO_UNREACH: return "protocol unreachable";
	default: return "other ICMP error";
	}
}

const char *nt_icmp_code_text(const struct nt_icmp_info *ic)
{
	if (!ic->v6) {
		if (ic->type == 11)
			return ic->code ? "fragment reassembly time exceeded" : "time to live exceeded in transit";
		if (ic->type != 3)
			return "ICMP error";
		static const char *const u[] = {
			"net unreachable", "host unreachable", "protocol unreachable",
			"port unreachable", "fragmentation needed and DF set", "source route failed",
			"destination network unknown", "destination host unknown",
			"source host isolated", "network administratively prohibited",
			"host administratively prohibited", "net unreachable for TOS",
			"host unreachable for TOS", "communication administratively prohibited",
			"host precedence violation", "precedence cutoff in effect",
		};
		return ic->code < 16 ? u[ic->code] : "unreachable";
	}
	switch (ic->type) {
	case 1: {
		static const char *const u6[] = {
			"no route to destination", "communication administratively prohibited",
			"beyond scope of source address", "address unreachable", "port unreachable",
			"source address failed ingress/egress policy", "reject route to destination",
		};
		return ic->code < 7 ? u6[ic->code] : "destination unreachable";
	}
	case 2: return "packet too big";
	case 3: return ic->code ? "fragment reassembly time exceeded" : "hop limit exceeded in transit";
	default: return "ICMPv6 error";
	}
}

void nt_icmp_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	const struct nt_icmp *ic = &pkt->icmp;
	e->icmp_errors++;
	struct nt_icmp_info info;
	memset(&info, 0, sizeof(info));
	info.present = 1;
	info.v6 = ic->v6;
	info.type = ic->type;
	info.code = ic->code;
	info.mtu = ic->mtu;
	info.verdict = (uint8_t)verdict_of(ic);
	info.reporter = pkt->flow.src;
	info.ttl = pkt->ttl;
	info.quote_ttl = ic->has_quote ? ic->quote_ttl : 0;
	info.t = nt_pkt_time(pkt);
	info.from_target = ic->has_quote && nt_addr_eq(&pkt->flow.src, &ic->quote.dst);
	info.quote_truncated = !ic->quote_has_dns_id;
	if (!ic->has_quote) {
		e->icmp_unlinked++;
		return;
	}
	int unreach = info.verdict == NT_V_PORT_CLOSED || info.verdict == NT_V_HOST_UNREACH ||
		      info.verdict == NT_V_NET_UNREACH || info.verdict == NT_V_ADMIN ||
		      info.verdict == NT_V_PROTO_UNREACH;
	/* DNS: the quoted datagram is a query (to port 53, or matching a
	 * pending transaction on any port) */
	if ((ic->quote.proto == 17 || ic->quote.proto == 6 || ic->quote.proto == 0) &&
	    (unreach || info.verdict == NT_V_TTL || info.verdict == NT_V_FRAG_NEEDED) &&
	    nt_dns_link_icmp(e, pkt, raw, &info) && unreach)
		return; /* TTL / MTU errors also go to the ICMP detector */
	struct nt_icmp_event iev;
	memset(&iev, 0, sizeof(iev));
	iev.pkt = pkt;
	iev.info = info;
	if (ic->quote.proto == 6 || ic->quote.proto == 0)
		iev.hs = nt_tcp_link_icmp(e, pkt, raw, &info);
	else if (ic->quote.proto == 17 && ic->quote.dport >= 33434 && ic->quote.dport <= 33534)
		iev.traceroute = 1;
	else if (ic->quote.proto == 1 || ic->quote.proto == 58)
		iev.traceroute = info.verdict == NT_V_TTL;
	if (iev.hs == NULL)
		e->icmp_unlinked++;
	struct nt_snap *snap = &e->scratch;
	nt_snap_fill(snap, pkt, raw);
	struct nt_event ev = {.type = NT_EV_ICMP, .icmp = &iev, .hs = iev.hs, .end_snap = snap};
	nt_emit(e, &ev);
}
