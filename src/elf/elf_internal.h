/* SPDX-License-Identifier: GPL-2.0 */
/* The steps of read_elf(), in the order it runs them. */
#ifndef _ISTCHECK_ELF_INTERNAL_H
#define _ISTCHECK_ELF_INTERNAL_H

#include <istcheck/elf.h>

/* The compressed forms of an object (decompress.c): magic bytes and the library that reads them. */
struct inflate;
struct compression {
	const char *name;
	uint8_t magic[6];
	size_t len;
	int (*inflate)(struct inflate *in, const uint8_t *src, size_t size);
};
const struct compression *find_compression(const uint8_t *head, size_t len);
int decompress_image(const char *path, const struct compression *c, const uint8_t *src,
		     size_t size, uint8_t **image, size_t *len);

int read_symbols(struct elf_file *ef);
int read_relocs(struct elf_file *ef);
void read_regions(struct elf_file *ef);

struct special;
int read_annotations(const struct elf_file *ef, struct special *sp);

#endif
