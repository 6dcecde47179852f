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
/* The seconds nt_time_ns keeps: 4611686017 (2116-02-20). */
#define NT_TIME_SEC_LIM (INT64_MAX / 1000000000LL / 2 - 1)

static inline int64_t nt_time_sec_clamp(int64_t sec)
{
	return sec > NT_TIME_SEC_LIM ? NT_TIME_SEC_LIM : sec < -NT_TIME_SEC_LIM ? -NT_TIME_SEC_LIM : sec;
}

static inline int64_t nt_time_ns(int64_t sec, uint32_t nsec)
{
	const int64_t ns_per_s = 1000000000LL;
	sec = nt_time_sec_clamp(sec);
	if (nsec >= (uint32_t)ns_per_s) /* no division for the usual in-range fraction */
		nsec %= (uint32_t)ns_per_s;
	return sec * ns_per_s + (int64_t)nsec;
}

/* a + b (b unsigned, up to 2^64 - 1) saturated to [INT64_MIN, INT64_MAX],
 * with no intermediate overflow: pcapng seconds plus if_tsoffset, a chart
 * tick of a capture spanning centuries. */
static inline int64_t nt_add_sat(int64_t a, uint64_t b)
{
	if (a >= 0)
		return b > (uint64_t)(INT64_MAX - a) ? INT64_MAX : a + (int64_t)b;
	uint64_t neg = (uint64_t)-(a + 1) + 1; /* |a|, 1 .. 2^63 */
	if (b >= neg) {
		uint64_t d = b - neg;
		return d > (uint64_t)INT64_MAX ? INT64_MAX : (int64_t)d;
	}
	uint64_t d = neg - b; /* the sum is -d, 1 .. 2^63 */
	return d > (uint64_t)INT64_MAX ? INT64_MIN : -(int64_t)d;
}

#endif
