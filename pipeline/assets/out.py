"""out layer: one asset per contract table (Arrow, exact types, fixed order) and the published dataset."""

import dagster as dg
import pyarrow as pa

from pipeline.assets.preview import md_table
from pipeline.assets.resources import PipelinePaths
from pipeline.publish import publish
from pipeline.schemas import TABLES
from pipeline.settings import progress

DESCRIPTIONS = {
    "documents": "One row per distinct input file content.",
    "segments": "Every character of every raw text, in exactly one segment.",
    "articles": "One row per story: headline, credits, the cleaned body and its raw span.",
    "repairs": "Every change cleanup made inside a paragraph, applied or only proposed.",
    "entities": "Resolved people, places and organizations, one row per real-world thing.",
    "mentions": "Each occurrence of an entity in an article body (body and raw offsets).",
    "metrics": "Each stated quantity, normalized (value, range, unit, bound, subject).",
    "lineage": "How each article's body was made, step by step, hash to hash.",
    "rejects": "Inputs that could not be processed, and why.",
}
PREVIEW_COLUMNS = {
    "documents": ["doc_id", "source_path", "encoding", "n_chars", "publication", "published_date", "n_articles"],
    "segments": ["doc_id", "seq", "kind", "article_id", "raw_start", "raw_end", "text"],
    "articles": ["article_id", "headline", "reporters", "published_date", "n_repairs", "body"],
    "repairs": ["article_id", "kind", "before", "after", "rule", "confidence", "applied"],
    "entities": ["entity_id", "type", "name", "aliases", "level", "admin_code", "titles", "n_mentions"],
    "mentions": ["article_id", "type", "surface", "start", "end", "raw_start", "role"],
    "metrics": ["article_id", "surface", "value", "value_high", "unit", "bound", "subject"],
    "lineage": ["article_id", "step_no", "step", "step_version", "n_changes", "output_sha256"],
    "rejects": ["source_path", "reason", "detail"],
}


def table_description(table: str) -> str:
    return f"`{table}` table of the contract. {DESCRIPTIONS[table]}"


def table_outs(tables) -> dict[str, dg.AssetOut]:
    """The ``out_<table>`` outputs of a multi-asset that materializes these contract tables."""
    return {f"out_{t}": dg.AssetOut(group_name="out", kinds={"python", "pyarrow"}, description=table_description(t))
            for t in tables}


def table_output(table: str, tbl: pa.Table) -> dg.Output:
    """The ``out_<table>`` output of a multi-asset, with the table's UI metadata."""
    return dg.Output(tbl, output_name=f"out_{table}", metadata=table_metadata(table, tbl))


def table_metadata(table: str, tbl: pa.Table) -> dict:
    """Row count and a preview of the first rows, for the UI."""
    return {
        "dagster/row_count": tbl.num_rows,
        "preview": dg.MetadataValue.md(md_table(tbl.slice(0, 10).to_pylist(), PREVIEW_COLUMNS[table])),
    }


@dg.asset(
    group_name="out",
    kinds={"parquet"},
    description="The published dataset: every table as Parquet plus manifest.json, written to a temporary "
    "folder and swapped in atomically. Runs only when every blocking table check passed.",
    ins={f"out_{t}": dg.AssetIn(f"out_{t}") for t in TABLES} | {"raw_pages": dg.AssetIn("raw_pages")},
)
def dataset(context: dg.AssetExecutionContext, paths: PipelinePaths, **tables) -> dg.MaterializeResult:
    raw = tables.pop("raw_pages")
    out = paths.datasets()
    man = publish(out, {name.removeprefix("out_"): t for name, t in tables.items()}, raw["inputs"])
    rows = {name.removesuffix(".parquet"): info["rows"] for name, info in man["tables"].items()}
    progress("publish", f"{out} dataset_sha256={man['dataset_sha256'][:16]}")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(out)),
        "dataset_sha256": man["dataset_sha256"],
        "contract_version": man["contract_version"],
        "rows": dg.MetadataValue.json(rows),
        "tables": dg.MetadataValue.md(md_table(
            [{"file": n, **info} for n, info in man["tables"].items()], ["file", "rows", "bytes", "sha256"],
            width=70)),
    })
