"""Asset checks: one blocking pandera check per table (from its model), plus non-blocking quality checks."""

import dagster as dg
import pandas as pd
import pandera.pandas as pa
import pyarrow as pa_arrow
import pyarrow.compute as pc

from pipeline import incremental
from pipeline.assets.preview import md_table
from pipeline.schemas import MODELS, SORT_KEYS, TABLES

LOW_CONFIDENCE = 0.5


def validate(table: str, tbl: pa_arrow.Table) -> tuple[bool, pd.DataFrame | None]:
    """Run the table's pandera model; returns (passed, failure cases)."""
    df = tbl.to_pandas()
    try:
        MODELS[table].validate(df, lazy=True)
    except pa.errors.SchemaErrors as exc:
        return False, exc.failure_cases
    except pa.errors.SchemaError as exc:
        return False, pd.DataFrame([{"check": str(exc.check), "failure_case": str(exc)[:300]}])
    return True, None


def schema_result(table: str, tbl: pa_arrow.Table) -> dg.AssetCheckResult:
    """The table's pandera check. In a long-running process (`pipeline watch`) the rows of pages that
    passed in an earlier build are not validated again (their checks hold row by row or within one
    page, and the rows of a page never change), only the key's uniqueness over the whole table."""
    warm = incremental.state()
    todo, before = warm.tables.unvalidated(table, tbl) if warm else (tbl, 0)
    passed, failures = validate(table, todo)
    metadata: dict = {"rows": tbl.num_rows}
    if before:
        dups = incremental.duplicate_keys(table, tbl)
        metadata["rows_validated_before"] = before
        if dups and passed:
            passed, failures = False, pd.DataFrame([{"check": f"unique key {SORT_KEYS[table]}",
                                                     "failure_case": f"{dups} rows repeat a key"}])
    if passed and warm:
        warm.tables.passed(table, tbl)
    if failures is not None:
        metadata["failures"] = len(failures)
        metadata["failure_cases"] = dg.MetadataValue.md(md_table(
            failures.astype(str).to_dict("records"), limit=20))
    return dg.AssetCheckResult(asset_key=f"out_{table}", check_name=f"{table}_schema", passed=passed,
                               severity=dg.AssetCheckSeverity.ERROR, metadata=metadata)


def low_confidence_result(tbl: pa_arrow.Table) -> dg.AssetCheckResult:
    mask = pc.or_(pc.invert(tbl.column("applied")), pc.less(tbl.column("confidence"), LOW_CONFIDENCE))
    rows = tbl.filter(mask).to_pylist()
    by_kind: dict[str, int] = {}
    for r in rows:
        by_kind[r["kind"]] = by_kind.get(r["kind"], 0) + 1
    return dg.AssetCheckResult(
        asset_key="out_repairs", check_name="low_confidence_repairs",
        passed=not rows,
        severity=dg.AssetCheckSeverity.WARN,
        metadata={
            "candidates": len(rows),
            "by_kind": dg.MetadataValue.json(dict(sorted(by_kind.items()))),
            "table": dg.MetadataValue.md(md_table(
                rows, ["repair_id", "kind", "before", "after", "rule", "confidence", "applied"], limit=50)),
        },
    )


def _bodies(articles: pa_arrow.Table) -> dict[str, str]:
    return dict(zip(articles.column("article_id").to_pylist(), articles.column("body").to_pylist()))


def bad_mentions(mentions: pa_arrow.Table, entities: pa_arrow.Table, articles: pa_arrow.Table) -> list[dict]:
    """Mention rows whose entity (of that type) or article is missing, or whose surface is not
    body[start:end]."""
    types = dict(zip(entities.column("entity_id").to_pylist(), entities.column("type").to_pylist()))
    bodies = _bodies(articles)
    cols = [mentions.column(c).to_pylist() for c in ("entity_id", "type", "article_id", "start", "end", "surface")]
    idx = [i for i, (eid, typ, aid, a, b, surf) in enumerate(zip(*cols))
           if types.get(eid) != typ or aid not in bodies or bodies[aid][a:b] != surf]
    return mentions.take(idx).to_pylist() if idx else []


def bad_metrics(metrics: pa_arrow.Table, articles: pa_arrow.Table) -> list[dict]:
    """Metric rows whose article is missing or whose surface is not body[start:end]."""
    bodies = _bodies(articles)
    cols = [metrics.column(c).to_pylist() for c in ("article_id", "start", "end", "surface")]
    idx = [i for i, (aid, a, b, surf) in enumerate(zip(*cols)) if aid not in bodies or bodies[aid][a:b] != surf]
    return metrics.take(idx).to_pylist() if idx else []


SPECS = [
    *(dg.AssetCheckSpec(
        f"{t}_schema", asset=f"out_{t}", blocking=True,
        description=f"pandera `{MODELS[t].__name__}`: types, enums, ids, spans and table rules of `{t}`. "
        "Blocking: a failure stops the dataset from being published.") for t in TABLES),
    dg.AssetCheckSpec(
        "low_confidence_repairs", asset="out_repairs", blocking=False,
        description="Repair candidates that were only proposed (applied=false) or applied with confidence "
        f"below {LOW_CONFIDENCE}: a table for an editor to review. Warns, never blocks."),
    dg.AssetCheckSpec(
        "mentions_reference_entities_and_articles", asset="out_mentions", blocking=True,
        additional_deps=["out_entities", "out_articles"],
        description="Every mention names an existing entity of its type and an existing article, and its "
        "surface is body[start:end] of that article."),
    dg.AssetCheckSpec(
        "metrics_match_bodies", asset="out_metrics", blocking=True, additional_deps=["out_articles"],
        description="Every metric's surface is body[start:end] of its article."),
]


@dg.multi_asset_check(
    specs=SPECS,
    name="dataset_checks",
    ins={f"out_{t}": dg.AssetIn(f"out_{t}") for t in TABLES},
)
def dataset_checks(context: dg.AssetCheckExecutionContext, **tables: pa_arrow.Table):
    """Every table check in one step (each still its own check in the UI): one pandera schema per
    table, the low-confidence repair review, and the cross-table references."""
    for t in TABLES:
        yield schema_result(t, tables[f"out_{t}"])
    yield low_confidence_result(tables["out_repairs"])
    bad = bad_mentions(tables["out_mentions"], tables["out_entities"], tables["out_articles"])
    yield dg.AssetCheckResult(
        asset_key="out_mentions", check_name="mentions_reference_entities_and_articles", passed=not bad,
        metadata={"bad_mentions": len(bad), "examples": dg.MetadataValue.md(
            md_table(bad, ["mention_id", "entity_id", "surface", "start", "end"]))})
    bad = bad_metrics(tables["out_metrics"], tables["out_articles"])
    yield dg.AssetCheckResult(
        asset_key="out_metrics", check_name="metrics_match_bodies", passed=not bad,
        metadata={"bad_metrics": len(bad), "examples": dg.MetadataValue.md(
            md_table(bad, ["metric_id", "surface", "start", "end"]))})


ALL_CHECKS = [dataset_checks]
