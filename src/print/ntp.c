/* \summary: NTP printer (RFC 5905 time messages, RFC 1305 appendix B /
 * RFC 9327 mode 6 control messages), as tcpdump 4.99.3 prints them.
 *
 * Time message (modes 0-5), 48 bytes and optional authenticator:
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |LI | VN  |Mode |    Stratum    |     Poll      |   Precision   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 Root Delay (16.16 unsigned)                   |
 * |               Root Dispersion (16.16 unsigned)                |
 * |                     Reference Identifier                      |
 * |             Reference Timestamp (64, 32.32)                   |
 * |             Originate Timestamp (64)                          |
 * |             Receive Timestamp (64)                            |
 * |             Transmit Timestamp (64)                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Key Identifier (optional) | Digest (16 or 20 bytes)    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Control message (mode 6), 12-byte header:
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |LI |  VN |  6  |R|E|M| OpCode  |       Sequence Number         |
 * |            Status             |       Association ID          |
 * |            Offset             |            Count              |
 * |                  Data (Count bytes) ...                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Mode 7 (private) messages get only the common first line, as in
 * tcpdump 4.99.3.  Time stamps are seconds since 1900; the date after
 * a non-zero one is UTC whatever the local time zone.
 */
#include "print/print.h"

#define NTP_TIME_LEN 48
#define NTP_CTRL_LEN 12
#define NTP_JAN_1970 2208988800U

static const char *const mode_names[8] = {
	"unspecified", "symmetric active", "symmetric passive", "Client",
	"Server", "Broadcast", "Control Message", "Reserved",
};

static const char *const leap_names[4] = {
	"", "+1s", "-1s", "clock unsynchronized",
};

/* The fraction of a 32.32 value in parts per billion, computed the way
 * tcpdump does (through a double, truncated). */
static uint32_t frac_ppb(uint32_t uf)
{
	double ff = (double)uf / 4294967296.0;
	return (uint32_t)(ff * 1000000000.0);
}

