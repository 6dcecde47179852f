/* \summary: building blocks of the attack detectors: name entropy and
 * consonant runs, the Public Suffix List in a fixed arena with an
 * open-addressing index (or a built-in fallback list), linear-counting
 * distinct counters, the per-second rate baseline with its bounded curve,
 * and the fixed-capacity keyed tables with counted eviction. */
#include "detectors/attack.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---- */

static unsigned char lower(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

double nt_entropy(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	if (n > 255)
		n = 255;
	uint8_t cnt[256];
	memset(cnt, 0, sizeof(cnt));
	for (size_t i = 0; i < n; i++)
		cnt[lower((unsigned char)s[i])]++;
	double h = 0;
	for (int i = 0; i < 256; i++)
		if (cnt[i]) {
			double p = (double)cnt[i] / (double)n;
			h -= p * log2(p);
		}
	return h;
}

int nt_consonant_run(const char *s, size_t n)
{
	int run = 0, best = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = lower((unsigned char)s[i]);
		int cons = c >= 'a' && c <= 'z' && !strchr("aeiouy", c);
		run = cons ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

/* ---- public suffixes ---- */

enum { PSL_ARENA = 256 * 1024, PSL_SLOTS = 32768, PSL_CAP = PSL_SLOTS / 2, PSL_LABELS = 6 };
enum { PSL_NORMAL = 1, PSL_WILD = 2, PSL_EXC = 4 };

static char psl_arena[PSL_ARENA]; /* per rule: flags, length, lower-case bytes */
static uint32_t psl_used;
static uint32_t psl_slot[PSL_SLOTS]; /* arena offset + 1, 0 = empty */
static uint32_t psl_nrules;
/* two bits per rule hash: most suffixes of a name are no rule and are
 * rejected here, without touching the slot table */
enum { PSL_BLOOM = 16384 };
static uint64_t psl_bloom[PSL_BLOOM / 64];
static int psl_full, psl_loaded;
static char psl_src[600];

/* Recent answers, direct-mapped by a word-at-a-time hash of the exact
 * bytes of the name (names repeat: a query and its response, popular
 * names); cleared when the list changes. */
enum { BASE_CACHE = 4096 };
static struct {
	uint64_t h;
	uint16_t len, off;
} base_cache[BASE_CACHE];

static uint64_t name_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w;
		memcpy(&w, s + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	memcpy(&w, s + i, n - i);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	return h ^ (h >> 29);
}

static const char *base_domain(const char *name, size_t len);


/* Hashed from the last character backwards, so that the hashes of all
 * suffixes of a name come out of one pass (nt_base_domain). */
/* ASCII lower case by table (no branch per character) */
static const unsigned char lower_tab[256] = {
#define L4(i) L1(i), L1(i + 1), L1(i + 2), L1(i + 3)
#define L1(i) (unsigned char)((i) >= 'A' && (i) <= 'Z' ? (i) + 32 : (i))
#define L16(i) L4(i), L4(i + 4), L4(i + 8), L4(i + 12)
	L16(0), L16(16), L16(32), L16(48), L16(64), L16(80), L16(96), L16(112),
	L16(128), L16(144), L16(160), L16(176), L16(192), L16(208), L16(224), L16(240),
#undef L16
#undef L1
#undef L4
};

static uint32_t psl_hash_step(uint32_t h, char c)
{
	return (h * 33) ^ lower_tab[(unsigned char)c]; /* cheap per character ... */
}

static uint32_t psl_mix(uint32_t h)
{
	h ^= h >> 16; /* ... and mixed once per suffix */
	h *= 0x7feb352du;
	h ^= h >> 15;
	h *= 0x846ca68bu;
	return h ^ (h >> 16);
}

static uint32_t psl_hash(const char *s, size_t n)
{
	uint32_t h = 5381;
	while (n)
		h = psl_hash_step(h, s[--n]);
	return psl_mix(h);
}

static int psl_eq(const char *rule, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (rule[i] != (char)lower((unsigned char)s[i]))
			return 0;
	return 1;
}

static int bloom_has(uint32_t h)
{
	uint32_t a = h % PSL_BLOOM, b = (h >> 14) % PSL_BLOOM;
	return (psl_bloom[a >> 6] >> (a & 63) & 1) && (psl_bloom[b >> 6] >> (b & 63) & 1);
}

static void bloom_add(uint32_t h)
{
	uint32_t a = h % PSL_BLOOM, b = (h >> 14) % PSL_BLOOM;
	psl_bloom[a >> 6] |= 1ull << (a & 63);
	psl_bloom[b >> 6] |= 1ull << (b & 63);
}

static void psl_clear(void)
{
	memset(base_cache, 0, sizeof(base_cache));
	memset(psl_bloom, 0, sizeof(psl_bloom));
	memset(psl_slot, 0, sizeof(psl_slot));
	psl_used = 0;
	psl_nrules = 0;
}

static int psl_add(const char *s, size_t n)
{
	int fl = PSL_NORMAL;
	if (n > 2 && s[0] == '*' && s[1] == '.') {
		fl = PSL_WILD;
		s += 2, n -= 2;
	} else if (n > 1 && s[0] == '!') {
		fl = PSL_EXC;
		s++, n--;
	}
	if (n == 0 || n > 255)
		return 0;
	uint32_t h = psl_hash(s, n);
	for (uint32_t i = 0; i < PSL_SLOTS; i++) {
		uint32_t *sl = &psl_slot[(h + i) & (PSL_SLOTS - 1)];
		if (*sl == 0) {
			if (psl_nrules >= PSL_CAP || psl_used + n + 2 > PSL_ARENA)
				return -1;
			*sl = psl_used + 1;
			char *e = psl_arena + psl_used;
			e[0] = (char)fl;
			e[1] = (char)(uint8_t)n;
			for (size_t k = 0; k < n; k++)
				e[2 + k] = (char)lower((unsigned char)s[k]);
			psl_used += (uint32_t)n + 2;
			psl_nrules++;
			bloom_add(h);
			return 0;
		}
		char *e = psl_arena + *sl - 1;
		if ((uint8_t)e[1] == n && psl_eq(e + 2, s, n)) {
			e[0] = (char)(e[0] | fl);
			return 0;
		}
	}
	return -1;
}

static int psl_flags(const char *s, size_t n, uint32_t h)
{
	if (!bloom_has(h))
		return 0;
	for (uint32_t i = 0; i < PSL_SLOTS; i++) {
		uint32_t sl = psl_slot[(h + i) & (PSL_SLOTS - 1)];
		if (sl == 0)
			return 0;
		const char *e = psl_arena + sl - 1;
		if ((uint8_t)e[1] == n && psl_eq(e + 2, s, n))
			return e[0];
	}
	return 0;
}

int nt_psl_load(const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		nt_psl_fallback();
		return -1;
	}
	psl_clear();
	char line[512];
	uint32_t dropped = 0;
	while (fgets(line, sizeof(line), f)) {
		size_t n = 0;
		while (line[n] && line[n] != ' ' && line[n] != '\t' && line[n] != '\n' &&
		       line[n] != '\r')
			n++;
		if (n == 0 || (n >= 2 && line[0] == '/' && line[1] == '/'))
			continue;
		if (psl_add(line, n) < 0)
			dropped++;
	}
	fclose(f);
	if (psl_nrules == 0) {
		nt_psl_fallback();
		return -1;
	}
	psl_full = 1;
	psl_loaded = 1;
	snprintf(psl_src, sizeof(psl_src), "Public Suffix List %.500s%s", path,
		 dropped ? " (truncated: arena full)" : "");
	return 0;
}

/* Common suffixes for captures analysed without the publicsuffix package. */
static const char *const psl_builtin[] = {
	"com", "net", "org", "edu", "gov", "mil", "int", "info", "biz", "io", "co", "me", "tv",
	"cc", "app", "dev", "xyz", "top", "online", "site", "arpa", "in-addr.arpa", "ip6.arpa",
	"uk", "co.uk", "org.uk", "ac.uk", "gov.uk", "de", "fr", "nl", "be", "it", "es", "ch",
	"at", "se", "no", "dk", "fi", "pl", "cz", "eu", "ru", "ua", "cn", "com.cn", "jp",
	"co.jp", "ne.jp", "kr", "co.kr", "au", "com.au", "net.au", "nz", "co.nz", "br",
	"com.br", "in", "co.in", "ca", "us", "mx", "com.mx", "ar", "com.ar", "za", "co.za",
	"tw", "com.tw", "hk", "com.hk", "sg", "com.sg", "example", "test", "local", "invalid",
	"localhost", "cloudfront.net", "amazonaws.com", "azurewebsites.net",
	"blogspot.com", "github.io", "herokuapp.com", "appspot.com",
};

void nt_psl_fallback(void)
{
	psl_clear();
	for (size_t i = 0; i < sizeof(psl_builtin) / sizeof(psl_builtin[0]); i++)
		psl_add(psl_builtin[i], strlen(psl_builtin[i]));
	psl_full = 0;
	psl_loaded = 1;
	snprintf(psl_src, sizeof(psl_src), "built-in list of %u common suffixes (publicsuffix "
		 "package not installed)", psl_nrules);
}

void nt_psl_init(void)
{
	if (psl_loaded)
		return;
	const char *env = getenv("NETTRIAGE_PSL");
	const char *path = env ? env : "/usr/share/publicsuffix/public_suffix_list.dat";
	if (*path == '\0')
		nt_psl_fallback();
	else
		nt_psl_load(path);
}

const char *nt_psl_source(void)
{
	return psl_src;
}

uint32_t nt_psl_rules(void)
{
	return psl_nrules;
}

int nt_psl_is_full(void)
{
	return psl_full;
}



const char *nt_base_domain(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > 0xffff)
		return base_domain(name, len);
	uint64_t h = name_hash(name, len);
	uint32_t slot = (uint32_t)h & (BASE_CACHE - 1);
	if (base_cache[slot].h == h && base_cache[slot].len == len)
		return name + base_cache[slot].off;
	const char *b = base_domain(name, len);
	base_cache[slot].h = h;
	base_cache[slot].len = (uint16_t)len;
	base_cache[slot].off = (uint16_t)(b - name);
	return b;
}

