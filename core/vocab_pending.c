/* SPDX-License-Identifier: MIT
 * Placeholder until the vocabulary module lands: no vocabulary is ever
 * created (vocab_new returns NULL), so nothing is derived. */
#include "core/vocab.h"

struct vocab *vocab_new(void) { return NULL; }
int vocab_load(struct vocab *v, const char *yaml, size_t len, const char *path,
	       struct diag_list *diags) { (void)v; (void)yaml; (void)len; (void)path; (void)diags; return -1; }
void vocab_build(struct vocab *v) { (void)v; }
void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out) { (void)v; (void)text; (void)len; (void)out; }
const char *vocab_label(const struct vocab *v, const char *tag) { (void)v; (void)tag; return NULL; }
void vocab_free(struct vocab *v) { (void)v; }
