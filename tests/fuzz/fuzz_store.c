/* SPDX-License-Identifier: MIT
 * Fuzz the state-file reader: the input is the state file. store_open must
 * never crash (a corrupt file is a diag, never NULL); what it kept must save
 * and read back cleanly, with the same marks. The fast reader of the
 * written shape (store_fast.c) takes only what libyaml reads cleanly, and
 * reads it the same. */
#include "tests/fuzz/fuzz.h"

#include "core/base/diag.h"
#include "core/state/marks.h"
#include "core/state/store.h"
#include "core/state/store_file.h"

/* Fast and libyaml readings agree wherever the fast one takes the text. */
static void check_fast(const uint8_t *data, size_t size)
{
	struct store_data slow = {0}, fast = {0};
	struct diag_list dl = DIAG_LIST_INIT;
	enum store_file_status st = store_file_parse("f", (const char *)data, size, &slow, &dl, false);
	if (store_fast_read((const char *)data, size, &fast)) {
		FUZZ_CHECK(st == STORE_FILE_OK && dl.n == 0);
		FUZZ_CHECK(slow.narts == fast.narts && slow.nmarks == fast.nmarks);
		for (size_t i = 0; i < slow.narts; i++)
			FUZZ_CHECK(!strcmp(slow.arts[i].id, fast.arts[i].id) &&
				   slow.arts[i].read == fast.arts[i].read &&
				   slow.arts[i].has_pos == fast.arts[i].has_pos &&
				   slow.arts[i].pos == fast.arts[i].pos);
		struct strbuf a = STRBUF_INIT, b = STRBUF_INIT;
		store_file_format(&slow, &a);
		store_file_format(&fast, &b);
		FUZZ_CHECK(a.len == b.len && !memcmp(a.buf, b.buf, a.len));
		strbuf_free(&a);
		strbuf_free(&b);
	}
	store_data_free(&slow);
	store_data_free(&fast);
	diag_list_free(&dl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_fast(data, size);
	const char *path = fuzz_write_file("state.yaml", data, size);
	char saved_path[512];
	snprintf(saved_path, sizeof saved_path, "%s", path);
	struct diag_list dl = DIAG_LIST_INIT;
	struct store *s = store_open(saved_path, &dl);
	FUZZ_CHECK(s != NULL);
	size_t n = store_mark_count(s);
	const struct mark *m = store_marks(s);
	for (size_t i = 0; i < n; i++) {
		FUZZ_CHECK(m[i].article && m[i].text);
		FUZZ_CHECK(m[i].start <= m[i].end);
		if (i)
			FUZZ_CHECK(mark_cmp(&m[i - 1], &m[i]) <= 0);
		const struct mark *first;
		size_t k = store_marks_for(s, m[i].article, &first);
		FUZZ_CHECK(k >= 1);
		(void)store_is_read(s, m[i].article);
	}
	for (size_t i = 0; i < dl.n; i++)
		free(diag_format(&dl.items[i]));
	diag_list_free(&dl);

	/* Save what was kept (plus one change) and read it back. */
	store_set_read(s, "fuzz/probe", true);
	int rc = store_save(s, &dl);
	if (rc != 0)
		for (size_t i = 0; i < dl.n; i++)
			fprintf(stderr, "save: %s\n", dl.items[i].msg);
	FUZZ_CHECK(rc == 0);
	diag_list_free(&dl);
	store_free(s);

	s = store_open(saved_path, &dl);
	for (size_t i = 0; i < dl.n; i++)
		fprintf(stderr, "reread: %s:%d:%d: %s\n", dl.items[i].path, dl.items[i].line,
			dl.items[i].col, dl.items[i].msg);
	FUZZ_CHECK(dl.n == 0);
	FUZZ_CHECK(store_mark_count(s) == n);
	FUZZ_CHECK(store_is_read(s, "fuzz/probe"));
	store_free(s);
	diag_list_free(&dl);
	fuzz_dir_clear(); /* corrupt copies, lock file */
	return 0;
}
