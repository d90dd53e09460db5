# arch/arm/arch.mk - toolchain, flags, objects, images and QEMU command
# lines of the ARMv7-A port (Raspberry Pi 2 under QEMU -M raspi2b).
#
# Images from one link: kernel.elf, kernel.img (raw, objcopy) and
# kernel.uimg (U-Boot legacy image, load and entry read from the ELF:
# physical 0x00200000, kernel.ld says why). QEMU boots the uImage: it
# honours the uImage's load address, starts core 0 only and keeps -dtb.
# Exit status under the test flags (semihosting SYS_EXIT_EXTENDED): the
# code given to arch_emulator_exit(), so 0 = pass, 3 = stopped on a fault.

CC := arm-none-eabi-gcc
OBJCOPY := arm-none-eabi-objcopy
READELF := arm-none-eabi-readelf
GDB := gdb-multiarch
QEMU := qemu-system-arm

ARCH_CFLAGS := -mcpu=cortex-a7 -marm -mfloat-abi=soft -mgeneral-regs-only \
	-fno-omit-frame-pointer -mno-unaligned-access -fno-unwind-tables -fno-asynchronous-unwind-tables
ARCH_ASFLAGS := -mcpu=cortex-a7 -marm
ARCH_LDFLAGS := -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--no-warn-execstack
LDSCRIPT := arch/arm/kernel.ld

ARCH_OBJS += \
	arch/arm/boot/start.o arch/arm/boot/setup.o arch/arm/boot/atags.o \
	arch/arm/vectors.o arch/arm/kstack_overflow.o arch/arm/trap.o arch/arm/fsr_decode.o arch/arm/cpu.o \
	arch/arm/generic_timer.o arch/arm/mm/direct_map.o arch/arm/mm/kernel_map.o \
	arch/arm/mm/space.o arch/arm/mm/map.o arch/arm/mm/table_pass.o arch/arm/mm/accessed.o arch/arm/proc.o arch/arm/switch.o arch/arm/page_ops.o arch/arm/usercopy.o \
	arch/arm/insn_decode.o arch/arm/vfp.o arch/arm/vfp_regs.o

ARCH_IMAGES := $(BUILD)/kernel.img $(BUILD)/kernel.uimg

# In-kernel tests of this port only (suite ktests_arch, tests/kernel/ktest.h).
ARCH_TEST_OBJS := tests/kernel/arm/test_arm_access.o

# The same two images of the padded test kernel (Makefile: KERNEL_PAD_ELF).
ARM_IMAGE_NAMES := kernel kernel-pad
$(ARM_IMAGE_NAMES:%=$(BUILD)/%.img): $(BUILD)/%.img: $(BUILD)/%.elf
	$(OBJCOPY) -O binary $< $@

# The raw image starts at the first loadable segment's physical address
# (objcopy -O binary): that is the load address; the ELF's entry is the
# physical _start. Both come from the link, so they cannot disagree with it.
$(ARM_IMAGE_NAMES:%=$(BUILD)/%.uimg): $(BUILD)/%.uimg: $(BUILD)/%.img $(BUILD)/%.elf
	$(Q)load=$$($(READELF) -lW $(word 2,$^) | awk '$$1 == "LOAD" { print $$4; exit }'); \
	entry=$$($(READELF) -hW $(word 2,$^) | awk '/Entry point address/ { print $$4 }'); \
	[ -n "$$load" ] && [ -n "$$entry" ] || { echo "$@: no load/entry address in $(word 2,$^)"; exit 1; }; \
	mkimage -A arm -O linux -T kernel -C none -a $$load -e $$entry -n mendax -d $< $@ >/dev/null

# Semihosting is on in every configuration, so arch_emulator_exit() can
# never hang the guest (an SVC 0x123456 without it does).
QEMU_COMMON_FLAGS = -M raspi2b -display none -serial stdio -kernel $(BUILD)/kernel.uimg \
	-dtb $(BUILD)/rpi2.dtb -semihosting-config enable=on,target=native
