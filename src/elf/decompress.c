// SPDX-License-Identifier: GPL-2.0
/*
 * Compressed kernel objects (.ko.xz as Debian ships modules, .ko.gz, .ko.zst, a bzip2'd
 * vmlinux): the whole stream is inflated into one malloc'd image, which then stands in for the
 * mapping.  elfutils' dwelf_elf_begin() would do the same, but it has no bound: a 50 KiB bzip2
 * stream that inflates to gigabytes keeps it busy for minutes (the fuzzers found one).  An ELF
 * file is never that compressible, so an image larger than MAX_RATIO times its file is refused.
 * Each format is read with its own library, one loop each, and all end in the same two errors.
 */
#include <bzlib.h>
#include <errno.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>
#include <zstd.h>

#include <istcheck/error.h>
#include <istcheck/util.h>
#include "elf_internal.h"

/* gzip itself stops near 1032:1; real objects, debug info included, stay under 20:1. */
#define MAX_RATIO	1024
#define CHUNK		(1u << 20)

/* The image being inflated: out[0, len) is written, cap is where it is refused. */
struct inflate {
	const char *path;
	uint8_t *out;
	size_t len, alloc, cap;
};

/* Room for at least one more byte, or 0 when the image would pass its cap. */
static size_t grow_image(struct inflate *in)
{
	size_t want;
	void *p;

	if (in->len < in->alloc)
		return in->alloc - in->len;
	if (in->alloc >= in->cap)
		return 0;
	want = in->alloc ? in->alloc * 2 : CHUNK;
	if (want > in->cap)
		want = in->cap;
	p = realloc(in->out, want);
	if (!p)
		out_of_memory(in->path);
	in->out = p;
	in->alloc = want;
	return in->alloc - in->len;
}

/* What each format's loop returns (an int, for the table in elf_internal.h). */
enum inflate_result { INFLATE_DONE, INFLATE_CORRUPT, INFLATE_TOO_BIG };

/* The next piece of the input for a library that counts in 32 bits. */
static void feed(const uint8_t **src, size_t *size, unsigned int *avail)
{
	size_t step;

	if (*avail || !*size)
		return;
	step = *size > UINT32_MAX ? UINT32_MAX : *size;
	*avail = step;
	*src += step;
	*size -= step;
}

static int inflate_gzip(struct inflate *in, const uint8_t *src, size_t size)
{
	enum inflate_result res = INFLATE_CORRUPT;
	z_stream s = { 0 };
	int ret;

	/* 15 + 32: a gzip or zlib header, detected; members follow each other as in gzip -c a b. */
	if (inflateInit2(&s, 15 + 32) != Z_OK)
		return INFLATE_CORRUPT;
	s.next_in = (Bytef *)src;
	for (;;) {
		size_t room = grow_image(in);

		if (!room) {
			res = INFLATE_TOO_BIG;
			break;
		}
		feed(&src, &size, &s.avail_in);
		s.next_out = in->out + in->len;
		s.avail_out = room > UINT32_MAX ? UINT32_MAX : room;
		ret = inflate(&s, Z_NO_FLUSH);
		in->len = s.next_out - in->out;
		if (ret == Z_STREAM_END) {
			if (!s.avail_in && !size) {
				res = INFLATE_DONE;
				break;
			}
			ret = inflateReset(&s);
		}
		if (ret != Z_OK && ret != Z_BUF_ERROR)
			break;
		if (!s.avail_in && !size && s.avail_out)
			break;		/* the input ends inside a member */
	}
	inflateEnd(&s);
	return res;
}

static int inflate_bzip2(struct inflate *in, const uint8_t *src, size_t size)
{
	enum inflate_result res = INFLATE_CORRUPT;
	bz_stream s = { 0 };
	int ret;

	if (BZ2_bzDecompressInit(&s, 0, 0) != BZ_OK)
		return INFLATE_CORRUPT;
	s.next_in = (char *)src;
	for (;;) {
		size_t room = grow_image(in);

		if (!room) {
			res = INFLATE_TOO_BIG;
			break;
		}
		feed(&src, &size, &s.avail_in);
		s.next_out = (char *)in->out + in->len;
		s.avail_out = room > UINT32_MAX ? UINT32_MAX : room;
		ret = BZ2_bzDecompress(&s);
		in->len = (uint8_t *)s.next_out - in->out;
		if (ret == BZ_STREAM_END) {
			if (!s.avail_in && !size) {
				res = INFLATE_DONE;
				break;
			}
			/* bzip2 -c a b: the next stream starts where this one ended. */
			bz_stream next = { .next_in = s.next_in, .avail_in = s.avail_in };

			BZ2_bzDecompressEnd(&s);
			s = next;
			ret = BZ2_bzDecompressInit(&s, 0, 0);
		}
		if (ret != BZ_OK)
			break;
		if (!s.avail_in && !size && s.avail_out)
			break;		/* the input ends inside a stream */
	}
	BZ2_bzDecompressEnd(&s);
	return res;
}

