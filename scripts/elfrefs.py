"""Reads the references of one ELF32 relocatable object, for the layering
check (scripts/check-layering.py): who in this object names whom.

A node is a symbol: a global one by its name, a local one as name@object,
an anonymous stretch of a section (a jump table, a literal) as
section+offset@object. An edge comes from
  - a relocation in an allocated section (a call, a jump, an address taken
    by movw/movt, a literal-pool word, an initialised pointer in .data), or
  - a direct branch the assembler resolved inside the object (a call to a
    static function of the same section carries no relocation at all), read
    from objdump's disassembly.
Both ports' objects are REL (implicit addends): a relocation against a
section symbol keeps the offset in the instruction, decoded below per type.
"""
import re
import struct
import subprocess

SHT_SYMTAB, SHT_RELA, SHT_REL = 2, 4, 9
SHF_ALLOC, SHF_EXECINSTR = 0x2, 0x4
STT_SECTION, STT_FILE = 3, 4
STB_LOCAL = 0
SHN_UNDEF = 0
SKIP_SECTIONS = (".ARM.exidx", ".ARM.extab", ".eh_frame")

# Relocation types by machine (ELF e_machine 3 = i386, 40 = ARM).
EM_386, EM_ARM = 3, 40
R_386_32, R_386_PC32, R_386_PLT32 = 1, 2, 4
R_ARM_ABS32, R_ARM_REL32, R_ARM_THM_CALL = 2, 3, 10
R_ARM_CALL, R_ARM_JUMP24, R_ARM_THM_JUMP24 = 28, 29, 30
R_ARM_MOVW_ABS_NC, R_ARM_MOVT_ABS = 43, 44
R_ARM_THM_MOVW_ABS_NC, R_ARM_THM_MOVT_ABS = 47, 48
R_ARM_V4BX = 40


def sext(value, bits):
    value &= (1 << bits) - 1
    return value - (1 << bits) if value >> (bits - 1) else value


class Section:
    def __init__(self, name, sh):
        self.name = name
        (_, self.type, self.flags, _, self.offset, self.size,
         self.link, self.info, _, self.entsize) = sh


class Sym:
    def __init__(self, name, value, size, info, shndx):
        self.name, self.value, self.size, self.shndx = name, value, size, shndx
        self.bind, self.type = info >> 4, info & 0xF


