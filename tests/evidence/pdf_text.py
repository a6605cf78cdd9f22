"""The text of a PDF that Chromium printed, read without a PDF library (for tests only).

Chromium (Skia) writes each font as a Type0 font with a ``/ToUnicode`` map and the page text
as two-byte glyph codes in Flate-compressed content streams. This reads those maps and
streams: enough to check what words a printed page carries, in order, not a PDF reader.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

_OBJECT = re.compile(rb"(\d+) 0 obj\b(.*?)\bendobj", re.DOTALL)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.DOTALL)
_FONT_REF = re.compile(rb"/(F\d+) (\d+) 0 R")
_TO_UNICODE = re.compile(rb"/ToUnicode (\d+) 0 R")
_TOKEN = re.compile(rb"/(F\d+)\s+[-\d.]+\s+Tf|<([0-9A-Fa-f\s]*)>|(T[Jj*])")


def _objects(data: bytes) -> dict[int, tuple[bytes, bytes | None]]:
    found: dict[int, tuple[bytes, bytes | None]] = {}
    for number, body in _OBJECT.findall(data):
        stream = _STREAM.search(body)
        content = None
        if stream is not None:
            content = stream.group(1)
            if b"/FlateDecode" in body[: stream.start()]:
                content = zlib.decompress(content)
        found[int(number)] = (body, content)
    return found


def _hex_codes(text: bytes) -> list[int]:
    digits = re.sub(rb"\s", b"", text)
    return [int(digits[i : i + 4], 16) for i in range(0, len(digits) - 3, 4)]


def _to_unicode(cmap: bytes) -> dict[int, str]:
    """Return glyph code → text from a ToUnicode CMap (bfchar and bfrange sections)."""
    mapping: dict[int, str] = {}

    def text_of(hex_digits: bytes) -> str:
        return bytes.fromhex(hex_digits.decode()).decode("utf-16-be", "replace")

    for section in re.findall(rb"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
        for source, target in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", section):
            mapping[int(source, 16)] = text_of(target)
    for section in re.findall(rb"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
        for low, high, rest in re.findall(
            rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])", section
        ):
            first, last = int(low, 16), int(high, 16)
            if rest.startswith(b"["):
                targets = re.findall(rb"<([0-9A-Fa-f]+)>", rest)
                for offset, target in enumerate(targets):
                    mapping[first + offset] = text_of(target)
            else:
                start = int(rest[1:-1], 16)
                for offset in range(last - first + 1):
                    mapping[first + offset] = chr(start + offset)
    return mapping


def pdf_text(pdf_file: Path) -> str:
    """Return the text a Chromium-printed PDF shows, in drawing order, with no white space.

    Skia places some lines glyph by glyph and leaves the spaces between lines to positions,
    so the spaces are dropped: compare with :func:`squeezed` text.
    """
    objects = _objects(pdf_file.read_bytes())
    fonts: dict[str, dict[int, str]] = {}
    for body, _ in objects.values():
        for name, number in _FONT_REF.findall(body):
            font_body = objects.get(int(number), (b"", None))[0]
            ref = _TO_UNICODE.search(font_body)
            if ref is not None:
                cmap = objects.get(int(ref.group(1)), (b"", None))[1] or b""
                fonts[name.decode()] = _to_unicode(cmap)
    pieces: list[str] = []
    for _, content in objects.values():
        if content is None or b"Tf" not in content:
            continue
        font: dict[int, str] = {}
        for name, codes, _operator in _TOKEN.findall(content):
            if name:
                font = fonts.get(name.decode(), {})
            elif codes:
                pieces.extend(font.get(code, "") for code in _hex_codes(codes))
    return squeezed("".join(pieces))


def squeezed(text: str) -> str:
    """Return ``text`` without any white space (how :func:`pdf_text` gives a page's text)."""
    return re.sub(r"\s+", "", text)
