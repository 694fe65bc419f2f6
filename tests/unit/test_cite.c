/* SPDX-License-Identifier: MIT
 * Citation support: author names split for citation formats (families,
 * particles, suffixes, organisations as literals, names in any script) and
 * citation keys (author-year-word, ASCII, unique in the collection). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core/output/citekey.h"
#include "core/output/names.h"

#define NUL "\x01" /* "no such part" in the table below */

static void expect_name(const char *in, const char *family, const char *given, const char *particle,
			const char *suffix, const char *literal)
{
	struct name n;
	assert_true(name_split(in, &n));
	const char *want[] = {family, given, particle, suffix, literal};
	const char *got[] = {n.family, n.given, n.particle, n.suffix, n.literal};
	for (int i = 0; i < 5; i++) {
		if (!strcmp(want[i], NUL)) {
			if (got[i]) fail_msg("%s: part %d is '%s', expected none", in, i, got[i]);
		} else {
			if (!got[i] || strcmp(got[i], want[i]))
				fail_msg("%s: part %d is '%s', expected '%s'", in, i, got[i] ? got[i] : "(none)",
					 want[i]);
		}
	}
	name_free(&n);
}

static void test_names(void **state)
{
	(void)state;
	/*          input                     family       given            particle  suffix  literal */
	expect_name("Ada Brook", "Brook", "Ada", NUL, NUL, NUL);
	expect_name("  Tomás   Ruiz ", "Ruiz", "Tomás", NUL, NUL, NUL);
	expect_name("By Kari Olsen", "Olsen", "Kari", NUL, NUL, NUL);
	expect_name("Brook, Ada", "Brook", "Ada", NUL, NUL, NUL);
	expect_name("Anne-Marie Le Pen", "Pen", "Anne-Marie Le", NUL, NUL, NUL); /* capital Le stays */
	expect_name("Vincent van Gogh", "Gogh", "Vincent", "van", NUL, NUL);
	expect_name("Ludwig van der Berg", "Berg", "Ludwig", "van der", NUL, NUL);
	expect_name("van Gogh, Vincent", "Gogh", "Vincent", "van", NUL, NUL);
	expect_name("Charles de Gaulle", "Gaulle", "Charles", "de", NUL, NUL);
	expect_name("de Gaulle", "Gaulle", NUL, "de", NUL, NUL);
	expect_name("Martin Luther King Jr.", "King", "Martin Luther", NUL, "Jr.", NUL);
	expect_name("Martin Luther King, Jr.", "King", "Martin Luther", NUL, "Jr.", NUL);
	expect_name("King, Jr., Martin Luther", "King", "Martin Luther", NUL, "Jr.", NUL);
	expect_name("John Smith III", "Smith", "John", NUL, "III", NUL);
	expect_name("Zoë Marchetti-Ørsted", "Marchetti-Ørsted", "Zoë", NUL, NUL, NUL);
	/* organisations and what cannot be split: literal, as written */
	expect_name("Reuters", NUL, NUL, NUL, NUL, "Reuters");
	expect_name("Reuters Staff", NUL, NUL, NUL, NUL, "Reuters Staff");
	expect_name("The Editorial Board", NUL, NUL, NUL, NUL, "The Editorial Board");
	expect_name("Northline Wire Desk", NUL, NUL, NUL, NUL, "Northline Wire Desk");
	expect_name("Ministry of Defence", NUL, NUL, NUL, NUL, "Ministry of Defence");
	expect_name("Smith and Sons", NUL, NUL, NUL, NUL, "Smith and Sons");
	expect_name("AT&T Press Office", NUL, NUL, NUL, NUL, "AT&T Press Office");
	expect_name("Team 42", NUL, NUL, NUL, NUL, "Team 42");
	expect_name("東京新聞", NUL, NUL, NUL, NUL, "東京新聞");
	expect_name("{Barnes and Noble Review}", NUL, NUL, NUL, NUL, "Barnes and Noble Review");
	expect_name("a b c d e f g", NUL, NUL, NUL, NUL, "a b c d e f g");
	struct name n;
	assert_false(name_split("   ", &n));
	assert_false(name_split(NULL, &n));
	assert_null(n.family);
	assert_true(name_split("Olena Kovalenko", &n));
	assert_string_equal(name_key_part(&n), "Kovalenko");
	name_free(&n);
	name_free(NULL);
}

static void set_article(struct article *a, const char *id, const char *title, int date,
			const char *author, const char *source)
{
	memset(a, 0, sizeof *a);
	a->id = strdup(id);
	a->title = strdup(title);
	a->date = date;
	if (author) strlist_push(&a->authors, author);
	if (source) a->source = strdup(source);
}

static void test_keys(void **state)
{
	(void)state;
	struct collection c = {0};
	c.items = calloc(8, sizeof *c.items);
	c.n = 8;
	set_article(&c.items[0], "b/second", "The Patriot battery reaches Kharkiv", 20240620, "Ada Brook", NULL);
	set_article(&c.items[1], "a/first", "A Patriot battery for Kyiv", 20240301, "Ada Brook", NULL);
	set_article(&c.items[2], "c/third", "Patriot: the third one", 20241101, "Brook, Ada", NULL);
	set_article(&c.items[3], "d/accents", "Ölpreis steigt – „Krise“", 20230105, "Zoë Ærøskøbing-Łódź", NULL);
	set_article(&c.items[4], "e/org", "Of the U.S. and its allies", 0, "The Editorial Board", NULL);
	set_article(&c.items[5], "f/none", "東京の会議", 20220101, NULL, "Northline Wire");
	set_article(&c.items[6], "g/cjk", "東京の会議", 20220101, "王小明", NULL);
	/* a base that equals another key with a letter appended */
	set_article(&c.items[7], "h/clash", "Patriota", 20240101, "Ada Brook", NULL);
	char *k = citekey_base(&c.items[3]);
	assert_string_equal(k, "aeroskobinglodz2023olpreis");
	free(k);
	k = citekey_base(&c.items[4]);
	assert_string_equal(k, "editorialndits"); /* no date; of, the, u, s, and skipped */
	free(k);
	k = citekey_base(&c.items[5]);
	assert_string_equal(k, "northline2022"); /* the source when no author; a CJK title adds nothing */
	free(k);
	k = citekey_base(&c.items[6]);
	assert_string_equal(k, "anon2022");
	free(k);

	struct citekeys ck;
	citekeys_build(&ck, &c);
	/* same base: the earliest keeps it, then letters; never someone else's key */
	assert_string_equal(citekeys_get(&ck, 1), "brook2024patriot");
	assert_string_equal(citekeys_get(&ck, 0), "brook2024patriotb"); /* ...a is h/clash's base */
	assert_string_equal(citekeys_get(&ck, 2), "brook2024patriotc");
	assert_string_equal(citekeys_get(&ck, 7), "brook2024patriota");
	assert_null(citekeys_get(&ck, 8));
	for (size_t i = 0; i < c.n; i++)
		for (size_t j = i + 1; j < c.n; j++) assert_string_not_equal(ck.keys[i], ck.keys[j]);
	for (size_t i = 0; i < c.n; i++)
		for (const char *p = ck.keys[i]; *p; p++)
			assert_true((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'));
	/* the same collection gives the same keys */
	struct citekeys again;
	citekeys_build(&again, &c);
	for (size_t i = 0; i < c.n; i++) assert_string_equal(ck.keys[i], again.keys[i]);
	citekeys_free(&again);
	citekeys_free(&ck);
	for (size_t i = 0; i < c.n; i++) article_free(&c.items[i]);
	free(c.items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_keys),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
