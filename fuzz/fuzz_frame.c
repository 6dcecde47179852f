/* \summary: libFuzzer target: one frame.  The first byte picks the link
 * type (Ethernet, Linux SLL, SLL2, BSD NULL/LOOP, raw IP and the other
 * link types the printer knows) and whether the frame claims more bytes
 * on the wire than were captured; the rest is the frame.  It goes
 * through nt_decode_frame and the printer at several verbosities. */
#include <string.h>

#include "decode/decode.h"
#include "fuzz.h"

static const int frame_dlts[] = {
	NT_DLT_EN10MB, NT_DLT_LINUX_SLL, NT_DLT_LINUX_SLL2, NT_DLT_NULL, NT_DLT_RAW,
	NT_DLT_LOOP, NT_DLT_RAW_OPENBSD, NT_DLT_IPV4, NT_DLT_IPV6,
	8 /* SLIP */, 9 /* PPP */, 107 /* FRELAY */, 239 /* NFLOG */, 226 /* IPNET */,
};

int nt_fuzz_frame(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	const size_t ndlt = sizeof(frame_dlts) / sizeof(frame_dlts[0]);
	int dlt = frame_dlts[(data[0] & 0x7f) % ndlt];
	int snapped = data[0] & 0x80;
	const uint8_t *frame = data + 1;
	uint32_t caplen = (uint32_t)(size - 1);
	uint32_t wirelen = snapped ? caplen + 1 + (caplen & 0x3ff) : caplen;

	static struct nt_pkt pkt;
	memset(&pkt, 0xa5, sizeof(pkt));
	nt_decode_frame(frame, caplen, wirelen, dlt, &pkt);
	if (pkt.status > NT_PKT_MALFORMED)
		__builtin_trap();
	if (pkt.dns.present && memchr(pkt.dns.qname, '\0', sizeof(pkt.dns.qname)) == NULL)
		__builtin_trap();
	if (pkt.icmp.present && memchr(pkt.icmp.quote_qname, '\0', sizeof(pkt.icmp.quote_qname)) == NULL)
		__builtin_trap();
	if (pkt.payload && (pkt.payload < frame || pkt.payload + pkt.payload_caplen > frame + caplen))
		__builtin_trap();

	static const struct { int v, e; } mode[] = {{0, 0}, {1, 0}, {2, 1}, {3, 1}};
	for (size_t i = 0; i < sizeof(mode) / sizeof(mode[0]); i++) {
		struct fz_printer p;
		fz_printer_open(&p, dlt, mode[i].v, mode[i].e, 0);
		fz_printer_packet(&p, dlt, 1700000000, 123456, frame, caplen, wirelen);
		fz_printer_close(&p);
	}
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_frame(data, size);
}
#endif
