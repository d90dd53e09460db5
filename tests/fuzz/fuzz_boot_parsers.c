/*
 * tests/fuzz/fuzz_boot_parsers.c - everything mendax reads from a boot
 * loader, on the same hostile bytes: a device tree, an ATAG list, a
 * Multiboot information structure (the input is physical memory from
 * 0x10000, the structure at its start) and the command line.
 */
#include "lib/fdt.h"
#include "lib/cmdline.h"
#include "kernel/boot_info.h"
#include "arch/arm/boot/atags.h"
#include "arch/x86/boot/multiboot.h"
#include <string.h>
#include <stdlib.h>

#define PHYS_BASE 0x10000u

struct window {
	const uint8_t *data;
	size_t size;
};

static const uint8_t *window_read(void *ctx, uint32_t pa, uint32_t len)
{
	const struct window *w = ctx;
	if (pa < PHYS_BASE || pa - PHYS_BASE > w->size || len > w->size - (pa - PHYS_BASE))
		return NULL;
	return w->data + (pa - PHYS_BASE);
}

static void device_tree(const uint8_t *data, size_t size)
{
	if (fdt_validate(data, (uint32_t)size))
		return;
	struct memmap m = { 0 };
	fdt_add_memory(data, &m);
	const char *args = fdt_bootargs(data);
	if (args && (args < (const char *)data || args >= (const char *)data + size))
		__builtin_trap();   /* the string must lie inside the blob */
}

static void command_line(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1), value[32];
	memcpy(line, data, size);
	line[size] = 0;
	cmdline_get(line, "init", value, sizeof value);
	cmdline_get(line, "fault", value, sizeof value);
	if (strlen(value) >= sizeof value)
		__builtin_trap();
	free(line);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	device_tree(data, size);
	struct memmap m = { 0 };
	const char *cmd = NULL;
	atags_parse(data, (uint32_t)size, &m, &cmd);
	struct window w = { data, size };
	struct mb_phys phys = { window_read, &w };
	struct boot_info bi = { 0 };
	multiboot_parse(0x2BADB002u, PHYS_BASE, &phys, &bi);
	command_line(data, size);
	return 0;
}
