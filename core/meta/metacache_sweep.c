/* SPDX-License-Identifier: MIT
 * The last full check's time and the check itself without a load. Why:
 * at a million articles a command whose check window had run out loaded
 * the whole collection to stat every file (5.5 s, 573 MB), and a check
 * that found nothing changed rewrote the 395 MB file only to record its
 * time. Here the time sits in a sealed 16-byte slot of the header, patched
 * in place, and the check (metacache_sweep, run by a command's background
 * child: core/cli/cli_sweep.c) stats every file against the records as
 * they lie in the mapped file, decoding nothing. */
#include "core/meta/metacache.h"
#include "core/meta/metacache_int.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/base/hash.h"
#include "core/base/strbuf.h"
#include "core/base/util.h"
#include "core/meta/article_load.h"
#include "core/meta/metablob.h"

/* The seal covers the time and the payload checksum: a slot copied from
 * another file, torn by a concurrent patch or damaged fails it. */
static uint64_t slot_seal(int64_t swept, uint64_t sum)
{
	unsigned char b[16];
	memcpy(b, &swept, 8);
	memcpy(b + 8, &sum, 8);
	return hash_bytes(b, sizeof b, 23);
}

void metacache_slot_make(unsigned char slot[16], int64_t swept, uint64_t sum)
{
	uint64_t seal = slot_seal(swept, sum);
	memcpy(slot, &swept, 8);
	memcpy(slot + 8, &seal, 8);
}

int64_t metacache_slot_read(const unsigned char *head)
{
	int64_t swept;
	memcpy(&swept, head + MC_SLOT, 8);
	uint64_t sum = metablob_load_u64(head + 40), seal = metablob_load_u64(head + MC_SLOT + 8);
	return swept > 0 && seal == slot_seal(swept, sum) ? swept : 0;
}

int64_t metacache_file_swept(const char *file)
{
	if (!file) return 0;
	int fd = open(file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return 0;
	unsigned char head[MC_HEADER];
	ssize_t got;
	do
		got = pread(fd, head, sizeof head, 0);
	while (got < 0 && errno == EINTR);
	close(fd);
	if (got != (ssize_t)sizeof head || memcmp(head, MC_MAGIC, 8) != 0 ||
	    metablob_load_u32(head + 8) != MC_FORMAT)
		return 0;
	return metacache_slot_read(head);
}

int metacache_patch_swept(struct metacache *mc, int64_t when)
{
	if (!mc->file || !mc->from_file || when <= 0) return EINVAL;
	int fd = open(mc->file, O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) return errno;
	struct stat st;
	int err = 0;
	if (fstat(fd, &st) < 0) err = errno;
	else if ((uint64_t)st.st_dev != mc->fdev || (uint64_t)st.st_ino != mc->fino ||
		 st.st_size < 0 || (size_t)st.st_size != mc->dlen)
		err = ESTALE; /* renamed over since it was read: that file's own time stands */
	unsigned char slot[16];
	metacache_slot_make(slot, when, mc->sum);
	for (size_t done = 0; !err && done < sizeof slot;) {
		ssize_t w = pwrite(fd, slot + done, sizeof slot - done, (off_t)(MC_SLOT + done));
		if (w < 0 && errno == EINTR) continue;
		if (w <= 0) err = w < 0 ? errno : EIO;
		else done += (size_t)w;
	}
	if (close(fd) < 0 && !err) err = errno;
	if (!err) {
		mc->swept = when;
		mc->st.patched = true;
	}
	return err;
}

static bool stat_same(int dfd, const char *name, const struct metacache_stat *want)
{
	struct stat st;
	struct metacache_stat k;
	if (fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) < 0) return false;
	metacache_stat_of(&k, &st);
	return memcmp(&k, want, sizeof k) == 0;
}

static bool stat_present(const struct metacache_stat *s)
{
	static const struct metacache_stat zero;
	return memcmp(s, &zero, sizeof zero) != 0;
}

/* Folder d's articles as the scan would key them: the file, and each
 * sidecar it recorded (a sidecar added or removed changes the folder's
 * time, which the caller compared first). dfd: the folder, open. */
static bool dir_files_same(struct metacache *mc, const struct mc_dir *d, int dfd)
{
	struct strbuf side = STRBUF_INIT;
	bool same = true;
	for (size_t k = 0; k < d->nkids && same; k++) {
		if (d->kids[k] & 1) continue; /* a folder: its own entry */
		const struct rec *rc = &mc->recs[d->kids[k] >> 1];
		struct metacache_key key;
		if (!rc->put) metacache_touch(mc, 256);
		metacache_rec_key(rc, &key);
		const char *slash = strrchr(rc->rel, '/'), *name = slash ? slash + 1 : rc->rel;
		size_t stem = 0;
		same = article_load_is_article(name, &stem) && stat_same(dfd, name, &key.file);
		const struct metacache_stat *sides[] = {&key.side_yaml, &key.side_yml};
		static const char *const exts[] = {".yaml", ".yml"};
		for (size_t i = 0; i < ARRAY_LEN(sides) && same; i++) {
			if (!stat_present(sides[i])) continue;
			strbuf_reset(&side);
			strbuf_add(&side, name, stem);
			strbuf_adds(&side, exts[i]);
			same = stat_same(dfd, side.buf, sides[i]);
		}
	}
	strbuf_free(&side);
	return same;
}

bool metacache_sweep(struct metacache *mc)
{
	if (!mc->from_file) return false;
	for (size_t i = 0; i < mc->ndirs; i++) {
		const struct mc_dir *d = &mc->dirs[i];
		if (!d->trusted) continue; /* listed again by every load */
		char *path = article_load_join(mc->root, d->rel);
		/* the root as the load sees it (followed), the others not */
		int dfd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (*d->rel ? O_NOFOLLOW : 0));
		free(path);
		struct stat st;
		struct metacache_stat k;
		bool same = dfd >= 0 && fstat(dfd, &st) == 0;
		if (same) metacache_stat_of(&k, &st);
		same = same && memcmp(&k, &d->st, sizeof k) == 0 && dir_files_same(mc, d, dfd);
		if (dfd >= 0) close(dfd);
		if (!same) return false;
	}
	return true;
}
