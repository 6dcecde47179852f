/* \summary: ntgen: classic pcap writer (magic a1b2c3d4 little-endian, v2.4). */
#include "pcapw.h"

#include <stdlib.h>
#include <string.h>

enum { PCAPW_BUF = 1 << 20 };

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
	p[2] = (uint8_t)(v >> 16);
	p[3] = (uint8_t)(v >> 24);
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

int pcapw_open(struct pcapw *w, const char *path, int linktype, uint32_t snaplen)
{
	memset(w, 0, sizeof(*w));
	w->f = strcmp(path, "-") == 0 ? stdout : fopen(path, "wb");
	if (w->f == NULL)
		return -1;
	if (w->f != stdout) {
		w->iobuf = malloc(PCAPW_BUF);
		if (w->iobuf)
			setvbuf(w->f, w->iobuf, _IOFBF, PCAPW_BUF);
	}
	w->linktype = linktype;
	w->snaplen = snaplen ? snaplen : 262144;
	uint8_t h[24];
	put32(h, 0xa1b2c3d4u);
	put16(h + 4, 2);
	put16(h + 6, 4);
	put32(h + 8, 0);      /* thiszone */
	put32(h + 12, 0);     /* sigfigs */
	put32(h + 16, w->snaplen);
	put32(h + 20, (uint32_t)linktype);
	if (fwrite(h, 1, sizeof(h), w->f) != sizeof(h))
		w->err = 1;
	w->bytes = sizeof(h);
	return w->err ? -1 : 0;
}

int pcapw_write(struct pcapw *w, uint64_t ts_usec, const uint8_t *data, uint32_t len,
		uint32_t wirelen)
{
	uint32_t cap = len < w->snaplen ? len : w->snaplen;
	uint8_t h[16];
	put32(h, (uint32_t)(ts_usec / 1000000u));
	put32(h + 4, (uint32_t)(ts_usec % 1000000u));
	put32(h + 8, cap);
	put32(h + 12, wirelen < len ? len : wirelen);
	if (fwrite(h, 1, sizeof(h), w->f) != sizeof(h) || fwrite(data, 1, cap, w->f) != cap)
		w->err = 1;
	w->packets++;
	w->bytes += sizeof(h) + cap;
	return w->err ? -1 : 0;
}

int pcapw_close(struct pcapw *w)
{
	int bad = w->err;
	if (w->f) {
		if (fflush(w->f) != 0)
			bad = 1;
		if (w->f != stdout && fclose(w->f) != 0)
			bad = 1;
	}
	free(w->iobuf);
	w->f = NULL;
	w->iobuf = NULL;
	return bad ? -1 : 0;
}
