/* SPDX-License-Identifier: MIT
 * `dossier import`: web pages, RSS/Atom feeds and raw text in, front-matter
 * articles out, with a line per article saying what was found (and, for
 * text, what was removed); duplicates of what the folder holds skipped. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/cli/cli.h"
#include "core/base/fsutil.h"
#include "core/base/date.h"
#include "core/import/feed.h"
#include "core/import/import.h"
#include "core/import/import_seen.h"
#include "core/import/import_web.h"
#include "core/base/strbuf.h"
#include "core/text/utf8.h"
#include "core/base/util.h"
#include "core/collection/topics.h"
#include "core/collection/vocab.h"

#define IMPORT_MAX_BYTES (16u << 20)

/* Read a whole file (or stdin for "-"); NULL with errno, EFBIG when too big. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	struct strbuf sb = STRBUF_INIT;
	char buf[65536];
	size_t n;
	int err = 0;

	if (!f) return NULL;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) {
		strbuf_add(&sb, buf, n);
		if (sb.len > IMPORT_MAX_BYTES) {
			err = EFBIG;
			break;
		}
	}
	if (!err && ferror(f)) err = errno ? errno : EIO;
	if (f != stdin) fclose(f);
	if (err) {
		strbuf_free(&sb);
		errno = err;
		return NULL;
	}
	*len = sb.len;
	if (!sb.buf) return xstrdup("");
	return strbuf_steal(&sb);
}

/* Terminal-safe copy for the report: controls, C1 and bidi controls shown
 * as placeholders, invalid bytes repaired (the rendering policy). */
static char *printable(const struct cli_ctx *cx, const char *s)
{
	struct strbuf sb = STRBUF_INIT;
	s = s ? s : "";
	utf8_display_fit(&sb, s, strlen(s), 100000, cx->display_flags);
	return sb.buf ? strbuf_steal(&sb) : xstrdup("");
}

static const char *base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* The command's settings, shared by every file. */
struct import_opts {
	const char *into, *source, *url, *tags[CLI_MAX_REPEATS];
	size_t ntags;
	int date;
	bool verbose, force;
	const struct boilerplate *bp;
	const struct vocab *v;
	struct import_seen seen;
};

/* Write one result (the options' fields over it) unless it duplicates an
 * article already there. label names it in the report ("feed.xml#3"). */
static int write_result(struct cli_ctx *cx, struct import_opts *o, struct import_result *r,
			const char *file, const char *label)
{
	if (o->source) free(r->source), r->source = xstrdup(o->source);
	if (o->url) free(r->url), r->url = xstrdup(o->url);
	if (o->date) r->date = o->date;
	for (size_t i = 0; i < o->ntags; i++)
		if (!strlist_has(&r->tags, o->tags[i])) strlist_push(&r->tags, o->tags[i]);
	const char *why, *dup = o->force ? NULL : import_seen_find(&o->seen, r->url, r->body, &why);
	if (dup) {
		char *f = printable(cx, label), *d = printable(cx, dup);
		fprintf(cx->out, "skipped %s: duplicate of %s (same %s; --force imports it)\n", f, d, why);
		free(f);
		free(d);
		return 0;
	}
	struct diag_list dl = DIAG_LIST_INIT;
	size_t olen;
	char *written = NULL;
	const char *from = strcmp(file, "-") == 0 ? NULL : base_name(file);
	char *out = import_render(r, from, &olen), *stem = import_slug(r->title, 60);
	int rc = import_write(o->into, stem, out, olen, &written, &dl);
	if (rc == 0) {
		char *t = printable(cx, r->title), *f = printable(cx, label), *w = printable(cx, base_name(written));
		char date[48] = "no date";
		if (r->date) snprintf(date, sizeof date, "date %04d-%02d-%02d", r->date / 10000, r->date / 100 % 100, r->date % 100);
		fprintf(cx->out, "imported %s -> %s (title \"%s\", %s, %zu tag%s, %zu line%s removed)\n",
			f, w, t, date, (size_t)r->tags.n, r->tags.n == 1 ? "" : "s", r->nremoved,
			r->nremoved == 1 ? "" : "s");
		for (size_t i = 0; o->verbose && i < r->nremoved; i++) {
			char *rt = printable(cx, r->removed[i].text), *why2 = printable(cx, r->removed[i].why);
			fprintf(cx->out, "  removed line %d: %s  [%s]\n", r->removed[i].line, rt, why2);
			free(rt);
			free(why2);
		}
		free(t);
		free(f);
		free(w);
		import_seen_add(&o->seen, r->url, r->body, written);
	}
	cli_print_diags(cx, &dl);
	free(written);
	free(out);
	free(stem);
	return rc;
}

/* Every item of a feed, one article each. */
static int import_feed(struct cli_ctx *cx, struct import_opts *o, const char *file, const char *text,
		       size_t len)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct feed f;
	int rc = feed_read(text, len, file, &f, &dl);
	cli_print_diags(cx, &dl);
	if (rc < 0) return -1;
	if (o->url && f.n > 1) {
		cli_error(cx, "%s: --url names one article; this feed has %zu", file, f.n);
		feed_free(&f);
		return -1;
	}
	for (size_t i = 0; i < f.n; i++) {
		struct import_result r;
		import_from_item(&f, &f.items[i], &r);
		struct strbuf label = STRBUF_INIT;
		strbuf_addf(&label, "%s:%d", file, f.items[i].line);
		if (write_result(cx, o, &r, file, label.buf) < 0) rc = -1;
		strbuf_free(&label);
		import_result_free(&r);
	}
	if (f.n == 0) fprintf(cx->out, "%s: a feed with no items; nothing imported\n", file);
	feed_free(&f);
	return rc;
}

