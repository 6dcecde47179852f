/* \summary: tcpdump text-log reader: turns the lines tcpdump 4.99 prints
 * (any -t format, -#, -e, -n or port names, -v/-vv multi-line output,
 * lines wrapped by hand, CRLF, blank lines, garbage in between) back into
 * `struct nt_pkt` records, with the field spans of each line for `explain`.
 *
 * Everything is bounded: a physical line longer than max_line is counted
 * as garbage and skipped, a reconstructed record is cut at max_record
 * bytes, at most max_garbage garbage lines are recorded (all are counted),
 * and at most NT_TL_TOK_MAX field spans are kept per record.
 *
 * Records: a line that starts with a -# number, a time stamp or "IP"/"IP6"
 * starts a packet.  An unindented line after it that starts no packet is
 * a hand wrap and is joined with one space (while the line so far is not
 * complete; at most 16 per packet); an indented line is tcpdump's own
 * continuation (-v header, quoted datagram, hex dump) and is kept after a
 * '\n'.  Blank lines end a packet.  Binary, over-long and stray lines and
 * tcpdump's own messages are garbage: counted, never fatal.
 *
 * What the text gives, and how it lands in struct nt_pkt:
 *  - flags: NT_PKT_FROM_TEXT always; NT_PKT_NO_DATE unless the time stamp
 *    carries a date (-tttt) or is an epoch (-tt).
 *  - ts_sec/ts_nsec: HH:MM:SS.frac = seconds of the day; -tt = the epoch;
 *    -tttt = the date and time read as UTC (tcpdump printed local time);
 *    -ttt/-ttttt deltas are accumulated from 0; -t leaves 0.
 *  - frame: the packet ordinal in the log (1-based), not the -# number.
 *  - For ICMP/ICMPv6, l4_payload_len is tcpdump's "length N", the ICMP
 *    message length; icmp.quote_len is that length minus the 8-byte ICMP
 *    header for error messages.  The quoted destination, protocol and
 *    destination port of an error are filled from the message text
 *    ("A udp port P unreachable"), and fully (ports, DNS id/qname/qtype,
 *    TTL) from the quoted datagram tcpdump prints at -v.  icmp.has_quote
 *    is set when the quoted destination is known; quote.sport is 0 when
 *    the text did not show it.
 */
#ifndef NT_TEXTLOG_H
#define NT_TEXTLOG_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/error.h"
#include "core/packet.h"

/* The kind of time stamp a log carries. */
enum nt_tl_ts {
	NT_TL_TS_NONE = 0,  /* -t */
	NT_TL_TS_TIME,      /* default HH:MM:SS.frac */
	NT_TL_TS_EPOCH,     /* -tt */
	NT_TL_TS_DELTA,     /* -ttt / -ttttt */
	NT_TL_TS_DATE,      /* -tttt */
};

/* What a span of a line is.  `explain` turns each into words. */
enum nt_tl_field {
	NT_TF_UNKNOWN = 0,  /* not understood */
	NT_TF_NUMBER,       /* -# packet number */
	NT_TF_TS,           /* time stamp */
	NT_TF_LINK,         /* -e link-layer header */
	NT_TF_NET,          /* "IP" / "IP6" / "ARP," word */
	NT_TF_IP_TRUNC,     /* "truncated-ip - N bytes missing!" */
	NT_TF_IP_TOS,       /* -v header fields */
	NT_TF_IP_TTL,
	NT_TF_IP_ID,
	NT_TF_IP_OFFSET,
	NT_TF_IP_FLAGS,
	NT_TF_IP_PROTO,
	NT_TF_IP_LEN,
	NT_TF_IP_CKSUM,
	NT_TF_IP_OPTIONS,
	NT_TF_IP6_HLIM,
	NT_TF_IP6_NEXT,
	NT_TF_IP6_PLEN,
	NT_TF_IP6_CLASS,
	NT_TF_IP6_FLOW,
	NT_TF_SRC,          /* source address[.port] */
	NT_TF_ARROW,        /* ">" */
	NT_TF_DST,          /* destination address[.port]: */
	NT_TF_L4_CKSUM,     /* [udp sum ok], [icmp6 sum ok], cksum 0x... (correct) */
	NT_TF_UDP_LEN,      /* "UDP, length N" */
	NT_TF_QUIET,        /* -q "tcp N" / "udp N" */
	NT_TF_IPPROTO,      /* "ip-proto-N" */
	NT_TF_TCP_FLAGS,
	NT_TF_TCP_SEQ,
	NT_TF_TCP_ACK,
	NT_TF_TCP_WIN,
	NT_TF_TCP_URG,
	NT_TF_TCP_OPTS,
	NT_TF_TCP_LEN,
	NT_TF_HTTP,         /* ": HTTP..." after a port-80 segment */
	NT_TF_DNS_ID,
	NT_TF_DNS_OPCODE,
	NT_TF_DNS_RCODE,
	NT_TF_DNS_FLAGS,    /* + % * - | $ */
	NT_TF_DNS_BRACKET,  /* [1au] [0q] [b2&3=0x..] */
	NT_TF_DNS_QTYPE,    /* "A?" (with class / QM/QU) */
	NT_TF_DNS_QNAME,
	NT_TF_DNS_QSEC,     /* "q:" */
	NT_TF_DNS_COUNTS,   /* an/ns/ar */
	NT_TF_DNS_RR,       /* one answer record */
	NT_TF_DNS_SECTION,  /* "ns:" / "ar:" with its records */
	NT_TF_DNS_LEN,      /* "(N)" */
	NT_TF_DNS_INVALID,  /* "domain [length N < 12] (invalid)" */
	NT_TF_ICMP,         /* "ICMP" / "ICMP6," */
	NT_TF_ICMP_MSG,     /* the message text */
	NT_TF_ICMP_ID,      /* echo id */
	NT_TF_ICMP_SEQ,     /* echo seq */
	NT_TF_ICMP_LEN,     /* "length N" */
	NT_TF_ICMP_CKSUM,   /* "(wrong icmp cksum ...)" */
	NT_TF_QUOTE,        /* marks the start of a quoted datagram (empty span) */
	NT_TF_HEXDUMP,      /* "0x0000:  ..." line */
	NT_TF_EXT,          /* "ICMP Multi-Part extension ..." */
	NT_TF_TRUNC,        /* " [|proto]" */
	NT_TF_INVALID,      /* "(invalid)" */
	NT_TF_REST,         /* rest of the line after NT_TL_TOK_MAX spans */
	NT_TF_COUNT_
};

