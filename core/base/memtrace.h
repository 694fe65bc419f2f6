/* DEBUG ONLY, NOT COMMITTED */
#ifndef MEMTRACE_H
#define MEMTRACE_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
static inline void memtrace(const char *label)
{
	const char *f = getenv("DOSSIER_MEMTRACE");
	if (!f) return;
	FILE *s = fopen("/proc/self/status", "r");
	if (!s) return;
	char line[256];
	long rss = 0, hwm = 0, anon = 0, file = 0;
	while (fgets(line, sizeof line, s)) {
		if (!strncmp(line, "VmRSS:", 6)) rss = atol(line + 6);
		if (!strncmp(line, "VmHWM:", 6)) hwm = atol(line + 6);
		if (!strncmp(line, "RssAnon:", 8)) anon = atol(line + 8);
		if (!strncmp(line, "RssFile:", 8)) file = atol(line + 8);
	}
	fclose(s);
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	FILE *o = fopen(f, "a");
	if (!o) return;
	struct timespec cpu;
	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu);
	fprintf(o, "cpu %7.3f %10.3f %-28s rss %7.1f hwm %7.1f anon %7.1f file %7.1f MB\n",
		cpu.tv_sec + cpu.tv_nsec / 1e9, ts.tv_sec + ts.tv_nsec / 1e9, label, rss / 1024.0, hwm / 1024.0, anon / 1024.0, file / 1024.0);
	fclose(o);
}
#endif
