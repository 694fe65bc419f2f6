/* SPDX-License-Identifier: MIT
 * Front matter splitting and metadata mapping, including the hostile YAML
 * cases of TESTING.md's hostile-input checklist (aliases, depth,
 * duplicates, wrong types, bad UTF-8). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/meta/frontmatter.h"
#include "core/meta/yamltree.h"
#include "core/base/strbuf.h"

static void split(const char *s, struct fm_split *sp) { frontmatter_split(s, strlen(s), sp); }

static void test_split_basic(void **st)
{
	(void)st;
	struct fm_split sp;
	const char *s = "---\ntitle: x\n---\nbody\n";
	split(s, &sp);
	assert_true(sp.found);
	assert_int_equal(sp.yaml_off, 4);
	assert_int_equal(sp.yaml_len, 9);
	assert_string_equal(s + sp.body_off, "body\n");
	assert_int_equal(sp.body_line, 4);
}

static void test_split_variants(void **st)
{
	(void)st;
	struct fm_split sp;
	split("no front matter\n---\nx\n---\n", &sp); /* checklist 1 + 7 */
	assert_false(sp.found);
	assert_false(sp.unterminated);
	split("---\ntitle: x\n...\nbody", &sp); /* 3: closer "..." */
	assert_true(sp.found);
	split("---  \t\ntitle: x\n---  \nbody", &sp); /* 4: trailing blanks */
	assert_true(sp.found);
	split("----\ntitle: x\n---\n", &sp); /* 4: not openers */
	assert_false(sp.found);
	split(" ---\ntitle: x\n---\n", &sp);
	assert_false(sp.found);
	split("---yaml\ntitle: x\n---\n", &sp);
	assert_false(sp.found);
	split("\xEF\xBB\xBF---\r\ntitle: x\r\n---\r\nbody", &sp); /* 5 + 6 */
	assert_true(sp.found);
	assert_int_equal(sp.bom, 3);
	assert_int_equal(sp.body_line, 4);
	split("---\rtitle: x\r---\rbody", &sp); /* 6: CR only */
	assert_true(sp.found);
	split("---\ntitle: x\nno closer\n", &sp); /* 2 */
	assert_false(sp.found);
	assert_true(sp.unterminated);
	split("---\n---\nbody\n---\nmore\n---\n", &sp); /* 7: only the first block */
	assert_true(sp.found);
	assert_int_equal(sp.yaml_len, 0);
	assert_int_equal(sp.body_line, 3);
}

/* Issue 19: blank lines before the opener (Hugo reads such front matter;
 * a real Hugo site had 6 files so) are skipped; front matter of other
 * generators is recognised for the loader to report, with its position. */
static void test_split_generators(void **st)
{
	(void)st;
	struct fm_split sp;
	const char *s = "\n  \n\t\n---\ntitle: x\n---\nbody\n";
	split(s, &sp);
	assert_true(sp.found);
	assert_int_equal(sp.open_line, 4);
	assert_int_equal(sp.yaml_line, 5);
	assert_string_equal(s + sp.yaml_off, "title: x\n---\nbody\n");
	assert_string_equal(s + sp.body_off, "body\n");
	assert_int_equal(sp.body_line, 7);
	assert_int_equal(sp.other, FM_OTHER_NONE);
	split("\xEF\xBB\xBF\r\n\r\n---\r\nslug: a\r\n---\r\nbody", &sp); /* BOM, CRLF */
	assert_true(sp.found);
	assert_int_equal(sp.bom, 3);
	assert_int_equal(sp.yaml_line, 4);
	assert_int_equal(sp.body_line, 6);
	split("\r\r---\rtitle: x\r---\r", &sp); /* CR only */
	assert_true(sp.found);
	assert_int_equal(sp.yaml_line, 4);
	split("\n\n", &sp); /* only blank lines */
	assert_false(sp.found);
	assert_false(sp.unterminated);
	split("\n\n---\ntitle: x\n", &sp); /* no closer: malformed, at its line */
	assert_true(sp.unterminated);
	assert_int_equal(sp.open_line, 3);
	split("\n+++\ntitle = \"x\"\n+++\nbody\n", &sp); /* TOML, read as YAML is */
	assert_true(sp.found);
	assert_int_equal(sp.syntax, FM_TOML);
	assert_int_equal(sp.other, FM_OTHER_NONE);
	assert_int_equal(sp.open_line, 2);
	assert_int_equal(sp.open_col, 1);
	split("{\n  \"title\": \"x\"\n}\nbody\n", &sp);
	assert_true(sp.found);
	assert_int_equal(sp.syntax, FM_JSON);
	assert_int_equal(sp.open_line, 1);
	split("\n  +++\ntitle = 1\n+++\n", &sp);
	assert_false(sp.found);
	assert_int_equal(sp.other, FM_OTHER_INDENTED_TOML);
	assert_int_equal(sp.open_col, 3);
	split("\n  ---\ntitle: x\n---\n", &sp); /* HOSTILE 4: not an opener, but said */
	assert_false(sp.found);
	assert_int_equal(sp.other, FM_OTHER_INDENTED);
	assert_int_equal(sp.open_line, 2);
	assert_int_equal(sp.open_col, 3);
	split("Title line\n---\nx: y\n---\n", &sp); /* text first: nothing to say */
	assert_false(sp.found);
	assert_int_equal(sp.other, FM_OTHER_NONE);
	split("+++ not a fence\n", &sp);
	assert_int_equal(sp.other, FM_OTHER_NONE);
}

