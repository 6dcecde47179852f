/* \summary: the one-pass streaming correlation engine: bounded tables of
 * DNS transactions and lookups, TCP handshakes and hosts, ICMP error
 * linking, and the events it publishes to its listeners (the detectors,
 * the exports, the live view): it knows none of them.
 *
 * The engine consumes `struct nt_pkt` records in time order (several
 * inputs are merged by the caller).  Every table has a fixed capacity
 * chosen at init; when a table is full its oldest entry is evicted and
 * counted.  Nothing is allocated per packet: a packet that may become
 * evidence is kept as a bounded snapshot (core/snap.h: raw bytes or text
 * line), rendered as a tcpdump line only by the report (print/snap.h).
 */
#ifndef NT_ENGINE_H
#define NT_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "analysis/dnsprof.h"
#include "analysis/itable.h"
#include "analysis/reassembly.h"
#include "core/addr.h"
#include "core/hash.h"
#include "core/param.h"
#include "core/snap.h"
#include "core/table.h"
#include "core/packet.h"

/* ---- parameters (configurable with --set NAME=VALUE) ---- */

/* Engine parameters, by index into nt_engine_params[]. */
enum {
	NT_P_DNS_TIMEOUT,
	NT_P_DNS_LATE,
	NT_P_DNS_RETRY,
	NT_P_DNS_SAME_ID,
	NT_P_TCP_TIMEOUT,
	NT_P_CAP_DNS,
	NT_P_CAP_LOOKUP,
	NT_P_CAP_TCP,
	NT_P_CAP_HOST,
	NT_P_SPIKE_PPS,
	NT_P_CAP_SERVERS,
	NT_P_IPFRAG_TIMEOUT,
	NT_P_IP6FRAG_TIMEOUT,
	NT_P_CAP_IP_REASM,
	NT_P_TCPDNS_TIMEOUT,
	NT_P_CAP_TCP_DNS,
	NT_P_COUNT
};
extern struct nt_param nt_engine_params[NT_P_COUNT];


/* ---- correlation records ---- */

#define NT_DNS_TOMBS 256 /* ICMP-ended transactions remembered (power of two) */

enum nt_txn_state {
	NT_TXN_PENDING = 0,
	NT_TXN_ANSWERED,       /* a response with the same question came back */
	NT_TXN_UNANSWERED,     /* no response within dns.timeout */
	NT_TXN_ICMP,           /* an ICMP error quoting the query came back */
	NT_TXN_CAPTURE_END,    /* still waiting when the capture ended */
	NT_TXN_UNSOLICITED,    /* a response nobody was seen asking for */
	NT_TXN_EVICTED,        /* dropped from a full table */
};

/* The ICMP error linked to a flow. */
struct nt_icmp_info {
	uint8_t present;
	uint8_t v6, type, code;
	uint8_t from_target;   /* sent by the destination of the quoted datagram */
	uint8_t quote_truncated; /* quote too short for the DNS id */
	uint8_t verdict;       /* enum nt_icmp_verdict */
	uint8_t ttl;           /* TTL / hop limit of the error packet (0: unknown) */
	uint8_t quote_ttl;     /* TTL of the datagram it quotes (0: unknown) */
	uint32_t mtu;
	struct nt_addr reporter;
	int64_t t;
};

enum nt_icmp_verdict {
	NT_V_OTHER = 0,
	NT_V_PORT_CLOSED,     /* port unreachable: nothing listening */
	NT_V_HOST_UNREACH,    /* routing: host unreachable */
	NT_V_NET_UNREACH,     /* routing: network unreachable */
	NT_V_ADMIN,           /* administratively prohibited: a filter */
	NT_V_FRAG_NEEDED,     /* MTU: fragmentation needed / packet too big */
	NT_V_TTL,             /* TTL / hop limit exceeded: loop or traceroute */
	NT_V_PROTO_UNREACH,
};

