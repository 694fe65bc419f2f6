/* SPDX-License-Identifier: MIT
 * Every user action, once: ACTION_INFO rows expand into the enum, the names
 * accepted by the config's bind section and the help overlay, so the three
 * cannot drift apart. Adding an action means adding one row here (and a
 * case in tui.c); the help overlay and config names follow. */
#ifndef DOSSIER_TUI_ACTIONS_H
#define DOSSIER_TUI_ACTIONS_H

#include <stdbool.h>

#define ACTION_INFO(_) \
	_(NONE,            "none",             "Remove a binding") \
	_(QUIT,            "quit",             "Close the overlay, or quit") \
	_(HELP,            "help",             "Show this help") \
	_(REDRAW,          "redraw",           "Redraw the screen") \
	_(FOCUS_NEXT,      "focus-next",       "Focus the next pane") \
	_(FOCUS_PREV,      "focus-prev",       "Focus the previous pane") \
	_(FOCUS_LIST,      "focus-list",       "Focus the article list") \
	_(FOCUS_TEXT,      "focus-text",       "Focus the article text") \
	_(FOCUS_RELATED,   "focus-related",    "Focus the related articles") \
	_(MOVE_DOWN,       "move-down",        "Move down one line") \
	_(MOVE_UP,         "move-up",          "Move up one line") \
	_(PAGE_DOWN,       "page-down",        "Move down one page") \
	_(PAGE_UP,         "page-up",          "Move up one page") \
	_(TOP,             "top",              "Go to the top") \
	_(BOTTOM,          "bottom",           "Go to the bottom") \
	_(OPEN,            "open",             "Open the selected article") \
	_(BACK,            "back",             "Back in the reading history") \
	_(FORWARD,         "forward",          "Forward in the reading history") \
	_(TOGGLE_READ,     "toggle-read",      "Mark the article read / unread") \
	_(SORT,            "sort",             "Cycle sort: date, title, source, relevance") \
	_(BROWSER,         "browser",          "Open the article URL with $BROWSER") \
	_(EDIT,            "edit",             "Edit the article file with $EDITOR, then reload") \
	_(RELOAD,          "reload",           "Read the folder again: new, changed, gone files") \
	_(SEARCH,          "search",           "Search in the focused pane") \
	_(SEARCH_NEXT,     "search-next",      "Next search hit") \
	_(SEARCH_PREV,     "search-prev",      "Previous search hit") \
	_(FILTER,          "filter",           "Filter the list with a query") \
	_(FILTER_CLEAR,    "filter-clear",     "Clear the filter") \
	_(TAGS,            "tags",             "Tag browser") \
	_(SEARCHES,        "searches",         "Saved searches with counts; Enter or 1-9 filters") \
	_(SAVE_SEARCH,     "save-search",      "In the filter prompt: save the query under a name") \
	_(COMPLETE,        "complete",         "In the filter prompt: complete a field, tag, source, author or @search") \
	_(MARKS,           "marks",            "Marked passages") \
	_(MESSAGES,        "messages",         "Load problems and earlier messages") \
	_(COLLECTIONS,     "collections",      "Switch to another collection") \
	_(EXPORT,          "export",           "Export marks") \
	_(UNDO,            "undo",             "Undo the last change") \
	_(SELECT,          "select",           "Start / end a selection") \
	_(EXTEND_WORD,     "extend-word",      "Cursor to the next word; a selection grows to its end") \
	_(EXTEND_SENTENCE, "extend-sentence",  "Cursor to the next sentence; a selection grows to its end") \
	_(EXTEND_PARAGRAPH,"extend-paragraph", "Cursor to the next paragraph; a selection grows to its end") \
	_(WORD_BACK,       "word-back",        "Cursor to the previous word; a selection shrinks by one") \
	_(SENTENCE_BACK,   "sentence-back",    "Cursor to the previous sentence; a selection shrinks by one") \
	_(PARAGRAPH_BACK,  "paragraph-back",   "Cursor to the previous paragraph; a selection shrinks by one") \
	_(CHAR_NEXT,       "char-next",        "Cursor one character right") \
	_(CHAR_PREV,       "char-prev",        "Cursor one character left") \
	_(MARK,            "mark",             "Mark / unmark the passage") \
	_(COPY,            "copy",             "Copy the selection or mark with its citation (OSC 52, copy.command)") \
	_(PIPE,            "pipe",             "Pipe the selection or the article to a shell command") \
	_(PIPE_OUTPUT,     "pipe-output",      "On the pipe prompt: show the command's output, or discard it") \
	_(NOTE,            "note",             "Note and #tags of the mark (under the cursor, or selected in M)") \
	_(NOTE_EDITOR,     "note-editor",      "The mark's note and #tags in $VISUAL/$EDITOR (also from the note prompt)") \
	_(DELETE,          "delete",           "Delete the selected entry") \
	_(LINKS,           "links",            "List the article's links; Enter opens one") \
	_(OPEN_LINK,       "open-link",        "Open link N of the article (asks for N)") \
	_(TOGGLE_RAW,      "toggle-raw",       "Show the article as stored / rendered") \
	_(SCROLL_RIGHT,    "scroll-right",     "Code lines wider than the pane: scroll right") \
	_(SCROLL_LEFT,     "scroll-left",      "Code lines wider than the pane: scroll back left") \
	_(FOLD,            "fold",             "Show or fold the near-copies of the article")

enum action {
#define ACTION_ENUM(id, name, help) ACT_##id,
	ACTION_INFO(ACTION_ENUM)
#undef ACTION_ENUM
	ACT_COUNT
};

const char *action_name(enum action a);
const char *action_help(enum action a);
int action_find(const char *name); /* enum action, or -1 */

#endif
