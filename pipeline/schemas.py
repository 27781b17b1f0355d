"""One home for each table's schema: the Arrow types of the contract and a pandera model.

``schemas/*.json`` (for analysts and other tools) are generated from here by
``uv run pipeline schemas``; a test keeps them in sync.
"""
from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import yaml
from pandera.typing import Series

from pipeline.text.model import BOUNDS, ENTITY_TYPES, PLACE_LEVELS, REPAIR_KINDS, SEGMENT_KINDS

CONTRACT_VERSION = "1.0"
REJECT_REASONS = ("empty", "binary", "undecodable", "too_large", "duplicate", "unreadable")

S, I32, I64, F64, B, D = (pa_arrow.string(), pa_arrow.int32(), pa_arrow.int64(), pa_arrow.float64(),
                          pa_arrow.bool_(), pa_arrow.date32())
L = pa_arrow.list_(pa_arrow.string())

# name -> [(column, arrow type, nullable)] in contract order; extra columns may follow
ARROW: dict[str, list[tuple[str, pa_arrow.DataType, bool]]] = {
    "documents": [("doc_id", S, False), ("source_path", S, False), ("sha256", S, False), ("n_bytes", I64, False),
                  ("n_chars", I64, False), ("encoding", S, False), ("publication", S, True),
                  ("published_date", D, True), ("n_articles", I32, False)],
    "segments": [("doc_id", S, False), ("seq", I32, False), ("kind", S, False), ("article_id", S, True),
                 ("raw_start", I64, False), ("raw_end", I64, False), ("text", S, False)],
    "articles": [("article_id", S, False), ("doc_id", S, False), ("seq", I32, False), ("headline", S, False),
                 ("subheadline", S, True), ("reporters", L, False), ("correspondents", L, False),
                 ("editors", L, False), ("publication", S, True), ("published_date", D, True), ("body", S, False),
                 ("raw_start", I64, False), ("raw_end", I64, False), ("body_sha256", S, False),
                 ("n_repairs", I32, False)],
    "repairs": [("repair_id", S, False), ("doc_id", S, False), ("article_id", S, True), ("kind", S, False),
                ("raw_start", I64, False), ("raw_end", I64, False), ("before", S, False), ("after", S, False),
                ("rule", S, False), ("confidence", F64, False), ("applied", B, False)],
    "entities": [("entity_id", S, False), ("type", S, False), ("name", S, False), ("aliases", L, False),
                 ("level", S, True), ("parent_id", S, True), ("admin_code", S, True), ("titles", L, False),
                 ("n_mentions", I32, False)],
    "mentions": [("mention_id", S, False), ("entity_id", S, False), ("article_id", S, False), ("doc_id", S, False),
                 ("type", S, False), ("surface", S, False), ("start", I64, False), ("end", I64, False),
                 ("raw_start", I64, False), ("raw_end", I64, False), ("role", S, True)],
    "metrics": [("metric_id", S, False), ("article_id", S, False), ("doc_id", S, False), ("surface", S, False),
                ("value", F64, False), ("value_high", F64, True), ("unit", S, False), ("bound", S, False),
                ("subject", S, True), ("start", I64, False), ("end", I64, False), ("raw_start", I64, False),
                ("raw_end", I64, False), ("sentence", S, False)],
    "lineage": [("article_id", S, False), ("step_no", I32, False), ("step", S, False), ("step_version", S, False),
                ("input_sha256", S, False), ("output_sha256", S, False), ("n_changes", I32, False)],
    "rejects": [("source_path", S, False), ("sha256", S, True), ("reason", S, False), ("detail", S, False)],
}
TABLES = tuple(ARROW)
SORT_KEYS = {
    "documents": ["source_path"], "segments": ["doc_id", "seq"], "articles": ["article_id"],
    "repairs": ["repair_id"], "entities": ["entity_id"], "mentions": ["mention_id"], "metrics": ["metric_id"],
    "lineage": ["article_id", "step_no"], "rejects": ["source_path"],
}


def arrow_schema(table: str) -> pa_arrow.Schema:
    return pa_arrow.schema([pa_arrow.field(n, t, nullable=nl) for n, t, nl in ARROW[table]])


