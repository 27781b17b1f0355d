"""Rows → Arrow tables with the contract's exact types, and the atomic, deterministic publish."""
from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import fcntl
import hashlib
import json
import os
import shutil
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import __version__
from pipeline.schemas import CONTRACT_VERSION, SORT_KEYS, TABLES, arrow_schema

PARQUET_THREADS = 4  # the nine files are encoded side by side; each file's bytes do not depend on it


class PublishError(Exception):
    """The dataset could not be published (lock held, folder unusable)."""


def to_table(name: str, rows: list[dict]) -> pa.Table:
    """Rows as an Arrow table of the contract schema, sorted by the table's key (nulls last;
    strings by code point, which is their UTF-8 byte order; a stable sort)."""
    schema = arrow_schema(name)
    table = pa.Table.from_pylist(rows, schema=schema) if rows else schema.empty_table()
    keys = [(k, "ascending", "at_end") for k in SORT_KEYS[name]]
    return table.sort_by(keys) if table.num_rows > 1 else table


def parquet_bytes(table: pa.Table) -> bytes:
    """The table as Parquet with fixed writer settings (same table → same bytes)."""
    sink = pa.BufferOutputStream()
    pq.write_table(table.replace_schema_metadata(None), sink, compression="zstd", compression_level=3,
                   use_dictionary=True, write_statistics=True, row_group_size=1 << 20,
                   data_page_version="2.0", version="2.6")
    return sink.getvalue().to_pybytes()


def manifest(tables: dict[str, bytes], rows: dict[str, int], inputs: list[dict]) -> dict:
    listed = {f"{n}.parquet": {"rows": rows[n], "bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
              for n, data in sorted(tables.items())}
    digest = hashlib.sha256("".join(f"{n}:{v['sha256']}\n" for n, v in listed.items()).encode()).hexdigest()
    return {
        "contract_version": CONTRACT_VERSION,
        "pipeline_version": __version__,
        "inputs": sorted(inputs, key=lambda x: x["path"]),
        "tables": listed,
        "dataset_sha256": digest,
    }


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2 RENAME_EXCHANGE); False where unsupported."""
    libc_name = ctypes.util.find_library("c")
    if not libc_name:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    fn = getattr(libc, "renameat2", None)
    if fn is None:
        return False
    at_fdcwd, rename_exchange = -100, 2
    if fn(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.EXDEV, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), f"cannot swap {a} and {b}")


@contextlib.contextmanager
def build_lock(out: Path, timeout: float | None = None):
    """One publisher per output folder at a time; a second one waits, then fails clearly."""
    timeout = float(os.environ.get("PIPELINE_LOCK_TIMEOUT", "600")) if timeout is None else timeout
    out.parent.mkdir(parents=True, exist_ok=True)
    lock_path = out.parent / f".{out.name}.lock"
    with open(lock_path, "a+") as handle:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise PublishError(f"another build is publishing to {out} (lock {lock_path} held "
                                       f"for over {timeout:.0f} s)") from None
                time.sleep(0.2)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _clean_stale(out: Path) -> None:
    for stale in out.parent.glob(f".{out.name}.tmp-*"):
        shutil.rmtree(stale, ignore_errors=True)


def publish(out: Path, tables: dict[str, pa.Table], inputs: list[dict]) -> dict:
    """Write every table and manifest.json to a temporary folder, then swap it in atomically."""
    missing = [t for t in TABLES if t not in tables]
    if missing:
        raise PublishError(f"tables missing from the build: {', '.join(missing)}")
    out = out.absolute()
    with ThreadPoolExecutor(max_workers=PARQUET_THREADS) as pool:  # pyarrow writes without the GIL
        data = dict(zip(TABLES, pool.map(lambda name: parquet_bytes(tables[name]), TABLES)))
    man = manifest(data, {n: tables[n].num_rows for n in TABLES}, inputs)
    with build_lock(out):
        _clean_stale(out)
        tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.tmp-", dir=out.parent))
        delay = float(os.environ.get("PIPELINE_PUBLISH_DELAY", "0") or 0)  # crash tests widen the window
        for name, blob in data.items():
            (tmp / f"{name}.parquet").write_bytes(blob)
            if delay:
                time.sleep(delay)
        (tmp / "manifest.json").write_text(json.dumps(man, ensure_ascii=False, indent=2, sort_keys=True) + "\n",
                                           encoding="utf-8")
        for f in tmp.iterdir():
            with open(f, "rb") as fh:
                os.fsync(fh.fileno())
        os.chmod(tmp, 0o755)
        if out.is_dir() and _exchange(tmp, out):
            shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the previous dataset
        else:
            if out.exists():
                old = out.parent / f".{out.name}.tmp-old-{os.getpid()}"
                os.replace(out, old)
                os.replace(tmp, out)
                shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, out)
    return man
