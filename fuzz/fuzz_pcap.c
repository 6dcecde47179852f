/* \summary: libFuzzer target: classic pcap files through the input
 * source and the native reader, the record decoder and the printer (-v,
 * and -vvv -e).  The first four bytes are forced to one of the four pcap
 * magics so that mutations explore records rather than the magic check. */
#include <string.h>

#include "fuzz.h"

int nt_fuzz_pcap(const uint8_t *data, size_t size)
{
	static const uint8_t magic[4][4] = {
		{0xd4, 0xc3, 0xb2, 0xa1}, {0xa1, 0xb2, 0xc3, 0xd4},
		{0x4d, 0x3c, 0xb2, 0xa1}, {0xa1, 0xb2, 0x3c, 0x4d},
	};
	const uint8_t *m = NULL; /* a known magic stays as it is */
	if (size >= 4) {
		m = magic[data[0] & 3];
		for (int i = 0; i < 4; i++)
			if (memcmp(data, magic[i], 4) == 0)
				m = NULL;
	}
	fz_run_capture_magic(data, size, m);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_pcap(data, size);
}
#endif
