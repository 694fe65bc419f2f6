/* SPDX-License-Identifier: MIT
 * ncurses lives here and nowhere else (make check-layers). Signal handlers
 * only set flags; the main loop notices them (reads time out every 250 ms
 * at worst) and ends curses mode before exiting with 128+signo. ncurses
 * does not restore the terminal on SIGHUP, hence our own handlers. */
#include "tui/term.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curses.h>
#include <term.h> /* setupterm: probe TERM before newterm */

#include "core/base/fsutil.h"

static volatile sig_atomic_t got_signal, got_cont;
static bool active;
static SCREEN *screen;
static attr_t style_attr[STYLE_COUNT];
static short style_pair[STYLE_COUNT];

static void on_signal(int sig) { got_signal = sig; }

static bool write_all(int fd, const char *s, size_t n) { return fsutil_write_all(fd, s, n) == 0; }
static void on_cont(int sig) { (void)sig; got_cont = 1; }

static void install_handlers(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_signal; /* no SA_RESTART: reads return early */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGQUIT, &sa, NULL);
	sa.sa_handler = on_cont;
	sa.sa_flags = SA_RESTART;
	sigaction(SIGCONT, &sa, NULL);
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
}

static attr_t attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & COLOR_ATTR_BOLD) r |= A_BOLD;
	if (a & COLOR_ATTR_REVERSE) r |= A_REVERSE;
	if (a & COLOR_ATTR_UNDERLINE) r |= A_UNDERLINE;
	if (a & COLOR_ATTR_DIM) r |= A_DIM;
#ifdef A_ITALIC
	if (a & COLOR_ATTR_ITALIC) r |= A_ITALIC;
#endif
	return r;
}

static void setup_styles(const struct theme *t)
{
	bool color = t->color && has_colors() && start_color() == OK;
	if (color) use_default_colors();
	for (int i = 0; i < STYLE_COUNT; i++) {
		const struct style_def *s = &t->s[i];
		style_pair[i] = 0;
		bool has = s->fg >= 0 || s->bg >= 0;
		if (color && has && i + 1 < COLOR_PAIRS) {
			int fg = s->fg < COLORS ? s->fg : s->fg % 8;
			int bg = s->bg < COLORS ? s->bg : s->bg % 8;
			init_pair((short)(i + 1), (short)fg, (short)bg);
			style_pair[i] = (short)(i + 1);
			style_attr[i] = attrs_of(s->attrs);
		} else {
			/* NO_COLOR, vt100 and friends: the style's attributes and the
			 * ones that keep it apart without colour (theme.h) */
			style_attr[i] = attrs_of(s->mono);
		}
	}
}

/* ncurses turns on only press/release reports (xterm mode 1000) even
 * when asked for motion; drag selection needs button-event tracking
 * (mode 1002: motion while a button is down), switched on and off here
 * around curses mode. Only when ncurses found a mouse (kmous), so a
 * terminal never sends reports that nothing decodes. */
static void drag_tracking(bool on)
{
	if (!has_mouse()) return;
	fflush(stdout);
	write_all(STDOUT_FILENO, on ? "\x1b[?1002h" : "\x1b[?1002l", 8);
}

int term_open(const struct theme *t, const char **err)
{
	const char *term = getenv("TERM");
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		*err = "the reader needs a terminal (stdin and stdout must be a tty); "
		       "use a subcommand such as 'dossier list' in scripts";
		return -1;
	}
	if (!term || !*term || strcmp(term, "dumb") == 0) {
		*err = "TERM is unset or 'dumb': the reader needs a full-screen terminal";
		return -1;
	}
	/* newterm leaks its half-built screen when TERM is unknown (libtinfo
	 * new_prescr, seen by LeakSanitizer); setupterm reports it cleanly. */
	int terr = 0;
	if (setupterm(term, STDOUT_FILENO, &terr) != OK) {
		*err = "unknown terminal type (check TERM)";
		return -1;
	}
	del_curterm(cur_term);
	install_handlers();
	screen = newterm(NULL, stdout, stdin);
	if (!screen) {
		*err = "unknown terminal type (check TERM)";
		return -1;
	}
	set_term(screen);
	active = true;
	set_escdelay(25);
	raw();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	/* no BUTTON1_CLICKED: ncurses then holds a release back to make a
	 * click of it and can drop the press that follows */
	mousemask(BUTTON1_PRESSED | BUTTON1_RELEASED | BUTTON4_PRESSED | BUTTON5_PRESSED |
		  REPORT_MOUSE_POSITION, NULL);
	mouseinterval(0);
	drag_tracking(true);
	setup_styles(t);
	return 0;
}

void term_close(void)
{
	if (!active) return;
	active = false;
	curs_set(1);
	drag_tracking(false);
	endwin();
	delscreen(screen);
	screen = NULL;
}

bool term_active(void) { return active; }

void term_size(int *rows, int *cols)
{
	getmaxyx(stdscr, *rows, *cols);
}

int term_signal(void) { return got_signal; }

bool term_take_resumed(void)
{
	bool r = got_cont;
	got_cont = 0;
	return r;
}

