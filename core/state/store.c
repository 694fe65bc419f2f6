/* SPDX-License-Identifier: MIT
 * The reading-state store: the state the TUI and CLI change, an undo stack,
 * and a save that merges with whatever another instance wrote meanwhile.
 *
 * Merging works on this session's changes, not on whole snapshots: marks
 * added here and marks deleted here are kept in two sets, and articles
 * whose read state or position changed here carry dirty flags. A save
 * re-reads the file under the lock and applies exactly those changes to it,
 * so another instance's concurrent addition survives, and a deletion made
 * here is not brought back by the other side's copy. Notes and mark tags
 * set here are a third set, applied per mark to what is on disk. */
#include "core/state/store.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

#include "core/base/fsutil.h"
#include "core/state/store_file.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/base/xdg.h"

#define UNDO_MAX 200
#define LOCK_WAIT_MS 5000

struct undo {
	enum store_undo_kind kind; /* ADD: a mark was added; DELETE: deleted; READ;
				    * NOTES: a mark's note or tags changed */
	struct mark mark;          /* owned, for ADD / DELETE / NOTES (as it was) */
	char *id;                  /* owned, for READ */
	bool old_read;
};

struct store {
	char *path; /* owned */
	struct store_data d;
	struct store_data added, deleted; /* session mark sets (marks only) */
	struct store_data noted;          /* marks whose note/tags were set here */
	struct undo *undo;
	size_t nundo, undocap;
	bool dirty;
	unsigned long read_gen; /* store_read_gen: bumped on any read-flag change */
};

/* The state file's name before the one per-collection rule (xdg.h): the
 * path's last 40 bytes as a slug and 32 bits of FNV-1a. Read only to
 * move an old file to the new name. */
static char *legacy_path(const char *dir, const char *abs)
{
	struct strbuf slug = STRBUF_INIT;
	size_t n = strlen(abs), from = n > 40 ? n - 40 : 0;
	for (size_t i = from; i < n; i++) {
		unsigned char c = (unsigned char)abs[i];
		bool keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (keep) strbuf_addc(&slug, (char)c);
		else if (slug.len && slug.buf[slug.len - 1] != '-') strbuf_addc(&slug, '-');
	}
	while (slug.len && slug.buf[slug.len - 1] == '-') slug.buf[--slug.len] = '\0';
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)abs[i]) * 1099511628211u;
	struct strbuf p = STRBUF_INIT;
	strbuf_addf(&p, "%s/%s%s%08lx.yaml", dir, strbuf_str(&slug), slug.len ? "-" : "",
		    (unsigned long)(h & 0xffffffffu));
	strbuf_free(&slug);
	return strbuf_steal(&p);
}

char *store_default_path(const char *corpus)
{
	char *path = xdg_collection_file(XDG_BASE_STATE, corpus, ".yaml");
	if (!path) return NULL;
	/* link() never replaces a file: a state file already at the new name
	 * wins, and two instances moving the old one at once both succeed */
	char *dir = xdg_dir(XDG_BASE_STATE), *abs = fsutil_abspath(corpus);
	char *old = legacy_path(dir, abs);
	if (access(path, F_OK) != 0 && link(old, path) == 0) unlink(old);
	free(old);
	free(abs);
	free(dir);
	return path;
}

/* PATH.corrupt-YYYYmmddHHMMSS (with -N when that exists already). */
static char *backup_name(const char *path)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d%H%M%S", &tm);
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 1000; i++) {
		strbuf_reset(&sb);
		strbuf_addf(&sb, "%s.corrupt-%s", path, stamp);
		if (i) strbuf_addf(&sb, "-%d", i);
		if (access(sb.buf, F_OK) != 0) break;
	}
	return strbuf_steal(&sb);
}

/* Keep a bad state file: renamed aside when it is unusable (copy when part
 * of it was used, so the file in place stays valid for other instances). */
static void keep_aside(const char *path, bool copy, struct diag_list *diags)
{
	char *bak = backup_name(path);
	int e = 0;
	if (copy) {
		char *text;
		size_t len;
		e = fsutil_read_file(path, 0, &text, &len);
		if (!e) e = fsutil_write_atomic(bak, text, len, FSUTIL_NO_OVERWRITE | FSUTIL_PRIVATE, NULL);
		free(text);
	} else if (rename(path, bak) < 0) {
		e = errno;
	}
	if (e)
		diag_add_code(diags, DIAG_ERROR, DIAG_STATE_NOT_KEPT, bak, path, 0, 0,
			      "could not keep a backup as %s: %s", bak, strerror(e));
	else
		diag_add_code(diags, DIAG_WARNING, DIAG_STATE_KEPT, bak, path, 0, 0, "%s kept as %s%s",
			      copy ? "a copy was" : "the file was", bak,
			      copy ? "" : "; starting with an empty reading state");
	free(bak);
}

