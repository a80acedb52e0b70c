"""Reads a screenshot, for the HTML report's browser test: for each colour asked for,
prints the longest horizontal run of pixels of exactly that colour as JSON
{"#rrggbb": [row, first_column, length]} ([-1, -1, 0] when absent).
Standard library only (zlib), so it needs nothing beyond Python; handles what Chromium
writes: 8-bit RGB or RGBA, not interlaced.
Usage: png_runs.py FILE.png '#rrggbb' ..."""
import json
import struct
import sys
import zlib


def read_png(path: str):
    """Returns (width, height, bytes per pixel, rows of raw pixel bytes)."""
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
    width, height, depth, colour_type, _, _, interlace = header
    channels = {2: 3, 6: 4}.get(colour_type)
    if depth != 8 or channels is None or interlace:
        sys.exit(f"{path}: unsupported PNG (depth {depth}, colour type {colour_type}, interlace {interlace})")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        unfilter(kind, line, previous, channels)
        rows.append(line)
        previous = line
    return width, height, channels, rows


def unfilter(kind: int, line: bytearray, above: bytearray, bpp: int) -> None:
    """Undoes one row's PNG filter in place (PNG spec, section 9)."""
    if kind == 0:
        return
    if kind == 2:
        for i in range(len(line)):
            line[i] = (line[i] + above[i]) & 0xFF
        return
    for i in range(len(line)):
        left = line[i - bpp] if i >= bpp else 0
        if kind == 1:
            line[i] = (line[i] + left) & 0xFF
        elif kind == 3:
            line[i] = (line[i] + ((left + above[i]) >> 1)) & 0xFF
        elif kind == 4:
            up_left = above[i - bpp] if i >= bpp else 0
            p = left + above[i] - up_left
            pa, pb, pc = abs(p - left), abs(p - above[i]), abs(p - up_left)
            guess = left if pa <= pb and pa <= pc else (above[i] if pb <= pc else up_left)
            line[i] = (line[i] + guess) & 0xFF
        else:
            sys.exit(f"unknown PNG filter {kind}")


def longest_runs(path: str, colours: list[str]) -> dict:
    width, height, channels, rows = read_png(path)
    wanted = {bytes.fromhex(c.lstrip("#")): c for c in colours}
    best = {c: [-1, -1, 0] for c in colours}
    for y, line in enumerate(rows):
        x = 0
        while x < width:
            pixel = bytes(line[x * channels:x * channels + 3])
            end = x + 1
            while end < width and line[end * channels:end * channels + 3] == pixel:
                end += 1
            colour = wanted.get(pixel)
            if colour and end - x > best[colour][2]:
                best[colour] = [y, x, end - x]
            x = end
    return best


if __name__ == "__main__":
    print(json.dumps(longest_runs(sys.argv[1], sys.argv[2:])))