QEMU_RUN_FLAGS = $(QEMU_COMMON_FLAGS) -drive if=sd,format=raw,file=$(RUN_DISK)
# The test card (boards/rpi2/board.mk BOARD_TEST_DISK_FLAGS): a fresh
# scratch SD image per run, with disk=scratch so the tests may write to it.
QEMU_TEST_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none $(BOARD_TEST_DISK_FLAGS)

# What the test harness (scripts/test.sh, make check / check-fault) expects.
# Every boot: cores 1-3 asleep in the board's wfi park and woken by an IPI;
# ACTLR.SMP handled before the MMU is on (QEMU's ACTLR reads 0 whatever is
# written, so only the report itself can be required).
# The UART clock comes from the firmware (QEMU's mailbox answers 3 MHz).
ARCH_BOOT_EXPECT := ^cores: 3 other cores parked in wfi;;^(warning: )?ACTLR\.SMP;;^uart: clock [0-9]+ Hz \(from firmware\)
QEMU_PASS_STATUS := 0
QEMU_STOP_STATUS := 3
FAULT_KINDS := null undef align pxn kstack
FAULT_EXPECT_kstack := kernel stack overflow: stack [0-9]+ ran into its guard page at 0x[0-9a-f]+
FAULT_EXPECT_undef := undefined instruction at pc 0x[0-9a-f]+ in SVC mode
FAULT_EXPECT_align := data abort: alignment fault \(DFSR 0x[0-9a-f]+\), read at 0x[0-9a-f]+
FAULT_EXPECT_null := data abort: translation fault, section \(DFSR 0x005\), read at 0x00000000
FAULT_EXPECT_pxn := prefetch abort: permission fault, page \(IFSR 0x00f\), fetch at 0x00100000, in SVC mode;;kernel bug: a SVC-mode instruction fetch from user address 0x00100000 \(PXN

# The kill reports of user/tests/arm_traps.c: a Thumb udf (16- and 32-bit)
# at a page start is shown at its own address with its own halfwords.
SUITE_ARCH_LINES := ;;undefined instruction at pc 0x[0-9a-f]+000 in User mode \(Thumb instruction de00\);;undefined instruction at pc 0x[0-9a-f]+000 in User mode \(Thumb instruction f7f0 a000\);;$(ARCH_BOOT_EXPECT)

# Mistakes the TLB checker must catch on this port (make check-tlbcheck).
TLBCHECK_INJECTS := skip_unmap_flush skip_weaken_flush same_asid free_before_flush
# Their entry changes are made by the whole-table passes (fork's share,
# unmap-and-release), which live in table_pass.c on this port.
TLBCHECK_SITE_skip_unmap_flush := arch/arm/mm/table_pass.c
TLBCHECK_SITE_skip_weaken_flush := arch/arm/mm/table_pass.c
TLBCHECK_SITE_free_before_flush := arch/arm/mm/table_pass.c

# Only through U-Boot (check-uboot-fault): the kernel left HYP itself.
FAULT_EXPECT_hvc := ^\*\*\* HYP exception \(vector offset 0x14, HSR 0x4a[0-9a-f]{6}: exception class 0x12\) from SVC mode

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

# check-halt: the test build stopping on a fault where semihosting is not
# there (real hardware; here QEMU without -semihosting-config): its exit SVC
# reaches the kernel's own vector, and the kernel must halt in wfi, not
# report that SVC and issue it again. QEMU must still be running at the end.
.PHONY: check-halt
check-halt: all
	@scripts/qemu-check.sh "arm: test build halts in wfi without semihosting" 15 halt \
		'$(FAULT_EXPECT_undef);;^arm: no semihosting here .*: halted' -- \
		$(QEMU) -M raspi2b -display none -serial stdio -monitor none -kernel $(BUILD)/kernel.uimg \
		-dtb $(BUILD)/rpi2.dtb -append "fault=undef"
