"""Which table a SOURCE argument names: a configured source, a URL, or a file path."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from tasklint.config.settings import Settings, SourceConfig
from tasklint.errors import ConfigError

Kind = Literal["file", "airtable", "notion"]
URL_SCHEMES: dict[str, Kind] = {"airtable://": "airtable", "notion://": "notion"}


@dataclass(frozen=True, slots=True)
class SourceSpec:
    name: str
    kind: Kind
    url: str
    config: SourceConfig

    @property
    def path(self) -> Path:
        return Path(self.url).expanduser()


def _kind_of(url: str) -> Kind:
    for scheme, kind in URL_SCHEMES.items():
        if url.startswith(scheme):
            return kind
    return "file"


def _configured(name: str, cfg: SourceConfig, settings: Settings) -> SourceSpec:
    """A source of the config; its relative file url read from the config's folder."""
    kind = _kind_of(cfg.url)
    url = cfg.url
    if kind == "file" and settings.folder is not None and not Path(url).expanduser().is_absolute():
        url = str(settings.folder / url)
    return SourceSpec(name, kind, url, cfg)


def _refuse_what_is_no_source(argument: str) -> None:
    if not argument.strip():
        raise ConfigError(
            "an empty SOURCE was given",
            hint="pass a file, an airtable:// or notion:// URL, or a configured source's name",
            zh="给出的 SOURCE 是空的",
            hint_zh="请给出文件、airtable:// 或 notion:// 地址，或配置中的数据源名称",
        )
    if argument.casefold().startswith(("http://", "https://")):
        raise ConfigError(
            f"{argument}: a web address is no source tasklint reads",
            hint="download the file and check it, or use the table's airtable:// or notion://"
            " URL (see README: sources)",
            zh=f"{argument}：tasklint 不读取网页地址",
            hint_zh="请先下载文件再检查，或使用表格的 airtable:// 或 notion:// 地址（见 README）",
        )


def resolve_sources(arguments: list[str], settings: Settings) -> list[SourceSpec]:
    if not arguments:
        if not settings.sources:
            raise ConfigError(
                "no SOURCE given and no [sources] in the config",
                hint="pass a file or URL, e.g. `tasklint check plan.csv`, or run `tasklint init`",
                zh="没有指定 SOURCE，配置里也没有 [sources]",
                hint_zh="请给出文件或 URL，例如 `tasklint check plan.csv`，或运行 `tasklint init`",
            )
        return [_configured(name, cfg, settings) for name, cfg in settings.sources.items()]
    specs = []
    for argument in arguments:
        _refuse_what_is_no_source(argument)
        if argument in settings.sources:
            specs.append(_configured(argument, settings.sources[argument], settings))
        else:
            # A URL or path given on the command line borrows the settings of a configured
            # source with the same URL (its column mapping, view…), if there is one.
            borrowed = next((c for c in settings.sources.values() if c.url == argument), None)
            specs.append(
                SourceSpec(
                    argument,
                    _kind_of(argument),
                    argument,
                    borrowed or SourceConfig.model_construct(url=argument),
                )
            )
    return specs