static void test_split_cap(void **st)
{
	(void)st;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "---\n");
	while (sb.len < FRONTMATTER_MAX + 100) strbuf_adds(&sb, "k: vvvvvvvvvvvvvvvv\n");
	strbuf_adds(&sb, "---\nbody\n");
	struct fm_split sp;
	frontmatter_split(sb.buf, sb.len, &sp);
	assert_false(sp.found); /* 11: over the cap, never parsed */
	assert_true(sp.unterminated);
	strbuf_free(&sb);
}

struct parsed {
	struct article a;
	struct diag_list dl;
	struct fieldmap fm;
};

static void parse(struct parsed *p, const char *yaml)
{
	memset(p, 0, sizeof *p);
	fieldmap_init_default(&p->fm);
	frontmatter_read(&p->a, yaml, strlen(yaml), "t.md", 2, &p->fm, &p->dl);
}

static void done(struct parsed *p)
{
	article_free(&p->a);
	diag_list_free(&p->dl);
	fieldmap_free(&p->fm);
}

static void assert_diag(const struct parsed *p, size_t i, const char *want)
{
	assert_true(i < p->dl.n);
	char *s = diag_format(&p->dl.items[i]);
	assert_string_equal(s, want);
	free(s);
}

/* Keys match whatever their case: short ASCII ones folded on the stack,
 * others (non-ASCII, 64 bytes and longer) by utf8_fold; an unknown key is
 * kept folded. */
/* Line ends found 16 bytes at a time (line_len): a key line of every
 * length around the 16-byte steps, ended by LF, CRLF or a lone CR, the
 * fences' lines likewise; where the YAML and the body start must not
 * move. */
static void test_split_line_ends(void **st)
{
	(void)st;
	static const char *const eols[] = {"\n", "\r\n", "\r"};
	char buf[200];
	for (size_t e = 0; e < 3; e++)
		for (size_t len = 0; len < 50; len++) {
			const char *eol = eols[e];
			size_t el = strlen(eol), n = 0;
			memcpy(buf + n, "---", 3), n += 3;
			memcpy(buf + n, eol, el), n += el;
			size_t yaml_off = n;
			memcpy(buf + n, "k: ", 3), n += 3;
			memset(buf + n, 'x', len), n += len;
			memcpy(buf + n, eol, el), n += el;
			size_t yaml_len = n - yaml_off;
			memcpy(buf + n, "---", 3), n += 3;
			memcpy(buf + n, eol, el), n += el;
			size_t body_off = n;
			memcpy(buf + n, "body text", 10), n += 9;
			struct fm_split sp;
			frontmatter_split(buf, n, &sp);
			assert_true(sp.found);
			assert_int_equal(sp.yaml_off, yaml_off);
			assert_int_equal(sp.yaml_len, yaml_len);
			assert_int_equal(sp.body_off, body_off);
			assert_int_equal(sp.body_line, 4);
			/* the closer cut short: no closing fence */
			frontmatter_split(buf, body_off - el - 1, &sp);
			assert_false(sp.found);
		}
}

