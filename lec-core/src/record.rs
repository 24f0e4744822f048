//! Student / child records (ข้อมูลนักเรียนหรือเด็กเล็ก) and the rules one record must meet.

use crate::codes::{InstitutionCode, InstitutionKind};
use crate::date::{EraReading, age_reference_date, format_be, full_years, parse_date};
use crate::finding::{Detail, Finding, FindingCode, Severity};
use crate::grade::{Grade, parse_grade};
use crate::id::{PersonId, classify, id_warnings, mask_input};
use crate::policy::Policy;
use crate::registry::Registry;
use crate::text::{has_thai_digits, trim};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A field of a student record, with its English and Thai column names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// รหัสสถานศึกษา — the institution code.
    InstitutionCode,
    /// เลขประจำตัวประชาชน — the personal ID or G-code.
    PersonId,
    /// คำนำหน้า — the name prefix (เด็กชาย, เด็กหญิง, …).
    Prefix,
    /// ชื่อ — the first name.
    FirstName,
    /// นามสกุล — the last name.
    LastName,
    /// เพศ — sex.
    Sex,
    /// วันเดือนปีเกิด — the birth date.
    BirthDate,
    /// ระดับชั้น — the grade.
    Grade,
    /// ห้อง — the room.
    Room,
    /// สัญชาติ — nationality.
    Nationality,
    /// สภาพนักเรียน — the student status (a removed / not-existing value is never counted).
    Status,
}

impl Field {
    /// Every field, in file order.
    pub const ALL: [Field; 11] = [
        Field::InstitutionCode,
        Field::PersonId,
        Field::Prefix,
        Field::FirstName,
        Field::LastName,
        Field::Sex,
        Field::BirthDate,
        Field::Grade,
        Field::Room,
        Field::Nationality,
        Field::Status,
    ];

    /// The English column name, as used in findings (`person_id`, …).
    pub fn name(self) -> &'static str {
        match self {
            Field::InstitutionCode => "institution_code",
            Field::PersonId => "person_id",
            Field::Prefix => "prefix",
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Sex => "sex",
            Field::BirthDate => "birth_date",
            Field::Grade => "grade",
            Field::Room => "room",
            Field::Nationality => "nationality",
            Field::Status => "status",
        }
    }

    /// Every header a file may use for this field, English and Thai.
    pub fn headers(self) -> &'static [&'static str] {
        match self {
            Field::InstitutionCode => &["institution_code", "รหัสสถานศึกษา"],
            Field::PersonId => &["person_id", "เลขประจำตัวประชาชน", "เลขบัตรประชาชน"],
            Field::Prefix => &["prefix", "คำนำหน้า", "คำนำหน้าชื่อ"],
            Field::FirstName => &["first_name", "ชื่อ"],
            Field::LastName => &["last_name", "นามสกุล"],
            Field::Sex => &["sex", "เพศ"],
            Field::BirthDate => &["birth_date", "วันเดือนปีเกิด", "วันเกิด"],
            Field::Grade => &["grade", "ระดับชั้น", "ชั้น"],
            Field::Room => &["room", "ห้อง"],
            Field::Nationality => &["nationality", "สัญชาติ"],
            Field::Status => &["status", "สภาพนักเรียน"],
        }
    }

    /// Whether a student file must have this column.
    pub fn required(self) -> bool {
        matches!(
            self,
            Field::InstitutionCode
                | Field::PersonId
                | Field::FirstName
                | Field::LastName
                | Field::BirthDate
                | Field::Grade
        )
    }

    /// The field a header names (English or Thai), comparing case-insensitively with spaces and
    /// dashes as `_` and camelCase words split (`personId` is `person_id`).
    pub fn from_header(header: &str) -> Option<Field> {
        // `Person ID`, `person-id`, `PERSON_ID` and camelCase `personId` all read `person_id`
        let mut key = String::with_capacity(header.len() + 2);
        let mut after_lower = false;
        for c in trim(header).chars() {
            if c == ' ' || c == '-' {
                key.push('_');
            } else if c.is_ascii_uppercase() && after_lower {
                key.push('_');
                key.push(c.to_ascii_lowercase());
            } else {
                key.push(c.to_ascii_lowercase());
            }
            after_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
        }
        Field::ALL.into_iter().find(|f| f.headers().contains(&key.as_str()))
    }
}

