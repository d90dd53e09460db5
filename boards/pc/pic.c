/*
 * boards/pc/pic.c - the 8259A pair: remapping away from the CPU exception
 * vectors, masking, handler dispatch, EOI, and filtering spurious IRQ 7 and
 * IRQ 15. Implements board_irq_dispatch() for the x86 port.
 */
#include "board.h"
#include "boards/pc/pic.h"
#include "arch/x86/io.h"
#include "arch/x86/segments.h"
#include "arch/x86/x86_board.h"
#include "lib/kprintf.h"

/* Command words, Intel 8259A datasheet ("Programming the 8259A"). */
#define ICW1_INIT      0x10     /* start the initialisation sequence */
#define ICW1_ICW4      0x01     /* an ICW4 follows */
#define ICW4_8086      0x01     /* 8086/88 mode (vectors, not CALLs) */
#define OCW2_EOI       0x20     /* non-specific end of interrupt */
#define OCW3_READ_ISR  0x0B     /* next read of the command port returns the ISR */

static pc_irq_handler handlers[X86_IRQ_LINES];
static bool pic_ready;
static unsigned spurious_count;

static void pic_write_masks(uint16_t mask)
{
	x86_outb(PC_PIC1_DATA, mask & 0xff);
	x86_outb(PC_PIC2_DATA, mask >> 8);
}

static uint16_t pic_read_masks(void)
{
	return (uint16_t)(x86_inb(PC_PIC1_DATA) | x86_inb(PC_PIC2_DATA) << 8);
}

/* ICW1..ICW4 go to each chip in order; the data-port writes after ICW1 are
 * taken as ICW2 (vector base, low 3 bits ignored), ICW3 (cascade wiring)
 * and ICW4. The BIOS leaves IRQs at vectors 8-15, where they would be
 * mistaken for CPU exceptions (SDM Vol. 3A 6.3.1). */
void pc_pic_init(void)
{
	x86_outb(PC_PIC1_CMD, ICW1_INIT | ICW1_ICW4);
	x86_io_wait();
	x86_outb(PC_PIC2_CMD, ICW1_INIT | ICW1_ICW4);
	x86_io_wait();
	x86_outb(PC_PIC1_DATA, X86_IRQ_BASE);
	x86_io_wait();
	x86_outb(PC_PIC2_DATA, X86_IRQ_BASE + 8);
	x86_io_wait();
	x86_outb(PC_PIC1_DATA, 1u << PC_PIC_CASCADE_LINE);   /* master: slave on IR2 */
	x86_io_wait();
	x86_outb(PC_PIC2_DATA, PC_PIC_CASCADE_LINE);         /* slave: its cascade identity */
	x86_io_wait();
	x86_outb(PC_PIC1_DATA, ICW4_8086);
	x86_io_wait();
	x86_outb(PC_PIC2_DATA, ICW4_8086);
	x86_io_wait();

	uint16_t mask = 0xffff & ~(1u << PC_PIC_CASCADE_LINE);
	for (unsigned line = 0; line < X86_IRQ_LINES; line++)
		if (handlers[line])
			mask &= ~(1u << line);
	pic_write_masks(mask);
	pic_ready = true;
}

void pc_pic_set_handler(unsigned line, pc_irq_handler handler)
{
	if (line >= X86_IRQ_LINES)
		return;
	if (!pic_ready)
		pc_pic_init();
	handlers[line] = handler;
	pic_write_masks(pic_read_masks() & ~(1u << line));
}

/* The PIIX's Edge/Level Control Registers at 0x4D0 (IRQ 0-7) and 0x4D1
 * (IRQ 8-15) select the trigger mode per input (Intel 82371AB PIIX4
 * datasheet, ELCR1/ELCR2); the timer, keyboard, cascade, RTC and FPU lines
 * must stay edge-triggered. */
#define PC_ELCR1 0x4D0
#define PC_ELCR2 0x4D1
#define PC_ELCR_EDGE_ONLY 0x2107u   /* IRQ 0, 1, 2, 8, 13 */

void pc_pic_set_level_triggered(unsigned line)
{
	if (line >= X86_IRQ_LINES || (PC_ELCR_EDGE_ONLY >> line & 1))
		return;
	uint16_t port = line < 8 ? PC_ELCR1 : PC_ELCR2;
	x86_outb(port, (uint8_t)(x86_inb(port) | 1u << (line & 7)));
}

static uint8_t pic_in_service(uint16_t cmd_port)
{
	x86_outb(cmd_port, OCW3_READ_ISR);
	return x86_inb(cmd_port);
}

/* A line that drops before the CPU acknowledges it makes the 8259A deliver
 * its lowest-priority vector (IR7) with the ISR bit clear. Such a spurious
 * IRQ must get no EOI from its own chip; a spurious IRQ 15 did go through
 * the master's IR2, which does need one (8259A datasheet, "Interrupt
 * Sequence"). Returns true if the interrupt is spurious. */
static bool pic_is_spurious(unsigned line)
{
	if (line == 7 && !(pic_in_service(PC_PIC1_CMD) & 0x80))
		return true;
	if (line == 15 && !(pic_in_service(PC_PIC2_CMD) & 0x80)) {
		x86_outb(PC_PIC1_CMD, OCW2_EOI);
		return true;
	}
	return false;
}

static void pic_eoi(unsigned line)
{
	if (line >= 8)
		x86_outb(PC_PIC2_CMD, OCW2_EOI);
	x86_outb(PC_PIC1_CMD, OCW2_EOI);
}

unsigned pc_pic_spurious_count(void)
{
	return spurious_count;
}

void board_irq_init(void)
{
	pc_pic_init();
}

void board_irq_dispatch(unsigned line)
{
	if (pic_is_spurious(line)) {
		spurious_count++;
		return;
	}
	if (handlers[line])
		handlers[line](line);
	else
		kprintf("pic: unexpected IRQ %u (no handler); acknowledged\n", line);
	pic_eoi(line);
}
