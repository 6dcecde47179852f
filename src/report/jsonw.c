/* \summary: the finding object and the small JSON values shared by the
 * json and jsonl renderers (see jsonw.h). */
#include "report/jsonw.h"

#include <stddef.h>

#include "report/sections.h"

const struct nt_json_layout nt_json_indented = {
	.open = "    {\n",
	.close = "\n    }",
	.key_first = "      \"",
	.key_next = ",\n      \"",
	.key_end = "\": ",
	.colon = ": ",
	.sep = ", ",
	.item_first = "\n        ",
	.item_next = ",\n        ",
	.items_end = "\n      ]",
};

const struct nt_json_layout nt_json_compact = {
	.open = "{\"event\":\"finding\"",
	.close = "}",
	/* after "event", every member follows another */
	.key_first = ",\"",
	.key_next = ",\"",
	.key_end = "\":",
	.colon = ":",
	.sep = ",",
	.item_first = "",
	.item_next = ",",
	.items_end = "]",
};

void nt_json_string(struct nt_out *o, const char *s)
{
	nt_out_putc(o, '"');
	nt_out_json_str(o, s);
	nt_out_putc(o, '"');
}

void nt_json_time(struct nt_out *o, const struct nt_report *r, int64_t t)
{
	char b[64];
	nt_json_string(o, nt_fmt_time(b, sizeof(b), t, r->no_date));
}

/* A member of the finding object after the first. */
static void member(struct nt_out *o, const struct nt_json_layout *l, const char *name)
{
	nt_out_puts(o, l->key_next);
	nt_out_puts(o, name);
	nt_out_puts(o, l->key_end);
}

/* A member of an inner object, after another unless it is the first. */
static void inner(struct nt_out *o, const struct nt_json_layout *l, int first, const char *name)
{
	if (!first)
		nt_out_puts(o, l->sep);
	nt_json_string(o, name);
	nt_out_puts(o, l->colon);
}

static void string_member(struct nt_out *o, const struct nt_json_layout *l, const char *name,
			  const char *s)
{
	member(o, l, name);
	nt_json_string(o, s);
}

static void count_member(struct nt_out *o, const struct nt_json_layout *l, const char *name,
			 uint64_t v)
{
	member(o, l, name);
	nt_out_u(o, v);
}

/* n strings stride bytes apart (the rows of a char[][] table). */
static void string_array(struct nt_out *o, const struct nt_json_layout *l, const char *v,
			 size_t stride, uint32_t n)
{
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < n; i++) {
		if (i)
			nt_out_puts(o, l->sep);
		nt_json_string(o, v + i * stride);
	}
	nt_out_putc(o, ']');
}

/* Evidence, causes and steps: one element a line when indented. */
static void item(struct nt_out *o, const struct nt_json_layout *l, uint32_t i)
{
	nt_out_puts(o, i ? l->item_next : l->item_first);
}

static void items_end(struct nt_out *o, const struct nt_json_layout *l, uint32_t n)
{
	nt_out_puts(o, n ? l->items_end : "]");
}

static void evidence(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f,
		     const struct nt_json_layout *l)
{
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_evidence; i++) {
		const struct nt_snap *ev = &f->evidence[i].snap;
		char line[NT_EVLINE_MAX];
		item(o, l, i);
		nt_out_putc(o, '{');
		inner(o, l, 1, "frame");
		nt_out_u(o, ev->frame);
		/* which input, only where there is a choice */
		if (r->n_inputs > 1) {
			inner(o, l, 0, "input");
			nt_out_u(o, ev->input);
		}
		if (ev->line) {
			inner(o, l, 0, "line_no");
			nt_out_u(o, ev->line);
		}
		inner(o, l, 0, "time");
		nt_json_time(o, r, ev->t);
		inner(o, l, 0, "line");
		nt_json_string(o, nt_evidence_line(&f->evidence[i], line, sizeof(line)));
		nt_out_putc(o, '}');
	}
	items_end(o, l, f->n_evidence);
}

