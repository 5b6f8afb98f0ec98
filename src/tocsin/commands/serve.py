"""``tocsin serve``: the REST API and the dashboard over a store."""
from __future__ import annotations

import socket
from typing import Optional

import typer


def _port_free(host: str, port: int) -> bool:
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        return False
    family, kind, proto, _, addr = infos[0]
    with socket.socket(family, kind, proto) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(addr)
        except OSError:
            return False
    return True


def register(app: typer.Typer) -> None:
    @app.command()
    def serve(
        db: str = typer.Option("sqlite:///tocsin.db", "--db", help="Store URL (sqlite:///file.db or postgresql://...)."),
        host: str = typer.Option("127.0.0.1", help="Address to listen on (0.0.0.0 for every interface)."),
        port: int = typer.Option(8000, help="Port to listen on."),
        api_key: Optional[str] = typer.Option(None, "--api-key", envvar="TOCSIN_API_KEY",
                                              help="Key that writes (POST /articles) must present (X-API-Key)."),
        max_body: int = typer.Option(5 * 1024 * 1024, "--max-body", help="Largest request body in bytes (413 above)."),
        log_level: str = typer.Option("warning", "--log-level", help="uvicorn log level (info shows each request)."),
    ) -> None:
        """Serve the REST API (docs at /docs) and the dashboard (at /) over a store."""
        from tocsin.cli import fail
        from tocsin.errors import TocsinError, UsageError

        try:
            if not 0 < port < 65536:
                raise UsageError(f"--port: {port} is not a port number")
            if max_body < 1024:
                raise UsageError("--max-body: give at least 1024 bytes")
            if not _port_free(host, port):
                raise UsageError(f"{host}:{port} is in use or not an address here; pick another --port")
            from tocsin.serve import create_app

            web = create_app(db, api_key=api_key, max_body=max_body)
        except TocsinError as exc:
            raise fail(exc)
        import uvicorn

        shown = "127.0.0.1" if host in ("0.0.0.0", "::") else host
        typer.echo(f"tocsin: dashboard at http://{shown}:{port}/ , API docs at http://{shown}:{port}/docs "
                   f"({'writes need the API key' if api_key else 'no API key: writes are open'}); Ctrl-C stops",
                   err=True)
        uvicorn.run(web, host=host, port=port, log_level=log_level)
