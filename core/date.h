/* SPDX-License-Identifier: MIT
 * Reading the dates real front matter holds (ISO, Jekyll's
 * "2019-05-22 10:00:00 +0200", RFC 2822, "June 20, 2024") into YYYYMMDD. */
#ifndef DOSSIER_DATE_H
#define DOSSIER_DATE_H

#include <stdbool.h>

/* Parse s as a calendar date; the day (and time) is the date as written,
 * not converted to UTC. Returns true and sets *ymd (YYYYMMDD; YYYYMM00 for
 * "2024-06", YYYY0000 for "2024") when s is a valid date. */
bool date_parse(const char *s, int *ymd);
bool date_valid(int y, int m, int d);

#endif
