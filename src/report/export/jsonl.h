/* \summary: the JSONL event stream of `analyze --format jsonl`: one JSON
 * object per line, written as the engine completes it (a DNS transaction,
 * an ICMP error with its quoted flow and what it was linked to), then one
 * line per finding and a closing line.  Fields: docs/jsonl-schema.md.
 * Each line is built in memory, then handed to every sink (report/sink.h):
 * the text writer and, with `--output kafka://`, the Kafka producer. */
#ifndef NT_REPORT_JSONL_H
#define NT_REPORT_JSONL_H

#include <stdint.h>

#include "analysis/engine.h"
#include "core/out.h"
#include "report/model.h"
#include "report/export/sink.h"

#define NT_JSONL_MAX_SINKS 4

struct nt_jsonl {
	struct nt_out *o;       /* the line being built (in memory) */
	struct nt_out line;
	struct nt_sink_out text;
	struct nt_sink *sink[NT_JSONL_MAX_SINKS];
	unsigned n_sink;
	uint64_t n_too_long;    /* events over the line ceiling, not sent */
	const struct nt_report *r;
	uint64_t n_dns, n_icmp, n_finding;
	/* what the ICMP error of the current packet was linked to */
	uint8_t link;           /* 0 none, 1 DNS transaction, 2 TCP handshake */
	char link_uid[24];
	uint16_t link_trans_id;
};

/* o: where the text lines go, or NULL for none (sinks only).  Returns 0,
 * or -1 when out of memory. */
int nt_jsonl_init(struct nt_jsonl *j, struct nt_out *o, const struct nt_report *r);
/* One more sink that receives every event (at most NT_JSONL_MAX_SINKS). */
int nt_jsonl_add_sink(struct nt_jsonl *j, struct nt_sink *s);
void nt_jsonl_free(struct nt_jsonl *j);
/* Per event (ctx = the struct nt_jsonl):
 * writes one "dns" line per ended DNS transaction. */
void nt_jsonl_observe(void *ctx, const struct nt_event *ev);
/* After the engine handled a packet: one "icmp" line per ICMP error. */
void nt_jsonl_packet(struct nt_jsonl *j, const struct nt_pkt *pkt);
/* The engine listener (ctx = the stream) that feeds both of the above. */
struct nt_listener nt_jsonl_listener(struct nt_jsonl *j);
/* After nt_engine_finish: one "finding" line each, then the "end" line. */
void nt_jsonl_finish(struct nt_jsonl *j);

#endif