/* One DNS query and its outcome (one attempt of a lookup). */
struct nt_dns_txn {
	struct nt_addr client, server;
	uint16_t cport, sport;
	uint8_t proto;         /* 17 or 6 */
	uint8_t state;         /* enum nt_txn_state */
	uint8_t late;          /* answered or rejected after dns.timeout */
	uint8_t tc;
	uint16_t id, qtype, rcode;
	uint16_t ancount;
	uint32_t min_ttl;
	uint8_t n_addr;
	struct nt_addr addr[2]; /* first answers */
	int64_t t_query, t_end; /* t_end: response, ICMP, or give-up time */
	uint32_t attempt;      /* 1-based attempt number within its lookup */
	struct nt_icmp_info icmp;
	/* header fields for the event export (Zeek dns.log names) */
	uint8_t aa, rd, ra, z, rejected, opcode;
	uint8_t after_icmp;    /* answered after an ICMP error had ended it */
	uint16_t qclass;
	uint32_t addr_ttl[2];  /* TTLs of addr[] */
	/* the response's own word on a failure: its Extended DNS Error (RFC
	 * 8914) and the zone of the SOA in its authority section */
	uint8_t has_ede;
	uint8_t frag_first;    /* the first fragment of a response to it was seen */
	uint16_t ede_code;
	uint32_t frag_udp_len; /* that response's length per its UDP header */
	uint32_t soa_minimum;
	char ede_text[NT_DNS_EDE_TEXT_MAX];
	char soa_zone[NT_DNS_SOA_MAX];
	char qname[NT_DNS_NAME_MAX];
	struct nt_snap snap;   /* the query packet (or the response, if unsolicited) */
	struct nt_ilink link;  /* table links (private); age list: by query time */
	int32_t lookup;        /* index of its lookup, valid while its gen matches */
	uint32_t lookup_gen;
};

enum nt_lookup_state {
	NT_LK_OPEN = 0,
	NT_LK_ANSWERED,        /* some attempt got a response */
	NT_LK_FAILED,          /* every attempt failed (timeout, ICMP) */
	NT_LK_CAPTURE_END,     /* still open when the capture ended */
};

/* One name lookup by one client: all attempts of the same question. */
struct nt_lookup {
	struct nt_addr client;
	struct nt_addr first_server;  /* the server of its first attempt */
	uint16_t first_port;
	uint8_t first_proto;
	struct nt_addr answered_by;   /* the server of the first answer */
	uint16_t qtype;
	uint16_t last_id, last_cport;
	uint8_t state;
	uint8_t failed_icmp, failed_timeout;
	uint8_t open_at_end;   /* an attempt was still waiting at capture end */
	uint16_t rcode;        /* of the first answer */
	uint32_t attempts, servers;
	struct nt_addr server; /* the last server asked */
	int64_t t_first, t_last_query, t_answer, t_giveup;
	char qname[NT_DNS_NAME_MAX];
	uint32_t gen;          /* bumped when the lookup ends */
	uint32_t pending;      /* attempts without an outcome yet */
	struct nt_ilink link;  /* table links (private); age list: LRU by last activity */
};

enum nt_hs_state {
	NT_HS_SYN = 0,
	NT_HS_ESTABLISHED,
	NT_HS_REFUSED,
	NT_HS_NO_ANSWER,
	NT_HS_ICMP,
	NT_HS_CAPTURE_END,
	NT_HS_EVICTED,
	NT_HS_UNSEEN_ANSWER,   /* the client went on (ACK, data): the SYN-ACK was not captured */
};

/* One TCP connection attempt (client -> server:port). */
struct nt_tcp_hs {
	struct nt_addr client, server;
	uint16_t cport, sport;
	uint8_t state;
	uint32_t syns;         /* SYNs seen (1 + retransmissions) */
	int64_t t_syn, t_last_syn, t_end;
	/* a RST answered the SYN: held for tcp.timeout in case the server's
	 * own SYN-ACK follows (then the RST was injected by the path) */
	uint8_t rst_pending, rst_injected;
	uint8_t syn_ttl, rst_ttl, synack_ttl; /* TTLs of the SYN, the RST, the SYN-ACK */
	int64_t t_rst, t_synack;
	struct nt_icmp_info icmp;
	struct nt_snap snap;   /* the first SYN */
	struct nt_ilink link;  /* table links (private); age list: by first SYN */
};

/* Per-host traffic counters (for spike detection). */
struct nt_host {
	struct nt_addr addr;
	uint64_t pkts_in, pkts_out; /* out: DNS responses only */
	uint32_t dns_queries_in, dns_answers_out;
	uint32_t cur_sec_pkts, peak_pps;
	uint32_t cur_sec_syns;  /* TCP SYNs (without ACK) received in cur_sec */
	int64_t cur_sec;
	int32_t next_hash;
	uint32_t hash;
	uint8_t used;          /* (its clock bit is in the engine's host_meta) */
	uint8_t one_sided;     /* it went on with connections whose answers the capture misses */
};

/* An ICMP error not tied to a DNS transaction. */
struct nt_icmp_event {
	const struct nt_pkt *pkt;
	struct nt_icmp_info info;
	const struct nt_tcp_hs *hs;   /* linked handshake, or NULL */
	uint8_t traceroute;           /* quote looks like a traceroute probe */
};

