/* \summary: dns.server_unreachable: DNS queries answered by an ICMP
 * destination-unreachable error (port closed, host or network
 * unreachable, filtered) instead of a DNS response, merged per server,
 * port and transport, with ranked causes and next steps. */
#include <stdio.h>
#include <string.h>

#include "detectors/common.h"

extern const struct nt_detector nt_det_dns_unreach;

static struct nt_param params[] = {
	{"dns.server_unreachable.high_if_silent", 1, "bool",
	 "1: the finding is high when the server sent no DNS response at all in the capture "
	 "(medium when it answered some queries)",
	 "nettriage choice: a resolver that rejects every query stops all name resolution "
	 "of its clients"},
};

enum {
	A_FROM_TARGET, A_PORT, A_ROUTE, A_ADMIN, A_PROTO, A_LATE, A_TRUNC, A_ID, A_ID_DIFF,
	A_CPORT, A_CPORT_DIFF, A_QTYPE, A_QTYPE_DIFF, A_NOQUERY, A_LK_FAILED, A_LK, A_GIVEUP,
	A_ANSWERED_AFTER, /* rejected queries that the server answered afterwards */
};


static void count_verdict(struct nt_finding *f, const struct nt_icmp_info *ic)
{
	if (ic->from_target)
		f->aux[A_FROM_TARGET]++;
	else if (f->note[0][0] == '\0')
		nt_addr_str(&ic->reporter, f->note[0], sizeof(f->note[0]));
	switch (ic->verdict) {
	case NT_V_PORT_CLOSED: f->aux[A_PORT]++; break;
	case NT_V_HOST_UNREACH: case NT_V_NET_UNREACH: f->aux[A_ROUTE]++; break;
	case NT_V_ADMIN: f->aux[A_ADMIN]++; break;
	default: f->aux[A_PROTO]++; break;
	}
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	(void)e;
	if (ev->type == NT_EV_DNS_TXN && ev->txn->state == NT_TXN_ICMP &&
	    ev->txn->icmp.verdict != NT_V_TTL && ev->txn->icmp.verdict != NT_V_FRAG_NEEDED) {
		const struct nt_dns_txn *t = ev->txn;
		struct nt_finding *f = nt_det_dns_finding(fs, &nt_det_dns_unreach, "dns.server_unreachable", t);
		if (f == NULL)
			return;
		int first = f->count == 1;
		count_verdict(f, &t->icmp);
		if (t->late)
			f->aux[A_LATE]++;
		if (t->icmp.quote_truncated)
			f->aux[A_TRUNC]++;
		int64_t d = t->t_end - t->t_query;
		if (first || d < f->tmin)
			f->tmin = d;
		if (first || d > f->tmax)
			f->tmax = d;
		if (first) {
			f->aux[A_ID] = t->id;
			f->aux[A_CPORT] = t->cport;
			f->aux[A_QTYPE] = t->qtype;
		} else {
			f->aux[A_ID_DIFF] |= f->aux[A_ID] != t->id;
			f->aux[A_CPORT_DIFF] |= f->aux[A_CPORT] != t->cport;
			f->aux[A_QTYPE_DIFF] |= f->aux[A_QTYPE] != t->qtype;
		}
		size_t n = strlen(f->note[1]);
		if (n + 12 < sizeof(f->note[1])) {
			char dur[32];
			nt_fmt(f->note[1] + n, sizeof(f->note[1]) - n, "%s%s", n ? ", " : "",
				 nt_fmt_dur(dur, sizeof(dur), d));
		}
		nt_finding_evidence(f, &t->snap);
		nt_finding_evidence(f, ev->end_snap);
		return;
	}
	if (ev->type == NT_EV_DNS_TXN && ev->txn->after_icmp) {
		const struct nt_dns_txn *t = ev->txn;
		char s[64];
		nt_addr_str(&t->server, s, sizeof(s));
		struct nt_finding *f = nt_findings_find(fs, "dns.server_unreachable", s, t->sport,
						      t->proto == 6 ? "tcp" : "udp");
		if (f != NULL) {
			f->aux[A_ANSWERED_AFTER]++;
			nt_finding_evidence(f, ev->end_snap);
		}
		return;
	}
	if (ev->type == NT_EV_ICMP) {
		/* an error quoting a DNS query the capture did not show */
		const struct nt_icmp_event *ie = ev->icmp;
		const struct nt_flow *q = &ie->pkt->icmp.quote;
		int v = ie->info.verdict;
		if (q->dport != 53 || (q->proto != 17 && q->proto != 6) ||
		    !(v == NT_V_PORT_CLOSED || v == NT_V_HOST_UNREACH || v == NT_V_NET_UNREACH ||
		      v == NT_V_ADMIN || v == NT_V_PROTO_UNREACH))
			return;
		struct nt_finding *f = nt_det_finding(fs, &nt_det_dns_unreach, "dns.server_unreachable", &q->dst,
						      53, q->proto == 6 ? "tcp" : "udp", "DNS");
		if (f == NULL)
			return;
		nt_finding_seen(f, ie->info.t);
		char c[64];
		nt_finding_add_client(f, nt_addr_str(q->src.family ? &q->src : &ie->pkt->flow.dst, c,
						     sizeof(c)));
		nt_finding_add_name(f, ie->pkt->icmp.quote_qname);
		count_verdict(f, &ie->info);
		f->aux[A_NOQUERY]++;
		nt_finding_evidence(f, ev->end_snap);
		return;
	}
	if (ev->type == NT_EV_DNS_LOOKUP && ev->lookup->failed_icmp) {
		const struct nt_lookup *l = ev->lookup;
		char s[64];
		nt_addr_str(&l->server, s, sizeof(s));
		for (uint32_t i = 0; i < fs->n_findings; i++) {
			struct nt_finding *f = &fs->findings[i];
			if (f->owner == &nt_det_dns_unreach && strcmp(f->server, s) == 0) {
				f->aux[A_LK]++;
				if (l->state == NT_LK_FAILED) {
					f->aux[A_LK_FAILED]++;
					if ((uint64_t)(l->t_giveup - l->t_first) > f->aux[A_GIVEUP])
						f->aux[A_GIVEUP] = (uint64_t)(l->t_giveup - l->t_first);
				}
				break;
			}
		}
	}
}

