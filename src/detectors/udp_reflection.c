/* \summary: udp.reflection: UDP reflection/amplification of any
 * well-known reflector service (NTP, SNMP, SSDP, CLDAP, memcached,
 * chargen, ...) toward one victim: many responses from many sources on
 * the service's port that the victim did not ask for, with the byte and
 * packet rate, the reflector count, the mean response size and, where the
 * victim's requests are visible, the response/request byte ratio.  DNS
 * (port 53) is left to dns.amplification, which reads the DNS messages.
 * Follows CESNET NEMEA amplification_detection (per-victim response
 * volume, >= 10x amplification) and the services and amplification
 * factors of US-CERT TA14-017A.  The ICMP errors the spoofed requests
 * bring back to the victim (backscatter) are counted in the finding and
 * the ICMP findings they raised are folded into it. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_refl;

static struct nt_param params[] = {
	{"udp.refl.min_responses", 100, "count",
	 "responses from one reflector service to one victim before reflection is considered",
	 "as dns.amp.min_responses: a third of CESNET NEMEA amplification_detection's 300 "
	 "flows (reference)"},
	{"udp.refl.min_reflectors", 20, "count",
	 "distinct reflectors: sources of unsolicited responses (or, in the byte-ratio case, "
	 "the hosts the victim's requests went to)",
	 "nettriage choice: twice the 10 servers an NTP client uses at most (ntpd maxclock 10, "
	 "ntp.conf(5)); a LAN's SSDP/mDNS answers are solicited and not counted"},
	{"udp.refl.min_unsolicited_ratio", 0.5, "ratio",
	 "share of the responses from reflectors the victim sent no request to",
	 "as dns.amp.min_unsolicited_ratio: a majority"},
	{"udp.refl.min_ratio", 10, "ratio",
	 "bytes of the responses to the victim's requests / its request bytes, when its "
	 "(spoofed) requests are visible",
	 "CESNET NEMEA amplification_detection: amplification >= 10x (reference); US-CERT "
	 "TA14-017A factors: NTP 556.9, SSDP 30.8, chargen 358.8, memcached 10000-51000"},
	{"udp.refl.min_pps", 50, "packets/s",
	 "peak responses per second toward the victim (over the span when shorter than 1 s)",
	 "nettriage choice: an NTP client polls each server at most every 16 s (minpoll 4, "
	 "RFC 5905 7.3); 50/s from 20+ sources is no client's own traffic"},
	{"udp.refl.high_bps", 10e6, "bits/s",
	 "peak response rate from which the finding is high (below: medium)",
	 "nettriage choice: 10 Mbit/s fills a small office uplink"},
	{"udp.refl.high_pps", 1000, "packets/s",
	 "peak responses per second from which the finding is high",
	 "host.spike_pps (1000 packets/s)"},
	{"udp.refl.multicast_window", 10, "s",
	 "responses within this long after the victim's multicast/broadcast query for the "
	 "service are solicited (SSDP M-SEARCH, mDNS, WS-Discovery, NetBIOS broadcasts)",
	 "UPnP Device Architecture 2.0: M-SEARCH MX at most 5 s; twice that"},
	{"cap.udp_refl_victims", 2048, "entries",
	 "(victim, service) pairs tracked (least recently used evicted, counted)",
	 "nettriage choice: 2048 x 1760 bytes (3.5 MiB)"},
};

#define P(i) (params[i].value)

/* The reflector services, by port (US-CERT TA14-017A and later
 * advisories; DNS 53 is dns.amplification's). */
enum svc {
	S_NONE, S_CHARGEN, S_QOTD, S_TFTP, S_NTP, S_NETBIOS, S_SNMP, S_CLDAP, S_ISAKMP,
	S_RIP, S_OPENVPN, S_SSDP, S_ARMS, S_WSD, S_MDNS, S_COAP, S_UBNT, S_MEMCACHED,
	S_BACNET, S_N
};

