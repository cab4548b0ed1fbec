/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shared by the libFuzzer harnesses: read_elf() takes a path, so each input is written to one
 * memfd per process and handed over as /proc/self/fd/N.  read_elf() opens and maps its own
 * descriptor; the memfd is truncated and rewritten for every input.
 */
#ifndef _ISTCHECK_FUZZ_H
#define _ISTCHECK_FUZZ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static int fuzz_fd = -1;
static char fuzz_path[64];

/* The path holding exactly data[0..size), or NULL if the memfd cannot be written. */
static inline const char *fuzz_input_path(const uint8_t *data, size_t size)
{
	if (fuzz_fd < 0) {
		fuzz_fd = memfd_create("istcheck-fuzz", 0);
		if (fuzz_fd < 0) {
			perror("memfd_create");
			abort();
		}
		snprintf(fuzz_path, sizeof(fuzz_path), "/proc/self/fd/%d", fuzz_fd);
	}
	if (ftruncate(fuzz_fd, 0) < 0)
		return NULL;
	for (size_t done = 0; done < size;) {
		ssize_t n = pwrite(fuzz_fd, data + done, size - done, done);

		if (n <= 0)
			return NULL;
		done += n;
	}
	return fuzz_path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
