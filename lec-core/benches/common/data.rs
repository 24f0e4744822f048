//! The benchmarks' data: a deterministic generator of student rows (the same on every run and
//! machine), as CSV or as a workbook.
#![allow(dead_code)]

use lec_core::id::check_digit;

/// A small deterministic generator (SplitMix64).
pub(crate) struct Gen(pub(crate) u64);

impl Gen {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A checksum-valid personal ID (category 1, registry 58) for a serial number.
pub(crate) fn person_id(serial: u64) -> String {
    let mut d = [0u8; 12];
    d[0] = 1;
    d[1] = 5;
    d[2] = 8;
    let mut s = serial;
    for slot in d[3..].iter_mut().rev() {
        *slot = (s % 10) as u8;
        s /= 10;
    }
    let c = check_digit(&d);
    d.iter().chain(std::iter::once(&c)).map(|&x| char::from(b'0' + x)).collect()
}

pub(crate) const HEADER: [&str; 11] = [
    "institution_code",
    "person_id",
    "prefix",
    "first_name",
    "last_name",
    "sex",
    "birth_date",
    "grade",
    "room",
    "nationality",
    "status",
];

/// Student rows over 2,000 institutions; about 1 % of the rows carry an error (an ID with a
/// letter for its check digit), 0.1 % a person recorded again (mostly in another institution)
/// and 0.2 % a removed record.
pub(crate) fn student_rows(rows: usize) -> impl Iterator<Item = [String; 11]> {
    student_rows_over(rows, 2000)
}

/// [`student_rows`] spread over `institutions` institutions (at most 100,000).
pub(crate) fn student_rows_over(rows: usize, institutions: u64) -> impl Iterator<Item = [String; 11]> {
    let institutions = institutions.clamp(1, 100_000);
    let mut g = Gen(42);
    let grades = [
        ("อ.1", 2563),
        ("อ.2", 2562),
        ("อ.3", 2561),
        ("ป.1", 2560),
        ("ป.2", 2559),
        ("ป.3", 2558),
        ("ป.4", 2557),
        ("ป.5", 2556),
        ("ป.6", 2555),
        ("ม.1", 2554),
        ("ม.2", 2553),
        ("ม.3", 2552),
    ];
    (0..rows).map(move |i| {
        let inst = g.below(institutions);
        let cdc = inst.is_multiple_of(4);
        let code = format!("3058{}{:05}", if cdc { 6 } else { 3 }, inst);
        let serial = if g.below(1000) == 0 && i > 0 { g.below(i as u64) } else { i as u64 };
        let mut id = person_id(serial);
        if g.below(100) == 0 {
            id.replace_range(12..13, "x");
        }
        let (grade, year) = if cdc { ("ศพด.", 2564) } else { grades[g.below(grades.len() as u64) as usize] };
        let day = 1 + g.below(28);
        let month = 1 + g.below(12);
        let (prefix, sex) = if g.below(2) == 0 {
            ("เด็กชาย", "ชาย")
        } else {
            ("เด็กหญิง", "หญิง")
        };
        let status = if g.below(500) == 0 { "ไม่มีตัวตน" } else { "" };
        let room = 1 + g.below(3);
        [
            code,
            id,
            prefix.to_owned(),
            format!("สมชาย{i}"),
            "ใจดี".to_owned(),
            sex.to_owned(),
            format!("{day:02}/{month:02}/{year}"),
            grade.to_owned(),
            room.to_string(),
            "ไทย".to_owned(),
            status.to_owned(),
        ]
    })
}

/// The rows as a UTF-8 CSV file.
pub(crate) fn student_csv(rows: usize) -> Vec<u8> {
    student_csv_over(rows, 2000)
}

/// [`student_csv`] spread over `institutions` institutions.
pub(crate) fn student_csv_over(rows: usize, institutions: u64) -> Vec<u8> {
    let mut out = String::with_capacity(rows * 110);
    out.push_str(&HEADER.join(","));
    out.push('\n');
    for r in student_rows_over(rows, institutions) {
        out.push_str(&r.join(","));
        out.push('\n');
    }
    out.into_bytes()
}

/// The rows as an `.xlsx` workbook (every cell text, as a careful school types IDs).
pub(crate) fn student_xlsx(rows: usize) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in student_rows(rows).enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 1, c as u16, v).unwrap();
            }
        }
    }
    wb.save_to_buffer().unwrap()
}
