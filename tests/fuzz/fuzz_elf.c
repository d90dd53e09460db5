/* tests/fuzz/fuzz_elf.c - the ELF loader's header and segment checks, for
 * both ports' machine types: an accepted image's segments lie inside it. */
#include "kernel/elf.h"

static void check(const uint8_t *data, size_t size, uint16_t machine)
{
	struct elf_image img;
	if (elf_parse(data, size, machine, &img))
		return;
	for (unsigned i = 0; i < img.count; i++) {
		const struct elf_segment *s = &img.seg[i];
		if (s->filesz > s->memsz || (uint64_t)s->offset + s->filesz > size ||
		    (uint64_t)s->vaddr + s->memsz > 0x100000000ull)
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check(data, size, EM_386);
	check(data, size, EM_ARM);
	return 0;
}
