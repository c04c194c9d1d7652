"""Text of any line length is read whole: cut into pieces the detectors can take, every value once."""
from __future__ import annotations

import json
import re
import string
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from scanner.connectors import SourceOptions
from scanner.extract.chunking import MAX_RUN, OVERLAP, pieces
from scanner.records import Chunk, Item
from scanner.unit import scan_item

_EMAIL = re.compile(r"[a-z.]+@example\.com")


def _scan(folder: Path, name: str, text: str):
    (folder / name).write_text(text, encoding="utf-8")
    [result] = scan_item(str(folder), SourceOptions(), Item(str(folder), name, "file", len(text)))
    return result


def _letters(n: int) -> str:
    """``n`` written in letters (aaaa, baaa, …): an address with digits would also wake the phone matcher."""
    return "".join(string.ascii_lowercase[n // 26 ** i % 26] for i in range(4))


def _emails(result) -> list[tuple[int, int]]:
    return sorted((f.start, f.end) for f in result.findings if f.entity_type == "EMAIL_ADDRESS")


def test_every_email_of_a_2_mb_single_line_json_is_found_once(tmp_path):
    records, size = [], 0
    while size < 2_000_000:
        records.append({"email": f"client.{_letters(len(records))}@example.com", "plan": "basic"})
        size += len(json.dumps(records[-1], separators=(",", ":"))) + 1
    text = json.dumps(records, separators=(",", ":"))
    assert "\n" not in text and len(text) > 2_000_000  # one line, past spaCy's 1,000,000 characters

    result = _scan(tmp_path, "export.json", text)

    assert result.status == "scanned"
    expected = [(m.start(), m.end()) for m in _EMAIL.finditer(text)]
    assert len(expected) == len(records) > 39_000
    assert _emails(result) == expected  # all of them, each once, at its place in the text
    assert {f.location for f in result.findings} == {"line 1"}


def test_values_across_hard_cuts_of_a_line_without_spaces_are_found_once(tmp_path):
    # No whitespace or punctuation to cut at: the first piece ends exactly MAX_RUN characters in, it
    # reports what starts before MAX_RUN - OVERLAP, and the next piece starts OVERLAP before that.
    text = list("/".join(["ref"] * 10_000))
    cuts = (MAX_RUN, MAX_RUN - OVERLAP, MAX_RUN - 2 * OVERLAP)
    for cut in cuts:
        text[cut - 11:cut + 12] = "/lena.moss@example.com/"  # the cut falls after "lena.moss@"
    text = "".join(text)
    first, _ = list(pieces(Chunk(text, ((0, "line 1"),))))[:2]
    assert [len(first[0].text), first[2]] == [MAX_RUN, MAX_RUN - OVERLAP]  # the cuts are where planted

    result = _scan(tmp_path, "blob.txt", text)

    assert _emails(result) == [(cut - 10, cut + 11) for cut in sorted(cuts)]


def test_a_long_line_of_digits_is_read_to_its_end(tmp_path):
    # 900 KB of spaced digits took 7.4 GB in one spaCy call, 1.1 GB in pieces; a shorter line here.
    digits = " ".join(str(i % 10) for i in range(60_000))
    text = f"{digits} contact: tom.hale@example.com"

    result = _scan(tmp_path, "digits.txt", text)

    assert result.status == "scanned"
    assert _emails(result) == [(text.index("tom.hale"), len(text))]


@settings(max_examples=200, deadline=None, derandomize=True, database=None)
@given(st.lists(st.sampled_from(["word", "a.b@example.com", " ", "\n", ",", "1234", "-" * 40]), max_size=400))
def test_pieces_report_each_value_once_with_its_place(words):
    text = "".join(words)
    marks = tuple((m.start(), f"line {n}") for n, m in enumerate(re.finditer(r"^", text, re.M), start=1))
    chunk = Chunk(text, marks, base=7)
    found = []
    for piece, first, last in pieces(chunk, size=400, overlap=60):
        for m in _EMAIL.finditer(piece.text):
            if first <= m.start() < last:
                found.append((piece.base + m.start(), piece.base + m.end(), piece.location(m.start())))
    assert found == [(7 + m.start(), 7 + m.end(), chunk.location(m.start())) for m in _EMAIL.finditer(text)]
