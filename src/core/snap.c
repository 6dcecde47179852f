/* \summary: evidence snapshots and packet times (core/snap.h). */
#include "core/snap.h"

#include <string.h>

#define NS 1000000000LL

int64_t nt_pkt_time(const struct nt_pkt *pkt)
{
	/* Clamp to +-2^62 ns (years 1824..2116, every pcap time stamp): a text
	 * log's far-off date or a huge pcapng time stamp must not overflow
	 * the nanosecond count, nor the difference of two times. */
	const int64_t lim = INT64_MAX / NS / 2 - 1;
	int64_t sec = pkt->ts_sec;
	if (sec > lim)
		sec = lim;
	else if (sec < -lim)
		sec = -lim;
	uint32_t ns = pkt->ts_nsec;
	if (ns >= NS) /* no division for the usual in-range fraction */
		ns %= NS;
	return sec * NS + (int64_t)ns;
}

int nt_pkt_event_of(const struct nt_pkt *pkt)
{
	if (pkt->icmp.present) {
		const struct nt_icmp *ic = &pkt->icmp;
		if (ic->is_error) {
			int ttl = ic->v6 ? ic->type == 3 : ic->type == 11;
			int frag = ic->v6 ? ic->type == 2 : ic->type == 3 && ic->code == 4;
			return ttl ? NT_PE_ICMP_TTL : frag ? NT_PE_ICMP_FRAG : NT_PE_ICMP_UNREACH;
		}
		if (ic->type == (ic->v6 ? 128 : 8))
			return NT_PE_ICMP_ECHO;
		if (ic->type == (ic->v6 ? 129 : 0))
			return NT_PE_ICMP_ECHO_REPLY;
		return NT_PE_ICMP_OTHER;
	}
	if (pkt->flow.proto == 6 && !pkt->fragment && !pkt->dns.present) {
		uint8_t fl = pkt->tcp_flags;
		if (fl & NT_TH_RST)
			return NT_PE_TCP_RST;
		if ((fl & (NT_TH_SYN | NT_TH_ACK)) == NT_TH_SYN)
			return NT_PE_TCP_SYN;
		if ((fl & (NT_TH_SYN | NT_TH_ACK)) == (NT_TH_SYN | NT_TH_ACK))
			return NT_PE_TCP_SYNACK;
		return NT_PE_TCP_OTHER;
	}
	if (pkt->dns.present) {
		if (!pkt->dns.qr)
			return NT_PE_DNS_QUERY;
		switch (pkt->dns.rcode) {
		case 0: return NT_PE_DNS_ANSWER;
		case 2: return NT_PE_DNS_SERVFAIL;
		case 3: return NT_PE_DNS_NXDOMAIN;
		case 5: return NT_PE_DNS_REFUSED;
		default: return NT_PE_DNS_ERROR;
		}
	}
	return NT_PE_PACKET;
}

static void facts_fill(struct nt_facts *f, const struct nt_pkt *pkt)
{
	memset(f, 0, sizeof(*f));
	f->src = pkt->flow.src;
	f->dst = pkt->flow.dst;
	f->sport = pkt->flow.sport;
	f->dport = pkt->flow.dport;
	f->l3 = pkt->l3;
	f->proto = pkt->flow.proto;
	f->ttl = pkt->ttl;
	f->tcp_flags = pkt->tcp_flags;
	f->event = (uint8_t)nt_pkt_event_of(pkt);
	if (pkt->icmp.present) {
		f->icmp_type = pkt->icmp.type;
		f->icmp_code = pkt->icmp.code;
		if (pkt->icmp.has_quote) {
			f->quote_ttl = pkt->icmp.quote_ttl;
			f->quote_dst = pkt->icmp.quote.dst;
			f->quote_dport = pkt->icmp.quote.dport;
			f->quote_proto = pkt->icmp.quote.proto;
		}
	}
	if (pkt->dns.present) {
		f->dns_id = pkt->dns.id;
		f->dns_qtype = pkt->dns.qtype;
		f->dns_rcode = pkt->dns.rcode;
	}
}

void nt_snap_fill(struct nt_snap *s, const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	s->frame = pkt->frame;
	s->t = nt_pkt_time(pkt);
	s->line = raw ? raw->line : 0;
	s->input = raw ? (uint8_t)raw->input : 0;
	s->dlt = raw ? raw->dlt : 0;
	s->caplen = s->wirelen = 0;
	s->len = 0;
	s->is_text = 0;
	facts_fill(&s->facts, pkt);
	if (raw && raw->text) {
		size_t n = raw->text_len < NT_SNAP_MAX ? raw->text_len : NT_SNAP_MAX;
		memcpy(s->data, raw->text, n);
		s->len = (uint16_t)n;
		s->is_text = 1;
	} else if (raw && raw->data) {
		size_t n = raw->caplen < NT_SNAP_MAX ? raw->caplen : NT_SNAP_MAX;
		memcpy(s->data, raw->data, n);
		s->len = (uint16_t)n;
		s->caplen = raw->caplen;
		s->wirelen = raw->wirelen;
	}
}
