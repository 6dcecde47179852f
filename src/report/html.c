/* \summary: HTML incident report: one self-contained page (inline CSS and
 * SVG, no script, no external fetch) with the content of the Markdown
 * report, charts drawn from the bounded series (capture time line with
 * each finding's events, rcode mix, DNS response times per server, top
 * talkers) and evidence lines whose fields explain themselves on hover or
 * focus.  Readable on a phone (fluid layout) and on paper (print CSS). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/time.h"
#include "input/explain.h"
#include "report/formats.h"
#include "report/model.h"
#include "report/sections.h"
#include "report/series.h"

#define NS 1000000000LL

static const char css[] =
	":root{--fg:#1f2937;--mut:#6b7280;--bg:#fff;--line:#e5e7eb;--acc:#1d4ed8;--q:#2563eb;"
	"--r:#059669;--icmp:#dc2626;--syn:#7c3aed;--fail:#991b1b}"
	"*{box-sizing:border-box}body{margin:0;background:#f3f4f6;color:var(--fg);"
	"font:15px/1.55 system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif}"
	"main{max-width:1000px;margin:0 auto;padding:24px 28px 48px;background:var(--bg)}"
	"h1{font-size:1.7em;line-height:1.25;margin:.2em 0 .5em}"
	"h2{font-size:1.3em;margin:1.8em 0 .6em;padding-bottom:.25em;"
	"border-bottom:2px solid var(--line)}h3{font-size:1.08em;margin:1.4em 0 .5em}"
	"p{margin:.5em 0 .8em}"
	"code,pre,.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;"
	"font-size:.86em}table{border-collapse:collapse;margin:.4em 0 1em;font-size:.92em}"
	"th,td{border:1px solid var(--line);padding:.3em .6em;text-align:left;vertical-align:top}"
	"th{background:#f9fafb}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}"
	".tw{overflow-x:auto;max-width:100%}"
	".meta td:first-child{color:var(--mut);white-space:nowrap}"
	".badge{display:inline-block;padding:.05em .55em;border-radius:999px;color:#fff;"
	"font-size:.78em;font-weight:600;letter-spacing:.02em;vertical-align:middle}"
	".sev-critical{background:#7f1d1d}.sev-high{background:#b91c1c}"
	".sev-medium{background:#c2410c}.sev-low{background:#a16207}"
	".sev-info{background:#475569}"
	".card{border:1px solid var(--line);border-left:5px solid #b91c1c;border-radius:6px;"
	"padding:.6em 1em;margin:.8em 0;background:#fffdfd}"
	".card.s-medium{border-left-color:#c2410c}"
	".card.s-low,.card.s-info{border-left-color:#94a3b8;background:#fff}"
	".note{color:var(--mut);font-size:.9em}"
	".warn{background:#fffbeb;border:1px solid #fcd34d;border-radius:6px;padding:.5em .9em}"
	"nav.toc{font-size:.9em;margin:.4em 0 1em}"
	"nav.toc a{margin-right:.9em;color:var(--acc);text-decoration:none}"
	".charts{display:grid;grid-template-columns:1fr;gap:14px}"
	".small{display:grid;grid-template-columns:repeat(auto-fit,minmax(340px,1fr));gap:12px}"
	".small>div{max-width:560px;min-width:0}"
	"figure{margin:0;min-width:0;border:1px solid var(--line);border-radius:6px;"
	"padding:10px 12px;background:#fff}"
	"figcaption{font-weight:600;font-size:.95em;margin-bottom:4px}"
	"figure .note{font-weight:400;margin:.2em 0 0}"
	"svg{display:block;width:100%;height:auto}"
	"svg text{font:11px system-ui,sans-serif;fill:#4b5563}"
	"svg .ax{stroke:#9ca3af;stroke-width:1}svg .grid{stroke:#eef0f3;stroke-width:1}"
	".legend{display:flex;flex-wrap:wrap;gap:.3em 1em;font-size:.85em;color:var(--mut);"
	"margin-top:4px}.legend i{display:inline-block;width:.8em;height:.8em;border-radius:2px;"
	"margin-right:.3em;vertical-align:-.05em}"
	".ev{margin:.2em 0 1em;padding:.5em .7em;background:#0f172a;color:#e2e8f0;"
	"border-radius:6px}"
	".ev div{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.84em;"
	"white-space:pre-wrap;word-break:break-word;padding:.12em 0}"
	".ev .ln{color:#94a3b8;user-select:none;margin-right:.6em}"
	".f{position:relative;border-bottom:1px dotted #64748b;cursor:help;outline:none}"
	".f:hover,.f:focus{background:#334155;border-radius:2px}"
	".f.q{color:#fcd34d}.f.u{color:#fca5a5}"
	".tip{display:none;position:absolute;left:0;top:1.6em;z-index:10;width:max-content;"
	"max-width:min(26em,80vw);white-space:normal;word-break:normal;background:#fff;"
	"color:#111827;border:1px solid #cbd5e1;box-shadow:0 4px 14px rgba(0,0,0,.18);"
	"border-radius:6px;padding:.45em .65em;font:13px/1.4 system-ui,sans-serif}"
	".tip b{display:block;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.92em;"
	"margin-bottom:.15em}.f:hover>.tip,.f:focus>.tip{display:block}"
	".f.r>.tip{left:auto;right:0}ol.causes li{margin-bottom:.5em}"
	"details>summary{cursor:pointer;color:var(--acc);margin:.4em 0}"
	"footer{margin-top:2.5em;color:var(--mut);font-size:.85em;"
	"border-top:1px solid var(--line);padding-top:.6em}"
	".sc{overflow-x:auto;-webkit-overflow-scrolling:touch}"
	".meta code{word-break:break-all}@media (max-width:640px){"
	"body{font-size:14px}main{padding:14px 12px 32px}"
	"h1{font-size:1.35em}svg.w{min-width:620px}"
	"th,td{padding:.25em .4em}.small{grid-template-columns:1fr}"
	"}@media print{body{background:#fff;font-size:10.5pt}"
	"main{max-width:none;padding:0}nav.toc,.tip{display:none!important}"
	"a{color:inherit;text-decoration:none}figure,.card,table,.ev div{break-inside:avoid}"
	"h2,h3{break-after:avoid}.ev{background:#fff;color:#000;border:1px solid #999}"
	".ev .ln{color:#555}.f{border:0}.f.q,.f.u{color:#000}"
	".charts,.small{display:block}figure{margin:0 0 10px}"
	"svg.w{min-width:0}@page{margin:14mm}}";

/* ---- small text helpers ---- */

