/* \summary: the table of detectors (one line each) and the lookups over
 * it: a detector by name, a kind and its title. */
#include <string.h>

#include "detectors/detector.h"

/* Every finding family, in the order their findings are considered: the
 * DNS failure families before the attack detectors (flood links its
 * findings to theirs), the TCP failures before the scan detector (which
 * absorbs a scanner's probes). */
#define NT_DETECTOR_LIST(X)                                                               \
	X(nt_det_dns_unreach)                                                             \
	X(nt_det_dns_noresp)                                                              \
	X(nt_det_dns_rcode)                                                               \
	X(nt_det_name_error)                                                              \
	X(nt_det_slow)                                                                    \
	X(nt_det_icmp)                                                                    \
	X(nt_det_tcp)                                                                     \
	X(nt_det_tunnel)                                                                  \
	X(nt_det_prsd)                                                                    \
	X(nt_det_amp)                                                                     \
	X(nt_det_refl)                                                                    \
	X(nt_det_flood)                                                                   \
	X(nt_det_synflood)                                                                \
	X(nt_det_scan)

#define NT_DECLARE(id) extern const struct nt_detector id;
#define NT_ADDRESS(id) &id,
NT_DETECTOR_LIST(NT_DECLARE)
const struct nt_detector *const nt_detectors[] = {NT_DETECTOR_LIST(NT_ADDRESS)};
const size_t nt_n_detectors = NT_NELEM(nt_detectors);

const struct nt_detector *nt_detector_find(const char *name)
{
	for (size_t i = 0; i < nt_n_detectors; i++)
		if (strcmp(nt_detectors[i]->name, name) == 0)
			return nt_detectors[i];
	return NULL;
}

const struct nt_kind *nt_kind_find(const char *name, const struct nt_detector **det)
{
	for (size_t i = 0; i < nt_n_detectors; i++)
		for (size_t k = 0; k < nt_detectors[i]->n_kinds; k++)
			if (strcmp(nt_detectors[i]->kinds[k].name, name) == 0) {
				if (det)
					*det = nt_detectors[i];
				return &nt_detectors[i]->kinds[k];
			}
	return NULL;
}

const char *nt_finding_title(const struct nt_finding *f, char *dst, size_t n)
{
	const struct nt_kind *k = nt_kind_find(f->kind, NULL);
	if (k && k->title)
		k->title(f, dst, n);
	else
		nt_fmt(dst, n, "%s for %s", f->kind, f->server);
	return dst;
}
