#!/usr/bin/env python3
"""Regenerates seeds/citizens.json and seeds/records.json: synthetic demo citizens and their
department records. Every person here is invented: names are obviously fake (测试/样例),
addresses are on 示例路 (Example Road), numbers are built with valid check digits for test
regions only. Run from the repository root: python3 scripts/generate-seeds.py"""
import json, os

W = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
C = "10X98765432"

def idnum(body17):
    assert len(body17) == 17 and body17.isdigit()
    return body17 + C[sum(int(d) * w for d, w in zip(body17, W)) % 11]

def months(start, end):
    y, m = start
    out = []
    while (y, m) <= end:
        out.append((y, m))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out

def contributions(start, end, employers, base_start):
    rows = []
    for i, (y, m) in enumerate(months(start, end)):
        employer = employers[min(i * len(employers) // max(1, len(months(start, end))), len(employers) - 1)]
        base = base_start + (y - start[0]) * 300  # yuan, grows yearly
        rows.append({
            "month": f"{y:04d}-{m:02d}",
            "employer": employer,
            "base": f"{base}.00",
            "employerAmount": f"{base * 16 // 100}.{(base * 16) % 100:02d}",
            "employeeAmount": f"{base * 8 // 100}.{(base * 8) % 100:02d}",
        })
    return rows

citizens = []
records = []

def add(key, label, identity, book):
    citizens.append({"key": key, "label": label, "identity": identity})
    book = dict(book)
    book["documentNumber"] = identity["documentNumber"]
    records.append(book)

# 1. Resident, 5 years of contributions, two unpaid fines, appointments.
a = idnum("33020319850412351")
add("alpha", "resident card, 60 months of contributions, two unpaid traffic fines", {
    "cardType": "resident", "name": "测试甲", "sex": "1", "ethnicity": "01", "birthDate": "1985-04-12",
    "address": "浙江省宁波市海曙区示例路1号101室", "documentNumber": a, "issuingAuthority": "宁波市公安局海曙分局",
    "validity": {"start": "2018-06-01", "end": "2038-06-01"},
}, {
    "socialInsurance": {"insuranceNumber": "NB-TEST-0000001", "city": "宁波市", "insuredSince": "2021-11",
        "status": "正常参保", "contributions": contributions((2021, 11), (2026, 10), ["示例科技有限公司", "样例贸易有限公司"], 4200)},
    "householdRegistration": {"householdNumber": "330203-TEST-0001", "householdType": "家庭户",
        "address": "浙江省宁波市海曙区示例路1号101室", "householdHead": "测试甲", "relationToHead": "户主",
        "registrationAuthority": "宁波市公安局海曙分局示例派出所", "registeredSince": "2010-03-15"},
    "criminalRecord": {"hasRecord": False, "checkedFrom": "2000-01-01", "scope": "全国违法犯罪人员信息资源库（演示数据）"},
    "trafficViolations": [
        {"decisionNumber": "3302031000000001", "plateNumber": "浙B·TEST1", "date": "2026-08-14", "place": "示例路与样例街交叉口",
         "offence": "违反禁止标线指示", "fine": "200.00", "points": 3, "isPaid": False},
        {"decisionNumber": "3302031000000002", "plateNumber": "浙B·TEST1", "date": "2026-09-02", "place": "示例路",
         "offence": "违规停车", "fine": "150.00", "points": 0, "isPaid": False},
        {"decisionNumber": "3302031000000003", "plateNumber": "浙B·TEST1", "date": "2025-12-20", "place": "样例大道",
         "offence": "超速未达20%", "fine": "100.00", "points": 3, "isPaid": True},
    ],
    "appointments": {"appointments": [{"date": "2026-12-03", "slot": "09:30-10:00", "office": "海曙区行政服务中心公安窗口", "business": "居住证签注"}],
        "applications": [{"applicationNumber": "SL-2026-TEST-0001", "business": "身份证换领", "status": "已制证，可领取", "updated": "2026-11-20"}]},
})

# 2. Resident, short history, an exit-entry endorsement fee due.
b = idnum("33020319921103542")
add("bravo", "resident card, 6 months of contributions, endorsement fee ¥15 due", {
    "cardType": "resident", "name": "测试乙", "sex": "2", "ethnicity": "01", "birthDate": "1992-11-03",
    "address": "浙江省宁波市江北区样例街88号", "documentNumber": b, "issuingAuthority": "宁波市公安局江北分局",
    "validity": {"start": "2019-01-10", "end": "2029-01-10"},
}, {
    "socialInsurance": {"insuranceNumber": "NB-TEST-0000002", "city": "宁波市", "insuredSince": "2026-05",
        "status": "正常参保", "contributions": contributions((2026, 5), (2026, 10), ["示例餐饮管理有限公司"], 3957)},
    "householdRegistration": {"householdNumber": "330205-TEST-0002", "householdType": "家庭户",
        "address": "浙江省宁波市江北区样例街88号", "householdHead": "测试戊己", "relationToHead": "女",
        "registrationAuthority": "宁波市公安局江北分局样例派出所", "registeredSince": "1992-11-20"},
    "criminalRecord": {"hasRecord": False, "checkedFrom": "2000-01-01", "scope": "全国违法犯罪人员信息资源库（演示数据）"},
    "exitEntry": [{"applicationNumber": "CRJ-2026-TEST-0002", "document": "往来港澳通行证", "endorsement": "香港个人旅游签注（一次有效）",
                   "fee": "15.00", "isFeePaid": False}],
    "trafficViolations": [],
})

# 3. Resident, 长期 validity, 20 years of contributions (long multi-page proof).
c = idnum("33020319600215613")
add("charlie", "resident card valid 长期 (long-term), 240 months of contributions", {
    "cardType": "resident", "name": "测试丙", "sex": "1", "ethnicity": "03", "birthDate": "1960-02-15",
    "address": "浙江省宁波市鄞州区示例大道200弄3号", "documentNumber": c, "issuingAuthority": "宁波市公安局鄞州分局",
    "validity": {"start": "2008-09-01", "end": "长期"},
}, {
    "socialInsurance": {"insuranceNumber": "NB-TEST-0000003", "city": "宁波市", "insuredSince": "2000-01",
        "status": "正常参保", "contributions": contributions((2000, 1), (2019, 12), ["示例机械厂", "样例纺织有限公司", "示例物业服务有限公司"], 900)},
    "householdRegistration": {"householdNumber": "330212-TEST-0003", "householdType": "家庭户",
        "address": "浙江省宁波市鄞州区示例大道200弄3号", "householdHead": "测试丙", "relationToHead": "户主",
        "registrationAuthority": "宁波市公安局鄞州分局示例派出所", "registeredSince": "1988-07-01"},
    "criminalRecord": {"hasRecord": False, "checkedFrom": "2000-01-01", "scope": "全国违法犯罪人员信息资源库（演示数据）"},
})

# 4. Expired resident card.
d = idnum("33020319781230724")
add("delta", "resident card that expired in 2020 (rejected)", {
    "cardType": "resident", "name": "测试丁", "sex": "2", "ethnicity": "01", "birthDate": "1978-12-30",
    "address": "浙江省宁波市海曙区示例路9号", "documentNumber": d, "issuingAuthority": "宁波市公安局海曙分局",
    "validity": {"start": "2000-05-01", "end": "2020-05-01"},
}, {})

# 5. Hong Kong resident's residence permit (J).
e = idnum("81000019900707003")
add("echo", "Hong Kong/Macao/Taiwan residence permit (J card)", {
    "cardType": "J", "name": "测试戊", "sex": "1", "birthDate": "1990-07-07",
    "address": "浙江省宁波市北仑区样例路66号", "documentNumber": e, "issuingAuthority": "宁波市公安局北仑分局",
    "validity": {"start": "2024-03-01", "end": "2029-03-01"}, "travelPermitNumber": "H90000001", "issueCount": 1,
}, {
    "appointments": {"appointments": [], "applications": [{"applicationNumber": "JZZ-2026-TEST-0005", "business": "居住证换领", "status": "审核中", "updated": "2026-11-25"}]},
    "trafficViolations": [],
})

# 6. Foreign permanent resident, 2017 card (I): 15-character number.
add("foxtrot", "foreign permanent resident card, 2017 version (I card)", {
    "cardType": "I", "name": "样例外籍", "englishName": "SAMPLE FOXTROT TESTER", "sex": "2", "birthDate": "1983-05-20",
    "documentNumber": "USA330283052001", "issuingAuthority": "3302", "validity": {"start": "2019-04-01", "end": "2029-04-01"},
    "nationality": "USA", "cardVersion": "01",
}, {
    "appointments": {"appointments": [{"date": "2026-12-10", "slot": "14:00-14:30", "office": "宁波市出入境接待大厅", "business": "永久居留证换发"}], "applications": []},
})

# 7. Foreign permanent resident, 2023 card (Y): 18 digits starting with 9.
g = idnum("93384019880808002")
add("golf", "foreign permanent resident card, 2023 version (Y card)", {
    "cardType": "Y", "name": "样例高尔夫", "englishName": "SAMPLE GOLF TESTER", "sex": "2", "birthDate": "1988-08-08",
    "documentNumber": g, "validity": {"start": "2024-01-15", "end": "2034-01-15"}, "nationality": "840", "issueCount": 0,
}, {
    "socialInsurance": {"insuranceNumber": "NB-TEST-0000007", "city": "宁波市", "insuredSince": "2024-03",
        "status": "正常参保", "contributions": contributions((2024, 3), (2026, 10), ["示例国际学校"], 8000)},
})

# 8. Resident with a (synthetic) criminal-record flag: the kiosk must refuse the proof.
h = idnum("33020319700101835")
add("hotel", "resident card whose criminal-record check has a hit (proof must be refused)", {
    "cardType": "resident", "name": "测试庚", "sex": "1", "ethnicity": "01", "birthDate": "1970-01-01",
    "address": "浙江省宁波市镇海区示例路300号", "documentNumber": h, "issuingAuthority": "宁波市公安局镇海分局",
    "validity": {"start": "2015-01-01", "end": "2035-01-01"},
}, {
    "criminalRecord": {"hasRecord": True, "checkedFrom": "2000-01-01", "scope": "全国违法犯罪人员信息资源库（演示数据）"},
})

# 9. Resident nobody has records for.
i = idnum("33020320000229446")
add("india", "resident card with no records at any department", {
    "cardType": "resident", "name": "测试辛", "sex": "2", "ethnicity": "01", "birthDate": "2000-02-29",
    "address": "浙江省宁波市奉化区样例村1组", "documentNumber": i, "issuingAuthority": "宁波市公安局奉化分局",
    "validity": {"start": "2016-03-01", "end": "2036-03-01"},
}, {})

root = os.path.join(os.path.dirname(__file__), "..", "seeds")
for name, value in [("citizens.json", {"version": 1, "citizens": citizens}), ("records.json", {"version": 1, "books": records})]:
    with open(os.path.join(root, name), "w", encoding="utf-8") as f:
        json.dump(value, f, ensure_ascii=False, indent=2)
        f.write("\n")
print("wrote", len(citizens), "citizens")
