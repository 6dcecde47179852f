/* \summary: DHCPv4 message type, option and sub-option names in tcpdump
 * 4.99.3's spelling; see proto/dhcp.h. */
#include "proto/dhcp.h"

#include <stddef.h>

const char *nt_dhcp_msg_name(unsigned type)
{
	switch (type) {
	case NT_DHCP_DISCOVER: return "Discover";
	case NT_DHCP_OFFER: return "Offer";
	case NT_DHCP_REQUEST: return "Request";
	case NT_DHCP_DECLINE: return "Decline";
	case NT_DHCP_ACK: return "ACK";
	case NT_DHCP_NAK: return "NACK";
	case NT_DHCP_RELEASE: return "Release";
	case NT_DHCP_INFORM: return "Inform";
	case 10: return "LeaseQuery";        /* RFC 4388 */
	case 11: return "LeaseUnassigned";
	case 12: return "LeaseUnknown";
	case 13: return "LeaseActive";
	default: return NULL;
	}
}

/* Format letter then name, as proto/dhcp.h describes. */
static const char *const opt_tab[256] = {
	[0] = " PAD",
	[1] = "iSubnet-Mask",
	[2] = "LTime-Zone",
	[3] = "iDefault-Gateway",
	[4] = "iTime-Server",
	[5] = "iIEN-Name-Server",
	[6] = "iDomain-Name-Server",
	[7] = "iLOG",
	[8] = "iCS",
	[9] = "iLPR-Server",
	[10] = "iIM",
	[11] = "iRL",
	[12] = "aHostname",
	[13] = "sBS",
	[14] = "aDP",
	[15] = "aDomain-Name",
	[16] = "iSS",
	[17] = "aRP",
	[18] = "aEP",
	[19] = "BIPF",
	[20] = "BSRT",
	[21] = "pPF",
	[22] = "sRSZ",
	[23] = "bTTL",
	[24] = "lMTU-Timeout",
	[25] = "sMTU-Table",
	[26] = "sMTU",
	[27] = "BLSN",
	[28] = "iBR",
	[29] = "BMD",
	[30] = "BMS",
	[31] = "BRouter-Discovery",
	[32] = "iRSA",
	[33] = "pStatic-Route",
	[34] = "BUT",
	[35] = "lAT",
	[36] = "BIE",
	[37] = "bTT",
	[38] = "lKI",
	[39] = "BKG",
	[40] = "aYD",
	[41] = "iYS",
	[42] = "iNTP",
	[43] = "bVendor-Option",
	[44] = "iNetbios-Name-Server",
	[45] = "iWDD",
	[46] = "$Netbios-Node",
	[47] = "aNetbios-Scope",
	[48] = "iXFS",
	[49] = "iXDM",
	[50] = "iRequested-IP",
	[51] = "lLease-Time",
	[52] = "$OO",
	[53] = " DHCP-Message",
	[54] = "iServer-ID",
	[55] = "bParameter-Request",
	[56] = "aMSG",
	[57] = "sMSZ",
	[58] = "lRN",
	[59] = "lRB",
	[60] = "aVendor-Class",
	[61] = "$Client-ID",
	[64] = "sN+D",
	[65] = "iN+S",
	[66] = "aTFTP",
	[67] = "aBF",
	[68] = "iMH",
	[69] = "iSMTP",
	[70] = "iPOP3",
	[71] = "iNNTP",
	[72] = "iWWW",
	[73] = "iFG",
	[74] = "iIRC",
	[75] = "iSTS",
	[76] = "iSTDA",
	[77] = "$User-Class",
	[78] = "bSLP-DA",
	[79] = "bSLP-SCOPE",
	[80] = "aSLP-NA",
	[81] = "$FQDN",
	[82] = "$Agent-Information",
	[83] = "bARMT",
	[88] = "aTZSTR",
	[89] = "bFQDNS",
	[90] = "bAUTH",
	[91] = "LLast-Transaction-Time",
	[92] = "iAssociated-IP",
	[93] = "sARCH",
	[94] = "bNDI",
	[95] = "aLDAP",
	[97] = "bGUID",
	[98] = "aUAP",
	[100] = "aPOSIX-TZ",
	[101] = "aTZ-Name",
	[112] = "iNI",
	[113] = "aNITAG",
	[114] = "aURL",
	[116] = "BNOAUTO",
	[117] = "sNSSEARCH",
	[118] = "iSUBNET",
	[121] = "$Classless-Static-Route",
	[150] = "iTFTP-Server-Address",
	[161] = "aMUD-URL",
	[249] = "$Classless-Static-Route-Microsoft",
	[255] = " END",
};

