/* \summary: ntgen: frame and DNS message builders with correct checksums. */
#include "pkt.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- addresses ---- */

struct gaddr gaddr(const char *text)
{
	struct gaddr a;
	memset(&a, 0, sizeof(a));
	if (inet_pton(AF_INET, text, a.a) == 1)
		return a;
	if (inet_pton(AF_INET6, text, a.a) == 1) {
		a.v6 = 1;
		return a;
	}
	fprintf(stderr, "ntgen: bad address literal '%s'\n", text);
	abort();
}

struct gaddr gaddr4(uint32_t v)
{
	struct gaddr a;
	memset(&a, 0, sizeof(a));
	a.a[0] = (uint8_t)(v >> 24);
	a.a[1] = (uint8_t)(v >> 16);
	a.a[2] = (uint8_t)(v >> 8);
	a.a[3] = (uint8_t)v;
	return a;
}

struct gaddr gaddr6(const char *prefix, uint64_t iid)
{
	struct gaddr a = gaddr(prefix);
	for (int i = 0; i < 8; i++)
		a.a[8 + i] = (uint8_t)(iid >> (56 - 8 * i));
	return a;
}

/* ---- wire helpers ---- */

static void be16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* Ones' complement sum of `len` bytes added to `sum` (not folded). */
static uint32_t csum_add(uint32_t sum, const uint8_t *p, uint32_t len)
{
	uint32_t i = 0;
	for (; i + 1 < len; i += 2)
		sum += (uint32_t)p[i] << 8 | p[i + 1];
	if (i < len)
		sum += (uint32_t)p[i] << 8;
	return sum;
}

static uint16_t csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Pseudo-header sum for TCP/UDP/ICMPv6. */
static uint32_t csum_pseudo(const struct gip *ip, uint8_t proto, uint32_t len)
{
	uint32_t sum = 0;
	int n = ip->src.v6 ? 16 : 4;
	sum = csum_add(sum, ip->src.a, (uint32_t)n);
	sum = csum_add(sum, ip->dst.a, (uint32_t)n);
	sum += proto;
	sum += len & 0xffff;
	sum += len >> 16;
	return sum;
}

/* Writes the link header; returns the offset of the IP datagram. */
static uint32_t link_begin(struct gframe *f, const struct glink *l, int v6)
{
	uint16_t et = v6 ? 0x86dd : 0x0800;
	switch (l->linktype) {
	case 1: /* Ethernet */
		memcpy(f->b, l->dmac, 6);
		memcpy(f->b + 6, l->smac, 6);
		be16(f->b + 12, et);
		return 14;
	case 113: /* Linux cooked v1 */
		be16(f->b, l->sll_pkttype);
		be16(f->b + 2, 1); /* ARPHRD_ETHER */
		be16(f->b + 4, 6);
		memcpy(f->b + 6, l->smac, 6); /* the sender's address */
		f->b[12] = f->b[13] = 0;
		be16(f->b + 14, et);
		return 16;
	default: /* raw IP */
		return 0;
	}
}

static uint32_t ip_hlen(const struct gip *ip)
{
	return ip->src.v6 ? 40 : 20;
}

/* Writes the IP header in front of an l4len-byte payload already in place. */
static int ip_finish(struct gframe *f, const struct gip *ip, uint8_t proto, uint32_t l4len)
{
	uint8_t *h = f->b + f->l3off;
	uint8_t ttl = ip->ttl ? ip->ttl : 64;
	if (ip->src.v6) {
		if (l4len > 0xffff)
			return -1;
		be32(h, 0x60000000u | (uint32_t)ip->tos << 20 | (ip->flowlabel & 0xfffff));
		be16(h + 4, (uint16_t)l4len);
		h[6] = proto;
		h[7] = ttl;
		memcpy(h + 8, ip->src.a, 16);
		memcpy(h + 24, ip->dst.a, 16);
		f->l3len = 40 + l4len;
	} else {
		if (l4len + 20 > 0xffff)
			return -1;
		h[0] = 0x45;
		h[1] = ip->tos;
		be16(h + 2, (uint16_t)(20 + l4len));
		be16(h + 4, ip->id);
		be16(h + 6, ip->df ? 0x4000 : 0);
		h[8] = ttl;
		h[9] = proto;
		h[10] = h[11] = 0;
		memcpy(h + 12, ip->src.a, 4);
		memcpy(h + 16, ip->dst.a, 4);
		be16(h + 10, csum_fold(csum_add(0, h, 20)));
		f->l3len = 20 + l4len;
	}
	f->len = f->l3off + f->l3len;
	return 0;
}

