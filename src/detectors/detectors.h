/* \summary: the detector interface and the one registry table
 * `detectors[]`: each finding family has one file that turns engine
 * events into merged findings, with its documented thresholds. */
#ifndef NT_DETECTORS_H
#define NT_DETECTORS_H

#include <stddef.h>

#include "analysis/engine.h"
#include "report/model.h"

struct nt_detector {
	const char *name;        /* family, e.g. "dns.server_unreachable" */
	const char *kinds;       /* finding kinds it emits, space-separated */
	struct nt_param *params; /* its thresholds (configurable with --set) */
	size_t n_params;
	void (*init)(struct nt_report *r);
	void (*on_event)(struct nt_report *r, const struct nt_engine *e, const struct nt_event *ev);
	/* Writes severity, summary, analysis, causes and next steps. */
	void (*finish)(struct nt_report *r, const struct nt_engine *e);
	/* Optional: every IPv4/IPv6 packet, after the correlators (attack
	 * detectors that count rates and fan-out); NULL for most families. */
	void (*on_packet)(struct nt_report *r, const struct nt_engine *e, const struct nt_pkt *pkt,
			  const struct nt_raw *raw);
};

extern const struct nt_detector detectors[];
extern const size_t n_detectors;

/* The families (one file each): parameters and entry points. */
#define NT_DETECTOR_DECL(id, np)                                                      \
	extern struct nt_param nt_##id##_params[np];                                  \
	void nt_##id##_init(struct nt_report *r);                                     \
	void nt_##id##_event(struct nt_report *r, const struct nt_engine *e,          \
			     const struct nt_event *ev);                              \
	void nt_##id##_finish(struct nt_report *r, const struct nt_engine *e);
NT_DETECTOR_DECL(det_dns_unreach, 1)
NT_DETECTOR_DECL(det_dns_noresp, 2)
NT_DETECTOR_DECL(det_dns_rcode, 8)
NT_DETECTOR_DECL(det_icmp, 3)
NT_DETECTOR_DECL(det_tcp, 4)
/* attack detectors: also a per-packet entry point */
#define NT_DETECTOR_PKT_DECL(id, np)                                                  \
	NT_DETECTOR_DECL(id, np)                                                      \
	void nt_##id##_packet(struct nt_report *r, const struct nt_engine *e,         \
			      const struct nt_pkt *pkt, const struct nt_raw *raw);
NT_DETECTOR_PKT_DECL(det_tunnel, 7)
NT_DETECTOR_PKT_DECL(det_prsd, 6)
NT_DETECTOR_PKT_DECL(det_amp, 5)
NT_DETECTOR_PKT_DECL(det_flood, 7)
NT_DETECTOR_PKT_DECL(det_synflood, 4)
NT_DETECTOR_PKT_DECL(det_scan, 4)

/* Shared helpers for detectors (detectors/common.c). */
const char *nt_qtype_name(unsigned qtype);
const char *nt_rcode_name(unsigned rcode);
/* Service name for a port ("DNS", "HTTPS", ...) or NULL. */
const char *nt_service_name(unsigned port);
/* "a, b and 3 more" lists of a finding's clients / names. */
char *nt_join_clients(const struct nt_finding *f, char *dst, size_t n);
char *nt_join_names(const struct nt_finding *f, char *dst, size_t n);
/* Sets kind-independent fields of a new finding (owner, protocol, server address). */
struct nt_finding *nt_det_finding(struct nt_report *r, int det, const char *kind,
				  const struct nt_addr *server, int port, const char *transport,
				  const char *protocol);
/* The finding of this kind for a DNS transaction's server, port and
 * transport, with the transaction counted in it (time span, client,
 * name); NULL when the findings table is full. */
struct nt_finding *nt_det_dns_finding(struct nt_report *r, int det, const char *kind,
				      const struct nt_dns_txn *t);
/* Hands a packet to the detectors that have on_packet (a precomputed list). */
void nt_detectors_packet(struct nt_report *r, const struct nt_engine *e, const struct nt_pkt *pkt,
			 const struct nt_raw *raw);
/* Index of the detector named name in detectors[], or -1. */
int nt_detector_index(const char *name);

#endif
