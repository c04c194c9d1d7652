"""Documents holding personal data, in Chinese, English and both: one function per kind of file.

Each function takes the seeded ``Values`` and an instance number and returns (path, document).
Every personal value is planted as ``P(entity, value)``; everything else is meant not to be personal
data (dates of events, order numbers, company names) and is there to tempt the detectors.
"""
from __future__ import annotations

from bench.doc import Doc, JsonDoc, P
from bench.values import ETHNICITY_EN, ETHNICITY_ZH, MEDICAL_EN, MEDICAL_ZH, RELIGION_EN, RELIGION_ZH, Values


def zh_hr_record(v: Values, i: int):
    born = v.birth_date(1965, 2000)
    d = Doc().line("员工档案").line("工号：E", v.digits(5), "    入职日期：", v.timestamp()[:10])
    d.line("姓名：", P("PERSON", v.zh_name()), "    民族：", P("ETHNICITY", v.choice(ETHNICITY_ZH)))
    d.line("身份证号：", P("CN_RESIDENT_ID", v.resident_id(born)), "    出生日期：",
           P("DATE_OF_BIRTH", v.dob_text(born, "zh")))
    d.line("手机：", P("PHONE_NUMBER", v.cn_mobile()), "    邮箱：", P("EMAIL_ADDRESS", v.email(v.zh.user_name())))
    d.line("现住址：", P("ADDRESS", v.zh_address()))
    d.line("宗教信仰：", P("RELIGION", v.choice(RELIGION_ZH)))
    d.line("紧急联系人：", P("PERSON", v.zh_name()), "，电话 ", P("PHONE_NUMBER", v.cn_landline()))
    d.line("工资卡号：", P("CREDIT_CARD", v.card(unionpay=True)), "（招商银行）")
    d.line("公务信用卡：", P("CREDIT_CARD", v.card(unionpay=True)))
    return f"hr/员工档案_{i:03d}.txt", d


def en_interview(v: Values, i: int):
    born = v.birth_date(1970, 2001)
    name = v.en_name()
    d = Doc().line("# Interview notes: senior backend engineer").line("")
    d.line("Candidate: ", P("PERSON", name), " (", P("EMAIL_ADDRESS", v.email(name)), ", ",
           P("PHONE_NUMBER", v.us_phone()), ")")
    d.line("Home address: ", P("ADDRESS", v.en_address()))
    d.line("Date of birth: ", P("DATE_OF_BIRTH", v.dob_text(born, "en")))
    d.line("Interviewed by ", P("PERSON", v.en_name()), " on ", v.timestamp()[:10],
           ". Strong on distributed systems; weak on testing.")
    d.line("Reference: ", P("PERSON", v.en_name()), ", reachable at ", P("PHONE_NUMBER", v.uk_phone()), ".")
    d.line("Background check consent signed; SSN ", P("US_SSN", v.ssn()), " on file.")
    return f"hr/interview_{i:03d}.md", d


def zh_medical(v: Values, i: int):
    born = v.birth_date(1950, 1995)
    d = Doc().line("体检报告    报告编号：", v.long_order_number())
    d.line("姓名：", P("PERSON", v.zh_name()), "  身份证号：", P("CN_RESIDENT_ID", v.resident_id(born)))
    d.line("体检日期：", v.timestamp()[:10], "  联系电话：", P("PHONE_NUMBER", v.cn_mobile()))
    d.line("诊断：", P("MEDICAL_CONDITION", v.choice(MEDICAL_ZH)), "，建议定期复查。")
    d.line("既往史：", P("MEDICAL_CONDITION", v.choice(MEDICAL_ZH)), "。")
    d.line("主检医师：", P("PERSON", v.zh_name()))
    return f"medical/体检报告_{i:03d}.txt", d


def en_patient_note(v: Values, i: int):
    born = v.birth_date(1940, 2010)
    d = Doc().line("## Clinic visit summary").line("")
    d.line("Patient: ", P("PERSON", v.en_name()), ", DOB ", P("DATE_OF_BIRTH", v.dob_text(born, "en")))
    d.line("Diagnosis: ", P("MEDICAL_CONDITION", v.choice(MEDICAL_EN)), ".")
    d.line("Past medical history: ", P("MEDICAL_CONDITION", v.choice(MEDICAL_EN)), ".")
    d.line("Callback number ", P("PHONE_NUMBER", v.us_phone()), "; attending physician ",
           P("PERSON", v.en_name()), ".")
    return f"medical/patient_note_{i:03d}.md", d


