/* \summary: what the DNS attack detectors measure on names: entropy and
 * consonant runs, and the registered domain from the Public Suffix List
 * held in a fixed arena with an open-addressing index (or a built-in
 * fallback list) (detectors/names.h). */
#include "detectors/names.h"

#include <math.h>
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

int nt_name_sep(const char *name, size_t i)
{
	if (name[i] != '.')
		return 0;
	size_t k = i;
	while (k > 0 && name[k - 1] == '\\')
		k--;
	return (i - k) % 2 == 0;
}

size_t nt_label_len(const char *name)
{
	size_t i = 0;
	while (name[i] != '\0' && !(name[i] == '.' && nt_name_sep(name, i)))
		i++;
	return i;
}

static const char *base_domain(const char *name, size_t len)
{
	if (len && nt_name_sep(name, len - 1))
		len--;
	/* one backward pass: the starts of the last PSL_LABELS + 1 suffixes
	 * (st[0] the last label) and their hashes */
	size_t st[PSL_LABELS + 1];
	uint32_t hs[PSL_LABELS + 1];
	uint32_t n = 0, h = 5381;
	size_t i = len;
	while (n < PSL_LABELS + 1) {
		char c = 0;
		while (i > 0 && !nt_name_sep(name, i - 1)) {
			c = name[i - 1];
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
