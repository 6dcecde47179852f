/* \summary: ntgen: builders for whole frames (Ethernet / Linux cooked / raw
 * IP; IPv4, IPv6, UDP, TCP, ICMP, ICMPv6 with correct checksums) and for DNS
 * messages (questions, A/AAAA/CNAME/NS/TXT/SOA/PTR/MX records, EDNS0 OPT,
 * name compression). */
#ifndef NTGEN_PKT_H
#define NTGEN_PKT_H

#include <stddef.h>
#include <stdint.h>

/* An IPv4 (first 4 bytes used) or IPv6 address. */
struct gaddr {
	uint8_t v6;
	uint8_t a[16];
};

/* Parses dotted IPv4 or IPv6 text; aborts on bad text (literals only). */
struct gaddr gaddr(const char *text);
/* IPv4 from a host-order 32-bit number. */
struct gaddr gaddr4(uint32_t v);
/* IPv6 from a /64 prefix (first 8 bytes, text) and a 64-bit interface id. */
struct gaddr gaddr6(const char *prefix, uint64_t iid);

/* The link layer a frame is written for (pcapw PCAPW_LINK_* values). */
struct glink {
	int linktype;
	uint8_t smac[6], dmac[6];
	uint16_t sll_pkttype;   /* Linux cooked: 0 to us, 4 outgoing */
};

/* IP header fields the caller chooses. */
struct gip {
	struct gaddr src, dst;
	uint8_t ttl;            /* hop limit for IPv6; 0 means 64 */
	uint8_t tos;            /* traffic class for IPv6 */
	uint8_t df;             /* IPv4 don't-fragment */
	uint16_t id;            /* IPv4 identification */
	uint32_t flowlabel;     /* IPv6 */
};

struct gtcp {
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;          /* GTCP_* */
	uint16_t win;
	const uint8_t *opts;    /* raw options, padded to 4 by the builder */
	uint8_t optlen;
};

enum {
	GTCP_FIN = 0x01, GTCP_SYN = 0x02, GTCP_RST = 0x04, GTCP_PSH = 0x08,
	GTCP_ACK = 0x10, GTCP_URG = 0x20,
};

enum { GF_MAX = 65600 };

/* One frame: link header then the IP datagram at l3off. */
struct gframe {
	uint32_t len;
	uint32_t l3off, l3len;
	uint8_t b[GF_MAX];
};

/* Each builder replaces the frame's content; returns 0, or -1 if too big. */
int gf_udp(struct gframe *f, const struct glink *l, const struct gip *ip, uint16_t sport,
	   uint16_t dport, const void *pl, uint32_t plen);
/* As gf_udp with the UDP length field set to `ulen` (0: the true length);
 * a shorter field leaves the extra payload as IP padding. */
int gf_udp_len(struct gframe *f, const struct glink *l, const struct gip *ip, uint16_t sport,
	       uint16_t dport, const void *pl, uint32_t plen, uint16_t ulen);
int gf_tcp(struct gframe *f, const struct glink *l, const struct gip *ip, const struct gtcp *t,
	   const void *pl, uint32_t plen);
/* ICMP (IPv4) or ICMPv6 (IPv6 addresses): type, code, the 4 bytes after the
 * checksum (`rest`, host order) and a body. */
int gf_icmp(struct gframe *f, const struct glink *l, const struct gip *ip, uint8_t type,
	    uint8_t code, uint32_t rest, const void *body, uint32_t blen);
/* An ICMP/ICMPv6 error quoting the IP datagram of `orig` (at most `quote`
 * bytes of it; 0 = as much as the RFCs allow) followed by `pad` zero bytes. */
int gf_icmp_error(struct gframe *f, const struct glink *l, const struct gip *ip, uint8_t type,
		  uint8_t code, uint32_t rest, const struct gframe *orig, uint32_t quote,
		  uint32_t pad);

/* A fragment of the IP datagram held by `whole` (a frame these builders
 * made, no IPv6 extension headers): `len` bytes of `data` at offset `off`
 * (bytes, a multiple of 8) of the datagram's payload, `more` set when
 * more fragments follow, on the same link.  IPv4: whole's header with the
 * offset, MF and total length set (DF cleared, checksum recomputed);
 * IPv6: whole's header, then a fragment header with identification id6
 * (RFC 8200 section 4.5).  Returns 0, or -1 if the fragment cannot be
 * written (offset beyond the field, too big). */
