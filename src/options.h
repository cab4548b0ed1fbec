/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _ISTCHECK_OPTIONS_H
#define _ISTCHECK_OPTIONS_H

/* < 0: usage error (reported); 1: done (--help, --version); 0: go on, files from *first_file. */
int parse_options(int argc, char **argv, int *first_file);

#endif
