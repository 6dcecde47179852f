/* \summary: the structured record of one packet, shared by every stage:
 * the decoders fill it from a frame, the text-log reader from a tcpdump
 * line, the engine and the detectors read it.
 *
 * The decoders fill a caller-owned `struct nt_pkt`; nothing is allocated
 * and pointers (payload) point into the captured frame, valid until the
 * next packet.  The analysis engine consumes these records; the text-log
 * reader fills the same record from a tcpdump line, with NT_PKT_FROM_TEXT
 * set and fewer fields known.
 */
#ifndef NT_PACKET_H
#define NT_PACKET_H

#include <stddef.h>
#include <stdint.h>

/* Link types we decode (values are libpcap DLT_ numbers). */
enum {
	NT_DLT_NULL = 0,
	NT_DLT_EN10MB = 1,
	NT_DLT_RAW = 12,       /* DLT_RAW on most systems (LINKTYPE_RAW 101) */
	NT_DLT_RAW_OPENBSD = 14,
	NT_DLT_LOOP = 108,
	NT_DLT_LINUX_SLL = 113,
	NT_DLT_IPV4 = 228,
	NT_DLT_IPV6 = 229,
	NT_DLT_LINUX_SLL2 = 276,
};

/* An IPv4 or IPv6 address (v4 in the first 4 bytes). */
struct nt_addr {
	uint8_t family; /* 4 or 6, 0 = none */
	uint8_t a[16];
};

/* Transport endpoints of a flow, as a quoted or outer header gives them. */
struct nt_flow {
	struct nt_addr src, dst;
	uint8_t proto;  /* IPPROTO_*; 0 when unknown */
	uint16_t sport, dport;
	uint8_t has_ports;
};

/* What was wrong with the bytes, if anything. */
enum nt_pkt_status {
	NT_PKT_OK = 0,
	NT_PKT_TRUNCATED = 1, /* capture ended inside a header (snap length) */
	NT_PKT_MALFORMED = 2, /* a length or field is impossible */
};

enum nt_dns_max {
	NT_DNS_NAME_MAX = 256, NT_DNS_ANS_MAX = 8, NT_DNS_SOA_MAX = 128, NT_DNS_EDE_TEXT_MAX = 80
};

/* One DNS answer record we keep (A/AAAA/CNAME...). */
struct nt_dns_rr {
	uint16_t type;
	uint32_t ttl;
	struct nt_addr addr; /* A / AAAA */
};

/* The DNS part of a packet: header, first question, answer summary. */
struct nt_dns {
	uint8_t present;
	uint8_t qr, opcode, aa, tc, rd, ra, ad, cd;
	uint8_t z;               /* the header's Z, AD and CD bits (Zeek's Z: flags >> 4 & 7) */
	uint16_t id;
	uint16_t rcode;          /* extended with OPT when present */
	uint16_t qdcount, ancount, nscount, arcount;
	char qname[NT_DNS_NAME_MAX]; /* presentation form, no trailing dot ("." for root) */
	/* the first SOA of the authority section: its owner (the zone that
	 * answered a negative response), "" when none; and its MINIMUM */
	char soa_zone[NT_DNS_SOA_MAX];
	/* Extended DNS Error (RFC 8914) EXTRA-TEXT, "" when none or empty */
	char ede_text[NT_DNS_EDE_TEXT_MAX];
	uint16_t qtype, qclass;
	uint8_t has_question;
	uint8_t has_ede;         /* an EDE option was in the OPT record */
	uint16_t ede_code;       /* its INFO-CODE */
	uint32_t soa_minimum;
	uint8_t edns;            /* OPT seen */
	uint16_t edns_udp_size;
	uint8_t n_rr;            /* answers kept in rr[] */
	struct nt_dns_rr rr[NT_DNS_ANS_MAX];
	uint32_t min_ttl;
	uint16_t msg_len;        /* DNS message length */
	uint8_t status;          /* enum nt_pkt_status of the DNS decode */
	uint8_t is_mdns, is_llmnr;
};