static const struct {
	uint16_t port;
	const char *name;
	const char *baf; /* bandwidth amplification factor, TA14-017A / CISA */
} SVC[S_N] = {
	[S_CHARGEN] = {19, "chargen", "358.8"},
	[S_QOTD] = {17, "QOTD", "140.3"},
	[S_TFTP] = {69, "TFTP", "60"},
	[S_NTP] = {123, "NTP", "556.9"},
	[S_NETBIOS] = {137, "NetBIOS", "3.8"},
	[S_SNMP] = {161, "SNMP", "6.3"},
	[S_CLDAP] = {389, "CLDAP", "56 to 70"},
	[S_ISAKMP] = {500, "ISAKMP", NULL},
	[S_RIP] = {520, "RIPv1", "131.24"},
	[S_OPENVPN] = {1194, "OpenVPN", NULL},
	[S_SSDP] = {1900, "SSDP", "30.8"},
	[S_ARMS] = {3283, "ARMS", "35.5"},
	[S_WSD] = {3702, "WS-Discovery", "10 to 500"},
	[S_MDNS] = {5353, "mDNS", "2 to 10"},
	[S_COAP] = {5683, "CoAP", "10 to 50"},
	[S_UBNT] = {10001, "Ubiquiti discovery", NULL},
	[S_MEMCACHED] = {11211, "memcached", "10000 to 51000"},
	[S_BACNET] = {47808, "BACnet", NULL},
};

/* The service of a port: a switch the compiler turns into a few compares. */
static enum svc svc_of(uint16_t port)
{
	switch (port) {
	case 19: return S_CHARGEN;
	case 17: return S_QOTD;
	case 69: return S_TFTP;
	case 123: return S_NTP;
	case 137: return S_NETBIOS;
	case 161: return S_SNMP;
	case 389: return S_CLDAP;
	case 500: return S_ISAKMP;
	case 520: return S_RIP;
	case 1194: return S_OPENVPN;
	case 1900: return S_SSDP;
	case 3283: return S_ARMS;
	case 3702: return S_WSD;
	case 5353: return S_MDNS;
	case 5683: return S_COAP;
	case 10001: return S_UBNT;
	case 11211: return S_MEMCACHED;
	case 47808: return S_BACNET;
	default: return S_NONE;
	}
}

enum { DIR_UNKNOWN = -1, DIR_REQUEST = 0, DIR_RESPONSE = 1 };

/* Request or response, from the first payload bytes where the protocol
 * says (the packets between two hosts on the same port need it: NTP
 * peers and clients on 123, NetBIOS on 137, RIP on 520). */
static int svc_dir(enum svc s, const uint8_t *p, uint32_t n)
{
	if (p == NULL || n == 0)
		return DIR_UNKNOWN;
	switch (s) {
	case S_NTP: { /* RFC 5905 mode; modes 6 and 7 carry a response bit */
		unsigned mode = p[0] & 7;
		if (mode == 3)
			return DIR_REQUEST;
		if (mode == 4 || mode == 5)
			return DIR_RESPONSE;
		if (mode == 7)
			return p[0] & 0x80 ? DIR_RESPONSE : DIR_REQUEST;
		if (mode == 6 && n >= 2)
			return p[1] & 0x80 ? DIR_RESPONSE : DIR_REQUEST;
		return DIR_UNKNOWN;
	}
	case S_NETBIOS:
	case S_MDNS: /* DNS header: QR */
		return n >= 3 ? (p[2] & 0x80 ? DIR_RESPONSE : DIR_REQUEST) : DIR_UNKNOWN;
	case S_RIP: /* command: 1 request, 2 response */
		return p[0] == 1 ? DIR_REQUEST : p[0] == 2 ? DIR_RESPONSE : DIR_UNKNOWN;
	case S_COAP: /* code class 0 (not empty): request; 2-5: response */
		if (n < 2 || p[1] == 0)
			return DIR_UNKNOWN;
		return p[1] >> 5 == 0 ? DIR_REQUEST : DIR_RESPONSE;
	case S_SSDP:
		if (n >= 5 && memcmp(p, "HTTP/", 5) == 0)
			return DIR_RESPONSE;
		if ((n >= 8 && memcmp(p, "M-SEARCH", 8) == 0) || (n >= 6 && memcmp(p, "NOTIFY", 6) == 0))
			return DIR_REQUEST;
		return DIR_UNKNOWN;
	default:
		return DIR_UNKNOWN;
	}
}

static int is_group(const struct nt_addr *a)
{
	return a->family == 4 ? a->a[0] >= 224 : a->family == 6 && a->a[0] == 0xff;
}

enum { SRC_BITS = 4096, ASKED_BITS = 256, SAMPLE_SRC = 8, SAMPLE_SPOOF = 4 };

