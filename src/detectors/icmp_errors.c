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
	{"icmp.merge_targets", 8, "hosts",
	 "destinations of one client with errors of one kind after which they are reported as "
	 "one finding for the client (backscatter, a scan, a host behind a broken route)",
	 "nettriage choice: as tcp.merge_ports, a report line per destination is unreadable "
	 "past a handful"},
	{"icmp.max_findings", 32, "findings",
	 "ICMP error findings kept (a quarter of the findings table, so that attack and "
	 "failure findings always find room); further ones are counted as omitted",
	 "nettriage choice"},
};


enum { A_FROM_TARGET, A_TRACE, A_LINKED, A_MTU, A_MULTI_DST, A_MERGED, A_PORT0, A_PORTS_DIFF };

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

/* The client's merged finding of this kind (server = the client, port -1). */
static struct nt_finding *merged_for(struct nt_findings *fs, const char *kind,
				     const struct nt_addr *client)
{
	char c[64];
	nt_addr_str(client, c, sizeof(c));
	struct nt_finding *all = nt_findings_get(fs, kind, c, -1, "ip");
	if (all && all->owner == NULL) {
		all->owner = &nt_det_icmp;
		all->aux[A_MERGED] = 1;
		all->server_addr = *client;
		all->client_addr = *client;
		nt_fmt(all->protocol, sizeof(all->protocol), "ICMP");
	}
	return all;
}

/* The finding an error goes to: its destination's, or past
 * icmp.merge_targets destinations of one client the client's merged one
 * (the destination then counted as one of its names); NULL when this
 * family has used its share of the findings table. */
