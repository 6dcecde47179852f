/* \summary: native pcap / pcapng file reader (streaming, zero-copy from
 * a refillable buffer).
 *
 * pcap (https://www.ietf.org/archive/id/draft-ietf-opsawg-pcap-04.html):
 *   file header (24): | magic | major (2) | minor (2) | thiszone | sigfigs |
 *                     | snaplen | linktype |
 *   record (16 + n):  | ts_sec | ts_frac | caplen | origlen | data (caplen) |
 *   magic a1b2c3d4 = microseconds, a1b23c4d = nanoseconds; byte-swapped
 *   magics mean the other byte order.
 *
 * pcapng (draft-ietf-opsawg-pcapng): a sequence of blocks
 *   | type (4) | total length (4) | body ... | total length (4) |
 *   SHB 0x0a0d0d0a (byte-order magic 1a2b3c4d), IDB 1 (linktype, snaplen,
 *   if_tsresol 9, if_tsoffset 14), EPB 6, SPB 3, OPB 2; others skipped.
 */
#include "input/pcapfile.h"

#include <stdlib.h>
#include <string.h>

enum {
	BUF_INIT = 1 << 20,
	PCAP_HDR = 24,
	PCAP_REC_HDR = 16,
	BT_SHB = 0x0a0d0d0a, BT_IDB = 1, BT_OPB = 2, BT_SPB = 3, BT_EPB = 6,
};

struct iface {
	int dlt;
	uint32_t snaplen;
	uint64_t units_per_sec;   /* time stamp resolution */
	int64_t tsoffset;
};

struct nt_pcapfile {
	FILE *f;
	char name[256];
	uint8_t *buf;
	size_t cap, start, end;   /* valid bytes are buf[start, end) */
	uint64_t buf_off;         /* file offset of buf[start] */
	int eof;
	int fmt;
	int swapped;
	uint64_t index;
	/* pcap */
	int nano;
	uint32_t snaplen;
	int dlt;
	/* pcapng */
	struct iface ifs[NT_PCAPNG_MAX_IFACES];
	uint32_t nifs;
	uint64_t ifs_dropped;     /* interfaces past the cap */
};

/* LINKTYPE_* (file) to DLT_* (libpcap API) where they differ. */
static int linktype_to_dlt(uint32_t lt)
{
	lt &= 0x03ffffff; /* upper bits: FCS information */
	switch (lt) {
	case 101: return 12;  /* LINKTYPE_RAW -> DLT_RAW */
	case 100: return 11;  /* ATM RFC 1483 */
	default: return (int)lt;
	}
}

