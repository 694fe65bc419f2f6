/* SPDX-License-Identifier: MIT
 * A loading thread reads every file into one kept buffer
 * (article_load_file_stat's reuse): each article, its body and its cache
 * record must be what a fresh buffer a file gives, whatever came before
 * it in the buffer — a long file then short ones, front matter, web
 * pages (their own buffer), unreadable and empty files, real text. */
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

#include "core/base/diag.h"
#include "core/base/strbuf.h"
#include "core/meta/article.h"
#include "core/meta/article_load.h"
#include "core/meta/fieldmap.h"
#include "core/meta/metablob.h"
#include "testfiles.h"

static uint64_t rng = 0x2545F4914F6CDD1Dull;
static unsigned rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

static const char *const words[] = {
	"harbour ", "the council\xE2\x80\x99s ", "\xE2\x80\x9Cquoted\xE2\x80\x9D ", "\xE2\x80\x94 ",
	"Z\xC3\xBCrich ", "\xE6\x9D\xB1\xE4\xBA\xAC ", "\xF0\x9F\x91\x8D ", "e\xCC\x81t\xC3\xA9 ", "\n\n",
	"*emphasis* ", "[a link](https://example.org) ", "caf\xC3\xA9 ",
};

/* One file's text: front matter or not, n bytes of body or so. */
static void make_text(struct strbuf *t, int kind, size_t n)
{
	strbuf_reset(t);
	if (kind == 1)
		strbuf_addf(t, "---\ntitle: \xE2\x80\x9CNumber %u\xE2\x80\x9D \xE2\x80\x94 Gen\xC3\xA8ve\n"
			       "tags: [port, \xE6\x9D\xB1\xE4\xBA\xAC, caf\xC3\xA9]\ndate: 2024-03-0%u\n---\n",
			    rnd(1000), 1 + rnd(9));
	if (kind == 2) strbuf_adds(t, "---\ntitle: never closed\n");
	size_t start = t->len;
	while (t->len - start < n) strbuf_adds(t, words[rnd(12)]);
}

/* Everything one load of rel gave, as text: the cache record (every
 * field of the article), the body, the messages. */
static void load_dump(const char *root, const char *rel, const struct fieldmap *fm,
		      struct article_readbuf *reuse, struct strbuf *out)
{
	struct article a;
	struct diag_list dl = DIAG_LIST_INIT;
	const char *body;
	size_t blen;
	char *buf = (char *)"not set";
	struct stat st;
	article_load_file_stat(&a, root, rel, fm, &dl, &body, &blen, &buf, &st, reuse);
	if (reuse && buf) assert_non_null(strstr(rel, ".html")); /* a page: its own buffer */
	if (reuse && !buf && body) assert_true(body >= reuse->p && body + blen < reuse->p + reuse->cap);
	strbuf_reset(out);
	metablob_encode(out, &a, root, &dl, 0);
	strbuf_addf(out, "|flags %u|body %zu|", (unsigned)a.flags, blen);
	if (body) strbuf_add(out, body, blen);
	for (size_t i = 0; i < dl.n; i++) strbuf_addf(out, "|%s", dl.items[i].msg);
	article_free(&a);
	free(buf);
	diag_list_free(&dl);
}

static void test_reused_buffer_loads_the_same(void **state)
{
	(void)state;
	char tmpl[] = "/tmp/dossier-loadreuse.XXXXXX", root[256];
	testfiles_collection_dir(tmpl, root, sizeof root);
	struct fieldmap fm;
	fieldmap_init_default(&fm);
	struct strbuf t = STRBUF_INIT, fresh = STRBUF_INIT, kept = STRBUF_INIT;
	struct article_readbuf reuse = {NULL, 0};
	size_t grown = 0;
	for (int r = 0; r < 400; r++) {
		/* sizes from empty to past the first buffer (16 KiB), long
		 * then short so a short file lands on a long one's bytes */
		size_t n = r % 7 == 0 ? 20000 + rnd(60000) : r % 11 == 3 ? 0 : rnd(3000);
		char rel[64];
		const char *what;
		int kind = rnd(3);
		if (r % 13 == 5) {
			snprintf(rel, sizeof rel, "p%d.html", r);
			strbuf_reset(&t);
			strbuf_addf(&t, "<html><head><title>Page %d \xE2\x80\x94 caf\xC3\xA9</title></head>"
					"<body><article><p>", r);
			for (size_t k = 0; k < n / 20; k++) strbuf_adds(&t, words[rnd(8)]);
			strbuf_adds(&t, "</p></article></body></html>\n");
			what = "page";
		} else {
			snprintf(rel, sizeof rel, "a%d.md", r);
			make_text(&t, kind, n);
			what = "text";
		}
		if (r % 17 != 9) testfiles_write(root, rel, t.buf ? t.buf : "", t.len);
		size_t cap = reuse.cap;
		load_dump(root, rel, &fm, NULL, &fresh);
		load_dump(root, rel, &fm, &reuse, &kept);
		grown += reuse.cap > cap;
		if (fresh.len != kept.len || memcmp(fresh.buf, kept.buf, fresh.len) != 0)
			fail_msg("%s %s (%zu bytes): the kept buffer loads differently", what, rel, t.len);
	}
	assert_true(grown >= 2 && grown < 40); /* grown now and then, not per file */
	free(reuse.p);
	strbuf_free(&t);
	strbuf_free(&fresh);
	strbuf_free(&kept);
	fieldmap_free(&fm);
	testfiles_remove(tmpl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reused_buffer_loads_the_same),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
