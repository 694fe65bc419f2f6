/* SPDX-License-Identifier: MIT
 * The panes driven through their ops with a hand-built struct pane_ctx and
 * no struct tui (issue 18): what a pane sees is the context, what it does
 * goes through the context's services (message sink, marks) or comes back
 * as a request (ctx.open), and a change is told through ops->changed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "core/collection/dossier.h"
#include "core/base/strbuf.h"
#include "tui/pane.h"
#include "tui/pane_text.h"

/* What the fake reader behind the services saw. */
struct host {
	struct strbuf msg;
	bool msg_error;
	int marks_added;
	bool read[8];
};

static void fake_message(void *h, bool error, const char *text)
{
	struct host *x = h;
	strbuf_reset(&x->msg);
	strbuf_adds(&x->msg, text);
	x->msg_error = error;
}

static enum pane_mark_result fake_mark_add(void *h, const struct mark *m)
{
	(void)m;
	((struct host *)h)->marks_added++;
	return PANE_MARK_DONE;
}

static size_t fake_mark_count(void *h, size_t art)
{
	(void)art;
	return (size_t)((struct host *)h)->marks_added;
}

static bool fake_is_read(void *h, const struct article *a, size_t art)
{
	(void)a;
	return art < 8 && ((struct host *)h)->read[art];
}

static const struct pane_services fake_services = {
	.message = fake_message,
	.mark_add = fake_mark_add,
};

struct fixture {
	struct dossier d;
	size_t order[8];
	struct host host;
	struct pane_ctx c;
	struct grid g;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof *f);
	if (!f || dossier_open(&f->d, "tests/data/find", NULL, NULL, NULL, NULL) != 0) return -1;
	for (size_t i = 0; i < f->d.coll.n && i < 8; i++) f->order[i] = i;
	f->host.read[0] = true;
	f->c = (struct pane_ctx){
		.coll = &f->d.coll,
		.tags = &f->d.tags,
		.order = f->order,
		.norder = f->d.coll.n,
		.cur = -1,
		.loaded = true,
		.rs = {fake_is_read, NULL, &f->host},
		.marks = {fake_mark_count, &f->host},
		.svc = &fake_services,
		.host = &f->host,
		.open = -1,
	};
	grid_init(&f->g, 0);
	grid_resize(&f->g, 12, 60);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	grid_free(&f->g);
	dossier_close(&f->d);
	strbuf_free(&f->host.msg);
	free(f);
	return 0;
}

/* Row row of the grid as text, trailing blanks dropped. */
static const char *row_text(struct grid *g, int row)
{
	static char buf[512];
	size_t n = 0;
	for (int col = 0; col < g->cols; col++) {
		const struct cell *c = grid_at(g, row, col);
		if (!c->width) continue;
		if (n + c->len + 1 < sizeof buf) memcpy(buf + n, c->text, c->len), n += c->len;
	}
	while (n && buf[n - 1] == ' ') n--;
	buf[n] = '\0';
	return buf;
}

static void test_list_open_is_a_request(void **state)
{
	struct fixture *f = *state;
	struct pane p = {.ops = &pane_list_ops};
	struct rect r = {0, 0, 12, 60};
	pane_draw(&p, &f->c, &f->g, r, true);
	assert_string_equal(row_text(&f->g, 0), "> Articles 1/5");
	/* article 0 is read (no dot), the others are not */
	assert_non_null(strstr(row_text(&f->g, 1), f->d.coll.items[0].title));
	assert_memory_equal(row_text(&f->g, 1), "  ", 2);
	assert_memory_equal(row_text(&f->g, 2), "\xe2\x80\xa2 ", 4);
	struct rect cr = pane_content(r);
	assert_int_equal(p.ops->handle(&p, &f->c, ACT_MOVE_DOWN, cr), R_DRAW_LIST | R_DRAW_STATUS);
	assert_int_equal(f->c.open, -1);
	/* Enter opens nothing itself: it asks the reader for article 1 */
	assert_int_equal(p.ops->handle(&p, &f->c, ACT_OPEN, cr), R_NONE);
	assert_int_equal(f->c.open, 1);
	/* told that article 1 is open, the list selects its row */
	p.sel = 3;
	f->c.cur = 1;
	p.ops->changed(&p, &f->c, PANE_ARTICLE_CHANGED);
	assert_int_equal(p.sel, 1);
	p.ops->free(&p);
}

