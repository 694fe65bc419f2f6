/* SPDX-License-Identifier: MIT
 * libxml2 set up for hostile pages and feeds (see html_parse.h): the
 * options are chosen once here so no caller can forget NONET or turn on
 * entity substitution. */
#include "core/text/html_parse.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>

#include "core/base/strbuf.h"
#include "core/text/utf8.h"

#define TEXT_DEPTH 300

/* Copy the charset name that starts at p (quotes and blanks skipped). */
static bool take_name(const char *p, const char *end, char *out, size_t outsz)
{
	while (p < end && (*p == ' ' || *p == '=' || *p == '"' || *p == '\'')) p++;
	size_t k = 0;
	while (p < end && k + 1 < outsz && (isalnum((unsigned char)*p) || strchr("-_.:", *p)))
		out[k++] = (char)tolower((unsigned char)*p++);
	out[k] = '\0';
	return k > 0;
}

bool html_declared_charset(const char *buf, size_t len, char *out, size_t outsz)
{
	size_t n = len < 4096 ? len : 4096;
	const char *end = buf + n;
	/* an XML declaration first: <?xml version="1.0" encoding="..."?> */
	if (n > 5 && memcmp(buf, "<?xml", 5) == 0) {
		const char *q = memchr(buf, '>', n);
		for (const char *p = buf; q && p + 8 < q; p++)
			if (strncasecmp(p, "encoding", 8) == 0) return take_name(p + 8, q, out, outsz);
	}
	for (const char *p = buf; p + 7 < end; p++) {
		if (strncasecmp(p, "charset", 7) != 0) continue;
		const char *q = p + 7;
		while (q < end && *q == ' ') q++;
		if (q < end && *q == '=' && take_name(q, end, out, outsz)) return true;
	}
	return false;
}

/* The encoding to hand to libxml2: the declared one (latin-1 and ASCII
 * read as windows-1252, as browsers do), else UTF-8 when the bytes are
 * valid UTF-8, else windows-1252. */
static const char *pick_encoding(const char *buf, size_t len, char *name, size_t namesz)
{
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) return "UTF-8";
	if (html_declared_charset(buf, len, name, namesz)) {
		if (strcmp(name, "iso-8859-1") == 0 || strcmp(name, "latin1") == 0 ||
		    strcmp(name, "us-ascii") == 0 || strcmp(name, "ascii") == 0 ||
		    strcmp(name, "iso8859-1") == 0)
			return "windows-1252";
		if (strcmp(name, "utf8") == 0) return "UTF-8";
		/* a handler found by iconv is allocated for us: close it */
		xmlCharEncodingHandlerPtr h = xmlFindCharEncodingHandler(name);
		if (h) {
			xmlCharEncCloseFunc(h);
			return name;
		}
	}
	return utf8_is_valid(buf, len) ? "UTF-8" : "windows-1252";
}

static pthread_once_t xml_once = PTHREAD_ONCE_INIT;

void html_parse_init(void)
{
	pthread_once(&xml_once, xmlInitParser);
}

xmlDocPtr html_parse_page(const char *buf, size_t len, const char *path, struct diag_list *diags)
{
	html_parse_init();
	if (len > HTML_PARSE_MAX) len = HTML_PARSE_MAX;
	if (len > (size_t)INT32_MAX) len = INT32_MAX;
	char name[40];
	const char *enc = pick_encoding(buf, len, name, sizeof name);
	const int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
			 HTML_PARSE_NONET | HTML_PARSE_COMPACT;
	htmlParserCtxtPtr c = htmlNewParserCtxt();
	if (!c) return NULL;
	htmlDocPtr d = htmlCtxtReadMemory(c, buf, (int)len, NULL, enc, opts);
	if (!d && strcmp(enc, "UTF-8") != 0) d = htmlCtxtReadMemory(c, buf, (int)len, NULL, "UTF-8", opts);
	const xmlError *e = xmlCtxtGetLastError(c);
	if (d && e && e->message && strstr(e->message, "Excessive depth") && diags)
		diag_add(diags, DIAG_WARNING, path, e->line, e->line ? e->int2 : 0,
			 "elements nested deeper than 256; the rest of the page is not read");
	htmlFreeParserCtxt(c);
	if (!d || !xmlDocGetRootElement(d)) {
		if (d) xmlFreeDoc(d);
		if (diags) diag_add(diags, DIAG_ERROR, path, 0, 0, "not an HTML page: nothing could be parsed");
		return NULL;
	}
	return d;
}

