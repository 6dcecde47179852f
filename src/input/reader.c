/* \summary: capture reader: files and stdin through the native
 * pcap/pcapng reader (input/pcapfile.c), live interfaces through libpcap.
 * BPF filters apply to both (pcap_offline_filter for files). */
#include "input/reader.h"

#include <errno.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/pcapfile.h"

enum { MAX_FILTER_DLTS = 8 };

struct filter_prog {
	int dlt;
	int ok;
	struct bpf_program prog;
};

struct nt_reader {
	pcap_t *p;                 /* live capture */
	struct nt_pcapfile *pf;    /* file or stdin */
	pcap_dumper_t *dump;
	pcap_t *dump_dead;
	char name[256];
	int live;
	int nano;
	uint64_t index;
	char *filter;              /* files: compiled per link type on demand */
	struct filter_prog progs[MAX_FILTER_DLTS];
	int nprogs;
};

int nt_reader_open_file(struct nt_reader **rp, const char *path,
			const struct nt_reader_opts *o, struct nt_error *err)
{
	int is_stdin = strcmp(path, "-") == 0;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (f == NULL)
		return nt_error_set(err, NT_EIO, "%s: cannot open: %s", path, strerror(errno));
	return nt_reader_open_stream(rp, f, is_stdin ? "(stdin)" : path, o, err);
}

