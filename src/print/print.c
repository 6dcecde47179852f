/* \summary: packet printer entry point: number, time stamp, link layer. */
#include "print/print.h"

#include <string.h>
#include <time.h>

#include "decode/packet.h"

void nt_printer_init(struct nt_printer *pr, const struct nt_print_opts *o,
		     struct nt_out *out, int dlt, int ts_nano)
{
	memset(pr, 0, sizeof(*pr));
	pr->o = *o;
	pr->out = out;
	pr->dlt = dlt;
	pr->ts_nano = ts_nano;
	pr->tm_cache_sec = INT64_MIN;
}

static void put2(struct nt_out *o, unsigned v)
{
	char b[2] = {(char)('0' + (v / 10) % 10), (char)('0' + v % 10)};
	nt_out_write(o, b, 2);
}

/* Fraction: 6 digits, or 9 with --nano; `frac` is the raw field in
 * those units (tcpdump prints even an out-of-range value as it is). */
static void put_frac(struct nt_printer *pr, uint32_t frac)
{
	nt_out_uw(pr->out, frac, pr->o.nano ? 9 : 6, '0');
}

/* "HH:MM:SS" or "YYYY-MM-DD HH:MM:SS" of local (or UTC) time, cached per second. */
static int put_clock(struct nt_printer *pr, int64_t sec, int with_date)
{
	if (sec != pr->tm_cache_sec) {
		struct tm tm;
		time_t t = (time_t)sec;
		if (sec < 0 || (sec & 0x80000000) ||
		    (pr->o.utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) == NULL)
			return -1;
		pr->tm_cache_len = (int)strftime(pr->tm_cache, sizeof(pr->tm_cache),
						  "%Y-%m-%d %H:%M:%S", &tm);
		pr->tm_cache_sec = sec;
	}
	if (with_date)
		nt_out_write(pr->out, pr->tm_cache, (size_t)pr->tm_cache_len);
	else
		nt_out_write(pr->out, pr->tm_cache + 11, (size_t)pr->tm_cache_len - 11);
	return 0;
}

static void print_delta(struct nt_printer *pr, int64_t sec, uint32_t nsec,
			int64_t rsec, uint32_t rnsec)
{
	int neg = 0;
	int64_t ds = sec - rsec;
	int64_t unit = pr->o.nano ? 1000000000 : 1000000;
	int64_t dn = (int64_t)nsec - (int64_t)rnsec;
	if (ds < 0 || (ds == 0 && dn < 0)) {
		neg = 1;
		ds = -ds;
		dn = -dn;
	}
	while (dn < 0) {
		ds -= 1;
		dn += unit;
	}
	nt_out_putc(pr->out, neg ? '-' : ' ');
	int64_t s = ds % 86400; /* gmtime drops the days */
	put2(pr->out, (unsigned)(s / 3600));
	nt_out_putc(pr->out, ':');
	put2(pr->out, (unsigned)((s / 60) % 60));
	nt_out_putc(pr->out, ':');
	put2(pr->out, (unsigned)(s % 60));
	nt_out_putc(pr->out, '.');
	put_frac(pr, (uint32_t)dn);
	nt_out_putc(pr->out, ' ');
}

static void print_ts(struct nt_printer *pr, int64_t sec, uint32_t nsec)
{
	switch (pr->o.tflag) {
	case 0:
	case 4:
		if (put_clock(pr, sec, pr->o.tflag == 4) < 0) {
			nt_out_puts(pr->out, "[Error converting time]");
		} else {
			nt_out_putc(pr->out, '.');
			put_frac(pr, nsec);
		}
		nt_out_putc(pr->out, ' ');
		break;
	case 1:
		break;
	case 2:
		nt_out_u(pr->out, (uint64_t)(uint32_t)sec);
		nt_out_putc(pr->out, '.');
		put_frac(pr, nsec);
		nt_out_putc(pr->out, ' ');
		break;
	case 3:
	case 5:
		if (!pr->have_first) {
			pr->first_sec = pr->prev_sec = sec;
			pr->first_nsec = pr->prev_nsec = nsec;
			pr->have_first = 1;
		}
		if (pr->o.tflag == 3) {
			print_delta(pr, sec, nsec, pr->prev_sec, pr->prev_nsec);
			pr->prev_sec = sec;
			pr->prev_nsec = nsec;
		} else {
			print_delta(pr, sec, nsec, pr->first_sec, pr->first_nsec);
		}
		break;
	}
}

void nt_print_packet(struct nt_printer *pr, int64_t sec, uint32_t nsec,
		     const uint8_t *data, uint32_t caplen, uint32_t wirelen)
{
	struct nt_out *o = pr->out;
	pr->count++;
	pr->ip_depth = 0;
	if (pr->o.numflag) {
		nt_out_uw(o, pr->count, 5, ' ');
		nt_out_puts(o, "  ");
	}
	/* tcpdump checks the record header before the time stamp. */
	if (wirelen == 0) {
		nt_out_puts(o, "[Invalid header: len==0]\n");
		return;
	}
	if (wirelen < caplen) {
		nt_out_printf(o, "[Invalid header: len(%u) < caplen(%u)]\n", wirelen, caplen);
		return;
	}
	if (caplen == 0) {
		nt_out_printf(o, "[Invalid header: caplen==0, len==%u]\n", wirelen);
		return;
	}
	print_ts(pr, sec, nsec);
	struct nt_cur c;
	nt_cur_init_frame(&c, data, caplen, wirelen);
	switch (pr->dlt) {
	case NT_DLT_EN10MB:
		nt_print_ether(pr, &c);
		break;
	case NT_DLT_LINUX_SLL:
		nt_print_sll(pr, &c);
		break;
	case NT_DLT_LINUX_SLL2:
		nt_print_sll2(pr, &c);
		break;
	case NT_DLT_NULL:
		nt_print_null(pr, &c, 0);
		break;
	case NT_DLT_LOOP:
		nt_print_null(pr, &c, 1);
		break;
	case NT_DLT_RAW:
	case NT_DLT_RAW_OPENBSD:
	case NT_DLT_IPV4:
	case NT_DLT_IPV6:
		nt_print_ip(pr, &c);
		break;
	default:
		nt_out_printf(o, "unsupported link type %d, length %u", pr->dlt, wirelen);
		break;
	}
	nt_out_putc(o, '\n');
}
