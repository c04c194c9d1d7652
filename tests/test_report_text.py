"""config/report_text.yaml holds exactly the words the report uses, each in every language it renders in."""
from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
import yaml

import reports
from reports.categories import NAMES as CATEGORY_NAMES
from reports.legal import DEALS, METRICS, STRUCTURES
from reports.memo import EVIDENCE_REQUESTS, Memo
from reports.obligations import CCPA_BREACH_ELEMENT, CCPA_SENSITIVE, JURISDICTIONS
from reports.render import report_text
from reports.risk_config import LEVELS, TIERS
from reports.validate import LANGUAGES
from scanner.errors import ConfigError

PACKAGE = Path(reports.__file__).parent
TEXT = PACKAGE.parent / "config" / "report_text.yaml"

# Keys a template builds as prefix ~ value, with every value the code can give them
# (item statuses as in DESIGN.md's items table).
BUILT = {"level_": LEVELS, "tier_": TIERS, "deal_": DEALS, "jur_": JURISDICTIONS,
         "metric_": METRICS, "cap_": ("or", "higher"), "ccpa_": CCPA_SENSITIVE, "element_": CCPA_BREACH_ELEMENT,
         "status_": ("scanned", "unchanged", "skipped", "error"), "structure_": (*STRUCTURES, "unknown"),
         "triage_": ("freeze", "backup"), "memo_": tuple(f.name for f in dataclasses.fields(Memo)),
         "category_": (*CATEGORY_NAMES, "untold"),
         "request_": tuple(name for key, _ in EVIDENCE_REQUESTS for name in (key, f"{key}_text"))}


def templates() -> str:
    return "\n".join(p.read_text(encoding="utf-8") for p in sorted((PACKAGE / "templates").glob("*.html")))


def used_keys() -> set[str]:
    text = templates()
    named = set(re.findall(r"\bt\.(\w+)", text)) - {"get"} | set(re.findall(r"\bt\[\s*'(\w+)'\s*\]", text))
    nav = re.search(r"<nav.*?</nav>", text, re.S)[0]
    named |= set(re.findall(r"\('\w+', '(\w+)'\)", nav))  # the nav bar's (section id, key) pairs, read as t[key]
    named |= set(re.findall(r'Flag\("(\w+)"', (PACKAGE / "actions.py").read_text(encoding="utf-8")))  # t[f.key]
    built = set(re.findall(r"\bt(?:\[|\.get\()\s*'(\w+_)'\s*~", text))
    assert built == set(BUILT), "a template builds keys with a prefix this test does not know: add it to BUILT"
    read, _ = composed_words()
    named |= read
    return named | {prefix + value for prefix, values in BUILT.items() for value in values}


def composed_words() -> tuple[set[str], set[str]]:
    """reports/render.py's jurisdiction_words composes some words from others: the keys it reads, and
    the keys it writes (which config/report_text.yaml need not hold)."""
    body = (PACKAGE / "render.py").read_text(encoding="utf-8").split("def jurisdiction_words")[1].split("\ndef ")[0]
    written = {key for left in re.findall(r'^\s*((?:words\["\w+"\](?:, )?)+) =', body, re.M)
               for key in re.findall(r'words\["(\w+)"\]', left)}
    read = set(re.findall(r'words\["(\w+)"\]', body))
    read |= {f"{prefix}{j}" for prefix in re.findall(r'words\[f"(\w+_)\{j\}"\]', body) for j in JURISDICTIONS}
    return read, written


def test_every_key_is_used_and_every_used_key_exists():
    keys = set(yaml.safe_load(TEXT.read_text(encoding="utf-8")))
    used = used_keys()
    assert sorted(keys - used) == [], "unused keys in config/report_text.yaml"
    assert sorted(used - keys - composed_words()[1]) == [], "keys the report uses that config/report_text.yaml lacks"


def test_every_key_has_text_in_every_language():
    for key, value in yaml.safe_load(TEXT.read_text(encoding="utf-8")).items():
        assert isinstance(value, dict) and sorted(value) == sorted(LANGUAGES), key
        assert all(isinstance(value[lang], str) and value[lang].strip() for lang in LANGUAGES), key


def test_no_key_is_shadowed_by_a_dict_method():
    # Jinja resolves t.items to dict.items before the key "items": the header rendered as "<built-in method…>".
    keys = set(yaml.safe_load(TEXT.read_text(encoding="utf-8")))
    assert sorted(k for k in keys if hasattr(dict, k)) == []


def test_a_key_named_like_a_dict_method_is_rejected_at_load(tmp_path):
    path = tmp_path / "report_text.yaml"
    path.write_text('items: {en: "Items", zh: "对象数"}\n', encoding="utf-8")
    with pytest.raises(ConfigError, match=r"report_text.yaml: key 'items' is the name of a dict method"):
        report_text(path)