static int inflate_xz(struct inflate *in, const uint8_t *src, size_t size)
{
	enum inflate_result res = INFLATE_CORRUPT;
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret ret;

	if (lzma_stream_decoder(&s, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK)
		return INFLATE_CORRUPT;
	s.next_in = src;
	s.avail_in = size;
	for (;;) {
		size_t room = grow_image(in);

		if (!room) {
			res = INFLATE_TOO_BIG;
			break;
		}
		s.next_out = in->out + in->len;
		s.avail_out = room;
		ret = lzma_code(&s, s.avail_in ? LZMA_RUN : LZMA_FINISH);
		in->len = s.next_out - in->out;
		if (ret == LZMA_STREAM_END) {
			res = INFLATE_DONE;
			break;
		}
		if (ret != LZMA_OK)
			break;
	}
	lzma_end(&s);
	return res;
}

static int inflate_zstd(struct inflate *in, const uint8_t *src, size_t size)
{
	enum inflate_result res = INFLATE_CORRUPT;
	ZSTD_inBuffer ib = { src, size, 0 };
	ZSTD_DStream *s = ZSTD_createDStream();
	size_t ret = 1;

	if (!s)
		out_of_memory(in->path);
	for (;;) {
		size_t room = grow_image(in);
		ZSTD_outBuffer ob;

		if (!room) {
			res = INFLATE_TOO_BIG;
			break;
		}
		ob = (ZSTD_outBuffer){ in->out + in->len, room, 0 };
		ret = ZSTD_decompressStream(s, &ob, &ib);
		in->len += ob.pos;
		if (ZSTD_isError(ret))
			break;
		/* 0: a frame ended; frames follow each other as in zstd -c a b. */
		if (ret == 0 && ib.pos == ib.size) {
			res = INFLATE_DONE;
			break;
		}
		if (ib.pos == ib.size && ob.pos < ob.size)
			break;		/* the input ends inside a frame */
	}
	ZSTD_freeDStream(s);
	return res;
}

static const struct compression compressions[] = {
	{ "xz", { 0xfd, '7', 'z', 'X', 'Z', 0 }, 6, inflate_xz },
	{ "gzip", { 0x1f, 0x8b }, 2, inflate_gzip },
	{ "zstd", { 0x28, 0xb5, 0x2f, 0xfd }, 4, inflate_zstd },
	{ "bzip2", { 'B', 'Z', 'h' }, 3, inflate_bzip2 },
};

const struct compression *find_compression(const uint8_t *head, size_t len)
{
	for (size_t i = 0; i < ARRAY_SIZE(compressions); i++) {
		const struct compression *c = &compressions[i];

		if (len >= c->len && !memcmp(head, c->magic, c->len))
			return c;
	}
	return NULL;
}

/*
 * Inflate the file's bytes (src, size) into a malloc'd image: *image and *len on success, 0.
 * Else the one error line, naming the format, and -1.
 */
int decompress_image(const char *path, const struct compression *c, const uint8_t *src,
		     size_t size, uint8_t **image, size_t *len)
{
	struct inflate in = { .path = path };
	int res;

	in.cap = size > SIZE_MAX / MAX_RATIO ? SIZE_MAX : size * MAX_RATIO;
	res = c->inflate(&in, src, size);
	if (res == INFLATE_DONE) {
		*image = in.out;
		*len = in.len;
		return 0;
	}
	free(in.out);
	if (res == INFLATE_TOO_BIG)
		return input_error(path, "%s data inflates to more than %d times its %zu bytes: "
				   "not an object, refusing it", c->name, MAX_RATIO, size);
	return input_error(path, "cannot decompress: corrupt or truncated %s data", c->name);
}
