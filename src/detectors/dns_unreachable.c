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
	A_ORIGIN,         /* enum nt_origin of the errors, set at the end */
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
		if (f->client_addr.family == 0)
			f->client_addr = q->src.family ? q->src : ie->pkt->flow.dst;
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
		nt_addr_str(&l->first_server, s, sizeof(s));
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

/* What the measurements say about one finding's server. */
struct view {
	const struct nt_dns_prof *p;  /* its profile, or NULL */
	struct nt_origin_out org;     /* who sent the errors */
	uint64_t answers;             /* DNS answers it sent */
	uint64_t silent;              /* queries to it that got nothing back at all */
	uint64_t elsewhere;           /* failed lookups another server answered */
	const char *public_name;      /* a public resolver's operator, or NULL */
	int site;                     /* a lookup of a web site's name failed */
	int resolution_failed;        /* some lookup got no answer from any server */
};

static void look(const struct nt_engine *e, const struct nt_finding *f, struct view *v)
{
	memset(v, 0, sizeof(*v));
	v->p = nt_engine_dns_server(e, &f->server_addr, (uint16_t)f->port,
				    strcmp(f->transport, "tcp") == 0 ? 6 : 17);
	const struct nt_host *h = nt_engine_host(e, &f->server_addr);
	v->answers = v->p ? v->p->answered + v->p->after_icmp : h ? h->dns_answers_out : 0;
	v->silent = v->p ? v->p->unanswered : 0;
	v->elsewhere = v->p ? v->p->lookups_elsewhere : 0;
	v->public_name = nt_public_resolver(&f->server_addr);
	if (v->p)
		nt_prof_origin(v->p, &f->client_addr, &v->org);
	else
		v->org.origin = f->aux[A_FROM_TARGET] * 2 > f->count ? NT_ORIGIN_TARGET
								     : NT_ORIGIN_ROUTER;
	v->resolution_failed = f->aux[A_LK_FAILED] > 0 || f->aux[A_LK] == 0;
	for (uint32_t i = 0; i < f->n_names; i++)
		if (nt_name_is_site(f->names[i], f->aux[A_QTYPE_DIFF] ? 1 : (unsigned)f->aux[A_QTYPE]))
			v->site = 1;
}

static int from_server(const struct view *v)
{
	return v->org.origin == NT_ORIGIN_TARGET || v->org.origin == NT_ORIGIN_UNKNOWN;
}

/* "ICMP port unreachable", from the verdicts counted */
static const char *what_of(const struct nt_finding *f)
{
	return f->aux[A_PORT] * 2 > f->count    ? "ICMP port unreachable"
	       : f->aux[A_ADMIN] * 2 > f->count ? "ICMP administratively prohibited"
	       : f->aux[A_ROUTE] * 2 > f->count ? "ICMP host/network unreachable"
						: "an ICMP destination-unreachable error";
}

struct finding_words {
	char who[160];      /* "from the server itself" */
	char router[64];    /* the reporting router's address */
};

static void words(const struct nt_finding *f, const struct view *v, struct finding_words *w)
{
	memset(w, 0, sizeof(*w));
	if (v->p && v->p->icmp_router)
		nt_addr_str(&v->p->icmp_reporter, w->router, sizeof(w->router));
	else
		nt_fmt(w->router, sizeof(w->router), "%s", f->note[0][0] ? f->note[0] : "a router");
	switch (v->org.origin) {
	case NT_ORIGIN_LOCAL:
		nt_fmt(w->who, sizeof(w->who), "that claims to come from %s but was sent by a "
		       "device next to the client", f->server);
		break;
	case NT_ORIGIN_PATH:
		nt_fmt(w->who, sizeof(w->who), "that claims to come from %s but was sent by a "
		       "device on the path", f->server);
		break;
	case NT_ORIGIN_ROUTER:
		if (v->org.quote_hops >= 0 && v->org.quote_hops <= 1)
			nt_fmt(w->who, sizeof(w->who), "from the first-hop router %s (the client's "
			       "gateway)", w->router);
		else
			nt_fmt(w->who, sizeof(w->who), "from a router on the path (%s)", w->router);
		break;
	default:
		nt_fmt(w->who, sizeof(w->who), "from the server itself");
		break;
	}
}

