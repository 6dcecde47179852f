/* \summary: the streaming driver of the analysis: parameters, time,
 * protocol counters, the bounded host table, the dispatch of packets to
 * the DNS, TCP and ICMP correlators, and the publication of packets and
 * events to the listeners. */
#include "analysis/engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


#define NS 1000000000LL
#define NT_HOST_PROBE 8u

/* Engine thresholds.  Each default cites where it comes from. */
struct nt_param nt_engine_params[NT_P_COUNT] = {
	[NT_P_DNS_TIMEOUT] = {"dns.timeout", 5, "s",
		"a DNS query with no response after this long is unanswered",
		"glibc resolver default timeout (resolv.conf(5) 'options timeout:5', RES_TIMEOUT)"},
	[NT_P_DNS_LATE] = {"dns.late_window", 120, "s",
		"how long an unanswered query is kept after its timeout so that a late "
		"response or ICMP error can still be linked to it",
		"nettriage choice: covers the 43 s ICMP delay of the yummyrecipes log; "
		"2 x the 60 s window the Zeek DNS analyzer keeps pending queries"},
	[NT_P_DNS_RETRY] = {"dns.retry_window", 30, "s",
		"a repeated question from the same client with a new id or port within this "
		"long after the previous attempt is a retry of the same lookup",
		"glibc: timeout 5 s x attempts 2 x up to 3 servers = 30 s before giving up "
		"(resolv.conf(5))"},
	[NT_P_DNS_SAME_ID] = {"dns.same_id_window", 300, "s",
		"a repeated question with the same id and source port within this long is a "
		"retransmission of the same lookup",
		"RFC 5452 section 9.2: a new lookup uses a fresh random id and port, so an "
		"identical id/port pair is the same query resent; 5 min bounds the memory"},
	[NT_P_TCP_TIMEOUT] = {"tcp.timeout", 3, "s",
		"a SYN with no answer after this long (or retransmitted) got no response",
		"RFC 6298 section 2.1 / RFC 1122: initial RTO 1 s, SYN retransmitted after "
		"1 s and 3 s (Linux tcp_syn_retries backoff)"},
	[NT_P_CAP_DNS] = {"cap.dns_transactions", 8192, "entries",
		"capacity of the pending DNS transaction table (oldest evicted)",
		"Zeek DNS::max_pending_msgs is 50 per connection; 8192 covers a busy resolver's "
		"outstanding queries in a few MiB"},
	[NT_P_CAP_LOOKUP] = {"cap.dns_lookups", 8192, "entries",
		"capacity of the open lookup table (least recently used evicted)",
		"nettriage choice, same scale as cap.dns_transactions"},
	[NT_P_CAP_TCP] = {"cap.tcp_handshakes", 8192, "entries",
		"capacity of the open TCP handshake table (oldest evicted)",
		"nettriage choice; Zeek scan.zeek tracks failed attempts per host pair likewise"},
	[NT_P_CAP_HOST] = {"cap.hosts", 4096, "entries",
		"capacity of the per-host traffic table (clock eviction)",
		"nettriage choice"},
	[NT_P_CAP_SERVERS] = {"cap.dns_servers", 256, "entries",
		"DNS servers whose queries, answers, response times and errors are profiled "
		"(least recently used evicted)",
		"nettriage choice: a site talks to a handful of resolvers; 256 x ~1 KiB"},
	[NT_P_IPFRAG_TIMEOUT] = {"ipfrag.timeout", 30, "s",
		"an IPv4 datagram whose fragments are not all in this long after its first "
		"one arrived is discarded (counted timed out)",
		"Linux ipfrag_time default (IP_FRAG_TIME, 30 s; net/ipv4/ip_fragment.c), not "
		"extended by later fragments"},
	[NT_P_IP6FRAG_TIMEOUT] = {"ip6frag.timeout", 60, "s",
		"the same for an IPv6 datagram",
		"RFC 8200 section 4.5 (60 s); Linux ip6frag_time default (IPV6_FRAG_TIMEOUT)"},
	[NT_P_CAP_IP_REASM] = {"cap.ip_reassembly", 512, "entries",
		"IPv4 and IPv6 datagrams being reassembled at once (oldest evicted); each keeps "
		"its first 8 KiB of data",
		"Linux ipfrag_high_thresh: 4 MiB of queued fragments; 512 x ~9 KiB is the same "
		"budget"},
	[NT_P_TCPDNS_TIMEOUT] = {"tcpdns.timeout", 30, "s",
		"a direction of a DNS-over-TCP connection without a segment for this long is "
		"no longer followed (a partial message in it is counted incomplete)",
		"BIND tcp-idle-timeout and Unbound tcp-idle-timeout defaults (30 s); RFC 7766 "
		"section 6.2.3 lets servers close idle connections after seconds"},
	[NT_P_CAP_TCP_DNS] = {"cap.tcp_dns_streams", 256, "entries",
		"directions of DNS-over-TCP connections followed at once (least recently active "
		"evicted); each keeps 4 KiB of a message and 2 KiB of one out-of-order segment",
		"nettriage choice: DNS over TCP is the fallback for truncated answers and zone "
		"transfers, a few connections at a time; 256 x ~6 KiB"},
	[NT_P_SPIKE_PPS] = {"host.spike_pps", 1000, "packets/s",
		"requests per second towards one host (UDP and ICMP packets, TCP SYNs) above "
		"which the capture shows a traffic spike (supports a denial-of-service cause)",
		"DNSdist setQueryRate(20, 10) example is 20 qps per client; 1000 pps to one "
		"server is 50 such clients (ET sid 2016016 counts 5 ANY/60 s per target)"},
};

