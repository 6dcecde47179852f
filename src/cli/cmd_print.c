/* \summary: `nettriage print`: tcpdump-identical packet lines. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/privs.h"
#include "input/source.h"
#include "print/print.h"

static const char print_usage[] =
	"usage: nettriage print [-n|-nn] [-v|-vv|-vvv] [-t|-tt|-ttt|-tttt|-ttttt] [--nano]\n"
	"                       [-#] [-e] [-q] [-S] [-T domain] [-c N] [-s SNAPLEN] [--utc]\n"
	"                       (FILE | -r FILE | - | -i IFACE [-w OUT] [-Z USER]) [FILTER...]\n"
	"\n"
	"Prints one line per packet exactly as tcpdump 4.99 does for Ethernet, Linux\n"
	"cooked, raw IP, IPv4/IPv6, UDP, TCP, ICMP, ICMPv6 and DNS.  Addresses are\n"
	"always printed as numbers; without -n, ports print as service names.\n"
	"FILTER is a BPF expression as tcpdump takes it (e.g. 'udp port 53').\n"
	"  -n, -nn    print port numbers instead of service names\n"
	"  -v..-vvv   more detail (IP header fields, DNS sections, quoted datagrams)\n"
	"  -t..-ttttt time stamp format as tcpdump: none, epoch, delta, date, since first\n"
	"  --nano     nanosecond time stamps\n"
	"  -e         print the link-level header    -q  quieter protocol output\n"
	"  -#         number the packets             -S  absolute TCP sequence numbers\n"
	"  -T domain  decode UDP/TCP payloads as DNS whatever the port\n"
	"  -r FILE    read FILE (the same as naming it)\n"
	"  -c N       stop after N packets\n"
	"  -i IFACE   capture live from IFACE (needs root or CAP_NET_RAW)\n"
	"  -w OUT     with -i: also save the captured packets to OUT (pcap)\n"
	"  -s SNAPLEN with -i: bytes captured per packet (default 262144)\n"
	"  -Z USER    with -i as root: run as USER once the interface and -w file are\n"
	"             open (default nobody; -Z root keeps root)\n"
	"  --utc      print times in UTC instead of local time\n";

static struct nt_source *g_source;

static void on_signal(int sig)
{
	(void)sig;
	if (g_source)
		nt_source_break(g_source);
}

int nt_cmd_print(int argc, char **argv)
{
	struct nt_print_opts po;
	memset(&po, 0, sizeof(po));
	const char *file = NULL, *iface = NULL, *wfile = NULL, *zuser = NULL;
	long count = -1;
	int snaplen = 0;
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (nt_cli_help(a, print_usage))
			return NT_EXIT_OK;
		if (strcmp(a, "--nano") == 0) {
			po.nano = 1;
			continue;
		}
		if (strcmp(a, "--utc") == 0) {
			po.utc = 1;
			continue;
		}
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (a[1] == '-' && a[2] == '\0') {
			i++; /* "--": the options end */
			break;
		}
		if (a[1] == '-') {
			nt_cli_error("print: unknown option '%s'\n%s", a, print_usage);
			return NT_EXIT_USAGE;
		}
		for (const char *p = a + 1; *p; p++) {
			const char *val = NULL;
			if (strchr("cTriwsZ", *p)) {
				if (p[1]) {
					val = p + 1;
				} else if (i + 1 < argc) {
					val = argv[++i];
				} else {
					nt_cli_error("print: option -%c needs a value\n%s", *p, print_usage);
					return NT_EXIT_USAGE;
				}
			}
			switch (*p) {
			case 'n': po.nflag++; break;
			case 'v': po.vflag++; break;
			case 't': po.tflag++; break;
			case 'e': po.eflag++; break;
			case 'q': po.qflag++; break;
			case '#': po.numflag++; break;
			case 'S': po.absseq = 1; break; /* absolute sequence numbers */
			case 'c': {
				char *end;
				count = strtol(val, &end, 10);
				if (*end || count <= 0) {
					nt_cli_error("print: -c wants a positive number, not '%s'", val);
					return NT_EXIT_USAGE;
				}
				break;
			}
			case 's': {
				char *end;
				snaplen = (int)strtol(val, &end, 10);
				if (*end || snaplen < 0) {
					nt_cli_error("print: -s wants a byte count, not '%s'", val);
					return NT_EXIT_USAGE;
				}
				break;
			}
			case 'T':
				if (strcmp(val, "domain") != 0) {
					nt_cli_error("print: -T supports only 'domain', not '%s'", val);
					return NT_EXIT_USAGE;
				}
				po.force_domain = 1;
				break;
			case 'r': file = val; break;
			case 'i': iface = val; break;
			case 'w': wfile = val; break;
			case 'Z': zuser = val; break;
			default:
				nt_cli_error("print: unknown option '-%c'\n%s", *p, print_usage);
				return NT_EXIT_USAGE;
			}
			if (val)
				break;
		}
	}
	if (po.tflag > 5)
		po.tflag = 5;
	if (po.tflag == 1)
		po.tflag = 1;
	if (file == NULL && iface == NULL) {
		if (i >= argc) {
			nt_cli_error("print: no capture given; name a pcap/pcapng FILE, '-' for "
				     "stdin, or -i IFACE\n%s", print_usage);
			return NT_EXIT_USAGE;
		}
		file = argv[i++];
	}
	/* The rest is the filter expression, joined as tcpdump does. */
	char filter[4096] = "";
	size_t flen = 0;
	for (; i < argc; i++) {
		size_t al = strlen(argv[i]);
		if (flen + al + 2 >= sizeof(filter)) {
			nt_cli_error("print: filter expression too long");
			return NT_EXIT_USAGE;
		}
		if (flen)
			filter[flen++] = ' ';
		memcpy(filter + flen, argv[i], al + 1);
		flen += al;
	}
	struct nt_error err = {0, ""};
	/* captures only: a text log is not printed again */
	struct nt_source_opts so = {.nano = po.nano, .snaplen = snaplen, .promisc = 1};
	struct nt_source *src = NULL;
	int rc = iface ? nt_source_open_live(&src, iface, &so, &err)
		       : nt_source_open(&src, file, &so, &err);
	if (rc != NT_OK) {
		nt_cli_error("%s", err.msg);
		return NT_EXIT_INPUT;
	}
	if (filter[0] && nt_source_set_filter(src, filter, &err) != NT_OK) {
		nt_cli_error("%s", err.msg);
		nt_source_close(src);
		return NT_EXIT_USAGE;
	}
	if (wfile) {
		if (!iface) {
			nt_cli_error("print: -w saves a live capture; use it with -i IFACE");
			nt_source_close(src);
			return NT_EXIT_USAGE;
		}
		FILE *wf = nt_privs_open_output("print", wfile, &err);
		if (wf == NULL) {
			nt_cli_error("%s", err.msg);
			nt_source_close(src);
			return NT_EXIT_INPUT;
		}
		if (nt_source_save_to_file(src, wf, wfile, &err) != NT_OK) {
			nt_cli_error("%s", err.msg);
			nt_source_close(src);
			return NT_EXIT_INPUT;
		}
	}
	if (iface) {
		/* nothing after this point needs privileges */
		if (nt_privs_drop(zuser, &err) < 0) {
			nt_cli_error("print: %s", err.msg);
			nt_source_close(src);
			return NT_EXIT_USAGE;
		}
		char banner[512];
		nt_source_banner(src, banner, sizeof(banner));
		nt_cli_error("%s", banner);
		g_source = src;
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
	}
	struct nt_out out;
	if (nt_out_open(&out, stdout, 1 << 20) < 0) {
		nt_cli_error("out of memory");
		nt_source_close(src);
		return NT_EXIT_INTERNAL;
	}
	struct nt_printer pr;
	nt_printer_init(&pr, &po, &out, nt_source_dlt(src), po.nano);
	struct nt_src_rec r;
	int status = NT_EXIT_OK;
	long n = 0;
	while (count < 0 || n < count) {
		rc = nt_source_next(src, &r, &err);
		if (rc == 0)
			break;
		if (rc < 0) {
			nt_out_flush(&out);
			fflush(stdout);
			nt_cli_error("%s", err.msg);
			status = NT_EXIT_DAMAGED;
			break;
		}
		const struct nt_frame *f = &r.frame;
		pr.dlt = f->dlt;
		nt_print_packet(&pr, f->sec, f->frac, f->data, f->caplen, f->wirelen);
		if (iface)
			nt_out_flush(&out);
		n++;
	}
	nt_out_close(&out);
	g_source = NULL;
	nt_source_close(src);
	if (out.ioerr) {
		nt_cli_error("print: cannot write to standard output: %s", strerror(out.ioerr));
		return NT_EXIT_INTERNAL;
	}
	return status;
}
