/* SPDX-License-Identifier: MIT
 * Bounded YAML → node tree (see yamltree.h for the limits and why). */
#include "core/meta/yamltree.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "core/base/util.h"

struct yreader {
	yaml_parser_t parser;
	yaml_event_t ev;
	bool have_ev;
	const char *path;
	const char *what; /* "front matter", "the config file": for messages */
	size_t max_nodes;
	int line_base;
	size_t nodes;
	struct diag_list *diags;
};

static int mark_line(const struct yreader *r, yaml_mark_t m) { return (int)m.line + r->line_base; }
static int mark_col(yaml_mark_t m) { return (int)m.column + 1; }

static void yreader_error(struct yreader *r, yaml_mark_t m, const char *msg)
{
	diag_add(r->diags, DIAG_ERROR, r->path, mark_line(r, m), mark_col(m), "%s", msg);
}

/* fmt has one %s: what is being read. */
static void yreader_errorf(struct yreader *r, yaml_mark_t m, const char *fmt)
{
	diag_add(r->diags, DIAG_ERROR, r->path, mark_line(r, m), mark_col(m), fmt, r->what);
}

/* Next event, deleting the previous one. Returns false on a parse error
 * (reported with libyaml's own problem text and position). */
static bool yreader_next(struct yreader *r)
{
	if (r->have_ev) yaml_event_delete(&r->ev);
	r->have_ev = false;
	if (!yaml_parser_parse(&r->parser, &r->ev)) {
		yaml_mark_t m = r->parser.problem_mark;
		if (r->parser.error == YAML_READER_ERROR) {
			m.line = 0;
			m.column = r->parser.problem_offset;
		}
		diag_add(r->diags, DIAG_ERROR, r->path, mark_line(r, m), mark_col(m),
			 "YAML syntax error: %s%s%s", r->parser.problem ? r->parser.problem : "error",
			 r->parser.context ? " " : "", r->parser.context ? r->parser.context : "");
		return false;
	}
	r->have_ev = true;
	return true;
}

static struct ynode *ynode_add(struct ynode *parent)
{
	ARRAY_RESERVE(parent->kids, parent->cap, parent->n + 1);
	struct ynode *n = &parent->kids[parent->n++];
	memset(n, 0, sizeof *n);
	return n;
}

/* Build the node for the current event (already read) into *out. */
static bool yreader_node(struct yreader *r, struct ynode *out, int depth)
{
	yaml_event_t *ev = &r->ev;
	out->line = mark_line(r, ev->start_mark);
	out->col = mark_col(ev->start_mark);
	/* Until an event fills it, a node is an empty partial scalar: a reader
	 * that walks the tree after an error never meets a NULL text. */
	out->kind = YNODE_SCALAR;
	out->partial = true;
	if (!out->text) out->text = xstrdup("");
	if (++r->nodes > r->max_nodes) {
		yreader_errorf(r, ev->start_mark, "%s has too many nodes");
		return false;
	}
	switch (ev->type) {
	case YAML_ALIAS_EVENT:
		yreader_errorf(r, ev->start_mark, "aliases not allowed in %s");
		return false;
	case YAML_SCALAR_EVENT:
		free(out->text);
		out->text = xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		out->len = ev->data.scalar.length;
		out->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		out->partial = false;
		return true;
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool map = ev->type == YAML_MAPPING_START_EVENT;
		yaml_event_type_t end = map ? YAML_MAPPING_END_EVENT : YAML_SEQUENCE_END_EVENT;
		out->kind = map ? YNODE_MAP : YNODE_SEQ;
		free(out->text);
		out->text = NULL; /* scalars only */
		if (depth >= YAMLTREE_MAX_DEPTH) {
			yreader_errorf(r, ev->start_mark, "%s nested too deeply (limit 64)");
			out->partial = true;
			return false;
		}
		for (;;) {
			if (!yreader_next(r)) break;
			if (r->ev.type == end) {
				out->partial = false;
				return true;
			}
			if (!yreader_node(r, ynode_add(out), depth + 1)) break;
		}
		out->partial = true;
		return false;
	}
	default:
		yreader_error(r, ev->start_mark, "unexpected YAML event");
		return false;
	}
}

int yamltree_parse(const char *text, size_t len, const char *path, int line_base,
		   struct ynode *root, struct diag_list *diags)
{
	/* most front matter is in the plain shapes: read without libyaml */
	if (yamltree_parse_simple(text, len, line_base, root)) return 0;
	return yamltree_parse_as(text, len, path, line_base, "front matter", YAMLTREE_MAX_NODES,
				 root, diags);
}

int yamltree_parse_as(const char *text, size_t len, const char *path, int line_base,
		      const char *what, size_t max_nodes, struct ynode *root,
		      struct diag_list *diags)
{
	struct yreader r = {.path = path, .what = what, .max_nodes = max_nodes,
			    .line_base = line_base, .diags = diags};
	memset(root, 0, sizeof *root);
	root->text = xstrdup(""); /* an empty scalar until a document fills it */
	root->line = line_base;
	root->col = 1;
	if (!yaml_parser_initialize(&r.parser)) die("libyaml: cannot initialise parser");
	yaml_parser_set_input_string(&r.parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&r.parser, YAML_UTF8_ENCODING);
	int rc = -1;
	bool have_doc = false;
	for (;;) {
		if (!yreader_next(&r)) break;
		yaml_event_type_t t = r.ev.type;
		if (t == YAML_STREAM_END_EVENT) {
			rc = 0;
			break;
		}
		if (t == YAML_STREAM_START_EVENT || t == YAML_DOCUMENT_END_EVENT) continue;
		if (t == YAML_DOCUMENT_START_EVENT) {
			if (have_doc) {
				yreader_errorf(&r, r.ev.start_mark, "a second YAML document in %s");
				break;
			}
			have_doc = true;
			continue;
		}
		yamltree_free(root);
		if (!yreader_node(&r, root, 0)) break;
	}
	if (r.have_ev) yaml_event_delete(&r.ev);
	yaml_parser_delete(&r.parser);
	return rc;
}

void yamltree_free(struct ynode *n)
{
	for (size_t i = 0; i < n->n; i++) yamltree_free(&n->kids[i]);
	free(n->kids);
	if (!n->borrowed) free(n->text);
	free(n->block);
	n->kids = NULL;
	n->text = NULL;
	n->block = NULL;
	n->borrowed = false;
	n->n = n->cap = 0;
	n->len = 0;
}

bool ynode_is_null(const struct ynode *n)
{
	if (n->kind != YNODE_SCALAR || !n->plain) return false;
	return n->len == 0 || strcmp(n->text, "~") == 0 || strcasecmp(n->text, "null") == 0;
}

const char *ynode_kind_name(const struct ynode *n)
{
	switch (n->kind) {
	case YNODE_SEQ: return "a list";
	case YNODE_MAP: return "a mapping";
	default: return "a string";
	}
}