/// One student / child record as entered; every field is text, as typed. Optional fields
/// left `None` are not checked (the column is absent); `Some("")` is a blank cell. Its `Debug`
/// output masks the personal ID and leaves names and the birth date out.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StudentRecord {
    /// รหัสสถานศึกษา.
    pub institution_code: String,
    /// เลขประจำตัวประชาชน or รหัส G.
    pub person_id: String,
    /// คำนำหน้า.
    pub prefix: Option<String>,
    /// ชื่อ.
    pub first_name: String,
    /// นามสกุล.
    pub last_name: String,
    /// เพศ.
    pub sex: Option<String>,
    /// วันเดือนปีเกิด.
    pub birth_date: String,
    /// ระดับชั้น.
    pub grade: String,
    /// ห้อง.
    pub room: Option<String>,
    /// สัญชาติ.
    pub nationality: Option<String>,
    /// สภาพนักเรียน.
    pub status: Option<String>,
}

/// Personal data stays out of logs: the ID masked, names and birth date left out.
impl std::fmt::Debug for StudentRecord {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StudentRecord")
            .field("institution_code", &self.institution_code)
            .field("person_id", &crate::id::mask_input(&self.person_id))
            .field("grade", &self.grade)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

/// A borrowed view of a record's fields (`None`: the column is absent).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RecordView<'a> {
    pub(crate) fields: [Option<&'a str>; 11],
    /// The institution's name (สถานศึกษา), when the file names it instead of giving its code and
    /// the name could not be turned into one: why not.
    pub(crate) unresolved_institution: Option<(&'a str, Unresolved)>,
}

/// Why a file's institution name could not be turned into an institution code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unresolved {
    /// No registry was given to look the name up in.
    NoRegistry,
    /// The registry has no institution of that name.
    NotFound,
    /// The registry has this many institutions of that name (and the file's LAO does not tell
    /// them apart).
    Ambiguous(usize),
}

impl<'a> RecordView<'a> {
    fn get(&self, f: Field) -> Option<&'a str> {
        self.fields.get(f as usize).copied().flatten()
    }
    fn text(&self, f: Field) -> &'a str {
        self.get(f).unwrap_or("")
    }
}

impl StudentRecord {
    /// Sets one field from a cell's text (an optional field becomes `Some`, so a blank cell is
    /// `Some("")`): what every reader of rows — files, Python dicts, JavaScript objects — does
    /// with a column it recognised through [`Field::from_header`].
    pub fn set(&mut self, field: Field, text: String) {
        match field {
            Field::InstitutionCode => self.institution_code = text,
            Field::PersonId => self.person_id = text,
            Field::Prefix => self.prefix = Some(text),
            Field::FirstName => self.first_name = text,
            Field::LastName => self.last_name = text,
            Field::Sex => self.sex = Some(text),
            Field::BirthDate => self.birth_date = text,
            Field::Grade => self.grade = text,
            Field::Room => self.room = Some(text),
            Field::Nationality => self.nationality = Some(text),
            Field::Status => self.status = Some(text),
        }
    }

    pub(crate) fn view(&self) -> RecordView<'_> {
        fn o(s: &Option<String>) -> Option<&str> {
            s.as_deref()
        }
        RecordView {
            unresolved_institution: None,
            fields: [
                Some(&self.institution_code),
                Some(&self.person_id),
                o(&self.prefix),
                Some(&self.first_name),
                Some(&self.last_name),
                o(&self.sex),
                Some(&self.birth_date),
                Some(&self.grade),
                o(&self.room),
                o(&self.nationality),
                o(&self.status),
            ],
        }
    }
}

