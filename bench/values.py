"""Seeded synthetic values: one method per entity type, plus look-alike decoys that are not personal data.

Identifiers are computed so that they pass the checksum a detector applies (python-stdnum), decoys so
that they fail it or belong to another numbering scheme. All people are synthetic; e-mail domains are
RFC 2606 examples and UK numbers come from Ofcom's drama range, so no value reaches a real person.
"""
from __future__ import annotations

import base64
import datetime as dt
import random
import string

import phonenumbers
from faker import Faker
from stdnum import iban, luhn
from stdnum.cn import ric, uscc

AREAS = {  # GB/T 2260 county code → address prefix
    "110105": "北京市朝阳区", "110108": "北京市海淀区", "310104": "上海市徐汇区", "310115": "上海市浦东新区",
    "440305": "广东省深圳市南山区", "440106": "广东省广州市天河区", "510107": "四川省成都市武侯区",
    "330106": "浙江省杭州市西湖区", "420106": "湖北省武汉市武昌区", "320102": "江苏省南京市玄武区",
    "370202": "山东省青岛市市南区", "610113": "陕西省西安市雁塔区", "500103": "重庆市渝中区",
}
ROADS = ["科技园路", "建国路", "人民路", "中山路", "解放路", "天府大道", "文三路", "珞喻路", "淮海中路", "学院路",
         "长江路", "香港中路", "友谊路", "和平街", "滨江大道"]
