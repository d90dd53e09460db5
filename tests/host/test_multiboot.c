/*
 * tests/host/test_multiboot.c - the x86 Multiboot v1 parser
 * (arch/x86/boot/multiboot.c) fed hand-built boot information placed in a
 * fake "physical memory" buffer, including truncated and corrupt maps.
 */
#include "htest.h"
#include "arch/x86/boot/multiboot.h"

/* Fake physical memory: PHYS_SIZE bytes that appear at PHYS_BASE. */
#define PHYS_BASE 0x8000u
#define PHYS_SIZE 0x4000u
#define INFO_PA   0x8000u
#define MMAP_PA   0x8100u
#define CMD_PA    0x9000u
#define MODS_PA   0x9100u

static uint8_t phys_mem[PHYS_SIZE];
static struct boot_info bi;

static const uint8_t *fake_read(void *ctx, uint32_t pa, uint32_t len)
{
	(void)ctx;
	if (pa < PHYS_BASE || pa - PHYS_BASE > PHYS_SIZE || len > PHYS_SIZE - (pa - PHYS_BASE))
		return NULL;
	return phys_mem + (pa - PHYS_BASE);
}

static const struct mb_phys fake_phys = { fake_read, NULL };

static void put32(uint32_t pa, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		phys_mem[pa - PHYS_BASE + i] = (uint8_t)(v >> (8 * i));
}

static void put64(uint32_t pa, uint64_t v)
{
	put32(pa, (uint32_t)v);
	put32(pa + 4, (uint32_t)(v >> 32));
}

static void reset(void)
{
	memset(phys_mem, 0, sizeof phys_mem);
	memset(&bi, 0, sizeof bi);
}

/* Writes an mmap entry with the given size field at pa; returns the next pa. */
static uint32_t put_entry(uint32_t pa, uint32_t size, uint64_t base, uint64_t len, uint32_t type)
{
	put32(pa + MB_MMAP_SIZE, size);
	put64(pa + MB_MMAP_BASE, base);
	put64(pa + MB_MMAP_LENGTH, len);
	put32(pa + MB_MMAP_TYPE, type);
	return pa + size + 4;
}

static void set_mmap(uint32_t flags, uint32_t length)
{
	put32(INFO_PA + MB_INFO_FLAGS, flags);
	put32(INFO_PA + MB_INFO_MMAP_ADDR, MMAP_PA);
	put32(INFO_PA + MB_INFO_MMAP_LENGTH, length);
}

/* The map QEMU 7.2 hands over for -m 128M. */
static uint32_t put_qemu_map(void)
{
	uint32_t pa = MMAP_PA;
	pa = put_entry(pa, 20, 0, 0x9fc00, 1);
	pa = put_entry(pa, 20, 0x9fc00, 0x400, 2);
	pa = put_entry(pa, 20, 0xf0000, 0x10000, 2);
	pa = put_entry(pa, 20, 0x100000, 0x7ee0000, 1);
	pa = put_entry(pa, 20, 0x7fe0000, 0x20000, 2);
	pa = put_entry(pa, 20, 0xfffc0000, 0x40000, 2);
	return pa - MMAP_PA;
}

static int count_kind(enum mem_kind kind, const char *what)
{
	int n = 0;
	for (unsigned i = 0; i < bi.map.count; i++)
		if (bi.map.r[i].kind == kind && (!what || !strcmp(bi.map.r[i].what, what)))
			n++;
	return n;
}

static bool has_range(uint64_t base, uint64_t size, enum mem_kind kind)
{
	for (unsigned i = 0; i < bi.map.count; i++)
		if (bi.map.r[i].base == base && bi.map.r[i].size == size && bi.map.r[i].kind == kind)
			return true;
	return false;
}

HTEST(multiboot_wrong_magic_is_refused_without_reading)
{
	reset();
	HCHECK_EQ(multiboot_parse(0x12345678, INFO_PA, &fake_phys, &bi), -E_INVAL);
	HCHECK_EQ(bi.map.count, 0);
	HCHECK_STR(bi.cmdline, "");
	HCHECK(strstr(htest_console(), "not the Multiboot magic") != NULL);
}

HTEST(multiboot_unreadable_info_is_bad_format)
{
	reset();
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, 0x100, &fake_phys, &bi), -E_BADFMT);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, PHYS_BASE + PHYS_SIZE - 8, &fake_phys, &bi), -E_BADFMT);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, 0xfffffff0, &fake_phys, &bi), -E_BADFMT);
}

HTEST(multiboot_qemu_map_gives_ram_and_firmware_ranges)
{
	reset();
	set_mmap(MB_FLAG_MMAP | MB_FLAG_MEM, put_qemu_map());
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_STR(bi.memory_source, "multiboot memory map");
	HCHECK_STR(bi.cmdline, "");
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 2);
	HCHECK(has_range(0, 0x9fc00, MEM_USABLE));
	HCHECK(has_range(0x100000, 0x7ee0000, MEM_USABLE));
	HCHECK_EQ(count_kind(MEM_DEVICE, "firmware reserved"), 4);
	HCHECK(has_range(INFO_PA, MB_INFO_SIZE, MEM_RESERVED));
	HCHECK(has_range(MMAP_PA, 6 * 24, MEM_RESERVED));
	HCHECK_STR(htest_console(), "");
}

