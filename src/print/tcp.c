/* \summary: TCP printer (RFC 9293; options RFC 7323, 2018, 5925, 7413,
 * 5482, 2385), tcpdump 4.99.3 format, with relative sequence numbers kept
 * in a bounded per-connection table, RST data (RFC 1122 4.2.2.12), and the
 * payload dispatch by port: text protocols (HTTP 80/8080, RTSP, FTP,
 * SMTP, WHOIS) and DNS over TCP (RFC 1035 4.2.2 length prefix).
 *
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |       |C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrvd |W|C|R|C|S|S|Y|I|            Window             |
 * |       |       |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (kind, length, data)  ...          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * Relative numbers: the first segment of a conversation with ACK set
 * records its seq and ack-1 (per direction, one entry for both ways);
 * later segments print their offsets from those.  The table is a fixed
 * set-associative hash over both addresses and ports (2048 sets of 8
 * ways); a full set evicts its least recently used entry, so a long
 * capture cannot grow it.  The table is process-wide and emptied by
 * nt_printer_init().
 */
#include "core/hash.h"
#include "print/print.h"

#include <string.h>

enum {
	TCP_HDR = 20,
	SEQ_SETS = 2048,         /* power of two */
	SEQ_WAYS = 8,            /* 4 lost a live flow about once in 5M mix packets */
	RST_DATA_MAX = 30,       /* tcpdump's MAX_RST_DATA_LEN */
	HTTP_TOKEN_MAX = 128,
};

struct seq_key {
	uint8_t v6;
	uint8_t src[16], dst[16];
	uint32_t ports;
};

struct seq_ent {
	struct seq_key k;
	uint32_t seq, ack;
	uint32_t used;           /* LRU stamp; 0 = empty */
	uint32_t gen;            /* valid only while it equals seq_gen */
	uint32_t h;              /* key_hash(&k): most ways are told apart by it */
};

static struct seq_ent seq_tab[SEQ_SETS][SEQ_WAYS];
static uint32_t seq_clock;
static uint32_t seq_gen = 1;

/* Emptying the table is a new generation, not a 400 KiB memset: the
 * analysis renders evidence packets one at a time, each with a fresh
 * printer. */
void nt_print_tcp_reset(void)
{
	seq_clock = 0;
	if (++seq_gen == 0) {
		memset(seq_tab, 0, sizeof(seq_tab));
		seq_gen = 1;
	}
}

static uint32_t key_hash(const struct seq_key *k)
{
	/* FNV-1a over every address byte and the ports. */
	uint32_t h = NT_FNV_SEED;
	unsigned n = k->v6 ? 16 : 4;
	for (unsigned i = 0; i < n; i++)
		h = nt_fnv_byte(h, k->src[i]);
	for (unsigned i = 0; i < n; i++)
		h = nt_fnv_byte(h, k->dst[i]);
	for (unsigned i = 0; i < 4; i++)
		h = nt_fnv_byte(h, ((k->ports >> (8 * i)) & 0xff));
	return h ^ (h >> 15);
}

/* Finds the entry of k, or NULL; with `create` returns a slot (reused
 * from the least recently used way when the set is full) marked new. */
static struct seq_ent *seq_lookup(const struct seq_key *k, int *found)
{
	uint32_t h = key_hash(k);
	struct seq_ent *set = seq_tab[h & (SEQ_SETS - 1)];
	struct seq_ent *victim = &set[0];
	if (++seq_clock == 0) {
		/* Stamp wrap: forget everything rather than misorder. */
		nt_print_tcp_reset();
		seq_clock = 1;
	}
	for (int i = 0; i < SEQ_WAYS; i++) {
		struct seq_ent *e = &set[i];
		if (e->gen != seq_gen)
			e->used = 0; /* left from an earlier generation: empty */
		if (e->used && e->h == h && memcmp(&e->k, k, sizeof(*k)) == 0) {
			e->used = seq_clock;
			*found = 1;
			return e;
		}
		if (e->used < victim->used)
			victim = e;
	}
	*found = 0;
	victim->k = *k;
	victim->used = seq_clock;
	victim->gen = seq_gen;
	victim->h = h;
	return victim;
}

