/* SPDX-License-Identifier: MIT
 * Fuzz the query language: parse (against a tiny in-memory collection so
 * that extra fields are known), format, match every article, format errors.
 * Input: the query text up to the first NUL; what follows is article 0's
 * body (so phrase terms read a hostile body from disk). */
#include "tests/fuzz/fuzz.h"

#include "core/collection/dossier.h"
#include "core/find/query.h"
#include "core/base/util.h"

static struct dossier D;

static void add(const char *title, const char *source, const char *tags, int date,
		const char *extra_key, const char *extra_val)
{
	ARRAY_RESERVE(D.coll.items, D.coll.cap, D.coll.n + 1);
	struct article *a = &D.coll.items[D.coll.n];
	memset(a, 0, sizeof *a);
	char name[32];
	snprintf(name, sizeof name, "a%zu", D.coll.n);
	a->id = xstrdup(name);
	snprintf(name, sizeof name, "a%zu.txt", D.coll.n);
	a->path = xstrdup(fuzz_write_file(name, (const uint8_t *)title, strlen(title)));
	a->title = xstrdup(title);
	a->source = source ? xstrdup(source) : NULL;
	for (const char *s = tags; s && *s;) {
		size_t n = strcspn(s, ",");
		strlist_push_own(&a->tags, xstrndup(s, n));
		s += n + (s[n] == ',');
	}
	strlist_push(&a->authors, "Jane Smith");
	a->date = date;
	if (extra_key)
		article_set_extra(a, extra_key, extra_val);
	D.coll.n++;
}

static void setup(void)
{
	add("Kyiv under attack", "CNN", "weapons/atacms,kyiv", 20240615, "editor", "Van Quist");
	add("Stra\xc3\x9f" "e caf\xc3\xa9 \xef\xac\x81", "Kyiv Post", "politics", 20240901, NULL, NULL);
	add("No date \xe2\x80\xae", NULL, NULL, 0, "note", "\x1b]52;c;SGk=\x07");
}

static bool is_read(void *ctx, size_t art)
{
	(void)ctx;
	return art == 1;
}

static bool is_marked(void *ctx, size_t art)
{
	(void)ctx;
	return art != 1;
}

static int text_match(void *ctx, size_t art, const char *const *w, size_t n)
{
	(void)ctx;
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(w[i] != NULL);
	return art == 2 ? 0 : -1; /* article 2 answered by "the index" */
}

/* The per-term form: "the index" covers article 2 and finds nothing there,
 * as text_match says article by article. */
static int text_set(void *ctx, const char *const *w, size_t n, unsigned char *hits,
		    unsigned char *known, size_t nart)
{
	(void)ctx, (void)hits;
	for (size_t i = 0; i < n; i++)
		FUZZ_CHECK(w[i] != NULL);
	FUZZ_CHECK(nart == D.coll.n);
	if (known)
		known[0] |= 1u << 2;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!D.coll.n)
		setup();
	const uint8_t *nul = memchr(data, 0, size);
	size_t qlen = nul ? (size_t)(nul - data) : size;
	char *text = xstrndup((const char *)data, qlen);
	if (nul)
		fuzz_write_file("a0.txt", nul + 1, size - qlen - 1);

	struct query_error err = {0, NULL};
	struct query *q = query_parse(text, (size % 2) ? &D : NULL, &err);
	if (!q) {
		FUZZ_CHECK(err.msg != NULL);
		FUZZ_CHECK(err.col >= 1);
		char *msg = query_error_format(text, &err);
		FUZZ_CHECK(msg != NULL);
		free(msg);
		query_error_free(&err);
		free(text);
		return 0;
	}
	char *sexp = query_format(q);
	FUZZ_CHECK(sexp != NULL);
	(void)query_needs_body(q);
	(void)query_needs_state(q);
	struct query_env env = {.d = &D, .is_read = is_read, .is_marked = is_marked,
				.text_match = (size % 3) ? text_match : NULL,
				.text_set = (size % 3) == 2 ? text_set : NULL};
	bool m[3];
	for (size_t i = 0; i < D.coll.n; i++)
		m[i] = query_match(q, &env, i);
	size_t out[3];
	size_t k = query_filter(q, &env, NULL, D.coll.n, out);
	FUZZ_CHECK(k <= D.coll.n);
	size_t j = 0;
	for (size_t i = 0; i < D.coll.n; i++)
		if (m[i]) {
			FUZZ_CHECK(j < k && out[j] == i);
			j++;
		}
	FUZZ_CHECK(j == k);
	/* The formatted tree is not the input syntax, but it must parse too
	 * when it is; at least it must not crash the parser. */
	struct query_error err2 = {0, NULL};
	struct query *q2 = query_parse(sexp, &D, &err2);
	query_free(q2);
	query_error_free(&err2);
	free(sexp);
	query_free(q);
	free(text);
	return 0;
}
