/* \summary: dns.amplification: DNS reflection toward one victim - many
 * large responses (ANY, DNSSEC, TXT) that the victim did not ask for
 * (unsolicited, as the engine classifies them) or a response/query byte
 * ratio far above normal, per the CESNET NEMEA amplification detector and
 * ET Open sid 2016016.  A receiver is tracked from its first response
 * larger than 512 bytes. */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "detectors/names.h"
#include "detectors/rates.h"
#include "core/ktab.h"
#include "detectors/common.h"

extern const struct nt_detector nt_det_amp;

static struct nt_param params[] = {
	{"dns.amp.min_responses", 100, "count",
	 "DNS responses to one victim before amplification is considered",
	 "nettriage choice: a third of CESNET NEMEA's 300 flows (reference), one capture "
	 "point sees one victim's share"},
	{"dns.amp.min_ratio", 10, "ratio",
	 "response bytes / query bytes of the victim (solicited case)",
	 "CESNET NEMEA amplification_detection: amplification >= 10x (reference)"},
	{"dns.amp.min_avg_response", 1000, "bytes",
	 "mean DNS response size to the victim",
	 "CESNET NEMEA uses 2000 B over reassembled flows (reference); 1000 B per datagram "
	 "is near the 1232 B EDNS buffer of DNS flag day 2020"},
	{"dns.amp.min_unsolicited_ratio", 0.5, "ratio",
	 "share of the responses nobody was seen asking for (spoofed-source queries)",
	 "nettriage choice: a majority of unsolicited answers"},
	{"cap.dns_amp_victims", 1024, "entries",
	 "response receivers tracked (least recently used evicted, counted)",
	 "nettriage choice"},
};

#define P(i) (params[i].value)

enum { SRC_BITS = 256, SAMPLE_SRC = 8 };

struct victim {
	struct nt_ktab_hdr h;
	struct nt_addr addr;
	uint64_t responses, resp_bytes, queries, query_bytes, unsolicited, big_types, any;
	uint32_t max_resp;
	int64_t first, last;
	uint64_t src_bits[SRC_BITS / 64];
	uint32_t n_src;
	struct nt_addr src[SAMPLE_SRC];
	uint16_t top_qtype;
	uint8_t have_snap, proto;
	struct nt_snap snap;
};

enum { VICTIM_FILTER = 8192 };

/* per run */
struct amp {
	struct nt_ktab tab;       /* struct victim by receiver address */
	/* receivers ever tracked (bit per address; not cleared on eviction) */
	uint64_t victims[VICTIM_FILTER / 64];
};

static int tracked(struct amp *s, const struct nt_addr *a)
{
	uint32_t b = nt_addr_bit(a, 0, VICTIM_FILTER);
	return (int)(s->victims[b >> 6] >> (b & 63) & 1);
}

static void on_event(void *state, struct nt_findings *fs, const struct nt_engine *e,
		     const struct nt_event *ev)
{
	struct amp *s = state;
	if (ev->type != NT_EV_DNS_TXN || ev->txn->state != NT_TXN_UNSOLICITED)
		return;
	uint8_t key[NT_KTAB_KEY];
	size_t kl = nt_ktab_key_addr(key, &ev->txn->client, NULL, 0);
	struct victim *v = nt_ktab_find(&s->tab, key, kl);
	if (v)
		v->unsolicited++;
}

static void on_packet(void *state, struct nt_findings *fs, const struct nt_engine *e,
		      const struct nt_pkt *pkt, const struct nt_raw *raw)
{
	struct amp *s = state;
	const struct nt_dns *d = &pkt->dns;
	if (!d->present || d->is_mdns || d->is_llmnr)
		return;
	uint8_t key[NT_KTAB_KEY];
	uint32_t size = d->msg_len ? d->msg_len : pkt->l4_payload_len;
	if (!d->qr) {
		if (!tracked(s, &pkt->flow.src))
			return;
		size_t kl = nt_ktab_key_addr(key, &pkt->flow.src, NULL, 0);
		struct victim *v = nt_ktab_find(&s->tab, key, kl);
		if (v) {
			v->queries++;
			v->query_bytes += size;
		}
		return;
	}
	if (size <= 512 && !tracked(s, &pkt->flow.dst))
		return;
	int64_t t = nt_pkt_time(pkt);
	size_t kl = nt_ktab_key_addr(key, &pkt->flow.dst, NULL, 0);
	/* a receiver is tracked from its first large response (above the 512 B
	 * of classic DNS); small answers only count toward tracked ones */
	struct victim *v = size > 512 ? nt_ktab_get(&s->tab, key, kl, t) : nt_ktab_find(&s->tab, key, kl);
	if (v == NULL)
		return;
	if (v->responses == 0) {
		uint32_t b = nt_addr_bit(&pkt->flow.dst, 0, VICTIM_FILTER);
		s->victims[b >> 6] |= 1ull << (b & 63);
		v->addr = pkt->flow.dst;
		v->first = t;
	}
	v->last = t;
	v->responses++;
	v->resp_bytes += size;
	v->proto = pkt->flow.proto;
	if (size > v->max_resp)
		v->max_resp = size;
	uint16_t qt = d->qtype;
	if (qt == 255 || qt == 16 || qt == 48 || qt == 43 || qt == 46 || qt == 50) {
		v->big_types++;
		v->top_qtype = qt;
	}
	if (qt == 255)
		v->any++;
	nt_distinct_add(v->src_bits, SRC_BITS, nt_hash_addr(NT_FNV_SEED, &pkt->flow.src));
	nt_addr_sample(v->src, &v->n_src, SAMPLE_SRC, &pkt->flow.src);
	if (!v->have_snap && size >= P(2)) {
		nt_snap_fill(&v->snap, pkt, raw);
		v->have_snap = 1;
	}
}

