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
 *   A packet's seconds are its time stamp / the resolution + if_tsoffset,
 *   clamped to +-NT_TIME_SEC_LIM (core/time.h): no error, the record
 *   stays readable.
 *
 * Compressed captures are read through the same buffer: the first bytes
 * decide the source (gzip RFC 1952 magic 1f 8b, members concatenated as
 * gzip writes them; zstd RFC 8878 magic 28 b5 2f fd, any number of
 * frames), whatever the file is called.  The decompressor writes straight
 * into the record buffer, so a compressed file costs its decompression
 * and nothing more.  Offsets in messages count decompressed bytes.
 */
#include "input/pcapfile.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include "core/time.h"

enum {
	BUF_INIT = 1 << 20,
	ZIN_SIZE = 1 << 18,       /* compressed bytes read at a time */
	ZSTD_WLOG_MAX = 24,       /* largest zstd window accepted: 16 MiB */
	PCAP_HDR = 24,
	PCAP_REC_HDR = 16,
	BT_SHB = NT_PCAPNG_MAGIC, BT_IDB = 1, BT_OPB = 2, BT_SPB = 3, BT_EPB = 6,
};

struct iface {
	int dlt;
	uint32_t snaplen;
	uint64_t units_per_sec;   /* time stamp resolution */
	int64_t tsoffset;
};

/* Where the record buffer's bytes come from. */
struct source {
	int kind;                 /* NT_COMP_* */
	int err;                  /* read or decompression error, said in msg */
	int trunc;                /* the compressed data ended inside a stream */
	int done;                 /* the last stream (member, frame) ended cleanly */
	char msg[200];
	uint8_t *in;              /* compressed input: in[pos, len) not yet used */
	size_t in_cap, in_pos, in_len;
	int in_eof;
	uint64_t in_off;          /* compressed bytes used so far */
	z_stream zs;
	int zs_init;
	ZSTD_DStream *zd;
};

