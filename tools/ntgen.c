/* \summary: ntgen: writes the project's deterministic test captures
 * (the yummyrecipes incident, one scenario per incident kind, a healthy
 * office, and the large benchmark mix). */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/pcapw.h"
#include "gen/pkt.h"

/* 2024-07-16 00:00:00 UTC: the day every scenario happens on. */
#define DAY0_US (1721088000ull * 1000000ull)
#define HMS(h, m, s) (DAY0_US + ((uint64_t)(h) * 3600 + (uint64_t)(m) * 60 + (uint64_t)(s)) * 1000000ull)
#define MS 1000ull
#define SEC 1000000ull

struct gen {
	struct pcapw w;
	struct grng rng;
	uint64_t now;           /* microseconds since the epoch */
	struct glink link;
	uint16_t ipid;
	uint32_t tsval;         /* TCP timestamp clock */
	uint64_t max_packets;   /* mix: packets to write */
	struct gframe fr;       /* the frame being built */
	struct gframe q;        /* a datagram an ICMP error quotes */
	uint8_t msg[4096];      /* DNS message being built */
	uint8_t msg2[4096];
	const char *nx_soa;     /* NXDOMAIN answers: the SOA owner (NULL: the name's parent) */
	int ede_code;           /* error answers: Extended DNS Error code (-1: none) */
	const char *ede_text;
};

static struct gen G;

static const uint8_t GW_MAC[6] = {0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x01};

static void die(const char *what)
{
	fprintf(stderr, "ntgen: %s\n", what);
	exit(1);
}

/* ---- link and IP plumbing ---- */

static int is_local(const struct gaddr *a)
{
	if (a->v6)
		return (a->a[0] & 0xfe) == 0xfc || (a->a[0] == 0x20 && a->a[1] == 0x01 &&
						    a->a[2] == 0x0d && a->a[3] == 0xb8 && a->a[4] == 0 &&
						    a->a[5] == 0 && a->a[6] == 0 && a->a[7] == 1);
	return a->a[0] == 10 || (a->a[0] == 192 && a->a[1] == 168) ||
	       (a->a[0] == 192 && a->a[1] == 51 && a->a[2] == 100);
}

/* Hosts on the LAN have their own MAC; everything else is behind the gateway. */
static void mac_of(uint8_t mac[6], const struct gaddr *a)
{
	if (!is_local(a)) {
		memcpy(mac, GW_MAC, 6);
		return;
	}
	const uint8_t *t = a->v6 ? a->a + 12 : a->a;
	mac[0] = 0x02;
	mac[1] = a->v6 ? 0x66 : 0x44;
	memcpy(mac + 2, t, 4);
}

static struct gip mkip(const struct gaddr *s, const struct gaddr *d, uint8_t ttl)
{
	struct gip ip;
	memset(&ip, 0, sizeof(ip));
	ip.src = *s;
	ip.dst = *d;
	ip.ttl = ttl ? ttl : (is_local(s) ? 64 : 57);
	ip.id = (uint16_t)(G.ipid += 7919);
	ip.df = 1;
	if (s->v6)
		ip.flowlabel = (uint32_t)grng_next(&G.rng) & 0xfffff;
	mac_of(G.link.smac, s);
	mac_of(G.link.dmac, d);
	G.link.sll_pkttype = is_local(s) ? 4 : 0;
	return ip;
}

static void emit_frame(const struct gframe *f, uint64_t dt)
{
	G.now += dt;
	if (pcapw_write(&G.w, G.now, f->b, f->len, f->len) < 0)
		die("write error");
}

static void check(int rc)
{
	if (rc < 0)
		die("frame too large");
}

static void udp_out(const struct gaddr *s, const struct gaddr *d, uint16_t sp, uint16_t dp,
		    const uint8_t *pl, uint32_t n, uint64_t dt)
{
	struct gip ip = mkip(s, d, 0);
	check(gf_udp(&G.fr, &G.link, &ip, sp, dp, pl, n));
	emit_frame(&G.fr, dt);
}

/* ---- DNS ---- */

static uint32_t name_hash(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (uint8_t)*s) * 16777619u;
	return h;
}

static uint32_t dns_query(uint8_t *buf, uint16_t id, const char *name, uint16_t qtype, int edns)
{
	struct dnsb d;
	dnsb_init(&d, buf, 4096, id, DNS_RD);
	dnsb_question(&d, name, qtype);
	if (edns)
		dnsb_opt(&d, 1232, 0, 0);
	return dnsb_finish(&d);
}

/* The answer a healthy server gives; NXDOMAIN and NODATA carry the SOA. */
static uint32_t dns_answer(uint8_t *buf, uint16_t id, const char *name, uint16_t qtype, int rcode,
			   int edns)
{
	struct dnsb d;
	/* A server refusing recursion does not claim to offer it. */
	uint16_t ra = rcode == DNS_REFUSED ? 0 : DNS_RA;
	dnsb_init(&d, buf, 4096, id, (uint16_t)(DNS_QR | DNS_RD | ra | (rcode & 15)));
	dnsb_question(&d, name, qtype);
	uint32_t h = name_hash(name);
	const char *zone = strchr(name, '.');
	zone = zone && strchr(zone + 1, '.') ? zone + 1 : name;
	if (rcode == DNS_NOERROR) {
		const char *owner = name;
		char cname[300];
		if ((h & 7) == 0 && qtype != T_TXT && qtype != T_NS) {
			snprintf(cname, sizeof(cname), "edge-%u.cdn.example.net", h % 97);
			dnsb_name_rr(&d, DNS_SEC_AN, name, T_CNAME, 300, cname);
			owner = cname;
		}
		switch (qtype) {
		case T_A: {
			int n = 1 + (int)(h >> 8) % 2;
			for (int i = 0; i < n; i++) {
				struct gaddr a = gaddr4(0xc6336400u + ((h >> 4) + (uint32_t)i * 17) % 250 + 1);
				if ((h & 3) == 1)
					a = gaddr4(0xcb007100u + ((h >> 4) + (uint32_t)i) % 250 + 1);
				dnsb_a(&d, DNS_SEC_AN, owner, 60 + h % 3600, &a);
			}
			break;
		}
		case T_AAAA: {
			struct gaddr a = gaddr6("2001:db8:80::", 0x100u + h % 4096);
			dnsb_aaaa(&d, DNS_SEC_AN, owner, 300, &a);
			break;
		}
		case T_TXT: {
			const char *t[2] = {"v=spf1 include:_spf.example.com ~all",
					    "google-site-verification=Zm9vYmFyYmF6cXV4"};
			dnsb_txt(&d, DNS_SEC_AN, name, 3600, t, 1 + (int)(h & 1));
			break;
		}
		case T_NS:
			dnsb_name_rr(&d, DNS_SEC_AN, name, T_NS, 86400, "ns1.example.net");
			dnsb_name_rr(&d, DNS_SEC_AN, name, T_NS, 86400, "ns2.example.net");
			break;
		case T_MX:
			dnsb_mx(&d, DNS_SEC_AN, name, 3600, 10, "mx1.example.net");
			break;
		case T_PTR:
			dnsb_name_rr(&d, DNS_SEC_AN, name, T_PTR, 3600, "host.example.org");
			break;
		default:
			dnsb_soa(&d, DNS_SEC_NS, zone, 900, "ns1.example.net", "hostmaster.example.net",
				 2024071601, 7200, 900, 1209600, 300);
			break;
		}
	} else if (rcode == DNS_NXDOMAIN) {
		if (G.nx_soa && strcmp(G.nx_soa, "com") == 0)
			dnsb_soa(&d, DNS_SEC_NS, "com", 900, "a.gtld-servers.net",
				 "nstld.verisign-grs.com", 1721136000, 1800, 900, 604800, 900);
		else
			dnsb_soa(&d, DNS_SEC_NS, G.nx_soa ? G.nx_soa : zone, 900, "ns1.example.net",
				 "hostmaster.example.net", 2024071601, 7200, 900, 1209600, 300);
	}
	if (edns && rcode != DNS_NOERROR && G.ede_code >= 0)
		dnsb_opt_ede(&d, 1232, (uint16_t)G.ede_code, G.ede_text ? G.ede_text : "");
	else if (edns)
		dnsb_opt(&d, 1232, 0, 0);
	return dnsb_finish(&d);
}

/* A query and, unless rcode < 0, the answer rtt later. */
static void dns_exchange(const struct gaddr *c, uint16_t cport, const struct gaddr *s,
			 uint16_t id, const char *name, uint16_t qtype, int rcode, uint64_t rtt,
			 uint64_t dt)
{
	uint32_t n = dns_query(G.msg, id, name, qtype, 1);
	udp_out(c, s, cport, 53, G.msg, n, dt);
	if (rcode < 0)
		return;
	n = dns_answer(G.msg, id, name, qtype, rcode, 1);
	udp_out(s, c, 53, cport, G.msg, n, rtt);
}

static uint16_t eport(void)
{
	return (uint16_t)(32768 + grng_below(&G.rng, 28000));
}

static uint16_t rid(void)
{
	return (uint16_t)grng_next(&G.rng);
}

/* ---- TCP ---- */

struct tconn {
	struct gaddr c, s;
	uint16_t cport, sport;
	uint32_t cseq, sseq;    /* next sequence numbers */
};

static uint8_t *syn_opts(uint8_t *o, uint16_t mss)
{
	uint8_t *p = o;
	*p++ = 2; *p++ = 4; *p++ = (uint8_t)(mss >> 8); *p++ = (uint8_t)mss;
	*p++ = 4; *p++ = 2; /* SACK permitted */
	*p++ = 8; *p++ = 10;
	uint32_t ts = G.tsval;
	*p++ = (uint8_t)(ts >> 24); *p++ = (uint8_t)(ts >> 16); *p++ = (uint8_t)(ts >> 8); *p++ = (uint8_t)ts;
	*p++ = 0; *p++ = 0; *p++ = 0; *p++ = 0;
	*p++ = 1; *p++ = 3; *p++ = 3; *p++ = 7;
	return p;
}

/* One segment from the client (dir 0) or the server (dir 1). */
static void tcp_seg(struct tconn *t, int dir, uint8_t flags, const uint8_t *pl, uint32_t n,
		    uint64_t dt)
{
	const struct gaddr *s = dir ? &t->s : &t->c, *d = dir ? &t->c : &t->s;
	struct gip ip = mkip(s, d, 0);
	struct gtcp h;
	memset(&h, 0, sizeof(h));
	h.sport = dir ? t->sport : t->cport;
	h.dport = dir ? t->cport : t->sport;
	h.seq = dir ? t->sseq : t->cseq;
	h.ack = (flags & GTCP_ACK) ? (dir ? t->cseq : t->sseq) : 0;
	h.flags = flags;
	h.win = (flags & GTCP_SYN) ? 64240 : (flags & GTCP_RST) ? 0 : 502;
	uint8_t opts[40];
	G.tsval += 1 + (uint32_t)(dt / 1000);
	if (flags & GTCP_SYN) {
		h.optlen = (uint8_t)(syn_opts(opts, s->v6 ? 1440 : 1460) - opts);
		h.opts = opts;
	} else if (!(flags & GTCP_RST)) {
		opts[0] = 1; opts[1] = 1; opts[2] = 8; opts[3] = 10;
		uint32_t ts = G.tsval, te = G.tsval - 3;
		opts[4] = (uint8_t)(ts >> 24); opts[5] = (uint8_t)(ts >> 16);
		opts[6] = (uint8_t)(ts >> 8); opts[7] = (uint8_t)ts;
		opts[8] = (uint8_t)(te >> 24); opts[9] = (uint8_t)(te >> 16);
		opts[10] = (uint8_t)(te >> 8); opts[11] = (uint8_t)te;
		h.optlen = 12;
		h.opts = opts;
	}
	check(gf_tcp(&G.fr, &G.link, &ip, &h, pl, n));
	emit_frame(&G.fr, dt);
	uint32_t adv = n + ((flags & (GTCP_SYN | GTCP_FIN)) ? 1 : 0);
	if (dir)
		t->sseq += adv;
	else
		t->cseq += adv;
}

static void tconn_init(struct tconn *t, const struct gaddr *c, uint16_t cport,
		       const struct gaddr *s, uint16_t sport)
{
	t->c = *c;
	t->s = *s;
	t->cport = cport;
	t->sport = sport;
	t->cseq = (uint32_t)grng_next(&G.rng);
	t->sseq = (uint32_t)grng_next(&G.rng);
}

static uint8_t payload[65536];

/* A TLS-looking session: handshake, requests and answers, FIN (or RST). */
static void tcp_session(const struct gaddr *c, const struct gaddr *s, uint16_t sport, int nreq,
			uint64_t rtt, int rst_close, uint64_t dt)
{
	struct tconn t;
	tconn_init(&t, c, eport(), s, sport);
	tcp_seg(&t, 0, GTCP_SYN, NULL, 0, dt);
	tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, rtt);
	tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 80);
	for (int i = 0; i < nreq; i++) {
		uint32_t q = 200 + grng_below(&G.rng, 400);
		tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, payload, q, 300);
		uint32_t left = 600 + grng_below(&G.rng, 4000);
		tcp_seg(&t, 1, GTCP_ACK, NULL, 0, rtt);
		while (left > 0) {
			uint32_t n = left > 1448 ? 1448 : left;
			left -= n;
			tcp_seg(&t, 1, (uint8_t)(GTCP_ACK | (left ? 0 : GTCP_PSH)), payload, n, 120);
		}
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 90);
	}
	if (rst_close) {
		tcp_seg(&t, 0, GTCP_RST | GTCP_ACK, NULL, 0, 2 * MS);
		return;
	}
	tcp_seg(&t, 0, GTCP_FIN | GTCP_ACK, NULL, 0, 5 * MS);
	tcp_seg(&t, 1, GTCP_FIN | GTCP_ACK, NULL, 0, rtt);
	tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 70);
}

/* ---- ICMP ---- */

static void ping(const struct gaddr *a, const struct gaddr *b, uint16_t id, int count, uint64_t rtt,
		 uint64_t dt)
{
	uint8_t body[56];
	for (int i = 0; i < 56; i++)
		body[i] = (uint8_t)(0x10 + i);
	for (int seq = 1; seq <= count; seq++) {
		struct gip ip = mkip(a, b, 0);
		uint8_t req = a->v6 ? 128 : 8, rep = a->v6 ? 129 : 0;
		check(gf_icmp(&G.fr, &G.link, &ip, req, 0, (uint32_t)id << 16 | (uint32_t)seq, body, 56));
		emit_frame(&G.fr, seq == 1 ? dt : SEC - rtt);
		ip = mkip(b, a, 0);
		check(gf_icmp(&G.fr, &G.link, &ip, rep, 0, (uint32_t)id << 16 | (uint32_t)seq, body, 56));
		emit_frame(&G.fr, rtt);
	}
}

/* Sends `orig` (already in G.q), then an ICMP error about it from `from`. */
static void icmp_about_q(const struct gaddr *from, const struct gaddr *to, uint8_t type,
			 uint8_t code, uint32_t rest, uint8_t ttl, uint64_t dt)
{
	struct gip ip = mkip(from, to, ttl);
	ip.df = 0;
	check(gf_icmp_error(&G.fr, &G.link, &ip, type, code, rest, &G.q, 0, 0));
	emit_frame(&G.fr, dt);
}

/* Builds a UDP datagram into G.q and writes it. */
static void q_udp(const struct gaddr *s, const struct gaddr *d, uint16_t sp, uint16_t dp,
		  const uint8_t *pl, uint32_t n, uint8_t ttl, uint64_t dt)
{
	struct gip ip = mkip(s, d, ttl);
	check(gf_udp(&G.q, &G.link, &ip, sp, dp, pl, n));
	emit_frame(&G.q, dt);
}