static void test_key_case(void **st)
{
	(void)st;
	struct parsed p;
	char k63[64], k64[65], yaml[512];
	memset(k63, 'K', 63), k63[63] = '\0';
	memset(k64, 'Q', 64), k64[64] = '\0';
	snprintf(yaml, sizeof yaml,
		 "TITLE: Upper\nTags: [Caf\xC3\xA9]\nDaTe: 2024-06-20\n"
		 "\xC3\x9C" "ber-\xD0\x9A\xD0\xBB\xD1\x8E\xD1\x87: \xE2\x80\x9Cv\xE2\x80\x9D\n"
		 "%s: sixty-three\n%s: sixty-four\n", k63, k64);
	parse(&p, yaml);
	assert_int_equal(p.dl.n, 0);
	assert_string_equal(p.a.title, "Upper");
	assert_int_equal(p.a.date, 20240620);
	assert_int_equal(p.a.tags.n, 1);
	assert_string_equal(p.a.tags.v[0], "caf\xC3\xA9");
	assert_string_equal(article_get_extra(&p.a, "\xC3\xBC" "ber-\xD0\xBA\xD0\xBB\xD1\x8E\xD1\x87"),
			    "\xE2\x80\x9Cv\xE2\x80\x9D");
	for (int i = 0; i < 63; i++) k63[i] = 'k';
	for (int i = 0; i < 64; i++) k64[i] = 'q';
	assert_string_equal(article_get_extra(&p.a, k63), "sixty-three");
	assert_string_equal(article_get_extra(&p.a, k64), "sixty-four");
	done(&p);
}

static void test_fields(void **st)
{
	(void)st;
	struct parsed p;
	parse(&p, "title: T\ndate: 2024-06-20T08:30:00Z\nsite: S\nlink: U\nauthor: A\n"
		  "categories: [One, Two Words]\nkeywords: three, weapons/ATACMS\n"
		  "description: D\neditor: Quist\nExtra Key: [a, b]\n");
	assert_int_equal(p.dl.n, 0);
	assert_string_equal(p.a.title, "T");
	assert_int_equal(p.a.date, 20240620);
	assert_string_equal(p.a.source, "S");
	assert_string_equal(p.a.url, "U");
	assert_string_equal(p.a.summary, "D");
	assert_int_equal(p.a.authors.n, 1);
	assert_int_equal(p.a.tags.n, 4);
	assert_string_equal(p.a.tags.v[1], "two-words");
	assert_string_equal(p.a.tags.v[3], "weapons/atacms");
	assert_string_equal(article_get_extra(&p.a, "editor"), "Quist");
	assert_string_equal(article_get_extra(&p.a, "extra key"), "a, b");
	done(&p);
}

static void test_field_priority(void **st)
{
	(void)st;
	struct parsed p;
	/* "date" outranks "published" whatever the order; published: false is a flag */
	parse(&p, "published: 2020-01-01\ndate: 2024-02-03\n");
	assert_int_equal(p.a.date, 20240203);
	done(&p);
	parse(&p, "published: false\ntitle: Draft\n");
	assert_int_equal(p.dl.n, 0);
	assert_int_equal(p.a.date, 0);
	assert_string_equal(article_get_extra(&p.a, "published"), "false");
	done(&p);
	parse(&p, "date: 2019-05-22 10:00:00 +0200\n");
	assert_int_equal(p.a.date, 20190522);
	done(&p);
}