const char *const nt_proto_names[NT_PR_COUNT] = {
	"ipv4", "ipv6", "arp", "udp", "tcp", "icmp", "icmp6", "dns", "other",
};

const struct nt_table_desc nt_engine_tables[NT_TB_COUNT] = {
	[NT_TB_DNS] = {"dns_transactions", sizeof(struct nt_dns_txn), "cap.dns_transactions",
		       NT_LAYOUT_POOL, 0},
	[NT_TB_LOOKUP] = {"dns_lookups", sizeof(struct nt_lookup), "cap.dns_lookups",
			  NT_LAYOUT_POOL, 0},
	[NT_TB_TCP] = {"tcp_handshakes", sizeof(struct nt_tcp_hs), "cap.tcp_handshakes",
		       NT_LAYOUT_POOL, 0},
	[NT_TB_HOST] = {"hosts", sizeof(struct nt_host), "cap.hosts", NT_LAYOUT_OPEN2X, 0},
	[NT_TB_DNS_SERVERS] = {"dns_servers", sizeof(struct nt_dns_prof), "cap.dns_servers",
			       NT_LAYOUT_SLOTS, 0},
	[NT_TB_IP_REASM] = {"ip_reassembly", NT_REASM_ENTRY_BYTES, "cap.ip_reassembly",
			    NT_LAYOUT_POOL, 0},
	[NT_TB_TCP_DNS] = {"tcp_dns_streams", NT_TCPDNS_ENTRY_BYTES, "cap.tcp_dns_streams",
			   NT_LAYOUT_POOL, 0},
};

/* ---- hosts: open addressing, clock eviction ---- */

/* host_meta[slot]: HM_USED, HM_REF (the clock bit) and the top 6 bits of
 * the slot's hash, so that probing and the clock read one byte a slot and
 * touch an entry only when its hash may match (8192 entries of 80 bytes
 * by default; their metadata is 8 KiB). */
enum { HM_USED = 1, HM_REF = 2 };

static uint8_t host_tag(uint32_t h)
{
	return (uint8_t)(HM_USED | ((h >> 24) & 0xfc));
}

/* Frees slot k and shifts the rest of its run back (linear probing
 * without tombstones): an entry moves into the hole when the hole lies
 * between its home slot and where it stands. */
static void host_remove(struct nt_engine *e, uint32_t k)
{
	uint32_t mask = e->host_nslot - 1;
	uint8_t *meta = e->host_meta;
	uint32_t hole = k;
	for (uint32_t j = (k + 1) & mask, n = 1; n < e->host_nslot; j = (j + 1) & mask, n++) {
		if (!(meta[j] & HM_USED))
			break;
		uint32_t home = e->host[j].hash & mask;
		if (((j - home) & mask) >= ((j - hole) & mask)) {
			e->host[hole] = e->host[j];
			meta[hole] = meta[j];
			hole = j;
		}
	}
	meta[hole] = 0;
	memset(&e->host[hole], 0, sizeof(e->host[hole]));
}

