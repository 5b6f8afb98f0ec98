"""Reading articles from files, folders, JSON Lines and stdin, and marking non-body regions."""
from tocsin.ingest.readers import ArticleInput, iter_inputs, parse_published

__all__ = ["ArticleInput", "iter_inputs", "parse_published"]
