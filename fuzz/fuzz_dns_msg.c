/* \summary: libFuzzer target: one DNS message through the decoder
 * (nt_decode_dns) and the printer (nt_print_dns).  The first byte holds
 * options: bit 0 mDNS, bits 1-2 the -v count, bit 3 a transport length
 * larger than what was captured (snap length cut), bit 4 a transport
 * length shorter than the message (a lying length). */
#include <string.h>

#include "decode/dns.h"
#include "fuzz.h"

int nt_fuzz_dns_msg(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536)
		return 0;
	uint8_t opt = data[0];
	const uint8_t *msg = data + 1;
	uint32_t caplen = (uint32_t)(size - 1);
	uint32_t len = caplen;
	if (opt & 8)
		len = caplen + 1 + (opt >> 5) * 50;
	else if ((opt & 16) && caplen > 0)
		len = caplen - 1 - (caplen - 1) % ((opt >> 5) + 1);

	static struct nt_dns d;
	memset(&d, 0x5a, sizeof(d));
	struct nt_cur c;
	nt_cur_init_frame(&c, msg, caplen, len);
	nt_decode_dns(&c, len, &d);
	if (memchr(d.qname, '\0', sizeof(d.qname)) == NULL || d.n_rr > NT_DNS_ANS_MAX)
		__builtin_trap();

	struct fz_printer p;
	fz_printer_open(&p, NT_DLT_RAW, (opt >> 1) & 3, 0, 0);
	if (p.ok) {
		nt_cur_init_frame(&c, msg, caplen, len);
		nt_print_dns(&p.pr, &c, len, opt & 1);
		fz_check_text(&p.out);
	}
	fz_printer_close(&p);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_dns_msg(data, size);
}
#endif