HTEST(multiboot_acpi_and_unknown_types_are_not_ram)
{
	reset();
	uint32_t pa = put_entry(MMAP_PA, 20, 0x100000, 0x100000, 1);
	pa = put_entry(pa, 20, 0x200000, 0x1000, 3);
	pa = put_entry(pa, 20, 0x201000, 0x1000, 4);
	pa = put_entry(pa, 20, 0x202000, 0x1000, 5);
	pa = put_entry(pa, 20, 0x203000, 0x1000, 99);
	set_mmap(MB_FLAG_MMAP, pa - MMAP_PA);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 1);
	HCHECK_EQ(count_kind(MEM_DEVICE, "ACPI reclaimable"), 1);
	HCHECK_EQ(count_kind(MEM_DEVICE, "ACPI NVS"), 1);
	HCHECK_EQ(count_kind(MEM_DEVICE, "defective RAM"), 1);
	HCHECK_EQ(count_kind(MEM_DEVICE, "firmware (unknown type)"), 1);
}

HTEST(multiboot_entry_size_field_sets_the_stride)
{
	reset();
	/* size 28: four bytes of padding after each entry, which must be skipped;
	 * size 21 leaves the next entry misaligned, which must still be read. */
	uint32_t pa = put_entry(MMAP_PA, 28, 0x100000, 0x100000, 1);
	put32(pa - 4, 0xdeadbeef);
	pa = put_entry(pa, 21, 0x300000, 0x100000, 1);
	pa = put_entry(pa, 20, 0x500000, 0x100000, 1);
	set_mmap(MB_FLAG_MMAP, pa - MMAP_PA);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 3);
	HCHECK(has_range(0x500000, 0x100000, MEM_USABLE));
	HCHECK_STR(htest_console(), "");
}

HTEST(multiboot_bogus_entry_size_stops_the_walk_keeping_earlier_entries)
{
	reset();
	uint32_t pa = put_entry(MMAP_PA, 20, 0x100000, 0x100000, 1);
	pa = put_entry(pa, 12, 0x300000, 0x100000, 1);   /* too small to hold an entry */
	put_entry(pa, 20, 0x500000, 0x100000, 1);
	set_mmap(MB_FLAG_MMAP, 3 * 24);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 1);
	HCHECK(has_range(0x100000, 0x100000, MEM_USABLE));
	HCHECK(strstr(htest_console(), "bogus size 12") != NULL);
}

HTEST(multiboot_entry_running_past_mmap_length_is_dropped)
{
	reset();
	uint32_t pa = put_entry(MMAP_PA, 20, 0x100000, 0x100000, 1);
	put_entry(pa, 20, 0x300000, 0x100000, 1);
	set_mmap(MB_FLAG_MMAP, 24 + 16);   /* second entry cut short */
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 1);
	HCHECK(strstr(htest_console(), "offset 24 has bogus size") != NULL);

	reset();
	put_entry(MMAP_PA, 0xfffffff0, 0x100000, 0x100000, 1);   /* huge size */
	set_mmap(MB_FLAG_MMAP, 24);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), -E_NOENT);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 0);
}

HTEST(multiboot_tail_shorter_than_a_size_field_is_reported)
{
	reset();
	uint32_t pa = put_entry(MMAP_PA, 20, 0x100000, 0x100000, 1);
	set_mmap(MB_FLAG_MMAP, (pa - MMAP_PA) + 2);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 1);
	HCHECK(strstr(htest_console(), "offset 24 has bogus size 0") != NULL);
}

HTEST(multiboot_unreadable_mmap_falls_back_to_mem_fields)
{
	reset();
	set_mmap(MB_FLAG_MMAP | MB_FLAG_MEM, 0x100000);   /* runs far past readable memory */
	put32(INFO_PA + MB_INFO_MEM_LOWER, 639);
	put32(INFO_PA + MB_INFO_MEM_UPPER, 64512);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_STR(bi.memory_source, "multiboot mem_lower/mem_upper");
	HCHECK(has_range(0, 639 * 1024, MEM_USABLE));
	HCHECK(has_range(0x100000, 64512ull * 1024, MEM_USABLE));
	HCHECK(strstr(htest_console(), "empty or unreadable") != NULL);
}

HTEST(multiboot_map_without_ram_falls_back_to_mem_fields)
{
	reset();
	uint32_t pa = put_entry(MMAP_PA, 20, 0xf0000, 0x10000, 2);
	set_mmap(MB_FLAG_MMAP | MB_FLAG_MEM, pa - MMAP_PA);
	put32(INFO_PA + MB_INFO_MEM_UPPER, 1024);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_STR(bi.memory_source, "multiboot mem_lower/mem_upper");
	HCHECK(has_range(0x100000, 0x100000, MEM_USABLE));
	HCHECK(strstr(htest_console(), "no usable RAM") != NULL);
}

