/* \summary: text formatting shared by every stage that writes prose:
 * bounded snprintf, times and durations (core/fmt.h). */
#include "core/fmt.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define NS 1000000000LL

int nt_fmt(char *dst, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int r = vsnprintf(dst, n, fmt, ap);
	va_end(ap);
	if (r < 0)
		r = 0;
	return r;
}

char *nt_fmt_time(char *dst, size_t n, int64_t t, int no_date)
{
	int64_t sec = t / NS;
	int64_t frac = t % NS;
	if (frac < 0) {
		frac += NS;
		sec--;
	}
	long usec = (long)(frac / 1000);
	if (no_date) {
		int64_t s = sec % 86400;
		if (s < 0)
			s += 86400;
		snprintf(dst, n, "%02d:%02d:%02d.%06ld", (int)(s / 3600), (int)(s / 60 % 60),
			 (int)(s % 60), usec);
		return dst;
	}
	time_t tt = (time_t)sec;
	struct tm tm;
	if (gmtime_r(&tt, &tm) == NULL) {
		snprintf(dst, n, "%lld", (long long)sec);
		return dst;
	}
	snprintf(dst, n, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ", tm.tm_year + 1900, tm.tm_mon + 1,
		 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, usec);
	return dst;
}

char *nt_fmt_time_s(char *dst, size_t n, int64_t t, int no_date)
{
	char buf[64];
	nt_fmt_time(buf, sizeof(buf), t, no_date);
	char *dot = strchr(buf, '.');
	if (dot)
		*dot = '\0';
	char *tee = strchr(buf, 'T');
	if (tee) {
		*tee = ' ';
		snprintf(dst, n, "%s UTC", buf);
	} else {
		snprintf(dst, n, "%s", buf);
	}
	return dst;
}

char *nt_fmt_dur(char *dst, size_t n, int64_t ns)
{
	if (ns < 0)
		ns = 0;
	if (ns < 1000000)
		snprintf(dst, n, "%.0f us", (double)ns / 1e3);
	else if (ns < NS)
		snprintf(dst, n, "%.1f ms", (double)ns / 1e6);
	else if (ns < 60 * NS)
		snprintf(dst, n, "%.1f s", (double)ns / 1e9);
	else if (ns < 3600 * NS)
		snprintf(dst, n, "%d min %d s", (int)(ns / (60 * NS)), (int)(ns / NS % 60));
	else
		snprintf(dst, n, "%d h %d min", (int)(ns / (3600 * NS)), (int)(ns / (60 * NS) % 60));
	return dst;
}
