/* \summary: TCP handshake failures: tcp.connection_refused (RST answers
 * the SYN) and tcp.no_response (SYNs retransmitted or unanswered past
 * tcp.timeout), merged per server and port; tcp.reset_injected (a RST
 * raced the server's own SYN-ACK); tcp.outbound_no_response (one client's
 * connections to many destinations unanswered: one finding about the
 * client).  Connections of a host whose answers the capture does not see
 * (it went on without a SYN-ACK in the capture) are not failures. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_tcp;

static struct nt_param params[] = {
	{"tcp.refused.min_count", 3, "count",
	 "refused attempts to one server port before the finding is medium (below: low)",
	 "nettriage choice, below Zeek scan.zeek's 15 ports / 25 hosts per 5 min scan thresholds"},
	{"tcp.no_response.min_count", 2, "count",
	 "unanswered attempts to one server port before the finding is medium (below: low)",
	 "nettriage choice: a retried connection attempt"},
	{"tcp.merge_ports", 8, "ports",
	 "ports of one server with failures of one kind after which further ports (and, at the "
	 "end, these) are reported as one finding for the server",
	 "nettriage choice: a report line per port is unreadable past a handful of ports"},
	{"tcp.max_findings", 64, "findings",
	 "connection-refused / no-response findings kept (half the findings table, so that "
	 "scan and flood findings always find room); further ones are counted as omitted",
	 "nettriage choice"},
	{"tcp.merge_destinations", 3, "hosts",
	 "destinations of one client whose connections got no answer after which they are "
	 "one finding about the client (its outbound traffic is blocked)",
	 "nettriage choice: one unanswered server is that server's problem; three are the "
	 "client's path"},
	{"cap.tcp_clients", 1024, "entries",
	 "clients whose established and failed connections are counted (least recently used "
	 "evicted, counted)",
	 "nettriage choice: 1024 x ~64 bytes"},
};

#define P(i) (params[i].value)

/* What one client's connections did. */
struct client {
	struct nt_ktab_hdr h;
	struct nt_addr addr;
	uint32_t established, unseen, failed;
};

/* per run */
struct tcp_state {
	struct nt_ktab clients;   /* struct client by address */
};

static struct client *client_of(struct tcp_state *st, const struct nt_addr *a, int64_t t,
				int create)
{
	uint8_t key[NT_KTAB_KEY];
	size_t kl = nt_ktab_key_addr(key, a, NULL, 0);
	struct client *c = create ? nt_ktab_get(&st->clients, key, kl, t)
				  : nt_ktab_find(&st->clients, key, kl);
	if (c && c->addr.family == 0)
		c->addr = *a;
	return c;
}


/* aux[] of a finding: SYNs sent; for a server's many-ports finding
 * (port -1) a 512-bit distinct-port sketch and the first sample ports. */
enum { A_SYNS, A_SAMPLES, A_SAMPLE0, A_BITS = 12, PORT_BITS = 512 };
enum { N_SAMPLES = A_BITS - A_SAMPLE0 };

/* Counts a port of a many-ports finding and keeps the lowest ones, in
 * order, as the examples the report names. */
static void add_port(struct nt_finding *all, unsigned port)
{
	nt_distinct_add(&all->aux[A_BITS], PORT_BITS, port * 2654435761u);
	uint64_t *v = &all->aux[A_SAMPLE0], n = all->aux[A_SAMPLES], i = 0;
	while (i < n && v[i] < port)
		i++;
	if ((i < n && v[i] == port) || i == N_SAMPLES)
		return;
	if (n == N_SAMPLES)
		n--; /* the highest falls off */
	memmove(&v[i + 1], &v[i], (size_t)(n - i) * sizeof(v[0]));
	v[i] = port;
	all->aux[A_SAMPLES] = n + 1;
}

/* The finding that takes a failed handshake: the one for its server port;
 * past tcp.merge_ports ports of that server, the server's many-ports
 * finding (port -1). NULL when this family has used its share. */
