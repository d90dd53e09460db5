# boards/rpi2/sdcard.mk - the real-hardware path of the Raspberry Pi 2:
# an SD card image (firmware, U-Boot, device tree, boot.scr, mendax uImage)
# and booting that very card under QEMU through a firmware stand-in and
# Debian's real U-Boot. See docs/hardware.md.

PI_FW_CACHE := .cache/pi-firmware
PI_FW := $(PI_FW_CACHE)/files
SDCARD := $(BUILD)/sdcard.img
STANDIN := $(BUILD)/standin.elf

.PHONY: sdimage run-uboot check-uboot check-uboot-big check-uboot-fault pi-firmware

pi-firmware:
	@scripts/fetch-pi-firmware.sh $(PI_FW_CACHE)

$(STANDIN): boards/rpi2/uboot/standin.S boards/rpi2/uboot/standin.ld arch/arm/hyp_vector_table.h
	@mkdir -p $(dir $@)
	$(CC) -mcpu=cortex-a7 -marm -nostdlib -nostartfiles -I. -T boards/rpi2/uboot/standin.ld -o $@ $<

$(SDCARD): $(BUILD)/kernel.uimg boards/rpi2/uboot/boot.cmd boards/rpi2/uboot/uboot-env.txt \
		boards/rpi2/uboot/config.txt scripts/sdimage.sh | pi-firmware
	@SDIMAGE_BIN="$(USER_ELFS) $(SDIMAGE_TEST_BIN)" scripts/sdimage.sh $@ $(BUILD)/kernel.uimg $(PI_FW) boards/rpi2/uboot $(BUILD)/sdcard \
		"$(SDCARD_TEST_ARGS)"

# A test build's card also holds /bin/hello2, which the suite runs from the
# card by path and from /bin by name (user/tests/files.c): check-uboot then
# proves programs run from the card U-Boot booted.
SDIMAGE_TEST_BIN := $(if $(filter 1,$(TEST)),$(BUILD)/user/hello.elf:hello2)
# A test build's cards boot with swap=off, like every ordinary test boot:
# the suite's out-of-memory tests count on RAM alone (the card's swap
# partition is for `make sdimage`'s users and the swap suite).
SDCARD_TEST_ARGS := $(if $(filter 1,$(TEST)),swap=off)

# The same card with the padded kernel (KERNEL_PAD_ELF, > 4 MiB).
SDCARD_BIG := $(BUILD)/sdcard-big.img
$(SDCARD_BIG): $(BUILD)/kernel-pad.uimg boards/rpi2/uboot/boot.cmd boards/rpi2/uboot/uboot-env.txt \
		boards/rpi2/uboot/config.txt scripts/sdimage.sh | pi-firmware
	@scripts/sdimage.sh $@ $(BUILD)/kernel-pad.uimg $(PI_FW) boards/rpi2/uboot $(BUILD)/sdcard-big \
		"$(SDCARD_TEST_ARGS)"

# The normal card with bootargs "fault=$(FAULT)" in U-Boot's environment.
SDCARD_FAULT := $(BUILD)/sdcard-fault-$(FAULT).img
$(SDCARD_FAULT): $(BUILD)/kernel.uimg boards/rpi2/uboot/boot.cmd boards/rpi2/uboot/uboot-env.txt \
		boards/rpi2/uboot/config.txt scripts/sdimage.sh | pi-firmware
	@scripts/sdimage.sh $@ $(BUILD)/kernel.uimg $(PI_FW) boards/rpi2/uboot \
		$(BUILD)/sdcard-fault-$(FAULT) "fault=$(FAULT) $(SDCARD_TEST_ARGS)"

sdimage: deps
	@$(MAKE) --no-print-directory pi-firmware
	@$(MAKE) --no-print-directory $(SDCARD)

# snapshot=on: the card image is never written by the emulated machine.
# A HYP exception inside U-Boot: the stand-in prints it and QEMU exits 4.
QEMU_UBOOT_FLAGS_FOR = -M raspi2b -display none -serial stdio -kernel $(STANDIN) \
	-device loader,file=$(PI_FW)/u-boot.bin,addr=0x8000,force-raw=on \
	-device loader,file=$(PI_FW)/bcm2836-rpi-2-b.dtb,addr=0x03000000,force-raw=on \
	-drive if=sd,format=raw,file=$(1),snapshot=on \
	-semihosting-config enable=on,target=native
QEMU_UBOOT_FLAGS = $(call QEMU_UBOOT_FLAGS_FOR,$(SDCARD))

run-uboot: sdimage $(STANDIN)
	@echo "mendax: stand-in -> U-Boot -> SD card -> mendax (quit: Ctrl-A then X)"
	$(QEMU) $(QEMU_UBOOT_FLAGS) $(QEMU_EXTRA)

check-uboot: sdimage $(STANDIN)
	@scripts/qemu-check.sh "arm: kernel test suite booted by U-Boot from the SD card" 120 \
		$(QEMU_PASS_STATUS) '$(SUITE_PASS_LINES);;^  /bin/hello2 ran from the disk' -- \
		$(QEMU) $(QEMU_UBOOT_FLAGS) -monitor none

# A kernel image of more than 4 MiB through the same chain: it must load
# clear of U-Boot's own image (and its control device tree at ~0x71E90),
# boot in HYP and pass the suite; the memory map shows the image's size.
UBOOT_BIG_EXPECT := ^entry: Non-secure HYP;;reserved +(409[6-9]|4[1-9][0-9][0-9]|[5-9][0-9]{3}|[0-9]{5,}) KiB  kernel image
check-uboot-big: $(SDCARD_BIG) $(STANDIN)
	@scripts/qemu-check.sh "arm: padded kernel (over 4 MiB) booted by U-Boot from the SD card" 120 \
		$(QEMU_PASS_STATUS) '$(SUITE_PASS_LINES);;$(UBOOT_BIG_EXPECT)' -- \
		$(QEMU) $(call QEMU_UBOOT_FLAGS_FOR,$(SDCARD_BIG)) -monitor none

# check-uboot-fault FAULT=kind: a fault raised by the kernel booted through
# U-Boot (entered in HYP) must get its decoded report. FAULT=hvc: after
# leaving HYP, anything taken to HYP reaches mendax's own HVBAR vector.
check-uboot-fault: $(SDCARD_FAULT) $(STANDIN)
	@scripts/qemu-check.sh "arm: decoded report for fault=$(FAULT), booted by U-Boot" 60 \
		$(QEMU_STOP_STATUS) '$(FAULT_EXPECT_$(FAULT))' -- \
		$(QEMU) $(call QEMU_UBOOT_FLAGS_FOR,$(SDCARD_FAULT)) -monitor none
