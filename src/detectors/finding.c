/* \summary: findings and the bounded table of a run's findings: lookup
 * by key, merging, bounded client/name/evidence lists, ordering
 * (detectors/finding.h). */
#include "detectors/finding.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <math.h>

#include "core/hash.h"

void nt_findings_clear(struct nt_findings *fs)
{
	fs->n_findings = 0;
	fs->findings_dropped = 0;
}

/* FNV-1a of what identifies a finding. */
static uint32_t finding_key(const char *kind, const char *server, int port, const char *transport)
{
	uint32_t h = nt_hash_str(nt_hash_str(nt_hash_str(NT_FNV_SEED, kind), server), transport);
	return (h ^ (uint32_t)port) * NT_FNV_PRIME;
}

struct nt_finding *nt_findings_find(struct nt_findings *fs, const char *kind, const char *server,
				    int port, const char *transport)
{
	/* Called for nearly every event: compare the keys first, and the
	 * findings (several KiB each) only when a key matches. */
	uint32_t key = finding_key(kind, server, port, transport);
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		if (fs->finding_key[i] != key)
			continue;
		struct nt_finding *f = &fs->findings[i];
		if (f->port == port && strcmp(f->kind, kind) == 0 && strcmp(f->server, server) == 0 &&
		    strcmp(f->transport, transport) == 0)
			return f;
	}
	return NULL;
}

struct nt_finding *nt_findings_get(struct nt_findings *fs, const char *kind, const char *server,
				   int port, const char *transport)
{
	struct nt_finding *f = nt_findings_find(fs, kind, server, port, transport);
	if (f != NULL)
		return f;
	if (fs->n_findings >= NT_MAX_FINDINGS) {
		fs->findings_dropped++;
		return NULL;
	}
	f = &fs->findings[fs->n_findings++];
	memset(f, 0, sizeof(*f));
	snprintf(f->kind, sizeof(f->kind), "%s", kind);
	snprintf(f->server, sizeof(f->server), "%s", server);
	snprintf(f->transport, sizeof(f->transport), "%s", transport);
	f->port = port;
	f->owner = NULL;
	fs->finding_key[fs->n_findings - 1] = finding_key(f->kind, f->server, f->port, f->transport);
	return f;
}

void nt_findings_remove(struct nt_findings *fs, struct nt_finding *f)
{
	size_t i = (size_t)(f - fs->findings);
	size_t rest = fs->n_findings - i - 1;
	memmove(&fs->findings[i], &fs->findings[i + 1], rest * sizeof(fs->findings[0]));
	memmove(&fs->finding_key[i], &fs->finding_key[i + 1], rest * sizeof(fs->finding_key[0]));
	fs->n_findings--;
}

static uint32_t str_hash(const char *s, size_t n, int fold_case)
{
	uint32_t h = NT_FNV_SEED;
	for (size_t i = 0; i < n && s[i]; i++)
		h = nt_fnv_byte(h, (uint8_t)(fold_case ? tolower((unsigned char)s[i]) : s[i]));
	h ^= h >> 15;
	h *= 0x2c1b3c6du;
	h ^= h >> 12;
	return h;
}

static void distinct_add(struct nt_distinct *d, uint32_t h)
{
	d->adds++;
	d->bits[(h & 511) >> 6] |= 1ull << (h & 63);
	/* register: the top 7 bits; rank: the first set bit of bits 9..24 */
	uint32_t w = (h >> 9) & 0xffff;
	uint8_t rank = (uint8_t)(w ? __builtin_ctz(w) + 1 : 17);
	uint8_t *r = &d->reg[h >> 25];
	if (rank > *r) {
		d->hdrop += 1.0 / (double)(1u << *r) - 1.0 / (double)(1u << rank);
		*r = rank;
	}
	if (d->over)
		return;
	for (uint32_t i = 0; i < d->n_exact; i++)
		if (d->h[i] == h)
			return;
	if (d->n_exact < NT_DISTINCT_EXACT)
		d->h[d->n_exact++] = h;
	else
		d->over = 1;
}

