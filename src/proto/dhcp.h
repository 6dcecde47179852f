/* \summary: BOOTP/DHCPv4 (RFC 951, RFC 2131, RFC 2132) wire constants and
 * the names of message types, options and relay agent sub-options, in
 * tcpdump 4.99.3's spelling, for the printer and the DHCP decoder.
 *
 * | op | htype | hlen | hops | xid (4) | secs (2) | flags (2) |
 * | ciaddr (4) | yiaddr (4) | siaddr (4) | giaddr (4) | chaddr (16) |
 * | sname (64) | file (128) | options: magic 99.130.83.99, then
 * | tag | len | data ... | (0 pad and 255 end have no length) |
 */
#ifndef NT_PROTO_DHCP_H
#define NT_PROTO_DHCP_H

enum {
	NT_BOOTP_REQUEST = 1,
	NT_BOOTP_REPLY = 2,
	NT_BOOTP_OFF_CHADDR = 28,
	NT_BOOTP_OFF_SNAME = 44,
	NT_BOOTP_SNAME_LEN = 64,
	NT_BOOTP_OFF_FILE = 108,
	NT_BOOTP_FILE_LEN = 128,
	NT_BOOTP_OFF_VEND = 236,
	NT_BOOTP_FLAG_BROADCAST = 0x8000,
	NT_DHCP_MAGIC = 0x63825363u,
};

/* Option tags the code refers to. */
enum nt_dhcp_tag {
	NT_DHCP_OPT_PAD = 0,
	NT_DHCP_OPT_SUBNET_MASK = 1,
	NT_DHCP_OPT_ROUTER = 3,
	NT_DHCP_OPT_DNS = 6,
	NT_DHCP_OPT_HOSTNAME = 12,
	NT_DHCP_OPT_DOMAIN = 15,
	NT_DHCP_OPT_NETBIOS_NODE = 46,
	NT_DHCP_OPT_REQUESTED_IP = 50,
	NT_DHCP_OPT_LEASE = 51,
	NT_DHCP_OPT_OVERLOAD = 52,
	NT_DHCP_OPT_MSG_TYPE = 53,
	NT_DHCP_OPT_SERVER_ID = 54,
	NT_DHCP_OPT_PARAM_REQ = 55,
	NT_DHCP_OPT_MESSAGE = 56,
	NT_DHCP_OPT_VENDOR_CLASS = 60,
	NT_DHCP_OPT_CLIENT_ID = 61,
	NT_DHCP_OPT_USER_CLASS = 77,
	NT_DHCP_OPT_CLIENT_FQDN = 81,
	NT_DHCP_OPT_RELAY_AGENT = 82,
	NT_DHCP_OPT_CLASSLESS_ROUTE = 121,
	NT_DHCP_OPT_CLASSLESS_ROUTE_MS = 249,
	NT_DHCP_OPT_END = 255,
};

/* Message types (option 53). */
enum nt_dhcp_msg {
	NT_DHCP_DISCOVER = 1,
	NT_DHCP_OFFER = 2,
	NT_DHCP_REQUEST = 3,
	NT_DHCP_DECLINE = 4,
	NT_DHCP_ACK = 5,
	NT_DHCP_NAK = 6,
	NT_DHCP_RELEASE = 7,
	NT_DHCP_INFORM = 8,
};

/* tcpdump's name of a message type ("Discover", "ACK", "NACK"), NULL
 * when it prints "Unknown (N)". */
const char *nt_dhcp_msg_name(unsigned type);

/* tcpdump's name of an option ("Subnet-Mask", "Default-Gateway",
 * "Agent-Information"), NULL when it prints "Unknown".  *fmt gets how
 * tcpdump prints its data: 'i' IPv4 addresses, 'p' address pairs, 'l'
 * unsigned and 'L' signed 32-bit numbers, 's' 16-bit numbers, 'b'
 * dotted decimal bytes, 'a' text, 'B' booleans, '$' option-specific,
 * ' ' none (pad, end, message type); '?' for unknown options. */
const char *nt_dhcp_opt_name(unsigned tag, char *fmt);

/* Relay agent information (option 82) sub-option names (RFC 3046,
 * RFC 3993), NULL when tcpdump prints "Unknown". */
const char *nt_dhcp_agent_subopt_name(unsigned sub);

/* Client-ID hardware types tcpdump names ("ether"), else NULL. */
const char *nt_dhcp_client_id_htype_name(unsigned htype);



/* --- DHCPv6 (RFC 8415) ---
 * | msg-type | transaction-id (3) | options ... |
 * relay:  | msg-type | hop-count | link-address (16) | peer-address (16) | options ... |
 * option: | code (2) | length (2) | data ... |
 */
