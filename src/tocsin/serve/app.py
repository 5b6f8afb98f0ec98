"""The FastAPI app: REST API over a store, OpenAPI docs served from local files, the dashboard.

Every error is a 4xx with a one-line ``detail`` unless the server itself fails; no traceback ever
reaches a client. Writes (``POST /articles``) need the API key when one is configured.
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Optional

from fastapi import Depends, FastAPI, Path as PathParam, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.gzip import GZipMiddleware
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException

from tocsin import __version__
from tocsin.errors import InputError, StoreError, TocsinError, UsageError
from tocsin.record import Record
from tocsin.serve import analysis, dyads, views
from tocsin.serve.guards import DEFAULT_MAX_BODY, BodyLimit, SecurityHeaders, require_key
from tocsin.store import EventFilter, open_store

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("tocsin.serve")

MAX_PAGE = 1000
MAX_OFFSET = 10_000_000
Text = Annotated[Optional[str], Query(max_length=500)]


def Described(description: str):
    """An optional text query parameter with a description."""
    return Annotated[Optional[str], Query(max_length=500, description=description)]


class ArticleIn(BaseModel):
    """An article to code: its text and what is known about it."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1)
    id: Optional[str] = Field(None, max_length=200)
    title: Optional[str] = None
    source: Optional[str] = Field(None, max_length=300)
    url: Optional[str] = None
    published: Optional[str] = Field(None, description="YYYY-MM-DD")
    author: Optional[str] = None


class IngestIn(BaseModel):
    """Articles to code and store, and/or records already coded (stored as they are)."""

    model_config = ConfigDict(extra="forbid")
    articles: list[ArticleIn] = Field(default_factory=list, max_length=1000)
    records: list[Record] = Field(default_factory=list, max_length=1000)


class IngestOut(BaseModel):
    stored: int
    skipped: int
    failed: int
    ids: list[str]
    errors: list[str]


def _filter(type, mode, modality, actor, country, since, until, bbox, text, article) -> EventFilter:
    return EventFilter(type=type, mode=mode, modality=modality, actor=actor, country=country, since=since,
                       until=until, bbox=bbox, text=text, article=article)


