"""Tables holding personal data: customer and staff lists (csv, tsv, xlsx) and the CRM database.

Headers are drawn from the spellings people use: Chinese, English and pinyin abbreviations; one
column in each customer list has a header that says nothing (``字段7``, ``col_7``), so that only its
values can tell what it holds.
"""
from __future__ import annotations

from bench.doc import P, Table
from bench.values import ETHNICITY_ZH, MEDICAL_EN, MEDICAL_ZH, RELIGION_EN, Values

ZH_HEADERS = {
    "name": ["姓名", "客户姓名", "xm", "khxm"], "id": ["身份证号", "身份证号码", "sfzh", "证件号码"],
    "phone": ["手机号", "手机号码", "sjhm", "联系电话"], "card": ["银行卡号", "yhkh"],
    "address": ["地址", "联系地址", "dz", "住址"], "dob": ["出生日期", "csrq", "生日"],
    "email": ["邮箱", "email", "电子邮箱"], "ethnicity": ["民族", "mz"],
}


def _rows(v: Values, count: int, make) -> list[list]:
    return [make() for _ in range(count)]


def _maybe(v: Values, cell, share: float = 0.9):
    return cell if v.rng.random() < share else None


def customers_cn(v: Values, i: int, count: int = 40):
    h = {key: v.choice(options) for key, options in ZH_HEADERS.items()}
    header = ["客户编号", h["name"], h["id"], h["phone"], h["dob"], h["card"], h["address"], h["email"],
              h["ethnicity"], "字段7", "注册时间", "积分", "备注"]

    def row():
        born = v.birth_date(1950, 2012)
        note = v.choice([None, None, "老客户", ["改约，新手机 ", P("PHONE_NUMBER", v.cn_mobile())],
                         ["代办人 ", P("PERSON", v.zh_name())]])
        return [f"C{v.digits(6)}", P("PERSON", v.zh_name()), P("CN_RESIDENT_ID", v.resident_id(born)),
                P("PHONE_NUMBER", v.cn_mobile(formatted=False)), P("DATE_OF_BIRTH", v.dob_text(born, "zh")),
                _maybe(v, P("CREDIT_CARD", v.card(unionpay=True))), P("ADDRESS", v.zh_address()),
                _maybe(v, P("EMAIL_ADDRESS", v.email(v.zh.user_name()))),
                P("ETHNICITY", v.choice(ETHNICITY_ZH)), P("PHONE_NUMBER", v.cn_mobile(formatted=False)),
                v.timestamp(), str(v.rng.randint(0, 20000)), note]
    return f"crm/customers_cn_{i:03d}.csv", [Table(header, _rows(v, count, row))]


def staff_pinyin(v: Values, i: int, count: int = 30):
    header = ["gh", "xm", "sfzh", "sjhm", "yhkh", "dz", "csrq", "bm"]

    def row():
        born = v.birth_date(1960, 2003)
        return [f"E{v.digits(5)}", P("PERSON", v.zh_name()), P("CN_RESIDENT_ID", v.resident_id(born)),
                P("PHONE_NUMBER", v.cn_mobile(formatted=False)), P("CREDIT_CARD", v.card(unionpay=True)),
                P("ADDRESS", v.zh_address()), P("DATE_OF_BIRTH", f"{born:%Y%m%d}"),
                v.choice(["财务部", "研发部", "销售部", "行政部"])]
    return f"hr/staff_{i:03d}.tsv", [Table(header, _rows(v, count, row))]


def customers_en(v: Values, i: int, count: int = 40):
    header = ["Customer ID", "Full Name", "Email", "Phone", "Mailing Address", "Date of Birth", "SSN",
              "Card Number", "col_9", "Created At"]

    def row():
        name = v.en_name()
        born = v.birth_date(1940, 2006)
        return [f"CUST-{v.digits(7)}", P("PERSON", name), P("EMAIL_ADDRESS", v.email(name)),
                P("PHONE_NUMBER", v.us_phone()), P("ADDRESS", v.en_address()),
                P("DATE_OF_BIRTH", v.dob_text(born, "en")), P("US_SSN", v.ssn()),
                _maybe(v, P("CREDIT_CARD", v.card(unionpay=False)), 0.8), P("EMAIL_ADDRESS", v.email()), v.timestamp()]

    def order():
        return [v.long_order_number(), v.sku(), str(v.rng.randint(1, 9)), v.amount(), v.timestamp()[:10]]
    return f"crm/customers_en_{i:03d}.xlsx", [
        Table(header, _rows(v, count, row), "Customers"),
        Table(["Order No", "SKU", "Qty", "Amount", "Order Date"], _rows(v, count, order), "Orders")]


def crm_tables(v: Values, count: int = 40) -> list[tuple[str, Table]]:
    """The CRM database: tables with personal data and tables without (orders, products, batches)."""
    def customer():
        born = v.birth_date(1950, 2008)
        return [str(v.rng.randint(1, 99999)), P("PERSON", v.zh_name()), P("CN_RESIDENT_ID", v.resident_id(born)),
                P("PHONE_NUMBER", v.cn_mobile(formatted=False)), P("EMAIL_ADDRESS", v.email(v.zh.user_name())),
                P("ADDRESS", v.zh_address()), P("CREDIT_CARD", v.card(unionpay=True)), v.timestamp()]

    def employee():
        return [P("PERSON", v.en_name()), P("PASSPORT", v.us_passport()), P("RELIGION", v.choice(RELIGION_EN)),
                P("PHONE_NUMBER", v.us_phone()), P("US_SSN", v.ssn()), P("IBAN_CODE", v.iban())]

    def patient():
        zh = v.rng.random() < 0.5
        born = v.birth_date(1940, 2015)
        return [P("PERSON", v.zh_name() if zh else v.en_name()),
                P("MEDICAL_CONDITION", v.choice(MEDICAL_ZH if zh else MEDICAL_EN)),
                P("DATE_OF_BIRTH", f"{born:%Y-%m-%d}"), P("PHONE_NUMBER", v.cn_mobile() if zh else v.us_phone())]

    def access():
        return [v.timestamp(), P("IP_ADDRESS", v.ip()), P("EMAIL_ADDRESS", v.email()),
                v.choice(["/login", "/api/orders", "/api/profile", "/logout"])]

    def company():
        return [v.company("zh"), P("CN_USCC", v.uscc()), v.choice(["有限责任公司", "股份有限公司"]), v.timestamp()[:10]]
    return [
        ("customers", Table(["id", "xm", "sfzh", "sjhm", "email", "dz", "yhkh", "created_at"],
                            _rows(v, count, customer))),
        ("employees", Table(["name", "passport_no", "religion", "phone", "ssn", "iban"], _rows(v, count, employee))),
        ("patients", Table(["patient_name", "diagnosis", "dob", "contact_phone"], _rows(v, count, patient))),
        ("access_log", Table(["ts", "client_ip", "user_email", "path"], _rows(v, count, access))),
        ("suppliers", Table(["company_name", "uscc", "company_type", "registered_on"], _rows(v, count // 2, company))),
    ]


TABLE_FILES = (customers_cn, staff_pinyin, customers_en)
