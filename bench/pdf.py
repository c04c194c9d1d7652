"""A minimal PDF writer: pypdf reads PDFs but writes none from text, and no other dependency does.

Only Helvetica without an embedded font, so ASCII text only: Chinese text would need a CID font
embedded, which this writer does not do. Used by the benchmark room and tests/formats_gen.py.
"""
from __future__ import annotations


def pdf(pages: list[list[str]]) -> bytes:
    """A PDF whose page N shows the lines ``pages[N-1]`` in Helvetica (ASCII only)."""
    count = len(pages)
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(count))
    objects = ["<< /Type /Catalog /Pages 2 0 R >>", f"<< /Type /Pages /Kids [{kids}] /Count {count} >>",
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    for number, lines in enumerate(pages):
        text = " ".join(f"({_escaped(line)}) Tj T*" for line in lines)
        stream = f"BT /F1 11 Tf 14 TL 72 720 Td {text} ET".encode("latin-1")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {5 + 2 * number} 0 R >>")
        objects.append(f"<< /Length {len(stream)} >>\nstream\n{stream.decode('latin-1')}\nendstream")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{offset:010d} 00000 n \n" for offset in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _escaped(line: str) -> str:
    """``line`` as a PDF string literal's body: backslashes and parentheses escaped."""
    return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
