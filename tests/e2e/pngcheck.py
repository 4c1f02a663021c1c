#!/usr/bin/env python3
"""pngcheck.py PNG... — fails (exit 1) when a screenshot is blank.

Decodes each PNG with the standard library alone (zlib + the five PNG row
filters; 8-bit greyscale, RGB, grey+alpha and RGBA, not interlaced) and
requires at least 16 distinct colours and at least 2% of the pixels away
from the most common (background) colour. Prints one line per file.
"""
import struct
import sys
import zlib
from collections import Counter

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}


def _paeth(a, b, c):
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    if pa <= pb and pa <= pc:
        return a
    return b if pb <= pc else c


def _unfilter(kind, row, prev, bpp):
    if kind == 0:
        return row
    if kind == 2:
        return bytearray((x + y) & 0xFF for x, y in zip(row, prev))
    out = bytearray(row)
    for i in range(len(out)):
        left = out[i - bpp] if i >= bpp else 0
        up = prev[i]
        if kind == 1:
            out[i] = (out[i] + left) & 0xFF
        elif kind == 3:
            out[i] = (out[i] + ((left + up) >> 1)) & 0xFF
        elif kind == 4:
            ul = prev[i - bpp] if i >= bpp else 0
            out[i] = (out[i] + _paeth(left, up, ul)) & 0xFF
        else:
            raise ValueError("bad filter %d" % kind)
    return out


def pixels(path):
    """Yields the rows of the image as bytes, and returns (w, h, bpp) first."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, hdr = 8, [], None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            hdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = hdr
    if depth != 8 or ctype not in CHANNELS or interlace:
        raise ValueError("unsupported PNG (depth %d, type %d)" % (depth, ctype))
    bpp = CHANNELS[ctype]
    raw = zlib.decompress(b"".join(idat))
    stride = w * bpp
    prev = bytearray(stride)
    rows = []
    for y in range(h):
        start = y * (stride + 1)
        row = _unfilter(raw[start], bytearray(raw[start + 1:start + 1 + stride]), prev, bpp)
        rows.append(bytes(row))
        prev = row
    return w, h, bpp, rows


def check(path):
    w, h, bpp, rows = pixels(path)
    counts = Counter()
    step = max(1, w // 320)  # sample columns; every row
    for row in rows:
        for x in range(0, w, step):
            counts[row[x * bpp:x * bpp + bpp]] += 1
    total = sum(counts.values())
    background = counts.most_common(1)[0][1]
    ink = 1 - background / total
    ok = len(counts) >= 16 and ink >= 0.02
    print("%s %s: %dx%d, %d colours, %.1f%% ink" % ("ok" if ok else "BLANK", path, w, h,
                                                    len(counts), 100 * ink))
    return ok


if __name__ == "__main__":
    results = [check(p) for p in sys.argv[1:]]
    sys.exit(0 if results and all(results) else 1)
