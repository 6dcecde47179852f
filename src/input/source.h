/* \summary: one input source: a capture file, standard input, a live
 * interface or a tcpdump text log, opened by name, its format sniffed
 * once, read one record at a time; and a time-ordered merge of several.
 *
 * The format of a file or of stdin is told by its first bytes: a pcap or
 * pcapng magic number, or a gzip/zstd header (input/pcapfile.h), makes it
 * a capture; otherwise, when text logs are accepted, standard input is a
 * text log, and a file is one when the text-log sniff (input/textlog.h)
 * says so (an empty file when the caller asks).
 *
 * A record is what the input holds: a captured frame (bytes, lengths,
 * link type, time, record number, byte offset), or a text-log record (the
 * struct nt_pkt the text reader filled, its unwrapped text and spans,
 * its line numbers).  The source does not decode frames: that is the
 * decoder's job (decode/record.h turns any record into struct nt_pkt and
 * struct nt_raw).  Records borrow the source's memory and stay valid until
 * the source's next call: nothing is copied or allocated per record.
 *
 * Errors go through struct nt_error, and each names the input; damage in
 * a capture names the record number and the byte offset where it starts.
 * Reading stops at damage: what came before was returned.
 */
#ifndef NT_INPUT_SOURCE_H
#define NT_INPUT_SOURCE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "core/packet.h"
#include "input/reader.h"
#include "input/textlog.h"

enum {
	NT_SRC_MAX_GARBAGE = 20, /* garbage lines of a text log kept with their text */
	NT_SRC_MAX_MERGE = 64,   /* inputs of one merge */
};

/* What an input is. */
enum nt_src_format {
	NT_SRC_UNKNOWN = 0,
	NT_SRC_PCAP = 1,
	NT_SRC_PCAPNG = 2,
	NT_SRC_COMPRESSED = 3, /* gzip or zstd: a capture inside (sniff only) */
	NT_SRC_TEXT = 4,       /* tcpdump text log */
	NT_SRC_LIVE = 5,
};

/* What a record is. */
enum nt_rec_kind {
	NT_REC_FRAME = 1,
	NT_REC_TEXT = 2,
};

struct nt_source_opts {
	int text;              /* accept tcpdump text logs (else captures only) */
	int empty_text;        /* with text: an empty file is an empty text log
				* (else it is refused as neither) */
	int nano;              /* frames: nanosecond fractions, else microseconds */
	const struct nt_textlog_opts *textlog; /* text logs' limits (NULL: defaults) */
	int snaplen;           /* live: snap length (0 = 262144) */
	int promisc;           /* live: promiscuous mode */
	int timeout_ms;        /* live: read timeout (0 = 100) */
};

/* One record.  Every pointer is the source's, valid until its next call. */
struct nt_src_rec {
	int kind;              /* enum nt_rec_kind */
	int input;             /* the source's index in its merge (0 alone) */
	uint64_t number;       /* 1-based: frames their record number in the
				* file, text records their packet ordinal */
	int64_t t;             /* ns since the epoch (or of the day): merge order */
	/* NT_REC_FRAME: the frame as the capture reader gives it (bytes,
	 * lengths, link type, sec + frac, record number, byte offset; frac
	 * in ns when nano, else in us) */
	struct nt_frame frame;
	int nano;
	/* NT_REC_TEXT */
	const struct nt_pkt *pkt;    /* as the text reader filled it */
	const struct nt_tl_rec *tl;  /* text, field spans, line_first/last */
};

/* What the report says about an input. */
struct nt_source_info {
	char path[512];        /* the name given; "(stdin)" for "-"; the interface */
	char format[16];       /* "pcap", "pcapng", "tcpdump-text", "live" */
	int is_text;
	uint64_t packets;      /* records returned so far */
	uint64_t lines;        /* text: lines read */
	uint64_t garbage;      /* text: lines that are no packet (all counted) */
	size_t n_garbage_list;
	struct nt_tl_garbage garbage_list[NT_SRC_MAX_GARBAGE]; /* the first ones */
	int no_date;           /* text: time stamps without a date */
	int damaged;           /* reading stopped on an error */
	char error[256];       /* its message */
};

