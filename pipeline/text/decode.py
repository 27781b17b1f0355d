"""Bytes → raw text: encoding detection, BOM handling and reject reasons."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF binary"),
)
UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Decoded:
    """A successful decode: ``text`` is the raw text (BOM removed, nothing else changed)."""

    text: str
    encoding: str


@dataclass(frozen=True)
class Undecodable:
    """Why bytes could not become raw text: ``reason`` is a contract rejects reason."""

    reason: str  # empty | binary | undecodable
    detail: str


# Unicode category Cc except the whitespace controls: C0 and C1 controls and DEL
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    return len(_CONTROL.findall(text)) / len(text)


def _looks_like_text(text: str) -> bool:
    """A decoded text is plausible when it is mostly letters, digits, punctuation and spaces."""
    if not text:
        return True
    odd = 0
    for ch in text:
        cat = unicodedata.category(ch)
        if cat in ("Co", "Cn", "Cs") or (cat == "Cc" and ch not in "\r\n\t\f\v"):
            odd += 1
    return odd / len(text) < 0.01


def decode_bytes(data: bytes) -> Decoded | Undecodable:
    """Detect the encoding of ``data`` (UTF-8, UTF-8 with BOM, GB18030/GBK) and decode it strictly."""
    if not data or not data.strip(b" \t\r\n\x00") and b"\x00" not in data:
        return Undecodable("empty", "the file has no content" if not data else "the file holds only whitespace")
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            return Undecodable("binary", f"starts like a {what}")
    if b"\x00" in data:
        return Undecodable("binary", f"contains NUL bytes (first at byte {data.index(0)})")
    if data.startswith(UTF8_BOM):
        try:
            return Decoded(data[len(UTF8_BOM):].decode("utf-8"), "utf-8-sig")
        except UnicodeDecodeError as exc:
            return Undecodable("undecodable", f"UTF-8 BOM but invalid UTF-8 at byte {exc.start + 3}: {exc.reason}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if _control_ratio(text) > 0.05:
            return Undecodable("binary", "more than 5% control characters")
        return Decoded(text, "utf-8")
    if utf8_error.reason == "unexpected end of data" and utf8_error.start >= len(data) - 3:
        # a UTF-8 file cut inside its last character: GB18030 would decode it into garbage
        try:
            data[: utf8_error.start].decode("utf-8")
            return Undecodable("undecodable", f"UTF-8 text truncated inside a character at byte {utf8_error.start}")
        except UnicodeDecodeError:
            pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        return Undecodable("undecodable", f"neither UTF-8 (byte {utf8_error.start}) nor GB18030 (byte {exc.start})")
    if not _looks_like_text(text):
        return Undecodable("undecodable", "not valid UTF-8 and GB18030 decoding gives no plausible text")
    return Decoded(text, "gb18030")
