/* \summary: the report model: finding lookup and merging, bounded client,
 * name and evidence lists, ordering, and time/duration formatting shared
 * by the renderers. */
#include "report/model.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "core/hash.h"
#include "print/snap.h"

#define NS 1000000000LL

struct nt_report *nt_report_new(void)
{
	struct nt_report *r = calloc(1, sizeof(struct nt_report));
	if (r != NULL)
		r->command = "analyze";
	return r;
}

void nt_report_free(struct nt_report *r)
{
	free(r);
}

/* FNV-1a of what identifies a finding. */
static uint32_t finding_key(const char *kind, const char *server, int port, const char *transport)
{
	uint32_t h = nt_hash_str(nt_hash_str(nt_hash_str(NT_FNV_SEED, kind), server), transport);
	return (h ^ (uint32_t)port) * NT_FNV_PRIME;
}

struct nt_finding *nt_report_find(struct nt_report *r, const char *kind, const char *server,
				  int port, const char *transport)
{
	/* Called for nearly every event: compare the keys first, and the
	 * findings (several KiB each) only when a key matches. */
	uint32_t key = finding_key(kind, server, port, transport);
	for (uint32_t i = 0; i < r->n_findings; i++) {
		if (r->finding_key[i] != key)
			continue;
		struct nt_finding *f = &r->findings[i];
		if (f->port == port && strcmp(f->kind, kind) == 0 && strcmp(f->server, server) == 0 &&
		    strcmp(f->transport, transport) == 0)
			return f;
	}
	return NULL;
}

struct nt_finding *nt_report_finding(struct nt_report *r, const char *kind, const char *server,
				     int port, const char *transport)
{
	struct nt_finding *f = nt_report_find(r, kind, server, port, transport);
	if (f != NULL)
		return f;
	if (r->n_findings >= NT_MAX_FINDINGS) {
		r->findings_dropped++;
		return NULL;
	}
	f = &r->findings[r->n_findings++];
	memset(f, 0, sizeof(*f));
	snprintf(f->kind, sizeof(f->kind), "%s", kind);
	snprintf(f->server, sizeof(f->server), "%s", server);
	snprintf(f->transport, sizeof(f->transport), "%s", transport);
	f->port = port;
	f->det = -1;
	r->finding_key[r->n_findings - 1] = finding_key(f->kind, f->server, f->port, f->transport);
	return f;
}

void nt_report_remove(struct nt_report *r, struct nt_finding *f)
{
	size_t i = (size_t)(f - r->findings);
	size_t rest = r->n_findings - i - 1;
	memmove(&r->findings[i], &r->findings[i + 1], rest * sizeof(r->findings[0]));
	memmove(&r->finding_key[i], &r->finding_key[i + 1], rest * sizeof(r->finding_key[0]));
	r->n_findings--;
}

void nt_finding_add_client(struct nt_finding *f, const char *client)
{
	for (uint32_t i = 0; i < f->n_clients; i++)
		if (strcmp(f->clients[i], client) == 0)
			return;
	if (f->n_clients >= NT_MAX_CLIENTS) {
		f->clients_more++;
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
		f->names_more++;
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
		if (f->evidence[i].frame == s->frame && f->evidence[i].input == s->input)
			return;
	if (f->n_evidence >= NT_MAX_EVIDENCE) {
		f->evidence_dropped++;
		return;
	}
	struct nt_evidence *ev = &f->evidence[f->n_evidence++];
	ev->frame = s->frame;
	ev->line = s->line;
	ev->t = s->t;
	ev->input = s->input;
	nt_snap_render(s, ev->text, sizeof(ev->text));
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
	f->clients_more += g->clients_more;
	for (uint32_t i = 0; i < g->n_names; i++)
		nt_finding_add_name(f, g->names[i]);
	f->names_more += g->names_more;
	nt_finding_copy_evidence(f, g);
}

void nt_finding_copy_evidence(struct nt_finding *f, const struct nt_finding *g)
{
	f->evidence_dropped += g->evidence_dropped;
	for (uint32_t i = 0; i < g->n_evidence; i++) {
		const struct nt_evidence *e = &g->evidence[i];
		uint32_t k;
		for (k = 0; k < f->n_evidence; k++)
			if (f->evidence[k].frame == e->frame && f->evidence[k].input == e->input)
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
			if (f->evidence[k].t > f->evidence[last].t)
				last = k;
		if (e->t < f->evidence[last].t)
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
	const struct nt_evidence *x = a, *y = b;
	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	if (x->input != y->input)
		return x->input - y->input;
	return x->frame < y->frame ? -1 : x->frame > y->frame;
}

void nt_report_sort(struct nt_report *r)
{
	for (uint32_t i = 0; i < r->n_findings; i++)
		qsort(r->findings[i].evidence, r->findings[i].n_evidence, sizeof(struct nt_evidence),
		      cmp_evidence);
	qsort(r->findings, r->n_findings, sizeof(r->findings[0]), cmp_finding);
	for (uint32_t i = 0; i < r->n_findings; i++) {
		const struct nt_finding *f = &r->findings[i];
		r->finding_key[i] = finding_key(f->kind, f->server, f->port, f->transport);
	}
}

const char *nt_severity_name(int sev)
{
	static const char *const n[] = {"info", "low", "medium", "high", "critical"};
	return sev >= 0 && sev <= NT_SEV_CRITICAL ? n[sev] : "info";
}