static void test_text_marks_through_services(void **state)
{
	struct fixture *f = *state;
	struct pane p = {.ops = &pane_text_ops};
	struct rect r = {0, 0, 12, 60}, cr = pane_content(r);
	f->c.cur = 0;
	pane_draw(&p, &f->c, &f->g, r, true);
	const struct article *a = &f->d.coll.items[0];
	assert_non_null(strstr(row_text(&f->g, 1), a->title));
	/* the cursor starts on the first line of text: m marks its paragraph
	 * through the service, and the sink hears about it */
	assert_int_equal(p.ops->handle(&p, &f->c, ACT_MARK, cr) & R_DRAW_TEXT, R_DRAW_TEXT);
	assert_int_equal(f->host.marks_added, 1);
	assert_memory_equal(strbuf_str(&f->host.msg), "Marked ", 7);
	assert_non_null(strstr(strbuf_str(&f->host.msg), "(1 in this article)"));
	size_t cp;
	assert_true(pane_text_position(&p, 0, &cp));
	assert_false(pane_text_position(&p, 1, &cp)); /* not the article shown */
	/* a new article: the pane forgets the old one */
	f->c.cur = 1;
	p.ops->changed(&p, &f->c, PANE_ARTICLE_CHANGED);
	assert_false(pane_text_position(&p, 1, &cp));
	pane_draw(&p, &f->c, &f->g, r, true);
	assert_non_null(strstr(row_text(&f->g, 1), f->d.coll.items[1].title));
	p.ops->free(&p);
}

/* No article open, an empty list: the text pane says why from ctx.filter. */
static void test_text_empty_hint(void **state)
{
	struct fixture *f = *state;
	struct pane p = {.ops = &pane_text_ops};
	struct rect r = {0, 0, 12, 60};
	f->c.norder = 0;
	f->c.filter = "tag:nothing";
	pane_draw(&p, &f->c, &f->g, r, false);
	assert_string_equal(row_text(&f->g, 1), " No article matches the filter; F clears it.");
	f->c.filter = NULL;
	pane_draw(&p, &f->c, &f->g, r, false);
	assert_string_equal(row_text(&f->g, 1), " No articles in this collection.");
	p.ops->free(&p);
}

/* Until the signatures are in, the related pane ranks by tags and says
 * so; once they are, it ranks again by content without being told. */
static void test_related_while_signing(void **state)
{
	struct fixture *f = *state;
	struct pane p = {.ops = &pane_related_ops};
	struct rect r = {0, 0, 12, 60};
	f->c.cur = 0;
	f->c.sim_pending = true;
	p.ops->changed(&p, &f->c, PANE_ARTICLE_CHANGED);
	struct strbuf info = STRBUF_INIT;
	p.ops->title_info(&p, &f->c, &info);
	assert_non_null(strstr(strbuf_str(&info), "by tags; reading texts"));
	dossier_sign(&f->d, false, NULL);
	f->c.sim = &f->d.sim;
	f->c.sim_pending = false;
	pane_draw(&p, &f->c, &f->g, r, false);
	strbuf_reset(&info);
	p.ops->title_info(&p, &f->c, &info);
	assert_null(strstr(strbuf_str(&info), "reading texts"));
	strbuf_free(&info);
	p.ops->free(&p);
	f->c.sim = NULL;
}

/* A near-duplicate group's row shows its count; an open group's copy is
 * drawn under it, indented. */
static void test_list_folded_row(void **state)
{
	struct fixture *f = *state;
	struct pane p = {.ops = &pane_list_ops};
	struct rect r = {0, 0, 12, 60};
	uint32_t group[8] = {0}, count[2] = {0, 2};
	unsigned char open[2] = {0, 0};
	group[1] = group[2] = 1;
	size_t folded[] = {0, 1, 3};
	f->c.order = folded;
	f->c.norder = 3;
	f->c.group = group;
	f->c.group_n = count;
	f->c.group_open = open;
	pane_draw(&p, &f->c, &f->g, r, false); /* row 0: the title bar */
	assert_non_null(strstr(row_text(&f->g, 2), "(2) "));
	assert_null(strstr(row_text(&f->g, 1), "(2) "));
	assert_null(strstr(row_text(&f->g, 3), "(2) "));
	size_t shown[] = {0, 1, 2, 3};
	open[1] = 1;
	f->c.order = shown;
	f->c.norder = 4;
	pane_draw(&p, &f->c, &f->g, r, false);
	assert_non_null(strstr(row_text(&f->g, 2), "(2) "));
	assert_non_null(strstr(row_text(&f->g, 3), "\xe2\x94\x94 ")); /* └ */
	f->c.group = NULL;
	f->c.order = f->order;
	f->c.norder = f->d.coll.n;
	p.ops->free(&p);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_list_open_is_a_request, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_marks_through_services, setup, teardown),
		cmocka_unit_test_setup_teardown(test_text_empty_hint, setup, teardown),
		cmocka_unit_test_setup_teardown(test_related_while_signing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_list_folded_row, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