struct nt_pcapfile {
	FILE *f;
	char name[256];
	uint8_t *buf;
	size_t cap, start, end;   /* valid bytes are buf[start, end) */
	uint64_t buf_off;         /* file offset of buf[start] */
	int eof;
	struct source src;
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

/* ---- sources: plain, gzip, zstd ---- */

static const char *comp_name(int kind)
{
	return kind == NT_COMP_GZIP ? "gzip" : kind == NT_COMP_ZSTD ? "zstd" : "plain";
}

/* Refills the compressed input once it is used up; 0 at its end. */
static size_t in_refill(struct nt_pcapfile *pf)
{
	struct source *s = &pf->src;
	if (s->in_pos < s->in_len)
		return s->in_len - s->in_pos;
	s->in_pos = s->in_len = 0;
	if (s->in_eof)
		return 0;
	size_t got = fread(s->in, 1, s->in_cap, pf->f);
	if (got == 0) {
		s->in_eof = 1;
		if (ferror(pf->f)) {
			s->err = 1;
			snprintf(s->msg, sizeof(s->msg), "read error after %llu compressed bytes: %s",
				 (unsigned long long)s->in_off, strerror(errno));
		}
	}
	s->in_len = got;
	return got;
}

static size_t gzip_read(struct nt_pcapfile *pf, uint8_t *dst, size_t cap)
{
	struct source *s = &pf->src;
	z_stream *z = &s->zs;
	z->next_out = dst;
	z->avail_out = (uInt)(cap > UINT32_MAX ? UINT32_MAX : cap);
	uInt want = z->avail_out;
	while (z->avail_out == want && !s->err) {
		size_t avail = in_refill(pf);
		if (s->done) {
			/* after a member: another one, or the end (trailing bytes
			 * that are not a gzip member are ignored, as gzip -d does) */
			if (avail == 0)
				break;
			if (avail < 2 && s->in[s->in_pos] == 0x1f) {
				/* the magic straddles two reads: keep the byte */
				memmove(s->in, s->in + s->in_pos, 1);
				s->in_pos = 0;
				s->in_len = 1;
				size_t more = s->in_eof ? 0 : fread(s->in + 1, 1, s->in_cap - 1, pf->f);
				s->in_len += more;
				avail = s->in_len;
			}
			if (avail < 2 || s->in[s->in_pos] != 0x1f || s->in[s->in_pos + 1] != 0x8b) {
				s->in_pos = s->in_len;
				s->in_eof = 1;
				break;
			}
			inflateReset(z);
			s->done = 0;
		}
		if (avail == 0) {
			s->trunc = 1;
			break;
		}
		z->next_in = s->in + s->in_pos;
		z->avail_in = (uInt)avail;
		int rc = inflate(z, Z_NO_FLUSH);
		size_t used = avail - z->avail_in;
		s->in_pos += used;
		s->in_off += used;
		if (rc == Z_STREAM_END) {
			s->done = 1;
		} else if (rc != Z_OK && rc != Z_BUF_ERROR) {
			s->err = 1;
			snprintf(s->msg, sizeof(s->msg), "gzip data error near compressed byte %llu: %s",
				 (unsigned long long)s->in_off, z->msg ? z->msg : zError(rc));
		}
	}
	return want - z->avail_out;
}

static size_t zstd_read(struct nt_pcapfile *pf, uint8_t *dst, size_t cap)
{
	struct source *s = &pf->src;
	ZSTD_outBuffer out = {dst, cap, 0};
	while (out.pos == 0 && !s->err) {
		size_t avail = in_refill(pf);
		if (avail == 0) {
			if (!s->done)
				s->trunc = 1;
			break;
		}
		ZSTD_inBuffer in = {s->in + s->in_pos, avail, 0};
		size_t rc = ZSTD_decompressStream(s->zd, &out, &in);
		s->in_pos += in.pos;
		s->in_off += in.pos;
		if (ZSTD_isError(rc)) {
			s->err = 1;
			snprintf(s->msg, sizeof(s->msg), "zstd data error near compressed byte %llu: %s",
				 (unsigned long long)s->in_off, ZSTD_getErrorName(rc));
			break;
		}
		s->done = rc == 0; /* 0: a frame ended and nothing is held back */
	}
	return out.pos;
}

/* Reads up to cap bytes of the (decompressed) capture into dst; 0 at the
 * end or on an error (src.err, src.trunc say which). */
static size_t src_read(struct nt_pcapfile *pf, uint8_t *dst, size_t cap)
{
	switch (pf->src.kind) {
	case NT_COMP_GZIP:
		return gzip_read(pf, dst, cap);
	case NT_COMP_ZSTD:
		return zstd_read(pf, dst, cap);
	default: {
		size_t got = fread(dst, 1, cap, pf->f);
		if (got == 0 && ferror(pf->f)) {
			pf->src.err = 1;
			snprintf(pf->src.msg, sizeof(pf->src.msg), "read error: %s", strerror(errno));
		}
		return got;
	}
	}
}

/* Why the data stops early, for the truncation messages. */
static const char *ends_early(const struct nt_pcapfile *pf)
{
	if (pf->src.err)
		return pf->src.msg;
	if (pf->src.trunc)
		return pf->src.kind == NT_COMP_GZIP
			       ? "the gzip data ends early: the .gz file is truncated"
			       : "the zstd data ends early: the .zst file is truncated";
	return "the file ends early";
}

/* The answer of a read that found no more data: 0 at a clean end, or the
 * error of the source. */
static int end_of_data(struct nt_pcapfile *pf, uint64_t off, struct nt_error *err)
{
	if (pf->src.err && pf->src.kind == NT_COMP_NONE)
		return nt_error_set(err, NT_EIO, "%s: read error at byte offset %llu", pf->name,
				    (unsigned long long)off);
	if (pf->src.err)
		return nt_error_set(err, NT_EIO, "%s: %s (after record %llu, byte offset %llu)",
				    pf->name, pf->src.msg, (unsigned long long)pf->index,
				    (unsigned long long)off);
	if (pf->src.trunc)
		return nt_error_set(err, NT_EFORMAT,
				    "%s: truncated compressed capture after record %llu at byte "
				    "offset %llu: %s",
				    pf->name, (unsigned long long)pf->index, (unsigned long long)off,
				    ends_early(pf));
	return 0;
}

/* Switches to decompression when the bytes read so far start with a
 * gzip or zstd magic: they become the first compressed input. */
static int detect_compression(struct nt_pcapfile *pf, struct nt_error *err)
{
	const uint8_t *b = pf->buf + pf->start;
	size_t n = pf->end - pf->start;
	int kind = nt_pcapfile_sniff_compressed(b, n);
	if (kind == NT_COMP_NONE)
		return NT_OK;
	struct source *s = &pf->src;
	s->in_cap = n > ZIN_SIZE ? n : ZIN_SIZE;
	s->in = malloc(s->in_cap);
	if (s->in == NULL)
		return nt_error_set(err, NT_ENOMEM, "%s: out of memory", pf->name);
	memcpy(s->in, b, n);
	s->in_len = n;
	s->in_eof = pf->eof;
	pf->start = pf->end = 0;
	pf->eof = 0;
	s->kind = kind;
	if (kind == NT_COMP_GZIP) {
		memset(&s->zs, 0, sizeof(s->zs));
		if (inflateInit2(&s->zs, 15 + 16) != Z_OK) /* 16: gzip wrapper only */
			return nt_error_set(err, NT_ENOMEM, "%s: cannot start gzip decompression",
					    pf->name);
		s->zs_init = 1;
	} else {
		s->zd = ZSTD_createDStream();
		/* bounded memory: a frame may ask for a window of at most
		 * 2^ZSTD_WLOG_MAX bytes (zstd -19 needs 2^23; --long=27 is refused) */
		if (s->zd == NULL || ZSTD_isError(ZSTD_initDStream(s->zd)) ||
		    ZSTD_isError(ZSTD_DCtx_setParameter(s->zd, ZSTD_d_windowLogMax, ZSTD_WLOG_MAX)))
			return nt_error_set(err, NT_ENOMEM, "%s: cannot start zstd decompression",
					    pf->name);
	}
	return NT_OK;
}

/* The first n (<= 4) bytes of b, big-endian. */
static uint32_t be_head(const uint8_t *b, size_t n)
{
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++)
		v = v << 8 | b[i];
	return v;
}

