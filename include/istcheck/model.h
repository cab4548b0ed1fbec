/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry model: what the contract engine must know about a kernel that the machine code
 * alone does not say.  Which symbols are entry points and of what kind, which loads of RSP are
 * trusted, which calls switch stacks or untrain, which kernel RIPs run with the user's GSBASE,
 * the syscall gaps, which exits exist, what is mapped in the user page tables, the pt_regs
 * frames, which feature combinations cannot happen, the atomic-IST view ("aist"), and the
 * documented exemptions.
 *
 * The built-in models are JSON files compiled into the binary: linux-6.12
 * (src/model/linux.json), linux-6.1 (src/model/linux-6.1.json) and ref-entry
 * (tests/fixtures/ref_entry/ref_entry-model.json).  --model FILE reads the same format
 * (istcheck-model(5), man/istcheck-model.5), so other kernels are described without code changes.
 *
 * src/model/ has one file per job, and this header groups its declarations the same way:
 * read.c reads the JSON, bind.c (with idt.c) binds the model to one file, dump.c is --dump=model.
 */
#ifndef _ISTCHECK_MODEL_H
#define _ISTCHECK_MODEL_H

#include <stdio.h>
#include <istcheck/cfg.h>

enum entry_kind {
	ENTRY_SYSCALL64,		/* SYSCALL from 64-bit user: user RSP, user GS */
	ENTRY_SYSCALL_COMPAT,
	ENTRY_SYSENTER,
	ENTRY_IDT,			/* IDT gate without IST: from user or kernel */
	ENTRY_IDT_IST,			/* IDT gate with an IST stack: may interrupt anything */
	ENTRY_FRED_USER,		/* FRED event from ring 3: GS already swapped */
	ENTRY_FRED_KERNEL,
	ENTRY_XEN_PV,			/* Xen PV callback: kernel GS, kernel stack */
	NR_ENTRY_KINDS
};

/* Where RSP points, as docs/contract.md lists it (The contract engine, the abstract state). */
enum stack_kind { STK_UNKNOWN, STK_USER, STK_ENTRY, STK_IST, STK_KERNEL, STK_MAIN, NR_STACK_KINDS };
/* STK_MAIN: the atomic-IST main stack in cpu_entry_area (user-mapped, not reused by the CPU). */

struct model_entry {
	const char *name;		/* symbol, or a pattern ending in '*' */
	enum entry_kind kind;
	int vector;			/* -1 if not an IDT vector */
	const char *ist;		/* IST stack name (NMI, DB, MCE, VC, DF) */
	uint16_t requires[4];		/* features the entry exists only with (#VC: SEV_ES) */
	uint8_t nr_requires;
	bool no_untrain;		/* "untrain": false: no UNTRAIN_RET needed from user mode */
	const char *why;		/* the reason for a non-default attribute */
};

/* A load of RSP from %gs:symbol(+offset) that the model trusts, and the stack it yields. */
struct model_stack_load {
	const char *symbol;
	int64_t offset;			/* -1: any offset */
	enum stack_kind stack;
};

/* A function that returns the stack to switch to in RAX (sync_regs, vc_switch_off_ist...). */
struct model_switcher {
	const char *symbol;
	bool to_user_frame;		/* it rewrites the frame as if from user mode (fixup_bad_iret) */
};

/* Kernel RIPs an exception may interrupt while GSBASE (and maybe CR3) is still the user's. */
struct model_user_rip {
	const char *symbol;
	bool inside;			/* anywhere inside the function, not only at its start */
	bool user_cr3;
};

/* An RSP-untrusted window, as ip_within_syscall_gap() knows it: [start, end). */
struct model_gap {
	const char *start, *end;
};

/* Two features that are never both set (PTI and FRED, XENPV and PTI, ...). */
struct model_exclusion {
	uint16_t a, b;
	const char *why;
};

/* Where one pt_regs slot's value must come from (regs-frame). */
enum slot_src { SLOT_ANY, SLOT_USER, SLOT_IMM, SLOT_MEM, SLOT_FLAGS };

struct model_slot {
	char name[12];			/* "cx" */
	uint8_t src;			/* enum slot_src */
	int8_t reg;			/* SLOT_USER: the user's register; SLOT_MEM: the base, or -1 */
	int32_t disp;			/* SLOT_MEM with a base: the displacement */
};

#define MAX_FRAME_SLOTS	24

/* The pt_regs an entry pushes once on the task stack, in push order (from ss down to r15). */
struct model_frame {
	const char *entry;
	const char *why;
	struct model_slot slots[MAX_FRAME_SLOTS];
	uint8_t nr_slots;
};

struct model_exemption {
	const char *rule;
	const char *symbol;
	const char *reason;
};

/* The model's lists of symbol names; model_lists[] describes each once. */
enum model_list {
	ML_NOT_ENTRIES,			/* names the entry patterns match that are not entries */
	ML_UNTRAIN,			/* calls that untrain (their RETs are the sanctioned ones) */
	ML_BHB_CLEAR,
	ML_SYSRET_VETTERS,		/* C functions whose boolean result vets SYSRET */
	ML_SYSRET_VETTED_AT,		/* labels after the asm's own SYSRET tests (before 6.6) */
	ML_WALK,			/* functions outside entry text walked like entry asm */
	ML_XEN_EXITS,			/* jumping there returns to the guest's user mode */
	ML_USER_DATA,			/* data mapped in the user page tables */
	ML_USER_TEXT,			/* functions mapped in the user page tables besides entry text */
	ML_NMI_CHECKS_END,		/* where the NMI's nested checks hand over (first_nmi...) */
	ML_NMI_PROTECTED,		/* where the nested-NMI protocol protects the frame */
	NR_MODEL_LISTS
};

