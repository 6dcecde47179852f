/* Temporary scaffold, replaced by print/dns.c. */
#include "print/print.h"
int nt_print_dns(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int is_mdns) { (void)c;(void)is_mdns; nt_out_printf(pr->out, "DNS (%u)", len); return 0; }
