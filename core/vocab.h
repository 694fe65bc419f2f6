/* SPDX-License-Identifier: MIT
 * Topic vocabulary: tag -> label and match phrases (with aliases such as
 * Kyiv/Kiev), applied to article text to derive tags. */
#ifndef DOSSIER_VOCAB_H
#define DOSSIER_VOCAB_H

#include <stddef.h>

#include "core/article.h"
#include "core/diag.h"

struct vocab;

struct vocab *vocab_new(void);
int vocab_load(struct vocab *v, const char *yaml, size_t len, const char *path,
	       struct diag_list *diags);
void vocab_build(struct vocab *v);
void vocab_match(const struct vocab *v, const char *text, size_t len, struct strlist *out);
const char *vocab_label(const struct vocab *v, const char *tag);
void vocab_free(struct vocab *v);

#endif
