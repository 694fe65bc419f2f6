/* SPDX-License-Identifier: MIT
 * Shared helpers for the libFuzzer harnesses: a private scratch folder for
 * targets that read files, and an invariant check that aborts (so both the
 * fuzzer and the plain replay binary report it as a crash). */
#ifndef DOSSIER_FUZZ_H
#define DOSSIER_FUZZ_H

#include <dirent.h>
#include <locale.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* Run as the program does: widths come from wcwidth(), which needs a UTF-8
 * locale (main.c calls setlocale; C.UTF-8 is always there on Debian). */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "");
	return 0;
}

/* An invariant that must hold for every input: abort with the reason. */
#define FUZZ_CHECK(cond)                                                            \
	do {                                                                        \
		if (!(cond)) {                                                      \
			fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__,  \
				__LINE__, #cond);                                   \
			abort();                                                    \
		}                                                                   \
	} while (0)

/* One scratch folder per process (tmpfs when there is one: these targets
 * write a file per input), removed at exit. Returns a borrowed path. */
static char fuzz_dir_buf[256];

static inline void fuzz_dir_clear(void)
{
	DIR *d = opendir(fuzz_dir_buf);
	if (!d)
		return;
	struct dirent *e;
	char p[512];
	while ((e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(p, sizeof p, "%s/%s", fuzz_dir_buf, e->d_name);
		unlink(p);
	}
	closedir(d);
}

static inline void fuzz_dir_remove(void)
{
	fuzz_dir_clear();
	rmdir(fuzz_dir_buf);
}

static inline const char *fuzz_dir(void)
{
	if (fuzz_dir_buf[0])
		return fuzz_dir_buf;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(fuzz_dir_buf, sizeof fuzz_dir_buf, "%s/dossier-fuzz-XXXXXX", base);
	if (!mkdtemp(fuzz_dir_buf)) {
		perror("mkdtemp");
		abort();
	}
	atexit(fuzz_dir_remove);
	return fuzz_dir_buf;
}

/* Write data to NAME in the scratch folder; returns the path (static). */
static inline const char *fuzz_write_file(const char *name, const uint8_t *data, size_t size)
{
	static char path[512];
	snprintf(path, sizeof path, "%s/%s", fuzz_dir(), name);
	FILE *f = fopen(path, "wb");
	if (!f) {
		perror(path);
		abort();
	}
	if (size && fwrite(data, 1, size, f) != size) {
		perror(path);
		abort();
	}
	if (fclose(f) != 0) {
		perror(path);
		abort();
	}
	return path;
}

#endif
