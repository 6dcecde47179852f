/* \summary: replays every saved fuzz input (fuzz/regress/TARGET/FILE)
 * through the same entry points the libFuzzer targets use (fuzz/fuzz_NAME.c,
 * compiled in here without libFuzzer), so the normal test suite and the
 * sanitizer build re-run every crash ever found.  Also feeds each entry
 * point a few degenerate inputs (empty, one byte, all 0x00 / 0xff).
 *
 * The regress directory is fuzz/regress under the working directory
 * (make runs the tests from the top of the tree) or $NT_FUZZ_REGRESS. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <cmocka.h>

#define NT_FUZZ_REPLAY 1
#include "../../fuzz/common.c"
#include "../../fuzz/fuzz_analyze.c"
#include "../../fuzz/fuzz_escape.c"
#include "../../fuzz/fuzz_dns_msg.c"
#include "../../fuzz/fuzz_dns_name.c"
#include "../../fuzz/fuzz_frame.c"
#include "../../fuzz/fuzz_icmp_quote.c"
#include "../../fuzz/fuzz_pcap.c"
#include "../../fuzz/fuzz_pcapng.c"
#include "../../fuzz/fuzz_reasm.c"
#include "../../fuzz/fuzz_tcpdump_line.c"

struct target {
	const char *name;
	int (*fn)(const uint8_t *, size_t);
};

static const struct target targets[] = {
	{"pcap", nt_fuzz_pcap},
	{"pcapng", nt_fuzz_pcapng},
	{"frame", nt_fuzz_frame},
	{"dns_msg", nt_fuzz_dns_msg},
	{"dns_name", nt_fuzz_dns_name},
	{"icmp_quote", nt_fuzz_icmp_quote},
	{"tcpdump_line", nt_fuzz_tcpdump_line},
	{"analyze", nt_fuzz_analyze},
	{"reasm", nt_fuzz_reasm},
	{"escape", nt_fuzz_escape},
};

static const char *regress_dir(void)
{
	const char *d = getenv("NT_FUZZ_REGRESS");
	return d && d[0] ? d : "fuzz/regress";
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Runs every file of regress/<name>; returns how many. */
static size_t replay_dir(const struct target *t)
{
	char dir[1024];
	snprintf(dir, sizeof(dir), "%s/%s", regress_dir(), t->name);
	DIR *d = opendir(dir);
	if (d == NULL)
		return 0;
	char *names[4096];
	size_t n = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL && n < sizeof(names) / sizeof(names[0]))
		if (de->d_name[0] != '.')
			names[n++] = strdup(de->d_name);
	closedir(d);
	qsort(names, n, sizeof(names[0]), cmp_str);
	size_t ran = 0;
	for (size_t i = 0; i < n; i++) {
		char path[2048];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		struct stat st;
		FILE *f = NULL;
		if (names[i] && stat(path, &st) == 0 && S_ISREG(st.st_mode))
			f = fopen(path, "rb");
		if (f) {
			size_t sz = (size_t)st.st_size;
			uint8_t *buf = malloc(sz ? sz : 1);
			assert_non_null(buf);
			assert_int_equal(fread(buf, 1, sz, f), sz);
			fclose(f);
			/* exactly sz bytes, as libFuzzer hands them */
			uint8_t *exact = malloc(sz ? sz : 1);
			assert_non_null(exact);
			memcpy(exact, buf, sz);
			free(buf);
			print_message("replay %s\n", path);
			assert_int_equal(t->fn(exact, sz), 0);
			free(exact);
			ran++;
		}
		free(names[i]);
	}
	return ran;
}

static void test_target(void **state)
{
	const struct target *t = *state;
	static const uint8_t zero[64], one[1] = {0x80};
	uint8_t ff[64];
	memset(ff, 0xff, sizeof(ff));
	assert_int_equal(t->fn(zero, 0), 0);
	assert_int_equal(t->fn(one, 1), 0);
	assert_int_equal(t->fn(zero, sizeof(zero)), 0);
	assert_int_equal(t->fn(ff, sizeof(ff)), 0);
	replay_dir(t);
}

static void test_regress_dir_exists(void **state)
{
	(void)state;
	struct stat st;
	if (stat(regress_dir(), &st) != 0 || !S_ISDIR(st.st_mode))
		fail_msg("no fuzz regress directory '%s' (run from the top of the tree or set "
			 "NT_FUZZ_REGRESS)", regress_dir());
}

int main(void)
{
	struct CMUnitTest tests[1 + sizeof(targets) / sizeof(targets[0])];
	tests[0] = (struct CMUnitTest)cmocka_unit_test(test_regress_dir_exists);
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		struct CMUnitTest u = cmocka_unit_test_prestate(test_target, (void *)&targets[i]);
		u.name = targets[i].name;
		tests[i + 1] = u;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
