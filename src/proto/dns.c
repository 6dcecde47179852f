/* \summary: the DNS name tables (types, classes, rcodes, opcodes) in
 * every spelling the tree uses; see proto/dns.h. */
#include "proto/dns.h"

#include <stddef.h>

/* One value and its names: [NT_DNS_TCPDUMP], [NT_DNS_MNEMONIC],
 * [NT_DNS_ZEEK] (NULL there means "as the mnemonic"). */
struct dns_name {
	unsigned value;
	const char *name[3];
};

#define NSPELL 3
#define N(t) (sizeof(t) / sizeof((t)[0]))
/* the same name in tcpdump 4.99.3 and in the registry */
#define BOTH(v, s) {v, {s, s, NULL}}
/* a registry mnemonic that tcpdump 4.99.3 prints as TypeN */
#define MNEM(v, s) {v, {NULL, s, NULL}}

/* tcpdump 4.99.3's names are its ns_type2str table, checked against its
 * binary: later types (DHCID, NSEC3, TLSA, SVCB, CAA, ...) print as TypeN
 * there. */
static const struct dns_name types[] = {
	BOTH(1, "A"), BOTH(2, "NS"), BOTH(3, "MD"), BOTH(4, "MF"), BOTH(5, "CNAME"),
	BOTH(6, "SOA"), BOTH(7, "MB"), BOTH(8, "MG"), BOTH(9, "MR"), BOTH(10, "NULL"),
	BOTH(11, "WKS"), BOTH(12, "PTR"), BOTH(13, "HINFO"), BOTH(14, "MINFO"),
	BOTH(15, "MX"), BOTH(16, "TXT"), BOTH(17, "RP"), BOTH(18, "AFSDB"),
	BOTH(19, "X25"), BOTH(20, "ISDN"), BOTH(21, "RT"), BOTH(22, "NSAP"),
	{23, {"NSAP_PTR", "NSAP-PTR", NULL}},
	BOTH(24, "SIG"), BOTH(25, "KEY"), BOTH(26, "PX"), BOTH(27, "GPOS"),
	BOTH(28, "AAAA"), BOTH(29, "LOC"), BOTH(30, "NXT"), BOTH(31, "EID"),
	BOTH(32, "NIMLOC"), BOTH(33, "SRV"), BOTH(34, "ATMA"), BOTH(35, "NAPTR"),
	BOTH(36, "KX"), BOTH(37, "CERT"), BOTH(38, "A6"), BOTH(39, "DNAME"),
	BOTH(40, "SINK"), BOTH(41, "OPT"), BOTH(42, "APL"), BOTH(43, "DS"),
	BOTH(44, "SSHFP"), BOTH(45, "IPSECKEY"), BOTH(46, "RRSIG"), BOTH(47, "NSEC"),
	BOTH(48, "DNSKEY"),
	MNEM(49, "DHCID"), MNEM(50, "NSEC3"), MNEM(51, "NSEC3PARAM"), MNEM(52, "TLSA"),
	MNEM(53, "SMIMEA"), MNEM(55, "HIP"), MNEM(59, "CDS"), MNEM(60, "CDNSKEY"),
	MNEM(61, "OPENPGPKEY"), MNEM(62, "CSYNC"), MNEM(63, "ZONEMD"), MNEM(64, "SVCB"),
	MNEM(65, "HTTPS"),
	BOTH(99, "SPF"), BOTH(100, "UINFO"), BOTH(101, "UID"), BOTH(102, "GID"),
	BOTH(103, "UNSPEC"),
	{104, {"UNSPECA", NULL, NULL}}, /* tcpdump only: IANA has NID (RFC 6742) */
	BOTH(249, "TKEY"), BOTH(250, "TSIG"), BOTH(251, "IXFR"), BOTH(252, "AXFR"),
	BOTH(253, "MAILB"), BOTH(254, "MAILA"), BOTH(255, "ANY"), BOTH(256, "URI"),
	MNEM(257, "CAA"), MNEM(32768, "TA"), MNEM(32769, "DLV"),
};

static const struct dns_name classes[] = {
	{1, {"IN", "IN", "C_INTERNET"}},
	{3, {"CHAOS", "CH", "C_CHAOS"}},
	{4, {"HS", "HS", "C_HESIOD"}},
	{254, {NULL, "NONE", "C_NONE"}},
	{255, {"ANY", "ANY", "C_ANY"}},
};

/* tcpdump 4.99.3's ns_rcode table names 0-10, 15, 16 and 23 (the others
 * print as RespN); 11 is RFC 8490's; the second 16 is TSIG's name for it
 * (RFC 2845), found by name only. */
static const struct dns_name rcodes[] = {
	{0, {"", "NOERROR", NULL}},
	{1, {"FormErr", "FORMERR", NULL}},
	{2, {"ServFail", "SERVFAIL", NULL}},
	{3, {"NXDomain", "NXDOMAIN", NULL}},
	{4, {"NotImp", "NOTIMP", NULL}},
	{5, {"Refused", "REFUSED", NULL}},
	{6, {"YXDomain", "YXDOMAIN", NULL}},
	{7, {"YXRRSet", "YXRRSET", NULL}},
	{8, {"NXRRSet", "NXRRSET", NULL}},
	{9, {"NotAuth", "NOTAUTH", NULL}},
	{10, {"NotZone", "NOTZONE", NULL}},
	{11, {NULL, "DSOTYPENI", NULL}},
	{15, {"NoChange", NULL, NULL}},
	{16, {"BadVers", "BADVERS", NULL}},
	{16, {NULL, "BADSIG", NULL}},
	{17, {NULL, "BADKEY", NULL}},
	{18, {NULL, "BADTIME", NULL}},
	{19, {NULL, "BADMODE", NULL}},
	{20, {NULL, "BADNAME", NULL}},
	{21, {NULL, "BADALG", NULL}},
	{22, {NULL, "BADTRUNC", NULL}},
	{23, {"BadCookie", "BADCOOKIE", NULL}},
};