static struct nt_finding *finding_for(struct nt_findings *fs, const char *kind,
				      const struct nt_flow *q, int port, const char *tr,
				      const struct nt_pkt *pkt)
{
	const struct nt_addr *client = q->src.family ? &q->src : &pkt->flow.dst;
	char s[64], c[64];
	nt_addr_str(&q->dst, s, sizeof(s));
	nt_addr_str(client, c, sizeof(c));
	struct nt_finding *f = nt_findings_find(fs, kind, s, port, tr);
	if (f)
		return f;
	struct nt_finding *all = nt_findings_find(fs, kind, c, -1, "ip");
	if (all && all->aux[A_MERGED]) {
		nt_finding_add_name(all, s);
		return all;
	}
	uint32_t mine = 0, same = 0;
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		const struct nt_finding *g = &fs->findings[i];
		if (g->owner != &nt_det_icmp)
			continue;
		mine++;
		same += strcmp(g->kind, kind) == 0 && g->n_clients == 1 && !g->clients_more &&
			strcmp(g->clients[0], c) == 0;
	}
	if (same >= params[3].value) {
		all = merged_for(fs, kind, client);
		if (all)
			nt_finding_add_name(all, s);
		return all;
	}
	if (mine >= params[4].value) {
		fs->findings_dropped++;
		return NULL;
	}
	return nt_det_finding(fs, &nt_det_icmp, kind, &q->dst, port, tr, "ICMP");
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
			f->aux_addr = q->dst; /* the first destination: named if it stays the only one */
			nt_fmt(f->protocol, sizeof(f->protocol), "ICMP");
		} else if (f && !nt_addr_eq(&f->aux_addr, &q->dst)) {
			f->aux[A_MULTI_DST] = 1;
		}
		if (f) {
			char d[64];
			nt_finding_add_name(f, nt_addr_str(&q->dst, d, sizeof(d))); /* its hosts */
		}
	} else {
		f = finding_for(fs, kind, q, port, proto_name(proto), ie->pkt);
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

/* One client with errors of one kind for more than icmp.merge_targets
 * destinations: one finding for the client (its server field names the
 * client, port -1), the destinations counted in it. */
static void merge_targets(struct nt_findings *fs)
{
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *f = &fs->findings[i];
		if (f->owner != &nt_det_icmp || f->aux[A_MERGED] || f->n_clients != 1 ||
		    f->clients_more)
			continue;
		uint32_t same = 0;
		for (uint32_t j = 0; j < fs->n_findings; j++) {
			const struct nt_finding *g = &fs->findings[j];
			same += g->owner == &nt_det_icmp && !g->aux[A_MERGED] &&
				strcmp(g->kind, f->kind) == 0 && g->n_clients == 1 && !g->clients_more &&
				strcmp(g->clients[0], f->clients[0]) == 0;
		}
		int have = 0;
		for (uint32_t j = 0; j < fs->n_findings; j++)
			have |= fs->findings[j].owner == &nt_det_icmp &&
				fs->findings[j].aux[A_MERGED] &&
				strcmp(fs->findings[j].kind, f->kind) == 0 &&
				strcmp(fs->findings[j].server, f->clients[0]) == 0;
		if (same <= params[3].value && !have)
			continue;
		char kind[32], client[48];
		nt_fmt(kind, sizeof(kind), "%s", f->kind);
		nt_fmt(client, sizeof(client), "%s", f->clients[0]);
		struct nt_addr caddr = f->client_addr;
		/* the merged finding takes the place of the first one */
		struct nt_finding *all = nt_findings_get(fs, kind, client, -1, "ip");
		if (all == NULL)
			continue;
		all->owner = &nt_det_icmp;
		all->aux[A_MERGED] = 1;
		all->server_addr = caddr;
		all->client_addr = caddr;
		nt_fmt(all->protocol, sizeof(all->protocol), "ICMP");
		int first_port = -2;
		for (uint32_t j = 0; j < fs->n_findings;) {
			struct nt_finding *g = &fs->findings[j];
			if (g == all || g->owner != &nt_det_icmp || g->aux[A_MERGED] ||
			    strcmp(g->kind, kind) != 0 || g->n_clients != 1 || g->clients_more ||
			    strcmp(g->clients[0], client) != 0) {
				j++;
				continue;
			}
			nt_finding_absorb(all, g);
			nt_finding_add_name(all, g->server); /* the destinations */
			all->aux[A_FROM_TARGET] += g->aux[A_FROM_TARGET];
			all->aux[A_TRACE] += g->aux[A_TRACE];
			all->aux[A_LINKED] += g->aux[A_LINKED];
			if (first_port == -2)
				first_port = g->port;
			else if (g->port != first_port)
				all->aux[A_PORTS_DIFF] = 1;
			if (all->note[0][0] == '\0' && g->note[0][0])
				nt_fmt(all->note[0], sizeof(all->note[0]), "%s", g->note[0]);
			int before = all < g;
			nt_findings_remove(fs, g);
			if (!before)
				all--; /* it moved down by one */
		}
		all->aux[A_PORT0] = first_port < 0 ? 0 : (uint64_t)first_port;
		i = 0; /* the table moved: start over */
	}
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	merge_targets(fs);
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *f = &fs->findings[i];
		if (f->owner != &nt_det_icmp)
			continue;
		if (strcmp(f->kind, "icmp.ttl_exceeded") == 0 && !f->aux[A_MULTI_DST] &&
		    f->aux_addr.family && !f->aux[A_MERGED]) {
			/* one host, not its network */
			nt_addr_str(&f->aux_addr, f->server, sizeof(f->server));
			f->server_addr = f->aux_addr;
		}
		int merged = f->aux[A_MERGED] != 0;
		uint64_t ndst = f->n_names + f->names_more;
		if (strcmp(f->transport, "ip") == 0 && !merged && strchr(f->server, '/'))
			nt_figure(f, "destinations", (double)ndst);
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
		int ttl = strcmp(f->kind, "icmp.ttl_exceeded") == 0;
		/* a time-exceeded comes from a router, whatever address it uses */
		int all_target = !ttl && f->aux[A_FROM_TARGET] == f->count;
		const char *who = all_target ? (merged ? "the destinations themselves"
						       : "the destination itself")
				  : !ttl && f->aux[A_FROM_TARGET] ? "the destinations and routers on the way"
								   : "a router on the way";
		char whob[128];
		if (!all_target && f->note[1][0])
			nt_fmt(whob, sizeof(whob), "routers on the way (%s, %s)", f->note[0], f->note[1]);
		else if (!all_target && f->note[0][0])
			nt_fmt(whob, sizeof(whob), "%s (%s)", who, f->note[0]);
		else
			nt_fmt(whob, sizeof(whob), "%s", who);
		char dsts[400] = "";
		if (merged) {
			char list[300];
			nt_join_names(f, list, sizeof(list));
			nt_fmt(dsts, sizeof(dsts), "%llu destinations (%s)", (unsigned long long)ndst, list);
			if (f->aux[A_PORTS_DIFF])
				nt_fmt(svc, sizeof(svc), "(several ports)");
			else if (f->aux[A_PORT0])
				nt_fmt(svc, sizeof(svc), "port %llu", (unsigned long long)f->aux[A_PORT0]);
			else
				nt_fmt(svc, sizeof(svc), "(all protocols)");
		}
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
		if (merged) {
			/* the per-destination reasoning does not scale: the causes of errors
			 * for many destinations at once */
			f->n_causes = 0;
			f->n_steps = 0;
			if (f->aux[A_LINKED])
				nt_finding_cause(f, "A scan or a sweep by the client",
					"%s tried %llu destinations and %llu of its connection attempts "
					"drew these errors: reconnaissance, or a worm looking for victims.",
					clients, (unsigned long long)ndst,
					(unsigned long long)f->aux[A_LINKED]);
			else
				nt_finding_cause(f, "Backscatter: traffic sent in the client's name",
					"%llu destinations answered traffic that claims to come from %s, "
					"and none of it is a connection %s was seen opening: an attacker "
					"spoofs its address toward many hosts (a reflection attack on %s) "
					"and the errors come back to it.", (unsigned long long)ndst,
					clients, clients, clients);
			nt_finding_cause(f, "One broken route or filter for all of them",
				"%s, reported for many destinations, can also come from one router or "
				"filter on the common path.", what);
			nt_finding_step(f, "Look at what %s sends to these destinations: errors for "
				"many hosts at once point at a scan by %s, at traffic sent in its name "
				"(spoofed sources: the errors are backscatter of an attack), or at one "
				"broken route for all of them.", clients, clients);
			nt_finding_step(f, "Check %s's outbound traffic in flow data or on its own "
				"interface: when it never sent the quoted datagrams, its address was "
				"spoofed.", clients);
			nt_figure(f, "distinct_destinations", (double)ndst);
			nt_figure(f, "errors", (double)f->count);
			nt_fmt(f->summary, sizeof(f->summary),
				 "%llu ICMP %s error%s for traffic from %s to %s %s, sent by %s between "
				 "%s and %s: %s.", (unsigned long long)f->count, what,
				 f->count == 1 ? "" : "s", clients, dsts, svc, whob, t1, t2, verdict);
		} else {
			nt_fmt(f->summary, sizeof(f->summary),
				 "%llu ICMP %s error%s for traffic from %s to %s %s, sent by %s between "
				 "%s and %s: %s.", (unsigned long long)f->count, what,
				 f->count == 1 ? "" : "s", clients, f->server, svc, whob, t1, t2, verdict);
		}
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "Each ICMP error was linked to the flow it quotes (the IP and transport "
			 "header inside the error)%s. %llu error%s named %s %s as the destination; "
			 "%s sent them.%s",
			 f->aux[A_LINKED] ? ", and to the TCP connection attempt it rejected" : "",
			 (unsigned long long)f->count, f->count == 1 ? "" : "s",
			 merged ? dsts : f->server, svc, whob,
			 merged ? " Errors of one kind for more than icmp.merge_targets destinations of "
				  "one client are reported as one finding for the client." : "");
		nt_fmt(f->impact, sizeof(f->impact), "Traffic from %s to %s %s does not get "
			 "through: %s.", clients, merged ? dsts : f->server, svc, verdict);
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
	if (f->aux[A_MERGED])
		nt_fmt(dst, n, "ICMP %s for traffic from %s to %llu destinations", what, f->server,
		       (unsigned long long)(f->n_names + f->names_more));
	else
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
