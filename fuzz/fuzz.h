/* \summary: entry points shared by the libFuzzer targets (fuzz/fuzz_*.c)
 * and the replayer (tests/unit/test_replay.c), and the small helpers the
 * targets use (fuzz/common.c).  Each nt_fuzz_<name>() takes one input,
 * runs it through the library and returns 0; a bug shows up as a crash,
 * a sanitizer report or an abort() of an invariant check. */
#ifndef NT_FUZZ_H
#define NT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

#include "core/out.h"
#include "print/print.h"

int nt_fuzz_pcap(const uint8_t *data, size_t size);
int nt_fuzz_pcapng(const uint8_t *data, size_t size);
int nt_fuzz_frame(const uint8_t *data, size_t size);
int nt_fuzz_dns_msg(const uint8_t *data, size_t size);
int nt_fuzz_dns_name(const uint8_t *data, size_t size);
int nt_fuzz_icmp_quote(const uint8_t *data, size_t size);
int nt_fuzz_tcpdump_line(const uint8_t *data, size_t size);
int nt_fuzz_analyze(const uint8_t *data, size_t size);
int nt_fuzz_reasm(const uint8_t *data, size_t size);
int nt_fuzz_escape(const uint8_t *data, size_t size);

/* A printer writing into memory. */
struct fz_printer {
	struct nt_out out;
	struct nt_printer pr;
	int ok;
};

/* Opens a printer with -v count vflag and -e when eflag. */
void fz_printer_open(struct fz_printer *p, int dlt, int vflag, int eflag, int nano);
/* Prints one frame and checks the text (then forgets it). */
void fz_printer_packet(struct fz_printer *p, int dlt, int64_t sec, uint32_t frac,
		       const uint8_t *data, uint32_t caplen, uint32_t wirelen);
void fz_printer_close(struct fz_printer *p);
/* Checks an in-memory text: NUL-terminated at len, no NUL inside. */
void fz_check_text(struct nt_out *o);
/* Runs the whole capture reader over a copy of the bytes (fmemopen),
 * decoding and printing every record. */
void fz_run_capture(const uint8_t *data, size_t size);
/* The same with the first four bytes replaced by magic (when there are
 * four): mutations then explore records, not the magic check. */
void fz_run_capture_magic(const uint8_t *data, size_t size, const uint8_t magic[4]);

#endif
