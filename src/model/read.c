// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the entry model: JSON (a built-in model, or --model FILE, with "base" merged in)
 * into struct model, and freeing it.  Apart from binding (bind.c) and printing (dump.c) so
 * that the format's rules live in one file: what is required, what each member means, and the
 * words it spells kinds, stacks and registers with (the dump prints the same words).
 * A malformed model is a usage error: exit 2 with the file and the JSON path of the problem.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include <istcheck/diag.h>
#include <istcheck/features.h>
#include <istcheck/istcheck.h>
#include <istcheck/model.h>
#include <istcheck/util.h>

/* src/model/linux.json, linux-6.1.json and the reference entry's model, linked in by
 * linux_model.S; builtin_model_for() below picks one by these names. */
extern const char istcheck_linux_model[], istcheck_linux61_model[], istcheck_ref_model[];

static const struct { const char *name, *text; } builtins[] = {
	{ "linux-6.12", istcheck_linux_model },
	{ "linux-6.1", istcheck_linux61_model },
	{ "ref-entry", istcheck_ref_model },
};

/* The format's words for kinds, stacks and registers: read here, printed by the *_name()s. */
static const char *const kind_names[NR_ENTRY_KINDS] = {
	[ENTRY_SYSCALL64] = "syscall64", [ENTRY_SYSCALL_COMPAT] = "syscall-compat",
	[ENTRY_SYSENTER] = "sysenter", [ENTRY_IDT] = "idt", [ENTRY_IDT_IST] = "idt-ist",
	[ENTRY_FRED_USER] = "fred-user", [ENTRY_FRED_KERNEL] = "fred-kernel", [ENTRY_XEN_PV] = "xen-pv",
};

static const char *const stack_names[NR_STACK_KINDS] = {
	[STK_UNKNOWN] = "unknown", [STK_USER] = "user", [STK_ENTRY] = "entry", [STK_IST] = "ist",
	[STK_KERNEL] = "kernel", [STK_MAIN] = "ist-main",
};

const char *entry_kind_name(enum entry_kind kind)
{
	return kind < NR_ENTRY_KINDS ? kind_names[kind] : "?";
}

const char *stack_kind_name(enum stack_kind kind)
{
	return kind < NR_STACK_KINDS ? stack_names[kind] : "?";
}

static const char *const gpr_names[NR_GPRS] = {
	"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
	"r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
};

const char *gpr_name(int g)
{
	return g >= 0 && g < NR_GPRS ? gpr_names[g] : "?";
}

/* The name lists: JSON key (read here), role (marked by bind.c), label (printed by dump.c). */
const struct model_list_desc model_lists[NR_MODEL_LISTS] = {
	[ML_NOT_ENTRIES]	= { "not_entries", 0, NULL, false },
	[ML_UNTRAIN]		= { "untrain", ROLE_UNTRAIN, "untrain", true },
	[ML_BHB_CLEAR]		= { "bhb_clear", ROLE_BHB_CLEAR, "bhb clear", true },
	[ML_SYSRET_VETTERS]	= { "sysret_vetters", ROLE_SYSRET_VETTER, "sysret vetters", true },
	[ML_SYSRET_VETTED_AT]	= { "sysret_vetted_at", 0, "sysret vetted at", false },
	[ML_WALK]		= { "walk", ROLE_WALK, "walked", false },
	[ML_XEN_EXITS]		= { "xen_exits", ROLE_XEN_EXIT, "xen exits", true },
	[ML_USER_DATA]		= { "user_data", ROLE_USER_DATA, "user data", true },
	[ML_USER_TEXT]		= { "user_text", ROLE_USER_TEXT, "user text", true },
	[ML_NMI_CHECKS_END]	= { "nmi_checks_end", ROLE_NMI_CHECKS_END, "nmi checks end", false },
	[ML_NMI_PROTECTED]	= { "nmi_protected", ROLE_NMI_PROTECTED, "nmi protected", false },
};

struct reader {
	struct model *m;
	const char *src;
	const char *where;		/* the member being read, for messages */
};

static int bad(struct reader *r, const char *what)
{
	return input_error(r->src, "model: %s: %s", r->where, what);
}

