"""Scale: the prefilter that spares the parser, worker pools, Dask runs and Parquet shards.

``dask_run`` codes a corpus on a Dask cluster (see ``docs/scale.md``).
"""
from __future__ import annotations

__all__ = ["dask_run"]


def __getattr__(name: str):
    if name == "dask_run":
        from tocsin.scale.dask_runner import dask_run

        return dask_run
    raise AttributeError(name)
