//! `lec validate --format html`: one self-contained page (no script, no outside file) that a
//! person opens in a browser: the counts, the counts per institution and per finding code, the
//! files read, then the findings. Personal IDs are as masked as in every other format.

use lec_core::{Finding, Lang, Report};
use std::io::{self, Write};

/// What the page says about the run besides the report.
pub(crate) struct Page<'a> {
    pub(crate) report: &'a Report,
    pub(crate) registry_findings: &'a [Finding],
    pub(crate) academic_year: u16,
    pub(crate) unmasked: bool,
    pub(crate) lang: Lang,
    /// The list limit in effect (for the note on omitted findings).
    pub(crate) limit: Option<usize>,
    pub(crate) errors_only: bool,
}

/// Escapes text for HTML content and attribute values.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A count with thousands separators, its exact value in `data-n`.
fn n(value: u64) -> String {
    let digits = value.to_string();
    let mut shown = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            shown.push(',');
        }
        shown.push(c);
    }
    format!("<td class=\"n\" data-n=\"{value}\">{shown}</td>")
}

const STYLE: &str = "
body{font-family:'Sarabun','Noto Sans Thai','Leelawadee UI',Tahoma,sans-serif;margin:2rem;color:#1d1d1f;line-height:1.45}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:2px solid #ddd;padding-bottom:.2rem}
.meta{color:#555}.en{color:#666;font-size:.9em}
table{border-collapse:collapse;margin:.5rem 0;font-size:.95rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}td.n{text-align:right;font-variant-numeric:tabular-nums}
tr.error td.sev,.verdict.bad{color:#b00020;font-weight:bold}tr.warning td.sev{color:#8a5a00}tr.info td.sev{color:#555}
.verdict{font-size:1.1rem;padding:.5rem .8rem;border-radius:6px;display:inline-block}
.verdict.ok{background:#e7f6ea;color:#1b6e2a}.verdict.bad{background:#fde8ea}
code{font-family:ui-monospace,Consolas,monospace}
";

/// Writes the page.
pub(crate) fn write(out: &mut impl Write, page: &Page<'_>) -> io::Result<()> {
    let r = page.report;
    let s = &r.summary;
    writeln!(out, "<!DOCTYPE html>\n<html lang=\"th\">\n<head>\n<meta charset=\"utf-8\">")?;
    writeln!(out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")?;
    writeln!(out, "<title>รายงานผลการตรวจข้อมูลนักเรียน · lec</title>\n<style>{STYLE}</style>\n</head>\n<body>")?;
    writeln!(out, "<h1>รายงานผลการตรวจข้อมูลนักเรียน <span class=\"en\">Student data check</span></h1>")?;
    let files: Vec<String> = r.files.iter().map(|f| esc(&f.path)).collect();
    let masked = if page.unmasked {
        "แสดงเลขประจำตัวเต็ม (--unmask) <span class=\"en\">IDs shown in full</span>"
    } else {
        "ปิดบังเลขประจำตัวบางส่วน <span class=\"en\">personal IDs masked</span>"
    };
    writeln!(
        out,
        "<p class=\"meta\">ปีการศึกษา <span id=\"year\">{}</span> · {} · lec {}<br>ไฟล์ <span class=\"en\">files</span>: {}</p>",
        page.academic_year,
        masked,
        env!("CARGO_PKG_VERSION"),
        files.join(", ")
    )?;

    // summary
    let (class, th, en) = if r.has_errors() {
        ("bad", "มีข้อผิดพลาด ต้องแก้ไขก่อนยืนยันข้อมูล", "there are errors: fix them before confirming")
    } else {
        ("ok", "ไม่มีข้อผิดพลาด", "no errors")
    };
    writeln!(out, "<section id=\"summary\">\n<h2>สรุป <span class=\"en\">Summary</span></h2>")?;
    writeln!(out, "<p class=\"verdict {class}\" id=\"verdict\">{th} <span class=\"en\">{en}</span></p>")?;
    writeln!(out, "<table class=\"counts\">")?;
    for (id, th, en, value) in [
        ("rows", "จำนวนแถวข้อมูล", "records read", s.rows),
        ("records_counted", "นับได้", "counted", s.records_counted),
        ("records_with_errors", "มีข้อผิดพลาด", "with errors", s.records_with_errors),
        ("records_removed", "จำหน่าย / ไม่มีตัวตน", "removed", s.records_removed),
        ("errors", "ข้อผิดพลาด", "errors", s.errors),
        ("warnings", "คำเตือน", "warnings", s.warnings),
        ("infos", "ข้อมูลเพื่อทราบ", "infos", s.infos),
        ("findings_omitted", "รายการที่ไม่ได้แสดง", "findings not listed", s.findings_omitted),
    ] {
        writeln!(out, "<tr id=\"summary-{id}\"><th>{th} <span class=\"en\">{en}</span></th>{}</tr>", n(value))?;
    }
    writeln!(out, "</table>\n</section>")?;

    // per institution
    writeln!(out, "<section id=\"by-institution\">\n<h2>ตามสถานศึกษา <span class=\"en\">By institution</span></h2>")?;
    writeln!(
        out,
        "<table>\n<thead><tr><th>รหัสสถานศึกษา <span class=\"en\">code</span></th><th>ชื่อ <span class=\"en\">name</span></th>\
         <th>แถว <span class=\"en\">records</span></th><th>นับได้ <span class=\"en\">counted</span></th>\
         <th>มีข้อผิดพลาด <span class=\"en\">with errors</span></th><th>จำหน่าย <span class=\"en\">removed</span></th>\
         <th>ข้อผิดพลาด <span class=\"en\">errors</span></th><th>คำเตือน <span class=\"en\">warnings</span></th>\
         <th>ข้อมูล <span class=\"en\">infos</span></th></tr></thead>\n<tbody>"
    )?;
    for i in &r.by_institution {
        let code = i.institution.as_deref().unwrap_or("");
        let shown = if code.is_empty() {
            "(ไม่มีรหัสที่ถูกต้อง / ทั้งไฟล์) <span class=\"en\">no valid code, or the file as a whole</span>".to_owned()
        } else {
            format!("<code>{}</code>", esc(code))
        };
        writeln!(
            out,
            "<tr data-institution=\"{}\"><td>{shown}</td><td>{}</td>{}{}{}{}{}{}{}</tr>",
            esc(if code.is_empty() { "-" } else { code }),
            esc(i.name.as_deref().unwrap_or("")),
            n(i.rows),
            n(i.records_counted),
            n(i.records_with_errors),
            n(i.records_removed),
            n(i.errors),
            n(i.warnings),
            n(i.infos)
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")?;

    // per code
    writeln!(out, "<section id=\"by-code\">\n<h2>ตามรหัสข้อค้นพบ <span class=\"en\">By finding code</span></h2>")?;
    writeln!(
        out,
        "<table>\n<thead><tr><th>รหัส <span class=\"en\">code</span></th><th>ระดับ <span class=\"en\">severity</span></th>\
         <th>จำนวน <span class=\"en\">count</span></th><th>ตัวอย่าง <span class=\"en\">example</span></th></tr></thead>\n<tbody>"
    )?;
    for c in &r.by_code {
        let example = r.findings.iter().find(|f| f.code == c.code && f.severity == c.severity);
        let example = example.map(|f| esc(f.message(page.lang))).unwrap_or_default();
        writeln!(
            out,
            "<tr class=\"{sev}\" data-code=\"{code}\" data-severity=\"{sev}\"><td><code>{code}</code></td><td class=\"sev\">{sev}</td>{}<td>{example}</td></tr>",
            n(c.count),
            code = c.code.as_str(),
            sev = c.severity.as_str(),
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")?;

    // files
    writeln!(out, "<section id=\"files\">\n<h2>ไฟล์ที่อ่าน <span class=\"en\">Files read</span></h2>")?;
    writeln!(
        out,
        "<table>\n<thead><tr><th>ไฟล์ <span class=\"en\">file</span></th><th>ชนิด <span class=\"en\">format</span></th>\
         <th>รหัสอักขระ <span class=\"en\">encoding</span></th><th>แถวหัวตาราง <span class=\"en\">header row</span></th>\
         <th>แถวข้อมูล <span class=\"en\">records</span></th><th>แถวว่าง <span class=\"en\">blank rows</span></th></tr></thead>\n<tbody>"
    )?;
    for f in &r.files {
        writeln!(
            out,
            "<tr data-file=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td>{}{}</tr>",
            esc(&f.path),
            esc(&f.path),
            esc(f.format.as_deref().unwrap_or("-")),
            esc(f.encoding.as_deref().unwrap_or("-")),
            f.header_row.map_or("-".to_owned(), |r| r.to_string()),
            n(f.rows),
            n(f.blank_rows)
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")?;

    // findings
    writeln!(out, "<section id=\"findings\">\n<h2>รายการที่พบ <span class=\"en\">Findings</span></h2>")?;
    let total = s.errors + s.warnings + s.infos;
    let listed = r.findings.len();
    let mut note = format!(
        "แสดง <span id=\"findings-listed\">{listed}</span> จาก <span id=\"findings-total\">{total}</span> รายการ \
         <span class=\"en\">showing {listed} of {total}</span>"
    );
    if page.errors_only {
        note.push_str(" · เฉพาะข้อผิดพลาด <span class=\"en\">errors only</span>");
    }
    if let Some(limit) = page.limit
        && s.findings_omitted > 0
    {
        note.push_str(&format!(" · แสดงไม่เกิน {limit} รายการ <span class=\"en\">at most {limit} listed</span>"));
    }
    writeln!(out, "<p>{note}</p>")?;
    writeln!(
        out,
        "<table>\n<thead><tr><th>ไฟล์ <span class=\"en\">file</span></th><th>แถว <span class=\"en\">row</span></th>\
         <th>คอลัมน์ <span class=\"en\">column</span></th><th>ระดับ <span class=\"en\">severity</span></th>\
         <th>รหัส <span class=\"en\">code</span></th><th>ค่า <span class=\"en\">value</span></th>\
         <th>คำอธิบาย <span class=\"en\">message</span></th></tr></thead>\n<tbody id=\"findings-rows\">"
    )?;
    for f in page.registry_findings.iter().chain(&r.findings) {
        let (first, second) = match page.lang {
            Lang::Th => (&f.message_th, &f.message_en),
            Lang::En => (&f.message_en, &f.message_th),
        };
        writeln!(
            out,
            "<tr class=\"{sev}\" data-code=\"{code}\"><td>{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"sev\">{sev}</td>\
             <td><code>{code}</code></td><td><code>{}</code></td><td>{}<br><span class=\"en\">{}</span></td></tr>",
            esc(f.file.as_deref().unwrap_or("")),
            f.row.map(|r| r.to_string()).unwrap_or_default(),
            esc(f.column.as_deref().unwrap_or("")),
            esc(f.value.as_deref().unwrap_or("")),
            esc(first),
            esc(second),
            sev = f.severity.as_str(),
            code = f.code.as_str(),
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")?;
    writeln!(out, "</body>\n</html>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_counts() {
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assert_eq!(n(1234567), "<td class=\"n\" data-n=\"1234567\">1,234,567</td>");
        assert_eq!(n(12), "<td class=\"n\" data-n=\"12\">12</td>");
    }
}