static int lookup(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; s && i < n; i++)
		if (names[i] && !strcmp(names[i], s))
			return (int)i;
	return -1;
}

static const char *get_str(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int read_feature(struct reader *r, json_t *v, uint16_t *bit)
{
	if (!json_is_string(v) || !parse_feature(json_string_value(v), bit))
		return bad(r, "not a feature name or number");
	return 0;
}

/* root[key] as an array with room for its elements in *out; NULL (and *n = 0) if missing. */
static int get_array(struct reader *r, json_t *root, const char *key, void **out, size_t *n,
		     size_t size, json_t **arr)
{
	r->where = key;
	*n = 0;
	*arr = json_object_get(root, key);
	if (!*arr)
		return 0;
	if (!json_is_array(*arr))
		return bad(r, "not an array");
	*out = xcalloc(json_array_size(*arr) + 1, size);
	return 0;
}

/* A JSON array of strings into a list; missing means empty. */
static int read_names(struct reader *r, json_t *root, const char *key, const char ***out, size_t *n)
{
	json_t *arr, *v;
	size_t i;

	if (get_array(r, root, key, (void **)out, n, sizeof(**out), &arr) < 0)
		return -1;
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v))
			return bad(r, "not an array of strings");
		(*out)[(*n)++] = json_string_value(v);
	}
	return 0;
}

/* An array of objects: fn reads each into its element of *out. */
static int read_objects(struct reader *r, json_t *root, const char *key, void **out, size_t *n,
			size_t size, int (*fn)(struct reader *, json_t *, void *))
{
	json_t *arr, *v;
	size_t i;

	if (get_array(r, root, key, out, n, size, &arr) < 0)
		return -1;
	json_array_foreach(arr, i, v) {
		if (!json_is_object(v))
			return bad(r, "not an array of objects");
		if (fn(r, v, (char *)*out + i * size) < 0)
			return -1;
		(*n)++;
	}
	return 0;
}

/* An array of at most max feature names into bits. */
static int read_feature_list(struct reader *r, json_t *obj, const char *key, uint16_t *bits,
			     size_t max, size_t *n)
{
	json_t *arr = json_object_get(obj, key), *v;
	size_t i;

	r->where = key;
	*n = 0;
	if (arr && (!json_is_array(arr) || json_array_size(arr) > max))
		return bad(r, "must be an array of a few feature names");
	json_array_foreach(arr, i, v)
		if (read_feature(r, v, &bits[(*n)++]) < 0)
			return -1;
	return 0;
}

static int read_entry(struct reader *r, json_t *v, void *p)
{
	struct model_entry *e = p;
	json_t *vec = json_object_get(v, "vector");
	size_t nr;
	int kind = lookup(kind_names, NR_ENTRY_KINDS, get_str(v, "kind"));

	e->name = get_str(v, "symbol");
	if (!e->name || kind < 0)
		return bad(r, "an entry needs \"symbol\" and a known \"kind\"");
	e->kind = kind;
	r->m->entry_first[(unsigned char)e->name[0]] = true;
	e->vector = json_is_integer(vec) ? (int)json_integer_value(vec) : -1;
	e->ist = get_str(v, "ist");
	if ((e->kind == ENTRY_IDT_IST) != (e->ist != NULL))
		return bad(r, "\"ist\" is required for idt-ist entries and only for them");
	if (read_feature_list(r, v, "requires", e->requires, 4, &nr) < 0)
		return -1;
	e->nr_requires = (uint8_t)nr;
	e->no_untrain = json_is_false(json_object_get(v, "untrain"));
	e->why = get_str(v, "why");
	if (e->no_untrain && !e->why)
		return bad(r, "an entry with \"untrain\": false needs its \"why\"");
	return 0;
}