HEX64 = r"^[0-9a-f]{64}$"
DOC_ID = r"^[0-9a-f]{16}$"
ARTICLE_ID = r"^[0-9a-f]{16}-\d{3}$"


def _lists_of_str(series: pd.Series) -> bool:
    values = series.tolist()
    return all(v is not None for v in values) and all(isinstance(x, str) for v in values for x in v)


class DocumentsModel(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID, unique=True)
    source_path: Series[str] = pa.Field(unique=True)
    sha256: Series[str] = pa.Field(str_matches=HEX64, unique=True)
    n_bytes: Series[np.int64] = pa.Field(gt=0)
    n_chars: Series[np.int64] = pa.Field(ge=0)
    encoding: Series[str] = pa.Field(isin=["utf-8", "utf-8-sig", "gb18030"])
    publication: Series[str] = pa.Field(nullable=True)
    published_date: Series[object] = pa.Field(nullable=True)
    n_articles: Series[np.int32] = pa.Field(ge=0)

    @pa.dataframe_check(error="doc_id is the first 16 hex of sha256")
    def doc_id_from_sha(cls, df: pd.DataFrame) -> bool:
        return bool((df["doc_id"] == df["sha256"].str[:16]).all())

    @pa.dataframe_check(error="source_path is relative and /-separated")
    def relative_paths(cls, df: pd.DataFrame) -> bool:
        return all(not p.startswith("/") and "\\" not in p and ".." not in p.split("/")
                   for p in df["source_path"].tolist())

    class Config:
        strict = True
        name = "documents"


class SegmentsModel(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID)
    seq: Series[np.int32] = pa.Field(ge=0)
    kind: Series[str] = pa.Field(isin=list(SEGMENT_KINDS))
    article_id: Series[str] = pa.Field(nullable=True, str_matches=ARTICLE_ID)
    raw_start: Series[np.int64] = pa.Field(ge=0)
    raw_end: Series[np.int64] = pa.Field(ge=0)
    text: Series[str]

    @pa.dataframe_check(error="the segments of each document tile its raw text with no gap or overlap")
    def tiles(cls, df: pd.DataFrame) -> bool:
        if df.empty:
            return True
        d = df.sort_values(["doc_id", "seq"])
        first = ~d["doc_id"].duplicated()
        prev_end = d["raw_end"].shift(1)
        ok_start = (first & (d["raw_start"] == 0)) | (~first & (d["raw_start"] == prev_end))
        ok_len = (d["raw_end"] - d["raw_start"]) == d["text"].str.len()
        return bool((ok_start & ok_len).all())

    @pa.dataframe_check(error="(doc_id, seq) is unique")
    def unique_seq(cls, df: pd.DataFrame) -> bool:
        return not df.duplicated(["doc_id", "seq"]).any()

    class Config:
        strict = True
        name = "segments"


class ArticlesModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(str_matches=ARTICLE_ID, unique=True)
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID)
    seq: Series[np.int32] = pa.Field(ge=1)
    headline: Series[str]
    subheadline: Series[str] = pa.Field(nullable=True)
    reporters: Series[object]
    correspondents: Series[object]
    editors: Series[object]
    publication: Series[str] = pa.Field(nullable=True)
    published_date: Series[object] = pa.Field(nullable=True)
    body: Series[str]
    raw_start: Series[np.int64] = pa.Field(ge=0)
    raw_end: Series[np.int64] = pa.Field(ge=0)
    body_sha256: Series[str] = pa.Field(str_matches=HEX64)
    n_repairs: Series[np.int32] = pa.Field(ge=0)

    @pa.dataframe_check(error="article_id is <doc_id>-<seq as 3 digits>")
    def article_ids(cls, df: pd.DataFrame) -> bool:
        return all(a == f"{d}-{s:03d}" for a, d, s in
                   zip(df["article_id"].tolist(), df["doc_id"].tolist(), df["seq"].tolist()))

    @pa.dataframe_check(error="body_sha256 is the sha256 of body")
    def body_hash(cls, df: pd.DataFrame) -> bool:
        return bool((df["body"].map(lambda b: hashlib.sha256(b.encode()).hexdigest()) == df["body_sha256"]).all())

    @pa.dataframe_check(error="credit lists hold strings")
    def credit_lists(cls, df: pd.DataFrame) -> bool:
        return all(_lists_of_str(df[c]) for c in ("reporters", "correspondents", "editors"))

    @pa.dataframe_check(error="raw_start <= raw_end")
    def span_order(cls, df: pd.DataFrame) -> bool:
        return bool((df["raw_start"] <= df["raw_end"]).all())

    class Config:
        strict = True
        name = "articles"