/* A SYN into G.q, written. */
static void q_syn(struct tconn *t, uint8_t ttl, uint64_t dt)
{
	struct gip ip = mkip(&t->c, &t->s, ttl);
	struct gtcp h;
	memset(&h, 0, sizeof(h));
	uint8_t opts[40];
	h.sport = t->cport;
	h.dport = t->sport;
	h.seq = t->cseq;
	h.flags = GTCP_SYN;
	h.win = 64240;
	h.optlen = (uint8_t)(syn_opts(opts, t->c.v6 ? 1440 : 1460) - opts);
	h.opts = opts;
	check(gf_tcp(&G.q, &G.link, &ip, &h, NULL, 0));
	emit_frame(&G.q, dt);
}

/* ---- the office: hosts, names, background traffic ---- */

static const char *const NAMES[] = {
	"www.example.com", "mail.example.com", "intranet.corp.example", "login.example.org",
	"cdn.example.net", "api.example.com", "updates.example.org", "calendar.example.com",
	"files.corp.example", "wiki.corp.example", "news.example.net", "static.example.org",
	"chat.example.com", "docs.example.org", "git.corp.example", "ntp.example.net",
};
#define NNAMES (sizeof(NAMES) / sizeof(NAMES[0]))

static struct gaddr client(int i)
{
	return gaddr4(0x0a010000u + 10 + (uint32_t)i); /* 10.1.0.10+ */
}

static struct gaddr resolver(void)
{
	return gaddr("10.1.0.53");
}

static struct gaddr web(uint32_t i)
{
	return gaddr4(0xc6336400u + 10 + i % 200); /* 198.51.100.x */
}

/* `n` background events: resolved names, HTTPS sessions, pings. */
static void background(int n, uint64_t gap)
{
	struct gaddr r = resolver();
	for (int i = 0; i < n; i++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		uint32_t k = grng_below(&G.rng, 10);
		uint64_t dt = gap / 2 + grng_below(&G.rng, (uint32_t)gap);
		if (k < 5) {
			const char *nm = NAMES[grng_below(&G.rng, NNAMES)];
			uint16_t qt = grng_chance(&G.rng, 300) ? T_AAAA : T_A;
			uint16_t port = eport(), id = rid();
			uint64_t rtt = (1 + grng_below(&G.rng, 20)) * MS;
			rtt += grng_below(&G.rng, 999);
			dns_exchange(&c, port, &r, id, nm, qt, DNS_NOERROR, rtt, dt);
		} else if (k < 9) {
			struct gaddr s = web(grng_below(&G.rng, 200));
			int nreq = 1 + (int)grng_below(&G.rng, 3);
			uint64_t rtt = (8 + grng_below(&G.rng, 30)) * MS;
			tcp_session(&c, &s, 443, nreq, rtt, 0, dt);
		} else {
			struct gaddr gw = gaddr("10.1.0.1");
			uint16_t id = (uint16_t)(1000 + grng_below(&G.rng, 30000));
			ping(&c, &gw, id, 2, 300 + grng_below(&G.rng, 500), dt);
		}
	}
}

/* ---- scenarios ---- */

/* The flagship incident, as in samples/yummyrecipes-dns-icmp.log. */
static void sc_yummyrecipes(void)
{
	static const uint64_t qt[3] = {HMS(13, 24, 32) + 192571, HMS(13, 26, 32) + 192571,
				       HMS(13, 28, 32) + 192571};
	static const uint64_t et[3] = {HMS(13, 24, 36) + 98564, HMS(13, 27, 15) + 934126,
				       HMS(13, 28, 50) + 22967};
	static const uint32_t elen[3] = {254, 320, 150};
	struct gaddr c = gaddr("192.51.100.15"), s = gaddr("203.0.113.2");
	struct dnsb d;
	dnsb_init(&d, G.msg, sizeof(G.msg), 35084, DNS_RD);
	dnsb_question(&d, "yummyrecipesforme.com", T_A);
	uint32_t n = dnsb_finish(&d);
	for (int i = 0; i < 3; i++) {
		struct gip ip = mkip(&c, &s, 64);
		/* The log reports 24 bytes of DNS: the UDP length field says so;
		 * the rest of the question follows as IP padding. */
		check(gf_udp_len(&G.q, &G.link, &ip, 52444, 53, G.msg, n, 8 + 24));
		G.now = qt[i];
		emit_frame(&G.q, 0);
		ip = mkip(&s, &c, 64);
		ip.df = 0;
		uint32_t pad = elen[i] - 8 - G.q.l3len;
		check(gf_icmp_error(&G.fr, &G.link, &ip, 3, 3, 0, &G.q, G.q.l3len, pad));
		G.now = et[i];
		emit_frame(&G.fr, 0);
	}
}

/* The flagship shape with names an attacker chose: each of three servers
 * rejects the lookups of one name with ICMP port unreachable.  The names
 * carry HTML, Markdown link, image, heading, table, code-span and
 * terminal-escape payloads (tests/e2e/t_hostile_output.sh). */
static void sc_hostile_names(void)
{
	static const char *const names[3] = {
	    "<svg/onload=alert(1)>.![i](http://evil.example/x.png).[a](javascript:alert(2))",
	    "``x`|y|#h*b*_u_~s~.www.evil.example",
	    "\x1b]52;c;cHduZWQ=\x07.\x1b[31mred\x9b.example",
	};
	struct gaddr c = gaddr("192.51.100.15");
	G.now = HMS(13, 24, 32);
	for (int k = 0; k < 3; k++) {
		struct gaddr s = gaddr4(0xcb007100u + 2 + (uint32_t)k); /* 203.0.113.2+ */
		struct dnsb d;
		dnsb_init(&d, G.msg, sizeof(G.msg), (uint16_t)(4000 + k), DNS_RD);
		dnsb_question(&d, names[k], T_A);
		uint32_t n = dnsb_finish(&d);
		for (int i = 0; i < 3; i++) {
			struct gip ip = mkip(&c, &s, 64);
			check(gf_udp(&G.q, &G.link, &ip, (uint16_t)(52444 + k), 53, G.msg, n));
			G.now += 2 * SEC;
			emit_frame(&G.q, 0);
			ip = mkip(&s, &c, 64);
			check(gf_icmp_error(&G.fr, &G.link, &ip, 3, 3, 0, &G.q, G.q.l3len, 0));
			G.now += 3 * MS;
			emit_frame(&G.fr, 0);
		}
	}
}

static void sc_healthy_office(void)
{
	G.now = HMS(9, 0, 0);
	background(40, 400 * MS);
	struct gaddr c = client(3), r = resolver();
	/* A stray NXDOMAIN, as browsers' probes and WPAD produce. */
	uint16_t port = eport(), id = rid();
	dns_exchange(&c, port, &r, id, "wpad.corp.example", T_A, DNS_NXDOMAIN, 2 * MS, 300 * MS);
	struct gaddr c6 = gaddr6("2001:db8:0:1::", 0x15), r6 = gaddr("2001:db8:0:1::53");
	port = eport(), id = rid();
	dns_exchange(&c6, port, &r6, id, "www.example.com", T_AAAA, DNS_NOERROR, 3 * MS, 200 * MS);
	port = eport(), id = rid();
	dns_exchange(&c, port, &r, id, "example.com", T_TXT, DNS_NOERROR, 4 * MS, 100 * MS);
	port = eport(), id = rid();
	dns_exchange(&c, port, &r, id, "example.com", T_MX, DNS_NOERROR, 4 * MS, 100 * MS);
	background(40, 400 * MS);
	struct gaddr s6 = gaddr("2001:db8:80::443");
	tcp_session(&c6, &s6, 443, 2, 12 * MS, 0, 100 * MS);
	ping(&c6, &r6, 4242, 3, 400, 100 * MS);
	background(20, 400 * MS);
}

static void sc_dns_timeout(void)
{
	G.now = HMS(9, 10, 0);
	struct gaddr dead = gaddr("10.1.0.54");
	background(10, 300 * MS);
	for (int k = 0; k < 6; k++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		const char *nm = NAMES[grng_below(&G.rng, NNAMES)];
		uint16_t port = eport(), id = rid();
		/* glibc-style: 5 s timeout, two attempts per query. */
		dns_exchange(&c, port, &dead, id, nm, T_A, -1, 0, 400 * MS);
		struct gaddr s = web(grng_below(&G.rng, 50));
		tcp_session(&c, &s, 443, 1, 15 * MS, 0, 600 * MS);
		G.now += 4 * SEC;
		dns_exchange(&c, port, &dead, id, nm, T_A, -1, 0, 0);
		background(3, 500 * MS);
	}
	background(6, 300 * MS);
}

static void sc_rcode(int rcode, const char *bad_zone, const struct gaddr *srv)
{
	G.now = HMS(9, 20, 0);
	background(8, 300 * MS);
	for (int k = 0; k < 12; k++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		char nm[128];
		snprintf(nm, sizeof(nm), "%s.%s", (const char *[]){"www", "api", "shop", "img"}[k % 4],
			 bad_zone);
		uint16_t port = eport(), id = rid();
		dns_exchange(&c, port, srv, id, nm, k % 3 == 2 ? T_AAAA : T_A, rcode,
			     (rcode == DNS_SERVFAIL ? 1200 : 1) * MS + grng_below(&G.rng, 900),
			     300 * MS);
		port = eport(), id = rid();
		dns_exchange(&c, port, srv, id, nm, T_A, rcode, 900 + grng_below(&G.rng, 500),
			     200 * MS);
		background(2, 300 * MS);
	}
}

static void sc_dns_servfail(void)
{
	struct gaddr r = resolver();
	sc_rcode(DNS_SERVFAIL, "shop.example.net", &r);
}

/* SERVFAIL for one zone whose signatures expired, the validating resolver
 * saying so with an Extended DNS Error (RFC 8914 code 7). */
static void sc_dns_servfail_ede(void)
{
	struct gaddr r = resolver();
	G.ede_code = 7;
	G.ede_text = "signature expired on shop.example.net/DNSKEY";
	sc_rcode(DNS_SERVFAIL, "shop.example.net", &r);
	G.ede_code = -1;
}

static void sc_dns_refused(void)
{
	/* A resolver that does not serve this subnet (ACL) answers REFUSED. */
	struct gaddr r = gaddr("10.9.0.53");
	sc_rcode(DNS_REFUSED, "example.com", &r);
}

static void sc_dns_nxdomain_surge(void)
{
	G.now = HMS(9, 30, 0);
	struct gaddr bot = client(56), r = resolver();
	background(10, 300 * MS);
	static const char *const tld[] = {"com", "net", "org", "info", "biz"};
	for (int k = 0; k < 160; k++) {
		char nm[64];
		int len = 8 + (int)grng_below(&G.rng, 9), i;
		for (i = 0; i < len; i++) {
			uint32_t x = grng_below(&G.rng, 36);
			nm[i] = (char)(x < 26 ? 'a' + x : '0' + (x - 26));
		}
		snprintf(nm + i, sizeof(nm) - (size_t)i, ".%s", tld[grng_below(&G.rng, 5)]);
		uint16_t port = eport(), id = rid();
		uint64_t rtt = (20 + grng_below(&G.rng, 60)) * MS;
		dns_exchange(&bot, port, &r, id, nm, T_A, DNS_NXDOMAIN, rtt,
			     150 * MS + grng_below(&G.rng, 100000));
		if (k % 16 == 0)
			background(2, 200 * MS);
	}
	background(8, 300 * MS);
}

/* SYNs to `dst:port`, each answered by an ICMP error from `from`. */
static void sc_icmp_tcp(const char *dst, uint16_t port, const char *from, uint8_t type,
			uint8_t code, uint64_t start)
{
	G.now = start;
	background(8, 300 * MS);
	struct gaddr s = gaddr(dst), rtr = gaddr(from);
	for (int k = 0; k < 4; k++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		struct tconn t;
		tconn_init(&t, &c, eport(), &s, port);
		uint64_t backoff = SEC;
		for (int a = 0; a < 3; a++) {
			q_syn(&t, 64, a ? backoff : 200 * MS);
			icmp_about_q(&rtr, &c, type, code, 0, 0, 1 * MS + grng_below(&G.rng, 900));
			backoff *= 2;
		}
		background(3, 400 * MS);
	}
}

static void sc_icmp_host_unreach(void)
{
	sc_icmp_tcp("10.20.0.15", 22, "10.1.0.1", 3, 1, HMS(9, 40, 0));
}

static void sc_icmp_net_unreach(void)
{
	sc_icmp_tcp("172.31.5.10", 443, "10.1.0.1", 3, 0, HMS(9, 45, 0));
}

static void sc_icmp_admin_prohibited(void)
{
	sc_icmp_tcp("198.51.100.80", 8443, "10.1.0.1", 3, 13, HMS(9, 50, 0));
}

static void sc_icmp_port_unreach(void)
{
	/* syslog to a collector whose daemon is down. */
	G.now = HMS(9, 55, 0);
	background(8, 300 * MS);
	struct gaddr coll = gaddr("10.1.0.40");
	for (int k = 0; k < 10; k++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		char msg[160];
		int n = snprintf(msg, sizeof(msg),
				 "<30>Jul 16 09:55:%02d host%d sshd[%d]: Accepted publickey for admin",
				 k * 5 % 60, k, 1000 + k);
		q_udp(&c, &coll, (uint16_t)(40000 + k), 514, (const uint8_t *)msg, (uint32_t)n, 64,
		      900 * MS);
		icmp_about_q(&coll, &c, 3, 3, 0, 64, 300);
		if (k % 3 == 0)
			background(2, 300 * MS);
	}
	/* NTP too: the same host no longer serves time. */
	struct gaddr c = client(2);
	uint8_t ntp[48] = {0x23};
	for (int k = 0; k < 3; k++) {
		q_udp(&c, &coll, 123, 123, ntp, 48, 64, 1 * SEC);
		icmp_about_q(&coll, &c, 3, 3, 0, 64, 250);
	}
}

static void sc_icmp_frag_needed(void)
{
	G.now = HMS(10, 0, 0);
	background(6, 300 * MS);
	struct gaddr c = client(4), s = gaddr("203.0.113.50"), rtr = gaddr("10.1.0.1");
	for (int k = 0; k < 3; k++) {
		struct tconn t;
		tconn_init(&t, &c, eport(), &s, 443);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 500 * MS);
		tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, 20 * MS);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 100);
		tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, payload, 300, 200);
		tcp_seg(&t, 1, GTCP_ACK, NULL, 0, 20 * MS);
		/* A full-size segment with DF set does not fit the tunnel. */
		uint32_t seq0 = t.cseq;
		tcp_seg(&t, 0, GTCP_ACK, payload, 1448, 300);
		G.q = G.fr;
		icmp_about_q(&rtr, &c, 3, 4, 1400, 0, 400);
		/* The sender lowers its segment size and resends. */
		t.cseq = seq0;
		tcp_seg(&t, 0, GTCP_ACK, payload, 1336, 500);
		tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, payload, 112, 50);
		tcp_seg(&t, 1, GTCP_ACK, NULL, 0, 20 * MS);
		tcp_seg(&t, 0, GTCP_FIN | GTCP_ACK, NULL, 0, 5 * MS);
		tcp_seg(&t, 1, GTCP_FIN | GTCP_ACK, NULL, 0, 20 * MS);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 80);
		background(3, 300 * MS);
	}
}