def create_app(db: str, api_key: Optional[str] = None, max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """The app over the store at ``db`` (opened, and migrated, now)."""
    store = open_store(db)
    @asynccontextmanager
    async def lifespan(_app):
        yield
        store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="tocsin",
        version=__version__,
        description="The event record as a service: who did what to whom, when, where, with evidence.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.store = store
    write = Depends(require_key(api_key))
    app.add_middleware(GZipMiddleware, minimum_size=2048)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body)

    # -- errors ----------------------------------------------------------------------------
    @app.exception_handler(UsageError)
    async def usage_error(_: Request, exc: UsageError):
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(InputError)
    async def input_error(_: Request, exc: InputError):
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(StoreError)
    async def store_error(_: Request, exc: StoreError):
        return JSONResponse({"detail": str(exc)}, status_code=503)

    @app.exception_handler(TocsinError)
    async def tocsin_error(_: Request, exc: TocsinError):
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(RequestValidationError)
    async def validation_error(_: Request, exc: RequestValidationError):
        errors = [{"loc": list(e.get("loc", [])), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        return JSONResponse({"detail": errors}, status_code=422)

    @app.exception_handler(Exception)
    async def unexpected(_: Request, exc: Exception):
        log.error("internal error: %s: %s", exc.__class__.__name__, exc)
        return JSONResponse({"detail": "internal error"}, status_code=500)

    # -- coding ----------------------------------------------------------------------------
    @app.post("/extract", response_model=None, tags=["code"],
              summary="Code one article's text; nothing is stored")
    def extract(article: ArticleIn) -> dict:
        import tocsin

        meta = {k: v for k, v in article.model_dump().items() if k not in ("text", "published") and v is not None}
        rec = tocsin.extract(article.text, published=article.published, **meta)
        return rec.model_dump(mode="json")

    @app.post("/articles", response_model=IngestOut, tags=["code"], dependencies=[write],
              summary="Code and store articles (or store coded records); already stored texts are skipped")
    def ingest(body: IngestIn) -> IngestOut:
        from tocsin.ids import text_sha256
        from tocsin.ingest.readers import ArticleInput, parse_published

        from tocsin.record_checks import problems

        errors: list[str] = []
        records = []
        for n, rec in enumerate(body.records):
            found = problems(rec)
            if found:
                errors.append(f"records[{n}]: {found[0]}" + (f" (and {len(found) - 1} more)" if len(found) > 1 else ""))
            else:
                records.append(rec)
        todo: list[ArticleInput] = []
        for n, a in enumerate(body.articles, start=1):
            try:
                published = parse_published(a.published, f"articles[{n - 1}].published")
            except UsageError as exc:
                errors.append(str(exc))
                continue
            todo.append(ArticleInput(text=a.text, origin=f"articles[{n - 1}]", id=a.id, published=published,
                                     title=a.title, source=a.source, url=a.url, author=a.author))
        known = store.known_hashes(text_sha256(i.text) for i in todo)
        skipped = sum(1 for i in todo if text_sha256(i.text) in known)
        todo = [i for i in todo if text_sha256(i.text) not in known]
        if todo:
            from tocsin.pipeline import extract_many

            records += list(extract_many(todo, on_error=lambda e: errors.append(str(e))))
        result = store.add(records)
        return IngestOut(stored=result.added, skipped=skipped + result.skipped, failed=len(errors),
                         ids=result.ids, errors=errors)

    # -- reading ---------------------------------------------------------------------------
    @app.get("/events", tags=["read"], summary="Stored events, filtered and paged")
    def events(
        type: Text = None, mode: Text = None, modality: Text = None,
        actor: Described("actor or recipient: name substring or code") = None,
        country: Described("ISO 3166-1 alpha-2") = None,
        since: Described("earliest date, YYYY[-MM[-DD]]") = None,
        until: Described("latest date, YYYY[-MM[-DD]]") = None,
        bbox: Described("west,south,east,north in degrees") = None,
        text: Described("words the article must contain (full-text)") = None,
        article: Text = None,
        limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict:
        f = _filter(type, mode, modality, actor, country, since, until, bbox, text, article)
        rows = store.events(filter=f, limit=limit, offset=offset)
        return {"total": store.count_events(f), "limit": limit, "offset": offset,
                "items": [views.event_summary(e, a) for e, a in rows]}

    @app.get("/events/{event_id}", tags=["read"], summary="One event with its evidence in the article text")
    def event(event_id: int = PathParam(ge=1, le=2**31 - 1)) -> dict:
        found = store.event(event_id)
        if not found:
            raise HTTPException(404, f"no event {event_id}")
        return views.event_detail(*found)

    @app.get("/articles/{article_id}", tags=["read"], summary="One stored article: its text, events and quotes")
    def article(article_id: str = PathParam(min_length=1, max_length=200),
                record: bool = Query(False, description="include the whole record")) -> dict:
        row = store.article(article_id)
        if row is None:
            raise HTTPException(404, f"no article {article_id!r}")
        out = dict(views.article_meta(row), text=row.text)
        out["events"] = [views.event_summary(e, a) for e, a in store.events(article=row.id, limit=MAX_PAGE)]
        out["quotes"] = [views.quote_view(q, a) for q, a in store.quotes(article=row.id, limit=MAX_PAGE)[1]]
        if record:
            from tocsin.store.rows import record_dict

            out["record"] = record_dict(row)
        return out

    @app.get("/timeline", tags=["read"], summary="Events per day by type (same filters as /events)")
    def timeline(
        type: Text = None, mode: Text = None, modality: Text = None, actor: Text = None, country: Text = None,
        since: Text = None, until: Text = None, bbox: Text = None, text: Text = None, article: Text = None,
    ) -> dict:
        f = _filter(type, mode, modality, actor, country, since, until, bbox, text, article)
        days: dict[str, dict[str, int]] = {}
        for day, typ, n in store.timeline(f):
            days.setdefault(day, {})[typ] = n
        return {"days": [{"date": d, "counts": c, "total": sum(c.values())} for d, c in days.items()]}

    @app.get("/quotes", tags=["read"], summary="Stored quotes, by speaker or words (full-text)")
    def quotes(
        speaker: Text = None, text: Text = None,
        kind: Optional[str] = Query(None, pattern="^(direct|partial|indirect)$"), article: Text = None,
        limit: int = Query(100, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=MAX_OFFSET),
    ) -> dict:
        total, rows = store.quotes(speaker=speaker, text=text, kind=kind, article=article, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": [views.quote_view(q, a) for q, a in rows]}

    @app.get("/actors", tags=["read"], summary="Actors and recipients with their event counts")
    def actors(q: Text = None, limit: int = Query(100, ge=1, le=MAX_PAGE),
               offset: int = Query(0, ge=0, le=MAX_OFFSET)) -> dict:
        total, items = store.actors(q=q, limit=limit, offset=offset)
        return {"total": total, "limit": limit, "offset": offset, "items": items}

    incidents = analysis.Incidents(store)

    @app.get("/dyads", tags=["analyse"],
             summary="Actor pairs with incidents between them (deduplicated across articles), busiest first")
    def dyad_pairs(level: str = Query("country", pattern="^(country|full)$"),
                   limit: int = Query(50, ge=1, le=MAX_PAGE)) -> dict:
        return analysis.dyad_list(incidents, level, limit)

    @app.get("/dyads/{a}/{b}/timeline", tags=["analyse"],
             summary="What a and b did to each other, per day or week")
    def dyad_timeline(
        a: str = PathParam(min_length=1, max_length=300), b: str = PathParam(min_length=1, max_length=300),
        level: str = Query("exact", pattern="^(exact|full|country)$", description=(
            "exact: stored events whose actor/recipient has this name or code; full: deduplicated "
            "incidents, actor codes by prefix (USA matches USAMIL); country: deduplicated incidents "
            "between states, armed groups counted for their patrons")),
        period: str = Query("day", pattern="^(day|week)$", description="for full and country"),
        since: Described("first day, YYYY-MM-DD (full and country)") = None,
        until: Described("last day, YYYY-MM-DD (full and country)") = None,
    ) -> dict:
        if a.strip().lower() == b.strip().lower():
            raise HTTPException(422, "a dyad needs two different actors")
        if level == "exact":
            return dict(dyads.timeline(a, b, store), level="exact", source="events")
        return analysis.timeline(incidents, a, b, level, period, since, until)

    @app.get("/alerts", tags=["analyse"], summary="Escalation alerts (tit-for-tat, rising intensity, spread)")
    def alerts(a: Described("one side (state code)") = None, b: Described("the other side") = None,
               since: Described("alerts that end on or after this day") = None,
               until: Described("alerts that start on or before this day") = None) -> dict:
        EventFilter(since=since, until=until)  # checks the dates
        return analysis.alert_list(incidents, a, b, since, until)

    @app.get("/export", tags=["export"], summary="Matching events as csv (ACLED-style), plover, geojson or parquet",
             response_class=StreamingResponse)
    def export(
        format: str = Query("csv", pattern="^(csv|plover|geojson|parquet)$"),
        type: Text = None, mode: Text = None, modality: Text = None, actor: Text = None, country: Text = None,
        since: Text = None, until: Text = None, bbox: Text = None, text: Text = None, article: Text = None,
    ):
        from tocsin.export import export_chunks, format_module, from_store_rows

        f = _filter(type, mode, modality, actor, country, since, until, bbox, text, article)
        mod = format_module(format)
        chunks = export_chunks(format, from_store_rows(store.iter_events(f)))
        return StreamingResponse(chunks, media_type=mod.MEDIA_TYPE, headers={
            "Content-Disposition": f'attachment; filename="tocsin-events{mod.SUFFIX}"'})

    @app.get("/health", tags=["read"], summary="Liveness and the number of stored articles")
    def health() -> dict:
        return {"status": "ok", "version": __version__, "articles": store.count_articles()}

    # -- docs (local assets: no CDN) and the dashboard ----------------------------------------
    _mount_docs(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon():
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    return app


def _docs_assets() -> Optional[Path]:
    try:
        import fastapi_offline
    except ImportError:
        return None
    path = Path(fastapi_offline.__file__).resolve().parent / "static"
    return path if (path / "swagger-ui-bundle.js").exists() else None


def _mount_docs(app: FastAPI) -> None:
    """Swagger UI at /docs and ReDoc at /redoc from the assets the fastapi-offline package ships."""
    assets = _docs_assets()
    if assets is None:
        @app.get("/docs", include_in_schema=False)
        def no_docs():
            return JSONResponse({"detail": "docs assets missing (pip install fastapi-offline); "
                                           "the schema is at /openapi.json"}, status_code=404)
        return
    app.mount("/docs-assets", StaticFiles(directory=assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger():
        return get_swagger_ui_html(
            openapi_url="/openapi.json", title="tocsin API",
            swagger_js_url="/docs-assets/swagger-ui-bundle.js", swagger_css_url="/docs-assets/swagger-ui.css",
            swagger_favicon_url="/docs-assets/favicon.png")

    @app.get("/redoc", include_in_schema=False)
    def redoc():
        return get_redoc_html(openapi_url="/openapi.json", title="tocsin API",
                              redoc_js_url="/docs-assets/redoc.standalone.js",
                              redoc_favicon_url="/docs-assets/favicon.png", with_google_fonts=False)
