"""Write a labelled data room: files in every supported format, a SQLite CRM, and truth.json.

    python -m bench.room --seed 1 --out /tmp/room1

Truth is kept per container (a file or a database table), per item (a text file, or one column of a
table or spreadsheet; a zip's members are items, and containers, of their own: ``x.zip!inner.txt``) and
per span. Span offsets are in the item's extracted text, the text the scanner's own extractors
produce, which is what findings' ``start``/``end`` refer to; cells of tables are located like findings
(``row 7``, ``Sheet1!C7``). Same seed, same truth.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sqlite3
import zipfile
from email.message import EmailMessage
from email.utils import formataddr
from pathlib import Path

import docx
import pptx
from openpyxl import Workbook
from pptx.util import Inches

from bench.decoys import DECOY_FILES, decoy_tables
from bench.doc import Archive, Deck, Doc, JsonDoc, Table, planted_in, text_of
from bench.documents import DOCUMENTS
from bench.formats import FORMAT_FILES
from bench.legacy_sheets import ods, xls
from bench.pdf import pdf
from bench.score import item_key
from bench.tables import TABLE_FILES, crm_tables
from bench.values import Values
from scanner.extract import extractor_for
from scanner.extract.spreadsheet import column_letter

DATABASE = "crm.db"
_CJK = re.compile(r"[\u3400-\u9fff]")


def script(value: str) -> str:
    """``zh`` for a value with Chinese characters, else ``en`` (to split PERSON by language)."""
    return "zh" if _CJK.search(value) else "en"


def _deck_bytes(deck: Deck) -> bytes:
    presentation = pptx.Presentation()
    for body, notes in deck.slides:
        slide = presentation.slides.add_slide(presentation.slide_layouts[6])  # blank
        frame = slide.shapes.add_textbox(Inches(0.5), Inches(0.5), Inches(9), Inches(6)).text_frame
        frame.text = "\n".join(text_of(line) for line in body.lines)
        if notes.lines:
            slide.notes_slide.notes_text_frame.text = "\n".join(text_of(line) for line in notes.lines)
    out = io.BytesIO()
    presentation.save(out)
    return out.getvalue()


def _doc_bytes(path: str, doc: Doc | JsonDoc | Deck) -> bytes:
    if isinstance(doc, JsonDoc):
        return json.dumps(doc.plain(), ensure_ascii=False, indent=2).encode()
    if isinstance(doc, Deck):
        return _deck_bytes(doc)
    if path.endswith(".pdf"):
        return pdf([[text_of(line) for line in doc.lines]])
    if path.endswith(".docx"):
        document = docx.Document()
        for line in doc.lines:
            document.add_paragraph(text_of(line))
        if doc.table:
            table = document.add_table(rows=len(doc.table), cols=len(doc.table[0]))
            for r, row in enumerate(doc.table):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = text_of(cell)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()
    if path.endswith(".eml"):
        message = EmailMessage()
        for header, parts in doc.headers.items():
            value = text_of(parts)
            match = re.fullmatch(r"(.*) <(.*)>", value)
            message[header] = formataddr((match[1], match[2])) if match else value
        message.set_content("\n".join(text_of(line) for line in doc.lines))
        return bytes(message)
    return ("\n".join(text_of(line) for line in doc.lines) + "\n").encode()


def _extracted_text(path: str, data: bytes) -> str:
    """The item's text as the scanner extracts it: chunks placed at their offsets."""
    text = ""
    for chunk in extractor_for(path).extract(data, path):
        text = text[:chunk.base].ljust(chunk.base) + chunk.text
    return text


def _find(text: str, value: str) -> list[tuple[int, int]]:
    # ASCII values must stand alone: "Ann Lee" is not in "Joann Lee".
    edge = r"(?<![A-Za-z0-9])" if value[:1].isascii() and value[:1].isalnum() else ""
    tail = r"(?![A-Za-z0-9])" if value[-1:].isascii() and value[-1:].isalnum() else ""
    return [(m.start(), m.end()) for m in re.finditer(edge + re.escape(value) + tail, text)]