static void sc_icmp_ttl_exceeded(void)
{
	/* A routing loop between two routers: packets for 203.0.113.0/24
	 * bounce until their TTL runs out. */
	G.now = HMS(10, 5, 0);
	background(8, 300 * MS);
	struct gaddr r1 = gaddr("192.0.2.1"), r2 = gaddr("192.0.2.2");
	for (int k = 0; k < 30; k++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		struct gaddr d = gaddr4(0xcb007100u + 60 + (uint32_t)(k % 5));
		const struct gaddr *rtr = k % 2 ? &r1 : &r2;
		if (k % 3 == 0) {
			struct tconn t;
			tconn_init(&t, &c, eport(), &d, 443);
			q_syn(&t, 64, 200 * MS);
		} else {
			uint32_t n = dns_query(G.msg, rid(), "www.example.com", T_A, 1);
			q_udp(&c, &d, eport(), 53, G.msg, n, 64, 200 * MS);
		}
		/* The quote shows TTL 1, as the router saw it. */
		uint8_t *ttl = G.q.b + G.q.l3off + 8;
		*ttl = 1;
		G.q.b[G.q.l3off + 10] = G.q.b[G.q.l3off + 11] = 0;
		uint32_t sum = 0;
		for (int i = 0; i < 20; i += 2)
			sum += (uint32_t)G.q.b[G.q.l3off + i] << 8 | G.q.b[G.q.l3off + i + 1];
		while (sum >> 16)
			sum = (sum & 0xffff) + (sum >> 16);
		G.q.b[G.q.l3off + 10] = (uint8_t)(~sum >> 8);
		G.q.b[G.q.l3off + 11] = (uint8_t)~sum;
		icmp_about_q(rtr, &c, 11, 0, 0, 250, 30 * MS + grng_below(&G.rng, 5000));
		if (k % 6 == 5)
			background(2, 300 * MS);
	}
}

static void sc_tcp_refused(void)
{
	G.now = HMS(10, 10, 0);
	background(8, 300 * MS);
	struct gaddr s = gaddr("10.1.0.80");
	for (int k = 0; k < 8; k++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		struct tconn t;
		tconn_init(&t, &c, eport(), &s, 8080);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 700 * MS);
		t.sseq = 0;
		tcp_seg(&t, 1, GTCP_RST | GTCP_ACK, NULL, 0, 300);
		if (k % 2)
			background(2, 300 * MS);
	}
}

/* A host whose services all stopped: four clients find twelve ports of
 * 10.1.0.81 closed (fewer ports each than a scan). */
static void sc_tcp_refused_ports(void)
{
	G.now = HMS(10, 12, 0);
	background(8, 300 * MS);
	static const uint16_t ports[] = {21, 22, 25, 80, 110, 143, 443, 993, 995, 3306, 5432, 8080};
	struct gaddr s = gaddr("10.1.0.81");
	for (int k = 0; k < 4; k++) {
		struct gaddr c = client(k * 5 + 2);
		for (size_t p = 0; p < sizeof(ports) / sizeof(ports[0]); p++) {
			struct tconn t;
			tconn_init(&t, &c, eport(), &s, ports[p]);
			tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 200 * MS + grng_below(&G.rng, 300 * MS));
			t.sseq = 0;
			tcp_seg(&t, 1, GTCP_RST | GTCP_ACK, NULL, 0, 300);
		}
		background(3, 300 * MS);
	}
}

static void sc_tcp_no_response(void)
{
	G.now = HMS(10, 15, 0);
	background(8, 300 * MS);
	struct gaddr s = gaddr("198.51.100.20");
	for (int k = 0; k < 3; k++) {
		struct gaddr c = client(k * 3);
		struct tconn t;
		tconn_init(&t, &c, eport(), &s, 443);
		uint64_t rto = SEC;
		for (int a = 0; a < 6; a++) {
			struct gip ip = mkip(&t.c, &t.s, 64);
			struct gtcp h;
			memset(&h, 0, sizeof(h));
			uint8_t opts[40];
			h.sport = t.cport;
			h.dport = 443;
			h.seq = t.cseq;
			h.flags = GTCP_SYN;
			h.win = 64240;
			h.optlen = (uint8_t)(syn_opts(opts, 1460) - opts);
			h.opts = opts;
			check(gf_tcp(&G.fr, &G.link, &ip, &h, NULL, 0));
			emit_frame(&G.fr, a ? rto : 300 * MS);
			if (a)
				rto *= 2;
			if (a < 3)
				background(1, 200 * MS);
		}
	}
}

/* A length-prefixed DNS message in a TCP segment. */
static void dns_tcp_seg(struct tconn *t, int dir, const uint8_t *m, uint32_t n, uint64_t dt)
{
	payload[0] = (uint8_t)(n >> 8);
	payload[1] = (uint8_t)n;
	memcpy(payload + 2, m, n);
	tcp_seg(t, dir, GTCP_PSH | GTCP_ACK, payload, n + 2, dt);
	memset(payload, 0, n + 2);
}

static void sc_dns_tcp(void)
{
	G.now = HMS(10, 20, 0);
	background(6, 300 * MS);
	struct gaddr r = resolver();
	for (int k = 0; k < 3; k++) {
		struct gaddr c = client(k + 1);
		const char *nm = k == 1 ? "example.com" : "big.example.org";
		uint16_t qt = k == 1 ? T_TXT : T_A;
		uint16_t id = rid(), port = eport();
		/* UDP first: the answer is truncated (TC), so the client retries over TCP. */
		uint32_t n = dns_query(G.msg, id, nm, qt, 0);
		udp_out(&c, &r, port, 53, G.msg, n, 400 * MS);
		struct dnsb d;
		dnsb_init(&d, G.msg2, sizeof(G.msg2), id, DNS_QR | DNS_RD | DNS_RA | DNS_TC);
		dnsb_question(&d, nm, qt);
		n = dnsb_finish(&d);
		udp_out(&r, &c, 53, port, G.msg2, n, 2 * MS);
		struct tconn t;
		tconn_init(&t, &c, eport(), &r, 53);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 300);
		tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, 400);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 60);
		n = dns_query(G.msg, id, nm, qt, 1);
		dns_tcp_seg(&t, 0, G.msg, n, 50);
		dnsb_init(&d, G.msg2, sizeof(G.msg2), id, DNS_QR | DNS_RD | DNS_RA);
		dnsb_question(&d, nm, qt);
		for (int i = 0; i < 40; i++) {
			if (qt == T_TXT) {
				char txt[100];
				snprintf(txt, sizeof(txt), "record-%02d=%s", i,
					 "c2VjcmV0LXZhbHVlLWZvci10ZXN0aW5nLW9ubHk=");
				const char *tp[1] = {txt};
				dnsb_txt(&d, DNS_SEC_AN, nm, 300, tp, 1);
			} else {
				struct gaddr a = gaddr4(0xc6336400u + 20 + (uint32_t)i);
				dnsb_a(&d, DNS_SEC_AN, nm, 300, &a);
			}
		}
		dnsb_opt(&d, 1232, 0, 0);
		n = dnsb_finish(&d);
		dns_tcp_seg(&t, 1, G.msg2, n, 3 * MS);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 60);
		tcp_seg(&t, 0, GTCP_FIN | GTCP_ACK, NULL, 0, 200);
		tcp_seg(&t, 1, GTCP_FIN | GTCP_ACK, NULL, 0, 400);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 60);
		background(3, 300 * MS);
	}
}

static void sc_ipv6_dns_unreach(void)
{
	G.now = HMS(10, 25, 0);
	background(6, 300 * MS);
	struct gaddr c = gaddr6("2001:db8:0:1::", 0x15), s = gaddr("2001:db8:53::2");
	for (int k = 0; k < 3; k++) {
		const char *nm = k == 2 ? "www.example.org" : "www.example.com";
		uint16_t port = eport(), id = rid();
		for (int a = 0; a < 2; a++) {
			uint32_t n = dns_query(G.msg, id, nm, a ? T_A : T_AAAA, 1);
			q_udp(&c, &s, port, 53, G.msg, n, 64, a ? 5 * MS : 2 * SEC);
			icmp_about_q(&s, &c, 1, 4, 0, 64, 600);
		}
		background(3, 400 * MS);
	}
}

/* ---- fragmented DNS, overlaps and oversize, DNS over TCP in pieces ---- */

static uint8_t bigmsg[9000];   /* a DNS message larger than G.msg */
static uint8_t fragdata[70000]; /* payloads built by hand (ping of death) */
static uint32_t frag_id6 = 0x5a17c000u;

/* A DNSSEC-style answer (RFC 4034): the DNSKEY RRset of zone, nkeys keys
 * of 260 bytes (RSA/SHA-256, 2048 bits) and one RRSIG over them, with
 * EDNS0 (4096, DO): well over one Ethernet MTU for nkeys >= 3. */
static uint32_t dnskey_answer(uint8_t *buf, uint32_t cap, uint16_t id, const char *zone,
			      int nkeys)
{
	struct dnsb d;
	dnsb_init(&d, buf, cap, id, DNS_QR | DNS_RD | DNS_RA | DNS_AD);
	dnsb_question(&d, zone, T_DNSKEY);
	uint8_t rd[300];
	for (int k = 0; k < nkeys; k++) {
		rd[0] = 1;
		rd[1] = k == 0 ? 1 : 0; /* flags 257 (KSK) / 256 (ZSK) */
		rd[2] = 3;              /* protocol */
		rd[3] = 8;              /* RSA/SHA-256 */
		rd[4] = 3; rd[5] = 1; rd[6] = 0; rd[7] = 1; /* exponent 65537 */
		for (int i = 8; i < 264; i++)
			rd[i] = (uint8_t)grng_next(&G.rng);
		dnsb_raw(&d, DNS_SEC_AN, zone, T_DNSKEY, 3600, rd, 264);
	}
	/* RRSIG: covered type, algorithm, labels, original TTL, expiration,
	 * inception, key tag, signer (uncompressed), signature */
	uint32_t n = 0;
	rd[n++] = 0; rd[n++] = T_DNSKEY; rd[n++] = 8; rd[n++] = 2;
	rd[n++] = 0; rd[n++] = 0; rd[n++] = 0x0e; rd[n++] = 0x10;
	rd[n++] = 0x66; rd[n++] = 0xb6; rd[n++] = 0x00; rd[n++] = 0x00;
	rd[n++] = 0x66; rd[n++] = 0x90; rd[n++] = 0x00; rd[n++] = 0x00;
	rd[n++] = 0x4f; rd[n++] = 0x66;
	for (const char *p = zone; *p;) {
		const char *dot = strchr(p, '.');
		size_t l = dot ? (size_t)(dot - p) : strlen(p);
		rd[n++] = (uint8_t)l;
		memcpy(rd + n, p, l);
		n += (uint32_t)l;
		p += l + (dot ? 1 : 0);
	}
	rd[n++] = 0;
	for (int i = 0; i < 256; i++)
		rd[n++] = (uint8_t)grng_next(&G.rng);
	dnsb_raw(&d, DNS_SEC_AN, zone, T_RRSIG, 3600, rd, n);
	dnsb_opt(&d, 4096, 0, 1);
	return dnsb_finish(&d);
}

/* A DNSKEY query with EDNS0 (4096, DO), as a validating resolver sends it. */
static uint32_t dnskey_query(uint8_t *buf, uint16_t id, const char *zone)
{
	struct dnsb d;
	dnsb_init(&d, buf, 4096, id, DNS_RD | DNS_CD);
	dnsb_question(&d, zone, T_DNSKEY);
	dnsb_opt(&d, 4096, 0, 1);
	return dnsb_finish(&d);
}

/* Writes fragment k of w's datagram cut at `piece` bytes: dt before it. */
static void emit_frag(const struct gframe *w, uint32_t piece, uint32_t k, uint32_t id6,
		      uint64_t dt)
{
	uint32_t plen;
	const uint8_t *p = gf_ip_payload(w, &plen);
	uint32_t off = k * piece, n = plen - off < piece ? plen - off : piece;
	check(gf_ip_frag(&G.fr, w, off, p + off, n, off + n < plen, id6));
	emit_frame(&G.fr, dt);
}

/* The number of fragments of w's datagram cut for an MTU of mtu bytes,
 * and the data bytes each carries (RFC 791: a multiple of 8). */
static uint32_t frag_count(const struct gframe *w, uint32_t mtu, uint32_t *piece)
{
	uint32_t plen;
	gf_ip_payload(w, &plen);
	int v6 = (w->b[w->l3off] >> 4) == 6;
	*piece = (mtu - (v6 ? 48 : 20)) & ~7u;
	return (plen + *piece - 1) / *piece;
}

/* A UDP datagram built into G.q (not written), fragmentable (DF clear). */
static void build_udp(const struct gaddr *s, const struct gaddr *d, uint16_t sp, uint16_t dp,
		      const uint8_t *pl, uint32_t n)
{
	struct gip ip = mkip(s, d, 0);
	ip.df = 0;
	check(gf_udp(&G.q, &G.link, &ip, sp, dp, pl, n));
}

/* Order of fragments on the wire. */
enum { FO_IN_ORDER, FO_REVERSE, FO_FIRST_ONLY, FO_DUP_MIDDLE };

/* A DNSKEY lookup by c at server s answered by a response fragmented for
 * mtu, its fragments written in `order`. */
static void dnskey_frag_lookup(const struct gaddr *c, const struct gaddr *s, const char *zone,
			       int nkeys, uint32_t mtu, int order, uint64_t dt)
{
	uint16_t port = eport(), id = rid();
	uint32_t n = dnskey_query(G.msg, id, zone);
	udp_out(c, s, port, 53, G.msg, n, dt);
	n = dnskey_answer(bigmsg, sizeof(bigmsg), id, zone, nkeys);
	if (n == 0)
		die("DNSKEY answer too large");
	build_udp(s, c, 53, port, bigmsg, n);
	uint32_t piece, nf = frag_count(&G.q, mtu, &piece), id6 = frag_id6++;
	uint64_t rtt = (9 + grng_below(&G.rng, 20)) * MS;
	for (uint32_t k = 0; k < nf; k++) {
		uint32_t f = order == FO_REVERSE ? nf - 1 - k : k;
		if (order == FO_FIRST_ONLY && f > 0)
			break; /* a filter on the path drops the later fragments */
		emit_frag(&G.q, piece, f, id6, k == 0 ? rtt : 40);
		if (order == FO_DUP_MIDDLE && f == nf / 2)
			emit_frag(&G.q, piece, f, id6, 25); /* seen twice (a span port) */
	}
}

static struct gaddr quad9(int v6)
{
	return v6 ? gaddr("2001:db8:53::9") : gaddr("9.9.9.9");
}

static const char *const SIGNED_ZONES[] = {
	"example.com", "example.org", "example.net", "corp.example", "ietf.org", "isc.org",
};

/* A validating resolver's DNSKEY lookups over IPv4 or IPv6: every answer
 * is fragmented (1500-byte Ethernet MTU for IPv4, the 1280-byte minimum
 * MTU for IPv6), one of them written last fragment first. */
static void dns_frag(int v6)
{
	G.now = v6 ? HMS(11, 10, 0) : HMS(11, 0, 0);
	background(8, 300 * MS);
	struct gaddr s = quad9(v6);
	for (int k = 0; k < 6; k++) {
		struct gaddr c = v6 ? gaddr6("2001:db8:0:1::", 0x20 + (uint64_t)k) : client(k + 1);
		dnskey_frag_lookup(&c, &s, SIGNED_ZONES[k], 5 + k % 3, v6 ? 1280 : 1500,
				   k == 3 ? FO_REVERSE : FO_IN_ORDER, 400 * MS);
		background(2, 300 * MS);
	}
	background(6, 300 * MS);
}

static void sc_dns_frag_v4(void)
{
	dns_frag(0);
}

static void sc_dns_frag_v6(void)
{
	dns_frag(1);
}

/* Overlapping fragments: a DNSKEY answer with a fragment seen twice (a
 * duplicate: reassembled all the same), a Teardrop-style IPv4 datagram
 * whose second fragment overlaps the first, and an IPv6 datagram whose
 * last fragment overlaps the one before (RFC 5722: discarded whole). */
