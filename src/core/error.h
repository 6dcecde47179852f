/* \summary: the one error type of nettriage: a code and a message. */
#ifndef NT_ERROR_H
#define NT_ERROR_H

#include <stddef.h>

/* Append-only.  Negative numbers; 0 is success. */
enum nt_err {
	NT_OK = 0,
	NT_ETRUNC = -1,   /* the capture ended (snap length): data not captured */
	NT_EMALF = -2,    /* a length or field lies: malformed data */
	NT_ENOMEM = -3,   /* allocation failed or a cap was reached */
	NT_EIO = -4,      /* a read or write failed */
	NT_EFORMAT = -5,  /* input is not in a format we read */
	NT_EUSAGE = -6,   /* bad command line */
	NT_ENOTSUP = -7,  /* valid input we do not support */
	NT_ECAPTURE = -8, /* live capture / libpcap failure */
};

/* An error with its message.  Functions that can fail take an
 * `struct nt_error *` (may be NULL) and fill it. */
struct nt_error {
	int code;
	char msg[512];
};

const char *nt_strerror(int code);
/* Sets err->code and formats err->msg (printf-style); returns code. */
int nt_error_set(struct nt_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