/* "name=SOURCE", SOURCE one of any, imm, flags, mem, mem:REG[+-DISP], user:REG. */
static int read_slot(struct reader *r, const char *text, struct model_slot *slot)
{
	static const char *const plain[] = { [SLOT_ANY] = "any", [SLOT_IMM] = "imm",
					     [SLOT_MEM] = "mem", [SLOT_FLAGS] = "flags" };
	const char *eq = text ? strchr(text, '=') : NULL, *src;
	char reg[8];
	int disp = 0, n = 0, k = 0;

	if (!eq || eq == text || eq - text >= (long)sizeof(slot->name))
		return bad(r, "a slot is \"name=source\" with a short name");
	memcpy(slot->name, text, (size_t)(eq - text));
	src = eq + 1;
	slot->reg = -1;
	if (lookup(plain, SLOT_FLAGS + 1, src) >= 0) {
		slot->src = (uint8_t)lookup(plain, SLOT_FLAGS + 1, src);
		return 0;
	}
	if (sscanf(src, "user:%7[a-z0-9]%n", reg, &n) == 1 && !src[n])
		slot->src = SLOT_USER;
	else if (sscanf(src, "mem:%7[a-z0-9]%n", reg, &n) == 1 &&
		 (!src[n] || (sscanf(src + n, "%i%n", &disp, &k) == 1 && !src[n + k])))
		slot->src = SLOT_MEM, slot->disp = disp;
	else
		return bad(r, "a slot source is any, imm, flags, mem, mem:REG+DISP or user:REG");
	slot->reg = (int8_t)lookup(gpr_names, NR_GPRS, reg);
	return slot->reg < 0 ? bad(r, "a slot source names an unknown register") : 0;
}

static int read_frame(struct reader *r, json_t *v, void *p)
{
	struct model_frame *f = p;
	json_t *slots = json_object_get(v, "slots"), *s;
	size_t i;

	f->entry = get_str(v, "entry");
	f->why = get_str(v, "why");
	if (!f->entry || !f->why || !json_is_array(slots) || json_array_size(slots) > MAX_FRAME_SLOTS)
		return bad(r, "a frame needs \"entry\", \"why\" and at most 24 \"slots\"");
	json_array_foreach(slots, i, s)
		if (read_slot(r, json_string_value(s), &f->slots[f->nr_slots++]) < 0)
			return -1;
	return 0;
}

static int read_stack_load(struct reader *r, json_t *v, void *p)
{
	struct model_stack_load *l = p;
	json_t *off = json_object_get(v, "offset");
	int stack = lookup(stack_names, NR_STACK_KINDS, get_str(v, "stack"));

	l->symbol = get_str(v, "symbol");
	if (!l->symbol || stack <= STK_USER)
		return bad(r, "a stack load needs \"symbol\" and a trusted \"stack\"");
	l->stack = stack;
	l->offset = json_is_integer(off) ? json_integer_value(off) : -1;
	return 0;
}

static int read_switcher(struct reader *r, json_t *v, void *p)
{
	struct model_switcher *s = p;

	s->symbol = get_str(v, "symbol");
	s->to_user_frame = json_is_true(json_object_get(v, "user_frame"));
	return s->symbol ? 0 : bad(r, "a stack switcher needs \"symbol\"");
}

static int read_user_rip(struct reader *r, json_t *v, void *p)
{
	struct model_user_rip *u = p;

	u->symbol = get_str(v, "symbol");
	u->inside = json_is_true(json_object_get(v, "inside"));
	u->user_cr3 = json_is_true(json_object_get(v, "user_cr3"));
	return u->symbol ? 0 : bad(r, "a user RIP needs \"symbol\"");
}

static int read_gap(struct reader *r, json_t *v, void *p)
{
	struct model_gap *g = p;

	g->start = get_str(v, "start");
	g->end = get_str(v, "end");
	return g->start && g->end ? 0 : bad(r, "a syscall gap needs \"start\" and \"end\"");
}

static int read_exemption(struct reader *r, json_t *v, void *p)
{
	struct model_exemption *x = p;

	x->rule = get_str(v, "rule");
	x->symbol = get_str(v, "symbol");
	x->reason = get_str(v, "reason");
	if (!x->rule || !x->symbol || !x->reason || !*x->reason)
		return bad(r, "an exemption needs \"rule\", \"symbol\" and a \"reason\"");
	if (find_rule(x->rule) < 0)
		return bad(r, "an exemption names an unknown rule");
	return 0;
}