enum { NT_TL_TOK_MAX = 160 };

/* One field of a line: [off, off+len) of the record text. */
struct nt_tl_tok {
	uint16_t field;     /* enum nt_tl_field */
	uint8_t quoted;     /* inside the datagram an ICMP error quotes */
	uint32_t off, len;
};

/* One reconstructed (unwrapped) record. */
struct nt_tl_rec {
	const char *text;   /* from the reader: NUL-terminated, valid until the
			     * next call; from nt_textlog_parse: the caller's s */
	size_t len;
	uint64_t line_first, line_last; /* input line numbers (1-based) */
	int ts_kind;        /* enum nt_tl_ts */
	uint64_t number;    /* -# number, when has_number */
	int has_number;
	int cut;            /* the record was longer than max_record */
	size_t ntok;
	struct nt_tl_tok tok[NT_TL_TOK_MAX];
};

struct nt_tl_garbage {
	uint64_t line;      /* 1-based line number */
	char text[72];      /* start of the line, non-printables as '.' */
};

struct nt_textlog_opts {
	size_t max_line;    /* bytes per physical line (0: 65536) */
	size_t max_record;  /* bytes per reconstructed record (0: 65536) */
	size_t max_garbage; /* garbage lines recorded (0: 100) */
	int delta_from_first; /* " HH:MM:SS" deltas are -ttttt (since first) */
};

struct nt_textlog;

/* Nonzero when the first n bytes look like tcpdump text output. */
int nt_textlog_sniff(const uint8_t *buf, size_t n);

/* Reads f (not closed by the reader).  o may be NULL. */
int nt_textlog_open(struct nt_textlog **tp, FILE *f, const struct nt_textlog_opts *o,
		    struct nt_error *err);
/* Reads a caller-owned buffer (must outlive the reader). */
int nt_textlog_open_mem(struct nt_textlog **tp, const void *buf, size_t n,
			const struct nt_textlog_opts *o, struct nt_error *err);
/* Next packet: 1 and pkt/rec filled; 0 at the end; < 0 on a read error.
 * rec may be NULL. */
int nt_textlog_next(struct nt_textlog *t, struct nt_pkt *pkt, struct nt_tl_rec *rec,
		    struct nt_error *err);
/* Lines read so far, garbage lines counted, and those recorded. */
uint64_t nt_textlog_lines(const struct nt_textlog *t);
uint64_t nt_textlog_garbage_count(const struct nt_textlog *t);
size_t nt_textlog_garbage(const struct nt_textlog *t, const struct nt_tl_garbage **list);
/* The time-stamp kind of the first packet (NT_TL_TS_*). */
int nt_textlog_ts_kind(const struct nt_textlog *t);
void nt_textlog_close(struct nt_textlog *t);

/* Parses one unwrapped tcpdump line (or -v record, lines joined by '\n')
 * without a reader: fills pkt and the spans of rec (rec->text = s).
 * Returns 1 when the line starts like a tcpdump packet line, else 0
 * (pkt and rec are still filled as far as they could be). */
int nt_textlog_parse(const char *s, size_t n, struct nt_pkt *pkt, struct nt_tl_rec *rec);

/* Helpers shared with explain: the port named by a service word
 * ("domain" -> 53; -1 if unknown), DNS type / rcode names. */
int nt_tl_port_number(const char *name, size_t n, int proto);
const char *nt_tl_dns_type_name(unsigned type);
int nt_tl_dns_type_number(const char *name, size_t n); /* "A" -> 1, "Type65" -> 65, -1 */

#endif
