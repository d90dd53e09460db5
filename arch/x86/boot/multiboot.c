/*
 * arch/x86/boot/multiboot.c - parsing the Multiboot v1 boot information
 * into the memory map and command line. Pure: every physical address goes
 * through struct mb_phys and every length is checked against its bound, so
 * the host tests can feed it broken structures.
 */
#include "arch/x86/boot/multiboot.h"
#include "lib/kprintf.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t le64(const uint8_t *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static const uint8_t *phys_read(const struct mb_phys *phys, uint32_t pa, uint32_t len)
{
	if (len && pa + (len - 1) < pa)   /* wraps past 4 GiB */
		return NULL;
	return phys->read(phys->ctx, pa, len);
}

/* Reserves a loader-owned range so the PMM never hands it out. */
static void reserve(struct boot_info *bi, uint64_t base, uint64_t size, const char *what)
{
	if (size && memmap_add(&bi->map, base, size, MEM_RESERVED, what))
		kprintf("multiboot: warning: cannot reserve %s at %#llx (map full)\n", what,
			(unsigned long long)base);
}

/* Returns the NUL-terminated string at pa, or NULL if it is unreadable or
 * longer than MB_STRING_MAX; *len gets its length without the NUL. */
static const char *read_string(const struct mb_phys *phys, uint32_t pa, uint32_t *len)
{
	for (uint32_t n = 0; n < MB_STRING_MAX; n++) {
		const uint8_t *c = phys_read(phys, pa + n, 1);
		if (!c)
			return NULL;
		if (*c == 0) {
			*len = n;
			return (const char *)phys_read(phys, pa, n + 1);
		}
	}
	return NULL;
}

static void parse_cmdline(const uint8_t *info, const struct mb_phys *phys, struct boot_info *bi)
{
	uint32_t pa = le32(info + MB_INFO_CMDLINE), len;
	const char *s = read_string(phys, pa, &len);
	if (!s) {
		kprintf("multiboot: warning: command line at %#x is unreadable or longer than %u bytes; ignored\n",
			pa, MB_STRING_MAX);
		return;
	}
	bi->cmdline = s;
	reserve(bi, pa, len + 1, "multiboot info");
}

static void parse_modules(const uint8_t *info, const struct mb_phys *phys, struct boot_info *bi)
{
	uint32_t count = le32(info + MB_INFO_MODS_COUNT), pa = le32(info + MB_INFO_MODS_ADDR);
	if (count == 0)
		return;
	if (count > MB_MODS_MAX) {
		kprintf("multiboot: warning: %u modules, only the first %u are kept\n", count, MB_MODS_MAX);
		count = MB_MODS_MAX;
	}
	const uint8_t *mods = phys_read(phys, pa, count * MB_MOD_ENTRY_SIZE);
	if (!mods) {
		kprintf("multiboot: warning: module list at %#x is unreadable; modules ignored\n", pa);
		return;
	}
	reserve(bi, pa, count * MB_MOD_ENTRY_SIZE, "multiboot info");
	for (uint32_t i = 0; i < count; i++) {
		const uint8_t *m = mods + i * MB_MOD_ENTRY_SIZE;
		uint32_t start = le32(m), end = le32(m + 4), spa = le32(m + 8), slen;
		if (end > start)
			reserve(bi, start, end - start, "multiboot module");
		if (spa && read_string(phys, spa, &slen))
			reserve(bi, spa, slen + 1, "multiboot info");
	}
}

/* Firmware (BIOS E820) types, ACPI 6.4 Table 15.1. */
static const char *mmap_type_name(uint32_t type)
{
	switch (type) {
	case MB_MMAP_AVAILABLE: return "RAM";
	case 2: return "firmware reserved";
	case 3: return "ACPI reclaimable";
	case 4: return "ACPI NVS";
	case 5: return "defective RAM";
	default: return "firmware (unknown type)";
	}
}

/* Adds one mmap entry; returns 1 if it was usable RAM, 0 if not, or -1
 * when the map is full and the walk must stop. */