/* tcpdump names every opcode (its "opN" for unassigned ones included);
 * Zeek names those of scripts/consts.zeek. */
static const struct dns_name opcodes[] = {
	{0, {"", "QUERY", "query"}},
	{1, {"inv_q", "IQUERY", "iquery"}},
	{2, {"stat", "STATUS", "server-status"}},
	{3, {"op3", NULL, NULL}},
	{4, {"notify", "NOTIFY", "notify"}},
	{5, {"update", "UPDATE", "dynamic-update"}},
	{6, {"op6", "DSO", "dso"}},
	{7, {"op7", NULL, NULL}},
	{8, {"op8", NULL, NULL}},
	{9, {"updateA", NULL, NULL}},
	{10, {"updateD", NULL, NULL}},
	{11, {"updateDA", NULL, NULL}},
	{12, {"updateM", NULL, NULL}},
	{13, {"updateMA", NULL, NULL}},
	{14, {"zoneInit", NULL, NULL}},
	{15, {"zoneRef", NULL, NULL}},
};

static const char *spelt(const struct dns_name *e, int sp)
{
	if (sp == NT_DNS_ZEEK && e->name[NT_DNS_ZEEK] == NULL)
		sp = NT_DNS_MNEMONIC;
	return e->name[sp];
}

static const char *name_of(const struct dns_name *t, size_t n, unsigned v, int sp)
{
	if (sp < 0 || sp >= NSPELL)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (t[i].value == v && spelt(&t[i], sp))
			return spelt(&t[i], sp);
	return NULL;
}

/* name (NUL-terminated) is exactly the n bytes at s, and not empty. */
static int is_name(const char *name, const char *s, size_t n)
{
	if (name == NULL || n == 0)
		return 0;
	size_t i = 0;
	while (i < n && name[i] != '\0' && name[i] == s[i])
		i++;
	return i == n && name[i] == '\0';
}

static int number_of(const struct dns_name *t, size_t n, const char *s, size_t len, int sp)
{
	if (sp >= NSPELL)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (sp >= 0) {
			if (is_name(spelt(&t[i], sp), s, len))
				return (int)t[i].value;
			continue;
		}
		for (int k = 0; k < NSPELL; k++)
			if (is_name(t[i].name[k], s, len))
				return (int)t[i].value;
	}
	return -1;
}

const char *nt_dns_type_name(unsigned type, int sp)
{
	return name_of(types, N(types), type, sp);
}

const char *nt_dns_class_name(unsigned cls, int sp)
{
	return name_of(classes, N(classes), cls, sp);
}

const char *nt_dns_rcode_name(unsigned rcode, int sp)
{
	return name_of(rcodes, N(rcodes), rcode, sp);
}

const char *nt_dns_opcode_name(unsigned opcode, int sp)
{
	return name_of(opcodes, N(opcodes), opcode, sp);
}

int nt_dns_type_number(const char *s, size_t n, int sp)
{
	return number_of(types, N(types), s, n, sp);
}

int nt_dns_rcode_number(const char *s, size_t n, int sp)
{
	return number_of(rcodes, N(rcodes), s, n, sp);
}

int nt_dns_opcode_number(const char *s, size_t n, int sp)
{
	return number_of(opcodes, N(opcodes), s, n, sp);
}

static const char *const ede_names[] = {
	[0] = "Other Error",
	[1] = "Unsupported DNSKEY Algorithm",
	[2] = "Unsupported DS Digest Type",
	[3] = "Stale Answer",
	[4] = "Forged Answer",
	[5] = "DNSSEC Indeterminate",
	[6] = "DNSSEC Bogus",
	[7] = "Signature Expired",
	[8] = "Signature Not Yet Valid",
	[9] = "DNSKEY Missing",
	[10] = "RRSIGs Missing",
	[11] = "No Zone Key Bit Set",
	[12] = "NSEC Missing",
	[13] = "Cached Error",
	[14] = "Not Ready",
	[15] = "Blocked",
	[16] = "Censored",
	[17] = "Filtered",
	[18] = "Prohibited",
	[19] = "Stale NXDomain Answer",
	[20] = "Not Authoritative",
	[21] = "Not Supported",
	[22] = "No Reachable Authority",
	[23] = "Network Error",
	[24] = "Invalid Data",
	[25] = "Signature Expired before Valid",
	[26] = "Too Early",
	[27] = "Unsupported NSEC3 Iterations Value",
	[28] = "Unable to conform to policy",
	[29] = "Synthesized",
	[30] = "Invalid Query Type",
};

const char *nt_dns_ede_name(unsigned code)
{
	return code < sizeof(ede_names) / sizeof(ede_names[0]) ? ede_names[code] : NULL;
}

enum nt_ede_class nt_dns_ede_class(unsigned code)
{
	switch (code) {
	case 1: case 2: case 5: case 6: case 7: case 8: case 9: case 10: case 11: case 12:
	case 25: case 27:
		return NT_EDE_DNSSEC;
	case 22: case 23:
		return NT_EDE_UPSTREAM;
	case 15: case 16: case 17: case 18: case 28:
		return NT_EDE_POLICY;
	case 14: case 20: case 21: case 30:
		return NT_EDE_NOTSUP;
	default:
		return NT_EDE_OTHER;
	}
}
