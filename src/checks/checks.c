// SPDX-License-Identifier: GPL-2.0
/* The list of checks, in the order they run. */
#include <istcheck/checks.h>
#include <istcheck/analysis.h>
#include <istcheck/istcheck.h>
#include <istcheck/model.h>

int run_checks(struct ist_file *file)
{
	int ret, total = 0;

	if (file->model)
		mark_model_roles(file->model, &file->elf);
	ret = validate_noinstr(file);
	if (ret < 0)
		return ret;
	total += ret;
	if (opts.contract_linux && file->model && analyse_entries(file, file->model) < 0)
		return -1;
	if (opts.contract_linux && file->model && check_aist_foreign(file, file->model) < 0)
		return -1;
	return total;
}
