/* \summary: libFuzzer target: one ICMP or ICMPv6 message, typically an
 * error quoting (part of) a datagram.  Bit 0 of the first byte picks
 * ICMPv6, bit 1 a snap-length cut; the rest is the ICMP message.  It is
 * decoded on its own (nt_decode_icmp/nt_decode_icmp6), then wrapped in
 * an IPv4/IPv6 header and sent through nt_decode_frame and the printer
 * (which also checks the quoted datagram's headers and DNS question). */
#include <stdlib.h>
#include <string.h>

#include "decode/decode.h"
#include "decode/icmp.h"
#include "fuzz.h"

int nt_fuzz_icmp_quote(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65000)
		return 0;
	int v6 = data[0] & 1;
	int snapped = data[0] & 2;
	const uint8_t *icmp = data + 1;
	uint32_t n = (uint32_t)(size - 1);

	static struct nt_icmp ic;
	memset(&ic, 0x33, sizeof(ic));
	struct nt_cur c;
	nt_cur_init_frame(&c, icmp, n, snapped ? n + 100 : n);
	if (v6)
		nt_decode_icmp6(&c, snapped ? n + 100 : n, &ic);
	else
		nt_decode_icmp(&c, snapped ? n + 100 : n, &ic);
	if (ic.present && memchr(ic.quote_qname, '\0', sizeof(ic.quote_qname)) == NULL)
		__builtin_trap();

	size_t hl = v6 ? 40 : 20;
	uint8_t *pkt = malloc(hl + n);
	if (pkt == NULL)
		return 0;
	memset(pkt, 0, hl);
	uint32_t total = (uint32_t)hl + n + (snapped ? 100 : 0);
	if (v6) {
		pkt[0] = 0x60;
		pkt[4] = (uint8_t)((total - 40) >> 8);
		pkt[5] = (uint8_t)(total - 40);
		pkt[6] = 58;
		pkt[7] = 64;
		pkt[8] = 0x20; pkt[9] = 0x01; pkt[10] = 0x0d; pkt[11] = 0xb8; pkt[23] = 1;
		pkt[24] = 0x20; pkt[25] = 0x01; pkt[26] = 0x0d; pkt[27] = 0xb8; pkt[39] = 2;
	} else {
		pkt[0] = 0x45;
		pkt[2] = (uint8_t)(total >> 8);
		pkt[3] = (uint8_t)total;
		pkt[8] = 64;
		pkt[9] = 1;
		pkt[12] = 192; pkt[13] = 0; pkt[14] = 2; pkt[15] = 1;
		pkt[16] = 192; pkt[17] = 0; pkt[18] = 2; pkt[19] = 2;
		uint16_t sum = (uint16_t)~nt_cksum_fold(nt_cksum_add(0, pkt, 20));
		pkt[10] = (uint8_t)(sum >> 8);
		pkt[11] = (uint8_t)sum;
	}
	memcpy(pkt + hl, icmp, n);
	uint32_t caplen = (uint32_t)hl + n;
	uint32_t wirelen = total > 65535 ? caplen : total;

	static struct nt_pkt dp;
	nt_decode_frame(pkt, caplen, wirelen, NT_DLT_RAW, &dp);
	for (int v = 0; v <= 3; v++) {
		struct fz_printer p;
		fz_printer_open(&p, NT_DLT_RAW, v, v & 1, 0);
		fz_printer_packet(&p, NT_DLT_RAW, 1700000000, 5, pkt, caplen, wirelen);
		fz_printer_close(&p);
	}
	free(pkt);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_icmp_quote(data, size);
}
#endif