static struct nt_finding *finding_for(struct nt_findings *fs, const char *kind,
				      const struct nt_tcp_hs *x)
{
	char s[64];
	nt_addr_str(&x->server, s, sizeof(s));
	struct nt_finding *f = nt_findings_find(fs, kind, s, x->sport, "tcp");
	if (f != NULL)
		return f;
	/* A new port (rare next to repeated failures): count what the
	 * family already holds. */
	uint32_t mine = 0, ports = 0;
	struct nt_finding *all = NULL;
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *g = &fs->findings[i];
		if (g->owner != &nt_det_tcp)
			continue;
		mine++;
		if (strcmp(g->kind, kind) == 0 && strcmp(g->server, s) == 0) {
			if (g->port < 0)
				all = g;
			else
				ports++;
		}
	}
	if (all == NULL && mine >= P(3)) {
		fs->findings_dropped++;
		return NULL;
	}
	if (all == NULL && ports < P(2))
		return nt_det_finding(fs, &nt_det_tcp, kind, &x->server, x->sport, "tcp", "TCP");
	if (all == NULL)
		all = nt_det_finding(fs, &nt_det_tcp, kind, &x->server, -1, "tcp", "TCP");
	if (all != NULL)
		add_port(all, x->sport);
	return all;
}

/* aux[] of a tcp.reset_injected finding */
enum { I_RST_TTL = 1, I_SYNACK_TTL, I_SYN_TTL, I_SYNACK_DELAY };

/* A RST answered the SYN, then the server's own SYN-ACK: the RST was forged. */
static void injected(struct nt_findings *fs, const struct nt_tcp_hs *x, const struct nt_snap *rst)
{
	struct nt_finding *f = nt_det_finding(fs, &nt_det_tcp, "tcp.reset_injected", &x->server,
					      x->sport, "tcp", "TCP");
	if (f == NULL)
		return;
	int first = f->count == 0;
	nt_finding_seen(f, x->t_syn);
	if (x->t_synack > f->last_seen)
		f->last_seen = x->t_synack;
	char c[64];
	nt_finding_add_client(f, nt_addr_str(&x->client, c, sizeof(c)));
	int64_t d_rst = x->t_rst - x->t_syn, d_sa = x->t_synack - x->t_syn;
	if (first || d_rst < f->tmin)
		f->tmin = d_rst;
	if (first || d_sa > (int64_t)f->aux[I_SYNACK_DELAY])
		f->aux[I_SYNACK_DELAY] = (uint64_t)(d_sa > 0 ? d_sa : 0);
	if (first) {
		f->aux[I_RST_TTL] = x->rst_ttl;
		f->aux[I_SYNACK_TTL] = x->synack_ttl;
		f->aux[I_SYN_TTL] = x->syn_ttl;
	}
	nt_finding_evidence(f, &x->snap);
	nt_finding_evidence(f, rst);
}

