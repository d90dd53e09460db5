# mendax top-level Makefile.
#   make [ARCH=arm|x86] [all|run|debug|test|bench|clean|deps|host-test]
# Per-architecture settings come from arch/$(ARCH)/arch.mk, per-board ones
# from boards/$(BOARD)/board.mk. Each ARCH (and test build) has its own
# build directory, so both ports can be built side by side.

.DEFAULT_GOAL := all
ARCH ?= arm
BOARD_arm := rpi2
BOARD_x86 := pc
BOARD ?= $(BOARD_$(ARCH))
TEST ?= 0

ifeq ($(BOARD),)
$(error unknown ARCH '$(ARCH)': use ARCH=arm or ARCH=x86)
endif

BENCH ?= 0
# TLBCHECK_INJECT=<mistake>: a test build that makes one TLB/ASID mistake on
# purpose (mm/tlbcheck.h, docs/testing.md), for make check-tlbcheck.
TLBCHECK_INJECT ?=
BUILD := build/$(ARCH)$(if $(filter 1,$(TEST)),-test)$(if $(filter 1,$(BENCH)),-bench)$(if $(TLBCHECK_INJECT),-inject-$(TLBCHECK_INJECT))
KERNEL_ELF := $(BUILD)/kernel.elf
# The disk bench builds boot on both ports (scripts/mkdisk-bench.sh: room
# for the file benchmarks; arch.mk/board.mk attach it). Made afresh by
# every build: what a run leaves (the free-cluster hint, deleted entries)
# would move the next run's figures.
BENCH_DISK := $(BUILD)/disk-bench.img

# Set by the fragments below.
ARCH_OBJS :=
BOARD_OBJS :=
include arch/$(ARCH)/arch.mk
include boards/$(BOARD)/board.mk

KERNEL_OBJS := \
	kernel/main.o lib/kprintf.o kernel/console.o kernel/panic.o \
	kernel/timer.o lib/string.o lib/memmap.o lib/cmdline.o \
	lib/fdt.o kernel/proc.o kernel/sched.o kernel/syscall.o kernel/usercopy.o \
	kernel/usercopy_fixup.o \
	kernel/elf.o kernel/initrd.o kernel/initrd_blob.o kernel/file.o kernel/introspect.o \
	kernel/bench.o kernel/storage.o kernel/syscall_fs.o kernel/syscall_mm.o kernel/exec_map.o kernel/cwd.o kernel/program.o \
	kernel/fs_lock.o
# The swap area over a 0x82 partition (kernel/swap_area.c).
KERNEL_OBJS += kernel/swap_area.o

MM_OBJS := mm/pmm.o mm/boot_mem.o mm/vmm.o mm/vmm_region.o mm/vmm_region_array.o mm/vmm_anon.o mm/vmm_fault.o \
	mm/vmm_fork.o mm/kstack.o mm/kheap.o mm/tlbcheck.o mm/pcache.o
# Mapped files (docs/mapped-files.md).
MM_OBJS += mm/vmm_backing.o mm/vmm_file.o mm/vmm_file_fault.o
# Swap (docs/swap.md).
MM_OBJS += mm/swap.o mm/swap_slots.o mm/swap_in.o mm/swap_out.o
# make bench's swap figures, kernel side (docs/benchmarks.md).
KERNEL_OBJS += kernel/bench_swap.o
# The RAM swap device of the bench and the swap tests (kernel/swap_ram.h).
KERNEL_OBJS += kernel/swap_ram.o

# Storage (DESIGN.md "Storage"): the block layer and drivers, then the
# file-system code above it. Both sit above the heap and may use it.
DRIVER_OBJS := drivers/block/block.o drivers/block/partitions.o
FS_OBJS := fs/part/mbr.o fs/cache/bcache.o fs/fat/bpb.o fs/fat/fat_entry.o fs/fat/dirent.o \
	fs/fat/lfn.o fs/fat/shortname.o fs/fat/volume.o fs/fat/chain.o fs/fat/dir.o fs/fat/dir_add.o \
	fs/fat/file.o fs/fat/ops.o fs/fat/fat_vfs.o fs/vfs/node.o fs/vfs/path.o fs/vfs/ops.o fs/vfs/pager.o fs/vfs/data.o

