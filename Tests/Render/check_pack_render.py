#!/usr/bin/env python3
"""Renders a Clinic pack in headless Chromium and checks that what a person sees actually drew.

For a pack folder written by `clinic report ... --out DIR` (with the html and json formats):
- every chart in DIR/charts/*.svg is rendered on its own at 720 x 280 px and must show ink: at least
  3% of the pixels away from white, and pixels of the actual line's dark blue (#1d4e89 family);
- DIR/index.html is rendered at 1100 px wide; its first screen must not be blank either;
- DIR/index.html is printed to PDF on A4 as a head of service would print it, and the PDF (read with
  pypdf) must hold: the summary of every measure on one landscape page; each measure on a page of its
  own, starting with its heading, with its chart drawn (at least 500 line and curve operators on the
  page); no page ending with a heading; at most the measures plus 8 pages in all.
With --screenshot FILE the first screen of index.html is also saved there (docs/pack.png is made so).

Exit status 0 when everything drew, 1 otherwise (with one line per failure), 2 when Chromium is missing.
Uses the standard library (PNG decoding included), pypdf (installed by `make test`) and Debian's
`chromium`.

Usage: python3 Tests/Render/check_pack_render.py DIR [--screenshot FILE]
"""
import argparse
import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib


def read_png(path):
    """Returns (width, height, rows of RGB tuples) for an 8-bit RGB or RGBA PNG."""
    with open(path, "rb") as handle:
        data = handle.read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path}: not a PNG"
    offset, idat, width = 8, b"", None
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        chunk = data[offset + 8:offset + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), f"{path}: unsupported PNG (depth {depth}, colour type {colour})"
            channels = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        offset += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels
    rows, previous, i = [], bytearray(stride), 0
    for _ in range(height):
        kind, line = raw[i], bytearray(raw[i + 1:i + 1 + stride])
        i += 1 + stride
        for x in range(stride):
            left = line[x - channels] if x >= channels else 0
            up = previous[x]
            corner = previous[x - channels] if x >= channels else 0
            if kind == 1:
                line[x] = (line[x] + left) & 255
            elif kind == 2:
                line[x] = (line[x] + up) & 255
            elif kind == 3:
                line[x] = (line[x] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[x] = (line[x] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        rows.append([tuple(line[x:x + 3]) for x in range(0, stride, channels)])
        previous = line
    return width, height, rows


def ink(rows):
    """The share of pixels away from white, and whether the actual line's dark blue appears."""
    total = inked = blue = 0
    for row in rows:
        for r, g, b in row:
            total += 1
            if r < 235 or g < 235 or b < 235:
                inked += 1
            if r < 70 and 60 < g < 110 and 110 < b < 170:
                blue += 1
    return inked / max(1, total), blue


def screenshot(chromium, url, width, height, out):
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1",
                    f"--window-size={width},{height}", f"--screenshot={out}", url],
                   # A guard against a browser that hangs, not a speed check.
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def print_to_pdf(chromium, url, out):
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={out}", url],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)


def text_lines(page):
    return [line.strip() for line in page.extract_text().split("\n") if line.strip()]


def check_print(pdf_path, pack):
    """The printed pack's layout problems, one line each (empty when it prints as it should)."""
    from pypdf import PdfReader
    with open(os.path.join(pack, "pack.json"), encoding="utf-8") as handle:
        labels = [m["label"] for m in json.load(handle)["measures"]]
    with open(os.path.join(pack, "index.html"), encoding="utf-8") as handle:
        page_html = handle.read()
    headings = [re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", h))).strip()
                for h in re.findall(r"<h[23][^>]*>(.*?)</h[23]>", page_html, flags=re.S)]
    pages = PdfReader(pdf_path).pages
    lines = [text_lines(p) for p in pages]
    failures = []
    if len(pages) > len(labels) + 8:
        failures.append(f"print: {len(pages)} pages for {len(labels)} measures (at most {len(labels) + 8})")
    summary = [i for i, t in enumerate(lines) if t and t[0] == "Summary of every measure"]
    if len(summary) != 1:
        failures.append("print: the summary does not start a page of its own")
    else:
        page = pages[summary[0]]
        if page.mediabox.width <= page.mediabox.height:
            failures.append("print: the summary page is not landscape")
        text = " ".join(lines[summary[0]])
        missing = [label for label in labels if label not in text]
        if missing:
            failures.append(f"print: the summary does not fit one page ({len(missing)} measures not on it, first {missing[0]!r})")
    for label in labels:
        starts = [i for i, t in enumerate(lines) if t and t[0] == label]
        if not starts:
            failures.append(f"print: {label!r} does not start a page")
            continue
        content = pages[starts[0]].get_contents().get_data()
        drawn = len(re.findall(rb"(?<=\s)[lc](?=\s)", content))
        if drawn < 500:
            failures.append(f"print: {label!r}: its page draws no chart ({drawn} line and curve operators)")
    for i, t in enumerate(lines):
        if t and i + 1 < len(lines) and any(t[-1] == h or (len(h) > 20 and h.startswith(t[-1])) for h in headings):
            failures.append(f"print: page {i + 1} ends with the heading {t[-1]!r}")
    return failures, len(pages)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("pack")
    parser.add_argument("--screenshot")
    args = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("chromium is not installed (apt-get install chromium)", file=sys.stderr)
        return 2
    pack = os.path.abspath(args.pack)
    charts = sorted(f for f in os.listdir(os.path.join(pack, "charts")) if f.endswith(".svg"))
    failures = []
    if not charts:
        failures.append("no charts in charts/")
    with tempfile.TemporaryDirectory() as work:
        for name in charts:
            png = os.path.join(work, name + ".png")
            screenshot(chromium, "file://" + os.path.join(pack, "charts", name), 720, 280, png)
            share, blue = ink(read_png(png)[2])
            if share < 0.03 or blue < 50:
                failures.append(f"charts/{name}: did not draw ({share:.1%} of pixels inked, {blue} of the actual line's blue)")
        page = os.path.join(work, "index.png")
        screenshot(chromium, "file://" + os.path.join(pack, "index.html"), 1100, 1400, page)
        share, blue = ink(read_png(page)[2])
        if share < 0.03:
            failures.append(f"index.html: the first screen is blank ({share:.1%} inked)")
        if args.screenshot:
            shutil.copyfile(page, args.screenshot)
        pdf = os.path.join(work, "pack.pdf")
        print_to_pdf(chromium, "file://" + os.path.join(pack, "index.html"), pdf)
        printed, page_count = check_print(pdf, pack)
        failures += printed
    for failure in failures:
        print(failure)
    print(f"{len(charts)} charts and index.html rendered in Chromium, and printed on {page_count} A4 pages; "
          f"{len(failures)} failure{'s' if len(failures) != 1 else ''}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