static int import_one(struct cli_ctx *cx, struct import_opts *o, const char *file)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct import_result r;
	size_t len;
	char *text = slurp(file, &len);

	if (!text) {
		cli_error(cx, "%s: %s", file, errno == EFBIG ? "file too big to import" : strerror(errno));
		return -1;
	}
	if (memchr(text, '\0', len)) {
		cli_error(cx, "%s: binary file, not imported", file);
		free(text);
		return -1;
	}
	int rc;
	switch (import_kind_of(strcmp(file, "-") ? file : NULL, text, len)) {
	case IMPORT_FEED:
		rc = import_feed(cx, o, file, text, len);
		free(text);
		return rc;
	case IMPORT_HTML:
		rc = import_from_page(text, len, file, cx->fieldmap, &r, &dl);
		break;
	default:
		rc = import_parse(text, len, o->bp, o->v, o->source, file, &r, &dl);
		break;
	}
	free(text);
	cli_print_diags(cx, &dl);
	if (rc < 0) return -1;
	rc = write_result(cx, o, &r, file, file);
	import_result_free(&r);
	return rc;
}

/* The shipped YAML, then the user's file over it; problems make the run
 * fail (exit 1) after importing, so they are not missed. */
static void load_boilerplate(struct cli_ctx *cx, struct boilerplate *into, const char *shipped,
			     const char *shipped_name, const char *user, int *rc)
{
	struct diag_list dl = DIAG_LIST_INIT;
	if (shipped) boilerplate_load(into, shipped, strlen(shipped), shipped_name, &dl);
	if (user) {
		size_t len;
		char *text = slurp(user, &len);
		if (!text) {
			cli_error(cx, "%s: %s", user, strerror(errno));
			*rc = EXIT_PROBLEM;
		} else {
			boilerplate_load(into, text, len, user, &dl);
			free(text);
		}
	}
	if (dl.n) *rc = EXIT_PROBLEM;
	cli_print_diags(cx, &dl);
}

int cli_import(struct cli_ctx *cx, const struct cli_args *args)
{
	struct import_opts o = {
		.into = cli_arg(args, "into"), .source = cli_arg(args, "source"),
		.url = cli_arg(args, "url"), .verbose = cli_flag(args, "verbose"),
		.force = cli_flag(args, "force"), .v = cx->vocab,
	};
	o.ntags = cli_arg_all(args, "tag", o.tags);
	int rc = EXIT_OK;

	if (args->argc < 1) {
		cli_error(cx, "import: no files given (usage: dossier import [--into DIR] [--source NAME] "
			      "[--url URL] [--date DATE] [--tag TAG] [--topics FILE] [--force] [-v] FILE...)");
		return EXIT_USAGE;
	}
	const char *date = cli_arg(args, "date");
	if (date && (!date_parse(date, &o.date) || o.date % 100 == 0)) {
		cli_error(cx, "import: --date %s: not a date (YYYY-MM-DD)", date);
		return EXIT_USAGE;
	}
	if (o.url && args->argc > 1) {
		cli_error(cx, "import: --url names one article; %d files given", args->argc);
		return EXIT_USAGE;
	}
	if (o.into) {
		int e = fsutil_mkdir_p(o.into, 0777); /* --into DIR is created when missing */
		if (e) {
			cli_error(cx, "import: %s: %s", o.into, strerror(e));
			return EXIT_PROBLEM;
		}
	} else {
		/* the collection (--corpus, else the config's): said, never silent */
		o.into = cx->corpus ? cx->corpus : ".";
		char *abs = realpath(o.into, NULL), *shown = printable(cx, abs ? abs : o.into);
		cli_error(cx, "import: no --into given; writing into the collection folder %s", shown);
		free(shown);
		free(abs);
	}
	struct stat st;
	if (stat(o.into, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_error(cx, "import: %s: not a folder", o.into);
		return EXIT_PROBLEM;
	}
	if (!o.force) import_seen_scan(&o.seen, o.into, cx->fieldmap);
	struct boilerplate *bp = boilerplate_new();
	load_boilerplate(cx, bp, cx->boilerplate_yaml, "config/boilerplate.yaml",
		    cx->boilerplate_path, &rc);
	/* --topics: the vocabulary for these articles' tags, else the collection's */
	const char *topics = cli_arg(args, "topics");
	struct vocab *own = NULL;
	if (topics) {
		struct diag_list dl = DIAG_LIST_INIT;
		own = topics_open_spec(topics, cx->topics_lib, cx->ntopics_lib, &dl);
		cli_print_diags(cx, &dl);
		if (!own) {
			boilerplate_free(bp);
			import_seen_free(&o.seen);
			return EXIT_PROBLEM;
		}
		o.v = own;
	}
	o.bp = bp;
	for (int a = 0; a < args->argc; a++)
		if (import_one(cx, &o, args->argv[a]) < 0) rc = EXIT_PROBLEM;
	vocab_free(own);
	boilerplate_free(bp);
	import_seen_free(&o.seen);
	return rc;
}