static void esc(struct nt_out *o, const char *s)
{
	nt_out_html(o, s);
}

static void esc_n(struct nt_out *o, const char *s, size_t n)
{
	char buf[256];
	while (n) {
		size_t k = n < sizeof(buf) - 1 ? n : sizeof(buf) - 1;
		memcpy(buf, s, k);
		buf[k] = '\0';
		nt_out_html(o, buf);
		s += k;
		n -= k;
	}
}

/* "13:24:32" from a report time. */
static const char *clock_of(char *dst, size_t n, int64_t t, int no_date)
{
	char b[64];
	nt_fmt_time(b, sizeof(b), t, no_date);
	const char *s = strchr(b, 'T');
	s = s ? s + 1 : b;
	size_t k = strcspn(s, ".Z");
	nt_fmt(dst, n, "%.*s", (int)k, s);
	return dst;
}

static const char *sev_color(int sev)
{
	static const char *const c[] = {"#475569", "#a16207", "#c2410c", "#b91c1c", "#7f1d1d"};
	return sev >= 0 && sev <= NT_SEV_CRITICAL ? c[sev] : c[0];
}

/* Rounds up to 1, 2 or 5 times a power of ten. */
static uint64_t nice_max(uint64_t v)
{
	uint64_t p = 1;
	if (v < 1)
		return 1;
	for (;;) {
		if (v <= p)
			return p;
		if (v <= 2 * p)
			return 2 * p;
		if (v <= 5 * p)
			return 5 * p;
		p *= 10;
	}
}

/* ---- charts ---- */

enum { CW = 960, ML = 46, MR = 14 };

static double xpos(const struct nt_series *s, int64_t t)
{
	double pw = CW - ML - MR;
	double span = (double)s->width * (double)s->n;
	/* t - t0 in uint64: a tick at the end of the last bucket can lie more
	 * than 2^63 - 1 ns after t0 (tick_time) */
	double x = t < s->t0 ? 0 : (double)((uint64_t)t - (uint64_t)s->t0) / span;
	if (x > 1)
		x = 1;
	return ML + x * pw;
}

static void y_axis(struct nt_out *o, int top, int h, uint64_t ymax, const char *unit)
{
	for (int k = 0; k <= 2; k++) {
		double y = top + h - h * k / 2.0;
		nt_out_printf(o,
			      "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
			      ML, CW - MR, y, y);
		if (k != 1 || ymax % 2 == 0)
			nt_out_printf(o,
				      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%llu</text>",
				      ML - 6, y + 4, (unsigned long long)(ymax * (uint64_t)k / 2));
	}
	nt_out_printf(o, "<text x=\"4\" y=\"%d\">%s</text>", top - 6, unit);
	nt_out_printf(o, "<line class=\"ax\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", ML,
		      CW - MR, top + h, top + h);
}

/* The time of tick k of 5 over the series, t0 + span * k / 5, computed
 * in uint64 with no overflow: span * k overflows int64 for a capture of
 * more than ~58 years of nanoseconds, and span (width * n) itself can pass
 * 2^63 - 1 for times clamped at both ends of core/time.h's range. */
