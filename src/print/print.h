/* \summary: tcpdump-compatible packet printer (tcpdump 4.99 formats).
 *
 * One printer per protocol (print/<proto>.c), each of the shape
 *   int nt_print_<proto>(struct nt_printer *pr, struct nt_cur *c, ...);
 * reading only through the cursor.  A printer that runs out of captured
 * bytes prints tcpdump's " [|proto]" marker and returns NT_PRINT_TRUNC;
 * its callers then stop printing the packet.  Printers never allocate.
 */
#ifndef NT_PRINT_H
#define NT_PRINT_H

#include <stdint.h>

#include "core/cursor.h"
#include "core/out.h"

struct nt_print_opts {
	int nflag;      /* -n count (names are never resolved; -n only turns off port names) */
	int vflag;      /* -v count */
	int tflag;      /* -t count: 0 default, 1 none, 2 epoch, 3 delta, 4 date, 5 since first */
	int eflag;      /* -e */
	int qflag;      /* -q */
	int numflag;    /* -# */
	int nano;       /* --nano: 9-digit fractions */
	int force_domain; /* -T domain */
	int utc;        /* print times in UTC instead of local time */
	int absseq;     /* -S: absolute TCP sequence numbers */
};

struct nt_printer {
	struct nt_print_opts o;
	struct nt_out *out;
	/* per-run state */
	uint64_t count;             /* packets printed (for -#) */
	int64_t first_sec, prev_sec;
	uint32_t first_nsec, prev_nsec;
	int have_first;
	int ts_nano;                /* the input's timestamps are nanoseconds */
	int tm_cache_valid;         /* tm_cache holds the text of tm_cache_sec */
	int64_t tm_cache_sec;       /* cached broken-down time for this second */
	char tm_cache[32];
	int tm_cache_len;
	int dlt;
	/* per-packet state */
	int ip_depth;               /* nesting of IP inside ICMP errors */
	const uint8_t *ip_hdr;      /* IP header of the datagram being printed (for checksums) */
	int ip_v;                   /* its version */
	int ip_frag;                /* the datagram is a fragment (no transport checksum) */
};

enum { NT_PRINT_OK = 0, NT_PRINT_TRUNC = -1 };

void nt_printer_init(struct nt_printer *pr, const struct nt_print_opts *o,
		     struct nt_out *out, int dlt, int ts_nano);

/* Prints one packet (one or more lines, each ending in '\n'). */
/* `frac` is in microseconds, or nanoseconds when o.nano is set. */
void nt_print_packet(struct nt_printer *pr, int64_t sec, uint32_t frac,
		     const uint8_t *data, uint32_t caplen, uint32_t wirelen);

/* Prints `sec`/`nsec` as tcpdump's default local-time stamp (used by reports). */

/* --- shared helpers, print/util.c --- */
void nt_print_trunc(struct nt_printer *pr, const char *proto); /* " [|proto]" */
/* Port number, or without -n its service name (proto/services.h); udp=1
 * for the UDP table. */
void nt_print_port(struct nt_printer *pr, int udp, unsigned port);
void nt_print_addr(struct nt_printer *pr, int v6, const uint8_t *a);
/* Internet checksum over a buffer (returns folded, not complemented, sum). */
uint32_t nt_cksum_add(uint32_t sum, const uint8_t *p, size_t n);
uint16_t nt_cksum_fold(uint32_t sum);
/* Transport checksum of len bytes at p with the pseudo-header of the
 * current IP header; 0 means correct. */
uint16_t nt_l4_cksum(const struct nt_printer *pr, uint8_t proto, const uint8_t *p, uint32_t len);
/* The checksum field value that would make a packet with `sum` in its
 * field and computed verification `computed` correct (in_cksum_shouldbe). */