TEST_OBJS := $(patsubst %.c,%.o,$(wildcard tests/kernel/*.c))
# A port's own in-kernel tests (tests/kernel/<arch>/, listed by arch.mk as
# ARCH_TEST_OBJS): they reach arch-private state; their suite is ktests_arch.
TEST_OBJS += $(ARCH_TEST_OBJS)

OBJS := $(ARCH_OBJS) $(BOARD_OBJS) $(KERNEL_OBJS) $(MM_OBJS) $(DRIVER_OBJS) $(FS_OBJS)
ifeq ($(TEST),1)
OBJS += $(TEST_OBJS)
endif
OBJS := $(addprefix $(BUILD)/,$(OBJS))

COMMON_CFLAGS := -std=gnu11 -ffreestanding -fno-builtin -nostdlib -fno-common \
	-fno-stack-protector -O2 -g -Wall -Wextra -Werror -MMD -MP \
	-I. -Iarch/$(ARCH)/include -Iboards/$(BOARD)
ifeq ($(TEST),1)
COMMON_CFLAGS += -DMENDAX_TEST
endif
ifeq ($(BENCH),1)
COMMON_CFLAGS += -DMENDAX_BENCH
endif
ifneq ($(TLBCHECK_INJECT),)
COMMON_CFLAGS += -DTLBCHECK_INJECT=$(TLBCHECK_INJECT)
endif
# The process limit (lib/config.h); run make clean after changing it.
ifdef CONFIG_MAX_PROCS
COMMON_CFLAGS += -DCONFIG_MAX_PROCS=$(CONFIG_MAX_PROCS)
endif
ifdef CONFIG_MAX_REGIONS
COMMON_CFLAGS += -DCONFIG_MAX_REGIONS=$(CONFIG_MAX_REGIONS)
endif
CFLAGS := $(COMMON_CFLAGS) $(ARCH_CFLAGS)
ASFLAGS := $(COMMON_CFLAGS) $(ARCH_ASFLAGS) -D__ASSEMBLY__
LDFLAGS := -nostdlib -static -T $(LDSCRIPT) $(ARCH_LDFLAGS)

OBJDUMP ?= $(patsubst %gcc,%objdump,$(CC))

.PHONY: all kernel run debug test bench fuzz check check-fault check-heap check-heap-fixtures check-variant check-tlbcheck \
	clean deps host-test print-fault-kinds print-variants print-tlbcheck-injects print-qemu-test-flags \
	print-qemu
all: kernel $(ARCH_IMAGES)
kernel: $(KERNEL_ELF)

# make V=1 shows the full commands.
Q := $(if $(filter 1,$(V)),,@)

$(KERNEL_ELF): $(OBJS) $(LDSCRIPT)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) -lgcc
	@echo "  LD      $@"

# The same kernel with 4 MiB more data (tests/boot/pad.S), for tests that a
# large image boots (ARM: check-uboot-big, through U-Boot and the SD card).
KERNEL_PAD_ELF := $(BUILD)/kernel-pad.elf
$(KERNEL_PAD_ELF): $(OBJS) $(BUILD)/tests/boot/pad.o $(LDSCRIPT)
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(BUILD)/tests/boot/pad.o -lgcc
	@echo "  LD      $@"

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  AS      $<")
	$(Q)$(CC) $(ASFLAGS) -c -o $@ $<

deps:
	@scripts/deps.sh

# At a terminal (run, debug) the serial port and QEMU's monitor share it,
# for both ports: with "mon:stdio" QEMU turns terminal signals off, so
# Ctrl-C reaches the guest, and Ctrl-A X quits. The harness's flags keep a
# plain -serial stdio and -monitor none (it runs with no stdin, and its
# input must never be read as monitor commands). scripts/run-qemu.sh ends
# QEMU when the terminal goes away (make itself survives a hang-up, so QEMU
# would never get the SIGHUP).
QEMU_TTY_FLAGS = $(subst -serial stdio,-serial mon:stdio,$(QEMU_RUN_FLAGS))

# The disk `make run` and `make debug` boot with (scripts/run-disk.sh): kept
# in run-disks/ across runs, rebuilds and make clean, /bin refreshed with the
# programs just built; make clean-disks starts from a fresh one.
RUN_DISK := run-disks/$(ARCH)$(if $(filter 1,$(TEST)),-test).img
.PHONY: run-disk clean-disks
run-disk: all
	@scripts/run-disk.sh $(RUN_DISK) $(USER_ELFS)
clean-disks:
	rm -rf run-disks

run: deps all run-disk
	@echo "mendax: booting $(ARCH) under QEMU (Ctrl-C interrupts the running program; quit: Ctrl-A then X)"
	$(Q)scripts/run-qemu.sh $(QEMU) $(QEMU_TTY_FLAGS) $(QEMU_EXTRA)

debug: deps all run-disk
	@echo "mendax: QEMU waits for gdb on :1234. In another terminal run (docs/debugging.md):"
	@echo "  $(GDB) -x tools/gdb/mendax.py $(KERNEL_ELF) -ex 'target remote :1234'"
	$(Q)scripts/run-qemu.sh $(QEMU) $(QEMU_TTY_FLAGS) $(QEMU_EXTRA) -s -S

host-test:
	@scripts/host-test.sh

# make fuzz [FUZZ_SECONDS=180]: every parser target under libFuzzer for that
# long each; crashes are kept in tests/fuzz/crashes/ (make test replays them).
FUZZ_SECONDS ?= 180
fuzz: deps
	@scripts/fuzz.sh run $(FUZZ_SECONDS)

test: deps
	@scripts/test.sh

# Harness pieces used by scripts/test.sh (need TEST=1 builds).
# check: the in-kernel suite must exit with the pass status and print its summary.
check: all
	@scripts/qemu-check.sh "$(ARCH): kernel test suite" 120 $(QEMU_PASS_STATUS) \
		'$(SUITE_PASS_LINES)' -- $(QEMU) $(QEMU_TEST_FLAGS)

# A test build passes only with all four summaries clean: in-kernel tests,
# user-mode tests, the frame accounting after every process is gone, and
# the TLB-coherence checker (mm/tlbcheck.c) over the whole run. A port may
# require more lines of the suite's console (arch.mk: SUITE_ARCH_LINES, ";;"-led).
SUITE_PASS_LINES := ^kernel: [0-9]+ passed, 0 failed;;^user: [0-9]+ passed, 0 failed;;^accounting: 1 passed, 0 failed;;^tlbcheck: 1 passed, 0 failed$(SUITE_ARCH_LINES)

# check-fault FAULT=kind: the kernel must print the decoded report and stop.
check-fault: all
	@scripts/qemu-check.sh "$(ARCH): decoded report for fault=$(FAULT)" 30 $(QEMU_STOP_STATUS) \
		'$(FAULT_EXPECT_$(FAULT))' -- $(QEMU) $(QEMU_TEST_FLAGS) -append "fault=$(FAULT)"

# check-heap: nothing mm/ or arch/*/mm reaches by direct calls or addresses
# it takes calls the heap, and mm/ names nothing of fs/ (docs/layering.md).
check-heap: all
	@scripts/check-layering.py --objdump $(OBJDUMP) --base $(BUILD) --control kernel/main.o \
		--allow scripts/layering-allowed.txt \
		--label "$(ARCH)$(if $(filter 1,$(TEST)), test build)" $(OBJS)

# check-heap-fixtures: the same check refuses tiny objects that break the
# rule (tests/layering/) with the offending path, and accepts a clean set.
check-heap-fixtures:
	@scripts/check-layering-fixtures.sh $(CC) $(OBJDUMP) $(ARCH) build/layering/$(ARCH) $(ARCH_CFLAGS)

# check-console CONSOLE=session|hangup|halt: `make run` of the test build with
# init=sh, driven on a pseudo-terminal like a person at a terminal
# (scripts/console-check.py: long lines, Ctrl-C, Ctrl-A X, closing it, halt).
.PHONY: check-console
check-console: all
	@python3 scripts/console-check.py $(ARCH) $(CONSOLE)

# check-variant VARIANT=name: the test build booted another way the port
# supports (arch.mk: VARIANT_FLAGS_<name>, VARIANT_EXPECT_<name>); the suite
# must pass and the log show how it was booted.
check-variant: all
	@scripts/qemu-check.sh "$(ARCH): kernel test suite, boot variant '$(VARIANT)'" 120 \
		$(QEMU_PASS_STATUS) '$(SUITE_PASS_LINES);;$(VARIANT_EXPECT_$(VARIANT))' -- \
		$(QEMU) $(VARIANT_FLAGS_$(VARIANT))

# check-tlbcheck TLBCHECK_INJECT=<mistake>: a test build with that mistake
# made on purpose must stop with the checker's report naming the call site
# (without it the checker would be a test that cannot fail).
# TLBCHECK_SITE_<mistake>: the file of the entry change the report names;
# arch.mk sets it where the port's change is not in arch/$(ARCH)/mm/map.c.
TLBCHECK_SITE_skip_unmap_flush ?= arch/$(ARCH)/mm/map.c
TLBCHECK_SITE_skip_weaken_flush ?= arch/$(ARCH)/mm/map.c
TLBCHECK_SITE_free_before_flush ?= arch/$(ARCH)/mm/map.c
TLBCHECK_EXPECT_skip_unmap_flush := ^tlbcheck: FAIL remove of va .* changed at $(TLBCHECK_SITE_skip_unmap_flush):[0-9]+, not flushed before
TLBCHECK_EXPECT_skip_weaken_flush := ^tlbcheck: FAIL weaken of va .* changed at $(TLBCHECK_SITE_skip_weaken_flush):[0-9]+, not flushed before
TLBCHECK_EXPECT_free_before_flush := ^tlbcheck: FAIL remove of va .* changed at $(TLBCHECK_SITE_free_before_flush):[0-9]+, not flushed before the frame was freed
TLBCHECK_EXPECT_same_asid := ^tlbcheck: FAIL ASID [0-9]+ handed to slot [0-9]+ while slot [0-9]+ holds it
check-tlbcheck: all
	@scripts/qemu-check.sh "$(ARCH): TLB checker reports injected $(TLBCHECK_INJECT)" 60 $(QEMU_STOP_STATUS) \
		'$(TLBCHECK_EXPECT_$(TLBCHECK_INJECT));;^tlbcheck: stopping at the first report' -- $(QEMU) $(QEMU_TEST_FLAGS)

# check-gdb: the gdb extension (tools/gdb/mendax.py) at a known stop of
# user/bin/gdbprobe must agree with what the kernel printed itself
# (scripts/gdb-check.sh); GDB_MISTAKE=1 breaks its decoder, and then the
# check must fail. Booted like the swap suite (its images, 16 MiB of RAM:
# the probe puts pages on swap).
.PHONY: check-gdb
check-gdb: all $(SWAP_IMAGE_DEPS)
	@scripts/gdb-check.sh $(ARCH) $(QEMU_PASS_STATUS) $(GDB) $(KERNEL_ELF) $(if $(GDB_MISTAKE),mistake) \
		-- $(QEMU) $(SWAP_BOOT_FLAGS)
# check-persist: after `make check` and check-volumes, the persistence
# test (docs/testing.md): the host reads the files the suite's boot left
# (scripts/fat-volumes.py check-persist), breaks the damaged volume's boot
# sector (PERSIST_BREAK, from arch.mk/board.mk), boots the same images
# again with init=persistcheck (user/bin/persistcheck.c: reads every byte
# back, writes one file, halts), then checks the files again, the one
# written before the halt, and (PERSIST_SAME) a disk that boot must not
# have written. Never remakes the images (no dependency on all).
.PHONY: check-persist
check-persist:
	@scripts/fat-volumes.py check-persist $(PERSIST_IMAGES)
	@scripts/fat-volumes.py break-bpb $(PERSIST_BREAK)
	@scripts/qemu-check.sh "$(ARCH): second boot of the same disk (persistence, a refused volume, halt)" 60 \
		$(QEMU_PASS_STATUS) '^persist: [0-9]+ passed, 0 failed;;^mendax: halt: file systems synced;;$(PERSIST_EXPECT)' -- \
		$(QEMU) $(PERSIST_BOOT_FLAGS) -append "disk=required ktests=off init=persistcheck"
	@scripts/fat-volumes.py check-persist $(PERSIST_IMAGES) second
	@$(if $(PERSIST_SAME),scripts/fat-volumes.py check-same $(PERSIST_SAME),true)

# check-swap: the swap suite (user/bin/swapcheck.c and user/swapcheck/,
# docs/testing.md): the test images (fresh) booted with 16 MiB of RAM, so
# that processes want several times the RAM there is, and init=swapcheck.
# check-swap-bad: the same images with every read of a swap slot failing
# (x86: QEMU's blkdebug, scripts/swap-bad-conf.py; ARM: swap=failreads, see
# kernel/swap_area.c) and swapcheck's bad-area test (initarg=bad).
# SWAP_IMAGE_DEPS, SWAP_PARTITION, SWAP_BOOT_FLAGS, SWAP_BAD_PREP,
# SWAP_BAD_FLAGS and SWAP_BAD_APPEND: arch.mk / board.mk.
.PHONY: check-swap check-swap-bad
SWAP_CMDLINE = mem=16M ktests=off init=swapcheck
SWAP_BAD_CONF = $(BUILD)/swap-bad.conf
SWAP_EXPECT = ^swap: $(SWAP_PARTITION), [0-9]+ KiB;;^ok - swapcheck: accounting;;^swapcheck: [0-9]+ passed, 0 failed
check-swap: all $(SWAP_IMAGE_DEPS)
	@scripts/qemu-check.sh "$(ARCH): swap suite" 400 $(QEMU_PASS_STATUS) \
		'$(SWAP_EXPECT)' -- $(QEMU) $(SWAP_BOOT_FLAGS) -append "$(SWAP_CMDLINE)"
check-swap-bad: all $(SWAP_IMAGE_DEPS)
	@$(SWAP_BAD_PREP)
	@scripts/qemu-check.sh "$(ARCH): swap suite, bad area" 300 $(QEMU_PASS_STATUS) \
		'$(SWAP_EXPECT);;^swap: reading slot [0-9]+ failed' -- \
		$(QEMU) $(SWAP_BAD_FLAGS) -append "$(SWAP_CMDLINE) initarg=bad $(SWAP_BAD_APPEND)"

print-fault-kinds:
	@echo $(FAULT_KINDS)

print-tlbcheck-injects:
	@echo $(TLBCHECK_INJECTS)

print-variants:
	@echo $(BOOT_VARIANTS)

print-qemu-test-flags:
	@echo $(QEMU_TEST_FLAGS)

print-qemu:
	@echo $(QEMU)

# make bench [ARCH=arm|x86]: deterministic instruction counts (scripts/bench.sh).
bench: deps
	@scripts/bench.sh full $(if $(filter command line,$(origin ARCH)),$(ARCH))

.PHONY: bench-disk-always
# It holds what the exec benchmarks run (docs/mapped-files.md): /bin/hello2,
# /bin/bigtext (1 MiB of text) and /bin/sh2.
$(BENCH_DISK): bench-disk-always scripts/mkdisk-bench.sh $(BUILD)/user/hello.elf \
		$(BUILD)/user/bench/bigtext.elf $(BUILD)/user/sh.elf
	@mkdir -p $(dir $@)
	@echo "  DISK    $@"
	$(Q)scripts/mkdisk-bench.sh $@
	$(Q)scripts/disk-add-programs.sh $@ $(BUILD)/user/hello.elf:hello2 \
		$(BUILD)/user/bench/bigtext.elf:bigtext $(BUILD)/user/sh.elf:sh2

clean:
	rm -rf build

# ---- User space: programs for the RAM archive (user/) ----
USER_PROGS := $(basename $(notdir $(wildcard user/bin/*.c)))
USER_LIB_SRCS := $(wildcard user/lib/*.c) lib/kprintf.c lib/string.c
USER_ASM := user/arch/$(ARCH)/crt0.S user/arch/$(ARCH)/syscall.S user/arch/$(ARCH)/cycles.S
USER_CFLAGS := -std=gnu11 -ffreestanding -fno-builtin -nostdlib -fno-common -fno-stack-protector \
	-fno-pic -O2 -g -Wall -Wextra -Werror -Iuser/include -I. $(ARCH_CFLAGS)
USER_LIB_OBJS := $(addprefix $(BUILD)/,$(USER_LIB_SRCS:.c=.uo) $(USER_ASM:.S=.uo))
USER_ELFS := $(addprefix $(BUILD)/user/,$(addsuffix .elf,$(USER_PROGS)))
# usertests also links every test file of user/tests/ (USERTEST() records).
USER_TEST_OBJS := $(addprefix $(BUILD)/,$(patsubst %.c,%.uo,$(sort $(wildcard user/tests/*.c))))
# swapcheck also links the swap suite's files of user/swapcheck/.
SWAPCHECK_OBJS := $(addprefix $(BUILD)/,$(patsubst %.c,%.uo,$(sort $(wildcard user/swapcheck/*.c))))

$(BUILD)/%.uo: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC [u]  $<")
	$(Q)$(CC) $(USER_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/%.uo: %.S
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(USER_CFLAGS) -c -o $@ $<

# A program's object is an intermediate of the pattern rule below: keep it
# (make would delete it after every build and print the rm).
.SECONDARY: $(addprefix $(BUILD)/user/bin/,$(addsuffix .uo,$(USER_PROGS)))

$(BUILD)/user/%.elf: $(BUILD)/user/bin/%.uo $(USER_LIB_OBJS) user/user.ld
	@$(if $(Q),echo "  LD [u]  $@")
	$(Q)$(CC) $(USER_CFLAGS) -static -T user/user.ld -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--no-warn-execstack \
		-o $@ $< $(if $(filter usertests.elf,$(notdir $@)),$(USER_TEST_OBJS)) \
		$(if $(filter swapcheck.elf,$(notdir $@)),$(SWAPCHECK_OBJS)) \
		$(if $(filter thrashbench.elf,$(notdir $@)),$(BUILD)/lib/pagesim.uo) $(USER_LIB_OBJS) -lgcc

$(BUILD)/user/usertests.elf: $(USER_TEST_OBJS)
$(BUILD)/user/swapcheck.elf: $(SWAPCHECK_OBJS)
# make bench's thrash figures simulate LRU and the optimal policy (lib/pagesim.c).
$(BUILD)/user/thrashbench.elf: $(BUILD)/lib/pagesim.uo

# Programs for the test and bench disks only, never in the RAM archive
# (user/bench/, docs/mapped-files.md): /bin/bigtext for exec_1mib_touch_1
# (the disk rules in arch/x86/arch.mk and boards/rpi2/board.mk name it).
$(BUILD)/user/bench/%.elf: $(BUILD)/user/bench/%.uo $(USER_LIB_OBJS) user/user.ld
	@$(if $(Q),echo "  LD [u]  $@")
	$(Q)$(CC) $(USER_CFLAGS) -static -T user/user.ld -Wl,--build-id=none -Wl,-z,max-page-size=4096 -Wl,--no-warn-execstack \
		-o $@ $< $(USER_LIB_OBJS) -lgcc

MKINITRD := build/tools/mkinitrd
$(MKINITRD): tools/mkinitrd.c
	@mkdir -p $(dir $@)
	$(Q)gcc -O2 -Wall -Wextra -Werror -o $@ $<

$(BUILD)/initrd.img: $(USER_ELFS) $(MKINITRD)
	@echo "  INITRD  $@ ($(USER_PROGS))"
	$(Q)$(MKINITRD) $@ $(USER_ELFS)

$(BUILD)/kernel/initrd_blob.o: kernel/initrd_blob.S $(BUILD)/initrd.img
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ASFLAGS) -DINITRD_FILE='"$(BUILD)/initrd.img"' -c -o $@ $<

-include $(OBJS:.o=.d) $(USER_LIB_OBJS:.uo=.d) $(USER_TEST_OBJS:.uo=.d) $(SWAPCHECK_OBJS:.uo=.d) \
	$(addprefix $(BUILD)/user/bin/,$(addsuffix .d,$(USER_PROGS)))
