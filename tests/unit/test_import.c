/* SPDX-License-Identifier: MIT
 * Raw article import: chrome patterns, date and title evidence, source
 * evidence, paragraphs, slugs, the front matter, the no-overwrite write,
 * the CLI, and the real seeds when they are present. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "core/cli/cli.h"
#include "core/base/fsutil.h"
#include "core/import/import.h"
#include "core/collection/vocab.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) return NULL;
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) strbuf_add(&sb, buf, n);
	fclose(f);
	*len = sb.len;
	return sb.buf ? strbuf_steal(&sb) : xstrdup("");
}

struct env {
	struct vocab *v;
	struct boilerplate *b;
};

static int setup(void **state)
{
	struct env *e = xcalloc(1, sizeof *e);
	struct diag_list dl = DIAG_LIST_INIT;
	size_t n;
	char *t = slurp("config/topics-ukraine-defence.yaml", &n);
	e->v = vocab_new();
	if (t) vocab_load(e->v, t, n, "config/topics-ukraine-defence.yaml", &dl);
	vocab_build(e->v);
	free(t);
	t = slurp("config/boilerplate.yaml", &n);
	e->b = boilerplate_new();
	if (t) boilerplate_load(e->b, t, n, "config/boilerplate.yaml", &dl);
	free(t);
	assert_int_equal(dl.n, 0);
	diag_list_free(&dl);
	*state = e;
	return 0;
}

static int teardown(void **state)
{
	struct env *e = *state;
	vocab_free(e->v);
	boilerplate_free(e->b);
	free(e);
	return 0;
}

static int parse_file(struct env *e, const char *path, const char *source, struct import_result *r)
{
	size_t n;
	char *t = slurp(path, &n);
	if (!t) return -2;
	struct diag_list dl = DIAG_LIST_INIT;
	int rc = import_parse(t, n, e->b, e->v, source, path, r, &dl);
	free(t);
	diag_list_free(&dl);
	return rc;
}

/* Our own fixture holds one line of every chrome kind and two dates. */
static void test_chrome_fixture(void **state)
{
	struct import_result r;
	assert_int_equal(parse_file(*state, "tests/data/import/chrome.txt", NULL, &r), 0);
	assert_string_equal(r.title, "Harbour council approves new ferry timetable");
	assert_int_equal(r.date, 20240304); /* the stamp with a time beats the header date */
	assert_null(r.source);
	assert_string_equal(r.body,
		"The harbour council voted on Monday to add two evening ferries between the old port and the "
		"island, after residents asked for later crossings.\n\n"
		"Council member Ida Example said the change would cost less than expected.\n\n"
		"The new timetable starts in April, the council said.\n");
	static const int lines[] = {1, 3, 4, 5, 9, 11, 13, 14, 15, 16, 20, 22, 23, 26, 27, 28,
				    29, 30, 31, 32, 33, 34, 35, 36, 37, 38};
	assert_int_equal(r.nremoved, ARRAY_LEN(lines));
	for (size_t i = 0; i < ARRAY_LEN(lines); i++) assert_int_equal(r.removed[i].line, lines[i]);
	assert_string_equal(r.removed[12].why, "teaser headline");
	assert_string_equal(r.removed[3].why, "date line");
	import_result_free(&r);
}

static void test_wrapped_crlf_bom(void **state)
{
	struct import_result r;
	assert_int_equal(parse_file(*state, "tests/data/import/wrapped.txt", NULL, &r), 0);
	assert_string_equal(r.title, "A quiet week at the observatory");
	assert_int_equal(r.date, 0); /* "from 2 May 2024 onward" is prose, not a dateline */
	assert_null(strchr(r.body, '\r'));
	assert_non_null(strstr(r.body, "the week calibrating the new spectrograph, a slow job that needs"));
	assert_non_null(strstr(r.body, "they said.\n\nThe director, Dr. Ada Example,"));
	assert_int_equal(r.nremoved, 0);
	import_result_free(&r);
}

static void test_source_evidence(void **state)
{
	struct import_result r;
	assert_int_equal(parse_file(*state, "tests/data/import/dateline.txt", NULL, &r), 0);
	assert_string_equal(r.source, "Reuters");
	assert_string_equal(r.title, "Ukrainian officials said on Tuesday that repairs to the Kyiv power grid would take weeks");
	assert_true(strlist_has(&r.tags, "places/kyiv"));
	assert_true(strlist_has(&r.tags, "weapons/drones"));
	import_result_free(&r);

	assert_int_equal(parse_file(*state, "tests/data/import/reference.txt", NULL, &r), 0);
	assert_null(r.source); /* "told CNN", "POLITICO first published" are references */
	assert_string_equal(r.title, "The U.S. Army said on Friday it would test a new howitzer at a range in Texas");
	import_result_free(&r);

	assert_int_equal(parse_file(*state, "tests/data/import/reference.txt", "Harbour Gazette", &r), 0);
	assert_string_equal(r.source, "Harbour Gazette");
	import_result_free(&r);
}