static struct nt_host *host_get(struct nt_engine *e, const struct nt_addr *a)
{
	if (a->family == 0 || e->host_nslot == 0)
		return NULL;
	uint32_t h = nt_hash_addr(NT_FNV_SEED, a);
	uint32_t mask = e->host_nslot - 1;
	uint8_t *meta = e->host_meta, tag = host_tag(h);
	struct nt_table_stats *ts = &e->tb[NT_TB_HOST];
	uint32_t empty = UINT32_MAX;
	uint32_t run = 0; /* used slots of this key's probe run */
	/* Removal shifts the rest of a run back (host_remove) and replacement
	 * happens in place, so a probe run has no holes: an empty slot ends
	 * the search. */
	for (uint32_t i = 0; i < NT_HOST_PROBE; i++) {
		uint32_t k = (h + i) & mask;
		uint8_t m = meta[k];
		if (!(m & HM_USED)) {
			empty = k;
			break;
		}
		run++;
		if ((uint8_t)(m & ~HM_REF) == tag) {
			struct nt_host *s = &e->host[k];
			if (s->hash == h && nt_addr_eq(&s->addr, a)) {
				meta[k] = (uint8_t)(m | HM_REF);
				return s;
			}
		}
	}
	if (ts->used >= ts->cap) {
		/* At capacity: a second-chance clock over the whole table picks
		 * the victim, whose slot is freed with backward-shift deletion
		 * (runs keep no holes); then the key's first empty slot is found
		 * again, as the shift may have moved it. */
		for (uint32_t n = 0; n < 2 * e->host_nslot + 1; n++) {
			uint32_t k = e->host_clock++ & mask;
			if (!(meta[k] & HM_USED))
				continue;
			if ((meta[k] & HM_REF) && n < 2 * e->host_nslot) {
				meta[k] = (uint8_t)(meta[k] & ~HM_REF);
				continue;
			}
			host_remove(e, k);
			ts->evicted++;
			ts->used--;
			break;
		}
		empty = UINT32_MAX;
		for (uint32_t i = 0; i < NT_HOST_PROBE; i++) {
			uint32_t k = (h + i) & mask;
			if (!(meta[k] & HM_USED)) {
				empty = k;
				break;
			}
		}
	}
	uint32_t slot = empty;
	if (slot == UINT32_MAX) {
		/* the key's probe window is full: second-chance clock over the
		 * window, replacing in place */
		uint32_t win = NT_HOST_PROBE;
		for (uint32_t i = 0; i < 2 * win && slot == UINT32_MAX; i++) {
			uint32_t k = (h + (e->host_hand + i) % win) & mask;
			if (meta[k] & HM_REF)
				meta[k] = (uint8_t)(meta[k] & ~HM_REF);
			else
				slot = k;
		}
		if (slot == UINT32_MAX)
			slot = h & mask;
		e->host_hand = (e->host_hand + 1) % NT_HOST_PROBE;
		ts->evicted++;
		ts->used--;
	}
	struct nt_host *s = &e->host[slot];
	memset(s, 0, sizeof(*s));
	s->used = 1;
	s->hash = h;
	s->addr = *a;
	meta[slot] = (uint8_t)(tag | HM_REF);
	ts->used++;
	ts->inserted++;
	if (ts->used > ts->peak)
		ts->peak = ts->used;
	return s;
}

const struct nt_dns_prof *nt_engine_dns_server(const struct nt_engine *e, const struct nt_addr *a,
					       uint16_t port, uint8_t proto)
{
	return e->prof.mem ? nt_prof_find(&e->prof, a, port, proto) : NULL;
}

void nt_engine_one_sided(struct nt_engine *e, const struct nt_addr *a)
{
	struct nt_host *h = host_get(e, a);
	if (h)
		h->one_sided = 1;
}

