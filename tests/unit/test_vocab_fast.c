/* SPDX-License-Identifier: MIT
 * The fast matcher against the reference: folding on the fly equals
 * folding the whole text with utf8_fold, and vocab_match finds exactly
 * what a naive search of the folded text finds (whole words, case modes),
 * on random text of hostile Unicode. Also the case modes by example. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>
#include <unistd.h>

#include "core/base/strbuf.h"
#include "core/collection/topics.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/collection/vocab.h"
#include "core/collection/vocab_int.h"

/* The reference fold, as the matcher had it before folding on the fly:
 * utf8_fold of the whole text, then spaces and dashes to one space,
 * typographic apostrophes to ', no space at either end. */
static bool ref_space(int32_t cp)
{
	return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 ||
	       cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x3000 ||
	       cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

static char *ref_fold(const char *s, size_t len, size_t *outlen)
{
	size_t flen, i = 0, olen = 0;
	char *f = utf8_fold(s, len, &flen);
	bool space = true;
	while (i < flen) {
		int32_t cp;
		size_t n = utf8_decode(f + i, flen - i, &cp);
		if (ref_space(cp)) {
			if (!space) f[olen++] = ' ';
			space = true;
		} else if (cp == 0x2019 || cp == 0x02BC || cp == 0x2018) {
			f[olen++] = '\'';
			space = false;
		} else {
			memmove(f + olen, f + i, n);
			olen += n;
			space = false;
		}
		i += n;
	}
	if (olen && f[olen - 1] == ' ') olen--;
	f[olen] = '\0';
	*outlen = olen;
	return f;
}

/* Pieces of hostile text: ASCII, spaces and dashes, quotes, composed and
 * decomposed accents, case pairs that fold to several letters, ligatures,
 * fullwidth forms, Cyrillic, Greek, CJK, Hangul syllables and jamo,
 * ignorables, emoji with ZWJ, bare combining marks, invalid bytes. */
static const char *const pieces[] = {
	"a", "b", "ab", "Ab", "AB", "kyiv", "Kyiv", "KYIV", "kiev", "s", "x", "7", "0",
	" ", "  ", "\t", "\n", "-", "--", ".", ",", "'", "(", "#",
	"\xE2\x80\x99", "\xE2\x80\x98", "\xE2\x80\x9C", "\xE2\x80\x93", "\xE2\x80\x94", "\xC2\xA0",
	"\xC3\xA9", "e\xCC\x81", "E\xCC\x81", "\xC3\x89", "\xC3\x9F", "SS", "ss", "\xC4\xB0",
	"\xEF\xAC\x81", "\xEF\xBC\xAB", "\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "\xD0\x9A\xD0\x98\xD0\x87\xD0\x92",
	"\xCE\xA3", "\xCF\x82", "\xE6\x9D\xB1\xE4\xBA\xAC", "\xED\x95\x9C", "\xE1\x84\x92\xE1\x85\xA1",
	"\xE1\x86\xAB", "\xC2\xAD", "\xE2\x80\x8D", "\xF0\x9F\x91\x8D", "\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB",
	"\xCC\x81", "\xCC\xA3", "\xFF", "\xC3", "\xEF\xB7\xBA", "\xCD\x84", "\xC2\xA8", "\xE0\xBD\xB3",
	"\xC7\x85", "\xE2\x84\xAA",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static void random_text(struct strbuf *sb, unsigned maxpieces)
{
	unsigned n = rnd(maxpieces + 1);
	for (unsigned i = 0; i < n; i++) strbuf_adds(sb, pieces[rnd(NPIECES)]);
}

static void test_fold_equals_reference(void **state)
{
	(void)state;
	for (int round = 0; round < 20000; round++) {
		struct strbuf t = STRBUF_INIT, f = STRBUF_INIT, c = STRBUF_INIT;
		random_text(&t, 24);
		fold_string(t.buf ? t.buf : "", t.len, &f, &c);
		size_t rlen;
		char *r = ref_fold(t.buf ? t.buf : "", t.len, &rlen);
		if (rlen != f.len || memcmp(r, f.buf, rlen) != 0)
			fail_msg("fold differs on \"%s\": \"%s\" vs reference \"%s\"", t.buf, f.buf, r);
		assert_int_equal(c.len, f.len);
		free(r);
		strbuf_free(&t);
		strbuf_free(&f);
		strbuf_free(&c);
	}
}

/* ---- the reference matcher: every phrase at every offset ---- */

static int32_t ref_cp_at(const char *t, size_t len, size_t at)
{
	int32_t cp;
	utf8_decode(t + at, len - at, &cp);
	return cp;
}

static int32_t ref_cp_before(const char *t, size_t len, size_t at)
{
	size_t p = at - 1;
	while (p > 0 && at - p < 4 && ((unsigned char)t[p] & 0xC0) == 0x80) p--;
	return ref_cp_at(t, len, p);
}

/* The case a phrase asks for at each folded byte (0: any). */
static void ref_pattern(enum vocab_case mode, const struct strbuf *f, const struct strbuf *c,
			unsigned char *want)
{
	bool prev_word = false;
	for (size_t i = 0; i < f->len;) {
		int32_t cp;
		size_t n = utf8_decode(f->buf + i, f->len - i, &cp);
		for (size_t k = 0; k < n; k++) {
			unsigned char w = (unsigned char)c->buf[i + k];
			if (mode == VOCAB_CASE_FOLD) w = 0;
			if (mode == VOCAB_CASE_PROPER && (k > 0 || prev_word || w != FCASE_UPPER)) w = 0;
			want[i + k] = w;
		}
		prev_word = utf8_is_word_cp(cp);
		i += n;
	}
}

static bool ref_has(const struct strbuf *tf, const struct strbuf *tc, const char *phrase,
		    enum vocab_case mode)
{
	struct strbuf pf = STRBUF_INIT, pc = STRBUF_INIT;
	fold_string(phrase, strlen(phrase), &pf, &pc);
	bool found = false;
	unsigned char *want = xcalloc(pf.len + 1, 1);
	ref_pattern(mode, &pf, &pc, want);
	for (size_t s = 0; pf.len && !found && s + pf.len <= tf->len; s++) {
		if (memcmp(tf->buf + s, pf.buf, pf.len) != 0) continue;
		size_t e = s + pf.len;
		bool sw = s == 0 || !utf8_is_word_cp(ref_cp_at(tf->buf, tf->len, s)) ||
			  !utf8_is_word_cp(ref_cp_before(tf->buf, tf->len, s));
		bool ew = e >= tf->len || !utf8_is_word_cp(ref_cp_at(tf->buf, tf->len, e)) ||
			  !utf8_is_word_cp(ref_cp_before(tf->buf, tf->len, e));
		bool cs = true;
		for (size_t i = 0; i < pf.len && cs; i++)
			cs = !want[i] || (unsigned char)tc->buf[s + i] == want[i];
		found = sw && ew && cs;
	}
	free(want);
	strbuf_free(&pf);
	strbuf_free(&pc);
	return found;
}

static const char *const modes[] = {"fold", "proper", "exact"};

/* Mostly ASCII, for long runs: the fast path walks a run of 256 bytes or
 * more in two lanes that must agree where they meet. */
static const char *const ascii_pieces[] = {
	"a", "b", "ab", "Ab", "AB", "kyiv", "Kyiv", "KYIV", "x", "7", " ", " ", " ", "  ", "\t",
	"\n", "-", ".", "'", "s", "x y", "a-b", "\xC3\xA9", "\xE2\x80\x99",
};

static void random_long(struct strbuf *sb, unsigned count, bool rare_unicode)
{
	for (unsigned i = 0; i < count; i++) {
		unsigned k = rnd((unsigned)(sizeof ascii_pieces / sizeof *ascii_pieces));
		if (k >= 22 && (!rare_unicode || rnd(8))) k = 14; /* mostly a space instead */
		strbuf_adds(sb, ascii_pieces[k]);
	}
}

/* One vocabulary and text against the reference, tag by tag. */
static void compare_one(const struct vocab *v, int nt, const enum vocab_case *mode,
			const struct strbuf *t, size_t *found, size_t *missed)
{
	struct strbuf tf = STRBUF_INIT, tc = STRBUF_INIT;
	fold_string(t->buf ? t->buf : "", t->len, &tf, &tc);
	struct strlist out = {0};
	vocab_match(v, t->buf ? t->buf : "", t->len, &out);
	for (int tag = 0; tag < nt; tag++) {
		char name[16];
		snprintf(name, sizeof name, "t%d", tag);
		bool want = false;
		const struct strlist *ph = vocab_tag_phrases(v, (size_t)tag);
		for (size_t p = 0; p < ph->n && !want; p++) want = ref_has(&tf, &tc, ph->v[p], mode[tag]);
		*found += want;
		*missed += !want;
		if (want != strlist_has(&out, name))
			fail_msg("tag %s (%s) [%s]: matcher %d, reference %d on a text of %zu bytes", name,
				 modes[mode[tag]], ph->v[0], !want, want, t->len);
	}
	strlist_free(&out);
	strbuf_free(&tf);
	strbuf_free(&tc);
}

static void test_long_runs_equal_reference(void **state)
{
	(void)state;
	size_t found = 0, missed = 0;
	for (int round = 0; round < 150; round++) {
		enum { NT = 10 };
		enum vocab_case mode[NT];
		struct strbuf y = STRBUF_INIT;
		for (int t = 0; t < NT; t++) {
			mode[t] = (enum vocab_case)rnd(3);
			struct strbuf p = STRBUF_INIT;
			while (!p.len || p.buf[0] == ' ' || p.buf[0] == '\t' || p.buf[0] == '\n') {
				strbuf_free(&p);
				random_long(&p, 1 + rnd(4), false);
			}
			strbuf_addf(&y, "t%d: { case: %s, match: [\"", t, modes[mode[t]]);
			for (size_t i = 0; i < p.len; i++) {
				unsigned char c = (unsigned char)p.buf[i];
				if (c < 0x20 || c == '"' || c == '\\') strbuf_addf(&y, "\\x%02x", c);
				else strbuf_addc(&y, (char)c);
			}
			strbuf_adds(&y, "\"] }\n");
			strbuf_free(&p);
		}
		struct vocab *v = vocab_new();
		struct diag_list dl = DIAG_LIST_INIT;
		vocab_load(v, y.buf, y.len, "l.yaml", &dl);
		vocab_build(v);
		assert_int_equal(dl.n, 0);
		for (int k = 0; k < 4; k++) {
			struct strbuf t = STRBUF_INIT;
			random_long(&t, 200 + rnd(3000), k & 1);
			compare_one(v, NT, mode, &t, &found, &missed);
			strbuf_free(&t);
		}
		vocab_free(v);
		strbuf_free(&y);
	}
	assert_true(found > 500 && missed > 500);
}

static void test_match_equals_reference(void **state)
{
	(void)state;
	size_t found = 0, missed = 0;
	for (int round = 0; round < 300; round++) {
		/* a vocabulary of random phrases, some checking case */
		enum { NT = 12 };
		struct strbuf y = STRBUF_INIT;
		enum vocab_case mode[NT];
		for (int t = 0; t < NT; t++) {
			mode[t] = (enum vocab_case)rnd(3);
			strbuf_addf(&y, "t%d: { case: %s, match: [", t, modes[mode[t]]);
			for (int k = 0; k < 3; k++) {
				/* YAML is UTF-8: phrases are repaired; the reference reads
				 * them back from the vocabulary */
				struct strbuf raw = STRBUF_INIT;
				while (!raw.len) random_text(&raw, 3);
				size_t plen;
				char *p = utf8_repair(raw.buf, raw.len, &plen);
				strbuf_adds(&y, k ? ", \"" : "\"");
				for (size_t i = 0; i < plen; i++) {
					unsigned char c = (unsigned char)p[i];
					if (c < 0x20 || c == '"' || c == '\\') strbuf_addf(&y, "\\x%02x", c);
					else strbuf_addc(&y, (char)c);
				}
				strbuf_adds(&y, "\"");
				free(p);
				strbuf_free(&raw);
			}
			strbuf_adds(&y, "] }\n");
		}
		struct vocab *v = vocab_new();
		struct diag_list dl = DIAG_LIST_INIT;
		vocab_load(v, y.buf, y.len, "r.yaml", &dl);
		vocab_build(v);
		diag_list_free(&dl);
		for (int k = 0; k < 40; k++) {
			struct strbuf t = STRBUF_INIT, tf = STRBUF_INIT, tc = STRBUF_INIT;
			random_text(&t, 40);
			fold_string(t.buf ? t.buf : "", t.len, &tf, &tc);
			struct strlist out = {0};
			vocab_match(v, t.buf ? t.buf : "", t.len, &out);
			for (int tag = 0; tag < NT; tag++) {
				char name[16];
				snprintf(name, sizeof name, "t%d", tag);
				bool want = false;
				const struct strlist *ph = vocab_tag_phrases(v, (size_t)tag);
				for (size_t p = 0; p < ph->n && !want; p++)
					want = ref_has(&tf, &tc, ph->v[p], mode[tag]);
				found += want;
				missed += !want;
				if (want != strlist_has(&out, name))
					fail_msg("tag %s (%s) [%s|%s|%s]: matcher %d, reference %d on text \"%s\"",
						 name, modes[mode[tag]], ph->v[0], ph->n > 1 ? ph->v[1] : "",
						 ph->n > 2 ? ph->v[2] : "", !want, want, t.buf ? t.buf : "");
			}
			strlist_free(&out);
			strbuf_free(&t);
			strbuf_free(&tf);
			strbuf_free(&tc);
		}
		assert_int_equal(vocab_count(v), NT);
		vocab_free(v);
		strbuf_free(&y);
	}
	/* the random texts do contain the phrases, often enough to matter */
	assert_true(found > 2000 && missed > 2000);
}

static char *match_str(const struct vocab *v, const char *text)
{
	struct strlist out = {0};
	struct strbuf sb = STRBUF_INIT;
	vocab_match(v, text, strlen(text), &out);
	for (size_t i = 0; i < out.n; i++) strbuf_addf(&sb, "%s%s", i ? " " : "", out.v[i]);
	strlist_free(&out);
	return sb.buf ? strbuf_steal(&sb) : xstrdup("");
}

#define ASSERT_MATCH(v, text, want) do { char *g_ = match_str(v, text); \
	assert_string_equal(g_, want); free(g_); } while (0)

/* A proper name: "Russian" the country, not the cocktail; aliases still
 * fold spellings and accents. */
/* Where a fast run ends (vocab_fast_run, its ASCII found 16 bytes at a
 * time): before the character ahead of the first one only the cluster
 * path folds (a combining mark, an emoji of four bytes, an invalid byte),
 * that one at every offset around the 16-byte steps, after ASCII or after
 * characters of two and three bytes the fast walk takes. */
static void test_fast_run_end(void **state)
{
	(void)state;
	static const char y[] = "a: { match: [\"kyiv\"] }\n";
	struct vocab *v = vocab_new();
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(vocab_load(v, y, strlen(y), "f.yaml", &dl), 0);
	vocab_build(v);
	static const char *const fast[] = {"q", "\xC3\xA9", "\xE2\x80\x9C", "\xD0\x9A"};
	static const char *const slow[] = {"\xCC\x81", "\xF0\x9F\x98\x80", "\xFF", "\xE2\x80"};
	unsigned char buf[128];
	for (size_t f = 0; f < 4; f++)
		for (size_t sl = 0; sl < 4; sl++)
			for (size_t from = 0; from < 3; from++)
				for (size_t at = from; at < 80; at++) {
					/* ASCII, then fast characters up to at, then the slow one */
					size_t n = 0, before = from; /* where the character before at starts */
					while (n < from) buf[n++] = 'x';
					while (n < at) {
						const char *c = n % 3 ? "w" : fast[f];
						size_t k = strlen(c);
						if (n + k > at) c = "w", k = 1;
						before = n;
						memcpy(buf + n, c, k);
						n += k;
					}
					size_t sk = strlen(slow[sl]);
					memcpy(buf + n, slow[sl], sk);
					memcpy(buf + n + sk, "tail", 4);
					size_t len = n + sk + 4;
					assert_int_equal(vocab_fast_run(v, buf, len, from), before);
					/* no slow character: the run is the whole text */
					assert_int_equal(vocab_fast_run(v, buf, n, from), n);
				}
	vocab_free(v);
	diag_list_free(&dl);
}

static void test_case_modes(void **state)
{
	(void)state;
	const char *y = "places/russia: { case: proper, match: [Russia, Russian, Russian Federation] }\n"
			"us: { case: exact, match: [US] }\n"
			"places/kyiv: { case: proper, match: [Kyiv, Kiev, \"Ky\u00efv\"] }\n"
			"drinks: [white russian]\n";
	struct diag_list dl = DIAG_LIST_INIT;
	struct vocab *v = vocab_new();
	assert_int_equal(vocab_load(v, y, strlen(y), "t.yaml", &dl), 0);
	assert_int_equal(dl.n, 0);
	vocab_build(v);
	ASSERT_MATCH(v, "for cocktail I like white russian", "drinks");
	ASSERT_MATCH(v, "The Russian army", "places/russia");
	ASSERT_MATCH(v, "THE RUSSIAN ARMY", "places/russia");
	ASSERT_MATCH(v, "the russian army", "");
	ASSERT_MATCH(v, "a White Russian, please", "places/russia drinks");
	ASSERT_MATCH(v, "the Russian\xE2\x80\x99s view of the russian federation", "places/russia");
	ASSERT_MATCH(v, "the US and the us", "us");
	ASSERT_MATCH(v, "tell us, Us", "");
	ASSERT_MATCH(v, "in KYÏV and in kiev", "places/kyiv");
	ASSERT_MATCH(v, "in kyïv", "");
	ASSERT_MATCH(v, "\xC3\x89lys\xC3\xA9" "e, Ky\xC3\xAFv", "places/kyiv");
	ASSERT_MATCH(v, "Ky\xC3\xAFv", "places/kyiv");
	ASSERT_MATCH(v, "Kyi\xCC\x88v", "places/kyiv"); /* decomposed */
	/* a bad value for case: is a warning at its place */
	struct vocab *w = vocab_new();
	const char *bad = "x: { case: loud, match: [a] }\n";
	vocab_load(w, bad, strlen(bad), "b.yaml", &dl);
	assert_int_equal(dl.n, 1);
	assert_int_equal(dl.items[0].line, 1);
	assert_non_null(strstr(dl.items[0].msg, "fold, proper or exact"));
	diag_list_free(&dl);
	vocab_free(w);
	vocab_free(v);
}

static const struct vocab_shipped lib[] = {
	{"war", "places/kyiv: [Kyiv, Kiev]\nplaces/russia: { case: proper, match: [Russia] }\n"},
};

/* use: loads a shipped vocabulary under the file's own entries; the
 * hash tells vocabularies apart. */
static void test_use_and_hash(void **state)
{
	(void)state;
	struct diag_list dl = DIAG_LIST_INIT;
	const char *y = "places/russia: ~\nuse: war\nopensuse: [openSUSE]\n";
	struct vocab *v = vocab_open(y, "c.yaml", lib, 1, &dl);
	assert_non_null(v);
	assert_int_equal(dl.n, 0);
	ASSERT_MATCH(v, "openSUSE in Kiev and Russia", "places/kyiv opensuse");
	struct vocab *w = vocab_open(lib[0].yaml, "w.yaml", lib, 1, &dl);
	assert_true(vocab_hash(v) != vocab_hash(w));
	assert_true(vocab_hash(v) != 0);
	vocab_free(w);
	vocab_free(v);
	v = vocab_open("use: [nope]\n", "n.yaml", lib, 1, &dl);
	assert_int_equal(dl.n, 1);
	assert_non_null(strstr(dl.items[0].msg, "no shipped vocabulary 'nope' (shipped: war)"));
	assert_int_equal(dl.items[0].line, 1);
	diag_list_free(&dl);
	vocab_free(v);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* none, the collection's file, the config (per collection and for all),
 * the flag: first found wins, and none means no vocabulary at all. */
static void test_choose(void **state)
{
	(void)state;
	char dir[] = "/tmp/dossier-topics-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char coll[300], own[340], mine[340], other[340];
	snprintf(coll, sizeof coll, "%s/clips", dir);
	snprintf(own, sizeof own, "%s/.dossier", coll);
	assert_int_equal(mkdir(coll, 0777), 0);
	snprintf(mine, sizeof mine, "%s/mine.yaml", dir);
	write_file(mine, "mine: [alpha]\n");
	snprintf(other, sizeof other, "%s/other.yaml", dir);
	write_file(other, "other: [alpha]\n");
	struct diag_list dl = DIAG_LIST_INIT;
	struct topics_choice c = {.corpus = coll, .lib = lib, .nlib = 1};
	const char *from;
	bool failed;
	/* none chosen: none */
	assert_null(topics_choose(&c, &dl, &from, &failed));
	assert_false(failed);
	assert_null(from);
	/* the config for every collection */
	c.config_all = "war";
	struct vocab *v = topics_choose(&c, &dl, &from, &failed);
	ASSERT_MATCH(v, "alpha Kyiv", "places/kyiv");
	vocab_free(v);
	/* the collection's own file goes over that */
	assert_int_equal(mkdir(own, 0777), 0);
	strcat(own, "/topics.yaml");
	write_file(own, "own: [alpha]\n");
	v = topics_choose(&c, &dl, &from, &failed);
	assert_string_equal(from, TOPICS_COLLECTION_FILE);
	ASSERT_MATCH(v, "alpha Kyiv", "own");
	vocab_free(v);
	/* the config's entry for this folder goes over the collection's */
	struct collections map = {0}, named = {0};
	collections_set(&named, "news", coll);
	collections_set(&map, "news", mine);
	c.config_map = &map;
	c.named = &named;
	v = topics_choose(&c, &dl, &from, &failed);
	ASSERT_MATCH(v, "alpha Kyiv", "mine");
	vocab_free(v);
	collections_free(&map);
	collections_set(&map, coll, other); /* by folder */
	v = topics_choose(&c, &dl, &from, &failed);
	ASSERT_MATCH(v, "alpha Kyiv", "other");
	vocab_free(v);
	/* the flag over everything */
	c.flag = "war";
	v = topics_choose(&c, &dl, &from, &failed);
	assert_string_equal(from, "--topics");
	ASSERT_MATCH(v, "alpha Kyiv", "places/kyiv");
	vocab_free(v);
	/* a flag naming nothing fails, with a message */
	c.flag = "no-such-vocabulary";
	assert_null(topics_choose(&c, &dl, &from, &failed));
	assert_true(failed);
	assert_int_equal(dl.n, 1);
	assert_non_null(strstr(dl.items[0].msg, "neither a file nor a shipped name (war)"));
	assert_int_equal(dl.n, 1);
	diag_list_free(&dl);
	collections_free(&map);
	collections_free(&named);
	unlink(own);
	unlink(mine);
	unlink(other);
	*strrchr(own, '/') = '\0';
	rmdir(own);
	rmdir(coll);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fold_equals_reference),
		cmocka_unit_test(test_match_equals_reference),
		cmocka_unit_test(test_long_runs_equal_reference),
		cmocka_unit_test(test_fast_run_end),
		cmocka_unit_test(test_case_modes),
		cmocka_unit_test(test_use_and_hash),
		cmocka_unit_test(test_choose),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
