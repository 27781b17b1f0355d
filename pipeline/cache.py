"""Content-addressed cache of per-page results: key = page sha256 + fingerprint of the code and data.

A rerun after adding or changing one page redoes only that page's per-page work; any change to
the text core, its data files or the installed packages whose data it reads (jionlp, jiojio) changes
the fingerprint and so invalidates every entry.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from importlib import metadata
from pathlib import Path

from pipeline.process import PROCESS_VERSION, DocResult

_PACKAGE = Path(__file__).resolve().parent
DATA_PACKAGES = ("jionlp", "jiojio", "cn2an", "python-crfsuite")


def _fingerprint() -> str:
    """sha256 over the per-page code and the data files it reads."""
    h = hashlib.sha256(PROCESS_VERSION.encode())
    files = sorted(list((_PACKAGE / "text").rglob("*.py")) + [_PACKAGE / n for n in ("process.py", "hashing.py")]
                   + [p for p in (_PACKAGE / "data").rglob("*") if p.is_file()]
                   + [p for p in (_PACKAGE.parent / "models").rglob("*") if p.is_file()])
    for f in files:
        h.update(f.relative_to(_PACKAGE.parent).as_posix().encode())
        h.update(hashlib.sha256(f.read_bytes()).digest())
    for dist in DATA_PACKAGES:  # installed packages whose word lists and gazetteer the text code reads
        try:
            h.update(f"{dist}=={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{dist} missing".encode())
    return h.hexdigest()[:16]


# Taken once, right after the per-page code was imported (above): the key then describes the code
# this process runs, even if the files change on disk while it runs.
_FINGERPRINT = _fingerprint()


def code_fingerprint() -> str:
    return _FINGERPRINT


class PageCache:
    """Page results on disk under the code fingerprint; ``memory`` (a long-running process's dict,
    see :mod:`pipeline.incremental`) is looked up first and filled on every get and put."""

    def __init__(self, folder: Path | None, memory: dict[str, DocResult] | None = None):
        self.folder = folder / code_fingerprint() if folder else None
        self.memory = memory
        self.hits = 0
        self.misses = 0

    def _path(self, sha256: str) -> Path:
        assert self.folder is not None
        return self.folder / sha256[:2] / f"{sha256}.pkl"

    def get(self, sha256: str) -> DocResult | None:
        if self.memory is not None and sha256 in self.memory:
            self.hits += 1
            return self.memory[sha256]
        value = self._read(sha256)
        if value is not None and self.memory is not None:
            self.memory[sha256] = value
        return value

    def _read(self, sha256: str) -> DocResult | None:
        if self.folder is None:
            self.misses += 1
            return None
        try:
            with open(self._path(sha256), "rb") as fh:
                value = pickle.load(fh)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            self.misses += 1
            return None
        self.hits += 1
        return value

    def put(self, sha256: str, value: DocResult) -> None:
        if self.memory is not None:
            self.memory[sha256] = value
        if self.folder is None:
            return
        path = self._path(sha256)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=5)
            os.replace(tmp, path)  # atomic: a killed build never leaves a half-written entry
        except OSError:
            pass  # a cache that cannot be written only costs time