static uint32_t rd32(const struct nt_pcapfile *pf, const uint8_t *p)
{
	if (pf->swapped)
		return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
	return p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

static uint16_t rd16(const struct nt_pcapfile *pf, const uint8_t *p)
{
	if (pf->swapped)
		return (uint16_t)((p[0] << 8) | p[1]);
	return (uint16_t)(p[0] | (p[1] << 8));
}

/* Makes n bytes available at buf+start.  Returns the count available
 * (< n only at end of file or on a read error). */
static size_t fill(struct nt_pcapfile *pf, size_t n)
{
	if (pf->end - pf->start >= n || pf->eof)
		return pf->end - pf->start;
	if (pf->start > 0) {
		memmove(pf->buf, pf->buf + pf->start, pf->end - pf->start);
		pf->end -= pf->start;
		pf->start = 0;
	}
	if (n > pf->cap) {
		size_t ncap = pf->cap;
		while (ncap < n)
			ncap *= 2;
		uint8_t *nb = realloc(pf->buf, ncap);
		if (nb == NULL)
			return pf->end - pf->start;
		pf->buf = nb;
		pf->cap = ncap;
	}
	while (pf->end < n) {
		size_t got = fread(pf->buf + pf->end, 1, pf->cap - pf->end, pf->f);
		if (got == 0) {
			pf->eof = 1;
			break;
		}
		pf->end += got;
	}
	return pf->end - pf->start;
}

static void consume(struct nt_pcapfile *pf, size_t n)
{
	pf->start += n;
	pf->buf_off += n;
}

int nt_pcapfile_open(struct nt_pcapfile **out, FILE *f, const char *name, struct nt_error *err)
{
	struct nt_pcapfile *pf = calloc(1, sizeof(*pf));
	if (pf == NULL) {
		fclose(f);
		return nt_error_set(err, NT_ENOMEM, "%s: out of memory", name);
	}
	pf->f = f;
	snprintf(pf->name, sizeof(pf->name), "%s", name);
	pf->cap = BUF_INIT;
	pf->buf = malloc(pf->cap);
	if (pf->buf == NULL) {
		nt_pcapfile_close(pf);
		return nt_error_set(err, NT_ENOMEM, "%s: out of memory", name);
	}
	size_t have = fill(pf, PCAP_HDR);
	if (have < 4) {
		nt_pcapfile_close(pf);
		return nt_error_set(err, NT_EFORMAT,
				    have == 0 ? "%s: empty file: no capture file header at byte offset 0"
					      : "%s: truncated capture file header at byte offset 0",
				    name);
	}
	const uint8_t *h = pf->buf;
	uint32_t be = ((uint32_t)h[0] << 24) | ((uint32_t)h[1] << 16) | ((uint32_t)h[2] << 8) | h[3];
	if (be == BT_SHB) {
		pf->fmt = NT_CAPFMT_PCAPNG;
		*out = pf;
		return NT_OK;
	}
	uint32_t le = h[0] | ((uint32_t)h[1] << 8) | ((uint32_t)h[2] << 16) | ((uint32_t)h[3] << 24);
	switch (le) {
	case 0xa1b2c3d4: break;
	case 0xa1b23c4d: pf->nano = 1; break;
	case 0xd4c3b2a1: pf->swapped = 1; break;
	case 0x4d3cb2a1: pf->swapped = 1; pf->nano = 1; break;
	default:
		nt_pcapfile_close(pf);
		return nt_error_set(err, NT_EFORMAT,
				    "%s: not a pcap or pcapng file (unknown magic 0x%08x at byte offset 0)",
				    name, be);
	}
	if (have < PCAP_HDR) {
		nt_pcapfile_close(pf);
		return nt_error_set(err, NT_EFORMAT,
				    "%s: truncated pcap file header (%zu of 24 bytes) at byte offset 0",
				    name, have);
	}
	pf->fmt = NT_CAPFMT_PCAP;
	pf->snaplen = rd32(pf, h + 16);
	pf->dlt = linktype_to_dlt(rd32(pf, h + 20));
	if (pf->snaplen == 0 || pf->snaplen > NT_PCAP_MAX_CAPLEN)
		pf->snaplen = NT_PCAP_MAX_CAPLEN;
	consume(pf, PCAP_HDR);
	*out = pf;
	return NT_OK;
}

static int next_pcap(struct nt_pcapfile *pf, struct nt_pcaprec *rec, struct nt_error *err)
{
	uint64_t off = pf->buf_off;
	size_t have = fill(pf, PCAP_REC_HDR);
	if (have == 0)
		return ferror(pf->f) ? nt_error_set(err, NT_EIO, "%s: read error at byte offset %llu",
						    pf->name, (unsigned long long)off)
				     : 0;
	if (have < PCAP_REC_HDR)
		return nt_error_set(err, NT_EFORMAT,
				    "%s: truncated record header at record %llu, byte offset %llu "
				    "(%zu of 16 bytes): the file ends early",
				    pf->name, (unsigned long long)pf->index + 1,
				    (unsigned long long)off, have);
	const uint8_t *h = pf->buf + pf->start;
	uint32_t sec = rd32(pf, h), frac = rd32(pf, h + 4);
	uint32_t caplen = rd32(pf, h + 8), wirelen = rd32(pf, h + 12);
	if (caplen > NT_PCAP_MAX_CAPLEN)
		return nt_error_set(err, NT_EFORMAT,
				    "%s: invalid record %llu at byte offset %llu: captured length %u "
				    "is bigger than the maximum of %u",
				    pf->name, (unsigned long long)pf->index + 1,
				    (unsigned long long)off, caplen, (unsigned)NT_PCAP_MAX_CAPLEN);
	have = fill(pf, PCAP_REC_HDR + (size_t)caplen);
	if (have < PCAP_REC_HDR + (size_t)caplen)
		return nt_error_set(err, NT_EFORMAT,
				    "%s: truncated record %llu at byte offset %llu: %u bytes of data "
				    "announced, %zu present: the file ends early",
				    pf->name, (unsigned long long)pf->index + 1,
				    (unsigned long long)off, caplen, have - PCAP_REC_HDR);
	h = pf->buf + pf->start;
	pf->index++;
	rec->sec = sec;
	rec->frac = frac;
	rec->units = pf->nano ? 1000000000u : 1000000u;
	/* as libpcap: data beyond the file's snap length is dropped */
	rec->caplen = caplen > pf->snaplen ? pf->snaplen : caplen;
	rec->wirelen = wirelen;
	rec->data = h + PCAP_REC_HDR;
	rec->dlt = pf->dlt;
	rec->iface = 0;
	rec->index = pf->index;
	rec->offset = off;
	consume(pf, PCAP_REC_HDR + (size_t)caplen);
	return 1;
}

static void parse_idb_options(struct nt_pcapfile *pf, struct iface *ifc, const uint8_t *p, size_t n)
{
	size_t i = 0;
	while (i + 4 <= n) {
		uint16_t code = rd16(pf, p + i), len = rd16(pf, p + i + 2);
		i += 4;
		if (code == 0 || len > n - i)
			break;
		if (code == 9 && len >= 1) { /* if_tsresol */
			uint8_t r = p[i];
			uint64_t u = 1;
			unsigned e = r & 0x7f;
			if (e > 18)
				e = 18;
			for (unsigned k = 0; k < e; k++)
				u *= (r & 0x80) ? 2 : 10;
			ifc->units_per_sec = u ? u : 1000000;
		} else if (code == 14 && len >= 8) { /* if_tsoffset */
			uint64_t lo = rd32(pf, p + i), hi = rd32(pf, p + i + 4);
			ifc->tsoffset = (int64_t)(pf->swapped ? (lo << 32) | hi : (hi << 32) | lo);
		}
		i += ((size_t)len + 3) & ~(size_t)3;
	}
}

static void set_time(struct nt_pcaprec *rec, const struct iface *ifc, uint64_t ts)
{
	uint64_t u = ifc->units_per_sec;
	uint64_t sec = ts / u, rem = ts % u;
	rec->sec = (int64_t)sec + ifc->tsoffset;
	if (u == 1000000) {
		rec->frac = (uint32_t)rem;
		rec->units = 1000000;
	} else {
		/* to nanoseconds */
		uint64_t ns;
		if (u <= 1000000000)
			ns = rem * (1000000000 / u) + (rem * (1000000000 % u)) / u;
		else
			ns = rem / (u / 1000000000);
		rec->frac = (uint32_t)ns;
		rec->units = 1000000000;
	}
}

static int next_pcapng(struct nt_pcapfile *pf, struct nt_pcaprec *rec, struct nt_error *err)
{
	for (;;) {
		uint64_t off = pf->buf_off;
		size_t have = fill(pf, 12);
		if (have == 0)
			return ferror(pf->f) ? nt_error_set(err, NT_EIO, "%s: read error at byte offset %llu",
							    pf->name, (unsigned long long)off)
					     : 0;
		if (have < 12)
			return nt_error_set(err, NT_EFORMAT,
					    "%s: truncated pcapng block header after record %llu at byte "
					    "offset %llu: the file ends early",
					    pf->name, (unsigned long long)pf->index, (unsigned long long)off);
		const uint8_t *b = pf->buf + pf->start;
		uint32_t be_type = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
		if (be_type == BT_SHB) {
			/* byte order of this section */
			uint32_t bom = b[8] | ((uint32_t)b[9] << 8) | ((uint32_t)b[10] << 16) | ((uint32_t)b[11] << 24);
			if (bom == 0x1a2b3c4d)
				pf->swapped = 0;
			else if (bom == 0x4d3c2b1a)
				pf->swapped = 1;
			else
				return nt_error_set(err, NT_EFORMAT,
						    "%s: bad pcapng section header at byte offset %llu "
						    "(byte-order magic 0x%08x)",
						    pf->name, (unsigned long long)off, bom);
			pf->nifs = 0; /* interfaces are per section */
		}
		uint32_t type = rd32(pf, b), blen = rd32(pf, b + 4);
		if (blen < 12 || (blen & 3) || blen > NT_PCAPNG_MAX_BLOCK)
			return nt_error_set(err, NT_EFORMAT,
					    "%s: invalid pcapng block after record %llu at byte offset %llu: "
					    "block length %u (must be 12..%u and a multiple of 4)",
					    pf->name, (unsigned long long)pf->index, (unsigned long long)off,
					    blen, (unsigned)NT_PCAPNG_MAX_BLOCK);
		have = fill(pf, blen);
		if (have < blen)
			return nt_error_set(err, NT_EFORMAT,
					    "%s: truncated pcapng block after record %llu at byte offset %llu "
					    "(%zu of %u bytes): the file ends early",
					    pf->name, (unsigned long long)pf->index, (unsigned long long)off,
					    have, blen);
		b = pf->buf + pf->start;
		if (rd32(pf, b + blen - 4) != blen)
			return nt_error_set(err, NT_EFORMAT,
					    "%s: corrupt pcapng block after record %llu at byte offset %llu: "
					    "trailing length %u differs from leading length %u",
					    pf->name, (unsigned long long)pf->index, (unsigned long long)off,
					    rd32(pf, b + blen - 4), blen);
		const uint8_t *body = b + 8;
		size_t blen_body = blen - 12;
		int got = 0;
		switch (type) {
		case BT_IDB: {
			if (blen_body < 8)
				return nt_error_set(err, NT_EFORMAT,
						    "%s: interface description block too short at byte offset %llu",
						    pf->name, (unsigned long long)off);
			if (pf->nifs >= NT_PCAPNG_MAX_IFACES) {
				pf->ifs_dropped++;
				break;
			}
			struct iface *ifc = &pf->ifs[pf->nifs++];
			ifc->dlt = linktype_to_dlt(rd16(pf, body));
			ifc->snaplen = rd32(pf, body + 4);
			if (ifc->snaplen == 0 || ifc->snaplen > NT_PCAP_MAX_CAPLEN)
				ifc->snaplen = NT_PCAP_MAX_CAPLEN;
			ifc->units_per_sec = 1000000;
			ifc->tsoffset = 0;
			parse_idb_options(pf, ifc, body + 8, blen_body - 8);
			break;
		}
		case BT_EPB:
		case BT_OPB: {
			if (blen_body < 20)
				return nt_error_set(err, NT_EFORMAT,
						    "%s: packet block too short at record %llu, byte offset %llu",
						    pf->name, (unsigned long long)pf->index + 1,
						    (unsigned long long)off);
			uint32_t ifid = type == BT_EPB ? rd32(pf, body) : rd16(pf, body);
			uint64_t ts = ((uint64_t)rd32(pf, body + 4) << 32) | rd32(pf, body + 8);
			uint32_t caplen = rd32(pf, body + 12), wirelen = rd32(pf, body + 16);
			if (ifid >= pf->nifs)
				return nt_error_set(err, NT_EFORMAT,
						    "%s: record %llu at byte offset %llu names interface %u, "
						    "but only %u are described",
						    pf->name, (unsigned long long)pf->index + 1,
						    (unsigned long long)off, ifid, pf->nifs);
			if (caplen > blen_body - 20 || caplen > NT_PCAP_MAX_CAPLEN)
				return nt_error_set(err, NT_EFORMAT,
						    "%s: invalid record %llu at byte offset %llu: captured "
						    "length %u does not fit its block (%u bytes) or exceeds %u",
						    pf->name, (unsigned long long)pf->index + 1,
						    (unsigned long long)off, caplen, blen,
						    (unsigned)NT_PCAP_MAX_CAPLEN);
			const struct iface *ifc = &pf->ifs[ifid];
			set_time(rec, ifc, ts);
			rec->caplen = caplen > ifc->snaplen ? ifc->snaplen : caplen;
			rec->wirelen = wirelen;
			rec->data = body + 20;
			rec->dlt = ifc->dlt;
			rec->iface = ifid;
			got = 1;
			break;
		}
		case BT_SPB: {
			if (blen_body < 4 || pf->nifs == 0)
				return nt_error_set(err, NT_EFORMAT,
						    "%s: invalid simple packet block at byte offset %llu",
						    pf->name, (unsigned long long)off);
			const struct iface *ifc = &pf->ifs[0];
			uint32_t wirelen = rd32(pf, body);
			uint32_t caplen = wirelen;
			if (caplen > blen_body - 4)
				caplen = (uint32_t)(blen_body - 4);
			if (caplen > ifc->snaplen)
				caplen = ifc->snaplen;
			rec->sec = 0;
			rec->frac = 0;
			rec->units = 1000000;
			rec->caplen = caplen;
			rec->wirelen = wirelen;
			rec->data = body + 4;
			rec->dlt = ifc->dlt;
			rec->iface = 0;
			got = 1;
			break;
		}
		default:
			break; /* SHB, name resolution, statistics, custom: skipped */
		}
		if (got) {
			pf->index++;
			rec->index = pf->index;
			rec->offset = off;
			consume(pf, blen); /* data stays valid: the buffer moves only on fill */
			return 1;
		}
		consume(pf, blen);
	}
}

int nt_pcapfile_next(struct nt_pcapfile *pf, struct nt_pcaprec *rec, struct nt_error *err)
{
	return pf->fmt == NT_CAPFMT_PCAP ? next_pcap(pf, rec, err) : next_pcapng(pf, rec, err);
}

int nt_pcapfile_format(const struct nt_pcapfile *pf)
{
	return pf->fmt;
}

int nt_pcapfile_dlt(const struct nt_pcapfile *pf)
{
	if (pf->fmt == NT_CAPFMT_PCAP)
		return pf->dlt;
	return pf->nifs ? pf->ifs[0].dlt : 1;
}

int nt_pcapfile_nano(const struct nt_pcapfile *pf)
{
	return pf->nano;
}

uint32_t nt_pcapfile_snaplen(const struct nt_pcapfile *pf)
{
	return pf->fmt == NT_CAPFMT_PCAP ? pf->snaplen : (pf->nifs ? pf->ifs[0].snaplen : 0);
}

void nt_pcapfile_close(struct nt_pcapfile *pf)
{
	if (pf == NULL)
		return;
	if (pf->f && pf->f != stdin)
		fclose(pf->f);
	free(pf->buf);
	free(pf);
}
