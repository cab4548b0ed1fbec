// SPDX-License-Identifier: GPL-2.0
/*
 * The whole run on one input, as src/istcheck.c's check_file() does it: read, special tables,
 * functions, the noinstr CFGs, pv_ops slots, every check (with the entry-contract engine and the
 * built-in model for odd input sizes, as --contract=linux), then the report (text, JSON or SARIF
 * by input size, with source lines) to /dev/null.
 */
#include <string.h>

#include <istcheck/checks.h>
#include <istcheck/istcheck.h>
#include <istcheck/model.h>
#include "report.h"
#include "fuzz.h"

static FILE *devnull;
static struct model model, model61;	/* the built-in 6.12 and 6.1 models */

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	for (int i = 0; i < NR_RULES; i++)
		opts.rule_on[i] = true;
	opts.fail_on = SEV_WARNING;
	opts.verbose = 1;
	devnull = fopen("/dev/null", "w");
	if (!devnull || read_model(&model, "linux-6.12") < 0 || read_model(&model61, "linux-6.1") < 0)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = fuzz_input_path(data, size);
	struct ist_file *file;

	if (!path)
		return 0;
	file = calloc(1, sizeof(*file));
	if (!file)
		abort();
	opts.format = size % 3 == 0 ? FMT_TEXT : size % 3 == 1 ? FMT_JSON : FMT_SARIF;
	opts.contract = find_contract(size & 1 ? "linux" : "noinstr");
	if (read_elf(&file->elf, path) < 0)
		goto out;
	/* As istcheck picks it: the input decides which built-in model applies. */
	file->model = strcmp(builtin_model_for(&file->elf), "linux-6.1") ? &model : &model61;
	if (read_special(&file->elf, &file->special) < 0)
		goto out;
	file->dec = decoder_new();
	if (!file->dec)
		abort();
	add_functions(file);
	/* As check_file() does: the roles choose the CFGs the walk reads, all built before it. */
	mark_model_roles(file->model, &file->elf);
	if (build_cfgs(file, opts.contract->walk) < 0)
		goto out;
	read_pv_slots(&file->elf);
	if (run_checks(file) < 0)
		goto out;
	write_report(devnull, &file, 1);
out:
	close_file(file);
	free(file);
	reset_diag();
	close_lines();
	return 0;
}
