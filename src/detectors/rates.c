/* \summary: counting for the attack detectors: linear-counting distinct
 * counters, the per-second rate baseline with its bounded curve, address
 * samples and the per-target flood accumulator (detectors/rates.h). */
#include "detectors/rates.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/addr.h"
#include "core/hash.h"

uint32_t nt_addr_bit(const struct nt_addr *a, uint32_t extra, uint32_t nbits)
{
	uint64_t w[2] = {0, 0};
	memcpy(w, a->a, a->family == 6 ? 16 : 4);
	uint64_t h = (w[0] ^ (w[1] * 0x9e3779b97f4a7c15ull) ^ ((uint64_t)extra << 48)) *
		     0xff51afd7ed558ccdull;
	return (uint32_t)(h >> 40) % nbits;
}

/* ---- distinct counting ---- */

void nt_distinct_add(uint64_t *bits, unsigned nbits, uint32_t hash)
{
	hash ^= hash >> 15;
	hash *= 0x2c1b3c6du;
	hash ^= hash >> 12;
	unsigned b = hash & (nbits - 1);
	bits[b >> 6] |= 1ull << (b & 63);
}

double nt_distinct_est(const uint64_t *bits, unsigned nbits)
{
	unsigned set = 0;
	for (unsigned i = 0; i < nbits / 64; i++)
		set += (unsigned)__builtin_popcountll(bits[i]);
	unsigned zero = nbits - set;
	if (zero == 0)
		zero = 1; /* saturated: a lower bound */
	return floor(-(double)nbits * log((double)zero / (double)nbits) + 0.5);
}

/* ---- rate baseline ---- */

static void rate_series_add(struct nt_rate *r, int64_t sec, uint32_t c)
{
	if (sec < r->start)
		sec = r->start;
	uint64_t idx = (uint64_t)(sec - r->start) / r->step;
	/* Coarsen by halving; past ~34 years per bucket (hostile time
	 * stamps) the last bucket takes the rest, so step never overflows. */
	while (idx >= NT_RATE_SERIES && r->step < (1u << 30)) {
		for (uint32_t i = 0; i < NT_RATE_SERIES / 2; i++)
			r->counts[i] = r->counts[2 * i] + r->counts[2 * i + 1];
		memset(r->counts + NT_RATE_SERIES / 2, 0, sizeof(r->counts) / 2);
		r->step *= 2;
		r->n = (r->n + 1) / 2;
		idx = (uint64_t)(sec - r->start) / r->step;
	}
	if (idx >= NT_RATE_SERIES)
		idx = NT_RATE_SERIES - 1;
	r->counts[idx] += c;
	if (idx + 1 > r->n)
		r->n = (uint32_t)idx + 1;
}

static void rate_close_sec(struct nt_rate *r, const struct nt_rate_cfg *c)
{
	uint32_t n = r->cur;
	double thr = c->factor * r->base;
	if (thr < c->floor)
		thr = c->floor;
	if (n > r->peak) {
		r->peak = n;
		r->peak_sec = r->cur_sec;
		r->base_at_peak = r->base;
	}
	if (n > 0 && (double)n >= thr) {
		if (r->flood_secs == 0)
			r->flood_first = r->cur_sec;
		r->flood_secs++;
		r->flood_events += n;
		r->flood_last = r->cur_sec;
	} else {
		r->base += c->alpha * ((double)n - r->base);
	}
	if (n)
		rate_series_add(r, r->cur_sec, n);
	r->cur = 0;
}

void nt_rate_add(struct nt_rate *r, const struct nt_rate_cfg *c, int64_t sec, uint32_t n)
{
	if (!r->started) {
		r->started = 1;
		r->cur_sec = sec;
		r->start = sec;
		r->step = 1;
	}
	if (sec > r->cur_sec) {
		rate_close_sec(r, c);
		int64_t gap = sec - r->cur_sec - 1;
		if (gap > 0 && r->base > 0)
			r->base *= gap > 100000 ? 0 : pow(1 - c->alpha, (double)gap);
		r->cur_sec = sec;
	}
	r->cur += n;
	r->total += n;
}

void nt_rate_close(struct nt_rate *r, const struct nt_rate_cfg *c)
{
	if (r->started && r->cur)
		rate_close_sec(r, c);
}

void nt_rate_to_finding(const struct nt_rate *r, struct nt_finding *f, const char *what)
{
	struct nt_fig_series *s = &f->series;
	snprintf(s->what, sizeof(s->what), "%s", what);
	s->start = r->start * 1000000000LL;
	s->step_s = r->step;
	s->n = r->n < NT_FIG_SERIES ? r->n : NT_FIG_SERIES;
	memcpy(s->counts, r->counts, s->n * sizeof(s->counts[0]));
}

void nt_addr_sample(struct nt_addr *list, uint32_t *n, uint32_t cap, const struct nt_addr *a)
{
	if (*n >= cap)
		return;
	for (uint32_t i = 0; i < *n; i++)
		if (nt_addr_eq(&list[i], a))
			return;
	list[(*n)++] = *a;
}

void nt_flood_count(struct nt_flood_acc *a, const struct nt_rate_cfg *c, const struct nt_pkt *pkt,
		    const struct nt_raw *raw, uint32_t max_snaps)
{
	nt_rate_add(&a->rate, c, pkt->ts_sec, 1);
	nt_distinct_add(a->src_bits, NT_FLOOD_SRC_BITS, nt_hash_addr(NT_FNV_SEED, &pkt->flow.src));
	nt_addr_sample(a->src, &a->n_src, NT_FLOOD_SAMPLE, &pkt->flow.src);
	/* evidence: the packet that brings a second to the floor */
	if (a->n_snap < max_snaps && a->n_snap < NT_FLOOD_SNAPS && a->rate.cur == (uint32_t)c->floor)
		nt_snap_fill(&a->snap[a->n_snap++], pkt, raw);
}

double nt_flood_to_finding(const struct nt_flood_acc *a, struct nt_finding *f, double *mean)
{
	const struct nt_rate *rt = &a->rate;
	double srcs = nt_distinct_est(a->src_bits, NT_FLOOD_SRC_BITS);
	if (srcs > (double)rt->total)
		srcs = (double)rt->total;
	if (srcs < a->n_src)
		srcs = a->n_src;
	*mean = rt->flood_secs ? (double)rt->flood_events / rt->flood_secs : 0;
	f->severity = NT_SEV_HIGH;
	f->count = rt->flood_events;
	f->first_seen = rt->flood_first * 1000000000LL;
	f->last_seen = rt->flood_last * 1000000000LL + 999999999LL;
	char c[64];
	for (uint32_t k = 0; k < a->n_src; k++)
		nt_finding_add_client(f, nt_addr_str(&a->src[k], c, sizeof(c)));
	if (srcs > f->n_clients) {
		f->clients_more = (uint32_t)(srcs - f->n_clients);
		f->clients_more_est = 1; /* from its bits */
	}
	for (uint32_t k = 0; k < a->n_snap; k++)
		nt_finding_evidence(f, &a->snap[k]);
	nt_figure(f, "peak_per_s", rt->peak);
	nt_figure(f, "mean_in_flood_per_s", *mean);
	nt_figure(f, "baseline_per_s", rt->base_at_peak);
	return srcs;
}