static bool translate_special(int c, struct key *k)
{
	switch (c) {
	case KEY_UP: k->code = K_UP; return true;
	case KEY_DOWN: k->code = K_DOWN; return true;
	case KEY_LEFT: k->code = K_LEFT; return true;
	case KEY_RIGHT: k->code = K_RIGHT; return true;
	case KEY_NPAGE: k->code = K_PGDN; return true;
	case KEY_PPAGE: k->code = K_PGUP; return true;
	case KEY_HOME: k->code = K_HOME; return true;
	case KEY_END: k->code = K_END; return true;
	case KEY_ENTER: k->code = K_ENTER; return true;
	case KEY_BACKSPACE: k->code = K_BACKSPACE; return true;
	case KEY_DC: k->code = K_DELETE; return true;
	case KEY_IC: k->code = K_INSERT; return true;
	case KEY_BTAB: k->code = K_TAB; k->mods = MOD_SHIFT; return true;
	case KEY_RESIZE: k->code = K_RESIZE; return true;
	case KEY_MOUSE: {
		MEVENT ev;
		if (getmouse(&ev) != OK) return false;
		k->code = K_MOUSE;
		k->x = ev.x;
		k->y = ev.y;
		if (ev.bstate & BUTTON4_PRESSED) k->button = MOUSE_WHEEL_UP;
		else if (ev.bstate & BUTTON5_PRESSED) k->button = MOUSE_WHEEL_DOWN;
		else if (ev.bstate & BUTTON1_PRESSED) k->button = MOUSE_CLICK;
		else if (ev.bstate & BUTTON1_RELEASED) k->button = MOUSE_RELEASE;
		else if (ev.bstate & REPORT_MOUSE_POSITION) k->button = MOUSE_DRAG;
		else return false;
		return true;
	}
	default:
		if (c >= KEY_F(1) && c <= KEY_F(12)) {
			k->code = K_F1 + (c - KEY_F(1));
			return true;
		}
		return false;
	}
}

/* The pty closed under us (its window was killed) without a SIGHUP that
 * reached this process: get_wch then fails at once, forever, and the
 * read loop would spin at full CPU (HOSTILE.md 40). */
static bool terminal_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	return poll(&p, 1, 0) > 0 && (p.revents & (POLLHUP | POLLERR | POLLNVAL));
}

/* Suspend like a shell job (^Z): leave curses mode, stop the process
 * group with the default action, and on SIGCONT come back in curses mode;
 * got_cont makes the main loop lay out and redraw everything. */
static void term_stop(void)
{
	struct sigaction dfl, old;
	memset(&dfl, 0, sizeof dfl);
	sigemptyset(&dfl.sa_mask);
	dfl.sa_handler = SIG_DFL;
	def_prog_mode();
	drag_tracking(false);
	endwin();
	sigaction(SIGTSTP, &dfl, &old);
	kill(0, SIGTSTP);
	sigaction(SIGTSTP, &old, NULL);
	reset_prog_mode();
	drag_tracking(true);
	clearok(stdscr, TRUE);
	got_cont = 1;
}

bool term_read(struct key *k, int timeout_ms)
{
	memset(k, 0, sizeof *k);
	if (got_signal) return false;
	timeout(timeout_ms < 0 ? 250 : timeout_ms);
	for (;;) {
		wint_t wc;
		int r = get_wch(&wc);
		if (got_signal) return false;
		if (r == ERR) {
			if (terminal_gone()) {
				got_signal = SIGHUP; /* leave as on a hangup: state saved, 129 */
				return false;
			}
			if (timeout_ms >= 0 || got_cont) return false;
			continue; /* waiting forever, in 250 ms steps to see signals */
		}
		if (r == KEY_CODE_YES) {
			if (translate_special((int)wc, k)) return true;
			continue;
		}
		if (wc == 26) { /* ^Z: raw mode turned off ISIG, so suspend here */
			term_stop();
			return false;
		}
		if (wc == '\t') k->code = K_TAB;
		else if (wc == '\r' || wc == '\n') k->code = K_ENTER;
		else if (wc == 127 || wc == 8) k->code = K_BACKSPACE;
		else if (wc == 27) k->code = K_ESC;
		else if (wc == 0) { k->code = ' '; k->mods = MOD_CTRL; }
		else if (wc < 32) { k->code = (int32_t)('a' + wc - 1); k->mods = MOD_CTRL; }
		else k->code = (int32_t)wc;
		return true;
	}
}

void term_blit(const struct grid *g, bool force)
{
	if (!active) return;
	if (force) clearok(stdscr, TRUE);
	erase();
	int rows, cols;
	getmaxyx(stdscr, rows, cols);
	for (int r = 0; r < g->rows && r < rows; r++) {
		for (int c = 0; c < g->cols && c < cols; c++) {
			const struct cell *cell = &g->cells[(size_t)r * (size_t)g->cols + (size_t)c];
			if (cell->width == 0) continue;
			unsigned s = cell->style < STYLE_COUNT ? cell->style : 0;
			attr_set(style_attr[s], style_pair[s], NULL);
			mvaddnstr(r, c, cell->text, cell->len);
		}
	}
	attr_set(A_NORMAL, 0, NULL);
	refresh();
}

void term_suspend(void)
{
	if (!active) return;
	def_prog_mode();
	drag_tracking(false);
	endwin();
}

void term_resume(void)
{
	if (!active) return;
	reset_prog_mode();
	drag_tracking(true);
	clearok(stdscr, TRUE);
	refresh();
}

bool term_osc52(const char *b64, size_t n)
{
	if (!active) return false;
	for (size_t i = 0; i < n; i++) { /* only the base64 alphabet goes out */
		char ch = b64[i];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		      ch == '+' || ch == '/' || ch == '='))
			return false;
	}
	fflush(stdout); /* after what curses wrote */
	static const char head[] = "\x1b]52;c;";
	bool ok = write_all(STDOUT_FILENO, head, sizeof head - 1) &&
		  write_all(STDOUT_FILENO, b64, n) && write_all(STDOUT_FILENO, "\x07", 1);
	return ok;
}
