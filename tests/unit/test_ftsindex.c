/* SPDX-License-Identifier: MIT
 * The full-text index: its tokenizer folds like the query language, and
 * every query gives the same articles with and without the index (on the
 * query fixture and on Unicode text), before and after edits, and after
 * bytes of the index file are overwritten. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/collection/dossier.h"
#include "core/find/ftsindex.h"
#include "core/find/query.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "tests/unit/testfiles.h"

static void collect(void *ctx, const char *w, size_t n)
{
	struct strbuf *sb = ctx;
	strbuf_add(sb, w, n);
	strbuf_addc(sb, '|');
}

static void check_tokens(const char *text, const char *want)
{
	struct strbuf sb = STRBUF_INIT;
	ftsindex_tokenize(text, strlen(text), collect, &sb);
	assert_string_equal(strbuf_str(&sb), want);
	strbuf_free(&sb);
}

static void test_tokenizer(void **st)
{
	(void)st;
	check_tokens("Kyiv's KYIV, kyiv-based", "kyiv|s|kyiv|kyiv|based|");
	check_tokens("Stra\xC3\x9F" "e \xEF\xAC\x81ne", "strasse|fine|");     /* ß, the fi ligature */
	check_tokens("Cafe\xCC\x81 CAF\xC3\x89", "caf\xC3\xA9|caf\xC3\xA9|");   /* decomposed = composed */
	check_tokens("x\xE2\x80\x8By soft\xC2\xADhyphen", "xy|softhyphen|"); /* ignorables vanish */
	check_tokens("\xFF" "bad\xFEtext", "bad|text|");                       /* invalid bytes split */
	check_tokens("under_score 3.14 ", "under|score|3|14|");
	check_tokens("", "");
	check_tokens("\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2|"); /* Київ */
}

static char tmpdir[64];

static void write_file(const char *dir, const char *rel, const char *text)
{
	testfiles_write(dir, rel, text, strlen(text));
}

static int setup(void **st)
{
	(void)st;
	strcpy(tmpdir, "/tmp/dossier-fts.XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	char p[128];
	snprintf(p, sizeof p, "%s/u", tmpdir);
	mkdir(p, 0700);
	write_file(p, "a.md", "---\ntitle: One\n---\nThe KYIV strikes went on; Kyivan officials said.\n");
	write_file(p, "b.md", "---\ntitle: Two\n---\nStra\xC3\x9F" "e closed. Cafe\xCC\x81 open.\n");
	write_file(p, "c.md", "Three\n\nair-defence systems, air defence, airdefence\r\nline two\n");
	write_file(p, "d.md", "---\ntitle: Four\n---\nbinary? no: \xFF invalid byte kyiv\n");
	write_file(p, "e.md", "");
	return 0;
}

static int teardown(void **st)
{
	(void)st;
	testfiles_remove(tmpdir);
	return 0;
}

static const char *const queries[] = {
	"harbour", "flood", "\"flood barrier\"", "caf\xC3\xA9 -grid", "r\xC3\xA9gion OR ferry",
	"\xE6\x9D\xB1\xE4\xBA\xAC", "\"storm kyiv\"",
	"kyiv", "KYIV strikes", "\"strikes went\"", "kyivan", "strasse", "stra\xC3\x9F" "e",
	"caf\xC3\xA9", "cafe", "\"air defence\"", "air defence", "airdefence", "defence systems",
	"\"line two\"", "invalid byte", "kyiv OR strasse", "-kyiv", "NOT cafe tag:nothing",
	"missing", "one", "\"went on kyivan\"", "gas", "\"gas deal\"", "kyiv -strikes",
	"drones OR markets", "\"the\"", "2024", "june", "\xD0\xBA\xD0\xB8\xD1\x97\xD0\xB2",
};

/* query_filter's answer for every query, as text, with or without fx. */
static char *answers(const struct dossier *d, struct ftsindex *fx)
{
	struct strbuf sb = STRBUF_INIT;
	size_t *out = xcalloc(d->coll.n + 1, sizeof *out);
	for (size_t i = 0; i < ARRAY_LEN(queries); i++) {
		struct query_error err;
		struct query *q = query_parse(queries[i], d, &err);
		assert_non_null(q);
		/* per article (text_match) and per term (text_set, as the CLI and
		 * the reader ask) must agree */
		for (int set = 0; set < 2; set++) {
			struct query_env env = {.d = d, .text_match = fx ? ftsindex_text_match : NULL,
						.text_set = fx && set ? ftsindex_text_set : NULL,
						.ctx = fx};
			size_t k = query_filter(q, &env, NULL, d->coll.n, out);
			strbuf_addf(&sb, "%s:", queries[i]);
			for (size_t j = 0; j < k; j++) strbuf_addf(&sb, " %s", d->coll.items[out[j]].id);
			strbuf_addc(&sb, '\n');
		}
		query_free(q);
	}
	free(out);
	return strbuf_steal(&sb);
}

static void same_answers(const char *root, const char *dbfile)
{
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(dbfile, &err);
	assert_non_null(fx);
	assert_null(err);
	assert_true(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err) >= 0);
	assert_null(err);
	/* the index answers for every readable article */
	const char *w[] = {"kyiv"};
	for (size_t i = 0; i < d.coll.n; i++) assert_true(ftsindex_text_match(fx, i, w, 1) >= 0);
	char *plain = answers(&d, NULL), *indexed = answers(&d, fx);
	assert_string_equal(plain, indexed);
	free(plain);
	free(indexed);
	ftsindex_close(fx);
	dossier_close(&d);
}

