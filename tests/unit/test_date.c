/* SPDX-License-Identifier: MIT
 * core/base/date: every form each reader accepts (metadata values, running
 * text, query periods) and the rejects next to them, validity, month
 * names, formatting and day counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core/base/date.h"
#include "core/base/util.h"

struct dcase {
	const char *s;
	int ymd; /* 0: rejected */
};

static void test_valid_and_month_lengths(void **st)
{
	(void)st;
	static const int want[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++) assert_int_equal(date_days_in_month(2023, m), want[m - 1]);
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2000, 2), 29); /* divisible by 400 */
	assert_int_equal(date_days_in_month(1900, 2), 28); /* by 100, not 400 */
	assert_int_equal(date_days_in_month(2024, 0), 0);
	assert_int_equal(date_days_in_month(2024, 13), 0);
	assert_true(date_valid(2024, 2, 29));
	assert_false(date_valid(2023, 2, 29));
	assert_false(date_valid(2024, 4, 31));
	assert_true(date_valid(1, 1, 1));
	assert_true(date_valid(9999, 12, 31));
	assert_false(date_valid(0, 1, 1));
	assert_false(date_valid(10000, 1, 1));
	assert_false(date_valid(2024, 1, 0));
}

static void test_month_names(void **st)
{
	(void)st;
	static const struct { const char *s; int m; size_t used; } cases[] = {
		{"Jan", 1, 3}, {"january", 1, 7}, {"FEBRUARY", 2, 8}, {"Aug.", 8, 4},
		{"Sept. 3", 9, 5}, {"sep", 9, 3}, {"September", 9, 9}, {"May.", 5, 4},
		{"June.", 6, 4}, /* a full name leaves the dot: the end of a sentence */
		{"Dec,", 12, 3},
		{"Ju", 0, 0}, {"Junk", 0, 0}, {"Mayday", 0, 0}, {"Marching", 0, 0}, {"Septe", 0, 0},
		{"", 0, 0}, {"12 June", 0, 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		size_t used = 0;
		int m = date_month_name(cases[i].s, strlen(cases[i].s), &used);
		if (m != cases[i].m || (m && used != cases[i].used))
			fail_msg("'%s': got %d (%zu bytes), want %d (%zu)", cases[i].s, m, used, cases[i].m,
				 cases[i].used);
	}
}

/* Metadata values: the whole value is the date. */
static void test_parse(void **st)
{
	(void)st;
	static const struct dcase cases[] = {
		{"2024-06-20", 20240620},
		{"2024/06/20", 20240620},
		{"  2024-06-20\t", 20240620},
		{"2024-06", 20240600},
		{"2024", 20240000},
		{"2024-02-29", 20240229},
		{"2024-06-20T08:30:00+02:00", 20240620},
		{"2024-06-20T08:30:00Z", 20240620},
		{"2019-05-22 10:00:00 +0200", 20190522},
		{"2024-06-20 08:00 UTC", 20240620},
		{"Thu, 20 Jun 2024 08:00:00 +0000", 20240620},
		{"Thu, 20 Jun 2024 08:00:00 GMT", 20240620},
		{"Thursday 20 June 2024", 20240620},
		{"June 20, 2024", 20240620},
		{"June 20 2024", 20240620},
		{"Jun. 20 2024", 20240620},
		{"Aug. 30, 2024", 20240830},
		{"May. 3, 2024", 20240503},
		{"September 3rd, 2023", 20230903},
		{"20 June 2024", 20240620},
		{"20 June, 2024", 20240620},
		{"3 Sept. 2023", 20230903},
		{"June 20, 2024, 10:00", 20240620},
		{"0001-01-01", 10101},
		/* rejects */
		{"2023-02-29", 0},
		{"2024-13-01", 0},
		{"2024-00", 0},
		{"2024-06-31", 0},
		{"2024-6-20", 0},
		{"2024-06/20", 0},
		{"0000", 0},
		{"0000-06", 0},
		{"2024-06 10:00", 0}, /* a time needs a day */
		{"2024 June", 0},
		{"32/13/99", 0},
		{"2024-06-20 banana", 0},
		{"June 2024", 0},
		{"June 31, 2024", 0},
		{"Junk 20, 2024", 0},
		{"20 June 20245", 0},
		{"20 June 24", 0},
		{"false", 0},
		{"", 0},
		{"   ", 0},
		{"2024-06-20 00000000000000000000000000000000000000000000000000000000000", 0}, /* over 64 */
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int d = -1;
		bool ok = date_parse(cases[i].s, &d);
		if (ok != (cases[i].ymd != 0) || (ok && d != cases[i].ymd))
			fail_msg("'%s': got %s %d, want %d", cases[i].s, ok ? "true" : "false", d, cases[i].ymd);
	}
}

/* Running text (import): the first full date that starts a word. */
static void test_find(void **st)
{
	(void)st;
	static const struct dcase cases[] = {
		{"May 31, 2024 at 08:56PM", 20240531},
		{"Aug. 30, 2024", 20240830},
		{"Thursday, June 20, 2024", 20240620},
		{"20 June 2024", 20240620},
		{"2024-06-20T10:00:00Z", 20240620},
		{"Sept. 3, 2023", 20230903},
		{"September 3rd, 2023", 20230903},
		{"on Feb 29, 2024 we", 20240229},
		{"Updated: 4 March 2024 — 09:15", 20240304},
		{"first 2024-13-01 then 2024-03-04", 20240304},
		{"« 12 mai » then 5 May 2024", 20240505},
		{"Feb 29, 2023", 0},
		{"February 30, 2024", 0},
		{"May 2024", 0},
		{"2024-06", 0},
		{"2024", 0},
		{"Halted aid may start flowing again", 0},
		{"2024-13-01", 0},
		{"in February 2022", 0},
		{"880 square kilometers", 0},
		{"Mayday 31, 2024", 0},
		{"12 June 1850", 0}, /* a year outside 1900-2199 is history, not a dateline */
		{"x2024-06-20", 0},
		{"2024-06-20x", 0},
		{"2024-06-201", 0},
	};
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int got = date_find(cases[i].s, strlen(cases[i].s), NULL, NULL);
		if (got != cases[i].ymd) fail_msg("'%s': got %d, want %d", cases[i].s, got, cases[i].ymd);
	}
	size_t a, b;
	const char *s = "Published Thursday, June 20, 2024 08:00";
	assert_int_equal(date_find(s, strlen(s), &a, &b), 20240620);
	assert_int_equal(a, strlen("Published Thursday, "));
	assert_int_equal(b, strlen("Published Thursday, June 20, 2024"));
	/* the length bounds the scan: no reading past len */
	assert_int_equal(date_find("2024-06-20", 9, NULL, NULL), 0);
	assert_int_equal(date_find("June 20, 2024", 12, NULL, NULL), 0);
}

