/* \summary: ARP operation and hardware type names in tcpdump 4.99.3's
 * spelling; see proto/arp.h. */
#include "proto/arp.h"

#include <stddef.h>

const char *nt_arp_op_name(unsigned op)
{
	switch (op) {
	case NT_ARPOP_REQUEST: return "Request";
	case NT_ARPOP_REPLY: return "Reply";
	case NT_ARPOP_REVREQUEST: return "Reverse Request";
	case NT_ARPOP_REVREPLY: return "Reverse Reply";
	case NT_ARPOP_INVREQUEST: return "Inverse Request";
	case NT_ARPOP_INVREPLY: return "Inverse Reply";
	case NT_ARPOP_NAK: return "NACK Reply";
	default: return NULL;
	}
}

const char *nt_arp_hrd_name(unsigned hrd)
{
	switch (hrd) {
	case NT_ARPHRD_ETHER: return "Ethernet";
	case NT_ARPHRD_IEEE802: return "TokenRing";
	case NT_ARPHRD_ARCNET: return "ArcNet";
	case NT_ARPHRD_FRELAY: return "FrameRelay";
	case NT_ARPHRD_ATM2225: return "ATM";
	case NT_ARPHRD_STRIP: return "Strip";
	case NT_ARPHRD_IEEE1394: return "IEEE 1394";
	case NT_ARPHRD_INFINIBAND: return "InfiniBand";
	default: return NULL;
	}
}