/// Everything a record check needs besides the record: the policy, the academic year, the
/// data's reference date, the registry if there is one, and whether to show IDs unmasked.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The policy.
    pub policy: &'a Policy,
    /// The academic year, BE (e.g. 2567).
    pub academic_year: u16,
    /// The data's reference date: nobody may be born after it. Default: the age reference
    /// day (16 May) of the academic year.
    pub as_of: NaiveDate,
    /// The registry, when institutions are to be checked against it.
    pub registry: Option<&'a Registry>,
    /// Show personal IDs unmasked in findings (default: masked).
    pub unmasked: bool,
}

impl<'a> Context<'a> {
    /// A context for `academic_year` under `policy`, no registry, IDs masked.
    pub fn new(policy: &'a Policy, academic_year: u16) -> Context<'a> {
        let as_of = age_reference_date(academic_year, policy.age_reference_month, policy.age_reference_day)
            .or_else(|| NaiveDate::from_ymd_opt(i32::from(academic_year) - 543, 5, 16))
            .unwrap_or_default();
        Context { policy, academic_year, as_of, registry: None, unmasked: false }
    }

    /// The day ages are counted to.
    pub fn age_reference(&self) -> NaiveDate {
        age_reference_date(self.academic_year, self.policy.age_reference_month, self.policy.age_reference_day)
            .unwrap_or(self.as_of)
    }
}

/// What a record counts as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    /// No `error` finding: counted.
    Counted,
    /// At least one `error` finding: not counted until fixed.
    HasErrors,
    /// Marked removed / not existing: reported, never counted.
    Removed,
}

/// The result of checking one record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RecordCheck {
    /// What the record counts as.
    pub status: RecordStatus,
    /// The findings (no file or row: the caller knows where the record came from).
    pub findings: Vec<Finding>,
    /// The identity, when valid.
    pub person: Option<PersonId>,
    /// The institution code, when valid.
    #[serde(serialize_with = "ser_opt_display")]
    pub institution: Option<InstitutionCode>,
    /// The grade, when known.
    pub grade: Option<Grade>,
    /// The birth date, when valid.
    pub birth_date: Option<NaiveDate>,
}

fn ser_opt_display<T: std::fmt::Display, S: serde::Serializer>(v: &Option<T>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => s.collect_str(v),
        None => s.serialize_none(),
    }
}

/// Checks one record against every rule of `findings.md` that one record can break
/// (duplicates need the whole data set: see [`crate::Validator`]).
pub fn validate_record(record: &StudentRecord, ctx: &Context<'_>) -> RecordCheck {
    let mut findings = Vec::new();
    let facts = check_view(&record.view(), ctx, &mut findings);
    facts.into_check(findings)
}

/// What a record check learnt, besides its findings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RecordFacts {
    pub(crate) removed: bool,
    pub(crate) person: Option<PersonId>,
    pub(crate) institution: Option<InstitutionCode>,
    pub(crate) grade: Option<Grade>,
    pub(crate) birth_date: Option<NaiveDate>,
}

impl RecordFacts {
    fn into_check(self, findings: Vec<Finding>) -> RecordCheck {
        let status = if self.removed {
            RecordStatus::Removed
        } else if findings.iter().any(|f| f.severity == Severity::Error) {
            RecordStatus::HasErrors
        } else {
            RecordStatus::Counted
        };
        RecordCheck {
            status,
            findings,
            person: self.person,
            institution: self.institution,
            grade: self.grade,
            birth_date: self.birth_date,
        }
    }
}

/// Which kinds an institution may be, as far as is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KnownKind {
    Exactly(InstitutionKind),
    SchoolOrCollege,
    Unknown,
}

