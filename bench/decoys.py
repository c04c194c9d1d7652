"""Files and tables without personal data that look as if they had some.

Order numbers shaped like mobile numbers, 18-digit batch numbers shaped like resident IDs with a
wrong check digit, card-length numbers failing Luhn, waybills, SKUs, EAN barcodes, ISBNs, epoch
timestamps, hashes, product and company names, and a privacy policy that names the categories of
personal data without holding any.
"""
from __future__ import annotations

from bench.doc import Doc, JsonDoc, Table
from bench.values import Values


def product_catalog(v: Values, i: int):
    rows = [[v.sku(), v.product(), v.ean(), v.batch_number(), v.amount()] for _ in range(30)]
    return f"products/catalog_{i:03d}.csv", [Table(["SKU", "商品名称", "条形码", "批次号", "单价"], rows)]


def shipments(v: Values, i: int):
    rows = [[v.waybill(), v.order_number(), v.timestamp(), f"{v.rng.uniform(0.2, 30):.2f}",
             v.choice(["上海", "北京", "深圳", "成都", "杭州"])] for _ in range(30)]
    header = ["运单号", "订单号", "发货时间", "重量kg", "目的城市"]
    return f"logistics/shipments_{i:03d}.xlsx", [Table(header, rows, "发货")]


def inventory(v: Values, i: int):
    rows = [[v.sku(), str(v.rng.randint(0, 5000)), v.choice(["WH-SH-01", "WH-BJ-02", "WH-SZ-03"]),
             v.luhn_failing_card(), v.timestamp()] for _ in range(30)]
    return f"products/inventory_{i:03d}.tsv", [Table(["sku", "qty", "warehouse", "serial_no", "updated"], rows)]


def order_export(v: Values, i: int):
    orders = [{"order_no": v.order_number(), "sku": v.sku(), "qty": v.rng.randint(1, 5), "amount": v.amount(),
               "created_ms": v.timestamp(), "channel": v.choice(["web", "app", "mini-program"])} for _ in range(12)]
    return f"finance/order_export_{i:03d}.json", JsonDoc({"export_batch": v.batch_number(), "orders": orders})


def release_notes(v: Values, i: int):
    d = Doc().line(f"# Release {v.rng.randint(1, 9)}.{v.rng.randint(0, 20)}.{v.rng.randint(0, 9)}").line("")
    for _ in range(4):
        d.line(f"- Fixed a crash in {v.product()} firmware (build {v.digits(10)}, {v.timestamp()})")
    d.line("").line("Checksums (sha256):")
    d.line(f"    firmware.bin  {v.sha256()}").line(f"    manual.pdf    {v.sha256()}")
    d.line(f"Manual ISBN {v.isbn()}; compatible with {v.product()} and {v.product()}.")
    return f"docs/release_notes_{i:03d}.md", d


def qa_report(v: Values, i: int):
    d = Doc().line("质量检验报告")
    for _ in range(8):
        d.line("批次号：", v.batch_number(), "  产品：", v.product(), "  检验时间：", v.timestamp(),
               "  结果：", v.choice(["合格", "合格", "复检"]))
    return f"quality/质检报告_{i:03d}.txt", d


def metrics_log(v: Values, i: int):
    d = Doc()
    for _ in range(15):
        d.line(v.timestamp(), f" metrics: queue=orders depth={v.rng.randint(0, 900)} p99={v.rng.randint(5, 900)}ms "
                              f"job={v.long_order_number()} status=ok")
    return f"logs/metrics_{i:03d}.log", d


def privacy_policy(v: Values, i: int):
    company = v.company("zh")
    d = Doc().line(f"{company}个人信息保护政策")
    d.line("我们收集的信息类别包括：姓名、身份证号码、手机号码、银行卡号、住址及位置信息。")
    d.line("除非法律要求，我们不收集生物识别信息、宗教信仰、民族或健康信息。")
    d.line(f"This policy of {v.company('en')} describes the categories of data we process: names, phone "
           "numbers, e-mail addresses and payment card numbers. We do not process health data.")
    d.line(f"生效日期：{v.timestamp()[:10]}")
    return f"legal/privacy_policy_{i:03d}.docx", d


def product_spec(v: Values, i: int):
    d = Doc().line(f"{v.product()} 产品规格书 / Product specification")
    d.line(f"制造商：{v.company('zh')}；经销商：{v.company('en')}")
    d.line(f"型号 {v.sku()}，条形码 {v.ean()}，出厂批次 {v.batch_number()}。")
    d.line(f"Warranty registration code {v.luhn_failing_card()}; firmware hash {v.sha256()[:40]}.")
    d.table = [[["参数"], ["值"]], [["功率"], [f"{v.rng.randint(5, 2000)} W"]],
               [["重量"], [f"{v.rng.uniform(0.1, 20):.1f} kg"]]]
    return f"products/spec_{i:03d}.docx", d


def price_list(v: Values, i: int):
    rows = [[v.sku(), v.product(), v.amount(), v.company("en"), v.timestamp()[:10]] for _ in range(25)]
    return f"sales/price_list_{i:03d}.xlsx", [Table(["Item code", "Product", "Unit price", "Supplier", "Valid from"],
                                                    rows, "Prices")]


def company_profile(v: Values, i: int):
    d = Doc().line(f"# {v.company('zh')}简介").line("")
    d.line(f"公司成立于{v.rng.randint(1995, 2020)}年，注册资本{v.rng.randint(100, 9000)}万元，主营{v.product()}、"
           f"{v.product()}等产品。")
    d.line(f"合作伙伴包括{v.company('zh')}、{v.company('zh')}和 {v.company('en')}。")
    d.line(f"ISBN {v.isbn()} 收录了本公司的案例。年度订单量 {v.rng.randint(10000, 99999)} 单。")
    return f"docs/公司简介_{i:03d}.md", d


def book_list(v: Values, i: int):
    rows = [[v.isbn(), v.product() + " 使用手册", v.amount(), v.timestamp()[:10]] for _ in range(20)]
    return f"docs/books_{i:03d}.csv", [Table(["isbn", "title", "price", "published"], rows)]


def decoy_tables(v: Values, count: int = 40) -> list[tuple[str, Table]]:
    """CRM tables without personal data; ``import_batches`` has a column headed 身份证号 that holds
    18-digit batch numbers failing the check digit: a header is not proof."""
    return [
        ("orders", Table(["order_no", "customer_id", "sku", "amount", "created_at"],
                         [[v.order_number(), str(v.rng.randint(1, 99999)), v.sku(), v.amount(), v.timestamp()]
                          for _ in range(count)])),
        ("products", Table(["sku", "name", "ean", "batch_no", "price"],
                           [[v.sku(), v.product(), v.ean(), v.batch_number(), v.amount()] for _ in range(count)])),
        ("import_batches", Table(["batch_id", "身份证号", "qty"],
                                 [[str(n), v.batch_number(), str(v.rng.randint(1, 500))] for n in range(count)])),
    ]


DECOY_FILES = (product_catalog, shipments, inventory, order_export, release_notes, qa_report, metrics_log,
               privacy_policy, product_spec, price_list, company_profile, book_list)
