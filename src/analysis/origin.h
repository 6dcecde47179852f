/* \summary: who sent an error: the measured evidence that tells a genuine
 * ICMP error or TCP reset from the target apart from one a device on the
 * path made in its name (a gateway, firewall or sandbox rejecting the
 * traffic itself).
 *
 * A packet's IP TTL (hop limit) starts at one of a few initial values (64
 * Linux/macOS, 128 Windows, 255 routers and some stacks, 32 old ones) and
 * loses one per router: initial - received = the routers it crossed.  An
 * ICMP error quotes the datagram as it arrived where the error was made,
 * so the quoted TTL against the TTL the client sent gives the hops the
 * datagram had travelled: 0 or 1 means it never left the client's own
 * network.  The error's delay against the query, and the TTL and round
 * trip of the target's own packets in the capture, say the same from the
 * other side.  (RFC 792, RFC 1812 section 4.3.2.3; the TTL method is the
 * one of passive OS fingerprinting, e.g. p0f.) */
#ifndef NT_ORIGIN_H
#define NT_ORIGIN_H

#include <stdint.h>

#include "core/packet.h"

/* The initial TTL a received TTL most likely started from (32, 64, 128
 * or 255), and the routers crossed since; 0 TTL (unknown) gives -1. */
int nt_ttl_initial(uint8_t ttl);
int nt_ttl_hops(uint8_t ttl);

/* 1 for an address of the public Internet (not private, loopback,
 * link-local, CGNAT, documentation, multicast or unique-local). */
int nt_addr_is_global(const struct nt_addr *a);

/* Where an error (ICMP error or TCP reset) came from. */
enum nt_origin {
	NT_ORIGIN_UNKNOWN = 0,  /* too little to tell */
	NT_ORIGIN_TARGET,       /* the target itself */
	NT_ORIGIN_ROUTER,       /* a router on the path, under its own address */
	NT_ORIGIN_LOCAL,        /* a device next to the client, in the target's name */
	NT_ORIGIN_PATH,         /* a device on the path, in the target's name (TTL unlike the target's) */
};

/* What is known of one error. */
struct nt_origin_in {
	uint8_t claims_target;  /* its source address is the target's */
	uint8_t err_ttl;        /* TTL of the error packet (0 unknown) */
	uint8_t sent_ttl;       /* TTL the client sent the quoted datagram with (0 unknown) */
	uint8_t quote_ttl;      /* TTL of the quoted datagram (0 unknown) */
	int64_t delay_ns;       /* error time - query time (< 0 unknown) */
	struct nt_addr client, target;
	/* the target's own packets in the capture (0 / -1: none seen) */
	uint8_t target_ttl;     /* a TTL of its genuine packets */
	int64_t target_rtt_ns;  /* its shortest measured round trip */
};

/* The verdict with the evidence that decided it. */
struct nt_origin_out {
	uint8_t origin;         /* enum nt_origin */
	int8_t quote_hops;      /* hops the quoted datagram travelled, -1 unknown */
	int8_t err_hops;        /* hops the error travelled, -1 unknown */
	int8_t target_hops;     /* hops the target's own packets travel, -1 unknown */
	uint8_t by_ttl, by_delay, by_address; /* which evidence decided it */
};

void nt_origin_judge(const struct nt_origin_in *in, struct nt_origin_out *out);

#endif
