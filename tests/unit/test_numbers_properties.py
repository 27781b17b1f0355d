"""Metric invariants over generated number-heavy text: every metric row must pass the metrics
table's pandera check (a single bad row would stop the dataset from being published)."""
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.text.model import BOUNDS
from pipeline.text.numbers import extract_metrics

PIECES = st.sampled_from([
    "0", "1", "2", "3", "5", "9", "12", "3.5", "1,200", "一", "两", "三", "十", "百", "千", "万", "亿", "零", "半",
    "零下", "-", "−", "～", "~", "至", "到", "—", "-", "、", "和", "或",
    "℃", "摄氏度", "%", "‰", "元", "万元", "亿元", "个", "人", "名", "户", "年", "月", "日", "天", "小时", "公里", "米",
    "平方米", "亩", "吨", "倍", "成", "个百分点", "级", "次", "件",
    "多", "余", "近", "约", "超过", "不足", "以上", "以下", "左右", "上下", "达", "百分之", "千分之",
    "气温", "资金", "居民", "社区", "第", "，", "。", "（", "）", " ", "\n",
])
TEXT = st.lists(PIECES, max_size=30).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_metrics_are_valid_rows(text):
    for m in extract_metrics(text):
        assert text[m.start:m.end] == m.surface and m.surface
        assert math.isfinite(m.value)
        if m.value_high is not None:
            assert math.isfinite(m.value_high) and m.value_high >= m.value, (text, m)
        assert m.unit
        assert m.bound in BOUNDS
        assert m.surface in m.sentence
