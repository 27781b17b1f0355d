"""Pickled snapshots of the read-only structures the text core builds from its data files.

Building the gazetteer automaton, the tagger lexicon or the character statistics from their
source files takes seconds; unpickling the built structure takes a fraction of that. A snapshot is
keyed by the sha256 of everything it was built from (the source files and the module that builds
it), so an edited file or module builds afresh. Snapshots are a cache only: with no folder set
(the default, e.g. in unit tests) or on any read error the structure is simply built.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_config: dict[str, Path | None] = {"dir": None}
_lock = threading.RLock()  # loaders may call other loaders while building


def set_dir(folder: Path | None) -> None:
    """Folder for snapshot files (None: never read or write snapshots)."""
    _config["dir"] = folder


def get_dir() -> Path | None:
    return _config["dir"]


def source_key(name: str, sources: Iterable[Path | None]) -> str:
    """sha256 over the snapshot name, the Python version and the bytes of each source file."""
    h = hashlib.sha256(f"{name}\0{sys.version_info[:2]}\0".encode())
    for src in sources:
        if src is None:
            h.update(b"\0missing")
            continue
        try:
            with open(src, "rb") as fh:
                h.update(hashlib.file_digest(fh, "sha256").digest())
        except OSError:
            h.update(b"\0unreadable")
    return h.hexdigest()[:24]


def load_or_build(name: str, sources: Iterable[Path | None], build: Callable[[], T]) -> T:
    """The snapshot of ``build()`` for these sources, from disk when it exists, else built (and
    written when a folder is set)."""
    folder = get_dir()
    if folder is None:
        return build()
    path = folder / f"{name}-{source_key(name, sources)}.pkl"
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=5)
        os.replace(tmp, path)  # atomic: a killed build never leaves a half-written snapshot
        for old in folder.glob(f"{name}-*.pkl"):  # snapshots of older sources are never read again
            if old != path and len(old.stem) == len(path.stem):
                old.unlink(missing_ok=True)
    except (OSError, pickle.PicklingError, TypeError):
        pass  # a snapshot that cannot be written only costs time
    return value


def snapshot(name: str, sources: Callable[[], Iterable[Path | None]]) -> Callable[[Callable[[], T]], Callable[[], T]]:
    """Decorator for a zero-argument loader: built (or unpickled) once per process.

    ``sources()`` lists the files the loader reads; the loader's own module is added to the key.
    """
    def wrap(fn: Callable[[], T]) -> Callable[[], T]:
        module_file = Path(sys.modules[fn.__module__].__file__ or "")
        memo: dict[str, T] = {}

        @wraps(fn)
        def loader() -> T:
            with _lock:
                if "v" not in memo:
                    memo["v"] = load_or_build(name, [module_file, *sources()], fn)
                return memo["v"]

        return loader

    return wrap
