/*
 * boards/pc/pit.c - the periodic tick from channel 0 of the 8253/8254
 * programmable interval timer on IRQ 0. Owns the PIT; the tick count
 * itself belongs to kernel/timer.c.
 */
#include "board.h"
#include "boards/pc/pic.h"
#include "arch/x86/io.h"
#include "kernel/board.h"
#include "kernel/timer.h"

/* Control word (Intel 82C54 datasheet, "Control Word Format"): counter 0,
 * read/write LSB then MSB, mode 2 (rate generator: one pulse every
 * <divisor> input clocks, reloading itself), binary counting. */
#define PIT_SEL_COUNTER0 0x00
#define PIT_RW_LSB_MSB   0x30
#define PIT_MODE_RATE    0x04
#define PIT_BINARY       0x00

static void pit_irq(unsigned line)
{
	(void)line;
	timer_tick();
}

/* The counter is 16 bits and 0 stands for 65536, so the slowest rate is
 * ~18.2 Hz; faster than the input clock is impossible. Rounded to nearest. */
static uint32_t pit_divisor(unsigned hz)
{
	if (hz == 0)
		hz = 1;
	uint32_t d = (PC_PIT_CLOCK_HZ + hz / 2) / hz;
	if (d < 1)
		d = 1;
	if (d > 65536)
		d = 65536;
	return d;
}

void board_timer_start(unsigned hz)
{
	uint32_t d = pit_divisor(hz);
	x86_outb(PC_PIT_CMD, PIT_SEL_COUNTER0 | PIT_RW_LSB_MSB | PIT_MODE_RATE | PIT_BINARY);
	x86_outb(PC_PIT_CH0_DATA, d & 0xff);          /* 65536 is written as 0 */
	x86_outb(PC_PIT_CH0_DATA, (d >> 8) & 0xff);
	pc_pic_set_handler(PC_IRQ_TIMER, pit_irq);
}
