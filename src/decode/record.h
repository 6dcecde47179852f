/* \summary: a record of an input source (input/source.h) as the engine
 * takes it: struct nt_pkt (decoded from a frame's bytes, or as the
 * text-log reader filled it) with its record number and time stamp, and
 * struct nt_raw (core/snap.h: the bytes or the text line, lengths, link
 * type, line number, input index) for evidence snapshots. */
#ifndef NT_DECODE_RECORD_H
#define NT_DECODE_RECORD_H

#include "core/packet.h"
#include "core/snap.h"
#include "input/source.h"

/* Fills pkt and raw from r.  Frames: nt_decode_frame's result, < 0 when
 * the frame could not be decoded (the caller counts it as skipped; pkt
 * still has the frame number and time); text records: 0.  No allocation;
 * raw points into r's memory (valid as long as r). */
int nt_decode_record(const struct nt_src_rec *r, struct nt_pkt *pkt, struct nt_raw *raw);

#endif
