/* \summary: BOOTP/DHCPv4 printer (RFC 951, RFC 1048, RFC 2131/2132), as
 * tcpdump 4.99.3 prints it: the op and client MAC on one line; at -v
 * the fixed header's non-zero fields, sname/file, and the RFC 1048
 * options (or the CMU vendor area) one per line.
 *
 * | op | htype | hlen | hops | xid (4) | secs (2) | flags (2) |
 * | ciaddr | yiaddr | siaddr | giaddr | chaddr (16) | sname (64) |
 * | file (128) | vendor area: magic cookie, then options ... |
 *
 * Reads what was captured, not the UDP length (as tcpdump, which walks
 * the options to the end of the captured data); a field cut by the snap
 * length ends the line with " [|bootp]".  Option names: proto/dhcp.h.
 */
#include "print/print.h"

#include "proto/dhcp.h"

static int bootp_trunc(struct nt_printer *pr)
{
	nt_print_trunc(pr, "bootp");
	return NT_PRINT_TRUNC;
}

/* Quoted text with tcpdump's escaping (bytes all captured). */
static void text(struct nt_printer *pr, const uint8_t *p, size_t n)
{
	nt_out_putc(pr->out, '"');
	for (size_t i = 0; i < n; i++)
		nt_print_fn_char(pr, p[i]);
	nt_out_putc(pr->out, '"');
}

/* sname/file: text up to a NUL within `max` bytes (nd_printztn); 0 when
 * the field has no NUL or is cut by the snap length. */
static int ztext(struct nt_printer *pr, const struct nt_cur *c, size_t off, size_t max)
{
	for (size_t i = 0; i < max; i++) {
		unsigned ch;
		if (!nt_at8(c, off + i, &ch))
			return 0;
		if (ch == 0)
			return 1;
		nt_print_fn_char(pr, (uint8_t)ch);
	}
	return 0;
}

static void ip4(struct nt_out *o, const uint8_t *p)
{
	nt_out_ip4(o, p);
}

static uint32_t be32(const uint8_t *p)
{
	return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
}

/* Relay agent information (option 82, RFC 3046): sub-options. */
static void agent_info(struct nt_printer *pr, const uint8_t *d, unsigned *lenp)
{
	struct nt_out *o = pr->out;
	unsigned len = *lenp;
	while (len >= 2) {
		unsigned sub = d[0], sl = d[1];
		const char *name = nt_dhcp_agent_subopt_name(sub);
		d += 2;
		len -= 2;
		nt_out_printf(o, "\n\t      %s SubOption %u, length %u: ", name ? name : "Unknown",
			      sub, sl);
		if (sl > len) {
			nt_out_puts(o, "length goes past end of option");
			len = 0;
			break;
		}
		if (name) {
			for (unsigned i = 0; i < sl; i++)
				nt_print_fn_char(pr, d[i]);
		} else {
			nt_print_hexdump(pr, d, sl, "\n\t\t");
		}
		d += sl;
		len -= sl;
	}
	*lenp = len;
}

/* Classless static routes (options 121, 249, RFC 3442). */
static void classless_routes(struct nt_printer *pr, const uint8_t *d, unsigned len)
{
	struct nt_out *o = pr->out;
	int first = 1;
	if (len < 5) {
		nt_out_puts(o, "[ERROR: length < 5 bytes]");
		return;
	}
	while (len > 0) {
		if (!first)
			nt_out_putc(o, ',');
		unsigned w = *d++;
		len--;
		if (w > 32) {
			nt_out_printf(o, "[ERROR: Mask width (%u) > 32]", w);
			return;
		}
		unsigned sig = (w + 7) / 8;
		if (len < sig + 4) {
			nt_out_printf(o, "[ERROR: Remaining length (%u) < %u bytes]", len, sig + 4);
			return;
		}
		nt_out_putc(o, '(');
		if (w == 0) {
			nt_out_puts(o, "default");
		} else {
			for (unsigned i = 0; i < sig; i++)
				nt_out_printf(o, i ? ".%u" : "%u", *d++);
			for (unsigned i = sig; i < 4; i++)
				nt_out_puts(o, ".0");
			nt_out_printf(o, "/%u", w);
		}
		nt_out_putc(o, ':');
		ip4(o, d);
		nt_out_putc(o, ')');
		d += 4;
		len -= sig + 4;
		first = 0;
	}
}

