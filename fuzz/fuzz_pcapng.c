/* \summary: libFuzzer target: pcapng files (sections, interfaces,
 * enhanced/simple/obsolete packet blocks, options) through the input
 * source and the native reader, the record decoder and the printer (-v,
 * and -vvv -e).  The first four bytes are forced to the section header
 * block type. */
#include "fuzz.h"

int nt_fuzz_pcapng(const uint8_t *data, size_t size)
{
	static const uint8_t shb[4] = {0x0a, 0x0d, 0x0d, 0x0a};
	fz_run_capture_magic(data, size, shb);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_pcapng(data, size);
}
#endif
