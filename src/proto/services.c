/* \summary: port-name lookups over the generated /etc/services tables,
 * and the one table of the common services' human names; see
 * proto/services.h. */
#include "proto/services.h"

#include <string.h>

const char *nt_service_port_name(int udp, unsigned port)
{
	const struct nt_service *t = udp ? nt_services_udp : nt_services_tcp;
	size_t lo = 0, hi = udp ? nt_services_udp_len : nt_services_tcp_len;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (t[mid].port == port)
			return t[mid].name;
		if (t[mid].port < port)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int nt_service_port_number(const char *name, size_t n, int proto)
{
	if (n == 0)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		int udp = (proto == 6) ? (pass == 1) : (pass == 0);
		const struct nt_service *t = udp ? nt_services_udp : nt_services_tcp;
		size_t len = udp ? nt_services_udp_len : nt_services_tcp_len;
		for (size_t i = 0; i < len; i++)
			if (t[i].name[0] == name[0] && strlen(t[i].name) == n &&
			    memcmp(t[i].name, name, n) == 0)
				return t[i].port;
	}
	return -1;
}

/* label: the reports' short name (NULL: the reports do not name the
 * port, so their texts stay as they were); description: explain's. */
static const struct {
	uint16_t port;
	const char *label;
	const char *description;
} human[] = {
	{20, NULL, "FTP data"},
	{21, NULL, "FTP"},
	{22, "SSH", "SSH (remote shell)"},
	{23, NULL, "Telnet"},
	{25, "SMTP", "SMTP (mail delivery)"},
	{53, "DNS", "DNS"},
	{67, NULL, "DHCP server"},
	{68, NULL, "DHCP client"},
	{69, NULL, "TFTP"},
	{80, "HTTP", "HTTP (web)"},
	{110, NULL, "POP3 (mail)"},
	{123, "NTP", "NTP (time)"},
	{137, NULL, "NetBIOS name service"},
	{143, NULL, "IMAP (mail)"},
	{161, "SNMP", "SNMP"},
	{162, NULL, "SNMP trap"},
	{389, NULL, "LDAP"},
	{443, "HTTPS", "HTTPS (web over TLS)"},
	{445, NULL, "SMB (Windows file sharing)"},
	{465, NULL, "SMTP over TLS"},
	{514, "syslog", "syslog"},
	{587, NULL, "mail submission"},
	{636, NULL, "LDAP over TLS"},
	{853, "DNS over TLS", "DNS over TLS"},
	{993, NULL, "IMAP over TLS"},
	{995, NULL, "POP3 over TLS"},
	{1812, NULL, "RADIUS"},
	{3306, "MySQL", "MySQL"},
	{3389, "RDP", "RDP (remote desktop)"},
	{5353, NULL, "mDNS (multicast DNS)"},
	{5355, NULL, "LLMNR (link-local name resolution)"},
	{5432, "PostgreSQL", "PostgreSQL"},
	{8080, "HTTP alternate", "HTTP (alternate port)"},
	{8443, "HTTPS alternate", "HTTPS (alternate port)"},
};

const char *nt_service_label(unsigned port)
{
	for (size_t i = 0; i < sizeof(human) / sizeof(human[0]); i++)
		if (human[i].port == port)
			return human[i].label;
	return NULL;
}

const char *nt_service_description(unsigned port)
{
	for (size_t i = 0; i < sizeof(human) / sizeof(human[0]); i++)
		if (human[i].port == port)
			return human[i].description;
	return NULL;
}