static void test_same_answers(void **st)
{
	(void)st;
	char root[128], db[128];
	snprintf(root, sizeof root, "%s/u", tmpdir);
	snprintf(db, sizeof db, "%s/u.fts", tmpdir);
	same_answers(root, db);
	snprintf(db, sizeof db, "%s/q.fts", tmpdir);
	same_answers("tests/data/query", db);
	same_answers("tests/data/query", db); /* again, from the stored index */
}

static void test_whole_words(void **st)
{
	(void)st;
	char root[128], db[128];
	snprintf(root, sizeof root, "%s/u", tmpdir);
	snprintf(db, sizeof db, "%s/w.fts", tmpdir);
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(db, &err);
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), (long)d.coll.n); /* empty e.md too */
	long a = collection_find(&d.coll, "a"), c = collection_find(&d.coll, "c");
	const char *kyiv[] = {"kyiv"}, *kyi[] = {"kyi"}, *ad[] = {"air", "defence"};
	const char *bad[] = {"air-defence"};
	assert_int_equal(ftsindex_text_match(fx, (size_t)a, kyiv, 1), 1);
	assert_int_equal(ftsindex_text_match(fx, (size_t)a, kyi, 1), 0); /* no prefixes */
	assert_int_equal(ftsindex_text_match(fx, (size_t)c, ad, 2), 1);
	assert_int_equal(ftsindex_text_match(fx, (size_t)a, ad, 2), 0);
	assert_int_equal(ftsindex_text_match(fx, (size_t)c, bad, 1), -1); /* not one token */
	assert_int_equal(ftsindex_text_match(fx, d.coll.n + 5, kyiv, 1), -1);
	ftsindex_close(fx);
	dossier_close(&d);
}

/* Edits: an unrefreshed change is not answered (-1), a refresh re-indexes
 * only what changed, and the answers stay right throughout. */
static void test_edits(void **st)
{
	(void)st;
	char root[128], db[128];
	snprintf(root, sizeof root, "%s/u", tmpdir);
	snprintf(db, sizeof db, "%s/e.fts", tmpdir);
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(db, &err);
	assert_true(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err) > 0);
	dossier_close(&d);

	write_file(root, "a.md", "---\ntitle: One\n---\nNow about gas and nothing else at all.\n");
	char p[256];
	snprintf(p, sizeof p, "%s/b.md", root);
	unlink(p);
	write_file(root, "f.md", "New file about kyiv\n");
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	atomic_int cancel = 1; /* refresh reaches nothing new */
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, &cancel, &err), 0);
	const char *gas[] = {"gas"};
	long a = collection_find(&d.coll, "a");
	assert_int_equal(ftsindex_text_match(fx, (size_t)a, gas, 1), -1);
	char *plain = answers(&d, NULL), *indexed = answers(&d, fx);
	assert_string_equal(plain, indexed);
	free(indexed);
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), 2); /* a and f */
	assert_int_equal(ftsindex_text_match(fx, (size_t)a, gas, 1), 1);
	indexed = answers(&d, fx);
	assert_string_equal(plain, indexed);
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), 0); /* nothing new */
	free(plain);
	free(indexed);
	ftsindex_close(fx);
	dossier_close(&d);
}

/* Issue 19: an OR of many words (more than the index's 16-term memo),
 * with phrases, title-only words and accented words, gives exactly the
 * union of the single-word queries, with and without the index; and the
 * index is asked once per term, not once per term and article (which is
 * what made 17 words take seconds). */