static int64_t tick_time(const struct nt_series *s, int k)
{
	uint64_t span = (uint64_t)s->width * s->n;
	return nt_add_sat(s->t0, span / 5 * (uint64_t)k + span % 5 * (uint64_t)k / 5);
}

static void x_axis(struct nt_out *o, const struct nt_report *r, const struct nt_series *s, int y)
{
	for (int k = 0; k <= 5; k++) {
		int64_t t = tick_time(s, k);
		char c[32];
		double x = xpos(s, t);
		nt_out_printf(o, "<line class=\"ax\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\"/>",
			      x, x, y, y + 4);
		nt_out_printf(o, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%s</text>", x,
			      y + 16,
			      k == 0       ? "start"
				  : k == 5 ? "end"
					   : "middle",
			      clock_of(c, sizeof(c), t, r->no_date));
	}
}

static const char *width_words(char *dst, size_t n, int64_t w)
{
	char d[32];
	nt_fmt_dur(d, sizeof(d), w);
	nt_fmt(dst, n, "%s", w == NS ? "1 s" : d);
	return dst;
}

/* A column of the series drawn as bars: its counter, colour and legend. */
struct chart_col {
	int col;
	const char *color;
	const char *name;
};

/* The bar of column c in bucket i, with its count and time on hover. */
static void bar(struct nt_out *o, const struct nt_report *r, const struct nt_series *s, uint32_t i,
		const struct chart_col *c, double x, double y, double w, double h)
{
	char ts[32];
	nt_out_printf(o,
		      "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
		      "fill=\"%s\"><title>%s: %llu at %s</title></rect>",
		      x, y, w, h, c->color, c->name, (unsigned long long)s->v[i][c->col],
		      clock_of(ts, sizeof(ts), s->t0 + s->width * (int64_t)i, r->no_date));
}

/* Time line: DNS queries, responses, ICMP errors and SYNs per bucket, and
 * one lane per finding with its evidence marked. */