static uint8_t *l4_begin(struct gframe *f, const struct glink *l, const struct gip *ip,
			 uint32_t l4len)
{
	f->l3off = link_begin(f, l, ip->src.v6);
	if (f->l3off + ip_hlen(ip) + l4len > GF_MAX)
		return NULL;
	return f->b + f->l3off + ip_hlen(ip);
}

int gf_udp_len(struct gframe *f, const struct glink *l, const struct gip *ip, uint16_t sport,
	       uint16_t dport, const void *pl, uint32_t plen, uint16_t ulen)
{
	uint8_t *u = l4_begin(f, l, ip, 8 + plen);
	if (u == NULL || 8 + plen > 0xffff)
		return -1;
	if (ulen == 0 || ulen > 8 + plen)
		ulen = (uint16_t)(8 + plen);
	be16(u, sport);
	be16(u + 2, dport);
	be16(u + 4, ulen);
	u[6] = u[7] = 0;
	if (plen)
		memcpy(u + 8, pl, plen);
	uint16_t ck = csum_fold(csum_add(csum_pseudo(ip, 17, ulen), u, ulen));
	be16(u + 6, ck ? ck : 0xffff);
	return ip_finish(f, ip, 17, 8 + plen);
}

int gf_udp(struct gframe *f, const struct glink *l, const struct gip *ip, uint16_t sport,
	   uint16_t dport, const void *pl, uint32_t plen)
{
	return gf_udp_len(f, l, ip, sport, dport, pl, plen, 0);
}

int gf_tcp(struct gframe *f, const struct glink *l, const struct gip *ip, const struct gtcp *t,
	   const void *pl, uint32_t plen)
{
	uint32_t olen = ((uint32_t)t->optlen + 3) & ~3u;
	if (olen > 40)
		return -1;
	uint32_t hl = 20 + olen;
	uint8_t *h = l4_begin(f, l, ip, hl + plen);
	if (h == NULL)
		return -1;
	be16(h, t->sport);
	be16(h + 2, t->dport);
	be32(h + 4, t->seq);
	be32(h + 8, t->ack);
	h[12] = (uint8_t)(hl / 4) << 4;
	h[13] = t->flags;
	be16(h + 14, t->win);
	h[16] = h[17] = 0;
	be16(h + 18, 0);
	memset(h + 20, 0, olen);
	if (t->optlen)
		memcpy(h + 20, t->opts, t->optlen);
	if (plen)
		memcpy(h + hl, pl, plen);
	be16(h + 16, csum_fold(csum_add(csum_pseudo(ip, 6, hl + plen), h, hl + plen)));
	return ip_finish(f, ip, 6, hl + plen);
}

int gf_icmp(struct gframe *f, const struct glink *l, const struct gip *ip, uint8_t type,
	    uint8_t code, uint32_t rest, const void *body, uint32_t blen)
{
	uint8_t *h = l4_begin(f, l, ip, 8 + blen);
	if (h == NULL)
		return -1;
	h[0] = type;
	h[1] = code;
	h[2] = h[3] = 0;
	be32(h + 4, rest);
	if (blen)
		memmove(h + 8, body, blen);
	uint32_t sum = ip->src.v6 ? csum_pseudo(ip, 58, 8 + blen) : 0;
	be16(h + 2, csum_fold(csum_add(sum, h, 8 + blen)));
	return ip_finish(f, ip, ip->src.v6 ? 58 : 1, 8 + blen);
}

int gf_icmp_error(struct gframe *f, const struct glink *l, const struct gip *ip, uint8_t type,
		  uint8_t code, uint32_t rest, const struct gframe *orig, uint32_t quote,
		  uint32_t pad)
{
	/* RFC 792: IP header + 8 bytes at least (Linux quotes up to 576 total);
	 * RFC 4443: as much as fits in the minimum MTU of 1280. */
	uint32_t max = ip->src.v6 ? 1280 - 48 : 576 - 28;
	uint32_t n = orig->l3len;
	if (quote == 0 || quote > max)
		quote = max;
	if (n > quote)
		n = quote;
	static uint8_t body[GF_MAX];
	if (n + pad > sizeof(body) - 64)
		return -1;
	memcpy(body, orig->b + orig->l3off, n);
	memset(body + n, 0, pad);
	return gf_icmp(f, l, ip, type, code, rest, body, n + pad);
}

const uint8_t *gf_ip_payload(const struct gframe *whole, uint32_t *len)
{
	int v6 = (whole->b[whole->l3off] >> 4) == 6;
	uint32_t h = v6 ? 40 : 20;
	*len = whole->l3len - h;
	return whole->b + whole->l3off + h;
}