static void sc_frag_overlap(void)
{
	G.now = HMS(11, 20, 0);
	background(8, 300 * MS);
	struct gaddr c = client(4), s = quad9(0);
	dnskey_frag_lookup(&c, &s, "example.com", 10, 1500, FO_DUP_MIDDLE, 300 * MS);
	background(3, 300 * MS);
	/* Teardrop (CVE-1999-0015 era): 36 bytes at 0 with MF, then 24 at 24 */
	struct gaddr atk = gaddr("203.0.113.66"), victim = gaddr("10.1.0.80");
	for (uint32_t i = 0; i < 64; i++)
		fragdata[i] = (uint8_t)(0x41 + i % 26);
	uint8_t *u = fragdata;
	u[0] = 0x04; u[1] = 0xd2; u[2] = 0x00; u[3] = 0x35; /* 1234 -> 53 */
	u[4] = 0x00; u[5] = 0x38; u[6] = 0; u[7] = 0;
	build_udp(&atk, &victim, 1234, 53, fragdata + 8, 48);
	check(gf_ip_frag(&G.fr, &G.q, 0, fragdata, 40, 1, 0));
	emit_frame(&G.fr, 200 * MS);
	check(gf_ip_frag(&G.fr, &G.q, 24, fragdata + 24, 24, 0, 0));
	emit_frame(&G.fr, 30);
	background(3, 300 * MS);
	/* IPv6: 1232 bytes at 0 with M, then the rest from 1224 (8 bytes over) */
	struct gaddr c6 = gaddr6("2001:db8:0:1::", 0x31), s6 = quad9(1);
	uint16_t port = eport(), id = rid();
	uint32_t n = dnskey_query(G.msg, id, "example.org");
	udp_out(&c6, &s6, port, 53, G.msg, n, 300 * MS);
	n = dnskey_answer(bigmsg, sizeof(bigmsg), id, "example.org", 5);
	build_udp(&s6, &c6, 53, port, bigmsg, n);
	uint32_t plen, id6 = frag_id6++;
	const uint8_t *p = gf_ip_payload(&G.q, &plen);
	check(gf_ip_frag(&G.fr, &G.q, 0, p, 1232, 1, id6));
	emit_frame(&G.fr, 11 * MS);
	check(gf_ip_frag(&G.fr, &G.q, 1224, p + 1224, plen - 1224, 0, id6));
	emit_frame(&G.fr, 40);
	background(6, 300 * MS);
}

/* Oversize: a ping of death (an ICMP echo request whose fragments add up
 * to 65540 bytes of data, more than an IPv4 datagram can hold), and an
 * IPv6 fragment that would end past 65535 bytes of payload. */
static void sc_frag_oversize(void)
{
	G.now = HMS(11, 30, 0);
	background(8, 300 * MS);
	struct gaddr atk = gaddr("203.0.113.66"), victim = gaddr("10.1.0.80");
	uint32_t total = 65540;
	memset(fragdata, 0x58, total);
	fragdata[0] = 8; /* echo request */
	fragdata[1] = 0;
	fragdata[2] = fragdata[3] = 0;
	fragdata[4] = 0x13; fragdata[5] = 0x37; fragdata[6] = 0; fragdata[7] = 1;
	struct gip ip = mkip(&atk, &victim, 0);
	ip.df = 0;
	check(gf_icmp(&G.q, &G.link, &ip, 8, 0, 0x13370001u, fragdata + 8, 1472));
	for (uint32_t off = 0; off < total; off += 1480) {
		uint32_t n = total - off < 1480 ? total - off : 1480;
		check(gf_ip_frag(&G.fr, &G.q, off, fragdata + off, n, off + n < total, 0));
		emit_frame(&G.fr, off ? 15 : 300 * MS);
	}
	background(4, 300 * MS);
	struct gaddr atk6 = gaddr("2001:db8:bad::66"), victim6 = gaddr6("2001:db8:0:1::", 0x80);
	struct gip ip6 = mkip(&atk6, &victim6, 0);
	check(gf_icmp(&G.q, &G.link, &ip6, 128, 0, 0x13370002u, fragdata + 8, 1224));
	uint32_t plen, id6 = frag_id6++;
	const uint8_t *p = gf_ip_payload(&G.q, &plen);
	check(gf_ip_frag(&G.fr, &G.q, 0, p, 1232, 1, id6));
	emit_frame(&G.fr, 300 * MS);
	check(gf_ip_frag(&G.fr, &G.q, 65528, fragdata, 200, 0, id6));
	emit_frame(&G.fr, 20);
	background(8, 300 * MS);
}

/* Fragments that never complete: a path that drops every fragment but
 * the first (a common firewall default), so DNSKEY answers never arrive
 * whole and the lookups are retried; and an IPv6 answer whose first
 * fragment is lost.  The capture runs past the 30 s of ipfrag.timeout. */
static void sc_frag_incomplete(void)
{
	G.now = HMS(11, 40, 0);
	background(6, 300 * MS);
	struct gaddr s = quad9(0);
	for (int k = 0; k < 3; k++) {
		struct gaddr c = client(k + 2);
		for (int a = 0; a < 2; a++)
			dnskey_frag_lookup(&c, &s, SIGNED_ZONES[k], 6, 1500, FO_FIRST_ONLY,
					   a ? 2 * SEC : 500 * MS);
		background(2, 300 * MS);
	}
	struct gaddr c6 = gaddr6("2001:db8:0:1::", 0x41), s6 = quad9(1);
	uint16_t port = eport(), id = rid();
	uint32_t n = dnskey_query(G.msg, id, "isc.org");
	udp_out(&c6, &s6, port, 53, G.msg, n, 300 * MS);
	n = dnskey_answer(bigmsg, sizeof(bigmsg), id, "isc.org", 6);
	build_udp(&s6, &c6, 53, port, bigmsg, n);
	uint32_t piece, nf = frag_count(&G.q, 1280, &piece), id6 = frag_id6++;
	for (uint32_t k = 1; k < nf; k++)
		emit_frag(&G.q, piece, k, id6, k == 1 ? 14 * MS : 40);
	for (int i = 0; i < 8; i++)
		background(3, 1500 * MS);
}

/* DNS over TCP in pieces (RFC 7766): answers larger than one segment (a
 * DNSKEY RRset cut at the 1448-byte MSS), a query whose 2-byte length
 * goes in a segment of its own, two pipelined queries in one segment
 * answered by two responses in one segment, and an answer whose segments
 * arrive out of order, one of them retransmitted. */
static void sc_dns_tcp_split(void)
{
	G.now = HMS(11, 50, 0);
	background(6, 300 * MS);
	struct gaddr r = resolver();
	for (int k = 0; k < 6; k++) {
		struct gaddr c = client(k + 1);
		struct tconn t;
		tconn_init(&t, &c, eport(), &r, 53);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 400 * MS);
		tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, 400);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 60);
		const char *zone = SIGNED_ZONES[k];
		uint16_t id = rid(), id2 = rid();
		uint32_t n = dnskey_query(G.msg, id, zone);
		if (k == 1) {
			/* the length, then the message, in two writes */
			payload[0] = (uint8_t)(n >> 8);
			payload[1] = (uint8_t)n;
			tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, payload, 2, 50);
			tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, G.msg, n, 30);
		} else if (k == 2) {
			/* pipelined: DNSKEY and an A query in one segment */
			uint32_t n2 = dns_query(G.msg2, id2, zone, T_A, 1);
			payload[0] = (uint8_t)(n >> 8);
			payload[1] = (uint8_t)n;
			memcpy(payload + 2, G.msg, n);
			payload[2 + n] = (uint8_t)(n2 >> 8);
			payload[3 + n] = (uint8_t)n2;
			memcpy(payload + 4 + n, G.msg2, n2);
			tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, payload, n + n2 + 4, 50);
		} else {
			dns_tcp_seg(&t, 0, G.msg, n, 50);
		}
		tcp_seg(&t, 1, GTCP_ACK, NULL, 0, 300);
		n = dnskey_answer(bigmsg + 2, sizeof(bigmsg) - 2, id, zone, k == 2 ? 2 : 7);
		bigmsg[0] = (uint8_t)(n >> 8);
		bigmsg[1] = (uint8_t)n;
		uint32_t total = n + 2;
		if (k == 2) {
			/* both answers in one segment */
			uint32_t n2 = dns_answer(G.msg2, id2, zone, T_A, DNS_NOERROR, 1);
			bigmsg[total] = (uint8_t)(n2 >> 8);
			bigmsg[total + 1] = (uint8_t)n2;
			memcpy(bigmsg + total + 2, G.msg2, n2);
			total += n2 + 2;
			tcp_seg(&t, 1, GTCP_PSH | GTCP_ACK, bigmsg, total, 8 * MS);
		} else if (k == 1) {
			tcp_seg(&t, 1, GTCP_PSH | GTCP_ACK, bigmsg, total, 8 * MS);
		} else if (k == 4) {
			/* segments 2 and 1 swapped on the wire, then 1 again */
			uint32_t base = t.sseq, a = 1448, b = total - 1448 < 1448 ? total - 1448 : 1448;
			t.sseq = base + a;
			tcp_seg(&t, 1, GTCP_ACK, bigmsg + a, b, 8 * MS);
			t.sseq = base;
			tcp_seg(&t, 1, GTCP_ACK, bigmsg, a, 60);
			t.sseq = base;
			tcp_seg(&t, 1, GTCP_ACK, bigmsg, a, 200 * MS);
			t.sseq = base + a + b;
			if (a + b < total)
				tcp_seg(&t, 1, GTCP_PSH | GTCP_ACK, bigmsg + a + b, total - a - b, 60);
		} else {
			for (uint32_t off = 0; off < total; off += 1448) {
				uint32_t m = total - off < 1448 ? total - off : 1448;
				tcp_seg(&t, 1, (uint8_t)(GTCP_ACK | (off + m == total ? GTCP_PSH : 0)),
					bigmsg + off, m, off ? 60 : 8 * MS);
			}
		}
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 60);
		tcp_seg(&t, 0, GTCP_FIN | GTCP_ACK, NULL, 0, 200);
		tcp_seg(&t, 1, GTCP_FIN | GTCP_ACK, NULL, 0, 400);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 60);
		background(2, 300 * MS);
	}
}

/* ---- the benchmark mix: many concurrent flows, streamed ---- */

enum { POOL = 256, RECENT = 64 };

enum flow_kind { FK_DNS, FK_TCP, FK_ICMP, FK_UDP };

struct mflow {
	int kind;
	int step;
	int steps;               /* packets in this flow */
	struct tconn t;
	uint16_t id, qtype;
	int rcode;               /* -1: never answered */
	int nreq, reqi;
	uint32_t req[2], resp[2]; /* TCP: request and answer sizes */
	uint32_t left;           /* TCP: bytes of the current answer to send */
	int rst;
	int closing;             /* TCP: close handshake step */
	uint32_t name;           /* DNS name number */
};

struct mix {
	struct mflow pool[POOL];
	struct gframe recent[RECENT];  /* recent client datagrams, for ICMP quotes */
	uint64_t nrecent;
	uint64_t count[4];
};

static void mix_name(char *out, size_t cap, uint32_t n, int random_label)
{
	static const char *const zones[] = {"example.com", "example.net", "example.org",
					    "corp.example", "cdn.example.net", "shop.example.com"};
	static const char *const hosts[] = {"www", "api", "mail", "img", "static", "login",
					    "m", "cdn", "news", "app"};
	if (random_label) {
		snprintf(out, cap, "q%08x.%s", n * 2654435761u, zones[n % 6]);
		return;
	}
	snprintf(out, cap, "%s%u.%s", hosts[n % 10], (n / 10) % 500, zones[(n / 7) % 6]);
}

/* About 40,000 clients and 45,000 servers, spread over 31 values of the first
 * octet and the low bits of the second, as in the measurements of
 * the project's performance notes (tcpdump's name cache hashes on those
 * bits, so its cost depends on them). */
enum { MIX_CLIENTS = 40000, MIX_SERVERS = 45000 };

/* --clients N: draw clients from N addresses instead (the bounded-memory
 * benchmark: millions of distinct clients, flows and lookups).  Clients
 * past the first 40,000 get addresses of their own, 10.16.0.0 upwards
 * and 2001:db8:1::/64. */
static uint32_t mix_clients = MIX_CLIENTS;

static struct gaddr mix_client(uint32_t n, int v6)
{
	if (n >= MIX_CLIENTS) {
		uint32_t k = n - MIX_CLIENTS;
		if (v6)
			return gaddr6("2001:db8:1::", 1 + (uint64_t)k);
		return gaddr4(0x0a100000u + k % 0xf0000000u);
	}
	if (v6)
		return gaddr6("2001:db8:0:1::", 0x1000 + n % 8000);
	return gaddr4(0x0a000000u + 0x10000u * (n % 16) + 0x100u * ((n / 16) % 250) + 10 +
		      (n / 4000) % 10);
}

static struct gaddr mix_server(uint32_t n, int v6)
{
	if (v6)
		return gaddr6("2001:db8:80::", 0x100 + n % 9000);
	uint32_t low = 0x100u * ((n / 16) % 256) + 1 + (n / 4096) % 254;
	if (n & 1)
		return gaddr4(0xc6000000u + 0x10000u * (16 + (n / 2) % 8) + low); /* 198.16-23.x.x */
	return gaddr4(0xcb000000u + 0x10000u * ((n / 2) % 7) + low);          /* 203.0-6.x.x */
}

static void mix_remember(struct mix *m, const struct gframe *f)
{
	struct gframe *r = &m->recent[m->nrecent++ % RECENT];
	uint32_t keep = f->len < 600 ? f->len : 600;
	memcpy(r->b, f->b, keep);
	r->l3off = f->l3off;
	r->l3len = keep - f->l3off;
	r->len = keep;
}

static void mflow_new(struct mix *m, struct mflow *f)
{
	/* Pick the kind furthest below its share of packets. */
	static const uint32_t share[4] = {450, 450, 50, 50};
	int kind = 0;
	double worst = 1e30;
	for (int k = 0; k < 4; k++) {
		double r = (double)(m->count[k] + 1) / share[k];
		if (r < worst) {
			worst = r;
			kind = k;
		}
	}
	if (kind == FK_ICMP && m->nrecent == 0)
		kind = FK_DNS;
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	uint32_t cn = grng_below(&G.rng, mix_clients), sn = grng_below(&G.rng, MIX_SERVERS);
	int v6 = grng_chance(&G.rng, 100);
	struct gaddr c = mix_client(cn, v6), s = mix_server(sn, v6);
	uint16_t cport = eport();
	switch (kind) {
	case FK_DNS: {
		uint32_t x = grng_below(&G.rng, 1000);
		f->rcode = x < 880 ? DNS_NOERROR : x < 950 ? DNS_NXDOMAIN : x < 970 ? DNS_SERVFAIL : -1;
		f->qtype = grng_chance(&G.rng, 250) ? T_AAAA : grng_chance(&G.rng, 30) ? T_TXT : T_A;
		f->id = rid();
		f->name = grng_below(&G.rng, 50000);
		s = v6 ? gaddr6("2001:db8:0:53::", 1 + sn % 4) : gaddr4(0x0a000035u + 0x10000u * (sn % 16));
		tconn_init(&f->t, &c, cport, &s, 53);
		f->steps = 2; /* query and answer, or query and retry */
		break;
	}
	case FK_TCP:
		tconn_init(&f->t, &c, cport, &s, grng_chance(&G.rng, 800) ? 443 : 80);
		f->nreq = 1 + (int)grng_below(&G.rng, 2);
		f->rst = grng_chance(&G.rng, 100);
		f->steps = 3 + (f->rst ? 1 : 3);
		for (int i = 0; i < f->nreq; i++) {
			f->req[i] = 150 + grng_below(&G.rng, 400);
			f->resp[i] = 200 + grng_below(&G.rng, 3600);
			f->steps += 1 + (int)((f->resp[i] + 1447) / 1448);
		}
		break;
	case FK_ICMP:
		f->steps = 1;
		break;
	default:
		tconn_init(&f->t, &c, cport, &s, grng_chance(&G.rng, 500) ? 123 : 514);
		f->steps = f->t.sport == 123 ? 2 : 1;
		break;
	}
	/* Count the packets when planned, so that the pool keeps the shares. */
	m->count[kind] += (uint64_t)f->steps;
}