static void chart_timeline(struct nt_out *o, const struct nt_report *r, const struct nt_series *s)
{
	static const struct chart_col cols[] = {
	    {NT_SC_DNS_Q, "#2563eb", "DNS queries"},
	    {NT_SC_DNS_R, "#059669", "DNS responses"},
	    {NT_SC_ICMP, "#dc2626", "ICMP errors"},
	    {NT_SC_SYN, "#7c3aed", "TCP SYNs"},
	};
	enum { NC = 4, TOP = 22, PH = 170, LANE = 22, MAXLANES = 8 };
	int present[NC] = {0};
	uint64_t ymax = 0;
	for (uint32_t i = 0; i < s->n; i++)
		for (int c = 0; c < NC; c++) {
			uint64_t v = s->v[i][cols[c].col];
			if (v)
				present[c] = 1;
			if (v > ymax)
				ymax = v;
		}
	ymax = nice_max(ymax);
	uint32_t lanes = r->n_findings < MAXLANES ? r->n_findings : MAXLANES;
	int ltop = TOP + PH + 30;
	int height = ltop + (int)lanes * LANE + (lanes ? 8 : 0);
	char w[32];
	nt_out_puts(
	    o, "<figure id=\"chart-timeline\"><figcaption>Time line of the capture</figcaption>");
	nt_out_printf(o,
		      "<div class=\"sc\"><svg class=\"w\" viewBox=\"0 0 %d %d\" role=\"img\" "
		      "aria-label=\"Packets per %s over the "
		      "capture, with the events of each finding\">",
		      CW, height, width_words(w, sizeof(w), s->width));
	y_axis(o, TOP, PH, ymax, "per bucket");
	double pw = CW - ML - MR;
	double bw = pw / s->n;
	int shown = 0;
	for (int c = 0; c < NC; c++)
		shown += present[c];
	double sub = shown ? bw / shown : bw;
	for (uint32_t i = 0; i < s->n; i++) {
		int k = 0;
		for (int c = 0; c < NC; c++) {
			if (!present[c])
				continue;
			uint64_t v = s->v[i][cols[c].col];
			double x = ML + bw * i + sub * k++;
			if (v == 0)
				continue;
			double h = (double)PH * (double)v / (double)ymax;
			double wd = sub > 2.5 ? sub - (sub > 5 ? 1 : 0.3) : 2.5;
			bar(o, r, s, i, &cols[c], x, TOP + PH - h, wd, h < 1.5 ? 1.5 : h);
			if (bw < 6)
				nt_out_printf(
				    o, "<circle cx=\"%.2f\" cy=\"%.2f\" r=\"3\" fill=\"%s\"/>",
				    x + wd / 2, TOP + PH - h, cols[c].color);
		}
	}
	x_axis(o, r, s, TOP + PH);
	/* finding lanes */
	for (uint32_t i = 0; i < lanes; i++) {
		const struct nt_finding *f = &r->findings[i];
		double y = ltop + LANE * i + LANE / 2.0;
		const char *col = sev_color(f->severity);
		nt_out_printf(o, "<text x=\"4\" y=\"%.1f\">#%u</text>", y + 4, i + 1);
		nt_out_printf(o,
			      "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\"/>",
			      ML, CW - MR, y, y);
		double x1 = xpos(s, f->first_seen), x2 = xpos(s, f->last_seen);
		char t1[32], t2[32], title[NT_TITLE_MAX];
		nt_out_printf(o,
			      "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"8\" rx=\"4\" "
			      "fill=\"%s\" fill-opacity=\".22\"><title>",
			      x1, y - 4, x2 - x1 < 4 ? 4 : x2 - x1, col);
		esc(o, nt_finding_title(f, title, sizeof(title)));
		nt_out_printf(o, ": %s to %s, %llu events</title></rect>",
			      clock_of(t1, sizeof(t1), f->first_seen, r->no_date),
			      clock_of(t2, sizeof(t2), f->last_seen, r->no_date),
			      (unsigned long long)f->count);
		for (uint32_t k = 0; k < f->n_evidence; k++) {
			const struct nt_snap *ev = &f->evidence[k].snap;
			const char *what = nt_evidence_event(&f->evidence[k]);
			int icmp = nt_evidence_is_icmp_error(&f->evidence[k]);
			double x = xpos(s, ev->t);
			if (icmp)
				nt_out_printf(o,
					      "<path d=\"M%.2f %.1fl5 5l-5 5l-5 -5z\" fill=\"%s\">",
					      x, y - 5, col);
			else
				nt_out_printf(
				    o,
				    "<circle cx=\"%.2f\" cy=\"%.1f\" r=\"4.5\" fill=\"#fff\" "
				    "stroke=\"%s\" stroke-width=\"2\">",
				    x, y, col);
			nt_out_printf(o, "<title>#%u %s at %s (%s %llu)</title>%s", i + 1, what,
				      clock_of(t1, sizeof(t1), ev->t, r->no_date),
				      ev->line ? "line" : "frame",
				      (unsigned long long)(ev->line ? ev->line : ev->frame),
				      icmp ? "</path>" : "</circle>");
		}
	}
	nt_out_puts(o, "</svg></div><div class=\"legend\">");
	for (int c = 0; c < NC; c++)
		if (present[c])
			nt_out_printf(o, "<span><i style=\"background:%s\"></i>%s</span>",
				      cols[c].color, cols[c].name);
	if (lanes)
		nt_out_puts(o,
			    "<span>○ query / packet of a finding</span><span>◆ ICMP error of a "
			    "finding</span>");
	nt_out_puts(o, "</div><p class=\"note\">");
	nt_out_printf(o, "Bucket width %s", width_words(w, sizeof(w), s->width));
	if (s->merges)
		nt_out_printf(o,
			      " (the capture is longer than %d buckets, so 1 s buckets were merged "
			      "%u time%s)",
			      NT_SERIES_BUCKETS, s->merges, s->merges == 1 ? "" : "s");
	nt_out_puts(o,
		    ". Lanes #1, #2... are the findings below, in report order; hover a mark "
		    "for its time and frame.");
	if (r->n_findings > lanes)
		nt_out_printf(o, " %u further findings have no lane.", r->n_findings - lanes);
	if (s->early)
		nt_out_printf(o,
			      " %llu packets earlier than the first one (out of order) are counted "
			      "in the first bucket.",
			      (unsigned long long)s->early);
	nt_out_puts(o, "</p></figure>\n");
}

