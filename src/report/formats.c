/* \summary: the table of report formats (report/formats.h). */
#include "report/formats.h"

#include <string.h>

const struct nt_format nt_formats[NT_FMT_COUNT] = {
	[NT_FMT_TEXT] = {"text", NULL, "terminal summary (default)", nt_report_text,
			 NT_FMTF_COLOR | NT_FMTF_EXPLAIN},
	[NT_FMT_MD] = {"md", "markdown", "Markdown incident report", nt_report_markdown,
		       NT_FMTF_EXPLAIN},
	[NT_FMT_JSON] = {"json", NULL, "JSON for machines (docs/report-schema.md)", nt_report_json,
			 NT_FMTF_EXPLAIN},
	[NT_FMT_HTML] = {"html", NULL, "self-contained page with charts; open it in a browser",
			 nt_report_html, NT_FMTF_CHARTS},
	[NT_FMT_JSONL] = {"jsonl", NULL,
			  "one JSON event per line: DNS transactions with Zeek dns.log fields, "
			  "ICMP errors, findings (docs/jsonl-schema.md)",
			  NULL, NT_FMTF_STREAM},
};

int nt_format_find(const char *name)
{
	for (int i = 0; i < NT_FMT_COUNT; i++)
		if (strcmp(name, nt_formats[i].name) == 0 ||
		    (nt_formats[i].alias && strcmp(name, nt_formats[i].alias) == 0))
			return i;
	return -1;
}

const char *nt_format_list(char *dst, size_t n, unsigned need, const char *sep,
			   const char *sep_last)
{
	int idx[NT_FMT_COUNT], k = 0;
	for (int i = 0; i < NT_FMT_COUNT; i++)
		if ((nt_formats[i].flags & need) == need)
			idx[k++] = i;
	size_t len = 0;
	dst[0] = '\0';
	for (int j = 0; j < k && len + 1 < n; j++)
		len += (size_t)nt_fmt(dst + len, n - len, "%s%s",
				      j == 0 ? "" : j == k - 1 ? sep_last : sep,
				      nt_formats[idx[j]].name);
	return dst;
}
