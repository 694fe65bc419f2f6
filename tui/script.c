/* SPDX-License-Identifier: MIT
 * Tokenizer for headless key scripts (see script.h). Keys go through
 * keymap_parse, the same parser the config uses, so a script exercises the
 * real notation. */
#include "tui/script.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/strbuf.h"
#include "core/util.h"

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

static struct script_item command(struct script *s, const char *cmd, int line, int col,
				  struct diag_list *diags)
{
	struct script_item it = {0};
	char name[32] = "", a1[32] = "", a2[32] = "", a3[32] = "";
	int n = sscanf(cmd, ":%31s %31s %31s %31s", name, a1, a2, a3);
	if (strcmp(name, "dump") == 0) {
		it.kind = SCRIPT_DUMP;
		it.styles = n >= 2 && strcmp(a1, "styles") == 0;
		return it;
	}
	if (strcmp(name, "resize") == 0 && n == 2 && parse_size(a1, &it.rows, &it.cols)) {
		it.kind = SCRIPT_RESIZE;
		return it;
	}
	if (strcmp(name, "click") == 0 && n == 3) {
		it.kind = SCRIPT_KEY;
		it.key = (struct key){.code = K_MOUSE, .y = atoi(a1), .x = atoi(a2),
				      .button = MOUSE_CLICK};
		return it;
	}
	if (strcmp(name, "wheel") == 0 && n == 4 &&
	    (strcmp(a1, "up") == 0 || strcmp(a1, "down") == 0)) {
		it.kind = SCRIPT_KEY;
		it.key = (struct key){.code = K_MOUSE, .y = atoi(a2), .x = atoi(a3),
				      .button = a1[0] == 'u' ? MOUSE_WHEEL_UP : MOUSE_WHEEL_DOWN};
		return it;
	}
	diag_add(diags, DIAG_ERROR, s->path, line, col,
		 "unknown script command '%s' (:dump [styles], :resize WxH, :click R C, "
		 ":wheel up|down R C)", cmd);
	it.kind = SCRIPT_ERROR;
	return it;
}

struct script_item script_next(struct script *s, struct diag_list *diags)
{
	struct script_item it = {0};
	for (;;) {
		while (s->pos < s->len && strchr(" \t\r\n", s->text[s->pos])) advance(s, 1);
		if (s->pos >= s->len) return it; /* SCRIPT_END */
		if (s->text[s->pos] == '#') {
			while (s->pos < s->len && s->text[s->pos] != '\n') advance(s, 1);
			continue;
		}
		break;
	}
	int line = s->line, col = s->col;
	if (s->text[s->pos] == ':') {
		size_t e = s->pos;
		while (e < s->len && s->text[e] != '\n') e++;
		char *cmd = xstrndup(s->text + s->pos, e - s->pos);
		advance(s, e - s->pos);
		it = command(s, cmd, line, col, diags);
		free(cmd);
		return it;
	}
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
