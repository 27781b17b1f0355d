"""Whole-page properties over arbitrary Unicode: per-page processing never raises, segments tile,
every body/raw offset maps, lineage chains."""
import hashlib
import itertools

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pipeline.ingest import Document
from pipeline.process import process_document

LINE = st.one_of(
    st.text(max_size=80),
    st.text(alphabet="株洲日报记者通讯员石峰区学林街道社区居民万元余多近约，。、：:,()（）“”0123456789 \u3000\u00a0\t",
            max_size=60),
    st.sampled_from(["", "\r", "# 1", "## ——纪实", "▲图为现场", "通讯员供图", "上一篇:", "株洲日报记者 王娜 通讯员/刘敏",
                     "。。。。！！？？", "………", "x" * 500]),
)
PAGE = st.lists(LINE, max_size=25).map(lambda lines: "\n".join(lines))


def doc(text: str, path: str = "p.txt") -> Document:
    data = text.encode("utf-8")
    sha = hashlib.sha256(data).hexdigest()
    return Document(sha[:16], path, sha, len(data), "utf-8", text)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_page_processing_invariants(text):
    r = process_document(doc(text))
    pos = 0
    for s in r.segments:
        assert s["raw_start"] == pos and text[s["raw_start"]:s["raw_end"]] == s["text"]
        pos = s["raw_end"]
    assert pos == len(text)
    bodies = {a["article_id"]: a["body"] for a in r.articles}
    for a in r.articles:
        assert hashlib.sha256(a["body"].encode("utf-8")).hexdigest() == a["body_sha256"]
        assert 0 <= a["raw_start"] <= a["raw_end"] <= len(text)
    for row in r.mentions + r.metrics:
        body = bodies[row["article_id"]]
        assert body[row["start"]:row["end"]] == row["surface"]
        assert 0 <= row["raw_start"] <= row["raw_end"] <= len(text)
    for x in r.repairs:
        assert text[x["raw_start"]:x["raw_end"]] == x["before"]
        assert 0.0 <= x["confidence"] <= 1.0
    chains: dict[str, list[dict]] = {}
    for step in r.lineage:
        chains.setdefault(step["article_id"], []).append(step)
    for a in r.articles:
        chain = chains[a["article_id"]]
        assert chain[0]["input_sha256"] == r.document["sha256"]
        assert chain[-1]["output_sha256"] == a["body_sha256"]
        assert all(x["output_sha256"] == y["input_sha256"] for x, y in itertools.pairwise(chain))


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["，", "。", "！", "、", "\n", " ", "…", "—"]), st.integers(1, 5000))
def test_pages_of_only_punctuation_or_one_long_line(ch, n):
    text = ch * n
    r = process_document(doc(text))
    assert sum(s["raw_end"] - s["raw_start"] for s in r.segments) == len(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PAGE)
def test_any_page_passes_the_blocking_table_checks(text):
    """Whatever a page holds, its rows pass the pandera checks that guard publishing."""
    assume(text)  # an empty file is a reject (ingest), never a document
    from pipeline.assets.checks import validate
    from pipeline.publish import to_table

    r = process_document(doc(text))
    tables = {"documents": [r.document], "segments": r.segments, "articles": r.articles, "repairs": r.repairs,
              "lineage": r.lineage, "metrics": r.metrics,
              "mentions": [{**m, "entity_id": f"E{k}"} for k, m in enumerate(r.mentions)]}
    for name, rows in tables.items():
        ok, failures = validate(name, to_table(name, rows))
        assert ok, (name, failures)


NAMED = st.lists(st.sampled_from([
    "株洲日报记者 王娜 通讯员/刘敏", "荷塘区月塘街道泰山社区主任李明说，", "石峰区学林街道", "市发改委、市财政局",
    "株洲市荷塘区", "长沙", "湘潭县", "香港", "家住天元区的张女士", "区人社局联合区总工会", "副市长王强、刘芳",
    "投入资金1.2亿元，", "惠及1100余户居民。", "零下3～5℃", "（以下简称市住建局）", "市住房城乡建设局",
]), max_size=12).map("".join)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(PAGE, NAMED.map(lambda s: "标题\n\n" + s)), min_size=1, max_size=4))
def test_any_pages_pass_every_blocking_check_together(texts):
    """Several pages resolved together: the entity and mention tables pass their checks too, and
    every mention names an entity of its type."""
    from pipeline.assets.checks import bad_mentions, bad_metrics, validate
    from pipeline.process import combine, resolve_entities
    from pipeline.publish import to_table

    texts = list(dict.fromkeys(t for t in texts if t))
    assume(texts)
    results = [process_document(doc(t, f"p{i}.txt")) for i, t in enumerate(texts)]
    rows, pages = combine(results)
    entities, mentions = resolve_entities(pages)
    tables = {name: to_table(name, r) for name, r in rows.items()}
    tables["entities"], tables["mentions"] = to_table("entities", entities), to_table("mentions", mentions)
    for name, tbl in tables.items():
        ok, failures = validate(name, tbl)
        assert ok, (name, failures)
    assert not bad_mentions(tables["mentions"], tables["entities"], tables["articles"])
    assert not bad_metrics(tables["metrics"], tables["articles"])
