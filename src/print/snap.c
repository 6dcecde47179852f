/* \summary: a snapshot printed as its tcpdump line (print/snap.h). */
#include "print/snap.h"

#include <string.h>

#include "core/out.h"
#include "print/print.h"

#define NS 1000000000LL

void nt_snap_render(const struct nt_snap *s, char *dst, size_t dstlen)
{
	if (dstlen == 0)
		return;
	dst[0] = '\0';
	if (s->len == 0)
		return;
	if (s->is_text) {
		size_t n = s->len < dstlen - 1 ? s->len : dstlen - 1;
		size_t j = 0;
		for (size_t i = 0; i < n; i++) {
			char c = (char)s->data[i];
			if (c == '\n' || c == '\r' || c == '\t')
				c = ' ';
			dst[j++] = c;
		}
		dst[j] = '\0';
		return;
	}
	struct nt_out o;
	if (nt_out_mem(&o, 4096) < 0)
		return;
	struct nt_print_opts po;
	memset(&po, 0, sizeof(po));
	po.utc = 1;
	struct nt_printer pr;
	nt_printer_init(&pr, &po, &o, s->dlt, 0);
	int64_t sec = s->t / NS;
	uint32_t usec = (uint32_t)((s->t % NS) / 1000);
	/* The snapshot may hold fewer bytes than were captured. */
	nt_print_packet(&pr, sec, usec, s->data, s->len, s->wirelen ? s->wirelen : s->len);
	const char *str = nt_out_str(&o);
	size_t j = 0;
	for (size_t i = 0; str && str[i] && j + 1 < dstlen; i++) {
		char c = str[i];
		if (c == '\n') {
			/* -v continuation lines are joined with one space */
			if (str[i + 1] == '\0')
				break;
			c = ' ';
		}
		if (c == '\t')
			c = ' ';
		if (c == ' ' && j > 0 && dst[j - 1] == ' ')
			continue;
		dst[j++] = c;
	}
	dst[j] = '\0';
	nt_out_close(&o);
}
