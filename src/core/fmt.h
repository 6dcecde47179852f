/* \summary: text formatting shared by every stage that writes prose:
 * bounded snprintf, times (ISO-8601 UTC or time of day) and durations. */
#ifndef NT_FMT_H
#define NT_FMT_H

#include <stddef.h>
#include <stdint.h>

/* Time as ISO-8601 UTC ("2026-01-02T13:24:32.192571Z") or, without a
 * date, time of day ("13:24:32.192571"). */
char *nt_fmt_time(char *dst, size_t n, int64_t t, int no_date);
/* Time to the second for prose: "13:24:32" or "2026-01-02 13:24:32 UTC". */
char *nt_fmt_time_s(char *dst, size_t n, int64_t t, int no_date);
/* Duration "3.9 s", "43 ms", "2 min 18 s". */
char *nt_fmt_dur(char *dst, size_t n, int64_t ns);

/* snprintf that never warns about truncation (reports cut long text). */
int nt_fmt(char *dst, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
