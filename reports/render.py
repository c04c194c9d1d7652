"""Rendering the self-contained HTML report with Jinja2 (autoescape, StrictUndefined)."""
from __future__ import annotations

import functools
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from reports.data import load_scan
from reports.obligations import load_obligations
from reports.summary import by_entity, by_item, coverage, evidence
from scanner.errors import ConfigError
from scanner.settings import read_config

LANGUAGES = ("en", "zh")


@functools.lru_cache(maxsize=1)
def report_text() -> dict[str, dict[str, str]]:
    """The report's words per language from config/report_text.yaml; every key needs en and zh."""
    data, label = read_config("report_text")
    for key, value in data.items():
        if not isinstance(key, str):  # an unquoted yes/no key is a YAML boolean
            raise ConfigError(f"{label}: key {key!r} must be a string; quote it")
        if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in LANGUAGES):
            raise ConfigError(f"{label}: '{key}' needs text for each of: {', '.join(LANGUAGES)}")
    return data


def environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.PackageLoader("reports", "templates"), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def render_report(out_dir: Path, scan_id: str | None = None, lang: str = "en") -> str:
    """The report of a scan in ``out_dir`` as an HTML string, from the Parquet files alone."""
    data = load_scan(out_dir, scan_id)
    rules = load_obligations()
    entities = by_entity(data.findings)
    words = {key: value[lang] for key, value in report_text().items()}
    return environment().get_template("report.html").render(
        lang=lang, t=words, manifest=data.manifest, rules=rules,
        entities=entities, items=by_item(data), coverage=coverage(data.items),
        evidence={e.entity_type: evidence(data.findings, e.entity_type) for e in entities},
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))


def write_report(out_dir: Path, output: Path, scan_id: str | None = None, lang: str = "en") -> Path:
    html = render_report(out_dir, scan_id, lang)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(html, encoding="utf-8")
    return output
