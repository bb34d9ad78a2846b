/* sources/proc_pid_maps, kallsyms, perf_map, elf_syms (and its uprobe offsets), symtab: parsing,
 * load-bias arithmetic and ELF lookups on the test objects the Makefile
 * builds (.output/progs/). */
#include "test.h"

#include <fcntl.h>
#include <unistd.h>

#include "sources/elf_syms.h"
#include "sources/kallsyms.h"
#include "sources/perf_map.h"
#include "sources/proc_pid_maps.h"

static void test_maps(void **state)
{
	const char txt[] =
		"55d0c7a00000-55d0c7a01000 r--p 00000000 fd:01 1234                       /usr/bin/prog\n"
		"55d0c7a01000-55d0c7a02000 r-xp 00001000 fd:01 1234                       /usr/bin/prog\n"
		"7f0000000000-7f0000021000 rw-p 00000000 00:00 0                          [heap]\n"
		"7f1000001000-7f1000005000 r-xp 00002000 08:02 99 /tmp/lib x.so (deleted)\n"
		"7f2000000000-7f2000001000 r-xp 00000000 00:00 0 \n";
	struct pid_maps m;
	int bad = 0;
	(void)state;

	assert_int_equal(proc_pid_maps_parse(txt, sizeof(txt) - 1, true, &m, &bad), 0);
	assert_int_equal(m.n, 3);
	assert_int_equal(m.v[0].start, 0x55d0c7a01000ull);
	assert_int_equal(m.v[0].pgoff, 0x1000);
	assert_int_equal(m.v[0].maj, 0xfd);
	assert_int_equal(m.v[0].ino, 1234);
	assert_string_equal(m.v[0].path, "/usr/bin/prog");
	/* a space in the name and the " (deleted)" suffix */
	assert_string_equal(m.v[1].path, "/tmp/lib x.so");
	assert_true(m.v[1].deleted);
	assert_int_equal(m.v[1].maj, 8);
	assert_string_equal(m.v[2].path, "");
	proc_pid_maps_free(&m);
	assert_int_equal(proc_pid_maps_parse("zz-1 r-xp\n", 10, false, &m, &bad), -EINVAL);
	assert_int_equal(bad, 1);
}

static void test_kallsyms(void **state)
{
	const char txt[] =
		"ffffffff81000000 T _stext\n"
		"ffffffff81000100 t helper\n"
		"ffffffff81000200 D some_data\n"
		"ffffffff81000300 T schedule\n"
		"ffffffffc0001000 t mod_fn\t[mymod]\n";
	struct symtab t;
	const struct sym *s;
	int bad = 0;
	(void)state;

	assert_int_equal(kallsyms_parse(txt, sizeof(txt) - 1, &t, &bad), 0);
	assert_int_equal(t.n, 4);	/* data symbol left out */
	s = symtab_find(&t, 0xffffffff81000150ull);
	assert_string_equal(symtab_name(&t, s), "helper");
	/* helper runs to the next text symbol (the data one is not text) */
	s = symtab_find(&t, 0xffffffff81000250ull);
	assert_string_equal(symtab_name(&t, s), "helper");
	s = symtab_find(&t, 0xffffffffc0001010ull);
	assert_string_equal(symtab_name(&t, s), "mod_fn");
	assert_string_equal(t.strs + s->module, "[mymod]");
	assert_null(symtab_find(&t, 0xffffffff80000000ull));
	symtab_free(&t);
	/* kptr_restrict: every address 0 -> nothing usable */
	assert_int_equal(kallsyms_parse("0000000000000000 T _stext\n", 26, &t, &bad), 0);
	assert_int_equal(t.n, 0);
	symtab_free(&t);
}

/* Function padding (__pfx_NAME, 16 bytes before NAME) and its function are
 * one entry named NAME from the padding's start; an alias of the function
 * is dropped with it; a __pfx_ whose function is elsewhere stays a symbol
 * of its own; modules' lines after the kernel's (out of order) are sorted. */