CN_LANDLINE_AREAS = ["010", "021", "020", "0755", "028", "0571", "027", "025", "0532", "029", "023"]
CARD_PREFIXES = [("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                 ("622202", 19), ("622848", 19), ("621700", 19), ("622588", 16), ("625968", 16)]
US_AREA_CODES = [212, 646, 718, 415, 510, 312, 617, 206, 303, 512, 404, 305, 713, 202]
EMAIL_DOMAINS = ["example.com", "example.net", "example.org"]
MEDICAL_ZH = ["高血压", "2型糖尿病", "冠心病", "支气管哮喘", "抑郁症", "慢性乙型肝炎", "肺结核", "类风湿关节炎",
              "慢性肾病", "甲状腺功能亢进", "癫痫", "乳腺癌"]
MEDICAL_EN = ["hypertension", "type 2 diabetes", "asthma", "major depressive disorder", "HIV infection",
              "chronic hepatitis B", "epilepsy", "breast cancer", "rheumatoid arthritis", "coronary artery disease"]
RELIGION_ZH = ["佛教", "基督教", "伊斯兰教", "天主教", "道教"]
RELIGION_EN = ["Buddhist", "Christian", "Muslim", "Catholic", "Jewish", "Hindu"]
ETHNICITY_ZH = ["汉族", "回族", "维吾尔族", "藏族", "蒙古族", "壮族", "满族", "苗族", "彝族", "土家族", "朝鲜族"]
ETHNICITY_EN = ["Hispanic or Latino", "African American", "Asian American", "Native American", "Pacific Islander"]
IBAN_SHAPES = {"DE": "n18", "GB": "a4n14", "NL": "a4n10", "ES": "n20", "IT": "a1n10c12", "FR": "n10c11n2"}
PRODUCTS = ["智能门锁 S2", "空气净化器 A5", "无线耳机 Pro", "扫地机器人 R7", "电动牙刷 T3", "智能手环 6",
            "Espresso Maker X1", "Power Bank 20000mAh", "LED Desk Lamp", "Humidifier H3", "Router AX3000",
            "Mechanical Keyboard K8", "4K Monitor 27in", "USB-C Hub 7-in-1"]


class Values:
    """Synthetic values for one seed; the same seed gives the same values."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.zh, self.en = Faker("zh_CN"), Faker("en_US")
        self.zh.seed_instance(seed)
        self.en.seed_instance(seed + 1)
        self._seen: set[str] = set()

    def choice(self, seq):
        return self.rng.choice(seq)

    def digits(self, n: int) -> str:
        return "".join(str(self.rng.randrange(10)) for _ in range(n))

    def unique(self, make) -> str:
        """A value not produced before in this data room, so truth spans are found once per plant."""
        while (value := make()) in self._seen:
            pass
        self._seen.add(value)
        return value

    # --- people -------------------------------------------------------------------------------
    def zh_name(self) -> str:
        return self.unique(self.zh.name)

    def en_name(self) -> str:
        return self.unique(lambda: f"{self.en.first_name()} {self.en.last_name()}")

    def birth_date(self, first: int = 1950, last: int = 2005) -> dt.date:
        start = dt.date(first, 1, 1)
        return start + dt.timedelta(days=self.rng.randrange((dt.date(last, 12, 31) - start).days))

    def dob_text(self, born: dt.date, lang: str) -> str:
        if lang == "zh":
            return self.choice([f"{born:%Y-%m-%d}", f"{born.year}年{born.month}月{born.day}日", f"{born:%Y/%m/%d}"])
        return self.choice([f"{born:%m/%d/%Y}", f"{born:%Y-%m-%d}", f"{born:%B} {born.day}, {born.year}"])

    def resident_id(self, born: dt.date | None = None, area: str | None = None) -> str:
        born = born or self.birth_date()
        prefix = f"{area or self.choice(list(AREAS))}{born:%Y%m%d}"
        # calc_check_digit ignores the number's last character, hence the placeholder.
        return self.unique(lambda: (body := prefix + self.digits(3)) + ric.calc_check_digit(body + "?"))

    def zh_address(self) -> str:
        return (f"{self.choice(list(AREAS.values()))}{self.choice(ROADS)}{self.rng.randint(1, 399)}号"
                f"{self.rng.randint(1, 12)}栋{self.rng.randint(1, 32)}{self.rng.randint(1, 4):02d}室")

    def en_address(self) -> str:
        street = self.en.street_address().lstrip("0")
        state = self.en.state_abbr(include_territories=False, include_freely_associated_states=False)
        return f"{street}, {self.en.city()}, {state} {self.en.zipcode()}"

    def email(self, name: str | None = None) -> str:
        local = "".join(c for c in (name or self.en.user_name()).lower().replace(" ", ".") if c.isascii()
                        and (c.isalnum() or c == ".")).strip(".") or self.en.user_name()
        return self.unique(lambda: f"{local}{self.rng.choice(['', str(self.rng.randint(1, 99))])}"
                                   f"@{self.choice(EMAIL_DOMAINS)}")

    # --- phones -------------------------------------------------------------------------------
    def cn_mobile(self, formatted: bool = True) -> str:
        while True:
            number = self.choice(["13", "15", "18", "17", "19"]) + str(self.rng.randint(0, 9)) + self.digits(8)
            if phonenumbers.number_type(phonenumbers.parse(number, "CN")) == phonenumbers.PhoneNumberType.MOBILE \
                    and number not in self._seen:
                break
        self._seen.add(number)
        if not formatted:
            return number
        return self.choice([number, number, f"{number[:3]} {number[3:7]} {number[7:]}",
                            f"{number[:3]}-{number[3:7]}-{number[7:]}", f"+86 {number}", f"+86-{number}"])

    def cn_landline(self) -> str:
        area = self.choice(CN_LANDLINE_AREAS)
        local = str(self.rng.randint(2, 8)) + self.digits(7 if len(area) == 3 else 6 + self.rng.randint(0, 1))
        return self.unique(lambda: self.choice([f"{area}-{local}", f"({area}){local}", f"+86 {area[1:]} {local}"]))

    def us_phone(self) -> str:
        while True:
            area, exchange = self.choice(US_AREA_CODES), self.rng.randint(201, 999)
            line = self.digits(4)
            if exchange != 555 and exchange % 100 != 11 and \
                    phonenumbers.is_valid_number(phonenumbers.parse(f"{area}{exchange}{line}", "US")):
                return self.unique(lambda a=area, e=exchange, s=line: self.choice(
                    [f"({a}) {e}-{s}", f"{a}-{e}-{s}", f"+1 {a} {e} {s}", f"{a}.{e}.{s}"]))

    def uk_phone(self) -> str:
        return self.unique(lambda: f"+44 20 7946 0{self.digits(3)}")

    # --- identifiers --------------------------------------------------------------------------
    def card(self, unionpay: bool | None = None) -> str:
        choices = [p for p in CARD_PREFIXES if unionpay is None or p[0].startswith("62") == unionpay]
        prefix, length = self.choice(choices)
        body = prefix + self.digits(length - len(prefix) - 1)
        number = self.unique(lambda: body + luhn.calc_check_digit(body))
        if length == 16 and self.rng.random() < 0.4:
            return " ".join(number[i:i + 4] for i in range(0, 16, 4))
        return number

    def uscc(self) -> str:
        org = self.digits(8)  # organisation code with its GB 11714 check character
        check = 11 - sum(int(d) * w for d, w in zip(org, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
        body = "91" + self.choice(list(AREAS)) + org + {10: "X", 11: "0"}.get(check, str(check))
        return self.unique(lambda: body + uscc.calc_check_digit(body))

    def ssn(self) -> str:
        def make():
            area = self.rng.randint(1, 899)
            return f"{area:03d}-{self.rng.randint(1, 99):02d}-{self.rng.randint(1, 9999):04d}" if area != 666 else ""
        return self.unique(lambda: make() or "123-45-6780")

    def iban(self) -> str:
        country = self.choice(list(IBAN_SHAPES))
        while True:
            bban = "".join(self._shape(IBAN_SHAPES[country]))
            number = country + iban.calc_check_digits(country + "00" + bban) + bban
            if iban.is_valid(number) and number not in self._seen:
                self._seen.add(number)
                return " ".join(number[i:i + 4] for i in range(0, len(number), 4)) if self.rng.random() < 0.5 \
                    else number

    def _shape(self, shape: str):
        kinds = {"n": string.digits, "a": string.ascii_uppercase, "c": string.ascii_uppercase + string.digits}
        for kind, count in zip(*_parts(shape), strict=True):
            yield from (self.choice(kinds[kind]) for _ in range(count))

    def cn_passport(self) -> str:
        return self.unique(lambda: self.choice(["E", "G"]) + self.digits(8))

    def us_passport(self) -> str:
        return self.unique(lambda: str(self.rng.randint(1, 9)) + self.digits(8))

    def driver_license(self) -> str:  # California: one letter and seven digits
        return self.unique(lambda: self.choice(string.ascii_uppercase) + self.digits(7))

    def bank_account(self) -> str:
        return self.unique(lambda: str(self.rng.randint(1, 9)) + self.digits(self.rng.randint(9, 11)))

    def ip(self) -> str:
        return self.unique(self.en.ipv4_public if self.rng.random() < 0.8 else self.en.ipv6)

    def coordinates(self) -> str:
        lat, lon = self.rng.uniform(22, 41), self.rng.uniform(103, 122)
        if self.rng.random() < 0.3:
            lat, lon = self.rng.uniform(30, 45), -self.rng.uniform(75, 120)
        return self.unique(lambda: f"{lat:.6f}, {lon:.6f}")

    def password(self) -> str:
        alphabet = string.ascii_letters + string.digits + "!#%*"
        return self.unique(lambda: "".join(self.choice(alphabet) for _ in range(self.rng.randint(12, 18))))

    def aws_key(self) -> str:
        return self.unique(lambda: "AKIA" + "".join(self.choice(string.ascii_uppercase + "234567") for _ in range(16)))

    def github_token(self) -> str:
        return self.unique(lambda: "ghp_" + "".join(self.choice(string.ascii_letters + string.digits)
                                                    for _ in range(36)))

    def biometric_template(self) -> str:
        return self.unique(lambda: base64.b64encode(self.rng.randbytes(48)).decode())

    # --- decoys: not personal data ------------------------------------------------------------
    def batch_number(self) -> str:
        """18 digits shaped exactly like a resident ID with a wrong check digit."""
        body = f"{self.choice(list(AREAS))}{self.birth_date(1970, 2010):%Y%m%d}{self.digits(3)}"
        right = ric.calc_check_digit(body + "?")
        return self.unique(lambda: body + self.choice([d for d in "0123456789" if d != right]))

    def order_number(self) -> str:
        """11 digits starting 1[3-9]: shaped like a Chinese mobile number."""
        return self.unique(lambda: self.choice(["13", "15", "18", "19"]) + self.digits(9))

    def long_order_number(self) -> str:
        return self.unique(lambda: "2024" + self.digits(14))

    def waybill(self) -> str:
        return self.unique(lambda: self.choice(["SF", "YT", "JD", "ZTO"]) + self.digits(self.rng.choice([12, 13])))

    def luhn_failing_card(self) -> str:
        body = "4" + self.digits(14)
        right = luhn.calc_check_digit(body)
        return self.unique(lambda: body + self.choice([d for d in "0123456789" if d != right]))

    def sku(self) -> str:
        return self.unique(lambda: f"SKU-{self.rng.randint(10000, 99999)}-"
                                   f"{self.choice(['BLK', 'WHT', 'RED', 'S', 'M'])}")

    def ean(self) -> str:
        from stdnum import ean
        body = "690" + self.digits(9)
        return self.unique(lambda: body + ean.calc_check_digit(body))

    def isbn(self) -> str:
        from stdnum import isbn
        body = "9787" + self.digits(8)
        return isbn.format(body + _isbn13_check(body))

    def timestamp(self) -> str:
        moment = dt.datetime(2024, 1, 1) + dt.timedelta(seconds=self.rng.randrange(300 * 86400))
        return self.choice([f"{moment:%Y-%m-%d %H:%M:%S}", moment.isoformat(), str(int(moment.timestamp() * 1000))])

    def company(self, lang: str) -> str:
        return (self.zh if lang == "zh" else self.en).company()

    def product(self) -> str:
        return self.choice(PRODUCTS)

    def sha256(self) -> str:
        return self.rng.randbytes(32).hex()

    def amount(self) -> str:
        return f"{self.rng.randint(10, 99999)}.{self.digits(2)}"


def _parts(shape: str) -> tuple[list[str], list[int]]:
    kinds, counts, number = [], [], ""
    for char in shape:
        if char.isdigit():
            number += char
        else:
            if kinds:
                counts.append(int(number))
            kinds.append(char)
            number = ""
    counts.append(int(number))
    return kinds, counts


def _isbn13_check(body: str) -> str:
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(body))
    return str((10 - total % 10) % 10)