def contract(v: Values, i: int):
    born = v.birth_date(1960, 1995)
    party, rep = v.zh_name(), v.zh_name()
    d = Doc().line("服务协议 / Service Agreement")
    d.line("甲方：", v.company("zh"), "（统一社会信用代码：", P("CN_USCC", v.uscc()), "）")
    d.line("法定代表人：", P("PERSON", rep))
    d.line("乙方：", P("PERSON", party), "，身份证号码：", P("CN_RESIDENT_ID", v.resident_id(born)),
           "，联系电话：", P("PHONE_NUMBER", v.cn_mobile()))
    d.line("乙方住所：", P("ADDRESS", v.zh_address()))
    d.line("This Agreement is made on ", v.timestamp()[:10], " between ", v.company("en"), " and Mr. ",
           P("PERSON", party), " (the Consultant), holder of PRC passport no. ", P("CN_PASSPORT", v.cn_passport()),
           ". Fees are paid to bank card ", P("CREDIT_CARD", v.card(unionpay=True)), ".")
    d.table = [[["签字 / Signature"], ["日期 / Date"]], [[P("PERSON", party)], [v.timestamp()[:10]]],
               [[P("PERSON", rep)], [v.timestamp()[:10]]]]
    return f"contracts/service_agreement_{i:03d}.docx", d


def offer_letter(v: Values, i: int):
    name = v.en_name()
    d = Doc().line(v.company("en")).line(f"Offer of employment, ref. HR-{v.digits(6)}")
    d.line("Dear ", P("PERSON", name), ",")
    d.line("We are pleased to offer you the position of Data Analyst starting ", v.timestamp()[:10], ".")
    d.line("Mailing address on file: ", P("ADDRESS", v.en_address()), ".")
    d.line("Salary is paid by direct deposit to bank account number ", P("BANK_ACCOUNT", v.bank_account()),
           " (routing number 021000021).")
    d.line("Please bring your driver's license ", P("DRIVER_LICENSE", v.driver_license()),
           " and your passport ", P("PASSPORT", v.us_passport()), " on your first day.")
    d.line("Sincerely, ", P("PERSON", v.en_name()), ", Head of People")
    return f"contracts/offer_letter_{i:03d}.docx", d


def zh_mail(v: Values, i: int):
    sender, to = v.zh_name(), v.zh_name()
    d = Doc(headers={"From": [P("PERSON", sender), " <", P("EMAIL_ADDRESS", v.email(v.zh.user_name())), ">"],
                     "To": [P("PERSON", to), " <", P("EMAIL_ADDRESS", v.email(v.zh.user_name())), ">"],
                     "Subject": ["关于订单 ", v.order_number(), " 的退款申请"]})
    d.line(P("PERSON", to), "您好：")
    d.line("我是", P("PERSON", sender), "，订单号 ", v.order_number(), " 的商品有质量问题。")
    d.line("请退款到我的银行卡 ", P("CREDIT_CARD", v.card()), "，有问题请打我手机 ",
           P("PHONE_NUMBER", v.cn_mobile()), "。")
    d.line("谢谢！")
    return f"mail/退款申请_{i:03d}.eml", d


def en_mail(v: Values, i: int):
    sender, agent = v.en_name(), v.en_name()
    born = v.birth_date(1960, 2004)
    d = Doc(headers={"From": [P("PERSON", sender), " <", P("EMAIL_ADDRESS", v.email(sender)), ">"],
                     "To": ["Travel Desk <travel@example.com>"],
                     "Subject": ["Booking ", v.waybill(), " for next week"]})
    d.line("Hi team,").line("Please book the Shanghai trip for me. Passport number ", P("PASSPORT", v.us_passport()),
                            ", date of birth ", P("DATE_OF_BIRTH", v.dob_text(born, "en")), ".")
    d.line("Charge my card ", P("CREDIT_CARD", v.card(unionpay=False)), "; refunds to IBAN ",
           P("IBAN_CODE", v.iban()), ".")
    d.line("My assistant ", P("PERSON", agent), " can be reached at ", P("PHONE_NUMBER", v.us_phone()), ".")
    d.line("Thanks,").line(P("PERSON", sender))
    return f"mail/travel_booking_{i:03d}.eml", d


def app_log(v: Values, i: int):
    d = Doc()
    for _ in range(12):
        ts = v.timestamp()
        kind = v.rng.randrange(5)
        if kind == 0:
            d.line(ts, " INFO  auth: login ok user=", P("EMAIL_ADDRESS", v.email()), " ip=", P("IP_ADDRESS", v.ip()))
        elif kind == 1:
            d.line(ts, " INFO  sms: verification code sent mobile=", P("PHONE_NUMBER", v.cn_mobile(formatted=False)))
        elif kind == 2:
            d.line(ts, " INFO  order: created order_id=", v.order_number(), " sku=", v.sku(), " amount=", v.amount())
        elif kind == 3:
            d.line(ts, " WARN  http: slow request GET /api/v2/items?page=", str(v.rng.randint(1, 90)),
                   f" took {v.rng.randint(500, 4000)}ms from ", P("IP_ADDRESS", v.ip()))
        else:
            d.line(ts, " DEBUG cache: refreshed ", str(v.rng.randint(10, 900)), " entries in ",
                   str(v.rng.randint(2, 90)), "ms")
    return f"logs/app_{i:03d}.log", d


