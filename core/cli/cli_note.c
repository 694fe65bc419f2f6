/* SPDX-License-Identifier: MIT
 * `dossier note ID START END [--tag T]... [--untag T]... [TEXT | -]`: the
 * note and mark tags of an existing mark, for scripts. START END are the
 * offsets `dossier marks` prints (where the passage is now) or the ones
 * it was marked with, so a mark can be named either way. */
#include "core/cli/cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/text/article_text.h"
#include "core/state/marks.h"
#include "core/state/store.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

#define NOTE_MAX_BYTES (1u << 20)

/* The stored mark of article art at start..end: stored offsets first, then
 * where each mark is now. NULL when none. Borrowed from st. */
static const struct mark *find_mark(struct cli_ctx *cx, const struct store *st, long art, size_t start,
				    size_t end)
{
	const struct article *a = &cx->d.coll.items[art];
	const struct mark *first;
	size_t n = store_marks_for(st, a->id, &first);
	for (size_t i = 0; i < n; i++)
		if (first[i].start == start && first[i].end == end) return &first[i];
	struct diag_list dl = DIAG_LIST_INIT;
	size_t len = 0;
	char *raw = NULL;
	struct render_doc *doc = n ? article_text_load_raw(a, &raw, &len, &dl) : NULL;
	diag_list_free(&dl);
	const struct mark *found = NULL;
	for (size_t i = 0; doc && i < n && !found; i++) {
		struct mark_anchor an = article_text_anchor(&first[i], doc, raw, len);
		if (an.status != MARK_ORPHANED && an.start == start && an.end == end) found = &first[i];
	}
	render_doc_free(doc);
	free(raw);
	return found;
}

/* The note from stdin ("-"): trailing newlines dropped. NULL when too big. */
static char *read_stdin(void)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t k;
	while ((k = fread(buf, 1, sizeof buf, stdin)) > 0) {
		strbuf_add(&sb, buf, k);
		if (sb.len > NOTE_MAX_BYTES) {
			strbuf_free(&sb);
			return NULL;
		}
	}
	while (sb.len && (sb.buf[sb.len - 1] == '\n' || sb.buf[sb.len - 1] == '\r')) sb.buf[--sb.len] = '\0';
	strbuf_addc(&sb, '\0');
	return strbuf_steal(&sb);
}

int cli_note(struct cli_ctx *cx, const struct cli_args *args)
{
	const char *add[CLI_MAX_REPEATS], *del[CLI_MAX_REPEATS];
	size_t nadd = cli_arg_all(args, "tag", add), ndel = cli_arg_all(args, "untag", del);
	const char *const *pos = (const char *const *)args->argv;
	int npos = args->argc, rc = EXIT_OK;
	bool bad = npos > 4;
	size_t start = 0, end = 0;
	if (bad || npos < 3 || (npos == 3 && !nadd && !ndel)) {
		cli_error(cx, "usage: dossier note ID START END [--tag TAG]... [--untag TAG]... [TEXT | -]");
		rc = EXIT_USAGE;
	} else if (!util_parse_size(pos[1], &start) || !util_parse_size(pos[2], &end)) {
		cli_error(cx, "note: START and END must be whole numbers (as 'dossier marks' prints them)");
		rc = EXIT_USAGE;
	}
	char *note = NULL;
	if (rc == EXIT_OK && npos == 4) {
		note = strcmp(pos[3], "-") ? xstrdup(pos[3]) : read_stdin();
		if (!note) {
			cli_error(cx, "note: the note on standard input is over %u bytes", NOTE_MAX_BYTES);
			rc = EXIT_USAGE;
		}
	}
	struct store *st = NULL;
	long art = -1;
	if (rc == EXIT_OK && cli_load(cx) < 0) rc = EXIT_PROBLEM;
	if (rc == EXIT_OK && (art = cli_find_article(cx, pos[0])) < 0) rc = EXIT_PROBLEM;
	if (rc == EXIT_OK && !(st = cli_store_open(cx))) rc = EXIT_PROBLEM;
	const struct mark *m = rc == EXIT_OK ? find_mark(cx, st, art, start, end) : NULL;
	if (rc == EXIT_OK && !m) {
		cli_error(cx, "note: '%s' has no mark at %zu..%zu (see dossier marks %s)", pos[0], start, end,
			  pos[0]);
		rc = EXIT_PROBLEM;
	}
	if (rc == EXIT_OK) {
		struct mark copy; /* m points into the store, which the change may move */
		mark_copy(&copy, m);
		struct diag_list dl = DIAG_LIST_INIT;
		if (!cli_mark_annotate(cx, st, &copy, note, npos == 4, add, nadd, del, ndel)) rc = EXIT_USAGE;
		else if (store_save(st, &dl) < 0) rc = EXIT_PROBLEM;
		cli_print_diags(cx, &dl);
		mark_free(&copy);
	}
	store_free(st);
	free(note);
	return rc;
}
