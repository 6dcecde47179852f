/* \summary: BSD syslog printer (RFC 3164; RFC 5424 messages are shown
 * the same way), as tcpdump 4.99.3 prints them.
 *
 * | '<' | PRI: 1-3 decimal digits | '>' | message text ... |
 *
 * PRI = facility * 8 + severity.  tcpdump reads the facility as bits
 * 3-9 of PRI (so values above 23 print as "unknown (N)"), prints the
 * text at -v with its fn_print escaping ("^X", "M-"), and adds a hex
 * dump of the whole message at -vv.
 */
#include "print/print.h"

static const char *const severity_names[8] = {
	"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug",
};

static const char *const facility_names[24] = {
	"kernel", "user", "mail", "daemon", "auth", "syslog", "lpr", "news",
	"uucp", "cron", "authpriv", "ftp", "ntp", "security", "console", "cron",
	"local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
};

static void facility(struct nt_out *o, unsigned f)
{
	if (f < 24) {
		nt_out_puts(o, facility_names[f]);
	} else {
		nt_out_puts(o, "unknown (");
		nt_out_u(o, f);
		nt_out_putc(o, ')');
	}
}

static int syslog_trunc(struct nt_printer *pr)
{
	nt_print_trunc(pr, "syslog");
	return NT_PRINT_TRUNC;
}

int nt_print_syslog(struct nt_printer *pr, struct nt_cur *c, uint32_t length)
{
	struct nt_out *o = pr->out;
	const struct nt_cur msg = *c;
	uint32_t off = 0;
	unsigned pri = 0;
	int ch = nt_u8(c);
	if (c->err)
		return syslog_trunc(pr);
	if (ch != '<') {
		nt_out_puts(o, " (invalid)");
		return NT_PRINT_OK;
	}
	off++;
	for (;;) {
		ch = nt_u8(c);
		if (c->err)
			return syslog_trunc(pr);
		off++;
		if (off > 4 || ch < '0' || ch > '9')
			break;
		pri = pri * 10 + (unsigned)(ch - '0');
	}
	if (ch != '>') {
		nt_out_puts(o, " (invalid)");
		return NT_PRINT_OK;
	}
	unsigned fac = (pri & 0x3f8) >> 3, sev = pri & 7;
	if (pr->o.vflag < 1) {
		nt_out_puts(o, "SYSLOG ");
		facility(o, fac);
		nt_out_putc(o, '.');
		nt_out_puts(o, severity_names[sev]);
		nt_out_puts(o, ", length: ");
		nt_out_u(o, length);
		return NT_PRINT_OK;
	}
	nt_out_puts(o, "SYSLOG, length: ");
	nt_out_u(o, length);
	nt_out_puts(o, "\n\tFacility ");
	facility(o, fac);
	nt_out_puts(o, " (");
	nt_out_u(o, fac);
	nt_out_puts(o, "), Severity ");
	nt_out_puts(o, severity_names[sev]);
	nt_out_puts(o, " (");
	nt_out_u(o, sev);
	nt_out_puts(o, ")\n\tMsg: ");
	/* The text runs to `length` (none when the PRI already reaches it). */
	for (uint32_t n = off < length ? length - off : 0; n > 0; n--) {
		uint8_t b = nt_u8(c);
		if (c->err)
			return syslog_trunc(pr);
		nt_print_fn_char(pr, b);
	}
	if (pr->o.vflag > 1) {
		size_t avail = (size_t)(msg.end - msg.p);
		nt_print_hexdump(pr, msg.p, avail < length ? avail : length, "\n\t");
	}
	return NT_PRINT_OK;
}
