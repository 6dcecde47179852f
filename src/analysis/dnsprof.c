/* \summary: per-server DNS profiles (analysis/dnsprof.h). */
#include "analysis/dnsprof.h"

#include <stdlib.h>
#include <string.h>

static size_t prof_key(uint8_t *key, const struct nt_addr *a, uint16_t port, uint8_t proto)
{
	uint8_t more[3] = {(uint8_t)(port >> 8), (uint8_t)port, proto};
	return nt_ktab_key_addr(key, a, more, sizeof(more));
}

struct nt_dns_prof *nt_prof_get(struct nt_ktab *t, const struct nt_addr *a, uint16_t port,
				uint8_t proto, int64_t now)
{
	uint8_t key[NT_KTAB_KEY];
	struct nt_dns_prof *p = nt_ktab_get(t, key, prof_key(key, a, port, proto), now);
	if (p && p->proto == 0) {
		p->addr = *a;
		p->port = port;
		p->proto = proto;
		p->rtt_min_ns = -1;
		p->icmp_delay_min_ns = -1;
		p->quote_hops_min = p->quote_hops_max = -1;
	}
	return p;
}

const struct nt_dns_prof *nt_prof_find(const struct nt_ktab *t, const struct nt_addr *a,
				       uint16_t port, uint8_t proto)
{
	uint8_t key[NT_KTAB_KEY];
	return nt_ktab_find((struct nt_ktab *)t, key, prof_key(key, a, port, proto));
}

struct nt_prof_qtype *nt_prof_qtype(struct nt_dns_prof *p, uint16_t qtype)
{
	for (uint32_t i = 0; i < p->n_qtype; i++)
		if (p->qt[i].qtype == qtype)
			return &p->qt[i];
	if (p->n_qtype < NT_PROF_QTYPES) {
		struct nt_prof_qtype *q = &p->qt[p->n_qtype++];
		q->qtype = qtype;
		return q;
	}
	return &p->qt_other;
}

/* Quarter-octave bin of a time: 4 x floor(log2(us)) + the next two bits. */
static int bin_of(int64_t rtt_ns)
{
	uint64_t us = rtt_ns > 0 ? (uint64_t)rtt_ns / 1000 : 0;
	if (us < 2)
		return 0;
	int k = 63 - __builtin_clzll(us);
	int sub = k >= 2 ? (int)((us >> (k - 2)) & 3) : (int)((us << (2 - k)) & 3);
	int b = 4 * k + sub;
	return b < NT_PROF_RTT_BINS ? b : NT_PROF_RTT_BINS - 1;
}

/* The middle of bin b, in ns. */
static int64_t bin_mid_ns(int b)
{
	int k = b / 4, sub = b % 4;
	double lo = (double)(1ull << k) * (1.0 + sub / 4.0);
	double hi = (double)(1ull << k) * (1.0 + (sub + 1) / 4.0);
	return (int64_t)((lo + hi) / 2 * 1000);
}

void nt_prof_rtt(struct nt_dns_prof *p, int64_t rtt_ns)
{
	if (rtt_ns < 0)
		rtt_ns = 0;
	if (p->n_rtt_exact < NT_PROF_RTT_EXACT) {
		int64_t us = rtt_ns / 1000;
		p->rtt_exact_us[p->n_rtt_exact++] = us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
	}
	p->rtt_bin[bin_of(rtt_ns)]++;
	if (p->rtt_min_ns < 0 || rtt_ns < p->rtt_min_ns)
		p->rtt_min_ns = rtt_ns;
	if (rtt_ns > p->rtt_max_ns)
		p->rtt_max_ns = rtt_ns;
}

uint64_t nt_prof_rtt_count(const struct nt_dns_prof *p)
{
	uint64_t n = 0;
	for (int k = 0; k < NT_PROF_RTT_BINS; k++)
		n += p->rtt_bin[k];
	return n;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return x < y ? -1 : x > y;
}

int64_t nt_prof_rtt_quantile(const struct nt_dns_prof *p, double q, int *exact)
{
	uint64_t n = nt_prof_rtt_count(p);
	if (n == 0)
		return -1;
	if (q < 0)
		q = 0;
	if (q > 1)
		q = 1;
	if (n <= NT_PROF_RTT_EXACT) {
		uint32_t s[NT_PROF_RTT_EXACT];
		memcpy(s, p->rtt_exact_us, (size_t)n * sizeof(s[0]));
		qsort(s, (size_t)n, sizeof(s[0]), cmp_u32);
		/* nearest rank */
		uint64_t r = (uint64_t)(q * (double)n + 0.999999);
		if (r < 1)
			r = 1;
		if (r > n)
			r = n;
		if (exact)
			*exact = 1;
		return (int64_t)s[r - 1] * 1000;
	}
	uint64_t want = (uint64_t)(q * (double)n + 0.999999), seen = 0;
	if (want < 1)
		want = 1;
	for (int k = 0; k < NT_PROF_RTT_BINS; k++) {
		seen += p->rtt_bin[k];
		if (seen >= want) {
			if (exact)
				*exact = 0;
			return bin_mid_ns(k);
		}
	}
	if (exact)
		*exact = 0;
	return p->rtt_max_ns;
}
