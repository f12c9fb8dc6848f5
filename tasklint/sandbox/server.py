"""The sandbox's frame: one Starlette app serving both vendors, and ways to run it.

    build_app(...)      the ASGI app: /v0 Airtable, /v1 Notion, /__sandbox control,
                        wrapped in the stats / faults / rate-limit middleware
    SandboxServer       runs it on a free loopback port in a background thread (tests,
                        ``tasklint demo``); a context manager
    run_sandbox(...)    runs it in the foreground (``tasklint sandbox``)

Usage::

    with SandboxServer(seed="demo") as server:
        api = pyairtable.Api(server.token, endpoint_url=server.airtable_url)
        notion = notion_client.Client(auth=server.token, base_url=server.notion_url)
        server.control.add_fault("airtable", status=503, count=1)
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import uvicorn
from starlette.applications import Starlette
from starlette.routing import Mount

from tasklint.errors import ConfigError
from tasklint.sandbox import control
from tasklint.sandbox.airtable.models import AirtableBackend
from tasklint.sandbox.airtable.routes import routes as airtable_routes
from tasklint.sandbox.control import ControlClient
from tasklint.sandbox.limits import Limits, SandboxMiddleware, Traffic
from tasklint.sandbox.notion.models import NotionBackend
from tasklint.sandbox.notion.routes import routes as notion_routes
from tasklint.sandbox.seed import SeedKind, seed_sandbox

__all__ = ["SandboxApp", "SandboxServer", "build_app", "is_loopback", "run_sandbox"]

DEFAULT_TOKEN = "sandbox"


class SandboxApp(Starlette):
    """A Starlette app whose traffic middleware sits outside Starlette's own stack.

    Outermost, the middleware receives uvicorn's ``send`` itself and so can drop a
    connection without a reply; Starlette's ``middleware=`` list would put it inside
    the error handler.
    """

    def build_middleware_stack(self) -> Any:
        inner = super().build_middleware_stack()
        return SandboxMiddleware(inner, self.state.traffic)


def build_app(
    *,
    token: str = DEFAULT_TOKEN,
    airtable: AirtableBackend | None = None,
    notion: NotionBackend | None = None,
    traffic: Traffic | None = None,
) -> SandboxApp:
    """The sandbox app: Airtable under ``/v0``, Notion under ``/v1``, control under
    ``/__sandbox``. Backends default to fresh in-memory ones; ``traffic`` holds the
    stats, faults and rate limits (default: the vendors' published limits)."""
    airtable = airtable if airtable is not None else AirtableBackend()
    notion = notion if notion is not None else NotionBackend()
    traffic = traffic if traffic is not None else Traffic()
    app = SandboxApp(
        routes=[
            Mount("/v0", routes=airtable_routes),
            Mount("/v1", routes=notion_routes(notion, token=token)),
            Mount("/__sandbox", routes=control.routes),
        ]
    )
    app.state.token = token
    app.state.airtable = airtable
    app.state.notion = notion
    app.state.traffic = traffic
    return app


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _backends(data_dir: Path | None, iterator_ttl: float) -> tuple[AirtableBackend, NotionBackend]:
    if data_dir is None:
        return AirtableBackend(iterator_ttl=iterator_ttl), NotionBackend()
    data_dir.mkdir(parents=True, exist_ok=True)
    return (
        AirtableBackend(data_dir / "airtable.sqlite3", iterator_ttl=iterator_ttl),
        NotionBackend(str(data_dir / "notion.sqlite3")),
    )


class SandboxServer:
    """The sandbox on a loopback port in a background thread; stops within 2 s.

    The socket is bound in ``__init__`` (``port=0`` picks a free one), so ``url`` is
    known before ``start()``. ``limits`` defaults to the vendors' published limits;
    tests usually shorten ``airtable_penalty``. ``rate_limit=False`` switches limits
    off. ``data_dir`` keeps the state in ``airtable.sqlite3`` / ``notion.sqlite3`` there
    (and a seed is applied only to an empty sandbox).
    """

    def __init__(
        self,
        *,
        token: str = DEFAULT_TOKEN,
        host: str = "127.0.0.1",
        port: int = 0,
        seed: SeedKind = "none",
        rows: int = 1000,
        plan: dict[str, Any] | None = None,
        data_dir: Path | None = None,
        rate_limit: bool = True,
        limits: Limits | None = None,
        iterator_ttl: float = 300.0,
        allow_remote: bool = False,
    ) -> None:
        if not allow_remote and not is_loopback(host):
            raise ConfigError(
                f"the sandbox listens on loopback only, not {host}",
                hint="use 127.0.0.1, or pass allow_remote=True if you mean it",
            )
        self.token = token
        self.limits = limits if limits is not None else Limits()
        if not rate_limit:
            self.limits.enabled = False
        self.traffic = Traffic(self.limits)
        self.airtable, self.notion = _backends(data_dir, iterator_ttl)
        seed_sandbox(self.airtable, self.notion, token=token, seed=seed, rows=rows, plan=plan)
        self.app = build_app(
            token=token, airtable=self.airtable, notion=self.notion, traffic=self.traffic
        )
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY only on sockets whose proto says
        # TCP, and without it every response waits ~40 ms on Nagle + delayed ACK.
        self._socket = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        self._socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._socket.bind((host, port))
        self.host = host
        self.port: int = self._socket.getsockname()[1]
        shown = f"[{host}]" if family == socket.AF_INET6 else host
        self.url = f"http://{shown}:{self.port}"
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._control: ControlClient | None = None

    # Both vendors are served at the root: pyairtable appends /v0, notion-client /v1.
    @property
    def airtable_url(self) -> str:
        """``endpoint_url`` for ``pyairtable.Api``."""
        return self.url

    @property
    def notion_url(self) -> str:
        """``base_url`` for ``notion_client.Client`` (no trailing slash)."""
        return self.url

    @property
    def control(self) -> ControlClient:
        if self._control is None:
            self._control = ControlClient(self.url)
        return self._control

    def start(self) -> Self:
        if self._thread is not None:
            return self
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            lifespan="off",
            access_log=False,
            timeout_graceful_shutdown=1,
        )
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(
            target=self._server.run,
            kwargs={"sockets": [self._socket]},
            name=f"tasklint-sandbox-{self.port}",
            daemon=True,
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox did not start on {self.url}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        """Stop serving (within about 2 s) and release the port and the databases."""
        if self._control is not None:
            self._control.close()
            self._control = None
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=1.5)
            if self._thread.is_alive():
                self._server.force_exit = True
                self._thread.join(timeout=0.5)
        self._server = None
        self._thread = None
        self._socket.close()
        self.airtable.close()
        self.notion.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _port_is_free(host: str, port: int) -> None:
    """Refuse a port another process holds before the banner says the sandbox is on it
    (uvicorn would only log the bind error and exit 3)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            raise ConfigError(
                f"port {port} on {host} cannot be used ({exc.strerror})",
                hint="another program (another sandbox?) holds it: pass --port with a free one",
                zh=f"{host} 上的端口 {port} 无法使用（{exc.strerror}）",
                hint_zh="它被另一个程序（另一个沙盒？）占用：请用 --port 指定一个空闲端口",
            ) from None


def run_sandbox(
    *,
    host: str = "127.0.0.1",
    port: int = 8787,
    token: str = DEFAULT_TOKEN,
    seed: SeedKind = "demo",
    rows: int = 1000,
    data_dir: Path | None = None,
    rate_limit: bool = True,
    allow_remote: bool = False,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the sandbox in the foreground until interrupted (``tasklint sandbox``).

    Refuses a non-loopback ``host`` unless ``allow_remote`` (``ConfigError``). With
    ``data_dir`` the state survives restarts, and ``seed`` fills only an empty sandbox.
    """
    if not allow_remote and not is_loopback(host):
        raise ConfigError(
            f"the sandbox listens on loopback only, not {host}",
            hint="use --host 127.0.0.1 (the sandbox has no real security)",
        )
    _port_is_free(host, port)
    limits = Limits(enabled=rate_limit)
    airtable, notion = _backends(data_dir, 300.0)
    seed_sandbox(airtable, notion, token=token, seed=seed, rows=rows)
    app = build_app(token=token, airtable=airtable, notion=notion, traffic=Traffic(limits))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{port}"
    echo(f"tasklint sandbox on {url}  (token: {token})")
    echo(f"  AIRTABLE_ENDPOINT_URL={url}  AIRTABLE_TOKEN={token}")
    echo(f"  NOTION_BASE_URL={url}  NOTION_TOKEN={token}")
    for base in airtable.info():
        tables = ", ".join(f"{t['name']} ({t['id']})" for t in base["tables"])
        echo(f"  airtable://{base['id']}  {base['name']}: {tables}")
    for database in notion.list_databases(token):
        echo(f"  notion://{database['id']}  {database['title']}")
    for page in notion.list_workspace_pages(token):
        echo(f"  Notion page {page['id']}  {page['title']}  ([report] notion_parent)")
    echo(f"  control: {url}/__sandbox/info" + ("" if rate_limit else "  (rate limits off)"))
    try:
        uvicorn.Server(
            uvicorn.Config(app, host=host, port=port, log_level="info", lifespan="off")
        ).run()
    finally:
        airtable.close()
        notion.close()
