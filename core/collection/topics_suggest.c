/* SPDX-License-Identifier: MIT
 * Proposing a vocabulary from the text itself. Names are what link news
 * articles, so the candidates are: runs of capitalised words (Leap Micro,
 * Lloyd Austin), single words written capitalised inside sentences or
 * with capitals inside (openSUSE, NATO), and lower-case terms that recur
 * in some articles but not most (document frequency). Spellings are
 * grouped by a key that ignores case, accents, hyphens and spaces, and a
 * few known transliteration pairs (Kiev/Kyiv), so each group becomes one
 * entry with its variants as aliases. URLs, code and headings' title case
 * are left out: they are not evidence of a name. */
#include "core/collection/topics_suggest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "core/base/map.h"
#include "core/collection/tags.h"
#include "core/text/utf8.h"
#include "core/base/util.h"

#define MAX_RUN 4 /* words in a multi-word name */

/* Function words that are capitalised at the start of a sentence or in a
 * heading, never names; and too common to be terms. */
static const char *const stopwords[] = {
	"a", "about", "after", "again", "all", "also", "an", "and", "any", "are", "as", "at", "be",
	"because", "been", "before", "being", "but", "by", "can", "could", "did", "do", "does",
	"each", "even", "for", "from", "had", "has", "have", "he", "her", "here", "his", "how", "i",
	"if", "in", "into", "is", "it", "its", "just", "let", "like", "may", "more", "most", "much",
	"must", "my", "new", "no", "not", "now", "of", "on", "one", "only", "or", "other", "our",
	"out", "over", "said", "same", "see", "she", "should", "so", "some", "such", "than", "that",
	"the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
	"too", "two", "under", "up", "us", "use", "used", "very", "was", "we", "well", "were", "what",
	"when", "where", "which", "while", "who", "why", "will", "with", "would", "you", "your",
	"yes", "get", "got", "make", "many", "way", "first", "last", "next", "also", "however",
	"there's", "it's", "don't", "we're", "you're", "i'm", "that's", "thanks", "please", "via",
	"de", "la", "le", "el", "der", "die", "das", "und", "dr", "mr", "mrs", "ms", "prof", "st",
};

/* Spellings of one place or name in two transliterations: the key of the
 * first is read as the second. Facts, not text. */
static const char *const translit[][2] = {
	{"kiev", "kyiv"}, {"kharkov", "kharkiv"}, {"odessa", "odesa"}, {"lvov", "lviv"},
	{"nikolaev", "mykolaiv"}, {"zaporozhye", "zaporizhzhia"}, {"chernigov", "chernihiv"},
	{"dnepr", "dnipro"}, {"lugansk", "luhansk"}, {"artemovsk", "bakhmut"}, {"peking", "beijing"},
	{"bombay", "mumbai"}, {"zelenskiy", "zelensky"}, {"zelenskyy", "zelensky"},
};

struct form {
	char *text; /* owned: the spelling as written */
	size_t count;
};

/* One group of spellings. */
struct cand {
	char *key;            /* owned: the grouping key */
	struct form *forms;
	size_t nforms, cap;
	size_t df, df_name, df_low; /* articles with any / a name-like / a lower-case spelling */
	size_t df_solo;       /* articles with it as a name of its own, not inside a longer one */
	size_t last, last_name, last_low, last_solo; /* article number last counted */
	int words;            /* 1, or the words of a multi-word name */
	bool subsumed;        /* nearly always part of a longer name: left out */
};

struct topics_suggester {
	struct cand *c;
	size_t n, cap;
	struct map keys;      /* key -> index in c; keys are the cands' */
	size_t docs;
};

struct topics_suggester *topics_suggester_new(void)
{
	return xcalloc(1, sizeof(struct topics_suggester));
}

/* key: a word's grouping key (no apostrophes): "im" is "I'm". */
static bool is_stopword(const char *key)
{
	for (size_t i = 0; i < ARRAY_LEN(stopwords); i++) {
		const char *w = stopwords[i], *k = key;
		for (; *w && *k; w++) {
			if (*w == '\'') continue;
			if (*w != *k) break;
			k++;
		}
		while (*w == '\'') w++;
		if (!*w && !*k) return true;
	}
	return false;
}