static void write_injected(const struct nt_engine *e, struct nt_finding *f)
{
	char clients[300], t1[48], d1[32], d2[32];
	nt_join_clients(f, clients, sizeof(clients));
	nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
	nt_fmt_dur(d1, sizeof(d1), f->tmin);
	nt_fmt_dur(d2, sizeof(d2), (int64_t)f->aux[I_SYNACK_DELAY]);
	uint8_t rt = (uint8_t)f->aux[I_RST_TTL], st = (uint8_t)f->aux[I_SYNACK_TTL];
	int rh = nt_ttl_hops(rt), sh = nt_ttl_hops(st);
	f->severity = NT_SEV_MEDIUM;
	nt_fmt(f->summary, sizeof(f->summary),
	       "%llu TCP connection%s from %s to %s port %d got a reset %s after the SYN, yet the "
	       "server's own SYN-ACK followed (up to %s after the SYN) and the connection was set "
	       "up: the reset was forged on the path (first at %s).",
	       (unsigned long long)f->count, f->count == 1 ? "" : "s", clients, f->server, f->port,
	       d1, d2, t1);
	char ttl[240] = "";
	if (rh >= 0 && sh >= 0 && rh != sh)
		nt_fmt(ttl, sizeof(ttl), " The reset arrived with TTL %u (%d hops from where it was "
		       "made), the SYN-ACK with TTL %u (%d hops): they were sent from different "
		       "places.", rt, rh, st, sh);
	else if (rh >= 0 && sh >= 0)
		nt_fmt(ttl, sizeof(ttl), " The reset and the SYN-ACK arrived with the same TTL %u: "
		       "the forger copies the server's distance too, or sits next to it.", rt);
	nt_fmt(f->analysis, sizeof(f->analysis),
	       "Handshakes were followed per client port, and a reset that answers a SYN is held "
	       "for tcp.timeout in case the server answers after all. Here it did: the reset came "
	       "%s after the SYN, before the server had answered, so the server could not have "
	       "sent it; its SYN-ACK came %s after the SYN and the client completed the "
	       "handshake.%s", d1, d2, ttl);
	nt_fmt(f->impact, sizeof(f->impact),
	       "A client that honours the first reset gives up (\"connection refused\" or "
	       "\"connection reset\") although %s is up and accepts connections on port %d: "
	       "something on the path interferes with this service.", f->server, f->port);
	nt_finding_cause(f, "Reset injection by a device on the path (censorship, IPS, traffic "
		"filter)",
		"Injectors watch for a SYN to a blocked service and race a forged RST to the client "
		"before the server's answer; the server's own SYN-ACK arriving later%s is the mark "
		"of it.", rh >= 0 && sh >= 0 && rh != sh ? ", from another distance," : "");
	nt_finding_cause(f, "A middlebox or load balancer answering before the backend",
		"A proxy that refuses the connection at once while the real server's answer still "
		"gets through would look alike; it is rarer than injection.");
	nt_finding_step(f, "Capture on both sides of the firewall / IPS between %s and %s: where "
		"the RST first appears is where it is made.", clients, f->server);
	nt_finding_step(f, "Check the IPS / firewall policies for reset actions on port %d "
		"toward %s, and test the connection over another path (a VPN) to compare.",
		f->port, f->server);
	if (rh >= 0)
		nt_figure(f, "reset_ttl", rt);
	if (sh >= 0)
		nt_figure(f, "synack_ttl", st);
	nt_figure(f, "reset_after_syn_ms", (double)f->tmin / 1e6);
	nt_figure(f, "synack_after_syn_ms", (double)f->aux[I_SYNACK_DELAY] / 1e6);
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	if (ev->type != NT_EV_TCP_HS)
		return;
	const struct nt_tcp_hs *x = ev->hs;
	struct tcp_state *st = state;
	struct client *cl = client_of(st, &x->client, x->t_syn, 1);
	if (cl) {
		cl->established += x->state == NT_HS_ESTABLISHED;
		cl->unseen += x->state == NT_HS_UNSEEN_ANSWER;
		cl->failed += x->state == NT_HS_REFUSED || x->state == NT_HS_NO_ANSWER;
	}
	if (x->state == NT_HS_ESTABLISHED && x->rst_injected) {
		injected(fs, x, ev->end_snap);
		return;
	}
	const char *kind = x->state == NT_HS_REFUSED ? "tcp.connection_refused"
			   : x->state == NT_HS_NO_ANSWER ? "tcp.no_response" : NULL;
	if (kind == NULL)
		return;
	struct nt_finding *f = finding_for(fs, kind, x);
	if (f == NULL)
		return;
	nt_finding_seen(f, x->t_syn);
	if (x->t_end > f->last_seen)
		f->last_seen = x->t_end;
	char c[64];
	nt_finding_add_client(f, nt_addr_str(&x->client, c, sizeof(c)));
	if (f->client_addr.family == 0)
		f->client_addr = x->client;
	f->aux[A_SYNS] += x->syns;
	nt_finding_evidence(f, &x->snap);
	nt_finding_evidence(f, ev->end_snap);
}

/* Folds each server's per-port findings into its many-ports finding, so
 * that the server has one finding of the kind. */
static void merge_ports(struct nt_findings *fs)
{
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *all = &fs->findings[i];
		if (all->owner != &nt_det_tcp || all->port >= 0)
			continue;
		for (uint32_t j = 0; j < fs->n_findings;) {
			struct nt_finding *g = &fs->findings[j];
			if (g->owner != &nt_det_tcp || g->port < 0 || strcmp(g->kind, all->kind) != 0 ||
			    strcmp(g->server, all->server) != 0) {
				j++;
				continue;
			}
			nt_finding_absorb(all, g);
			all->aux[A_SYNS] += g->aux[A_SYNS];
			add_port(all, (unsigned)g->port);
			nt_findings_remove(fs, g);
			if (j < i)
				all = &fs->findings[--i];
		}
	}
}

/* One client's tcp.no_response findings to more than
 * tcp.merge_destinations destinations: one tcp.outbound_no_response
 * finding about the client (server = the client, port -1). */
