/* \summary: dns.no_response: DNS queries that got neither a response nor
 * an ICMP error within dns.timeout, merged per server, port and
 * transport.  Queries still pending when the capture ended are not
 * counted (they are "no answer seen before the capture ended"). */
#include <stdio.h>
#include <string.h>

#include "detectors/common.h"

extern const struct nt_detector nt_det_dns_noresp;

static struct nt_param params[] = {
	{"dns.no_response.min_failures", 3, "count",
	 "unanswered queries to one server before the finding is medium (below: low)",
	 "glibc resolv.conf 'attempts:2' plus one retry: a lookup that failed every attempt"},
	{"dns.no_response.min_ratio", 0.5, "ratio",
	 "share of the server's queries left unanswered before the finding is medium",
	 "DNSdist setRCodeRatio(ServFail, 0.5, 2, 10) documentation example (failure ratio 0.5)"},
};


/* A_FRAG: unanswered queries whose response's first IP fragment arrived
 * (the rest never did); A_FRAG_LEN: the largest such response (UDP length) */
enum { A_QUERIES, A_LK_FAILED, A_LK, A_QTYPE_ONLY, A_LK_RETRIED, A_FRAG, A_FRAG_LEN };

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	if (ev->type == NT_EV_DNS_TXN && ev->txn->state == NT_TXN_UNANSWERED) {
		const struct nt_dns_txn *t = ev->txn;
		struct nt_finding *f = nt_det_dns_finding(fs, &nt_det_dns_noresp, "dns.no_response", t);
		if (f == NULL)
			return;
		if (t->frag_first) {
			f->aux[A_FRAG]++;
			if (t->frag_udp_len > f->aux[A_FRAG_LEN])
				f->aux[A_FRAG_LEN] = t->frag_udp_len;
		}
		nt_finding_evidence(f, &t->snap);
	} else if (ev->type == NT_EV_DNS_LOOKUP && ev->lookup->failed_timeout) {
		char s[64];
		nt_addr_str(&ev->lookup->first_server, s, sizeof(s));
		for (uint32_t i = 0; i < fs->n_findings; i++) {
			struct nt_finding *f = &fs->findings[i];
			if (f->owner == &nt_det_dns_noresp && strcmp(f->server, s) == 0) {
				f->aux[A_LK]++;
				if (ev->lookup->state == NT_LK_FAILED)
					f->aux[A_LK_FAILED]++;
				if (ev->lookup->state == NT_LK_FAILED && ev->lookup->attempts >= 2)
					f->aux[A_LK_RETRIED]++;
				break;
			}
		}
	}
}

/* The query type the unanswered queries are (nearly) all of while the
 * server answers other types: its counters, or NULL. */
static const struct nt_prof_qtype *only_type(const struct nt_dns_prof *p, uint64_t *answered_other)
{
	*answered_other = 0;
	if (p == NULL || p->unanswered == 0)
		return NULL;
	const struct nt_prof_qtype *q = NULL;
	for (uint32_t i = 0; i < p->n_qtype; i++)
		if (p->qt[i].unanswered * 10 >= p->unanswered * 9)
			q = &p->qt[i];
	/* ANY queries left unanswered are a flood's, not a type the server lacks */
	if (q == NULL || q->answered || q->qtype == 255)
		return NULL;
	int64_t last_other = 0;
	for (uint32_t i = 0; i < p->n_qtype; i++)
		if (&p->qt[i] != q) {
			*answered_other += p->qt[i].answered;
			if (p->qt[i].t_last_answered > last_other)
				last_other = p->qt[i].t_last_answered;
		}
	/* the other types were still answered after this one began to fail */
	return *answered_other && last_other >= q->t_first_unanswered ? q : NULL;
}