static void chart_rcode(struct nt_out *o, const struct nt_report *r, const struct nt_series *s)
{
	static const struct chart_col cols[] = {
	    {NT_SC_RC_NOERROR, "#059669", "NOERROR"},
	    {NT_SC_RC_NXDOMAIN, "#d97706", "NXDOMAIN"},
	    {NT_SC_RC_SERVFAIL, "#dc2626", "SERVFAIL"},
	    {NT_SC_RC_REFUSED, "#7c3aed", "REFUSED"},
	    {NT_SC_RC_OTHER, "#64748b", "other rcode"},
	    {NT_SC_DNS_FAIL, "#7f1d1d", "no response (timeout or ICMP error)"},
	};
	enum { NC = 6, TOP = 22, PH = 120 };
	uint64_t ymax = 0, tot[NC] = {0};
	for (uint32_t i = 0; i < s->n; i++) {
		uint64_t sum = 0;
		for (int c = 0; c < NC; c++) {
			sum += s->v[i][cols[c].col];
			tot[c] += s->v[i][cols[c].col];
		}
		if (sum > ymax)
			ymax = sum;
	}
	nt_out_puts(o,
		    "<figure id=\"chart-rcode\"><figcaption>DNS outcomes over time (response "
		    "codes, and queries that got none)</figcaption>");
	if (ymax == 0) {
		nt_out_puts(o,
			    "<p class=\"note\">No DNS responses or failed queries in the "
			    "input.</p></figure>\n");
		return;
	}
	ymax = nice_max(ymax);
	nt_out_printf(o,
		      "<div class=\"sc\"><svg class=\"w\" viewBox=\"0 0 %d %d\" role=\"img\" "
		      "aria-label=\"DNS response codes "
		      "per bucket\">",
		      CW, TOP + PH + 24);
	y_axis(o, TOP, PH, ymax, "per bucket");
	double bw = (double)(CW - ML - MR) / s->n;
	for (uint32_t i = 0; i < s->n; i++) {
		double base = TOP + PH;
		for (int c = 0; c < NC; c++) {
			uint64_t v = s->v[i][cols[c].col];
			if (v == 0)
				continue;
			double h = (double)PH * (double)v / (double)ymax;
			bar(o, r, s, i, &cols[c], ML + bw * i, base - h,
			    bw > 3 ? bw - (bw > 6 ? 1 : 0.3) : 3, h);
			base -= h;
		}
	}
	x_axis(o, r, s, TOP + PH);
	nt_out_puts(o, "</svg></div><div class=\"legend\">");
	for (int c = 0; c < NC; c++)
		if (tot[c])
			nt_out_printf(o, "<span><i style=\"background:%s\"></i>%s (%llu)</span>",
				      cols[c].color, cols[c].name, (unsigned long long)tot[c]);
	nt_out_puts(o, "</div></figure>\n");
}

static void chart_rtt(struct nt_out *o, const struct nt_series *s)
{
	static const char *const lab[NT_RTT_BINS] = {
	    "&lt;1",  "1-2",     "2-5",     "5-10",    "10-20", "20-50",
	    "50-100", "100-200", "200-500", "0.5-1 s", "1-5 s", "&gt;5 s",
	};
	enum { W = 520, H = 200, L = 30, T = 16, PH = 124 };
	nt_out_puts(o,
		    "<figure id=\"chart-rtt\"><figcaption>DNS response time per server "
		    "(ms unless marked)</figcaption>");
	if (s->n_srv == 0) {
		nt_out_puts(o,
			    "<p class=\"note\">No DNS transactions in the input.</p></figure>\n");
		return;
	}
	nt_out_puts(o, "<div class=\"small\">");
	for (uint32_t i = 0; i < s->n_srv; i++) {
		const struct nt_series_server *v = &s->srv[i];
		char a[64];
		nt_addr_str(&v->addr, a, sizeof(a));
		uint64_t ymax = v->unanswered > v->icmp ? v->unanswered : v->icmp;
		for (int k = 0; k < NT_RTT_BINS; k++)
			if (v->bins[k] > ymax)
				ymax = v->bins[k];
		ymax = nice_max(ymax);
		int nb = NT_RTT_BINS + 2;
		double bw = (double)(W - L - 4) / nb;
		nt_out_printf(o,
			      "<div><svg viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"response "
			      "times of ",
			      W, H);
		esc(o, a);
		nt_out_printf(
		    o, "\"><text x=\"%d\" y=\"11\" style=\"font-weight:600;fill:#111827\">", L);
		esc(o, a);
		nt_out_printf(
		    o,
		    "</text><text x=\"%d\" y=\"11\" text-anchor=\"end\">%llu answered, %llu "
		    "ICMP, %llu no answer</text>",
		    W - 4, (unsigned long long)v->answered, (unsigned long long)v->icmp,
		    (unsigned long long)v->unanswered);
		for (int k = 0; k <= 2; k++) {
			double y = T + 8 + PH - PH * k / 2.0;
			nt_out_printf(o,
				      "<line class=\"grid\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" "
				      "y2=\"%.1f\"/>",
				      L, W - 4, y, y);
			if (k != 1 || ymax % 2 == 0)
				nt_out_printf(o,
					      "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%llu"
					      "</text>",
					      L - 4, y + 4,
					      (unsigned long long)(ymax * (uint64_t)k / 2));
		}
		for (int k = 0; k < nb; k++) {
			uint64_t c = k < NT_RTT_BINS ? v->bins[k]
			    : k == NT_RTT_BINS       ? v->icmp
						     : v->unanswered;
			const char *name = k < NT_RTT_BINS ? lab[k]
			    : k == NT_RTT_BINS             ? "ICMP"
							   : "none";
			const char *col = k < NT_RTT_BINS ? "#2563eb"
			    : k == NT_RTT_BINS            ? "#dc2626"
							  : "#7f1d1d";
			double x = L + 2 + bw * k;
			double h = (double)PH * (double)c / (double)ymax;
			if (c)
				nt_out_printf(
				    o,
				    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
				    "fill=\"%s\"><title>%s: %llu</title></rect>",
				    x + 1, T + 8 + PH - h, bw - 2, h, col, name,
				    (unsigned long long)c);
			nt_out_printf(
			    o,
			    "<text x=\"%.1f\" y=\"%d\" text-anchor=\"end\" transform=\"rotate"
			    "(-40 %.1f %d)\">%s</text>",
			    x + bw / 2 + 3, T + PH + 22, x + bw / 2 + 3, T + PH + 22, name);
		}
		nt_out_printf(o, "<line class=\"ax\" x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\"/>", L,
			      W - 4, T + 8 + PH, T + 8 + PH);
		nt_out_puts(o, "</svg></div>");
	}
	nt_out_puts(o, "</div>");
	if (s->srv_dropped)
		nt_out_printf(
		    o,
		    "<p class=\"note\">%llu transactions with further servers (beyond %d) "
		    "are not charted.</p>",
		    (unsigned long long)s->srv_dropped, NT_SERIES_SERVERS);
	nt_out_puts(o, "</figure>\n");
}