/* Who sent the errors, in a few words. */
static const char *who_of(const struct finding_words *w)
{
	return w->who;
}

/* The measurements behind the origin, as a sentence (empty when none). */
static void origin_evidence(const struct nt_finding *f, const struct view *v, char *dst, size_t n)
{
	dst[0] = '\0';
	const struct nt_dns_prof *p = v->p;
	if (p == NULL || p->icmp == 0)
		return;
	size_t len = 0;
	char d1[32], d2[32];
	nt_fmt_dur(d1, sizeof(d1), p->icmp_delay_min_ns);
	nt_fmt_dur(d2, sizeof(d2), p->icmp_delay_max_ns);
#define ADD(...) do { if (len < n) len += (size_t)nt_fmt(dst + len, n - len, __VA_ARGS__); } while (0)
	if (p->icmp_delay_min_ns == p->icmp_delay_max_ns)
		ADD("The error came %s after the query", d1);
	else if (p->icmp_fast && p->icmp_fast < p->icmp)
		ADD("%llu of the %llu errors came within 2 ms of their query (%s to %s in all)",
		    (unsigned long long)p->icmp_fast, (unsigned long long)p->icmp, d1, d2);
	else if (p->icmp_fast)
		ADD("Every error came within 2 ms of its query (%s to %s)", d1, d2);
	else
		ADD("The errors came %s to %s after the queries", d1, d2);
	if (v->org.err_hops >= 0)
		ADD(", with IP TTL %u (%d hop%s from where it was made, from an initial %d)",
		    p->err_ttl_max, v->org.err_hops, v->org.err_hops == 1 ? "" : "s",
		    nt_ttl_initial(p->err_ttl_max));
	if (v->org.quote_hops >= 0)
		ADD("; the queries they quote had TTL %d when quoted against %u sent: they had "
		    "travelled %d hop%s", p->sent_ttl - v->org.quote_hops, p->sent_ttl,
		    v->org.quote_hops, v->org.quote_hops == 1 ? "" : "s");
	ADD(". ");
	if (v->org.target_hops >= 0)
		ADD("%s's own responses in the capture arrive with TTL %u (%d hops away). ", f->server,
		    p->ttl_max, v->org.target_hops);
	if (p->rtt_min_ns >= 0 && p->answered) {
		char r[32];
		ADD("Its fastest answer took %s. ", nt_fmt_dur(r, sizeof(r), p->rtt_min_ns));
	}
	if (v->org.origin == NT_ORIGIN_LOCAL) {
		ADD("So the errors were made next to the client, not by %s: ", f->server);
		const char *sep = "";
		if (v->org.quote_hops >= 0) {
			ADD("the quoted queries never got past the first router");
			sep = "; ";
		}
		if (v->org.by_address) {
			ADD("%s%s is on the public Internet while the client's address is private, so "
			    "it is at least two hops away", sep, f->server);
			sep = "; ";
		}
		if (v->org.by_ttl) {
			ADD("%sits own packets come from %d hops, the errors from %d", sep,
			    v->org.target_hops, v->org.err_hops);
			sep = "; ";
		}
		if (v->org.by_delay)
			ADD("%sthe errors are faster than its fastest answer", sep);
		ADD(". ");
	} else if (v->org.origin == NT_ORIGIN_PATH) {
		ADD("The hop count or timing of the errors is unlike that of %s's own packets: a "
		    "device on the path made them in its name. ", f->server);
	}
#undef ADD
}