static void test_titles(void **state)
{
	struct env *e = *state;
	struct diag_list dl = DIAG_LIST_INIT;
	struct import_result r;
	const char *t1 = "\"A quoted line is speech, not a headline\"\nSecond paragraph here.\n";
	assert_int_equal(import_parse(t1, strlen(t1), e->b, e->v, NULL, "t", &r, &dl), 0);
	assert_string_equal(r.title, "\"A quoted line is speech, not a headline\"");
	import_result_free(&r);
	const char *t2 = "Only one line, no final period and nothing else";
	assert_int_equal(import_parse(t2, strlen(t2), e->b, e->v, NULL, "t", &r, &dl), 0);
	assert_string_equal(r.title, "Only one line, no final period and nothing else");
	assert_string_equal(r.body, "Only one line, no final period and nothing else\n");
	import_result_free(&r);
	const char *t3 = "Officials from the northern provinces and the coastal towns gathered on a grey morning "
			 "to discuss the plans for the new railway line that would link them all together.";
	assert_int_equal(import_parse(t3, strlen(t3), e->b, e->v, NULL, "t", &r, &dl), 0);
	assert_string_equal(r.title, "Officials from the northern provinces and the coastal towns gathered on a grey "
				     "morning to\xE2\x80\xA6");
	import_result_free(&r);
	const char *t4 = "Source link\n\n  \nTrending\n";
	assert_int_equal(import_parse(t4, strlen(t4), e->b, e->v, NULL, "empty.txt", &r, &dl), -1);
	assert_int_equal(dl.n, 1);
	char *s = diag_format(&dl.items[0]);
	assert_string_equal(s, "empty.txt: no article text found");
	free(s);
	diag_list_free(&dl);
}

static void test_slugs(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{"Kyiv\xE2\x80\x99s \xE2\x80\x98" "fatal\xE2\x80\x99 \xC3\x9C" "ber-strike: 50% of S-300s", "kyivs-fatal-uber-strike-50-of-s-300s"},
		{"../../etc/passwd", "etc-passwd"},
		{"a\x1b[2Jb\x01" "c", "a-2jb-c"},
		{"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2", "article"},
		{"", "article"},
		{"The U.S. Army and E.U. talks", "the-us-army-and-eu-talks"},
		{"Caf\xC3\xA9 cr\xC3\xA8me \xEF\xBC\xA1", "cafe-creme-a"},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *s = import_slug(cases[i].in, 60);
		assert_string_equal(s, cases[i].out);
		free(s);
	}
	char *s = import_slug("alpha beta gamma delta epsilon", 14);
	assert_string_equal(s, "alpha-beta");
	free(s);
}

/* The front matter is YAML that reads back to the same values. */
static void test_render_roundtrip(void **state)
{
	(void)state;
	struct import_result r = {0};
	r.title = xstrdup("He said \"no\" \\ then\x1b]52;c;x\x07 left \xE2\x80\xA8 here");
	r.date = 20240620;
	r.source = xstrdup("A: B");
	r.body = xstrdup("Body.\n");
	strlist_push(&r.tags, "weapons/atacms");
	size_t len;
	char *out = import_render(&r, "x\"y.txt", &len);
	assert_memory_equal(out, "---\ntitle: ", 11);
	char *end = strstr(out + 4, "\n---\n\n");
	assert_non_null(end);
	assert_string_equal(end + 6, "Body.\n");
	yaml_parser_t p;
	yaml_document_t d;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)out + 4, (size_t)(end - out - 3));
	assert_true(yaml_parser_load(&p, &d));
	yaml_node_t *root = yaml_document_get_root_node(&d);
	assert_int_equal(root->type, YAML_MAPPING_NODE);
	int found = 0;
	for (yaml_node_pair_t *pr = root->data.mapping.pairs.start; pr < root->data.mapping.pairs.top; pr++) {
		yaml_node_t *k = yaml_document_get_node(&d, pr->key), *v = yaml_document_get_node(&d, pr->value);
		const char *key = (const char *)k->data.scalar.value;
		if (!strcmp(key, "title")) { assert_string_equal((char *)v->data.scalar.value, r.title); found++; }
		if (!strcmp(key, "date")) { assert_string_equal((char *)v->data.scalar.value, "2024-06-20"); found++; }
		if (!strcmp(key, "source")) { assert_string_equal((char *)v->data.scalar.value, "A: B"); found++; }
		if (!strcmp(key, "imported-from")) { assert_string_equal((char *)v->data.scalar.value, "x\"y.txt"); found++; }
		if (!strcmp(key, "tags")) { assert_int_equal(v->type, YAML_SEQUENCE_NODE); found++; }
	}
	assert_int_equal(found, 5);
	yaml_document_delete(&d);
	yaml_parser_delete(&p);
	free(out);
	import_result_free(&r);
}