/* User class (option 77, RFC 3004): length-prefixed instances. */
static void user_class(struct nt_printer *pr, const uint8_t *d, unsigned len)
{
	struct nt_out *o = pr->out;
	unsigned n = 1;
	if (len < 2) {
		nt_out_puts(o, "[ERROR: length < 2 bytes]");
		return;
	}
	while (len > 0) {
		unsigned sl = *d++;
		len--;
		nt_out_printf(o, "\n\t      instance#%u: ", n);
		if (sl == 0) {
			nt_out_puts(o, "[ERROR: suboption length must be non-zero]");
			return;
		}
		if (len < sl) {
			nt_out_puts(o, "[ERROR: invalid option]");
			return;
		}
		text(pr, d, sl);
		nt_out_printf(o, ", length %u", sl);
		n++;
		len -= sl;
		d += sl;
	}
}

/* The options tcpdump decodes by hand ('$'); *lenp: bytes left over. */
static void special(struct nt_printer *pr, unsigned tag, const uint8_t *d, unsigned *lenp)
{
	struct nt_out *o = pr->out;
	unsigned len = *lenp;
	*lenp = 0;
	switch (tag) {
	case NT_DHCP_OPT_NETBIOS_NODE:
	case NT_DHCP_OPT_OVERLOAD: {
		if (len < 1) {
			nt_out_puts(o, "[ERROR: length < 1 bytes]");
			return;
		}
		static const char *const node[9] = {NULL, "b-node", "p-node", NULL, "m-node",
						    NULL, NULL, NULL, "h-node"};
		static const char *const oo[4] = {NULL, "file", "sname", "file+sname"};
		const char *s = NULL;
		if (tag == NT_DHCP_OPT_NETBIOS_NODE)
			s = d[0] < 9 ? node[d[0]] : NULL;
		else
			s = d[0] < 4 ? oo[d[0]] : NULL;
		if (s)
			nt_out_puts(o, s);
		else
			nt_out_printf(o, "#%u", d[0]);
		*lenp = len - 1;
		return;
	}
	case NT_DHCP_OPT_CLIENT_FQDN:
		if (len < 3) {
			nt_out_puts(o, "[ERROR: length < 3 bytes]");
			return;
		}
		if (d[0] & 0xf0)
			nt_out_printf(o, "[ERROR: MBZ nibble 0x%x != 0] ", (d[0] & 0xf0) >> 4);
		if (d[0] & 0x0f) {
			nt_out_putc(o, '[');
			if (d[0] & 1)
				nt_out_putc(o, 'S');
			if (d[0] & 2)
				nt_out_putc(o, 'O');
			if (d[0] & 4)
				nt_out_putc(o, 'E');
			if (d[0] & 8)
				nt_out_putc(o, 'N');
			nt_out_puts(o, "] ");
		}
		if (d[1] || d[2])
			nt_out_printf(o, "%u/%u ", d[1], d[2]);
		text(pr, d + 3, len - 3);
		return;
	case NT_DHCP_OPT_CLIENT_ID: {
		if (len < 1) {
			nt_out_puts(o, "[ERROR: length < 1 bytes]");
			return;
		}
		unsigned type = d[0];
		if (type == 0) {
			text(pr, d + 1, len - 1);
			return;
		}
		const char *s = nt_dhcp_client_id_htype_name(type);
		if (s)
			nt_out_puts(o, s);
		else
			nt_out_printf(o, "hardware-type %u,", type);
		nt_out_putc(o, ' ');
		for (unsigned i = 1; i < len; i++) {
			if (i > 1)
				nt_out_putc(o, ':');
			nt_out_hex(o, d[i], 2);
		}
		return;
	}
	case NT_DHCP_OPT_RELAY_AGENT:
		agent_info(pr, d, &len);
		*lenp = len;
		return;
	case NT_DHCP_OPT_CLASSLESS_ROUTE:
	case NT_DHCP_OPT_CLASSLESS_ROUTE_MS:
		classless_routes(pr, d, len);
		return;
	case NT_DHCP_OPT_USER_CLASS:
		user_class(pr, d, len);
		return;
	default:
		nt_out_printf(o, "[unknown special tag %u, size %u]", tag, len);
		return;
	}
}