static void put_u(struct nt_printer *pr, const char *s, uint32_t v)
{
	nt_out_puts(pr->out, s);
	nt_out_u(pr->out, v);
}

static void print_addrs(struct nt_printer *pr, const uint8_t *src, const uint8_t *dst, int v6,
			unsigned sport, unsigned dport)
{
	struct nt_out *o = pr->out;
	int direct = 1;
	if (pr->ip_hdr)
		direct = (v6 ? pr->ip_hdr[6] : pr->ip_hdr[9]) == 6;
	if (direct) {
		nt_print_addr(pr, v6, src);
		nt_out_putc(o, '.');
	}
	nt_print_port(pr, 0, sport);
	nt_out_puts(o, " > ");
	if (direct) {
		nt_print_addr(pr, v6, dst);
		nt_out_putc(o, '.');
	}
	nt_print_port(pr, 0, dport);
	nt_out_puts(o, ": ");
}

static const char *opt_name(unsigned opt)
{
	switch (opt) {
	case 0: return "eol";
	case 1: return "nop";
	case 2: return "mss";
	case 3: return "wscale";
	case 4: return "sackOK";
	case 5: return "sack";
	case 6: return "echo";
	case 7: return "echoreply";
	case 8: return "TS";
	case 11: return "cc";
	case 12: return "ccnew";
	case 13: return "";
	case 19: return "md5";
	case 20: return "scps";
	case 28: return "uto";
	case 29: return "tcp-ao";
	case 30: return "mptcp";
	case 34: return "tfo";
	case 254: return "exp";
	default: return NULL;
	}
}

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

static void hexbytes(struct nt_printer *pr, const uint8_t *p, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		nt_out_hex(pr->out, p[i], 2);
}

static void fastopen(struct nt_printer *pr, const uint8_t *cp, unsigned datalen, int exp)
{
	if (exp)
		nt_out_puts(pr->out, "tfo");
	if (datalen == 0) {
		nt_out_puts(pr->out, " cookiereq");
	} else if (datalen % 2 != 0 || datalen < 4 || datalen > 16) {
		nt_out_puts(pr->out, " (invalid)");
	} else {
		nt_out_puts(pr->out, " cookie ");
		hexbytes(pr, cp, datalen);
	}
}

enum { OPT_OK = 0, OPT_BAD = 1, OPT_TRUNC = 2, OPT_TRUNC_GET = 3 };

/* Prints ", options [...]" for the n option bytes at c (n > 0).  Returns
 * OPT_OK, or how it stopped: OPT_BAD ("[bad opt]"), OPT_TRUNC (data the
 * option length promises was not captured) or OPT_TRUNC_GET (the kind
 * or length byte itself was not captured). */