static void test_long_or(void **st)
{
	(void)st;
	char root[128], db[128];
	snprintf(root, sizeof root, "%s/long", tmpdir);
	snprintf(db, sizeof db, "%s/long.fts", tmpdir);
	mkdir(root, 0700);
	for (int i = 0; i < 60; i++) {
		char name[32], text[256];
		snprintf(name, sizeof name, "a%02d.md", i);
		snprintf(text, sizeof text,
			 "---\ntitle: Report t%02d \xE2\x80\x94 week\n---\nThe filler text n%02d said "
			 "w%02d%s, \xE2\x80\x9Cquoted\xE2\x80\x9D.\n",
			 i, i, i, i % 7 == 0 ? " caf\xC3\xA9 cr\xC3\xA8me" : "");
		write_file(root, name, text);
	}
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	assert_int_equal(d.coll.n, 60);
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(db, &err);
	assert_true(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err) == 60);

	/* 40 terms: body words, title words, phrases (one crossing a
	 * comma), accented words, words found nowhere, a repeated word */
	struct strlist terms = {0};
	char t[64];
	for (int i = 0; i < 12; i++) snprintf(t, sizeof t, "w%02d", i * 5), strlist_push(&terms, t);
	for (int i = 0; i < 8; i++) snprintf(t, sizeof t, "T%02d", i * 7 + 3), strlist_push(&terms, t);
	for (int i = 0; i < 8; i++) snprintf(t, sizeof t, "absent%d", i), strlist_push(&terms, t);
	for (int i = 0; i < 6; i++)
		snprintf(t, sizeof t, "\"text n%02d said\"", i * 9 + 1), strlist_push(&terms, t);
	strlist_push(&terms, "\"w14 caf\xC3\xA9\"");
	strlist_push(&terms, "\"w13 quoted\"");
	strlist_push(&terms, "CR\xC3\x88ME");
	strlist_push(&terms, "\"report t59 week\"");
	strlist_push(&terms, "w05");
	strlist_push(&terms, "filler");
	assert_int_equal(terms.n, 40);

	for (int use = 0; use < 2; use++) {
		struct query_env env = {.d = &d, .text_match = use ? ftsindex_text_match : NULL,
					.text_set = use ? ftsindex_text_set : NULL,
					.ctx = use ? fx : NULL};
		bool *want = xcalloc(d.coll.n, sizeof *want);
		size_t *out = xcalloc(d.coll.n, sizeof *out);
		struct strbuf all = STRBUF_INIT;
		for (size_t i = 0; i < terms.n; i++) {
			struct query_error qe;
			struct query *q = query_parse(terms.v[i], &d, &qe);
			assert_non_null(q);
			size_t k = query_filter(q, &env, NULL, d.coll.n, out);
			for (size_t j = 0; j < k && i + 1 < terms.n; j++) want[out[j]] = true;
			query_free(q);
			strbuf_addf(&all, "%s%s", i ? " OR " : "", terms.v[i]);
		}
		/* without "filler" (every article), then with it */
		for (int whole = 0; whole < 2; whole++) {
			char *text = xstrndup(all.buf, whole ? all.len : (size_t)(strstr(all.buf, " OR filler") - all.buf));
			struct query_error qe;
			struct query *q = query_parse(text, &d, &qe);
			assert_non_null(q);
			size_t before = ftsindex_stats(fx).lookups;
			size_t k = query_filter(q, &env, NULL, d.coll.n, out);
			size_t asked = ftsindex_stats(fx).lookups - before;
			size_t expect = 0;
			for (size_t j = 0; j < d.coll.n; j++) expect += whole ? 1 : want[j];
			assert_int_equal(k, expect);
			for (size_t j = 0; j < k; j++) assert_true(whole || want[out[j]]);
			if (!whole) assert_true(expect > 20 && expect < 60);
			/* a metadata kid among the words, and the negation */
			struct strbuf v = STRBUF_INIT;
			strbuf_addf(&v, "title:\"report t58\" OR %s", text);
			struct query *q2 = query_parse(v.buf, &d, &qe);
			assert_non_null(q2);
			size_t k2 = query_filter(q2, &env, NULL, d.coll.n, out);
			assert_int_equal(k2, expect + (whole || want[58] ? 0 : 1));
			query_free(q2);
			strbuf_reset(&v);
			strbuf_addf(&v, "NOT (%s)", text);
			q2 = query_parse(v.buf, &d, &qe);
			assert_non_null(q2);
			assert_int_equal(query_filter(q2, &env, NULL, d.coll.n, out), d.coll.n - expect);
			query_free(q2);
			strbuf_free(&v);
			/* each term once at most (w05 twice in the text counts twice) */
			if (use) assert_true(asked <= terms.n - (size_t)!whole);
			else assert_int_equal(asked, 0);
			query_free(q);
			free(text);
		}
		strbuf_free(&all);
		free(want);
		free(out);
	}
	strlist_free(&terms);
	ftsindex_close(fx);
	dossier_close(&d);
}