static void test_bad_types(void **st)
{
	(void)st;
	struct parsed p;
	parse(&p, "title: [a, b]\ntags: {a: 1}\ndate: 32/13/99\n? [a, b]\n: 1\nsource: {x: 1}\n");
	assert_null(p.a.title);
	assert_int_equal(p.a.tags.n, 0);
	assert_int_equal(p.a.date, 0);
	assert_diag(&p, 0, "t.md:2:8: warning: title: expected a string, got a list; ignored");
	assert_diag(&p, 1, "t.md:3:7: warning: tags: expected a list or a comma-separated string, got a mapping; ignored");
	assert_diag(&p, 2, "t.md:4:7: warning: date: cannot read '32/13/99' as a date (expected YYYY-MM-DD); ignored");
	assert_diag(&p, 3, "t.md:5:3: warning: a key must be a string, got a list; entry ignored");
	assert_diag(&p, 4, "t.md:7:9: warning: source: expected a string, got a mapping; ignored");
	assert_int_equal(p.dl.n, 5);
	done(&p);
	parse(&p, "tags: 5\ntitle: !!binary aGVsbG8=\nurl: !!python/object:os.system x\n");
	assert_int_equal(p.a.tags.n, 1); /* a number is used as a tag */
	assert_string_equal(p.a.title, "aGVsbG8="); /* tags are opaque strings */
	done(&p);
}

static void test_duplicates_first_wins(void **st)
{
	(void)st;
	struct parsed p;
	parse(&p, "title: One\ntitle: Two\n");
	assert_string_equal(p.a.title, "One");
	assert_diag(&p, 0, "t.md:3:1: warning: duplicate key 'title' (first at line 2); ignored");
	done(&p);
}

