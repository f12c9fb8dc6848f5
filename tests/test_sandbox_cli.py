"""`tasklint sandbox` as a user starts it, and the real clients pointed at it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx
from typer.testing import CliRunner

from tasklint.cli import app


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_sandbox_command_serves_the_demo_and_tasklint_checks_it(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tasklint.cli",
            "sandbox",
            "--port",
            str(port),
            "--seed",
            "demo",
            "--token",
            "t0k",
            "--data",
            str(tmp_path / "data"),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                info = httpx.get(f"{url}/__sandbox/info", timeout=1).json()
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline and process.poll() is None, (
                    "sandbox did not start"
                )
                time.sleep(0.1)
        (base,) = info["airtable"]["bases"]
        assert {t["name"] for t in base["tables"]} == {
            "营销任务分工表",
            "Marketing task assignment",
        }
        assert len(info["notion"]["databases"]) == 2
        env = {
            **os.environ,
            "AIRTABLE_TOKEN": "t0k",
            "AIRTABLE_ENDPOINT_URL": url,
            "NOTION_TOKEN": "t0k",
            "NOTION_BASE_URL": url,
        }
        database = info["notion"]["databases"][1]["id"]
        for source in (f"airtable://{base['id']}/营销任务分工表", f"notion://{database}"):
            checked = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "tasklint.cli",
                    "check",
                    source,
                    "--today",
                    "2025-06-20",
                    "--format",
                    "json",
                ],
                env=env,
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert checked.returncode == 1, checked.stderr
            assert '"rows": 20' in checked.stdout
    finally:
        process.terminate()
        output, _ = process.communicate(timeout=10)
    assert f"AIRTABLE_ENDPOINT_URL={url}" in output and "token: t0k" in output


def test_sandbox_refuses_a_public_address():
    result = CliRunner().invoke(app, ["sandbox", "--host", "0.0.0.0"])
    assert result.exit_code == 2 and "loopback" in result.stderr


def test_a_port_another_program_holds_is_one_line_and_no_banner():
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        held.listen()
        port = held.getsockname()[1]
        result = CliRunner().invoke(app, ["sandbox", "--port", str(port), "--seed", "none"])
    assert result.exit_code == 2, result.output
    assert "tasklint sandbox on" not in result.stdout
    (line,) = result.stderr.splitlines()
    assert f"port {port} on 127.0.0.1 cannot be used" in line and "--port" in line