static const char *base_domain(const char *name, size_t len)
{
	if (len && name[len - 1] == '.')
		len--;
	/* one backward pass: the starts of the last PSL_LABELS + 1 suffixes
	 * (st[0] the last label) and their hashes */
	size_t st[PSL_LABELS + 1];
	uint32_t hs[PSL_LABELS + 1];
	uint32_t n = 0, h = 5381;
	size_t i = len;
	while (n < PSL_LABELS + 1) {
		char c = 0;
		while (i > 0 && (c = name[i - 1]) != '.') {
			h = psl_hash_step(h, c);
			i--;
		}
		st[n] = i;
		hs[n++] = h;
		if (i == 0)
			break;
		h = psl_hash_step(h, '.');
		i--;
	}
	if (n <= 2 && i == 0)
		return name; /* one label, or a suffix plus one label, or a suffix */
	/* the prevailing rule, longest suffix first: an exception, a rule, or
	 * a wildcard on the parent; the default rule "*" is the last label */
	uint32_t m = n < PSL_LABELS ? n : PSL_LABELS;
	int fl[PSL_LABELS + 1];
	for (uint32_t k = 0; k < m; k++)
		fl[k] = psl_flags(name + st[k], len - st[k], psl_mix(hs[k]));
	uint32_t reg = 1; /* index of the registered domain in st[] */
	for (uint32_t k = m; k-- > 0;) {
		if (fl[k] & PSL_EXC) {
			reg = k;
			break;
		}
		if (fl[k] & PSL_NORMAL) {
			reg = k + 1;
			break;
		}
		if (k > 0 && (fl[k - 1] & PSL_WILD)) {
			reg = k + 1;
			break;
		}
	}
	return reg < n ? name + st[reg] : name;
}

