/* SPDX-License-Identifier: MIT
 * `dossier import`: raw text files in, front-matter articles out, with a
 * line per file saying what was found and what was removed. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/cli.h"
#include "core/fsutil.h"
#include "core/import.h"
#include "core/strbuf.h"
#include "core/utf8.h"
#include "core/util.h"
#include "core/topics.h"
#include "core/vocab.h"

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

static int import_one(struct cli_ctx *cx, const char *file, const char *into,
		      const struct boilerplate *bp, const struct vocab *v, const char *source,
		      bool verbose)
{
	struct diag_list dl = DIAG_LIST_INIT;
	struct import_result r;
	size_t len, olen;
	char *text = slurp(file, &len), *written = NULL;

	if (!text) {
		cli_error(cx, "%s: %s", file, errno == EFBIG ? "file too big to import" : strerror(errno));
		return -1;
	}
	if (memchr(text, '\0', len)) {
		cli_error(cx, "%s: binary file, not imported", file);
		free(text);
		return -1;
	}
	int rc = import_parse(text, len, bp, v, source, file, &r, &dl);
	free(text);
	if (rc < 0) {
		cli_print_diags(cx, &dl);
		return -1;
	}
	const char *from = strcmp(file, "-") == 0 ? NULL : base_name(file);
	char *out = import_render(&r, from, &olen), *stem = import_slug(r.title, 60);
	rc = import_write(into, stem, out, olen, &written, &dl);
	if (rc == 0) {
		char *t = printable(cx, r.title), *f = printable(cx, file), *w = printable(cx, base_name(written));
		char date[48] = "no date";
		if (r.date) snprintf(date, sizeof date, "date %04d-%02d-%02d", r.date / 10000, r.date / 100 % 100, r.date % 100);
		fprintf(cx->out, "imported %s -> %s (title \"%s\", %s, %zu tag%s, %zu line%s removed)\n",
			f, w, t, date, r.tags.n, r.tags.n == 1 ? "" : "s", r.nremoved,
			r.nremoved == 1 ? "" : "s");
		for (size_t i = 0; verbose && i < r.nremoved; i++) {
			char *rt = printable(cx, r.removed[i].text), *why = printable(cx, r.removed[i].why);
			fprintf(cx->out, "  removed line %d: %s  [%s]\n", r.removed[i].line, rt, why);
			free(rt);
			free(why);
		}
		free(t);
		free(f);
		free(w);
	}
	cli_print_diags(cx, &dl);
	free(written);
	free(out);
	free(stem);
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
	const char *into = cli_arg(args, "into"), *source = cli_arg(args, "source");
	bool verbose = cli_flag(args, "verbose");
	int rc = EXIT_OK;

	if (args->argc < 1) {
		cli_error(cx, "import: no files given (usage: dossier import [--into DIR] [--source NAME] [--topics FILE] [-v] FILE...)");
		return EXIT_USAGE;
	}
	if (into) {
		int e = fsutil_mkdir_p(into, 0777); /* --into DIR is created when missing */
		if (e) {
			cli_error(cx, "import: %s: %s", into, strerror(e));
			return EXIT_PROBLEM;
		}
	} else {
		/* the collection (--corpus, else the config's): said, never silent */
		into = cx->corpus ? cx->corpus : ".";
		char *abs = realpath(into, NULL), *shown = printable(cx, abs ? abs : into);
		cli_error(cx, "import: no --into given; writing into the collection folder %s", shown);
		free(shown);
		free(abs);
	}
	struct stat st;
	if (stat(into, &st) < 0 || !S_ISDIR(st.st_mode)) {
		cli_error(cx, "import: %s: not a folder", into);
		return EXIT_PROBLEM;
	}
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
			return EXIT_PROBLEM;
		}
	}
	for (int a = 0; a < args->argc; a++)
		if (import_one(cx, args->argv[a], into, bp, own ? own : cx->vocab, source, verbose) < 0)
			rc = EXIT_PROBLEM;
	vocab_free(own);
	boilerplate_free(bp);
	return rc;
}
