"""The sentence-level char 4-gram model (pipeline.text.charlm)."""
from __future__ import annotations

import math

from pipeline.text import charlm
from pipeline.text.charstats import BOS, EOS

TEXTS = ["今天天气很好。我们去公园散步。", "今天下雨了！我们在家看书。", "天气预报说明天很好。"]


def test_probabilities_of_a_small_model_sum_to_one():
    lm, lines = charlm.build(TEXTS, min_top=1)
    assert lines[0] == f"#charlm\t{charlm.ORDER}"
    chars = set("".join(TEXTS)) | {EOS}
    for history in (BOS * 3, "我们去", "今天天", "很好", "zz"):
        total = sum(lm.prob(history, ch) for ch in chars)
        assert 0.97 < total <= 1.0 + 1e-9, (history, total)
    # seen continuations beat unseen ones; a sentence end follows a final mark
    assert lm.prob("我们去", "公") > lm.prob("我们去", "看")
    assert lm.prob("散步。", EOS) > 0.5


def test_written_file_reads_back_to_the_same_model(tmp_path):
    import gzip

    lm, lines = charlm.build(TEXTS, min_top=2)
    path = tmp_path / "lm.tsv.gz"
    with gzip.open(path, "wt", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    back = charlm.read(path)
    assert back.table == lm.table and (back.n_sent, back.total, back.vocab) == (lm.n_sent, lm.total, lm.vocab)
    assert math.isclose(back.logprob(BOS * 3, "今天"), lm.logprob(BOS * 3, "今天"))
    assert charlm.read(tmp_path / "missing.tsv.gz").table == {}


def test_shipped_model_tells_a_cut_sentence_from_a_new_one():
    cut = charlm.break_features("社区干部多次上门，耐心细致地做", "工作，言小牛更是多次到法院起诉。", False)
    head = charlm.break_features("提质改造，老旧小区换新颜", "近日，记者从云龙示范区获悉。", True)
    assert cut["clm"] > 0 > head["clm"]
    assert head["clm_eos"] > charlm.break_features("四库文献主要指", "这些", True)["clm_eos"]
    empty = charlm.break_features("", "近日", True)
    assert set(empty) == set(head) and not any(empty.values())


def test_count_of_reads_the_shipped_counts():
    assert charlm.count_of("许许多多") >= 2  # (the reduplication the duplicate guard sets apart)
    assert charlm.count_of("的") > charlm.count_of("许许多多") > 0
    assert charlm.count_of("ＱＱＱＱ") == 0
