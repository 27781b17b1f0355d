"""The one resource: where inputs, outputs and the per-page cache live."""

from pathlib import Path

import dagster as dg

from pipeline import settings


class PipelinePaths(dg.ConfigurableResource):
    """Folders; empty strings fall back to the env (PIPELINE_SEEDS_DIR, ...) and then the defaults."""

    seeds_dir: str = ""
    datasets_dir: str = ""
    cache_dir: str = ""

    def seeds(self) -> Path:
        return Path(self.seeds_dir) if self.seeds_dir else settings.seeds_dir()

    def datasets(self) -> Path:
        return Path(self.datasets_dir) if self.datasets_dir else settings.datasets_dir()

    def cache(self) -> Path | None:
        return Path(self.cache_dir) if self.cache_dir else settings.cache_dir()
