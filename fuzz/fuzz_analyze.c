/* \summary: libFuzzer target: the whole analysis path.  The input is
 * split into records at each "NTRC" marker (as Zeek's packet fuzzers
 * split theirs); in each record the first byte picks the kind (bit 7: a
 * tcpdump text line, else a frame of the link type picked by the low
 * bits) and the second the time step (255: a step backwards); the rest is
 * the frame or the line.  Each becomes the record an input source
 * (input/source.h) delivers: frames as they are, lines through
 * nt_textlog_parse; nt_decode_record turns either into the engine's
 * packet; all go through the engine and the detectors, and
 * the report is written in every format the format table renders.  The
 * tables are kept at their smallest (16 entries) so that eviction paths
 * run too. */
#include <stdlib.h>
#include <string.h>

#include "analysis/engine.h"
#include "cli/pipeline.h"
#include "decode/decode.h"
#include "decode/record.h"
#include "input/source.h"
#include "core/escape.h"
#include "fuzz.h"
#include "input/textlog.h"
#include "report/formats.h"
#include "report/model.h"

static const int analyze_dlts[] = {
	NT_DLT_EN10MB, NT_DLT_LINUX_SLL, NT_DLT_LINUX_SLL2, NT_DLT_NULL, NT_DLT_RAW,
};

static const uint8_t *analyze_find_marker(const uint8_t *p, const uint8_t *end)
{
	while (end - p >= 4) {
		const uint8_t *m = memchr(p, 'N', (size_t)(end - p) - 3);
		if (m == NULL)
			return end;
		if (memcmp(m, "NTRC", 4) == 0)
			return m;
		p = m + 1;
	}
	return end;
}

/* The HTML page holds only the elements the renderer writes: a '<' of
 * input text that escaped the escaping would open another one. */
static void check_html(const char *s)
{
	static const char *const tags[] = {
	    "a", "b", "body", "circle", "code", "details", "div", "figcaption", "figure",
	    "footer", "h1", "h2", "h3", "head", "html", "i", "li", "line", "main", "meta",
	    "nav", "ol", "p", "path", "rect", "span", "style", "summary", "svg", "table", "td",
	    "text", "th", "title", "tr", "ul", "tbody", "thead",
	};
	for (const char *p = strchr(s, '<'); p; p = strchr(p + 1, '<')) {
		const char *n = p + 1;
		if (*n == '/')
			n++;
		if (*n == '!') /* <!DOCTYPE html> */
			continue;
		size_t len = strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789");
		int ok = 0;
		for (size_t i = 0; i < sizeof(tags) / sizeof(tags[0]) && !ok; i++)
			ok = strlen(tags[i]) == len && strncmp(tags[i], n, len) == 0;
		if (!ok)
			__builtin_trap();
	}
}

/* JSON text: valid UTF-8, no raw control but the newlines between lines. */
static void check_json(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = nt_utf8_seq((const unsigned char *)s + i, n - i, &cp);
		if (len == 0 || (cp != '\n' && nt_cp_unsafe(cp)))
			__builtin_trap();
		i += len;
	}
}

static void analyze_render(const struct nt_report *rep)
{
	struct nt_out o;
	if (nt_out_mem(&o, 8u << 20) < 0)
		return;
	for (int i = 0; i < NT_FMT_COUNT; i++) {
		if (nt_formats[i].render == NULL)
			continue;
		nt_formats[i].render(rep, &o, 1);
		fz_check_text(&o);
		if (strcmp(nt_formats[i].name, "html") == 0)
			check_html(nt_out_str(&o));
		else if (strncmp(nt_formats[i].name, "json", 4) == 0)
			check_json(nt_out_str(&o));
		nt_out_reset(&o);
	}
	nt_out_close(&o);
}