int gf_ip_frag(struct gframe *f, const struct gframe *whole, uint32_t off, const uint8_t *data,
	       uint32_t len, int more, uint32_t id6);
/* The payload of whole's datagram (after its 20- or 40-byte header), and its length. */
const uint8_t *gf_ip_payload(const struct gframe *whole, uint32_t *len);

/* ---- DNS ---- */
enum {
	DNS_QR = 0x8000, DNS_AA = 0x0400, DNS_TC = 0x0200, DNS_RD = 0x0100,
	DNS_RA = 0x0080, DNS_AD = 0x0020, DNS_CD = 0x0010,
};
enum {
	DNS_NOERROR = 0, DNS_FORMERR = 1, DNS_SERVFAIL = 2, DNS_NXDOMAIN = 3,
	DNS_NOTIMP = 4, DNS_REFUSED = 5,
};
enum {
	T_A = 1, T_NS = 2, T_CNAME = 5, T_SOA = 6, T_PTR = 12, T_MX = 15, T_TXT = 16,
	T_AAAA = 28, T_SRV = 33, T_OPT = 41, T_RRSIG = 46, T_DNSKEY = 48, T_HTTPS = 65,
};
enum { DNS_SEC_QD = 0, DNS_SEC_AN = 1, DNS_SEC_NS = 2, DNS_SEC_AR = 3 };
enum { DNSB_COMP = 32, DNSB_NAME = 128 };

struct dnsb {
	uint8_t *b;
	uint32_t cap, len;
	int err;                /* sticky: ran out of room or bad name */
	uint16_t count[4];
	int sec;                /* current section */
	uint32_t rdlen_at;      /* offset of the open record's RDLENGTH */
	int ncomp;
	struct {
		uint16_t off;
		char name[DNSB_NAME];
	} comp[DNSB_COMP];
};

/* Header; `flags` is DNS_* | opcode << 11 | rcode. */
void dnsb_init(struct dnsb *d, uint8_t *buf, uint32_t cap, uint16_t id, uint16_t flags);
void dnsb_question(struct dnsb *d, const char *name, uint16_t qtype);
/* Records go in section order (AN, NS, AR). */
void dnsb_a(struct dnsb *d, int sec, const char *name, uint32_t ttl, const struct gaddr *a);
void dnsb_aaaa(struct dnsb *d, int sec, const char *name, uint32_t ttl, const struct gaddr *a);
/* CNAME, NS, PTR: one name as RDATA. */
void dnsb_name_rr(struct dnsb *d, int sec, const char *name, uint16_t type, uint32_t ttl,
		  const char *target);
void dnsb_mx(struct dnsb *d, int sec, const char *name, uint32_t ttl, uint16_t pref,
	     const char *exchange);
/* TXT: one character-string per NUL-terminated text (up to 255 bytes each). */
void dnsb_txt(struct dnsb *d, int sec, const char *name, uint32_t ttl, const char *const *texts,
	      int ntexts);
void dnsb_soa(struct dnsb *d, int sec, const char *name, uint32_t ttl, const char *mname,
	      const char *rname, uint32_t serial, uint32_t refresh, uint32_t retry,
	      uint32_t expire, uint32_t minimum);
/* Any record: owner, type, TTL and rdlen bytes of RDATA as they are. */
void dnsb_raw(struct dnsb *d, int sec, const char *name, uint16_t type, uint32_t ttl,
	      const uint8_t *rdata, uint32_t rdlen);
/* EDNS0 OPT in the additional section; ext_rcode is the upper 8 bits. */
void dnsb_opt(struct dnsb *d, uint16_t udp_size, uint8_t ext_rcode, int do_bit);
/* OPT carrying an Extended DNS Error (RFC 8914): info-code and text. */
void dnsb_opt_ede(struct dnsb *d, uint16_t udp_size, uint16_t info_code, const char *text);
/* Writes the counts; returns the message length, or 0 on error. */
uint32_t dnsb_finish(struct dnsb *d);

/* ---- random numbers (deterministic from the seed) ---- */
struct grng {
	uint64_t s;
};
void grng_seed(struct grng *r, uint64_t seed);
uint64_t grng_next(struct grng *r);
/* Uniform in [0, n). */
uint32_t grng_below(struct grng *r, uint32_t n);
/* 1 with probability per_mille / 1000. */
int grng_chance(struct grng *r, uint32_t per_mille);

#endif