static int print_options(struct nt_printer *pr, struct nt_cur *c, unsigned hlen, int rev,
			 uint32_t thseq, uint32_t thack, int payload_captured, int *sep_out)
{
	struct nt_out *o = pr->out;
	int sep = 0;
	nt_out_puts(o, ", options [");
	while (hlen > 0) {
		if (sep)
			nt_out_putc(o, ',');
		*sep_out = sep;
		if (!nt_cur_has(c, 1))
			return OPT_TRUNC_GET;
		unsigned opt = nt_u8(c), len;
		if (opt == 0 || opt == 1) {
			len = 1;
		} else {
			if (!nt_cur_has(c, 1))
				return OPT_TRUNC_GET;
			len = nt_u8(c);
			if (len < 2 || len > hlen)
				return OPT_BAD;
			hlen--;
		}
		hlen--;
		unsigned datalen = 0;
		const char *name = opt_name(opt);
		if (name) {
			nt_out_puts(o, name);
		} else {
			nt_out_puts(o, "unknown-");
			nt_out_u(o, opt);
		}
		/* LENCHECK: l bytes must be left in the header and captured. */
#define LENCHECK(l) do { if ((l) > hlen) return OPT_BAD; \
			 if (!nt_cur_has(c, (l))) return OPT_TRUNC; } while (0)
		const uint8_t *cp = c->p;
		switch (opt) {
		case 2:
			datalen = 2;
			LENCHECK(datalen);
			put_u(pr, " ", (unsigned)((cp[0] << 8) | cp[1]));
			break;
		case 3:
			datalen = 1;
			LENCHECK(datalen);
			put_u(pr, " ", cp[0]);
			break;
		case 5:
			datalen = len - 2;
			if (datalen % 8 != 0) {
				nt_out_puts(o, " invalid sack");
			} else {
				put_u(pr, " ", datalen / 8);
				nt_out_putc(o, ' ');
				for (unsigned i = 0; i < datalen; i += 8) {
					LENCHECK(i + 4);
					uint32_t s = be32(cp + i);
					LENCHECK(i + 8);
					uint32_t e = be32(cp + i + 4);
					uint32_t base = rev ? thseq : thack;
					put_u(pr, "{", s - base);
					put_u(pr, ":", e - base);
					nt_out_putc(o, '}');
				}
			}
			break;
		case 6: case 7: case 11: case 12: case 13:
			datalen = 4;
			LENCHECK(datalen);
			put_u(pr, " ", be32(cp));
			break;
		case 8:
			datalen = 8;
			LENCHECK(datalen);
			put_u(pr, " val ", be32(cp));
			put_u(pr, " ecr ", be32(cp + 4));
			break;
		case 19:
			/* tcpdump (with libcrypto) cannot verify without -M. */
			datalen = 16;
			LENCHECK(datalen);
			nt_out_puts(o, payload_captured ? " shared secret not supplied with -M, "
							: " snaplen too short, ");
			nt_out_puts(o, "can't check - ");
			hexbytes(pr, cp, 16);
			break;
		case 20:
			datalen = 2;
			LENCHECK(datalen);
			nt_out_puts(o, " cap ");
			nt_out_hex(o, cp[0], 2);
			put_u(pr, " id ", cp[1]);
			break;
		case 29:
			datalen = len - 2;
			if (datalen < 2) {
				nt_out_puts(o, " (invalid)");
			} else {
				LENCHECK(1);
				put_u(pr, " keyid ", cp[0]);
				LENCHECK(2);
				put_u(pr, " rnextkeyid ", cp[1]);
				if (datalen > 2) {
					nt_out_puts(o, " mac 0x");
					for (unsigned i = 2; i < datalen; i++) {
						LENCHECK(i + 1);
						nt_out_hex(o, cp[i], 2);
					}
				}
			}
			break;
		case 0: case 1: case 4:
			break;
		case 28: {
			datalen = 2;
			LENCHECK(datalen);
			unsigned uto = (unsigned)((cp[0] << 8) | cp[1]);
			nt_out_puts(o, " 0x");
			nt_out_hex(o, uto, 1);
			uto = (uto & 1) ? (uto >> 1) * 60 : uto >> 1;
			put_u(pr, " ", uto);
			break;
		}
		case 34:
			datalen = len - 2;
			LENCHECK(datalen);
			nt_out_putc(o, ' ');
			fastopen(pr, cp, datalen, 0);
			break;
		case 254:
			datalen = len - 2;
			LENCHECK(datalen);
			if (datalen < 2)
				return OPT_BAD;
			nt_out_putc(o, '-');
			if (((cp[0] << 8) | cp[1]) == 0xf989)
				fastopen(pr, cp + 2, datalen - 2, 1);
			else
				nt_out_hex(o, (unsigned)((cp[0] << 8) | cp[1]), 4);
			break;
		default: /* unknown kinds and MPTCP: the option bytes in hex */
			datalen = len - 2;
			if (datalen)
				nt_out_puts(o, " 0x");
			for (unsigned i = 0; i < datalen; i++) {
				LENCHECK(i + 1);
				nt_out_hex(o, cp[i], 2);
			}
			break;
		}
#undef LENCHECK
		nt_skip(c, datalen);
		hlen -= datalen;
		datalen += (opt == 0 || opt == 1) ? 1 : 2;
		if (datalen != len)
			put_u(pr, "[len ", len), nt_out_putc(o, ']');
		sep = 1;
		*sep_out = sep;
		if (opt == 0)
			break;
	}
	nt_out_putc(o, ']');
	return OPT_OK;
}

