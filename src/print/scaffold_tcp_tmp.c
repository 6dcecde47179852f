/* Temporary scaffold, replaced by print/tcp.c. */
#include "print/print.h"
int nt_print_tcp(struct nt_printer *pr, struct nt_cur *c, uint32_t len, const uint8_t *src, const uint8_t *dst, int v6) { (void)c; nt_print_addr(pr, v6, src); nt_out_puts(pr->out, " > "); nt_print_addr(pr, v6, dst); nt_out_printf(pr->out, ": tcp %u", len); return 0; }
