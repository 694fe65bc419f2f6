/* SPDX-License-Identifier: MIT
 * Fuzz the front-matter splitter and the metadata reader as the loader uses
 * them: split the file head, read the block (YAML, TOML or JSON) through
 * the default field map; also feed the whole input as a sidecar would be,
 * and as TOML; and what was read (the URL) and the input's bytes (as a
 * file name) to the date guesses the loader falls back on. */
#include "tests/fuzz/fuzz.h"

#include "core/meta/article.h"
#include "core/base/diag.h"
#include "core/meta/fieldmap.h"
#include "core/meta/date_guess.h"
#include "core/meta/frontmatter.h"

static struct fieldmap fm;
static int fm_ready;

/* A guessed date is 0 or a valid day of the years date_guess.h allows. */
static void guessed(int d)
{
	if (!d) return;
	FUZZ_CHECK(d / 10000 >= DATE_GUESS_YEAR_MIN && d / 10000 <= DATE_GUESS_YEAR_MAX);
	FUZZ_CHECK(d / 100 % 100 >= 1 && d / 100 % 100 <= 12 && d % 100 >= 1 && d % 100 <= 31);
}

static void read_one(enum fm_syntax syn, const char *yaml, size_t len, int line_base, int col)
{
	struct article a;
	memset(&a, 0, sizeof a);
	a.id = strdup("fuzz");
	a.path = strdup("fuzz.md");
	struct diag_list dl = DIAG_LIST_INIT;
	bool read = frontmatter_read_as(&a, syn, yaml, len, a.path, line_base, col, &fm, &dl);
	FUZZ_CHECK(read || (syn == FM_JSON && dl.n > 0));
	for (size_t i = 0; i < dl.n; i++) {
		char *s = diag_format(&dl.items[i]);
		FUZZ_CHECK(s != NULL);
		/* Messages quote hostile values: nothing raw may reach stderr. */
		for (const unsigned char *p = (const unsigned char *)s; *p; p++)
			FUZZ_CHECK(*p >= 0x20 && *p != 0x7f);
		free(s);
	}
	for (size_t i = 0; i < a.tags.n; i++)
		FUZZ_CHECK(a.tags.v[i] != NULL);
	for (size_t i = 0; i < a.nextra; i++)
		FUZZ_CHECK(a.extra[i].key && a.extra[i].value);
	if (a.date)
		FUZZ_CHECK(a.date >= 101 && a.date <= 99991231);
	/* the loader's fallbacks when no date was read: a hostile URL value,
	 * and the input's own bytes as a file name */
	guessed(date_from_url(a.url));
	char *name = strndup(yaml, len < 256 ? len : 256);
	guessed(date_from_name(name));
	free(name);
	diag_list_free(&dl);
	article_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fm_ready) {
		fieldmap_init_default(&fm);
		fm_ready = 1;
	}
	const char *buf = (const char *)data;
	struct fm_split sp;
	frontmatter_split(buf, size, &sp);
	FUZZ_CHECK(sp.bom == 0 || sp.bom == 3);
	FUZZ_CHECK(!(sp.found && sp.unterminated));
	if (sp.found) {
		FUZZ_CHECK(sp.yaml_off >= sp.bom);
		FUZZ_CHECK(sp.yaml_off + sp.yaml_len <= size);
		FUZZ_CHECK(sp.body_off >= sp.yaml_off + sp.yaml_len && sp.body_off <= size);
		FUZZ_CHECK(sp.yaml_len <= FRONTMATTER_MAX);
		FUZZ_CHECK(sp.body_line >= 2);
		FUZZ_CHECK(sp.syntax != FM_JSON || (buf[sp.yaml_off] == '{' &&
						       buf[sp.yaml_off + sp.yaml_len - 1] == '}'));
		read_one(sp.syntax, buf + sp.yaml_off, sp.yaml_len, sp.yaml_line, sp.open_col);
	}
	/* A sidecar is YAML from its first byte; cap it as the loader does.
	 * The same bytes as TOML too (tomltree has its own target as well). */
	if (size <= FRONTMATTER_MAX) {
		read_one(FM_YAML, buf, size, 1, 1);
		read_one(FM_TOML, buf, size, 1, 1);
	}
	return 0;
}
