"""Extractors: each module takes a :class:`~tocsin.context.Context` and returns its part of the record.

The package is also the public function ``tocsin.extract(text, published=None, **meta)``: once a
submodule is imported, Python binds ``tocsin.extract`` to this package, so the package is made
callable and delegates to :func:`tocsin.pipeline.extract`.
"""
from __future__ import annotations

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, text: str, published=None, **meta):
        from tocsin.pipeline import extract

        return extract(text, published=published, **meta)


sys.modules[__name__].__class__ = _CallableModule
