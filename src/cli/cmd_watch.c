/* \summary: `nettriage watch`: live capture through libpcap into the
 * correlation engine, with a view refreshed every second (redrawn in place
 * on a terminal, one status line per second otherwise), a line for each
 * finding when it is first raised, and the final report when Ctrl-C, -c or
 * --duration ends the capture: the outputs of `analyze` (cli/report_out.h),
 * the JSONL events streamed as they are completed. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "analysis/engine.h"
#include "cli/memcap.h"
#include "cli/pipeline.h"
#include "cli/cli.h"
#include "cli/privs.h"
#include "cli/report_out.h"
#include "decode/record.h"
#include "input/source.h"
#include "cli/live.h"
#include "report/model.h"

static const char usage_head[] =
	"usage: nettriage watch -i IFACE [-c N] [--duration SECONDS] [-o FILE]\n"
	"                       [--format F] [-Z USER] [--memcap MIB]\n"
	"                       [--output kafka://BROKERS/TOPIC [--kafka-opt KEY=VALUE]...]\n"
	"                       [--timeout SECONDS] [--set NAME=VALUE]... [FILTER...]\n"
	"\n"
	"Captures live from IFACE and runs the analysis as packets arrive.  Every\n"
	"second it shows packets/s, DNS queries/s, the answer rate, the median RTT\n"
	"per resolver (up to 8) and the findings so far: redrawn in place when standard\n"
	"output is a terminal, else one status line per second.  Each finding is also\n"
	"printed on one line when it is first raised.  Ctrl-C, -c or --duration ends\n"
	"the capture and writes the final report, as 'nettriage analyze' does.\n"
	"With --format jsonl the events are written as they are completed (every\n"
	"second at least); without -o they go to standard output and the live view\n"
	"goes to standard error (redrawn in place only when standard error is a\n"
	"terminal and standard output is not), so standard output is JSON lines only.\n"
	"Needs root or CAP_NET_RAW.  DNS is recognised on port 53 (TCP and UDP).\n"
	"FILTER is a BPF expression as tcpdump takes it (e.g. 'udp port 53 or icmp').\n"
	"  -i IFACE        interface to capture from (required; e.g. eth0, lo)\n"
	"  -c N            stop after N packets\n"
	"  --duration S    stop after S seconds\n";
static const char usage_tail[] =
	"  -o FILE         write the report to FILE instead of standard output\n"
	"                  ('-': standard output)\n"
	NT_ROUT_USAGE_KAFKA
	"  -Z USER         as root: run as USER once the interface and -o file are open\n"
	"                  (default nobody; -Z root keeps root); the Kafka producer\n"
	"                  starts after that, as USER\n"
	"  --memcap MIB    memory for the analysis state tables (default 512): every\n"
	"                  table capacity is scaled down to fit; full tables evict\n"
	"                  their oldest entries and the report counts them\n"
	"  --timeout S     seconds before a DNS query counts as unanswered (dns.timeout, 5)\n"
	"  --set N=V       set a threshold (nettriage analyze --list-thresholds)\n"
	"Colour is used only on a terminal, and not when NO_COLOR is set.\n";

static void usage(FILE *f)
{
	fputs(usage_head, f);
	nt_rout_usage_formats(f, 0);
	fputs(usage_tail, f);
}

static struct nt_source *volatile g_reader;
static volatile sig_atomic_t g_stop;

static void on_stop(int sig)
{
	(void)sig;
	g_stop = 1;
	if (g_reader)
		nt_source_break(g_reader);
}

/* The refresh timer only wakes the capture loop up. */
static void on_tick(int sig)
{
	(void)sig;
	if (g_reader)
		nt_source_break(g_reader);
}

