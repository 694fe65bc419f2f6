/* SPDX-License-Identifier: MIT
 * `dossier duplicates [--json]`: the near-duplicate groups (core/dupes.h),
 * one line per grouped article, GROUP<TAB>ID<TAB>title, groups numbered
 * in the order of their first articles, so a script can keep one of each. */
#include "core/cli/cli.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/cli/cli_options.h"
#include "core/base/json.h"
#include "core/find/similar.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"

int cli_duplicates(struct cli_ctx *cx, const struct cli_args *args)
{
	if (args->argc != 0) {
		cli_error(cx, "usage: dossier duplicates [--json]");
		return EXIT_USAGE;
	}
	bool as_json = cli_flag(args, "json");
	if (cli_load(cx) < 0) return EXIT_PROBLEM;
	const struct collection *c = &cx->d.coll;
	/* the groups from the index file for this load (built streamed: at
	 * 1,000,000 articles signatures and index in memory took 4 GB) */
	struct simfile *sf = cli_index_for_load(cx);
	if (sf) simindex_of_file(&cx->d.sim, sf);
	else dossier_sign(&cx->d, !cx->no_cache, NULL);
	const uint32_t *group = cx->d.sim.group;
	/* articles by group, in article (id) order within each */
	size_t *order = xcalloc(c->n + 1, sizeof *order), n = 0;
	size_t *start = xcalloc(cx->d.sim.ngroups + 2, sizeof *start);
	for (size_t a = 0; a < c->n; a++)
		if (group[a]) start[group[a] + 1]++;
	for (size_t g = 1; g <= cx->d.sim.ngroups; g++) start[g + 1] += start[g];
	for (size_t a = 0; a < c->n; a++)
		if (group[a]) order[start[group[a]]++] = a, n++;
	struct strbuf sb = STRBUF_INIT;
	struct json j;
	if (as_json) {
		json_init(&j, &sb, true);
		json_begin_array(&j);
	}
	for (size_t i = 0; i < n; i++) {
		const struct article *a = &c->items[order[i]];
		if (as_json) {
			json_begin_object(&j);
			json_kv_int(&j, "group", group[order[i]]);
			json_kv_string(&j, "id", a->id);
			json_kv_string(&j, "title", a->title);
			json_end_object(&j);
		} else {
			fprintf(cx->out, "%u\t", group[order[i]]);
			cli_put_field(cx, a->id);
			fputc('\t', cx->out);
			cli_put_field(cx, a->title);
			fputc('\n', cx->out);
		}
	}
	if (as_json) {
		json_end_array(&j);
		strbuf_addc(&sb, '\n');
		fwrite(sb.buf, 1, sb.len, cx->out);
	}
	strbuf_free(&sb);
	free(order);
	free(start);
	return EXIT_OK;
}
