/* SPDX-License-Identifier: MIT
 * topics suggest: names and terms from a collection's text, spellings
 * grouped (case, accents, hyphens, transliteration), parts of longer names
 * and sentence-initial words left out, the cap kept, and YAML that reads
 * back as a vocabulary. Texts are our own. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/topics_suggest.h"
#include "core/base/util.h"

static const char *const docs[] = {
	"The Harbour Board met in Zürich on Monday. Officials from Kyiv came too.",
	"Repairs at the quay: the Harbour Board blamed the crane. See https://example.org/Kyiv/x.html",
	"A visit to Kiev by the Harbour Board was planned; the e-mail said so.",
	"Engineers from Kyiv praised the ferry ramps at Zurich harbour.",
	"The mayor of Zurich and the Harbour Board signed it. Leap day came.",
	"Ferries run late. The email from the board was short; a leap of faith.",
	"In the end the Harbour Board said nothing about Kyiv.",
};

static const struct topic_suggestion *find(const struct topic_suggestion *v, size_t n, const char *tag)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].tag, tag) == 0) return &v[i];
	return NULL;
}

static void test_suggest(void **state)
{
	(void)state;
	struct topics_suggester *s = topics_suggester_new();
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
		topics_suggester_add(s, NULL, docs[i], strlen(docs[i]));
	struct topic_suggestion *v;
	size_t n = topics_suggester_finish(s, 300, &v);
	topics_suggester_free(s);
	const struct topic_suggestion *hb = find(v, n, "harbour-board");
	assert_non_null(hb);
	assert_string_equal(hb->label, "Harbour Board");
	assert_int_equal(hb->articles, 5);
	assert_ptr_equal(hb, &v[0]); /* the best first */
	const struct topic_suggestion *k = find(v, n, "kyiv");
	assert_non_null(k);
	assert_int_equal(k->match.n, 2); /* Kyiv and Kiev, one entry */
	assert_string_equal(k->match.v[0], "Kyiv");
	assert_string_equal(k->match.v[1], "Kiev");
	assert_int_equal(k->articles, 4); /* not the URL */
	const struct topic_suggestion *z = find(v, n, "zurich");
	if (!z) z = find(v, n, "zürich");
	assert_non_null(z);
	assert_int_equal(z->match.n, 2);
	assert_null(find(v, n, "harbour")); /* part of Harbour Board */
	assert_null(find(v, n, "board"));
	assert_null(find(v, n, "the"));
	assert_null(find(v, n, "repairs")); /* capitalised at a sentence start only */
	/* the YAML reads back as a vocabulary of the same entries */
	struct strbuf y = STRBUF_INIT;
	topics_suggestions_yaml(v, n, "test\nheader", &y);
	assert_non_null(strstr(y.buf, "# test\n# header\n"));
	struct vocab *voc = vocab_new();
	struct diag_list dl = DIAG_LIST_INIT;
	assert_int_equal(vocab_load(voc, y.buf, y.len, "s.yaml", &dl), 0);
	assert_int_equal(dl.n, 0);
	assert_int_equal(vocab_count(voc), n);
	vocab_free(voc);
	strbuf_free(&y);
	topics_suggestions_free(v, n);
}

/* Many names: at most max come back, best first. */
static void test_cap(void **state)
{
	(void)state;
	struct topics_suggester *s = topics_suggester_new();
	char text[200];
	for (int d = 0; d < 40; d++) {
		struct strbuf sb = STRBUF_INIT;
		for (int w = 0; w < 30; w++) {
			snprintf(text, sizeof text, "we met Name%c%c Person today. ", 'a' + w % 26, 'a' + (w + d % 3) % 26);
			strbuf_adds(&sb, text);
		}
		topics_suggester_add(s, NULL, sb.buf, sb.len);
		strbuf_free(&sb);
	}
	struct topic_suggestion *v;
	size_t n = topics_suggester_finish(s, 7, &v);
	topics_suggester_free(s);
	assert_int_equal(n, 7);
	for (size_t i = 1; i < n; i++) assert_true(v[i - 1].score >= v[i].score);
	topics_suggestions_free(v, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
