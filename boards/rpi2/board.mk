# boards/rpi2/board.mk - the Raspberry Pi 2 (BCM2836): PL011 console,
# BCM2836 local + BCM2835 interrupt controllers, VideoCore mailbox, the
# device tree QEMU is given, and the SD card path (sdcard.mk).
BOARD_OBJS += boards/rpi2/board.o boards/rpi2/uart_pl011.o boards/rpi2/irq.o \
	boards/rpi2/mailbox.o boards/rpi2/storage.o boards/rpi2/cores.o boards/rpi2/core_park.o
# The SD card: protocol (sd_card), host controller (sdhci), bounded waits.
BOARD_OBJS += drivers/sd/sd_card.o drivers/sd/sdhci.o drivers/sd/sd_wait.o

# A small device tree for `make run`: memory, /chosen, the console. QEMU
# fills in /memory and /chosen/bootargs (-append) itself.
ARCH_IMAGES += $(BUILD)/rpi2.dtb
$(BUILD)/rpi2.dtb: boards/rpi2/rpi2.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

include boards/rpi2/sdcard.mk

# Scratch SD cards for the disk tests (tests/kernel/test_sd.c; layout in
# scripts/sd-scratch.py): made afresh before every test or bench boot, with
# a pristine copy the host compares the written card against afterwards.
# 128 MiB is an SDSC card (byte addresses), 4 GiB (sparse) an SDHC card;
# both are sparse and hold a 64 MiB swap partition.
SD_SCRATCH := $(BUILD)/sd-scratch.img
SDHC_SCRATCH := $(BUILD)/sdhc-scratch.img
# swap=off: the suite's out-of-memory tests count on RAM alone (the swap
# suite, make check-swap, boots with swap on).
BOARD_TEST_DISK_FLAGS = -drive if=sd,format=raw,file=$(SD_SCRATCH) -append "disk=scratch swap=off"
# Bench builds boot the bench disk (BENCH_DISK, the Makefile) as the card.
ifeq ($(BENCH),1)
BOARD_TEST_DISK_FLAGS = -drive if=sd,format=raw,file=$(BENCH_DISK)
ARCH_IMAGES += $(BENCH_DISK)
else ifeq ($(TEST),1)
ARCH_IMAGES += $(SD_SCRATCH)
endif
.PHONY: sd-scratch-always check-sd-image check-sdhc check-sdhc-image
$(SD_SCRATCH) $(SDHC_SCRATCH): sd-scratch-always scripts/sd-scratch.py $(BUILD)/user/hello.elf
	@mkdir -p $(dir $@)
	@scripts/sd-scratch.py make $@ $(if $(filter $(SDHC_SCRATCH),$@),4096,128)
	@scripts/disk-add-programs.sh $@ $(BUILD)/user/hello.elf:hello2   # user/tests/files.c runs it

# After `make check`: partition 1 passes fsck.fat -n and holds the file the
# guest's files test wrote (scripts/check-files-test.sh).
.PHONY: check-files
check-files:
	@scripts/check-files-test.sh $(SD_SCRATCH) $${LOGDIR:-build/logs}/$(ARCH)__kernel_test_suite.log $(ARCH)

# After `make check`: the guest wrote exactly what it should, checked here.
check-sd-image:
	@scripts/sd-scratch.py check $(SD_SCRATCH)

# The suite again on an SDHC card (block addressing), then the host check.
check-sdhc: all $(SDHC_SCRATCH)
	@scripts/qemu-check.sh "arm: kernel test suite on a 4 GiB SDHC card" 120 $(QEMU_PASS_STATUS) \
		'$(SUITE_PASS_LINES);;^sd0: SDHC/SDXC card \(block addresses\), 8388608 sectors' -- \
		$(QEMU) $(QEMU_COMMON_FLAGS) -monitor none \
		-drive if=sd,format=raw,file=$(SDHC_SCRATCH) -append "disk=scratch swap=off"

check-sdhc-image:
	@scripts/sd-scratch.py check $(SDHC_SCRATCH)

# After `make check`: the card's full (partition 4) and damaged (3)
# volumes (scripts/fat-volumes.py); the persistence test's second boot
# on the same card, after the host broke partition 3's boot sector
# (Makefile check-persist; the Pi has one card slot, so the damaged
# "disk" is a partition of the card).
.PHONY: check-volumes
check-volumes:
	@scripts/fat-volumes.py check-volumes $(SD_SCRATCH) 25088 20480 $${LOGDIR:-build/logs}/$(ARCH)__kernel_test_suite.log
PERSIST_BREAK = $(SD_SCRATCH) 20480
PERSIST_IMAGES = $(SD_SCRATCH)
PERSIST_SAME = $(SD_SCRATCH) 20480 25088
PERSIST_EXPECT = ^fat: sd0p3: not mounted: the number of FATs is not 1 or 2
PERSIST_BOOT_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none -drive if=sd,format=raw,file=$(SD_SCRATCH)

# The swap suite (Makefile check-swap, check-swap-bad): a fresh scratch
# card; its swap partition sd0p2.
SWAP_IMAGE_DEPS = $(SD_SCRATCH)
SWAP_PARTITION = sd0p2
SWAP_BOOT_FLAGS = $(QEMU_COMMON_FLAGS) -monitor none -drive if=sd,format=raw,file=$(SD_SCRATCH)
# QEMU's SD card model drops a host read error (it prints "sd_blk_read:
# read error on host side" and hands the guest the buffer as it was), so
# blkdebug cannot fail a read here: the kernel's swap device reports
# every slot read failed instead (swap=failreads, test builds only).
SWAP_BAD_PREP = true
SWAP_BAD_FLAGS = $(SWAP_BOOT_FLAGS)
SWAP_BAD_APPEND = swap=failreads