struct victim {
	struct nt_ktab_hdr h;
	struct nt_addr addr;
	uint8_t svc, have_snap;
	uint64_t responses, resp_bytes, unsolicited, sol_bytes; /* sol: solicited bytes */
	uint64_t requests, req_bytes, mcast_requests;
	uint64_t backscatter;
	uint32_t max_resp;
	int64_t first, last;     /* responses */
	int64_t last_mcast;      /* the victim's last multicast query, 0: none */
	/* per-second peak */
	int64_t cur_sec;
	uint32_t cur_n, peak_n;
	uint64_t cur_bytes, peak_bytes;
	uint64_t src_bits[SRC_BITS / 64];
	uint64_t asked[ASKED_BITS / 64]; /* reflectors the victim sent requests to */
	uint32_t n_src, n_spoof, n_sol;
	struct nt_addr src[SAMPLE_SRC];
	struct nt_addr sol[SAMPLE_SRC]; /* the first sources of solicited responses */
	/* the sources the backscatter's quoted requests claim (the victim's
	 * own or its public, NATed address) */
	struct nt_addr spoof[SAMPLE_SPOOF];
	struct nt_snap snap;
};

enum { VICTIM_FILTER = 8192 };

/* The bit of a host in a victim's map of the hosts it asked (mixed as
 * nt_distinct_add mixes, so that the map also estimates their number). */
static uint32_t asked_bit(const struct nt_addr *a)
{
	uint32_t h = nt_hash_addr(NT_FNV_SEED, a);
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h & (ASKED_BITS - 1);
}

/* per run */
struct refl {
	struct nt_ktab tab; /* struct victim by (address, service) */
	/* (victim, service) ever tracked: spares ICMP errors the lookup */
	uint64_t victims[VICTIM_FILTER / 64];
};

static struct victim *entry(struct refl *s, const struct nt_addr *a, enum svc sv, int64_t t,
			    int create)
{
	uint8_t key[NT_KTAB_KEY], c = (uint8_t)sv;
	size_t kl = nt_ktab_key_addr(key, a, &c, 1);
	struct victim *v = create ? nt_ktab_get(&s->tab, key, kl, t) : nt_ktab_find(&s->tab, key, kl);
	if (v && v->svc == 0) {
		v->addr = *a;
		v->svc = c;
		uint32_t b = nt_addr_bit(a, c, VICTIM_FILTER);
		s->victims[b >> 6] |= 1ull << (b & 63);
	}
	return v;
}

static void backscatter(struct refl *s, const struct nt_pkt *pkt)
{
	const struct nt_flow *q = &pkt->icmp.quote;
	if (!pkt->icmp.has_quote || q->proto != 17 || !q->has_ports)
		return;
	enum svc sv = svc_of(q->dport);
	if (sv == S_NONE)
		return;
	uint32_t b = nt_addr_bit(&pkt->flow.dst, (uint32_t)sv, VICTIM_FILTER);
	if (!(s->victims[b >> 6] >> (b & 63) & 1))
		return;
	struct victim *v = entry(s, &pkt->flow.dst, sv, 0, 0);
	if (v == NULL)
		return;
	v->backscatter++;
	nt_addr_sample(v->spoof, &v->n_spoof, SAMPLE_SPOOF, &q->src);
}