static double mono_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int64_t wall_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int parse_count(const char *val, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(val, &end, 10);
	if (errno || *end || end == val || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int parse_seconds(const char *val, double *out)
{
	char *end;
	errno = 0;
	double v = strtod(val, &end);
	if (errno || *end || end == val || !(v > 0) || v > 31.0 * 24 * 3600)
		return -1;
	*out = v;
	return 0;
}

/* "--name=VALUE" of the long options that take a value: the option name
 * (static) in *name and the value in *val; 0 when a is not one. */
static int long_with_value(const char *a, const char **name, const char **val)
{
	static const char *const longs[] = {"--format", "--duration", "--output", "--memcap",
					    "--kafka-opt", "--set", "--timeout"};
	for (size_t k = 0; k < sizeof(longs) / sizeof(longs[0]); k++) {
		size_t n = strlen(longs[k]);
		if (strncmp(a, longs[k], n) == 0 && a[n] == '=') {
			*name = longs[k];
			*val = a + n + 1;
			return 1;
		}
	}
	return 0;
}

int nt_cmd_watch(int argc, char **argv)
{
	const char *iface = NULL, *zuser = NULL;
	struct nt_rout_opts ro = {.fmt = NT_FMT_TEXT};
	double memcap = NT_MEMCAP_DEFAULT_MIB;
	long count = -1;
	double duration = 0;
	char filter[4096] = "";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *val = NULL;
		if (nt_cli_info(a, usage, 0))
			return NT_EXIT_OK;
		if (strcmp(a, "--") == 0) {
			a = NULL;
		} else if (nt_rout_takes_value(a) || strcmp(a, "-i") == 0 || strcmp(a, "-c") == 0 ||
			   strcmp(a, "--duration") == 0 || strcmp(a, "-Z") == 0 ||
			   strcmp(a, "--memcap") == 0 || strcmp(a, "--set") == 0 ||
			   strcmp(a, "--timeout") == 0) {
			if (i + 1 >= argc) {
				nt_cli_error("watch: option %s needs a value", a);
				usage(stderr);
				return NT_EXIT_USAGE;
			}
			val = argv[++i];
		} else if (long_with_value(a, &a, &val)) {
			/* --format=json */
		} else if (a[0] == '-' && (a[1] == 'i' || a[1] == 'c' || a[1] == 'o') && a[2]) {
			/* -ilo, -c30 as tcpdump takes them */
			val = a + 2;
			a = a[1] == 'i' ? "-i" : a[1] == 'c' ? "-c" : "-o";
		} else if (a[0] == '-' && a[1] != '\0') {
			nt_cli_error("watch: unknown option '%s'", a);
			usage(stderr);
			return NT_EXIT_USAGE;
		}
		if (a == NULL || val == NULL) {
			/* the rest is the filter expression, joined as tcpdump does */
			for (int k = a == NULL ? i + 1 : i; k < argc; k++) {
				if (strlen(filter) + strlen(argv[k]) + 2 >= sizeof(filter)) {
					nt_cli_error("watch: filter expression too long");
					return NT_EXIT_USAGE;
				}
				if (filter[0])
					strcat(filter, " ");
				strcat(filter, argv[k]);
			}
			break;
		}
		int rc = 0;
		if (nt_rout_takes_value(a)) {
			rc = nt_rout_option(&ro, "watch", a, val);
		} else if (strcmp(a, "-i") == 0) {
			iface = val;
		} else if (strcmp(a, "-c") == 0) {
			if (parse_count(val, &count) < 0) {
				nt_cli_error("watch: -c wants a positive number of packets, not '%s'", val);
				return NT_EXIT_USAGE;
			}
		} else if (strcmp(a, "--duration") == 0) {
			if (parse_seconds(val, &duration) < 0) {
				nt_cli_error("watch: --duration wants a positive number of seconds, "
					     "not '%s'", val);
				return NT_EXIT_USAGE;
			}
		} else if (strcmp(a, "-Z") == 0) {
			zuser = val;
		} else if (strcmp(a, "--memcap") == 0) {
			rc = nt_cli_memcap("watch", val, &memcap);
		} else {
			rc = nt_cli_threshold("watch", a, val);
		}
		if (rc)
			return rc;
	}
	if (iface == NULL) {
		nt_cli_error("watch: no interface given; name one with -i IFACE (e.g. -i eth0; "
			     "list them with 'ip link')");
		usage(stderr);
		return NT_EXIT_USAGE;
	}
	if (nt_rout_check(&ro, "watch"))
		return NT_EXIT_USAGE;
	if (ro.ofile && strcmp(ro.ofile, "-") == 0)
		ro.ofile = NULL; /* -o -: standard output */

	struct nt_error err = {0, ""};
	const struct nt_source_opts so = {.nano = 1, .promisc = 1, .timeout_ms = 100};
	struct nt_source *rd = NULL;
	if (nt_source_open_live(&rd, iface, &so, &err) != NT_OK) {
		nt_cli_error("watch: %s", err.msg);
		return NT_EXIT_INPUT;
	}
	if (filter[0] && nt_source_set_filter(rd, filter, &err) != NT_OK) {
		nt_cli_error("watch: %s", err.msg);
		nt_source_close(rd);
		return NT_EXIT_USAGE;
	}
	/* the report file is opened now, while we may still be root */
	struct nt_rout out;
	nt_rout_init(&out, &ro, "watch");
	int status = nt_rout_open(&out);
	/* nothing after this point needs privileges */
	struct nt_error perr = {0, ""};
	if (status == NT_EXIT_OK && nt_privs_drop(zuser, &perr) < 0) {
		nt_cli_error("watch: %s", perr.msg);
		status = NT_EXIT_USAGE;
	}
	if (status == NT_EXIT_OK && nt_memcap_apply(memcap, NULL, &err) < 0)
		status = nt_cli_fail("watch", &err, NT_EXIT_USAGE);
	/* the producer (its threads, its connections) runs unprivileged */
	if (status == NT_EXIT_OK)
		status = nt_rout_kafka(&out);
	if (status != NT_EXIT_OK) {
		nt_rout_free(&out);
		nt_source_close(rd);
		return status;
	}
	char banner[512];
	nt_source_banner(rd, banner, sizeof(banner));
	nt_cli_error("%s", banner);
	struct nt_report *rep = nt_report_new();
	struct nt_live *lv = calloc(1, sizeof(*lv));
	struct nt_pipeline *pl = rep && lv ? nt_pipeline_new(rep, &err) : NULL;
	if (pl == NULL) {
		nt_cli_error("watch: %s", err.msg[0] ? err.msg : "out of memory");
		nt_source_close(rd);
		nt_rout_free(&out);
		free(lv);
		nt_report_free(rep);
		return NT_EXIT_INTERNAL;
	}
	struct nt_engine *eng = &pl->eng;
	rep->command = "watch";
	struct nt_input_info *info = &rep->inputs[0];
	rep->n_inputs = 1;
	nt_fmt(info->path, sizeof(info->path), "%s", iface);
	nt_fmt(info->format, sizeof(info->format), "live");

	/* JSON lines on standard output: the view goes to standard error */
	FILE *view = (nt_formats[ro.fmt].flags & NT_FMTF_STREAM) && ro.ofile == NULL ? stderr : stdout;
	int tty = isatty(fileno(view)) && (view == stdout || !isatty(STDOUT_FILENO));
	const char *nc = getenv("NO_COLOR");
	nt_live_init(lv, view, tty, tty && (nc == NULL || nc[0] == '\0'), iface);
	struct nt_listener ll = nt_live_listener(lv);
	if (nt_engine_listen(eng, &ll) < 0 || nt_rout_attach(&out, rep, eng) != NT_EXIT_OK) {
		nt_source_close(rd);
		nt_rout_free(&out);
		nt_pipeline_free(pl);
		free(lv);
		nt_report_free(rep);
		return NT_EXIT_INTERNAL;
	}

	g_stop = 0;
	g_reader = rd;
	struct sigaction sa, old_int, old_term, old_alrm;
	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	sa.sa_handler = on_stop;
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sa.sa_handler = on_tick;
	sigaction(SIGALRM, &sa, &old_alrm);
	struct itimerval it = {{0, 250000}, {0, 250000}};
	setitimer(ITIMER_REAL, &it, NULL);

	double t0 = mono_now(), next_refresh = t0 + 1.0;
	long n = 0;
	struct nt_pkt pkt;
	struct nt_raw raw;
	memset(&raw, 0, sizeof(raw));
	for (;;) {
		if (g_stop || (count > 0 && n >= count))
			break;
		double now = mono_now();
		if (duration > 0 && now - t0 >= duration)
			break;
		if (now >= next_refresh) {
			nt_engine_advance(eng, wall_now_ns());
			nt_live_refresh(lv, eng, &pl->fs, now - t0);
			nt_rout_flush(&out);
			while (next_refresh <= now)
				next_refresh += 1.0;
		}
		struct nt_src_rec rec;
		int rc = nt_source_next(rd, &rec, &err);
		if (rc == 0)
			continue; /* woken up by the timer or a signal */
		if (rc < 0) {
			info->damaged = 1;
			nt_fmt(info->error, sizeof(info->error), "%s", err.msg);
			status = NT_EXIT_DAMAGED;
			break;
		}
		if (nt_decode_record(&rec, &pkt, &raw) < 0)
			info->skipped++;
		info->packets++;
		nt_pipeline_packet(pl, &pkt, &raw);
		nt_live_new_findings(lv, eng, &pl->fs);
		n++;
	}
	struct itimerval off = {{0, 0}, {0, 0}};
	setitimer(ITIMER_REAL, &off, NULL);
	sigaction(SIGALRM, &old_alrm, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	g_reader = NULL;
	nt_live_refresh(lv, eng, &pl->fs, mono_now() - t0);
	nt_source_close(rd);
	if (status == NT_EXIT_DAMAGED)
		nt_cli_error("watch: %s", info->error);
	nt_pipeline_finish(pl);
	if (ro.ofile == NULL && view == stdout && tty)
		fputc('\n', stdout);
	fflush(view);
	status = nt_rout_end(&out, rep, status);
	if (ro.ofile && status == NT_EXIT_OK)
		printf("watch: %llu packets; report written to %s\n",
			(unsigned long long)info->packets, ro.ofile);
	nt_rout_free(&out);
	nt_pipeline_free(pl);
	free(lv);
	nt_report_free(rep);
	return status;
}
