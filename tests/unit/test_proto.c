/* \summary: unit tests of the protocol tables (src/proto): DNS names in
 * each spelling and back, ICMP texts, port names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "proto/dns.h"
#include "proto/icmp.h"
#include "proto/services.h"

static int num(int (*f)(const char *, size_t, int), const char *s, int sp)
{
	return f(s, strlen(s), sp);
}

static void test_dns_types(void **state)
{
	(void)state;
	assert_string_equal(nt_dns_type_name(NT_DNS_T_A, NT_DNS_TCPDUMP), "A");
	assert_string_equal(nt_dns_type_name(NT_DNS_T_A, NT_DNS_MNEMONIC), "A");
	assert_string_equal(nt_dns_type_name(NT_DNS_T_A, NT_DNS_ZEEK), "A");
	/* tcpdump 4.99.3 prints Type65 for HTTPS, and has its own 104 */
	assert_null(nt_dns_type_name(NT_DNS_T_HTTPS, NT_DNS_TCPDUMP));
	assert_string_equal(nt_dns_type_name(NT_DNS_T_HTTPS, NT_DNS_MNEMONIC), "HTTPS");
	assert_string_equal(nt_dns_type_name(NT_DNS_T_UNSPECA, NT_DNS_TCPDUMP), "UNSPECA");
	assert_null(nt_dns_type_name(NT_DNS_T_UNSPECA, NT_DNS_MNEMONIC));
	assert_string_equal(nt_dns_type_name(23, NT_DNS_TCPDUMP), "NSAP_PTR");
	assert_string_equal(nt_dns_type_name(23, NT_DNS_MNEMONIC), "NSAP-PTR");
	assert_null(nt_dns_type_name(0, NT_DNS_MNEMONIC));
	assert_null(nt_dns_type_name(1, 7));
	assert_int_equal(num(nt_dns_type_number, "AAAA", NT_DNS_MNEMONIC), 28);
	assert_int_equal(num(nt_dns_type_number, "HTTPS", NT_DNS_TCPDUMP), -1);
	assert_int_equal(num(nt_dns_type_number, "HTTPS", -1), 65);
	assert_int_equal(num(nt_dns_type_number, "NSAP_PTR", -1), 23);
	assert_int_equal(num(nt_dns_type_number, "NSAP-PTR", -1), 23);
	assert_int_equal(num(nt_dns_type_number, "Type65", -1), -1); /* generic forms: the caller's */
	assert_int_equal(nt_dns_type_number("AAAAB", 4, -1), 28); /* exactly n bytes */
	assert_int_equal(nt_dns_type_number("A\0", 2, -1), -1);
	assert_int_equal(nt_dns_type_number("", 0, -1), -1);
}

static void test_dns_classes_rcodes_opcodes(void **state)
{
	(void)state;
	assert_string_equal(nt_dns_class_name(NT_DNS_C_IN, NT_DNS_ZEEK), "C_INTERNET");
	assert_string_equal(nt_dns_class_name(NT_DNS_C_CHAOS, NT_DNS_TCPDUMP), "CHAOS");
	assert_string_equal(nt_dns_class_name(NT_DNS_C_CHAOS, NT_DNS_MNEMONIC), "CH");
	assert_null(nt_dns_class_name(NT_DNS_C_NONE, NT_DNS_TCPDUMP));
	assert_string_equal(nt_dns_class_name(NT_DNS_C_NONE, NT_DNS_ZEEK), "C_NONE");
	assert_null(nt_dns_class_name(2, NT_DNS_MNEMONIC));

	assert_string_equal(nt_dns_rcode_name(NT_DNS_R_NOERROR, NT_DNS_TCPDUMP), "");
	assert_string_equal(nt_dns_rcode_name(NT_DNS_R_NXDOMAIN, NT_DNS_TCPDUMP), "NXDomain");
	assert_string_equal(nt_dns_rcode_name(NT_DNS_R_NXDOMAIN, NT_DNS_MNEMONIC), "NXDOMAIN");
	assert_string_equal(nt_dns_rcode_name(NT_DNS_R_NXDOMAIN, NT_DNS_ZEEK), "NXDOMAIN");
	assert_string_equal(nt_dns_rcode_name(NT_DNS_R_BADVERS, NT_DNS_MNEMONIC), "BADVERS");
	assert_string_equal(nt_dns_rcode_name(NT_DNS_R_BADVERS, NT_DNS_TCPDUMP), "BadVers");
	assert_null(nt_dns_rcode_name(NT_DNS_R_BADKEY, NT_DNS_TCPDUMP)); /* tcpdump: Resp17 */
	static const char *const ext[] = {"BADKEY", "BADTIME", "BADMODE", "BADNAME",
					  "BADALG", "BADTRUNC", "BADCOOKIE"};
	for (unsigned i = 0; i < 7; i++) {
		assert_string_equal(nt_dns_rcode_name(17 + i, NT_DNS_MNEMONIC), ext[i]);
		assert_int_equal(num(nt_dns_rcode_number, ext[i], NT_DNS_MNEMONIC), (int)(17 + i));
	}
	assert_int_equal(num(nt_dns_rcode_number, "BADSIG", NT_DNS_MNEMONIC), NT_DNS_R_BADSIG);
	assert_string_equal(nt_dns_rcode_name(NT_DNS_R_DSOTYPENI, NT_DNS_MNEMONIC), "DSOTYPENI");
	assert_null(nt_dns_rcode_name(NT_DNS_R_DSOTYPENI, NT_DNS_TCPDUMP)); /* Resp11 */
	assert_null(nt_dns_rcode_name(12, NT_DNS_MNEMONIC));
	assert_int_equal(num(nt_dns_rcode_number, "NoChange", NT_DNS_TCPDUMP), 15);
	assert_int_equal(num(nt_dns_rcode_number, "NXDomain", NT_DNS_MNEMONIC), -1);
	assert_int_equal(num(nt_dns_rcode_number, "Resp17", -1), -1);

	assert_string_equal(nt_dns_opcode_name(NT_DNS_OP_QUERY, NT_DNS_TCPDUMP), "");
	assert_string_equal(nt_dns_opcode_name(NT_DNS_OP_IQUERY, NT_DNS_TCPDUMP), "inv_q");
	assert_string_equal(nt_dns_opcode_name(NT_DNS_OP_UPDATE, NT_DNS_MNEMONIC), "UPDATE");
	for (unsigned op = 0; op < 16; op++)
		assert_non_null(nt_dns_opcode_name(op, NT_DNS_TCPDUMP));
	assert_int_equal(num(nt_dns_opcode_number, "zoneRef", NT_DNS_TCPDUMP), 15);
	assert_int_equal(num(nt_dns_opcode_number, "", NT_DNS_TCPDUMP), -1);
}

