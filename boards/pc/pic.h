/*
 * boards/pc/pic.h - the PC's two cascaded 8259A interrupt controllers:
 * remapping, per-line handlers and masking, used by the PC board drivers.
 */
#ifndef BOARDS_PC_PIC_H
#define BOARDS_PC_PIC_H

typedef void (*pc_irq_handler)(unsigned line);

/* Remaps the PICs to vectors X86_IRQ_BASE.. and masks every line except the
 * cascade. Safe to call more than once. */
void pc_pic_init(void);

/* Installs handler for line 0-15 and unmasks it. The handler runs with
 * interrupts off; the EOI is sent after it returns. */
void pc_pic_set_handler(unsigned line, pc_irq_handler handler);

/* Makes line 3-15 level-triggered (a PCI INTx line, which stays asserted
 * until its device is serviced). Lines 0, 1, 2, 8 and 13 stay edge. */
void pc_pic_set_level_triggered(unsigned line);

/* Spurious IRQ 7/15 deliveries seen (and correctly not acknowledged). */
unsigned pc_pic_spurious_count(void);

#endif