static void check_period(const char *s, int lo, int hi)
{
	int l = -1, h = -1;
	bool ok = date_period(s, strlen(s), &l, &h);
	if (ok != (lo != 0) || (ok && (l != lo || h != hi)))
		fail_msg("'%s': got %s %d..%d, want %d..%d", s, ok ? "true" : "false", l, h, lo, hi);
}

static void test_period(void **st)
{
	(void)st;
	check_period("2024", 20240101, 20241231);
	check_period("2024-06", 20240601, 20240630);
	check_period("2024-02", 20240201, 20240229);
	check_period("2023-02", 20230201, 20230228);
	check_period("1900-02", 19000201, 19000228);
	check_period("2024-06-15", 20240615, 20240615);
	check_period("2024-02-29", 20240229, 20240229);
	check_period("2023-02-29", 0, 0);
	check_period("2024-13", 0, 0);
	check_period("2024-00", 0, 0);
	check_period("0000", 0, 0);
	check_period("2024/06", 0, 0);
	check_period("2024/06/15", 0, 0);
	check_period("2024-6", 0, 0);
	check_period("June 2024", 0, 0);
	check_period("20 June 2024", 0, 0);
	check_period("2024-06-15T10", 0, 0);
	check_period("", 0, 0);
	/* only n bytes are read */
	int l, h;
	assert_true(date_period("2024-06-15", 7, &l, &h));
	assert_int_equal(l, 20240601);
}

static void test_format_and_days(void **st)
{
	(void)st;
	char out[11];
	date_format(20240620, out);
	assert_string_equal(out, "2024-06-20");
	date_format(20240600, out);
	assert_string_equal(out, "2024-06");
	date_format(20240000, out);
	assert_string_equal(out, "2024");
	date_format(0, out);
	assert_string_equal(out, "");
	date_format(10101, out);
	assert_string_equal(out, "0001-01-01");
	assert_int_equal(date_days(19700101), 0);
	assert_int_equal(date_days(19691231), -1);
	assert_int_equal(date_days(20240301) - date_days(20240228), 2);
	assert_int_equal(date_days(20230301) - date_days(20230228), 1);
	assert_int_equal(date_days(20000101), 10957);
	assert_int_equal(date_days(20240600), date_days(20240601));
	assert_int_equal(date_days(20240000), date_days(20240101));
	/* every day of 1999-2001 counts one more than the day before */
	long prev = date_days(19981231);
	for (int y = 1999; y <= 2001; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= date_days_in_month(y, m); d++) {
				long n = date_days(y * 10000 + m * 100 + d);
				assert_int_equal(n, prev + 1);
				prev = n;
			}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_valid_and_month_lengths),
		cmocka_unit_test(test_month_names),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_period),
		cmocka_unit_test(test_format_and_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