/* The grouping key of one word: case folded, accents and hyphens and
 * apostrophes gone, transliteration applied. Owned. */
static char *word_key(const char *w, size_t len)
{
	utf8proc_uint8_t *dst = NULL;
	char *r = utf8_repair(w, len, &len);
	utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)r, (utf8proc_ssize_t)len, &dst,
					  UTF8PROC_COMPAT | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
						  UTF8PROC_IGNORE | UTF8PROC_STRIPMARK | UTF8PROC_STABLE);
	free(r);
	if (n < 0) return xstrdup("");
	char *k = (char *)dst;
	size_t o = 0;
	for (utf8proc_ssize_t i = 0; i < n; i++)
		if (k[i] != '-' && k[i] != '\'' && k[i] != '.') k[o++] = k[i];
	k[o] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(translit); i++)
		if (strcmp(k, translit[i][0]) == 0) {
			free(k);
			return xstrdup(translit[i][1]);
		}
	return k;
}

static struct cand *cand_get(struct topics_suggester *s, const char *key, int words)
{
	size_t i;
	if (map_get(&s->keys, key, &i)) return &s->c[i];
	ARRAY_RESERVE(s->c, s->cap, s->n + 1);
	s->c[s->n] = (struct cand){.key = xstrdup(key), .words = words};
	map_put(&s->keys, s->c[s->n].key, s->n);
	return &s->c[s->n++];
}

static void cand_see(struct topics_suggester *s, struct cand *c, const char *form, size_t len,
		     bool name, bool low)
{
	size_t doc = s->docs;
	if (c->last != doc) c->df++, c->last = doc;
	if (name && c->last_name != doc) c->df_name++, c->last_name = doc;
	if (low && c->last_low != doc) c->df_low++, c->last_low = doc;
	if (!name && !(low && c->words == 1)) return; /* only names and terms are spellings */
	char *f = xstrndup(form, len); /* a name broken over two lines is one name */
	for (char *p = f; (p = strchr(p, '\n'));) *p = ' ';
	for (size_t i = 0; i < c->nforms; i++)
		if (strcmp(c->forms[i].text, f) == 0) {
			c->forms[i].count++;
			free(f);
			return;
		}
	if (c->nforms >= 16) {
		free(f);
		return;
	}
	ARRAY_RESERVE(c->forms, c->cap, c->nforms + 1);
	c->forms[c->nforms++] = (struct form){f, 1};
}

static void see_solo(struct topics_suggester *s, struct cand *c)
{
	if (c->last_solo != s->docs) c->df_solo++, c->last_solo = s->docs;
}

struct word {
	size_t start, end; /* bytes in the text */
	bool cap;          /* starts with a capital */
	bool inner_cap;    /* a capital after the first letter (openSUSE, NATO) */
	bool sentence;     /* first word of a sentence, line or heading */
	bool heading;      /* in a title or a heading: title case proves nothing */
	bool joined;       /* follows the previous word across one space only */
};

/* Skip what is not prose: URLs, paths, link targets, inline code, fenced
 * code, HTML tags. */
