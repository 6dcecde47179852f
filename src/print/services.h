/* \summary: port number -> service name tables (sorted by port). */
#ifndef NT_SERVICES_H
#define NT_SERVICES_H

#include <stddef.h>
#include <stdint.h>

struct nt_service {
	uint16_t port;
	const char *name;
};

extern const struct nt_service nt_services_tcp[];
extern const size_t nt_services_tcp_len;
extern const struct nt_service nt_services_udp[];
extern const size_t nt_services_udp_len;

#endif
