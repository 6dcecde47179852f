/* \summary: the text form of an address (core/addr.h). */
#include "core/addr.h"

#include "core/out.h"

char *nt_addr_str(const struct nt_addr *a, char *dst, size_t n)
{
	char tmp[64];
	if (a->family == 4)
		nt_fmt_ip4(tmp, a->a);
	else if (a->family == 6)
		nt_fmt_ip6(tmp, a->a);
	else
		strcpy(tmp, "?");
	if (n == 0)
		return dst;
	size_t len = strlen(tmp); /* as snprintf, without its cost per call */
	if (len >= n)
		len = n - 1;
	memcpy(dst, tmp, len);
	dst[len] = '\0';
	return dst;
}