def credentials(v: Values, i: int):
    if i % 2:
        d = Doc().line("[database]").line("host = db.internal.example.com").line("port = 5432")
        d.line("user = crm_app").line("password = ", P("CREDENTIAL", v.password()))
        d.line("[aws]").line("aws_access_key_id = ", P("CREDENTIAL", v.aws_key()))
        return f"config/app_{i:03d}.ini", d
    d = Doc().line("service: billing").line("replicas: 3").line("database:")
    d.line("  url: postgresql://billing:", P("CREDENTIAL", v.password()), "@db.internal.example.com:5432/billing")
    d.line("github:").line("  token: ", P("CREDENTIAL", v.github_token()))
    return f"config/deploy_{i:03d}.yaml", d


def payments(v: Values, i: int):
    rows = []
    for _ in range(4):
        name = v.en_name() if v.rng.random() < 0.5 else v.zh_name()
        rows.append({"order_no": v.long_order_number(), "customer": P("PERSON", name),
                     "card": P("CREDIT_CARD", v.card()), "refund_iban": P("IBAN_CODE", v.iban()),
                     "amount": v.amount(), "created_at": v.timestamp()})
    return f"finance/payments_{i:03d}.json", JsonDoc({"batch": v.batch_number(), "payments": rows})


def booking(v: Values, i: int):
    born = v.birth_date(1950, 2010)
    data = {"预订号": v.waybill(), "乘客姓名": P("PERSON", v.zh_name()), "护照号码": P("CN_PASSPORT", v.cn_passport()),
            "出生日期": P("DATE_OF_BIRTH", v.dob_text(born, "zh")), "航班": f"CA{v.rng.randint(100, 9999)}",
            "联系手机": P("PHONE_NUMBER", v.cn_mobile()), "下单时间": v.timestamp()}
    return f"travel/booking_{i:03d}.json", JsonDoc(data)


def field_visits(v: Values, i: int):
    d = Doc()
    for _ in range(4):
        d.line(v.timestamp(), " 巡检员 ", P("PERSON", v.zh_name()), " 打卡 GPS坐标：",
               P("PRECISE_LOCATION", v.coordinates()))
    d.line(v.timestamp(), " technician ", P("PERSON", v.en_name()), " checked in at location ",
           P("PRECISE_LOCATION", v.coordinates()))
    return f"field/visits_{i:03d}.log", d


def mixed_minutes(v: Values, i: int):
    zh_person, en_person, en_contact = v.zh_name(), v.en_name(), v.en_name()
    d = Doc().line("# 项目周会纪要").line("")
    d.line("参会人：", P("PERSON", zh_person), "、", P("PERSON", en_person), "（外方顾问）")
    d.line("客户联系人 ", P("PERSON", en_contact), "，邮箱 ", P("EMAIL_ADDRESS", v.email(en_contact)), "，下周到访。")
    d.line("")
    d.line("Action items: Ms. ", P("PERSON", v.zh_name()), " will send the revised quote for ", v.product(),
           " to ", P("PERSON", en_person), " by Friday; ", P("PERSON", zh_person),
           " owns the data migration.")
    return f"notes/会议纪要_{i:03d}.md", d


def survey(v: Values, i: int):
    d = Doc().line("员工多元化调查回执 / Diversity survey")
    d.line("姓名：", P("PERSON", v.zh_name()), "  民族：", P("ETHNICITY", v.choice(ETHNICITY_ZH)),
           "  宗教信仰：", P("RELIGION", v.choice(RELIGION_ZH)))
    d.line("Name: ", P("PERSON", v.en_name()), "; race/ethnicity: ", P("ETHNICITY", v.choice(ETHNICITY_EN)),
           "; religion: ", P("RELIGION", v.choice(RELIGION_EN)))
    return f"hr/diversity_survey_{i:03d}.txt", d


def access_control(v: Values, i: int):
    d = Doc().line("门禁系统导出 / access control export")
    for _ in range(2):
        d.line("员工 ", P("PERSON", v.zh_name()), " 人脸特征值：", P("BIOMETRIC", v.biometric_template()))
    d.line("Fingerprint template for ", P("PERSON", v.en_name()), ": ", P("BIOMETRIC", v.biometric_template()))
    return f"security/access_export_{i:03d}.txt", d


DOCUMENTS = (zh_hr_record, en_interview, zh_medical, en_patient_note, contract, offer_letter, zh_mail, en_mail,
             app_log, credentials, payments, booking, field_visits, mixed_minutes, survey, access_control)
