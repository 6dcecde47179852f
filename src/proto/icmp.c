/* \summary: ICMP and ICMPv6 type and code names in tcpdump's spelling;
 * see proto/icmp.h. */
#include "proto/icmp.h"

#include <stddef.h>

int nt_icmp_is_error(int v6, unsigned type)
{
	if (v6)
		return type >= NT_ICMP6_DST_UNREACH && type <= NT_ICMP6_PARAM_PROB;
	return type == NT_ICMP_UNREACH || type == NT_ICMP_SOURCEQUENCH ||
	       type == NT_ICMP_REDIRECT || type == NT_ICMP_TIMXCEED || type == NT_ICMP_PARAMPROB;
}

/* tcpdump 4.99.3 print-icmp.c: "net %s unreachable", ... */
static const struct {
	const char *prefix;
	const char *detail;
} unreach[16] = {
	[NT_ICMP_UNREACH_NET] = {"net ", NULL},
	[NT_ICMP_UNREACH_HOST] = {"host ", NULL},
	[NT_ICMP_UNREACH_NEEDFRAG] = {"", "need to frag"},
	[NT_ICMP_UNREACH_SRCFAIL] = {"", "source route failed"},
	[NT_ICMP_UNREACH_NET_UNKNOWN] = {"net ", "unknown"},
	[NT_ICMP_UNREACH_HOST_UNKNOWN] = {"host ", "unknown"},
	[NT_ICMP_UNREACH_ISOLATED] = {"", "source host isolated"},
	[NT_ICMP_UNREACH_NET_PROHIB] = {"net ", "admin prohibited"},
	[NT_ICMP_UNREACH_HOST_PROHIB] = {"host ", "admin prohibited"},
	[NT_ICMP_UNREACH_TOSNET] = {"net ", "tos prohibited"},
	[NT_ICMP_UNREACH_TOSHOST] = {"host ", "tos prohibited"},
	[NT_ICMP_UNREACH_FILTER_PROHIB] = {"host ", "admin prohibited filter"},
	[NT_ICMP_UNREACH_HOST_PRECEDENCE] = {"host ", "host precedence violation"},
	[NT_ICMP_UNREACH_PRECEDENCE_CUTOFF] = {"host ", "precedence cutoff"},
};

int nt_icmp_unreach_text(unsigned code, const char **prefix, const char **detail)
{
	if (code >= sizeof(unreach) / sizeof(unreach[0]) || unreach[code].prefix == NULL)
		return 0;
	*prefix = unreach[code].prefix;
	*detail = unreach[code].detail;
	return 1;
}

const char *nt_icmp6_type_name(unsigned type)
{
	switch (type) {
	case NT_ICMP6_DST_UNREACH: return "destination unreachable";
	case NT_ICMP6_PACKET_TOO_BIG: return "packet too big";
	case NT_ICMP6_TIME_EXCEEDED: return "time exceeded in-transit";
	case NT_ICMP6_PARAM_PROB: return "parameter problem";
	case NT_ICMP6_ECHO_REQUEST: return "echo request";
	case NT_ICMP6_ECHO_REPLY: return "echo reply";
	case NT_ICMP6_MLD_QUERY: return "multicast listener query";
	case NT_ICMP6_MLD_REPORT: return "multicast listener report";
	case NT_ICMP6_MLD_DONE: return "multicast listener done";
	case NT_ICMP6_ROUTER_SOLICIT: return "router solicitation";
	case NT_ICMP6_ROUTER_ADVERT: return "router advertisement";
	case NT_ICMP6_NEIGHBOR_SOLICIT: return "neighbor solicitation";
	case NT_ICMP6_NEIGHBOR_ADVERT: return "neighbor advertisement";
	case NT_ICMP6_REDIRECT: return "redirect";
	case NT_ICMP6_ROUTER_RENUMBERING: return "router renumbering";
	case NT_ICMP6_IND_SOLICIT: return "inverse neighbor solicitation";
	case NT_ICMP6_IND_ADVERT: return "inverse neighbor advertisement";
	case NT_ICMP6_MLDV2_REPORT: return "multicast listener report v2";
	case NT_ICMP6_HA_REQUEST: return "ha discovery request";
	case NT_ICMP6_HA_REPLY: return "ha discovery reply";
	case NT_ICMP6_MP_SOLICIT: return "mobile router solicitation";
	case NT_ICMP6_MP_ADVERT: return "mobile router advertisement";
	/* the older names of 139/140 come first in tcpdump's table */
	case NT_ICMP6_NI_QUERY: return "who-are-you request";
	case NT_ICMP6_NI_REPLY: return "who-are-you reply";
	case NT_ICMP6_MTRACE: return "mtrace message";
	case NT_ICMP6_MTRACE_RESP: return "mtrace response";
	case NT_ICMP6_RPL: return "RPL";
	default: return NULL;
	}
}

const char *nt_icmp6_unreach_name(unsigned code)
{
	switch (code) {
	case NT_ICMP6_UNREACH_NOROUTE: return "unreachable route";
	case NT_ICMP6_UNREACH_ADMIN: return " unreachable prohibited";
	case NT_ICMP6_UNREACH_BEYONDSCOPE: return "beyond scope";
	case NT_ICMP6_UNREACH_ADDR: return "unreachable address";
	case NT_ICMP6_UNREACH_PORT: return "unreachable port";
	case NT_ICMP6_UNREACH_POLICY: return "source address failed policy";
	case NT_ICMP6_UNREACH_REJECT: return "reject route";
	default: return NULL;
	}
}