int gf_ip_frag(struct gframe *f, const struct gframe *whole, uint32_t off, const uint8_t *data,
	       uint32_t len, int more, uint32_t id6)
{
	const uint8_t *wh = whole->b + whole->l3off;
	int v6 = (wh[0] >> 4) == 6;
	uint32_t hl = v6 ? 48 : 20;
	if ((off & 7) || off / 8 > 0x1fff || whole->l3off + hl + len > GF_MAX ||
	    len + hl - (v6 ? 40 : 0) > 0xffff)
		return -1;
	memcpy(f->b, whole->b, whole->l3off); /* the same link header */
	f->l3off = whole->l3off;
	uint8_t *h = f->b + f->l3off;
	if (v6) {
		memcpy(h, wh, 40);
		uint8_t *fh = h + 40;
		fh[0] = wh[6]; /* the fragment header names what the datagram carries */
		fh[1] = 0;
		be16(fh + 2, (uint16_t)(off | (more ? 1 : 0)));
		be32(fh + 4, id6);
		h[6] = 44;
		be16(h + 4, (uint16_t)(8 + len));
	} else {
		memcpy(h, wh, 20);
		be16(h + 2, (uint16_t)(20 + len));
		be16(h + 6, (uint16_t)((off / 8) | (more ? 0x2000 : 0)));
		h[10] = h[11] = 0;
		be16(h + 10, csum_fold(csum_add(0, h, 20)));
	}
	memcpy(h + hl, data, len);
	f->l3len = hl + len;
	f->len = f->l3off + f->l3len;
	return 0;
}

/* ---- DNS ---- */

void dnsb_init(struct dnsb *d, uint8_t *buf, uint32_t cap, uint16_t id, uint16_t flags)
{
	d->b = buf;
	d->cap = cap;
	d->err = cap < 12;
	d->len = 12;
	memset(d->count, 0, sizeof(d->count));
	d->sec = DNS_SEC_QD;
	d->ncomp = 0;
	if (!d->err) {
		be16(buf, id);
		be16(buf + 2, flags);
		memset(buf + 4, 0, 8);
	}
}

static void put_bytes(struct dnsb *d, const void *p, uint32_t n)
{
	if (d->err || d->len + n > d->cap) {
		d->err = 1;
		return;
	}
	memcpy(d->b + d->len, p, n);
	d->len += n;
}

static void put_u16(struct dnsb *d, uint16_t v)
{
	uint8_t b[2];
	be16(b, v);
	put_bytes(d, b, 2);
}

static void put_u32(struct dnsb *d, uint32_t v)
{
	uint8_t b[4];
	be32(b, v);
	put_bytes(d, b, 4);
}

/* Writes a name, compressed against the names written before. */
static void put_name(struct dnsb *d, const char *name)
{
	char buf[256];
	size_t nl = strlen(name);
	if (nl >= sizeof(buf)) {
		d->err = 1;
		return;
	}
	memcpy(buf, name, nl + 1);
	if (nl && buf[nl - 1] == '.')
		buf[nl - 1] = '\0';
	const char *p = buf;
	while (*p) {
		for (int i = 0; i < d->ncomp; i++) {
			if (strcasecmp(d->comp[i].name, p) == 0) {
				put_u16(d, (uint16_t)(0xc000 | d->comp[i].off));
				return;
			}
		}
		const char *dot = strchr(p, '.');
		size_t ll = dot ? (size_t)(dot - p) : strlen(p);
		if (ll == 0 || ll > 63) {
			d->err = 1;
			return;
		}
		size_t rest = strlen(p);
		if (d->len < 0x3fff && d->ncomp < DNSB_COMP && rest < DNSB_NAME) {
			d->comp[d->ncomp].off = (uint16_t)d->len;
			memcpy(d->comp[d->ncomp].name, p, rest + 1);
			d->ncomp++;
		}
		uint8_t lb = (uint8_t)ll;
		put_bytes(d, &lb, 1);
		put_bytes(d, p, (uint32_t)ll);
		p += ll;
		if (*p == '.')
			p++;
	}
	uint8_t z = 0;
	put_bytes(d, &z, 1);
}

void dnsb_question(struct dnsb *d, const char *name, uint16_t qtype)
{
	put_name(d, name);
	put_u16(d, qtype);
	put_u16(d, 1);
	d->count[DNS_SEC_QD]++;
}

/* Starts a record: owner, type, class, TTL, RDLENGTH placeholder. */
static void rr_begin(struct dnsb *d, int sec, const char *name, uint16_t type, uint16_t klass,
		     uint32_t ttl)
{
	if (sec < d->sec || sec < DNS_SEC_AN || sec > DNS_SEC_AR) {
		d->err = 1;
		return;
	}
	d->sec = sec;
	put_name(d, name);
	put_u16(d, type);
	put_u16(d, klass);
	put_u32(d, ttl);
	d->rdlen_at = d->len;
	put_u16(d, 0);
	d->count[sec]++;
}