enum nt_dhcp6_msg {
	NT_DHCP6_SOLICIT = 1,
	NT_DHCP6_ADVERTISE = 2,
	NT_DHCP6_REQUEST = 3,
	NT_DHCP6_CONFIRM = 4,
	NT_DHCP6_RENEW = 5,
	NT_DHCP6_REBIND = 6,
	NT_DHCP6_REPLY = 7,
	NT_DHCP6_RELEASE = 8,
	NT_DHCP6_DECLINE = 9,
	NT_DHCP6_RECONFIGURE = 10,
	NT_DHCP6_INFORM_REQ = 11,
	NT_DHCP6_RELAY_FORW = 12,
	NT_DHCP6_RELAY_REPLY = 13,
};

enum nt_dhcp6_opt {
	NT_DHCP6_OPT_CLIENTID = 1,
	NT_DHCP6_OPT_SERVERID = 2,
	NT_DHCP6_OPT_IA_NA = 3,
	NT_DHCP6_OPT_IA_TA = 4,
	NT_DHCP6_OPT_IA_ADDR = 5,
	NT_DHCP6_OPT_ORO = 6,
	NT_DHCP6_OPT_PREFERENCE = 7,
	NT_DHCP6_OPT_ELAPSED_TIME = 8,
	NT_DHCP6_OPT_RELAY_MSG = 9,
	NT_DHCP6_OPT_AUTH = 11,
	NT_DHCP6_OPT_UNICAST = 12,
	NT_DHCP6_OPT_STATUS_CODE = 13,
	NT_DHCP6_OPT_RAPID_COMMIT = 14,
	NT_DHCP6_OPT_USER_CLASS = 15,
	NT_DHCP6_OPT_VENDOR_CLASS = 16,
	NT_DHCP6_OPT_VENDOR_OPTS = 17,
	NT_DHCP6_OPT_INTERFACE_ID = 18,
	NT_DHCP6_OPT_RECONF_MSG = 19,
	NT_DHCP6_OPT_RECONF_ACCEPT = 20,
	NT_DHCP6_OPT_SIP_SERVER_D = 21,
	NT_DHCP6_OPT_SIP_SERVER_A = 22,
	NT_DHCP6_OPT_DNS_SERVERS = 23,
	NT_DHCP6_OPT_DOMAIN_LIST = 24,
	NT_DHCP6_OPT_IA_PD = 25,
	NT_DHCP6_OPT_IA_PD_PREFIX = 26,
	NT_DHCP6_OPT_NIS_SERVERS = 27,
	NT_DHCP6_OPT_NISP_SERVERS = 28,
	NT_DHCP6_OPT_NIS_NAME = 29,
	NT_DHCP6_OPT_NISP_NAME = 30,
	NT_DHCP6_OPT_SNTP_SERVERS = 31,
	NT_DHCP6_OPT_LIFETIME = 32,
	NT_DHCP6_OPT_BCMCS_SERVER_D = 33,
	NT_DHCP6_OPT_BCMCS_SERVER_A = 34,
	NT_DHCP6_OPT_GEOCONF_CIVIC = 36,
	NT_DHCP6_OPT_REMOTE_ID = 37,
	NT_DHCP6_OPT_SUBSCRIBER_ID = 38,
	NT_DHCP6_OPT_CLIENT_FQDN = 39,
	NT_DHCP6_OPT_PANA_AGENT = 40,
	NT_DHCP6_OPT_NEW_POSIX_TIMEZONE = 41,
	NT_DHCP6_OPT_NEW_TZDB_TIMEZONE = 42,
	NT_DHCP6_OPT_ERO = 43,
	NT_DHCP6_OPT_LQ_QUERY = 44,
	NT_DHCP6_OPT_CLIENT_DATA = 45,
	NT_DHCP6_OPT_CLT_TIME = 46,
	NT_DHCP6_OPT_LQ_RELAY_DATA = 47,
	NT_DHCP6_OPT_LQ_CLIENT_LINK = 48,
	NT_DHCP6_OPT_NTP_SERVER = 56,
	NT_DHCP6_OPT_AFTR_NAME = 64,
	NT_DHCP6_OPT_MUDURL = 112,
};

/* tcpdump's DHCPv6 message type name ("solicit", "inf-req"), NULL when
 * it prints "msgtype-N". */
const char *nt_dhcp6_msg_name(unsigned type);
/* tcpdump's DHCPv6 option name ("client-ID", "IA_NA"), NULL when it
 * prints "opt_N". */
const char *nt_dhcp6_opt_name(unsigned code);
/* Status code names (option 13), NULL when tcpdump prints "codeN". */
const char *nt_dhcp6_status_name(unsigned code);
#endif
