# arch/x86/arch.mk - toolchain, flags, objects and QEMU command lines for the
# 32-bit x86 port (QEMU i386 PC, Multiboot v1 ELF loaded with -kernel).
#
# Exit status under the test flags (isa-debug-exit, see arch/x86/cpu.c):
#   arch_emulator_exit(0) -> QEMU exits with status 33 ("status 33 means pass");
#   arch_emulator_exit(c != 0) -> status 2 * (c & 0x7f) + 1 (255 if that is 33),
#   e.g. kernel_stop_after_report() (code 3) -> 7. A triple fault with
#   -no-reboot exits with status 0: never a pass.

CC := gcc
OBJCOPY := objcopy
GDB := gdb-multiarch
QEMU := qemu-system-i386

ARCH_CFLAGS := -m32 -march=i686 -fno-pic -fno-pie -mno-sse -mno-mmx -mno-80387 \
	-mgeneral-regs-only -fno-asynchronous-unwind-tables -fno-omit-frame-pointer
ARCH_ASFLAGS := -m32 -fno-pic -fno-pie
ARCH_LDFLAGS := -m32 -no-pie -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,-z,noexecstack
LDSCRIPT := arch/x86/kernel.ld

ARCH_OBJS += \
	arch/x86/boot/entry.o arch/x86/boot/setup.o arch/x86/boot/multiboot.o \
	arch/x86/gdt.o arch/x86/idt.o arch/x86/trap_entry.o arch/x86/trap.o \
	arch/x86/trap_decode.o arch/x86/cpu.o arch/x86/proc.o arch/x86/switch.o arch/x86/page_ops.o arch/x86/usercopy.o \
	arch/x86/fpu.o arch/x86/double_fault.o arch/x86/sysenter.o arch/x86/sysenter_entry.o \
	arch/x86/mm/direct_map.o arch/x86/mm/init.o arch/x86/mm/kernel_map.o arch/x86/mm/space.o \
	arch/x86/mm/map.o arch/x86/mm/share_cow.o arch/x86/mm/window.o arch/x86/mm/selfcheck.o

# The ELF itself is the bootable image.
ARCH_IMAGES :=

QEMU_COMMON_FLAGS = -kernel $(KERNEL_ELF) -display none -serial stdio -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 -m 128M
QEMU_RUN_FLAGS = $(QEMU_COMMON_FLAGS) -drive file=$(RUN_DISK),if=none,format=raw,id=rd0 \
	-device virtio-blk-pci,drive=rd0
QEMU_TEST_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none $(TEST_DISK_FLAGS)

# The test disk (scripts/mkdisk-test.sh) on virtio-blk, for test and bench
# builds. Every harness boot starts from a fresh copy of the pristine image,
# so what check-disk finds written after the kernel suite is that run's.
TEST_DISK := $(BUILD)/disk-test.img
TEST_DISK_PRISTINE := $(BUILD)/disk-test.pristine.img
# Test builds also get a second disk (vdb, scripts/fat-volumes.py): a
# damaged FAT volume and one to fill, mounted on /mnt/vdb1 and /mnt/vdb2.
# Its -device comes second, so it is the second function PCI finds: vdb.
DAMAGED_DISK := $(BUILD)/disk-damaged.img
DAMAGED_DISK_FLAGS =
ifeq ($(TEST),1)
DAMAGED_DISK_FLAGS = -drive file=$(DAMAGED_DISK),if=none,format=raw,id=d1 -device virtio-blk-pci,drive=d1
endif
TEST_DISK_DRIVES = -drive file=$(TEST_DISK),if=none,format=raw,id=d0 -device virtio-blk-pci,drive=d0 \
	$(DAMAGED_DISK_FLAGS)
# swap=off: the suite's out-of-memory tests count on RAM alone (the swap
# suite, make check-swap, boots with swap on).
TEST_DISK_FLAGS = $(TEST_DISK_DRIVES) -append "disk=required swap=off"
# Bench builds boot the bench disk (BENCH_DISK, the Makefile) instead.
ifeq ($(BENCH),1)
TEST_DISK_FLAGS = -drive file=$(BENCH_DISK),if=none,format=raw,id=d0 -device virtio-blk-pci,drive=d0
ARCH_IMAGES += $(BENCH_DISK)
else ifeq ($(TEST),1)
ARCH_IMAGES += $(TEST_DISK)
endif
ifeq ($(TEST),1)
ARCH_IMAGES += $(DAMAGED_DISK)
endif
$(DAMAGED_DISK): scripts/fat-volumes.py
	@mkdir -p $(dir $@)
	@echo "  DISK    $@"
	$(Q)scripts/fat-volumes.py make-x86-disk $@
$(TEST_DISK_PRISTINE): scripts/mkdisk-test.sh
	@mkdir -p $(dir $@)
	@echo "  DISK    $@"
	$(Q)scripts/mkdisk-test.sh $@