struct name_list {
	const char **names;
	size_t nr;
};

struct model_list_desc {
	const char *key;		/* the JSON member */
	uint16_t role;			/* enum model_role marked on the named symbols; 0: none */
	const char *label;		/* --dump=model */
	bool show_empty;		/* dumped even when empty */
};

extern const struct model_list_desc model_lists[NR_MODEL_LISTS];

/* The atomic-IST contract's view of the model ("aist"). */
struct model_aist {
	const char **entries;		/* aIST entries; none named: every idt-ist entry but #DF */
	size_t nr_entries;
	const char **code;		/* the aIST entry code (names, patterns ending in '*') */
	size_t nr_code;
	const char **memory;		/* data the code before the commit may touch */
	size_t nr_memory;
	const char *commit;		/* the symbol of the one RSP load that commits; NULL: none */
	uint16_t feature;		/* only with this feature (the boot-time switch) ... */
	bool has_feature;		/* ... if set */
};

struct model {
	struct model_aist aist;
	const char *name;
	const char *source;		/* "built-in" or the file */
	struct model_entry *entries;
	size_t nr_entries;
	struct model_stack_load *stack_loads;
	size_t nr_stack_loads;
	struct model_switcher *switchers;
	size_t nr_switchers;
	struct model_user_rip *user_rips;
	size_t nr_user_rips;
	struct model_gap *gaps;
	size_t nr_gaps;
	struct model_exclusion *exclusions;
	size_t nr_exclusions;
	struct model_exemption *exemptions;
	size_t nr_exemptions;
	struct model_frame *frames;
	size_t nr_frames;
	struct name_list lists[NR_MODEL_LISTS];	/* model_lists[] says what each one is */
	uint16_t variant_features[4];	/* features every entry is analysed with and without */
	size_t nr_variant_features;
	uint16_t consistent[16];	/* features several patch sites test: one choice per path */
	size_t nr_consistent;
	uint16_t ibrs_feature, verw_feature;
	bool ret_no_gs;			/* "return_uses_gs": false: no call-depth return thunk (< 6.2) */
	bool entry_first[256];		/* first bytes of the entry names and patterns */
	void *json;			/* owns the strings */
};

/* An entry point of the model found in the file. */
struct entry_point {
	const struct model_entry *me;
	struct function *func;
	uint64_t addr;
	const char *name;
	int vector;			/* the model's, else the IDT table's; -1 if neither */
	bool from_idt;			/* found in an idt_data table, not named by the model */
	struct model_entry own;		/* me for entries from_idt */
};

struct ist_file;
struct elf_file;

/* Reading (src/model/read.c): the JSON into a struct model, and the format's words. */

/* The JSON file at path, or the built-in model of that name (linux-6.12, linux-6.1, ref-entry;
 * NULL: linux-6.12); < 0 with a message on stderr. */
int read_model(struct model *m, const char *path);
/* The name of the built-in model that fits the file. */
const char *builtin_model_for(const struct elf_file *ef);
void free_model(struct model *m);
const char *entry_kind_name(enum entry_kind kind);
const char *stack_kind_name(enum stack_kind kind);
const char *gpr_name(int g);

/* Binding to a file (src/model/bind.c, with idt.c): entry points and symbol roles. */

/* The model's entry points present in the file, sorted by address (caller frees). */
void resolve_entries(struct ist_file *file, const struct model *m, struct entry_point **out, size_t *nr);
/* Set symbol.roles (enum model_role, elf.h) from the model's name lists, once per file. */
void mark_model_roles(const struct model *m, struct elf_file *ef);

/* The model's answers to the walk and the checks (src/model/bind.c). */

bool model_has(const char *const *list, size_t n, const char *name);
bool model_lists_name(const struct model *m, enum model_list l, const char *name);
const struct model_exemption *model_exempt(const struct model *m, const char *rule, const char *sym);
const struct model_frame *model_frame(const struct model *m, const char *entry);
/* Is ep an entry through atomic IST?  Where the model names none, assume (hypothetically) that
 * every IST entry but #DF is one: how the aist contract judges a mainline kernel.  (Only the aist
 * family asks, and it runs on such a model only under the aist rules.) */
bool model_aist_entry(const struct model *m, const struct entry_point *ep);
/* Does addr lie in memory the model places in the IST area (its "aist" "memory")? */
/* Is addr the model's commit, the one RSP load onto the IST main stack? */
bool model_is_commit(const struct model *m, const struct elf_file *ef, uint64_t addr);
/* Is there a label at addr that one of the model's lists marks with role? */
bool model_label_at(const struct elf_file *ef, uint64_t addr, uint16_t role);
bool model_in_ist_area(const struct model *m, const struct elf_file *ef, uint64_t addr);

/* --dump=model (src/model/dump.c). */

void show_model(FILE *out, struct ist_file *file, const struct model *m);

#endif
