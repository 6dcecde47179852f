/* \summary: builds the fuzzers' seed corpora from sample captures and
 * tcpdump text outputs: `mkseeds OUTDIR FILE...` writes OUTDIR/<target>/
 * files: whole captures for fuzz_pcap/fuzz_pcapng, each frame (with its
 * link-type byte) for fuzz_frame, DNS messages for fuzz_dns_msg and
 * fuzz_dns_name, ICMP messages for fuzz_icmp_quote, text lines and logs
 * for fuzz_tcpdump_line, and record streams for fuzz_analyze. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "decode/decode.h"
#include "input/pcapfile.h"
#include "input/source.h"

static const char *outdir;
static unsigned long nwritten;

static void put(const char *target, const char *base, unsigned long idx, const void *a,
		size_t na, const void *b, size_t nb)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", outdir, target);
	mkdir(path, 0777);
	snprintf(path, sizeof(path), "%s/%s/%s-%lu", outdir, target, base, idx);
	FILE *f = fopen(path, "wb");
	if (f == NULL) {
		perror(path);
		exit(1);
	}
	if ((na && fwrite(a, 1, na, f) != na) || (nb && fwrite(b, 1, nb, f) != nb)) {
		perror(path);
		exit(1);
	}
	fclose(f);
	nwritten++;
}

/* The index of a link type in fuzz_frame's table (-1: not there). */
static int frame_index(int dlt)
{
	static const int dlts[] = {1, 113, 276, 0, 12, 108, 14, 228, 229, 8, 9, 107, 239, 226};
	for (int i = 0; i < (int)(sizeof(dlts) / sizeof(dlts[0])); i++)
		if (dlts[i] == dlt)
			return i;
	return -1;
}

/* The index in fuzz_analyze's table (-1: not there). */
static int analyze_index(int dlt)
{
	switch (dlt) {
	case 1: return 0;
	case 113: return 1;
	case 276: return 2;
	case 0: return 3;
	case 12: return 4;
	default: return -1;
	}
}

/* Start of the IP header in a frame, or -1. */
static long ip_offset(int dlt, const uint8_t *d, uint32_t n)
{
	long off;
	switch (dlt) {
	case 1:
		off = 12;
		while (off + 2 <= (long)n && d[off] == 0x81 && d[off + 1] == 0x00)
			off += 4;
		off += 2;
		break;
	case 113: off = 16; break;
	case 276: off = 20; break;
	case 0: case 108: off = 4; break;
	case 12: case 14: case 228: case 229: off = 0; break;
	default: return -1;
	}
	return off < (long)n ? off : -1;
}

static void do_capture(const char *path, const char *base, const uint8_t *buf, size_t n)
{
	int ng = buf[0] == 0x0a && buf[1] == 0x0d;
	put(ng ? "pcapng" : "pcap", base, 0, buf, n, NULL, 0);
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return;
	struct nt_pcapfile *pf;
	struct nt_error err = {0, ""};
	if (nt_pcapfile_open(&pf, f, path, &err) != NT_OK)
		return;
	struct nt_pcaprec rec;
	static struct nt_pkt pkt;
	static uint8_t stream[65536];
	size_t slen = 0;
	unsigned long k = 0;
	int64_t prev = 0;
	while (nt_pcapfile_next(pf, &rec, &err) == 1 && k < 64) {
		k++;
		int fi = frame_index(rec.dlt);
		if (fi >= 0) {
			uint8_t b = (uint8_t)fi;
			put("frame", base, k, &b, 1, rec.data, rec.caplen);
		}
		nt_decode_frame(rec.data, rec.caplen, rec.wirelen, rec.dlt, &pkt);
		if (pkt.dns.present && pkt.payload && pkt.flow.proto == 17) {
			uint8_t o = 2;
			put("dns_msg", base, k, &o, 1, pkt.payload, pkt.payload_caplen);
			uint8_t l = 255;
			put("dns_name", base, k, &l, 1, pkt.payload, pkt.payload_caplen);
		}
		long io = ip_offset(rec.dlt, rec.data, rec.caplen);
		if ((pkt.flow.proto == 1 || pkt.flow.proto == 58) && io >= 0) {
			const uint8_t *ip = rec.data + io;
			uint32_t left = rec.caplen - (uint32_t)io;
			uint32_t hl = (ip[0] >> 4) == 6 ? 40 : (uint32_t)(ip[0] & 15) * 4;
			if (hl < left) {
				uint8_t v = (ip[0] >> 4) == 6;
				put("icmp_quote", base, k, &v, 1, ip + hl, left - hl);
			}
		}
		int ai = analyze_index(rec.dlt);
		if (ai >= 0 && slen + rec.caplen + 6 <= sizeof(stream)) {
			int64_t dt = rec.sec - prev;
			prev = rec.sec;
			stream[slen++] = (uint8_t)ai;
			stream[slen++] = k == 1 ? 0 : dt < 0 ? 255 : dt > 9 ? 250 : (uint8_t)(dt * 27);
			memcpy(stream + slen, rec.data, rec.caplen);
			slen += rec.caplen;
			memcpy(stream + slen, "NTRC", 4);
			slen += 4;
		}
	}
	if (slen)
		put("analyze", base, 0, stream, slen, NULL, 0);
	nt_pcapfile_close(pf);
}

