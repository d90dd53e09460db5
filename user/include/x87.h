/*
 * user/include/x87.h - reading the x87 state from user mode (i386 only),
 * for user/tests/fpu.c and fpustat: inline asm, since user/ is built
 * without floating point. Values are doubles' bit patterns.
 */
#ifndef USER_X87_H
#define USER_X87_H

#ifdef __i386__

/* The x87 environment (fnstenv's 28-byte protected-mode layout, SDM Vol. 1
 * 8.1.10); fnstenv masks exceptions, so it is loaded straight back. */
struct x87_env {
	unsigned control, status, tags, rest[4];
};

static inline struct x87_env x87_env(void)
{
	struct x87_env e;
	__asm__ volatile("fnstenv %0\n\tfldenv %0" : "=m"(e) : : "memory");
	return e;
}

/* fninit's state: control 0x37f, TOP 0 and no exception, every tag empty. */
static inline int x87_is_clean(void)
{
	struct x87_env e = x87_env();
	return (e.control & 0xffff) == 0x037f && (e.status & 0xffff) == 0 && (e.tags & 0xffff) == 0xffff;
}

static inline void x87_push(unsigned long long bits)
{
	__asm__ volatile("fldl %0" : : "m"(bits) : "memory");
}

static inline unsigned long long x87_top_value(void)
{
	unsigned long long bits;
	__asm__ volatile("fstl %0" : "=m"(bits) : : "memory");   /* no pop */
	return bits;
}

/* Values on the stack: registers whose 2-bit tag is not 11 (empty). */
static inline unsigned x87_depth(void)
{
	unsigned tags = x87_env().tags, n = 0;
	for (int r = 0; r < 8; r++)
		n += ((tags >> (2 * r)) & 3) != 3;
	return n;
}

#endif
#endif