/* One option's data by its format letter; *lenp: bytes left over. */
static void opt_data(struct nt_printer *pr, unsigned tag, char fmt, const uint8_t *d,
		     unsigned *lenp)
{
	struct nt_out *o = pr->out;
	unsigned len = *lenp;
	int first = 1;
	if (fmt == '?')
		fmt = (len & 1) ? 'b' : (len & 2) ? 's' : 'l';
	switch (fmt) {
	case 'a':
		text(pr, d, len);
		len = 0;
		break;
	case 'i':
	case 'l':
	case 'L':
		for (; len >= 4; len -= 4, d += 4, first = 0) {
			if (!first)
				nt_out_putc(o, ',');
			if (fmt == 'i')
				ip4(o, d);
			else if (fmt == 'L')
				nt_out_i(o, (int32_t)be32(d));
			else
				nt_out_u(o, be32(d));
		}
		break;
	case 'p':
		for (; len >= 8; len -= 8, d += 8, first = 0) {
			if (!first)
				nt_out_putc(o, ',');
			nt_out_putc(o, '(');
			ip4(o, d);
			nt_out_putc(o, ':');
			ip4(o, d + 4);
			nt_out_putc(o, ')');
		}
		break;
	case 's':
		for (; len >= 2; len -= 2, d += 2, first = 0) {
			if (!first)
				nt_out_putc(o, ',');
			nt_out_u(o, ((unsigned)d[0] << 8) | d[1]);
		}
		break;
	case 'B':
		for (; len > 0; len--, d++, first = 0) {
			if (!first)
				nt_out_putc(o, ',');
			if (d[0] == 0)
				nt_out_putc(o, 'N');
			else if (d[0] == 1)
				nt_out_putc(o, 'Y');
			else
				nt_out_printf(o, "%u?", d[0]);
		}
		break;
	case '$':
		special(pr, tag, d, &len);
		break;
	default: /* 'b' and the fixed-format tags with another length */
		for (; len > 0; len--, d++, first = 0) {
			if (!first)
				nt_out_putc(o, '.');
			nt_out_u(o, d[0]);
		}
		break;
	}
	*lenp = len;
}

/* RFC 1048 options after the magic cookie at `t`. */
static int rfc1048(struct nt_printer *pr, struct nt_cur *t)
{
	struct nt_out *o = pr->out;
	int vvv = pr->o.vflag > 2;
	nt_out_printf(o, "\n\t  Vendor-rfc1048 Extensions\n\t    Magic Cookie 0x%08x", nt_u32(t));
	while (nt_cur_has(t, 1)) {
		unsigned tag = nt_u8(t), len = 0;
		if ((tag == NT_DHCP_OPT_PAD || tag == NT_DHCP_OPT_END) && !vvv) {
			if (tag == NT_DHCP_OPT_END)
				return NT_PRINT_OK;
			continue;
		}
		char fmt;
		const char *name = nt_dhcp_opt_name(tag, &fmt);
		if (tag != NT_DHCP_OPT_PAD && tag != NT_DHCP_OPT_END) {
			len = nt_u8(t);
			if (t->err)
				return bootp_trunc(pr);
		}
		nt_out_printf(o, "\n\t    %s (%u), length %u%s", name ? name : "Unknown", tag, len,
			      len > 0 ? ": " : "");
		if (tag == NT_DHCP_OPT_PAD && vvv) {
			unsigned n = 1;
			while (nt_peek(t, 0) == NT_DHCP_OPT_PAD) {
				nt_skip(t, 1);
				n++;
			}
			if (n > 1)
				nt_out_printf(o, ", occurs %u", n);
		}
		const uint8_t *d = nt_ptr(t, len);
		if (!d)
			return bootp_trunc(pr);
		if (tag == NT_DHCP_OPT_MSG_TYPE && len == 1) {
			const char *m = nt_dhcp_msg_name(d[0]);
			if (m)
				nt_out_puts(o, m);
			else
				nt_out_printf(o, "Unknown (%u)", d[0]);
			continue;
		}
		if (tag == NT_DHCP_OPT_PARAM_REQ) {
			for (unsigned i = 0; i < len; i++) {
				char f;
				const char *s = nt_dhcp_opt_name(d[i], &f);
				nt_out_puts(o, i % 4 == 0 ? "\n\t      " : ", ");
				nt_out_printf(o, "%s (%u)", s ? s : "Unknown", d[i]);
			}
			continue;
		}
		opt_data(pr, tag, fmt, d, &len);
		if (len)
			nt_out_printf(o, "\n\t  trailing data length %u", len);
	}
	return NT_PRINT_OK;
}

/* CMU vendor area: flags, then eight addresses printed when non-zero. */
static int cmu(struct nt_printer *pr, const struct nt_cur *v)
{
	struct nt_out *o = pr->out;
	static const struct { unsigned off; const char *name; } f[] = {
		{12, "DG"}, {8, "SM"}, {16, "NS1"}, {20, "NS2"},
		{24, "IEN1"}, {28, "IEN2"}, {32, "TS1"}, {36, "TS2"},
	};
	nt_out_puts(o, " vend-cmu");
	const uint8_t *fl = nt_atptr(v, 4, 4);
	if (!fl)
		return bootp_trunc(pr);
	if (fl[0] & ~1u)
		nt_out_printf(o, " F:0x%x", fl[0]);
	for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
		const uint8_t *a = nt_atptr(v, f[i].off, 4);
		if (!a)
			return bootp_trunc(pr);
		if (be32(a) == 0)
			continue;
		nt_out_printf(o, " %s:", i == 1 && !(fl[0] & 1) ? "SM*" : f[i].name);
		ip4(o, a);
	}
	return NT_PRINT_OK;
}