static int is_print(uint8_t ch)
{
	return ch >= 0x20 && ch < 0x7f;
}

/* tcpdump's fetch_token: the token at idx (printable ASCII up to white
 * space) into tok; returns the index after it and following blanks, or
 * 0 when there is none. */
static unsigned fetch_token(const uint8_t *p, unsigned cap, unsigned idx, unsigned len,
			    char *tok, size_t toksz)
{
	size_t n = 0;
	for (; idx < len; idx++) {
		if (idx >= cap)
			return 0;
		uint8_t ch = p[idx];
		if (ch & 0x80)
			return 0;
		if (ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n')
			break;
		if (!is_print(ch) || n + 2 > toksz)
			return 0;
		tok[n++] = (char)ch;
	}
	if (n == 0)
		return 0;
	tok[n] = '\0';
	for (; idx < len && idx < cap; idx++) {
		uint8_t ch = p[idx];
		if (ch != ' ')
			break; /* end of line, next token, or not printable */
	}
	return idx;
}

/* One text line from idx: prints prefix and the line (without CR LF) and
 * returns the index after it; 0 when the line is binary, lacks its end,
 * or was cut by the capture (*trunc set). */
static unsigned txt_line(struct nt_printer *pr, const char *prefix, const uint8_t *p,
			 unsigned cap, unsigned idx, unsigned len, int *trunc)
{
	unsigned start = idx, linelen, next = 0;
	while (idx < len) {
		if (idx >= cap) {
			*trunc = 1;
			return 0;
		}
		uint8_t ch = p[idx];
		if (ch == '\n') {
			linelen = idx - start;
			next = idx + 1;
			goto print;
		}
		if (ch == '\r') {
			if (idx + 1 >= len)
				return 0;
			if (idx + 1 >= cap) {
				*trunc = 1;
				return 0;
			}
			if (p[idx + 1] == '\n') {
				linelen = idx - start;
				next = idx + 2;
				goto print;
			}
			return 0;
		}
		if (!is_print(ch) && ch != '\t')
			return 0;
		idx++;
	}
	/* Printable to the end but no line end: printed, then marked as
	 * cut (as tcpdump does). */
	linelen = idx - start;
	*trunc = 1;
print:
	nt_out_puts(pr->out, prefix);
	nt_out_write(pr->out, (const char *)p + start, linelen);
	return next;
}

static const char *const http_cmds[] = {
	"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST", "BCOPY", "BMOVE",
	"MKCOL", "TRACE", "LABEL", "MERGE", "DELETE", "SEARCH", "UNLOCK", "REPORT",
	"UPDATE", "NOTIFY", "BDELETE", "CONNECT", "OPTIONS", "CHECKIN", "PROPFIND",
	"CHECKOUT", "CHECKOUT", "BPROPFIND", "BPROPPATCH", "UNCHECKOUT", "MKACTIVITY",
	"MKWORKSPACE", "UNSUBSCRIBE", "RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL",
	NULL,
};

static int ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'a' && x <= 'z')
			x = (char)(x - 32);
		if (y >= 'a' && y <= 'z')
			y = (char)(y - 32);
		if (x != y)
			return 0;
	}
	return *a == *b;
}

