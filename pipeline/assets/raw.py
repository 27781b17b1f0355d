"""raw layer: find, hash and decode the input pages."""

from collections import Counter

import dagster as dg

from pipeline.assets.out import table_output, table_outs
from pipeline.assets.preview import md_table
from pipeline.assets.resources import PipelinePaths
from pipeline.ingest import read_inputs
from pipeline.process import reject_rows
from pipeline.publish import to_table
from pipeline.settings import progress


@dg.multi_asset(
    name="raw_pages",
    outs={
        "raw_pages": dg.AssetOut(
            group_name="raw", kinds={"python", "file"},
            description="Every *.txt under the input folder, hashed and decoded (UTF-8, UTF-8 BOM, GB18030); "
            "unusable files become rejects with a reason (the rejects table is materialized in the same step)."),
        **table_outs(("rejects",)),
    },
)
def raw_pages(context: dg.AssetExecutionContext, paths: PipelinePaths):
    root = paths.seeds()
    docs, rejects = read_inputs(root)
    inputs = [{"path": d.source_path, "sha256": d.sha256} for d in docs] + \
        [{"path": r.source_path, "sha256": r.sha256} for r in rejects]
    encodings = Counter(d.encoding for d in docs)
    reasons = Counter(r.reason for r in rejects)
    progress("ingest", f"{len(docs)} documents, {len(rejects)} rejects from {root}")
    yield dg.Output(
        {"documents": docs, "rejects": rejects, "inputs": inputs}, output_name="raw_pages",
        metadata={
            "documents": len(docs),
            "rejects": len(rejects),
            "encodings": dg.MetadataValue.json(dict(sorted(encodings.items()))),
            "reject_reasons": dg.MetadataValue.json(dict(sorted(reasons.items()))),
            "preview": dg.MetadataValue.md(md_table(
                [{"source_path": d.source_path, "doc_id": d.doc_id, "encoding": d.encoding,
                  "n_bytes": d.n_bytes, "n_chars": len(d.text)} for d in docs]
                + [{"source_path": r.source_path, "doc_id": None, "encoding": f"REJECT {r.reason}",
                    "n_bytes": None, "n_chars": None} for r in rejects], limit=20)),
        },
    )
    yield table_output("rejects", to_table("rejects", reject_rows(rejects)))
