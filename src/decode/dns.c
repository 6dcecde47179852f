/* \summary: DNS message decoder for the analysis engine (RFC 1035;
 * RFC 6891 EDNS0 for the extended rcode and UDP size; RFC 3596 AAAA).
 *
 * Header (12 bytes):
 *   | id (2) | QR opcode(4) AA TC RD | RA Z AD CD rcode(4) |
 *   | qdcount (2) | ancount (2) | nscount (2) | arcount (2) |
 * Question:  | name | type (2) | class (2) |
 * RR:        | name | type (2) | class (2) | ttl (4) | rdlength (2) | rdata |
 *
 * Names: labels of 1..63 bytes, or a 2-byte pointer (0xC0 | offset) to an
 * earlier place in the message.  Each pointer must point strictly before
 * the start of the run of labels that holds it, which rules out loops; a name is at most
 * 255 bytes and 127 labels.  Length bytes 0x40 and 0x80 (RFC 2673, 6891
 * extended labels) are rejected as malformed.
 */
#include "decode/dns.h"

#include <string.h>

enum {
	DNS_HDR = 12,
	NAME_WIRE_MAX = 255,
	LABELS_MAX = 127,
	RR_SCAN_MAX = 256, /* records looked at per section at most */
	T_A = 1, T_CNAME = 5, T_SOA = 6, T_AAAA = 28, T_OPT = 41,
};

/* 1 for the bytes that stand for themselves in presentation form:
 * printable ASCII but '.' and '\\' (RFC 4343).  A table, not four
 * tests: every byte of every question name goes through it. */
#define P1(c) ((c) > 0x20 && (c) < 0x7f && (c) != '.' && (c) != '\\')
#define P4(b) P1(b), P1((b) + 1), P1((b) + 2), P1((b) + 3)
#define P16(b) P4(b), P4((b) + 4), P4((b) + 8), P4((b) + 12)
static const uint8_t plain_tab[256] = {
	P16(0x00), P16(0x10), P16(0x20), P16(0x30), P16(0x40), P16(0x50), P16(0x60), P16(0x70),
	P16(0x80), P16(0x90), P16(0xa0), P16(0xb0), P16(0xc0), P16(0xd0), P16(0xe0), P16(0xf0),
};
#undef P16
#undef P4
#undef P1

static int plain_byte(uint8_t ch)
{
	return plain_tab[ch];
}

/* Appends a label in presentation form: printable bytes as they are,
 * '.' and '\\' escaped, others as \DDD (RFC 4343). */
static size_t put_label(char *dst, size_t pos, size_t dstlen, const uint8_t *lab, size_t n)
{
	size_t i = 0;
	/* the common label: plain bytes only, and room for all of them */
	if (pos + n < dstlen) {
		while (i < n && plain_byte(lab[i])) {
			dst[pos + i] = (char)lab[i];
			i++;
		}
		pos += i;
	}
	for (; i < n; i++) {
		uint8_t ch = lab[i];
		char tmp[5];
		size_t k = 0;
		if (ch == '.' || ch == '\\') {
			tmp[k++] = '\\';
			tmp[k++] = (char)ch;
		} else if (ch > 0x20 && ch < 0x7f) {
			tmp[k++] = (char)ch;
		} else {
			tmp[k++] = '\\';
			tmp[k++] = (char)('0' + ch / 100);
			tmp[k++] = (char)('0' + (ch / 10) % 10);
			tmp[k++] = (char)('0' + ch % 10);
		}
		if (pos + k >= dstlen)
			return pos; /* output full: keep what fits */
		memcpy(dst + pos, tmp, k);
		pos += k;
	}
	return pos;
}

/* The error of a read of n bytes at p that the cursor cannot give, as
 * nt_cur_need() tells it: not captured, or beyond the wire length. */
static int need_err(const struct nt_cur *c, const uint8_t *p, size_t n)
{
	return c->wire_len - (size_t)(p - c->base) >= n ? NT_ETRUNC : NT_EMALF;
}

/* Walks the bytes directly rather than through the cursor's checked
 * reads: this is the hottest loop of the analysis (every question and
 * every record name). */