int nt_reader_open_stream(struct nt_reader **rp, FILE *f, const char *name,
			  const struct nt_reader_opts *o, struct nt_error *err)
{
	struct nt_reader *r = calloc(1, sizeof(*r));
	if (r == NULL) {
		if (f != stdin)
			fclose(f);
		return nt_error_set(err, NT_ENOMEM, "out of memory");
	}
	r->nano = o && o->nano;
	snprintf(r->name, sizeof(r->name), "%s", name);
	int rc = nt_pcapfile_open(&r->pf, f, r->name, err);
	if (rc != NT_OK) {
		free(r);
		return rc;
	}
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
	if (r->live) {
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
	free(r->filter);
	r->filter = strdup(expr);
	if (r->filter == NULL)
		return nt_error_set(err, NT_ENOMEM, "out of memory");
	/* Check the expression now, against the first link type we can know,
	 * so that a typo is reported before any output. */
	int dlt = nt_pcapfile_format(r->pf) == NT_CAPFMT_PCAP ? nt_pcapfile_dlt(r->pf) : 1;
	pcap_t *dead = pcap_open_dead(dlt, 262144);
	if (dead == NULL)
		return nt_error_set(err, NT_ENOMEM, "out of memory");
	struct bpf_program prog;
	int rc = pcap_compile(dead, &prog, expr, 1, PCAP_NETMASK_UNKNOWN);
	if (rc < 0)
		nt_error_set(err, NT_EUSAGE, "bad filter expression '%s': %s", expr, pcap_geterr(dead));
	else
		pcap_freecode(&prog);
	pcap_close(dead);
	return rc < 0 ? NT_EUSAGE : NT_OK;
}

/* The filter compiled for link type dlt (NULL if it cannot apply). */
static const struct bpf_program *filter_for(struct nt_reader *r, int dlt)
{
	for (int i = 0; i < r->nprogs; i++)
		if (r->progs[i].dlt == dlt)
			return r->progs[i].ok ? &r->progs[i].prog : NULL;
	struct filter_prog *fp = &r->progs[r->nprogs < MAX_FILTER_DLTS ? r->nprogs++ : MAX_FILTER_DLTS - 1];
	if (fp->ok)
		pcap_freecode(&fp->prog);
	fp->dlt = dlt;
	fp->ok = 0;
	pcap_t *dead = pcap_open_dead(dlt, 262144);
	if (dead) {
		fp->ok = pcap_compile(dead, &fp->prog, r->filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
		pcap_close(dead);
	}
	return fp->ok ? &fp->prog : NULL;
}

/* The handle a dump file is opened on: the live capture, or for a file a
 * dead handle with its link type and time stamp precision (NULL if out of
 * memory). */
static pcap_t *dump_source(struct nt_reader *r)
{
	if (r->live)
		return r->p;
	r->dump_dead = pcap_open_dead_with_tstamp_precision(
		nt_pcapfile_dlt(r->pf), 262144,
		r->nano ? PCAP_TSTAMP_PRECISION_NANO : PCAP_TSTAMP_PRECISION_MICRO);
	return r->dump_dead;
}

static int dump_open_error(struct nt_error *err, const char *name, pcap_t *src)
{
	return nt_error_set(err, NT_EIO, "%s: cannot write: %s", name,
			    src ? pcap_geterr(src) : "out of memory");
}

int nt_reader_save_to(struct nt_reader *r, const char *path, struct nt_error *err)
{
	pcap_t *src = dump_source(r);
	r->dump = src ? pcap_dump_open(src, path) : NULL;
	if (r->dump == NULL)
		return dump_open_error(err, path, src);
	return NT_OK;
}

int nt_reader_save_to_file(struct nt_reader *r, FILE *f, const char *name, struct nt_error *err)
{
	pcap_t *src = dump_source(r);
	r->dump = src ? pcap_dump_fopen(src, f) : NULL;
	if (r->dump == NULL) {
		fclose(f);
		return dump_open_error(err, name, src);
	}
	return NT_OK;
}

void nt_reader_live_banner(const struct nt_reader *r, char *dst, size_t n)
{
	if (!r->live) {
		snprintf(dst, n, "reading from %s", r->name);
		return;
	}
	int dlt = pcap_datalink(r->p);
	const char *name = pcap_datalink_val_to_name(dlt);
	const char *desc = pcap_datalink_val_to_description(dlt);
	snprintf(dst, n, "listening on %s, link-type %s (%s), snapshot length %d bytes", r->name,
		 name ? name : "unknown", desc ? desc : "unknown", pcap_snapshot(r->p));
}

static int next_live(struct nt_reader *r, struct nt_frame *f, struct nt_error *err)
{
	struct pcap_pkthdr *h;
	const u_char *data;
	for (;;) {
		int rc = pcap_next_ex(r->p, &h, &data);
		if (rc == 0)
			continue; /* read timeout */
		if (rc == PCAP_ERROR_BREAK)
			return 0;
		if (rc < 0)
			return nt_error_set(err, NT_ECAPTURE, "%s: capture failed: %s", r->name,
					    pcap_geterr(r->p));
		r->index++;
		f->sec = h->ts.tv_sec;
		f->frac = (uint32_t)h->ts.tv_usec;
		f->caplen = h->caplen;
		f->wirelen = h->len;
		f->data = data;
		f->index = r->index;
		f->offset = 0;
		f->dlt = pcap_datalink(r->p);
		if (r->dump)
			pcap_dump((u_char *)r->dump, h, data);
		return 1;
	}
}

int nt_reader_next(struct nt_reader *r, struct nt_frame *f, struct nt_error *err)
{
	if (r->live)
		return next_live(r, f, err);
	struct nt_pcaprec rec;
	for (;;) {
		int rc = nt_pcapfile_next(r->pf, &rec, err);
		if (rc <= 0)
			return rc;
		if (r->filter) {
			const struct bpf_program *prog = filter_for(r, rec.dlt);
			struct pcap_pkthdr ph;
			ph.caplen = rec.caplen;
			ph.len = rec.wirelen;
			if (prog == NULL || !pcap_offline_filter(prog, &ph, rec.data))
				continue;
		}
		f->sec = rec.sec;
		/* the requested precision, as libpcap converts it */
		if (r->nano)
			f->frac = rec.units == 1000000 ? rec.frac * 1000u : rec.frac;
		else
			f->frac = rec.units == 1000000 ? rec.frac : rec.frac / 1000u;
		f->caplen = rec.caplen;
		f->wirelen = rec.wirelen;
		f->data = rec.data;
		f->index = rec.index;
		f->offset = rec.offset;
		f->dlt = rec.dlt;
		if (r->dump) {
			struct pcap_pkthdr ph;
			ph.ts.tv_sec = (time_t)rec.sec;
			ph.ts.tv_usec = (suseconds_t)f->frac;
			ph.caplen = rec.caplen;
			ph.len = rec.wirelen;
			pcap_dump((u_char *)r->dump, &ph, rec.data);
		}
		return 1;
	}
}

int nt_reader_dlt(const struct nt_reader *r)
{
	return r->live ? pcap_datalink(r->p) : nt_pcapfile_dlt(r->pf);
}

int nt_reader_format(const struct nt_reader *r)
{
	return r->live ? 0 : nt_pcapfile_format(r->pf);
}

int nt_reader_is_nano(const struct nt_reader *r)
{
	return r->nano;
}

int nt_reader_file_nano(const struct nt_reader *r)
{
	return r->live ? 0 : nt_pcapfile_nano(r->pf);
}

const char *nt_reader_name(const struct nt_reader *r)
{
	return r->name;
}

void nt_reader_break(struct nt_reader *r)
{
	if (r->live)
		pcap_breakloop(r->p);
}

void nt_reader_close(struct nt_reader *r)
{
	if (r == NULL)
		return;
	if (r->dump)
		pcap_dump_close(r->dump);
	if (r->dump_dead)
		pcap_close(r->dump_dead);
	if (r->p)
		pcap_close(r->p);
	nt_pcapfile_close(r->pf);
	for (int i = 0; i < r->nprogs; i++)
		if (r->progs[i].ok)
			pcap_freecode(&r->progs[i].prog);
	free(r->filter);
	free(r);
}