static void test_kallsyms_pfx(void **state)
{
	const char txt[] =
		"ffffffffc0002000 t __pfx_mod_fn\t[mymod]\n"
		"ffffffffc0002010 t mod_fn\t[mymod]\n"
		"ffffffff81000000 T _stext\n"
		"ffffffff81000100 T __pfx_schedule\n"
		"ffffffff81000110 T schedule\n"
		"ffffffff81000110 T schedule_alias\n"
		"ffffffff81000200 T __pfx_lonely\n"
		"ffffffff81000400 T other\n";
	struct symtab t;
	const struct sym *s;
	int bad = 0;
	(void)state;

	assert_int_equal(kallsyms_parse(txt, sizeof(txt) - 1, &t, &bad), 0);
	assert_int_equal(t.n, 5);	/* mod_fn, _stext, schedule, lonely, other */
	assert_int_equal(t.cap, t.n);	/* no slack kept */
	s = symtab_find(&t, 0xffffffff81000104ull);	/* in the padding */
	assert_string_equal(symtab_name(&t, s), "schedule");
	assert_true(s->start == 0xffffffff81000100ull);
	s = symtab_find(&t, 0xffffffff81000150ull);
	assert_string_equal(symtab_name(&t, s), "schedule");	/* not the alias */
	assert_true(s->end == 0xffffffff81000200ull);
	s = symtab_find(&t, 0xffffffff81000300ull);
	assert_string_equal(symtab_name(&t, s), "lonely");
	s = symtab_find(&t, 0xffffffffc0002020ull);
	assert_string_equal(symtab_name(&t, s), "mod_fn");
	assert_string_equal(t.strs + s->module, "[mymod]");
	assert_true(s->start == 0xffffffffc0002000ull);
	symtab_free(&t);
}

static void test_perf_map(void **state)
{
	const char txt[] =
		"7f00deadb000 40 LazyCompile:~foo <anon>&\"x\" bar.js:1\n"
		"0x7f00deadc000 0x20 Interpreter\n"
		"garbage line\n"
		"7f00deadd000 10";
	struct symtab t;
	const struct sym *s;
	int bad = 0;
	(void)state;

	assert_int_equal(perf_map_parse(txt, sizeof(txt) - 1, &t, &bad), 0);
	assert_int_equal(t.n, 2);
	assert_int_equal(bad, 2);
	s = symtab_find(&t, 0x7f00deadb03full);
	assert_string_equal(symtab_name(&t, s), "LazyCompile:~foo <anon>&\"x\" bar.js:1");
	assert_null(symtab_find(&t, 0x7f00deadb040ull));	/* size 0x40: end excluded */
	s = symtab_find(&t, 0x7f00deadc010ull);
	assert_string_equal(symtab_name(&t, s), "Interpreter");
	symtab_free(&t);
}

static void test_load_bias(void **state)
{
	/* A PIE: text at file offset 0x1000 linked at 0x1000; data segment at
	 * offset 0x2df0 linked at 0x3df0 (p_vaddr - p_offset = 0x1000). */
	const struct elf_seg segs[] = {
		{ 0x0, 0x0, 0x600 }, { 0x1000, 0x1000, 0x2a5 }, { 0x3df0, 0x2df0, 0x250 },
	};
	uint64_t v;
	(void)state;

	/* Sample at 0x55d0c7a01191 in the mapping 55d0c7a01000-... pgoff 0x1000:
	 * off = 0x191 + 0x1000 = 0x1191 -> segment 2: vaddr 0x1191. */
	assert_int_equal(elf_syms_vaddr(segs, 3, 0x55d0c7a01191ull - 0x55d0c7a01000ull + 0x1000, &v), 0);
	assert_int_equal(v, 0x1191);
	/* offset 0x2e00 in the third segment: 0x2e00 - 0x2df0 + 0x3df0 = 0x3e00 */
	assert_int_equal(elf_syms_vaddr(segs, 3, 0x2e00, &v), 0);
	assert_int_equal(v, 0x3e00);
	/* prelinked object: linked at 0x3000000, segment offset 0 */
	const struct elf_seg pre[] = { { 0x3000000, 0, 0x5000 } };
	assert_int_equal(elf_syms_vaddr(pre, 1, 0x1234, &v), 0);
	assert_int_equal(v, 0x3001234);
	assert_int_equal(elf_syms_vaddr(pre, 1, 0x9000, &v), -ERANGE);
	assert_int_equal(v, 0x9000);
}

/* vaddr of a named symbol in an object (the test asks the table itself and
 * then checks lookups inside and outside it). */
