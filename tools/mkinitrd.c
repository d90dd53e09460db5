/*
 * tools/mkinitrd.c - host tool: packs files into mendax's RAM archive
 * (format in kernel/initrd.h). Usage: mkinitrd OUT FILE... ; each file is
 * stored under its base name.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NAME_MAX_LEN 24

static void put32(FILE *f, uint32_t v)
{
	uint8_t b[4] = { v, v >> 8, v >> 16, v >> 24 };
	fwrite(b, 1, 4, f);
}

static long file_size(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fclose(f);
	return n;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkinitrd OUT FILE...\n");
		return 2;
	}
	int n = argc - 2;
	FILE *out = fopen(argv[1], "wb");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	fwrite("MNDXRAM1", 1, 8, out);
	put32(out, (uint32_t)n);
	uint32_t off = 12 + (uint32_t)n * (NAME_MAX_LEN + 8);
	for (int i = 0; i < n; i++) {
		const char *base = strrchr(argv[i + 2], '/');
		base = base ? base + 1 : argv[i + 2];
		char name[NAME_MAX_LEN] = { 0 };
		long size = file_size(argv[i + 2]);
		if (size < 0 || strlen(base) >= NAME_MAX_LEN) {
			fprintf(stderr, "mkinitrd: bad file %s\n", argv[i + 2]);
			return 1;
		}
		/* Programs are stored without their .elf suffix. */
		strncpy(name, base, NAME_MAX_LEN - 1);
		char *dot = strstr(name, ".elf");
		if (dot && dot[4] == 0)
			*dot = 0;
		fwrite(name, 1, NAME_MAX_LEN, out);
		put32(out, off);
		put32(out, (uint32_t)size);
		off += ((uint32_t)size + 15) & ~15u;
	}
	for (int i = 0; i < n; i++) {
		FILE *in = fopen(argv[i + 2], "rb");
		long size = file_size(argv[i + 2]), pad = ((size + 15) & ~15L) - size;
		char *buf = malloc(size ? size : 1);
		if (!in || !buf || fread(buf, 1, size, in) != (size_t)size) {
			fprintf(stderr, "mkinitrd: cannot read %s\n", argv[i + 2]);
			return 1;
		}
		fwrite(buf, 1, size, out);
		while (pad--)
			fputc(0, out);
		free(buf);
		fclose(in);
	}
	return fclose(out) ? 1 : 0;
}