static void do_text(const char *base, const uint8_t *buf, size_t n)
{
	put("tcpdump_line", base, 0, buf, n < 65536 ? n : 65536, NULL, 0);
	static uint8_t stream[65536];
	size_t slen = 0;
	unsigned long k = 0;
	const uint8_t *p = buf, *end = buf + n;
	while (p < end && k < 40) {
		const uint8_t *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len > 0) {
			k++;
			put("tcpdump_line", base, k, p, len, NULL, 0);
			if (slen + len + 6 <= sizeof(stream)) {
				stream[slen++] = 0x80;
				stream[slen++] = 10;
				memcpy(stream + slen, p, len);
				slen += len;
				memcpy(stream + slen, "NTRC", 4);
				slen += 4;
			}
		}
		p = nl ? nl + 1 : end;
	}
	if (slen)
		put("analyze", base, 1, stream, slen, NULL, 0);
}

/* Records for fuzz_reasm (fuzz/fuzz_reasm.c): fragments in order,
 * reversed, duplicated, overlapping, a ping of death, IPv6 ones, one
 * left to time out; DNS-over-TCP segments split, whole, retransmitted,
 * ahead of their turn, cut, closed. */
static void reasm_seeds(void)
{
	static const uint8_t v4[][8] = {
		{0x06, 0x00, 0x00, 0x00, 0x05, 0xc8, 0x01, 0}, {0x02, 0x00, 0x00, 0xb9, 0x05, 0xc8, 0x01, 0},
		{0x00, 0x00, 0x01, 0x72, 0x00, 0x28, 0x01, 0},
	};
	static const uint8_t rev[][8] = {
		{0x00, 0x01, 0x01, 0x72, 0x00, 0x28, 0x01, 0}, {0x02, 0x01, 0x00, 0xb9, 0x05, 0xc8, 0x01, 0},
		{0x22, 0x01, 0x00, 0xb9, 0x05, 0xc8, 0x01, 0}, {0x02, 0x01, 0x00, 0x00, 0x05, 0xc8, 0x01, 0},
	};
	static const uint8_t ovl[][8] = {
		{0x02, 0x02, 0x00, 0x00, 0x00, 0x40, 0x01, 0}, {0x00, 0x02, 0x00, 0x04, 0x00, 0x40, 0x01, 0},
		{0x03, 0x03, 0x00, 0x00, 0x04, 0xd0, 0x01, 0}, {0x01, 0x03, 0x04, 0xc8, 0x00, 0x64, 0x01, 0},
		{0x0a, 0x04, 0x00, 0x00, 0x05, 0xc8, 0x01, 0}, {0x00, 0x04, 0x00, 0xb9, 0x00, 0x10, 0xff, 0},
	};
	static const uint8_t v6[][8] = {
		{0x27, 0x05, 0x00, 0x00, 0x04, 0xd0, 0x01, 0}, {0x01, 0x05, 0x04, 0xd0, 0x01, 0x2c, 0x01, 0},
		{0x01, 0x06, 0xff, 0xf8, 0x00, 0x10, 0x01, 0}, {0x03, 0x06, 0x00, 0x00, 0x00, 0x04, 0x01, 0},
	};
	static const uint8_t tcp[][8] = {
		{0x82, 0, 0, 0, 0, 1, 0, 0}, {0x83, 0, 0, 0, 0, 1, 0, 0},
		{0x80, 0, 0, 0x00, 0x03, 1, 0, 0}, {0x80, 0, 0, 0x00, 0x01, 1, 0, 0},
		{0x80, 0, 0, 0x00, 0x30, 1, 0, 0}, {0x80, 0, 0, 0x05, 0xa8, 1, 0, 0},
		{0x80, 0xfe, 0x00, 0x02, 0x00, 1, 0, 0}, {0x81, 0x02, 0x00, 0x02, 0x00, 1, 0, 0},
		{0x81, 0, 0, 0x02, 0x00, 1, 0, 0}, {0x91, 0, 0, 0x04, 0x00, 1, 0, 0},
		{0x84, 0, 0, 0, 0, 1, 0, 0}, {0x89, 0, 0, 0, 0, 0xff, 0, 0},
		{0x80, 0, 0, 0x00, 0x40, 0xff, 0, 0},
	};
	put("reasm", "v4", 0, v4, sizeof(v4), NULL, 0);
	put("reasm", "reversed", 0, rev, sizeof(rev), NULL, 0);
	put("reasm", "overlap", 0, ovl, sizeof(ovl), NULL, 0);
	put("reasm", "v6", 0, v6, sizeof(v6), NULL, 0);
	put("reasm", "tcp", 0, tcp, sizeof(tcp), NULL, 0);
	static uint8_t pod[46][8];
	for (int k = 0; k < 45; k++) {
		uint16_t fo = (uint16_t)(k * 185);
		pod[k][0] = 0x02;
		pod[k][1] = 0x07;
		pod[k][2] = (uint8_t)(fo >> 8);
		pod[k][3] = (uint8_t)fo;
		pod[k][4] = 0x05;
		pod[k][5] = 0xc8;
	}
	static const uint8_t last[8] = {0x00, 0x07, 0x1f, 0xcc, 0x01, 0xa4, 0x00, 0};
	memcpy(pod[45], last, 8);
	put("reasm", "ping-of-death", 0, pod, sizeof(pod), NULL, 0);
}

