#include "print/print.h"
int nt_print_tcp(struct nt_printer *pr, struct nt_cur *c, uint32_t len, const uint8_t *src, const uint8_t *dst, int v6) { (void)c; nt_print_addr(pr, v6, src); nt_out_puts(pr->out, " > "); nt_print_addr(pr, v6, dst); nt_out_printf(pr->out, ": tcp %u", len); return 0; }
int nt_print_icmp(struct nt_printer *pr, struct nt_cur *c, uint32_t len) { (void)c; nt_out_printf(pr->out, "ICMP, length %u", len); return 0; }
int nt_print_icmp6(struct nt_printer *pr, struct nt_cur *c, uint32_t len, const uint8_t *src, const uint8_t *dst) { (void)c;(void)src;(void)dst; nt_out_printf(pr->out, "ICMP6, length %u", len); return 0; }
int nt_print_dns(struct nt_printer *pr, struct nt_cur *c, uint32_t len, int is_mdns) { (void)c;(void)is_mdns; nt_out_printf(pr->out, "DNS (%u)", len); return 0; }
