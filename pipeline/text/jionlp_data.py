"""Data files shipped inside the installed ``jionlp`` package, read without importing it.

jionlp ships most dictionaries as ``dictionary/<name>.zip`` and unpacks ``<name>.txt`` beside it the
first time its own code uses one, so a fresh environment may hold only the zip: read either.
"""
from __future__ import annotations

import importlib.util
import zipfile
from functools import lru_cache
from pathlib import Path


def _package_dictionary(package: str) -> Path | None:
    """``<package>/dictionary`` of an installed package, located without importing it (importing
    jionlp prints a banner, importing jiojio loads its models)."""
    try:
        spec = importlib.util.find_spec(package)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).resolve().parent / "dictionary"


def dictionary_dir() -> Path | None:
    return _package_dictionary("jionlp")


def dictionary_source(name: str) -> Path | None:
    """The file ``dictionary_lines(name)`` reads (the ``.txt`` or else the ``.zip``), or None."""
    base = dictionary_dir()
    if base is None:
        return None
    txt = base / f"{name}.txt"
    return txt if txt.is_file() else base / f"{name}.zip"


@lru_cache(maxsize=16)
def dictionary_lines(name: str) -> tuple[str, ...]:
    """Lines of jionlp's ``dictionary/<name>.txt`` (or of the ``.txt`` inside ``<name>.zip``); () if absent."""
    base = dictionary_dir()
    if base is None:
        return ()
    txt = base / f"{name}.txt"
    try:
        if txt.is_file():
            return tuple(txt.read_text(encoding="utf-8").splitlines())
        with zipfile.ZipFile(base / f"{name}.zip") as z:
            member = next(n for n in sorted(z.namelist()) if n.endswith(".txt"))
            return tuple(z.read(member).decode("utf-8").splitlines())
    except (OSError, StopIteration, zipfile.BadZipFile, UnicodeDecodeError):
        return ()


def pos_dictionary_source(tag: str) -> Path | None:
    """jiojio's part-of-speech word list ``dictionary/<tag>.txt`` (jiojio ships with jionlp), or None."""
    base = _package_dictionary("jiojio")
    path = base / f"{tag}.txt" if base is not None else None
    return path if path is not None and path.is_file() else None


@lru_cache(maxsize=32)  # (the callers ask for about a dozen tag sets: no call should read the files twice)
def pos_words(tags: tuple[str, ...], min_share: float = 0.9) -> frozenset[str]:
    """Words that jiojio's dictionaries give one of ``tags`` as their main part of speech in at least
    ``min_share`` of their corpus uses (lines ``word<TAB>share<TAB>count``); empty if absent."""
    out: set[str] = set()
    for tag in tags:
        path = pos_dictionary_source(tag)
        if path is None:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            parts = line.split("\t")
            try:
                if len(parts) >= 2 and parts[0] and float(parts[1]) >= min_share:
                    out.add(parts[0])
            except ValueError:
                continue
    return frozenset(out)
