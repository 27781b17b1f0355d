"""Find input pages under a folder, read, hash and decode them; unusable files become rejects."""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from pipeline.text.decode import Decoded, decode_bytes

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class Document:
    doc_id: str
    source_path: str
    sha256: str
    n_bytes: int
    encoding: str
    text: str


@dataclass(frozen=True)
class Reject:
    source_path: str
    sha256: str | None
    reason: str
    detail: str


class InputError(Exception):
    """The input folder itself is unusable (missing, not a folder, nothing to read)."""


def max_bytes() -> int:
    value = os.environ.get("PIPELINE_MAX_BYTES", "")
    return int(value) if value.isdigit() else DEFAULT_MAX_BYTES


def discover(root: Path) -> list[Path]:
    """Every ``*.txt`` under ``root`` (any depth), sorted by relative path; symlinks are not followed."""
    if not root.exists():
        raise InputError(f"input folder {root} does not exist")
    if not root.is_dir():
        raise InputError(f"input folder {root} is not a folder")
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        dirnames.sort()
        for name in filenames:
            if name.lower().endswith(".txt"):
                found.append(Path(dirpath) / name)
    return [p for _, p in _by_name(root, found)]


def _by_name(root: Path, paths: list[Path]) -> list[tuple[str, Path]]:
    """(name relative to ``root``, /-separated; path), sorted by name (string work, not pathlib:
    it runs over every input of every build)."""
    prefix = str(root).rstrip(os.sep) + os.sep
    named = []
    for p in paths:
        s = str(p)
        rel = s[len(prefix):] if s.startswith(prefix) else p.relative_to(root).as_posix()
        named.append((rel.replace(os.sep, "/"), p))
    return sorted(named, key=lambda item: item[0])


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except (ValueError, OSError, RuntimeError):
        return False


def read_inputs(root: Path, paths: list[Path] | None = None,
                limit: int | None = None) -> tuple[list[Document], list[Reject]]:
    """Read and decode every input; the result does not depend on the order of ``paths``."""
    limit = max_bytes() if limit is None else limit
    paths = discover(root) if paths is None else paths
    docs: list[Document] = []
    rejects: list[Reject] = []
    kept: dict[str, str] = {}
    for rel, path in _by_name(root, paths):
        if path.is_symlink() and not _inside(path, root):
            rejects.append(Reject(rel, None, "unreadable", "symlink pointing outside the input folder (not followed)"))
            continue
        try:
            size = path.stat().st_size
            if size > limit:
                rejects.append(Reject(rel, None, "too_large", f"{size} bytes is over the limit of {limit} bytes"))
                continue
            data = path.read_bytes()
        except OSError as exc:
            rejects.append(Reject(rel, None, "unreadable", f"{type(exc).__name__}: {exc.strerror or exc}"))
            continue
        sha = hashlib.sha256(data).hexdigest()
        if sha in kept:
            rejects.append(Reject(rel, sha, "duplicate", f"same content as {kept[sha]} (kept)"))
            continue
        result = decode_bytes(data)
        if not isinstance(result, Decoded):
            rejects.append(Reject(rel, sha, result.reason, result.detail))
            continue
        kept[sha] = rel
        docs.append(Document(sha[:16], rel, sha, len(data), result.encoding, result.text))
    return docs, rejects