/* Writes the flow's next packet; returns 0 when the flow is over. */
static int mflow_step(struct mix *m, struct mflow *f, uint64_t dt)
{
	struct tconn *t = &f->t;
	char name[128];
	switch (f->kind) {
	case FK_DNS: {
		mix_name(name, sizeof(name), f->name, f->rcode == DNS_NXDOMAIN && (f->name & 1));
		uint32_t n;
		if (f->step == 0 || f->rcode < 0) {
			n = dns_query(G.msg, f->id, name, f->qtype, 1);
			udp_out(&t->c, &t->s, t->cport, 53, G.msg, n, dt);
			mix_remember(m, &G.fr);
		} else {
			n = dns_answer(G.msg, f->id, name, f->qtype, f->rcode, 1);
			udp_out(&t->s, &t->c, 53, t->cport, G.msg, n, dt);
		}
		return ++f->step < f->steps;
	}
	case FK_TCP: {
		int st = f->step++;
		if (st == 0) {
			tcp_seg(t, 0, GTCP_SYN, NULL, 0, dt);
			mix_remember(m, &G.fr);
			return 1;
		}
		if (st == 1) {
			tcp_seg(t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, dt);
			return 1;
		}
		if (st == 2) {
			tcp_seg(t, 0, GTCP_ACK, NULL, 0, dt);
			return 1;
		}
		if (f->reqi < f->nreq) {
			if (f->left == 0) {
				tcp_seg(t, 0, GTCP_PSH | GTCP_ACK, payload, f->req[f->reqi], dt);
				f->left = f->resp[f->reqi];
				return 1;
			}
			uint32_t n = f->left > 1448 ? 1448 : f->left;
			f->left -= n;
			tcp_seg(t, 1, (uint8_t)(GTCP_ACK | (f->left ? 0 : GTCP_PSH)), payload, n, dt);
			if (f->left == 0)
				f->reqi++;
			return 1;
		}
		if (f->rst) {
			tcp_seg(t, 0, GTCP_RST | GTCP_ACK, NULL, 0, dt);
			return 0;
		}
		/* FIN from the client, FIN from the server, last ACK. */
		switch (f->closing++) {
		case 0:
			tcp_seg(t, 0, GTCP_FIN | GTCP_ACK, NULL, 0, dt);
			return 1;
		case 1:
			tcp_seg(t, 1, GTCP_FIN | GTCP_ACK, NULL, 0, dt);
			return 1;
		default:
			tcp_seg(t, 0, GTCP_ACK, NULL, 0, dt);
			return 0;
		}
	}
	case FK_ICMP: {
		uint32_t back = m->nrecent < RECENT ? (uint32_t)m->nrecent : RECENT;
		uint64_t pick = m->nrecent - 1 - grng_below(&G.rng, back);
		const struct gframe *o = &m->recent[pick % RECENT];
		memcpy(G.q.b, o->b, o->len);
		G.q.len = o->len;
		G.q.l3off = o->l3off;
		G.q.l3len = o->l3len;
		const uint8_t *h = o->b + o->l3off;
		struct gaddr src, dst;
		memset(&src, 0, sizeof(src));
		memset(&dst, 0, sizeof(dst));
		if ((h[0] >> 4) == 6) {
			src.v6 = dst.v6 = 1;
			memcpy(src.a, h + 8, 16);
			memcpy(dst.a, h + 24, 16);
		} else {
			memcpy(src.a, h + 12, 4);
			memcpy(dst.a, h + 16, 4);
		}
		uint32_t x = grng_below(&G.rng, 10);
		if (src.v6) {
			icmp_about_q(&dst, &src, 1, x < 6 ? 4 : 3, 0, 0, dt);
		} else if (x < 5) {
			icmp_about_q(&dst, &src, 3, 3, 0, 0, dt);
		} else {
			struct gaddr rtr = gaddr4(0xc0000200u + 1 + x);
			icmp_about_q(&rtr, &src, x < 8 ? 3 : 11, x < 7 ? 1 : x < 8 ? 13 : 0, 0, 0, dt);
		}
		return 0;
	}
	default: {
		if (t->sport == 123) {
			uint8_t ntp[48];
			memset(ntp, 0, sizeof(ntp));
			ntp[0] = f->step ? 0x24 : 0x23;
			if (f->step)
				udp_out(&t->s, &t->c, 123, 123, ntp, 48, dt);
			else
				udp_out(&t->c, &t->s, 123, 123, ntp, 48, dt);
			return ++f->step < f->steps;
		}
		static const char msg[] = "<134>Jul 16 10:00:00 fw01 kernel: accepted connection";
		udp_out(&t->c, &t->s, t->cport, 514, (const uint8_t *)msg, sizeof(msg) - 1, dt);
		return 0;
	}
	}
}

/* ---- diagnosis scenarios: the evidence decides the cause ---- */

/* Rewrites the TTL of the IPv4 datagram in G.q (and its checksum): the
 * datagram as a router further on saw it. */
static void q_set_ttl(uint8_t ttl)
{
	uint8_t *h = G.q.b + G.q.l3off;
	h[8] = ttl;
	h[10] = h[11] = 0;
	uint32_t sum = 0;
	for (int i = 0; i < 20; i += 2)
		sum += (uint32_t)h[i] << 8 | h[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	h[10] = (uint8_t)(~sum >> 8);
	h[11] = (uint8_t)~sum;
}

/* A sandbox whose gateway answers DNS to a public resolver with ICMP
 * port unreachable in the resolver's name: the errors come within a
 * millisecond, one hop away, quoting the query after one hop. */
static void sc_dns_forged_icmp(void)
{
	G.now = HMS(11, 0, 0);
	struct gaddr c = gaddr("192.168.7.7"), pub = gaddr("8.8.8.8");
	static const char *const names[] = {"www.example.com", "update.example.org",
					    "telemetry.example.net"};
	for (int k = 0; k < 9; k++) {
		const char *nm = names[k % 3];
		uint32_t n = dns_query(G.msg, rid(), nm, k % 2 ? T_AAAA : T_A, 1);
		q_udp(&c, &pub, eport(), 53, G.msg, n, 64, 1 * SEC + grng_below(&G.rng, 900000));
		q_set_ttl(63);
		icmp_about_q(&pub, &c, 3, 3, 0, 63, 400 + grng_below(&G.rng, 500));
	}
}

/* The primary resolver rejects every query (its daemon is down); the
 * clients fall back to the secondary, which answers a second later. */
static void sc_dns_failover(void)
{
	G.now = HMS(11, 10, 0);
	struct gaddr prim = gaddr("10.1.0.53"), sec = gaddr("10.1.0.54");
	for (int k = 0; k < 6; k++) {
		struct gaddr c = client(k);
		const char *nm = NAMES[k % NNAMES];
		uint16_t id = rid(), port = eport();
		uint32_t n = dns_query(G.msg, id, nm, T_A, 1);
		q_udp(&c, &prim, port, 53, G.msg, n, 64, 800 * MS);
		icmp_about_q(&prim, &c, 3, 3, 0, 64, 600);
		/* the stub resolver's next server, after its timeout */
		dns_exchange(&c, eport(), &sec, rid(), nm, T_A, DNS_NOERROR, 8 * MS, 1 * SEC);
		struct gaddr s = web((uint32_t)k);
		tcp_session(&c, &s, 443, 1, 15 * MS, 0, 20 * MS);
	}
}

/* dig against a resolver that answers nothing: the same id and port
 * resent, then other names; no ICMP, no answer. */
static void sc_dns_silent(void)
{
	G.now = HMS(11, 20, 0);
	struct gaddr c = client(5), dead = gaddr("10.1.0.55");
	for (int k = 0; k < 3; k++) {
		uint16_t id = rid(), port = eport();
		const char *nm = NAMES[k + 3];
		for (int a = 0; a < 3; a++)
			dns_exchange(&c, port, &dead, id, nm, T_A, -1, 0, a ? 5 * SEC : 2 * SEC);
	}
	G.now += 10 * SEC;
	dns_exchange(&c, eport(), &dead, rid(), "last.example.com", T_A, -1, 0, 0);
}

/* A home router's DNS forwarder answers A and PTR but drops SRV. */
static void sc_dns_srv_unanswered(void)
{
	G.now = HMS(11, 30, 0);
	struct gaddr c = client(2), fw = gaddr("10.1.0.1");
	for (int k = 0; k < 6; k++) {
		uint16_t id = rid(), port = eport();
		for (int a = 0; a < 3; a++) {
			uint32_t n = dns_query(G.msg, id, "_sip._udp.voip.example.com", T_SRV, 0);
			udp_out(&c, &fw, port, 53, G.msg, n, a ? 2 * SEC : 3 * SEC);
		}
		dns_exchange(&c, eport(), &fw, rid(), "voip.example.com", T_A, DNS_NOERROR,
			     2 * MS, 500 * MS);
		dns_exchange(&c, eport(), &fw, rid(), "1.0.1.10.in-addr.arpa", T_PTR, DNS_NOERROR,
			     1 * MS, 100 * MS);
	}
}

/* A link in an e-mail points at a name that does not exist: A and AAAA,
 * each retried, NXDOMAIN every time. */
/* NXDOMAIN for one name, A and AAAA, retried; soa: the owner of the SOA
 * in the authority section ("com": the domain is not registered). */
static void name_error(const char *name, const char *soa)
{
	G.now = HMS(11, 40, 0);
	background(6, 300 * MS);
	struct gaddr c = client(4), r = resolver();
	G.nx_soa = soa;
	for (int a = 0; a < 3; a++) {
		dns_exchange(&c, eport(), &r, rid(), name, T_A, DNS_NXDOMAIN, 25 * MS,
			     a ? 2 * SEC : 300 * MS);
		dns_exchange(&c, eport(), &r, rid(), name, T_AAAA, DNS_NXDOMAIN, 24 * MS, 2 * MS);
	}
	G.nx_soa = NULL;
	background(6, 300 * MS);
}

/* A typo in the domain: the registry's SOA (com) says exmaple.com is not
 * registered. */
static void sc_dns_name_error(void)
{
	name_error("portal.exmaple.com", "com");
}

/* A host removed from a zone that exists: the zone's own SOA. */
static void sc_dns_name_error_host(void)
{
	name_error("intranet-old.example.com", "example.com");
}

/* A resolver answering in 0.5 to 1.5 s, some after the client retried. */
static void sc_dns_slow(void)
{
	G.now = HMS(11, 50, 0);
	struct gaddr r = gaddr("10.1.0.56");
	for (int k = 0; k < 20; k++) {
		struct gaddr c = client((int)grng_below(&G.rng, 12));
		const char *nm = NAMES[grng_below(&G.rng, NNAMES)];
		uint64_t rtt = 500 * MS + grng_below(&G.rng, 1000000);
		dns_exchange(&c, eport(), &r, rid(), nm, T_A, DNS_NOERROR, rtt, 300 * MS);
	}
}

/* A middlebox races a forged RST to the client 200 ms after its SYN (with
 * its own TTL); the server's SYN-ACK comes a second later and the client
 * goes on. */
static void sc_tcp_rst_inject(void)
{
	G.now = HMS(12, 0, 0);
	background(6, 300 * MS);
	struct gaddr s = gaddr("203.0.113.80");
	for (int k = 0; k < 3; k++) {
		struct gaddr c = client(k + 1);
		struct tconn t;
		tconn_init(&t, &c, eport(), &s, 443);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 400 * MS);
		/* the forged RST: another distance than the server's packets */
		struct gip ip = mkip(&s, &c, 46);
		struct gtcp h;
		memset(&h, 0, sizeof(h));
		h.sport = 443;
		h.dport = t.cport;
		h.ack = t.cseq;
		h.flags = GTCP_RST | GTCP_ACK;
		check(gf_tcp(&G.fr, &G.link, &ip, &h, NULL, 0));
		emit_frame(&G.fr, 200 * MS);
		/* the server's own answer (TTL 57 from mkip), and the session */
		tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, 1 * SEC);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 80);
		tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, payload, 300, 300);
		tcp_seg(&t, 1, GTCP_ACK, NULL, 0, 20 * MS);
		background(2, 300 * MS);
	}
}

/* One workstation's connections to the outside get no answer at all
 * (its egress is dropped); the others browse normally. */
static void sc_tcp_egress_blocked(void)
{
	G.now = HMS(12, 10, 0);
	background(10, 300 * MS);
	struct gaddr c = client(30); /* not one of the background clients */
	for (int k = 0; k < 6; k++) {
		struct gaddr s = gaddr4(0xcb007100u + 100 + (uint32_t)k * 7); /* 203.0.113.x */
		struct tconn t;
		tconn_init(&t, &c, eport(), &s, k % 3 ? 443 : 80);
		uint64_t rto = SEC;
		for (int a = 0; a < 3; a++) {
			tcp_seg(&t, 0, GTCP_SYN, NULL, 0, a ? rto : 400 * MS);
			t.cseq--; /* a retransmission: the same sequence number */
			if (a)
				rto *= 2;
		}
		background(2, 300 * MS);
	}
}

/* A capture that sees only what the client sends (one direction of a
 * span port): SYNs, then ACKs and data, never the server's packets. */
static void sc_one_sided(void)
{
	G.now = HMS(12, 20, 0);
	struct gaddr c = client(3);
	for (int k = 0; k < 5; k++) {
		struct gaddr s = web((uint32_t)k * 11);
		struct tconn t;
		tconn_init(&t, &c, eport(), &s, 443);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 500 * MS);
		t.sseq++; /* the SYN-ACK the capture does not show */
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 30 * MS);
		tcp_seg(&t, 0, GTCP_PSH | GTCP_ACK, payload, 400, 300);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 40 * MS);
		tcp_seg(&t, 0, GTCP_FIN | GTCP_ACK, NULL, 0, 100 * MS);
	}
}

/* Backscatter: a victim whose address was spoofed toward many memcached
 * servers gets their ICMP errors, for datagrams it never sent. */
static void sc_icmp_backscatter(void)
{
	G.now = HMS(12, 30, 0);
	struct gaddr victim = gaddr("198.51.100.99");
	static const uint8_t req[] = "\0\x01\0\0\0\x01\0\0stats\r\n";
	for (int k = 0; k < 40; k++) {
		struct gaddr refl = gaddr4(0xcb007100u + 10 + (uint32_t)k); /* 203.0.113.x */
		struct gip ip = mkip(&victim, &refl, 64);
		check(gf_udp(&G.q, &G.link, &ip, (uint16_t)(40000 + k), 11211, req, sizeof(req) - 1));
		q_set_ttl(50); /* as it arrived at the reflector */
		icmp_about_q(&refl, &victim, 3, 3, 0, 55, 20 * MS + grng_below(&G.rng, 30000));
	}
}

static void sc_mix(void)
{
	static struct mix m;
	G.now = HMS(11, 0, 0);
	for (uint32_t i = 0; i < sizeof(payload); i++)
		payload[i] = (uint8_t)(grng_next(&G.rng) >> 24);
	for (int i = 0; i < POOL; i++)
		mflow_new(&m, &m.pool[i]);
	uint64_t total = 0;
	while (total < G.max_packets) {
		struct mflow *f = &m.pool[grng_below(&G.rng, POOL)];
		if (!mflow_step(&m, f, 5 + grng_below(&G.rng, 90)))
			mflow_new(&m, f);
		total++;
	}
}

/* ---- the attack corpus (tests/data/attacks): attacks and hard negatives ---- */

