"""Extractors: each module takes a :class:`~tocsin.context.Context` and returns its part of the record."""