const char *nt_pkt_base_domain(const struct nt_pkt *pkt)
{
	static const struct nt_pkt *last;
	static uint64_t last_frame;
	static int64_t last_sec;
	static uint32_t last_nsec;
	static const char *base;
	if (pkt != last || pkt->frame != last_frame || pkt->ts_sec != last_sec ||
	    pkt->ts_nsec != last_nsec || base == NULL) {
		last = pkt;
		last_frame = pkt->frame;
		last_sec = pkt->ts_sec;
		last_nsec = pkt->ts_nsec;
		base = nt_base_domain(pkt->dns.qname);
	}
	return base;
}

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

/* ---- bounded keyed tables ---- */

const struct nt_atab *nt_atab_list[NT_ATAB_MAX];
uint32_t nt_atab_count;

int nt_atab_init(struct nt_atab *t, const char *name, size_t esz, uint32_t cap)
{
	uint32_t n = 16;
	while (n < cap)
		n <<= 1;
	if (t->mem == NULL || t->nslot != n || t->esz != esz) {
		free(t->mem);
		t->mem = calloc(n, esz);
		if (t->mem == NULL) {
			t->nslot = 0;
			return -1;
		}
	} else {
		memset(t->mem, 0, (size_t)n * esz);
	}
	t->name = name;
	t->esz = esz;
	t->nslot = n;
	t->used = t->peak = 0;
	t->inserted = t->evicted = 0;
	memset(t->filter, 0, sizeof(t->filter));
	uint32_t i;
	for (i = 0; i < nt_atab_count; i++)
		if (nt_atab_list[i] == t)
			break;
	if (i == nt_atab_count && nt_atab_count < NT_ATAB_MAX)
		nt_atab_list[nt_atab_count++] = t;
	return 0;
}

