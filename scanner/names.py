"""Names are data: a path, archive member, sheet or table name that holds personal information
(``张伟_身份证_1101….pdf``) is masked like any other value in everything written. The real name is kept
only outside DIR, beside the key (``piiaudit locate``), so whoever ran the scan can still find the file.
"""
from __future__ import annotations

import functools
import hashlib
import hmac
import json
import re
from dataclasses import replace
from pathlib import Path

import platformdirs

from scanner.privacy import mask
from scanner.records import Chunk, ItemResult

# Names are cut where a share or an archive nests them; each part is judged alone.
_PARTS = re.compile(r"([/!])")
# Underscores join the words of a file name (张伟_身份证): read as spaces, which keeps offsets.
_JOINERS = str.maketrans("_", " ")
_EXTENSION = re.compile(r"(.*?)(\.[A-Za-z0-9]{1,5})?$", re.DOTALL)
# NER guesses PERSON in short names too readily ("apps", "cn"): in a name, a person is Chinese characters,
# or two or more capitalised words ("Zhang Wei", "Mary-Ann O'Neil").
_NAME_LIKE = re.compile(r"[\u4e00-\u9fff·]{2,6}|[A-Z][^\W\d_]*(?:[ '.-]+[A-Z][^\W\d_]*)+")


class NameMasker:
    """Masks what the detectors find in names, remembering each part's verdict (folders repeat)."""

    def __init__(self, engine, language: str = "auto"):
        self.engine, self.language = engine, language

    def name(self, name: str) -> str:
        return "".join(part if part in "/!" else self._part(part) for part in _PARTS.split(name))

    def text(self, text: str | None, name: str) -> str | None:
        """A reason that quotes ``name`` or parts of it, with those masked as in ``name()``."""
        for part in _PARTS.split(name):
            if text and part not in "/!" and self._part(part) != part:
                text = text.replace(part, self._part(part))
        return text

    def location(self, location: str) -> str:
        """A sheet's name in ``Sheet!C7`` is a name too; the cell and the other location words are not."""
        sheet, bang, cell = location.rpartition("!")
        return f"{self._part(sheet)}!{cell}" if bang else location

    @functools.lru_cache(maxsize=65536)  # noqa: B019 (one masker per worker process, kept for its life)
    def _part(self, part: str) -> str:
        stem, extension = _EXTENSION.match(part).groups()  # "cn.csv" is no one's name
        if len(stem) < 2:
            return part
        matches = self.engine.detect(Chunk(stem.translate(_JOINERS), ((0, ""),)), self.language)
        for match in sorted(matches, key=lambda m: m.start, reverse=True):
            if match.entity_type != "PERSON" or _NAME_LIKE.fullmatch(match.text):
                stem = stem[:match.start] + mask(match.entity_type, stem[match.start:match.end]) + stem[match.end:]
        return stem + (extension or "")


def masked_results(results: list[ItemResult], masker: NameMasker) -> list[ItemResult]:
    """``results`` with every name and sheet masked; a result whose name changed keeps the real one in
    ``real_name`` (never written to DIR)."""
    return [_masked(result, masker) for result in results]


def _masked(result: ItemResult, masker: NameMasker) -> ItemResult:
    real = result.item.name
    name = masker.name(real)
    findings = tuple(_renamed(f, name, masker) for f in result.findings)
    if name == real and all(new is old for new, old in zip(findings, result.findings, strict=True)):
        return result
    return replace(result, item=replace(result.item, name=name), findings=findings,
                   reason=masker.text(result.reason, real), real_name=real if name != real else None)


def _renamed(finding, name: str, masker: NameMasker):
    """``finding`` under the masked names, itself when neither its item nor its location changes (most
    do not: no copy of every finding of every item)."""
    location = masker.location(finding.location)
    if (finding.item, finding.location) == (name, location):
        return finding
    return replace(finding, item=name, location=location)


def name_key(key: bytes, source: str, name: str) -> str:
    """Which item a row is, without its name: the same file has the same key in every scan."""
    return hmac.new(key, f"{source}\0{name}".encode("utf-8", "surrogateescape"), hashlib.sha256).hexdigest()[:32]


def names_file(scan_id: str) -> Path:
    """Where a scan's real names are kept: beside the key in the user's config folder, never in DIR."""
    return Path(platformdirs.user_config_dir("piiaudit")) / "names" / f"{scan_id}.jsonl"


def remember(scan_id: str, results: list[ItemResult]) -> None:
    """Append the real names of results whose names were masked (lines, so a crash loses at most one)."""
    lines = [json.dumps({"source": r.item.source, "item": r.item.name, "real": r.real_name}, ensure_ascii=False)
             for r in results if r.real_name]
    if lines:
        path = names_file(scan_id)
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(path, "a", encoding="utf-8", errors="surrogateescape") as handle:
            handle.write("\n".join(lines) + "\n")


def locate(scan_ids: list[str], item: str) -> list[tuple[str, str]]:
    """(source, real name) of the items shown as ``item`` in these scans."""
    found = []
    for scan_id in scan_ids:
        path = names_file(scan_id)
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8", errors="surrogateescape").splitlines():
            try:
                row = json.loads(line)
            except ValueError:
                continue  # the last line of a scan that was killed while writing it
            if row["item"] == item and (row["source"], row["real"]) not in found:
                found.append((row["source"], row["real"]))
    return found