static void chart_talkers(struct nt_out *o, struct nt_series *s)
{
	enum { SHOW = 10, ROW = 24, L = 150, W = 960 };
	nt_out_puts(o,
		    "<figure id=\"chart-talkers\"><figcaption>Top talkers (packets sent)"
		    "</figcaption>");
	if (s->n_top == 0) {
		nt_out_puts(o, "<p class=\"note\">No IP packets in the input.</p></figure>\n");
		return;
	}
	nt_series_sort_top(s);
	uint32_t n = s->n_top < SHOW ? s->n_top : SHOW;
	uint64_t max = s->top[0].pkts ? s->top[0].pkts : 1;
	nt_out_printf(o,
		      "<div class=\"sc\"><svg class=\"w\" viewBox=\"0 0 %d %u\" role=\"img\" "
		      "aria-label=\"top talkers\">",
		      W, n * ROW + 6);
	for (uint32_t i = 0; i < n; i++) {
		const struct nt_talker *t = &s->top[i];
		char a[64];
		nt_addr_str(&t->addr, a, sizeof(a));
		/* solid: the count certainly seen; light: what the count may overstate */
		double span = W - L - 130;
		double lo = span * (double)(t->pkts - t->err) / (double)max;
		double wd = span * (double)t->pkts / (double)max;
		if (wd < 2)
			wd = 2;
		double y = 3 + ROW * i;
		nt_out_printf(o, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"mono\">",
			      L - 8, y + 15);
		esc(o, a);
		nt_out_printf(o,
			      "</text><rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" "
			      "rx=\"2\" fill=\"#0ea5e9\" fill-opacity=\"%s\"><title>",
			      L, y + 3, wd, ROW - 7, t->err ? ".3" : "1");
		esc(o, a);
		if (t->err) {
			nt_out_printf(o, ": %llu to %llu packets</title></rect>",
				      (unsigned long long)(t->pkts - t->err),
				      (unsigned long long)t->pkts);
			if (lo >= 1)
				nt_out_printf(o,
					      "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" "
					      "height=\"%d\" rx=\"2\" fill=\"#0ea5e9\"/>",
					      L, y + 3, lo, ROW - 7);
			nt_out_printf(o, "<text x=\"%.1f\" y=\"%.1f\">%llu to %llu</text>",
				      L + wd + 6, y + 15, (unsigned long long)(t->pkts - t->err),
				      (unsigned long long)t->pkts);
		} else {
			nt_out_printf(o,
				      ": %llu packets</title></rect><text x=\"%.1f\" "
				      "y=\"%.1f\">%llu</text>",
				      (unsigned long long)t->pkts, L + wd + 6, y + 15,
				      (unsigned long long)t->pkts);
		}
	}
	nt_out_puts(o, "</svg></div>");
	if (s->top_replaced)
		nt_out_printf(o,
			      "<p class=\"note\">More than %d hosts sent packets: the ranking is "
			      "approximate (space-saving count, %llu replacements). A range "
			      "gives the packets certainly counted and the most the host may "
			      "have sent; the light part of a bar is the uncertain part.</p>",
			      NT_SERIES_TOP, (unsigned long long)s->top_replaced);
	nt_out_puts(o, "</figure>\n");
}

/* ---- evidence with field explanations ---- */

