/* \summary: one run of every detector (detectors/runner.h). */
#include "detectors/runner.h"

#include <stdlib.h>
#include <string.h>

#include "core/ktab.h"

struct slot {
	const struct nt_detector *det;
	void *state;
};

struct nt_detectors {
	struct nt_findings *fs;
	struct slot slot[32];
	size_t n;
	/* the detectors that take packets / events, in table order */
	struct slot *pkt[32], *ev[32];
	size_t n_pkt, n_ev;
	int finished;
};

static struct nt_ktab *table_of(const struct slot *s, size_t k)
{
	return (struct nt_ktab *)(void *)((char *)s->state + s->det->tables[k].offset);
}

struct nt_detectors *nt_detectors_new(struct nt_findings *fs, struct nt_error *err)
{
	struct nt_detectors *d = calloc(1, sizeof(*d));
	if (d == NULL || nt_n_detectors > NT_NELEM(d->slot)) {
		free(d);
		nt_error_set(err, NT_ENOMEM, "out of memory (detectors)");
		return NULL;
	}
	d->fs = fs;
	nt_findings_clear(fs);
	for (size_t i = 0; i < nt_n_detectors; i++) {
		const struct nt_detector *det = nt_detectors[i];
		struct slot *s = &d->slot[d->n];
		s->det = det;
		if (det->state_size && (s->state = calloc(1, det->state_size)) == NULL)
			goto nomem;
		d->n++;
		for (size_t k = 0; k < det->n_tables; k++) {
			const struct nt_table_desc *t = &det->tables[k];
			const struct nt_param_group g = {det->name, det->params, det->n_params};
			const struct nt_param *cap = nt_param_lookup(&g, 1, t->cap_param);
			if (s->state == NULL || cap == NULL) {
				nt_detectors_free(d);
				nt_error_set(err, NT_EUSAGE, "detector %s: table %s has no state or no "
					     "capacity parameter %s", det->name, t->name, t->cap_param);
				return NULL;
			}
			if (nt_ktab_init(table_of(s, k), t->entry_size, (uint32_t)cap->value) < 0)
				goto nomem;
		}
		if (det->init && det->init(s->state) < 0)
			goto nomem;
		if (det->on_packet)
			d->pkt[d->n_pkt++] = s;
		if (det->on_event)
			d->ev[d->n_ev++] = s;
	}
	return d;
nomem:
	nt_detectors_free(d);
	nt_error_set(err, NT_ENOMEM, "out of memory (detector state tables)");
	return NULL;
}

static void on_packet(void *ctx, const struct nt_engine *e, const struct nt_pkt *pkt,
		      const struct nt_raw *raw)
{
	struct nt_detectors *d = ctx;
	if (pkt->l3 != 4 && pkt->l3 != 6)
		return;
	for (size_t i = 0; i < d->n_pkt; i++)
		d->pkt[i]->det->on_packet(d->pkt[i]->state, d->fs, e, pkt, raw);
}

static void on_event(void *ctx, const struct nt_engine *e, const struct nt_event *ev)
{
	struct nt_detectors *d = ctx;
	for (size_t i = 0; i < d->n_ev; i++)
		d->ev[i]->det->on_event(d->ev[i]->state, d->fs, e, ev);
}

static void on_finish(void *ctx, const struct nt_engine *e)
{
	struct nt_detectors *d = ctx;
	if (d->finished)
		return;
	d->finished = 1;
	for (size_t i = 0; i < d->n; i++)
		if (d->slot[i].det->finish)
			d->slot[i].det->finish(d->slot[i].state, d->fs, e);
	nt_findings_sort(d->fs);
}

struct nt_listener nt_detectors_listener(struct nt_detectors *d)
{
	return (struct nt_listener){.on_packet = on_packet, .on_event = on_event,
				    .on_finish = on_finish, .ctx = d};
}

size_t nt_detectors_n_tables(const struct nt_detectors *d)
{
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		n += d->slot[i].det->n_tables;
	return n;
}

struct nt_det_table_info nt_detectors_table(const struct nt_detectors *d, size_t i)
{
	for (size_t k = 0; k < d->n; k++) {
		const struct slot *s = &d->slot[k];
		if (i < s->det->n_tables)
			return (struct nt_det_table_info){s->det->tables[i].name, table_of(s, i)->st};
		i -= s->det->n_tables;
	}
	return (struct nt_det_table_info){"?", {0, 0, 0, 0, 0}};
}

void nt_detectors_free(struct nt_detectors *d)
{
	if (d == NULL)
		return;
	for (size_t i = 0; i < d->n; i++) {
		struct slot *s = &d->slot[i];
		if (s->det->release)
			s->det->release(s->state);
		for (size_t k = 0; s->state && k < s->det->n_tables; k++)
			nt_ktab_free(table_of(s, k));
		free(s->state);
	}
	free(d);
}