static void merge_clients(struct nt_findings *fs)
{
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		const struct nt_finding *f = &fs->findings[i];
		if (f->owner != &nt_det_tcp || strcmp(f->kind, "tcp.no_response") != 0 ||
		    f->n_clients != 1 || f->clients_more)
			continue;
		char client[48], servers[NT_MAX_NAMES][48];
		uint32_t nserv = 0;
		nt_fmt(client, sizeof(client), "%s", f->clients[0]);
		for (uint32_t j = 0; j < fs->n_findings; j++) {
			const struct nt_finding *g = &fs->findings[j];
			if (g->owner != &nt_det_tcp || strcmp(g->kind, "tcp.no_response") != 0 ||
			    g->n_clients != 1 || g->clients_more || strcmp(g->clients[0], client) != 0)
				continue;
			uint32_t k;
			for (k = 0; k < nserv; k++)
				if (strcmp(servers[k], g->server) == 0)
					break;
			if (k == nserv && nserv < NT_MAX_NAMES)
				nt_fmt(servers[nserv++], sizeof(servers[0]), "%s", g->server);
		}
		if (nserv <= P(4))
			continue;
		struct nt_addr caddr = f->client_addr;
		struct nt_finding *all = nt_findings_get(fs, "tcp.outbound_no_response", client, -1,
							 "tcp");
		if (all == NULL)
			return;
		all->owner = &nt_det_tcp;
		all->server_addr = caddr;
		all->client_addr = caddr;
		nt_fmt(all->protocol, sizeof(all->protocol), "TCP");
		for (uint32_t j = 0; j < fs->n_findings;) {
			struct nt_finding *g = &fs->findings[j];
			if (g == all || g->owner != &nt_det_tcp ||
			    strcmp(g->kind, "tcp.no_response") != 0 || g->n_clients != 1 ||
			    g->clients_more || strcmp(g->clients[0], client) != 0) {
				j++;
				continue;
			}
			nt_finding_absorb(all, g);
			all->aux[A_SYNS] += g->aux[A_SYNS];
			char dst[64];
			if (g->port >= 0)
				nt_fmt(dst, sizeof(dst), "%s:%d", g->server, g->port);
			else
				nt_fmt(dst, sizeof(dst), "%s (many ports)", g->server);
			nt_finding_add_name(all, dst); /* the destinations */
			all->clients_more = 0;
			int before = all < g;
			nt_findings_remove(fs, g);
			if (!before)
				all--;
		}
		all->n_clients = 0; /* the client is its server field */
		all->clients_more = 0;
		nt_finding_add_client(all, client);
		i = (uint32_t)-1; /* the table moved: start over */
	}
}

static void write_outbound(struct tcp_state *st, const struct nt_engine *e, struct nt_finding *f)
{
	const struct client *c = client_of(st, &f->server_addr, 0, 0);
	uint32_t ok = c ? c->established + c->unseen : 0;
	char dsts[300], t1[48], t2[48];
	nt_join_names(f, dsts, sizeof(dsts));
	nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
	nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
	uint64_t nd = f->n_names + f->names_more;
	f->severity = ok ? NT_SEV_LOW : NT_SEV_MEDIUM;
	nt_fmt(f->summary, sizeof(f->summary),
	       "Connections from %s to %llu destinations got no answer: %llu attempts (%llu SYNs) "
	       "to %s between %s and %s, with no SYN-ACK, RST or ICMP error%s.", f->server,
	       (unsigned long long)nd, (unsigned long long)f->count,
	       (unsigned long long)f->aux[A_SYNS], dsts, t1, t2,
	       ok ? "; other connections of the same client were established" : "");
	nt_fmt(f->analysis, sizeof(f->analysis),
	       "Handshakes were followed per client port. %s's SYNs to %llu different servers "
	       "were retransmitted without any answer, while %u of its connections were set up "
	       "in the capture. Many servers failing the same way at once point at the client's "
	       "own path: one finding about the client replaces one per destination "
	       "(tcp.merge_destinations = %.0f).", f->server, (unsigned long long)nd, ok, P(4));
	nt_fmt(f->impact, sizeof(f->impact), ok
	       ? "Some outbound connections of %s hang until it gives up: those services are "
		 "out of its reach, others work."
	       : "%s cannot open connections to the outside: every attempt in the capture hung "
		 "until it gave up.", f->server);
	nt_finding_cause(f, ok ? "Egress filter dropping some destinations"
			       : "Outbound traffic blocked (egress filter, sandbox, no route out)",
		"%s", ok ? "A firewall or proxy policy that drops connections to some addresses or "
			   "ports (DROP sends nothing back) while it lets others through."
			 : "A DROP policy on the client's gateway or firewall, an isolated or sandbox "
			   "network, or a missing default route swallows every SYN.");
	nt_finding_cause(f, "The destinations are down or unreachable",
		"Less likely when several unrelated servers fail at once.");
	nt_finding_step(f, "Check the egress policy of the firewall or proxy in front of %s for "
		"these destinations and ports.", f->server);
	nt_finding_step(f, "From %s, test one destination on another port or protocol (nc -vz, "
		"curl -v) and trace the path (traceroute -T).", f->server);
	nt_figure(f, "destinations", (double)nd);
	nt_figure(f, "attempts", (double)f->count);
	nt_figure(f, "syns", (double)f->aux[A_SYNS]);
	nt_figure(f, "established_by_client", ok);
}

