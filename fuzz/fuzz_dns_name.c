/* \summary: libFuzzer target: nt_dns_read_name at every start offset of
 * the input (taken as a DNS message), into an exactly sized heap buffer
 * so that any write past dstlen is caught.  The first byte picks the
 * output size (1..256).  Checks: the result is NUL-terminated inside the
 * buffer, a success moves the cursor forward, a failure is NT_ETRUNC or
 * NT_EMALF. */
#include <stdlib.h>
#include <string.h>

#include "decode/dns.h"
#include "fuzz.h"

int nt_fuzz_dns_name(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 4096)
		return 0;
	size_t dstlen = (size_t)data[0] + 1;
	const uint8_t *msg = data + 1;
	size_t n = size - 1;
	char *small = malloc(dstlen);
	char *full = malloc(NT_DNS_NAME_MAX);
	if (small == NULL || full == NULL) {
		free(small);
		free(full);
		return 0;
	}
	for (size_t off = 0; off <= n; off++) {
		struct nt_cur c;
		nt_cur_init(&c, msg, n);
		nt_cur_seek(&c, off);
		int rc = nt_dns_read_name(&c, full, NT_DNS_NAME_MAX);
		if (rc != NT_OK && rc != NT_ETRUNC && rc != NT_EMALF)
			__builtin_trap();
		if (memchr(full, '\0', NT_DNS_NAME_MAX) == NULL)
			__builtin_trap();
		if (rc == NT_OK && nt_cur_off(&c) <= off)
			__builtin_trap();
		if (rc == NT_OK && full[0] == '\0')
			__builtin_trap(); /* the root prints as "." */

		nt_cur_init(&c, msg, n);
		nt_cur_seek(&c, off);
		int rc2 = nt_dns_read_name(&c, small, dstlen);
		if (rc2 != rc)
			__builtin_trap(); /* the outcome must not depend on the buffer size */
		if (memchr(small, '\0', dstlen) == NULL)
			__builtin_trap();
		/* a name cut short by the capture (wire length beyond it) */
		nt_cur_init_frame(&c, msg, n, n + 64);
		nt_cur_seek(&c, off);
		nt_dns_read_name(&c, full, NT_DNS_NAME_MAX);
	}
	free(small);
	free(full);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_dns_name(data, size);
}
#endif