static void on_packet(void *state, struct nt_findings *fs, const struct nt_engine *e,
		      const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	(void)fs;
	(void)e;
	struct refl *s = state;
	if (pkt->flow.proto != 17) {
		if (pkt->icmp.present && pkt->icmp.is_error)
			backscatter(s, pkt);
		return;
	}
	/* whole datagrams, the reassembled ones too; not their fragments */
	if (!pkt->flow.has_ports || (pkt->reasm & NT_RS_FRAG))
		return;
	enum svc ss = svc_of(pkt->flow.sport), ds = svc_of(pkt->flow.dport);
	if (ss == S_NONE && ds == S_NONE)
		return;
	enum svc sv;
	int dir;
	if (ss != S_NONE && ds == S_NONE) {
		sv = ss;
		dir = DIR_RESPONSE;
	} else if (ds != S_NONE && ss == S_NONE) {
		sv = ds;
		dir = DIR_REQUEST;
	} else if (ss == ds) {
		sv = ss;
		dir = DIR_UNKNOWN;
	} else {
		return; /* two different service ports: neither side is a client */
	}
	int pd = svc_dir(sv, pkt->payload, pkt->payload_caplen);
	if (pd != DIR_UNKNOWN)
		dir = pd;
	if (dir == DIR_UNKNOWN)
		return;
	int64_t t = nt_pkt_time(pkt);
	uint32_t size = pkt->l4_payload_len;
	if (dir == DIR_REQUEST) {
		if (is_group(&pkt->flow.src))
			return;
		struct victim *v = entry(s, &pkt->flow.src, sv, t, 1);
		if (v == NULL)
			return;
		v->requests++;
		v->req_bytes += size;
		if (is_group(&pkt->flow.dst) ||
		    (pkt->flow.dst.family == 4 && pkt->flow.dst.a[3] == 255)) {
			v->mcast_requests++;
			v->last_mcast = t;
		} else {
			uint32_t b = asked_bit(&pkt->flow.dst);
			v->asked[b >> 6] |= 1ull << (b & 63);
		}
		return;
	}
	if (is_group(&pkt->flow.dst))
		return; /* announcements to a group are nobody's victim */
	struct victim *v = entry(s, &pkt->flow.dst, sv, t, 1);
	if (v == NULL)
		return;
	if (v->responses == 0) {
		v->first = t;
		v->cur_sec = t / 1000000000LL;
	}
	v->last = t;
	v->responses++;
	v->resp_bytes += size;
	if (size > v->max_resp)
		v->max_resp = size;
	int64_t sec = t / 1000000000LL;
	if (sec != v->cur_sec) {
		v->cur_sec = sec;
		v->cur_n = 0;
		v->cur_bytes = 0;
	}
	v->cur_n++;
	v->cur_bytes += size;
	if (v->cur_n > v->peak_n) {
		v->peak_n = v->cur_n;
		v->peak_bytes = v->cur_bytes;
	}
	uint32_t b = asked_bit(&pkt->flow.src);
	int asked = (int)(v->asked[b >> 6] >> (b & 63) & 1);
	int64_t win = (int64_t)(P(7) * 1e9);
	if (asked || (v->last_mcast && t - v->last_mcast <= win)) {
		v->sol_bytes += size; /* solicited */
		nt_addr_sample(v->sol, &v->n_sol, SAMPLE_SRC, &pkt->flow.src);
		if (!v->have_snap) { /* until an unsolicited one comes */
			nt_snap_fill(&v->snap, pkt, raw);
			v->have_snap = 2;
		}
		return;
	}
	/* the reflectors: the sources of unsolicited responses */
	v->unsolicited++;
	nt_distinct_add(v->src_bits, SRC_BITS, nt_hash_addr(NT_FNV_SEED, &pkt->flow.src));
	nt_addr_sample(v->src, &v->n_src, SAMPLE_SRC, &pkt->flow.src);
	if (v->have_snap != 1) {
		nt_snap_fill(&v->snap, pkt, raw);
		v->have_snap = 1;
	}
}

static int is_icmp_kind(const char *kind)
{
	return strncmp(kind, "icmp.", 5) == 0 && strcmp(kind, "icmp.flood") != 0;
}

static int addr_is(const char *text, const struct nt_addr *a)
{
	char c[64];
	return strcmp(text, nt_addr_str(a, c, sizeof(c))) == 0;
}

/* The ICMP findings about the victim (or the address its spoofed requests
 * carry) within the attack: the backscatter of the reflection, folded into
 * its finding.  Returns how many. */
