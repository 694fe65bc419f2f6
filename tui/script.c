/* SPDX-License-Identifier: MIT
 * Tokenizer for headless key scripts (see script.h). Keys go through
 * keymap_parse, the same parser the config uses, so a script exercises the
 * real notation. */
#include "tui/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"

int script_open(struct script *s, const char *path, struct diag_list *diags)
{
	memset(s, 0, sizeof *s);
	s->path = xstrdup(path);
	s->line = 1;
	s->col = 1;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!f) {
		diag_add(diags, DIAG_ERROR, path, 0, 0, "cannot open script: %s", strerror(errno));
		return -1;
	}
	struct strbuf sb = STRBUF_INIT;
	char buf[4096];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, f)) > 0) strbuf_add(&sb, buf, n);
	if (f != stdin) fclose(f);
	s->len = sb.len;
	s->text = sb.len ? strbuf_steal(&sb) : xstrdup("");
	strbuf_free(&sb);
	return 0;
}

void script_free(struct script *s)
{
	free(s->path);
	free(s->text);
	memset(s, 0, sizeof *s);
}

static void advance(struct script *s, size_t n)
{
	for (size_t i = 0; i < n && s->pos < s->len; i++) {
		if (s->text[s->pos++] == '\n') {
			s->line++;
			s->col = 1;
		} else {
			s->col++;
		}
	}
}

static bool parse_size(const char *a, int *rows, int *cols)
{
	int c, r;
	char x;
	return sscanf(a, "%d%c%d", &c, &x, &r) == 3 && x == 'x' && c >= 0 && r >= 0 &&
	       c <= 1000 && r <= 1000 && (*cols = c, *rows = r, true);
}

/* The next blank-separated word on the current line, or "" at its end. */
static void word(struct script *s, char *out, size_t cap)
{
	while (s->pos < s->len && (s->text[s->pos] == ' ' || s->text[s->pos] == '\t')) advance(s, 1);
	size_t n = 0;
	while (s->pos < s->len && !strchr(" \t\r\n", s->text[s->pos])) {
		if (n + 1 < cap) out[n++] = s->text[s->pos];
		advance(s, 1);
	}
	out[n] = '\0';
}

/* A command and its arguments (a fixed number per command), so several
 * commands and keys can share a line. */
static struct script_item command(struct script *s, int line, int col, struct diag_list *diags)
{
	struct script_item it = {0};
	char name[32], a1[32] = "", a2[32] = "", a3[32] = "";
	word(s, name, sizeof name);
	if (strcmp(name, ":dump") == 0) {
		size_t save = s->pos;
		int sl = s->line, scol = s->col;
		word(s, a1, sizeof a1);
		it.styles = strcmp(a1, "styles") == 0;
		if (!it.styles) s->pos = save, s->line = sl, s->col = scol;
		it.kind = SCRIPT_DUMP;
		return it;
	}
	if (strcmp(name, ":resize") == 0) {
		word(s, a1, sizeof a1);
		if (parse_size(a1, &it.rows, &it.cols)) {
			it.kind = SCRIPT_RESIZE;
			return it;
		}
	} else if (strcmp(name, ":click") == 0 || strcmp(name, ":drag") == 0 ||
		   strcmp(name, ":release") == 0) {
		/* :click is the press; a drag is :click, :drag..., :release */
		word(s, a1, sizeof a1);
		word(s, a2, sizeof a2);
		it.kind = SCRIPT_KEY;
		it.key = (struct key){.code = K_MOUSE, .y = atoi(a1), .x = atoi(a2),
				      .button = name[1] == 'c' ? MOUSE_CLICK
					      : name[1] == 'd' ? MOUSE_DRAG : MOUSE_RELEASE};
		if (*a2) return it;
	} else if (strcmp(name, ":batch") == 0) {
		it.kind = SCRIPT_BATCH;
		return it;
	} else if (strcmp(name, ":batches") == 0) {
		word(s, a1, sizeof a1);
		char *end;
		long n = strtol(a1, &end, 10);
		it.kind = SCRIPT_BATCHES;
		it.batch = (size_t)n;
		if (*a1 && !*end && n >= 1 && n <= 1000000) return it;
	} else if (strcmp(name, ":wheel") == 0) {
		word(s, a1, sizeof a1);
		word(s, a2, sizeof a2);
		word(s, a3, sizeof a3);
		it.kind = SCRIPT_KEY;
		it.key = (struct key){.code = K_MOUSE, .y = atoi(a2), .x = atoi(a3),
				      .button = a1[0] == 'u' ? MOUSE_WHEEL_UP : MOUSE_WHEEL_DOWN};
		if (*a3 && (strcmp(a1, "up") == 0 || strcmp(a1, "down") == 0)) return it;
	}
	diag_add(diags, DIAG_ERROR, s->path, line, col,
		 "bad script command '%s %s%s%s' (:dump [styles], :resize WxH, :click R C, "
		 ":drag R C, :release R C, :wheel up|down R C, :batches N, :batch)", name, a1, *a2 ? " " : "", a2);
	it.kind = SCRIPT_ERROR;
	return it;
}

struct script_item script_next(struct script *s, struct diag_list *diags)
{
	struct script_item it = {0};
	for (;;) {
		while (s->pos < s->len && strchr(" \t\r\n", s->text[s->pos])) advance(s, 1);
		if (s->pos >= s->len) return it; /* SCRIPT_END */
		/* '#' and ':' are special only where a token starts, so keys
		 * such as "tag:x" or "a#b" typed into a prompt stay keys */
		bool token_start = s->pos == 0 || strchr(" \t\r\n", s->text[s->pos - 1]);
		if (token_start && s->text[s->pos] == '#') {
			while (s->pos < s->len && s->text[s->pos] != '\n') advance(s, 1);
			continue;
		}
		break;
	}
	int line = s->line, col = s->col;
	bool token_start = s->pos == 0 || strchr(" \t\r\n", s->text[s->pos - 1]);
	if (token_start && s->text[s->pos] == ':' && s->pos + 1 < s->len && s->text[s->pos + 1] >= 'a' &&
	    s->text[s->pos + 1] <= 'z')
		return command(s, line, col, diags);
	/* one key of a token: a token "jjj" yields three keys in turn */
	size_t e = s->pos;
	while (e < s->len && !strchr(" \t\r\n", s->text[e])) e++;
	char *tok = xstrndup(s->text + s->pos, e - s->pos);
	const char *err;
	size_t used = keymap_parse(tok, &it.key, &err);
	if (used == 0) {
		diag_add(diags, DIAG_ERROR, s->path, line, col, "bad key '%s': %s", tok, err);
		advance(s, e - s->pos);
		it.kind = SCRIPT_ERROR;
	} else {
		advance(s, used);
		it.kind = SCRIPT_KEY;
	}
	free(tok);
	return it;
}
