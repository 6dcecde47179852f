/* \summary: ARP (RFC 826), RARP (RFC 903), InARP (RFC 2390) and ATM ARP
 * (RFC 2225) wire constants, and the operation and hardware type names
 * as tcpdump 4.99.3 prints them.
 *
 * ARP:     | hrd (2) | pro (2) | hln (1) | pln (1) | op (2) |
 *          | sha (hln) | spa (pln) | tha (hln) | tpa (pln) |
 * ATM ARP: | hrd (2) | pro (2) | shtl (1) | sstl (1) | op (2) | spln (1) |
 *          | thtl (1) | tstl (1) | tpln (1) | sha | ssa | spa | tha | tsa | tpa |
 *          (type/length bytes: 0x40 E.164 flag, 0x3f length)
 */
#ifndef NT_PROTO_ARP_H
#define NT_PROTO_ARP_H

enum {
	NT_ARP_HDRLEN = 8,
	NT_ATMARP_HDRLEN = 12,
	NT_ATMARP_LEN_MASK = 0x3f,
};

/* Operations. */
enum nt_arp_op {
	NT_ARPOP_REQUEST = 1,
	NT_ARPOP_REPLY = 2,
	NT_ARPOP_REVREQUEST = 3,
	NT_ARPOP_REVREPLY = 4,
	NT_ARPOP_INVREQUEST = 8,
	NT_ARPOP_INVREPLY = 9,
	NT_ARPOP_NAK = 10, /* ATM ARP only */
};

/* Hardware types. */
enum nt_arp_hrd {
	NT_ARPHRD_ETHER = 1,
	NT_ARPHRD_IEEE802 = 6,
	NT_ARPHRD_ARCNET = 7,
	NT_ARPHRD_FRELAY = 15,
	NT_ARPHRD_ATM2225 = 19,
	NT_ARPHRD_STRIP = 23,
	NT_ARPHRD_IEEE1394 = 24,
	NT_ARPHRD_INFINIBAND = 32,
};

/* tcpdump's name of an operation ("Request", "Reverse Reply", "NACK
 * Reply"), NULL when it prints "Unknown (N)". */
const char *nt_arp_op_name(unsigned op);
/* tcpdump's name of a hardware type ("Ethernet", "TokenRing"), NULL when
 * it prints "Unknown Hardware (N)". */
const char *nt_arp_hrd_name(unsigned hrd);

#endif
