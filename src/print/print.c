/* \summary: packet printer entry point: number, time stamp, link layer
 * dispatch, as tcpdump 4.99's pretty_print_packet and ts_print.
 *
 * pcap record header (libpcap savefile format, draft-ietf-opsawg-pcap):
 * | ts seconds (4) | ts micro/nanoseconds (4) | caplen (4) | len (4) | data (caplen) |
 * A record whose caplen is 0 or above len is printed as "[Invalid header: ...]".
 */
#include "print/print.h"

#include <string.h>
#include <time.h>

#include "core/packet.h"

enum { NT_MAX_SNAPLEN = 262144 }; /* tcpdump's MAXIMUM_SNAPLEN */

void nt_printer_init(struct nt_printer *pr, const struct nt_print_opts *o,
		     struct nt_out *out, int dlt, int ts_nano)
{
	memset(pr, 0, sizeof(*pr));
	pr->o = *o;
	pr->out = out;
	pr->dlt = dlt;
	pr->ts_nano = ts_nano;
	nt_print_tcp_reset();
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

/* "HH:MM:SS" or "YYYY-MM-DD HH:MM:SS" of local (or UTC) time, cached per
 * second.  The cache has its own validity flag: every int64 is a second a
 * pcapng if_tsoffset can produce, so no value of tm_cache_sec can mean
 * "empty" (INT64_MIN did, and printed tm_cache_len - 11 bytes of stack). */
static int put_clock(struct nt_printer *pr, int64_t sec, int with_date)
{
	if (!pr->tm_cache_valid || sec != pr->tm_cache_sec) {
		struct tm tm;
		time_t t = (time_t)sec;
		if (sec < 0 || (sec & 0x80000000) ||
		    (pr->o.utc ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) == NULL)
			return -1;
		size_t n = strftime(pr->tm_cache, sizeof(pr->tm_cache), "%Y-%m-%d %H:%M:%S", &tm);
		if (n < 19) /* not the 19 characters of the format */
			return -1;
		pr->tm_cache_len = (int)n;
		pr->tm_cache_sec = sec;
		pr->tm_cache_valid = 1;
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
	/* The difference in uint64: two pcapng times saturated at both ends of
	 * int64 (input/pcapfile.c) differ by up to 2^64 - 1 seconds. */
	int neg = sec < rsec || (sec == rsec && nsec < rnsec);
	uint64_t ds = neg ? (uint64_t)rsec - (uint64_t)sec : (uint64_t)sec - (uint64_t)rsec;
	int64_t unit = pr->o.nano ? 1000000000 : 1000000;
	int64_t dn = neg ? (int64_t)rnsec - (int64_t)nsec : (int64_t)nsec - (int64_t)rnsec;
	while (dn < 0) {
		ds -= 1;
		dn += unit;
	}
	nt_out_putc(pr->out, neg ? '-' : ' ');
	if (ds & 0x80000000u) {
		nt_out_puts(pr->out, "[Error converting time] ");
		return;
	}
	uint64_t s = ds % 86400; /* gmtime drops the days */
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
		if ((uint64_t)sec & 0x80000000u) {
			nt_out_puts(pr->out, "[Error converting time] ");
			break;
		}
		nt_out_u(pr->out, (uint64_t)(uint32_t)sec);
		nt_out_putc(pr->out, '.');
		put_frac(pr, nsec);
		nt_out_putc(pr->out, ' ');
		break;
	case 3:
	case 5:
		/* libpcap hands a savefile's 32-bit seconds over as signed. */
		if (sec >= 0x80000000LL && sec <= 0xffffffffLL)
			sec = (int64_t)(int32_t)(uint32_t)sec;
		/* As tcpdump: the reference is (re)taken whenever it is 0.0. */
		if (pr->prev_sec == 0 && pr->prev_nsec == 0) {
			pr->prev_sec = sec;
			pr->prev_nsec = nsec;
		}
		print_delta(pr, sec, nsec, pr->prev_sec, pr->prev_nsec);
		if (pr->o.tflag == 3) {
			pr->prev_sec = sec;
			pr->prev_nsec = nsec;
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
	if (caplen == 0 || wirelen == 0 || wirelen < caplen || caplen > NT_MAX_SNAPLEN ||
	    wirelen > NT_MAX_SNAPLEN) {
		const char *sep = "[Invalid header:";
		if (caplen == 0) {
			nt_out_puts(o, "[Invalid header: caplen==0");
			sep = ",";
		}
		if (wirelen == 0) {
			nt_out_puts(o, sep);
			nt_out_puts(o, " len==0");
			sep = ",";
		} else if (wirelen < caplen) {
			nt_out_puts(o, sep);
			nt_out_printf(o, " len(%u) < caplen(%u)", wirelen, caplen);
			sep = ",";
		}
		if (caplen > NT_MAX_SNAPLEN) {
			nt_out_puts(o, sep);
			nt_out_printf(o, " caplen(%u) > %u", caplen, NT_MAX_SNAPLEN);
			sep = ",";
		}
		if (wirelen > NT_MAX_SNAPLEN) {
			nt_out_puts(o, sep);
			nt_out_printf(o, " len(%u) > %u", wirelen, NT_MAX_SNAPLEN);
		}
		nt_out_puts(o, "]\n");
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
		if (pr->o.eflag)
			nt_out_puts(o, "ip: ");
		nt_print_ip(pr, &c);
		break;
	case 8:   /* DLT_SLIP */
		nt_print_slip(pr, &c);
		break;
	case 9:   /* DLT_PPP */
		nt_print_ppp_hdlc(pr, &c);
		break;
	case 107: /* DLT_FRELAY */
		nt_print_fr(pr, &c);
		break;
	case 239: /* DLT_NFLOG */
		nt_print_nflog(pr, &c);
		break;
	case 226: /* DLT_IPNET */
		nt_print_ipnet(pr, &c);
		break;
	default:
		nt_out_printf(o, "unsupported link type %d, length %u", pr->dlt, wirelen);
		break;
	}
	nt_out_putc(o, '\n');
}
