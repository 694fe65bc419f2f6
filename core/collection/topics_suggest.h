/* SPDX-License-Identifier: MIT
 * `dossier topics suggest`: a topic vocabulary proposed from a collection's
 * own text (recurring names and distinctive terms, spelling variants
 * grouped as aliases), for the user to edit and save as its vocabulary. */
#ifndef DOSSIER_TOPICS_SUGGEST_H
#define DOSSIER_TOPICS_SUGGEST_H

#include <stddef.h>

#include "core/meta/article.h"
#include "core/base/strbuf.h"
#include "core/collection/vocab.h"

/* One proposed entry. Owns its strings. */
struct topic_suggestion {
	char *tag;             /* normalised */
	char *label;           /* the most frequent spelling */
	struct strlist match;  /* every spelling seen, most frequent first */
	enum vocab_case mode;  /* proper when the lower-case word is common too */
	size_t articles;       /* articles holding one of the spellings */
	double score;
};

struct topics_suggester;

struct topics_suggester *topics_suggester_new(void);
/* One article: its title and body (text, not NUL-terminated). */
void topics_suggester_add(struct topics_suggester *s, const char *title, const char *body,
			  size_t len);
/* The best max entries, best first (the caller frees them with
 * topics_suggestions_free). */
size_t topics_suggester_finish(struct topics_suggester *s, size_t max,
			       struct topic_suggestion **out);
void topics_suggester_free(struct topics_suggester *s);
void topics_suggestions_free(struct topic_suggestion *v, size_t n);

/* The entries as vocabulary YAML (readable by vocab_load), each with its
 * article count as a comment; header is written first as comment lines. */
void topics_suggestions_yaml(const struct topic_suggestion *v, size_t n, const char *header,
			     struct strbuf *out);

#endif
