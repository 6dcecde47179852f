/* \summary: a frame of a capture reader as the engine takes it: decoded
 * into struct nt_pkt (with its record number and time stamp) and
 * described by struct nt_raw (bytes, lengths, link type).  Shared by
 * `analyze`, `watch` and the unit tests that drive the engine as they do.
 * (Its natural home is src/decode; it lives here until it moves there.) */
#ifndef NT_CLI_FRAME_H
#define NT_CLI_FRAME_H

#include "analysis/engine.h"
#include "decode/decode.h"
#include "input/reader.h"

/* Fills pkt and raw from f (raw's text fields are cleared; raw->input is
 * left as it is).  Returns nt_decode_frame's result: < 0 when the frame
 * could not be decoded (the caller counts it as skipped). */
static inline int nt_frame_to_pkt(const struct nt_frame *f, struct nt_pkt *pkt,
				  struct nt_raw *raw)
{
	int rc = nt_decode_frame(f->data, f->caplen, f->wirelen, f->dlt, pkt);
	pkt->frame = f->index;
	pkt->ts_sec = f->sec;
	pkt->ts_nsec = f->frac;
	*raw = (struct nt_raw){.data = f->data, .caplen = f->caplen, .wirelen = f->wirelen,
			       .dlt = f->dlt, .input = raw->input};
	return rc;
}

#endif
