/* SPDX-License-Identifier: MIT
 * The output of a | command (pipe.output: show), in a scrollable window
 * over the panes, like the pager mutt shows a pipe's output in. Every
 * byte is drawn through the display policy (grid_put): a command's
 * escape sequences show as placeholders and never reach the terminal. */
#ifndef DOSSIER_TUI_OVERLAY_OUTPUT_H
#define DOSSIER_TUI_OVERLAY_OUTPUT_H

#include <stddef.h>

struct tui;

/* Push the window: title on its top row (copied), then out[0..n)
 * (copied) line by line, wrapped to the window. Returns reactions. */
unsigned overlay_output_open(struct tui *t, const char *title, const char *out, size_t n);

#endif
