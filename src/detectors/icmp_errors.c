/* \summary: ICMP / ICMPv6 errors not explained by a DNS finding:
 * icmp.host_unreachable, icmp.net_unreachable, icmp.port_unreachable
 * (non-DNS services), icmp.admin_prohibited, icmp.frag_needed and
 * icmp.ttl_exceeded, merged per quoted destination, port and transport,
 * saying whether the target itself or a router on the way sent them. */
#include <stdio.h>
#include <string.h>

#include "detectors/common.h"

extern const struct nt_detector nt_det_icmp;

static struct nt_param params[] = {
	{"icmp.min_errors", 3, "count",
	 "errors of one kind for one destination before the finding is medium (below: low)",
	 "Zeek detect-traceroute: >= 3 ICMP time-exceeded per pair (dns-fields-and-heuristics.md)"},
	{"icmp.frag_needed.min_errors", 3, "count",
	 "fragmentation-needed errors before the finding is medium (path MTU discovery "
	 "normally needs one)",
	 "RFC 1191: one error per path suffices; repeats mean the sender ignores it"},
	{"icmp.ttl.traceroute_is_info", 1, "bool",
	 "1: time-exceeded for traceroute probes (UDP 33434-33534, ICMP echo) is info",
	 "traceroute(8) default UDP base port 33434; Zeek detect-traceroute"},
};


enum { A_FROM_TARGET, A_TRACE, A_LINKED, A_MTU };

static const char *kind_of(int v)
{
	switch (v) {
	case NT_V_PORT_CLOSED: return "icmp.port_unreachable";
	case NT_V_HOST_UNREACH: return "icmp.host_unreachable";
	case NT_V_NET_UNREACH: return "icmp.net_unreachable";
	case NT_V_ADMIN: return "icmp.admin_prohibited";
	case NT_V_FRAG_NEEDED: return "icmp.frag_needed";
	case NT_V_TTL: return "icmp.ttl_exceeded";
	default: return NULL;
	}
}

