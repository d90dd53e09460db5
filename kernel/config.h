/*
 * kernel/config.h - build-time configuration as C constants, so code can use
 * plain if() instead of #ifdef and both branches are always compiled.
 */
#ifndef KERNEL_CONFIG_H
#define KERNEL_CONFIG_H

#ifdef MENDAX_TEST
#define CONFIG_TEST 1   /* test build: runs tests/kernel and exits the emulator */
#else
#define CONFIG_TEST 0
#endif

#endif
