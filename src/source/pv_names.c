// SPDX-License-Identifier: GPL-2.0
/*
 * The names of pv_ops slots, from the kernel's own DWARF: pv_ops is a struct
 * paravirt_patch_template of nested structs of function pointers, and slot N is the pointer at
 * byte 8N, "irq.save_fl" rather than "pv_ops[32]".  The layout depends on the configuration
 * (PARAVIRT_XXL, PARAVIRT_SPINLOCKS), so no table could stand in.  Only final links: their
 * DWARF is linked (an object's would need relocating, and an object knows its slots' targets
 * anyway); a kernel without DWARF or without the type keeps the index.
 */
#include <stdio.h>
#include <string.h>
#include <dwarf.h>
#include <elfutils/libdw.h>

#include <istcheck/source.h>

/* The CU of arch/x86/kernel/paravirt.c, where pv_ops is defined with its full type. */
static bool find_pv_ops(Dwarf *dw, Dwarf_Die *var)
{
	Dwarf_Off off = 0, next;
	size_t hsize;

	while (!dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL)) {
		Dwarf_Die cu, child;
		const char *name;

		if (dwarf_offdie(dw, off + hsize, &cu) && (name = dwarf_diename(&cu)) &&
		    strstr(name, "arch/x86/kernel/paravirt.c") && dwarf_child(&cu, &child) == 0)
			do {
				const char *n = dwarf_diename(&child);

				if (dwarf_tag(&child) == DW_TAG_variable && n && !strcmp(n, "pv_ops")) {
					*var = child;
					return true;
				}
			} while (dwarf_siblingof(&child, &child) == 0);
		off = next;
	}
	return false;
}

static bool type_of(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute attr;

	if (!dwarf_formref_die(dwarf_attr_integrate(die, DW_AT_type, &attr), type))
		return false;
	while (dwarf_tag(type) == DW_TAG_typedef || dwarf_tag(type) == DW_TAG_const_type ||
	       dwarf_tag(type) == DW_TAG_volatile_type)
		if (!dwarf_formref_die(dwarf_attr_integrate(type, DW_AT_type, &attr), type))
			return false;
	return true;
}

/* The member path at byte off of struct type st, appended to buf. */
static bool member_at(Dwarf_Die *st, Dwarf_Word off, char *buf, size_t len)
{
	Dwarf_Die m, sub;

	if (dwarf_tag(st) != DW_TAG_structure_type || dwarf_child(st, &m) != 0)
		return false;
	do {
		Dwarf_Attribute attr;
		Dwarf_Word start, size;
		const char *name = dwarf_diename(&m);
		size_t used = strlen(buf);

		if (dwarf_tag(&m) != DW_TAG_member || !name ||
		    dwarf_formudata(dwarf_attr(&m, DW_AT_data_member_location, &attr), &start) ||
		    !type_of(&m, &sub) || (size = (Dwarf_Word)dwarf_bytesize(&sub)) == (Dwarf_Word)-1 ||
		    off < start || off >= start + size)
			continue;
		snprintf(buf + used, len - used, "%s%s", used ? "." : "", name);
		if (dwarf_tag(&sub) == DW_TAG_pointer_type)
			return off == start;
		return member_at(&sub, off - start, buf, len);
	} while (dwarf_siblingof(&m, &m) == 0);
	return false;
}

bool pv_slot_name(const struct elf_file *ef, long idx, char *buf, size_t len)
{
	Dwarf_Die var, type;
	Dwarf *dw;
	bool ok = false;

	if (ef->rel || idx < 0 || !len || !(dw = dwarf_begin_elf(ef->elf, DWARF_C_READ, NULL)))
		return false;
	buf[0] = 0;
	if (find_pv_ops(dw, &var) && type_of(&var, &type))
		ok = member_at(&type, (Dwarf_Word)idx * 8, buf, len);
	dwarf_end(dw);
	return ok && buf[0];
}
