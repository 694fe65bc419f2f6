/* SPDX-License-Identifier: MIT
 * Internal to core/state/store.c: the state as plain data, and its YAML file
 * format (read with libyaml's event parser, positions kept for errors;
 * written with every string double-quoted and escaped). */
#ifndef DOSSIER_STORE_FILE_H
#define DOSSIER_STORE_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/base/diag.h"
#include "core/base/map.h"
#include "core/state/marks.h"
#include "core/base/strbuf.h"

struct art_state {
	char *id; /* owned */
	bool read;
	bool has_pos;
	size_t pos;
	bool read_dirty, pos_dirty; /* changed in this session */
};

/* Owns everything. marks stay sorted by mark_cmp; arts are found by id
 * through a string map (core/base/map). */
struct store_data {
	struct mark *marks;
	size_t nmarks, mcap;
	struct art_state *arts;
	size_t narts, acap;
	struct map ids; /* article id -> index in arts; keys are the arts' ids */
	char *last;      /* owned or NULL: the article the reader showed last */
	bool last_dirty; /* changed in this session */
};

void store_data_free(struct store_data *d);
/* The entry for id, created (unread, no position) when create is set. */
struct art_state *store_data_art(struct store_data *d, const char *id, bool create);
const struct art_state *store_data_art_const(const struct store_data *d, const char *id);
/* Index of the mark identical to m, or -1; *ins receives where it would go. */
long store_data_find_mark(const struct store_data *d, const struct mark *m, size_t *ins);
/* Insert a copy unless an identical one exists; true when inserted. */
bool store_data_add_mark(struct store_data *d, const struct mark *m);
bool store_data_del_mark(struct store_data *d, const struct mark *m);

enum store_file_status {
	STORE_FILE_OK,
	STORE_FILE_MISSING,  /* no file: empty state */
	STORE_FILE_PARTIAL,  /* parsed, but some entries were bad and skipped */
	STORE_FILE_CORRUPT,  /* does not parse: d is left empty */
	STORE_FILE_ERROR,    /* could not be read (diag says why) */
};

/* Read path into d (which must be empty). Diags carry FILE:LINE:COL. */
enum store_file_status store_file_read(const char *path, struct store_data *d,
				       struct diag_list *diags);
/* The same for the file's text (len bytes, path only for diags); fast:
 * first try store_fast_read, which libyaml's reading replaces whenever
 * the text is not exactly what store_file_format writes. */
enum store_file_status store_file_parse(const char *path, const char *text, size_t len,
					struct store_data *d, struct diag_list *diags, bool fast);
/* store_fast.c: read text into d (empty) when it has exactly the plain
 * shape store_file_format writes and every entry is good; false (d left
 * empty) for anything else. Gives what store_file_parse without fast
 * gives for such a text, through the same calls. */
bool store_fast_read(const char *text, size_t len, struct store_data *d);
/* store_fast.c, for store_peek.c: the head of a text exactly as
 * store_file_format writes it (comment lines, version, last, the articles
 * line): *last (owned, NULL when none) and the bounds of the sorted article
 * lines [*arts, *arts_end). False for any other shape. */
bool store_fast_head(const char *text, size_t len, char **last, const char **arts,
		     const char **arts_end);
/* Whether id is read, by a binary search of the sorted article lines in
 * [lo, hi): 1 read, 0 unread or not listed, -1 a line not in that shape. */
int store_fast_is_read(const char *lo, const char *hi, const char *id);
/* Shared by both readers: a mark's "created" (seconds or an ISO UTC
 * time), and the checks and defaults of a mark read whole (kept in d:
 * true; m stays the caller's to free). */
bool store_file_parse_time(const char *s, int64_t *out);
bool store_file_mark_keep(struct store_data *d, struct mark *m, bool have_start, bool have_end);
/* The whole file text for d. */
void store_file_format(const struct store_data *d, struct strbuf *out);

#endif