uint32_t nt_distinct_count(const struct nt_distinct *d)
{
	if (!d->over)
		return d->n_exact;
	unsigned set = 0;
	for (int i = 0; i < 8; i++)
		set += (unsigned)__builtin_popcountll(d->bits[i]);
	double est;
	if (set * 10 < 512 * 7) {
		est = -512.0 * log((double)(512 - set) / 512.0);
	} else {
		double m = NT_DISTINCT_REGS, sum = m - d->hdrop;
		est = 0.7213 / (1 + 1.079 / m) * m * m / sum;
	}
	if (est > (double)d->adds)
		est = (double)d->adds;
	uint32_t n = est >= 4e9 ? 4000000000u : (uint32_t)(est + 0.5);
	return n > NT_DISTINCT_EXACT ? n : NT_DISTINCT_EXACT + 1;
}

static void distinct_merge(struct nt_distinct *d, const struct nt_distinct *g)
{
	for (uint32_t i = 0; i < g->n_exact; i++)
		distinct_add(d, g->h[i]);
	for (int i = 0; i < 8; i++)
		d->bits[i] |= g->bits[i];
	for (int i = 0; i < NT_DISTINCT_REGS; i++)
		if (g->reg[i] > d->reg[i]) {
			d->hdrop += 1.0 / (double)(1u << d->reg[i]) - 1.0 / (double)(1u << g->reg[i]);
			d->reg[i] = g->reg[i];
		}
	if (g->over) {
		d->over = 1;
		d->adds += g->adds - g->n_exact; /* the exact ones were added above */
	}
}

void nt_finding_add_client(struct nt_finding *f, const char *client)
{
	for (uint32_t i = 0; i < f->n_clients; i++)
		if (strcmp(f->clients[i], client) == 0)
			return;
	if (f->n_clients >= NT_MAX_CLIENTS) {
		distinct_add(&f->more_clients, str_hash(client, SIZE_MAX, 0));
		f->clients_more = nt_distinct_count(&f->more_clients);
		f->clients_more_est = f->more_clients.over;
		return;
	}
	snprintf(f->clients[f->n_clients++], sizeof(f->clients[0]), "%s", client);
}

void nt_finding_add_name(struct nt_finding *f, const char *name)
{
	if (name == NULL || name[0] == '\0')
		return;
	size_t n = strlen(name);
	if (n > 1 && name[n - 1] == '.')
		n--;
	for (uint32_t i = 0; i < f->n_names; i++)
		if (strncasecmp(f->names[i], name, n) == 0 && f->names[i][n] == '\0')
			return;
	if (f->n_names >= NT_MAX_NAMES) {
		distinct_add(&f->more_names, str_hash(name, n, 1));
		f->names_more = nt_distinct_count(&f->more_names);
		f->names_more_est = f->more_names.over;
		return;
	}
	snprintf(f->names[f->n_names++], sizeof(f->names[0]), "%.*s", (int)n, name);
}

void nt_finding_seen(struct nt_finding *f, int64_t t)
{
	if (f->count == 0 || t < f->first_seen)
		f->first_seen = t;
	if (f->count == 0 || t > f->last_seen)
		f->last_seen = t;
	f->count++;
}

void nt_finding_evidence(struct nt_finding *f, const struct nt_snap *s)
{
	if (s == NULL || s->len == 0)
		return;
	for (uint32_t i = 0; i < f->n_evidence; i++)
		if (f->evidence[i].snap.frame == s->frame && f->evidence[i].snap.input == s->input)
			return;
	if (f->n_evidence >= NT_MAX_EVIDENCE) {
		f->evidence_dropped++;
		return;
	}
	f->evidence[f->n_evidence++].snap = *s;
}