static void test_damaged_file(void **st)
{
	(void)st;
	char db[128];
	snprintf(db, sizeof db, "%s/bad.fts", tmpdir);
	write_file(tmpdir, "bad.fts", "this is not a database at all, just text that goes on and on");
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(db, &err);
	assert_non_null(fx);
	assert_non_null(err);
	assert_non_null(strstr(err, "rebuilt"));
	free(err);
	ftsindex_close(fx);
	fx = ftsindex_open_file(db, &err); /* the new one is fine */
	assert_non_null(fx);
	assert_null(err);
	ftsindex_close(fx);
}

/* 400 articles of 60 words drawn (fixed seed) from a small vocabulary with
 * accents and a dash, so that the index file passes 50,000 bytes. */
static void write_many(const char *root)
{
	static const char *const words[] = {"harbour", "flood", "barrier", "caf\xC3\xA9", "r\xC3\xA9gion",
		"\xE2\x80\x94", "council", "grid", "storm", "ferry", "tunnel", "Kyiv", "pump", "lock",
		"\xE6\x9D\xB1\xE4\xBA\xAC", "vote", "drought", "bridge", "court", "wage"};
	unsigned seed = 12345;
	mkdir(root, 0700);
	for (int i = 0; i < 400; i++) {
		struct strbuf sb = STRBUF_INIT;
		strbuf_addf(&sb, "---\ntitle: Article %d\n---\n", i);
		for (int w = 0; w < 60; w++) {
			seed = seed * 1103515245u + 12345u;
			strbuf_addf(&sb, "%s%s", words[(seed >> 16) % ARRAY_LEN(words)], w % 12 == 11 ? ".\n" : " ");
		}
		char rel[32];
		snprintf(rel, sizeof rel, "m%03d.md", i);
		testfiles_write(root, rel, sb.buf, sb.len);
		strbuf_free(&sb);
	}
}

/* 24 bytes of 'X' written over the file at offset 50,000, like a stray
 * write would (the file's size stays the same). */
static void overwrite(const char *file)
{
	struct stat stt;
	assert_int_equal(stat(file, &stt), 0);
	assert_true(stt.st_size > 50024);
	FILE *f = fopen(file, "r+b");
	assert_non_null(f);
	assert_int_equal(fseek(f, 50000, SEEK_SET), 0);
	assert_int_equal(fwrite("XXXXXXXXXXXXXXXXXXXXXXXX", 1, 24, f), 24);
	fclose(f);
}

static void assert_private(const char *db, const char *suffix)
{
	char p[160];
	snprintf(p, sizeof p, "%s%s", db, suffix);
	struct stat stt;
	assert_int_equal(stat(p, &stt), 0);
	assert_int_equal(stt.st_mode & 0777, 0600);
}

/* A partly overwritten index never serves wrong answers: the damage is
 * found before results are served (the open handle stops answering and
 * says so once; the next refresh rebuilds), and a later open rebuilds it
 * too. The index and its side files are 0600 whatever the umask. */
static void test_overwritten_index(void **st)
{
	(void)st;
	char root[128], db[128];
	snprintf(root, sizeof root, "%s/many", tmpdir);
	snprintf(db, sizeof db, "%s/many.fts", tmpdir);
	write_many(root);
	mode_t old_umask = umask(022);
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(db, &err);
	assert_null(err);
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), 400);
	char *plain = answers(&d, NULL), *indexed = answers(&d, fx);
	assert_string_equal(plain, indexed);
	free(indexed);
	const char *harbour[] = {"harbour"};
	assert_int_equal(ftsindex_text_match(fx, 0, harbour, 1), 1);
	assert_null(ftsindex_take_note(fx));
	assert_private(db, "");
	assert_private(db, "-wal");
	assert_private(db, "-shm");
	assert_private(db, ".sum");
	assert_private(db, ".lock");

	ftsindex_close(fx);

	/* damaged while closed: the open finds it, says so and starts afresh
	 * (without the check, some queries lost rows here, silently) */
	overwrite(db);
	char *opened = NULL;
	fx = ftsindex_open_file(db, &opened);
	assert_non_null(fx);
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), 400);
	indexed = answers(&d, fx);
	assert_string_equal(plain, indexed);
	free(indexed);
	assert_non_null(opened);
	assert_non_null(strstr(opened, "damaged (checksum mismatch): rebuilt"));
	free(opened);

	/* damaged under an open handle: the files answer, said once */
	overwrite(db);
	indexed = answers(&d, fx);
	assert_string_equal(plain, indexed);
	free(indexed);
	const char *flood[] = {"flood"};
	assert_int_equal(ftsindex_text_match(fx, 0, flood, 1), -1);
	char *note = ftsindex_take_note(fx);
	assert_non_null(note);
	assert_non_null(strstr(note, "checksum mismatch"));
	free(note);
	assert_null(ftsindex_take_note(fx));
	/* the next refresh rebuilds from nothing, and the index answers again */
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), 400);
	assert_null(err);
	assert_int_equal(ftsindex_text_match(fx, 0, flood, 1) >= 0, 1);
	indexed = answers(&d, fx);
	assert_string_equal(plain, indexed);
	free(indexed);
	ftsindex_close(fx);

	/* sound again: opening says nothing and rebuilds nothing */
	fx = ftsindex_open_file(db, &err);
	assert_null(err);
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), 0);
	assert_private(db, "");
	ftsindex_close(fx);
	free(plain);
	dossier_close(&d);
	umask(old_umask);
}

