//! Finding the header row and mapping its columns onto record fields: a plain table's first
//! row, or an LEC export's header ("รายงานรายละเอียดข้อมูลนักเรียน": a title block above, the
//! header found by its cells `ลำดับที่` and `เลขประจำตัวนักเรียน`, possibly spanning merged
//! rows), in English or Thai.

use super::text::Fields;
use crate::codes::InstitutionCode;
use crate::record::{Field, Unresolved};
use crate::registry::Registry;
use crate::text::{digit_value, is_space, trim};
use rustc_hash::FxHashMap;

/// How many rows from the top are searched for the header.
pub(crate) const HEADER_SEARCH_ROWS: usize = 40;

/// Column names of an LEC export that are no record field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LecColumn {
    /// ลำดับที่ — the running number of the row.
    Sequence,
    /// เลขประจำตัวนักเรียน — the student number (not the personal ID).
    StudentNumber,
    /// สถานศึกษา — the institution's name.
    InstitutionName,
    /// อปท. — the LAO's name.
    LaoName,
    /// Other identity columns (จังหวัด, อำเภอ, ปีการศึกษา, ภาคเรียน) and student columns the
    /// rules do not read (เชื้อชาติ, ศาสนา).
    Other,
}

fn lec_column(key: &str) -> Option<LecColumn> {
    Some(match key {
        "ลำดับที่" | "ลำดับ" | "ที่" => LecColumn::Sequence,
        "เลขประจำตัวนักเรียน" | "รหัสนักเรียน" => {
            LecColumn::StudentNumber
        }
        "สถานศึกษา" | "ชื่อสถานศึกษา" | "โรงเรียน" | "school" | "institution" | "institution_name" => {
            LecColumn::InstitutionName
        }
        "อปท." | "อปท" | "องค์กรปกครองส่วนท้องถิ่น" | "lao" | "lao_name" => {
            LecColumn::LaoName
        }
        "จังหวัด" | "อำเภอ" | "ปีการศึกษา" | "ภาคเรียน" | "เชื้อชาติ" | "ศาสนา" => {
            LecColumn::Other
        }
        _ => return None,
    })
}

/// A header cell's name with all white space taken out (Thai headers wrap inside cells).
fn squeezed(name: &str) -> String {
    name.chars().filter(|&c| !is_space(c)).collect::<String>().to_lowercase()
}

/// What a header cell names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Field(Field),
    Lec(LecColumn),
}

fn named(cell: &str) -> Option<Named> {
    let cell = trim(cell);
    if cell.is_empty() {
        return None;
    }
    if let Some(f) = Field::from_header(cell) {
        return Some(Named::Field(f));
    }
    let key = squeezed(cell);
    if let Some(f) = Field::from_header(&key) {
        return Some(Named::Field(f));
    }
    lec_column(&key).or_else(|| lec_column(&cell.to_lowercase().replace(' ', "_"))).map(Named::Lec)
}

/// Whether a row is a header: it names two record fields, or it is an LEC export's header.
fn is_header(cells: &[String]) -> bool {
    let names: Vec<Named> = cells.iter().filter_map(|c| named(c)).collect();
    let fields = names.iter().filter(|n| matches!(n, Named::Field(_))).count();
    let lec = names.contains(&Named::Lec(LecColumn::Sequence)) && names.contains(&Named::Lec(LecColumn::StudentNumber));
    fields >= 2 || lec
}

/// Where the header is among the first rows: the index of its first row and how many rows it
/// spans (merged header rows below it name the columns the first row groups). `None` when no
/// row looks like a header: the caller takes the first non-blank row.
pub(crate) fn find(rows: &[Vec<String>]) -> Option<(usize, usize)> {
    let first = rows.iter().position(|r| is_header(r))?;
    let head = rows.get(first)?;
    let seq_col = head.iter().position(|c| named(c) == Some(Named::Lec(LecColumn::Sequence)));
    let mut span = 1usize;
    for next in rows.iter().skip(first + 1).take(2) {
        let hits = next.iter().filter(|c| named(c).is_some()).count();
        let data_like = match seq_col {
            // a data row has its running number; a header row below a merged cell has none
            // (or the merged cell's name again)
            Some(c) => next.get(c).is_some_and(|v| !trim(v).is_empty() && named(v).is_none()),
            None => hits < 2,
        };
        if hits == 0 || data_like {
            break;
        }
        span += 1;
    }
    Some((first, span))
}