void nt_finding_absorb(struct nt_finding *f, const struct nt_finding *g)
{
	if (g->count && (f->count == 0 || g->first_seen < f->first_seen))
		f->first_seen = g->first_seen;
	if (g->count && (f->count == 0 || g->last_seen > f->last_seen))
		f->last_seen = g->last_seen;
	f->count += g->count;
	for (uint32_t i = 0; i < g->n_clients; i++)
		nt_finding_add_client(f, g->clients[i]);
	for (uint32_t i = 0; i < g->n_names; i++)
		nt_finding_add_name(f, g->names[i]);
	/* g's own overflow: merged when it counted it, else added (which may
	 * count one twice: an estimate) */
	if (g->more_clients.n_exact || g->more_clients.over) {
		distinct_merge(&f->more_clients, &g->more_clients);
		f->clients_more = nt_distinct_count(&f->more_clients);
		f->clients_more_est |= f->more_clients.over;
	} else if (g->clients_more) {
		f->clients_more += g->clients_more;
		f->clients_more_est = 1;
	}
	if (g->more_names.n_exact || g->more_names.over) {
		distinct_merge(&f->more_names, &g->more_names);
		f->names_more = nt_distinct_count(&f->more_names);
		f->names_more_est |= f->more_names.over;
	} else if (g->names_more) {
		f->names_more += g->names_more;
		f->names_more_est = 1;
	}
	nt_finding_copy_evidence(f, g);
}

void nt_finding_copy_evidence(struct nt_finding *f, const struct nt_finding *g)
{
	f->evidence_dropped += g->evidence_dropped;
	for (uint32_t i = 0; i < g->n_evidence; i++) {
		const struct nt_evidence *e = &g->evidence[i];
		uint32_t k;
		for (k = 0; k < f->n_evidence; k++)
			if (f->evidence[k].snap.frame == e->snap.frame &&
			    f->evidence[k].snap.input == e->snap.input)
				break;
		if (k < f->n_evidence)
			continue;
		if (f->n_evidence < NT_MAX_EVIDENCE) {
			f->evidence[f->n_evidence++] = *e;
			continue;
		}
		/* full: keep the earliest lines, where the trouble began */
		f->evidence_dropped++;
		uint32_t last = 0;
		for (k = 1; k < f->n_evidence; k++)
			if (f->evidence[k].snap.t > f->evidence[last].snap.t)
				last = k;
		if (e->snap.t < f->evidence[last].snap.t)
			f->evidence[last] = *e;
	}
}

void nt_finding_cause(struct nt_finding *f, const char *title, const char *fmt, ...)
{
	if (f->n_causes >= NT_MAX_CAUSES)
		return;
	struct nt_cause *c = &f->causes[f->n_causes++];
	snprintf(c->title, sizeof(c->title), "%s", title);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->reasoning, sizeof(c->reasoning), fmt, ap);
	va_end(ap);
}

void nt_finding_step(struct nt_finding *f, const char *fmt, ...)
{
	if (f->n_steps >= NT_MAX_STEPS)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(f->steps[f->n_steps++], sizeof(f->steps[0]), fmt, ap);
	va_end(ap);
}

static int cmp_finding(const void *a, const void *b)
{
	const struct nt_finding *x = a, *y = b;
	if (x->severity != y->severity)
		return y->severity - x->severity;
	if (x->first_seen != y->first_seen)
		return x->first_seen < y->first_seen ? -1 : 1;
	return strcmp(x->kind, y->kind);
}

static int cmp_evidence(const void *a, const void *b)
{
	const struct nt_snap *x = &((const struct nt_evidence *)a)->snap;
	const struct nt_snap *y = &((const struct nt_evidence *)b)->snap;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->input != y->input)
		return x->input - y->input;
	return x->frame < y->frame ? -1 : x->frame > y->frame;
}

void nt_findings_sort(struct nt_findings *fs)
{
	for (uint32_t i = 0; i < fs->n_findings; i++)
		qsort(fs->findings[i].evidence, fs->findings[i].n_evidence, sizeof(struct nt_evidence),
		      cmp_evidence);
	qsort(fs->findings, fs->n_findings, sizeof(fs->findings[0]), cmp_finding);
	for (uint32_t i = 0; i < fs->n_findings; i++) {
		const struct nt_finding *f = &fs->findings[i];
		fs->finding_key[i] = finding_key(f->kind, f->server, f->port, f->transport);
	}
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

const char *nt_severity_name(int sev)
{
	static const char *const n[] = {"info", "low", "medium", "high", "critical"};
	return sev >= 0 && sev <= NT_SEV_CRITICAL ? n[sev] : "info";
}
