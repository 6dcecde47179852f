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


enum { A_QUERIES, A_LK_FAILED, A_LK };

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	if (ev->type == NT_EV_DNS_TXN && ev->txn->state == NT_TXN_UNANSWERED) {
		const struct nt_dns_txn *t = ev->txn;
		struct nt_finding *f = nt_det_dns_finding(fs, &nt_det_dns_noresp, "dns.no_response", t);
		if (f == NULL)
			return;
		nt_finding_evidence(f, &t->snap);
	} else if (ev->type == NT_EV_DNS_LOOKUP && ev->lookup->failed_timeout) {
		char s[64];
		nt_addr_str(&ev->lookup->server, s, sizeof(s));
		for (uint32_t i = 0; i < fs->n_findings; i++) {
			struct nt_finding *f = &fs->findings[i];
			if (f->owner == &nt_det_dns_noresp && strcmp(f->server, s) == 0) {
				f->aux[A_LK]++;
				if (ev->lookup->state == NT_LK_FAILED)
					f->aux[A_LK_FAILED]++;
				break;
			}
		}
	}
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *f = &fs->findings[i];
		if (f->owner != &nt_det_dns_noresp)
			continue;
		const struct nt_host *h = nt_engine_host(e, &f->server_addr);
		uint64_t queries = h ? h->dns_queries_in : f->count;
		uint64_t answers = h ? h->dns_answers_out : 0;
		double ratio = queries ? (double)f->count / (double)queries : 1.0;
		int big = f->count >= params[0].value &&
			  ratio >= params[1].value;
		f->severity = big ? (answers == 0 ? NT_SEV_HIGH : NT_SEV_MEDIUM) : NT_SEV_LOW;
		char names[300], clients[300], t1[48], t2[48], to[32];
		nt_join_names(f, names, sizeof(names));
		nt_join_clients(f, clients, sizeof(clients));
		nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
		nt_fmt_dur(to, sizeof(to), e->dns_timeout);
		nt_fmt(f->summary, sizeof(f->summary),
			 "The DNS server %s did not answer %llu of %llu queries over %s port %d from "
			 "%s for %s between %s and %s (no response within %s, no ICMP error).",
			 f->server, (unsigned long long)f->count, (unsigned long long)queries,
			 f->transport, f->port, clients, names[0] ? names : "(no question)", t1, t2, to);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "Each query was paired by client, ports, id and question with the responses "
			 "in the input. %llu quer%s to %s got nothing back within dns.timeout = %s and "
			 "no ICMP error quoted them either: the packets were silently dropped on the "
			 "way, or the server received them and did not reply. %s answered %llu "
			 "message%s in the capture (%.0f%% of its queries unanswered). %llu lookup%s "
			 "%s affected, %llu failed outright.",
			 (unsigned long long)f->count, f->count == 1 ? "y" : "ies", f->server, to,
			 f->server, (unsigned long long)answers, answers == 1 ? "" : "s", ratio * 100,
			 (unsigned long long)f->aux[A_LK], f->aux[A_LK] == 1 ? "" : "s",
			 f->aux[A_LK] == 1 ? "was" : "were", (unsigned long long)f->aux[A_LK_FAILED]);
		nt_fmt(f->impact, sizeof(f->impact),
			 "Lookups through %s stall for the resolver timeout before failing or falling "
			 "back to another server; users see slow or failing page loads.", f->server);
		nt_finding_cause(f, answers ? "Server overloaded or losing queries"
					    : "Server down or unreachable without an ICMP error",
			"%s", answers ? "The server answered some queries, so it is up; the silent "
			"losses point at load, rate limiting or packet loss."
			: "The server answered nothing: it is down, or a filter drops the queries "
			"silently (a DROP rule sends no ICMP).");
		nt_finding_cause(f, "Firewall dropping DNS silently",
			"A DROP rule on the server or the path loses queries without any ICMP error, "
			"which is what the capture shows.");
		nt_finding_cause(f, "Path packet loss or routing black hole",
			"Routing or link trouble between the client and %s also loses packets silently.",
			f->server);
		nt_finding_step(f, "Query %s directly (dig @%s %s) from the client and from a host "
			"next to the server.", f->server, f->server, f->n_names ? f->names[0] : "example.com");
		nt_finding_step(f, "Check the DNS daemon on %s, its query/rate-limit logs and load.",
			f->server);
		nt_finding_step(f, "Check firewalls on the path for DROP rules on port %d and trace "
			"the path (mtr -u -P %d %s).", f->port, f->port, f->server);
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
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