class Room:
    """Collects files, tables and their truth while they are written."""

    def __init__(self, root: Path):
        self.root = root
        self.containers: dict[str, dict] = {}
        self.items: dict[str, set[str]] = {}
        self.spans: list[dict] = []

    def add(self, path: str, doc: Doc | JsonDoc | Deck | Archive | list[Table]) -> None:
        if isinstance(doc, Archive):
            self.archive(path, doc)
        elif isinstance(doc, list):
            self.table_file(path, doc)
        else:
            self.text_file(path, doc)

    def text_file(self, path: str, doc: Doc | JsonDoc | Deck) -> None:
        data = _doc_bytes(path, doc)
        self._write(path, data)
        self._text_truth(path, data, doc)

    def archive(self, path: str, archive: Archive) -> None:
        """A zip whose members are items, and containers, of their own: ``x.zip!inner.txt``."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as written:
            for name, doc in archive.members:
                data = _doc_bytes(name, doc)
                written.writestr(name, data)
                self._text_truth(f"{path}!{name}", data, doc, "zip")
        self._write(path, out.getvalue())

    def _text_truth(self, path: str, data: bytes, doc: Doc | JsonDoc | Deck, fmt: str | None = None) -> None:
        text = _extracted_text(path, data)
        planted = {(p.entity, p.value) for p in doc.planted()}
        for entity, value in sorted(planted):
            found = _find(text, value)
            if not found:
                raise AssertionError(f"{path}: planted {entity} not found in the extracted text")
            self.spans += [{"item": path, "entity": entity, "start": s, "end": e, "script": script(value)}
                           for s, e in found]
        self._container(path, fmt or path.rsplit(".", 1)[-1], {path: {e for e, _ in planted}})

    def table_file(self, path: str, tables: list[Table]) -> None:
        if path.endswith(".xlsx"):
            workbook = Workbook()
            workbook.remove(workbook.active)
            for table in tables:
                sheet = workbook.create_sheet(table.sheet)
                sheet.append(table.header)
                for row in table.rows:
                    sheet.append([text_of(cell) or None for cell in row])
            out = io.BytesIO()
            workbook.save(out)
            data = out.getvalue()
        elif path.endswith((".xls", ".ods")):
            sheets = [(t.sheet, [t.header] + [[text_of(cell) for cell in row] for row in t.rows]) for t in tables]
            data = (xls if path.endswith(".xls") else ods)(sheets)
        else:
            out = io.StringIO()
            writer = csv.writer(out, delimiter="\t" if path.endswith(".tsv") else ",", lineterminator="\n")
            writer.writerow(tables[0].header)
            writer.writerows([text_of(cell) for cell in row] for row in tables[0].rows)
            data = out.getvalue().encode()
        self._write(path, data)
        xlsx = path.endswith((".xlsx", ".xls", ".ods"))
        for table in tables:
            self._cells(path, table, lambda r, c, t=table: f"{t.sheet}!{column_letter(c)}{r + 2}" if xlsx
                        else f"row {r + 2}")
        self.containers[path] = {"format": path.rsplit(".", 1)[-1]}

    def database(self, tables: list[tuple[str, Table]]) -> None:
        connection = sqlite3.connect(self.root / DATABASE)
        for name, table in tables:
            columns = ", ".join(f'"{c}" TEXT' for c in table.header)
            connection.execute(f'CREATE TABLE "{name}" ({columns})')
            marks = ", ".join("?" * len(table.header))
            connection.executemany(f'INSERT INTO "{name}" VALUES ({marks})',
                                   [[text_of(cell) or None for cell in row] for row in table.rows])
            self._cells(f"{DATABASE}:{name}", table, lambda r, c: f"row {r + 1}")
            self.containers[f"{DATABASE}:{name}"] = {"format": "sqlite"}
        connection.commit()
        connection.close()

    def _cells(self, item: str, table: Table, location) -> None:
        for c, column in enumerate(table.header):
            key = item_key(item, column, location(0, c))
            self.items.setdefault(key, set())
            for r, row in enumerate(table.rows):
                for p in planted_in(row[c]):
                    self.items[key].add(p.entity)
                    self.spans.append({"item": key, "entity": p.entity, "cell": location(r, c),
                                       "script": script(p.value)})

    def _container(self, path: str, fmt: str, items: dict[str, set[str]]) -> None:
        self.containers[path] = {"format": fmt}
        self.items.update(items)

    def _write(self, path: str, data: bytes) -> None:
        target = self.root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)

    def truth(self, seed: int) -> dict:
        for name, info in self.containers.items():
            info["personal"] = any(self.items[k] for k in self.items if k.split("#")[0] == name)
        return {"seed": seed, "containers": self.containers,
                "items": {k: sorted(v) for k, v in sorted(self.items.items())}, "spans": self.spans}


def generate(out: Path, seed: int, copies: int = 2, rows: int = 40) -> dict:
    """Write the data room for ``seed`` under ``out/room`` and return its truth (also ``out/truth.json``)."""
    values = Values(seed)
    room = Room(Path(out) / "room")
    room.root.mkdir(parents=True, exist_ok=True)
    for n in range(1, copies + 1):
        for make in DOCUMENTS + DECOY_FILES:
            room.add(*make(values, n))
        for make in TABLE_FILES:
            room.table_file(*make(values, n, rows))
    room.database(crm_tables(values, rows) + decoy_tables(values, rows))
    # Written last so that the values of the files above stay what they were before these formats came.
    for n in range(1, copies + 1):
        for make in FORMAT_FILES:
            room.add(*make(values, n))
    truth = room.truth(seed)
    (Path(out) / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8")
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--copies", type=int, default=2, help="instances of each kind of file")
    args = parser.parse_args()
    truth = generate(args.out, args.seed, args.copies)
    print(f"{len(truth['containers'])} files and tables, {len(truth['items'])} items, "
          f"{len(truth['spans'])} spans → {args.out}")


if __name__ == "__main__":
    main()