/* Read path into d; a corrupt file is reported and put aside. */
static enum store_file_status load(const char *path, struct store_data *d, struct diag_list *diags)
{
	enum store_file_status st = store_file_read(path, d, diags);
	if (st == STORE_FILE_CORRUPT) keep_aside(path, false, diags);
	else if (st == STORE_FILE_PARTIAL) keep_aside(path, true, diags);
	return st;
}

struct store *store_open(const char *path, struct diag_list *diags)
{
	struct store *s = xcalloc(1, sizeof *s);
	s->path = xstrdup(path);
	fsutil_clean_stale_temps(path); /* left by an instance killed mid-save */
	load(path, &s->d, diags);
	return s;
}

static void undo_clear(struct undo *u)
{
	mark_free(&u->mark);
	free(u->id);
}

void store_free(struct store *s)
{
	if (!s) return;
	store_data_free(&s->d);
	store_data_free(&s->added);
	store_data_free(&s->deleted);
	store_data_free(&s->noted);
	for (size_t i = 0; i < s->nundo; i++) undo_clear(&s->undo[i]);
	free(s->undo);
	free(s->path);
	free(s);
}

const char *store_path(const struct store *s) { return s->path; }
bool store_dirty(const struct store *s) { return s->dirty; }
unsigned long store_read_gen(const struct store *s) { return s->read_gen; }

bool store_is_read(const struct store *s, const char *id)
{
	const struct art_state *a = store_data_art_const(&s->d, id);
	return a && a->read;
}

size_t store_each_id(const struct store *s, bool marked, void (*visit)(void *ctx, const char *id),
		     void *ctx)
{
	size_t n = 0;
	for (size_t i = 0; !marked && i < s->d.narts; i++)
		if (s->d.arts[i].read) {
			if (visit) visit(ctx, s->d.arts[i].id);
			n++;
		}
	/* marks are sorted by article: each id once, at its first mark */
	for (size_t i = 0; marked && i < s->d.nmarks; i++)
		if (!i || strcmp(s->d.marks[i].article, s->d.marks[i - 1].article) != 0) {
			if (visit) visit(ctx, s->d.marks[i].article);
			n++;
		}
	return n;
}

bool store_position(const struct store *s, const char *id, size_t *pos)
{
	const struct art_state *a = store_data_art_const(&s->d, id);
	if (!a || !a->has_pos) return false;
	*pos = a->pos;
	return true;
}

void store_set_position(struct store *s, const char *id, size_t pos)
{
	struct art_state *a = store_data_art(&s->d, id, true);
	if (a->has_pos && a->pos == pos) return;
	a->has_pos = true;
	a->pos = pos;
	a->pos_dirty = true;
	s->dirty = true;
}

const char *store_last(const struct store *s) { return s->d.last; }

void store_set_last(struct store *s, const char *id)
{
	if (s->d.last && id && strcmp(s->d.last, id) == 0) return;
	if (!s->d.last && !id) return;
	free(s->d.last);
	s->d.last = id ? xstrdup(id) : NULL;
	s->d.last_dirty = true;
	s->dirty = true;
}

static void push_undo(struct store *s, struct undo u)
{
	if (s->nundo == UNDO_MAX) {
		undo_clear(&s->undo[0]);
		memmove(s->undo, s->undo + 1, (s->nundo - 1) * sizeof *s->undo);
		s->nundo--;
	}
	ARRAY_RESERVE(s->undo, s->undocap, s->nundo + 1);
	s->undo[s->nundo++] = u;
}

static void set_read(struct store *s, const char *id, bool read, bool record)
{
	struct art_state *a = store_data_art(&s->d, id, true);
	if (a->read == read) return;
	if (record) push_undo(s, (struct undo){.kind = STORE_UNDO_READ, .id = xstrdup(id), .old_read = a->read});
	a->read = read;
	a->read_dirty = true;
	s->dirty = true;
	s->read_gen++;
}

void store_set_read(struct store *s, const char *id, bool read) { set_read(s, id, read, true); }

size_t store_mark_count(const struct store *s) { return s->d.nmarks; }
const struct mark *store_marks(const struct store *s) { return s->d.marks; }

size_t store_marks_for(const struct store *s, const char *id, const struct mark **first)
{
	size_t lo = 0, hi = s->d.nmarks;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(s->d.marks[mid].article, id) < 0) lo = mid + 1;
		else hi = mid;
	}
	size_t n = 0;
	while (lo + n < s->d.nmarks && strcmp(s->d.marks[lo + n].article, id) == 0) n++;
	*first = n ? &s->d.marks[lo] : NULL;
	return n;
}