/* ---- pcapng seeds, built from the format (not from captures) ---- */

struct buf {
	uint8_t b[4096];
	size_t n;
};

static void b_u16(struct buf *b, uint16_t v)
{
	if (b->n + 2 <= sizeof(b->b)) {
		memcpy(b->b + b->n, &v, 2);
		b->n += 2;
	}
}

static void b_u32(struct buf *b, uint32_t v)
{
	if (b->n + 4 <= sizeof(b->b)) {
		memcpy(b->b + b->n, &v, 4);
		b->n += 4;
	}
}

static void b_bytes(struct buf *b, const void *p, size_t n)
{
	if (n && b->n + n <= sizeof(b->b)) {
		memcpy(b->b + b->n, p, n);
		b->n += n;
	}
	while (b->n % 4 && b->n < sizeof(b->b))
		b->b[b->n++] = 0;
}

/* A block: type, total length, body (padded), total length. */
static void b_block(struct buf *out, uint32_t type, const struct buf *body)
{
	uint32_t len = (uint32_t)(12 + ((body->n + 3) & ~(size_t)3));
	b_u32(out, type);
	b_u32(out, len);
	b_bytes(out, body->b, body->n);
	b_u32(out, len);
}

static void b_opt(struct buf *b, uint16_t code, const void *v, uint16_t n)
{
	b_u16(b, code);
	b_u16(b, n);
	b_bytes(b, v, n);
}

/* An Ethernet/IPv4/UDP DNS query to carry in the packet blocks. */
static const uint8_t seed_frame[] = {
	0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 0x08, 0x00,
	0x45, 0, 0, 55, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
	0x04, 0x00, 0, 53, 0, 35, 0, 0,
	0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,
	1, 'a', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0, 1, 0, 1,
};

static void shb(struct buf *out)
{
	struct buf body = {.n = 0};
	b_u32(&body, 0x1A2B3C4D);
	b_u16(&body, 1);
	b_u16(&body, 0);
	b_u32(&body, 0xffffffffu); /* section length: unknown */
	b_u32(&body, 0xffffffffu);
	b_block(out, 0x0A0D0D0A, &body);
}

/* An interface description block with one option (code, value), and with
 * if_tsresol / if_tsoffset when given (tsresol < 0, tsoffset_on 0: none). */