const struct nt_host *nt_engine_host(const struct nt_engine *e, const struct nt_addr *a)
{
	if (a->family == 0 || e->host_nslot == 0)
		return NULL;
	uint32_t h = nt_hash_addr(NT_FNV_SEED, a);
	uint32_t mask = e->host_nslot - 1;
	for (uint32_t i = 0; i < NT_HOST_PROBE; i++) {
		const struct nt_host *s = &e->host[(h + i) & mask];
		if (!s->used)
			return NULL;
		if (s->hash == h && nt_addr_eq(&s->addr, a))
			return s;
	}
	return NULL;
}

static void host_count(struct nt_engine *e, const struct nt_pkt *pkt)
{
	struct nt_host *d = host_get(e, &pkt->flow.dst);
	if (d) {
		d->pkts_in++;
		if (pkt->ts_sec != d->cur_sec) {
			d->cur_sec = pkt->ts_sec;
			d->cur_sec_pkts = 0;
			d->cur_sec_syns = 0;
		}
		if (++d->cur_sec_pkts > d->peak_pps)
			d->peak_pps = d->cur_sec_pkts;
		if (pkt->flow.proto == 6 && (pkt->tcp_flags & (NT_TH_SYN | NT_TH_ACK)) == NT_TH_SYN)
			d->cur_sec_syns++;
		if (pkt->dns.present && !pkt->dns.qr)
			d->dns_queries_in++;
	}
	/* the sending side matters only for DNS servers' answers */
	if (pkt->dns.present && pkt->dns.qr) {
		struct nt_host *s = host_get(e, &pkt->flow.src);
		if (s) {
			s->pkts_out++;
			s->dns_answers_out++;
		}
	}
}

/* ---- lifecycle ---- */

static uint32_t pow2_at_least(uint32_t n)
{
	uint32_t p = 16;
	while (p < n)
		p <<= 1;
	return p;
}

int nt_engine_init(struct nt_engine *e)
{
	memset(e, 0, sizeof(*e));
	e->dns_timeout = (int64_t)(nt_engine_params[NT_P_DNS_TIMEOUT].value * NS);
	e->dns_late = (int64_t)(nt_engine_params[NT_P_DNS_LATE].value * NS);
	e->dns_retry = (int64_t)(nt_engine_params[NT_P_DNS_RETRY].value * NS);
	e->dns_same_id = (int64_t)(nt_engine_params[NT_P_DNS_SAME_ID].value * NS);
	e->tcp_timeout = (int64_t)(nt_engine_params[NT_P_TCP_TIMEOUT].value * NS);
	e->tb[NT_TB_DNS].cap = (uint32_t)nt_engine_params[NT_P_CAP_DNS].value;
	e->tb[NT_TB_LOOKUP].cap = (uint32_t)nt_engine_params[NT_P_CAP_LOOKUP].value;
	e->tb[NT_TB_TCP].cap = (uint32_t)nt_engine_params[NT_P_CAP_TCP].value;
	e->tb[NT_TB_HOST].cap = (uint32_t)nt_engine_params[NT_P_CAP_HOST].value;
	e->host_nslot = pow2_at_least(e->tb[NT_TB_HOST].cap * 2);
	e->host = calloc(e->host_nslot, sizeof(*e->host));
	e->host_meta = calloc(e->host_nslot, 1);
	if (e->host == NULL || e->host_meta == NULL || nt_dns_init(e) < 0 || nt_tcp_init(e) < 0 ||
	    nt_reassembly_init(e) < 0) {
		nt_engine_free(e);
		return -1;
	}
	return 0;
}

int nt_engine_listen(struct nt_engine *e, const struct nt_listener *l)
{
	if (e->n_listeners >= NT_ENGINE_MAX_LISTENERS)
		return -1;
	e->listener[e->n_listeners++] = *l;
	return 0;
}

void nt_engine_free(struct nt_engine *e)
{
	nt_dns_free(e);
	nt_tcp_free(e);
	nt_reassembly_free(e);
	free(e->host);
	free(e->host_meta);
	e->host = NULL;
	e->host_meta = NULL;
	e->host_nslot = 0;
}