pub(crate) fn check_view(v: &RecordView<'_>, ctx: &Context<'_>, out: &mut Vec<Finding>) -> RecordFacts {
    let policy = ctx.policy;
    let mut facts = RecordFacts { removed: false, person: None, institution: None, grade: None, birth_date: None };
    let col = |f: Field| Some(f.name());

    // status first: a removed record is reported and nothing else is asked of it
    if let Some(status) = v.get(Field::Status) {
        if policy.is_removed_status(status) {
            out.push(Finding::new(FindingCode::RecordRemoved, col(Field::Status), Some(trim(status)), Detail::none()));
            facts.removed = true;
            return facts;
        }
        if !policy.is_current_status(status) {
            out.push(Finding::new(FindingCode::StatusUnknown, col(Field::Status), Some(trim(status)), Detail::none()));
        }
    }

    // institution
    let inst_text = v.text(Field::InstitutionCode);
    let mut kind = KnownKind::Unknown;
    let unresolved = v.unresolved_institution.filter(|_| trim(inst_text).is_empty());
    if let Some((name, why)) = unresolved {
        let (th, en) = match why {
            Unresolved::NoRegistry => (
                "ไม่มีทะเบียนหน่วยงานให้ค้นชื่อ ให้ระบุ --registry หรือเพิ่มคอลัมน์รหัสสถานศึกษา".to_owned(),
                "no registry was given to look the name up; pass one or add an institution_code column".to_owned(),
            ),
            Unresolved::NotFound => {
                ("ไม่พบชื่อนี้ในทะเบียนหน่วยงาน".to_owned(), "the registry has no institution of this name".to_owned())
            }
            Unresolved::Ambiguous(n) => (
                format!("ทะเบียนหน่วยงานมีสถานศึกษาชื่อนี้ {n} แห่ง"),
                format!("the registry has {n} institutions of this name"),
            ),
        };
        out.push(Finding::new(
            FindingCode::InstitutionUnresolved,
            col(Field::InstitutionCode),
            Some(trim(name)),
            Detail::both(th, en),
        ));
    } else {
        check_institution(inst_text, ctx, &mut kind, &mut facts, out);
    }

    // identity
    facts.person = check_person(v.text(Field::PersonId), ctx, out);

    // names
    for (f, th, en) in [(Field::FirstName, "ชื่อ", "first name"), (Field::LastName, "นามสกุล", "last name")]
    {
        if trim(v.text(f)).is_empty() {
            out.push(Finding::new(FindingCode::NameMissing, col(f), None, Detail::both(th, en)));
        }
    }
    check_rest(v, ctx, kind, &mut facts, out);
    facts
}

/// The institution code: its format, and the registry when there is one.
fn check_institution(
    inst_text: &str,
    ctx: &Context<'_>,
    kind: &mut KnownKind,
    facts: &mut RecordFacts,
    out: &mut Vec<Finding>,
) {
    let col = Some(Field::InstitutionCode.name());
    match InstitutionCode::parse(inst_text) {
        Ok(code) => {
            facts.institution = Some(code);
            *kind = if code.is_cdc() {
                KnownKind::Exactly(InstitutionKind::ChildDevelopmentCentre)
            } else {
                KnownKind::SchoolOrCollege
            };
            if let Some(reg) = ctx.registry {
                match reg.institution(code) {
                    Some(unit) => *kind = KnownKind::Exactly(unit.kind),
                    None => out.push(Finding::new(
                        FindingCode::InstitutionNotRegistered,
                        col,
                        Some(&code.digits()),
                        Detail::none(),
                    )),
                }
            }
        }
        Err(e) => {
            let code = FindingCode::parse(e.code()).unwrap_or(FindingCode::InstitutionCodeFormat);
            out.push(Finding::new(code, col, Some(trim(inst_text)), Detail::none()));
        }
    }
}