/* ---- events ---- */

enum nt_ev_type {
	NT_EV_DNS_TXN = 1,   /* a transaction ended (any state) */
	NT_EV_DNS_LOOKUP,    /* a lookup ended */
	NT_EV_ICMP,          /* an ICMP error (not linked to a DNS transaction) */
	NT_EV_TCP_HS,        /* a handshake ended */
};

struct nt_event {
	int type;
	const struct nt_dns_txn *txn;
	const struct nt_lookup *lookup;
	const struct nt_icmp_event *icmp;
	const struct nt_tcp_hs *hs;
	const struct nt_snap *end_snap; /* packet that ended it (response, ICMP, RST), or NULL */
};

/* ---- the engine ---- */

enum nt_proto_idx {
	NT_PR_IPV4, NT_PR_IPV6, NT_PR_ARP, NT_PR_UDP, NT_PR_TCP, NT_PR_ICMP,
	NT_PR_ICMP6, NT_PR_DNS, NT_PR_OTHER, NT_PR_COUNT
};
extern const char *const nt_proto_names[NT_PR_COUNT];

enum nt_table_idx {
	NT_TB_DNS, NT_TB_LOOKUP, NT_TB_TCP, NT_TB_HOST, NT_TB_DNS_SERVERS, NT_TB_IP_REASM,
	NT_TB_TCP_DNS, NT_TB_COUNT
};
/* The engine's bounded tables: name, bytes per entry, capacity parameter
 * and layout (for --memcap); their counters are in nt_engine.tb[]. */
extern const struct nt_table_desc nt_engine_tables[NT_TB_COUNT];

struct nt_dns_stats {
	uint64_t queries, responses, answered, unanswered, icmp, capture_end, unsolicited,
		late, retries, lookups, lookups_failed, nxdomain, servfail, refused, truncated;
	uint64_t answered_after_icmp; /* of icmp: a response came afterwards */
	int64_t rtt_sum_ns;
	int64_t rtt_max_ns;
	/* per lookup: first query to first answer, and to the last failure */
	uint64_t lookups_answered;
	int64_t answer_sum_ns, answer_max_ns, giveup_max_ns;
};

struct nt_tcp_stats {
	uint64_t attempts, established, refused, no_answer, icmp, capture_end;
	uint64_t reset_injected; /* of established: a RST came first, then the SYN-ACK */
	uint64_t unseen_answer;  /* the client went on without a SYN-ACK in the capture */
};

/* A RST that answered a SYN, held until the server's SYN-ACK may follow. */
enum { NT_RST_HOLD = 256, NT_SYN_FILTER = 1 << 16 };
struct nt_rst_hold {
	int32_t hs;            /* the handshake, valid while its hash matches */
	uint32_t hash;
	int64_t t;
	struct nt_snap snap;   /* the RST */
};

struct nt_engine;

/* What the engine calls as it goes.  Any member may be NULL. */
struct nt_listener {
	/* Every packet, after the correlators handled it. */
	void (*on_packet)(void *ctx, const struct nt_engine *e, const struct nt_pkt *pkt,
			  const struct nt_raw *raw);
	/* Every event, when it happens (during a packet, or when time moves). */
	void (*on_event)(void *ctx, const struct nt_engine *e, const struct nt_event *ev);
	/* End of input, once every open entry has been closed. */
	void (*on_finish)(void *ctx, const struct nt_engine *e);
	void *ctx;
};

enum { NT_ENGINE_MAX_LISTENERS = 8 };

