"""The web service: a FastAPI app over a store (REST API, OpenAPI docs served offline, and the
dashboard under ``static/``). ``create_app(db)`` builds it; ``tocsin serve`` runs it."""
from tocsin.serve.app import create_app

__all__ = ["create_app"]
