/* SPDX-License-Identifier: MIT
 * A date for an article whose metadata holds none, read from where real
 * collections carry it instead: a Jekyll-style file name
 * (_posts/2024-05-31-some-title.md; Hugo and Zola read the same prefix)
 * or a news URL (/news/2024/05/31/some-title, /2024-05-31/, /20240531/).
 * Pure functions over one string: no I/O, no allocation, no state, so the
 * loader (article_load.c) can call them on any thread. */
#ifndef DOSSIER_DATE_GUESS_H
#define DOSSIER_DATE_GUESS_H

#include <stddef.h>

/* Years a guessed date may have: as date_find's for running text, so that
 * an 8-digit number in a name or URL (an id, a price) is rarely taken for
 * a date. */
#define DATE_GUESS_YEAR_MIN 1900
#define DATE_GUESS_YEAR_MAX 2199

/* The date a file's base name starts with: "YYYY-MM-DD" (a valid calendar
 * date, year in the range above) followed by '-', '_', '.' or the end of
 * the name ("2024-05-31-title.md", "2024-05-31.md"). Returns YYYYMMDD, or
 * 0 when the name does not start so ("2024-05-31x.md", "12024-05-31-x.md",
 * "2024-02-30-x.md"). name: NUL-terminated, borrowed; NULL gives 0. */
int date_from_name(const char *name);
/* The same over name[0..len) (a folder's name inside a path: a Hugo page
 * bundle's "2024-05-31-title/index.md"). */
int date_from_name_len(const char *name, size_t len);

/* The date a URL's path holds (the host, query and fragment are never
 * looked at; the path is read as written: percent-escapes are not
 * decoded, so "%2F" does not part segments and an escaped digit is no
 * digit). A date is any of, in the path's '/'-separated segments:
 *  - three segments "YYYY", "MM", "DD" in a row (".../2024/05/31/..." or
 *    ".../2024/05/31" at the end); month and day exactly two digits
 *    ("/2024/5/31/" is none: WordPress and Jekyll's default permalinks
 *    pad them, and unpadded numbers after a year are as often a page or
 *    an issue number);
 *  - a segment that is, or begins with, "YYYY-MM-DD" followed by '-',
 *    '_' or '.' (date_from_name's rule: "2024-05-31-some-title");
 *  - a segment of exactly eight digits "YYYYMMDD".
 * A year and month alone ("/2024/05/") is not a date and gives none: the
 * day would be invented. Every candidate must be a valid calendar date;
 * when the path holds two different dates the answer is 0 (ambiguous), the
 * same date twice is that date. Returns YYYYMMDD or 0. url: NUL-terminated,
 * borrowed; NULL gives 0. Linear in the URL's length. */
int date_from_url(const char *url);

/* The date a site-relative page path holds, by date_from_url's rules over
 * every segment (there is no host to skip): Zola's "path" key
 * ("2024/12/16/some-title", with or without a leading '/'), which some
 * collections give instead of a date. path: NUL-terminated, borrowed; NULL
 * gives 0. */
int date_from_site_path(const char *path);

#endif
