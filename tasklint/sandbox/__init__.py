"""A local Airtable- and Notion-compatible API server, for the demo and the tests.

Like moto for AWS: the real ``pyairtable`` and ``notion-client`` talk to it unchanged
(``Api(token, endpoint_url=server.airtable_url)``, ``Client(auth=token,
base_url=server.notion_url)``); state lives in SQLite; the vendors' limits and error
shapes are kept; ``/__sandbox`` counts requests and injects faults.

It owns ``tasklint/sandbox/`` only. It must not import the linter, the connectors or
the sync engine (they use it, never the other way round), must not reach any network
beyond its own loopback socket, and must not read anything outside the package at run
time (its seed data ships in ``tasklint/data``).

    with SandboxServer(seed="demo") as server:
        records = pyairtable.Api(server.token, endpoint_url=server.airtable_url) ...
"""

from __future__ import annotations

from tasklint.sandbox.server import SandboxServer, build_app, run_sandbox

__all__ = ["SandboxServer", "build_app", "run_sandbox"]
