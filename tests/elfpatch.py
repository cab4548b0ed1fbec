#!/usr/bin/env python3
"""Patch one field of an ELF64 object, for tests that build bad inputs from good fixtures.

  elfpatch.py shdr IN OUT SECTION FIELD_OFFSET FORMAT VALUE
      set a field of SECTION's header (struct FORMAT, e.g. <I for sh_type at offset 4)
  elfpatch.py rela IN OUT RELA_SECTION TYPE FIELD VALUE
      set r_offset (FIELD 0) or r_addend (FIELD 16) of the first relocation of TYPE
"""
import struct
import sys


def section_header(d, name):
    shoff, = struct.unpack_from('<Q', d, 0x28)
    shnum, shstrndx = struct.unpack_from('<HH', d, 0x3c)
    stroff, = struct.unpack_from('<Q', d, shoff + shstrndx * 64 + 24)
    for i in range(shnum):
        n, = struct.unpack_from('<I', d, shoff + i * 64)
        if d[stroff + n:d.index(b'\0', stroff + n)].decode() == name:
            return shoff + i * 64
    sys.exit('no section ' + name)


def main(mode, src, dst, name, *args):
    d = bytearray(open(src, 'rb').read())
    hdr = section_header(d, name)
    if mode == 'shdr':
        field, fmt, value = args
        struct.pack_into(fmt, d, hdr + int(field), int(value, 0))
    else:
        rtype, field, value = args
        off, size = struct.unpack_from('<QQ', d, hdr + 24)
        for e in range(off, off + size, 24):
            if struct.unpack_from('<Q', d, e + 8)[0] & 0xffffffff == int(rtype):
                struct.pack_into('<Q', d, e + int(field), int(value, 0))
                break
        else:
            sys.exit('no relocation of type %s in %s' % (rtype, name))
    open(dst, 'wb').write(d)


if __name__ == '__main__':
    main(*sys.argv[1:])
