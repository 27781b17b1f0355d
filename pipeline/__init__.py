"""Zhuzhou news pipeline: OCR'd Chinese local-news pages → a validated Parquet dataset."""
from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("zhuzhou-news-pipeline")
except PackageNotFoundError:  # running from a plain checkout
    __version__ = "0.0.0+local"