uint16_t nt_cksum_shouldbe(uint16_t sum, uint16_t computed);
/* tcpdump's hex dump lines ("\n\t0x0000:  4500 ...") of n bytes. */
void nt_print_hexdump(struct nt_printer *pr, const uint8_t *p, size_t n, const char *prefix);
/* tcpdump's default_print / hex_and_ascii_print: hex lines with an ASCII column. */
void nt_print_hex_ascii(struct nt_printer *pr, const uint8_t *p, size_t n, const char *prefix);
/* Prints printable ASCII, escaping others as tcpdump's fn_print does ("M-", "^"). */
void nt_print_fn_char(struct nt_printer *pr, uint8_t ch);

/* --- layer printers --- */
int nt_print_ether(struct nt_printer *pr, struct nt_cur *c);
int nt_print_sll(struct nt_printer *pr, struct nt_cur *c);
int nt_print_sll2(struct nt_printer *pr, struct nt_cur *c);
int nt_print_null(struct nt_printer *pr, struct nt_cur *c, int loop);
int nt_print_nflog(struct nt_printer *pr, struct nt_cur *c);
/* Dispatches by ethertype; returns NT_PRINT_* */
int nt_print_ethertype(struct nt_printer *pr, struct nt_cur *c, uint16_t type);
/* print/arp.c: ARP, RARP, InARP and ATM ARP (the cursor on the ARP header). */
int nt_print_arp(struct nt_printer *pr, struct nt_cur *c);
/* print/link_extra.c: PPP (HDLC framing), MPLS, Solaris IPNET, Frame Relay, SLIP. */
int nt_print_ppp_hdlc(struct nt_printer *pr, struct nt_cur *c);
int nt_print_mpls(struct nt_printer *pr, struct nt_cur *c);
int nt_print_ipnet(struct nt_printer *pr, struct nt_cur *c);
int nt_print_fr(struct nt_printer *pr, struct nt_cur *c);
int nt_print_slip(struct nt_printer *pr, struct nt_cur *c);
int nt_print_ip(struct nt_printer *pr, struct nt_cur *c);   /* IPv4 or IPv6 by version nibble */
int nt_print_ip4(struct nt_printer *pr, struct nt_cur *c);
int nt_print_ip6(struct nt_printer *pr, struct nt_cur *c);
/* Transport printers get the cursor on their header, `len` bytes per the IP length. */
int nt_print_udp(struct nt_printer *pr, struct nt_cur *c, uint32_t len,
		 const uint8_t *src, const uint8_t *dst, int v6);
int nt_print_tcp(struct nt_printer *pr, struct nt_cur *c, uint32_t len,
		 const uint8_t *src, const uint8_t *dst, int v6);
/* Forgets the TCP connections seen (relative sequence numbers); called by
 * nt_printer_init. */
void nt_print_tcp_reset(void);
int nt_print_icmp(struct nt_printer *pr, struct nt_cur *c, uint32_t len);
int nt_print_icmp6(struct nt_printer *pr, struct nt_cur *c, uint32_t len,
		   const uint8_t *src, const uint8_t *dst);
/* DNS message in c (length len); tcp: after the 2-byte prefix. */
int nt_print_dns(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int is_mdns);
/* tcpdump's fqdn_print: the domain name at offset off of msg (whose
 * captured bytes bound the reads), compression pointers as offsets from
 * offset `base`.  Returns the offset after the name, or (size_t)-1 when
 * it could not be printed; *jmp is set when tcpdump would have stopped
 * the whole packet there. */
size_t nt_print_dns_name(struct nt_printer *pr, const struct nt_cur *msg, size_t off,
			 size_t base, int *jmp);
/* UDP applications: the cursor on the UDP payload, len bytes per the UDP length. */
int nt_print_ntp(struct nt_printer *pr, struct nt_cur *c, uint32_t len);    /* print/ntp.c */
int nt_print_syslog(struct nt_printer *pr, struct nt_cur *c, uint32_t len); /* print/syslog.c */
int nt_print_bcm_li(struct nt_printer *pr, struct nt_cur *c, uint32_t len); /* print/bcm_li.c */
int nt_print_bootp(struct nt_printer *pr, struct nt_cur *c, uint32_t len);  /* print/bootp.c */
int nt_print_dhcp6(struct nt_printer *pr, struct nt_cur *c, uint32_t len);  /* print/dhcp6.c */

#endif