static bool add_mark(struct store *s, const struct mark *m, bool record)
{
	if (!store_data_add_mark(&s->d, m)) return false;
	store_data_del_mark(&s->deleted, m);
	store_data_add_mark(&s->added, m);
	if (record) {
		struct undo u = {.kind = STORE_UNDO_ADD};
		mark_copy(&u.mark, m);
		push_undo(s, u);
	}
	s->dirty = true;
	return true;
}

static bool delete_mark(struct store *s, const struct mark *m, bool record)
{
	long i = store_data_find_mark(&s->d, m, NULL);
	if (i < 0) return false;
	struct mark copy;
	mark_copy(&copy, &s->d.marks[i]); /* m may point into the array */
	store_data_del_mark(&s->d, &copy);
	store_data_del_mark(&s->added, &copy);
	store_data_add_mark(&s->deleted, &copy);
	if (record) push_undo(s, (struct undo){.kind = STORE_UNDO_DELETE, .mark = copy});
	else mark_free(&copy);
	s->dirty = true;
	return true;
}

bool store_add_mark(struct store *s, const struct mark *m) { return add_mark(s, m, true); }

/* Record m's note and tags for the mark identical to m in d (copy added
 * when absent); false when d has no such mark and add is false. */
static bool set_notes_in(struct store_data *d, const struct mark *m, bool add)
{
	long i = store_data_find_mark(d, m, NULL);
	if (i < 0 && add) {
		store_data_add_mark(d, m);
		i = store_data_find_mark(d, m, NULL);
	}
	if (i < 0) return false;
	mark_copy_notes(&d->marks[i], m);
	return true;
}

static bool set_mark_notes(struct store *s, const struct mark *m, bool record)
{
	long i = store_data_find_mark(&s->d, m, NULL);
	if (i < 0) return false;
	if (mark_same_notes(&s->d.marks[i], m)) return true;
	if (record) { /* the mark as it was, notes and all */
		struct undo u = {.kind = STORE_UNDO_NOTES};
		mark_copy(&u.mark, &s->d.marks[i]);
		push_undo(s, u);
	}
	set_notes_in(&s->noted, m, true);
	set_notes_in(&s->added, m, false); /* an addition carries its notes */
	mark_copy_notes(&s->d.marks[i], m);
	s->dirty = true;
	return true;
}
bool store_set_mark_notes(struct store *s, const struct mark *m) { return set_mark_notes(s, m, true); }
bool store_delete_mark(struct store *s, const struct mark *m) { return delete_mark(s, m, true); }

enum store_undo_kind store_undo(struct store *s, const char **article_id)
{
	if (article_id) *article_id = NULL;
	if (!s->nundo) return STORE_UNDO_NONE;
	struct undo u = s->undo[--s->nundo];
	enum store_undo_kind k = u.kind;
	if (k == STORE_UNDO_ADD) delete_mark(s, &u.mark, false);
	else if (k == STORE_UNDO_DELETE) add_mark(s, &u.mark, false);
	else if (k == STORE_UNDO_NOTES) set_mark_notes(s, &u.mark, false);
	else set_read(s, u.id, u.old_read, false);
	if (article_id) {
		/* Hand out a string the store owns: the article's state entry. */
		struct art_state *a = store_data_art(&s->d, u.id ? u.id : u.mark.article, true);
		*article_id = a->id;
	}
	undo_clear(&u);
	return k;
}

/* Take the lock beside the state file; -1 with errno on failure. */
static int lock_take(const char *path)
{
	struct strbuf lp = STRBUF_INIT;
	strbuf_addf(&lp, "%s.lock", path);
	int fd = open(lp.buf, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	strbuf_free(&lp);
	if (fd < 0) return -1;
	for (int waited = 0;; waited += 10) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0) return fd;
		if ((errno != EWOULDBLOCK && errno != EINTR) || waited >= LOCK_WAIT_MS) {
			int e = errno == EWOULDBLOCK ? ETIMEDOUT : errno;
			close(fd);
			errno = e;
			return -1;
		}
		struct timespec ts = {0, 10 * 1000000L};
		nanosleep(&ts, NULL);
	}
}

/* Apply this session's changes to disk (the freshly re-read state). */
static void apply_session(const struct store *s, struct store_data *disk)
{
	for (size_t i = 0; i < s->deleted.nmarks; i++) store_data_del_mark(disk, &s->deleted.marks[i]);
	for (size_t i = 0; i < s->added.nmarks; i++) store_data_add_mark(disk, &s->added.marks[i]);
	if (s->d.last_dirty) {
		free(disk->last);
		disk->last = s->d.last ? xstrdup(s->d.last) : NULL;
	}
	for (size_t i = 0; i < s->noted.nmarks; i++) set_notes_in(disk, &s->noted.marks[i], false);
	for (size_t i = 0; i < s->d.narts; i++) {
		const struct art_state *mine = &s->d.arts[i];
		if (!mine->read_dirty && !mine->pos_dirty) continue;
		struct art_state *a = store_data_art(disk, mine->id, true);
		if (mine->read_dirty) a->read = mine->read;
		if (mine->pos_dirty) {
			a->has_pos = mine->has_pos;
			a->pos = mine->pos;
		}
	}
}