class RepairsModel(pa.DataFrameModel):
    repair_id: Series[str] = pa.Field(unique=True)
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID)
    article_id: Series[str] = pa.Field(nullable=True, str_matches=ARTICLE_ID)
    kind: Series[str] = pa.Field(isin=list(REPAIR_KINDS))
    raw_start: Series[np.int64] = pa.Field(ge=0)
    raw_end: Series[np.int64] = pa.Field(ge=0)
    before: Series[str]
    after: Series[str]
    rule: Series[str] = pa.Field(str_length={"min_value": 1})
    confidence: Series[float] = pa.Field(ge=0.0, le=1.0)
    applied: Series[bool]

    @pa.dataframe_check(error="before has the length of its raw span")
    def before_span(cls, df: pd.DataFrame) -> bool:
        return bool(((df["raw_end"] - df["raw_start"]) == df["before"].str.len()).all())

    @pa.dataframe_check(error="a repair changes something")
    def changes(cls, df: pd.DataFrame) -> bool:
        return bool((df["before"] != df["after"]).all())

    class Config:
        strict = True
        name = "repairs"


class EntitiesModel(pa.DataFrameModel):
    entity_id: Series[str] = pa.Field(unique=True)
    type: Series[str] = pa.Field(isin=list(ENTITY_TYPES))
    name: Series[str] = pa.Field(str_length={"min_value": 1})
    aliases: Series[object]
    level: Series[str] = pa.Field(nullable=True, isin=list(PLACE_LEVELS))
    parent_id: Series[str] = pa.Field(nullable=True)
    admin_code: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{6}$")
    titles: Series[object]
    n_mentions: Series[np.int32] = pa.Field(ge=0)

    @pa.dataframe_check(error="only places have a level, a parent or an admin_code")
    def place_fields(cls, df: pd.DataFrame) -> bool:
        other = df["type"] != "PLACE"
        return bool(df.loc[other, ["level", "admin_code"]].isna().all(axis=None))

    @pa.dataframe_check(error="parent_id names an entity")
    def parents_exist(cls, df: pd.DataFrame) -> bool:
        ids = set(df["entity_id"].tolist())
        return all(p in ids for p in df["parent_id"].dropna().tolist())

    @pa.dataframe_check(error="aliases and titles hold strings; no alias repeats the name")
    def lists(cls, df: pd.DataFrame) -> bool:
        no_self = all(name not in list(aliases) for name, aliases in zip(df["name"].tolist(), df["aliases"].tolist())
                      if aliases is not None and len(aliases))
        return _lists_of_str(df["aliases"]) and _lists_of_str(df["titles"]) and no_self

    class Config:
        strict = True
        name = "entities"


class MentionsModel(pa.DataFrameModel):
    mention_id: Series[str] = pa.Field(unique=True)
    entity_id: Series[str]
    article_id: Series[str] = pa.Field(str_matches=ARTICLE_ID)
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID)
    type: Series[str] = pa.Field(isin=list(ENTITY_TYPES))
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    start: Series[np.int64] = pa.Field(ge=0)
    end: Series[np.int64] = pa.Field(ge=0)
    raw_start: Series[np.int64] = pa.Field(ge=0)
    raw_end: Series[np.int64] = pa.Field(ge=0)
    role: Series[str] = pa.Field(nullable=True)

    @pa.dataframe_check(error="end - start == len(surface) and raw_start < raw_end")
    def spans(cls, df: pd.DataFrame) -> bool:
        return bool((((df["end"] - df["start"]) == df["surface"].str.len())
                     & (df["raw_start"] < df["raw_end"])).all())

    class Config:
        strict = True
        name = "mentions"