static void sample_ports(const struct nt_finding *f, char *dst, size_t n)
{
	size_t len = 0;
	dst[0] = '\0';
	for (uint64_t i = 0; i < f->aux[A_SAMPLES] && len + 1 < n; i++)
		len += (size_t)nt_fmt(dst + len, n - len, "%s%llu", i ? ", " : "",
				      (unsigned long long)f->aux[A_SAMPLE0 + i]);
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct tcp_state *st = state;
	merge_ports(fs);
	merge_clients(fs);
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		struct nt_finding *f = &fs->findings[i];
		if (f->owner != &nt_det_tcp)
			continue;
		if (strcmp(f->kind, "tcp.reset_injected") == 0) {
			write_injected(e, f);
			continue;
		}
		if (strcmp(f->kind, "tcp.outbound_no_response") == 0) {
			write_outbound(st, e, f);
			continue;
		}
		char clients[300], t1[48], t2[48];
		nt_join_clients(f, clients, sizeof(clients));
		nt_fmt_time_s(t1, sizeof(t1), f->first_seen, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), f->last_seen, e->no_date);
		/* where: "10.0.0.1 port 443 (HTTPS)" or "57 ports of 10.0.0.1
		 * (e.g. 21, 22, 23)"; target: "10.0.0.1:443" or "10.0.0.1" */
		char where[200], target[64], sample[120];
		int many = f->port < 0;
		if (many) {
			double n = nt_distinct_est(&f->aux[A_BITS], PORT_BITS);
			if (n < (double)f->aux[A_SAMPLES])
				n = (double)f->aux[A_SAMPLES];
			sample_ports(f, sample, sizeof(sample));
			nt_figure(f, "distinct_ports", n);
			nt_fmt(where, sizeof(where), "%.0f ports of %s (e.g. %s)", n, f->server, sample);
			nt_fmt(target, sizeof(target), "%s", f->server);
		} else {
			const char *svc = nt_service_name((unsigned)f->port);
			nt_fmt(where, sizeof(where), "%s port %d%s%s%s", f->server, f->port,
			       svc ? " (" : "", svc ? svc : "", svc ? ")" : "");
			nt_fmt(target, sizeof(target), "%s:%d", f->server, f->port);
		}
		nt_figure(f, "syns", (double)f->aux[A_SYNS]);
		char merged[160] = "";
		if (many)
			nt_fmt(merged, sizeof(merged), " Failures reached more than tcp.merge_ports = "
			       "%.0f ports of the server, so they are reported as one finding.", P(2));
		int loopback = (f->server_addr.family == 4 && f->server_addr.a[0] == 127) ||
			       (f->server_addr.family == 6 &&
				memcmp(f->server_addr.a, "\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\1", 16) == 0);
		if (strcmp(f->kind, "tcp.connection_refused") == 0) {
			f->severity = f->count >= P(0) && !loopback ? NT_SEV_MEDIUM : NT_SEV_LOW;
			nt_fmt(f->summary, sizeof(f->summary),
				 "%llu TCP connection attempt%s from %s to %s %s refused "
				 "(RST in answer to the SYN) between %s and %s.",
				 (unsigned long long)f->count, f->count == 1 ? "" : "s", clients,
				 where, f->count == 1 ? "was" : "were", t1, t2);
			nt_fmt(f->analysis, sizeof(f->analysis),
				 "Handshakes were followed per client port: each SYN to %s was "
				 "answered by a RST instead of a SYN-ACK. The host is up and reachable; "
				 "nothing accepts connections on %s.%s", target,
				 many ? "those ports" : "that port", merged);
			nt_fmt(f->impact, sizeof(f->impact), "The service%s on %s %s not available to %s.",
			       many ? "s" : "", where, many ? "are" : "is", clients);
			if (loopback)
				nt_finding_cause(f, "A local program polling a local service that is not "
					"running",
					"%s is this host's own loopback address: the connections never "
					"left the machine, so no network is involved; a program retries a "
					"local port (a debugger bridge, an agent) where nothing listens.",
					f->server);
			nt_finding_cause(f, "Service not running or not listening on the port",
				"A RST to a SYN is the kernel's answer when no socket listens.");
			nt_finding_cause(f, "Firewall rejecting with TCP reset",
				"REJECT --reject-with tcp-reset looks the same on the wire.");
			if (many)
				nt_finding_step(f, "Check which services %s should offer and which listen "
					"(ss -ltnp); a client trying many ports may be scanning.", f->server);
			else
				nt_finding_step(f, "Check the service on %s (ss -ltnp 'sport = :%d').",
					f->server, f->port);
			nt_finding_step(f, "Check firewall rules for %s on %s.",
				many ? "these ports" : (nt_fmt(sample, sizeof(sample), "port %d", f->port), sample),
				f->server);
		} else {
			f->severity = f->count >= P(1) ? NT_SEV_MEDIUM : NT_SEV_LOW;
			nt_fmt(f->summary, sizeof(f->summary),
				 "%llu TCP connection attempt%s from %s to %s got no answer "
				 "(%llu SYNs sent, no SYN-ACK, RST or ICMP) between %s and %s.",
				 (unsigned long long)f->count, f->count == 1 ? "" : "s", clients,
				 where, (unsigned long long)f->aux[A_SYNS], t1, t2);
			nt_fmt(f->analysis, sizeof(f->analysis),
				 "Handshakes were followed per client port: the SYNs to %s were "
				 "retransmitted without any answer: the packets are dropped silently "
				 "on the way or by the server.%s", target, merged);
			nt_fmt(f->impact, sizeof(f->impact),
				 "Connections to %s hang until the client gives up.", where);
			nt_finding_cause(f, "Firewall dropping the traffic",
				"A DROP rule sends nothing back, which is what the capture shows.");
			nt_finding_cause(f, "Server host down or unreachable",
				"Without an ICMP error the capture cannot tell a dead host from a "
				"silent filter.");
			if (many)
				nt_finding_step(f, "Test a few of the ports from another network "
					"(nc -vz %s PORT) and trace the path (traceroute -T %s).",
					f->server, f->server);
			else
				nt_finding_step(f, "Test the port from another network (nc -vz %s %d) and "
					"trace the path (traceroute -T -p %d %s).", f->server, f->port,
					f->port, f->server);
			nt_finding_step(f, "Check firewalls on the path and the server's state.");
			const struct nt_host *ch = nt_engine_host(e, &f->client_addr);
			if (ch && ch->one_sided) {
				/* the capture misses what comes back to this client */
				f->severity = NT_SEV_INFO;
				nt_finding_cause_first(f, "The capture sees one direction only",
					"%s went on with other connections (ACKs, data) whose SYN-ACK is "
					"not in the capture either: the answers to it are missing from "
					"the capture (a one-way span port, asymmetric routing), so these "
					"SYNs may well have been answered.", clients);
			}
		}
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	if (strcmp(f->kind, "tcp.reset_injected") == 0) {
		nt_fmt(dst, n, "TCP resets forged on connections to %s port %d", f->server, f->port);
		return;
	}
	if (strcmp(f->kind, "tcp.outbound_no_response") == 0) {
		nt_fmt(dst, n, "Outbound connections from %s unanswered (%llu destinations)", f->server,
		       (unsigned long long)(f->n_names + f->names_more));
		return;
	}
	int refused = strcmp(f->kind, "tcp.connection_refused") == 0;
	if (f->port < 0) /* merged over many ports */
		nt_fmt(dst, n, "TCP connections to many ports of %s %s", f->server,
		       refused ? "refused" : "unanswered");
	else
		nt_fmt(dst, n, "TCP connections to %s port %d %s", f->server, f->port,
		       refused ? "refused" : "unanswered");
}

static const struct nt_kind kinds[] = {
	{"tcp.connection_refused", title},
	{"tcp.no_response", title},
	{"tcp.reset_injected", title},
	{"tcp.outbound_no_response", title},
};

static const struct nt_table_desc tables[] = {
	{"tcp_clients", sizeof(struct client), "cap.tcp_clients", NT_LAYOUT_SLOTS,
	 offsetof(struct tcp_state, clients)},
};

const struct nt_detector nt_det_tcp = {
	.name = "tcp",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct tcp_state),
	.on_event = on_event,
	.finish = finish,
};
