/* \summary: ICMP (RFC 792) and ICMPv6 (RFC 4443) wire constants and the
 * names of types and codes that more than one module needs: the text
 * tcpdump 4.99.3 prints for them, which the printers write and the
 * text-log reader reads back.
 *
 * Types and codes: RFC 792 and RFC 1812 (unreachable codes 13-15),
 * RFC 1256 (router discovery), RFC 950 (address mask), RFC 4443 (ICMPv6
 * errors and echo), RFC 4861 (neighbour discovery), RFC 2710 / 3810
 * (MLD), RFC 4620 (node information), RFC 2894 (router renumbering),
 * RFC 3122 (inverse ND), RFC 6275 (mobile IPv6), RFC 6550 (RPL).
 */
#ifndef NT_PROTO_ICMP_H
#define NT_PROTO_ICMP_H

/* ICMP (IPv4) types. */
enum nt_icmp_type {
	NT_ICMP_ECHOREPLY = 0,
	NT_ICMP_UNREACH = 3,
	NT_ICMP_SOURCEQUENCH = 4,
	NT_ICMP_REDIRECT = 5,
	NT_ICMP_ECHO = 8,
	NT_ICMP_ROUTERADVERT = 9,
	NT_ICMP_ROUTERSOLICIT = 10,
	NT_ICMP_TIMXCEED = 11,
	NT_ICMP_PARAMPROB = 12,
	NT_ICMP_TSTAMP = 13,
	NT_ICMP_TSTAMPREPLY = 14,
	NT_ICMP_IREQ = 15,
	NT_ICMP_IREQREPLY = 16,
	NT_ICMP_MASKREQ = 17,
	NT_ICMP_MASKREPLY = 18,
};

/* Destination unreachable (type 3) codes. */
enum nt_icmp_unreach_code {
	NT_ICMP_UNREACH_NET = 0,
	NT_ICMP_UNREACH_HOST = 1,
	NT_ICMP_UNREACH_PROTOCOL = 2,
	NT_ICMP_UNREACH_PORT = 3,
	NT_ICMP_UNREACH_NEEDFRAG = 4,
	NT_ICMP_UNREACH_SRCFAIL = 5,
	NT_ICMP_UNREACH_NET_UNKNOWN = 6,
	NT_ICMP_UNREACH_HOST_UNKNOWN = 7,
	NT_ICMP_UNREACH_ISOLATED = 8,
	NT_ICMP_UNREACH_NET_PROHIB = 9,
	NT_ICMP_UNREACH_HOST_PROHIB = 10,
	NT_ICMP_UNREACH_TOSNET = 11,
	NT_ICMP_UNREACH_TOSHOST = 12,
	NT_ICMP_UNREACH_FILTER_PROHIB = 13,
	NT_ICMP_UNREACH_HOST_PRECEDENCE = 14,
	NT_ICMP_UNREACH_PRECEDENCE_CUTOFF = 15,
};

/* Redirect (type 5) and time exceeded (type 11) codes. */
enum {
	NT_ICMP_REDIRECT_NET = 0,
	NT_ICMP_REDIRECT_HOST = 1,
	NT_ICMP_REDIRECT_TOSNET = 2,
	NT_ICMP_REDIRECT_TOSHOST = 3,
	NT_ICMP_TIMXCEED_INTRANS = 0,
	NT_ICMP_TIMXCEED_REASS = 1,
};

/* ICMPv6 types. */
enum nt_icmp6_type {
	NT_ICMP6_DST_UNREACH = 1,
	NT_ICMP6_PACKET_TOO_BIG = 2,
	NT_ICMP6_TIME_EXCEEDED = 3,
	NT_ICMP6_PARAM_PROB = 4,
	NT_ICMP6_ECHO_REQUEST = 128,
	NT_ICMP6_ECHO_REPLY = 129,
	NT_ICMP6_MLD_QUERY = 130,
	NT_ICMP6_MLD_REPORT = 131,
	NT_ICMP6_MLD_DONE = 132,
	NT_ICMP6_ROUTER_SOLICIT = 133,
	NT_ICMP6_ROUTER_ADVERT = 134,
	NT_ICMP6_NEIGHBOR_SOLICIT = 135,
	NT_ICMP6_NEIGHBOR_ADVERT = 136,
	NT_ICMP6_REDIRECT = 137,
	NT_ICMP6_ROUTER_RENUMBERING = 138,
	NT_ICMP6_NI_QUERY = 139,
	NT_ICMP6_NI_REPLY = 140,
	NT_ICMP6_IND_SOLICIT = 141,
	NT_ICMP6_IND_ADVERT = 142,
	NT_ICMP6_MLDV2_REPORT = 143,
	NT_ICMP6_HA_REQUEST = 144,
	NT_ICMP6_HA_REPLY = 145,
	NT_ICMP6_MP_SOLICIT = 146,
	NT_ICMP6_MP_ADVERT = 147,
	NT_ICMP6_RPL = 155,
	NT_ICMP6_MTRACE_RESP = 200,
	NT_ICMP6_MTRACE = 201,
};

/* ICMPv6 destination unreachable (type 1) codes. */
enum nt_icmp6_unreach_code {
	NT_ICMP6_UNREACH_NOROUTE = 0,
	NT_ICMP6_UNREACH_ADMIN = 1,
	NT_ICMP6_UNREACH_BEYONDSCOPE = 2,
	NT_ICMP6_UNREACH_ADDR = 3,
	NT_ICMP6_UNREACH_PORT = 4,
	NT_ICMP6_UNREACH_POLICY = 5,
	NT_ICMP6_UNREACH_REJECT = 6,
};

/* Time exceeded (type 3) codes. */
enum {
	NT_ICMP6_TIMXCEED_INTRANS = 0,
	NT_ICMP6_TIMXCEED_REASS = 1,
};

/* An error message, which quotes the datagram that caused it: ICMP
 * unreachable, source quench, redirect, time exceeded, parameter
 * problem; ICMPv6 types 1-4. */
int nt_icmp_is_error(int v6, unsigned type);

/* tcpdump's text of an ICMP unreachable code that names only the quoted
 * destination ADDR: "<prefix>ADDR unreachable" and, when detail is not
 * NULL, " - <detail>" (prefix "net ", "host " or "").  Codes 0, 1 and
 * 5-15, and 4 ("need to frag", to which tcpdump adds " (mtu N)").
 * Returns 0 for the other codes (2 and 3 name the protocol and port). */
int nt_icmp_unreach_text(unsigned code, const char **prefix, const char **detail);

/* tcpdump's name of an ICMPv6 type ("destination unreachable",
 * "who-are-you request"); NULL when it prints "unknown icmp6 type". */
const char *nt_icmp6_type_name(unsigned type);
/* The name of an ICMPv6 unreachable code as tcpdump prints it after ", "
 * ("unreachable route", " unreachable prohibited" with tcpdump's extra
 * space, ...): codes 0-4 as tcpdump 4.99.3, 5 and 6 as later tcpdump
 * versions print them; NULL beyond. */
const char *nt_icmp6_unreach_name(unsigned code);

#endif
