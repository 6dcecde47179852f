/* \summary: decoder entries for what the engine reassembles: an IP
 * datagram put together from its fragments (RFC 791 3.2, RFC 8200 4.5),
 * and a DNS message taken out of a TCP stream (RFC 1035 4.2.2, RFC 7766
 * section 8).  Both fill a struct nt_pkt as the frame decoder does,
 * without allocating: pointers point into the caller's buffer. */
#include "decode/decode.h"

#include "core/cursor.h"
#include "decode/dns.h"

void nt_decode_datagram(const uint8_t *data, uint32_t caplen, uint32_t len, struct nt_pkt *pkt)
{
	/* a datagram is a raw-IP frame: the frame decoder reads it whole */
	nt_decode_frame(data, caplen, len, NT_DLT_RAW, pkt);
	pkt->flags |= NT_PKT_REASSEMBLED;
}

void nt_decode_dns_message(const uint8_t *msg, uint32_t caplen, uint32_t len, struct nt_pkt *pkt)
{
	struct nt_cur c;
	nt_cur_init_frame(&c, msg, caplen < len ? caplen : len, len);
	nt_decode_dns(&c, len, &pkt->dns);
	/* as the frame decoder names them, by port (RFC 6762, RFC 4795) */
	unsigned sp = pkt->flow.sport, dp = pkt->flow.dport;
	pkt->dns.is_mdns = (uint8_t)(sp == 5353 || dp == 5353);
	pkt->dns.is_llmnr = (uint8_t)(!pkt->dns.is_mdns && (sp == 5355 || dp == 5355));
	if (pkt->dns.status > pkt->status)
		pkt->status = pkt->dns.status;
	pkt->flags |= NT_PKT_REASSEMBLED;
}