static void evidence_line(struct nt_out *o, const struct nt_report *r, const struct nt_evidence *e,
			  struct nt_explain *ex)
{
	const struct nt_snap *ev = &e->snap;
	char line[NT_EVLINE_MAX];
	nt_evidence_line(e, line, sizeof(line));
	nt_out_printf(o, "<div><span class=\"ln\">%s %llu</span>", r->any_text ? "line" : "frame",
		      (unsigned long long)(ev->line ? ev->line : ev->frame));
	if (ex == NULL) {
		esc(o, line);
		nt_out_puts(o, "</div>\n");
		return;
	}
	nt_explain_line(ex, line, strlen(line));
	size_t pos = 0, len = strlen(line);
	for (size_t i = 0; i < ex->n; i++) {
		const struct nt_explain_item *it = &ex->items[i];
		size_t fl = strlen(it->field);
		if (fl == 0 || fl >= NT_EXPLAIN_FIELD_MAX - 1)
			continue;
		const char *hit = strstr(line + pos, it->field);
		if (hit == NULL)
			continue;
		size_t at = (size_t)(hit - line);
		esc_n(o, line + pos, at - pos);
		/* fields in the right half open their tip leftwards */
		nt_out_printf(o, "<span class=\"f%s%s\" tabindex=\"0\">",
			      it->unknown      ? " u"
				  : it->quoted ? " q"
					       : "",
			      2 * at > len ? " r" : "");
		esc_n(o, hit, fl);
		nt_out_puts(o, "<span class=\"tip\" role=\"tooltip\"><b>");
		esc(o, it->field);
		nt_out_puts(o, "</b>");
		esc(o, it->text);
		if (it->meaning[0]) {
			nt_out_puts(o, ": ");
			esc(o, it->meaning);
		}
		nt_out_puts(o, "</span></span>");
		pos = at + fl;
	}
	if (pos < len)
		esc(o, line + pos);
	nt_out_puts(o, "</div>\n");
}

/* ---- the markup the shared sections use (report/sections.h) ---- */

static void h_heading(struct nt_out *o, int level, const char *id, const char *title)
{
	if (level == 2)
		nt_out_printf(o, "<h2 id=\"%s\">", id);
	else
		nt_out_puts(o, "<h3>");
	esc(o, title);
	nt_out_puts(o, level == 2 ? "</h2>\n" : "</h3>");
}

static void h_verbatim(struct nt_out *o, const char *s, int in_cell)
{
	(void)in_cell;
	nt_out_puts(o, "<code>");
	esc(o, s);
	nt_out_puts(o, "</code>");
}

static void h_ol_item(struct nt_out *o, uint32_t n)
{
	(void)n; /* <ol> counts */
	nt_out_puts(o, "<li>");
}

static void h_finding_ref(struct nt_out *o, uint32_t i, const char *title)
{
	nt_out_printf(o, "<a href=\"#finding-%u\">#%u ", i + 1, i + 1);
	esc(o, title);
	nt_out_puts(o, "</a>");
}

/* Tables scroll sideways in a .tw box on a narrow screen; numbers are
 * right-aligned (.n). */
static const struct nt_markup html = {
	.text = esc,
	.name = esc,
	.verbatim = h_verbatim,
	.heading = h_heading,
	.ol_item = h_ol_item,
	.finding_ref = h_finding_ref,
	.p = "<p>", .p_end = "</p>\n",
	.lead = "<p>", .lead_end = "</p>",
	.note = "<p class=\"note\">", .note_end = "</p>\n",
	.ul = "<ul>", .ul_end = "</ul>\n", .li = "<li>", .li_end = "</li>",
	.ol_steps = "<ol>", .ol_causes = "<ol class=\"causes\">", .ol_end = "</ol>\n",
	.b = "<b>", .b_end = "</b>", .code = "<code>", .code_end = "</code>",
	.table = "<div class=\"tw\"><table>", .table_end = "</table></div>\n",
	.tr = "<tr>", .tr_end = "</tr>",
	.th = {"<th>", "<th class=\"n\">"}, .th_end = "</th>",
	.rule = {"", ""}, .rule_end = "",
	.td = {"<td>", "<td class=\"n\">", "<td class=\"mono\">"}, .td_end = "</td>",
	.meta_table = "<div class=\"tw\"><table class=\"meta\">",
	.terse = 1,
	.say_dropped = 1,
};

/* ---- sections ---- */

static void finding_section(struct nt_out *o, const struct nt_report *r, uint32_t i,
			    struct nt_explain *ex)
{
	const struct nt_finding *f = &r->findings[i];
	char title[NT_TITLE_MAX], when[160];
	nt_out_printf(o, "<h3 id=\"finding-%u\">%u. ", i + 1, i + 1);
	esc(o, nt_finding_title(f, title, sizeof(title)));
	nt_out_printf(o, " <span class=\"badge sev-%s\">%s</span> <code>",
		      nt_severity_name(f->severity), nt_severity_name(f->severity));
	esc(o, f->kind);
	nt_out_puts(o, "</code></h3>\n<p>");
	esc(o, f->analysis[0] ? f->analysis : f->summary);
	nt_out_printf(o, "</p>\n<p><b>Time line:</b> %s</p>\n",
		      nt_finding_when(r, f, when, sizeof(when)));
	nt_sec_evidence_table(o, r, f, &html);
	if (f->n_evidence) {
		nt_out_puts(o,
			    "<p><b>Evidence</b> (tcpdump format; hover or tap a field for what it "
			    "means):</p>\n<div class=\"ev\">\n");
		for (uint32_t k = 0; k < f->n_evidence; k++)
			evidence_line(o, r, &f->evidence[k], ex);
		nt_out_puts(o, "</div>\n");
	}
	if (f->evidence_dropped)
		nt_out_printf(o,
			      "<p class=\"note\">%llu further packets of this finding are not "
			      "quoted.</p>\n",
			      (unsigned long long)f->evidence_dropped);
}