HTEST(multiboot_mem_lower_above_640k_is_clamped)
{
	reset();
	put32(INFO_PA + MB_INFO_FLAGS, MB_FLAG_MEM);
	put32(INFO_PA + MB_INFO_MEM_LOWER, 4096);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK(has_range(0, 640 * 1024, MEM_USABLE));
	HCHECK(strstr(htest_console(), "clamped") != NULL);
}

HTEST(multiboot_no_memory_information_is_noent)
{
	reset();
	put32(INFO_PA + MB_INFO_FLAGS, 0);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), -E_NOENT);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 0);
	HCHECK(has_range(INFO_PA, MB_INFO_SIZE, MEM_RESERVED));   /* still protected */
	HCHECK(strstr(htest_console(), "no usable memory information") != NULL);
}

HTEST(multiboot_cmdline_is_returned_and_reserved)
{
	reset();
	const char cmd[] = "kernel.elf fault=gp";
	memcpy(phys_mem + (CMD_PA - PHYS_BASE), cmd, sizeof cmd);
	set_mmap(MB_FLAG_MMAP | MB_FLAG_CMDLINE, put_qemu_map());
	put32(INFO_PA + MB_INFO_CMDLINE, CMD_PA);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_STR(bi.cmdline, cmd);
	HCHECK(has_range(CMD_PA, sizeof cmd, MEM_RESERVED));
}

HTEST(multiboot_unterminated_or_unreadable_cmdline_is_ignored)
{
	reset();
	memset(phys_mem + (CMD_PA - PHYS_BASE), 'x', PHYS_BASE + PHYS_SIZE - CMD_PA);   /* no NUL */
	set_mmap(MB_FLAG_MMAP | MB_FLAG_CMDLINE, put_qemu_map());
	put32(INFO_PA + MB_INFO_CMDLINE, CMD_PA);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_STR(bi.cmdline, "");
	HCHECK(strstr(htest_console(), "command line") != NULL);

	reset();
	set_mmap(MB_FLAG_MMAP | MB_FLAG_CMDLINE, put_qemu_map());
	put32(INFO_PA + MB_INFO_CMDLINE, 0x10);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_STR(bi.cmdline, "");
}

HTEST(multiboot_modules_and_their_strings_are_reserved)
{
	reset();
	set_mmap(MB_FLAG_MMAP | MB_FLAG_MODS, put_qemu_map());
	put32(INFO_PA + MB_INFO_MODS_COUNT, 2);
	put32(INFO_PA + MB_INFO_MODS_ADDR, MODS_PA);
	put32(MODS_PA + 0, 0x200000);
	put32(MODS_PA + 4, 0x203000);
	put32(MODS_PA + 8, CMD_PA);
	memcpy(phys_mem + (CMD_PA - PHYS_BASE), "initrd", 7);
	put32(MODS_PA + 16, 0x300000);
	put32(MODS_PA + 20, 0x300000);   /* empty module: nothing to reserve */
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK(has_range(0x200000, 0x3000, MEM_RESERVED));
	HCHECK_EQ(count_kind(MEM_RESERVED, "multiboot module"), 1);
	HCHECK(has_range(MODS_PA, 2 * MB_MOD_ENTRY_SIZE, MEM_RESERVED));
	HCHECK(has_range(CMD_PA, 7, MEM_RESERVED));
}

HTEST(multiboot_too_many_modules_are_capped)
{
	reset();
	set_mmap(MB_FLAG_MMAP | MB_FLAG_MODS, put_qemu_map());
	put32(INFO_PA + MB_INFO_MODS_COUNT, 100000);
	put32(INFO_PA + MB_INFO_MODS_ADDR, MODS_PA);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK(has_range(MODS_PA, MB_MODS_MAX * MB_MOD_ENTRY_SIZE, MEM_RESERVED));
	HCHECK(strstr(htest_console(), "only the first 8") != NULL);
}

HTEST(multiboot_long_map_leaves_headroom_for_reservations)
{
	reset();
	uint32_t pa = MMAP_PA;
	for (int i = 0; i < 100; i++)
		pa = put_entry(pa, 20, 0x100000 + i * 0x200000ull, 0x100000, 1);
	set_mmap(MB_FLAG_MMAP, pa - MMAP_PA);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_EQ(bi.map.count, MEMMAP_MAX - MB_MAP_HEADROOM);
	HCHECK(strstr(htest_console(), "memory map too long") != NULL);
}

HTEST(multiboot_wrapping_entry_is_skipped)
{
	reset();
	uint32_t pa = put_entry(MMAP_PA, 20, 0xffffffffffff0000ull, 0x20000, 1);
	pa = put_entry(pa, 20, 0x100000, 0x100000, 1);
	pa = put_entry(pa, 20, 0x200000, 0, 1);   /* zero length: silently nothing */
	set_mmap(MB_FLAG_MMAP, pa - MMAP_PA);
	HCHECK_EQ(multiboot_parse(MB_BOOT_MAGIC, INFO_PA, &fake_phys, &bi), 0);
	HCHECK_EQ(count_kind(MEM_USABLE, NULL), 1);
	HCHECK(strstr(htest_console(), "wraps around") != NULL);
}
