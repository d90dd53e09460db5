# arch/arm/arch.mk - toolchain, flags, objects, images and QEMU command
# lines of the ARMv7-A port (Raspberry Pi 2 under QEMU -M raspi2b).
#
# Images from one link: kernel.elf, kernel.img (raw, objcopy) and
# kernel.uimg (U-Boot legacy image, load/entry 0x8000). QEMU boots the
# uImage: it is loaded at 0x8000 on core 0 only and keeps -dtb (an ELF at
# 0x8000 would lose the device tree; platform-facts.md).
# Exit status under the test flags (semihosting SYS_EXIT_EXTENDED): the
# code given to arch_emulator_exit(), so 0 = pass, 3 = stopped on a fault.

CC := arm-none-eabi-gcc
OBJCOPY := arm-none-eabi-objcopy
GDB := gdb-multiarch
QEMU := qemu-system-arm

ARCH_CFLAGS := -mcpu=cortex-a7 -marm -mfloat-abi=soft -mgeneral-regs-only \
	-fno-omit-frame-pointer -mno-unaligned-access -fno-unwind-tables -fno-asynchronous-unwind-tables
ARCH_ASFLAGS := -mcpu=cortex-a7 -marm
ARCH_LDFLAGS := -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--no-warn-execstack
LDSCRIPT := arch/arm/kernel.ld

ARCH_OBJS += \
	arch/arm/boot/start.o arch/arm/boot/setup.o arch/arm/boot/atags.o \
	arch/arm/vectors.o arch/arm/trap.o arch/arm/fsr_decode.o arch/arm/cpu.o \
	arch/arm/generic_timer.o arch/arm/mm/direct_map.o arch/arm/mm/kernel_map.o \
	arch/arm/mm/space.o arch/arm/mm/map.o arch/arm/proc.o arch/arm/switch.o arch/arm/page_ops.o \
	arch/arm/insn_decode.o arch/arm/vfp.o arch/arm/vfp_regs.o

ARCH_IMAGES := $(BUILD)/kernel.img $(BUILD)/kernel.uimg

$(BUILD)/kernel.img: $(KERNEL_ELF)
	$(OBJCOPY) -O binary $< $@

$(BUILD)/kernel.uimg: $(BUILD)/kernel.img
	mkimage -A arm -O linux -T kernel -C none -a 0x8000 -e 0x8000 -n mendax -d $< $@ >/dev/null

# Semihosting is on in every configuration, so arch_emulator_exit() can
# never hang the guest (an SVC 0x123456 without it does).
QEMU_COMMON_FLAGS = -M raspi2b -display none -serial stdio -kernel $(BUILD)/kernel.uimg \
	-dtb $(BUILD)/rpi2.dtb -semihosting-config enable=on,target=native
QEMU_RUN_FLAGS = $(QEMU_COMMON_FLAGS)
# The test card (boards/rpi2/board.mk BOARD_TEST_DISK_FLAGS): a fresh
# scratch SD image per run, with disk=scratch so the tests may write to it.
QEMU_TEST_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none $(BOARD_TEST_DISK_FLAGS)

# What the test harness (scripts/test.sh, make check / check-fault) expects.
QEMU_PASS_STATUS := 0
QEMU_STOP_STATUS := 3
FAULT_KINDS := null undef align pxn
FAULT_EXPECT_undef := undefined instruction at pc 0x[0-9a-f]+ in SVC mode
FAULT_EXPECT_align := data abort: alignment fault \(DFSR 0x[0-9a-f]+\), read at 0x[0-9a-f]+
FAULT_EXPECT_null := data abort: translation fault, section \(DFSR 0x005\), read at 0x00000000
FAULT_EXPECT_pxn := prefetch abort: permission fault, page \(IFSR 0x00f\), fetch at 0x00100000, in SVC mode;;kernel bug: a SVC-mode instruction fetch from user address 0x00100000 \(PXN

# The kill reports of user/tests/arm_traps.c: a Thumb udf (16- and 32-bit)
# at a page start is shown at its own address with its own halfwords.
SUITE_ARCH_LINES := ;;undefined instruction at pc 0x[0-9a-f]+000 in User mode \(Thumb instruction de00\);;undefined instruction at pc 0x[0-9a-f]+000 in User mode \(Thumb instruction f7f0 a000\)

# Mistakes the TLB checker must catch on this port (make check-tlbcheck).
TLBCHECK_INJECTS := skip_unmap_flush skip_weaken_flush same_asid free_before_flush

# Other ways to boot the test build (make check-variant VARIANT=...):
#   elf:   the ELF itself - all four cores start at once in Secure SVC, no
#          device tree and no ATAGs: memory must come from the mailbox;
#   atags: the uImage without -dtb - QEMU's stub passes ATAGs at 0x100.
BOOT_VARIANTS := elf atags
VARIANT_FLAGS_elf = -M raspi2b -display none -serial stdio -monitor none -kernel $(KERNEL_ELF) \
	-semihosting-config enable=on,target=native
VARIANT_EXPECT_elf := ^entry: Secure SVC;;memory map \(from VideoCore mailbox\)
VARIANT_FLAGS_atags = -M raspi2b -display none -serial stdio -monitor none -kernel $(BUILD)/kernel.uimg \
	-semihosting-config enable=on,target=native -append "from=atags"
VARIANT_EXPECT_atags := ^entry: Non-secure SVC;;memory map \(from ATAGs\);;command line: "from=atags"
