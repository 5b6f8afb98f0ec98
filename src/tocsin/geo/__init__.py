"""Offline geoparsing: a GeoNames gazetteer built from registry packages into SQLite
(:mod:`.build`, :mod:`.gazetteer`), toponym recognition (:mod:`.recognize`) and
context-driven resolution (:mod:`.resolve`). The extractor is :mod:`tocsin.extract.places`."""