/* "A and PTR" / "A, AAAA and PTR": the types the server did answer. */
static void answered_types(const struct nt_dns_prof *p, const struct nt_prof_qtype *not,
			   char *dst, size_t n)
{
	const char *t[NT_PROF_QTYPES];
	char tb[NT_PROF_QTYPES][16];
	uint32_t k = 0;
	for (uint32_t i = 0; i < p->n_qtype; i++) {
		if (&p->qt[i] == not || p->qt[i].answered == 0)
			continue;
		t[k] = nt_qtype_text(p->qt[i].qtype, tb[k], sizeof(tb[k]));
		k++;
	}
	size_t len = 0;
	dst[0] = '\0';
	for (uint32_t i = 0; i < k && len + 1 < n; i++)
		len += (size_t)nt_fmt(dst + len, n - len, "%s%s",
				      i == 0 ? "" : i == k - 1 ? " and " : ", ", t[i]);
}

static void write_finding(const struct nt_engine *e, struct nt_finding *f)
{
	const struct nt_dns_prof *p = nt_engine_dns_server(e, &f->server_addr, (uint16_t)f->port,
							   strcmp(f->transport, "tcp") == 0 ? 6 : 17);
	const struct nt_host *h = nt_engine_host(e, &f->server_addr);
	uint64_t queries = p ? p->queries : h ? h->dns_queries_in : f->count;
	uint64_t answers = p ? p->answered + p->after_icmp : h ? h->dns_answers_out : 0;
	if (queries < f->count)
		queries = f->count;
	double ratio = queries ? (double)f->count / (double)queries : 1.0;
	uint64_t other = 0;
	const struct nt_prof_qtype *q = only_type(p, &other);
	int big = f->count >= params[0].value && ratio >= params[1].value;
	int silent = answers == 0;
	if (q) {
		f->severity = NT_SEV_LOW; /* the server works; one type it does not serve */
		f->count = q->unanswered; /* the failures of that type only */
	}
	else if (silent && (big || f->aux[A_LK_RETRIED]))
		f->severity = NT_SEV_HIGH;
	else
		f->severity = big ? NT_SEV_MEDIUM : NT_SEV_LOW;
	char names[300], clients[300], t1[48], t2[48], to[32];
	nt_join_names(f, names, sizeof(names));
	nt_join_clients(f, clients, sizeof(clients));
	nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
	nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
	nt_fmt_dur(to, sizeof(to), e->dns_timeout);
	char lk[96] = "";
	if (f->aux[A_LK] && f->aux[A_LK] < f->count)
		nt_fmt(lk, sizeof(lk), " (%llu lookup%s with their retries)",
		       (unsigned long long)f->aux[A_LK], f->aux[A_LK] == 1 ? "" : "s");
	const char *public_name = nt_public_resolver(&f->server_addr);
	const char *name0 = f->n_names ? nt_shortest_name(f) : "example.com";
	f->aux[A_QTYPE_ONLY] = q ? q->qtype : 0;
	if (q) {
		char types[64];
		answered_types(p, q, types, sizeof(types));
		char qtb[16];
		const char *qt = nt_qtype_text(q->qtype, qtb, sizeof(qtb));
		nt_fmt(f->summary, sizeof(f->summary),
			 "The DNS server %s answers %s queries (%llu answered) but never answered "
			 "the %llu %s queries%s from %s for %s between %s and %s.", f->server, types,
			 (unsigned long long)other, (unsigned long long)f->count, qt, lk, clients,
			 names[0] ? names : "(no question)", t1, t2);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "Each query was paired by client, ports, id and question with the responses "
			 "in the input. Of the %llu queries to %s, %llu got no answer within "
			 "dns.timeout = %s and no ICMP error; %llu of them (every one) asked for %s "
			 "records, while %llu queries of other types (%s) were answered in the same "
			 "period. The server is up and reachable; it does not answer this type.",
			 (unsigned long long)queries, f->server, (unsigned long long)p->unanswered, to,
			 (unsigned long long)q->unanswered, qt, (unsigned long long)other, types);
		nt_fmt(f->impact, sizeof(f->impact),
			 "Whatever locates its servers through %s records (%s) cannot find them "
			 "through %s; %s lookups work.", qt, names[0] ? names : "these names", f->server,
			 types);
		nt_finding_cause(f, "The server does not answer this query type",
			"%s answered %llu %s queries but none of the %llu %s queries: DNS forwarders in "
			"home routers and some proxies drop the types they do not handle instead of "
			"forwarding them.", f->server, (unsigned long long)other, types,
			(unsigned long long)q->unanswered, qt);
		nt_finding_cause(f, "The records' zone is broken upstream",
			"If the authoritative servers of %s do not answer %s queries either, the "
			"forwarder waits in vain; asking another resolver tells the two apart.", name0,
			qt);
		nt_finding_step(f, "Ask for the records directly and through another resolver (dig "
			"@%s %s %s; dig @1.1.1.1 %s %s).", f->server, qt, name0, qt, name0);
		nt_finding_step(f, "If only %s fails to answer them, point the clients at a resolver "
			"that does (or update the forwarder's firmware).", f->server);
		nt_figure(f, "unanswered_of_type", (double)q->unanswered);
		nt_figure(f, "answered_other_types", (double)other);
		nt_figure(f, "queries_to_server", (double)queries);
		return;
	}
	/* the server answered, but only the first fragment of its answers came */
	int frag = f->aux[A_FRAG] && f->aux[A_FRAG] * 2 >= f->count;
	char why[160];
	if (frag)
		nt_fmt(why, sizeof(why), "only the first IP fragment of %llu of the responses "
		       "arrived, the rest never did", (unsigned long long)f->aux[A_FRAG]);
	else
		nt_fmt(why, sizeof(why), "no response within %s, no ICMP error", to);
	nt_fmt(f->summary, sizeof(f->summary),
		 "The DNS server %s did not answer %llu of %llu queries%s over %s port %d from %s for "
		 "%s between %s and %s (%s).",
		 f->server, (unsigned long long)f->count, (unsigned long long)queries, lk,
		 f->transport, f->port, clients, names[0] ? names : "(no question)", t1, t2, why);
	nt_fmt(f->analysis, sizeof(f->analysis),
		 "Each query was paired by client, ports, id and question with the responses in the "
		 "input. %llu quer%s to %s got nothing back within dns.timeout = %s and no ICMP "
		 "error quoted them either: the packets were silently dropped on the way, or the "
		 "server received them and did not reply. %s answered %llu of its %llu queries in "
		 "the capture (%.0f%% unanswered). %llu lookup%s %s affected, %llu failed "
		 "outright.",
		 (unsigned long long)f->count, f->count == 1 ? "y" : "ies", f->server, to,
		 f->server, (unsigned long long)answers, (unsigned long long)queries, ratio * 100,
		 (unsigned long long)f->aux[A_LK], f->aux[A_LK] == 1 ? "" : "s",
		 f->aux[A_LK] == 1 ? "was" : "were", (unsigned long long)f->aux[A_LK_FAILED]);
	if (f->aux[A_FRAG]) {
		size_t al = strlen(f->analysis);
		nt_fmt(f->analysis + al, sizeof(f->analysis) - al,
		       " For %llu of the %llu unanswered queries the first IP fragment of a response "
		       "did arrive (a datagram of up to %llu bytes by its UDP header) and its other "
		       "fragments never did: %s sent those answers, and they were lost on the way "
		       "because they were fragmented.", (unsigned long long)f->aux[A_FRAG],
		       (unsigned long long)f->count, (unsigned long long)f->aux[A_FRAG_LEN],
		       f->server);
		nt_figure(f, "responses_first_fragment_only", (double)f->aux[A_FRAG]);
		nt_figure(f, "fragmented_response_bytes", (double)f->aux[A_FRAG_LEN]);
	}
	if (frag)
		nt_finding_cause(f, "IP fragments of the answers dropped on the path",
			"The answers (up to %llu bytes) are larger than the path MTU, so they travel "
			"in IP fragments; %llu first fragments arrived and none of the rest. A "
			"firewall, NAT or tunnel that drops non-first fragments (or fails to "
			"reassemble them) loses every such answer, while small answers pass. The "
			"server is up: it sent them.", (unsigned long long)f->aux[A_FRAG_LEN],
			(unsigned long long)f->aux[A_FRAG]);
	if (frag) {
		nt_finding_step(f, "Lower the EDNS UDP buffer size to 1232 bytes (DNS Flag Day 2020) "
			"on the client's resolver or on %s (BIND edns-udp-size / max-udp-size 1232; "
			"Unbound edns-buffer-size: 1232) so that answers are not fragmented; larger "
			"ones then come over TCP, so allow TCP port 53.", f->server);
		nt_finding_step(f, "Check the firewalls and NATs between the client and %s for "
			"rules that drop IP fragments (iptables -m frag / nftables ip frag-off, "
			"defragmentation limits of conntrack).", f->server);
	}
	if (silent && !frag)
		nt_fmt(f->impact, sizeof(f->impact),
			 "%s answered nothing: clients using it as their resolver cannot resolve "
			 "names through it and wait for the resolver timeout before failing or "
			 "falling back to another server.", f->server);
	else
		nt_fmt(f->impact, sizeof(f->impact),
			 "Lookups through %s stall for the resolver timeout before failing or falling "
			 "back to another server; users see slow or failing page loads.", f->server);
	/* with its answers' first fragments seen, the server is not down */
	if (silent && !frag)
		nt_finding_cause(f, "Server down or unreachable without an ICMP error",
			"%s answered none of the %llu queries sent to it: it is down, or a filter "
			"drops the queries silently (a DROP rule sends no ICMP).", f->server,
			(unsigned long long)queries);
	else if (!frag)
		nt_finding_cause(f, "Server overloaded or losing queries",
			"%s answered %llu of its %llu queries, so it is reachable; the silent losses "
			"point at load, rate limiting or packet loss.", f->server,
			(unsigned long long)answers, (unsigned long long)queries);
	if (!frag)
		nt_finding_cause(f, "Firewall dropping DNS silently",
			"A DROP rule on the server or the path loses queries without any ICMP "
			"error, which is what the capture shows.");
	nt_finding_cause(f, "Path packet loss or routing black hole",
		"Routing or link trouble between the client and %s also loses packets silently.",
		f->server);
	nt_finding_step(f, "Query %s directly (dig @%s %s) from the client and from another "
		"network.", f->server, f->server, name0);
	if (public_name)
		nt_finding_step(f, "%s is %s, run by its operator: when it answers from another "
			"network, look for the drop between the client and the Internet (mtr -u -P "
			"%d %s).", f->server, public_name, f->port, f->server);
	else
		nt_finding_step(f, "Check the DNS daemon on %s, its query/rate-limit logs and load.",
			f->server);
	if (!frag)
		nt_finding_step(f, "Check firewalls on the path for DROP rules on port %d%s.",
			f->port, public_name ? "" : " and trace the path");
	nt_figure(f, "queries_to_server", (double)queries);
	nt_figure(f, "answered", (double)answers);
	nt_figure(f, "lookups", (double)f->aux[A_LK]);
	nt_figure(f, "lookups_failed", (double)f->aux[A_LK_FAILED]);
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	for (uint32_t i = 0; i < fs->n_findings; i++)
		if (fs->findings[i].owner == &nt_det_dns_noresp)
			write_finding(e, &fs->findings[i]);
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	if (f->aux[A_QTYPE_ONLY])
	{
		char qtb[16];
		nt_fmt(dst, n, "DNS server %s not answering %s queries", f->server,
		       nt_qtype_text((unsigned)f->aux[A_QTYPE_ONLY], qtb, sizeof(qtb)));
	}
	else
		nt_fmt(dst, n, "DNS server %s not responding", f->server);
}

static const struct nt_kind kinds[] = {{"dns.no_response", title}};

const struct nt_detector nt_det_dns_noresp = {
	.name = "dns.no_response",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	.on_event = on_event,
	.finish = finish,
};
