/* \summary: ntgen: a minimal classic-pcap writer (microsecond, little-endian)
 * for the project's own test captures. */
#ifndef NTGEN_PCAPW_H
#define NTGEN_PCAPW_H

#include <stdint.h>
#include <stdio.h>

/* Link-layer header types as written in the file header (LINKTYPE_*). */
enum {
	PCAPW_LINK_ETHERNET = 1,
	PCAPW_LINK_RAW = 101,
	PCAPW_LINK_LINUX_SLL = 113,
};

struct pcapw {
	FILE *f;
	char *iobuf;
	int linktype;
	uint32_t snaplen;
	int err;              /* sticky: a write failed */
	uint64_t packets;     /* records written */
	uint64_t bytes;       /* bytes written, headers included */
};

/* Creates `path` ("-" is standard output) and writes the file header. */
int pcapw_open(struct pcapw *w, const char *path, int linktype, uint32_t snaplen);
/* One record; the frame is cut to the snap length, `wirelen` is kept. */
int pcapw_write(struct pcapw *w, uint64_t ts_usec, const uint8_t *data, uint32_t len,
		uint32_t wirelen);
/* Flushes and closes; returns -1 if any write failed. */
int pcapw_close(struct pcapw *w);

#endif