static void finish(void *state, struct nt_findings *fs, const struct nt_engine *e)
{
	struct amp *s = state;
	for (uint32_t i = 0; i < s->tab.nslot; i++) {
		struct victim *v = nt_ktab_at(&s->tab, i);
		if (v == NULL || v->responses < P(0))
			continue;
		double avg = (double)v->resp_bytes / (double)v->responses;
		double unsol = (double)v->unsolicited / (double)v->responses;
		double ratio = v->query_bytes ? (double)v->resp_bytes / (double)v->query_bytes : 0;
		int by_unsol = unsol >= P(3);
		int by_ratio = v->query_bytes && ratio >= P(1);
		if (avg < P(2) || (!by_unsol && !by_ratio))
			continue;
		struct nt_finding *f = nt_det_finding(fs, &nt_det_amp, "dns.amplification", &v->addr, -1,
						      v->proto == 6 ? "tcp" : "udp", "DNS");
		if (f == NULL)
			continue;
		f->severity = NT_SEV_HIGH;
		f->count = v->responses;
		f->first_seen = v->first;
		f->last_seen = v->last;
		double srcs = nt_distinct_est(v->src_bits, SRC_BITS);
		if (srcs < v->n_src)
			srcs = v->n_src;
		char c[64];
		for (uint32_t k = 0; k < v->n_src; k++)
			nt_finding_add_client(f, nt_addr_str(&v->src[k], c, sizeof(c)));
		if (srcs > f->n_clients) {
			f->clients_more = (uint32_t)(srcs - f->n_clients);
			f->clients_more_est = 1; /* from its bits */
		}
		if (v->have_snap)
			nt_finding_evidence(f, &v->snap);
		double secs = (double)(v->last - v->first) / 1e9;
		nt_figure(f, "responses", (double)v->responses);
		nt_figure(f, "unsolicited_ratio", unsol);
		nt_figure(f, "mean_response_bytes", avg);
		nt_figure(f, "max_response_bytes", v->max_resp);
		nt_figure(f, "response_query_byte_ratio", ratio);
		nt_figure(f, "any_dnssec_txt_ratio", (double)v->big_types / (double)v->responses);
		nt_figure(f, "reflectors", srcs);
		nt_figure(f, "bits_per_s", secs > 0 ? (double)v->resp_bytes * 8 / secs : 0);
		char refl[300], t1[48], t2[48];
		nt_join_clients(f, refl, sizeof(refl));
		nt_fmt_time_s(t1, sizeof(t1), v->first, e->no_date);
		nt_fmt_time_s(t2, sizeof(t2), v->last, e->no_date);
		nt_fmt(f->summary, sizeof(f->summary),
			 "DNS amplification toward %s: %llu responses averaging %.0f bytes from %.0f "
			 "reflector%s (%.0f%% unsolicited%s) between %s and %s.",
			 f->server, (unsigned long long)v->responses, avg, srcs, srcs == 1 ? "" : "s",
			 unsol * 100, by_ratio ? ", response/query bytes above the threshold" : "", t1,
			 t2);
		nt_fmt(f->analysis, sizeof(f->analysis),
			 "DNS responses were counted per receiver. %s received %llu responses "
			 "(dns.amp.min_responses = %.0f), mean %.0f bytes (min %.0f), largest %u; "
			 "%llu (%.0f%%) answered no query seen from it (unsolicited, min %.0f%%); it "
			 "sent %llu queries / %llu bytes for %llu response bytes (ratio %.1f, min "
			 "%.0f). %llu responses were ANY/DNSSEC/TXT (%llu ANY), the types abused for "
			 "amplification (ET Open sid 2016016 watches ANY with a large EDNS buffer).",
			 f->server, (unsigned long long)v->responses, P(0), avg, P(2), v->max_resp,
			 (unsigned long long)v->unsolicited, unsol * 100, P(3) * 100,
			 (unsigned long long)v->queries, (unsigned long long)v->query_bytes,
			 (unsigned long long)v->resp_bytes, ratio, P(1),
			 (unsigned long long)v->big_types, (unsigned long long)v->any);
		nt_fmt(f->impact, sizeof(f->impact),
			 "%s is the target of a reflection attack: its link fills with large DNS "
			 "answers it never asked for.", f->server);
		nt_finding_cause(f, "Reflection/amplification DDoS using open resolvers",
			"An attacker sends small queries with %s forged as the source to resolvers "
			"(%s), which answer with large responses.", f->server, refl);
		nt_finding_cause(f, "Our own resolvers abused as reflectors",
			"If any of the reflectors are yours, they are open to the Internet or lack "
			"response-rate limiting.");
		nt_finding_step(f, "Ask the upstream provider to filter UDP source port 53 toward "
			"%s; apply BCP 38 ingress filtering.", f->server);
		nt_finding_step(f, "Check whether the reflectors (%s) are open resolvers you run; "
			"restrict recursion and enable RRL.", refl);
	}
}

static void title(const struct nt_finding *f, char *dst, size_t n)
{
	nt_fmt(dst, n, "DNS amplification toward %s", f->server);
}

static const struct nt_kind kinds[] = {{"dns.amplification", title}};

static const struct nt_table_desc tables[] = {
	{"dns_amp_victims", sizeof(struct victim), "cap.dns_amp_victims", NT_LAYOUT_SLOTS,
	 offsetof(struct amp, tab)},
};

const struct nt_detector nt_det_amp = {
	.name = "dns.amplification",
	NT_DET_KINDS(kinds),
	NT_DET_PARAMS(params),
	NT_DET_TABLES(tables, struct amp),
	.on_event = on_event,
	.on_packet = on_packet,
	.finish = finish,
};
