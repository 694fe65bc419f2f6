/* SPDX-License-Identifier: MIT
 * Build-time generator for dossier-config(5): copies the template and
 * expands @ACTIONS@, @STYLES@ and @DEFAULT_CONFIG@ from the tables the
 * program itself uses (tui/actions.h, tui/theme.h) and the shipped
 * config/config.yaml, so the page cannot drift from the program. */
#include <stdio.h>
#include <string.h>

#include "tui/actions.h"
#include "tui/theme.h"


/* mdoc treats a line starting with '.' or '\'' as a request: escape it. */
static void literal_line(FILE *out, const char *line)
{
	if (line[0] == '.' || line[0] == '\'') fputs("\\&", out);
	for (const char *p = line; *p; p++) {
		if (*p == '\\') fputs("\\e", out);
		else fputc(*p, out);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mkconfigman TEMPLATE CONFIG.yaml > PAGE\n");
		return 2;
	}
	FILE *tpl = fopen(argv[1], "r");
	if (!tpl) {
		perror(argv[1]);
		return 1;
	}
	char line[4096];
	while (fgets(line, sizeof line, tpl)) {
		if (strcmp(line, "@ACTIONS@\n") == 0) {
			puts(".Bl -tag -width extend-paragraph -compact");
			for (int a = 1; a < ACT_COUNT; a++)
				printf(".It Ic %s\n%s.\n", action_name(a), action_help(a));
			puts(".El");
		} else if (strcmp(line, "@STYLES@\n") == 0) {
			/* name, use, and the attributes kept without colour */
			static const char *const attr_names[] = {"bold", "reverse", "underline",
								 "dim", "italic"};
			puts(".Bl -tag -width search-current -compact");
			for (int s = 0; s < STYLE_COUNT; s++) {
				struct theme t;
				theme_init(&t, NULL, true, NULL);
				printf(".It Ic %s\n%s", theme_style_name(s), theme_style_help(s));
				const char *sep = "; without colour: ";
				for (int a = 0; a < 5; a++) {
					if (!(t.s[s].mono & (1u << a))) continue;
					printf("%s%s", sep, attr_names[a]);
					sep = ", ";
				}
				puts(".");
			}
			puts(".El");
		} else if (strcmp(line, "@DEFAULT_CONFIG@\n") == 0) {
			FILE *cfg = fopen(argv[2], "r");
			if (!cfg) {
				perror(argv[2]);
				return 1;
			}
			puts(".Bd -literal -offset indent");
			char l2[4096];
			while (fgets(l2, sizeof l2, cfg)) literal_line(stdout, l2);
			puts(".Ed");
			fclose(cfg);
		} else {
			fputs(line, stdout);
		}
	}
	fclose(tpl);
	return ferror(stdout) ? 1 : 0;
}