/// The identity field: the same findings as [`crate::check_id`], without formatting the masked
/// form unless a finding needs it.
fn check_person(text: &str, ctx: &Context<'_>, out: &mut Vec<Finding>) -> Option<PersonId> {
    let c = classify(text);
    let shown = |c: &crate::id::Classified| match (&c.result, ctx.unmasked) {
        (Ok(id), true) => id.normalized(),
        (Ok(id), false) => id.masked(),
        (Err(_), true) => trim(text).to_owned(),
        (Err(_), false) => mask_input(text),
    };
    let column = Some(Field::PersonId.name());
    let mut shown_once: Option<String> = None;
    if let Err(code) = c.result {
        let s = shown_once.get_or_insert_with(|| shown(&c));
        let value = if code == FindingCode::IdEmpty { None } else { Some(s.as_str()) };
        out.push(Finding::new(code, column, value, Detail::none()));
    }
    id_warnings(&c, ctx.policy, ctx.academic_year, |code, sev, detail| {
        let s = shown_once.get_or_insert_with(|| shown(&c));
        out.push(Finding::with_severity(code, sev, column, Some(s.as_str()), detail));
    });
    c.result.ok()
}

/// Sex, room, grade, birth date and age.
fn check_rest(v: &RecordView<'_>, ctx: &Context<'_>, kind: KnownKind, facts: &mut RecordFacts, out: &mut Vec<Finding>) {
    let policy = ctx.policy;
    let col = |f: Field| Some(f.name());

    // sex
    if let Some(sex) = v.get(Field::Sex)
        && parse_sex(sex).is_none()
    {
        out.push(Finding::new(FindingCode::SexUnknown, col(Field::Sex), Some(trim(sex)), Detail::none()));
    }

    // room
    if let Some(room) = v.get(Field::Room)
        && has_thai_digits(room)
    {
        out.push(Finding::new(FindingCode::FieldThaiDigits, col(Field::Room), Some(trim(room)), Detail::none()));
    }

    // grade
    let grade_text = v.text(Field::Grade);
    match parse_grade(grade_text) {
        Some(g) => {
            facts.grade = Some(g);
            if let Some((th, en)) = not_offered(g, kind, policy) {
                out.push(Finding::new(
                    FindingCode::GradeNotOffered,
                    col(Field::Grade),
                    Some(trim(grade_text)),
                    Detail::both(th, en),
                ));
            }
        }
        None => {
            out.push(Finding::new(FindingCode::GradeUnknown, col(Field::Grade), Some(trim(grade_text)), Detail::none()))
        }
    }

    // birth date and age
    let bd_text = trim(v.text(Field::BirthDate));
    match parse_date(bd_text) {
        None => {
            out.push(Finding::new(FindingCode::BirthdateInvalid, col(Field::BirthDate), Some(bd_text), Detail::none()))
        }
        Some(d) => {
            facts.birth_date = Some(d.date);
            if d.thai_digits {
                out.push(Finding::new(
                    FindingCode::FieldThaiDigits,
                    col(Field::BirthDate),
                    Some(bd_text),
                    Detail::none(),
                ));
            }
            match d.era {
                EraReading::AsExpected => {}
                EraReading::CeWhereBeExpected => out.push(Finding::new(
                    FindingCode::BirthdateEraSuspect,
                    col(Field::BirthDate),
                    Some(bd_text),
                    Detail::both("ปี ค.ศ.", "a CE year").and(format_be(d.date), format!("{} BE", format_be(d.date))),
                )),
                EraReading::BeWhereCeExpected => out.push(Finding::new(
                    FindingCode::BirthdateEraSuspect,
                    col(Field::BirthDate),
                    Some(bd_text),
                    Detail::both("ปี พ.ศ.", "a BE year").and(format_be(d.date), format!("{} BE", format_be(d.date))),
                )),
            }
            if d.date > ctx.as_of {
                out.push(Finding::new(
                    FindingCode::BirthdateFuture,
                    col(Field::BirthDate),
                    Some(bd_text),
                    Detail::same(format_be(ctx.as_of)),
                ));
            } else {
                let judged = ctx.policy.cdc_age_criterion_applies(v.get(Field::Status));
                check_age(d.date, bd_text, facts.grade, kind, judged, ctx, out);
            }
        }
    }
}

