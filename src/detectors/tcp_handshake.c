/* \summary: TCP handshake failures: tcp.connection_refused (RST answers
 * the SYN) and tcp.no_response (SYNs retransmitted or unanswered past
 * tcp.timeout), merged per server and port. */
#include <stdio.h>
#include <string.h>

#include "detectors/detectors.h"

struct nt_param nt_det_tcp_params[2] = {
	{"tcp.refused.min_count", 3, "count",
	 "refused attempts to one server port before the finding is medium (below: low)",
	 "nettriage choice, below Zeek scan.zeek's 15 ports / 25 hosts per 5 min scan thresholds"},
	{"tcp.no_response.min_count", 2, "count",
	 "unanswered attempts to one server port before the finding is medium (below: low)",
	 "nettriage choice: a retried connection attempt"},
};

static int g_det = -1;

enum { A_SYNS, A_ESTABLISHED };

void nt_det_tcp_init(struct nt_report *r)
{
	(void)r;
	g_det = nt_detector_index("tcp");
}

void nt_det_tcp_event(struct nt_report *r, const struct nt_engine *e, const struct nt_event *ev)
{
	(void)e;
	if (ev->type != NT_EV_TCP_HS)
		return;
	const struct nt_tcp_hs *x = ev->hs;
	const char *kind = x->state == NT_HS_REFUSED ? "tcp.connection_refused"
			   : x->state == NT_HS_NO_ANSWER ? "tcp.no_response" : NULL;
	if (kind == NULL)
		return;
	struct nt_finding *f = nt_det_finding(r, g_det, kind, &x->server, x->sport, "tcp", "TCP");
	if (f == NULL)
		return;
	nt_finding_seen(f, x->t_syn);
	if (x->t_end > f->last_seen)
		f->last_seen = x->t_end;
	char c[64];
	nt_finding_add_client(f, nt_addr_str(&x->client, c, sizeof(c)));
	f->aux[A_SYNS] += x->syns;
	nt_finding_evidence(f, &x->snap);
	nt_finding_evidence(f, ev->end_snap);
}

void nt_det_tcp_finish(struct nt_report *r, const struct nt_engine *e)
{
	(void)e;
	for (uint32_t i = 0; i < r->n_findings; i++) {
		struct nt_finding *f = &r->findings[i];
		if (f->det != g_det)
			continue;
		char clients[300], t1[48], t2[48];
		nt_join_clients(f, clients, sizeof(clients));
		nt_fmt_time_s(t1, sizeof(t1), f->first_seen, r->no_date);
		nt_fmt_time_s(t2, sizeof(t2), f->last_seen, r->no_date);
		const char *svc = nt_service_name((unsigned)f->port);
		char sv[48];
		nt_fmt(sv, sizeof(sv), "%s%s%s", svc ? " (" : "", svc ? svc : "", svc ? ")" : "");
		if (strcmp(f->kind, "tcp.connection_refused") == 0) {
			f->severity = f->count >= nt_det_tcp_params[0].value ? NT_SEV_MEDIUM : NT_SEV_LOW;
			nt_fmt(f->summary, sizeof(f->summary),
				 "%llu TCP connection attempt%s from %s to %s port %d%s %s refused "
				 "(RST in answer to the SYN) between %s and %s.",
				 (unsigned long long)f->count, f->count == 1 ? "" : "s", clients,
				 f->server, f->port, sv, f->count == 1 ? "was" : "were", t1, t2);
			nt_fmt(f->analysis, sizeof(f->analysis),
				 "Handshakes were followed per client port: each SYN to %s:%d was "
				 "answered by a RST instead of a SYN-ACK. The host is up and reachable; "
				 "nothing accepts connections on that port.", f->server, f->port);
			nt_fmt(f->impact, sizeof(f->impact),
				 "The service on %s port %d%s is not available to %s.", f->server,
				 f->port, sv, clients);
			nt_finding_cause(f, "Service not running or not listening on the port",
				"A RST to a SYN is the kernel's answer when no socket listens.");
			nt_finding_cause(f, "Firewall rejecting with TCP reset",
				"REJECT --reject-with tcp-reset looks the same on the wire.");
			nt_finding_step(f, "Check the service on %s (ss -ltnp 'sport = :%d').",
				f->server, f->port);
			nt_finding_step(f, "Check firewall rules for port %d on %s.", f->port, f->server);
		} else {
			f->severity = f->count >= nt_det_tcp_params[1].value ? NT_SEV_MEDIUM : NT_SEV_LOW;
			nt_fmt(f->summary, sizeof(f->summary),
				 "%llu TCP connection attempt%s from %s to %s port %d%s got no answer "
				 "(%llu SYNs sent, no SYN-ACK, RST or ICMP) between %s and %s.",
				 (unsigned long long)f->count, f->count == 1 ? "" : "s", clients,
				 f->server, f->port, sv, (unsigned long long)f->aux[A_SYNS], t1, t2);
			nt_fmt(f->analysis, sizeof(f->analysis),
				 "Handshakes were followed per client port: the SYNs to %s:%d were "
				 "retransmitted without any answer: the packets are dropped silently "
				 "on the way or by the server.", f->server, f->port);
			nt_fmt(f->impact, sizeof(f->impact),
				 "Connections to %s port %d%s hang until the client gives up.",
				 f->server, f->port, sv);
			nt_finding_cause(f, "Firewall dropping the traffic",
				"A DROP rule sends nothing back, which is what the capture shows.");
			nt_finding_cause(f, "Server host down or unreachable",
				"Without an ICMP error the capture cannot tell a dead host from a "
				"silent filter.");
			nt_finding_step(f, "Test the port from another network (nc -vz %s %d) and "
				"trace the path (traceroute -T -p %d %s).", f->server, f->port, f->port,
				f->server);
			nt_finding_step(f, "Check firewalls on the path and the server's state.");
		}
	}
}