static void rand_label(char *out, int len, const char *alphabet)
{
	size_t n = strlen(alphabet);
	for (int i = 0; i < len; i++)
		out[i] = alphabet[grng_below(&G.rng, (uint32_t)n)];
	out[len] = '\0';
}

static const char B32[] = "abcdefghijklmnopqrstuvwxyz012345";
static const char HEX[] = "0123456789abcdef";
static const char ALNUM[] = "abcdefghijklmnopqrstuvwxyz0123456789";

static void dns_q_only(const struct gaddr *c, uint16_t cport, const struct gaddr *s, uint16_t id,
		       const char *name, uint16_t qtype, uint64_t dt)
{
	uint32_t n = dns_query(G.msg, id, name, qtype, 1);
	udp_out(c, s, cport, 53, G.msg, n, dt);
}

/* A response carrying `ntxt` TXT strings of `len` random characters. */
static void dns_txt_answer(const struct gaddr *s, const struct gaddr *c, uint16_t cport,
			   uint16_t id, const char *name, uint16_t qtype, int ntxt, int len,
			   uint64_t dt)
{
	struct dnsb d;
	char txt[8][256];
	const char *tp[8];
	if (ntxt > 8)
		ntxt = 8;
	for (int i = 0; i < ntxt; i++) {
		rand_label(txt[i], len > 250 ? 250 : len, ALNUM);
		tp[i] = txt[i];
	}
	dnsb_init(&d, G.msg, sizeof(G.msg), id, DNS_QR | DNS_RD | DNS_RA);
	dnsb_question(&d, name, qtype);
	dnsb_txt(&d, DNS_SEC_AN, name, 0, tp, ntxt);
	dnsb_opt(&d, 4096, 0, 0);
	udp_out(s, c, 53, cport, G.msg, dnsb_finish(&d), dt);
}

/* iodine-like: NULL questions with base32 labels under t.pipe-tunnel.net. */
static void sc_tunnel_iodine(void)
{
	G.now = HMS(11, 0, 0);
	struct gaddr c = client(23), r = resolver();
	background(15, 300 * MS);
	for (int k = 0; k < 160; k++) {
		char l1[64], l2[64], nm[200];
		rand_label(l1, 52, B32);
		rand_label(l2, 40, B32);
		snprintf(nm, sizeof(nm), "p%s.%s.t.pipe-tunnel.net", l1, l2);
		uint16_t port = eport(), id = rid();
		dns_q_only(&c, port, &r, id, nm, 10, 60 * MS + grng_below(&G.rng, 40000));
		struct dnsb d;
		dnsb_init(&d, G.msg, sizeof(G.msg), id, DNS_QR | DNS_RD | DNS_RA);
		dnsb_question(&d, nm, 10);
		char data[64];
		rand_label(data, 60, B32);
		dnsb_name_rr(&d, DNS_SEC_AN, nm, 10, 0, data);
		udp_out(&r, &c, 53, port, G.msg, dnsb_finish(&d), 20 * MS);
		if (k % 20 == 0)
			background(2, 200 * MS);
	}
	background(10, 300 * MS);
}

/* dnscat-like: TXT questions with hex labels, TXT answers with hex data. */
static void sc_tunnel_dnscat(void)
{
	G.now = HMS(11, 10, 0);
	struct gaddr c = client(31), r = resolver();
	background(15, 300 * MS);
	for (int k = 0; k < 140; k++) {
		char l1[64], l2[64], nm[200];
		rand_label(l1, 60, HEX);
		rand_label(l2, 30, HEX);
		snprintf(nm, sizeof(nm), "%s.%s.c2-updates.com", l1, l2);
		uint16_t port = eport(), id = rid();
		uint16_t qt = k % 4 == 3 ? T_CNAME : T_TXT;
		dns_q_only(&c, port, &r, id, nm, qt, 120 * MS + grng_below(&G.rng, 80000));
		dns_txt_answer(&r, &c, port, id, nm, qt, 1, 120, 25 * MS);
		if (k % 20 == 0)
			background(2, 200 * MS);
	}
	background(10, 300 * MS);
}

/* An infected host probing generated names: NXDOMAIN after NXDOMAIN. */
static void sc_dga_host(void)
{
	G.now = HMS(11, 20, 0);
	struct gaddr bot = client(47), r = resolver();
	static const char *const tld[] = {"com", "net", "org", "info", "ru"};
	background(12, 300 * MS);
	for (int k = 0; k < 120; k++) {
		char lab[32], nm[64];
		rand_label(lab, 10 + (int)grng_below(&G.rng, 8), "abcdefghijklmnopqrstuvwxyz");
		snprintf(nm, sizeof(nm), "%s.%s", lab, tld[grng_below(&G.rng, 5)]);
		uint16_t port = eport(), id = rid();
		dns_exchange(&bot, port, &r, id, nm, T_A, DNS_NXDOMAIN,
			     (15 + grng_below(&G.rng, 50)) * MS, 200 * MS + grng_below(&G.rng, 90000));
		if (k % 15 == 0)
			background(2, 200 * MS);
	}
	background(8, 300 * MS);
}

/* Water torture: random prefixes under one victim domain from many
 * clients through the resolver, NXDOMAIN / SERVFAIL / no answer. */
static void sc_water_torture(void)
{
	G.now = HMS(11, 30, 0);
	struct gaddr r = resolver();
	background(15, 300 * MS);
	for (int k = 0; k < 900; k++) {
		struct gaddr c = gaddr4(0x0a010100u + 10 + grng_below(&G.rng, 40)); /* 10.1.1.x */
		char lab[24], nm[80];
		rand_label(lab, 8 + (int)grng_below(&G.rng, 6), ALNUM);
		snprintf(nm, sizeof(nm), "%s.www.victim-shop.com", lab);
		uint16_t port = eport(), id = rid();
		uint32_t x = grng_below(&G.rng, 100);
		int rc = x < 60 ? DNS_NXDOMAIN : x < 85 ? DNS_SERVFAIL : -1;
		dns_exchange(&c, port, &r, id, nm, T_A, rc, 1 * MS + grng_below(&G.rng, 2000),
			     2 * MS + grng_below(&G.rng, 2000));
	}
	background(10, 300 * MS);
}

/* Reflection: large ANY/TXT answers from open resolvers to a victim that
 * sent no queries (spoofed-source queries elsewhere). */
static void sc_amplification(void)
{
	G.now = HMS(11, 40, 0);
	struct gaddr victim = gaddr("10.1.0.99");
	background(10, 300 * MS);
	for (int k = 0; k < 160; k++) {
		struct gaddr refl = gaddr4(0xcb007100u + 20 + grng_below(&G.rng, 40)); /* 203.0.113.x */
		uint16_t qt = k % 3 ? 255 : T_TXT;
		dns_txt_answer(&refl, &victim, (uint16_t)(1024 + grng_below(&G.rng, 60000)), rid(),
			       "isc-example.org", qt, 5, 230, 8 * MS + grng_below(&G.rng, 8000));
		if (k % 40 == 0)
			background(2, 200 * MS);
	}
	background(8, 300 * MS);
}

/* A flood of queries from many sources; the resolver stops answering and
 * the office's own lookups time out. */
static void sc_dns_flood(void)
{
	G.now = HMS(11, 50, 0);
	struct gaddr r = resolver();
	background(30, 500 * MS);
	for (int s = 0; s < 4; s++) {
		uint64_t t0 = G.now;
		for (int k = 0; k < 600; k++) {
			struct gaddr src = gaddr4(0xc6120000u + grng_below(&G.rng, 60000)); /* 198.18/15 */
			const char *nm = NAMES[grng_below(&G.rng, NNAMES)];
			dns_q_only(&src, eport(), &r, rid(), nm, 255, 1600);
			if (k % 150 == 0) {
				struct gaddr c = client((int)grng_below(&G.rng, 12));
				dns_q_only(&c, eport(), &r, rid(), NAMES[grng_below(&G.rng, NNAMES)],
					   T_A, 100);
			}
		}
		G.now = t0 + SEC;
	}
	G.now += 6 * SEC;
	background(10, 300 * MS);
}

/* Echo requests at flood rate from a few hosts. */
static void sc_icmp_flood(void)
{
	G.now = HMS(12, 0, 0);
	struct gaddr v = gaddr("10.1.0.80");
	background(20, 400 * MS);
	uint8_t body[56];
	memset(body, 0x42, sizeof(body));
	for (int s = 0; s < 3; s++) {
		uint64_t t0 = G.now;
		for (int k = 0; k < 600; k++) {
			struct gaddr src = gaddr4(0xcb007100u + 200 + (uint32_t)(k % 5));
			struct gip ip = mkip(&src, &v, 0);
			check(gf_icmp(&G.fr, &G.link, &ip, 8, 0, (uint32_t)(7 + k % 5) << 16 | (uint32_t)k,
				      body, 56));
			emit_frame(&G.fr, 1600);
		}
		G.now = t0 + SEC;
	}
	background(10, 300 * MS);
}

/* SYNs from random (spoofed) sources to a web server; few SYN-ACKs. */
static void sc_syn_flood(void)
{
	G.now = HMS(12, 10, 0);
	struct gaddr v = gaddr("10.1.0.80");
	background(20, 400 * MS);
	for (int s = 0; s < 4; s++) {
		uint64_t t0 = G.now;
		for (int k = 0; k < 400; k++) {
			struct gaddr src = gaddr4(0x64400000u + grng_below(&G.rng, 4000000)); /* 100.64/10 */
			struct tconn t;
			tconn_init(&t, &src, eport(), &v, 443);
			tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 2400);
			if (k % 10 == 0)
				tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, 100);
		}
		G.now = t0 + SEC;
	}
	background(10, 300 * MS);
}

/* One host trying 60 ports of another: closed ports answer RST, a few are open. */
static void sc_port_scan(void)
{
	G.now = HMS(12, 20, 0);
	struct gaddr sc = client(66), v = gaddr("10.1.0.80");
	background(10, 300 * MS);
	static const uint16_t open_ports[] = {22, 80, 443};
	for (int k = 0; k < 60; k++) {
		uint16_t port = (uint16_t)(k < 3 ? open_ports[k] : 1000 + k * 37);
		struct tconn t;
		tconn_init(&t, &sc, 40000 + 1, &v, port);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 3 * MS + grng_below(&G.rng, 2000));
		if (k < 3) {
			tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, 300);
			tcp_seg(&t, 0, GTCP_RST, NULL, 0, 50);
		} else {
			t.sseq = 0;
			tcp_seg(&t, 1, GTCP_RST | GTCP_ACK, NULL, 0, 300);
		}
	}
	background(10, 300 * MS);
}

/* Ping sweep of a /24, a third of the hosts answering. */
static void sc_ping_sweep(void)
{
	G.now = HMS(12, 30, 0);
	struct gaddr sc = client(66);
	background(10, 300 * MS);
	uint8_t body[56];
	memset(body, 0, sizeof(body));
	for (int k = 1; k <= 60; k++) {
		struct gaddr d = gaddr4(0x0a010200u + (uint32_t)k); /* 10.1.2.k */
		struct gip ip = mkip(&sc, &d, 0);
		check(gf_icmp(&G.fr, &G.link, &ip, 8, 0, 0x3131u << 16 | (uint32_t)k, body, 56));
		emit_frame(&G.fr, 20 * MS);
		if (k % 3 == 0) {
			ip = mkip(&d, &sc, 0);
			check(gf_icmp(&G.fr, &G.link, &ip, 0, 0, 0x3131u << 16 | (uint32_t)k, body, 56));
			emit_frame(&G.fr, 400);
		}
	}
	background(10, 300 * MS);
}

/* Horizontal scan: SMB (445) on 50 hosts, mostly filtered, some closed. */
static void sc_horizontal_scan(void)
{
	G.now = HMS(12, 40, 0);
	struct gaddr sc = client(66);
	background(10, 300 * MS);
	for (int k = 1; k <= 50; k++) {
		struct gaddr d = gaddr4(0x0a010300u + (uint32_t)k); /* 10.1.3.k */
		struct tconn t;
		tconn_init(&t, &sc, eport(), &d, 445);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 30 * MS);
		if (k % 4 == 0) {
			t.sseq = 0;
			tcp_seg(&t, 1, GTCP_RST | GTCP_ACK, NULL, 0, 400);
		}
	}
	G.now += 5 * SEC;
	background(10, 300 * MS);
}

/* A resolver seen from its own port: many clients, popular names, steady rate. */
static void resolver_load(int nclients, int qps, int secs, uint32_t net)
{
	struct gaddr r = resolver();
	static const char *const extra[] = {
		"www.google.com", "fonts.gstatic.com", "graph.facebook.com", "www.wikipedia.org",
		"outlook.office365.com", "teams.microsoft.com", "api.github.com",
		"time.windows.com", "www.bbc.co.uk", "cdn.jsdelivr.net",
	};
	for (int s = 0; s < secs; s++) {
		uint64_t t0 = G.now;
		uint64_t gap = SEC / (uint64_t)qps;
		for (int k = 0; k < qps; k++) {
			struct gaddr c = gaddr4(net + 10 + grng_below(&G.rng, (uint32_t)nclients));
			const char *nm = grng_chance(&G.rng, 500) ? NAMES[grng_below(&G.rng, NNAMES)]
								 : extra[grng_below(&G.rng, 10)];
			int rc = grng_chance(&G.rng, 20) ? DNS_NXDOMAIN : DNS_NOERROR;
			dns_exchange(&c, eport(), &r, rid(), nm, grng_chance(&G.rng, 300) ? T_AAAA : T_A,
				     rc, (1 + grng_below(&G.rng, 30)) * MS / 10, gap / 2);
			G.now = t0 + gap * (uint64_t)(k + 1);
		}
		G.now = t0 + SEC;
	}
}

static void sc_busy_resolver(void)
{
	G.now = HMS(13, 0, 0);
	background(10, 300 * MS);
	resolver_load(60, 60, 15, 0x0a010000u);
	background(10, 300 * MS);
}

static void sc_big_resolver(void)
{
	/* an ISP-style resolver: hundreds of clients, and a 2 s burst just
	 * above dns.flood.min_qps (shorter than flood.min_seconds) */
	G.now = HMS(13, 10, 0);
	resolver_load(400, 100, 3, 0x0a400000u);
	resolver_load(400, 510, 2, 0x0a400000u);
	resolver_load(400, 100, 1, 0x0a400000u);
}

/* A web server: many short sessions, one benign burst of connections. */
static void sc_web_server(void)
{
	G.now = HMS(13, 20, 0);
	struct gaddr w = gaddr("10.1.0.80");
	for (int k = 0; k < 260; k++) {
		struct gaddr c = gaddr4(0xc6336400u + 10 + grng_below(&G.rng, 200)); /* 198.51.100.x */
		struct tconn t;
		tconn_init(&t, &c, eport(), &w, 443);
		uint64_t dt = k >= 100 && k < 180 ? 12 * MS : 150 * MS + grng_below(&G.rng, 100000);
		tcp_seg(&t, 0, GTCP_SYN, NULL, 0, dt);
		tcp_seg(&t, 1, GTCP_SYN | GTCP_ACK, NULL, 0, 400);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 15 * MS);
		tcp_seg(&t, 0, GTCP_FIN | GTCP_ACK, NULL, 0, 2 * MS);
		tcp_seg(&t, 1, GTCP_FIN | GTCP_ACK, NULL, 0, 300);
		tcp_seg(&t, 0, GTCP_ACK, NULL, 0, 15 * MS);
	}
}