static int add_mmap_entry(const uint8_t *e, struct boot_info *bi)
{
	uint64_t base = le64(e + MB_MMAP_BASE), len = le64(e + MB_MMAP_LENGTH);
	uint32_t type = le32(e + MB_MMAP_TYPE);
	if (len == 0)
		return 0;
	if (base + len < base) {
		kprintf("multiboot: warning: mmap entry %#llx+%#llx wraps around; skipped\n",
			(unsigned long long)base, (unsigned long long)len);
		return 0;
	}
	if (bi->map.count + MB_MAP_HEADROOM >= MEMMAP_MAX) {
		kprintf("multiboot: warning: memory map too long; entries from %#llx on ignored\n",
			(unsigned long long)base);
		return -1;
	}
	bool ram = type == MB_MMAP_AVAILABLE;
	memmap_add(&bi->map, base, len, ram ? MEM_USABLE : MEM_DEVICE, mmap_type_name(type));
	return ram;
}

/* Walks the mmap buffer with every entry bounded by mmap_length; returns
 * the number of usable RAM ranges added. */
static unsigned parse_mmap(const uint8_t *info, const struct mb_phys *phys, struct boot_info *bi)
{
	uint32_t pa = le32(info + MB_INFO_MMAP_ADDR), length = le32(info + MB_INFO_MMAP_LENGTH);
	const uint8_t *buf = length ? phys_read(phys, pa, length) : NULL;
	unsigned usable = 0;
	if (!buf) {
		kprintf("multiboot: warning: memory map at %#x (%u bytes) is empty or unreadable\n",
			pa, length);
		return 0;
	}
	reserve(bi, pa, length, "multiboot info");
	for (uint32_t off = 0; off < length;) {
		uint32_t size = length - off >= 4 ? le32(buf + off + MB_MMAP_SIZE) : 0;
		if (size < MB_MMAP_MIN_SIZE || size > length - off - 4) {
			kprintf("multiboot: warning: memory map entry at offset %u has bogus size %u "
				"(mmap_length %u); rest of the map ignored\n", off, size, length);
			break;
		}
		int r = add_mmap_entry(buf + off, bi);
		if (r < 0)
			break;
		usable += (unsigned)r;
		off += size + 4;
	}
	return usable;
}

/* The fallback: mem_lower KiB of conventional memory at 0 and mem_upper
 * KiB from 1 MiB up to the first hole (spec 3.3). */
static int parse_mem_fields(const uint8_t *info, struct boot_info *bi)
{
	uint32_t lower = le32(info + MB_INFO_MEM_LOWER), upper = le32(info + MB_INFO_MEM_UPPER);
	int added = 0;
	if (lower > 640) {
		kprintf("multiboot: warning: mem_lower %u KiB exceeds 640 KiB; clamped\n", lower);
		lower = 640;
	}
	if (lower && !memmap_add(&bi->map, 0, (uint64_t)lower << 10, MEM_USABLE, "RAM (mem_lower)"))
		added++;
	if (upper && !memmap_add(&bi->map, 1ull << 20, (uint64_t)upper << 10, MEM_USABLE,
				 "RAM (mem_upper)"))
		added++;
	return added;
}

int multiboot_parse(uint32_t magic, uint32_t info_pa, const struct mb_phys *phys,
		    struct boot_info *bi)
{
	bi->cmdline = "";
	if (magic != MB_BOOT_MAGIC) {
		kprintf("multiboot: warning: EAX = %#x, not the Multiboot magic %#x: "
			"not started by a Multiboot loader\n", magic, MB_BOOT_MAGIC);
		return -E_INVAL;
	}
	const uint8_t *info = phys_read(phys, info_pa, MB_INFO_READ_SIZE);
	if (!info) {
		kprintf("multiboot: warning: boot information at %#x is unreadable\n", info_pa);
		return -E_BADFMT;
	}
	uint32_t flags = le32(info + MB_INFO_FLAGS);
	reserve(bi, info_pa, MB_INFO_SIZE, "multiboot info");
	if (flags & MB_FLAG_CMDLINE)
		parse_cmdline(info, phys, bi);
	if (flags & MB_FLAG_MODS)
		parse_modules(info, phys, bi);
	if ((flags & MB_FLAG_MMAP) && parse_mmap(info, phys, bi)) {
		bi->memory_source = "multiboot memory map";
		return 0;
	}
	if ((flags & MB_FLAG_MEM) && parse_mem_fields(info, bi)) {
		if (flags & MB_FLAG_MMAP)
			kprintf("multiboot: warning: memory map has no usable RAM; using mem_lower/mem_upper\n");
		bi->memory_source = "multiboot mem_lower/mem_upper";
		return 0;
	}
	kprintf("multiboot: warning: no usable memory information (flags %#x)\n", flags);
	return -E_NOENT;
}
