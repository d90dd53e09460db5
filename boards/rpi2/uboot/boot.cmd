# boards/rpi2/uboot/boot.cmd - U-Boot script that boots mendax from the SD
# card's FAT partition (compiled to boot.scr with mkimage -T script).
# ${fdt_addr} is the device tree the firmware (or the QEMU stand-in) passed
# to U-Boot; bootm fixes it up (memory, bootargs) and hands it on in r2.
echo "mendax: loading kernel.uimg from mmc 0:1"
fatload mmc 0:1 ${kernel_addr_r} kernel.uimg
bootm ${kernel_addr_r} - ${fdt_addr}