static void write_finding(struct nt_findings *fs, const struct nt_engine *e, struct nt_finding *f)
{
	const struct nt_host *h = nt_engine_host(e, &f->server_addr);
	uint64_t answers = h ? h->dns_answers_out : 0;
	uint32_t peak = h ? h->peak_pps : 0;
	double spike = nt_engine_params[NT_P_SPIKE_PPS].value;
	int silent = answers == 0;
	int all_target = f->aux[A_FROM_TARGET] == f->count;
	int mostly_port = f->aux[A_PORT] * 2 > f->count;
	int mostly_route = f->aux[A_ROUTE] * 2 > f->count;
	int mostly_admin = f->aux[A_ADMIN] * 2 > f->count;
	const char *tr = strcmp(f->transport, "tcp") == 0 ? "TCP" : "UDP";
	const char *qtype = f->aux[A_QTYPE_DIFF] ? "DNS" : nt_qtype_name((unsigned)f->aux[A_QTYPE]);
	uint64_t n = f->count;
	char t1[48], t2[48], span[32];
	nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
	nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
	nt_fmt_dur(span, sizeof(span), f->last_seen - f->first_seen);

	f->severity = (silent && params[0].value != 0) ? NT_SEV_HIGH : NT_SEV_MEDIUM;
	/* every rejected query answered after all: the errors are noise */
	uint64_t after = f->aux[A_ANSWERED_AFTER];
	if (after && after >= n - f->aux[A_NOQUERY])
		f->severity = NT_SEV_LOW;

	char names[300] = "";
	for (uint32_t i = 0; i < f->n_names && strlen(names) < 200; i++)
		nt_fmt(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
			 i ? ", " : "", f->names[i]);
	if (f->names_more)
		nt_fmt(names + strlen(names), sizeof(names) - strlen(names), " and %llu more",
			 (unsigned long long)f->names_more);
	char clients[300] = "";
	for (uint32_t i = 0; i < f->n_clients && strlen(clients) < 200; i++)
		nt_fmt(clients + strlen(clients), sizeof(clients) - strlen(clients), "%s%s",
			 i ? ", " : "", f->clients[i]);
	if (f->clients_more)
		nt_fmt(clients + strlen(clients), sizeof(clients) - strlen(clients),
			 " and %llu more", (unsigned long long)f->clients_more);
	char idtxt[48] = "";
	if (!f->aux[A_ID_DIFF] && f->aux[A_NOQUERY] < n)
		nt_fmt(idtxt, sizeof(idtxt), " (query id %llu)", (unsigned long long)f->aux[A_ID]);
	const char *what = mostly_port ? "ICMP port unreachable"
			   : mostly_admin ? "ICMP administratively prohibited"
			   : mostly_route ? "ICMP host/network unreachable"
					  : "an ICMP destination-unreachable error";
	const char *who = all_target ? "from the server itself" : "from a router on the path";

	if (f->severity == NT_SEV_LOW)
		nt_fmt(f->summary, sizeof(f->summary),
			 "%llu %s quer%s for %s from %s to %s %s port %d between %s and %s drew %s "
			 "%s, yet %s answered afterwards: the DNS service works and the errors are "
			 "spurious.", (unsigned long long)n, qtype, n == 1 ? "y" : "ies",
			 names[0] ? names : "(name not seen)", clients, f->server, tr, f->port, t1,
			 t2, what, who, n == 1 ? "it was" : "all were");
	else
		nt_fmt(f->summary, sizeof(f->summary),
			 "The DNS service on %s is unreachable over %s port %d: %llu failed %s "
			 "quer%s for %s from %s%s between %s and %s %s answered by %s %s.",
			 f->server, tr, f->port, (unsigned long long)n, qtype, n == 1 ? "y" : "ies",
			 names[0] ? names : "(name not seen)", clients, idtxt, t1, t2,
			 n == 1 ? "was" : "were each", what, who);

	/* analysis: how it was found */
	char *a = f->analysis;
	size_t as = sizeof(f->analysis), al = 0;
#define ADD(...) do { if (al < as) al += (size_t)nt_fmt(a + al, as - al, __VA_ARGS__); } while (0)
	ADD("Every DNS query in the input was paired with what came back for it. %llu %s "
	    "quer%s for %s%s from %s to %s port %d/%s got %s; ",
	    (unsigned long long)(n - f->aux[A_NOQUERY]), qtype,
	    n - f->aux[A_NOQUERY] == 1 ? "y" : "ies", names[0] ? names : "?", idtxt, clients,
	    f->server, f->port, f->transport,
	    after ? "an ICMP error before any DNS response" : "no DNS response");
	if (!f->aux[A_CPORT_DIFF] && f->aux[A_NOQUERY] < n)
		ADD("all were sent from source port %llu; ", (unsigned long long)f->aux[A_CPORT]);
	ADD("%s %s sent by %s, linked to the query through the %s "
	    "header quoted in the ICMP error%s. ",
	    after ? "each was first met by" : "instead each was answered by", what, all_target ? f->server : (f->note[0][0] ? f->note[0] : "a router"), tr,
	    f->aux[A_TRUNC] ? " (the quote does not carry the DNS id, so the link rests on "
			      "addresses, ports and timing)" : " and the DNS id it quotes");
	if (f->note[1][0])
		ADD("The errors came %s after the queries. ", f->note[1]);
	char gu[32];
	nt_fmt_dur(gu, sizeof(gu), (int64_t)f->aux[A_GIVEUP]);
	if (f->aux[A_LK] == 1 && n > 1 && f->aux[A_LK_FAILED])
		ADD("The %llu attempts are retries of one lookup, which never got an answer: "
		    "its last attempt failed %s after the first query; name resolution failed. ",
		    (unsigned long long)n, gu);
	else if (f->aux[A_LK] == 1 && n > 1)
		ADD("The %llu attempts are retries of one lookup, answered in the end by another "
		    "server. ", (unsigned long long)n);
	else if (f->aux[A_LK] && f->aux[A_LK_FAILED])
		ADD("The attempts form %llu lookups, %llu of which never got an answer: name "
		    "resolution failed. ", (unsigned long long)f->aux[A_LK],
		    (unsigned long long)f->aux[A_LK_FAILED]);
	else if (f->aux[A_LK])
		ADD("The attempts form %llu lookup%s, all answered in the end. ",
		    (unsigned long long)f->aux[A_LK], f->aux[A_LK] == 1 ? "" : "s");
	if (f->aux[A_LATE])
		ADD("%llu of the errors came later than the %.0f s resolver timeout (dns.timeout); "
		    "they were still linked within dns.late_window. ",
		    (unsigned long long)f->aux[A_LATE], nt_engine_params[NT_P_DNS_TIMEOUT].value);
	if (!f->aux[A_ID_DIFF] && !f->aux[A_CPORT_DIFF] && n > 1)
		ADD("The same query id and source port on every attempt show the client resending "
		    "the same question. ");
	if (after)
		ADD("%llu of the rejected queries were nevertheless answered by %s after the "
		    "ICMP error: the error did not stop the DNS service%s. ",
		    (unsigned long long)after, f->server,
		    all_target ? "" : " (it came from a router or filter, not the server)");
	uint64_t others = answers > after ? answers - after : 0;
	if (silent)
		ADD("%s sent no DNS response at all in the capture. ", f->server);
	else if (others)
		ADD("%s did answer %llu other DNS message%s in the capture, so the failure is "
		    "partial. ", f->server, (unsigned long long)others, others == 1 ? "" : "s");
	ADD("The failures span %s (%s to %s).", span, t1, t2);

	int64_t tcp_pkts = (int64_t)e->proto[NT_PR_TCP];
	if (f->severity == NT_SEV_LOW)
		nt_fmt(f->impact, sizeof(f->impact),
			 "No lookup failed in this capture: every rejected query got its answer. "
			 "Stub resolvers that give up on the first ICMP port unreachable (connected "
			 "UDP sockets report it as ECONNREFUSED) may still fail or fall back to "
			 "another resolver.");
	else
		nt_fmt(f->impact, sizeof(f->impact),
			 "Clients using %s as their resolver cannot resolve names through it: the "
			 "lookup of %s failed, so the web site (HTTPS) and anything else reached by "
			 "that name could not be reached, even if the web server itself is up.%s",
			 f->server, names[0] ? names : "the names asked",
			 tcp_pkts == 0 ? " The capture holds no TCP traffic at all: the client never "
					 "got an address to connect to." : "");

	/* causes, most likely first */
	char pk[160];
	if (peak >= spike)
		nt_fmt(pk, sizeof(pk), "The capture does show a spike: up to %u packets/s towards "
			 "%s (threshold host.spike_pps = %.0f).", peak, f->server, spike);
	else
		nt_fmt(pk, sizeof(pk), "The capture shows no traffic spike towards %s (peak %u "
			 "packet%s/s, threshold host.spike_pps = %.0f).", f->server, peak,
			 peak == 1 ? "" : "s", spike);
	if (after)
		nt_finding_cause(f, "Spurious ICMP errors while the service answers",
			"%llu of %llu rejected queries got a DNS response after the error: a "
			"middlebox, a second path or an anycast node sends the errors while the "
			"server itself answers. The failure is %s.", (unsigned long long)after,
			(unsigned long long)(n - f->aux[A_NOQUERY]),
			after >= n - f->aux[A_NOQUERY] ? "only apparent" : "partial");
	if (mostly_port) {
		nt_finding_cause(f, "DNS service down or not listening on port 53",
			"An ICMP port unreachable %s means the datagram reached the host and the host "
			"is up and routed, but no process had %s port %d open. Every one of the %llu "
			"attempts over %s failed the same way, so this is persistent, not a transient "
			"loss.%s",
			all_target ? "sent by the server itself" : "", tr, f->port,
			(unsigned long long)n, span,
			silent ? " The server sent no DNS response at all." : "");
		nt_finding_cause(f, "Firewall or ACL rejecting DNS with ICMP",
			"A host firewall rule that REJECTs port %d (iptables' default reject type is "
			"icmp-port-unreachable) produces exactly this reply while the daemon may still "
			"run; a network filter more often sends administratively prohibited or drops "
			"silently. Check for recent rule changes.", f->port);
	} else if (mostly_admin) {
		nt_finding_cause(f, "Firewall or ACL blocking DNS",
			"ICMP administratively prohibited is what a packet filter sends when a rule "
			"rejects traffic; it came from %s.",
			all_target ? "the server itself (a host firewall)" : "a router on the path");
		nt_finding_cause(f, "DNS service down or not listening on port 53",
			"Cannot be told apart while the filter rejects the queries before they reach "
			"the daemon.");
	} else {
		nt_finding_cause(f, "Routing failure or server host down",
			"Host/network unreachable from %s means the packets could not be delivered "
			"to %s at all (no route, or no ARP/neighbour answer from the host).",
			all_target ? "the server" : (f->note[0][0] ? f->note[0] : "a router"),
			f->server);
		nt_finding_cause(f, "Firewall or ACL rejecting DNS with ICMP",
			"Some filters reject with host-unreachable codes.");
	}
	nt_finding_cause(f, peak >= spike ? "Denial-of-service against the server"
					  : "Denial-of-service against the server (possible only)",
		"%s An overloaded server usually drops queries or answers slowly rather than "
		"rejecting each one with ICMP%s; traffic from other sources is not in this "
		"capture, so an attack cannot be ruled out from it.",
		pk, mostly_port ? ", though a crashed daemon after an attack would look like this" : "");
	nt_finding_cause(f, "Misconfiguration",
		"The DNS daemon may listen on another address or interface only (e.g. 127.0.0.1 or "
		"a new IP), or the clients point at the wrong resolver address (%s may no longer "
		"be a DNS server).", f->server);

	nt_finding_step(f, "Check the DNS server process on %s (systemctl status named / unbound "
		"/ dnsmasq, its logs) and whether anything listens on %s port %d (ss -lunp "
		"'sport = :%d').", f->server, tr, f->port, f->port);
	nt_finding_step(f, "Query the server over TCP/53 and from another host (dig +tcp @%s %s "
		"A; dig @%s %s A) to tell a dead daemon from a UDP-only filter.", f->server,
		f->n_names ? f->names[0] : "example.com", f->server,
		f->n_names ? f->names[0] : "example.com");
	nt_finding_step(f, "Resolve the name through another resolver (dig @<other resolver> %s) "
		"to confirm the site itself is up, and give clients a working secondary resolver "
		"meanwhile.", f->n_names ? f->names[0] : "the name");
	nt_finding_step(f, "Review recent firewall/ACL changes on %s and on the path (nftables / "
		"iptables REJECT rules for port %d).", f->server, f->port);
	nt_finding_step(f, "Look for traffic volume spikes towards %s in flow data or the "
		"server's counters; a capture at the client sees only its own queries.", f->server);
	nt_finding_step(f, "After the fix, capture again and re-run nettriage analyze to confirm "
		"the queries are answered.");
#undef ADD
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	for (uint32_t i = 0; i < fs->n_findings; i++)
		if (fs->findings[i].owner == &nt_det_dns_unreach)
			write_finding(fs, e, &fs->findings[i]);
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	const char *tr = strcmp(f->transport, "tcp") == 0 ? "TCP" : "UDP";
	if (f->severity <= NT_SEV_LOW) /* low only when every rejected query was answered afterwards */
		nt_fmt(dst, n, "Spurious ICMP errors for DNS to %s (%s port %d)", f->server, tr,
		       f->port);
	else
		nt_fmt(dst, n, "DNS service on %s unreachable (%s port %d)", f->server, tr, f->port);
}

static const struct nt_kind kinds[] = {{"dns.server_unreachable", title}};

const struct nt_detector nt_det_dns_unreach = {
	.name = "dns.server_unreachable",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	.on_event = on_event,
	.finish = finish,
};
