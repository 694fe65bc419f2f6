/* SPDX-License-Identifier: MIT
 * The lean index's reader state, shared by the files that read it:
 * metaindex.c (opening, columns, tags, records), metaindex_titles.c (the
 * folded title table and the title order). Not for use elsewhere: the
 * interface is metaindex.h. */
#ifndef DOSSIER_META_METAINDEX_INT_H
#define DOSSIER_META_METAINDEX_INT_H

#include <stddef.h>
#include <stdint.h>

#include "core/meta/metacache_int.h"

struct mx_tag {
	const unsigned char *name; /* into the map */
	uint32_t len, n, nholders;
	const unsigned char *arts;    /* n u32, unaligned */
	const unsigned char *holders; /* nholders u32, unaligned */
};

struct mx_val {
	const char *s; /* into the map, not NUL-terminated; NULL: none */
	uint32_t len;
};
struct mx_col {
	const unsigned char *of; /* per article: u32 value number */
	struct mx_val *vals;     /* owned */
	uint32_t n;
};

struct metaindex {
	char *root;                  /* owned */
	int fd;                      /* the file, for reading records (pread) */
	const unsigned char *map;    /* the folder section to the end, mapped */
	size_t maplen, mapoff;       /* its length, and its offset in the file */
	size_t len;                  /* of the file */
	const unsigned char *recs;   /* per record: u64 offset, u64 length, u64 checksum */
	uint32_t nrec;
	const unsigned char *arts;   /* per article: u32 record */
	const unsigned char *dates;  /* per article: i32 date */
	uint32_t nart;
	struct mx_col cols[MC_NCOLS];
	struct mx_tag *tags;         /* owned */
	uint32_t ntags;
	uint64_t lean;               /* the folder section's offset: the title table ends before */
	uint64_t tref[3];            /* the title table: offset, length, checksum (0: none) */
	int titles_state;            /* 0: not read yet, 1: read and checked, -1: unusable */
	const unsigned char *tmap;   /* its mapping, from a page boundary */
	size_t tmaplen;
	const unsigned char *toffs;  /* per article and one more: u32 offset into ttext */
	const char *ttext;           /* the folded titles, each ending in NUL */
	uint64_t oref[3];            /* the title order: offset, length, checksum (0: none) */
	int order_state;             /* as titles_state */
	const unsigned char *omap;   /* its mapping, from a page boundary */
	size_t omaplen;
	const unsigned char *order;  /* per article: u32 article number, in title order */
};

#endif