static void write_finding(struct nt_findings *fs, const struct nt_engine *e, struct nt_finding *f)
{
	struct view v;
	look(e, f, &v);
	struct finding_words w;
	words(f, &v, &w);
	const struct nt_host *h = nt_engine_host(e, &f->server_addr);
	uint32_t peak = h ? h->peak_pps : 0;
	double spike = nt_engine_params[NT_P_SPIKE_PPS].value;
	int silent = v.answers == 0;
	int local = v.org.origin == NT_ORIGIN_LOCAL || v.org.origin == NT_ORIGIN_PATH;
	int mostly_port = f->aux[A_PORT] * 2 > f->count;
	int mostly_admin = f->aux[A_ADMIN] * 2 > f->count;
	const char *tr = strcmp(f->transport, "tcp") == 0 ? "TCP" : "UDP";
	char qtb[16];
	const char *qtype = f->aux[A_QTYPE_DIFF] ? "DNS"
						 : nt_qtype_text((unsigned)f->aux[A_QTYPE], qtb, sizeof(qtb));
	uint64_t n = f->count;
	uint64_t linked = n - f->aux[A_NOQUERY];
	char t1[48], t2[48], span[32];
	nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
	nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
	nt_fmt_dur(span, sizeof(span), f->last_seen - f->first_seen);
	f->aux[A_ORIGIN] = v.org.origin;

	/* every rejected query answered after all: the errors are noise */
	uint64_t after = f->aux[A_ANSWERED_AFTER];
	int spurious = after && after >= linked;
	/* every lookup that failed here was answered by another server */
	int failover = !spurious && v.elsewhere && f->aux[A_LK_FAILED] == 0;
	if (spurious)
		f->severity = NT_SEV_LOW;
	else if (failover)
		f->severity = NT_SEV_MEDIUM;
	else
		f->severity = (silent && params[0].value != 0) ? NT_SEV_HIGH : NT_SEV_MEDIUM;

	char names[300] = "";
	nt_join_names(f, names, sizeof(names));
	char clients[300] = "";
	nt_join_clients(f, clients, sizeof(clients));
	char idtxt[48] = "";
	if (!f->aux[A_ID_DIFF] && f->aux[A_NOQUERY] < n)
		nt_fmt(idtxt, sizeof(idtxt), " (query id %llu)", (unsigned long long)f->aux[A_ID]);
	const char *what = what_of(f);
	const char *who = who_of(&w);
	char silent_txt[160] = "";
	if (v.silent && silent)
		nt_fmt(silent_txt, sizeof(silent_txt), "; %llu more got no answer at all",
		       (unsigned long long)v.silent);
	else if (failover) {
		char other[64], dm[32];
		nt_addr_str(&v.p->elsewhere, other, sizeof(other));
		nt_fmt_dur(dm, sizeof(dm), (int64_t)(v.p->elsewhere_delay_sum_ns /
						     (int64_t)v.p->lookups_elsewhere));
		nt_fmt(silent_txt, sizeof(silent_txt), "; the lookups were answered by %s instead, "
		       "%s later on average", other, dm);
	}

	if (spurious)
		nt_fmt(f->summary, sizeof(f->summary),
			 "%llu %s quer%s for %s from %s to %s %s port %d between %s and %s drew %s "
			 "%s, yet %s answered afterwards: the DNS service works and the errors are "
			 "spurious.", (unsigned long long)n, qtype, n == 1 ? "y" : "ies",
			 names[0] ? names : "(name not seen)", clients, f->server, tr, f->port, t1,
			 t2, what, who, n == 1 ? "it was" : "all were");
	else if (local)
		nt_fmt(f->summary, sizeof(f->summary),
			 "DNS from %s to %s over %s port %d is rejected on the way: %llu %s quer%s "
			 "for %s%s between %s and %s %s answered by %s %s%s.", clients, f->server, tr,
			 f->port, (unsigned long long)n, qtype, n == 1 ? "y" : "ies",
			 names[0] ? names : "(name not seen)", idtxt, t1, t2,
			 n == 1 ? "was" : "were each", what, who, silent_txt);
	else
		nt_fmt(f->summary, sizeof(f->summary),
			 "The DNS service on %s is unreachable over %s port %d: %llu failed %s "
			 "quer%s for %s from %s%s between %s and %s %s answered by %s %s%s.",
			 f->server, tr, f->port, (unsigned long long)n, qtype, n == 1 ? "y" : "ies",
			 names[0] ? names : "(name not seen)", clients, idtxt, t1, t2,
			 n == 1 ? "was" : "were each", what, who, silent_txt);

	/* analysis: how it was found */
	char *a = f->analysis;
	size_t as = sizeof(f->analysis), al = 0;
#define ADD(...) do { if (al < as) al += (size_t)nt_fmt(a + al, as - al, __VA_ARGS__); } while (0)
	ADD("Every DNS query in the input was paired with what came back for it. %llu %s "
	    "quer%s for %s%s from %s to %s port %d/%s got %s; ",
	    (unsigned long long)linked, qtype, linked == 1 ? "y" : "ies", names[0] ? names : "?",
	    idtxt, clients, f->server, f->port, f->transport,
	    after ? "an ICMP error before any DNS response" : "no DNS response");
	if (!f->aux[A_CPORT_DIFF] && f->aux[A_NOQUERY] < n)
		ADD("all were sent from source port %llu; ", (unsigned long long)f->aux[A_CPORT]);
	ADD("%s %s %s, linked to the query through the %s header quoted in the ICMP error%s. ",
	    after ? "each was first met by" : "instead each was answered by", what,
	    from_server(&v) ? (v.org.origin == NT_ORIGIN_ROUTER ? w.router : f->server)
			    : (v.org.origin == NT_ORIGIN_ROUTER ? w.router : "a device in its name"),
	    tr, f->aux[A_TRUNC] ? " (the quote does not carry the DNS id, so the link rests on "
				  "addresses, ports and timing)" : " and the DNS id it quotes");
	char oe[600];
	origin_evidence(f, &v, oe, sizeof(oe));
	if (oe[0])
		ADD("%s", oe);
	else if (f->note[1][0])
		ADD("The errors came %s after the queries. ", f->note[1]);
	char gu[32];
	nt_fmt_dur(gu, sizeof(gu), (int64_t)f->aux[A_GIVEUP]);
	if (v.elsewhere) {
		char dm[32];
		nt_fmt_dur(dm, sizeof(dm), (int64_t)(v.p->elsewhere_delay_sum_ns /
						     (int64_t)v.p->lookups_elsewhere));
		char other[64];
		nt_addr_str(&v.p->elsewhere, other, sizeof(other));
		ADD("%llu lookup%s that began with %s %s answered by %s%s instead, %s after the first "
		    "query on average. ", (unsigned long long)v.elsewhere, v.elsewhere == 1 ? "" : "s",
		    f->server, v.elsewhere == 1 ? "was" : "were", other,
		    v.p->elsewhere_servers ? " (and others)" : "", dm);
	}
	if (f->aux[A_LK] == 1 && n > 1 && f->aux[A_LK_FAILED])
		ADD("The %llu attempts are retries of one lookup, which never got an answer: "
		    "its last attempt failed %s after the first query; name resolution failed. ",
		    (unsigned long long)n, gu);
	else if (f->aux[A_LK] && f->aux[A_LK_FAILED])
		ADD("The attempts form %llu lookups, %llu of which never got an answer: name "
		    "resolution failed. ", (unsigned long long)f->aux[A_LK],
		    (unsigned long long)f->aux[A_LK_FAILED]);
	else if (f->aux[A_LK] && !v.elsewhere)
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
		    from_server(&v) ? "" : " (it came from a router or filter, not the server)");
	uint64_t others = v.answers > after ? v.answers - after : 0;
	if (silent && v.silent)
		ADD("%s sent no DNS response at all in the capture; %llu other quer%s to it got "
		    "neither an answer nor an error (they are counted here, not as a separate "
		    "dns.no_response finding). ", f->server, (unsigned long long)v.silent,
		    v.silent == 1 ? "y" : "ies");
	else if (silent)
		ADD("%s sent no DNS response at all in the capture. ", f->server);
	else if (others)
		ADD("%s did answer %llu other DNS message%s in the capture, so the failure is "
		    "partial. ", f->server, (unsigned long long)others, others == 1 ? "" : "s");
	ADD("The failures span %s (%s to %s).", span, t1, t2);

	int64_t tcp_pkts = (int64_t)e->proto[NT_PR_TCP];
	if (spurious) {
		nt_fmt(f->impact, sizeof(f->impact),
			 "No lookup failed in this capture: every rejected query got its answer. "
			 "Stub resolvers that give up on the first ICMP port unreachable (connected "
			 "UDP sockets report it as ECONNREFUSED) may still fail or fall back to "
			 "another resolver.");
	} else if (failover) {
		char other[64], dm[32];
		nt_addr_str(&v.p->elsewhere, other, sizeof(other));
		nt_fmt_dur(dm, sizeof(dm), (int64_t)(v.p->elsewhere_delay_sum_ns /
						     (int64_t)v.p->lookups_elsewhere));
		nt_fmt(f->impact, sizeof(f->impact),
			 "Name resolution still worked, more slowly: the clients fell back to %s, "
			 "which answered their lookups %s after the first query on average. %s "
			 "itself cannot be used as a resolver%s.", other, dm, f->server,
			 v.elsewhere == 1 ? "" : " by these clients");
	} else {
		char site[200] = "";
		if (v.site)
			nt_fmt(site, sizeof(site), ", so the web site and anything else reached by that "
			       "name could not be reached, even if the web server itself is up");
		if (local)
			nt_fmt(f->impact, sizeof(f->impact),
				 "Clients behind this network cannot resolve names through %s: the "
				 "lookup of %s failed%s.%s", f->server, names[0] ? names : "the names asked",
				 site, tcp_pkts == 0 ? " The capture holds no TCP traffic at all: the "
						       "client never got an address to connect to." : "");
		else
			nt_fmt(f->impact, sizeof(f->impact),
				 "Clients using %s as their resolver cannot resolve names through it: "
				 "the lookup of %s failed%s.%s", f->server,
				 names[0] ? names : "the names asked",
				 v.site ? " (so the web site (HTTPS) and anything else reached by that name "
					  "could not be reached, even if the web server itself is up)" : "",
				 tcp_pkts == 0 ? " The capture holds no TCP traffic at all: the client "
						 "never got an address to connect to." : "");
	}

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
			(unsigned long long)linked, spurious ? "only apparent" : "partial");
	if (local) {
		nt_finding_cause(f, "Local egress filter rejecting DNS",
			"A gateway, firewall or sandbox between %s and the Internet answers the "
			"queries itself with %s in %s's name instead of forwarding them (an iptables "
			"or nftables REJECT rule for port %d, or a network that allows only its own "
			"resolver). %s", clients, what, f->server, f->port, oe);
		nt_finding_cause(f, "Network without Internet access (sandbox, captive or isolated "
			"network)",
			"%s", e->tcp.attempts && e->tcp.established == 0
			? "No TCP connection in the capture was established either: the network lets "
			  "nothing out."
			: "Analysis sandboxes and captive networks reject outside traffic at their "
			  "gateway; check whether other traffic from the client reaches the Internet.");
	} else if (mostly_port) {
		nt_finding_cause(f, v.public_name ? "DNS service not offered to this client on port 53"
						  : "DNS service down or not listening on port 53",
			"An ICMP port unreachable %s means the datagram reached the host and the host "
			"is up and routed, but no process had %s port %d open. Every one of the %llu "
			"attempts over %s failed the same way, so this is persistent, not a transient "
			"loss.%s",
			v.org.origin == NT_ORIGIN_TARGET || v.org.origin == NT_ORIGIN_UNKNOWN
				? "sent by the server itself" : "", tr, f->port,
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
			from_server(&v) ? "the server itself (a host firewall)" : "a router on the path");
		nt_finding_cause(f, "DNS service down or not listening on port 53",
			"Cannot be told apart while the filter rejects the queries before they reach "
			"the daemon.");
	} else {
		nt_finding_cause(f, "Routing failure or server host down",
			"Host/network unreachable from %s means the packets could not be delivered "
			"to %s at all (no route, or no ARP/neighbour answer from the host).",
			from_server(&v) ? "the server" : w.router, f->server);
		nt_finding_cause(f, "Firewall or ACL rejecting DNS with ICMP",
			"Some filters reject with host-unreachable codes.");
	}
	if (!local) {
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
	}

	const char *name0 = f->n_names ? nt_shortest_name(f) : "example.com";
	if (local) {
		nt_finding_step(f, "Check the egress rules of the gateway or firewall in front of %s for "
			"%s and TCP port %d to %s (nftables / iptables REJECT rules, the sandbox's or "
			"network's DNS policy).", clients, tr, f->port, f->server);
		nt_finding_step(f, "Resolve through the resolver this network assigns (DHCP, "
			"/etc/resolv.conf) or have DNS to %s allowed; from another network, dig @%s %s "
			"confirms that %s itself answers.", f->server, f->server, name0, f->server);
		nt_finding_step(f, "Capture on the gateway's outside interface: queries to %s that "
			"never leave it confirm the local filter.", f->server);
	} else if (v.public_name) {
		nt_finding_step(f, "%s is %s, run by its operator: query it from another network (dig "
			"@%s %s A; dig +tcp @%s %s A) to tell a local block from an outage.",
			f->server, v.public_name, f->server, name0, f->server, name0);
		nt_finding_step(f, "Check the firewalls between %s and the Internet for rules on %s "
			"port %d (REJECT rules send exactly this ICMP).", clients, tr, f->port);
		nt_finding_step(f, "Resolve the name through another resolver (dig @<other resolver> %s) "
			"to confirm the site itself is up, and give clients a working secondary resolver "
			"meanwhile.", name0);
	} else {
		nt_finding_step(f, "Check the DNS server process on %s (systemctl status named / unbound "
			"/ dnsmasq, its logs) and whether anything listens on %s port %d (ss -lunp "
			"'sport = :%d').", f->server, tr, f->port, f->port);
		nt_finding_step(f, "Query the server over TCP/53 and from another host (dig +tcp @%s %s "
			"A; dig @%s %s A) to tell a dead daemon from a UDP-only filter.", f->server,
			name0, f->server, name0);
		nt_finding_step(f, "Resolve the name through another resolver (dig @<other resolver> %s) "
			"to confirm the site itself is up, and give clients a working secondary resolver "
			"meanwhile.", f->n_names ? name0 : "the name");
		nt_finding_step(f, "Review recent firewall/ACL changes on %s and on the path (nftables / "
			"iptables REJECT rules for port %d).", f->server, f->port);
		nt_finding_step(f, "Look for traffic volume spikes towards %s in flow data or the "
			"server's counters; a capture at the client sees only its own queries.", f->server);
	}
	nt_finding_step(f, "After the fix, capture again and re-run nettriage analyze to confirm "
		"the queries are answered.");
