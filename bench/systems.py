"""The two systems measured: piiaudit (the library's ``run_scan``) and plain Presidio, on the same input.

Plain Presidio is ``AnalyzerEngine`` with its default English recognizers and the same spaCy model
(from config/detectors.yaml) loaded through ``NlpEngineProvider``. It sees exactly the chunks the
scanner's extractors produce (column chunks with their header as context, archive members as items of
their own), keeps results at the same ``min_score`` piiaudit uses, and its entity names are mapped
onto ours by ``presidio_entities``.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from bench.score import item_key
from scanner.connectors import SourceOptions, TableSample, open_source
from scanner.contents import scan_contents
from scanner.extract.chunking import column_chunks
from scanner.extract.members import Limits
from scanner.records import Chunk, Item, ItemResult

DATABASE = "crm.db"
EXCLUDE = ("*.db",)  # the database is scanned through its URL, not as a file


def sources(room: Path) -> list[str]:
    return [str(room), f"sqlite:///{room / DATABASE}"]


def _container(source: str, item: str) -> str:
    return f"{DATABASE}:{item}" if source.startswith("sqlite") else item


def _script(text: str) -> str:
    return "zh" if text[:1] >= "\u3400" and text[:1] <= "\u9fff" else "en"


def piiaudit_scan(room: Path, out: Path, workers: int = 0) -> list[dict]:
    """Scan the room with ``run_scan``; one prediction per finding, read back from the Parquet store."""
    from scanner.pipeline import ScanOptions, run_scan
    from scanner.store import read_table

    options = ScanOptions(source=SourceOptions(exclude=EXCLUDE), workers=workers)
    summary = run_scan(sources(room), out, options)
    findings = read_table(out, "findings", summary.scan_id).to_pylist()
    return [_prediction(_container(f["source"], f["item"]), f["column"], f["location"], f["entity_type"],
                        f["start"], f["end"], _script(f["masked_value"])) for f in findings]


def _prediction(item, column, location, entity, start, end, script) -> dict:
    span = {"cell": location} if start is None else {"start": start, "end": end}
    return {"item": item_key(item, column, location), "entity": entity, "script": script, **span}


def room_chunks(room: Path) -> Iterator[tuple[str, Chunk]]:
    """(container, chunk) for every item of the room, as the scanner's connectors and extractors see it."""
    for uri in sources(room):
        connector = open_source(uri, SourceOptions(exclude=EXCLUDE))
        for item in connector.items():
            payload = connector.read(item)
            if isinstance(payload, TableSample):
                chunks = column_chunks(payload.columns, payload.rows, lambda row, col: f"row {row + 1}")
                yield from ((_container(uri, item.name), chunk) for chunk in chunks)
            else:
                yield from _file_chunks(item, payload)


def _file_chunks(item: Item, data: bytes) -> list[tuple[str, Chunk]]:
    """A file's own chunks, then its members' (``x.zip!inner.txt``), walked by scanner/contents.py itself."""
    seen: list[tuple[str, Chunk]] = []

    def collect(inner: Item, chunks) -> ItemResult:
        seen.extend((inner.name, chunk) for chunk in chunks)
        return ItemResult(inner, "scanned")

    scan_contents(item, data, Limits(), collect, tables=lambda inner, _data: [])
    return seen


class PlainPresidio:
    """Presidio as it comes: default recognizers, English, the same spaCy model and threshold."""

    def __init__(self):
        import logging

        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NlpEngineProvider

        from detectors.offline import use_bundled_suffix_list
        from detectors.settings import load_detector_settings

        use_bundled_suffix_list()
        logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
        settings = load_detector_settings()
        provider = NlpEngineProvider(nlp_configuration={
            "nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": settings.spacy_model}]})
        self.analyzer = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])
        self.mapping = settings.presidio_entities
        self.threshold = settings.min_score
        self.entities = sorted(set(self.mapping) & set(self.analyzer.get_supported_entities("en")))

    def analyze(self, chunk: Chunk) -> list[tuple[str, int, int]]:
        """(our entity type, start, end) for each result at or above the threshold."""
        results = self.analyzer.analyze(chunk.text, language="en", entities=self.entities,
                                        context=[chunk.column] if chunk.column else None,
                                        score_threshold=self.threshold)
        return [(self.mapping[r.entity_type], r.start, r.end) for r in results]

    def scan(self, room: Path) -> list[dict]:
        predictions = []
        for container, chunk in room_chunks(room):
            for entity, start, end in self.analyze(chunk):
                location = chunk.location(start)
                span_start = None if chunk.base is None else chunk.base + start
                predictions.append(_prediction(container, chunk.column, location, entity, span_start,
                                               None if span_start is None else chunk.base + end,
                                               _script(chunk.text[start:end])))
        return predictions


# presidio-research labels → ours; labels not listed (GPE, ORGANIZATION, DATE_TIME, ...) are not scored.
DEVSET_ENTITIES = {"PERSON": "PERSON", "STREET_ADDRESS": "ADDRESS", "ADDRESS": "ADDRESS",
                   "CREDIT_CARD": "CREDIT_CARD", "PHONE_NUMBER": "PHONE_NUMBER", "EMAIL_ADDRESS": "EMAIL_ADDRESS",
                   "IBAN_CODE": "IBAN_CODE", "US_SSN": "US_SSN", "IP_ADDRESS": "IP_ADDRESS",
                   "US_DRIVER_LICENSE": "DRIVER_LICENSE"}


def devset(folder: Path) -> tuple[list[tuple[str, str]], list[dict]]:
    """(item, sentence) pairs and truth spans from presidio-research's JSON files in ``folder``."""
    sentences, spans = [], []
    for path in sorted(folder.glob("*.json")):
        for n, record in enumerate(json.loads(path.read_text(encoding="utf-8"))):
            item = f"{path.stem}:{n}"
            sentences.append((item, record["full_text"]))
            spans += [{"item": item, "entity": DEVSET_ENTITIES[s["entity_type"]], "start": s["start_position"],
                       "end": s["end_position"], "script": "en"}
                      for s in record["spans"] if s["entity_type"] in DEVSET_ENTITIES]
    return sentences, spans


def sentence_predictions(sentences: list[tuple[str, str]], detect) -> list[dict]:
    """Predictions of ``detect(chunk) -> [(entity, start, end)]`` on each sentence, scored types only."""
    wanted = set(DEVSET_ENTITIES.values())
    predictions = []
    for item, text in sentences:
        for entity, start, end in detect(Chunk(text, ((0, "text"),))):
            if entity in wanted:
                predictions.append({"item": item, "entity": entity, "start": start, "end": end, "script": "en"})
    return predictions
