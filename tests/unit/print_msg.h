/* \summary: unit-test helper: runs one printer over a message held in
 * memory (caplen of len bytes captured) at -n and the given -v count, and
 * returns the text it printed (a static buffer, valid until the next
 * call); the printer's status goes to *status. */
#ifndef NT_TEST_PRINT_MSG_H
#define NT_TEST_PRINT_MSG_H

#include <string.h>

#include "print/print.h"

/* A printer entry point; arg is the test's own (mDNS flag, printer choice). */
typedef int (*nt_test_print_fn)(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int arg);

static const char *nt_test_print(nt_test_print_fn fn, int arg, const uint8_t *msg, size_t caplen,
				 uint32_t len, int vflag, int *status)
{
	static char text[8192];
	struct nt_out o;
	struct nt_printer pr;
	struct nt_print_opts opts;
	struct nt_cur c;

	memset(&opts, 0, sizeof(opts));
	opts.nflag = 1;
	opts.vflag = vflag;
	assert_int_equal(nt_out_mem(&o, sizeof(text) - 1), 0);
	nt_printer_init(&pr, &opts, &o, 1, 0);
	nt_cur_init_frame(&c, msg, caplen, len);
	*status = fn(&pr, &c, len, arg);
	assert_false(o.overflow);
	strcpy(text, nt_out_str(&o));
	nt_out_close(&o);
	return text;
}

#endif