fn not_offered(g: Grade, kind: KnownKind, policy: &Policy) -> Option<(String, String)> {
    let offered = &policy.grades_offered;
    let (ok, th, en) = match kind {
        KnownKind::Unknown => return None,
        KnownKind::Exactly(k) => {
            let list = match k {
                InstitutionKind::School => &offered.school,
                InstitutionKind::College => &offered.college,
                InstitutionKind::ChildDevelopmentCentre => &offered.child_development_centre,
            };
            (list.contains(&g), k.name_th(), k.name_en())
        }
        KnownKind::SchoolOrCollege => {
            (offered.school.contains(&g) || offered.college.contains(&g), "โรงเรียนหรือวิทยาลัย", "school or college")
        }
    };
    (!ok).then(|| (th.to_owned(), en.to_owned()))
}

fn check_age(
    birth: NaiveDate,
    shown: &str,
    grade: Option<Grade>,
    kind: KnownKind,
    criterion_applies: bool,
    ctx: &Context<'_>,
    out: &mut Vec<Finding>,
) {
    let policy = ctx.policy;
    let on = ctx.age_reference();
    let age = full_years(birth, on);
    let on_be = || format_be(on);
    let col = Some(Field::BirthDate.name());
    let is_cdc = matches!(kind, KnownKind::Exactly(InstitutionKind::ChildDevelopmentCentre))
        || grade == Some(Grade::ChildDevelopment);
    let age_u = u32::try_from(age).unwrap_or(0);
    if is_cdc {
        // the criterion judges a child newly transferring in (§4.3.2(1)), or every child when
        // the policy's scope is `all`; the unusual-age warning looks at every child
        if criterion_applies && (age < 0 || age_u < policy.cdc_min_age_years) {
            out.push(Finding::new(
                FindingCode::AgeCdcCriterion,
                col,
                Some(shown),
                Detail::both(
                    format!("อายุ {age} ปีเต็ม ณ {} เกณฑ์อย่างน้อย {} ปี", on_be(), policy.cdc_min_age_years),
                    format!(
                        "aged {age} in full years on {}, the criterion is at least {}",
                        on_be(),
                        policy.cdc_min_age_years
                    ),
                ),
            ));
        } else if age_u >= policy.cdc_unusual_age_years {
            out.push(Finding::new(
                FindingCode::AgeGradeUnusual,
                col,
                Some(shown),
                Detail::both(
                    format!("อายุ {age} ปีเต็ม ณ {} ศพด. ปกติรับเด็กอายุต่ำกว่า {} ปี", on_be(), policy.cdc_unusual_age_years),
                    format!(
                        "{age} full years on {}; a child development centre usually has children under {}",
                        on_be(),
                        policy.cdc_unusual_age_years
                    ),
                ),
            ));
        }
        return;
    }
    let Some((lo, hi)) = grade.and_then(Grade::usual_age) else {
        return;
    };
    let tol = policy.unusual_age_tolerance_years;
    if age < 0 || age_u + tol < lo || age_u > hi + tol {
        let usual = if lo == hi { lo.to_string() } else { format!("{lo}–{hi}") };
        out.push(Finding::new(
            FindingCode::AgeGradeUnusual,
            col,
            Some(shown),
            Detail::both(
                format!("อายุ {age} ปีเต็ม ณ {} อายุปกติของชั้นนี้ {usual} ปี", on_be()),
                format!("aged {age} in full years on {}, the grade's usual age is {usual}", on_be()),
            ),
        ));
    }
}

/// เพศ — sex as recorded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Sex {
    /// ชาย.
    Male,
    /// หญิง.
    Female,
}

