"""CLI command groups beyond the core ones. Each module here defines ``register(app)``;
:mod:`tocsin.cli` calls it for every module, so a new capability adds a file, not an edit."""
