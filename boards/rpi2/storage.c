/*
 * boards/rpi2/storage.c - the board's disks, registered with the block
 * layer at boot (kernel/board.h board_storage_init). This board has no
 * disk driver yet, so it registers no disk.
 */
#include "kernel/board.h"

void board_storage_init(void)
{
}
