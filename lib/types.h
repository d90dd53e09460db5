/*
 * lib/types.h - the few fixed-width and neutral types every layer shares.
 * Freestanding headers only: this file must compile for both ports and for
 * the host unit tests alike.
 */
#ifndef LIB_TYPES_H
#define LIB_TYPES_H

#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

#ifdef MENDAX_HOST_TEST
#include <stdint.h>
#else
/* The kernel's own fixed-width types, the same underlying C types on both
 * ports, so one format string fits both: arm-none-eabi's <stdint.h> makes
 * uint32_t an unsigned long, where i386 makes it an unsigned int. */
typedef signed char int8_t;
typedef unsigned char uint8_t;
typedef short int16_t;
typedef unsigned short uint16_t;
typedef int int32_t;
typedef unsigned int uint32_t;
typedef long long int64_t;
typedef unsigned long long uint64_t;
typedef __INTPTR_TYPE__ intptr_t;
typedef __UINTPTR_TYPE__ uintptr_t;
#define UINT8_MAX  0xffu
#define UINT16_MAX 0xffffu
#define UINT32_MAX 0xffffffffu
#define INT32_MAX  0x7fffffff
#define UINT64_MAX 0xffffffffffffffffull
_Static_assert(sizeof(uintptr_t) == 4, "both ports are 32-bit");
#endif

/* Physical addresses fit 32 bits on both ports (x86 without PAE, ARM short descriptors). */
typedef uint32_t paddr_t;

#define PAGE_SHIFT 12
#define PAGE_SIZE  (1u << PAGE_SHIFT)

#define ALIGN_UP(x, a)   (((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define ARRAY_SIZE(a)    (sizeof(a) / sizeof((a)[0]))

#define NORETURN __attribute__((noreturn))
#define PRINTF_LIKE(f, a) __attribute__((format(printf, f, a)))

/* Error codes: negative returns for anything bad input can cause (STYLE.md tier 1). */
#define E_INVAL   1   /* argument out of range or malformed */
#define E_NOMEM   2   /* no free frame or no room */
#define E_PERM    3   /* operation not allowed on this object (e.g. reserved frame) */
#define E_ALREADY 4   /* already in the requested state (e.g. double free) */
#define E_NOENT   5   /* not found */
#define E_BADFMT  6   /* corrupt boot structure */
#define E_AGAIN   7   /* a limit is reached for now (e.g. all process slots in use) */
#define E_FAULT   8   /* a bad address: outside every region of the address space */
#define E_IO      9   /* a device reported an error or did not answer in time */
#define E_NOSPC   10  /* no room left on the device (or in a fixed-size directory) */
#define E_EXIST   11  /* the name is taken */
#define E_NOTDIR  12  /* a path component is not a directory */
#define E_ISDIR   13  /* a directory where a file was needed */
#define E_NOTEMPTY 14 /* the directory still holds entries */
#define E_NAMETOOLONG 15 /* a name or path longer than the file system takes */
#define E_BUSY    16  /* in use (e.g. a cached page still mapped) */
#define E_RANGE   17  /* past the end: a mapped file's page wholly beyond the end of the file */

#endif
