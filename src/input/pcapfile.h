/* \summary: native reader of capture files: classic pcap (micro- and
 * nanosecond, both byte orders) and pcapng (sections of either byte
 * order, several interfaces with different link types and time stamp
 * resolutions), plain or gzip/zstd-compressed (told by the magic bytes).
 * Streams from a FILE (regular file or pipe) with a large buffer; memory
 * is bounded by the largest allowed record.
 *
 * Limits as libpcap's: a record's captured length is at most 262144
 * bytes; a pcapng block at most 16 MiB and a multiple of 4 bytes.  Every
 * error names the record number and the byte offset where it starts.
 */
#ifndef NT_PCAPFILE_H
#define NT_PCAPFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

enum {
	NT_PCAP_MAX_CAPLEN = 262144,
	NT_PCAPNG_MAX_BLOCK = 16 * 1024 * 1024,
	NT_PCAPNG_MAX_IFACES = 256,
};

enum nt_capfmt { NT_CAPFMT_PCAP = 1, NT_CAPFMT_PCAPNG = 2 };

/* The first four bytes of a capture, read big-endian: the magic numbers
 * of classic pcap (microsecond and nanosecond resolution, written in
 * either byte order) and the pcapng section header block type; gzip's
 * (RFC 1952, two bytes) and zstd's (RFC 8878). */
enum {
	NT_PCAP_MAGIC_US = 0xa1b2c3d4,     /* written in big-endian order */
	NT_PCAP_MAGIC_NS = 0xa1b23c4d,
	NT_PCAP_MAGIC_US_LE = 0xd4c3b2a1,  /* written little-endian: swapped */
	NT_PCAP_MAGIC_NS_LE = 0x4d3cb2a1,
	NT_PCAPNG_MAGIC = 0x0a0d0d0a,      /* SHB block type, the same either way */
	NT_GZIP_MAGIC = 0x1f8b,
	NT_ZSTD_MAGIC = 0x28b52ffd,
};

/* Compression of the file around the capture (told by its first bytes). */
enum nt_comp { NT_COMP_NONE = 0, NT_COMP_GZIP = 1, NT_COMP_ZSTD = 2 };

struct nt_pcapfile;

struct nt_pcaprec {
	int64_t sec;
	uint32_t frac;        /* fraction of a second in `units` */
	uint32_t units;       /* 1000000 (microseconds) or 1000000000 */
	uint32_t caplen, wirelen;
	const uint8_t *data;  /* valid until the next call */
	int dlt;
	uint32_t iface;
	uint64_t index;       /* 1-based record (packet) number */
	uint64_t offset;      /* byte offset of the record/block */
};

/* Takes ownership of f.  `name` is used in messages. */
int nt_pcapfile_open(struct nt_pcapfile **pf, FILE *f, const char *name, struct nt_error *err);
/* 1: record; 0: clean end; < 0: error (err filled; earlier records were good). */
int nt_pcapfile_next(struct nt_pcapfile *pf, struct nt_pcaprec *rec, struct nt_error *err);
int nt_pcapfile_format(const struct nt_pcapfile *pf);
/* Link type of the first interface (pcap: of the file). */
int nt_pcapfile_dlt(const struct nt_pcapfile *pf);
int nt_pcapfile_nano(const struct nt_pcapfile *pf); /* file resolution finer than 1 us */
uint32_t nt_pcapfile_snaplen(const struct nt_pcapfile *pf);
/* NT_CAPFMT_* of a capture starting with the bytes b[0, n) (its magic
 * number), 0 if none; compressed files are told by the next function. */
int nt_pcapfile_sniff(const uint8_t *b, size_t n);
/* NT_COMP_* of the bytes b[0, n) (a file's first bytes): gzip needs 2,
 * zstd 4. */
int nt_pcapfile_sniff_compressed(const uint8_t *b, size_t n);
/* The file's compression (NT_COMP_*) and its name ("plain", "gzip", "zstd"). */
int nt_pcapfile_compression(const struct nt_pcapfile *pf);
const char *nt_pcapfile_compression_name(int kind);
void nt_pcapfile_close(struct nt_pcapfile *pf);

#endif