class ObjectRefs:
    """The nodes an object defines and the edges it contributes."""

    def __init__(self, path, rel, objdump):
        self.path, self.rel = path, rel
        with open(path, "rb") as f:
            self.data = f.read()
        self._read_sections()
        self._read_symbols()
        self.edges = set()     # (from node, to node)
        self.defined = {}      # global name -> node it stands for
        self.nodes = set()     # every node owned by this object
        relocs = self._read_relocs()
        self._cut_anonymous(relocs)
        self._edges_from_relocs(relocs)
        self._edges_from_branches(objdump)
        self._alias_globals()

    # --- ELF structure -------------------------------------------------
    def _read_sections(self):
        d = self.data
        if d[:4] != b"\x7fELF" or d[4] != 1 or d[5] != 1:
            raise ValueError(f"{self.path}: not a little-endian ELF32 object")
        self.machine = struct.unpack_from("<H", d, 18)[0]
        shoff, = struct.unpack_from("<I", d, 32)
        shentsize, shnum, shstrndx = struct.unpack_from("<HHH", d, 46)
        raw = [struct.unpack_from("<10I", d, shoff + i * shentsize) for i in range(shnum)]
        strtab = raw[shstrndx]
        self.sections = [Section(self._str(strtab[4], sh[0]), sh) for sh in raw]

    def _str(self, offset, index):
        end = self.data.index(b"\0", offset + index)
        return self.data[offset + index:end].decode()

    def _read_symbols(self):
        self.syms = []
        for sec in self.sections:
            if sec.type != SHT_SYMTAB:
                continue
            strtab = self.sections[sec.link]
            for i in range(sec.size // 16):
                name, value, size, info, _, shndx = struct.unpack_from(
                    "<IIIBBH", self.data, sec.offset + i * 16)
                self.syms.append(Sym(self._str(strtab.offset, name), value, size, info, shndx))
        self.anchors = {}      # section index -> sorted [(value, sym)]
        for s in self.syms:
            if (s.shndx == SHN_UNDEF or s.shndx >= len(self.sections) or not s.name
                    or s.type in (STT_SECTION, STT_FILE) or s.name.startswith(("$", ".L"))):
                continue
            value = s.value & ~1 if self.machine == EM_ARM else s.value
            self.anchors.setdefault(s.shndx, []).append((value, s))
        for lst in self.anchors.values():
            lst.sort(key=lambda vs: (vs[0], vs[1].bind == STB_LOCAL))

    def _allocated(self, index):
        sec = self.sections[index]
        return sec.flags & SHF_ALLOC and not sec.name.startswith(SKIP_SECTIONS)

    def _read_relocs(self):
        """[(section index, offset, type, symbol, implicit target offset)]"""
        out = []
        for sec in self.sections:
            if sec.type not in (SHT_REL, SHT_RELA) or not self._allocated(sec.info):
                continue
            step = 8 if sec.type == SHT_REL else 12
            for i in range(sec.size // step):
                off, info = struct.unpack_from("<II", self.data, sec.offset + i * step)
                rtype, sym = info & 0xFF, self.syms[info >> 8] if info >> 8 else None
                if sym is None or rtype == R_ARM_V4BX and self.machine == EM_ARM:
                    continue
                out.append([sec.info, off, rtype, sym, None])
        for r in out:
            if r[3].type == STT_SECTION:
                r[4] = self._implicit_target(out, r)
        return out

    def _word(self, shndx, off):
        return struct.unpack_from("<I", self.data, self.sections[shndx].offset + off)[0]

    def _implicit_target(self, relocs, r):
        """The offset into the symbol's section a REL relocation points at."""
        shndx, off, rtype, _, _ = r
        w = self._word(shndx, off)
        if self.machine == EM_386:
            return w + 4 if rtype in (R_386_PC32, R_386_PLT32) else w
        if rtype in (R_ARM_CALL, R_ARM_JUMP24):
            return (sext(w & 0xFFFFFF, 24) << 2) + 8       # ARM ARM A8.8.25: PC reads +8
        if rtype in (R_ARM_THM_CALL, R_ARM_THM_JUMP24):
            return self._thumb_bl_offset(w) + 4
        if rtype in (R_ARM_MOVW_ABS_NC, R_ARM_THM_MOVW_ABS_NC):
            return self._movw_pair_target(relocs, r)
        if rtype in (R_ARM_MOVT_ABS, R_ARM_THM_MOVT_ABS):
            return None                                    # its movw names the target
        return w                                           # ABS32, REL32 and the rest

    @staticmethod
    def _imm16(w, thumb):
        """(imm16, Rd) of a movw/movt (ARM ARM A8.8.102/A8.8.106, A1 and T3)."""
        if thumb:
            h1, h2 = w & 0xFFFF, w >> 16
            imm = ((h1 & 0xF) << 12) | (((h1 >> 10) & 1) << 11) | (((h2 >> 12) & 7) << 8) | (h2 & 0xFF)
            return imm, (h2 >> 8) & 0xF
        return ((w >> 4) & 0xF000) | (w & 0xFFF), (w >> 12) & 0xF

    def _movw_pair_target(self, relocs, r):
        """lower16 in the movw, upper16 in the next movt of the same register."""
        shndx, off, rtype, sym, _ = r
        thumb = rtype == R_ARM_THM_MOVW_ABS_NC
        low, rd = self._imm16(self._word(shndx, off), thumb)
        movt = R_ARM_THM_MOVT_ABS if thumb else R_ARM_MOVT_ABS
        for o in relocs:
            if o[0] == shndx and o[1] > off and o[2] == movt and o[3] is sym:
                high, rd2 = self._imm16(self._word(shndx, o[1]), thumb)
                if rd2 == rd:
                    return (high << 16) | low
        return sext(low, 16)

    @staticmethod
    def _thumb_bl_offset(w):
        h1, h2 = w & 0xFFFF, w >> 16                       # ARM ARM A8.8.25, encoding T1
        s = (h1 >> 10) & 1
        i1 = 1 - (((h2 >> 13) & 1) ^ s)
        i2 = 1 - (((h2 >> 11) & 1) ^ s)
        imm = (s << 24) | (i1 << 23) | (i2 << 22) | ((h1 & 0x3FF) << 12) | ((h2 & 0x7FF) << 1)
        return sext(imm, 25)

    # --- nodes -----------------------------------------------------------
    def _name(self, sym):
        return sym.name if sym.bind != STB_LOCAL else f"{sym.name}@{self.rel}"

    def _cut_anonymous(self, relocs):
        """Places a section's anonymous stretches start: every offset referenced."""
        self.cuts = {}
        for shndx, _, _, sym, target in relocs:
            if sym.type == STT_SECTION and target is not None:
                self.cuts.setdefault(sym.shndx, set()).add(target)

    def owner(self, shndx, off):
        """The node that holds offset off of section shndx."""
        best = None
        for value, sym in self.anchors.get(shndx, ()):
            if value > off:
                break
            if best is None or value > best[0]:            # globals sort first
                best = (value, sym)
        if best and (not best[1].size or off < best[0] + best[1].size):
            node = self._name(best[1])
        else:
            cut = max((c for c in self.cuts.get(shndx, ()) if c <= off), default=0)
            node = f"{self.sections[shndx].name}+{cut:#x}@{self.rel}"
        self.nodes.add(node)
        return node

    def _target(self, sym, target):
        if sym.shndx == SHN_UNDEF:
            return sym.name
        if sym.shndx >= len(self.sections):
            return None                                    # absolute or common
        if sym.type == STT_SECTION:
            return None if target is None else self.owner(sym.shndx, target)
        value = sym.value & ~1 if self.machine == EM_ARM else sym.value
        return self.owner(sym.shndx, value)

    def _edges_from_relocs(self, relocs):
        for shndx, off, _, sym, target in relocs:
            to = self._target(sym, target)
            if to is not None:
                self._add(self.owner(shndx, off), to)

    def _add(self, frm, to):
        if frm != to:
            self.edges.add((frm, to))

    def _alias_globals(self):
        for shndx, lst in self.anchors.items():
            if not self._allocated(shndx):
                continue
            for value, sym in lst:
                node = self.owner(shndx, value)
                if sym.bind != STB_LOCAL:
                    self.defined[sym.name] = node
                    self._add(sym.name, node)
                    self.nodes.add(sym.name)

    # --- branches the assembler resolved ---------------------------------
    BRANCH_X86 = re.compile(r"^(call|jmp|j[a-z]{1,3}|loop[a-z]*)l?$")
    BRANCH_ARM = re.compile(r"^(b|bl|blx|cbz|cbnz)(eq|ne|cs|hs|cc|lo|mi|pl|vs|vc|hi|ls|ge|lt|gt|le|al)?(\.[nw])?$")
    INSN = re.compile(r"^\s*([0-9a-f]+):\t(\S+)\s*([^\t]*)(\t.*)?$")
    SECTION = re.compile(r"^Disassembly of section (\S+):$")

    def _edges_from_branches(self, objdump):
        index = {s.name: i for i, s in enumerate(self.sections)}
        text = subprocess.run([objdump, "-dr", "-w", "--no-show-raw-insn", self.path],
                              check=True, capture_output=True, text=True).stdout
        pattern = self.BRANCH_X86 if self.machine == EM_386 else self.BRANCH_ARM
        shndx = None
        for line in text.splitlines():
            m = self.SECTION.match(line)
            if m:
                shndx = index.get(m.group(1))
                continue
            m = self.INSN.match(line)
            if not m or shndx is None or not pattern.match(m.group(2)):
                continue
            if m.group(4) and "R_" in m.group(4):
                continue                                   # the relocation says where
            t = re.search(r"(?:^|[\s,])([0-9a-f]+) <", m.group(3))
            if t and not m.group(3).startswith("*"):
                self._add(self.owner(shndx, int(m.group(1), 16)),
                          self.owner(shndx, int(t.group(1), 16)))
