/* \summary: capture input: pcap/pcapng files, stdin and live interfaces
 * through libpcap, one frame at a time, with the record number and byte
 * offset of each frame for error messages. */
#ifndef NT_READER_H
#define NT_READER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"

struct nt_frame {
	int64_t sec;
	uint32_t frac;        /* micro- or nanoseconds (see nt_reader_open*) */
	uint32_t caplen, wirelen;
	const uint8_t *data;  /* valid until the next call */
	uint64_t index;       /* 1-based record number */
	uint64_t offset;      /* byte offset of the record in the file, if known */
	int dlt;              /* link type of this frame */
};

struct nt_reader;

struct nt_reader_opts {
	int nano;             /* deliver nanosecond fractions */
	int snaplen;          /* live: snap length (0 = 262144) */
	int promisc;          /* live: promiscuous mode */
	int timeout_ms;       /* live: read timeout */
};

/* path "-" reads stdin. */
int nt_reader_open_file(struct nt_reader **rp, const char *path,
			const struct nt_reader_opts *o, struct nt_error *err);
/* A capture from a stream already open (taken over: closed with the
 * reader, or on failure, unless it is stdin); name is for messages. */
int nt_reader_open_stream(struct nt_reader **rp, FILE *f, const char *name,
			  const struct nt_reader_opts *o, struct nt_error *err);
int nt_reader_open_live(struct nt_reader **rp, const char *ifname,
			const struct nt_reader_opts *o, struct nt_error *err);
/* BPF filter as tcpdump takes it. */
int nt_reader_set_filter(struct nt_reader *r, const char *expr, struct nt_error *err);
/* Also write every frame read to a pcap file. */
int nt_reader_save_to(struct nt_reader *r, const char *path, struct nt_error *err);
/* The same into a stream already open for writing (closed with the reader). */
int nt_reader_save_to_file(struct nt_reader *r, FILE *f, const char *name, struct nt_error *err);
/* Live: tcpdump's "listening on IFACE, link-type NAME (DESC), snapshot
 * length N bytes" (no newline) into dst. */
void nt_reader_live_banner(const struct nt_reader *r, char *dst, size_t n);
/* 1: a frame; 0: end of input; < 0: error (err names file, record, offset). */
int nt_reader_next(struct nt_reader *r, struct nt_frame *f, struct nt_error *err);
int nt_reader_dlt(const struct nt_reader *r);
/* NT_CAPFMT_PCAP or NT_CAPFMT_PCAPNG of a file (after decompression), 0 live. */
int nt_reader_format(const struct nt_reader *r);
int nt_reader_is_nano(const struct nt_reader *r);
/* The file's own resolution is finer than a microsecond (a nanosecond
 * pcap); 0 for pcapng and live captures. */
int nt_reader_file_nano(const struct nt_reader *r);
const char *nt_reader_name(const struct nt_reader *r);
/* Stops a live capture from a signal handler. */
void nt_reader_break(struct nt_reader *r);
void nt_reader_close(struct nt_reader *r);

#endif