/// Parses sex: ชาย/หญิง, ช/ญ, male/female, m/f, 1/2 (the DOPA convention).
pub fn parse_sex(text: &str) -> Option<Sex> {
    const MALE: [&str; 6] = ["ชาย", "ช", "male", "m", "1", "เด็กชาย"];
    const FEMALE: [&str; 6] = ["หญิง", "ญ", "female", "f", "2", "เด็กหญิง"];
    let t = trim(text);
    // ASCII case-insensitive, without allocating: the labels are lower case
    if MALE.iter().any(|m| m.eq_ignore_ascii_case(t)) {
        Some(Sex::Male)
    } else if FEMALE.iter().any(|f| f.eq_ignore_ascii_case(t)) {
        Some(Sex::Female)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::{Context, Field, StudentRecord, validate_record};
    use crate::{CdcAgeCriterionScope, Policy};

    /// A CDC child of `3058600001` born on `birth` with `status`.
    fn cdc_child(birth: &str, status: Option<&str>) -> StudentRecord {
        StudentRecord {
            institution_code: "3058600001".into(),
            person_id: "1580100123582".into(),
            first_name: "ดิน".into(),
            last_name: "ดำ".into(),
            birth_date: birth.into(),
            grade: "ศพด.".into(),
            status: status.map(String::from),
            ..StudentRecord::default()
        }
    }

    fn codes(r: &StudentRecord, policy: &Policy) -> Vec<&'static str> {
        validate_record(r, &Context::new(policy, 2567)).findings.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn the_cdc_age_criterion_judges_children_newly_transferring_in() {
        let policy = Policy::default();
        // born 1 Jan 2566: 1 full year on 16 May 2567, below the 2 of the criterion
        for status in ["ย้ายเข้า", " เข้าใหม่ ", "Transferred In", "new"] {
            assert_eq!(codes(&cdc_child("01/01/2566", Some(status)), &policy), ["AGE_CDC_CRITERION"], "{status}");
        }
        // a child already enrolled (current status, blank status, no status column) is not judged
        for status in [Some("ปกติ"), Some(""), None] {
            assert_eq!(codes(&cdc_child("01/01/2566", status), &policy), Vec::<&str>::new(), "{status:?}");
        }
        // born 16 May 2565: exactly 2 full years on 16 May 2567, meets the criterion; a day later does not
        assert_eq!(codes(&cdc_child("16/05/2565", Some("ย้ายเข้า")), &policy), Vec::<&str>::new());
        assert_eq!(codes(&cdc_child("17/05/2565", Some("ย้ายเข้า")), &policy), ["AGE_CDC_CRITERION"]);
        // the unusual-age warning (4 full years: born 16 May 2563) looks at every child
        assert_eq!(codes(&cdc_child("16/05/2563", Some("ปกติ")), &policy), ["AGE_GRADE_UNUSUAL"]);
        // scope `all`: every record is judged
        let all = Policy { cdc_age_criterion_scope: CdcAgeCriterionScope::All, ..Policy::default() };
        for status in [Some("ปกติ"), None] {
            assert_eq!(codes(&cdc_child("01/01/2566", status), &all), ["AGE_CDC_CRITERION"], "{status:?}");
        }
        // the list of new-arrival statuses is the policy's
        let listed = Policy { new_arrival_statuses: vec!["รับใหม่".into()], ..Policy::default() };
        assert_eq!(codes(&cdc_child("01/01/2566", Some("รับใหม่")), &listed), ["AGE_CDC_CRITERION"]);
        assert_eq!(codes(&cdc_child("01/01/2566", Some("ย้ายเข้า")), &listed), Vec::<&str>::new());
    }

    #[test]
    fn headers_in_every_spelling_name_their_field() {
        for h in ["person_id", "Person ID", "person-id", "PERSON_ID", "personId", "PersonID", " เลขประจำตัวประชาชน "]
        {
            assert_eq!(Field::from_header(h), Some(Field::PersonId), "{h:?}");
        }
        assert_eq!(Field::from_header("birthDate"), Some(Field::BirthDate));
        assert_eq!(Field::from_header("institutionCode"), Some(Field::InstitutionCode));
        for h in ["personid", "person id x", "", "note"] {
            assert_eq!(Field::from_header(h), None, "{h:?}");
        }
    }
}
