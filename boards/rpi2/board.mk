# boards/rpi2/board.mk - the Raspberry Pi 2 (BCM2836): PL011 console,
# BCM2836 local + BCM2835 interrupt controllers, VideoCore mailbox, the
# device tree QEMU is given, and the SD card path (sdcard.mk).
BOARD_OBJS += boards/rpi2/board.o boards/rpi2/uart_pl011.o boards/rpi2/irq.o \
	boards/rpi2/mailbox.o boards/rpi2/storage.o boards/rpi2/cores.o boards/rpi2/core_park.o

# A small device tree for `make run`: memory, /chosen, the console. QEMU
# fills in /memory and /chosen/bootargs (-append) itself.
ARCH_IMAGES += $(BUILD)/rpi2.dtb
$(BUILD)/rpi2.dtb: boards/rpi2/rpi2.dts
	@mkdir -p $(dir $@)
	dtc -q -I dts -O dtb -o $@ $<

include boards/rpi2/sdcard.mk
