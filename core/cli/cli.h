/* SPDX-License-Identifier: MIT
 * The scriptable front end: subcommands that answer from the core with
 * TSV or JSON on stdout, messages "dossier: ..." on stderr, and exit codes
 * 0 (success), 1 (problem found or failure), 2 (usage error). */
#ifndef DOSSIER_CLI_H
#define DOSSIER_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/cli/cli_options.h"
#include "core/collection/collections.h"
#include "core/collection/dossier.h"
#include "core/collection/order.h"
#include "core/meta/fieldmap.h"
#include "core/find/searches.h"

struct vocab;
struct vocab_shipped;

enum { EXIT_OK = 0, EXIT_PROBLEM = 1, EXIT_USAGE = 2 };

/* What every subcommand gets: options parsed before the subcommand, and the
 * collection, loaded on first use by cli_load(). */
struct cli_ctx {
	const char *corpus;      /* -C, --corpus, else config, else "." */
	const struct collections *collections; /* borrowed, from the config */
	const struct searches *searches; /* borrowed, from the config: @NAME in queries */
	const char *config_path; /* --config or NULL */
	const char *state_path;  /* --state or NULL */
	const struct fieldmap *fieldmap; /* borrowed, from the config */
	const struct vocab *vocab;       /* borrowed, NULL when none chosen (core/collection/topics.h) */
	const char *vocab_from;          /* where it was chosen, NULL when none */
	uint64_t vocab_hash;             /* vocab_hash(vocab), 0 when none */
	const struct vocab_shipped *topics_lib; /* the shipped vocabularies, borrowed */
	size_t ntopics_lib;
	bool no_cache;                   /* --no-cache or DOSSIER_NO_CACHE=1 */
	int check_every;                 /* config check-every: seconds folder times are trusted */
	struct ftsindex *fts;            /* owned: opened by the first word query */
	bool fts_tried;
	/* import: page-chrome patterns, borrowed: the shipped YAML text
	 * (config_default_boilerplate) and the user's file, NULL when none. */
	const char *boilerplate_yaml;
	const char *boilerplate_path;
	FILE *out, *err;
	unsigned display_flags;          /* UTF8_ASCII: a terminal in a non-UTF-8 locale */
	bool raw_text;                   /* non-UTF-8 locale, output not a terminal: text
					  * bytes as they are, only controls escaped */
	struct dossier d;
	bool loaded;
	/* the process exits when cli_run returns (main sets it, then calls
	 * exit() with cx still on its stack): the loaded collection is left
	 * for the exit to take back, not freed (dossier_close_exiting) */
	bool exiting;
	/* bytes a lean listing wrote before a damaged record stopped it: the
	 * load's listing leaves them out (cli_lean_resume) */
	size_t lean_sent;
	bool save_later;                 /* the command only reads the collection: the
					  * cache is written while it runs (dossier.h) */
	/* a full check of the collection runs in the background (started by
	 * this command or another): folder times are trusted whatever the
	 * last full check's age (cli_sweep.c) */
	bool sweeping;
};

/* Load the collection once; on failure prints the reason, returns -1. Load
 * problems are not printed here (`check` prints them). */
int cli_load(struct cli_ctx *cx);
/* No cache for this command: --no-cache, DOSSIER_NO_CACHE=1, or a
 * vocabulary without its hash (the cache could not tell it changed). */
bool cli_cache_off(const struct cli_ctx *cx);

struct store;
struct query;

/* The reading state for this collection (--state, else the XDG place).
 * NULL when there is nowhere to keep it (message printed); problems with
 * the file are printed and the store starts empty. */
struct store *cli_store_open(struct cli_ctx *cx);

/* Query from the operands (joined by spaces, as notmuch does). Options
 * end at the first operand; after it a word such as "-tag:x" is a negated
 * term, but "--x" or one of the command's short options ("-o") is a
 * misplaced option, a usage error; the first "--" ends that check. Prints
 * errors. Returns EXIT_OK with *q set (the caller frees it), or an exit
 * code. Needs the collection loaded. */
int cli_query_parse(struct cli_ctx *cx, const struct cli_args *a, struct query **q);
/* Does article art match q, with is:read / is:marked answered by st
 * (NULL: no reading state)? */
bool cli_query_match(struct cli_ctx *cx, const struct query *q, const struct store *st, size_t art);
struct mark;
/* The same for one passage m of article art (marktag: looks at m). */
bool cli_query_match_mark(struct cli_ctx *cx, const struct query *q, const struct store *st,
			  size_t art, const struct mark *m);

/* The article named by arg: its ID, its ID with the extension, or a path
 * (relative to the current folder, or absolute) to its file inside the
 * collection. -1 with a message when there is none. Needs the collection
 * loaded. */
long cli_find_article(struct cli_ctx *cx, const char *arg);

