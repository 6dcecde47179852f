/* \summary: Ethernet type names as tcpdump 4.99.3 prints them (its
 * ethertype_values table: "IPv4", "ARP", "Reverse ARP", "802.1Q", ...),
 * for the link-layer printers and ARP's protocol type field.  The list
 * was read back from tcpdump 4.99.3 itself (an ARP packet for each of the
 * 65536 protocol types). */
#ifndef NT_PROTO_ETHERTYPE_H
#define NT_PROTO_ETHERTYPE_H

#include <stdint.h>

enum {
	NT_ETHERTYPE_IP = 0x0800,
	NT_ETHERTYPE_ARP = 0x0806,
	NT_ETHERTYPE_TRAIL = 0x1000,
	NT_ETHERTYPE_REVARP = 0x8035,
	NT_ETHERTYPE_IPV6 = 0x86dd,
};

/* tcpdump's name of an ethertype, NULL when it has none. */
const char *nt_ethertype_name(uint16_t type);

#endif
