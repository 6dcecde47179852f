/* \summary: error codes and their messages. */
#include "core/error.h"

#include <stdarg.h>
#include <stdio.h>

static const struct {
	int code;
	const char *msg;
} nt_errtab[] = {
	{NT_OK, "success"},
	{NT_ETRUNC, "data truncated (capture ended)"},
	{NT_EMALF, "malformed data"},
	{NT_ENOMEM, "out of memory or limit reached"},
	{NT_EIO, "input/output error"},
	{NT_EFORMAT, "unrecognised input format"},
	{NT_EUSAGE, "invalid usage"},
	{NT_ENOTSUP, "not supported"},
	{NT_ECAPTURE, "capture error"},
};

const char *nt_strerror(int code)
{
	for (size_t i = 0; i < sizeof(nt_errtab) / sizeof(nt_errtab[0]); i++)
		if (nt_errtab[i].code == code)
			return nt_errtab[i].msg;
	return "unknown error";
}

int nt_error_set(struct nt_error *err, int code, const char *fmt, ...)
{
	if (err == NULL)
		return code;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}
