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

#endif
