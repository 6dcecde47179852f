/* \summary: evidence snapshots and packet times (core/snap.h). */
#include "core/snap.h"

#include <string.h>

#define NS 1000000000LL

int64_t nt_pkt_time(const struct nt_pkt *pkt)
{
	/* Clamp to +-2^62 ns (years 1824..2116, every pcap time stamp): a text
	 * log's far-off date or a huge pcapng time stamp must not overflow
	 * the nanosecond count, nor the difference of two times. */
	const int64_t lim = INT64_MAX / NS / 2 - 1;
	int64_t sec = pkt->ts_sec;
	if (sec > lim)
		sec = lim;
	else if (sec < -lim)
		sec = -lim;
	uint32_t ns = pkt->ts_nsec;
	if (ns >= NS) /* no division for the usual in-range fraction */
		ns %= NS;
	return sec * NS + (int64_t)ns;
}

void nt_snap_fill(struct nt_snap *s, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	s->frame = pkt->frame;
	s->t = nt_pkt_time(pkt);
	s->line = raw ? raw->line : 0;
	s->input = raw ? (uint8_t)raw->input : 0;
	s->dlt = raw ? raw->dlt : 0;
	s->caplen = s->wirelen = 0;
	s->len = 0;
	s->is_text = 0;
	if (raw && raw->text) {
		size_t n = raw->text_len < NT_SNAP_MAX ? raw->text_len : NT_SNAP_MAX;
		memcpy(s->data, raw->text, n);
		s->len = (uint16_t)n;
		s->is_text = 1;
	} else if (raw && raw->data) {
		size_t n = raw->caplen < NT_SNAP_MAX ? raw->caplen : NT_SNAP_MAX;
		memcpy(s->data, raw->data, n);
		s->len = (uint16_t)n;
		s->caplen = raw->caplen;
		s->wirelen = raw->wirelen;
	}
}