int nt_print_bootp(struct nt_printer *pr, struct nt_cur *c, uint32_t length)
{
	struct nt_out *o = pr->out;
	unsigned op, htype, hlen;
	if (!nt_at8(c, 0, &op))
		return bootp_trunc(pr);
	if (op == NT_BOOTP_REQUEST)
		nt_out_puts(o, "BOOTP/DHCP, Request");
	else if (op == NT_BOOTP_REPLY)
		nt_out_puts(o, "BOOTP/DHCP, Reply");
	else
		nt_out_printf(o, "BOOTP/DHCP, unknown (0x%02x)", op);
	if (!nt_at8(c, 1, &htype) || !nt_at8(c, 2, &hlen))
		return bootp_trunc(pr);
	int ether = htype == 1 && hlen == 6;
	const uint8_t *ch = nt_atptr(c, NT_BOOTP_OFF_CHADDR, 6);
	if (ether && op == NT_BOOTP_REQUEST) {
		if (!ch)
			return bootp_trunc(pr);
		nt_out_puts(o, " from ");
		nt_out_mac(o, ch);
	}
	nt_out_printf(o, ", length %u", length);
	if (!pr->o.vflag)
		return NT_PRINT_OK;
	const uint8_t *h = nt_atptr(c, 0, 10);
	if (!h)
		return bootp_trunc(pr);
	if (htype != 1)
		nt_out_printf(o, ", htype %u", htype);
	if (!ether)
		nt_out_printf(o, ", hlen %u", hlen);
	if (h[3])
		nt_out_printf(o, ", hops %u", h[3]);
	if (be32(h + 4))
		nt_out_printf(o, ", xid 0x%x", be32(h + 4));
	unsigned secs = ((unsigned)h[8] << 8) | h[9], flags;
	if (secs)
		nt_out_printf(o, ", secs %u", secs);
	if (!nt_at16(c, 10, &flags))
		return bootp_trunc(pr);
	nt_out_printf(o, ", Flags [%s]", (flags & NT_BOOTP_FLAG_BROADCAST) ? "Broadcast" : "none");
	if (pr->o.vflag > 1)
		nt_out_printf(o, " (0x%04x)", flags);
	static const char *const addr[4] = {"Client-IP", "Your-IP", "Server-IP", "Gateway-IP"};
	for (unsigned i = 0; i < 4; i++) {
		const uint8_t *a = nt_atptr(c, 12 + 4 * i, 4);
		if (!a)
			return bootp_trunc(pr);
		if (be32(a)) {
			nt_out_printf(o, "\n\t  %s ", addr[i]);
			ip4(o, a);
		}
	}
	if (ether) {
		if (!ch)
			return bootp_trunc(pr);
		nt_out_puts(o, "\n\t  Client-Ethernet-Address ");
		nt_out_mac(o, ch);
	}
	static const struct { const char *name; unsigned off, len; } zf[2] = {
		{"sname", NT_BOOTP_OFF_SNAME, NT_BOOTP_SNAME_LEN},
		{"file", NT_BOOTP_OFF_FILE, NT_BOOTP_FILE_LEN},
	};
	for (unsigned i = 0; i < 2; i++) {
		unsigned first;
		if (!nt_at8(c, zf[i].off, &first))
			return bootp_trunc(pr);
		if (first) {
			nt_out_printf(o, "\n\t  %s \"", zf[i].name);
			int ok = ztext(pr, c, zf[i].off, zf[i].len);
			nt_out_putc(o, '"');
			if (!ok)
				return bootp_trunc(pr);
		}
	}
	struct nt_cur v = *c;
	nt_skip(&v, NT_BOOTP_OFF_VEND);
	const uint8_t *m = nt_atptr(&v, 0, 4);
	if (!m)
		return bootp_trunc(pr);
	if (be32(m) == NT_DHCP_MAGIC)
		return rfc1048(pr, &v);
	if (m[0] == 'C' && m[1] == 'M' && m[2] == 'U' && m[3] == 0)
		return cmu(pr, &v);
	if (be32(m))
		nt_out_printf(o, "\n\t  Vendor-#0x%x", be32(m));
	return NT_PRINT_OK;
}
