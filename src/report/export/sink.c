/* \summary: the JSONL text sink: writes each event line, newline-ended,
 * through the bounded output buffer (standard output or the -o file). */
#include "report/export/sink.h"

static int out_write(struct nt_sink *s, const char *line, size_t len, const char *key)
{
	struct nt_sink_out *so = (struct nt_sink_out *)s;
	(void)key;
	nt_out_write(so->o, line, len);
	nt_out_putc(so->o, '\n');
	return so->o->ioerr ? -1 : 0;
}

void nt_sink_out_init(struct nt_sink_out *s, struct nt_out *o)
{
	s->base.write = out_write;
	s->o = o;
}