static size_t count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	size_t n = 0;
	for (struct dirent *de; d && (de = readdir(d));) n += de->d_name[0] != '.' || (de->d_name[1] && strcmp(de->d_name, ".."));
	if (d) closedir(d);
	return n;
}

static void test_write_no_overwrite(void **state)
{
	(void)state;
	char dir[] = "/tmp/dossier-import-XXXXXX";
	assert_non_null(mkdtemp(dir));
	struct diag_list dl = DIAG_LIST_INIT;
	char *w1, *w2, *w3, path[300];
	snprintf(path, sizeof path, "%s/story.md", dir);
	FILE *f = fopen(path, "w");
	fputs("precious", f);
	fclose(f);
	assert_int_equal(import_write(dir, "story", "new one\n", 8, &w1, &dl), 0);
	assert_int_equal(import_write(dir, "story", "new two\n", 8, &w2, &dl), 0);
	snprintf(path, sizeof path, "%s/story-2.md", dir);
	assert_string_equal(w1, path);
	snprintf(path, sizeof path, "%s/story-3.md", dir);
	assert_string_equal(w2, path);
	size_t n;
	char *t = slurp(w2, &n);
	assert_string_equal(t, "new two\n");
	free(t);
	snprintf(path, sizeof path, "%s/story.md", dir);
	t = slurp(path, &n);
	assert_string_equal(t, "precious");
	free(t);
	/* an injected write failure leaves nothing behind, not even the temp */
	assert_int_equal(count_entries(dir), 3);
	fsutil_test_fail_at("write");
	assert_int_equal(import_write(dir, "broken", "0123456789", 10, &w3, &dl), -1);
	fsutil_test_fail_at(NULL);
	assert_null(w3);
	assert_int_equal(count_entries(dir), 3);
	assert_int_equal(dl.n, 1);
	char *s = diag_format(&dl.items[0]);
	assert_non_null(strstr(s, "cannot write broken.md (write): No space left on device"));
	free(s);
	diag_list_free(&dl);
	assert_int_equal(import_write("/nonexistent/dir", "x", "a", 1, &w3, &dl), -1);
	assert_int_equal(dl.n, 1);
	diag_list_free(&dl);
	unlink(w1);
	unlink(w2);
	unlink(path);
	free(w1);
	free(w2);
	assert_int_equal(rmdir(dir), 0);
}

static void test_boilerplate_errors(void **state)
{
	(void)state;
	struct boilerplate *b = boilerplate_new();
	struct diag_list dl = DIAG_LIST_INIT;
	const char *y = "exact: [Menu]\nregex:\n  - 'ok$'\n  - 'bad(['\nwhatever: [x]\n";
	assert_int_equal(boilerplate_load(b, y, strlen(y), "bp.yaml", &dl), 0);
	assert_int_equal(dl.n, 2);
	char *s = diag_format(&dl.items[0]);
	assert_non_null(strstr(s, "bp.yaml:4:5: bad regex 'bad(['"));
	free(s);
	s = diag_format(&dl.items[1]);
	assert_non_null(strstr(s, "bp.yaml:5:1: warning: unknown pattern kind 'whatever'"));
	free(s);
	assert_string_equal(boilerplate_match(b, "MENU", 4, NULL), "Menu");
	assert_string_equal(boilerplate_match(b, "it is ok", 8, NULL), "ok$");
	assert_null(boilerplate_match(b, "Menus", 5, NULL));
	diag_list_free(&dl);
	const char *bad[] = {"a: &x [p]\nb: *x\n", "- x\n", "exact: [[x]]\n", "exact: [x\n"};
	for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
		assert_int_equal(boilerplate_load(b, bad[i], strlen(bad[i]), "bp.yaml", &dl), -1);
		assert_true(dl.n >= 1);
		assert_true(dl.items[0].line >= 1);
		diag_list_free(&dl);
	}
	boilerplate_free(b);
}