static size_t skip_noise(const char *t, size_t len, size_t i, bool *fence)
{
	if (len - i >= 2 && t[i] == ']' && t[i + 1] == '(') { /* a Markdown link's target */
		while (i < len && t[i] != ')' && t[i] != '\n') i++;
		return i;
	}
	if (i == 0 || t[i - 1] == ' ' || t[i - 1] == '\n' || t[i - 1] == '\t' || t[i - 1] == '(') {
		/* a chunk that is a path or a host name: a slash and a dot, or a leading slash */
		size_t e = i;
		bool slash = false, dot = false;
		while (e < len && t[e] != ' ' && t[e] != '\n' && t[e] != '\t' && t[e] != ')') {
			slash |= t[e] == '/';
			dot |= t[e] == '.' && e + 1 < len && t[e + 1] != ' ' && t[e + 1] != '\n';
			e++;
		}
		if ((slash && dot) || (t[i] == '/' && e > i + 1)) return e;
	}
	bool line_start = i == 0 || t[i - 1] == '\n';
	if (line_start && len - i >= 3 && memcmp(t + i, "```", 3) == 0) {
		*fence = !*fence;
		while (i < len && t[i] != '\n') i++;
		return i;
	}
	if (*fence) {
		while (i < len && t[i] != '\n') i++;
		return i;
	}
	if (t[i] == '`') {
		size_t j = i + 1;
		while (j < len && t[j] != '`' && t[j] != '\n') j++;
		return j < len ? j + 1 : j;
	}
	if (t[i] == '<') {
		size_t j = i + 1;
		while (j < len && t[j] != '>' && t[j] != '\n') j++;
		return j < len ? j + 1 : j;
	}
	if ((len - i >= 7 && memcmp(t + i, "http://", 7) == 0) ||
	    (len - i >= 8 && memcmp(t + i, "https://", 8) == 0) ||
	    (len - i >= 4 && memcmp(t + i, "www.", 4) == 0)) {
		while (i < len && t[i] != ' ' && t[i] != '\n' && t[i] != ')' && t[i] != '"' && t[i] != '>')
			i++;
		return i;
	}
	return i;
}

