/* Temporary scaffold, replaced by print/icmp.c and print/icmp6.c. */
#include "print/print.h"
int nt_print_icmp(struct nt_printer *pr, struct nt_cur *c, uint32_t len) { (void)c; nt_out_printf(pr->out, "ICMP, length %u", len); return 0; }
int nt_print_icmp6(struct nt_printer *pr, struct nt_cur *c, uint32_t len, const uint8_t *src, const uint8_t *dst) { (void)c;(void)src;(void)dst; nt_out_printf(pr->out, "ICMP6, length %u", len); return 0; }