/* An ICMP / ICMPv6 error and the datagram it quotes. */
struct nt_icmp {
	uint8_t present;
	uint8_t v6;
	uint8_t type, code;
	uint8_t is_error;        /* unreachable, time exceeded, redirect, ... */
	uint16_t id, seq;        /* echo */
	uint32_t mtu;            /* frag-needed / packet too big */
	struct nt_addr gateway;  /* redirect */
	uint8_t has_quote;       /* a quoted IP header was decoded */
	struct nt_flow quote;    /* the quoted datagram's flow */
	uint8_t quote_ttl;
	uint16_t quote_len;      /* bytes of quote present */
	uint8_t quote_has_dns_id;
	uint16_t quote_dns_id;
	uint16_t quote_dns_qtype;
	char quote_qname[NT_DNS_NAME_MAX]; /* empty when not quoted */
};

enum nt_tcp_flags {
	NT_TH_FIN = 0x01, NT_TH_SYN = 0x02, NT_TH_RST = 0x04, NT_TH_PUSH = 0x08,
	NT_TH_ACK = 0x10, NT_TH_URG = 0x20, NT_TH_ECE = 0x40, NT_TH_CWR = 0x80,
};

struct nt_pkt {
	/* Frame */
	uint64_t frame;          /* 1-based record number */
	int64_t ts_sec;          /* seconds since the epoch (or of the day: text logs without date) */
	uint32_t ts_nsec;
	uint32_t caplen, wirelen;
	int dlt;
	uint32_t flags;          /* NT_PKT_FROM_TEXT, NT_PKT_NO_DATE ... */
	uint8_t status;          /* worst enum nt_pkt_status met */

	/* Network layer */
	uint8_t l3;              /* 0, 4, 6, or 1 for ARP */
	struct nt_flow flow;     /* src/dst addresses, proto, ports */
	uint8_t ttl;
	uint16_t ip_len;         /* IP total length (v6: payload + 40) */
	uint8_t fragment;        /* a non-first fragment: no transport header */
	uint8_t reasm;           /* enum nt_reasm_take: what the engine's reassemblers take */

	/* IP fragmentation (RFC 791 3.2, RFC 8200 4.5), set on every fragment
	 * (the first too) for the engine's reassembly; the pointers point into
	 * the frame. */
	uint8_t frag_more;       /* MF: more fragments follow */
	uint16_t frag_nh_off;    /* v6: offset in the headers of the next-header byte
				  * that names the fragment header */
	uint16_t frag_hlen;      /* bytes of headers before the fragmentable part, the
				  * fragment header left out: the IPv4 header with its
				  * options, or the IPv6 header and the extension
				  * headers before the fragment header */
	uint32_t frag_id;        /* IPv4 identification or IPv6 fragment identification */
	uint32_t frag_off;       /* where the fragment's data goes in the datagram (bytes) */
	uint32_t frag_len;       /* bytes of fragment data per the IP length */
	uint32_t frag_caplen;    /* of them, captured */
	const uint8_t *frag_hdr; /* the headers (frag_hlen bytes, captured) */
	const uint8_t *frag_data; /* the fragment's data (after the fragment header) */

	/* Transport */
	uint8_t tcp_flags;
	uint32_t tcp_seq, tcp_ack;
	uint16_t tcp_win;
	uint32_t l4_payload_len; /* UDP/TCP payload bytes per the headers */
	const uint8_t *payload;  /* captured payload (may be shorter) */
	uint32_t payload_caplen;

	struct nt_icmp icmp;
	struct nt_dns dns;
};

enum {
	NT_PKT_FROM_TEXT = 1u << 0, /* built from a tcpdump text line */
	NT_PKT_NO_DATE = 1u << 1,   /* ts_sec is seconds of the day only */
	NT_PKT_REASSEMBLED = 1u << 2, /* an IP datagram reassembled from its fragments,
				       * or a DNS message taken out of a TCP stream */
	NT_PKT_SAME_FRAME = 1u << 3,  /* one more DNS message of the frame that was
				       * (or is about to be) given as a packet of its own:
				       * not a frame to count */
};

/* What the engine's reassemblers take (struct nt_pkt reasm, bits). */
enum nt_reasm_take {
	NT_RS_FRAG = 1u << 0,   /* an IPv4 or IPv6 fragment (frag_* set) */
	NT_RS_TCPDNS = 1u << 1, /* a TCP segment to or from port 53 */
};

#endif