#undef ADD

	/* measured figures */
	nt_figure(f, "icmp_errors", (double)n);
	if (v.p) {
		nt_figure(f, "queries_to_server", (double)v.p->queries);
		nt_figure(f, "answered", (double)v.p->answered);
		nt_figure(f, "unanswered", (double)v.p->unanswered);
		if (v.p->icmp_delay_min_ns >= 0) {
			nt_figure(f, "error_delay_min_ms", (double)v.p->icmp_delay_min_ns / 1e6);
			nt_figure(f, "error_delay_max_ms", (double)v.p->icmp_delay_max_ns / 1e6);
		}
		nt_figure(f, "errors_within_2ms", (double)v.p->icmp_fast);
		if (v.p->err_ttl_max)
			nt_figure(f, "error_ttl", v.p->err_ttl_max);
		if (v.org.quote_hops >= 0)
			nt_figure(f, "quoted_query_hops", v.org.quote_hops);
		if (v.p->ttl_max)
			nt_figure(f, "server_ttl", v.p->ttl_max);
		nt_figure(f, "lookups_answered_elsewhere", (double)v.elsewhere);
	}
	static const char *const origin_names[] = {"unknown", "server", "router", "local_device",
						   "path_device"};
	nt_figure_text(f, "error_origin", origin_names[v.org.origin < 5 ? v.org.origin : 0]);

	/* the same server's silent losses are part of this finding when it answered nothing */
	if (silent && v.silent) {
		struct nt_finding *g = nt_findings_find(fs, "dns.no_response", f->server, f->port,
							f->transport);
		if (g) {
			nt_finding_copy_evidence(f, g);
			nt_figure(f, "no_response_folded", (double)g->count);
			nt_findings_remove(fs, g);
		}
	}
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
	else if (f->aux[A_ORIGIN] == NT_ORIGIN_LOCAL || f->aux[A_ORIGIN] == NT_ORIGIN_PATH)
		nt_fmt(dst, n, "DNS to %s rejected on the way (%s port %d)", f->server, tr, f->port);
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