static const char *const rtsp_cmds[] = {
	"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE", "PLAY", "RECORD",
	"REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN", NULL,
};

/* Text protocols (tcpdump's txtproto_print): the protocol name and, for
 * a request or status line (any first line when cmds is NULL), that
 * line (-v: every text line, with the length). */
static int print_txtproto(struct nt_printer *pr, struct nt_cur *c, unsigned len,
			  const char *name, const char *trunc_name, const char *const *cmds)
{
	struct nt_out *o = pr->out;
	const uint8_t *p = c->p;
	unsigned cap = (unsigned)nt_cur_left(c);
	char tok[HTTP_TOKEN_MAX + 1];
	int print_this = cmds == NULL, trunc = 0;
	unsigned idx = cmds ? fetch_token(p, cap, 0, len, tok, sizeof(tok)) : 0;
	if (idx != 0) {
		for (const char *const *cmd = cmds; *cmd; cmd++) {
			if (ascii_caseeq(tok, *cmd)) {
				print_this = 1;
				break;
			}
		}
		idx = fetch_token(p, cap, idx, len, tok, sizeof(tok));
		if (idx != 0 && tok[0] >= '0' && tok[0] <= '9' && tok[1] >= '0' &&
		    tok[1] <= '9' && tok[2] >= '0' && tok[2] <= '9' && tok[3] == '\0')
			print_this = 1;
	}
	nt_out_puts(o, name);
	if (!print_this)
		return NT_PRINT_OK;
	if (pr->o.vflag) {
		put_u(pr, ", length: ", len);
		unsigned eol;
		for (idx = 0; idx < len && (eol = txt_line(pr, "\n\t", p, cap, idx, len, &trunc)) != 0;
		     idx = eol)
			;
	} else {
		txt_line(pr, ": ", p, cap, 0, len, &trunc);
	}
	if (trunc) {
		nt_print_trunc(pr, trunc_name);
		return NT_PRINT_TRUNC;
	}
	return NT_PRINT_OK;
}

/* DNS over TCP (RFC 1035 4.2.2): a 2-byte length, then the message. */
static int print_dns_tcp(struct nt_printer *pr, struct nt_cur *c, unsigned len)
{
	if (len < 2) {
		put_u(pr, " [DNS over TCP: length ", len);
		nt_out_puts(pr->out, " < 2] (invalid)");
		return NT_PRINT_OK;
	}
	len -= 2;
	if (!nt_cur_has(c, 2)) {
		nt_print_trunc(pr, "domain");
		return NT_PRINT_TRUNC;
	}
	unsigned prefix = nt_u16(c);
	if (prefix != len) {
		put_u(pr, " [prefix length(", prefix);
		put_u(pr, ") != length(", len);
		nt_out_puts(pr->out, ")] (invalid)");
		return NT_PRINT_OK;
	}
	nt_out_putc(pr->out, ' ');
	struct nt_cur msg;
	nt_cur_sub(c, len, &msg);
	return nt_print_dns(pr, &msg, len, 0);
}

static void print_rst_data(struct nt_printer *pr, struct nt_cur *c, unsigned len)
{
	size_t have = nt_cur_left(c);
	nt_out_puts(pr->out, have >= len ? " [RST" : " [!RST");
	if (len > RST_DATA_MAX) {
		len = RST_DATA_MAX;
		nt_out_putc(pr->out, '+');
	}
	nt_out_putc(pr->out, ' ');
	for (unsigned i = 0; i < len && i < have; i++)
		nt_print_fn_char(pr, c->p[i]);
	nt_out_putc(pr->out, ']');
}

static int port_is(unsigned sport, unsigned dport, unsigned p)
{
	return sport == p || dport == p;
}