# Each fresh copy also gets a program in /bin (user/tests/files.c execs it).
TEST_DISK_PROGS = $(BUILD)/user/hello.elf:hello2
# make bench's exec and second-sh figures (docs/mapped-files.md).
TEST_DISK_PROGS += $(BUILD)/user/bench/bigtext.elf:bigtext $(BUILD)/user/sh.elf:sh2
$(TEST_DISK): $(TEST_DISK_PRISTINE) $(BUILD)/user/hello.elf $(BUILD)/user/bench/bigtext.elf $(BUILD)/user/sh.elf
	$(Q)cp $< $@
	$(Q)scripts/disk-add-programs.sh $@ $(TEST_DISK_PROGS)
.PHONY: test-disk-fresh check-disk check-files
test-disk-fresh: $(TEST_DISK_PRISTINE) $(BUILD)/user/hello.elf $(BUILD)/user/bench/bigtext.elf $(BUILD)/user/sh.elf $(if $(filter 1,$(TEST)),$(DAMAGED_DISK))
	$(Q)cp $< $(TEST_DISK)
	$(Q)scripts/disk-add-programs.sh $(TEST_DISK) $(TEST_DISK_PROGS)
	$(Q)$(if $(filter 1,$(TEST)),cp $(DAMAGED_DISK).pristine $(DAMAGED_DISK))
check check-variant check-fault: test-disk-fresh
# check-disk: after `make check`, the sectors the suite wrote hold its
# pattern and no other sector of the image changed (checked from the host).
# check-files: after `make check`, the FAT partition passes fsck.fat -n and
# holds the file the guest's files test wrote (scripts/check-files-test.sh).
check-files:
	@scripts/check-files-test.sh $(TEST_DISK) $${LOGDIR:-build/logs}/$(ARCH)__kernel_test_suite.log $(ARCH)
check-disk:
	@scripts/check-disk-test.sh $(TEST_DISK) $(TEST_DISK_PRISTINE) \
		$${LOGDIR:-build/logs}/$(ARCH)__kernel_test_suite.log $(ARCH)

# After `make check` (the storage tests of user/tests/storage.c): nothing
# outside the second disk's partitions changed, its full volume is sound
# and holds what the guest wrote, the damaged one the guest's new file.
# Then the persistence test's second boot (docs/testing.md): the host
# checks the first boot's files, breaks vdb1's boot sector, boots the same
# images with init=persistcheck and checks them again, and that the boot
# changed nothing on vdb.
.PHONY: check-volumes check-persist
check-volumes:
	@scripts/fat-volumes.py check-x86-disk $(DAMAGED_DISK) $${LOGDIR:-build/logs}/$(ARCH)__kernel_test_suite.log
PERSIST_BREAK = $(DAMAGED_DISK) 2048
PERSIST_IMAGES = $(TEST_DISK)
PERSIST_SAME = $(DAMAGED_DISK)
PERSIST_EXPECT = ^fat: vdb1: not mounted: the number of FATs is not 1 or 2
PERSIST_BOOT_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none $(TEST_DISK_DRIVES)

# The swap suite (Makefile check-swap, check-swap-bad): the test disks,
# fresh; its swap partition vda2, behind blkdebug for the bad area.
SWAP_IMAGE_DEPS = test-disk-fresh
SWAP_PARTITION = vda2
SWAP_BOOT_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none $(TEST_DISK_DRIVES)
SWAP_BAD_PREP = scripts/swap-bad-conf.py $(TEST_DISK) $(SWAP_BAD_CONF)
SWAP_BAD_APPEND =
SWAP_BAD_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none \
	-drive file=blkdebug:$(SWAP_BAD_CONF):$(TEST_DISK),if=none,format=raw,id=d0 \
	-device virtio-blk-pci,drive=d0 $(DAMAGED_DISK_FLAGS)

# What the test harness (scripts/test.sh, make check / check-fault) expects.
QEMU_PASS_STATUS := 33
QEMU_STOP_STATUS := 7
FAULT_KINDS := null undef gp div text fpu kstack
FAULT_EXPECT_undef := \#UD invalid opcode.*in kernel mode
FAULT_EXPECT_gp := error code 0x00000050: selector 0x50: GDT index 10
FAULT_EXPECT_div := \#DE divide error
FAULT_EXPECT_null := faulting address \(CR2\) 0x00000000
FAULT_EXPECT_text := error code 0x00000003: protection violation, write, supervisor mode
FAULT_EXPECT_fpu := \#NM device not available.*in kernel mode
FAULT_EXPECT_kstack := kernel stack overflow: stack [0-9]+ ran into its guard page at 0x[0-9a-f]+

# Mistakes the TLB checker must catch on this port (make check-tlbcheck);
# no ASIDs here (no PCIDs: CR3 is the only tag).
TLBCHECK_INJECTS := skip_unmap_flush skip_weaken_flush free_before_flush

# Other ways to boot the test build (make check-variant VARIANT=...):
#   small: 32 MiB of RAM;  big: 1 GiB, of which what lies above the 896 MiB
#   direct map must be kept from the PMM.
BOOT_VARIANTS := small big
VARIANT_FLAGS_small = $(QEMU_TEST_FLAGS) -m 32M
VARIANT_EXPECT_small := ^pmm: [0-9]+ frames \(3[0-9]{4} KiB\)
VARIANT_FLAGS_big = $(QEMU_TEST_FLAGS) -m 1G
VARIANT_EXPECT_big := RAM beyond the direct map
