/* \summary: what the pieces of the text-log parser share (private to
 * src/input/textlog.c and tl_*.c).  A line is parsed from the front:
 *
 *   tl_parse.c  the line: -# number, time stamp, link header, "IP"/"IP6",
 *               the -v header, addresses, then the payload by protocol;
 *               the trailer (hex dumps, markers); nt_textlog_parse; emit
 *   tl_ip.c     the IP and transport fields: addresses and ports, the -v
 *               IPv4/IPv6 header, TCP; port and IP protocol names
 *   tl_dns.c    a DNS message as tcpdump prints it; DNS names
 *   tl_icmp.c   ICMP and ICMPv6 messages and the datagram an error quotes
 *   textlog.c   the reader: lines into records (hand wraps, -v
 *               continuations, garbage), time stamps across records, sniff
 *
 * tl_scan.h is the token scanner they all read through. */
#ifndef NT_INPUT_TEXTLOG_INT_H
#define NT_INPUT_TEXTLOG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/packet.h"
#include "input/textlog.h"
#include "input/tl_scan.h"

/* The parse of one record: where its text lies, the spans found so far. */
struct nt_tl_ctx {
	const char *base, *end;
	struct nt_tl_rec *rec;
	int quoted;
	int full;
	int dns_seen;
};

/* The start of a line: -# number and time stamp (tl_parse.c). */
struct nt_tl_prefix {
	int has_number;
	uint64_t number;
	const char *num_s, *num_e;
	int ts_kind;
	const char *ts_s, *ts_e;
	int64_t sec;
	uint32_t nsec;
	int neg;
	const char *body;
};

/* tl_parse.c */
/* Records field [a, b) of the text as a span of kind `field`; once the
 * span table is full, the rest of the text is one NT_TF_REST span. */
void nt_tl_emit(struct nt_tl_ctx *c, int field, const char *a, const char *b);
/* Every remaining word of the line as NT_TF_UNKNOWN. */
void nt_tl_unknown_rest(struct nt_tl_ctx *c, const char **pp, const char *e);
/* "IP ..." / "IP6 ..." / an -e link header and what follows; 1 if
 * addresses were read (an ICMP error's quoted datagram is parsed so). */
int nt_tl_parse_net(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt);
/* 1: the line s..e starts a packet (number, time stamp, or "IP ..."). */
int nt_tl_parse_prefix(const char *s, const char *e, struct nt_tl_prefix *px);
/* "IP ", "IP6 ", "ARP, " or an -e Ethernet header at p. */
int nt_tl_body_starts_packet(const char *p, const char *e);

/* tl_ip.c */
/* "a.b.c.d[.port]", "v6[.port]" or "host[.port]"; fam 0 = unknown. */
int nt_tl_endpoint(struct span w, int fam, int proto, struct nt_addr *a, uint16_t *port,
		   int *has_port);
/* An address without a port. */
int nt_tl_addr_only(struct span w, struct nt_addr *a);
/* IP protocol name ("UDP") or number; -1. */
int nt_tl_ip_proto_of(struct span w);
/* The -v IP header "(tos ..., proto UDP (17), length N)" (v6: "(class
 * ..., next-header ..., payload length: N)"); *proto gets the protocol. */
void nt_tl_parse_iphdr(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt,
		       int *proto, int v6);
/* "Flags [...], seq ..., ack ..., win ..., options [...], length N". */
void nt_tl_parse_tcp(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt);

/* tl_dns.c */
/* "(N)": a DNS message length word. */
int nt_tl_is_len_word(struct span w);
/* A DNS message as tcpdump prints it into d; 1 if it was recognised. */
int nt_tl_parse_dns(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_dns *d);

/* tl_icmp.c */
/* After "ICMP " / "ICMP6, ": the message, its length, and at -v the
 * quoted datagram. */
void nt_tl_parse_icmp(struct nt_tl_ctx *c, const char **pp, const char *e, struct nt_pkt *pkt,
		      int v6);

#endif