static void add_text(struct topics_suggester *s, const char *t, size_t len, bool heading_all)
{
	struct word w[MAX_RUN];
	size_t nw = 0; /* the current run of capitalised words, joined */
	bool fence = false, sentence = true, heading = heading_all;
	size_t i = 0, prev_end = 0;
	struct cand *solo = NULL; /* the last name, if the next word does not join it */
	while (i < len) {
		size_t j = skip_noise(t, len, i, &fence);
		if (j != i) {
			i = j;
			nw = 0;
			continue;
		}
		int32_t cp;
		size_t n = utf8_decode(t + i, len - i, &cp);
		if (!utf8_is_word_cp(cp)) {
			if (cp == '.' || cp == '!' || cp == '?' || cp == ':' || cp == '\n') sentence = true;
			if (cp == '\n') heading = heading_all || (i + 1 < len && t[i + 1] == '#');
			/* one space or one line break goes on with a name; anything else ends it */
			bool gap = (cp == ' ' || cp == '\n') && !(i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\n'));
			if (!gap) nw = 0;
			i += n;
			continue;
		}
		/* a word: word characters, with single inner hyphens and apostrophes */
		struct word cur = {.start = i, .sentence = sentence, .heading = heading};
		utf8proc_category_t cat = utf8proc_category(cp);
		cur.cap = cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT;
		size_t k = i + n;
		while (k < len) {
			int32_t c2;
			size_t m = utf8_decode(t + k, len - k, &c2);
			if (utf8_is_word_cp(c2)) {
				utf8proc_category_t c = utf8proc_category(c2);
				cur.inner_cap |= c == UTF8PROC_CATEGORY_LU;
				k += m;
				continue;
			}
			int32_t c3 = 0;
			if ((c2 == '-' || c2 == '\'' || c2 == 0x2019) && k + m < len)
				utf8_decode(t + k + m, len - k - m, &c3);
			if (c3 && utf8_is_word_cp(c3)) {
				k += m;
				continue;
			}
			break;
		}
		cur.end = k;
		cur.joined = nw > 0 && prev_end + 1 == i && (t[prev_end] == ' ' || t[prev_end] == '\n');
		sentence = false;
		i = k;
		prev_end = k;
		size_t wl = cur.end - cur.start;
		const char *ws = t + cur.start;
		char *key = word_key(ws, wl);
		bool digits = strspn(key, "0123456789") == strlen(key);
		if (!*key || digits || wl > 60) {
			free(key);
			nw = 0;
			continue;
		}
		bool stop = is_stopword(key);
		/* name-like: written with capitals where a sentence does not ask for one */
		size_t kcps = utf8_codepoints(key, strlen(key));
		bool name = !stop && !cur.heading && kcps >= 2 && (cur.inner_cap || (cur.cap && !cur.sentence));
		bool low = !cur.cap && !cur.inner_cap && !stop && kcps >= 4;
		bool capword = (cur.cap || cur.inner_cap) && !stop && !cur.heading;
		if (solo && !(capword && cur.joined)) see_solo(s, solo); /* stood alone */
		solo = NULL;
		struct cand *c = NULL;
		if (name || low || (cur.cap && !stop)) {
			c = cand_get(s, key, 1);
			cand_see(s, c, ws, wl, name, low);
		}
		if (name && !(cur.joined && nw > 0)) solo = c;
		free(key);
		/* runs of capitalised words: Leap Micro, Lloyd Austin */
		if (!(cur.cap || cur.inner_cap) || stop || cur.heading) {
			nw = 0;
			continue;
		}
		if (!cur.joined) nw = 0;
		if (nw == MAX_RUN) memmove(w, w + 1, --nw * sizeof *w);
		w[nw++] = cur;
		for (size_t a = 0; a + 1 < nw; a++) { /* every run ending here */
			struct strbuf rk = STRBUF_INIT;
			for (size_t b = a; b < nw; b++) {
				char *wk = word_key(t + w[b].start, w[b].end - w[b].start);
				strbuf_addf(&rk, "%s%s", b > a ? " " : "", wk);
				free(wk);
			}
			cand_see(s, cand_get(s, rk.buf, (int)(nw - a)), t + w[a].start,
				 w[nw - 1].end - w[a].start, true, false);
			strbuf_free(&rk);
		}
	}
	if (solo) see_solo(s, solo);
}

void topics_suggester_add(struct topics_suggester *s, const char *title, const char *body,
			  size_t len)
{
	s->docs++;
	if (title) add_text(s, title, strlen(title), true);
	if (body) add_text(s, body, len, false);
}

static bool has_upper(const char *s)
{
	for (size_t i = 0, len = strlen(s); i < len;) {
		int32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		utf8proc_category_t c = utf8proc_category(cp);
		if (c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT) return true;
	}
	return false;
}

static void sugg_clear(struct topic_suggestion *sg)
{
	free(sg->tag);
	free(sg->label);
	strlist_free(&sg->match);
}

static int cmp_form(const void *a, const void *b)
{
	const struct form *x = a, *y = b;
	if (x->count != y->count) return x->count < y->count ? 1 : -1;
	return strcmp(x->text, y->text);
}

static int cmp_sugg(const void *a, const void *b)
{
	const struct topic_suggestion *x = a, *y = b;
	if (x->score != y->score) return x->score < y->score ? 1 : -1;
	return strcmp(x->tag, y->tag);
}

/* "United" and "States" come with "United States", "Helga Strand" with
 * "Dr Helga Strand": a shorter run seen (nearly) only inside a longer
 * name is that name, not a topic of its own. */
static void mark_subsumed(struct topics_suggester *s, size_t min_df)
{
	for (size_t i = 0; i < s->n; i++) {
		const struct cand *m = &s->c[i];
		if (m->words < 2 || m->df_name < min_df) continue;
		const char *starts[MAX_RUN + 1];
		int nw = 0;
		for (const char *p = m->key; nw <= MAX_RUN; p++) {
			starts[nw++] = p;
			p = strchr(p, ' ');
			if (!p) break;
		}
		size_t klen = strlen(m->key);
		for (int a = 0; a < nw; a++)
			for (int b = a; b < nw; b++) {
				if (a == 0 && b == nw - 1) continue;
				const char *from = starts[a];
				size_t to = b + 1 < nw ? (size_t)(starts[b + 1] - 1 - m->key) : klen;
				size_t idx;
				if (!map_get_n(&s->keys, from, to - (size_t)(from - m->key), &idx)) continue;
				struct cand *sub = &s->c[idx];
				if (sub->df_name * 4 <= m->df_name * 5) sub->subsumed = true;
			}
	}
}

size_t topics_suggester_finish(struct topics_suggester *s, size_t max,
			       struct topic_suggestion **out)
{
	struct topic_suggestion *v = NULL;
	size_t n = 0, cap = 0;
	size_t min_df = s->docs >= 200 ? 3 : 2;
	mark_subsumed(s, min_df);
	struct map tags = {0}; /* tag -> 1: two groups never share a tag */
	for (size_t i = 0; i < s->n; i++) {
		struct cand *c = &s->c[i];
		/* a single word counts where it is a name of its own ("Open" in
		 * "Open Build Service" is that name's) */
		size_t df_name = c->words == 1 ? c->df_solo : c->df_name;
		bool is_name = df_name >= min_df && df_name * 2 >= c->df_low;
		bool is_term = !is_name && c->words == 1 && c->df_low >= min_df &&
			       c->df_low * 4 <= s->docs * 1 && c->df_low < s->docs;
		if ((!is_name && !is_term) || !c->nforms || c->subsumed) continue;
		if (is_name && c->df * 10 > s->docs * 9 && s->docs >= 10) continue; /* in nearly all */
		qsort(c->forms, c->nforms, sizeof *c->forms, cmp_form);
		struct topic_suggestion sg = {0};
		/* names keep their spellings with capitals, terms their lower-case ones */
		for (size_t f = 0; f < c->nforms; f++)
			if (has_upper(c->forms[f].text) == is_name) strlist_push(&sg.match, c->forms[f].text);
		if (!sg.match.n) continue;
		sg.label = xstrdup(sg.match.v[0]);
		sg.tag = tag_normalize(sg.label, strlen(sg.label));
		size_t dummy;
		if (!sg.tag || map_get(&tags, sg.tag, &dummy)) {
			sugg_clear(&sg);
			continue;
		}
		sg.mode = is_name && c->df_low > 0 ? VOCAB_CASE_PROPER : VOCAB_CASE_FOLD;
		sg.articles = is_name ? df_name : c->df_low;
		double idf = log2(1.0 + (double)s->docs / (double)sg.articles);
		sg.score = (double)sg.articles * idf * (is_name ? 1.0 + 0.5 * (c->words - 1) : 0.5);
		ARRAY_RESERVE(v, cap, n + 1);
		v[n++] = sg;
		map_put(&tags, v[n - 1].tag, 1);
	}
	map_free(&tags);
	if (n) qsort(v, n, sizeof *v, cmp_sugg);
	for (; n > max; n--) sugg_clear(&v[n - 1]);
	*out = v;
	return n;
}

void topics_suggestions_free(struct topic_suggestion *v, size_t n)
{
	for (size_t i = 0; i < n; i++) sugg_clear(&v[i]);
	free(v);
}

void topics_suggester_free(struct topics_suggester *s)
{
	if (!s) return;
	for (size_t i = 0; i < s->n; i++) {
		free(s->c[i].key);
		for (size_t f = 0; f < s->c[i].nforms; f++) free(s->c[i].forms[f].text);
		free(s->c[i].forms);
	}
	free(s->c);
	map_free(&s->keys);
	free(s);
}

/* A YAML double-quoted scalar. */
static void yaml_quote(struct strbuf *out, const char *s)
{
	strbuf_addc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '"' || c == '\\') strbuf_addf(out, "\\%c", c);
		else if (c < 0x20 || c == 0x7F) strbuf_addf(out, "\\x%02x", c);
		else strbuf_addc(out, (char)c);
	}
	strbuf_addc(out, '"');
}

void topics_suggestions_yaml(const struct topic_suggestion *v, size_t n, const char *header,
			     struct strbuf *out)
{
	for (const char *h = header; h && *h;) {
		size_t l = strcspn(h, "\n");
		strbuf_addf(out, "# %.*s\n", (int)l, h);
		h += l + (h[l] == '\n');
	}
	for (size_t i = 0; i < n; i++) {
		yaml_quote(out, v[i].tag);
		strbuf_adds(out, ": { label: ");
		yaml_quote(out, v[i].label);
		strbuf_adds(out, ", match: [");
		for (size_t k = 0; k < v[i].match.n; k++) {
			if (k) strbuf_adds(out, ", ");
			yaml_quote(out, v[i].match.v[k]);
		}
		strbuf_addf(out, "]%s }  # %zu articles\n", v[i].mode == VOCAB_CASE_PROPER ? ", case: proper" : "",
			    v[i].articles);
	}
}
