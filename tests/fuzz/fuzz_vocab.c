/* SPDX-License-Identifier: MIT
 * Fuzz the topic matcher's fast path (the skip of vocab_skip.c, the fold
 * table, the two lanes) against its plain path (every character through
 * the cluster fold, the automaton byte by byte): the same tags on any
 * bytes, whole and cut, for a vocabulary whose phrases start with letters
 * in both cases, letters of several bytes and signs, and for one with too
 * many signs to skip. The first input byte chooses the vocabulary. */
#include "tests/fuzz/fuzz.h"

#include "core/base/diag.h"
#include "core/base/strbuf.h"
#include "core/collection/vocab.h"
#include "core/collection/vocab_int.h"

static const char *const yamls[] = {
	"kyiv: { case: proper, match: [Kyiv, Kiev, \"\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2\"] }\n"
	"zurich: [\"Z\xC3\xBCrich\", \"\xC3\x9C" "ber Zug\", \"stra\xC3\x9F" "e\", \"\xC4\xB0stanbul\"]\n"
	"nato: { case: exact, match: [NATO, EU, US] }\n"
	"aid: { case: proper, match: [military aid, aid, no restrictions, F-16, a b] }\n"
	"net: [\".net\", \"#harbour\", \"'s plan\", \"\xC2\xAB" "vote\xC2\xBB\", \"\xE6\x9D\xB1\xE4\xBA\xAC\"]\n",
	"signs: [\".net\", \"#ukraine\", \"@council\", \"$gas\", \"%rate\", kyiv]\n",
};
#define NV (sizeof yamls / sizeof *yamls)
static struct vocab *vocabs[NV];

static void same(const struct vocab *v, const char *t, size_t n)
{
	struct strlist a = {0}, b = {0};
	vocab_match(v, t, n, &a);
	vocab_match_plain(v, t, n, &b);
	FUZZ_CHECK(a.n == b.n);
	for (size_t i = 0; i < a.n; i++) FUZZ_CHECK(strcmp(a.v[i], b.v[i]) == 0);
	strlist_free(&a);
	strlist_free(&b);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 65536) return 0;
	size_t k = data[0] % NV;
	if (!vocabs[k]) {
		struct diag_list dl = DIAG_LIST_INIT;
		vocabs[k] = vocab_new();
		vocab_load(vocabs[k], yamls[k], strlen(yamls[k]), "fuzz.yaml", &dl);
		vocab_build(vocabs[k]);
		diag_list_free(&dl);
	}
	const char *t = (const char *)data + 1;
	size_t n = size - 1;
	same(vocabs[k], t, n);
	if (n > 2) { /* cut at both ends, often inside a character */
		size_t a = data[0] % n, b = n - (size_t)data[n] % (n - a);
		same(vocabs[k], t + a, b - a);
	}
	return 0;
}
