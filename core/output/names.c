/* SPDX-License-Identifier: MIT
 * Splitting author names for citations (see names.h for the rules). Works
 * on words separated by single spaces; only ASCII letters are compared
 * with the word lists, so names in any script pass through untouched. */
#include "core/output/names.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"

#define NAME_MAX_WORDS 6

static const char *const org_words[] = {
	"agency", "agencies", "and", "associated", "association", "board", "bureau", "company", "corp",
	"corporation", "correspondent", "correspondents", "council", "committee", "contributors",
	"department", "desk", "editorial", "editors", "foundation", "gazette", "group", "herald",
	"inc", "institute", "journal", "llc", "ltd", "media", "ministry", "network", "news",
	"newsroom", "office", "post", "press", "reporters", "reuters", "service", "services",
	"staff", "team", "times", "tribune", "university", "wire", "writers",
};

static const char *const particles[] = {
	"al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "do", "dos",
	"du", "el", "ibn", "la", "le", "ten", "ter", "van", "von", "zu",
};

static const char *const suffixes[] = {"jr", "sr", "ii", "iii", "iv"};

struct words {
	char **v; /* owned */
	size_t n, cap;
};

static void words_split(struct words *w, const char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		while (i < len && s[i] == ' ') i++;
		size_t b = i;
		while (i < len && s[i] != ' ') i++;
		if (i > b) {
			ARRAY_RESERVE(w->v, w->cap, w->n + 1);
			w->v[w->n++] = xstrndup(s + b, i - b);
		}
	}
}

static void words_free(struct words *w)
{
	for (size_t i = 0; i < w->n; i++) free(w->v[i]);
	free(w->v);
	memset(w, 0, sizeof *w);
}

/* Words [from, to) joined by spaces, or NULL when empty. */
static char *words_join(const struct words *w, size_t from, size_t to)
{
	if (from >= to) return NULL;
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = from; i < to; i++) {
		if (i > from) strbuf_addc(&sb, ' ');
		strbuf_adds(&sb, w->v[i]);
	}
	return strbuf_steal(&sb);
}

/* The word lower-cased (ASCII) without '.', ',' and a final "'s", for the
 * lists. Writes at most cap-1 bytes. */
static void word_key(const char *w, char *out, size_t cap)
{
	size_t k = 0;
	for (; *w && k + 1 < cap; w++) {
		char c = *w;
		if (c == '.' || c == ',') continue;
		out[k++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out[k] = '\0';
	if (k > 2 && out[k - 2] == '\'' && out[k - 1] == 's') out[k - 2] = '\0';
}

static bool in_list(const char *w, const char *const *list, size_t n)
{
	char key[32];
	word_key(w, key, sizeof key);
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, list[i]) == 0) return true;
	return false;
}

static bool is_suffix(const char *w) { return in_list(w, suffixes, ARRAY_LEN(suffixes)); }
static bool is_particle(const char *w)
{
	return in_list(w, particles, ARRAY_LEN(particles)) && w[0] >= 'a' && w[0] <= 'z';
}

static bool is_org(const struct words *w, const char *s)
{
	if (w->n <= 1 || w->n > NAME_MAX_WORDS || strpbrk(s, "0123456789&@")) return true;
	char key[32];
	word_key(w->v[0], key, sizeof key);
	if (strcmp(key, "the") == 0) return true;
	for (size_t i = 0; i < w->n; i++)
		if (in_list(w->v[i], org_words, ARRAY_LEN(org_words))) return true;
	return false;
}

/* Trimmed, blanks (space, tab, newline) as single spaces, "By " dropped. */
static char *normalise(const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	bool blank = false;
	for (; s && *s; s++) {
		bool b = *s == ' ' || *s == '\t' || *s == '\n' || *s == '\r';
		if (b) {
			blank = sb.len > 0;
			continue;
		}
		if (blank) strbuf_addc(&sb, ' ');
		blank = false;
		strbuf_addc(&sb, *s);
	}
	char *r = strbuf_steal(&sb);
	if ((r[0] == 'B' || r[0] == 'b') && r[1] == 'y' && r[2] == ' ' && r[3]) memmove(r, r + 3, strlen(r + 3) + 1);
	return r;
}

/* "[particles] Family" from words [from, to) into n. */
static void set_family(struct name *n, const struct words *w, size_t from, size_t to)
{
	size_t p = from;
	while (p + 1 < to && is_particle(w->v[p])) p++;
	n->particle = words_join(w, from, p);
	n->family = words_join(w, p, to);
}

static void split_comma(struct name *n, const char *s)
{
	char *parts[3] = {0};
	size_t np = 0;
	const char *b = s;
	for (const char *p = s;; p++) {
		if (*p == ',' || !*p) {
			if (np < 3) {
				size_t len = (size_t)(p - b);
				while (len && b[0] == ' ') { b++; len--; }
				while (len && b[len - 1] == ' ') len--;
				parts[np++] = xstrndup(b, len);
			}
			if (!*p) break;
			b = p + 1;
		}
	}
	struct words fam = {0};
	words_split(&fam, parts[0], strlen(parts[0]));
	if (np == 2 && is_suffix(parts[1]) && fam.n >= 2) {
		/* "Martin Luther King, Jr." */
		n->suffix = xstrdup(parts[1]);
		size_t last = fam.n - 1, p = last;
		while (p > 0 && is_particle(fam.v[p - 1])) p--;
		n->given = words_join(&fam, 0, p);
		n->particle = words_join(&fam, p, last);
		n->family = xstrdup(fam.v[last]);
	} else if (fam.n) {
		set_family(n, &fam, 0, fam.n);
		const char *given = np == 3 ? parts[2] : np == 2 ? parts[1] : "";
		if (np == 3 && *parts[1]) n->suffix = xstrdup(parts[1]);
		if (*given) n->given = xstrdup(given);
	} else {
		n->literal = xstrdup(s);
	}
	words_free(&fam);
	for (size_t i = 0; i < np; i++) free(parts[i]);
}

bool name_split(const char *s, struct name *out)
{
	memset(out, 0, sizeof *out);
	char *t = normalise(s);
	size_t len = strlen(t);
	if (!len) {
		free(t);
		return false;
	}
	struct words w = {0};
	if (len >= 2 && t[0] == '{' && t[len - 1] == '}') {
		out->literal = xstrndup(t + 1, len - 2);
		free(t);
		return true;
	}
	words_split(&w, t, len);
	if (is_org(&w, t)) {
		out->literal = xstrdup(t);
	} else if (strchr(t, ',')) {
		split_comma(out, t);
	} else {
		size_t end = w.n;
		if (end > 2 && is_suffix(w.v[end - 1])) out->suffix = xstrdup(w.v[--end]);
		size_t last = end - 1, p = last;
		while (p > 0 && is_particle(w.v[p - 1])) p--;
		out->given = words_join(&w, 0, p);
		out->particle = words_join(&w, p, last);
		out->family = xstrdup(w.v[last]);
	}
	words_free(&w);
	free(t);
	return true;
}

void name_free(struct name *n)
{
	if (!n) return;
	free(n->family);
	free(n->given);
	free(n->particle);
	free(n->suffix);
	free(n->literal);
	memset(n, 0, sizeof *n);
}

const char *name_key_part(const struct name *n) { return n->family ? n->family : n->literal; }