static void idb(struct buf *out, int code, const void *v, uint16_t vn, int tsresol,
		int tsoffset_on, int64_t tsoffset)
{
	struct buf body = {.n = 0};
	b_u16(&body, 1); /* Ethernet */
	b_u16(&body, 0);
	b_u32(&body, 65535);
	if (code > 0)
		b_opt(&body, (uint16_t)code, v, vn);
	if (tsresol >= 0) {
		uint8_t r = (uint8_t)tsresol;
		b_opt(&body, 9, &r, 1);
	}
	if (tsoffset_on)
		b_opt(&body, 14, &tsoffset, 8);
	b_opt(&body, 0, NULL, 0);
	b_block(out, 1, &body);
}

static void epb(struct buf *out, uint64_t ts)
{
	struct buf body = {.n = 0};
	b_u32(&body, 0);
	b_u32(&body, (uint32_t)(ts >> 32));
	b_u32(&body, (uint32_t)ts);
	b_u32(&body, sizeof(seed_frame));
	b_u32(&body, sizeof(seed_frame));
	b_bytes(&body, seed_frame, sizeof(seed_frame));
	b_block(out, 6, &body);
}

/* Every option of the interface description block (RFC draft
 * pcapng section 4.2: if_name 2 ... if_iana_tzname 18), with a value of
 * the right size, of a wrong size and empty; every if_tsresol form (powers
 * of ten and of two, 0, the largest, past 64 bits) with if_tsoffset at its
 * extremes; time stamps near every wrap (32 bits, 2^63, 2^64). */
static void pcapng_seeds(void)
{
	static const uint8_t val[32] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
					0xff, 0xfe, 0x80, 0x7f, 0, 0, 0, 0};
	static const uint16_t sizes[] = {0, 1, 4, 6, 8, 9, 16, 17, 32};
	unsigned long idx = 0;
	for (int code = 2; code <= 18; code++)
		for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
			struct buf out = {.n = 0};
			shb(&out);
			idb(&out, code, val, sizes[k], -1, 0, 0);
			epb(&out, 1721136000000000ull);
			put("pcapng", "idb-option", idx++, out.b, out.n, NULL, 0);
		}
	static const int resol[] = {-1, 0, 3, 6, 9, 12, 19, 20, 0x80 | 0, 0x80 | 10, 0x80 | 30,
				    0x80 | 63, 0x80 | 64, 0xff};
	static const int64_t offs[] = {INT64_MIN, INT64_MIN + 1, -1, 0, 1, 4294967296ll,
				       INT64_MAX};
	static const uint64_t ts[] = {0, 0xffffffffull, 0x100000000ull, 1721136000000000ull,
				      0x7fffffffffffffffull, 0x8000000000000000ull,
				      0xffffffffffffffffull};
	idx = 0;
	for (size_t r = 0; r < sizeof(resol) / sizeof(resol[0]); r++)
		for (size_t o = 0; o < sizeof(offs) / sizeof(offs[0]) + 1; o++) {
			struct buf out = {.n = 0};
			shb(&out);
			int on = o < sizeof(offs) / sizeof(offs[0]);
			idb(&out, -1, NULL, 0, resol[r], on, on ? offs[o] : 0);
			for (size_t t = 0; t < sizeof(ts) / sizeof(ts[0]); t++)
				epb(&out, ts[t]);
			put("pcapng", "tsresol-tsoffset", idx++, out.b, out.n, NULL, 0);
		}
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkseeds OUTDIR FILE...\n");
		return 2;
	}
	outdir = argv[1];
	mkdir(outdir, 0777);
	reasm_seeds();
	pcapng_seeds();
	for (int i = 2; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (f == NULL) {
			perror(argv[i]);
			continue;
		}
		static uint8_t buf[1 << 20];
		size_t n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		if (n < 4)
			continue;
		const char *base = strrchr(argv[i], '/');
		base = base ? base + 1 : argv[i];
		int fmt = nt_source_sniff(buf, n);
		if (fmt == NT_SRC_PCAP || fmt == NT_SRC_PCAPNG)
			do_capture(argv[i], base, buf, n);
		else
			do_text(base, buf, n);
	}
	printf("mkseeds: %lu seed files in %s\n", nwritten, outdir);
	return 0;
}