static void rr_end(struct dnsb *d)
{
	if (d->err)
		return;
	be16(d->b + d->rdlen_at, (uint16_t)(d->len - d->rdlen_at - 2));
}

void dnsb_a(struct dnsb *d, int sec, const char *name, uint32_t ttl, const struct gaddr *a)
{
	rr_begin(d, sec, name, T_A, 1, ttl);
	put_bytes(d, a->a, 4);
	rr_end(d);
}

void dnsb_aaaa(struct dnsb *d, int sec, const char *name, uint32_t ttl, const struct gaddr *a)
{
	rr_begin(d, sec, name, T_AAAA, 1, ttl);
	put_bytes(d, a->a, 16);
	rr_end(d);
}

void dnsb_name_rr(struct dnsb *d, int sec, const char *name, uint16_t type, uint32_t ttl,
		  const char *target)
{
	rr_begin(d, sec, name, type, 1, ttl);
	put_name(d, target);
	rr_end(d);
}

void dnsb_mx(struct dnsb *d, int sec, const char *name, uint32_t ttl, uint16_t pref,
	     const char *exchange)
{
	rr_begin(d, sec, name, T_MX, 1, ttl);
	put_u16(d, pref);
	put_name(d, exchange);
	rr_end(d);
}

void dnsb_txt(struct dnsb *d, int sec, const char *name, uint32_t ttl, const char *const *texts,
	      int ntexts)
{
	rr_begin(d, sec, name, T_TXT, 1, ttl);
	for (int i = 0; i < ntexts; i++) {
		size_t n = strlen(texts[i]);
		if (n > 255) {
			d->err = 1;
			return;
		}
		uint8_t lb = (uint8_t)n;
		put_bytes(d, &lb, 1);
		put_bytes(d, texts[i], (uint32_t)n);
	}
	rr_end(d);
}

void dnsb_soa(struct dnsb *d, int sec, const char *name, uint32_t ttl, const char *mname,
	      const char *rname, uint32_t serial, uint32_t refresh, uint32_t retry,
	      uint32_t expire, uint32_t minimum)
{
	rr_begin(d, sec, name, T_SOA, 1, ttl);
	put_name(d, mname);
	put_name(d, rname);
	put_u32(d, serial);
	put_u32(d, refresh);
	put_u32(d, retry);
	put_u32(d, expire);
	put_u32(d, minimum);
	rr_end(d);
}

void dnsb_raw(struct dnsb *d, int sec, const char *name, uint16_t type, uint32_t ttl,
	      const uint8_t *rdata, uint32_t rdlen)
{
	rr_begin(d, sec, name, type, 1, ttl);
	put_bytes(d, rdata, rdlen);
	rr_end(d);
}

void dnsb_opt(struct dnsb *d, uint16_t udp_size, uint8_t ext_rcode, int do_bit)
{
	rr_begin(d, DNS_SEC_AR, ".", T_OPT, udp_size,
		 (uint32_t)ext_rcode << 24 | (do_bit ? 0x8000u : 0));
	rr_end(d);
}

void dnsb_opt_ede(struct dnsb *d, uint16_t udp_size, uint16_t info_code, const char *text)
{
	rr_begin(d, DNS_SEC_AR, ".", T_OPT, udp_size, 0);
	size_t n = strlen(text);
	put_u16(d, 15); /* EDNS option 15: Extended DNS Error (RFC 8914) */
	put_u16(d, (uint16_t)(2 + n));
	put_u16(d, info_code);
	put_bytes(d, (const uint8_t *)text, (uint32_t)n);
	rr_end(d);
}

uint32_t dnsb_finish(struct dnsb *d)
{
	if (d->err)
		return 0;
	for (int i = 0; i < 4; i++)
		be16(d->b + 4 + 2 * i, d->count[i]);
	return d->len;
}

/* ---- random numbers: splitmix64 ---- */

void grng_seed(struct grng *r, uint64_t seed)
{
	r->s = seed * 0x9e3779b97f4a7c15ull + 0x6a09e667f3bcc909ull;
}

uint64_t grng_next(struct grng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

uint32_t grng_below(struct grng *r, uint32_t n)
{
	if (n == 0)
		return 0;
	return (uint32_t)(((grng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int grng_chance(struct grng *r, uint32_t per_mille)
{
	return grng_below(r, 1000) < per_mille;
}
