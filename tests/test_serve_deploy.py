"""deploy/ stays in step with `tasklint serve`: the manifests parse, carry the settings
the issue asks for, call the command with options it accepts, probe the paths the
health server answers, and bake in no secret. (What this machine could not check —
a real `docker build`, a cluster — is listed in the README's Deployment section.)"""

from __future__ import annotations

import configparser
import tomllib
from pathlib import Path

import pytest
import typer.main
import yaml

from tasklint.cli import app
from tasklint.config.settings import parse_settings
from tasklint.service.health import ServiceStatus

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def manifests(name: str) -> list[dict]:
    return [d for d in yaml.safe_load_all((DEPLOY / "kubernetes" / name).read_text()) if d]


def parse_serve(args: list[str]) -> dict:
    """The options `tasklint serve` would get from these arguments (it does not run)."""
    assert args[0] == "serve"
    command = typer.main.get_command(app).commands["serve"]  # type: ignore[attr-defined]
    return command.make_context("serve", list(args[1:])).params


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string((DEPLOY / "systemd" / name).read_text())
    return parser


def pod_spec(doc: dict) -> dict:
    if doc["kind"] == "CronJob":
        return doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    return doc["spec"]["template"]["spec"]


def test_systemd_pair_runs_once_nightly_in_a_named_zone():
    service, timer = unit("tasklint.service"), unit("tasklint.timer")
    command = service["Service"]["ExecStart"].split()
    assert command[0] == "/usr/local/bin/tasklint"
    assert parse_serve(command[1:])["once"] is True
    assert service["Service"]["Type"] == "oneshot"
    assert int(service["Service"]["TimeoutStopSec"]) >= 10  # SIGTERM: exit 0 within 10 s
    assert timer["Timer"]["Persistent"] == "true"
    assert timer["Timer"]["OnCalendar"] == "*-*-* 02:00:00 Asia/Shanghai"
    assert timer["Timer"]["Unit"] == "tasklint.service"
    # tokens come from a root-only file at start, never from the unit itself
    assert service["Service"]["EnvironmentFile"] == "/etc/tasklint/tokens.env"
    assert "Environment" not in service["Service"]


def test_cronjob_forbids_overlap_names_its_zone_and_a_starting_deadline():
    (cron,) = manifests("cronjob.yaml")
    spec = cron["spec"]
    assert cron["apiVersion"] == "batch/v1" and cron["kind"] == "CronJob"
    assert spec["concurrencyPolicy"] == "Forbid"
    assert spec["timeZone"] == "Asia/Shanghai" and spec["schedule"] == "0 2 * * *"
    assert 0 < spec["startingDeadlineSeconds"] <= 12 * 3600
    pod = pod_spec(cron)
    assert pod["terminationGracePeriodSeconds"] > 10
    (container,) = pod["containers"]
    assert parse_serve(container["args"])["once"] is True


def test_deployment_probes_the_health_server_routes():
    deployment, service = manifests("deployment.yaml")
    assert deployment["kind"] == "Deployment" and service["kind"] == "Service"
    assert deployment["spec"]["replicas"] == 1
    (container,) = pod_spec(deployment)["containers"]
    options = parse_serve(container["args"])
    assert options["once"] is False and options["health_host"] == "0.0.0.0"
    assert options["health_port"] == container["ports"][0]["containerPort"]
    status = ServiceStatus(["a"])
    routes = {"/livez": status.live, "/healthz": status.health}
    for probe in ("livenessProbe", "readinessProbe"):
        path = container[probe]["httpGet"]["path"]
        assert routes[path]()[0] == 200  # a route the server answers


@pytest.mark.parametrize("name", ["cronjob.yaml", "deployment.yaml"])
def test_pods_run_as_non_root_with_tokens_from_a_secret_and_state_on_a_volume(name):
    pod = pod_spec(manifests(name)[0])
    assert pod["securityContext"]["runAsNonRoot"] is True
    (container,) = pod["containers"]
    assert container["envFrom"] == [{"secretRef": {"name": "tasklint-tokens"}}]
    assert "env" not in container
    mounts = {m["mountPath"]: m["name"] for m in container["volumeMounts"]}
    volumes = {v["name"]: v for v in pod["volumes"]}
    assert "persistentVolumeClaim" in volumes[mounts["/var/lib/tasklint"]]
    assert parse_serve(container["args"])["state"] == Path("/var/lib/tasklint/state.db")


def test_configmap_holds_a_valid_config():
    config_map, claim = manifests("common.yaml")
    settings = parse_settings(tomllib.loads(config_map["data"]["tasklint.toml"]), "configmap")
    assert settings.schedule.timezone == "Asia/Shanghai" and settings.schedule.grace_hours == 12
    assert claim["kind"] == "PersistentVolumeClaim"


def test_dockerfile_is_non_root_with_no_secret_and_state_on_a_volume():
    text = (DEPLOY / "Dockerfile").read_text()
    lines = [line.strip() for line in text.splitlines() if not line.startswith("#")]
    user = [line for line in lines if line.startswith("USER ")]
    assert user and user[-1].split()[1].split(":")[0] not in ("0", "root")
    assert 'VOLUME ["/var/lib/tasklint"]' in lines
    assert not [line for line in lines if line.startswith(("ENV", "ARG")) and "TOKEN" in line]
    ignore = (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
    assert ignore[ignore.index("*") + 1 :][:3] == ["!pyproject.toml", "!README.md", "!tasklint/"]
