/* \summary: helpers the detector families share: opening the finding of
 * a family for a server, counting a DNS transaction in one, the words for
 * DNS types, rcodes and services, and the "a, b and 3 more" lists of a
 * finding's clients and names. */
#ifndef NT_DETECTORS_COMMON_H
#define NT_DETECTORS_COMMON_H

#include <stddef.h>

#include "analysis/origin.h"
#include "detectors/detector.h"

/* The mnemonic of a DNS type / rcode ("AAAA", "BADVERS"), or NULL for a
 * number without one (callers then print the number). */
const char *nt_qtype_name(unsigned qtype);
const char *nt_rcode_name(unsigned rcode);
/* The same, or "TYPE65399" / "RCODE12" (RFC 3597 style) in buf. */
const char *nt_qtype_text(unsigned qtype, char *buf, size_t n);
const char *nt_rcode_text(unsigned rcode, char *buf, size_t n);
/* Service name for a port ("DNS", "HTTPS", ...) or NULL. */
const char *nt_service_name(unsigned port);
/* "a, b and 3 more" lists of a finding's clients / names; many names of
 * one registered domain read "40 names under example.com (e.g. a.example.com)",
 * long names are cut in the middle. */
char *nt_join_clients(const struct nt_finding *f, char *dst, size_t n);
char *nt_join_names(const struct nt_finding *f, char *dst, size_t n);
/* The shortest name of a finding (for example commands), or NULL. */
const char *nt_shortest_name(const struct nt_finding *f);
/* The finding of this kind for a server, port and transport, created when
 * new with its owner, protocol and server address set; NULL when the
 * findings table is full. */
struct nt_finding *nt_det_finding(struct nt_findings *fs, const struct nt_detector *det,
				  const char *kind, const struct nt_addr *server, int port,
				  const char *transport, const char *protocol);
/* The finding of this kind for a DNS transaction's server, port and
 * transport, with the transaction counted in it (time span, client,
 * name); NULL when the findings table is full. */
struct nt_finding *nt_det_dns_finding(struct nt_findings *fs, const struct nt_detector *det,
				      const char *kind, const struct nt_dns_txn *t);

/* The operator's name of a well-known public resolver address ("Google
 * Public DNS"), or NULL. */
const char *nt_public_resolver(const struct nt_addr *a);
/* 1 when a lookup of name for qtype is one a browser makes to reach a site
 * (A, AAAA, HTTPS or CNAME of a public-looking name; not PTR, SRV,
 * service labels or local names). */
int nt_name_is_site(const char *name, unsigned qtype);
/* Where the ICMP errors for queries to a server came from, from its
 * profile (analysis/origin.h). */
void nt_prof_origin(const struct nt_dns_prof *p, const struct nt_addr *client,
		    struct nt_origin_out *out);

/* The value of the detector threshold called name (a family reading
 * another's, e.g. flood.min_seconds); 0 when there is none. */
double nt_det_param(const char *name);

#endif