/* Hard negative: CDN names with long hashed labels, each client a few. */
static void sc_cdn_hashes(void)
{
	G.now = HMS(13, 30, 0);
	struct gaddr r = resolver();
	background(10, 300 * MS);
	static const char *const zones[] = {"cloudfront.net", "akamaiedge.net", "edgekey.net",
					    "img-cdn-hash.net", "azureedge.net"};
	for (int c = 0; c < 12; c++) {
		struct gaddr cl = client(c);
		for (int z = 0; z < 5; z++) {
			int n = 2 + (int)grng_below(&G.rng, 4);
			for (int k = 0; k < n; k++) {
				char lab[40], nm[120];
				rand_label(lab, z == 3 ? 32 : 14 + (int)grng_below(&G.rng, 10), HEX);
				snprintf(nm, sizeof(nm), z == 1 ? "e%s.a.%s" : "%s.%s", lab, zones[z]);
				dns_exchange(&cl, eport(), &r, rid(), nm, T_A, DNS_NOERROR,
					     (2 + grng_below(&G.rng, 20)) * MS, 40 * MS);
				dns_exchange(&cl, eport(), &r, rid(), nm, T_AAAA, DNS_NOERROR,
					     (2 + grng_below(&G.rng, 20)) * MS, 2 * MS);
			}
		}
		background(2, 200 * MS);
	}
}

/* Hard negative: a mail server checking SPF, DKIM and DMARC of its senders. */
static void sc_txt_mail(void)
{
	G.now = HMS(13, 40, 0);
	struct gaddr mx = gaddr("10.1.0.25"), r = resolver();
	static const char *const sel[] = {"google", "selector1", "s1", "k1", "mail", "default"};
	static const char *const dom[] = {"example.com", "example.org", "example.net",
					  "shop.example", "news.example", "bank.example"};
	background(8, 300 * MS);
	for (int k = 0; k < 90; k++) {
		char d[80], nm[140];
		snprintf(d, sizeof(d), "%s%d.%s", (const char *[]){"mail", "corp", "info", "team"}[k % 4],
			 k, dom[k % 6]);
		const char *tx[2] = {"v=spf1 ip4:192.0.2.0/24 include:_spf.example.com -all",
				     "v=DMARC1; p=quarantine; rua=mailto:dmarc@example.com"};
		uint16_t port = eport(), id = rid();
		dns_q_only(&mx, port, &r, id, d, T_TXT, 300 * MS);
		struct dnsb b;
		dnsb_init(&b, G.msg, sizeof(G.msg), id, DNS_QR | DNS_RD | DNS_RA);
		dnsb_question(&b, d, T_TXT);
		dnsb_txt(&b, DNS_SEC_AN, d, 3600, tx, 1);
		udp_out(&r, &mx, 53, port, G.msg, dnsb_finish(&b), 5 * MS);
		snprintf(nm, sizeof(nm), "_dmarc.%s", d);
		port = eport(), id = rid();
		dns_q_only(&mx, port, &r, id, nm, T_TXT, 2 * MS);
		dnsb_init(&b, G.msg, sizeof(G.msg), id, DNS_QR | DNS_RD | DNS_RA);
		dnsb_question(&b, nm, T_TXT);
		dnsb_txt(&b, DNS_SEC_AN, nm, 3600, tx + 1, 1);
		udp_out(&r, &mx, 53, port, G.msg, dnsb_finish(&b), 5 * MS);
		snprintf(nm, sizeof(nm), "%s._domainkey.%s", sel[k % 6], d);
		port = eport(), id = rid();
		dns_q_only(&mx, port, &r, id, nm, T_TXT, 2 * MS);
		dns_txt_answer(&r, &mx, port, id, nm, T_TXT, 2, 200, 5 * MS);
		if (k % 10 == 0)
			background(2, 200 * MS);
	}
}

/* Hard negative: bursts - a browser opening many connections, a page load
 * with many lookups, a software update checking a dozen readable names. */
static void sc_bursty_benign(void)
{
	G.now = HMS(13, 50, 0);
	struct gaddr r = resolver(), c = client(5), w = web(7);
	background(15, 300 * MS);
	for (int b = 0; b < 3; b++) {
		for (int k = 0; k < 40; k++)
			tcp_session(&c, &w, 443, 0, 10 * MS, 0, 5 * MS);
		for (int k = 0; k < 60; k++) {
			char nm[80];
			snprintf(nm, sizeof(nm), "%s%d.%s", (const char *[]){"img", "static", "api", "cdn"}[k % 4],
				 k % 15, "news.example.com");
			dns_exchange(&c, eport(), &r, rid(), nm, T_A, DNS_NOERROR, 3 * MS, 4 * MS);
		}
		struct gaddr gw = gaddr("10.1.0.1");
		ping(&c, &gw, (uint16_t)(900 + b), 5, 300, 100 * MS);
		background(10, 400 * MS);
	}
	for (int k = 0; k < 12; k++) {
		char nm[80];
		snprintf(nm, sizeof(nm), "update-check%d.downloads.vendor-example.com", k);
		dns_exchange(&c, eport(), &r, rid(), nm, T_A, DNS_NOERROR, 3 * MS, 50 * MS);
	}
	background(10, 300 * MS);
}

/* Hostile input for the memory cap: --packets N (default 1000000) packets,
 * alternately a DNS query from a client address, port and id never seen
 * before, for a name under a domain never seen before, that is never
 * answered, and a SYN from a new address to a new port of a new host or
 * of one of four servers, 10 us apart (so that no table entry times out: every table
 * fills and evicts). */
static void sc_exhaust(void)
{
	G.now = HMS(14, 0, 0);
	struct gaddr r = resolver();
	background(20, 100 * MS);
	for (uint64_t i = 0; i < G.max_packets; i++) {
		uint32_t k = (uint32_t)(i / 2);
		struct gaddr src = gaddr4(0x0a400000u + (k & 0x3fffffu)); /* 10.64.0.0/10 */
		if (i % 2 == 0) {
			char nm[80];
			snprintf(nm, sizeof(nm), "h%x.flood%u.example", k, k);
			dns_q_only(&src, (uint16_t)(1024 + k % 64000), &r, (uint16_t)(k * 2654435761u >> 16),
				   nm, T_A, 10);
		} else {
			/* every other one to a new host, else to one of four servers */
			struct gaddr dst = k % 2 ? gaddr4(0x0a020000u + 1 + (k / 2) % 4) /* 10.2.0.1-4 */
						 : gaddr4(0x0a800000u + (k & 0x3fffffu)); /* 10.128/10 */
			struct tconn t;
			tconn_init(&t, &src, (uint16_t)(1024 + k % 64000), &dst,
				   (uint16_t)(1 + k % 65535));
			tcp_seg(&t, 0, GTCP_SYN, NULL, 0, 10);
		}
	}
	background(10, 100 * MS);
}

/* ---- UDP reflection (udp.reflection): responses of exposed services to
 * a victim whose address the attacker forged in small requests ---- */

enum { R_NTP, R_SSDP, R_MEMCACHED, R_CLDAP };

/* One reflector's response of the service into G.msg; its length. */
static uint32_t refl_payload(int kind, uint32_t k)
{
	uint8_t *p = G.msg;
	uint32_t n = 0;
	switch (kind) {
	case R_NTP: /* mode 7 MON_GETLIST_1 response: R and M set, 6 items of 72 B */
		p[0] = 0xd7;
		p[1] = 0x00;
		p[2] = 3;  /* IMPL_XNTPD */
		p[3] = 42; /* MON_GETLIST_1 */
		p[4] = 0x00;
		p[5] = 6;
		p[6] = 0x00;
		p[7] = 72;
		n = 8;
		for (int i = 0; i < 6 * 72; i++)
			p[n++] = (uint8_t)(grng_next(&G.rng) >> 24);
		return n; /* 440 B: 468 B IP datagrams */
	case R_SSDP:
		n = (uint32_t)snprintf((char *)p, sizeof(G.msg),
			"HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nDATE: Tue, 16 Jul 2024 "
			"12:40:00 GMT\r\nEXT:\r\nLOCATION: http://192.168.%u.1:1900/igd.xml\r\nSERVER: "
			"Linux/2.6 UPnP/1.0 miniupnpd/1.0\r\nST: upnp:rootdevice\r\nUSN: uuid:%08x-"
			"5f3c-4d1e-9a2b-%012x::upnp:rootdevice\r\n\r\n",
			k % 250, k * 2654435761u, k * 40503u);
		return n;
	case R_MEMCACHED: /* UDP frame header, then a large VALUE the attacker stored */
		p[0] = 0x00;
		p[1] = 0x01; /* request id */
		p[2] = 0x00;
		p[3] = (uint8_t)(k & 0xff); /* sequence */
		p[4] = 0x00;
		p[5] = 0xff; /* datagrams in the response */
		p[6] = p[7] = 0;
		n = 8;
		n += (uint32_t)snprintf((char *)p + n, 64, "VALUE a 0 1350\r\n");
		for (int i = 0; i < 1350; i++)
			p[n++] = (uint8_t)('a' + grng_below(&G.rng, 26));
		memcpy(p + n, "\r\nEND\r\n", 7);
		return n + 7;
	default: { /* CLDAP: LDAPMessage searchResEntry of the rootDSE (BER), ~3 KB */
		uint32_t body = 2900;
		p[n++] = 0x30;
		p[n++] = 0x82;
		p[n++] = (uint8_t)((body + 9) >> 8);
		p[n++] = (uint8_t)(body + 9);
		p[n++] = 0x02;
		p[n++] = 0x01;
		p[n++] = 0x01; /* message id */
		p[n++] = 0x64; /* searchResEntry */
		p[n++] = 0x82;
		p[n++] = (uint8_t)((body + 2) >> 8);
		p[n++] = (uint8_t)(body + 2);
		p[n++] = 0x04;
		p[n++] = 0x00; /* objectName "" */
		for (uint32_t i = 0; i < body; i++)
			p[n++] = (uint8_t)("domainControllerFunctionality:7 "[i % 32]);
		return n;
	}
	}
}

/* n responses of the service from nrefl reflectors (198.18.x.y) to the
 * victim's random ports, gap microseconds apart on average. */
static void reflect(int kind, const struct gaddr *victim, uint16_t sport, int nrefl, int n,
		    uint32_t gap)
{
	for (int k = 0; k < n; k++) {
		uint32_t r = grng_below(&G.rng, (uint32_t)nrefl);
		struct gaddr refl = gaddr4(0xc6120000u + r * 257u); /* 198.18/15 */
		uint32_t len = refl_payload(kind, (uint32_t)k);
		uint16_t vport = (uint16_t)(1024 + (r * 7919u) % 60000);
		uint64_t dt = gap / 2 + grng_below(&G.rng, gap);
		if (len + 28 <= 1500) {
			udp_out(&refl, victim, sport, vport, G.msg, len, dt);
		} else { /* fragmented at the 1500-byte MTU */
			build_udp(&refl, victim, sport, vport, G.msg, len);
			uint32_t piece, nf = frag_count(&G.q, 1500, &piece);
			for (uint32_t f = 0; f < nf; f++)
				emit_frag(&G.q, piece, f, 0, f == 0 ? dt : 30);
		}
		if (k % 100 == 0 && gap >= 2 * MS)
			background(1, 20 * MS);
	}
}

/* An NTP client's poll of one server (mode 3) and the answer (mode 4). */
static void ntp_poll(const struct gaddr *c, uint16_t cport, const struct gaddr *s, uint64_t dt)
{
	uint8_t q[48];
	memset(q, 0, sizeof(q));
	q[0] = 0x23; /* LI 0, VN 4, mode 3 */
	for (int i = 40; i < 48; i++)
		q[i] = (uint8_t)(grng_next(&G.rng) >> 24);
	udp_out(c, s, cport, 123, q, sizeof(q), dt);
	q[0] = 0x24; /* mode 4 */
	q[1] = 2;    /* stratum */
	udp_out(s, c, 123, cport, q, sizeof(q), (5 + grng_below(&G.rng, 20)) * MS);
}

/* NTP monlist reflection: 600 responses of 440 B from 60 reflectors at
 * ~200/s; the victim is itself an NTP client of two pool servers. */
static void sc_ntp_reflection(void)
{
	G.now = HMS(12, 40, 0);
	struct gaddr v = gaddr("10.1.0.97");
	background(10, 300 * MS);
	struct gaddr s1 = gaddr4(0xc0000201u), s2 = gaddr4(0xc0000202u); /* its own servers */
	ntp_poll(&v, 123, &s1, 100 * MS);
	ntp_poll(&v, 123, &s2, 100 * MS);
	reflect(R_NTP, &v, 123, 60, 600, 5 * MS);
	ntp_poll(&v, 123, &s1, 100 * MS);
	background(8, 300 * MS);
}

/* NTP amplification seen from the requests' side: a capture point that
 * sees the forged monlist requests (8 bytes, mode 7, source 10.1.0.93)
 * go out to 60 servers and each come back as 10 responses of 440 B. */
static void sc_ntp_amp_visible(void)
{
	G.now = HMS(12, 42, 0);
	struct gaddr v = gaddr("10.1.0.93");
	static const uint8_t req[8] = {0x17, 0x00, 0x03, 0x2a, 0, 0, 0, 0};
	background(10, 300 * MS);
	for (int k = 0; k < 60; k++) {
		struct gaddr refl = gaddr4(0xc6120000u + (uint32_t)k * 257u);
		uint16_t vp = (uint16_t)(20000 + k);
		udp_out(&v, &refl, vp, 123, req, sizeof(req), 10 * MS);
		for (int i = 0; i < 10; i++) {
			uint32_t len = refl_payload(R_NTP, (uint32_t)i);
			udp_out(&refl, &v, 123, vp, G.msg, len, i == 0 ? 8 * MS : 300);
		}
	}
	background(8, 300 * MS);
}

/* NTP monlist reflection over IPv6: 300 responses of 440 B from 40
 * reflectors in 2001:db8:77::/64 to 2001:db8:0:1::97, ~100/s. */
static void sc_ntp_reflection_v6(void)
{
	G.now = HMS(12, 43, 0);
	struct gaddr v = gaddr("2001:db8:0:1::97");
	background(10, 300 * MS);
	for (int k = 0; k < 300; k++) {
		uint32_t r = grng_below(&G.rng, 40);
		struct gaddr refl = gaddr6("2001:db8:77::", 0x10 + (uint64_t)r * 0x1111);
		uint32_t len = refl_payload(R_NTP, (uint32_t)k);
		udp_out(&refl, &v, 123, (uint16_t)(30000 + r), G.msg, len,
			2 * MS + grng_below(&G.rng, 4000));
		if (k % 100 == 0)
			background(1, 20 * MS);
	}
	background(8, 300 * MS);
}

/* SSDP reflection: 450 unsolicited M-SEARCH answers from 80 home routers. */
static void sc_ssdp_reflection(void)
{
	G.now = HMS(12, 45, 0);
	struct gaddr v = gaddr("10.1.0.96");
	background(10, 300 * MS);
	reflect(R_SSDP, &v, 1900, 80, 450, 6 * MS);
	background(8, 300 * MS);
}

/* memcached reflection: a 0.25 s burst of 300 responses of 1.4 KB from
 * 40 servers (about 13 Mbit/s). */
static void sc_memcached_reflection(void)
{
	G.now = HMS(12, 50, 0);
	struct gaddr v = gaddr("10.1.0.95");
	background(10, 300 * MS);
	reflect(R_MEMCACHED, &v, 11211, 40, 300, 830);
	background(8, 300 * MS);
}

/* CLDAP reflection: 200 rootDSE answers of 2.9 KB (each in two IP
 * fragments) from 50 domain controllers at ~160/s. */
static void sc_cldap_reflection(void)
{
	G.now = HMS(12, 55, 0);
	struct gaddr v = gaddr("10.1.0.94");
	background(10, 300 * MS);
	reflect(R_CLDAP, &v, 389, 50, 200, 6 * MS);
	background(8, 300 * MS);
}

/* Hard negative: a LAN's own discovery and time traffic.  Twenty hosts
 * poll four pool servers each; forty clients poll the LAN's NTP server
 * from port 123 (ntpd's habit); a media player searches for UPnP devices
 * every second (M-SEARCH to 239.255.255.250) and 60 devices answer it
 * within a second; mDNS announcements go to 224.0.0.251; a NetBIOS
 * broadcast name query is answered by 30 hosts; a monitoring station
 * polls 40 SNMP agents. */