class MetricsModel(pa.DataFrameModel):
    metric_id: Series[str] = pa.Field(unique=True)
    article_id: Series[str] = pa.Field(str_matches=ARTICLE_ID)
    doc_id: Series[str] = pa.Field(str_matches=DOC_ID)
    surface: Series[str] = pa.Field(str_length={"min_value": 1})
    value: Series[float] = pa.Field(nullable=False)  # may be negative (零下7℃)
    value_high: Series[float] = pa.Field(nullable=True)
    unit: Series[str] = pa.Field(str_length={"min_value": 1})
    bound: Series[str] = pa.Field(isin=list(BOUNDS))
    subject: Series[str] = pa.Field(nullable=True)
    start: Series[np.int64] = pa.Field(ge=0)
    end: Series[np.int64] = pa.Field(ge=0)
    raw_start: Series[np.int64] = pa.Field(ge=0)
    raw_end: Series[np.int64] = pa.Field(ge=0)
    sentence: Series[str]

    @pa.dataframe_check(error="end - start == len(surface); a range's high end is above its low end")
    def spans(cls, df: pd.DataFrame) -> bool:
        high_ok = df["value_high"].isna() | (df["value_high"] >= df["value"])
        return bool((((df["end"] - df["start"]) == df["surface"].str.len()) & high_ok).all())

    @pa.dataframe_check(error="the surface occurs in its sentence")
    def in_sentence(cls, df: pd.DataFrame) -> bool:
        return all(s in sent for s, sent in zip(df["surface"], df["sentence"]))

    class Config:
        strict = True
        name = "metrics"


class LineageModel(pa.DataFrameModel):
    article_id: Series[str] = pa.Field(str_matches=ARTICLE_ID)
    step_no: Series[np.int32] = pa.Field(ge=1)
    step: Series[str] = pa.Field(str_length={"min_value": 1})
    step_version: Series[str] = pa.Field(str_length={"min_value": 1})
    input_sha256: Series[str] = pa.Field(str_matches=HEX64)
    output_sha256: Series[str] = pa.Field(str_matches=HEX64)
    n_changes: Series[np.int32] = pa.Field(ge=0)

    @pa.dataframe_check(error="each step's output is the next step's input")
    def chained(cls, df: pd.DataFrame) -> bool:
        d = df.sort_values(["article_id", "step_no"])
        same = d["article_id"] == d["article_id"].shift(-1)
        return bool((~same | (d["output_sha256"] == d["input_sha256"].shift(-1))).all())

    class Config:
        strict = True
        name = "lineage"


class RejectsModel(pa.DataFrameModel):
    source_path: Series[str] = pa.Field(unique=True)
    sha256: Series[str] = pa.Field(nullable=True, str_matches=HEX64)
    reason: Series[str] = pa.Field(isin=list(REJECT_REASONS))
    detail: Series[str] = pa.Field(str_length={"min_value": 1})

    class Config:
        strict = True
        name = "rejects"


MODELS: dict[str, type[pa.DataFrameModel]] = {
    "documents": DocumentsModel, "segments": SegmentsModel, "articles": ArticlesModel,
    "repairs": RepairsModel, "entities": EntitiesModel, "mentions": MentionsModel,
    "metrics": MetricsModel, "lineage": LineageModel, "rejects": RejectsModel,
}


def schema_document(table: str) -> dict:
    """The JSON description of one table: contract Arrow types plus the pandera checks."""
    schema = MODELS[table].to_schema()
    with warnings.catch_warnings():  # table-level checks are listed by name below instead
        warnings.simplefilter("ignore", UserWarning)
        pandera_schema = yaml.safe_load(schema.to_yaml())
    pandera_schema["table_checks"] = [{"name": c.name, "error": c.error} for c in schema.checks]
    return {
        "table": table,
        "contract_version": CONTRACT_VERSION,
        "file": f"datasets/{table}.parquet",
        "sort_key": SORT_KEYS[table],
        "columns": [{"name": n, "arrow_type": str(t), "nullable": nl} for n, t, nl in ARROW[table]],
        "pandera": pandera_schema,
    }


def render_schema_files() -> dict[str, str]:
    """File name -> text of every file under ``schemas/``."""
    return {f"{t}.json": json.dumps(schema_document(t), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
            for t in TABLES}


def write_schema_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schema_files().items():
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