static void causes(struct nt_out *o, const struct nt_finding *f, const struct nt_json_layout *l)
{
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_causes; i++) {
		item(o, l, i);
		nt_out_putc(o, '{');
		inner(o, l, 1, "rank");
		nt_out_u(o, i + 1);
		inner(o, l, 0, "cause");
		nt_json_string(o, f->causes[i].title);
		inner(o, l, 0, "reasoning");
		nt_json_string(o, f->causes[i].reasoning);
		nt_out_putc(o, '}');
	}
	items_end(o, l, f->n_causes);
}

/* The measured figures, and the rate series among them when there is one. */
static void figures(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f,
		    const struct nt_json_layout *l)
{
	nt_out_putc(o, '{');
	for (uint32_t i = 0; i < f->n_figures; i++) {
		inner(o, l, i == 0, f->figures[i].name);
		if (f->figures[i].text[0])
			nt_json_string(o, f->figures[i].text);
		else
			nt_out_printf(o, "%.10g", f->figures[i].value);
	}
	if (f->series.n) {
		inner(o, l, f->n_figures == 0, "rate_series");
		nt_out_putc(o, '{');
		inner(o, l, 1, "what");
		nt_json_string(o, f->series.what);
		inner(o, l, 0, "start");
		nt_json_time(o, r, f->series.start);
		inner(o, l, 0, "step_s");
		nt_out_u(o, f->series.step_s);
		inner(o, l, 0, "counts");
		nt_out_putc(o, '[');
		for (uint32_t i = 0; i < f->series.n; i++)
			nt_out_printf(o, "%s%u", i ? l->sep : "", f->series.counts[i]);
		nt_out_puts(o, "]}");
	}
	nt_out_putc(o, '}');
}

static void steps(struct nt_out *o, const struct nt_finding *f, const struct nt_json_layout *l)
{
	nt_out_putc(o, '[');
	for (uint32_t i = 0; i < f->n_steps; i++) {
		item(o, l, i);
		nt_json_string(o, f->steps[i]);
	}
	items_end(o, l, f->n_steps);
}

void nt_json_finding(struct nt_out *o, const struct nt_report *r, const struct nt_finding *f,
		     const struct nt_json_layout *l)
{
	nt_out_printf(o, "%s%skind%s", l->open, l->key_first, l->key_end);
	nt_json_string(o, f->kind);
	string_member(o, l, "severity", nt_severity_name(f->severity));
	string_member(o, l, "protocol", f->protocol);
	string_member(o, l, "transport", f->transport);
	member(o, l, "port");
	if (f->port >= 0)
		nt_out_i(o, f->port);
	else
		nt_out_puts(o, "null");
	string_member(o, l, "server", f->server);
	member(o, l, "clients");
	string_array(o, l, f->clients[0], sizeof(f->clients[0]), f->n_clients);
	count_member(o, l, "clients_omitted", f->clients_more);
	count_member(o, l, "count", f->count);
	member(o, l, "names");
	string_array(o, l, f->names[0], sizeof(f->names[0]), f->n_names);
	count_member(o, l, "names_omitted", f->names_more);
	member(o, l, "first_seen");
	nt_json_time(o, r, f->first_seen);
	member(o, l, "last_seen");
	nt_json_time(o, r, f->last_seen);
	string_member(o, l, "summary", f->summary);
	string_member(o, l, "analysis", f->analysis);
	string_member(o, l, "impact", f->impact);
	member(o, l, "evidence");
	evidence(o, r, f, l);
	count_member(o, l, "evidence_omitted", f->evidence_dropped);
	member(o, l, "causes");
	causes(o, f, l);
	member(o, l, "figures");
	figures(o, r, f, l);
	member(o, l, "next_steps");
	steps(o, f, l);
	nt_out_puts(o, l->close);
}
