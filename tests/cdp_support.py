"""Headless Chromium over the DevTools protocol, for the report's browser test.

Starts Debian's `chromium` with no network of its own (every host name resolves to
nothing, background services off), opens a page, and records what a person's browser
would show: console errors, exceptions, failed loads, and every request the page makes.

    with Browser.start(tmp_path) as browser:
        visit = browser.open("file:///…/report.html", width=1280)
        visit.errors, visit.requests, visit.screenshot(tmp_path / "desktop.png")
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import queue
import re
import shutil
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from websockets.sync.client import ClientConnection, connect

_LISTENING = re.compile(r"DevTools listening on (ws://\S+)")

FLAGS = (
    "--headless",
    "--no-sandbox",  # root in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
    "--metrics-recording-only",
    "--mute-audio",
    # Nothing may leave the machine: no host name resolves, so not even the browser's
    # own services could connect anywhere.
    "--host-resolver-rules=MAP * ~NOTFOUND",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return None


@dataclass
class Visit:
    browser: Browser
    session: str
    url: str
    events: list[dict[str, Any]] = field(default_factory=list)

    @property
    def requests(self) -> list[str]:
        return [
            e["params"]["request"]["url"]
            for e in self.events
            if e["method"] == "Network.requestWillBeSent"
        ]

    @property
    def errors(self) -> list[str]:
        found = []
        for e in self.events:
            method, params = e["method"], e.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append(json.dumps(params.get("exceptionDetails", {}))[:300])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in (
                "error",
                "assert",
            ):
                found.append(json.dumps(params.get("args", []))[:300])
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append(f"{params['entry'].get('source')}: {params['entry'].get('text')}")
            elif method == "Network.loadingFailed":
                found.append(f"load failed: {params.get('errorText')}")
        return found

    def evaluate(self, expression: str) -> Any:
        result = self.browser.send(
            "Runtime.evaluate", {"expression": expression, "returnByValue": True}, self.session
        )
        return result["result"].get("value")

    def screenshot(self, path: Path, *, full_page: bool = True) -> Path:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            metrics = self.browser.send("Page.getLayoutMetrics", None, self.session)
            size = metrics["cssContentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {
                "x": 0,
                "y": 0,
                "width": size["width"],
                "height": size["height"],
                "scale": 1,
            }
        data = self.browser.send("Page.captureScreenshot", params, self.session)["data"]
        path.write_bytes(base64.b64decode(data))
        return path

    def pdf(self, path: Path) -> Path:
        data = self.browser.send(
            "Page.printToPDF", {"printBackground": True, "preferCSSPageSize": True}, self.session
        )["data"]
        path.write_bytes(base64.b64decode(data))
        return path


class Browser:
    def __init__(self, process: subprocess.Popen[bytes], url: str, timeout: float) -> None:
        self.process = process
        self._stack = contextlib.ExitStack()
        self.socket: ClientConnection = self._stack.enter_context(
            connect(url, max_size=None, open_timeout=timeout)
        )
        self._next_id = 0
        self._events: dict[str, list[dict[str, Any]]] = {}

    @classmethod
    def start(cls, profile: Path, *, timeout: float = 30.0) -> Self:
        binary = chromium_binary()
        if binary is None:
            raise RuntimeError("chromium is not installed")
        process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env={**os.environ, "LANG": os.environ.get("LANG", "C.UTF-8")},
        )
        lines: queue.Queue[str] = queue.Queue()

        def drain() -> None:
            assert process.stderr is not None
            for raw in process.stderr:
                lines.put(raw.decode("utf-8", "replace"))

        threading.Thread(target=drain, daemon=True).start()
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = ""
            if match := _LISTENING.search(line):
                break
            if time.monotonic() > deadline or process.poll() is not None:
                process.kill()
                raise RuntimeError("chromium did not open its DevTools endpoint")
        return cls(process, match.group(1), timeout)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        try:
            self._stack.close()
        finally:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def send(
        self,
        method: str,
        params: dict[str, Any] | None = None,
        session: str | None = None,
        *,
        timeout: float = 30.0,
    ) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        self.socket.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.socket.recv(timeout=max(0.1, deadline - time.monotonic())))
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            if "method" in reply:
                self._events.setdefault(reply.get("sessionId", ""), []).append(reply)

    def wait_for(self, session: str, method: str, timeout: float = 30.0) -> None:
        events = self._events.setdefault(session, [])
        deadline = time.monotonic() + timeout
        while not any(e["method"] == method for e in events):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"no {method} within {timeout} s")
            reply = json.loads(self.socket.recv(timeout=remaining))
            if "method" in reply:
                self._events.setdefault(reply.get("sessionId", ""), []).append(reply)

    def settle(self, seconds: float = 0.3) -> None:
        """Collect the events that arrive within `seconds` (late console errors)."""
        deadline = time.monotonic() + seconds
        while (remaining := deadline - time.monotonic()) > 0:
            try:
                reply = json.loads(self.socket.recv(timeout=remaining))
            except TimeoutError:
                return
            if "method" in reply:
                self._events.setdefault(reply.get("sessionId", ""), []).append(reply)

    def open(
        self, url: str, *, width: int = 1280, height: int = 900, mobile: bool = False
    ) -> Visit:
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})[
            "sessionId"
        ]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.send(f"{domain}.enable", None, session)
        self.send(
            "Emulation.setDeviceMetricsOverride",
            {
                "width": width,
                "height": height,
                "deviceScaleFactor": 2 if mobile else 1,
                "mobile": mobile,
            },
            session,
        )
        self.send("Page.navigate", {"url": url}, session)
        self.wait_for(session, "Page.loadEventFired")
        self.settle()
        return Visit(self, session, url, self._events[session])
