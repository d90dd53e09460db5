# boards/pc/board.mk - the PC board under QEMU's i386 "pc" machine: COM1
# console, 8259A PICs, 8253/8254 PIT tick, PC memory layout.
BOARD_OBJS += boards/pc/board.o boards/pc/uart.o boards/pc/pic.o boards/pc/pit.o boards/pc/storage.o