/// How a file's columns map onto record fields.
#[derive(Debug, Clone, Default)]
pub(crate) struct Layout {
    /// The column of each field (in [`Field::ALL`] order), if present.
    pub(crate) map: [Option<usize>; 11],
    /// The column naming the institution (an LEC export's `สถานศึกษา`), if any.
    pub(crate) institution_name: Option<usize>,
    /// The column naming the LAO (`อปท.`), if any.
    pub(crate) lao_name: Option<usize>,
    /// The header's number of cells (a CSV row must have as many).
    pub(crate) width: usize,
    /// Required fields no column gives.
    pub(crate) missing: Vec<Field>,
    /// The column of the ID (read as text, with Excel's damage recognised).
    pub(crate) id_column: Option<usize>,
}

impl Layout {
    /// Maps the header rows (one, or several merged ones: the lowest non-blank name of each
    /// column is tried first, then the ones above it).
    pub(crate) fn new(header: &[Vec<String>]) -> Layout {
        let width = header.iter().map(Vec::len).max().unwrap_or(0);
        let mut layout = Layout { width: header.last().map_or(0, Vec::len).max(width), ..Layout::default() };
        for col in 0..width {
            let names = header.iter().rev().filter_map(|r| r.get(col)).filter(|c| !trim(c).is_empty());
            let Some(n) = names.filter_map(|c| named(c)).next() else { continue };
            match n {
                Named::Field(f) => {
                    if let Some(slot) = layout.map.get_mut(f as usize) {
                        slot.get_or_insert(col);
                    }
                }
                Named::Lec(LecColumn::InstitutionName) => {
                    layout.institution_name.get_or_insert(col);
                }
                Named::Lec(LecColumn::LaoName) => {
                    layout.lao_name.get_or_insert(col);
                }
                Named::Lec(_) => {}
            }
        }
        layout.id_column = layout.column(Field::PersonId);
        layout.missing = Field::ALL
            .into_iter()
            .filter(|&f| f.required() && layout.column(f).is_none())
            .filter(|&f| !(f == Field::InstitutionCode && layout.institution_name.is_some()))
            .collect();
        layout
    }

    /// The column of a field.
    pub(crate) fn column(&self, f: Field) -> Option<usize> {
        self.map.get(f as usize).copied().flatten()
    }

    /// Whether institutions may have to be found by name.
    pub(crate) fn by_name(&self) -> bool {
        self.institution_name.is_some()
    }

    /// The row's institution name and LAO name, when the layout has them.
    pub(crate) fn names<'r>(&self, row: &Fields<'r>) -> (Option<&'r str>, Option<&'r str>) {
        (self.institution_name.and_then(|c| row.get(c)), self.lao_name.and_then(|c| row.get(c)))
    }
}

/// A name as compared: trimmed, runs of white space as one space.
fn name_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in trim(name).split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The registry's institutions by name, to find the code of an institution a file names.
#[derive(Debug, Default)]
pub(crate) struct NameIndex {
    registry_given: bool,
    by_name: FxHashMap<String, Vec<(InstitutionCode, String)>>,
}

impl NameIndex {
    /// Indexes a registry's institutions (with their LAO's name); no registry: every name is
    /// unresolved.
    pub(crate) fn new(registry: Option<&Registry>) -> NameIndex {
        let mut index = NameIndex { registry_given: registry.is_some(), by_name: FxHashMap::default() };
        if let Some(reg) = registry {
            for unit in reg.institutions() {
                let lao = reg.lao(unit.lao).map(|l| name_key(&l.name)).unwrap_or_default();
                index.by_name.entry(name_key(&unit.name)).or_default().push((unit.code, lao));
            }
        }
        index
    }

    /// The institution a row names: the code written in the name cell (`3058200001` or
    /// `โรงเรียนบ้านนา (3058200001)`), else the one registered institution of that name (the
    /// LAO's name telling namesakes apart), else why not.
    pub(crate) fn resolve(&self, name: &str, lao: Option<&str>) -> Resolved {
        if let Some(code) = code_in(name) {
            return Resolved::Code(code);
        }
        if !self.registry_given {
            return Resolved::Unresolved(Unresolved::NoRegistry);
        }
        let Some(found) = self.by_name.get(&name_key(name)) else {
            return Resolved::Unresolved(Unresolved::NotFound);
        };
        let pick = |list: &[&(InstitutionCode, String)]| match list {
            [one] => Some(one.0),
            _ => None,
        };
        let all: Vec<&(InstitutionCode, String)> = found.iter().collect();
        if let Some(code) = pick(&all) {
            return Resolved::Code(code);
        }
        if let Some(lao) = lao.map(name_key).filter(|l| !l.is_empty()) {
            let of_lao: Vec<&(InstitutionCode, String)> = found.iter().filter(|(_, l)| *l == lao).collect();
            if let Some(code) = pick(&of_lao) {
                return Resolved::Code(code);
            }
        }
        Resolved::Unresolved(Unresolved::Ambiguous(found.len()))
    }
}

