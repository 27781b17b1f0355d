"""jionlp's dictionaries are read whether or not jionlp has unpacked them yet (fresh environments)."""
import zipfile

import pytest

from pipeline.text import jionlp_data


def test_reads_zip_when_txt_missing(tmp_path, monkeypatch):
    with zipfile.ZipFile(tmp_path / "demo.zip", "w") as z:
        z.writestr("demo.txt", "三番五次\t成语\n一心一意\t成语\n")
    monkeypatch.setattr(jionlp_data, "dictionary_dir", lambda: tmp_path)
    jionlp_data.dictionary_lines.cache_clear()
    try:
        assert jionlp_data.dictionary_lines("demo") == ("三番五次\t成语", "一心一意\t成语")
        (tmp_path / "demo.txt").write_text("只有文本\n", encoding="utf-8")
        jionlp_data.dictionary_lines.cache_clear()
        assert jionlp_data.dictionary_lines("demo") == ("只有文本",)
        assert jionlp_data.dictionary_lines("absent") == ()
    finally:
        jionlp_data.dictionary_lines.cache_clear()


def test_installed_package_dictionaries_are_found():
    for name in ("idf", "chinese_idiom", "chinese_char_dictionary", "chinese_word_dictionary"):
        assert len(jionlp_data.dictionary_lines(name)) > 10_000, name


def test_pos_words_reads_jiojio_lists():
    from pipeline.text.jionlp_data import pos_dictionary_source, pos_words

    if pos_dictionary_source("v") is None:
        pytest.skip("jiojio is not installed")
    verbs = pos_words(("v", "vi"))
    assert {"开展", "建成"} <= verbs and "居民" not in verbs
    assert pos_words(("no-such-tag",)) == frozenset()
