/* \summary: DNS wire constants and their names, once for the whole tree:
 * RR types, classes, response codes (with the extended ones that EDNS and
 * TSIG/TKEY/COOKIE carry in the OPT record) and opcodes.
 *
 * RFC 1035 (types, classes, rcodes 0-5, opcodes), RFC 2136 (UPDATE,
 * rcodes 6-10), RFC 8490 (DSO, DSOTYPENI 11), RFC 6891 (EDNS(0): OPT, extended rcode, BADVERS 16),
 * RFC 2845 (TSIG: BADSIG 16, BADKEY 17, BADTIME 18), RFC 2930 (TKEY:
 * BADMODE 19, BADNAME 20, BADALG 21), RFC 4635 (BADTRUNC 22), RFC 7873
 * (COOKIE: BADCOOKIE 23); the IANA "Domain Name System (DNS) Parameters"
 * registry for the rest.
 *
 * One table per kind holds every name.  A value can be spelt several ways,
 * and the caller says which (enum nt_dns_spelling):
 *  - NT_DNS_TCPDUMP: as tcpdump 4.99.3 prints it ("NXDomain", "inv_q",
 *    "CHAOS"); NULL where tcpdump prints its generic form ("TypeN",
 *    "(Class N)", "RespN"); "" for rcode 0 and opcode 0, which tcpdump
 *    does not print at all;
 *  - NT_DNS_MNEMONIC: the registry mnemonic in presentation form, as dig
 *    and Zeek's dns.log print it ("NXDOMAIN", "HTTPS", "IN", "QUERY");
 *  - NT_DNS_ZEEK: Zeek's dns.log names where they differ from the
 *    mnemonic (classes: "C_INTERNET"); otherwise the mnemonic.
 * A lookup returns NULL (names) or -1 (numbers) when the spelling has no
 * name for the value; each caller keeps its own fallback text.
 */
#ifndef NT_PROTO_DNS_H
#define NT_PROTO_DNS_H

#include <stddef.h>

/* RR types (RFC 1035 3.2.2 and the IANA registry) that code refers to. */
enum nt_dns_type {
	NT_DNS_T_A = 1,
	NT_DNS_T_NS = 2,
	NT_DNS_T_CNAME = 5,
	NT_DNS_T_SOA = 6,
	NT_DNS_T_NULL = 10,
	NT_DNS_T_PTR = 12,
	NT_DNS_T_MX = 15,
	NT_DNS_T_TXT = 16,
	NT_DNS_T_AAAA = 28,
	NT_DNS_T_SRV = 33,
	NT_DNS_T_NAPTR = 35,
	NT_DNS_T_A6 = 38,
	NT_DNS_T_DNAME = 39,
	NT_DNS_T_OPT = 41,      /* RFC 6891 */
	NT_DNS_T_DS = 43,
	NT_DNS_T_RRSIG = 46,
	NT_DNS_T_DNSKEY = 48,
	NT_DNS_T_TLSA = 52,
	NT_DNS_T_SVCB = 64,
	NT_DNS_T_HTTPS = 65,
	NT_DNS_T_UNSPECA = 104, /* tcpdump's non-standard "one long string" type */
	NT_DNS_T_TSIG = 250,
	NT_DNS_T_AXFR = 252,
	NT_DNS_T_ANY = 255,
	NT_DNS_T_URI = 256,
	NT_DNS_T_CAA = 257,
};

enum nt_dns_class {
	NT_DNS_C_IN = 1,
	NT_DNS_C_CHAOS = 3,
	NT_DNS_C_HS = 4,
	NT_DNS_C_NONE = 254,    /* RFC 2136 */
	NT_DNS_C_ANY = 255,
	NT_DNS_C_QU = 0x8000,   /* mDNS (RFC 6762): unicast response / cache flush bit */
};

/* Response codes; 16 and up need the EDNS OPT record (extended rcode)
 * or a TSIG/TKEY record. */
enum nt_dns_rcode {
	NT_DNS_R_NOERROR = 0,
	NT_DNS_R_FORMERR = 1,
	NT_DNS_R_SERVFAIL = 2,
	NT_DNS_R_NXDOMAIN = 3,
	NT_DNS_R_NOTIMP = 4,
	NT_DNS_R_REFUSED = 5,
	NT_DNS_R_YXDOMAIN = 6,
	NT_DNS_R_YXRRSET = 7,
	NT_DNS_R_NXRRSET = 8,
	NT_DNS_R_NOTAUTH = 9,
	NT_DNS_R_NOTZONE = 10,
	NT_DNS_R_DSOTYPENI = 11, /* RFC 8490 */
	NT_DNS_R_BADVERS = 16,  /* RFC 6891; the same number is BADSIG in TSIG (RFC 2845) */
	NT_DNS_R_BADSIG = 16,
	NT_DNS_R_BADKEY = 17,
	NT_DNS_R_BADTIME = 18,
	NT_DNS_R_BADMODE = 19,
	NT_DNS_R_BADNAME = 20,
	NT_DNS_R_BADALG = 21,
	NT_DNS_R_BADTRUNC = 22,
	NT_DNS_R_BADCOOKIE = 23,
};

enum nt_dns_opcode {
	NT_DNS_OP_QUERY = 0,
	NT_DNS_OP_IQUERY = 1,
	NT_DNS_OP_STATUS = 2,
	NT_DNS_OP_NOTIFY = 4,   /* RFC 1996 */
	NT_DNS_OP_UPDATE = 5,   /* RFC 2136 */
	NT_DNS_OP_DSO = 6,      /* RFC 8490 */
};

enum nt_dns_spelling {
	NT_DNS_TCPDUMP = 0,
	NT_DNS_MNEMONIC = 1,
	NT_DNS_ZEEK = 2,
};

/* Number -> name in the spelling sp; NULL when it has none. */
const char *nt_dns_type_name(unsigned type, int sp);
const char *nt_dns_class_name(unsigned cls, int sp);
const char *nt_dns_rcode_name(unsigned rcode, int sp);
const char *nt_dns_opcode_name(unsigned opcode, int sp);

/* Name -> number: the n bytes at s (no NUL needed) compared exactly with
 * the names of spelling sp, or of every spelling when sp is -1.  -1 when
 * no name matches; the generic forms ("Type65", "Resp17") are not parsed
 * here.  An empty name never matches. */
/* Extended DNS Error INFO-CODEs (RFC 8914 section 4 and the IANA
 * registry): the name ("Signature Expired"), NULL when unassigned. */
const char *nt_dns_ede_name(unsigned code);
/* What an EDE INFO-CODE says went wrong. */
enum nt_ede_class {
	NT_EDE_OTHER,    /* no diagnosis of its own (Other, Stale Answer, ...) */
	NT_EDE_DNSSEC,   /* validation failed: bogus, expired, missing keys */
	NT_EDE_UPSTREAM, /* the resolver could not reach the authorities */
	NT_EDE_POLICY,   /* blocked, censored, filtered, prohibited */
	NT_EDE_NOTSUP,   /* not authoritative, not supported, not ready */
};
enum nt_ede_class nt_dns_ede_class(unsigned code);

int nt_dns_type_number(const char *s, size_t n, int sp);
int nt_dns_rcode_number(const char *s, size_t n, int sp);
int nt_dns_opcode_number(const char *s, size_t n, int sp);

#endif