const char *nt_dhcp_opt_name(unsigned tag, char *fmt)
{
	const char *s = tag < 256 ? opt_tab[tag] : NULL;
	if (!s) {
		*fmt = '?';
		return NULL;
	}
	*fmt = s[0];
	return s + 1;
}

const char *nt_dhcp_agent_subopt_name(unsigned sub)
{
	switch (sub) {
	case 1: return "Circuit-ID";
	case 2: return "Remote-ID";
	case 6: return "Subscriber-ID";
	default: return NULL;
	}
}

const char *nt_dhcp_client_id_htype_name(unsigned htype)
{
	switch (htype) {
	case 1: return "ether";
	case 6: return "ieee802";
	case 7: return "arcnet";
	case 15: return "frelay";
	case 23: return "strip";
	case 24: return "ieee1394";
	default: return NULL;
	}
}

const char *nt_dhcp6_msg_name(unsigned type)
{
	static const char *const t[] = {
		NULL, "solicit", "advertise", "request", "confirm", "renew", "rebind", "reply",
		"release", "decline", "reconfigure", "inf-req", "relay-fwd", "relay-reply",
		"leasequery", "leasequery-reply",
	};
	return type < sizeof(t) / sizeof(t[0]) ? t[type] : NULL;
}

const char *nt_dhcp6_opt_name(unsigned code)
{
	static const char *const t[] = {
		[1] = "client-ID", [2] = "server-ID", [3] = "IA_NA", [4] = "IA_TA",
		[5] = "IA_ADDR", [6] = "option-request", [7] = "preference",
		[8] = "elapsed-time", [9] = "relay-message", [11] = "authentication",
		[12] = "server-unicast", [13] = "status-code", [14] = "rapid-commit",
		[15] = "user-class", [16] = "vendor-class", [17] = "vendor-specific-info",
		[18] = "interface-ID", [19] = "reconfigure-message", [20] = "reconfigure-accept",
		[21] = "SIP-servers-domain", [22] = "SIP-servers-address", [23] = "DNS-server",
		[24] = "DNS-search-list", [25] = "IA_PD", [26] = "IA_PD-prefix",
		[27] = "NIS-server", [28] = "NIS+-server", [29] = "NIS-domain-name",
		[30] = "NIS+-domain-name", [31] = "SNTP-servers", [32] = "lifetime",
		[33] = "BCMCS-domain-name", [34] = "BCMCS-server", [36] = "Geoconf-Civic",
		[37] = "Remote-ID", [38] = "Subscriber-ID", [39] = "Client-FQDN",
		[40] = "PANA-agent", [41] = "POSIX-timezone", [42] = "POSIX-tz-database",
		[43] = "Echo-request-option", [44] = "Lease-query", [45] = "LQ-client-data",
		[46] = "Clt-time", [47] = "LQ-relay-data", [48] = "LQ-client-link",
		[56] = "NTP-server", [64] = "AFTR-Name",
		[112] = "MUD-URL",
	};
	return code < sizeof(t) / sizeof(t[0]) ? t[code] : NULL;
}

const char *nt_dhcp6_status_name(unsigned code)
{
	static const char *const t[] = {
		"Success", "UnspecFail", "NoAddrsAvail", "NoBinding", "NotOnLink", "UseMulticast",
		"NoPrefixAvail", "UnknownQueryType", "MalformedQuery", "NotConfigured", "NotAllowed",
	};
	return code < sizeof(t) / sizeof(t[0]) ? t[code] : NULL;
}
