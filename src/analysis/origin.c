/* \summary: who sent an error, from TTLs, timing and addresses
 * (analysis/origin.h). */
#include "analysis/origin.h"

#include <string.h>

int nt_ttl_initial(uint8_t ttl)
{
	if (ttl == 0)
		return -1;
	return ttl <= 32 ? 32 : ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255;
}

int nt_ttl_hops(uint8_t ttl)
{
	int init = nt_ttl_initial(ttl);
	return init < 0 ? -1 : init - ttl;
}

int nt_addr_is_global(const struct nt_addr *a)
{
	const uint8_t *b = a->a;
	if (a->family == 4) {
		if (b[0] == 0 || b[0] == 10 || b[0] == 127 || b[0] >= 224)
			return 0;
		if (b[0] == 100 && (b[1] & 0xc0) == 64) /* 100.64/10 CGNAT */
			return 0;
		if (b[0] == 169 && b[1] == 254)
			return 0;
		if (b[0] == 172 && (b[1] & 0xf0) == 16)
			return 0;
		if (b[0] == 192 && b[1] == 168)
			return 0;
		if ((b[0] == 192 && b[1] == 0 && b[2] == 2) || (b[0] == 198 && b[1] == 51 && b[2] == 100) ||
		    (b[0] == 203 && b[1] == 0 && b[2] == 113) || (b[0] == 198 && (b[1] & 0xfe) == 18))
			return 0; /* documentation and benchmarking ranges */
		return 1;
	}
	if (a->family == 6) {
		static const uint8_t zero[15] = {0};
		if (memcmp(b, zero, 15) == 0)
			return 0; /* :: and ::1 */
		if (b[0] == 0xff || (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80))
			return 0; /* multicast, unique-local, link-local */
		if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
			return 0; /* 2001:db8::/32 documentation */
		return (b[0] & 0xe0) == 0x20; /* 2000::/3 global unicast */
	}
	return 0;
}

void nt_origin_judge(const struct nt_origin_in *in, struct nt_origin_out *out)
{
	memset(out, 0, sizeof(*out));
	out->quote_hops = -1;
	if (in->sent_ttl && in->quote_ttl && in->sent_ttl >= in->quote_ttl &&
	    in->sent_ttl - in->quote_ttl < 128)
		out->quote_hops = (int8_t)(in->sent_ttl - in->quote_ttl);
	out->err_hops = (int8_t)nt_ttl_hops(in->err_ttl);
	out->target_hops = (int8_t)nt_ttl_hops(in->target_ttl);
	if (!in->claims_target) {
		out->origin = NT_ORIGIN_ROUTER;
		return;
	}
	/* the quoted datagram never left the client's network */
	int near = out->quote_hops >= 0 && out->quote_hops <= 1;
	/* evidence that the target is farther than that */
	out->by_address = nt_addr_is_global(&in->target) && !nt_addr_is_global(&in->client);
	out->by_ttl = out->target_hops >= 0 && out->err_hops >= 0 &&
		      (out->target_hops - out->err_hops >= 2 || out->err_hops - out->target_hops >= 2);
	out->by_delay = in->target_rtt_ns > 0 && in->delay_ns >= 0 &&
			in->target_rtt_ns > 5 * in->delay_ns && in->target_rtt_ns - in->delay_ns > 1000000;
	if (near && (out->by_address || out->by_delay ||
		     (out->by_ttl && out->target_hops > out->err_hops)))
		out->origin = NT_ORIGIN_LOCAL;
	else if (out->by_ttl || out->by_delay)
		out->origin = out->err_hops >= 0 && out->err_hops <= 1 && out->target_hops > 1
				      ? NT_ORIGIN_LOCAL
				      : NT_ORIGIN_PATH;
	else if (out->quote_hops >= 0 || out->err_hops >= 0 || out->target_hops >= 0)
		out->origin = NT_ORIGIN_TARGET;
	else
		out->origin = NT_ORIGIN_UNKNOWN;
}