static uint32_t fold_backscatter(struct nt_findings *fs, struct nt_finding *f,
				 const struct victim *v)
{
	const int64_t slack = 10 * 1000000000LL;
	uint32_t folded = 0;
	for (uint32_t i = 0; i < fs->n_findings;) {
		struct nt_finding *g = &fs->findings[i];
		int hit = 0;
		if (g != f && is_icmp_kind(g->kind) && g->last_seen + slack >= v->first &&
		    g->first_seen <= v->last + slack) {
			const struct nt_addr *who[1 + SAMPLE_SPOOF];
			uint32_t n = 0;
			who[n++] = &v->addr;
			for (uint32_t k = 0; k < v->n_spoof; k++)
				who[n++] = &v->spoof[k];
			for (uint32_t k = 0; k < n && !hit; k++) {
				hit = addr_is(g->server, who[k]);
				for (uint32_t c = 0; c < g->n_clients && !hit; c++)
					hit = addr_is(g->clients[c], who[k]);
			}
		}
		if (!hit) {
			i++;
			continue;
		}
		f->aux[0] += g->count;
		nt_finding_copy_evidence(f, g);
		nt_findings_remove(fs, g);
		if (g < f)
			f--; /* later findings moved down by one */
		folded++;
	}
	return folded;
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct refl *s = state;
	for (uint32_t i = 0; i < s->tab.nslot; i++) {
		struct victim *v = nt_ktab_at(&s->tab, i);
		if (v == NULL || v->svc == 0 || v->responses < P(0))
			continue;
		double srcs = nt_distinct_est(v->src_bits, SRC_BITS);
		if (srcs < v->n_src)
			srcs = v->n_src;
		if (srcs > (double)v->unsolicited)
			srcs = (double)v->unsolicited;
		double span = (double)(v->last - v->first) / 1e9;
		double pps, bps;
		if (span < 1) { /* all within a second: the rate over the span */
			double d = span > 1e-3 ? span : 1e-3;
			pps = (double)v->responses / d;
			bps = (double)v->resp_bytes * 8 / d;
		} else {
			pps = v->peak_n;
			bps = (double)v->peak_bytes * 8;
		}
		double unsol = (double)v->unsolicited / (double)v->responses;
		/* amplification of the requests seen: the answers to them */
		double ratio = v->req_bytes ? (double)v->sol_bytes / (double)v->req_bytes : 0;
		int by_unsol = unsol >= P(2);
		int by_ratio = v->req_bytes && v->mcast_requests == 0 && ratio >= P(3);
		const struct nt_addr *list = v->src;
		uint32_t n_list = v->n_src;
		if (!by_unsol && by_ratio) { /* the reflectors it sent (spoofed) requests to */
			double asked = nt_distinct_est(v->asked, ASKED_BITS);
			if (asked > srcs)
				srcs = asked;
			list = v->sol;
			n_list = v->n_sol;
		}
		if (srcs < P(1) || pps < P(4) || (!by_unsol && !by_ratio))
			continue;
		const char *svc = SVC[v->svc].name;
		unsigned port = SVC[v->svc].port;
		struct nt_finding *f = nt_det_finding(fs, &nt_det_refl, "udp.reflection", &v->addr,
						      (int)port, "udp",
						      strlen(svc) < sizeof(f->protocol) ? svc : "UDP");
		if (f == NULL)
			continue;
		nt_fmt(f->aux_note, sizeof(f->aux_note), "%s", svc);
		int high = bps >= P(5) || pps >= P(6);
		f->severity = high ? NT_SEV_HIGH : NT_SEV_MEDIUM;
		f->count = v->responses;
		f->first_seen = v->first;
		f->last_seen = v->last;
		char c[64];
		for (uint32_t k = 0; k < n_list; k++)
			nt_finding_add_client(f, nt_addr_str(&list[k], c, sizeof(c)));
		if (srcs > f->n_clients) {
			f->clients_more = (uint32_t)(srcs - f->n_clients + 0.5);
			f->clients_more_est = 1; /* from the sketch */
		}
		if (v->have_snap)
			nt_finding_evidence(f, &v->snap);
		double avg = (double)v->resp_bytes / (double)v->responses;
		f->aux[0] = 0;
		/* only when ICMP errors quoting requests to the service came back */
		uint32_t folded = v->backscatter ? fold_backscatter(fs, f, v) : 0;
		/* f may have moved: find it again */
		f = nt_findings_find(fs, "udp.reflection", f->server, (int)port, "udp");
		if (f == NULL)
			continue;
		nt_figure_text(f, "service", svc);
		nt_figure(f, "service_port", port);
		nt_figure(f, "responses", (double)v->responses);
		nt_figure(f, "reflectors", srcs);
		nt_figure(f, "bits_per_s", bps);
		nt_figure(f, "packets_per_s", pps);
		nt_figure(f, "mean_bits_per_s", span > 0 ? (double)v->resp_bytes * 8 / span : bps);
		nt_figure(f, "mean_response_bytes", avg);
		nt_figure(f, "max_response_bytes", v->max_resp);
		nt_figure(f, "unsolicited_ratio", unsol);
		nt_figure(f, "requests_seen", (double)v->requests);
		nt_figure(f, "amplification", ratio);
		nt_figure(f, "icmp_backscatter", (double)v->backscatter);
		nt_figure(f, "findings_folded", folded);
		nt_figure(f, "folded_icmp_errors", (double)f->aux[0]);
		nt_figure(f, "seconds", span);
		char refl[300], t1[48], t2[48], amp[96];
		nt_join_clients(f, refl, sizeof(refl));
		nt_fmt_time_s(t1, sizeof(t1), v->first, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), v->last, e->no_date);
		if (v->req_bytes)
			nt_fmt(amp, sizeof(amp), "its %llu request bytes answered %.1fx",
			       (unsigned long long)v->req_bytes, ratio);
		else
			nt_fmt(amp, sizeof(amp), "no request from it seen");
		const char *about = f->clients_more_est ? "about " : "";
		char when[128];
		if (span < 1)
			nt_fmt(when, sizeof(when), "within %.0f ms from %s", span * 1e3, t1);
		else
			nt_fmt(when, sizeof(when), "between %s and %s", t1, t2);
		nt_fmt(f->summary, sizeof(f->summary),
			 "%s reflection toward %s: %llu responses from UDP port %u averaging %.0f "
			 "bytes from %s%.0f reflector%s (%.0f%% unsolicited; %s), up to %.1f Mbit/s "
			 "and %.0f packets/s %s.",
			 svc, f->server, (unsigned long long)v->responses, port, avg, about, srcs,
			 srcs == 1 ? "" : "s", unsol * 100, amp, bps / 1e6, pps, when);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "UDP packets from the reflector ports (US-CERT TA14-017A services; DNS is "
			 "dns.amplification's) were counted per receiver and service. %s received "
			 "%llu %s responses (udp.refl.min_responses = %.0f) from %s%.0f sources "
			 "(min %.0f), mean %.0f bytes, largest %u; %llu (%.0f%%) came from sources "
			 "it sent no request to and not after a multicast query of its own "
			 "(unsolicited, min %.0f%%). It sent %llu requests / %llu bytes on port %u, "
			 "answered by %llu bytes (amplification %.1f, min %.0f when its requests "
			 "are visible). Peak %.0f "
			 "packets/s, %.1f Mbit/s (udp.refl.min_pps = %.0f; high from %.0f Mbit/s or "
			 "%.0f packets/s). %llu ICMP errors quoting requests to port %u came back to "
			 "it (backscatter)%s. Published amplification factor of %s: %s.",
			 f->server, (unsigned long long)v->responses, svc, P(0), about, srcs, P(1),
			 avg, v->max_resp, (unsigned long long)v->unsolicited, unsol * 100,
			 P(2) * 100, (unsigned long long)v->requests,
			 (unsigned long long)v->req_bytes, port, (unsigned long long)v->sol_bytes,
			 ratio, P(3), pps, bps / 1e6, P(4),
			 P(5) / 1e6, P(6), (unsigned long long)v->backscatter, port,
			 folded ? "; the ICMP findings they raised are folded into this one" : "",
			 svc, SVC[v->svc].baf ? SVC[v->svc].baf : "not listed");
		nt_fmt(f->impact, sizeof(f->impact),
			 "%s is the target of a reflection attack: its link fills with %s answers "
			 "it never asked for (%.1f Mbit/s at the peak).", f->server, svc, bps / 1e6);
		nt_finding_cause(f, "Reflection/amplification DDoS",
			"An attacker sends small %s requests with %s forged as the source to "
			"exposed %s servers (%s), which answer it with larger responses.", svc,
			f->server, svc, refl);
		nt_finding_cause(f, "Our own hosts abused as reflectors",
			"If any of the reflectors are yours, their %s service (UDP %u) is open to "
			"the Internet.", svc, port);
		nt_finding_step(f, "Ask the upstream provider to filter UDP source port %u toward "
			"%s (or rate-limit it); apply BCP 38 ingress filtering.", port, f->server);
		nt_finding_step(f, "Check whether the reflectors (%s) are yours; close %s (UDP %u) "
			"to the Internet or disable the amplifying command.", refl, svc, port);
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	nt_fmt(dst, n, "%s reflection toward %s", f->aux_note[0] ? f->aux_note : f->protocol,
	       f->server);
}

static const struct nt_kind kinds[] = {{"udp.reflection", title}};

static const struct nt_table_desc tables[] = {
	{"udp_refl_victims", sizeof(struct victim), "cap.udp_refl_victims", NT_LAYOUT_SLOTS,
	 offsetof(struct refl, tab)},
};

const struct nt_detector nt_det_refl = {
	.name = "udp.reflection",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct refl),
	.on_packet = on_packet,
	.finish = finish,
};
