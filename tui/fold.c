/* SPDX-License-Identifier: MIT
 * See fold.h. Folding works on the list order the filter made: one pass
 * counts each group's members in it, one pass writes the order again with
 * a closed group reduced to its row and an open one gathered under it. */
#include "tui/fold.h"

#include <stdlib.h>
#include <string.h>

#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "tui/context.h"
#include "tui/tui.h"

/* The groups, or NULL when there are none to fold (signatures not in). */
static const uint32_t *groups(const struct tui *t)
{
	return t->sim_ready && t->d.sim.built && t->d.sim.ngroups ? t->d.sim.group : NULL;
}

void fold_reset(struct tui *t)
{
	fold_free(t);
	const uint32_t *g = groups(t);
	if (!g) return;
	t->fold.ngroups = t->d.sim.ngroups;
	t->fold.open = xcalloc(t->fold.ngroups + 1, 1);
	t->fold.count = xcalloc(t->fold.ngroups + 1, sizeof *t->fold.count);
}

void fold_free(struct tui *t)
{
	free(t->fold.open);
	free(t->fold.count);
	memset(&t->fold, 0, sizeof t->fold);
}

void fold_apply(struct tui *t)
{
	const uint32_t *g = groups(t);
	struct fold *f = &t->fold;
	f->hidden = 0;
	if (!g || f->ngroups != t->d.sim.ngroups || !t->norder) return;
	struct pane *p = &t->panes[PANE_LIST];
	size_t m = t->norder;
	long keep = p->sel < m ? (long)t->order[p->sel] : -1;
	memset(f->count, 0, (f->ngroups + 1) * sizeof *f->count);
	for (size_t i = 0; i < m; i++) f->count[g[t->order[i]]]++;
	/* each group's members in list order, grouped by a counting sort:
	 * start[grp] .. start[grp + 1] in mem (one pass, not one per open group) */
	size_t *start = xcalloc(f->ngroups + 2, sizeof *start);
	for (size_t grp = 1; grp <= f->ngroups; grp++) start[grp + 1] = start[grp] + f->count[grp];
	size_t *mem = xcalloc(m + 1, sizeof *mem), *fill = xcalloc(f->ngroups + 2, sizeof *fill);
	memcpy(fill, start, (f->ngroups + 2) * sizeof *fill);
	for (size_t i = 0; i < m; i++)
		if (g[t->order[i]]) mem[fill[g[t->order[i]]]++] = i;
	free(fill);
	/* the row a group shows at: its first member, or the selected article
	 * when it stands for its closed group */
	size_t *head = xcalloc(f->ngroups + 1, sizeof *head); /* row + 1 */
	for (size_t grp = 1; grp <= f->ngroups; grp++)
		if (f->count[grp]) head[grp] = mem[start[grp]] + 1;
	if (keep >= 0 && g[keep] && !f->open[g[keep]])
		for (size_t k = start[g[keep]]; k < start[g[keep] + 1]; k++)
			if (t->order[mem[k]] == (size_t)keep) head[g[keep]] = mem[k] + 1;
	size_t *out = xcalloc(m + 1, sizeof *out), o = 0;
	for (size_t i = 0; i < m; i++) {
		size_t art = t->order[i];
		uint32_t grp = g[art];
		if (!grp || f->count[grp] < 2) {
			out[o++] = art;
			continue;
		}
		if (head[grp] != i + 1) continue; /* shown with its group's row */
		out[o++] = art;
		if (f->open[grp]) /* the other members right under it */
			for (size_t k = start[grp]; k < start[grp + 1]; k++)
				if (mem[k] != i) out[o++] = t->order[mem[k]];
	}
	free(head);
	free(mem);
	free(start);
	memcpy(t->order, out, o * sizeof *out);
	free(out);
	f->hidden = m - o;
	t->norder = o;
	t->list_gen++; /* the list's kept unread count is stale (counts.c) */
	p->sel = 0;
	for (size_t i = 0; keep >= 0 && i < o; i++)
		if (t->order[i] == (size_t)keep) p->sel = i;
	if (p->top > p->sel) p->top = p->sel;
}

size_t fold_matched(const struct tui *t)
{
	return t->norder ? t->norder + t->fold.hidden : 0; /* a load empties the list first */
}

void fold_count_text(const struct tui *t, struct strbuf *sb, bool sentence)
{
	size_t hidden = fold_matched(t) - t->norder;
	strbuf_addf(sb, "%zu of %zu", fold_matched(t), t->d.coll.n);
	if (sentence) strbuf_adds(sb, " articles match");
	if (hidden) strbuf_addf(sb, sentence ? " (%zu folded)" : ", %zu folded", hidden);
	if (sentence) strbuf_addc(sb, '.');
}

void fold_say_count(struct tui *t, const char *prefix, bool so_far)
{
	size_t hidden = fold_matched(t) - t->norder;
	struct strbuf sb = STRBUF_INIT;
	const char *the = so_far ? "the " : "", *more = so_far ? " loaded so far" : "";
	if (prefix) { /* a saved search: "@name: N of M articles (K folded)." */
		strbuf_addf(&sb, "%s: %zu of %s%zu articles%s", prefix, fold_matched(t), the,
			    t->d.coll.n, more);
		if (hidden) strbuf_addf(&sb, " (%zu folded)", hidden);
		strbuf_addc(&sb, '.');
	} else if (so_far) { /* more to come: said again when they are in (filter_recount) */
		strbuf_addf(&sb, "%zu of the %zu articles loaded so far match", fold_matched(t),
			    t->d.coll.n);
		if (hidden) strbuf_addf(&sb, " (%zu folded)", hidden);
		strbuf_addc(&sb, '.');
	} else {
		fold_count_text(t, &sb, true);
	}
	context_message(t, false, "%s", sb.buf);
	strbuf_free(&sb);
}

unsigned fold_toggle(struct tui *t)
{
	const uint32_t *g = groups(t);
	struct pane *p = &t->panes[PANE_LIST];
	if (!t->norder) return R_NONE;
	size_t art = t->order[p->sel];
	if (!g || !g[art] || t->fold.count[g[art]] < 2) {
		context_message(t, false, !t->sim_ready ? "Copies are known once the texts are read."
							: "This article has no copy in the list.");
		return R_DRAW_STATUS;
	}
	uint32_t grp = g[art];
	/* closing from a copy's row: the cursor goes to the group's row */
	if (t->fold.open[grp])
		while (p->sel > 0 && g[t->order[p->sel - 1]] == grp) p->sel--;
	t->fold.open[grp] ^= 1;
	context_message(t, false, "%s %u copies.", t->fold.open[grp] ? "Showing" : "Folded",
			t->fold.count[grp]);
	return R_RESORT | R_DRAW_ALL; /* the loop folds again (filter_apply) */
}
