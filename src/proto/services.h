/* \summary: what a port number is called, once for the whole tree:
 *  - the service names of Debian netbase's /etc/services, as tcpdump
 *    prints them without -n (".domain", ".https") and as the text-log
 *    reader reads them back (tables generated into services_tab.c by
 *    tools/scripts/gen_services.py, sorted by port);
 *  - the names people use for the common services, in two lengths: a
 *    label for report titles and findings ("DNS", "HTTPS") and a
 *    description for explanations ("HTTPS (web over TLS)"). */
#ifndef NT_PROTO_SERVICES_H
#define NT_PROTO_SERVICES_H

#include <stddef.h>
#include <stdint.h>

struct nt_service {
	uint16_t port;
	const char *name;
};

/* Generated; sorted by port, the first /etc/services entry of a port. */
extern const struct nt_service nt_services_tcp[];
extern const size_t nt_services_tcp_len;
extern const struct nt_service nt_services_udp[];
extern const size_t nt_services_udp_len;

/* The /etc/services name of a UDP (udp != 0) or TCP port, as tcpdump
 * prints it; NULL when the port has none. */
const char *nt_service_port_name(int udp, unsigned port);
/* The port an /etc/services name stands for: the n bytes at name (no NUL
 * needed) looked up in the TCP table first when proto is 6, else in the
 * UDP table first; -1 when neither has it. */
int nt_service_port_number(const char *name, size_t n, int proto);

/* The short name reports give the service on a port ("DNS", "HTTPS",
 * "HTTP alternate"); NULL for a port they do not name. */
const char *nt_service_label(unsigned port);
/* What the service on a port is, in a few words ("DNS", "HTTPS (web over
 * TLS)", "DHCP server"); NULL for a port not in the table. */
const char *nt_service_description(unsigned port);

#endif