static int read_exclusion(struct reader *r, json_t *v, void *p)
{
	struct model_exclusion *x = p;

	x->why = get_str(v, "why");
	if (read_feature(r, json_object_get(v, "a"), &x->a) < 0 ||
	    read_feature(r, json_object_get(v, "b"), &x->b) < 0)
		return -1;
	return x->why ? 0 : bad(r, "an exclusion needs \"why\"");
}

static int read_features(struct reader *r, json_t *root)
{
	struct model *m = r->m;
	json_t *f = json_object_get(root, "features");

	r->where = "features";
	if (!json_is_object(f))
		return bad(r, "missing or not an object");
	if (read_feature_list(r, f, "variants", m->variant_features, 4, &m->nr_variant_features) < 0 ||
	    read_feature_list(r, f, "consistent", m->consistent, 16, &m->nr_consistent) < 0)
		return -1;
	r->where = "features";
	if (read_feature(r, json_object_get(f, "ibrs"), &m->ibrs_feature) < 0 ||
	    read_feature(r, json_object_get(f, "verw"), &m->verw_feature) < 0)
		return -1;
	return read_objects(r, f, "exclusive", (void **)&m->exclusions, &m->nr_exclusions,
			    sizeof(*m->exclusions), read_exclusion);
}

/* "aist": {"entries", "code", "memory", "commit", "feature"}: all optional. */
static int read_aist(struct reader *r, json_t *v)
{
	struct model_aist *a = &r->m->aist;
	json_t *feat;

	if (!v)
		return 0;
	r->where = "aist";
	if (!json_is_object(v))
		return bad(r, "not an object");
	a->commit = get_str(v, "commit");
	feat = json_object_get(v, "feature");
	if (feat) {
		r->where = "aist.feature";
		if (read_feature(r, feat, &a->feature) < 0)
			return -1;
		a->has_feature = true;
	}
	if (read_names(r, v, "entries", &a->entries, &a->nr_entries) < 0 ||
	    read_names(r, v, "code", &a->code, &a->nr_code) < 0 ||
	    read_names(r, v, "memory", &a->memory, &a->nr_memory) < 0)
		return -1;
	return 0;
}

static int read_root(struct reader *r, json_t *root)
{
	struct model *m = r->m;

	r->where = "version";
	if (!json_is_object(root) || json_integer_value(json_object_get(root, "version")) != 1)
		return bad(r, "not a version 1 istcheck model");
	m->name = get_str(root, "name");
	if (!m->name)
		return r->where = "name", bad(r, "missing");
	m->ret_no_gs = json_is_false(json_object_get(root, "return_uses_gs"));
	if (read_features(r, root) < 0 ||
	    read_objects(r, root, "entries", (void **)&m->entries, &m->nr_entries,
			 sizeof(*m->entries), read_entry) < 0 ||
	    read_objects(r, root, "stack_loads", (void **)&m->stack_loads, &m->nr_stack_loads,
			 sizeof(*m->stack_loads), read_stack_load) < 0 ||
	    read_objects(r, root, "stack_switchers", (void **)&m->switchers, &m->nr_switchers,
			 sizeof(*m->switchers), read_switcher) < 0 ||
	    read_objects(r, root, "user_rips", (void **)&m->user_rips, &m->nr_user_rips,
			 sizeof(*m->user_rips), read_user_rip) < 0 ||
	    read_objects(r, root, "syscall_gaps", (void **)&m->gaps, &m->nr_gaps,
			 sizeof(*m->gaps), read_gap) < 0 ||
	    read_objects(r, root, "exemptions", (void **)&m->exemptions, &m->nr_exemptions,
			 sizeof(*m->exemptions), read_exemption) < 0 ||
	    read_objects(r, root, "frames", (void **)&m->frames, &m->nr_frames,
			 sizeof(*m->frames), read_frame) < 0)
		return -1;
	for (int l = 0; l < NR_MODEL_LISTS; l++)
		if (read_names(r, root, model_lists[l].key, &m->lists[l].names, &m->lists[l].nr) < 0)
			return -1;
	if (read_aist(r, json_object_get(root, "aist")) < 0)
		return -1;
	if (!m->nr_entries)
		return r->where = "entries", bad(r, "the model has no entry points");
	return 0;
}

#define NR_BUILTINS (ARRAY_SIZE(builtins))

