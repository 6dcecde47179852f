/* \summary: helpers shared by the fuzz targets: in-memory printers with
 * output checks, and the capture-file driver used by fuzz_pcap and
 * fuzz_pcapng (bytes -> fmemopen -> input source -> record decoder and
 * printers). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode/record.h"
#include "fuzz.h"
#include "input/pcapfile.h"
#include "input/source.h"

void fz_printer_open(struct fz_printer *p, int dlt, int vflag, int eflag, int nano)
{
	struct nt_print_opts o;
	memset(&o, 0, sizeof(o));
	o.vflag = vflag;
	o.eflag = eflag;
	o.nano = nano;
	o.utc = 1;
	p->ok = nt_out_mem(&p->out, 4u << 20) == 0;
	if (!p->ok)
		return;
	nt_printer_init(&p->pr, &o, &p->out, dlt, nano);
}

void fz_check_text(struct nt_out *o)
{
	const char *s = nt_out_str(o);
	if (strlen(s) != o->len)
		abort(); /* a NUL byte inside the printed text */
}

void fz_printer_packet(struct fz_printer *p, int dlt, int64_t sec, uint32_t frac,
		       const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
	if (!p->ok)
		return;
	p->pr.dlt = dlt;
	nt_print_packet(&p->pr, sec, frac, data, caplen, wirelen);
	fz_check_text(&p->out);
	if (p->out.len == 0 || p->out.buf[p->out.len - 1] != '\n')
		if (!p->out.overflow)
			abort(); /* every packet ends its output with a newline */
	nt_out_reset(&p->out);
}

void fz_printer_close(struct fz_printer *p)
{
	if (p->ok)
		nt_out_close(&p->out);
	p->ok = 0;
}

void fz_run_capture(const uint8_t *data, size_t size)
{
	fz_run_capture_magic(data, size, NULL);
}

void fz_run_capture_magic(const uint8_t *data, size_t size, const uint8_t magic[4])
{
	if (size == 0)
		return;
	/* fmemopen wants a writable buffer in some C libraries */
	uint8_t *copy = malloc(size);
	if (copy == NULL)
		return;
	memcpy(copy, data, size);
	if (magic != NULL && size >= 4)
		memcpy(copy, magic, 4);
	FILE *f = fmemopen(copy, size, "rb");
	if (f == NULL) {
		free(copy);
		return;
	}
	struct nt_error err = {0, ""};
	struct nt_source *src = NULL;
	struct nt_source_opts so = {.nano = 1}; /* captures only */
	if (nt_source_open_stream(&src, f, "fuzz", &so, &err) != NT_OK) {
		if (err.msg[0] == '\0')
			abort(); /* every failure explains itself */
		free(copy);
		return;
	}
	int dlt = nt_source_dlt(src);
	int nano = nt_source_file_nano(src);
	struct fz_printer v1, v3;
	fz_printer_open(&v1, dlt, 1, 0, nano);
	fz_printer_open(&v3, dlt, 3, 1, nano);
	struct nt_src_rec rec;
	static struct nt_pkt pkt;
	struct nt_raw raw;
	uint64_t last = 0;
	int rc;
	while ((rc = nt_source_next(src, &rec, &err)) == 1) {
		const struct nt_frame *fr = &rec.frame;
		if (rec.kind != NT_REC_FRAME || fr->caplen > NT_PCAP_MAX_CAPLEN ||
		    rec.number != last + 1 || fr->index != rec.number)
			abort();
		last = rec.number;
		/* read in nanoseconds, printed at the file's own resolution */
		uint32_t frac = nano ? fr->frac : fr->frac / 1000;
		nt_decode_record(&rec, &pkt, &raw);
		if (raw.data != fr->data || pkt.frame != rec.number)
			abort();
		fz_printer_packet(&v1, fr->dlt, fr->sec, frac, fr->data, fr->caplen, fr->wirelen);
		fz_printer_packet(&v3, fr->dlt, fr->sec, frac, fr->data, fr->caplen, fr->wirelen);
	}
	if (rc < 0 && strstr(err.msg, "offset") == NULL)
		abort(); /* errors name the byte offset */
	fz_printer_close(&v1);
	fz_printer_close(&v3);
	nt_source_close(src);
	free(copy);
}