/* Print every diag as "dossier: FILE:LINE:COL: msg" and empty the list. */
void cli_print_diags(struct cli_ctx *cx, struct diag_list *dl);

/* Run argv[0] as a subcommand: its options parsed from the table
 * (core/cli/cli_options.c), --help answered. Returns an exit code. */
int cli_run(struct cli_ctx *cx, int argc, char **argv);

/* Append s[0..len) to sb made safe for cx->out: through the display
 * policy (core/text/utf8.c), or with cx->raw_text the UTF-8 as it is with only
 * controls, C1 and bidi controls escaped and invalid bytes replaced.
 * layout keeps newlines and tabs (else both become spaces); at most max
 * columns (code points with raw_text). */
void cli_safe_text(const struct cli_ctx *cx, struct strbuf *sb, const char *s, size_t len, int max,
		   bool layout);

/* One TSV field to cx->out through cli_safe_text: controls shown as
 * placeholders, tabs and newlines as spaces; NULL prints nothing. */
void cli_put_field(struct cli_ctx *cx, const char *s);

/* Print "dossier: msg" to cx->err. */
void cli_error(struct cli_ctx *cx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Subcommands: each lives in its own cli_*.c; a holds its parsed options
 * and operands. */
int cli_list(struct cli_ctx *cx, const struct cli_args *a);
int cli_show(struct cli_ctx *cx, const struct cli_args *a);
int cli_links(struct cli_ctx *cx, const struct cli_args *a); /* cli_links.c */
int cli_related(struct cli_ctx *cx, const struct cli_args *a);
int cli_duplicates(struct cli_ctx *cx, const struct cli_args *a);
int cli_tags(struct cli_ctx *cx, const struct cli_args *a);
int cli_check(struct cli_ctx *cx, const struct cli_args *a);
int cli_marks(struct cli_ctx *cx, const struct cli_args *a);
int cli_mark(struct cli_ctx *cx, const struct cli_args *a);
int cli_note(struct cli_ctx *cx, const struct cli_args *a); /* cli_note.c */
/* Give the stored mark identical to m the note (when set_note; NULL or ""
 * removes it), the tags add[] and not the tags del[]. false, with a
 * message, when an added tag normalises to nothing (nothing changed). */
bool cli_mark_annotate(struct cli_ctx *cx, struct store *st, const struct mark *m, const char *note,
		       bool set_note, const char *const *add, size_t nadd, const char *const *del,
		       size_t ndel);
int cli_export(struct cli_ctx *cx, const struct cli_args *a);
int cli_import(struct cli_ctx *cx, const struct cli_args *a);
int cli_collections(struct cli_ctx *cx, const struct cli_args *a);
int cli_refresh(struct cli_ctx *cx, const struct cli_args *a);

struct json;
struct article;
struct strbuf;
/* One line of `list` for art (TSV) appended to line (the caller writes
 * it, so a listing writes in large pieces), or its object into j (--json;
 * line untouched). */
void cli_list_article(const struct cli_ctx *cx, const struct article *art, struct json *j,
		      struct strbuf *line);
struct metaindex_line;
/* The same TSV line from a record's spans (metaindex_read_line), when
 * every field is printable ASCII (then the line is exactly
 * cli_list_article's: such text is printed as it is); false, line's text
 * untouched, when one is not (read the record whole instead). */
bool cli_list_line(const struct metaindex_line *ln, struct strbuf *line);
/* The same for --json: the article's object into j, as cli_list_article
 * writes it (strings json_quote writes as they are copied, the others
 * escaped by it), when j is a pretty array's first level and no string
 * holds a NUL (which metaindex_read refuses); false, j untouched, when
 * not. */
bool cli_json_line(struct json *j, const struct metaindex_line *ln);
struct strbuf;
/* Write a JSON document held in sb with a final newline; frees sb. */
void cli_json_flush(struct cli_ctx *cx, struct strbuf *sb);
/* `list` (count: only the number; --sort date, source or title), `tags`
 * and tag completion answered from the metadata cache's lean index
 * (core/meta/metaindex.h) without loading the collection; -1 when they
 * cannot be (the caller loads: words, other front-matter keys, --sort
 * relevance, more than a quarter of the articles to decode only to judge
 * or to sort by title, a damaged record: then cx->lean_sent says how much
 * was printed), else the exit status. cli_lean.c. */
int cli_lean_list(struct cli_ctx *cx, const struct cli_args *a, bool count, bool as_json);
/* After cli_lean_list gave up part way (a damaged record), a stream over
 * cx->out that drops what it already wrote, so the load's listing
 * continues it (the two are byte-identical); NULL when nothing was
 * written. The caller fcloses it. */
FILE *cli_lean_resume(struct cli_ctx *cx);
int cli_lean_tags(struct cli_ctx *cx, bool as_json);
int cli_lean_related(struct cli_ctx *cx, const char *id, size_t max, bool as_json);
struct related;
struct related_src;
struct tagindex;
/* related's output for r[0..n): articles from c, else from src. */
void cli_related_print(struct cli_ctx *cx, const struct related *r, size_t n,
		       const struct tagindex *ti, const struct collection *c,
		       const struct related_src *src, bool as_json);
struct metaindex;
/* The lean index, when caching is on and the cache can vouch for the
 * collection as it is now; else NULL. Closed with metaindex_close. */
struct metaindex *cli_lean_open(const struct cli_ctx *cx);
struct readbits;
/* The reading state per article of mx for is: terms (cli_lean_state.c):
 * rb->read and rb->marked (owned; either NULL when unknown: the decoder
 * then asks *st by id), *st the state when it had to be read (else NULL;
 * store_free). */
void cli_lean_state(struct cli_ctx *cx, const struct metaindex *mx, struct store **st,
		    struct readbits *rb);
/* Sort the article numbers art[0..n) (ascending, distinct) by key (date,
 * title or source) as collection_order sorts a loaded collection; false
 * when a record it needs does not read (cli_lean_sort.c). */
bool cli_lean_sort(struct metaindex *mx, size_t *art, size_t n, enum order_key key);
/* The same with another bound on the last full check's age
 * (METAINDEX_AS_SAVED: the cache as the load just saved it). */
struct metaindex *cli_lean_open_at(const struct cli_ctx *cx, int check_every);

/* ---- the full check in the background (cli_sweep.c) ---- */
/* Before a command reads the collection: when the cache's last full check
 * is check-every seconds old or more, start the full check in a detached
 * child (unless one runs) and let this command trust the folders
 * (cx->sweeping). Nothing when check-every is 0, the cache is off or
 * absent or its check time damaged, or no lock file can be made beside
 * it: then the load checks every file itself, as before. */
void cli_sweep_begin(struct cli_ctx *cx);
/* The bound the command's loads use: check_every, or INT_MAX while a
 * sweep runs (folders trusted). */
int cli_check_bound(const struct cli_ctx *cx);
/* The child's work, in the calling process: every file stat-ed against
 * the cache; the check time patched in when all match, else a full check
 * loaded and saved. 0, or -1 when nothing could be recorded. */
int cli_sweep_run(const struct cli_ctx *cx);
/* Its first half: every file stat-ed against the cache without loading,
 * the check time patched in when all match. 1 when all matched and the
 * time is recorded (or a command saved the cache meanwhile), 0 when
 * something changed or there is no usable cache, -1 when all matched but
 * the time could not be recorded. */
int cli_sweep_same(const struct cli_ctx *cx);
/* `related` of the loaded article art from the content index file, built
 * streamed now unless it is there for this load (core/cli/cli_related.c);
 * -1 when it cannot be (no cache folder, no snapshot): load and sign. */
int cli_related_indexed(struct cli_ctx *cx, size_t art, size_t max, bool as_json);
/* The content index file over the loaded collection, for this load (built
 * streamed unless it is there), owned by the caller; NULL without a cache
 * folder or a snapshot of the load. */
struct simfile *cli_index_for_load(struct cli_ctx *cx);
struct simfile;
struct related_content;
/* The content index file sf over n articles as a related_content. */
struct related_content cli_simfile_content(struct simfile *sf, size_t n);
int cli_topics(struct cli_ctx *cx, const struct cli_args *a);
int cli_searches(struct cli_ctx *cx, const struct cli_args *a);
/* Hidden timing commands for `make bench` (cli_index.c). */
int cli_bench_related(struct cli_ctx *cx, const struct cli_args *a);
int cli_bench_similar(struct cli_ctx *cx, const struct cli_args *a);
int cli_bench_query(struct cli_ctx *cx, const struct cli_args *a);
int cli_bench_render(struct cli_ctx *cx, const struct cli_args *a); /* cli_links.c */
int cli_bench_searches(struct cli_ctx *cx, const struct cli_args *a);
/* Hidden: folding and matching throughput of the vocabulary (cli_topics.c). */
int cli_bench_vocab(struct cli_ctx *cx, const struct cli_args *a);
/* The saved searches in effect for the loaded collection, parsed (problems
 * go to diags) (core/cli/cli_searches.c). Free with search_set_free. */
void cli_search_set(struct cli_ctx *cx, struct search_set *ss, struct diag_list *diags);

struct ftsindex;
/* The full-text index refreshed for the loaded collection, or NULL (no
 * cache wanted, or it failed: a note is printed and bodies are read). */
struct ftsindex *cli_fts_open(struct cli_ctx *cx);
/* check --index: the full-text index's full integrity check; a damaged
 * index is rebuilt at once (cli_index.c). */
int cli_check_index(struct cli_ctx *cx);
/* Hidden: shell completion candidates (core/cli/cli_complete.c). */
int cli_complete(struct cli_ctx *cx, const struct cli_args *a);

#endif