int nt_pcapfile_sniff(const uint8_t *b, size_t n)
{
	if (n < 4)
		return 0;
	switch (be_head(b, 4)) {
	case NT_PCAP_MAGIC_US: case NT_PCAP_MAGIC_NS:
	case NT_PCAP_MAGIC_US_LE: case NT_PCAP_MAGIC_NS_LE:
		return NT_CAPFMT_PCAP;
	case NT_PCAPNG_MAGIC:
		return NT_CAPFMT_PCAPNG;
	default:
		return 0;
	}
}

int nt_pcapfile_sniff_compressed(const uint8_t *b, size_t n)
{
	if (n >= 2 && be_head(b, 2) == NT_GZIP_MAGIC)
		return NT_COMP_GZIP;
	if (n >= 4 && be_head(b, 4) == NT_ZSTD_MAGIC)
		return NT_COMP_ZSTD;
	return NT_COMP_NONE;
}

int nt_pcapfile_compression(const struct nt_pcapfile *pf)
{
	return pf->src.kind;
}

const char *nt_pcapfile_compression_name(int kind)
{
	return comp_name(kind);
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
		size_t got = src_read(pf, pf->buf + pf->end, pf->cap - pf->end);
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
	if (have >= 2 && nt_pcapfile_sniff_compressed(pf->buf, have) != NT_COMP_NONE) {
		int rc = detect_compression(pf, err);
		if (rc != NT_OK) {
			nt_pcapfile_close(pf);
			return rc;
		}
		have = fill(pf, PCAP_HDR);
	}
	if (pf->src.err && have < PCAP_HDR) {
		int rc = nt_error_set(err, NT_EIO, "%s: %s (in the capture file header)", name,
				      pf->src.msg);
		nt_pcapfile_close(pf);
		return rc;
	}
	if (have < 4) {
		int rc;
		if (have == 0 && !pf->src.trunc)
			rc = nt_error_set(err, NT_EFORMAT,
					  "%s: empty %s: no capture file header at byte offset 0", name,
					  pf->src.kind ? "compressed capture" : "file");
		else if (pf->src.trunc)
			rc = nt_error_set(err, NT_EFORMAT,
					  "%s: truncated capture file header at byte offset 0: %s", name,
					  ends_early(pf));
		else
			rc = nt_error_set(err, NT_EFORMAT,
					  "%s: truncated capture file header at byte offset 0", name);
		nt_pcapfile_close(pf);
		return rc;
	}
	const uint8_t *h = pf->buf;
	uint32_t be = ((uint32_t)h[0] << 24) | ((uint32_t)h[1] << 16) | ((uint32_t)h[2] << 8) | h[3];
	if (be == BT_SHB) {
		pf->fmt = NT_CAPFMT_PCAPNG;
		*out = pf;
		return NT_OK;
	}
	/* the file's byte order is the magic's: read as little-endian, a
	 * little-endian file shows the magic itself */
	switch (be) {
	case NT_PCAP_MAGIC_US_LE: break;
	case NT_PCAP_MAGIC_NS_LE: pf->nano = 1; break;
	case NT_PCAP_MAGIC_US: pf->swapped = 1; break;
	case NT_PCAP_MAGIC_NS: pf->swapped = 1; pf->nano = 1; break;
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

/* 1 on a little-endian machine (a constant once compiled). */
static int host_le(void)
{
	const uint16_t one = 1;
	uint8_t b;
	memcpy(&b, &one, 1);
	return b == 1;
}

static int next_pcap(struct nt_pcapfile *pf, struct nt_pcaprec *rec, struct nt_error *err)
{
	uint64_t off = pf->buf_off;
	/* The common case: the whole record is in the buffer, in host order. */
	if (!pf->swapped && pf->end - pf->start >= PCAP_REC_HDR) {
		const uint8_t *h = pf->buf + pf->start;
		uint32_t v[4];
		memcpy(v, h, sizeof(v));
		if (host_le() && v[2] <= pf->snaplen &&
		    pf->end - pf->start >= PCAP_REC_HDR + (size_t)v[2]) {
			pf->index++;
			rec->sec = v[0];
			rec->frac = v[1];
			rec->units = pf->nano ? 1000000000u : 1000000u;
			rec->caplen = v[2];
			rec->wirelen = v[3];
			rec->data = h + PCAP_REC_HDR;
			rec->dlt = pf->dlt;
			rec->iface = 0;
			rec->index = pf->index;
			rec->offset = off;
			pf->start += PCAP_REC_HDR + (size_t)v[2];
			pf->buf_off += PCAP_REC_HDR + (size_t)v[2];
			return 1;
		}
	}
	size_t have = fill(pf, PCAP_REC_HDR);
	if (have == 0)
		return end_of_data(pf, off, err);
	if (have < PCAP_REC_HDR)
		return nt_error_set(err, NT_EFORMAT,
				    "%s: truncated record header at record %llu, byte offset %llu "
				    "(%zu of 16 bytes): %s",
				    pf->name, (unsigned long long)pf->index + 1,
				    (unsigned long long)off, have, ends_early(pf));
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
				    "announced, %zu present: %s",
				    pf->name, (unsigned long long)pf->index + 1,
				    (unsigned long long)off, caplen, have - PCAP_REC_HDR, ends_early(pf));
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
	/* With if_tsresol 0 (one unit a second) the seconds of a 64-bit time
	 * stamp go up to 2^64 - 1, and if_tsoffset is any int64: adding them
	 * as int64 was a signed overflow.  The sum saturates, then is clamped
	 * to the +-NT_TIME_SEC_LIM s (years 1824..2116, every classic pcap
	 * time stamp) that the engine, the detectors' per-second rates and
	 * the reports compute with (core/time.h): a time further out is no
	 * real one, and the record stays readable, on its side of the epoch. */
	rec->sec = nt_time_sec_clamp(nt_add_sat(ifc->tsoffset, sec));
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
			return end_of_data(pf, off, err);
		if (have < 12)
			return nt_error_set(err, NT_EFORMAT,
					    "%s: truncated pcapng block header after record %llu at byte "
					    "offset %llu: %s",
					    pf->name, (unsigned long long)pf->index, (unsigned long long)off,
					    ends_early(pf));
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
					    "(%zu of %u bytes): %s",
					    pf->name, (unsigned long long)pf->index, (unsigned long long)off,
					    have, blen, ends_early(pf));
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
	if (pf->src.zs_init)
		inflateEnd(&pf->src.zs);
	ZSTD_freeDStream(pf->src.zd); /* accepts NULL */
	free(pf->src.in);
	free(pf->buf);
	free(pf);
}
