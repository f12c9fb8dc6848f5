"""The rule catalogue is complete and documented: a test walks the registry."""

from __future__ import annotations

import re

import pytest

from tasklint.catalogue import explain, parameters
from tasklint.errors import ConfigError
from tasklint.model import Severity
from tasklint.validators.registry import all_rules, select_codes

# DESIGN §3, all of it.
EXPECTED = {
    "M304": ("metric-swing", "warning"),
    "G101": ("goal-missing", "warning"),
    "G102": ("goal-not-measurable", "warning"),
    "G103": ("goal-not-time-bound", "info"),
    "O201": ("owner-missing", "warning"),
    "O202": ("multiple-owners", "warning"),
    "O203": ("owner-not-named", "warning"),
    "O204": ("department-missing", "info"),
    "M301": ("core-metric-untracked", "warning"),
    "M302": ("surface-metric-only", "info"),
    "M303": ("metric-below-expectation", "error"),
    "M305": ("channel-test-below-bar", "warning"),
    "M306": ("actual-missing", "warning"),
    "S401": ("due-missing", "warning"),
    "S402": ("overdue", "error"),
    "S403": ("stale-progress", "warning"),
    "S404": ("deliverable-missing", "info"),
    "B501": ("contingency-out-of-range", "warning"),
    "B502": ("spend-ahead-of-progress", "warning"),
    "B503": ("over-budget", "error"),
    "R601": ("review-incomplete", "warning"),
    "R602": ("completion-rate", "info"),
    "X901": ("unparseable-cell", "warning"),
    "X902": ("unknown-ignore-code", "warning"),
}


def test_catalogue_matches_the_design():
    found = {r.code: (r.name, r.severity.value) for r in all_rules()}
    assert found == EXPECTED


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_is_documented_in_both_languages(rule):
    assert re.fullmatch(r"[A-Z]\d{3}", rule.code)
    doc = rule.explain("en")
    for section in ("Why:", "Bad:", "Good:"):
        assert section in doc, f"{rule.code} docstring lacks {section!r}"
    zh = rule.explain("zh")
    for section in ("原因：", "错误：", "正确："):
        assert section in zh, f"{rule.code} zh_doc lacks {section!r}"
    assert rule.summary("en") and rule.summary("zh")
    assert rule.messages and all(t.en and t.zh for t in rule.messages.values())
    assert isinstance(rule.severity, Severity)
    rule.Params()  # every parameter has a default


def test_explain_prints_both_languages_and_parameters():
    text = explain("S402", None)
    assert "overdue" in text and "Why:" in text and "原因：" in text
    assert "max_delay_days = 2" in text and "severity = 'error'" not in text
    from tasklint.validators.registry import rules_by_code

    assert parameters(rules_by_code()["S402"])[0] == (
        "severity",
        "error | warning | info",
        '"error"',
    )


@pytest.mark.parametrize("locale", ["en", "zh"])
def test_printed_parameters_paste_into_tasklint_toml_as_they_are(tmp_path, locale):
    from tasklint.config.settings import load_settings
    from tasklint.validators.registry import configure

    for rule in all_rules():
        text = explain(rule.code, locale)
        block = text[text.index(f"  [rules.{rule.code}]") :]
        (tmp_path / "tasklint.toml").write_text(
            "\n".join(line.strip() for line in block.splitlines()), encoding="utf-8"
        )
        settings = load_settings(cwd=tmp_path)  # a ConfigError here fails the test
        params, severity = configure(rule.code, settings.rules.per_rule()[rule.code])
        assert severity == rule.severity
        assert params == rule.Params()  # the defaults, as printed


def test_explain_unknown_code_is_a_clear_error():
    with pytest.raises(ConfigError, match="no rule 'Z999'"):
        explain("Z999", "en")


def test_select_codes_prefix_and_all():
    assert select_codes(["ALL"], []) == [r.code for r in all_rules()]
    assert select_codes(["S4"], ["S403"]) == ["S401", "S402", "S404"]
    assert "O201" in select_codes(["ALL", "O201"], ["O"])


def test_a_parameter_with_a_range_says_it():
    from tasklint.catalogue import parameters
    from tasklint.validators.registry import rules_by_code

    shown = {name: kind for name, kind, _ in parameters(rules_by_code()["B501"])}
    assert shown["min_share"] == "share, 0 to 1 (0.15 is 15%)"
    days = {name: kind for name, kind, _ in parameters(rules_by_code()["S402"], "zh")}
    assert days["max_delay_days"] == "天数，不小于 0"
