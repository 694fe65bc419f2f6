/* SPDX-License-Identifier: MIT
 * The read/marked bits per article and their companion file (readbits.h).
 * Layout, native byte order (a cache, never moved between machines):
 *   "DSRBITS1" | u64 size, mtime s, mtime ns, ctime s, ctime ns, inode,
 *   device of the state file | u64 hash of its path | u64 fingerprint |
 *   u64 articles | read bits | marked bits (ceil(articles/8) each) |
 *   u64 checksum (hash_bytes of all before). */
#include "core/state/readbits.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/base/fsutil.h"
#include "core/base/hash.h"
#include "core/base/util.h"
#include "core/base/xdg.h"

#define RB_MAGIC "DSRBITS1"
#define RB_HEAD 12 /* u64 words after the magic */
#define RB_SEED 0x7264626974733031ull

char *readbits_path(const char *corpus)
{
	return xdg_collection_file(XDG_BASE_CACHE, corpus, ".readbits");
}

static void key_words(const struct readbits_key *k, uint64_t w[RB_HEAD])
{
	const struct stat *s = &k->st;
	w[0] = (uint64_t)s->st_size;
	w[1] = (uint64_t)s->st_mtim.tv_sec;
	w[2] = (uint64_t)s->st_mtim.tv_nsec;
	w[3] = (uint64_t)s->st_ctim.tv_sec;
	w[4] = (uint64_t)s->st_ctim.tv_nsec;
	w[5] = (uint64_t)s->st_ino;
	w[6] = (uint64_t)s->st_dev;
	w[7] = hash_bytes(k->state_path, strlen(k->state_path), RB_SEED);
	w[8] = k->fingerprint;
	w[9] = (uint64_t)k->nart;
	w[10] = w[11] = 0; /* room for later keys */
}

void readbits_free(struct readbits *rb)
{
	free(rb->read);
	free(rb->marked);
	memset(rb, 0, sizeof *rb);
}

bool readbits_load(const char *file, const struct readbits_key *k, struct readbits *rb)
{
	memset(rb, 0, sizeof *rb);
	size_t nb = (k->nart + 7) / 8, want = 8 + RB_HEAD * 8 + 2 * nb + 8, len;
	char *data;
	if (fsutil_read_file(file, want + 1, &data, &len)) return false;
	uint64_t w[RB_HEAD], sum;
	key_words(k, w);
	bool ok = len == want && memcmp(data, RB_MAGIC, 8) == 0 && memcmp(data + 8, w, sizeof w) == 0;
	if (ok) {
		memcpy(&sum, data + want - 8, 8);
		ok = sum == hash_bytes(data, want - 8, RB_SEED);
	}
	if (ok) {
		const unsigned char *bits = (const unsigned char *)data + 8 + sizeof w;
		rb->nart = k->nart;
		rb->read = xcalloc(k->nart ? k->nart : 1, 1);
		rb->marked = xcalloc(k->nart ? k->nart : 1, 1);
		for (size_t i = 0; i < k->nart; i++) {
			rb->read[i] = bits[i / 8] >> (i % 8) & 1;
			rb->marked[i] = bits[nb + i / 8] >> (i % 8) & 1;
		}
	}
	free(data);
	return ok;
}

int readbits_save(const char *file, const struct readbits_key *k, const struct readbits *rb)
{
	size_t nb = (rb->nart + 7) / 8, len = 8 + RB_HEAD * 8 + 2 * nb + 8;
	unsigned char *buf = xcalloc(len, 1);
	uint64_t w[RB_HEAD];
	key_words(k, w);
	memcpy(buf, RB_MAGIC, 8);
	memcpy(buf + 8, w, sizeof w);
	unsigned char *bits = buf + 8 + sizeof w;
	for (size_t i = 0; i < rb->nart; i++) {
		bits[i / 8] |= (unsigned char)((rb->read[i] & 1) << (i % 8));
		bits[nb + i / 8] |= (unsigned char)((rb->marked[i] & 1) << (i % 8));
	}
	uint64_t sum = hash_bytes(buf, len - 8, RB_SEED);
	memcpy(buf + len - 8, &sum, 8);
	char *dir = fsutil_dirname(file);
	int e = fsutil_mkdir_p(dir, 0700);
	free(dir);
	if (!e) e = fsutil_write_atomic(file, buf, len, FSUTIL_PRIVATE, NULL);
	free(buf);
	return e;
}

struct ids {
	const char **v;
	size_t n, cap;
};

static void collect(void *ctx, const char *id)
{
	struct ids *s = ctx;
	ARRAY_RESERVE(s->v, s->cap, s->n + 1);
	s->v[s->n++] = id;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool readbits_build(const struct store *st, const struct metaindex *mx, struct readbits *rb)
{
	size_t nart = metaindex_count(mx);
	rb->nart = nart;
	rb->read = xcalloc(nart ? nart : 1, 1);
	rb->marked = xcalloc(nart ? nart : 1, 1);
	struct ids s[2] = {{0}, {0}};
	for (int m = 0; m < 2; m++) {
		store_each_id(st, m, collect, &s[m]);
		qsort(s[m].v, s[m].n, sizeof *s[m].v, cmp_str);
	}
	size_t at[2] = {0, 0};
	bool ok = true;
	for (size_t i = 0; i < nart && ok && (at[0] < s[0].n || at[1] < s[1].n); i++) {
		char *id = metaindex_id(mx, i);
		if (!id) {
			ok = false;
			break;
		}
		for (int m = 0; m < 2; m++) {
			while (at[m] < s[m].n && strcmp(s[m].v[at[m]], id) < 0) at[m]++;
			if (at[m] < s[m].n && strcmp(s[m].v[at[m]], id) == 0) (m ? rb->marked : rb->read)[i] = 1;
		}
		free(id);
	}
	free(s[0].v);
	free(s[1].v);
	if (!ok) readbits_free(rb);
	return ok;
}
