"""Encoding detection and reject reasons (bytes → raw text)."""
from hypothesis import given
from hypothesis import strategies as st

from pipeline.text.decode import Decoded, Undecodable, decode_bytes

TEXT = "株洲日报记者 胡乐\n石峰区推进美丽社区建设，1100余户居民受益。\n"


def test_utf8():
    r = decode_bytes(TEXT.encode("utf-8"))
    assert r == Decoded(TEXT, "utf-8")


def test_utf8_bom_is_removed_and_nothing_else():
    r = decode_bytes(b"\xef\xbb\xbf" + TEXT.encode("utf-8"))
    assert isinstance(r, Decoded) and r.text == TEXT and r.encoding == "utf-8-sig"


def test_gb18030_and_gbk():
    for enc in ("gb18030", "gbk"):
        r = decode_bytes(TEXT.encode(enc))
        assert isinstance(r, Decoded), enc
        assert r.text == TEXT and r.encoding == "gb18030"


def test_crlf_kept():
    raw = TEXT.replace("\n", "\r\n")
    r = decode_bytes(raw.encode("utf-8"))
    assert isinstance(r, Decoded) and r.text == raw


def test_empty_and_whitespace_only():
    assert decode_bytes(b"").reason == "empty"
    assert decode_bytes(b" \r\n\t\n").reason == "empty"


def test_binary():
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    assert decode_bytes(png).reason == "binary"
    assert decode_bytes("正文".encode() + b"\x00\x01\x02").reason == "binary"


def test_utf8_truncated_mid_character_is_undecodable_not_garbage():
    data = "石峰区".encode()[:-1]  # the last 3-byte character loses its final byte
    r = decode_bytes(data)
    assert isinstance(r, Undecodable) and r.reason == "undecodable" and "truncated" in r.detail


def test_random_bytes_are_rejected_or_plausible():
    import random

    rng = random.Random(7)
    data = bytes(rng.randrange(128, 256) for _ in range(4000))
    r = decode_bytes(data)
    assert isinstance(r, Undecodable)


@given(st.binary(max_size=300))
def test_never_raises(data):
    r = decode_bytes(data)
    assert isinstance(r, (Decoded, Undecodable))
    if isinstance(r, Decoded):
        assert not r.text.startswith("\ufeff") or r.encoding != "utf-8-sig"


@given(st.text(max_size=200).filter(lambda s: s.strip() and "\x00" not in s))
def test_utf8_roundtrip(text):
    r = decode_bytes(text.encode("utf-8"))
    if isinstance(r, Decoded):
        assert r.text == text.removeprefix("\ufeff") if r.encoding == "utf-8-sig" else r.text == text
    else:
        assert r.reason in ("binary", "empty")
