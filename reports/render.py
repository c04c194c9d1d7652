"""Rendering the self-contained HTML report with Jinja2 (autoescape, StrictUndefined)."""
from __future__ import annotations

import functools
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import jinja2

from reports.assessment import Assessment, Options, build, deal_steps, shown
from reports.heatmap import heat_map
from reports.locations import localise
from reports.memo import EVIDENCE_REQUESTS
from reports.numbers import count, money
from reports.reasons import translate
from reports.scope import scope
from reports.summary import evidence
from reports.validate import LANGUAGES
from scanner.errors import ConfigError
from scanner.settings import read_config

FORMATS = ("html", "json", "csv")


@functools.lru_cache(maxsize=2)
def report_text(path: Path | None = None) -> dict[str, dict[str, str]]:
    """The report's words per language from config/report_text.yaml (or ``path``); every key needs en and zh."""
    data, label = read_config("report_text", path)
    for key, value in data.items():
        if not isinstance(key, str):  # an unquoted yes/no key is a YAML boolean
            raise ConfigError(f"{label}: key {key!r} must be a string; quote it")
        if hasattr(dict, key):  # Jinja resolves t.items to dict.items, not to the key: rename it
            raise ConfigError(f"{label}: key '{key}' is the name of a dict method; rename it")
        if not isinstance(value, dict) or any(not isinstance(value.get(lang), str) for lang in LANGUAGES):
            raise ConfigError(f"{label}: '{key}' needs text for each of: {', '.join(LANGUAGES)}")
    return data


def environment() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("reports", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["num"] = lambda value: f"{value:,}" if value is not None else ""
    env.filters["place"] = localise  # {{ f.location | place(lang) }}
    env.filters["money"] = money  # {{ amount | money(currency, lang) }}: RMB 50,000,000 / 5000万元
    env.filters["count"] = count  # {{ n | count(lang) }}: 10,000,000 / 1000万
    env.filters["reason"] = lambda text, lang: translate(text, "reasons", lang)
    env.filters["sampling"] = lambda text, lang: translate(text, "sampling", lang)
    env.filters["utc"] = utc_minute
    return env


def utc_minute(iso: str | None) -> str:
    """A manifest's ISO time as ``2026-11-20 08:30 UTC`` ("?" when unknown)."""
    if not iso:
        return "?"
    return datetime.fromisoformat(iso).astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def jurisdiction_words(words: dict[str, str], jurisdictions: tuple[str, ...], lang: str) -> dict[str, str]:
    """The words whose law depends on the jurisdictions shown: without the GDPR no "special category",
    and the method appendix names only the laws shown."""
    words = dict(words)
    if "eu" not in jurisdictions:
        words["tier_special"], words["m_sensitivity_text"] = words["tier_special_cn"], words["m_sensitivity_text_cn"]
    join = "" if lang == "zh" else " "
    words["exposure_method_text"] = join.join(words[f"exposure_method_{j}"] for j in jurisdictions)
    words["legal_basis_note"] = join.join([*(words[f"sources_{j}"] for j in jurisdictions),
                                           words["not_legal_advice"]])
    return words


def render_html(assessment: Assessment, lang: str = "en") -> str:
    """The report as one HTML string with inline CSS and inline script: no external asset, no request."""
    words = jurisdiction_words({key: value[lang] for key, value in report_text().items()},
                               assessment.options.jurisdictions, lang)
    data, rules, deal = assessment.data, assessment.rules, assessment.options.deal
    checklist = rules.context.deals[deal] if deal else None
    steps = deal_steps(rules, assessment.options)
    warnings = [s for s in steps if s.warning] if assessment.risks else []
    sensitive = [e for e, r in rules.entities.items() if r.pipl_sensitive or r.gdpr_special_category]
    jurisdictions = assessment.options.jurisdictions

    def cited(codes: tuple[str, ...]) -> list[str]:
        # Citations of the laws --jurisdictions shows; a deal step citing none of them keeps its own,
        # since the checklists are PRC law whatever else is shown.
        return [c for c in codes if shown(rules, c, jurisdictions)] or list(codes)

    return environment().get_template("report.html").render(
        lang=lang, t=words, a=assessment, manifest=data.manifest, rules=rules, cfg=assessment.config,
        deal=checklist, deal_steps=steps, deal_warnings=warnings, sensitive_types=sensitive,
        groups=trigger_groups(assessment), cited=cited, requests=EVIDENCE_REQUESTS,
        scope=scope(data.items, data.manifest.get("sources") or [], assessment.coverage),
        entities=assessment.entities, coverage=assessment.coverage,
        heat=heat_map(data.findings, assessment.rules, jurisdictions),
        evidence={e.entity_type: evidence(data.findings, e.entity_type) for e in assessment.entities},
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))


def trigger_groups(assessment: Assessment) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Lists of entity types that trigger more than one obligation, lettered A, B, … by how often they
    recur, keyed by the types joined with commas: the report prints each once above the obligations and
    its letter under each article."""
    lists = Counter(tuple(why for why in row.triggered_by if why not in ("deal", "threshold"))
                    for rows in assessment.obligations.values() for row in rows)
    shared = sorted((types for types, n in lists.items() if len(types) > 1 and n > 1), key=lambda t: -lists[t])
    return {",".join(types): (chr(ord("A") + index), types) for index, types in enumerate(shared[:26])}


def render_report(out_dir: Path, scan_id: str | None = None, lang: str = "en", options: Options = Options()) -> str:
    """The HTML report of a scan in ``out_dir``, from the Parquet files and manifest alone."""
    return render_html(build(out_dir, scan_id, options), lang)


def write_report(out_dir: Path, output: Path, scan_id: str | None = None, lang: str = "en",
                 options: Options = Options(), fmt: str = "html") -> Path:
    """Write the report as HTML, a JSON summary or the CSV evidence table (masked values only)."""
    return write_assessment(build(out_dir, scan_id, options), output, lang, fmt)


def write_assessment(assessment: Assessment, output: Path, lang: str = "en", fmt: str = "html") -> Path:
    """Write an assessment already built (the CLI also reads its overall level for --fail-on)."""
    from reports.export import write_csv, write_json

    output.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "json":
        write_json(assessment, output)
    elif fmt == "csv":
        write_csv(assessment, output, lang)
    else:
        output.write_text(render_html(assessment, lang), encoding="utf-8")
    return output