static struct nt_atab_hdr *slot(struct nt_atab *t, uint32_t i)
{
	return (struct nt_atab_hdr *)(void *)(t->mem + (size_t)(i & (t->nslot - 1)) * t->esz);
}

static uint32_t key_hash(const void *key, size_t klen)
{
	/* eight bytes per step (keys are 17 to 96 bytes) */
	const uint8_t *b = key;
	uint64_t h = 0x9e3779b97f4a7c15ull ^ klen;
	size_t i = 0;
	for (; i + 8 <= klen; i += 8) {
		uint64_t w;
		memcpy(&w, b + i, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdull;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	for (size_t k = 0; i + k < klen; k++)
		w |= (uint64_t)b[i + k] << (8 * k);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
	h ^= h >> 29;
	return (uint32_t)h ^ (uint32_t)(h >> 32);
}

void *nt_atab_find(struct nt_atab *t, const void *key, size_t klen)
{
	if (t->nslot == 0)
		return NULL;
	if (klen > NT_ATAB_KEY)
		klen = NT_ATAB_KEY;
	uint32_t h = key_hash(key, klen);
	uint32_t fb = h % NT_ATAB_FILTER;
	if (!(t->filter[fb >> 6] & (1ull << (fb & 63))))
		return NULL; /* never inserted: skip the probe */
	for (uint32_t i = 0; i < NT_ATAB_PROBE; i++) {
		struct nt_atab_hdr *s = slot(t, h + i);
		if (!s->used)
			return NULL;
		if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0)
			return s;
	}
	return NULL;
}

void *nt_atab_get(struct nt_atab *t, const void *key, size_t klen, int64_t now)
{
	if (t->nslot == 0)
		return NULL;
	if (klen > NT_ATAB_KEY)
		klen = NT_ATAB_KEY;
	uint32_t h = key_hash(key, klen);
	struct nt_atab_hdr *oldest = NULL, *empty = NULL;
	for (uint32_t i = 0; i < NT_ATAB_PROBE; i++) {
		struct nt_atab_hdr *s = slot(t, h + i);
		if (!s->used) {
			empty = s;
			break;
		}
		if (s->hash == h && s->klen == klen && memcmp(s->key, key, klen) == 0) {
			if (now > s->t_last)
				s->t_last = now;
			return s;
		}
		if (oldest == NULL || s->t_last < oldest->t_last)
			oldest = s;
	}
	struct nt_atab_hdr *e = empty;
	if (e == NULL) {
		e = oldest;
		t->evicted++;
	} else if (++t->used > t->peak) {
		t->peak = t->used;
	}
	t->inserted++;
	uint32_t fb = h % NT_ATAB_FILTER;
	t->filter[fb >> 6] |= 1ull << (fb & 63);
	memset(e, 0, t->esz);
	e->used = 1;
	e->hash = h;
	e->klen = (uint8_t)klen;
	e->t_last = now;
	memcpy(e->key, key, klen);
	return e;
}

void *nt_atab_at(struct nt_atab *t, uint32_t i)
{
	if (i >= t->nslot)
		return NULL;
	struct nt_atab_hdr *s = slot(t, i);
	return s->used ? s : NULL;
}

/* ---- findings ---- */

void nt_figure(struct nt_finding *f, const char *name, double v)
{
	uint32_t i;
	for (i = 0; i < f->n_figures; i++)
		if (strcmp(f->figures[i].name, name) == 0)
			break;
	if (i == f->n_figures) {
		if (i >= NT_MAX_FIGURES)
			return;
		f->n_figures++;
		snprintf(f->figures[i].name, sizeof(f->figures[i].name), "%s", name);
	}
	f->figures[i].value = v;
	f->figures[i].text[0] = '\0';
}

void nt_figure_text(struct nt_finding *f, const char *name, const char *text)
{
	nt_figure(f, name, 0);
	for (uint32_t i = 0; i < f->n_figures; i++)
		if (strcmp(f->figures[i].name, name) == 0)
			snprintf(f->figures[i].text, sizeof(f->figures[i].text), "%s",
				 text[0] ? text : "-");
}

int nt_attack_title(const struct nt_finding *f, char *dst, size_t n)
{
	const char *name = f->n_names ? f->names[0] : "?";
	const char *cl = f->n_clients ? f->clients[0] : "?";
	if (strcmp(f->kind, "dns.tunneling") == 0)
		nt_fmt(dst, n, "DNS tunnelling through %s (%s)", f->server, name);
	else if (strcmp(f->kind, "dns.random_subdomain") == 0)
		nt_fmt(dst, n, "Random-subdomain (water torture) attack on %s via %s", name, f->server);
	else if (strcmp(f->kind, "dns.amplification") == 0)
		nt_fmt(dst, n, "DNS amplification toward %s", f->server);
	else if (strcmp(f->kind, "dns.flood") == 0)
		nt_fmt(dst, n, "DNS query flood toward %s", f->server);
	else if (strcmp(f->kind, "icmp.flood") == 0)
		nt_fmt(dst, n, "ICMP echo flood toward %s", f->server);
	else if (strcmp(f->kind, "tcp.syn_flood") == 0)
		nt_fmt(dst, n, "SYN flood toward %s port %d", f->server, f->port);
	else if (strcmp(f->kind, "tcp.port_scan") == 0)
		nt_fmt(dst, n, "Port scan of %s by %s", f->server, cl);
	else if (strcmp(f->kind, "net.host_sweep") == 0)
		nt_fmt(dst, n, "Host sweep of %s by %s", f->server, cl);
	else
		return 0;
	return 1;
}

size_t nt_akey(uint8_t *key, const struct nt_addr *a, const void *more, size_t n)
{
	key[0] = a->family;
	memcpy(key + 1, a->a, 16);
	if (a->family != 6)
		memset(key + 5, 0, 12);
	if (n > NT_ATAB_KEY - 17)
		n = NT_ATAB_KEY - 17;
	if (n)
		memcpy(key + 17, more, n);
	return 17 + n;
}

void nt_finding_drop_cause(struct nt_finding *f, const char *prefix)
{
	size_t pl = strlen(prefix);
	for (uint32_t i = 0; i < f->n_causes; i++)
		if (strncmp(f->causes[i].title, prefix, pl) == 0) {
			memmove(&f->causes[i], &f->causes[i + 1],
				(f->n_causes - i - 1) * sizeof(f->causes[0]));
			f->n_causes--;
			return;
		}
}

void nt_finding_cause_first(struct nt_finding *f, const char *title, const char *fmt, ...)
{
	uint32_t n = f->n_causes < NT_MAX_CAUSES ? f->n_causes : NT_MAX_CAUSES - 1;
	memmove(&f->causes[1], &f->causes[0], n * sizeof(f->causes[0]));
	f->n_causes = n + 1;
	struct nt_cause *c = &f->causes[0];
	snprintf(c->title, sizeof(c->title), "%s", title);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->reasoning, sizeof(c->reasoning), fmt, ap);
	va_end(ap);
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
	if (srcs > f->n_clients)
		f->clients_more = (uint32_t)(srcs - f->n_clients);
	for (uint32_t k = 0; k < a->n_snap; k++)
		nt_finding_evidence(f, &a->snap[k]);
	nt_figure(f, "peak_per_s", rt->peak);
	nt_figure(f, "mean_in_flood_per_s", *mean);
	nt_figure(f, "baseline_per_s", rt->base_at_peak);
	return srcs;
}