static const char *proto_name(uint8_t p)
{
	switch (p) {
	case 6: return "tcp";
	case 17: return "udp";
	case 1: return "icmp";
	case 58: return "icmp6";
	default: return "ip";
	}
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	if (ev->type != NT_EV_ICMP)
		return;
	const struct nt_icmp_event *ie = ev->icmp;
	const struct nt_flow *q = &ie->pkt->icmp.quote;
	int v = ie->info.verdict;
	const char *kind = kind_of(v);
	if (kind == NULL)
		return;
	/* unreachable errors for DNS queries belong to dns.server_unreachable */
	if (q->dport == 53 && (q->proto == 17 || q->proto == 6) && v != NT_V_FRAG_NEEDED &&
	    v != NT_V_TTL)
		return;
	int port = (q->proto == 6 || q->proto == 17) && q->dport ? q->dport : -1;
	uint8_t proto = q->proto;
	if (ie->hs) {
		/* the linked handshake knows what the quote may not show (text logs) */
		port = ie->hs->sport;
		proto = 6;
	}
	if (v == NT_V_TTL && ie->traceroute)
		port = -1; /* traceroute probes change port: one finding per target */
	struct nt_finding *f;
	if (v == NT_V_TTL && !ie->traceroute) {
		/* a loop affects the route to a prefix: merge per destination network */
		struct nt_addr net = q->dst;
		size_t keep = net.family == 6 ? 6 : 3;
		memset(net.a + keep, 0, sizeof(net.a) - keep);
		char s[80];
		nt_addr_str(&net, s, sizeof(s));
		nt_fmt(s + strlen(s), sizeof(s) - strlen(s), "/%d", net.family == 6 ? 48 : 24);
		f = nt_findings_get(fs, kind, s, -1, "ip");
		if (f && f->owner == NULL) {
			f->owner = &nt_det_icmp;
			f->server_addr = net;
			nt_fmt(f->protocol, sizeof(f->protocol), "ICMP");
		}
	} else {
		f = nt_det_finding(fs, &nt_det_icmp, kind, &q->dst, port, proto_name(proto), "ICMP");
	}
	if (f == NULL)
		return;
	if (!ie->info.from_target && f->note[0][0]) {
		char rep[64];
		nt_addr_str(&ie->info.reporter, rep, sizeof(rep));
		if (strcmp(rep, f->note[0]) != 0 && f->note[1][0] == '\0')
			nt_fmt(f->note[1], sizeof(f->note[1]), "%s", rep);
	}
	nt_finding_seen(f, ie->info.t);
	char c[64];
	nt_finding_add_client(f, nt_addr_str(q->src.family ? &q->src : &ie->pkt->flow.dst, c,
					     sizeof(c)));
	if (ie->pkt->icmp.quote_qname[0])
		nt_finding_add_name(f, ie->pkt->icmp.quote_qname);
	if (ie->info.from_target)
		f->aux[A_FROM_TARGET]++;
	else if (f->note[0][0] == '\0')
		nt_addr_str(&ie->info.reporter, f->note[0], sizeof(f->note[0]));
	if (ie->traceroute)
		f->aux[A_TRACE]++;
	if (ie->hs) {
		f->aux[A_LINKED]++;
		nt_finding_evidence(f, &ie->hs->snap);
	}
	if (ie->info.mtu && (f->aux[A_MTU] == 0 || ie->info.mtu < f->aux[A_MTU]))
		f->aux[A_MTU] = ie->info.mtu;
	nt_finding_evidence(f, ev->end_snap);
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *f = &fs->findings[i];
		if (f->owner != &nt_det_icmp)
			continue;
		char clients[300], t1[48], t2[48], svc[64];
		nt_join_clients(f, clients, sizeof(clients));
		nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
		const char *sname = f->port >= 0 ? nt_service_name((unsigned)f->port) : NULL;
		if (strcmp(f->transport, "ip") == 0)
			nt_fmt(svc, sizeof(svc), "(all protocols)");
		else if (f->port >= 0)
			nt_fmt(svc, sizeof(svc), "%s port %d%s%s%s", f->transport, f->port,
				 sname ? " (" : "", sname ? sname : "", sname ? ")" : "");
		else
			nt_fmt(svc, sizeof(svc), "%s", f->transport);
		int all_target = f->aux[A_FROM_TARGET] == f->count;
		const char *who = all_target ? "the destination itself"
				  : f->aux[A_FROM_TARGET] ? "the destination and routers on the way"
							  : "a router on the way";
		char whob[128];
		if (!all_target && f->note[1][0])
			nt_fmt(whob, sizeof(whob), "routers on the way (%s, %s)", f->note[0], f->note[1]);
		else if (!all_target && f->note[0][0])
			nt_fmt(whob, sizeof(whob), "%s (%s)", who, f->note[0]);
		else
			nt_fmt(whob, sizeof(whob), "%s", who);
		int medium = f->count >= params[0].value;
		const char *what = "", *verdict = "";
		if (strcmp(f->kind, "icmp.port_unreachable") == 0) {
			what = "port unreachable";
			verdict = "nothing listens on that port (or a host firewall rejects it)";
			f->severity = medium ? NT_SEV_MEDIUM : NT_SEV_LOW;
			nt_finding_cause(f, "Service not running or not listening",
				"Port unreachable from %s means the host is up but no process has %s "
				"open.", whob, svc);
			nt_finding_cause(f, "Host firewall rejecting the port",
				"A REJECT rule with icmp-port-unreachable gives the same answer.");
			nt_finding_step(f, "Check the service on %s (ss -lnp) and its firewall rules.",
				f->server);
		} else if (strcmp(f->kind, "icmp.host_unreachable") == 0 ||
			   strcmp(f->kind, "icmp.net_unreachable") == 0) {
			int host = f->kind[5] == 'h';
			what = host ? "host unreachable" : "network unreachable";
			verdict = host ? "the last router could not deliver to the host (host down, "
					 "no ARP/neighbour answer)"
				       : "a router has no route to the destination network";
			f->severity = medium ? NT_SEV_HIGH : NT_SEV_MEDIUM;
			nt_finding_cause(f, host ? "Destination host down or off the network"
						 : "Routing: no route to the destination network",
				"%s reported %s for %s: a routing-level failure, not an application "
				"one.", whob, what, f->server);
			nt_finding_cause(f, "Filter answering with an unreachable code",
				"Some firewalls reject with host/net unreachable instead of dropping.");
			nt_finding_step(f, "Check that %s is up and its address/ARP entry is correct "
				"(ping, ip neigh on the last router).", f->server);
			nt_finding_step(f, "Check the routing table on %s and on the path (traceroute %s).",
				f->note[0][0] ? f->note[0] : "the reporting router", f->server);
		} else if (strcmp(f->kind, "icmp.admin_prohibited") == 0) {
			what = "administratively prohibited";
			verdict = "a packet filter rejects this traffic";
			f->severity = NT_SEV_MEDIUM;
			nt_finding_cause(f, "Firewall or ACL rule",
				"Administratively prohibited is sent by a filter that rejects the traffic; "
				"it came from %s.", whob);
			nt_finding_step(f, "Find the rule on %s that rejects %s to %s and review recent "
				"changes.", all_target ? f->server : (f->note[0][0] ? f->note[0] : "the router"),
				svc, f->server);
		} else if (strcmp(f->kind, "icmp.frag_needed") == 0) {
			what = "fragmentation needed";
			verdict = "packets are larger than the path MTU";
			f->severity = f->count >= params[1].value ? NT_SEV_MEDIUM : NT_SEV_LOW;
			nt_finding_cause(f, "Path MTU smaller than the packets sent",
				"A link on the way (tunnel, VPN, PPPoE) has MTU %llu; the sender must "
				"lower its packet size.", (unsigned long long)f->aux[A_MTU]);
			nt_finding_cause(f, "Path MTU discovery not taking effect",
				"Repeated errors mean the sender keeps sending too-large packets "
				"(PMTUD black hole, ICMP filtered upstream).");
			nt_finding_step(f, "Check the MTU of links between the clients and %s and "
				"clamp TCP MSS on the tunnel if needed.", f->server);
		} else {
			what = "TTL exceeded";
			int trace = f->aux[A_TRACE] * 2 >= f->count && params[2].value != 0;
			verdict = trace ? "traceroute probes expiring on the way (expected)"
					: "packets expire on the way (routing loop or TTL too low)";
			f->severity = trace ? NT_SEV_INFO : (medium ? NT_SEV_MEDIUM : NT_SEV_LOW);
			if (trace)
				nt_finding_cause(f, "Traceroute", "The quoted packets are traceroute "
					"probes; time exceeded is their expected answer.");
			if (f->note[1][0])
				nt_finding_cause(f, "Routing loop",
					"Two routers (%s and %s) both report the expiry for the same "
					"destinations: packets bounce between them until the TTL runs out. "
					"Check their routes for %s.", f->note[0], f->note[1], f->server);
			else
				nt_finding_cause(f, "Routing loop or TTL too low",
					"Packets expire at %s; a loop behind it or senders using a very "
					"low TTL.", f->note[0][0] ? f->note[0] : "a router");
			nt_finding_step(f, "Run traceroute to %s and look for repeating hops.", f->server);
		}
		nt_fmt(f->summary, sizeof(f->summary),
			 "%llu ICMP %s error%s for traffic from %s to %s %s, sent by %s between %s "
			 "and %s: %s.", (unsigned long long)f->count, what, f->count == 1 ? "" : "s",
			 clients, f->server, svc, whob, t1, t2, verdict);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "Each ICMP error was linked to the flow it quotes (the IP and transport "
			 "header inside the error)%s. %llu error%s named %s %s as the destination; "
			 "%s sent them.",
			 f->aux[A_LINKED] ? ", and to the TCP connection attempt it rejected" : "",
			 (unsigned long long)f->count, f->count == 1 ? "" : "s", f->server, svc, whob);
		nt_fmt(f->impact, sizeof(f->impact), "Traffic from %s to %s %s does not get "
			 "through: %s.", clients, f->server, svc, verdict);
	}
}

/* "ICMP port unreachable for 192.0.2.1" */
static void title(const struct nt_finding *f, char *dst, size_t n)
{
	char what[32];
	nt_fmt(what, sizeof(what), "%s", f->kind + strlen("icmp."));
	for (char *p = what; *p; p++)
		if (*p == '_')
			*p = ' ';
	nt_fmt(dst, n, "ICMP %s for %s", what, f->server);
}

static const struct nt_kind kinds[] = {
	{"icmp.host_unreachable", title}, {"icmp.net_unreachable", title},
	{"icmp.port_unreachable", title}, {"icmp.admin_prohibited", title},
	{"icmp.frag_needed", title},      {"icmp.ttl_exceeded", title},
};

const struct nt_detector nt_det_icmp = {
	.name = "icmp",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	.on_event = on_event,
	.finish = finish,
};
