/* \summary: libpcap-backed capture reader (files, stdin, live). */
#include "input/reader.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

enum { READ_BUF = 1 << 20 };

struct nt_reader {
	pcap_t *p;
	pcap_dumper_t *dump;
	FILE *f;              /* file we opened (NULL for live/stdin) */
	char *iobuf;
	char name[256];
	int live;
	int nano;
	int is_pcapng;
	uint64_t index;
	uint64_t next_off;    /* plain pcap: offset of the next record */
	int64_t file_size;    /* -1 if unknown */
};

static int check_magic(FILE *f, int *is_ng)
{
	uint8_t m[4];
	if (fread(m, 1, 4, f) != 4)
		return -1;
	rewind(f);
	uint32_t be = ((uint32_t)m[0] << 24) | ((uint32_t)m[1] << 16) | ((uint32_t)m[2] << 8) | m[3];
	*is_ng = be == 0x0a0d0d0a;
	return 0;
}

int nt_reader_open_file(struct nt_reader **rp, const char *path,
			const struct nt_reader_opts *o, struct nt_error *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	struct nt_reader *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return nt_error_set(err, NT_ENOMEM, "out of memory");
	r->nano = o && o->nano;
	r->file_size = -1;
	snprintf(r->name, sizeof(r->name), "%s", strcmp(path, "-") == 0 ? "(stdin)" : path);
	unsigned prec = r->nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO;
	if (strcmp(path, "-") == 0) {
		r->p = pcap_fopen_offline_with_tstamp_precision(stdin, prec, ebuf);
	} else {
		r->f = fopen(path, "rb");
		if (r->f == NULL) {
			int e = errno;
			free(r);
			return nt_error_set(err, NT_EIO, "%s: cannot open: %s", path, strerror(e));
		}
		struct stat st;
		if (fstat(fileno(r->f), &st) == 0 && S_ISREG(st.st_mode))
			r->file_size = st.st_size;
		if (r->file_size == 0) {
			fclose(r->f);
			free(r);
			return nt_error_set(err, NT_EFORMAT,
					    "%s: empty file (no capture file header at offset 0)", path);
		}
		r->iobuf = malloc(READ_BUF);
		if (r->iobuf)
			setvbuf(r->f, r->iobuf, _IOFBF, READ_BUF);
		if (check_magic(r->f, &r->is_pcapng) < 0) {
			fclose(r->f);
			free(r->iobuf);
			free(r);
			return nt_error_set(err, NT_EFORMAT,
					    "%s: truncated capture file header at offset 0", path);
		}
		r->p = pcap_fopen_offline_with_tstamp_precision(r->f, prec, ebuf);
	}
	if (r->p == NULL) {
		if (r->f)
			fclose(r->f);
		free(r->iobuf);
		free(r);
		return nt_error_set(err, NT_EFORMAT,
				    "%s: not a readable pcap or pcapng file at offset 0 (%s)",
				    strcmp(path, "-") == 0 ? "(stdin)" : path, ebuf);
	}
	r->next_off = 24;
	*rp = r;
	return NT_OK;
}

