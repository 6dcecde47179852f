/* \summary: what the DNS attack detectors measure on names: Shannon
 * entropy and consonant runs of labels, and the registered (base) domain
 * from the Public Suffix List (Debian publicsuffix) or a small built-in
 * list.  The list is loaded once per process and its answers are cached
 * (a name's base domain does not change within a run). */
#ifndef NT_DETECTORS_NAMES_H
#define NT_DETECTORS_NAMES_H

#include <stddef.h>
#include <stdint.h>

#include "core/packet.h"

/* Shannon entropy in bits per character of s[0..n), case-insensitive
 * (at most the first 255 characters). */
double nt_entropy(const char *s, size_t n);
/* Longest run of consonant letters (a-z except aeiouy), case-insensitive. */
int nt_consonant_run(const char *s, size_t n);

/* ---- labels of names in presentation form ----
 * Question names are kept as the DNS decoder writes them (RFC 4343, as
 * tcpdump -vv / Zeek): a '.' or '\\' inside a label escaped by a backslash,
 * other bytes as \DDD.  Only an unescaped '.' separates labels. */

/* 1 when name[i] is a label separator: a '.' after an even run of
 * backslashes ("a\\.b" is one label, "a\\\\.b" two). */
int nt_name_sep(const char *name, size_t i);
/* Length of the first label of name (up to its first separator). */
size_t nt_label_len(const char *name);

/* ---- public suffixes ---- */

/* Loads a Public Suffix List file (public_suffix_list.dat); 0, or -1 when
 * it cannot be read (then the built-in list is used). */
int nt_psl_load(const char *path);
/* Uses the built-in list of common suffixes. */
void nt_psl_fallback(void);
/* Loads once: $NETTRIAGE_PSL, else /usr/share/publicsuffix/public_suffix_list.dat,
 * else the built-in list. */
void nt_psl_init(void);
/* "Public Suffix List <path>" or "built-in list of N common suffixes ...". */
const char *nt_psl_source(void);
uint32_t nt_psl_rules(void);
/* 1 when the full list is loaded, 0 for the built-in list. */
int nt_psl_is_full(void);
/* The registered domain of name (a suffix of it: "example.co.uk" for
 * "a.b.example.co.uk"); the name itself when it is a public suffix or has
 * one label.  Labels are split at separators only (nt_name_sep): the
 * registered domain of "x.victim.example\\.google.com" is
 * "example\\.google.com" (the label "example.google" under com), not
 * google.com. */
const char *nt_base_domain(const char *name);
/* nt_base_domain of the packet's question name, computed once per packet. */
const char *nt_pkt_base_domain(const struct nt_pkt *pkt);

#endif
