#ifndef CONETRIP_NCURSESW_SHIM_H
#define CONETRIP_NCURSESW_SHIM_H
/* Wide-character ncurses (libncursesw). Swift cannot import macros with casts (A_BOLD,
   COLOR_PAIR), variadic functions (mvwprintw) or the mutable globals stdscr/LINES/COLS under
   strict concurrency, so the renderer reaches them through the prefixed inline wrappers below. */
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#include <locale.h>
#include <langinfo.h>
#include <wchar.h>
#include <sys/ioctl.h>
#include <ncursesw/curses.h>

/// The standard screen of the current terminal.
static inline WINDOW *onetrip_curses_stdscr(void) { return stdscr; }

/// Rows of the terminal as ncurses knows them (after the last resize).
static inline int onetrip_curses_rows(void) { return LINES; }

/// Columns of the terminal as ncurses knows them (after the last resize).
static inline int onetrip_curses_columns(void) { return COLS; }

/// Colours the terminal has (8, 16, 256), valid after start_color().
static inline int onetrip_curses_colors(void) { return COLORS; }

/// The attribute bits for a colour pair (0 = the terminal's default colours).
static inline attr_t onetrip_curses_color_pair(short pair) { return (attr_t)COLOR_PAIR(pair); }

/// Bold.
static inline attr_t onetrip_curses_bold(void) { return A_BOLD; }

/// Reverse video (the emphasis that works on every terminal, colour or not).
static inline attr_t onetrip_curses_reverse(void) { return A_REVERSE; }

/// Underline.
static inline attr_t onetrip_curses_underline(void) { return A_UNDERLINE; }

/// Sets the attributes (bold, reverse, colour pair) used by the next writes to a window.
static inline int onetrip_curses_set_attributes(WINDOW *window, attr_t attributes, short pair) {
    return wattr_set(window, attributes, pair, NULL);
}

/// Sets the background every erased cell gets: blanks in a colour pair (0 = terminal default).
static inline void onetrip_curses_set_background(WINDOW *window, attr_t attributes) {
    wbkgdset(window, (chtype)attributes | (chtype)' ');
}

/// Mouse events the renderer asks for: button 1 press and release (a touch panel's tap).
static inline mmask_t onetrip_curses_touch_mask(void) { return BUTTON1_PRESSED | BUTTON1_RELEASED; }

/// The KEY_RESIZE code ncurses returns from wgetch after SIGWINCH.
static inline int onetrip_curses_key_resize(void) { return KEY_RESIZE; }

/// The ERR result of wgetch (no input in no-delay mode).
static inline int onetrip_curses_err(void) { return ERR; }

/// The size of the terminal on a descriptor (TIOCGWINSZ); 0 on success.
static inline int onetrip_terminal_size(int descriptor, int *rows, int *columns) {
    struct winsize size;
    if (ioctl(descriptor, TIOCGWINSZ, &size) != 0) return -1;
    *rows = size.ws_row;
    *columns = size.ws_col;
    return 0;
}

/// The codeset of the current LC_CTYPE locale ("UTF-8" when wide text can be shown).
static inline const char *onetrip_locale_codeset(void) { return nl_langinfo(CODESET); }

/// The display width of one character in the current locale (-1 for a non-printable one).
static inline int onetrip_wcwidth(wchar_t character) { return wcwidth(character); }
#endif