/* The first error of a parse (libxml2 keeps only the last, which is
 * often "premature end" far from the cause). */
struct first_err {
	bool set;
	int line, col;
	char msg[200];
};

static void first_error(void *ud, xmlErrorPtr e)
{
	xmlParserCtxtPtr c = ud;
	struct first_err *f = c ? c->_private : NULL;
	if (!f || f->set || !e || e->level < XML_ERR_FATAL) return; /* namespace slips are not fatal */
	f->set = true;
	f->line = e->line;
	f->col = e->line ? e->int2 : 0;
	snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "not well-formed XML");
	size_t n = strlen(f->msg);
	while (n && (f->msg[n - 1] == '\n' || f->msg[n - 1] == ' ')) f->msg[--n] = '\0';
}

xmlDocPtr html_parse_xml(const char *buf, size_t len, const char *path, struct diag_list *diags)
{
	if (len > HTML_PARSE_MAX) {
		if (diags) diag_add(diags, DIAG_ERROR, path, 0, 0, "feed larger than 32 MiB; not read");
		return NULL;
	}
	html_parse_init();
	xmlParserCtxtPtr c = xmlNewParserCtxt();
	if (!c) return NULL;
	struct first_err fe = {0};
	c->_private = &fe;
	c->sax->serror = first_error;
	/* no NOENT (entities stay references), no DTDLOAD, no network; libxml2
	 * itself refuses entity loops and amplification */
	const int opts = XML_PARSE_NONET | XML_PARSE_NOCDATA | XML_PARSE_NOERROR |
			 XML_PARSE_NOWARNING;
	xmlDocPtr d = xmlCtxtReadMemory(c, buf, (int)len, NULL, NULL, opts);
	if (!d || !xmlDocGetRootElement(d) || fe.set) {
		const xmlError *e = xmlCtxtGetLastError(c);
		if (!fe.set && e) first_error(c, (xmlErrorPtr)e);
		if (diags)
			diag_add(diags, DIAG_ERROR, path, fe.line, fe.col, "not a readable feed: %s",
				 fe.set ? fe.msg : "not well-formed XML");
		if (d) xmlFreeDoc(d);
		d = NULL;
	}
	xmlFreeParserCtxt(c);
	return d;
}

bool html_is(const xmlNode *n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name && strcasecmp((const char *)n->name, name) == 0;
}

const char *html_attr(const xmlNode *n, const char *name)
{
	if (!n || n->type != XML_ELEMENT_NODE) return NULL;
	for (const xmlAttr *a = n->properties; a; a = a->next) {
		if (!a->name || strcasecmp((const char *)a->name, name) != 0) continue;
		const xmlNode *t = a->children;
		return t && t->type == XML_TEXT_NODE && t->content ? (const char *)t->content : "";
	}
	return NULL;
}

static void text_walk(const xmlNode *n, struct strbuf *sb, int depth)
{
	for (; n; n = n->next) {
		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			if (n->content) strbuf_adds(sb, (const char *)n->content);
		} else if (n->type == XML_ELEMENT_NODE && depth < TEXT_DEPTH) {
			if (html_is(n, "script") || html_is(n, "style")) continue;
			if (html_is(n, "br")) strbuf_addc(sb, ' ');
			text_walk(n->children, sb, depth + 1);
			strbuf_addc(sb, ' ');
		}
	}
}

char *html_squeeze(char *s)
{
	size_t o = 0;
	bool space = true; /* drops leading blanks */
	for (size_t i = 0; s[i]; i++) {
		unsigned char c = (unsigned char)s[i];
		bool ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
		/* U+00A0 no-break space counts as a blank too */
		if (c == 0xC2 && (unsigned char)s[i + 1] == 0xA0) ws = true, i++;
		if (ws) {
			if (!space) s[o++] = ' ';
			space = true;
		} else {
			s[o++] = s[i];
			space = false;
		}
	}
	while (o && s[o - 1] == ' ') o--;
	s[o] = '\0';
	return s;
}

void html_text_collapse(const xmlNode *n, struct strbuf *sb)
{
	struct strbuf t = STRBUF_INIT;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content) strbuf_adds(&t, (const char *)n->content);
	} else {
		text_walk(n->children, &t, 0);
	}
	if (t.len) strbuf_adds(sb, html_squeeze(t.buf));
	strbuf_free(&t);
}
