# boards/pc/board.mk - the PC board under QEMU's i386 "pc" machine: COM1
# console, 8259A PICs, 8253/8254 PIT tick, PC memory layout.
BOARD_OBJS += boards/pc/board.o boards/pc/uart.o boards/pc/pic.o boards/pc/pit.o boards/pc/storage.o
# The disk (boards/pc/storage.c): PCI configuration access here, and the
# drivers this board needs from drivers/ (the virtio-blk driver and its
# virtqueue; the Makefile's DRIVER_OBJS are those every board links).
BOARD_OBJS += boards/pc/pci.o drivers/virtio/virtqueue.o drivers/block/virtio_blk.o
