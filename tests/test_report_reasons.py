"""config/report_reasons.yaml: every reason and sampling description the scanner writes reads in Chinese in
the zh report; unknown text is shown as stored; a broken pattern names file and key."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from report_fixtures import ITEMS, TABLES

import scanner
from reports.reasons import load_patterns, translate
from scanner.errors import ConfigError

SCANNER = Path(scanner.__file__).parent

# One example of each reason the scanner writes (grep scanner/ for SkippedError, ExtractError and
# Member(reason=…)), with the item name in front where the scanner puts it.
SCANNER_REASONS = [
    "a.zip: password-protected zip (ask for an unprotected copy or the password)",
    "a.xlsx: password-protected xlsx (ask for an unprotected copy or the password)",
    "a.pdf: password-protected pdf (ask for an unprotected copy or the password)",
    "a.pdf: encrypted pdf (AES needs the cryptography package installed)",
    "a.docx: not a readable .docx (encrypted, password-protected or damaged: File is not a zip file)",
    "a.pptx: not a readable .pptx (damaged: File is not a zip file)",
    "a.pdf: not a readable PDF (EOF marker not found)",
    "a.xls: cannot open spreadsheet (Unsupported format)",
    "a.xlsx: cannot open spreadsheet (damaged: PanicException)",
    "a.xls: cannot open spreadsheet (damaged: a sheet ends before it starts)",
    "a.csv: not readable as CSV (line contains NUL)",
    "a.png: not a readable image (damaged: UnidentifiedImageError)",
    "a.png: OCR needs Tesseract with its Chinese data (apt-get install tesseract-ocr tesseract-ocr-chi-sim)",
    "a.tif: OCR failed (tesseract exit code 1)",
    "a.png: image of more than 178,956,970 pixels, not read (a possible decompression bomb)",
    "a.xlsx: a sheet spans 17,179,869,184 cells, over the 10,000,000 cell limit (save its data as CSV and scan that)",
    "a.msg: not a readable .msg (damaged: OleFileError)",
    "a.eml: not a readable .eml (damaged: HeaderParseError)",
    "a.msg: not an Outlook .msg file (no OLE container)",
    "a.eml: not a mail message (no header such as From: or Subject: at its start)",
    "a.xml: not well-formed XML (mismatched tag at line 3)",
    "a.xml: XML with entity or DTD declarations not read (EntitiesForbidden: possible XML bomb)",
    "a.bin: binary content, not text",
    "a.txt: cannot decode as text (not UTF-8, GB18030 or any encoding charset-normalizer knows)",
    "a.dwg: file type not supported yet (image/vnd.dwg; supported: csv docx pdf)",
    "file types cannot be told without libmagic (apt-get install libmagic1, or your system's libmagic package)",
    "crm.db: SQLite database not read here (copy it out and scan it as sqlite:///FILE)",
    "a.zip: damaged or truncated archive (BadZipFile: File is not a zip file)",
    "a.zip!b.csv: damaged archive member (BadZipFile: Bad CRC-32 for file 'b.csv')",
    "link inside the archive (to ../etc/passwd), not followed",
    "not read: 300 MB uncompressed, above the 200 MB limit",
    "not read: more than 200 MB uncompressed, above the 200 MB limit",
    "not read: the archive limit of 1024 MB uncompressed in total was reached",
    "not read: the archive limit of 10000 members was reached",
    "not read: compression ratio 1000:1, above the 100:1 limit (possible zip bomb)",
    "not read: compression ratio more than 150:1, above the 100:1 limit (possible zip bomb)",
    "not read: the rest of the archive lies beyond the 1024 MB limit",
    "not read: That compression method is not supported",
    "a.zip: not opened, nested deeper than 3 archives",
    "attached Outlook item inside a .msg: not read (save it as a .msg file and scan that)",
    "message body stored only as compressed RTF: not read (save the message as .eml or .txt and scan that)",
    "big.csv: larger than the 100 MB limit (raise scan.max_file_mb to read it)",
    "dead: symbolic link to nothing (broken), not followed",
    "out: symbolic link out of the scanned folder, not followed (scan its target as a source)",
    "alias: symbolic link, not followed (its target is scanned as hr/real.csv)",
    "fifo: named pipe (FIFO), not a regular file",
    "sock: socket, not a regular file",
    "tty: character device, not a regular file",
    "sda: block device, not a regular file",
    "odd: special file, not a regular file",
    "secret.txt: permission denied (run as a user who can read it)",
    "hr/private: folder cannot be listed (permission denied); its files were not scanned (run as a user who "
    "can read it)",
    "hr/gone: folder cannot be listed (No such file or directory); its files were not scanned",
    "hr/moved: folder could not be listed during the scan; its files were not scanned (scan it again)",
    "a: symbolic link in a loop (it leads back to itself), not followed",
    "big.pdf: took longer than the 900 s limit per item (scan.item_timeout_s); not read",
    "big.pdf: the worker process reading it was killed (SIGKILL), twice (out of memory, see "
    "scan.worker_memory_mb, or a runaway parser?); not read",
    "big.pdf: the worker process reading it did not stop after its time limit, twice (out of memory, see "
    "scan.worker_memory_mb, or a runaway parser?); not read",
    "big.pdf: needs more memory than a worker may use (scan.worker_memory_mb); not read",
    "big.pdf: the worker process reading it exited with code 3, twice (out of memory, see "
    "scan.worker_memory_mb, or a runaway parser?); not read",
    "big.pdf: the worker process reading it died, twice (out of memory, see scan.worker_memory_mb, or a runaway "
    "parser?); not read",
    "big.pdf: could not be scanned (PicklingError)",
    "big.pdf: the worker processes reading it died, again and again (out of memory, or a runaway parser?); not read",
    "gone.txt: cannot be opened (No such file or directory)",
    "j: link on the server (reparse point: a symbolic link or junction), not followed",
    "loop: folder reached again through a link on the server (a loop, or a second path to a folder scanned "
    "under its other name), not walked again",
    "a.csv: could not be read over SMB (STATUS_ACCESS_DENIED)",
    "hr: folder not scanned, it cannot be listed (STATUS_ACCESS_DENIED)",
    "deep/x: folder not scanned, more than 64 folders deep (a loop of links?)",
]
SCANNER_SAMPLING = [
    "every row (120)", "every row (--full-tables)", "first 10000 rows (no integer primary key to sample by)",
    "primary-key ranges: 10 random starts on id, up to 100 rows each, seed 7",
    "TABLESAMPLE SYSTEM (2.5) REPEATABLE (7) LIMIT 10000",
]
FIXTURE_REASONS = [reason for *_, reason in ITEMS.values() if reason]
FIXTURE_SAMPLING = [sampling for *_, sampling in TABLES.values()]
_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("kind, text", [*(("reasons", r) for r in FIXTURE_REASONS + SCANNER_REASONS),
                                        *(("sampling", s) for s in FIXTURE_SAMPLING + SCANNER_SAMPLING)])
def test_every_known_reason_and_sampling_reads_in_chinese(kind, text):
    zh = translate(text, kind, "zh")
    assert zh != text and _CJK.search(zh), zh
    assert translate(text, kind, "en") == text
    for word in ("not read", "not followed", "limit", "password", "every row", "seed", "random"):
        assert word not in zh, (word, zh)


def test_the_item_name_is_kept_in_front():
    assert translate("hr/a b.zip: password-protected zip (ask for the password)", "reasons", "zh") == \
        "hr/a b.zip：受密码保护的 zip（请索取未加密的副本或密码）"


@pytest.mark.parametrize("text", ["something new went wrong", "a.csv: a reason from a newer scanner"])
def test_unknown_text_is_shown_as_stored(text):
    assert translate(text, "reasons", "zh") == text


@pytest.mark.parametrize("entry, message", [
    ({"match": "broken (", "zh": "x"}, "'reasons[0].match' is not a valid regular expression"),
    ({"match": "size (?P<n>\\d+)", "zh": "大小 {size}"}, "'reasons[0].zh' uses {size}, which is not a named group"),
    ({"match": "x", "zh": "x", "en": "x"}, "unknown key 'reasons[0].en'"),
    ({"match": "x"}, "missing key 'reasons[0].zh'"),
])
def test_broken_pattern_names_file_and_key(tmp_path, entry, message):
    path = tmp_path / "report_reasons.yaml"
    path.write_text(yaml.safe_dump({"reasons": [entry], "sampling": []}), encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(f"{path}: ") + ".*" + re.escape(message)):
        load_patterns(path)


def test_the_list_keeps_up_with_the_scanner():
    # The fixed words each raise or reason= in scanner/ starts with must be in an example above, so a
    # new reason gets an example here, and the test above then asks for its pattern.
    starts = re.compile(r'(?:(?:SkippedError|ExtractError)\(f?"(?:\{[^}]*\}: )?|reason=f?"|return f"\{\w+\}: )'
                        r'([^"{]{12,})')
    source = "\n".join(p.read_text(encoding="utf-8") for p in sorted(SCANNER.rglob("*.py")))
    fragments = {m.group(1) for m in starts.finditer(source)}
    assert fragments and sorted(f for f in fragments if not any(f in r for r in SCANNER_REASONS)) == []