static void header(struct nt_out *o, const struct nt_report *r)
{
	char head[256];
	nt_report_headline(r, head, sizeof(head));
	nt_out_puts(o,
		    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		    "<meta name=\"generator\" content=\"nettriage ");
	nt_out_puts(o, r->command);
	nt_out_puts(o, "\"><title>");
	esc(o, head);
	nt_out_puts(o, "</title><style>");
	nt_out_puts(o, css);
	nt_out_puts(o, "</style></head>\n<body><main>\n<h1>");
	esc(o, head);
	nt_out_puts(o, "</h1>\n");
	nt_sec_meta(o, r, &html);
	nt_out_puts(o,
		    "<nav class=\"toc\"><a href=\"#summary\">Summary</a><a href=\"#charts\">Charts"
		    "</a><a href=\"#analysis\">Analysis</a><a href=\"#causes\">Causes</a><a "
		    "href=\"#impact\">Impact</a><a href=\"#steps\">Next steps</a><a "
		    "href=\"#appendix\">Appendix</a></nav>\n");
	if (r->any_text)
		nt_out_puts(
		    o,
		    "<p class=\"warn\"><b>Evidence strength.</b> This report is built from a "
		    "tcpdump text log, not a packet capture: it has no payload bytes and no "
		    "link layer, ICMP errors show only what tcpdump printed of the quoted "
		    "datagram, and times carry no date unless tcpdump ran with "
		    "<code>-tttt</code>. Confirm the conclusions with a capture "
		    "(<code>tcpdump -w</code>) where possible.</p>\n");
}

/* One card per finding of the summary: the first cards open, the rest
 * folded so the charts stay in reach. */
static void summary(struct nt_out *o, const struct nt_report *r)
{
	enum { OPEN_CARDS = 5 };
	uint32_t shown = 0, total = 0;
	h_heading(o, 2, "summary", "Summary of the problem");
	for (uint32_t i = 0; i < r->n_findings; i++)
		total += (uint32_t)nt_finding_in_summary(r, i);
	for (uint32_t i = 0; i < r->n_findings; i++) {
		const struct nt_finding *f = &r->findings[i];
		const char *sev = nt_severity_name(f->severity);
		if (!nt_finding_in_summary(r, i))
			continue;
		if (shown == OPEN_CARDS)
			nt_out_printf(o, "<details><summary>%u more findings</summary>\n",
				      total - OPEN_CARDS);
		nt_out_printf(o, "<div class=\"card s-%s\"><span class=\"badge sev-%s\">%s</span> ",
			      sev, sev, sev);
		esc(o, f->summary);
		nt_out_puts(o, "</div>\n");
		shown++;
	}
	if (shown > OPEN_CARDS)
		nt_out_puts(o, "</details>\n");
	nt_sec_summary_end(o, r, &html);
}

static void charts(struct nt_out *o, const struct nt_report *r)
{
	struct nt_series *s = r->series;
	nt_out_puts(o, "<h2 id=\"charts\">Charts</h2>\n<div class=\"charts\">\n");
	if (s && s->started && s->n) {
		chart_timeline(o, r, s);
		chart_rcode(o, r, s);
		chart_rtt(o, s);
		chart_talkers(o, s);
	} else {
		nt_out_puts(o, "<p class=\"note\">No packets, nothing to chart.</p>\n");
	}
	nt_out_puts(o, "</div>\n");
}

void nt_report_html(const struct nt_report *r, struct nt_out *o, int color)
{
	header(o, r);
	summary(o, r);
	charts(o, r);
	nt_sec_analysis(o, r, &html);
	/* the explanation of one line is large: one buffer for all of them */
	struct nt_explain *ex = malloc(sizeof(*ex));
	uint32_t nd = nt_report_n_detailed(r);
	for (uint32_t i = 0; i < nd; i++)
		finding_section(o, r, i, ex);
	free(ex);
	nt_sec_others(o, r, &html);
	nt_sec_conclusions(o, r, &html);
	nt_out_printf(o,
		      "<footer>Generated by nettriage %s. Self-contained page: no scripts, no "
		      "external resources.</footer>\n</main></body></html>\n", r->command);
}