static void test_icmp(void **state)
{
	(void)state;
	assert_true(nt_icmp_is_error(0, NT_ICMP_UNREACH));
	assert_true(nt_icmp_is_error(0, NT_ICMP_PARAMPROB));
	assert_false(nt_icmp_is_error(0, NT_ICMP_ECHO));
	assert_true(nt_icmp_is_error(1, NT_ICMP6_PARAM_PROB));
	assert_false(nt_icmp_is_error(1, NT_ICMP6_ECHO_REQUEST));
	const char *pfx, *detail;
	assert_true(nt_icmp_unreach_text(NT_ICMP_UNREACH_FILTER_PROHIB, &pfx, &detail));
	assert_string_equal(pfx, "host ");
	assert_string_equal(detail, "admin prohibited filter");
	assert_true(nt_icmp_unreach_text(NT_ICMP_UNREACH_NET, &pfx, &detail));
	assert_null(detail);
	assert_false(nt_icmp_unreach_text(NT_ICMP_UNREACH_PORT, &pfx, &detail));
	assert_false(nt_icmp_unreach_text(16, &pfx, &detail));
	assert_string_equal(nt_icmp6_type_name(NT_ICMP6_NI_QUERY), "who-are-you request");
	assert_null(nt_icmp6_type_name(77));
	assert_string_equal(nt_icmp6_unreach_name(NT_ICMP6_UNREACH_ADMIN), " unreachable prohibited");
	assert_null(nt_icmp6_unreach_name(7));
}

static void test_services(void **state)
{
	(void)state;
	assert_string_equal(nt_service_port_name(1, 53), "domain");
	assert_string_equal(nt_service_port_name(0, 443), "https");
	assert_string_equal(nt_service_port_name(0, 1), "tcpmux");
	assert_null(nt_service_port_name(0, 2));
	assert_int_equal(nt_service_port_number("domain", 6, 17), 53);
	assert_int_equal(nt_service_port_number("domainX", 6, 6), 53);
	assert_int_equal(nt_service_port_number("no-such-service", 15, 6), -1);
	assert_int_equal(nt_service_port_number("", 0, 6), -1);
	for (size_t i = 1; i < nt_services_tcp_len; i++)
		assert_true(nt_services_tcp[i - 1].port < nt_services_tcp[i].port);
	for (size_t i = 1; i < nt_services_udp_len; i++)
		assert_true(nt_services_udp[i - 1].port < nt_services_udp[i].port);
	assert_string_equal(nt_service_label(53), "DNS");
	assert_string_equal(nt_service_label(8443), "HTTPS alternate");
	assert_null(nt_service_label(21));
	assert_string_equal(nt_service_description(21), "FTP");
	assert_string_equal(nt_service_description(443), "HTTPS (web over TLS)");
	assert_null(nt_service_description(4));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dns_types),
		cmocka_unit_test(test_dns_classes_rcodes_opcodes),
		cmocka_unit_test(test_icmp),
		cmocka_unit_test(test_services),
	};
	return cmocka_run_group_tests_name("proto", tests, NULL, NULL);
}