/// What [`NameIndex::resolve`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Resolved {
    /// The institution's code.
    Code(InstitutionCode),
    /// Why there is none.
    Unresolved(Unresolved),
}

/// An institution code written in a name cell: the one run of exactly 10 digits there is, if
/// it is a valid code (shorter numbers, as in `โรงเรียนเทศบาล 1`, are part of names; two codes
/// would be a guess).
fn code_in(name: &str) -> Option<InstitutionCode> {
    let mut found: Option<[u8; 10]> = None;
    let mut run = [0u8; 10];
    let mut len = 0usize;
    let mut runs = 0usize;
    let mut close = |len: usize, run: &[u8; 10], found: &mut Option<[u8; 10]>| {
        if len == 10 {
            runs += 1;
            *found = Some(*run);
        }
    };
    for c in name.chars() {
        match digit_value(c) {
            Some((d, _)) => {
                if let Some(slot) = run.get_mut(len) {
                    *slot = d;
                }
                len += 1;
            }
            None => {
                close(len, &run, &mut found);
                len = 0;
            }
        }
    }
    close(len, &run, &mut found);
    if runs != 1 {
        return None;
    }
    let digits: String = found?.iter().map(|&d| char::from(b'0' + d)).collect();
    InstitutionCode::parse(&digits).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(r: &[&[&str]]) -> Vec<Vec<String>> {
        r.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect()
    }

    #[test]
    fn finds_an_lec_header_under_a_title_block_and_merged_rows() {
        let r = rows(&[
            &["รายงานรายละเอียดข้อมูลนักเรียน", "", ""],
            &["ปีการศึกษา 2567 ภาคเรียนที่ 2"],
            &[],
            &["ลำดับที่", "เลขประจำตัวนักเรียน", "ชื่อ - นามสกุล", "", "", "วันเดือนปี\nเกิด", "สถานศึกษา"],
            &["", "", "คำนำหน้า", "ชื่อ", "นามสกุล", "", ""],
            &["1", "12345", "เด็กชาย", "กล้า", "ใจดี", "15/03/2560", "โรงเรียนบ้านนา"],
        ]);
        let (at, span) = find(&r).unwrap();
        assert_eq!((at, span), (3, 2));
        let layout = Layout::new(&r[at..at + span]);
        assert_eq!(layout.column(Field::Prefix), Some(2));
        assert_eq!(layout.column(Field::FirstName), Some(3));
        assert_eq!(layout.column(Field::LastName), Some(4));
        assert_eq!(layout.column(Field::BirthDate), Some(5));
        assert_eq!(layout.column(Field::PersonId), None, "the student number is not the personal ID");
        assert_eq!(layout.institution_name, Some(6));
        assert_eq!(layout.missing, [Field::PersonId, Field::Grade]);
    }

    #[test]
    fn a_plain_header_is_the_first_row() {
        let r = rows(&[&["institution_code", "person_id", "first_name"], &["3058200001", "1", "a"]]);
        assert_eq!(find(&r), Some((0, 1)));
        assert_eq!(find(&rows(&[&["a", "b"], &["c", "d"]])), None);
    }

    #[test]
    fn codes_in_names() {
        assert_eq!(code_in("3058200001").map(|c| c.digits()), Some("3058200001".to_owned()));
        assert_eq!(code_in("โรงเรียนบ้านนา (3058200001)").map(|c| c.digits()), Some("3058200001".to_owned()));
        assert_eq!(code_in("โรงเรียนเทศบาล 1 (3058200001)").map(|c| c.digits()), Some("3058200001".to_owned()));
        assert_eq!(code_in("3058200001 / 3058200002"), None, "two codes: no guess");
        assert_eq!(code_in("โรงเรียน 30582000011"), None, "11 digits are no code");
        assert_eq!(code_in("โรงเรียนบ้านนา"), None);
        assert_eq!(name_key("  โรงเรียน   บ้านนา "), "โรงเรียน บ้านนา");
    }
}