static void sc_lan_discovery(void)
{
	G.now = HMS(13, 0, 0);
	struct gaddr gw = gaddr("10.1.0.1"), ssdp = gaddr("239.255.255.250");
	struct gaddr mdns = gaddr("224.0.0.251"), bcast = gaddr("10.1.0.255");
	struct gaddr player = gaddr("10.1.0.70"), nms = gaddr("10.1.0.5");
	background(10, 300 * MS);
	for (int round = 0; round < 10; round++) {
		for (int c = 0; c < 20; c++) {
			struct gaddr h = gaddr4(0x0a010100u + 10 + (uint32_t)c);
			struct gaddr srv = gaddr4(0xc0000210u + (uint32_t)(c + round) % 4);
			ntp_poll(&h, eport(), &srv, 3 * MS);
		}
		for (int c = 0; c < 40; c++)
			if ((c + round) % 8 == 0) {
				struct gaddr h = gaddr4(0x0a010100u + 40 + (uint32_t)c);
				ntp_poll(&h, 123, &gw, 2 * MS);
			}
		static const char ms[] = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\n"
					 "MAN: \"ssdp:discover\"\r\nMX: 1\r\nST: ssdp:all\r\n\r\n";
		uint16_t pp = (uint16_t)(50000 + round);
		udp_out(&player, &ssdp, pp, 1900, (const uint8_t *)ms, sizeof(ms) - 1, 20 * MS);
		for (int d = 0; d < 60; d++) {
			struct gaddr dev = gaddr4(0x0a010200u + 10 + (uint32_t)d);
			uint32_t len = refl_payload(R_SSDP, (uint32_t)d);
			udp_out(&dev, &player, 1900, pp, G.msg, len, 2 * MS + grng_below(&G.rng, 6000));
		}
		for (int d = 0; d < 10; d++) { /* mDNS responses to the group */
			uint8_t m[120];
			memset(m, 0, sizeof(m));
			m[2] = 0x84; /* QR, AA */
			m[7] = 1;
			struct gaddr dev = gaddr4(0x0a010200u + 10 + (uint32_t)((d + round) % 60));
			udp_out(&dev, &mdns, 5353, 5353, m, sizeof(m), 5 * MS);
		}
		if (round % 3 == 0) { /* NetBIOS broadcast name query and its answers */
			uint8_t nq[50], na[62];
			memset(nq, 0, sizeof(nq));
			memset(na, 0, sizeof(na));
			nq[0] = 0x12;
			nq[1] = (uint8_t)round;
			nq[2] = 0x01;
			nq[3] = 0x10; /* query, broadcast */
			struct gaddr asker = client(3);
			udp_out(&asker, &bcast, 137, 137, nq, sizeof(nq), 10 * MS);
			na[0] = 0x12;
			na[1] = (uint8_t)round;
			na[2] = 0x85; /* response, AA */
			for (int h = 0; h < 30; h++) {
				struct gaddr ans = gaddr4(0x0a010200u + 100 + (uint32_t)h);
				udp_out(&ans, &asker, 137, 137, na, sizeof(na),
					1 * MS + grng_below(&G.rng, 3000));
			}
		}
		for (int a = 0; a < 40; a++) { /* SNMP GetBulk polls and their answers */
			uint8_t rq[60], rs[420];
			memset(rq, 0x30, sizeof(rq));
			memset(rs, 0x30, sizeof(rs));
			struct gaddr ag = gaddr4(0x0a010300u + 10 + (uint32_t)a);
			uint16_t sp = (uint16_t)(40000 + round * 40 + a);
			udp_out(&nms, &ag, sp, 161, rq, sizeof(rq), 1 * MS);
			udp_out(&ag, &nms, 161, sp, rs, sizeof(rs), 2 * MS + grng_below(&G.rng, 3000));
		}
		background(3, 300 * MS);
		G.now += 1 * SEC;
	}
	background(8, 300 * MS);
}

/* ---- command line ---- */

struct scenario {
	const char *name;
	void (*fn)(void);
	const char *what;
	int attack;             /* 1: part of the attack corpus (tests/data/attacks) */
};

static const struct scenario SCENARIOS[] = {
	{"yummyrecipes", sc_yummyrecipes, "the flagship incident: DNS answered by ICMP port unreachable", 0},
	{"hostile-names", sc_hostile_names, "rejected lookups of names carrying HTML, Markdown and terminal-escape payloads", 0},
	{"healthy-office", sc_healthy_office, "normal DNS, HTTPS, pings: nothing wrong", 0},
	{"dns-timeout", sc_dns_timeout, "DNS queries to a dead resolver, retried, never answered", 0},
	{"dns-servfail", sc_dns_servfail, "SERVFAIL for one zone", 0},
	{"dns-servfail-ede", sc_dns_servfail_ede, "SERVFAIL for one zone, with Extended DNS Error 7 (Signature Expired)", 0},
	{"dns-refused", sc_dns_refused, "a resolver that REFUSES this subnet", 0},
	{"dns-nxdomain-surge", sc_dns_nxdomain_surge, "one client, many random names, NXDOMAIN", 0},
	{"icmp-host-unreach", sc_icmp_host_unreach, "SYNs answered by host unreachable", 0},
	{"icmp-net-unreach", sc_icmp_net_unreach, "SYNs answered by net unreachable", 0},
	{"icmp-port-unreach", sc_icmp_port_unreach, "syslog/NTP to a host with nothing listening", 0},
	{"icmp-admin-prohibited", sc_icmp_admin_prohibited, "a firewall answering admin prohibited", 0},
	{"icmp-frag-needed", sc_icmp_frag_needed, "path MTU: need to frag (mtu 1400)", 0},
	{"icmp-ttl-exceeded", sc_icmp_ttl_exceeded, "a routing loop: time exceeded from routers", 0},
	{"tcp-refused", sc_tcp_refused, "SYN answered by RST", 0},
	{"tcp-refused-ports", sc_tcp_refused_ports, "RSTs on twelve ports of one host (services down)", 0},
	{"tcp-no-response", sc_tcp_no_response, "SYN retransmitted, never answered", 0},
	{"dns-tcp", sc_dns_tcp, "truncated UDP answer, DNS retried over TCP", 0},
	{"ipv6-dns-unreach", sc_ipv6_dns_unreach, "ICMPv6 port unreachable for IPv6 DNS", 0},
	{"dns-forged-icmp", sc_dns_forged_icmp, "a gateway rejects DNS to a public resolver in its name", 0},
	{"dns-failover", sc_dns_failover, "primary resolver rejects, the secondary answers", 0},
	{"dns-silent", sc_dns_silent, "dig retransmissions to a resolver that answers nothing", 0},
	{"dns-srv-unanswered", sc_dns_srv_unanswered, "a forwarder answers A and PTR, never SRV", 0},
	{"dns-name-error-host", sc_dns_name_error_host, "NXDOMAIN for a host under an existing zone (its SOA quoted)", 0},
	{"dns-name-error", sc_dns_name_error, "one mistyped name: NXDOMAIN for A and AAAA, retried", 0},
	{"dns-slow", sc_dns_slow, "a resolver answering in 0.5 to 1.5 s", 0},
	{"tcp-rst-inject", sc_tcp_rst_inject, "a forged RST before the server's SYN-ACK", 0},
	{"tcp-egress-blocked", sc_tcp_egress_blocked, "one client's SYNs to six destinations unanswered", 0},
	{"one-sided", sc_one_sided, "a capture of the client's direction only", 0},
	{"icmp-backscatter", sc_icmp_backscatter, "ICMP errors of 40 memcached servers to a spoofed victim", 0},
	{"dns-frag-v4", sc_dns_frag_v4, "healthy: DNSKEY answers fragmented over IPv4 (one last fragment first)", 0},
	{"dns-frag-v6", sc_dns_frag_v6, "healthy: DNSKEY answers fragmented over IPv6 at the 1280-byte MTU", 0},
	{"frag-overlap", sc_frag_overlap, "a duplicated fragment, Teardrop and RFC 5722 overlaps", 0},
	{"frag-oversize", sc_frag_oversize, "a ping of death (> 65535 bytes) and an IPv6 fragment past 65535", 0},
	{"frag-incomplete", sc_frag_incomplete, "fragmented answers whose later (or first) fragments never come", 0},
	{"dns-tcp-split", sc_dns_tcp_split, "healthy: DNS over TCP split over segments, pipelined, reordered", 0},
	{"mix", sc_mix, "the benchmark mix (--packets N, default 1000000)", 0},
	{"exhaust", sc_exhaust, "state exhaustion: new unanswered DNS queries and SYNs (--packets N)", 0},
	/* the attack corpus: attacks, healthy shapes and hard negatives */
	{"tunnel-iodine", sc_tunnel_iodine, "iodine-like NULL queries with base32 labels", 1},
	{"tunnel-dnscat", sc_tunnel_dnscat, "dnscat-like TXT/CNAME queries with hex labels", 1},
	{"dga-host", sc_dga_host, "one host, generated names, NXDOMAIN after NXDOMAIN", 1},
	{"water-torture", sc_water_torture, "random subdomains of one domain from many clients", 1},
	{"amplification", sc_amplification, "large unsolicited ANY/TXT answers to a victim", 1},
	{"dns-flood", sc_dns_flood, "query flood; the resolver stops answering", 1},
	{"icmp-flood", sc_icmp_flood, "echo requests at flood rate", 1},
	{"syn-flood", sc_syn_flood, "SYNs from spoofed sources to a web server", 1},
	{"port-scan", sc_port_scan, "one host tries 60 ports of another", 1},
	{"ping-sweep", sc_ping_sweep, "echo requests to 60 hosts of a /24", 1},
	{"horizontal-scan", sc_horizontal_scan, "SYNs to port 445 on 50 hosts", 1},
	{"ntp-reflection", sc_ntp_reflection, "NTP monlist responses from 60 reflectors to a victim", 1},
	{"ntp-amp-visible", sc_ntp_amp_visible, "forged monlist requests seen going out, 556x answers", 1},
	{"ntp-reflection-v6", sc_ntp_reflection_v6, "NTP monlist responses over IPv6 from 40 reflectors", 1},
	{"ssdp-reflection", sc_ssdp_reflection, "unsolicited SSDP answers from 80 reflectors", 1},
	{"memcached-reflection", sc_memcached_reflection, "a 0.25 s burst of 1.4 KB memcached responses", 1},
	{"cldap-reflection", sc_cldap_reflection, "fragmented 2.9 KB CLDAP rootDSE answers from 50 reflectors", 1},
	{"busy-resolver", sc_busy_resolver, "healthy: an office resolver at 60 qps", 1},
	{"big-resolver", sc_big_resolver, "healthy: an ISP resolver, 400 clients, a 2 s burst", 1},
	{"web-server", sc_web_server, "healthy: a web server with a burst of sessions", 1},
	{"cdn-hashes", sc_cdn_hashes, "hard negative: CDN names with long hashed labels", 1},
	{"txt-mail", sc_txt_mail, "hard negative: SPF, DKIM and DMARC TXT lookups", 1},
	{"bursty-benign", sc_bursty_benign, "hard negative: bursts of connections and lookups", 1},
	{"lan-discovery", sc_lan_discovery, "hard negative: NTP clients, SSDP/mDNS/NetBIOS discovery, SNMP polls on a LAN", 1},
};
#define NSCEN (sizeof(SCENARIOS) / sizeof(SCENARIOS[0]))

static void usage(FILE *f)
{
	fputs("usage: ntgen SCENARIO OUT.pcap [--seed N] [--packets N] [--link eth|raw|sll]\n"
	      "                               [--clients N]\n"
	      "       ntgen --list | --list-attacks\n"
	      "Writes a deterministic classic pcap (microseconds) for SCENARIO; OUT '-' is\n"
	      "standard output.  The same seed gives the same bytes.\n\nscenarios:\n", f);
	for (size_t i = 0; i < NSCEN; i++)
		fprintf(f, "  %-22s %s\n", SCENARIOS[i].name, SCENARIOS[i].what);
}

static int parse_u64(const char *s, uint64_t *v)
{
	char *end;
	if (*s == '\0' || *s == '-')
		return -1;
	*v = strtoull(s, &end, 0);
	return *end ? -1 : 0;
}

int main(int argc, char **argv)
{
	const char *pos[2] = {NULL, NULL};
	int npos = 0;
	uint64_t seed = 1, packets = 1000000;
	int link = PCAPW_LINK_ETHERNET;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			usage(stdout);
			return 0;
		}
		if (strcmp(a, "--list") == 0 || strcmp(a, "--list-attacks") == 0) {
			for (size_t k = 0; k < NSCEN; k++)
				if (a[6] == '\0' || SCENARIOS[k].attack)
					printf("%s\n", SCENARIOS[k].name);
			return 0;
		}
		if ((strcmp(a, "--seed") == 0 || strcmp(a, "--packets") == 0 ||
		     strcmp(a, "--link") == 0) && i + 1 < argc) {
			const char *v = argv[++i];
			if (strcmp(a, "--link") == 0) {
				if (strcmp(v, "eth") == 0)
					link = PCAPW_LINK_ETHERNET;
				else if (strcmp(v, "raw") == 0)
					link = PCAPW_LINK_RAW;
				else if (strcmp(v, "sll") == 0)
					link = PCAPW_LINK_LINUX_SLL;
				else {
					fprintf(stderr, "ntgen: --link wants eth, raw or sll, not '%s'\n", v);
					return 2;
				}
			} else if (parse_u64(v, a[2] == 's' ? &seed : &packets) < 0) {
				fprintf(stderr, "ntgen: %s wants a number, not '%s'\n", a, v);
				return 2;
			}
			continue;
		}
		if (strcmp(a, "--clients") == 0 && i + 1 < argc) {
			/* mix: distinct clients to draw from (default 40000) */
			uint64_t n;
			if (parse_u64(argv[++i], &n) < 0 || n == 0 || n > 4000000000u) {
				fprintf(stderr, "ntgen: --clients wants 1..%u, not '%s'\n", 4000000000u,
					argv[i]);
				return 2;
			}
			mix_clients = (uint32_t)n;
			continue;
		}
		if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "ntgen: unknown option '%s'\n", a);
			usage(stderr);
			return 2;
		}
		if (npos == 2) {
			usage(stderr);
			return 2;
		}
		pos[npos++] = a;
	}
	if (npos != 2) {
		usage(stderr);
		return 2;
	}
	const struct scenario *sc = NULL;
	for (size_t k = 0; k < NSCEN; k++)
		if (strcmp(SCENARIOS[k].name, pos[0]) == 0)
			sc = &SCENARIOS[k];
	if (sc == NULL) {
		fprintf(stderr, "ntgen: unknown scenario '%s' (ntgen --list)\n", pos[0]);
		return 2;
	}
	/* Each scenario draws its own numbers from the seed. */
	uint64_t mixed = seed;
	for (const char *p = sc->name; *p; p++)
		mixed = mixed * 131 + (uint8_t)*p;
	grng_seed(&G.rng, strcmp(sc->name, "yummyrecipes") == 0 ? seed : mixed);
	G.max_packets = packets;
	G.ede_code = -1;
	G.ipid = (uint16_t)(seed * 7 + 1);
	G.tsval = 1000000u + (uint32_t)(seed % 100000);
	G.link.linktype = link;
	if (pcapw_open(&G.w, pos[1], link, 262144) < 0) {
		fprintf(stderr, "ntgen: %s: cannot write\n", pos[1]);
		return 1;
	}
	sc->fn();
	if (pcapw_close(&G.w) < 0) {
		fprintf(stderr, "ntgen: %s: write error\n", pos[1]);
		return 1;
	}
	return 0;
}
