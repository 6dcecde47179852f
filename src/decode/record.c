/* \summary: source records into struct nt_pkt and struct nt_raw
 * (decode/record.h). */
#include "decode/record.h"

#include "decode/decode.h"

int nt_decode_record(const struct nt_src_rec *r, struct nt_pkt *pkt, struct nt_raw *raw)
{
	if (r->kind == NT_REC_TEXT) {
		*pkt = *r->pkt;
		*raw = (struct nt_raw){.text = r->tl->text, .text_len = r->tl->len,
				       .line = r->tl->line_first, .input = r->input};
		return 0;
	}
	const struct nt_frame *f = &r->frame;
	pkt->flags = 0; /* nt_decode_frame keeps the caller's flags */
	int rc = nt_decode_frame(f->data, f->caplen, f->wirelen, f->dlt, pkt);
	pkt->frame = f->index;
	pkt->ts_sec = f->sec;
	pkt->ts_nsec = r->nano ? f->frac : f->frac * 1000u;
	*raw = (struct nt_raw){.data = f->data, .caplen = f->caplen, .wirelen = f->wirelen,
			       .dlt = f->dlt, .input = r->input};
	return rc;
}