static const char *builtin_text(const char *name)
{
	for (size_t i = 0; name && i < NR_BUILTINS; i++)
		if (!strcmp(name, builtins[i].name))
			return builtins[i].text;
	return NULL;
}

/* "linux-6.12, linux-6.1 or ref-entry", for the messages that want a built-in model's name. */
static const char *builtin_names(char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = 0;
	for (size_t i = 0; i < NR_BUILTINS && n < len; i++)
		n += (size_t)snprintf(buf + n, len - n, "%s%s", !i ? "" : i + 1 < NR_BUILTINS ?
				      ", " : " or ", builtins[i].name);
	return buf;
}

/*
 * "base": "linux-6.12" makes a model the built-in one with its own members in place of the
 * base's: objects merge member by member ("features": {"verw": ...} changes only that),
 * anything else (a list, a string) replaces the base's whole.
 */
static json_t *apply_base(const char *src, json_t *root)
{
	const char *base = json_string_value(json_object_get(root, "base"));
	const char *text = builtin_text(base);
	json_error_t err;
	json_t *merged;
	char names[128];

	if (!json_object_get(root, "base"))
		return root;
	if (!text) {
		json_decref(root);
		input_error(src, "model: base: not the name of a built-in model (%s)",
			    builtin_names(names, sizeof(names)));
		return NULL;
	}
	merged = json_loads(text, JSON_REJECT_DUPLICATES, &err);
	if (!merged || json_object_update_recursive(merged, root) < 0) {
		/* The built-in text is known good: only an allocation can fail here. */
		out_of_memory(src);
	}
	json_decref(root);
	return merged;
}

/*
 * A name without a slash that is no file was most likely meant as a built-in model: say which
 * there are rather than only that the file is missing.
 */
static int open_model(const char *path)
{
	struct stat st;
	char names[128];

	if (strcmp(path, "-") && !strchr(path, '/') && stat(path, &st) && errno == ENOENT)
		return input_error(path, "model: no such file, and not a built-in model (%s)",
				   builtin_names(names, sizeof(names)));
	/* Never a blocking open: a FIFO named as the model is refused, not waited on. */
	return open_input(path, "model: ", NULL);
}

/* A file, or the name of a built-in model. */
int read_model(struct model *m, const char *path)
{
	struct reader r = { .m = m, .src = path };
	const char *text;
	json_error_t err;
	json_t *root;

	memset(m, 0, sizeof(*m));
	if (!path)
		path = r.src = builtins[0].name;
	text = builtin_text(path);
	m->source = text ? "built-in" : path;
	if (text) {
		root = json_loads(text, JSON_REJECT_DUPLICATES, &err);
	} else {
		int fd = open_model(path);

		if (fd < 0)
			return -1;
		root = json_loadfd(fd, JSON_REJECT_DUPLICATES, &err);
		close(fd);
	}
	if (!root)
		return input_error(r.src, "model: line %d: %s", err.line, err.text);
	root = apply_base(r.src, root);
	if (!root)
		return -1;
	m->json = root;
	if (read_root(&r, root) < 0) {
		free_model(m);
		return -1;
	}
	return 0;
}

/*
 * The built-in model for a file: 6.1 kept the task stack top in cpu_current_top_of_stack, which
 * 6.2 folded into pcpu_hot; the entry code changed with it (SYSRET tests in asm until 6.6).
 */
const char *builtin_model_for(const struct elf_file *ef)
{
	if (find_symbol(ef, "ref_aist_commit"))
		return "ref-entry";		/* the reference atomic-IST entry */
	if (!find_symbol(ef, "pcpu_hot") && find_symbol(ef, "cpu_current_top_of_stack"))
		return "linux-6.1";
	return "linux-6.12";
}

void free_model(struct model *m)
{
	free(m->entries);
	free(m->stack_loads);
	free(m->switchers);
	free(m->user_rips);
	free(m->gaps);
	free(m->exclusions);
	free(m->exemptions);
	free(m->frames);
	for (int l = 0; l < NR_MODEL_LISTS; l++)
		free(m->lists[l].names);
	free(m->aist.entries);
	free(m->aist.code);
	free(m->aist.memory);
	json_decref(m->json);
	memset(m, 0, sizeof(*m));
}
