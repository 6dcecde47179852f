/* \summary: benchmark floor: the cheapest libpcap read loop over a file
 * (own FILE with a 1 MiB buffer, pcap_next_ex), counting packets and bytes. */
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: readfloor FILE.pcap\n");
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (f == NULL) {
		perror(argv[1]);
		return 3;
	}
	static char iobuf[1 << 20];
	setvbuf(f, iobuf, _IOFBF, sizeof(iobuf));
	char ebuf[PCAP_ERRBUF_SIZE];
	pcap_t *p = pcap_fopen_offline(f, ebuf);
	if (p == NULL) {
		fprintf(stderr, "%s: %s\n", argv[1], ebuf);
		fclose(f);
		return 3;
	}
	struct pcap_pkthdr *h;
	const u_char *data;
	unsigned long long n = 0, bytes = 0, sum = 0;
	int rc;
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		n++;
		bytes += h->caplen;
		sum += h->caplen ? data[h->caplen - 1] : 0;
	}
	if (rc == PCAP_ERROR)
		fprintf(stderr, "%s: %s\n", argv[1], pcap_geterr(p));
	pcap_close(p);
	printf("%llu packets %llu bytes (check %llu)\n", n, bytes, sum);
	return rc == PCAP_ERROR ? 1 : 0;
}
