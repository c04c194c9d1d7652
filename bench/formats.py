"""Files in the formats read since the room was first written: html, xml, pptx, pdf, zip, xls, ods.

One function per kind of file, as in bench/documents.py and bench/decoys.py; instance ``i`` picks
one of two formats (html or xml, pptx or pdf, xls or ods), so each format appears once in the default
two-copy room. Markup is written as literal parts around the planted values, which hold no ``<``
or ``&`` and so need no escaping.
"""
from __future__ import annotations

from bench.decoys import qa_report
from bench.doc import Archive, Deck, Doc, P, Table
from bench.documents import en_interview, zh_hr_record
from bench.values import MEDICAL_EN, Values


def contact_export(v: Values, i: int):
    """A staff directory page (html) or a CRM customer export (xml): names, phones, e-mails."""
    people = [(v.zh_name(), v.cn_mobile()) if n % 2 else (v.en_name(), v.us_phone()) for n in range(4)]
    if i % 2:
        d = Doc().line("<!DOCTYPE html>").line("<html><head><title>Staff directory</title>",
                                                "<script>var build = 'x';</script></head><body>")
        d.line("<h1>Regional sales team</h1>").line("<table>")
        d.line("<tr><th>Name</th><th>Mobile</th><th>E-mail</th></tr>")
        for name, phone in people:
            d.line("<tr><td>", P("PERSON", name), "</td><td>", P("PHONE_NUMBER", phone), "</td><td>",
                   P("EMAIL_ADDRESS", v.email(name if name.isascii() else None)), "</td></tr>")
        return f"web/staff_directory_{i:03d}.html", d.line("</table></body></html>")
    d = Doc().line('<?xml version="1.0" encoding="UTF-8"?>').line(f'<customers exported="{v.timestamp()}">')
    for name, phone in people:
        d.line(f'  <customer id="{v.order_number()}">')
        d.line("    <name>", P("PERSON", name), "</name>")
        d.line("    <phone>", P("PHONE_NUMBER", phone), "</phone>")
        d.line("    <email>", P("EMAIL_ADDRESS", v.email(name if name.isascii() else None)), "</email>")
        d.line("  </customer>")
    return f"crm/customers_export_{i:03d}.xml", d.line("</customers>")


def product_feed(v: Values, i: int):
    """No personal data: a product page (html) or a product feed (xml) of SKUs, EANs and batch numbers."""
    if i % 2:
        d = Doc().line("<!DOCTYPE html>").line(f"<html><head><title>{v.product()}</title></head><body>")
        d.line(f"<h1>{v.company('en')} product range</h1><ul>")
        for _ in range(6):
            d.line(f'<li title="SKU {v.sku()}">{v.product()}: EAN {v.ean()}, batch {v.batch_number()}, '
                   f"{v.amount()} CNY</li>")
        return f"web/products_{i:03d}.html", d.line("</ul></body></html>")
    d = Doc().line('<?xml version="1.0" encoding="UTF-8"?>').line(f'<feed batch="{v.batch_number()}">')
    for _ in range(6):
        d.line(f'  <item sku="{v.sku()}"><title>{v.product()}</title><ean>{v.ean()}</ean>'
               f"<order>{v.order_number()}</order><updated>{v.timestamp()}</updated></item>")
    return f"products/feed_{i:03d}.xml", d.line("</feed>")


def account_review(v: Values, i: int):
    """A customer account review as slides with speaker notes (pptx) or as an exported PDF (English only)."""
    name, manager = v.en_name(), v.en_name()
    title = Doc().line(f"Account review {v.timestamp()[:10]}").line(f"{v.company('en')}: key account")
    contact = Doc().line("Primary contact: ", P("PERSON", name))
    contact.line("Phone ", P("PHONE_NUMBER", v.us_phone()), ", e-mail ", P("EMAIL_ADDRESS", v.email(name)))
    contact.line("Billing address: ", P("ADDRESS", v.en_address()))
    notes = Doc().line("Do not read out: ", P("PERSON", name), " is on leave for ",
                       P("MEDICAL_CONDITION", v.choice(MEDICAL_EN)), " until next month.")
    notes.line("Escalate to ", P("PERSON", manager), " at ", P("PHONE_NUMBER", v.uk_phone()), ".")
    orders = Doc().line(f"Open orders: {v.order_number()}, {v.order_number()}; SKU {v.sku()}")
    if i % 2:
        return f"sales/account_review_{i:03d}.pptx", Deck([(title, Doc()), (contact, notes), (orders, Doc())])
    whole = Doc(lines=title.lines + contact.lines + orders.lines + notes.lines)
    return f"sales/account_review_{i:03d}.pdf", whole


def hr_archive(v: Values, i: int):
    """A zip of two HR documents and a quality report without personal data."""
    return f"archive/hr_backup_{i:03d}.zip", Archive([make(v, i) for make in (zh_hr_record, en_interview, qa_report)])


def legacy_orders(v: Values, i: int):
    """No personal data: an old order sheet saved as Excel 97 (xls) or OpenDocument (ods)."""
    rows = [[v.order_number(), v.sku(), v.ean(), v.amount(), v.timestamp()[:10]] for _ in range(20)]
    table = Table(["订单号", "SKU", "条形码", "金额", "日期"], rows, "订单")
    return f"finance/legacy_orders_{i:03d}.{'xls' if i % 2 else 'ods'}", [table]


FORMAT_FILES = (contact_export, product_feed, account_review, hr_archive, legacy_orders)