int nt_fuzz_analyze(const uint8_t *data, size_t size)
{
	if (size > (1u << 18))
		return 0;
	static int params_set;
	if (!params_set) {
		nt_pipeline_set("cap.dns_transactions", "16");
		nt_pipeline_set("cap.dns_lookups", "16");
		nt_pipeline_set("cap.tcp_handshakes", "16");
		nt_pipeline_set("cap.hosts", "16");
		params_set = 1;
	}
	static struct nt_tl_rec *rec;
	static struct nt_report *rep;
	if (rec == NULL)
		rec = malloc(sizeof(*rec));
	if (rep == NULL)
		rep = nt_report_new();
	if (rec == NULL || rep == NULL)
		return 0;
	memset(rep, 0, sizeof(*rep));
	rep->command = "analyze";
	struct nt_pipeline *pl = nt_pipeline_new(rep, NULL);
	if (pl == NULL)
		return 0;
	rep->n_inputs = 2;
	strcpy(rep->inputs[0].path, "fuzz.pcap");
	strcpy(rep->inputs[0].format, "pcap");
	strcpy(rep->inputs[1].path, "fuzz.txt");
	strcpy(rep->inputs[1].format, "tcpdump-text");
	rep->inputs[1].is_text = 1;
	rep->inputs[1].no_date = 1;

	static struct nt_pkt pkt, tpkt;
	int64_t sec = 1700000000, tod = 13 * 3600;
	uint32_t nsec = 0;
	uint64_t frames = 0, lines = 0;
	const uint8_t *p = data, *end = data + size;
	while (p < end) {
		const uint8_t *m = analyze_find_marker(p, end);
		size_t n = (size_t)(m - p);
		if (n >= 2) {
			uint8_t kind = p[0], step = p[1];
			const uint8_t *body = p + 2;
			size_t blen = n - 2;
			uint64_t add = step == 255 ? 0 : (uint64_t)step * 37000000u;
			if (step == 255)
				sec -= 3;
			nsec += (uint32_t)(add % 1000000000u);
			sec += (int64_t)(add / 1000000000u) + nsec / 1000000000u;
			nsec %= 1000000000u;
			/* each record as an input source delivers it, decoded as
			 * analyze decodes it (decode/record.h) */
			struct nt_src_rec r;
			struct nt_raw raw;
			memset(&r, 0, sizeof(r));
			if (kind & 0x80) {
				char *s = malloc(blen ? blen : 1);
				if (s == NULL)
					break;
				memcpy(s, body, blen);
				nt_textlog_parse(s, blen, &tpkt, rec);
				tpkt.frame = ++lines;
				if (tpkt.ts_sec == 0)
					tpkt.ts_sec = tod + (sec - 1700000000);
				rec->line_first = rec->line_last = lines;
				r.kind = NT_REC_TEXT;
				r.input = 1;
				r.number = lines;
				r.pkt = &tpkt;
				r.tl = rec;
				nt_decode_record(&r, &pkt, &raw);
				nt_pipeline_packet(pl, &pkt, &raw);
				rep->inputs[1].packets++;
				free(s);
			} else {
				int dlt = analyze_dlts[(kind & 0x3f) % 5];
				r.kind = NT_REC_FRAME;
				r.input = 0;
				r.number = ++frames;
				r.nano = 1;
				r.frame.index = r.number;
				r.frame.sec = sec;
				r.frame.frac = nsec;
				r.frame.data = body;
				r.frame.caplen = (uint32_t)blen;
				r.frame.wirelen = (kind & 0x40) ? r.frame.caplen + 40 : r.frame.caplen;
				r.frame.dlt = dlt;
				nt_decode_record(&r, &pkt, &raw);
				nt_pipeline_packet(pl, &pkt, &raw);
				rep->inputs[0].packets++;
			}
		}
		p = m < end ? m + 4 : end;
	}
	nt_pipeline_finish(pl);
	analyze_render(rep);
	nt_pipeline_free(pl);
	return 0;
}

#ifndef NT_FUZZ_REPLAY
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return nt_fuzz_analyze(data, size);
}
#endif
