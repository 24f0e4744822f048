"""Writes lec-export.xls: LEC's export in the old Excel format (BIFF8), for the reader's .xls path.

Run once with xlwt installed (`pip install xlwt==1.3.0`): `python make_xls.py`. The file is
committed; tests never run this script.
"""
import datetime
import os

import xlwt


def pid(category, serial):
    """A checksum-valid personal ID: category, province 58, then the serial."""
    d = [category, 5, 8] + [int(c) for c in f"{serial:09d}"]
    s = sum(x * w for x, w in zip(d, range(13, 1, -1)))
    return "".join(map(str, d)) + str((11 - s % 11) % 10)


wb = xlwt.Workbook(encoding="utf-8")
ws = wb.add_sheet("รายงาน")
bold = xlwt.easyxf("font: bold on; align: horiz center")
date = xlwt.easyxf(num_format_str="DD/MM/YYYY")
ws.write_merge(0, 0, 0, 9, "รายงานรายละเอียดข้อมูลนักเรียน", bold)
tall = ["ลำดับที่", "สถานศึกษา", "เลขประจำตัวนักเรียน"]
for c, name in enumerate(tall):
    ws.write_merge(2, 3, c, c, name, bold)
ws.write_merge(2, 2, 3, 5, "ชื่อ - นามสกุล", bold)
for c, name in [(3, "คำนำหน้า"), (4, "ชื่อ"), (5, "นามสกุล")]:
    ws.write(3, c, name, bold)
for c, name in [(6, "วันเดือนปีเกิด"), (7, "เลขประจำตัวประชาชน"), (8, "ระดับชั้น"), (9, "สภาพนักเรียน")]:
    ws.write_merge(2, 3, c, c, name, bold)
school = "โรงเรียนเทศบาล 1 (3058200001)"
rows = [
    (school, "00001", "เด็กชาย", "กล้า", "ใจดี", "15/03/2560", pid(1, 950001), "ป.1"),
    (school, "00002", "เด็กหญิง", "ดาว", "แสงงาม", datetime.date(2017, 4, 1), float(pid(1, 950002)), "ป.1"),
    (school, "00003", "เด็กชาย", "ต้น", "มั่นคง", "02/02/2560", pid(1, 950003), "ป.7"),
]
for i, (inst, no, prefix, first, last, birth, ident, grade) in enumerate(rows):
    r = 4 + i
    ws.write(r, 0, i + 1)
    ws.write(r, 1, inst)
    ws.write(r, 2, no)
    ws.write(r, 3, prefix)
    ws.write(r, 4, first)
    ws.write(r, 5, last)
    if isinstance(birth, datetime.date):
        ws.write(r, 6, birth, date)
    else:
        ws.write(r, 6, birth)
    ws.write(r, 7, ident)
    ws.write(r, 8, grade)
    ws.write(r, 9, "ปกติ")
wb.save(os.path.join(os.path.dirname(os.path.abspath(__file__)), "lec-export.xls"))