int nt_print_tcp(struct nt_printer *pr, struct nt_cur *c, uint32_t length,
		 const uint8_t *src, const uint8_t *dst, int v6)
{
	struct nt_out *o = pr->out;
	const uint8_t *tp = c->p;
	if (!nt_cur_has(c, 4)) {
		nt_print_addr(pr, v6, src);
		nt_out_puts(o, " > ");
		nt_print_addr(pr, v6, dst);
		nt_out_putc(o, ':');
		nt_print_trunc(pr, "tcp");
		return NT_PRINT_TRUNC;
	}
	unsigned sport = nt_u16(c), dport = nt_u16(c);
	print_addrs(pr, src, dst, v6, sport, dport);
	if (!nt_cur_has(c, TCP_HDR - 4)) {
		nt_print_trunc(pr, "tcp");
		return NT_PRINT_TRUNC;
	}
	uint32_t seq = nt_u32(c), ack = nt_u32(c);
	unsigned hlen = (unsigned)(nt_u8(c) >> 4) * 4;
	unsigned flags = nt_u8(c);
	unsigned win = nt_u16(c);
	unsigned sum = nt_u16(c);
	unsigned urp = nt_u16(c);
	if (hlen < TCP_HDR) {
		nt_out_puts(o, " tcp ");
		nt_out_u(o, (uint32_t)(length - hlen));
		put_u(pr, " [bad hdr length ", hlen);
		nt_out_puts(o, " - too short, < 20]");
		return NT_PRINT_OK;
	}
	if (pr->o.qflag) {
		nt_out_puts(o, "tcp ");
		nt_out_u(o, (uint32_t)(length - hlen));
		if (hlen > length) {
			put_u(pr, " [bad hdr length ", hlen);
			put_u(pr, " - too long, > ", length);
			nt_out_putc(o, ']');
		}
		return NT_PRINT_OK;
	}
	nt_out_puts(o, "Flags [");
	if (flags == 0) {
		nt_out_puts(o, "none");
	} else {
		static const char letters[] = "FSRP.UEW";
		for (int i = 0; i < 8; i++)
			if (flags & (1u << i))
				nt_out_putc(o, letters[i]);
	}
	nt_out_putc(o, ']');

	int rev = 0;
	uint32_t thseq = 0, thack = 0;
	if (!pr->o.absseq && (flags & 0x10)) {
		struct seq_key k;
		unsigned alen = v6 ? 16 : 4;
		memset(&k, 0, sizeof(k));
		k.v6 = (uint8_t)v6;
		if (sport > dport)
			rev = 1;
		else if (sport == dport && memcmp(src, dst, alen) > 0)
			rev = 1;
		if (rev) {
			memcpy(k.src, dst, alen);
			memcpy(k.dst, src, alen);
			k.ports = (uint32_t)dport << 16 | sport;
		} else {
			memcpy(k.src, src, alen);
			memcpy(k.dst, dst, alen);
			k.ports = (uint32_t)sport << 16 | dport;
		}
		int found;
		struct seq_ent *e = seq_lookup(&k, &found);
		if (!found || (flags & 0x02)) {
			if (rev) {
				e->ack = seq;
				e->seq = ack - 1;
			} else {
				e->seq = seq;
				e->ack = ack - 1;
			}
		} else if (rev) {
			seq -= e->ack;
			ack -= e->seq;
		} else {
			seq -= e->seq;
			ack -= e->ack;
		}
		thseq = e->seq;
		thack = e->ack;
	}
	if (hlen > length) {
		put_u(pr, " [bad hdr length ", hlen);
		put_u(pr, " - too long, > ", length);
		nt_out_putc(o, ']');
		return NT_PRINT_OK;
	}
	if (pr->o.vflag && !pr->ip_frag && pr->ip_hdr && (size_t)(c->end - tp) >= length &&
	    !c->err) {
		uint16_t r = nt_l4_cksum(pr, 6, tp, length);
		nt_out_puts(o, ", cksum 0x");
		nt_out_hex(o, sum, 4);
		if (r != 0) {
			nt_out_puts(o, " (incorrect -> 0x");
			nt_out_hex(o, nt_cksum_shouldbe((uint16_t)sum, r), 4);
			nt_out_putc(o, ')');
		} else {
			nt_out_puts(o, " (correct)");
		}
	}
	length -= hlen;
	if (pr->o.vflag > 1 || length > 0 || (flags & 0x07)) {
		put_u(pr, ", seq ", seq);
		if (length > 0)
			put_u(pr, ":", seq + length);
	}
	if (flags & 0x10)
		put_u(pr, ", ack ", ack);
	put_u(pr, ", win ", win);
	if (flags & 0x20)
		put_u(pr, ", urg ", urp);
	if (hlen > TCP_HDR) {
		int sep = 0;
		int payload_captured = (size_t)(c->end - tp) >= (size_t)hlen + length;
		int rc = print_options(pr, c, hlen - TCP_HDR, rev, thseq, thack, payload_captured,
				       &sep);
		if (rc == OPT_BAD) {
			nt_out_puts(o, "[bad opt]");
			if (sep)
				nt_out_putc(o, ']');
			return NT_PRINT_OK;
		}
		if (rc != OPT_OK) {
			nt_print_trunc(pr, "tcp");
			if (rc == OPT_TRUNC && sep)
				nt_out_putc(o, '>');
			return NT_PRINT_TRUNC;
		}
	}
	put_u(pr, ", length ", length);
	if (length == 0)
		return NT_PRINT_OK;
	/* The payload starts after the header (the options loop may stop
	 * early at an EOL). */
	c->p = tp;
	c->err = 0;
	if (!nt_cur_has(c, hlen)) {
		size_t have = (size_t)(c->end - tp);
		put_u(pr, " [remaining caplen(", (uint32_t)have);
		put_u(pr, ") < header length(", hlen);
		nt_out_puts(o, ")]");
		nt_print_trunc(pr, "tcp");
		return NT_PRINT_TRUNC;
	}
	nt_skip(c, hlen);
	struct nt_cur pl;
	nt_cur_sub(c, length, &pl);
	if ((flags & 0x04) && pr->o.vflag) {
		print_rst_data(pr, &pl, length);
		return NT_PRINT_OK;
	}
	if (pr->o.force_domain)
		return print_dns_tcp(pr, &pl, length);
	/* tcpdump's order of port decoders; those we do not have print
	 * nothing more, so that e.g. 22 -> 53 is not taken for DNS. */
	static const struct {
		uint16_t port, port2;
		const char *name, *trunc_name;
		const char *const *cmds;
	} ports[] = {
		{23, 23, NULL, NULL, NULL},          /* telnet */
		{25, 25, "SMTP", "smtp", NULL},
		{43, 43, "WHOIS", "whois", NULL},
		{179, 179, NULL, NULL, NULL},        /* BGP */
		{1723, 1723, NULL, NULL, NULL},      /* PPTP */
		{6379, 6379, NULL, NULL, NULL},      /* Redis (RESP) */
		{22, 22, NULL, NULL, NULL},          /* SSH */
		{10288, 10288, NULL, NULL, NULL},    /* BEEP */
		{6633, 6653, NULL, NULL, NULL},      /* OpenFlow */
		{21, 21, "FTP", "ftp", NULL},
		{80, 8080, "HTTP", "http", http_cmds},
		{554, 8554, "RTSP", "rtsp", rtsp_cmds},
	};
	for (size_t i = 0; i < sizeof(ports) / sizeof(ports[0]); i++) {
		if (!port_is(sport, dport, ports[i].port) && !port_is(sport, dport, ports[i].port2))
			continue;
		if (ports[i].name == NULL)
			return NT_PRINT_OK;
		nt_out_puts(o, ": ");
		return print_txtproto(pr, &pl, length, ports[i].name, ports[i].trunc_name,
				      ports[i].cmds);
	}
	if (port_is(sport, dport, 53))
		return print_dns_tcp(pr, &pl, length);
	return NT_PRINT_OK;
}
