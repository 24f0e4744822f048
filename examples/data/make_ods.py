"""Writes students-lec.ods: LEC's export in the shape LibreOffice Calc saves it (OpenDocument),
for the reader's .ods path.

Standard library only (`python3 make_ods.py`); the output is the same byte for byte on every run
(fixed timestamps), so a diff shows any change. The file is committed; tests read it, they never
run this script. The workbook: a title block (a cell merged across the columns), a header over
two merged rows, IDs as text and as numbers (one that lost its leading zero, one Excel turned
into 1.11203E+12), birth dates as text, as dates and as a date-time, a blank row, a grade that
does not exist, a person recorded twice, a removed record, and a summary sheet without a
student table.
"""
import os
import zipfile
from xml.sax.saxutils import escape, quoteattr

HERE = os.path.dirname(os.path.abspath(__file__))
WHEN = (2024, 11, 1, 0, 0, 0)


def pid(category, serial):
    """A checksum-valid personal ID: category, province 58, then the serial."""
    d = [category, 5, 8] + [int(c) for c in f"{serial:09d}"]
    s = sum(x * w for x, w in zip(d, range(13, 1, -1)))
    return "".join(map(str, d)) + str((11 - s % 11) % 10)


def text(value, across=1, down=1):
    spans = ""
    if across > 1:
        spans += f' table:number-columns-spanned="{across}"'
    if down > 1:
        spans += f' table:number-rows-spanned="{down}"'
    return (
        f'<table:table-cell office:value-type="string"{spans}>'
        f"<text:p>{escape(value)}</text:p></table:table-cell>"
    )


def number(value):
    shown = repr(value) if isinstance(value, float) else str(value)
    return f'<table:table-cell office:value-type="float" office:value="{shown}"><text:p>{shown}</text:p></table:table-cell>'


def date(iso):
    return f'<table:table-cell office:value-type="date" office:date-value={quoteattr(iso)}><text:p>{escape(iso)}</text:p></table:table-cell>'


def covered(n=1):
    repeat = f' table:number-columns-repeated="{n}"' if n > 1 else ""
    return f"<table:covered-table-cell{repeat}/>"


def empty(n=1):
    repeat = f' table:number-columns-repeated="{n}"' if n > 1 else ""
    return f"<table:table-cell{repeat}/>"


def row(*cells):
    return "<table:table-row>" + "".join(cells) + "</table:table-row>"


WIDTH = 10
SCHOOL = "โรงเรียนเทศบาล 1 (3058200001)"

students = [
    row(
        text("รายงานรายละเอียดข้อมูลนักเรียน", across=WIDTH),
        covered(WIDTH - 1),
    ),
    row(text("ปีการศึกษา 2567 ภาคเรียนที่ 2"), empty(WIDTH - 1)),
    row(empty(WIDTH)),
    # the header: tall cells over two rows, the name over three columns
    row(
        text("ลำดับที่", down=2),
        text("สถานศึกษา", down=2),
        text("เลขประจำตัวนักเรียน", down=2),
        text("ชื่อ - นามสกุล", across=3),
        covered(2),
        text("วันเดือนปีเกิด", down=2),
        text("เลขประจำตัวประชาชน", down=2),
        text("ระดับชั้น", down=2),
        text("สภาพนักเรียน", down=2),
    ),
    row(
        covered(3),
        text("คำนำหน้า"),
        text("ชื่อ"),
        text("นามสกุล"),
        covered(4),
    ),
]
records = [
    # (no, student no, prefix, first, last, birth cell, id cell, grade, status)
    (1, "00001", "เด็กชาย", "กล้า", "ใจดี", text("15/03/2560"), text(pid(1, 960_001)), "ป.1", "ปกติ"),
    # an ID typed as a number (13 digits: nothing lost), a birth date as a date cell
    (2, "00002", "เด็กหญิง", "ดาว", "แสงงาม", date("2017-04-01"), number(int(pid(1, 960_002))), "ป.1", "ปกติ"),
    # a category-0 ID as a number: its leading 0 is gone
    (3, "00003", "เด็กชาย", "ต้น", "มั่นคง", text("02/02/2560"), number(int(pid(0, 960_003))), "ป.1", "ปกติ"),
    # what Excel made of a pasted 1.11203E+12; a date-time
    (4, "00004", "เด็กหญิง", "น้ำ", "ใสสะอาด", date("2017-03-03T00:00:00"), number(1_112_030_000_000), "ป.1", "ปกติ"),
    None,  # a blank row
    (5, "00005", "เด็กชาย", "ฟ้า", "กว้างไกล", text("04/04/2560"), text(pid(1, 960_005)), "ป.7", "ปกติ"),
    # the child of the first row again
    (6, "00006", "เด็กชาย", "กล้า", "ใจดี", text("15/03/2560"), text(pid(1, 960_001)), "ป.1", "ปกติ"),
    (7, "00007", "เด็กหญิง", "ฝน", "ตกดี", text("05/05/2560"), text(pid(1, 960_007)), "ป.1", "จำหน่าย"),
]
for r in records:
    if r is None:
        students.append(row(empty(WIDTH)))
        continue
    no, student, prefix, first, last, birth, ident, grade, status = r
    students.append(
        row(
            number(no),
            text(SCHOOL),
            text(student),
            text(prefix),
            text(first),
            text(last),
            birth,
            ident,
            text(grade),
            text(status),
        )
    )

summary = [
    row(text("สรุปจำนวนนักเรียน")),
    row(text("ระดับชั้น"), text("จำนวน")),
    row(text("ป.1"), number(6)),
    row(text("ป.7"), number(1)),
]


def table(name, rows, width):
    return (
        f"<table:table table:name={quoteattr(name)}>"
        f'<table:table-column table:number-columns-repeated="{width}"/>' + "".join(rows) + "</table:table>"
    )


content = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3">'
    "<office:body><office:spreadsheet>"
    + table("นักเรียน", students, WIDTH)
    + table("สรุป", summary, 2)
    + "</office:spreadsheet></office:body></office:document-content>\n"
)
manifest = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
    '<manifest:file-entry manifest:full-path="/" manifest:version="1.3" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>\n"
)


def entry(z, name, data, method):
    info = zipfile.ZipInfo(name, WHEN)
    info.compress_type = method
    info.external_attr = 0o644 << 16
    z.writestr(info, data)


with zipfile.ZipFile(os.path.join(HERE, "students-lec.ods"), "w") as z:
    # the mimetype first and stored, as OpenDocument requires (readers sniff it)
    entry(z, "mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
    entry(z, "META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    entry(z, "content.xml", content, zipfile.ZIP_DEFLATED)
