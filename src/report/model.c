/* \summary: the report model: created once, filled at the end of a run
 * from the engine, the detectors and their findings (report/model.h). */
#include "report/model.h"

#include <stdlib.h>
#include <string.h>

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

static void add_table(struct nt_report *r, const char *name, const struct nt_table_stats *st)
{
	if (r->n_tables >= NT_REPORT_MAX_TABLES)
		return;
	r->tables[r->n_tables].name = name;
	r->tables[r->n_tables].st = *st;
	r->n_tables++;
}

void nt_report_collect(struct nt_report *r, const struct nt_engine *e,
		       const struct nt_detectors *d, const struct nt_findings *fs)
{
	r->packets = e->packets;
	r->have_time = (uint8_t)e->have_time;
	r->start = e->start;
	r->end = e->end;
	r->no_date = (uint8_t)e->no_date;
	memcpy(r->proto, e->proto, sizeof(r->proto));
	r->dns = e->dns;
	r->tcp = e->tcp;
	r->icmp_errors = e->icmp_errors;
	r->icmp_unlinked = e->icmp_unlinked;
	r->ip_reasm = e->rs.ip.s;
	r->tcp_dns = e->rs.tcp.s;
	r->n_tables = 0;
	for (int i = 0; i < NT_TB_COUNT; i++)
		add_table(r, nt_engine_tables[i].name, &e->tb[i]);
	r->n_engine_tables = r->n_tables;
	for (size_t i = 0; d && i < nt_detectors_n_tables(d); i++) {
		struct nt_det_table_info t = nt_detectors_table(d, i);
		add_table(r, t.name, &t.st);
	}
	r->n_findings = fs ? fs->n_findings : 0;
	r->findings_dropped = fs ? fs->findings_dropped : 0;
	r->findings = fs ? fs->findings : NULL;
}
