"""The Airtable half of the sandbox: the Web API v0 subset tasklint uses.

Owns the Airtable state (``models.AirtableBackend``: bases, tables, fields, views,
records and users in SQLite), the ``/v0`` routes (``routes``) and Airtable-shaped errors
(``errors``). It must not touch the Notion half, nor the frame's limits, faults and
control endpoints (``tasklint.sandbox.limits`` / ``control``).
"""

from __future__ import annotations

from tasklint.sandbox.airtable.errors import AirtableError
from tasklint.sandbox.airtable.models import AirtableBackend, FieldSpec, TableSpec, ViewSpec

__all__ = ["AirtableBackend", "AirtableError", "FieldSpec", "TableSpec", "ViewSpec"]