int nt_reader_open_live(struct nt_reader **rp, const char *ifname,
			const struct nt_reader_opts *o, struct nt_error *err)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";
	struct nt_reader *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return nt_error_set(err, NT_ENOMEM, "out of memory");
	r->live = 1;
	r->nano = o && o->nano;
	snprintf(r->name, sizeof(r->name), "%s", ifname);
	r->p = pcap_create(ifname, ebuf);
	if (r->p == NULL) {
		free(r);
		return nt_error_set(err, NT_ECAPTURE, "%s: %s", ifname, ebuf);
	}
	pcap_set_snaplen(r->p, o && o->snaplen > 0 ? o->snaplen : 262144);
	pcap_set_promisc(r->p, o ? o->promisc : 1);
	pcap_set_timeout(r->p, o && o->timeout_ms > 0 ? o->timeout_ms : 100);
	if (r->nano)
		pcap_set_tstamp_precision(r->p, PCAP_TSTAMP_PRECISION_NANO);
	int rc = pcap_activate(r->p);
	if (rc < 0) {
		const char *why = pcap_geterr(r->p);
		if (rc == PCAP_ERROR_PERM_DENIED)
			nt_error_set(err, NT_ECAPTURE,
				     "%s: permission denied (%s); capture needs root or CAP_NET_RAW",
				     ifname, why);
		else if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
			nt_error_set(err, NT_ECAPTURE,
				     "%s: no such interface (%s); list interfaces with `ip link`",
				     ifname, why);
		else
			nt_error_set(err, NT_ECAPTURE, "%s: cannot start capture: %s", ifname,
				     why && *why ? why : pcap_statustostr(rc));
		pcap_close(r->p);
		free(r);
		return err ? err->code : NT_ECAPTURE;
	}
	*rp = r;
	return NT_OK;
}

int nt_reader_set_filter(struct nt_reader *r, const char *expr, struct nt_error *err)
{
	struct bpf_program prog;
	if (pcap_compile(r->p, &prog, expr, 1, PCAP_NETMASK_UNKNOWN) < 0)
		return nt_error_set(err, NT_EUSAGE, "bad filter expression '%s': %s", expr,
				    pcap_geterr(r->p));
	int rc = pcap_setfilter(r->p, &prog);
	pcap_freecode(&prog);
	if (rc < 0)
		return nt_error_set(err, NT_ECAPTURE, "cannot set filter: %s", pcap_geterr(r->p));
	return NT_OK;
}

int nt_reader_save_to(struct nt_reader *r, const char *path, struct nt_error *err)
{
	r->dump = pcap_dump_open(r->p, path);
	if (r->dump == NULL)
		return nt_error_set(err, NT_EIO, "%s: cannot write: %s", path, pcap_geterr(r->p));
	return NT_OK;
}

int nt_reader_next(struct nt_reader *r, struct nt_frame *f, struct nt_error *err)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	for (;;) {
		uint64_t off = r->next_off;
		if (r->is_pcapng && r->f) {
			long pos = ftell(r->f);
			off = pos >= 0 ? (uint64_t)pos : 0;
		}
		int rc = pcap_next_ex(r->p, &h, &data);
		if (rc == 1) {
			r->index++;
			f->sec = h->ts.tv_sec;
			f->frac = (uint32_t)h->ts.tv_usec;
			f->caplen = h->caplen;
			f->wirelen = h->len;
			f->data = data;
			f->index = r->index;
			f->offset = off;
			f->dlt = pcap_datalink(r->p);
			if (!r->is_pcapng)
				r->next_off += 16 + (uint64_t)h->caplen;
			if (r->dump)
				pcap_dump((u_char *)r->dump, h, data);
			return 1;
		}
		if (rc == 0)
			continue; /* live timeout */
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (r->live)
			return nt_error_set(err, NT_ECAPTURE, "%s: capture failed: %s", r->name,
					    pcap_geterr(r->p));
		/* An error in the file: name the record and where it starts. */
		return nt_error_set(err, NT_EFORMAT,
				    "%s: damaged or truncated capture at record %llu, byte offset %llu: %s",
				    r->name, (unsigned long long)(r->index + 1),
				    (unsigned long long)off, pcap_geterr(r->p));
	}
}

int nt_reader_dlt(const struct nt_reader *r)
{
	return pcap_datalink(r->p);
}

int nt_reader_is_nano(const struct nt_reader *r)
{
	return r->nano;
}

const char *nt_reader_name(const struct nt_reader *r)
{
	return r->name;
}

void nt_reader_break(struct nt_reader *r)
{
	pcap_breakloop(r->p);
}

void nt_reader_close(struct nt_reader *r)
{
	if (r == NULL)
		return;
	if (r->dump)
		pcap_dump_close(r->dump);
	pcap_close(r->p); /* closes r->f too */
	free(r->iobuf);
	free(r);
}