/* The ids query q matches, with the index (fx) or by reading the files. */
static char *ids_for(const struct dossier *d, struct ftsindex *fx, const char *q)
{
	struct query_error err;
	struct query *qq = query_parse(q, d, &err);
	assert_non_null(qq);
	struct query_env env = {.d = d, .text_match = fx ? ftsindex_text_match : NULL, .ctx = fx};
	size_t *out = xcalloc(d->coll.n + 1, sizeof *out);
	size_t k = query_filter(qq, &env, NULL, d->coll.n, out);
	struct strbuf sb = STRBUF_INIT;
	for (size_t j = 0; j < k; j++) strbuf_addf(&sb, "%s%s", j ? " " : "", d->coll.items[out[j]].id);
	free(out);
	query_free(qq);
	return strbuf_steal(&sb);
}

/* The index holds the text as read: words inside **bold** and link texts
 * are found, a word only in a link's URL or a link number is not; plain
 * text is indexed as written (its asterisks and URLs are what is read). */
static void test_rendered_words(void **st)
{
	(void)st;
	char root[128], db[128];
	snprintf(root, sizeof root, "%s/r", tmpdir);
	mkdir(root, 0700);
	write_file(root, "m.md", "---\ntitle: Cranes\n---\nOfficials praised **the harbour\xE2\x80\x99s "
		   "new cranes** today; see [the quay report](https://example.org/zeppelinpath/quayside) "
		   "and <https://auto.example/autolinkword>.\n");
	write_file(root, "t.txt", "Raw note\n\nA **starred** remark, https://example.org/zeppelinpath here.\n");
	snprintf(db, sizeof db, "%s/r.fts", tmpdir);
	struct dossier d;
	assert_int_equal(dossier_open(&d, root, NULL, NULL, NULL, NULL), 0);
	char *err = NULL;
	struct ftsindex *fx = ftsindex_open_file(db, &err);
	assert_non_null(fx);
	assert_int_equal(ftsindex_refresh(fx, &d.coll, NULL, NULL, NULL, &err), 2);
	static const char *const cases[][2] = {
		{"cranes", "m"}, {"\"harbour s new cranes today\"", "m"}, {"\"quay report\"", "m"},
		{"zeppelinpath", "t"}, {"quayside", ""}, {"example", "m t"}, /* the autolink shows its URL */
		{"autolinkword", "m"},
		{"1", ""}, {"starred", "t"}, {"\"praised the harbour\"", "m"},
		{"\"https auto example autolinkword\"", "m"}, /* an autolink's text is its URL */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *with = ids_for(&d, fx, cases[i][0]), *without = ids_for(&d, NULL, cases[i][0]);
		if (strcmp(with, cases[i][1]) || strcmp(without, cases[i][1]))
			fail_msg("%s: index \"%s\", files \"%s\", want \"%s\"", cases[i][0], with, without,
				 cases[i][1]);
		free(with);
		free(without);
	}
	ftsindex_close(fx);
	dossier_close(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokenizer),
		cmocka_unit_test_setup_teardown(test_same_answers, setup, teardown),
		cmocka_unit_test_setup_teardown(test_whole_words, setup, teardown),
		cmocka_unit_test_setup_teardown(test_edits, setup, teardown),
		cmocka_unit_test_setup_teardown(test_long_or, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_overwritten_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rendered_words, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
