/* \summary: a packet kept as possible evidence: a bounded copy of its
 * bytes (or of its tcpdump text line) with where it came from, and what
 * the reader knew of it beyond the decoded record (struct nt_raw).
 * Filled by the engine when a packet may become evidence; printed as a
 * tcpdump line by print/snap.h. */
#ifndef NT_SNAP_H
#define NT_SNAP_H

#include <stddef.h>
#include <stdint.h>

#include "core/packet.h"

enum { NT_SNAP_MAX = 480 };

/* What a packet is, in the words of an evidence record. */
enum nt_pkt_event {
	NT_PE_PACKET = 0,      /* anything else */
	NT_PE_DNS_QUERY,
	NT_PE_DNS_ANSWER,      /* a response, rcode NOERROR */
	NT_PE_DNS_NXDOMAIN,
	NT_PE_DNS_SERVFAIL,
	NT_PE_DNS_REFUSED,
	NT_PE_DNS_ERROR,       /* a response with another rcode */
	NT_PE_ICMP_UNREACH,    /* destination unreachable (and other ICMP errors) */
	NT_PE_ICMP_TTL,        /* time exceeded */
	NT_PE_ICMP_FRAG,       /* fragmentation needed / packet too big */
	NT_PE_ICMP_ECHO,       /* echo request */
	NT_PE_ICMP_ECHO_REPLY,
	NT_PE_ICMP_OTHER,      /* other informational ICMP / ICMPv6 */
	NT_PE_TCP_SYN,         /* SYN without ACK: a connection attempt */
	NT_PE_TCP_SYNACK,
	NT_PE_TCP_RST,
	NT_PE_TCP_OTHER,
	NT_PE_COUNT
};

/* The decoded facts of a packet that an evidence record keeps, so that a
 * report reads them instead of its text. */
struct nt_facts {
	struct nt_addr src, dst;
	uint16_t sport, dport;
	uint8_t l3;            /* 4, 6, 1 (ARP) or 0 */
	uint8_t proto;         /* IP protocol, 0 unknown */
	uint8_t ttl;           /* IP TTL / hop limit (0 from text without -v) */
	uint8_t tcp_flags;
	uint8_t event;         /* enum nt_pkt_event */
	uint8_t icmp_type, icmp_code;
	uint8_t quote_ttl;     /* TTL of the datagram an ICMP error quotes */
	uint16_t dns_id, dns_qtype, dns_rcode;
	struct nt_addr quote_dst; /* destination of the quoted datagram */
	uint16_t quote_dport;
	uint8_t quote_proto;
};

/* A packet kept so that it can be printed later as evidence. */
struct nt_snap {
	uint64_t frame;     /* record number in its input */
	uint64_t line;      /* text logs: first line number, else 0 */
	int64_t t;          /* ns since the epoch, or of the day */
	uint32_t caplen, wirelen;
	int dlt;
	uint16_t len;       /* bytes held in data */
	uint8_t is_text;    /* data is a tcpdump text line */
	uint8_t input;      /* index of the input */
	struct nt_facts facts;
	uint8_t data[NT_SNAP_MAX];
};

/* What the caller knows about the packet beyond the decoded record. */
struct nt_raw {
	const uint8_t *data;   /* captured frame, or NULL */
	uint32_t caplen, wirelen;
	int dlt;
	const char *text;      /* tcpdump text line (unwrapped), or NULL */
	size_t text_len;
	uint64_t line;         /* its first line number */
	int input;
};

/* Fills a snapshot from a packet (its facts from the decoded record). */
void nt_snap_fill(struct nt_snap *s, const struct nt_pkt *pkt, const struct nt_raw *raw);
/* What the packet is (enum nt_pkt_event). */
int nt_pkt_event_of(const struct nt_pkt *pkt);
/* Nanoseconds since the epoch (or of the day) of a packet's time stamp,
 * clamped to +-2^62 ns so that no time or difference of two overflows. */
int64_t nt_pkt_time(const struct nt_pkt *pkt);

#endif