static void test_alias_bomb(void **st)
{
	(void)st;
	struct parsed p;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (char c = 'b'; c <= 'i'; c++)
		strbuf_addf(&sb, "%c: &%c [*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c,*%c]\n", c, c, c - 1, c - 1,
			    c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
	strbuf_adds(&sb, "title: after\n");
	parse(&p, sb.buf);
	assert_diag(&p, 0, "t.md:3:8: aliases not allowed in front matter");
	assert_int_equal(p.dl.n, 1);
	assert_null(p.a.title);
	done(&p);
	strbuf_free(&sb);
}

static void test_deep_nesting(void **st)
{
	(void)st;
	struct parsed p;
	struct strbuf sb = STRBUF_INIT;
	strbuf_adds(&sb, "title: ");
	for (int i = 0; i < 10000; i++) strbuf_addc(&sb, '[');
	parse(&p, sb.buf);
	assert_diag(&p, 0, "t.md:2:71: front matter nested too deeply (limit 64)");
	assert_int_equal(p.dl.n, 1);
	done(&p);
	strbuf_free(&sb);
}

static void test_invalid_utf8_and_controls(void **st)
{
	(void)st;
	struct parsed p;
	parse(&p, "title: caf\xC3 ok\ntags: [a]\n");
	assert_diag(&p, 0, "t.md:2:11: invalid UTF-8 (byte 0xC3); replaced with U+FFFD");
	assert_string_equal(p.a.title, "caf\xEF\xBF\xBD ok"); /* rest still read */
	assert_int_equal(p.a.tags.n, 1);
	done(&p);
	/* libyaml decodes escapes into raw controls: they stay data, never crash */
	parse(&p, "title: \"\\e]52;c;SGk=\\a\"\nsummary: \"a\\0b\"\n");
	assert_int_equal(p.dl.n, 0);
	assert_int_equal((unsigned char)p.a.title[0], 0x1b);
	done(&p);
}

static void test_second_document_and_undefined_alias(void **st)
{
	(void)st;
	struct parsed p;
	parse(&p, "title: a\n---\ntitle: b\n");
	assert_diag(&p, 0, "t.md:3:1: a second YAML document in front matter");
	assert_string_equal(p.a.title, "a");
	done(&p);
	parse(&p, "title: *nope\n");
	assert_int_equal(p.dl.n, 1);
	done(&p);
}

/* "+++" TOML (Hugo, Zola) and a JSON object (Hugo) are front
 * matter too: where each block and the body start. */
static void test_split_toml_json(void **st)
{
	(void)st;
	struct fm_split sp;
	const char *s = "+++\ntitle = \"x\"\n+++\nbody\n";
	split(s, &sp);
	assert_true(sp.found);
	assert_int_equal(sp.syntax, FM_TOML);
	assert_int_equal(sp.yaml_off, 4);
	assert_int_equal(sp.yaml_len, 12);
	assert_int_equal(sp.yaml_line, 2);
	assert_string_equal(s + sp.body_off, "body\n");
	assert_int_equal(sp.body_line, 4);
	split("\xEF\xBB\xBF+++ \t\r\na = 1\r\n+++  \r\nbody", &sp); /* BOM, CRLF, trailing blanks */
	assert_true(sp.found);
	assert_int_equal(sp.syntax, FM_TOML);
	assert_int_equal(sp.bom, 3);
	assert_int_equal(sp.body_line, 4);
	split("+++\na = 1\n---\nb = 2\n...\n+++\nbody", &sp); /* only "+++" closes TOML */
	assert_true(sp.found);
	assert_int_equal(sp.body_line, 7);
	split("---\na: 1\n+++\nb: 2\n---\nbody", &sp); /* and "+++" does not close YAML */
	assert_int_equal(sp.syntax, FM_YAML);
	assert_int_equal(sp.body_line, 6);
	split("+++\ntitle = \"x\"\nno closer\n", &sp);
	assert_false(sp.found);
	assert_true(sp.unterminated);
	assert_int_equal(sp.syntax, FM_TOML);
	assert_string_equal(frontmatter_closer(sp.syntax), "'+++'");
	split("++++\na = 1\n+++\n", &sp);
	assert_false(sp.found);
	assert_false(sp.unterminated);

	s = "{\n  \"title\": \"a } in a string\",\n  \"tags\": [\"x\"],\n  \"p\": {\"q\": 1}\n}\n\nbody\n";
	split(s, &sp);
	assert_true(sp.found);
	assert_int_equal(sp.syntax, FM_JSON);
	assert_int_equal(sp.yaml_off, 0);
	assert_int_equal(sp.yaml_len, strlen(s) - strlen("\n\nbody\n"));
	assert_int_equal(sp.yaml_line, 1);
	assert_string_equal(s + sp.body_off, "\nbody\n");
	assert_int_equal(sp.body_line, 6);
	s = "\n\xEF\xBB\xBF";
	split("\xEF\xBB\xBF\r\n  {\"title\": \"one line \\\" }\"}  \r\nbody", &sp); /* compact, indented */
	assert_true(sp.found);
	assert_int_equal(sp.syntax, FM_JSON);
	assert_int_equal(sp.yaml_off, 7);
	assert_int_equal(sp.yaml_line, 2);
	assert_int_equal(sp.open_col, 3);
	assert_int_equal(sp.body_line, 3);
	split("{ \"title\": \"x\" } and text\nmore\n", &sp); /* text after the '}' */
	assert_false(sp.found);
	assert_true(sp.unterminated);
	assert_int_equal(sp.syntax, FM_JSON);
	assert_string_equal(frontmatter_closer(sp.syntax), "'}' at a line end");
	split("{}\nbody\n", &sp); /* an empty object */
	assert_true(sp.found);
	assert_int_equal(sp.body_line, 2);
	split("{Draft} notes on the quay\nmore\n", &sp); /* a brace that starts text */
	assert_false(sp.found);
	assert_false(sp.unterminated);
	split("{{< figure src=\"/a.jpg\" >}}\nbody\n", &sp); /* a Hugo shortcode first */
	assert_false(sp.found);
	assert_false(sp.unterminated);
	assert_int_equal(sp.other, FM_OTHER_NONE);
	split("{\n\"a\": [1, 2}\n", &sp); /* a bracket left open */
	assert_false(sp.found);
	assert_true(sp.unterminated);
}

static void parse_as(struct parsed *p, enum fm_syntax syn, const char *text, int line)
{
	memset(p, 0, sizeof *p);
	fieldmap_init_default(&p->fm);
	assert_true(frontmatter_read_as(&p->a, syn, text, strlen(text), "t.md", line, 1, &p->fm, &p->dl));
}

/* A Zola post: title, an unquoted date-time, authors, tags from the
 * [taxonomies] table; unknown keys and tables kept as extras. */
static void test_toml_zola(void **st)
{
	(void)st;
	struct parsed p;
	parse_as(&p, FM_TOML,
		 "path = \"2025/06/26/Rust-1.88.0\"\n"
		 "title = \"Announcing Zoë’s “crate” — 東京\"\n"
		 "date = 2025-06-26T10:00:00Z\n"
		 "authors = [\"The Release Team\", 'Ana Núñez']\n"
		 "aliases = [\"releases/1.88.0\"]\n"
		 "\n[extra]\nrelease = true\n"
		 "\n[taxonomies]\ntags = [\"Compiler\", \"Air Defense\"]\ncategories = [\"news\"]\nseries = \"x\"\n",
		 2);
	assert_int_equal(p.dl.n, 0);
	assert_string_equal(p.a.title, "Announcing Zoë’s “crate” — 東京");
	assert_int_equal(p.a.date, 20250626);
	assert_int_equal(p.a.authors.n, 2);
	assert_string_equal(p.a.authors.v[1], "Ana Núñez");
	assert_int_equal(p.a.tags.n, 3);
	assert_string_equal(p.a.tags.v[0], "compiler");
	assert_string_equal(p.a.tags.v[1], "air-defense");
	assert_string_equal(p.a.tags.v[2], "news");
	assert_string_equal(article_get_extra(&p.a, "path"), "2025/06/26/Rust-1.88.0");
	assert_string_equal(article_get_extra(&p.a, "aliases"), "releases/1.88.0");
	assert_string_equal(article_get_extra(&p.a, "extra"), "release: true");
	assert_string_equal(article_get_extra(&p.a, "taxonomies"), "series: x"); /* what feeds no field */
	done(&p);
	/* a taxonomies table of only tags leaves no extra behind */
	parse_as(&p, FM_TOML, "[taxonomies]\ntags = [\"a\"]\n", 2);
	assert_int_equal(p.a.tags.n, 1);
	assert_null(article_get_extra(&p.a, "taxonomies"));
	done(&p);
	/* the dotted names are the field map's: replaced, they no longer feed tags */
	parse_as(&p, FM_TOML, "[taxonomies]\ntags = [\"a\"]\n", 2);
	done(&p);
	memset(&p, 0, sizeof p);
	fieldmap_init_default(&p.fm);
	const char *keys[] = {"tags", "extra.labels"};
	fieldmap_set(&p.fm, "tags", keys, 2);
	const char *t = "[taxonomies]\ntags = [\"a\"]\n[extra]\nlabels = \"b, c\"\n";
	frontmatter_read_as(&p.a, FM_TOML, t, strlen(t), "t.md", 2, 1, &p.fm, &p.dl);
	assert_int_equal(p.a.tags.n, 2);
	assert_string_equal(p.a.tags.v[0], "b");
	assert_string_equal(article_get_extra(&p.a, "taxonomies"), "tags: a");
	done(&p);
}

/* A Hugo post in TOML: a local date, tags and categories at the top,
 * a draft flag; errors at their place in the file. */
static void test_toml_hugo(void **st)
{
	(void)st;
	struct parsed p;
	parse_as(&p, FM_TOML,
		 "title = 'Night ferry &amp; the quay'\n"
		 "date = 2024-06-20\n"
		 "draft = false\n"
		 "tags = [\"Ferry\", \"harbour/night\"]\n"
		 "categories = [\"transport\"]\n"
		 "description = \"\"\"\nTwo lines\nof summary\"\"\"\n"
		 "author = \"Kim\"\n",
		 5);
	assert_int_equal(p.dl.n, 0);
	assert_string_equal(p.a.title, "Night ferry & the quay"); /* entities decoded, as for YAML */
	assert_int_equal(p.a.date, 20240620);
	assert_int_equal(p.a.tags.n, 3);
	assert_string_equal(p.a.tags.v[1], "harbour/night");
	assert_string_equal(p.a.summary, "Two lines\nof summary");
	assert_string_equal(p.a.authors.v[0], "Kim");
	assert_string_equal(article_get_extra(&p.a, "draft"), "false");
	done(&p);
	/* "1979-05-27 07:32:00Z" and an offset date-time are dates too */
	parse_as(&p, FM_TOML, "date = 1979-05-27 07:32:00Z\n", 2);
	assert_int_equal(p.a.date, 19790527);
	done(&p);
	parse_as(&p, FM_TOML, "date = 2019-05-22T10:00:00+02:00\n", 2);
	assert_int_equal(p.a.date, 20190522);
	done(&p);
	/* wrong types warned as for YAML; a syntax error keeps what was before it */
	parse_as(&p, FM_TOML, "title = [\"a\"]\nsource = \"Gazette\"\nurl = \"https://x\nlang = \"nl\"\n", 4);
	assert_diag(&p, 0, "t.md:6:17: TOML syntax error: unterminated string (expected '\"' before the line end)");
	assert_diag(&p, 1, "t.md:4:9: warning: title: expected a string, got a list; ignored");
	assert_int_equal(p.dl.n, 2);
	assert_string_equal(p.a.source, "Gazette");
	assert_null(p.a.url);
	assert_null(p.a.lang);
	done(&p);
	parse_as(&p, FM_TOML, "title = \"a\"\ntitle = \"b\"\n", 2);
	assert_diag(&p, 0, "t.md:3:1: warning: duplicate key 'title' (first at line 2); ignored");
	assert_int_equal(p.dl.n, 1);
	assert_string_equal(p.a.title, "a");
	done(&p);
	/* bad UTF-8 reported, then read repaired */
	parse_as(&p, FM_TOML, "title = \"caf\xE9\"\n", 2);
	assert_diag(&p, 0, "t.md:2:13: invalid UTF-8 (byte 0xE9); replaced with U+FFFD");
	assert_string_equal(p.a.title, "caf\xEF\xBF\xBD");
	done(&p);
}

static void test_json_front_matter(void **st)
{
	(void)st;
	struct parsed p;
	parse_as(&p, FM_JSON,
		 "{\n  \"title\": \"Préfecture “notes” 北京\",\n  \"date\": \"2024-03-05T09:00:00Z\",\n"
		 "  \"tags\": [\"Harbour\", \"night\"],\n  \"author\": {\"name\": \"Zoë\"},\n  \"draft\": true,\n"
		 "  \"weight\": 3,\n  \"title\": \"second\"\n}",
		 1);
	assert_string_equal(p.a.title, "Préfecture “notes” 北京");
	assert_int_equal(p.a.date, 20240305);
	assert_int_equal(p.a.tags.n, 2);
	assert_string_equal(p.a.authors.v[0], "Zoë");
	assert_string_equal(article_get_extra(&p.a, "draft"), "true");
	assert_string_equal(article_get_extra(&p.a, "weight"), "3");
	/* no positions in json_read: duplicates are placed at the brace */
	assert_diag(&p, 0, "t.md:1:1: warning: duplicate key 'title' (first at line 1); ignored");
	assert_int_equal(p.dl.n, 1);
	done(&p);
	memset(&p, 0, sizeof p);
	fieldmap_init_default(&p.fm);
	const char *bad = "{\n  \"title\": \"x\",\n}";
	assert_false(frontmatter_read_as(&p.a, FM_JSON, bad, strlen(bad), "t.md", 3, 2, &p.fm, &p.dl));
	assert_diag(&p, 0, "t.md:3:2: front matter: not a valid JSON object; read as text");
	assert_null(p.a.title);
	done(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_basic),
		cmocka_unit_test(test_split_line_ends),
		cmocka_unit_test(test_key_case),
		cmocka_unit_test(test_split_variants),
		cmocka_unit_test(test_split_generators),
		cmocka_unit_test(test_split_cap),
		cmocka_unit_test(test_split_toml_json),
		cmocka_unit_test(test_toml_zola),
		cmocka_unit_test(test_toml_hugo),
		cmocka_unit_test(test_json_front_matter),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_field_priority),
		cmocka_unit_test(test_bad_types),
		cmocka_unit_test(test_duplicates_first_wins),
		cmocka_unit_test(test_alias_bomb),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_invalid_utf8_and_controls),
		cmocka_unit_test(test_second_document_and_undefined_alias),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
