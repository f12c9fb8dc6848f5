"""The Notion half of the sandbox: API version 2025-09-03 (databases, data sources, pages, users).

Owns the Notion state (``models.NotionBackend``: SQLite, keyed by integration token), the
``/v1`` routes (``routes.routes``) and Notion-shaped errors (``errors``). It must not
touch the Airtable half, nor the frame's limits, faults and control endpoints.

    backend = NotionBackend()                      # or NotionBackend("notion.sqlite3")
    db_id, ds_id = backend.create_database_from_plan(plan["en"], token="sandbox")
    app = Starlette(routes=[Mount("/v1", routes=routes(backend, token="sandbox"))])
"""

from __future__ import annotations

from tasklint.sandbox.notion.errors import NotionError, notion_error
from tasklint.sandbox.notion.models import API_VERSION, NotionBackend
from tasklint.sandbox.notion.routes import routes

__all__ = ["API_VERSION", "NotionBackend", "NotionError", "notion_error", "routes"]
