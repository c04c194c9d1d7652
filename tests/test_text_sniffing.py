"""Files no extractor claims by name or MIME type are read as text when their bytes are text."""
from __future__ import annotations

import pytest

from scanner.extract import extractor_for, sniffs_as_text
from scanner.extract import text as TEXT


@pytest.mark.parametrize("name, data", [
    ("db.js", b'// settings\nmodule.exports = { password: "Zq9-kLm4" };\n'),      # libmagic: application/javascript
    ("deploy.sh", b"#!/bin/bash\nexport PGPASSWORD=Zq9kLm4x\npsql -h db01\n"),    # text/x-shellscript
    ("etl.py", b"#!/usr/bin/env python3\nimport os\nDSN = 'postgres://etl:Zq9kLm4x@db/crm'\n"),
    ("app.properties", b"db.password=Zq9kLm4x\n"),
    (".env", b"API_TOKEN=tk_7Hq2Lx9Vb3Nw8Rz4Pd6Fm1Ks\n"),
    ("dump.sql", "-- 客户表\nINSERT INTO kh VALUES ('张伟', '13800138000');\n".encode("gb18030")),
    ("index.php", b"<?php\n$pass = 'Zq9kLm4x';\n"),
])
def test_text_without_an_extractor_is_read_as_text(name, data):
    assert sniffs_as_text(data)
    assert extractor_for(name, data) is TEXT


@pytest.mark.parametrize("name, data", [
    ("tool.bin", b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00"),  # NUL bytes: binary
    ("blob.dat", bytes(range(256)) * 4),
])
def test_binary_is_still_not_supported(name, data):
    assert not sniffs_as_text(data)
    assert extractor_for(name, data) is None