/* Does any article's read flag differ between a and b? (A save that
 * changes none keeps read_gen, so the reader's kept counts stay.) */
static bool read_differs(const struct store_data *a, const struct store_data *b)
{
	for (size_t i = 0; i < b->narts; i++) {
		const struct art_state *x = store_data_art_const(a, b->arts[i].id);
		if ((x && x->read) != b->arts[i].read) return true;
	}
	for (size_t i = 0; i < a->narts; i++) {
		const struct art_state *y = store_data_art_const(b, a->arts[i].id);
		if (a->arts[i].read && !(y && y->read)) return true;
	}
	return false;
}

int store_save(struct store *s, struct diag_list *diags)
{
	char *dir = fsutil_dirname(s->path);
	int e = fsutil_mkdir_p(dir, 0700);
	free(dir);
	if (e) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, "cannot create the state folder: %s", strerror(e));
		return -1;
	}
	int lock = lock_take(s->path);
	if (lock < 0) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, "cannot lock the state file: %s",
			 errno == ETIMEDOUT ? "another dossier holds the lock" : strerror(errno));
		return -1;
	}
	struct store_data disk = {0};
	if (load(s->path, &disk, diags) == STORE_FILE_ERROR) {
		/* Unreadable but present: writing over it could lose data. */
		store_data_free(&disk);
		close(lock);
		return -1;
	}
	apply_session(s, &disk);
	struct strbuf text = STRBUF_INIT;
	store_file_format(&disk, &text);
	const char *step = NULL;
	e = fsutil_write_atomic(s->path, text.buf, text.len, FSUTIL_PRIVATE, &step);
	strbuf_free(&text);
	close(lock); /* releases the flock */
	if (e) {
		diag_add(diags, DIAG_ERROR, s->path, 0, 0, "reading state not saved (%s): %s", step,
			 strerror(e));
		store_data_free(&disk);
		return -1;
	}
	if (read_differs(&s->d, &disk)) s->read_gen++; /* set elsewhere (the CLI) */
	store_data_free(&s->d);
	s->d = disk;
	store_data_free(&s->added);
	store_data_free(&s->deleted);
	store_data_free(&s->noted);
	s->dirty = false;
	return 0;
}

/* A passage shortened for a one-line list: up to 40 code points, quoted
 * in ASCII (the caller makes the line safe for its terminal). */
static void add_excerpt(struct strbuf *out, const char *text)
{
	size_t i = 0, cps = 0;
	while (text[i] && cps < 40) {
		i++;
		while ((text[i] & 0xC0) == 0x80) i++;
		cps++;
	}
	strbuf_addc(out, '"');
	for (size_t k = 0; k < i; k++) strbuf_addc(out, text[k] == '\n' ? ' ' : text[k]);
	strbuf_adds(out, text[i] ? "...\"" : "\"");
}

size_t store_unsaved(const struct store *s, struct strbuf *out)
{
	size_t n = 0;
	if (!s->dirty) return 0;
	const struct store_data *set[2] = {&s->added, &s->deleted};
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < set[k]->nmarks; i++, n++) {
			if (!out) continue;
			const struct mark *m = &set[k]->marks[i];
			strbuf_addf(out, "mark %s in %s: ", k ? "deleted" : "added", m->article);
			add_excerpt(out, m->text);
			strbuf_addc(out, '\n');
		}
	for (size_t i = 0; i < s->d.narts; i++) {
		const struct art_state *a = &s->d.arts[i];
		if (a->read_dirty && ++n && out)
			strbuf_addf(out, "%s marked %s\n", a->id, a->read ? "read" : "unread");
		if (a->pos_dirty && ++n && out) strbuf_addf(out, "reading position in %s\n", a->id);
	}
	return n;
}

int store_save_copy(const struct store *s, const char *path, struct diag_list *diags)
{
	struct strbuf text = STRBUF_INIT;
	store_file_format(&s->d, &text);
	const char *step = NULL;
	int e = fsutil_write_atomic(path, text.buf, text.len, FSUTIL_PRIVATE | FSUTIL_NO_OVERWRITE,
				    &step);
	strbuf_free(&text);
	if (!e) return 0;
	diag_add(diags, DIAG_ERROR, path, 0, 0, "reading state not written (%s): %s", step,
		 e == EEXIST ? "the file exists already" : strerror(e));
	return -1;
}