static void test_cli(void **state)
{
	(void)state;
	char dir[] = "/tmp/dossier-cli-XXXXXX", *out = NULL, *err = NULL;
	size_t olen, elen;
	assert_non_null(mkdtemp(dir));
	size_t n;
	char *bp = slurp("config/boilerplate.yaml", &n);
	struct cli_ctx cx = {.boilerplate_yaml = bp};
	cx.out = open_memstream(&out, &olen);
	cx.err = open_memstream(&err, &elen);
	char *a1[] = {"import", "--into", dir, "--verbose", "tests/data/import/chrome.txt",
		      "tests/data/import/missing.txt", NULL};
	assert_int_equal(cli_run(&cx, 6, a1), EXIT_PROBLEM);
	char *a2[] = {"import", "--into", dir, NULL};
	assert_int_equal(cli_run(&cx, 3, a2), EXIT_USAGE);
	char *a3[] = {"import", "--bogus", "x", NULL};
	assert_int_equal(cli_run(&cx, 3, a3), EXIT_USAGE);
	char *a4[] = {"import", "--into", NULL};
	assert_int_equal(cli_run(&cx, 2, a4), EXIT_USAGE);
	fclose(cx.out);
	fclose(cx.err);
	assert_non_null(strstr(out, "imported tests/data/import/chrome.txt -> harbour-council-approves-new-ferry-timetable.md "
				    "(title \"Harbour council approves new ferry timetable\", date 2024-03-04, 0 tags, 26 lines removed)\n"));
	assert_non_null(strstr(out, "  removed line 3: 18.4 \xC2\xB0" "C  ["));
	assert_non_null(strstr(err, "dossier: tests/data/import/missing.txt: No such file or directory\n"));
	assert_non_null(strstr(err, "dossier: import: no files given"));
	char path[300];
	snprintf(path, sizeof path, "%s/harbour-council-approves-new-ferry-timetable.md", dir);
	char *t = slurp(path, &n);
	assert_non_null(t);
	assert_non_null(strstr(t, "imported-from: \"chrome.txt\"\n"));
	unlink(path);
	rmdir(dir);
	free(t);
	free(out);
	free(err);
	free(bp);
}

/* The five real seeds, when present: clean articles that link up. */
static void test_seeds(void **state)
{
	static const struct { const char *file; int date; const char *title_start; const char *tags[4]; } seeds[] = {
		{"000_02a938c8af9443a9.txt", 0, "Ukrainian Defense Minister Rustem Umerov",
		 {"people/umerov", "people/austin", "weapons/atacms", "long-range-strikes"}},
		{"001_28d8b5cd206cd6e9.txt", 20240830, "Politico reported earlier",
		 {"people/umerov", "people/austin", "places/kyiv", "long-range-strikes"}},
		{"002_3876eccb055f605d.txt", 20240531, "Moscow outlines territorial gains in Ukraine conflict",
		 {"places/kharkiv", "places/belgorod", "weapons/atacms", "places/crimea"}},
		{"003_653f096f723bf98c.txt", 0, "Ukrainian troops used US-supplied Himars missiles",
		 {"weapons/himars", "places/belgorod", "air-defense", "people/zelensky"}},
		{"004_70b722a9328c63c1.txt", 0, "Halted military aid for Ukraine may start flowing again",
		 {"weapons/patriot", "people/trump", "people/umerov", "aid-pause"}},
	};
	static const char *const chrome[] = {"Source link", "Leave a Reply", "Read more", "Exit mobile version",
		"Trending", "Most Popular Articles", "FILE PHOTO", "\xC2\xA9", "30.1 C", "Breaking News",
		"Your email address", "\nPublished\n", "\non\n", "austinumerov"};
	char path[600];
	const char *top = getenv("SEEDS") ? getenv("SEEDS") : "../shared/seeds";
	snprintf(path, sizeof path, "%s/%s", top, seeds[0].file);
	if (access(path, R_OK) != 0) skip();
	for (size_t i = 0; i < ARRAY_LEN(seeds); i++) {
		struct import_result r;
		snprintf(path, sizeof path, "%s/%s", top, seeds[i].file);
		assert_int_equal(parse_file(*state, path, NULL, &r), 0);
		if (strncmp(r.title, seeds[i].title_start, strlen(seeds[i].title_start)))
			fail_msg("%s: title '%s'", seeds[i].file, r.title);
		assert_true(strlen(r.title) <= 130);
		assert_int_equal(r.date, seeds[i].date);
		assert_null(r.source);
		for (size_t k = 0; k < ARRAY_LEN(chrome); k++)
			if (strstr(r.body, chrome[k])) fail_msg("%s: chrome '%s' left", seeds[i].file, chrome[k]);
		for (size_t k = 0; k < 4; k++)
			if (!strlist_has(&r.tags, seeds[i].tags[k])) fail_msg("%s: no tag %s", seeds[i].file, seeds[i].tags[k]);
		assert_null(strstr(r.body, "\n\n\n"));
		import_result_free(&r);
	}
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8"); /* the report's display policy follows the locale */
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_chrome_fixture),
		cmocka_unit_test(test_wrapped_crlf_bom),
		cmocka_unit_test(test_source_evidence),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_render_roundtrip),
		cmocka_unit_test(test_write_no_overwrite),
		cmocka_unit_test(test_boilerplate_errors),
		cmocka_unit_test(test_cli),
		cmocka_unit_test(test_seeds),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