int nt_dns_read_name(struct nt_cur *msg, char *dst, size_t dstlen)
{
	size_t pos = 0, wire = 0;
	unsigned labels = 0;
	int jumped = 0, err;
	if (dst && dstlen)
		dst[0] = '\0';
	if (msg->err)
		return msg->err;
	/* p walks the name, following pointers; msg advances only over the
	 * bytes of the name as it stands in place. */
	const uint8_t *base = msg->base, *end = msg->end, *p = msg->p;
	/* Start of the run of labels being read: the name itself, then each
	 * pointer's target.  Every pointer must go strictly before it, so the
	 * runs move backward and the walk ends. */
	size_t run_start = (size_t)(p - base);
	for (;;) {
		if (p >= end) {
			err = need_err(msg, p, 1);
			goto fail;
		}
		uint8_t len = *p++;
		if (len == 0)
			break;
		if ((len & 0xc0) == 0xc0) {
			if (p >= end) {
				err = need_err(msg, p, 1);
				goto fail;
			}
			size_t target = ((size_t)(len & 0x3f) << 8) | *p++;
			if (!jumped) {
				msg->p = p;
				jumped = 1;
			}
			/* strictly backward (and so inside the captured bytes) */
			if (target >= run_start) {
				err = NT_EMALF;
				goto fail;
			}
			run_start = target;
			p = base + target;
			continue;
		}
		if (len & 0xc0) { /* 0x40 / 0x80: extended label types */
			err = NT_EMALF;
			goto fail;
		}
		if (++labels > LABELS_MAX || wire + len + 1 > NAME_WIRE_MAX) {
			err = NT_EMALF;
			goto fail;
		}
		if ((size_t)(end - p) < len) {
			err = need_err(msg, p, len);
			goto fail;
		}
		const uint8_t *lab = p;
		p += len;
		wire += len + 1u;
		if (dst && dstlen) {
			if (pos > 0 && pos + 1 < dstlen)
				dst[pos++] = '.';
			pos = put_label(dst, pos, dstlen, lab, len);
			dst[pos] = '\0';
		}
	}
	if (!jumped)
		msg->p = p;
	if (dst && dstlen && pos == 0 && dstlen > 1) {
		dst[0] = '.';
		dst[1] = '\0';
	}
	return NT_OK;
fail:
	if (!msg->err)
		msg->err = err;
	return msg->err;
}

/* The options of an OPT record's RDATA: the first Extended DNS Error
 * (RFC 8914 section 2: INFO-CODE, then EXTRA-TEXT in UTF-8). */
static void read_opt_options(const uint8_t *rd, uint16_t rdlen, struct nt_dns *d)
{
	struct nt_cur o;
	nt_cur_init(&o, rd, rdlen);
	while (nt_cur_left(&o) >= 4 && !o.err) {
		uint16_t code = nt_u16(&o), len = nt_u16(&o);
		const uint8_t *v = nt_ptr(&o, len);
		if (v == NULL)
			return; /* an option running past the record: malformed, ignored */
		if (code == 15 && len >= 2 && !d->has_ede) {
			d->has_ede = 1;
			d->ede_code = (uint16_t)(v[0] << 8 | v[1]);
			size_t n = len - 2u;
			if (n > sizeof(d->ede_text) - 1)
				n = sizeof(d->ede_text) - 1;
			size_t k = 0;
			for (; k < n && v[2 + k] != 0; k++)
				d->ede_text[k] = (char)v[2 + k];
			d->ede_text[k] = '\0';
		}
	}
}

/* Skips one resource record of section sec (0 answer, 1 authority, 2
 * additional), keeping A/AAAA/CNAME answers in d->rr[], the first SOA of
 * the authority section and the OPT record's EDNS fields. */
static int read_rr(struct nt_cur *m, struct nt_dns *d, int sec)
{
	/* the owner is spelled out only for the SOA kept (authority NS
	 * records are common: skipping their names costs nothing) */
	int want_owner = sec == 1 && d->soa_zone[0] == '\0';
	struct nt_cur at = *m;
	if (nt_dns_read_name(m, NULL, 0) != NT_OK)
		return m->err;
	uint16_t type = nt_u16(m);
	uint16_t klass = nt_u16(m);
	uint32_t ttl = nt_u32(m);
	uint16_t rdlen = nt_u16(m);
	if (m->err)
		return m->err;
	const uint8_t *rd = nt_ptr(m, rdlen);
	if (type == T_OPT) {
		d->edns = 1;
		d->edns_udp_size = klass;
		/* extended rcode: upper 8 bits in the TTL's top byte */
		d->rcode = (uint16_t)((d->rcode & 0x0f) | ((ttl >> 24) << 4));
		if (rd)
			read_opt_options(rd, rdlen, d);
		return m->err;
	}
	if (want_owner && type == T_SOA && rd && rdlen >= 22 &&
	    nt_dns_read_name(&at, d->soa_zone, sizeof(d->soa_zone)) == NT_OK) {
		const uint8_t *mn = rd + rdlen - 4; /* MINIMUM ends the RDATA */
		d->soa_minimum = (uint32_t)mn[0] << 24 | (uint32_t)mn[1] << 16 |
				 (uint32_t)mn[2] << 8 | mn[3];
	}
	int answer = sec == 0;
	if (!answer)
		return m->err;
	if (ttl < d->min_ttl)
		d->min_ttl = ttl;
	if (d->n_rr < NT_DNS_ANS_MAX && (type == T_A || type == T_AAAA || type == T_CNAME)) {
		struct nt_dns_rr *rr = &d->rr[d->n_rr];
		memset(rr, 0, sizeof(*rr));
		rr->type = type;
		rr->ttl = ttl;
		if (rd && type == T_A && rdlen == 4) {
			rr->addr.family = 4;
			memcpy(rr->addr.a, rd, 4);
		} else if (rd && type == T_AAAA && rdlen == 16) {
			rr->addr.family = 6;
			memcpy(rr->addr.a, rd, 16);
		}
		d->n_rr++;
	}
	return m->err;
}