/* Civil date of a day count since 1970-01-01 (may be negative). */
static void civil(int64_t days, int64_t *y, unsigned *m, unsigned *d)
{
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	unsigned doe = (unsigned)(days - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

/* "SECS.NNNNNNNNN" and, when SECS is not zero, " (YYYY-MM-DDTHH:MM:SSZ)". */
static void ntp_time(struct nt_out *o, uint32_t i, uint32_t uf)
{
	nt_out_u(o, i);
	nt_out_putc(o, '.');
	nt_out_uw(o, frac_ppb(uf), 9, '0');
	if (i == 0)
		return;
	int64_t t = (int64_t)i - NTP_JAN_1970;
	int64_t days = (t >= 0 ? t : t - 86399) / 86400;
	int64_t sod = t - days * 86400;
	int64_t y;
	unsigned m, d;
	civil(days, &y, &m, &d);
	nt_out_puts(o, " (");
	nt_out_i(o, y);
	nt_out_putc(o, '-');
	nt_out_uw(o, m, 2, '0');
	nt_out_putc(o, '-');
	nt_out_uw(o, d, 2, '0');
	nt_out_putc(o, 'T');
	nt_out_uw(o, (uint64_t)(sod / 3600), 2, '0');
	nt_out_putc(o, ':');
	nt_out_uw(o, (uint64_t)(sod / 60 % 60), 2, '0');
	nt_out_putc(o, ':');
	nt_out_uw(o, (uint64_t)(sod % 60), 2, '0');
	nt_out_puts(o, "Z)");
}

/* The difference lfp - olfp, signed; olfp zero prints lfp itself. */
static void ntp_delta(struct nt_out *o, uint32_t ou, uint32_t ouf, uint32_t u, uint32_t uf)
{
	uint32_t i, f;
	int neg;
	if (ou == 0 && ouf == 0) {
		ntp_time(o, u, uf);
		return;
	}
	if (u > ou) {
		neg = 0;
		i = u - ou;
		f = uf - ouf;
		if (ouf > uf)
			i -= 1;
	} else if (u < ou) {
		neg = 1;
		i = ou - u;
		f = ouf - uf;
		if (uf > ouf)
			i -= 1;
	} else {
		i = 0;
		neg = !(uf > ouf);
		f = neg ? ouf - uf : uf - ouf;
	}
	nt_out_putc(o, neg ? '-' : '+');
	nt_out_u(o, i);
	nt_out_putc(o, '.');
	nt_out_uw(o, frac_ppb(f), 9, '0');
}

/* 16.16 unsigned fixed point as "I.FFFFFF" (fraction in millionths). */
static void ntp_sfix(struct nt_out *o, uint32_t v)
{
	double ff = (double)(v & 0xffff) / 65536.0;
	nt_out_u(o, v >> 16);
	nt_out_putc(o, '.');
	nt_out_uw(o, (uint64_t)(int)(ff * 1000000.0), 6, '0');
}

/* " (invalid)", then " [|ntp]" if the `length` bytes at the start of the
 * message were not all captured (tcpdump's invalid: label). */
static int ntp_invalid(struct nt_printer *pr, const struct nt_cur *msg, uint32_t length)
{
	nt_out_puts(pr->out, " (invalid)");
	if (!nt_cur_has(msg, length)) {
		nt_print_trunc(pr, "ntp");
		return NT_PRINT_TRUNC;
	}
	return NT_PRINT_OK;
}

static int ntp_trunc(struct nt_printer *pr)
{
	nt_print_trunc(pr, "ntp");
	return NT_PRINT_TRUNC;
}

/* c is just past the first byte; msg is the message start. */
static int ntp_time_msg(struct nt_printer *pr, struct nt_cur *c, const struct nt_cur *msg,
			uint32_t length)
{
	struct nt_out *o = pr->out;
	if (length < NTP_TIME_LEN)
		return ntp_invalid(pr, msg, length);

	unsigned stratum = nt_u8(c);
	if (c->err)
		return ntp_trunc(pr);
	nt_out_puts(o, ", Stratum ");
	nt_out_u(o, stratum);
	nt_out_puts(o, stratum == 0 ? " (unspecified)" : stratum == 1 ? " (primary reference)" :
		       stratum <= 15 ? " (secondary reference)" : " (reserved)");

	int poll = (int8_t)nt_u8(c);
	if (c->err)
		return ntp_trunc(pr);
	nt_out_puts(o, ", poll ");
	nt_out_i(o, poll);
	if (poll > -32 && poll < 32) {
		if (poll >= 0) {
			nt_out_puts(o, " (");
			nt_out_u(o, 1U << poll);
		} else {
			nt_out_puts(o, " (1/");
			nt_out_u(o, 1U << -poll);
		}
		nt_out_puts(o, "s)");
	}

	int prec = (int8_t)nt_u8(c);
	if (c->err)
		return ntp_trunc(pr);
	nt_out_puts(o, ", precision ");
	nt_out_i(o, prec);

	uint32_t v = nt_u32(c);
	if (c->err)
		return ntp_trunc(pr);
	nt_out_puts(o, "\n\tRoot Delay: ");
	ntp_sfix(o, v);

	v = nt_u32(c);
	if (c->err)
		return ntp_trunc(pr);
	nt_out_puts(o, ", Root dispersion: ");
	ntp_sfix(o, v);

	const uint8_t *refid = nt_ptr(c, 4);
	if (refid == NULL)
		return ntp_trunc(pr);
	nt_out_puts(o, ", Reference-ID: ");
	switch (stratum) {
	case 0:
		nt_out_puts(o, "(unspec)");
		break;
	case 1:
		for (int k = 0; k < 4; k++)
			nt_print_fn_char(pr, refid[k]);
		break;
	case 62:
	case 63:
		nt_out_ip4(o, refid);
		nt_out_puts(o, stratum == 62 ? " INFO_QUERY" : " INFO_REPLY");
		return NT_PRINT_OK;
	default:
		nt_out_puts(o, "0x");
		nt_out_hex(o, ((uint32_t)refid[0] << 24) | ((uint32_t)refid[1] << 16) |
			       ((uint32_t)refid[2] << 8) | refid[3], 8);
		break;
	}

	static const char *const labels[4] = {
		"\n\t  Reference Timestamp:  ", "\n\t  Originator Timestamp: ",
		"\n\t  Receive Timestamp:    ", "\n\t  Transmit Timestamp:   ",
	};
	uint32_t ts[8];
	for (int k = 0; k < 4; k++) {
		ts[2 * k] = nt_u32(c);
		ts[2 * k + 1] = nt_u32(c);
		if (c->err)
			return ntp_trunc(pr);
		nt_out_puts(o, labels[k]);
		ntp_time(o, ts[2 * k], ts[2 * k + 1]);
	}
	nt_out_puts(o, "\n\t    Originator - Receive Timestamp:  ");
	ntp_delta(o, ts[2], ts[3], ts[4], ts[5]);
	nt_out_puts(o, "\n\t    Originator - Transmit Timestamp: ");
	ntp_delta(o, ts[2], ts[3], ts[6], ts[7]);

	if (length == NTP_TIME_LEN + 4 || length == NTP_TIME_LEN + 20 ||
	    length == NTP_TIME_LEN + 24) {
		uint32_t key = nt_u32(c);
		if (c->err)
			return ntp_trunc(pr);
		nt_out_puts(o, "\n\tKey id: ");
		nt_out_u(o, key);
		if (length == NTP_TIME_LEN + 4)
			return NT_PRINT_OK;
		size_t n = length - NTP_TIME_LEN - 4;
		const uint8_t *dg = nt_ptr(c, n);
		if (dg == NULL)
			return ntp_trunc(pr);
		nt_out_puts(o, "\n\tAuthentication: ");
		for (size_t k = 0; k < n; k++)
			nt_out_hex(o, dg[k], 2);
	} else if (length > NTP_TIME_LEN) {
		nt_out_puts(o, "\n\t(");
		nt_out_u(o, length - NTP_TIME_LEN);
		nt_out_puts(o, " more bytes after the header)");
	}
	return NT_PRINT_OK;
}

static int ntp_control_msg(struct nt_printer *pr, struct nt_cur *c, const struct nt_cur *msg,
			   uint32_t length)
{
	struct nt_out *o = pr->out;
	if (length < NTP_CTRL_LEN)
		return ntp_invalid(pr, msg, length);

	unsigned ctl = nt_u8(c);
	if (c->err)
		return ntp_trunc(pr);
	nt_out_puts(o, ctl & 0x80 ? ", Response" : ", Request");
	nt_out_puts(o, ctl & 0x40 ? ", Error" : ", OK");
	nt_out_puts(o, ctl & 0x20 ? ", More" : ", Last");
	nt_out_puts(o, ", OpCode=");
	nt_out_u(o, ctl & 0x1f);
	nt_out_putc(o, '\n');

	static const char *const names[5] = {
		"\tSequence=", ", Status=", ", Assoc.=", ", Offset=", ", Count=",
	};
	unsigned count = 0;
	for (int k = 0; k < 5; k++) {
		unsigned v = nt_u16(c);
		if (c->err)
			return ntp_trunc(pr);
		nt_out_puts(o, names[k]);
		if (k == 1 && v != 0) {
			nt_out_puts(o, "0x");
			nt_out_hex(o, v, 1);
		} else {
			nt_out_u(o, v);
		}
		count = v;
	}
	if (NTP_CTRL_LEN + count > length)
		return ntp_invalid(pr, msg, length);
	if (count != 0) {
		if (!nt_cur_has(c, count))
			return ntp_trunc(pr);
		nt_out_puts(o, "\n\tTO-BE-DONE: data not interpreted");
	}
	return NT_PRINT_OK;
}

int nt_print_ntp(struct nt_printer *pr, struct nt_cur *c, uint32_t length)
{
	struct nt_out *o = pr->out;
	struct nt_cur msg = *c;
	unsigned status = nt_u8(c);
	if (c->err)
		return ntp_trunc(pr);
	unsigned mode = status & 7;
	nt_out_puts(o, "NTPv");
	nt_out_u(o, (status >> 3) & 7);
	nt_out_puts(o, ", ");
	nt_out_puts(o, mode_names[mode]);
	nt_out_puts(o, ", length ");
	nt_out_u(o, length);
	if (!pr->o.vflag)
		return NT_PRINT_OK;
	nt_out_puts(o, "\n\tLeap indicator: ");
	nt_out_puts(o, leap_names[status >> 6]);
	nt_out_puts(o, " (");
	nt_out_u(o, status & 0xc0);
	nt_out_putc(o, ')');
	if (mode <= 5)
		return ntp_time_msg(pr, c, &msg, length);
	if (mode == 6)
		return ntp_control_msg(pr, c, &msg, length);
	return NT_PRINT_OK;
}