struct nt_engine {
	int64_t start, end;   /* times of the earliest and the latest packet */
	int64_t now;          /* the clock: the latest packet, or later (nt_engine_advance) */
	int have_time;
	int no_date;
	uint64_t packets;
	uint64_t proto[NT_PR_COUNT];
	uint64_t icmp_errors, icmp_unlinked;
	struct nt_table_stats tb[NT_TB_COUNT];
	struct nt_dns_stats dns;
	struct nt_tcp_stats tcp;
	/* parameters resolved at init (ns / counts) */
	int64_t dns_timeout, dns_late, dns_retry, dns_same_id, tcp_timeout;
	/* DNS transactions: pool + chained hash + FIFO by query time */
	struct nt_dns_txn *txn;      /* the pool of txn_tab */
	struct nt_itable txn_tab;
	/* transactions ended by an ICMP error, kept a while (direct-mapped
	 * by transaction hash, NT_DNS_TOMBS entries) so that a response
	 * arriving after the error is paired, not taken as unsolicited */
	struct nt_dns_txn *tomb;
	/* lookups: pool + chained hash + LRU by last activity */
	struct nt_lookup *lk;        /* the pool of lk_tab */
	struct nt_itable lk_tab;
	/* TCP handshakes: pool + chained hash + FIFO by first SYN */
	struct nt_tcp_hs *hs;        /* the pool of hs_tab */
	struct nt_itable hs_tab;
	/* bit per (client port, server port, address bytes) of a handshake
	 * waiting for its SYN-ACK: spares the client's other segments the
	 * lookup that finds one the capture answered out of view */
	uint64_t syn_filter[NT_SYN_FILTER / 64];
	uint32_t syn_filter_adds;    /* since it was last rebuilt from the table */
	/* RSTs that answered a SYN, oldest first (a ring of NT_RST_HOLD) */
	struct nt_rst_hold *rst_hold;
	uint32_t rst_head, rst_n;
	/* per-server DNS profiles (analysis/dnsprof.h), and the last one used
	 * (queries and answers mostly go to the same few servers) */
	struct nt_ktab prof;
	struct nt_dns_prof *prof_hot;
	/* hosts: open addressing with a clock hand */
	struct nt_host *host;
	uint8_t *host_meta;   /* per slot: used, clock bit, 6 bits of the hash */
	uint32_t host_nslot, host_hand, host_clock;
	/* IP fragments and DNS over TCP (analysis/reassembly.h) */
	struct nt_reassembly rs;
	/* scratch */
	struct nt_snap scratch;
	/* who is told about packets and events, in the order they subscribed */
	struct nt_listener listener[NT_ENGINE_MAX_LISTENERS];
	unsigned n_listeners;
};

/* 0, or -1 when out of memory. */
int nt_engine_init(struct nt_engine *e);
void nt_engine_free(struct nt_engine *e);
/* One packet, in time order. */
void nt_engine_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw);
/* Live input: the clock moved to now (ns since the epoch) without a
 * packet; ends what timed out by then. */
void nt_engine_advance(struct nt_engine *e, int64_t now);
/* End of all input: closes what is still open (their events), then tells
 * the listeners. */
void nt_engine_finish(struct nt_engine *e);
/* Subscribes l (copied): 0, or -1 when NT_ENGINE_MAX_LISTENERS are
 * already subscribed. */
int nt_engine_listen(struct nt_engine *e, const struct nt_listener *l);
/* The DNS profile of a server (address, port, transport), or NULL. */
const struct nt_dns_prof *nt_engine_dns_server(const struct nt_engine *e, const struct nt_addr *a,
					       uint16_t port, uint8_t proto);
/* Marks a host whose connections went on without the answers in the
 * capture (the capture sees one direction only). */
void nt_engine_one_sided(struct nt_engine *e, const struct nt_addr *a);
/* Host counters for an address, or NULL when not tracked. */
const struct nt_host *nt_engine_host(const struct nt_engine *e, const struct nt_addr *a);


/* ---- internals shared by the analysis files ---- */
int64_t nt_pkt_time(const struct nt_pkt *pkt);
void nt_emit(struct nt_engine *e, const struct nt_event *ev);
/* Gives a packet to the listeners. */
void nt_publish(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw);

int nt_dns_init(struct nt_engine *e);
void nt_dns_free(struct nt_engine *e);
void nt_dns_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw);
void nt_dns_expire(struct nt_engine *e, int64_t now, int at_end);
/* The first fragment of a fragmented DNS response: marks the pending
 * transactions it answers (by client, ports and id), so that a response
 * whose other fragments never come is told from one never sent. */
void nt_dns_first_fragment(struct nt_engine *e, const struct nt_pkt *pkt);
/* Links an ICMP error to a pending DNS transaction; 1 when linked. */
int nt_dns_link_icmp(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw,
		     const struct nt_icmp_info *info);

int nt_tcp_init(struct nt_engine *e);
void nt_tcp_free(struct nt_engine *e);
void nt_tcp_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw);
void nt_tcp_expire(struct nt_engine *e, int64_t now, int at_end);
/* Links an ICMP error to an open handshake; returns it or NULL. */
const struct nt_tcp_hs *nt_tcp_link_icmp(struct nt_engine *e, const struct nt_pkt *pkt,
					 const struct nt_raw *raw, const struct nt_icmp_info *info);

void nt_icmp_packet(struct nt_engine *e, const struct nt_pkt *pkt, const struct nt_raw *raw);
const char *nt_icmp_verdict_name(int verdict);
const char *nt_icmp_code_text(const struct nt_icmp_info *ic);

#endif
