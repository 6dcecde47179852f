/* \summary: a time stamp (seconds and nanoseconds) as one signed count of
 * nanoseconds, clamped so that no time nor the difference of two
 * overflows. */
#ifndef NT_TIME_H
#define NT_TIME_H

#include <stdint.h>

/* Nanoseconds of sec + nsec, sec clamped to +-2^62 ns (years 1824..2116,
 * every pcap time stamp): a text log's far-off date or a huge pcapng time
 * stamp must not overflow the count, nor the difference of two counts.
 * nsec of a second or more is taken modulo one second. */
static inline int64_t nt_time_ns(int64_t sec, uint32_t nsec)
{
	const int64_t ns_per_s = 1000000000LL;
	const int64_t lim = INT64_MAX / ns_per_s / 2 - 1;
	if (sec > lim)
		sec = lim;
	else if (sec < -lim)
		sec = -lim;
	if (nsec >= (uint32_t)ns_per_s) /* no division for the usual in-range fraction */
		nsec %= (uint32_t)ns_per_s;
	return sec * ns_per_s + (int64_t)nsec;
}

#endif