struct nt_source;

/* The format of an input whose first bytes are b[0, n): NT_SRC_PCAP,
 * NT_SRC_PCAPNG or NT_SRC_COMPRESSED from the magic numbers, else
 * NT_SRC_TEXT when it looks like tcpdump output, else NT_SRC_UNKNOWN.
 * The one place where the tree tells formats apart. */
int nt_source_sniff(const uint8_t *b, size_t n);

/* Opens path ("-": standard input).  Captures only unless o->text; then
 * stdin that is not a capture is read as a text log, and a file that is
 * neither is refused (NT_EFORMAT, "'PATH' is neither a pcap/pcapng
 * capture nor a tcpdump text log").  A file that cannot be opened is
 * NT_EIO.  o may be NULL (captures, microseconds). */
int nt_source_open(struct nt_source **sp, const char *path, const struct nt_source_opts *o,
		   struct nt_error *err);
/* The same for a stream already open (taken over: closed with the source
 * unless it is stdin); name is for messages and the info. */
int nt_source_open_stream(struct nt_source **sp, FILE *f, const char *name,
			  const struct nt_source_opts *o, struct nt_error *err);
/* Captures live from an interface (needs root or CAP_NET_RAW). */
int nt_source_open_live(struct nt_source **sp, const char *ifname,
			const struct nt_source_opts *o, struct nt_error *err);

/* 1: *r is the next record; 0: the end (live: interrupted by
 * nt_source_break, call again to read on); < 0: an error, in err and in
 * the info (damaged), after which the source returns 0. */
int nt_source_next(struct nt_source *s, struct nt_src_rec *r, struct nt_error *err);

/* Captures: a BPF filter as tcpdump takes it (NT_EUSAGE if bad; NT_ENOTSUP
 * for a text log); a copy of every frame read into a pcap stream (taken
 * over; live captures). */
int nt_source_set_filter(struct nt_source *s, const char *expr, struct nt_error *err);
int nt_source_save_to_file(struct nt_source *s, FILE *f, const char *name, struct nt_error *err);
/* Live: tcpdump's "listening on ..." line (no newline); else "reading from NAME". */
void nt_source_banner(const struct nt_source *s, char *dst, size_t n);
/* Stops a live read from a signal handler (async-signal-safe). */
void nt_source_break(struct nt_source *s);

/* enum nt_src_format of the source (NT_SRC_PCAP, NT_SRC_PCAPNG, NT_SRC_TEXT
 * or NT_SRC_LIVE; a compressed capture is the format inside). */
int nt_source_format(const struct nt_source *s);
/* Captures: the link type of the first interface (frames carry their own). */
int nt_source_dlt(const struct nt_source *s);
/* Captures: the file's resolution is finer than a microsecond. */
int nt_source_file_nano(const struct nt_source *s);
/* The info, brought up to date. */
const struct nt_source_info *nt_source_info(struct nt_source *s);
void nt_source_close(struct nt_source *s);

/* A time-ordered merge of several sources: each call returns the record
 * with the smallest time among the inputs' next ones, the first input
 * first on a tie.  An input that fails is marked damaged in its info and
 * the others go on. */
struct nt_merge;

int nt_merge_new(struct nt_merge **mp, struct nt_error *err);
/* Adds s (taken over: closed by nt_merge_free, even on failure); its
 * records carry the index it gets, 0, 1, ... in the order of adding.
 * Returns the index, or NT_ENOMEM past NT_SRC_MAX_MERGE inputs. */
int nt_merge_add(struct nt_merge *m, struct nt_source *s, struct nt_error *err);
/* The next record in time order, valid until the next call; NULL when
 * every input has ended. */
const struct nt_src_rec *nt_merge_next(struct nt_merge *m);
int nt_merge_count(const struct nt_merge *m);
struct nt_source *nt_merge_source(struct nt_merge *m, int i);
void nt_merge_free(struct nt_merge *m);

#endif