static const struct sym *by_name(const struct elf_syms *e, const char *name)
{
	for (size_t i = 0; i < e->syms.n; i++)
		if (!strcmp(symtab_name(&e->syms, &e->syms.v[i]), name))
			return &e->syms.v[i];
	return NULL;
}

static void load(struct elf_syms *e, const char *path)
{
	int fd = open(path, O_RDONLY);

	assert_true(fd >= 0);
	assert_int_equal(elf_syms_load_fd(e, fd), 0);
	close(fd);
}

static void test_elf(void **state)
{
	struct elf_syms e;
	const struct sym *hot, *s;
	int fd;
	(void)state;

	load(&e, ".output/progs/known_profile_pie");
	hot = by_name(&e, "hot_main");
	assert_non_null(hot);
	assert_true(hot->end > hot->start);
	s = symtab_find(&e.syms, hot->start + (hot->end - hot->start) / 2);
	assert_string_equal(symtab_name(&e.syms, s), "hot_main");
	assert_non_null(by_name(&e, "main"));
	assert_false(e.stripped);
	assert_true(e.nsegs >= 2);
	elf_syms_free(&e);

	/* the shared library: lib_hot from .symtab/.dynsym */
	load(&e, ".output/progs/libknown.so");
	assert_non_null(by_name(&e, "lib_hot"));
	elf_syms_free(&e);

	/* stripped: no hot_main; program headers still there */
	load(&e, ".output/progs/known_profile_stripped");
	assert_null(by_name(&e, "hot_main"));
	assert_true(e.nsegs >= 2);
	elf_syms_free(&e);

	/* ... and its symbols back from the separate debug file, found by
	 * build ID (what a Debian -dbgsym package installs) */
	char path[256];
	load(&e, ".output/progs/known_profile_stripped");
	assert_false(e.has_symtab);
	assert_int_equal(e.build_id_len, 20);	/* SHA-1 build IDs: 20 bytes */
	assert_int_equal(elf_syms_debug_path(&e, path, sizeof(path)), 0);
	assert_int_equal(strncmp(path, "usr/lib/debug/.build-id/", 24), 0);
	assert_int_equal(path[26], '/');
	assert_int_equal(strlen(path), 24 + 2 + 1 + 38 + 6);
	assert_string_equal(path + strlen(path) - 6, ".debug");
	fd = open(".output/progs/known_profile_pie.debug", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(elf_syms_merge_fd(&e, fd), 0);
	close(fd);
	hot = by_name(&e, "hot_main");
	assert_non_null(hot);
	s = symtab_find(&e.syms, hot->start + 1);
	assert_string_equal(symtab_name(&e.syms, s), "hot_main");
	elf_syms_free(&e);

	/* not ELF */
	fd = open("tests/unit/test_symbols.c", O_RDONLY);
	assert_int_equal(elf_syms_load_fd(&e, fd), -ENOEXEC);
	close(fd);
}

/* uprobe offsets: the file offset of lib_hot maps back to its vaddr; an
 * absent name gets 0 */
static void test_func_offsets(void **state)
{
	const char *names[] = { "lib_hot", "no_such_function_here" };
	const struct sym *hot;
	struct elf_syms e;
	uint64_t offs[2], v;
	int fd;
	(void)state;

	load(&e, ".output/progs/libknown.so");
	hot = by_name(&e, "lib_hot");
	assert_non_null(hot);
	fd = open(".output/progs/libknown.so", O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(elf_syms_func_offsets(fd, names, 2, offs), 0);
	close(fd);
	assert_true(offs[0] > 0);
	assert_int_equal(offs[1], 0);
	assert_int_equal(elf_syms_vaddr(e.segs, e.nsegs, offs[0], &v), 0);
	assert_int_equal(v, hot->start);
	elf_syms_free(&e);
	fd = open("tests/unit/test_symbols.c", O_RDONLY);
	assert_int_equal(elf_syms_func_offsets(fd, names, 2, offs), -ENOEXEC);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_maps),
		cmocka_unit_test(test_kallsyms),
		cmocka_unit_test(test_kallsyms_pfx),
		cmocka_unit_test(test_perf_map),
		cmocka_unit_test(test_load_bias),
		cmocka_unit_test(test_elf),
		cmocka_unit_test(test_func_offsets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