static int decode_msg(struct nt_cur *c, uint32_t len, struct nt_dns *d);

int nt_decode_dns(struct nt_cur *c, uint32_t len, struct nt_dns *d)
{
	int rc = decode_msg(c, len, d);
	size_t cap = nt_cur_left(c);
	if (rc == NT_EMALF && cap > len && len >= DNS_HDR) {
		/* The transport length is shorter than the message it carries.
		 * tcpdump decodes the captured bytes anyway; so do we, and
		 * mark the message malformed. */
		struct nt_dns alt;
		if (decode_msg(c, (uint32_t)cap, &alt) == NT_OK) {
			*d = alt;
			d->msg_len = (uint16_t)len;
			d->status = NT_PKT_MALFORMED;
			return NT_EMALF;
		}
	}
	return rc;
}

void nt_dns_clear(struct nt_dns *d)
{
	memset(d, 0, offsetof(struct nt_dns, qname));
	d->qname[0] = '\0';
	d->soa_zone[0] = '\0';
	d->ede_text[0] = '\0';
	memset(&d->qtype, 0, offsetof(struct nt_dns, rr) - offsetof(struct nt_dns, qtype));
	memset(&d->min_ttl, 0, sizeof(*d) - offsetof(struct nt_dns, min_ttl));
}

static int decode_msg(struct nt_cur *c, uint32_t len, struct nt_dns *d)
{
	nt_dns_clear(d);
	d->min_ttl = UINT32_MAX;
	d->msg_len = (uint16_t)(len > 0xffff ? 0xffff : len);
	struct nt_cur m;
	nt_cur_sub(c, len, &m);
	m.base = m.p; /* compression offsets count from the DNS header */
	if (len < DNS_HDR) {
		d->status = NT_PKT_MALFORMED;
		return NT_EMALF;
	}
	d->id = nt_u16(&m);
	uint16_t fl = nt_u16(&m);
	d->qdcount = nt_u16(&m);
	d->ancount = nt_u16(&m);
	d->nscount = nt_u16(&m);
	d->arcount = nt_u16(&m);
	if (m.err) {
		d->status = NT_PKT_TRUNCATED;
		return m.err;
	}
	d->present = 1;
	d->qr = fl >> 15;
	d->opcode = (fl >> 11) & 0xf;
	d->aa = (fl >> 10) & 1;
	d->tc = (fl >> 9) & 1;
	d->rd = (fl >> 8) & 1;
	d->ra = (fl >> 7) & 1;
	d->ad = (fl >> 5) & 1;
	d->cd = (fl >> 4) & 1;
	d->z = (fl >> 4) & 7;
	d->rcode = fl & 0xf;
	if (d->qdcount >= 1) {
		if (nt_dns_read_name(&m, d->qname, sizeof(d->qname)) == NT_OK) {
			d->qtype = nt_u16(&m);
			d->qclass = nt_u16(&m);
			if (!m.err)
				d->has_question = 1;
		}
		/* further questions are skipped (rare; bounded by the message) */
		for (unsigned i = 1; i < d->qdcount && !m.err && i < RR_SCAN_MAX; i++) {
			nt_dns_read_name(&m, NULL, 0);
			nt_skip(&m, 4);
		}
	}
	unsigned counts[3] = {d->ancount, d->nscount, d->arcount};
	for (int s = 0; s < 3 && !m.err; s++)
		for (unsigned i = 0; i < counts[s] && i < RR_SCAN_MAX && !m.err; i++)
			read_rr(&m, d, s);
	if (d->min_ttl == UINT32_MAX)
		d->min_ttl = 0;
	if (m.err)
		d->status = m.err == NT_ETRUNC ? NT_PKT_TRUNCATED : NT_PKT_MALFORMED;
	return m.err ? m.err : NT_OK;
}
