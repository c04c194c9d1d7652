#!/usr/bin/env python3
"""Regenerate the bundled sample data room and its answer key.

    python scripts/make_sample_dataroom.py

Writes scanner/sample_dataroom/ (wiped first: everything in it is generated) and
tests/data/sample_dataroom_planted.json, the list of every personal value planted there.
All people are synthetic (seeded Faker plus our own lists); identifiers are computed so that
they pass the checksum a detector applies, and decoys are computed so that they fail it.
Same seed, same library versions -> byte-identical files.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import random
import re
import shutil
import sqlite3
import zipfile
from email.message import EmailMessage
from email.utils import format_datetime, formataddr
from pathlib import Path

import phonenumbers
from docx import Document
from faker import Faker
from openpyxl import Workbook
from stdnum import luhn
from stdnum.cn import ric, uscc

REPO = Path(__file__).resolve().parent.parent
ROOM = REPO / "scanner" / "sample_dataroom"
ANSWER_KEY = REPO / "tests" / "data" / "sample_dataroom_planted.json"
SEED = 11643
# "Now" for the data and for file metadata, so that re-runs do not change a byte.
EPOCH = dt.datetime(2024, 9, 30, 9, 0, 0)

# Real GB/T 2260 county codes, each with the address prefix and city of that county.
# python-stdnum's ric.validate() also wants the county to have existed in the birth year,
# which most of these fail before the 1980s; real IDs fail that too, so we only promise
# a valid check digit, a known province and a real birth date.
AREAS = {
    "110105": ("北京市朝阳区", "北京"), "110108": ("北京市海淀区", "北京"),
    "310104": ("上海市徐汇区", "上海"), "310115": ("上海市浦东新区", "上海"),
    "440305": ("广东省深圳市南山区", "深圳"), "440106": ("广东省广州市天河区", "广州"),
    "510107": ("四川省成都市武侯区", "成都"), "330106": ("浙江省杭州市西湖区", "杭州"),
    "420106": ("湖北省武汉市武昌区", "武汉"), "320102": ("江苏省南京市玄武区", "南京"),
}
ROADS = ["科技园路", "建国路", "人民路", "中山路", "解放路", "天府大道", "文三路", "珞喻路", "淮海中路", "学院路"]
CN_MOBILE_PREFIXES = ["130", "131", "133", "135", "136", "137", "138", "139", "150", "151", "152", "155",
                      "158", "159", "166", "177", "180", "185", "186", "187", "188", "189", "191", "199"]
UNIONPAY_BINS = [("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("621661", 19)]
US_AREA_CODES = [212, 646, 718, 415, 510, 312, 617, 206, 303, 512, 404, 305, 713, 202]
# RFC 2606 domains: no planted address can reach a real mailbox.
EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]
ETHNICITIES = ["汉族"] * 9 + ["回族", "维吾尔族", "藏族", "蒙古族", "壮族", "满族"]
PRODUCTS = [("智能门锁 Smart Lock S2", 1299.0), ("空气净化器 Air Purifier A5", 1899.0),
            ("无线耳机 Wireless Earbuds", 399.0), ("扫地机器人 Robot Vacuum R7", 2499.0),
            ("电动牙刷 Electric Toothbrush", 259.0), ("智能手环 Fitness Band 6", 229.0),
            ("咖啡机 Espresso Maker", 1599.0), ("移动电源 Power Bank 20000mAh", 149.0),
            ("台灯 LED Desk Lamp", 189.0), ("加湿器 Humidifier H3", 299.0)]
CATALOG = [(f"SKU-{1000 + 37 * i}", title, price) for i, (title, price) in enumerate(PRODUCTS)]


class Fake:
    """Seeded generators of synthetic people and of identifiers with correct (or broken) checksums."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.zh, self.en = Faker("zh_CN"), Faker("en_US")
        self.zh.seed_instance(seed)
        self.en.seed_instance(seed)
        self._emails: set[str] = set()

    def digits(self, n: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def birth_date(self, first: int, last: int) -> dt.date:
        start = dt.date(first, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange((dt.date(last, 12, 31) - start).days))

    def resident_id(self, area: str, born: dt.date) -> str:
        body = f"{area}{born:%Y%m%d}{self.digits(3)}"
        return body + ric.calc_check_digit(body + "?")  # the function ignores the last character

    def id_shaped_decoy(self) -> str:
        """18 digits shaped exactly like a resident ID, with a wrong check digit (batch/order numbers)."""
        real = self.resident_id(self.rng.choice(list(AREAS)), self.birth_date(1970, 2010))
        return real[:17] + self.rng.choice([d for d in "0123456789" if d != real[17]])

    def cn_mobile(self) -> str:
        while True:
            number = self.rng.choice(CN_MOBILE_PREFIXES) + self.digits(8)
            parsed = phonenumbers.parse(number, "CN")
            if phonenumbers.number_type(parsed) == phonenumbers.PhoneNumberType.MOBILE:
                return number

    def us_phone(self) -> str:
        while True:  # no 555 exchange, no N11 service codes
            area, exchange = self.rng.choice(US_AREA_CODES), self.rng.randint(201, 999)
            number = f"({area}) {exchange}-{self.digits(4)}"
            if exchange != 555 and exchange % 100 != 11 \
                    and phonenumbers.is_valid_number(phonenumbers.parse(number, "US")):
                return number

    def ssn(self) -> str:
        while True:  # SSA never issues area 000, 666 or 9xx; 078-05-1120 is the famous wallet sample
            ssn = f"{self.rng.randint(1, 899):03d}-{self.rng.randint(1, 99):02d}-{self.rng.randint(1, 9999):04d}"
            if not ssn.startswith("666") and ssn not in ("078-05-1120", "219-09-9999"):
                return ssn

    def luhn_number(self, prefix: str, length: int) -> str:
        body = prefix + self.digits(length - len(prefix) - 1)
        return body + luhn.calc_check_digit(body)

    def uscc(self, area: str) -> str:
        org = self.digits(8)  # organisation code, GB 11714 check digit
        check = 11 - sum(int(d) * w for d, w in zip(org, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        body = "91" + area + org + {10: "X", 11: "0"}.get(check, str(check))  # 9 = company, 1 = enterprise
        return body + uscc.calc_check_digit(body)

    def email(self, local: str) -> str:
        local = re.sub(r"[^a-z0-9.]", "", local.lower())
        address = f"{local}@{self.rng.choice(EMAIL_DOMAINS)}"
        while address in self._emails:
            address = f"{local}{self.rng.randint(2, 99)}@{self.rng.choice(EMAIL_DOMAINS)}"
        self._emails.add(address)
        return address

    def cn_person(self, minor: bool = False, area: str | None = None) -> dict:
        area = area or self.rng.choice(list(AREAS))
        born = self.birth_date(2013, 2015) if minor else self.birth_date(1950, 2004)
        bank, length = self.rng.choice(UNIONPAY_BINS)
        address = (f"{AREAS[area][0]}{self.rng.choice(ROADS)}{self.rng.randint(1, 399)}号"
                   f"{self.rng.randint(1, 12)}栋{self.rng.randint(1, 32)}{self.rng.randint(1, 4):02d}室")
        return {"name": self.zh.name(), "id": self.resident_id(area, born), "mobile": self.cn_mobile(),
                "email": self.email(self.zh.user_name()), "address": address, "city": AREAS[area][1],
                "bank_card": self.luhn_number(bank, length)}

    def us_person(self, female: bool | None = None) -> dict:
        female = self.rng.random() < 0.5 if female is None else female
        first = self.en.first_name_female() if female else self.en.first_name_male()
        last = self.en.last_name()
        state = self.en.state_abbr(include_territories=False, include_freely_associated_states=False)
        street = re.sub(r"^0+(?=\d)", "", self.en.street_address())  # Faker pads house numbers: "0669 Elm St"
        address = f"{street}, {self.en.city()}, {state} {self.en.zipcode()}"
        card = self.luhn_number("4", 16) if self.rng.random() < 0.5 else \
            self.luhn_number(f"5{self.rng.randint(1, 5)}", 16)
        return {"name": f"{first} {last}", "email": self.email(f"{first}.{last}"), "phone": self.us_phone(),
                "ssn": self.ssn(), "address": address, "state": state, "card": card}


FIELD_TYPES = {"name": "PERSON", "id": "CN_RESIDENT_ID", "mobile": "PHONE_NUMBER", "phone": "PHONE_NUMBER",
               "email": "EMAIL_ADDRESS", "address": "ADDRESS", "bank_card": "BANK_ACCOUNT",
               "card": "CREDIT_CARD", "ssn": "US_SSN", "ip": "IP_ADDRESS"}


class AnswerKey:
    """Every planted personal value, once per (value, entity type, file)."""

    def __init__(self):
        self.rows: list[dict] = []

    def add(self, file: str, entity_type: str, *values: str) -> None:
        for value in values:
            row = {"value": value, "entity_type": entity_type, "file": file}
            if row not in self.rows:
                self.rows.append(row)

    def person(self, file: str, person: dict, *fields: str) -> None:
        self.add_all(file, {field: person[field] for field in fields})

    def add_all(self, file: str, values: dict[str, str]) -> None:
        for field, value in values.items():
            self.add(file, FIELD_TYPES[field], value)


def write(rel: str, data: str | bytes, encoding: str = "utf-8") -> None:
    path = ROOM / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode(encoding))


def write_zip(rel: str, data: bytes) -> None:
    """Store an OOXML package with fixed member timestamps and core-property dates (openpyxl and
    python-docx stamp both with the time of saving, which would change the bytes on every run)."""
    stamp = EPOCH.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "docProps/core.xml":
                blob = re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>" + stamp, blob)
            dst.writestr(zipfile.ZipInfo(info.filename, EPOCH.timetuple()[:6]), blob, zipfile.ZIP_DEFLATED)
    write(rel, out.getvalue())


def write_customers_cn_csv(people: list[dict], key: AnswerKey) -> None:
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["姓名", "身份证号", "手机号", "邮箱", "地址", "开户银行卡号"])
    for p in people:
        rows.writerow([p["name"], p["id"], p["mobile"], p["email"], p["address"], p["bank_card"]])
        key.person("customers_cn.csv", p, "name", "id", "mobile", "email", "address", "bank_card")
    write("customers_cn.csv", out.getvalue())


def save_workbook(rel: str, wb: Workbook) -> None:
    wb.properties.creator = "piiaudit sample generator"  # an author name would be personal data too
    out = io.BytesIO()
    wb.save(out)
    write_zip(rel, out.getvalue())


def write_customers_en_xlsx(fake: Fake, key: AnswerKey) -> None:
    rel, wb = "customers_en.xlsx", Workbook()
    notes = ["Prefers email contact", "Renewal due Q4", "Requested paper invoice", "", "Card updated 2024-03",
             "Referred by partner program", "", "Asked about annual plan pricing"]
    medical = {4: "peanut allergy", 11: "asthma", 23: "knee surgery"}
    sheet = wb.active
    sheet.title = "Customers"
    sheet.append(["Name", "Email", "Phone", "SSN", "Street Address", "Credit Card", "Notes"])
    states: dict[str, int] = {}
    for i in range(30):
        p = fake.us_person()
        # Some cards as printed on receipts, in groups of four; the answer key holds them as written.
        if i % 3 == 0:
            p["card"] = " ".join(p["card"][j:j + 4] for j in range(0, 16, 4))
        note = f"Has {medical[i]}; see account flags" if i in medical else notes[i % len(notes)]
        sheet.append([p["name"], p["email"], p["phone"], p["ssn"], p["address"], p["card"], note])
        key.person(rel, p, "name", "email", "phone", "ssn", "address", "card")
        key.add(rel, "MEDICAL_CONDITION", *([medical[i]] if i in medical else []))
        states[p["state"]] = states.get(p["state"], 0) + 1
    summary = wb.create_sheet("Summary")
    for row in [["Metric", "Value"], ["Customers", 30], ["Cards on file", 30], ["Report date", f"{EPOCH:%Y-%m-%d}"],
                *([f"Customers in {state}", n] for state, n in sorted(states.items()))]:
        summary.append(row)
    save_workbook(rel, wb)


def write_customers_cn_xlsx(fake: Fake, key: AnswerKey) -> None:
    rel, wb = "customers_cn.xlsx", Workbook()
    remarks = ["老客户", "需开具增值税发票", "对青霉素过敏", "已签署隐私授权", "", "孕期客户，优先安排", "周末联系"]
    health = {"对青霉素过敏": "青霉素过敏", "孕期客户，优先安排": "孕期"}  # remark -> the health data in it
    sheet = wb.active
    sheet.title = "客户信息"
    sheet.append(["客户姓名", "证件号码", "联系电话", "民族", "备注"])
    for i in range(15):
        p, ethnicity, remark = fake.cn_person(), fake.rng.choice(ETHNICITIES), remarks[i % len(remarks)]
        m = p["mobile"]
        # Phone numbers as people type them: plain, grouped 3-4-4, or international.
        phone = [m, f"{m[:3]} {m[3:7]} {m[7:]}", f"+86 {m[:3]}-{m[3:7]}-{m[7:]}"][i % 3]
        sheet.append([p["name"], p["id"], phone, ethnicity, remark])
        key.person(rel, p, "name", "id")
        key.add(rel, "PHONE_NUMBER", phone)
        key.add(rel, "ETHNICITY", ethnicity)
        key.add(rel, "MEDICAL_CONDITION", *([health[remark]] if remark in health else []))
    save_workbook(rel, wb)


def write_contract_docx(fake: Fake, key: AnswerKey) -> None:
    rel, doc = "contracts/service_agreement.docx", Document()
    rep, agent, signer = fake.cn_person(area="440305"), fake.cn_person(), fake.us_person()
    code = fake.uscc("440305")
    key.person(rel, rep, "name", "id", "mobile", "address")
    key.person(rel, agent, "name", "mobile", "email")
    key.person(rel, signer, "name", "email", "phone")
    key.add(rel, "CN_USCC", code)
    doc.add_heading("技术服务协议 Technical Service Agreement", level=1)
    for text in [
        f"甲方（委托方）：深圳市示例数据科技有限公司，统一社会信用代码：{code}",
        f"法定代表人：{rep['name']}，身份证号码：{rep['id']}，手机：{rep['mobile']}，住所：{rep['address']}",
        "Party B (Service Provider): Example Analytics, Inc., a Delaware corporation.",
        f"Authorized signatory: {signer['name']}, e-mail {signer['email']}, phone {signer['phone']}.",
        "第一条 服务内容：乙方为甲方提供数据分析平台的部署、运维与培训服务。",
        "Article 1 Services. Party B shall deploy, operate and provide training for the analytics platform.",
        "第二条 服务费用：合同总价为人民币叁拾陆万元整（¥360,000.00），分三期支付。",
        "Article 2 Fees. The total price is RMB 360,000.00, payable in three instalments.",
        "第三条 保密：双方对履行本协议过程中知悉的对方商业秘密及个人信息负有保密义务。",
        "Article 3 Confidentiality. Each party keeps the other's trade secrets and personal data confidential.",
        "第四条 争议解决：因本协议产生的争议，提交深圳国际仲裁院仲裁。",
        "Article 4 Disputes. Disputes are referred to the Shenzhen Court of International Arbitration.",
        "签署页 Signature page",
    ]:
        doc.add_paragraph(text)
    table = doc.add_table(rows=3, cols=5)
    for row, cells in zip(table.rows, [
        ["签约方 Party", "签字人 Signatory", "电话 Phone", "邮箱 E-mail", "日期 Date"],
        ["甲方授权代表 Party A", agent["name"], agent["mobile"], agent["email"], "2024年9月30日"],
        ["乙方 Party B", signer["name"], signer["phone"], signer["email"], "September 30, 2024"],
    ], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    props = doc.core_properties
    props.author = props.last_modified_by = "piiaudit sample generator"
    props.created = props.modified = EPOCH
    props.revision = 1
    out = io.BytesIO()
    doc.save(out)
    write_zip(rel, out.getvalue())


def write_hr_files(fake: Fake, key: AnswerKey) -> None:
    rel = "hr/interview_notes.txt"
    candidate, interviewer = fake.us_person(female=True), fake.us_person()
    born = fake.birth_date(1985, 1996).isoformat()
    key.person(rel, candidate, "name", "phone", "email", "address")
    key.person(rel, interviewer, "name")
    key.add(rel, "DATE_OF_BIRTH", born)
    key.add(rel, "MEDICAL_CONDITION", "type 2 diabetes")
    write(rel, f"""Interview notes - Senior Data Engineer (req. DE-2024-031)
Date: 2024-09-12    Interviewer: {interviewer['name']}

Candidate: {candidate['name']}
Phone: {candidate['phone']}    Email: {candidate['email']}
Date of birth: {born} (from the application form; do not forward)
Home address: {candidate['address']}

Technical: strong SQL and Spark, has run a 40-node Kafka cluster. Weak on data modelling.
Other: the candidate mentioned that she was diagnosed with type 2 diabetes last year and asked
whether the on-call rota allows regular meal breaks. Not relevant to the decision.
Recommendation: proceed to the final round.
""")
    rel = "hr/员工体检记录.txt"
    lines = ["员工体检记录（2024年度） 仅限人力资源部查阅", ""]
    for i, diagnosis in enumerate(["高血压", "2型糖尿病", "未见异常", "脂肪肝", "甲状腺结节", "乙肝病毒携带"], 1):
        p = fake.cn_person()
        lines.append(f"{i}. 姓名：{p['name']}  身份证号：{p['id']}  手机号：{p['mobile']}  诊断：{diagnosis}")
        key.person(rel, p, "name", "id", "mobile")
        key.add(rel, "MEDICAL_CONDITION", *([] if diagnosis == "未见异常" else [diagnosis]))
    # A legacy Windows file: GB18030 with CRLF line ends.
    write(rel, "\r\n".join(lines) + "\r\n", encoding="gb18030")


def write_inquiry_eml(customer: dict, key: AnswerKey) -> None:
    rel = "mail/inquiry.eml"
    key.person(rel, customer, "name", "email", "mobile", "address")
    msg = EmailMessage()
    msg["From"] = formataddr((customer["name"], customer["email"]))
    msg["To"] = "service@example.com"
    msg["Subject"] = "咨询退款进度 / Refund status inquiry"
    msg["Date"] = format_datetime(EPOCH.replace(tzinfo=dt.timezone(dt.timedelta(hours=8))))
    msg["Message-ID"] = "<20240930090000.4f2a@mail.example.com>"
    msg.set_content(f"""您好，

我9月12日下的订单至今没有收到退款，麻烦帮忙查询一下。
姓名：{customer['name']}
联系电话：{customer['mobile']}
收货地址：{customer['address']}

Hello, I am following up on my refund request. Please call me back at {customer['mobile']}.

{customer['name']}
""")
    write(rel, msg.as_bytes(policy=msg.policy.clone(linesep="\r\n")))


def write_app_log(fake: Fake, customers: list[dict], key: AnswerKey) -> None:
    rel, rng, t, lines = "logs/app.log", fake.rng, EPOCH, []
    quiet = ["GET /api/v1/products?page={n} 200 {ms}ms", "cache hit key=catalog:v{n}", "health check ok",
             "slow query products.search took {ms}ms", "POST /api/v1/cart 201 {ms}ms",
             "job sync_inventory finished rows={n}", "GET /api/v1/orders/summary 200 {ms}ms"]
    # Chinese characters touch the digits on purpose: \b-based patterns miss a number written 手机1xx...
    noisy = ["login ok user={email} ip={ip}", "短信验证码已发送至手机{mobile}",
             "用户{name}更新手机号为{mobile}，请核实", "password reset mail to {email} bounced",
             "order created mobile={mobile} from {ip}"]
    for i in range(60):
        t += dt.timedelta(seconds=rng.randint(1, 90))
        level = rng.choice(["INFO", "INFO", "INFO", "DEBUG", "WARN"])
        if i % 4 == 1:  # a quarter of the lines carry a customer's data
            p = customers[i // 4]
            ip = f"{rng.choice(['203.0.113', '198.51.100'])}.{rng.randint(2, 254)}"
            template = noisy[(i // 4) % len(noisy)]
            values = {"email": p["email"], "mobile": p["mobile"], "name": p["name"], "ip": ip}
            message = template.format(**values)
            key.add_all(rel, {field: v for field, v in values.items() if "{" + field + "}" in template})
        else:
            message = rng.choice(quiet).format(n=rng.randint(1, 40), ms=rng.randint(3, 900))
        request = f"{rng.getrandbits(32):08x}"
        lines.append(f"{t:%Y-%m-%d %H:%M:%S},{rng.randrange(1000):03d} {level:<5} [req={request}] {message}")
    write(rel, "\n".join(lines) + "\n")


def write_decoys(fake: Fake) -> None:
    out = io.StringIO()
    rows = csv.writer(out, lineterminator="\n")
    rows.writerow(["sku", "product_name", "batch_no", "order_no", "unit_price_cny"])
    for sku, title, price in CATALOG * 2:
        # order_no is deliberately shaped like a mobile number: only the column's context says otherwise.
        order_no = fake.rng.choice(CN_MOBILE_PREFIXES) + fake.digits(8)
        rows.writerow([sku, title, fake.id_shaped_decoy(), order_no, f"{price:.2f}"])
    write("products/catalog.csv", out.getvalue())
    write("finance/q3_summary.json", json.dumps({
        "period": "2024-Q3", "currency": "CNY", "orders": 3124, "new_customers": 412, "refund_rate": 0.021,
        "revenue_by_region": {"华北": 1284300.5, "华东": 2210975.0, "华南": 1873420.25, "西南": 640118.0},
        "average_order_value": 286.4, "note": "Aggregates only; no customer-level data.",
    }, ensure_ascii=False, indent=2) + "\n")
    write("README.txt", """piiaudit sample data room / 示例数据室
======================================

Everything here is synthetic demo data generated by scripts/make_sample_dataroom.py with a fixed
seed. No real person is described; e-mail domains are the reserved example.com/.net/.org.
本目录中的全部数据均为程序生成的虚构演示数据，不涉及任何真实个人。

It imitates what a data room for an acquisition typically holds: customer lists (csv, xlsx), a
bilingual contract (docx), HR notes (including a legacy GB18030 file), an e-mail, an application
log, a SQLite CRM database, and decoy files (products/, finance/, this README) that hold no
personal information but contain numbers shaped like identifiers.

Run `piiaudit demo` to scan it and write a risk report.
""")


def write_crm_db(fake: Fake, customers: list[dict], key: AnswerKey) -> None:
    path = ROOM / "crm.db"
    db = sqlite3.connect(path)
    db.executescript("""
        CREATE TABLE customers (id INTEGER PRIMARY KEY, full_name TEXT, id_card_no TEXT, mobile TEXT,
                                email TEXT, city TEXT, created_at TEXT, vip_level INTEGER);
        CREATE TABLE orders (order_no TEXT PRIMARY KEY, customer_id INTEGER REFERENCES customers(id),
                             amount REAL, status TEXT, created_at TEXT);
        CREATE TABLE products (sku TEXT PRIMARY KEY, title TEXT, price REAL);
        CREATE TABLE contacts (name TEXT, email TEXT, phone TEXT, ssn TEXT);
    """)

    def stamp() -> str:
        return (EPOCH - dt.timedelta(minutes=fake.rng.randint(0, 2 * 365 * 24 * 60))).isoformat(" ")

    for i, p in enumerate(customers, 1):
        db.execute("INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                   (i, p["name"], p["id"], p["mobile"], p["email"], p["city"], stamp(), fake.rng.randint(0, 5)))
        key.person("crm.db:customers", p, "name", "id", "mobile", "email")
    for _ in range(120):
        db.execute("INSERT INTO orders VALUES (?, ?, ?, ?, ?)",
                   (fake.id_shaped_decoy(), fake.rng.randint(1, len(customers)),
                    round(fake.rng.uniform(20, 3000), 2),
                    fake.rng.choice(["paid", "shipped", "delivered", "refunded", "cancelled"]), stamp()))
    db.executemany("INSERT INTO products VALUES (?, ?, ?)", CATALOG)
    for _ in range(20):
        p = fake.us_person()
        db.execute("INSERT INTO contacts VALUES (?, ?, ?, ?)", (p["name"], p["email"], p["phone"], p["ssn"]))
        key.person("crm.db:contacts", p, "name", "email", "phone", "ssn")
    db.commit()
    db.execute("VACUUM")
    db.close()


def check(key: AnswerKey) -> None:
    """Guard the generator itself: planted IDs pass their checksums, decoy files hold no planted value."""
    for row in key.rows:
        if row["entity_type"] == "CN_RESIDENT_ID":
            assert ric.calc_check_digit(row["value"]) == row["value"][-1], row
        elif row["entity_type"] in ("CREDIT_CARD", "BANK_ACCOUNT"):
            assert luhn.is_valid(row["value"].replace(" ", "")), row
        elif row["entity_type"] == "CN_USCC":
            assert uscc.is_valid(row["value"]), row
    catalog = (ROOM / "products/catalog.csv").read_text(encoding="utf-8")
    for line in catalog.splitlines()[1:]:
        assert ric.calc_check_digit(line.split(",")[2]) != line.split(",")[2][-1], line
    for decoy in ("products/catalog.csv", "finance/q3_summary.json", "README.txt"):
        text = (ROOM / decoy).read_text(encoding="utf-8")
        assert not any(row["value"] in text for row in key.rows), decoy


def main() -> None:
    shutil.rmtree(ROOM, ignore_errors=True)
    ROOM.mkdir(parents=True)
    fake, key = Fake(SEED), AnswerKey()
    # Three minors (born 2013-2015): children's data is sensitive under PIPL Art. 28.
    cn_customers = [fake.cn_person(minor=i in (7, 19, 33)) for i in range(40)]
    write_customers_cn_csv(cn_customers, key)
    write_customers_en_xlsx(fake, key)
    write_customers_cn_xlsx(fake, key)
    write_contract_docx(fake, key)
    write_hr_files(fake, key)
    write_inquiry_eml(cn_customers[5], key)
    # The log and the CRM reuse csv customers, as real systems would: one person, several sources.
    write_app_log(fake, cn_customers[10:25], key)
    write_decoys(fake)
    write_crm_db(fake, cn_customers[:12] + [fake.cn_person() for _ in range(38)], key)
    check(key)
    ANSWER_KEY.parent.mkdir(parents=True, exist_ok=True)
    ANSWER_KEY.write_text("[\n" + ",\n".join(json.dumps(r, ensure_ascii=False) for r in key.rows) + "\n]\n",
                          encoding="utf-8")
    print(f"wrote {sum(1 for p in ROOM.rglob('*') if p.is_file())} files to {ROOM.relative_to(REPO)} "
          f"and {len(key.rows)} planted values to {ANSWER_KEY.relative_to(REPO)}")


if __name__ == "__main__":
    main()