void nt_emit(struct nt_engine *e, const struct nt_event *ev)
{
	for (unsigned i = 0; i < e->n_listeners; i++)
		if (e->listener[i].on_event)
			e->listener[i].on_event(e->listener[i].ctx, e, ev);
}

/* The packet is done: tell the listeners. */
void nt_publish(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	for (unsigned i = 0; i < e->n_listeners; i++)
		if (e->listener[i].on_packet)
			e->listener[i].on_packet(e->listener[i].ctx, e, pkt, raw);
}

void nt_engine_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	int64_t t = nt_pkt_time(pkt);
	if (pkt->flags & NT_PKT_NO_DATE)
		e->no_date = 1;
	if (!e->have_time || t > e->now)
		e->now = t;
	if (!e->have_time || t < e->start)
		e->start = t;
	if (!e->have_time || t > e->end)
		e->end = t;
	e->have_time = 1;
	e->packets++;

	/* Time-driven ends first: what timed out before this packet. */
	nt_dns_expire(e, e->now, 0);
	nt_tcp_expire(e, e->now, 0);
	if (e->now >= e->rs.due)
		nt_reassembly_expire(e, e->now, 0);

	if (pkt->l3 == 4)
		e->proto[NT_PR_IPV4]++;
	else if (pkt->l3 == 6)
		e->proto[NT_PR_IPV6]++;
	else if (pkt->l3 == 1)
		e->proto[NT_PR_ARP]++;
	else
		e->proto[NT_PR_OTHER]++;
	if (pkt->l3 != 4 && pkt->l3 != 6) {
		nt_publish(e, pkt, raw);
		return;
	}
	/* the first fragment of a DNS response: the server did answer, whether
	 * or not the rest of the datagram arrives */
	if ((pkt->reasm & NT_RS_FRAG) && pkt->frag_off == 0 && pkt->frag_more &&
	    pkt->flow.proto == 17 && pkt->flow.has_ports)
		nt_dns_first_fragment(e, pkt);
	/* a fragment, or DNS over TCP: what it completes, in its place */
	if (pkt->reasm)
		pkt = nt_reassembly_packet(e, pkt, raw);
	/* per-host rates count requests: everything but established TCP data */
	if (pkt->flow.proto != 6 || (pkt->tcp_flags & (NT_TH_SYN | NT_TH_ACK)) == NT_TH_SYN)
		host_count(e, pkt);
	switch (pkt->flow.proto) {
	case 17:
		e->proto[NT_PR_UDP]++;
		break;
	case 6:
		e->proto[NT_PR_TCP]++;
		break;
	case 1:
		e->proto[NT_PR_ICMP]++;
		break;
	case 58:
		e->proto[NT_PR_ICMP6]++;
		break;
	default:
		if (pkt->l3 == 4 || pkt->l3 == 6)
			e->proto[NT_PR_OTHER]++;
		break;
	}
	if (pkt->dns.present && !pkt->dns.is_mdns && !pkt->dns.is_llmnr) {
		e->proto[NT_PR_DNS]++;
		nt_dns_packet(e, pkt, raw);
	}
	/* TCP takes whole datagrams only, as a receiver's TCP does */
	if (pkt->flow.proto == 6 && !pkt->fragment && !(pkt->reasm & NT_RS_FRAG))
		nt_tcp_packet(e, pkt, raw);
	if (pkt->icmp.present && pkt->icmp.is_error)
		nt_icmp_packet(e, pkt, raw);
	nt_publish(e, pkt, raw);
}

void nt_engine_advance(struct nt_engine *e, int64_t now)
{
	if (!e->have_time || now <= e->now)
		return;
	e->now = now;
	nt_dns_expire(e, e->now, 0);
	nt_tcp_expire(e, e->now, 0);
	nt_reassembly_expire(e, e->now, 0);
}

void nt_engine_finish(struct nt_engine *e)
{
	nt_reassembly_expire(e, e->now, 1);
	nt_dns_expire(e, e->now, 1);
	nt_tcp_expire(e, e->now, 1);
	e->tb[NT_TB_DNS_SERVERS] = e->prof.st;
	for (unsigned i = 0; i < e->n_listeners; i++)
		if (e->listener[i].on_finish)
			e->listener[i].on_finish(e->listener[i].ctx, e);
}
