"""Evaluators against public benchmarks. Each module here defines ``command`` (a typer command
function); ``tocsin evaluate <module name>`` runs it. Data paths are given by the user
(``--data``); nothing here reads ``../shared`` on its own."""
