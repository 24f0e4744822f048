//! Findings: what a check reports, with a stable code, a severity and a message in Thai and
//! English. The codes are the public contract of `../shared/spec/findings.md` (extended in
//! `docs/findings.md`): a code never changes meaning once released.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is. An `error` blocks confirmation of the unit it belongs to; a
/// `warning` does not; an `info` only tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// ข้อมูลเพื่อทราบ — for information only.
    Info,
    /// คำเตือน — worth a look; does not block confirmation.
    Warning,
    /// ข้อผิดพลาด — blocks confirmation of the unit.
    Error,
}

impl Severity {
    /// The lower-case name used in every output format (`error`, `warning`, `info`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

macro_rules! finding_codes {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal, $sev:ident, $th:literal, $en:literal; )*) => {
        /// A stable finding code. The string form (`ID_CHECKSUM`, …) is the contract shared by
        /// every binding, the CLI and its JSON output.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum FindingCode {
            $( $(#[$doc])* #[serde(rename = $code)] $variant, )*
        }

        impl FindingCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [FindingCode] = &[$(FindingCode::$variant),*];

            /// The stable code string, e.g. `ID_CHECKSUM`.
            pub fn as_str(self) -> &'static str {
                match self { $(FindingCode::$variant => $code,)* }
            }

            /// The severity the catalogue gives this code (a policy may raise or lower some).
            pub fn default_severity(self) -> Severity {
                match self { $(FindingCode::$variant => Severity::$sev,)* }
            }

            /// The Thai message template (`{v}` stands for the value, `{o}` for a detail).
            pub fn template_th(self) -> &'static str {
                match self { $(FindingCode::$variant => $th,)* }
            }

            /// The English message template (`{v}` stands for the value, `{o}` for a detail).
            pub fn template_en(self) -> &'static str {
                match self { $(FindingCode::$variant => $en,)* }
            }

            /// Looks a code up by its string form.
            pub fn parse(code: &str) -> Option<FindingCode> {
                match code { $($code => Some(FindingCode::$variant),)* _ => None }
            }
        }
    };
}

finding_codes! {
    /// Identity field blank.
    IdEmpty = "ID_EMPTY", Error,
        "ไม่ได้กรอกเลขประจำตัวประชาชนหรือรหัส G",
        "the personal ID or G-code is blank";
    /// Neither 13 digits nor `G` + 12 digits after removing dashes and spaces.
    IdFormat = "ID_FORMAT", Error,
        "`{v}` ไม่ใช่เลขประจำตัวประชาชน 13 หลักหรือรหัส G (G ตามด้วยตัวเลข 12 หลัก)",
        "`{v}` is neither a 13-digit personal ID nor a G-code (G and 12 digits)";
    /// 13 digits with a wrong check digit.
    IdChecksum = "ID_CHECKSUM", Error,
        "เลขประจำตัวประชาชน `{v}` มีหลักตรวจสอบ (หลักที่ 13) ไม่ถูกต้อง",
        "the check digit (13th digit) of personal ID `{v}` is wrong";
    /// 12 digits that become checksum-valid with a leading 0 (Excel dropped it).
    IdLeadingZeroLost = "ID_LEADING_ZERO_LOST", Error,
        "`{v}` มี 12 หลัก น่าจะเป็นเลขที่ขึ้นต้นด้วย 0 ซึ่ง Excel ตัดเลข 0 ออก ให้จัดรูปแบบคอลัมน์เป็นข้อความแล้วกรอกใหม่",
        "`{v}` has 12 digits: probably an ID starting with 0 that Excel dropped; format the column as text and enter it again";
    /// A number Excel reformatted: scientific notation or a trailing `.0`.
    IdExcelMangled = "ID_EXCEL_MANGLED", Error,
        "`{v}` ถูก Excel แปลงเป็นตัวเลข (รูปแบบวิทยาศาสตร์หรือมี .0) ให้จัดรูปแบบคอลัมน์เป็นข้อความแล้วกรอกใหม่",
        "`{v}` was turned into a number by Excel (scientific notation or a trailing .0); format the column as text and enter it again";
    /// Checksum-valid but the first 12 digits are all the same.
    IdDummy = "ID_DUMMY", Error,
        "`{v}` เป็นเลขสมมติ (12 หลักแรกเหมือนกันทั้งหมด)",
        "`{v}` is a dummy number (its first 12 digits are all the same)";
    /// First digit 9: a reserved category.
    IdReservedCategory = "ID_RESERVED_CATEGORY", Warning,
        "เลขประจำตัวประชาชน `{v}` ขึ้นต้นด้วย 9 ซึ่งเป็นประเภทที่สงวนไว้ ควรตรวจสอบ",
        "personal ID `{v}` starts with 9, a reserved category; check it";
    /// Written with Thai digits (normalised).
    IdThaiDigits = "ID_THAI_DIGITS", Warning,
        "`{v}` กรอกด้วยเลขไทย ระบบแปลงเป็นเลขอารบิกให้แล้ว",
        "`{v}` is written with Thai digits; it was read as Arabic digits";
    /// Digits 2–3 of a 13-digit ID are not a province code.
    IdUnknownRegistry = "ID_UNKNOWN_REGISTRY", Warning,
        "หลักที่ 2–3 ของ `{v}` ไม่ใช่รหัสจังหวัดที่รู้จัก",
        "digits 2–3 of `{v}` are not a known province code";
    /// G-code year outside the policy's range.
    GcodeYear = "GCODE_YEAR", Warning,
        "ปีในรหัส G `{v}` อยู่นอกช่วงที่เป็นไปได้ ({o})",
        "the year in G-code `{v}` is outside the plausible range ({o})";
    /// G-code province part not a province code.
    GcodeProvince = "GCODE_PROVINCE", Warning,
        "รหัสจังหวัดในรหัส G `{v}` ไม่ใช่รหัสจังหวัดที่รู้จัก",
        "the province part of G-code `{v}` is not a known province code";
    /// The same person twice in one institution.
    IdDuplicate = "ID_DUPLICATE", Error,
        "`{v}` ซ้ำกับนักเรียนในสถานศึกษาเดียวกัน ({o})",
        "`{v}` appears twice in the same institution ({o})";
    /// The same person in two or more institutions of the data set.
    IdDuplicateAcross = "ID_DUPLICATE_ACROSS", Error,
        "`{v}` มีข้อมูลอยู่ในสถานศึกษามากกว่าหนึ่งแห่ง ({o})",
        "`{v}` is recorded in more than one institution ({o})";
    /// A province code not in the table.
    ProvinceUnknown = "PROVINCE_UNKNOWN", Error,
        "`{v}` ไม่ใช่รหัสจังหวัดที่รู้จัก",
        "`{v}` is not a known province code";
    /// Not an 8-digit LAO login `0T PP DD NN` (T in 2–6) nor its 7-digit code.
    LaoCodeFormat = "LAO_CODE_FORMAT", Error,
        "`{v}` ไม่ใช่รหัส อปท. (8 หลัก 0T PP DD NN โดย T เป็น 2–6 หรือ 7 หลักโดยไม่มี 0 นำหน้า)",
        "`{v}` is not an LAO code (8 digits 0T PP DD NN with T in 2–6, or the 7 digits without the 0)";
    /// The code's type digit disagrees with the LAO's recorded kind.
    LaoKindMismatch = "LAO_KIND_MISMATCH", Warning,
        "ประเภทตามรหัส อปท. `{v}` ไม่ตรงกับประเภทที่บันทึกไว้ ({o})",
        "the type digit of LAO code `{v}` disagrees with its recorded kind ({o})";
    /// An LAO code's province digits differ from the province it is registered under.
    LaoProvinceMismatch = "LAO_PROVINCE_MISMATCH", Warning,
        "รหัสจังหวัดในรหัส อปท. `{v}` ไม่ตรงกับจังหวัดที่สังกัด ({o})",
        "the province digits of LAO code `{v}` differ from its province ({o})";
    /// Not a 10-digit institution code `30 PP N xxxxx` with N in 1–6.
    InstitutionCodeFormat = "INSTITUTION_CODE_FORMAT", Error,
        "`{v}` ไม่ใช่รหัสสถานศึกษา (10 หลัก 30 PP N xxxxx โดย N เป็น 1–6)",
        "`{v}` is not an institution code (10 digits 30 PP N xxxxx with N in 1–6)";
    /// N's owner class disagrees with the parent LAO's kind.
    InstitutionOwnerMismatch = "INSTITUTION_OWNER_MISMATCH", Error,
        "หลักที่ 5 ของรหัสสถานศึกษา `{v}` ระบุสังกัดไม่ตรงกับประเภทของ อปท. ต้นสังกัด ({o})",
        "the 5th digit of institution code `{v}` names another owner than its LAO's kind ({o})";
    /// `PP` differs from the parent LAO's province.
    InstitutionProvinceMismatch = "INSTITUTION_PROVINCE_MISMATCH", Warning,
        "รหัสจังหวัดในรหัสสถานศึกษา `{v}` ไม่ตรงกับจังหวัดของ อปท. ต้นสังกัด ({o})",
        "the province digits of institution code `{v}` differ from its LAO's province ({o})";
    /// N's kind (school/college or child development centre) disagrees with the recorded kind.
    InstitutionKindMismatch = "INSTITUTION_KIND_MISMATCH", Error,
        "หลักที่ 5 ของรหัสสถานศึกษา `{v}` ระบุประเภทสถานศึกษาไม่ตรงกับที่บันทึกไว้ ({o})",
        "the 5th digit of institution code `{v}` names another kind of institution than recorded ({o})";
    /// Not a 10-digit Ministry of Education school ID.
    SchoolCodeFormat = "SCHOOL_CODE_FORMAT", Error,
        "`{v}` ไม่ใช่รหัสโรงเรียน 10 หลักของกระทรวงศึกษาธิการ",
        "`{v}` is not a 10-digit Ministry of Education school ID";
    /// An institution code that the registry does not hold.
    InstitutionNotRegistered = "INSTITUTION_NOT_REGISTERED", Error,
        "ไม่พบสถานศึกษารหัส `{v}` ในทะเบียนหน่วยงาน",
        "institution `{v}` is not in the registry";
    /// The file names the institution (สถานศึกษา) instead of giving its code, and the name does
    /// not lead to exactly one registered institution.
    InstitutionUnresolved = "INSTITUTION_UNRESOLVED", Error,
        "ไฟล์ระบุสถานศึกษาเป็นชื่อ `{v}` ไม่มีรหัสสถานศึกษา ({o})",
        "the file names institution `{v}` but not its code ({o})";
    /// A registry row whose level is not `province`, `lao`, `institution` or `other_school`.
    RegistryLevelUnknown = "REGISTRY_LEVEL_UNKNOWN", Error,
        "`{v}` ไม่ใช่ระดับหน่วยงาน (province, lao, institution, other_school)",
        "`{v}` is not a unit level (province, lao, institution, other_school)";
    /// A registry row whose kind is not one of its level's kinds.
    RegistryKindUnknown = "REGISTRY_KIND_UNKNOWN", Error,
        "`{v}` ไม่ใช่ประเภทหน่วยงานที่รู้จัก ({o})",
        "`{v}` is not a known kind of unit ({o})";
    /// A registry row whose parent is not a unit of the level above.
    RegistryParentUnknown = "REGISTRY_PARENT_UNKNOWN", Error,
        "ไม่พบหน่วยงานต้นสังกัด `{v}` ({o})",
        "parent unit `{v}` is not in the registry ({o})";
    /// The same unit code twice in the registry.
    RegistryDuplicate = "REGISTRY_DUPLICATE", Error,
        "รหัสหน่วยงาน `{v}` ซ้ำ ({o})",
        "unit code `{v}` appears twice ({o})";
    /// A registry row whose status is not `active`, `inactive`, `closed` or `merged` (nor their
    /// Thai words): the unit is kept as active.
    RegistryStatusUnknown = "REGISTRY_STATUS_UNKNOWN", Warning,
        "`{v}` ไม่ใช่สถานะหน่วยงานที่รู้จัก ({o})",
        "`{v}` is not a known unit status ({o})";
    /// Grade label not recognised.
    GradeUnknown = "GRADE_UNKNOWN", Error,
        "`{v}` ไม่ใช่ระดับชั้นที่รู้จัก (เช่น อ.1 ป.6 ม.3 ปวช.1 หรือ K1 P6 M3)",
        "`{v}` is not a known grade (e.g. อ.1, ป.6, ม.3, ปวช.1 or K1, P6, M3)";
    /// Grade impossible for the institution kind.
    GradeNotOffered = "GRADE_NOT_OFFERED", Error,
        "ระดับชั้น `{v}` ไม่มีใน{o}",
        "grade `{v}` is not taught at a {o}";
    /// Not a real date in an accepted form.
    BirthdateInvalid = "BIRTHDATE_INVALID", Error,
        "`{v}` ไม่ใช่วันเกิดที่ถูกต้อง (เช่น 16/05/2561 เป็น พ.ศ. หรือ 2018-05-16 เป็น ค.ศ.)",
        "`{v}` is not a valid birth date (e.g. 16/05/2561 in BE or 2018-05-16 in CE)";
    /// A year that looks CE where BE is expected, or the reverse.
    BirthdateEraSuspect = "BIRTHDATE_ERA_SUSPECT", Warning,
        "ปีในวันเกิด `{v}` น่าจะเป็น{o} ระบบอ่านเป็นวันที่ {o2}",
        "the year of birth date `{v}` looks like {o}; it was read as {o2}";
    /// Born after the round's reference date.
    BirthdateFuture = "BIRTHDATE_FUTURE", Error,
        "วันเกิด `{v}` อยู่หลังวันอ้างอิงของข้อมูล ({o})",
        "birth date `{v}` is after the data's reference date ({o})";
    /// A CDC child younger than the age criterion.
    AgeCdcCriterion = "AGE_CDC_CRITERION", Error,
        "เด็กเล็กเกิด `{v}` อายุไม่ครบตามเกณฑ์ ({o})",
        "a child born `{v}` is younger than the child development centre's age criterion ({o})";
    /// Age far from the grade's usual age.
    AgeGradeUnusual = "AGE_GRADE_UNUSUAL", Warning,
        "อายุของนักเรียนเกิด `{v}` ผิดปกติสำหรับระดับชั้น ({o})",
        "the age of a learner born `{v}` is unusual for the grade ({o})";
    /// First or last name blank.
    NameMissing = "NAME_MISSING", Error,
        "ไม่ได้กรอก{o}",
        "the {o} is blank";
    /// Sex blank or not recognised.
    SexUnknown = "SEX_UNKNOWN", Warning,
        "`{v}` ไม่ใช่เพศที่รู้จัก (ชาย หญิง)",
        "`{v}` is not a known sex (ชาย, หญิง, male, female)";
    /// A numeric field written with Thai digits (normalised).
    FieldThaiDigits = "FIELD_THAI_DIGITS", Warning,
        "`{v}` กรอกด้วยเลขไทย ระบบแปลงเป็นเลขอารบิกให้แล้ว",
        "`{v}` is written with Thai digits; it was read as Arabic digits";
    /// A student status the policy does not know (treated as a current student).
    StatusUnknown = "STATUS_UNKNOWN", Warning,
        "ไม่รู้จักสภาพนักเรียน `{v}` ถือว่ายังเป็นนักเรียนอยู่",
        "student status `{v}` is not known; the record is treated as a current student";
    /// A record marked as not existing / removed: kept in the report, never counted.
    RecordRemoved = "RECORD_REMOVED", Info,
        "ข้อมูลนี้มีสภาพ `{v}` (ไม่มีตัวตนหรือจำหน่ายแล้ว) แสดงไว้ในรายงานแต่ไม่นับจำนวน",
        "this record has status `{v}` (removed or not existing): it is reported but never counted";
    /// A grade of the other-affiliation school's range left blank (a blank is not 0).
    HcMissing = "HC_MISSING", Error,
        "ไม่ได้กรอกจำนวนนักเรียนชั้น {o} ของโรงเรียน `{v}` (ชั้นที่ไม่มีนักเรียนให้กรอก 0)",
        "the {o} headcount of school `{v}` is blank (enter 0 for a grade without pupils)";
    /// A count written with Thai digits: the circular requires Arabic numerals.
    HcNotArabic = "HC_NOT_ARABIC", Error,
        "จำนวนนักเรียน `{v}` ({o}) ต้องกรอกเป็นเลขอารบิก",
        "headcount `{v}` ({o}) must be written in Arabic numerals";
    /// A count (or a yes/no column) that is not a non-negative whole number (or yes/no).
    HcInvalid = "HC_INVALID", Error,
        "`{v}` ({o}) ไม่ใช่จำนวนเต็มที่ไม่ติดลบ",
        "`{v}` ({o}) is not a non-negative whole number";
    /// A non-zero count for a grade outside the school's range.
    HcOutOfRange = "HC_OUT_OF_RANGE", Error,
        "โรงเรียน `{v}` ไม่ได้สอนชั้น {o} แต่กรอกจำนวนนักเรียนไว้",
        "school `{v}` has a headcount for {o}, outside its range";
    /// A school marked closed with any non-zero count.
    HcClosedNonzero = "HC_CLOSED_NONZERO", Error,
        "โรงเรียน `{v}` ประกาศเลิกแล้ว จำนวนนักเรียนต้องเป็น 0 ทั้งหมด ({o})",
        "school `{v}` is closed: every headcount must be 0 ({o})";
    /// A headcount form for a school the registry does not list under that LAO.
    HcSchoolNotRegistered = "HC_SCHOOL_NOT_REGISTERED", Error,
        "ไม่พบโรงเรียน `{v}` ในทะเบียนสถานศึกษาสังกัดอื่นของ อปท. {o}",
        "school `{v}` is not registered as an other-affiliation school of LAO {o}";
    /// A registered other-affiliation school of an LAO of the forms has no form.
    HcSchoolMissing = "HC_SCHOOL_MISSING", Error,
        "ไม่มีแบบกรอกจำนวนนักเรียนของโรงเรียน `{v}` ({o})",
        "school `{v}` has no headcount form ({o})";
    /// The same school's headcounts entered twice.
    HcDuplicateSchool = "HC_DUPLICATE_SCHOOL", Error,
        "กรอกจำนวนนักเรียนของโรงเรียน `{v}` ซ้ำ ({o})",
        "the headcounts of school `{v}` are entered twice ({o})";
    /// The form's extended-opportunity flag disagrees with the registry.
    HcExtendedMismatch = "HC_EXTENDED_MISMATCH", Warning,
        "ประเภทโรงเรียนขยายโอกาสของ `{v}` ไม่ตรงกับทะเบียน ({o})",
        "the extended-opportunity flag of school `{v}` disagrees with the registry ({o})";
    /// Cannot be opened or is not CSV / XLSX.
    FileUnreadable = "FILE_UNREADABLE", Error,
        "เปิดไฟล์ `{v}` ไม่ได้ ({o})",
        "cannot read file `{v}` ({o})";
    /// Decoded from Windows-874 / TIS-620 (or UTF-8 with BOM).
    FileEncoding = "FILE_ENCODING", Info,
        "อ่านไฟล์ `{v}` ด้วยรหัสอักขระ {o}",
        "file `{v}` was decoded as {o}";
    /// A required column is absent.
    FileColumnMissing = "FILE_COLUMN_MISSING", Error,
        "ไม่พบคอลัมน์ `{v}` ({o})",
        "required column `{v}` is missing ({o})";
    /// A row with a different number of cells than the header.
    FileRowShape = "FILE_ROW_SHAPE", Error,
        "แถวนี้มี {v} ช่อง ไม่เท่ากับหัวตาราง ({o})",
        "this row has {v} cells, not as many as the header ({o})";
    /// A sheet of a workbook with no student table: it was not read.
    FileSheetSkipped = "FILE_SHEET_SKIPPED", Info,
        "แผ่นงาน `{v}` ไม่มีตารางข้อมูลนักเรียน จึงไม่ได้อ่าน ({o})",
        "sheet `{v}` has no student table and was not read ({o})";
    /// A CSV row longer than the policy's `file_limits.max_row_bytes`: the rest of the file is
    /// not read.
    FileRowTooLong = "FILE_ROW_TOO_LONG", Error,
        "แถวนี้ยาวเกิน {v} ไบต์ จึงไม่ได้อ่านส่วนที่เหลือของไฟล์ ({o})",
        "this row is longer than {v} bytes: the rest of the file was not read ({o})";
    /// A row with more cells than the policy's `file_limits.max_columns`.
    FileTooManyColumns = "FILE_TOO_MANY_COLUMNS", Error,
        "แถวนี้มี {v} ช่อง เกินขีดจำกัด ({o})",
        "this row has {v} cells, more than the limit ({o})";
    /// A cell longer than the policy's `file_limits.max_cell_bytes`.
    FileCellTooLong = "FILE_CELL_TOO_LONG", Error,
        "ช่องที่ {v} ของแถวนี้ยาวเกินขีดจำกัด ({o})",
        "cell {v} of this row is longer than the limit ({o})";
    /// A workbook part that inflates beyond the policy's `file_limits.max_part_bytes` (or
    /// `max_whole_part_bytes` for a part read whole): the workbook is not read.
    FilePartTooLarge = "FILE_PART_TOO_LARGE", Error,
        "ส่วน `{v}` ของไฟล์ Excel ขยายแล้วใหญ่เกินขีดจำกัด จึงไม่ได้อ่าน ({o})",
        "part `{v}` of the workbook inflates beyond the limit and was not read ({o})";
    /// The file changed size while it was read (cut short, or still being written).
    FileChanged = "FILE_CHANGED", Error,
        "ไฟล์เปลี่ยนขณะอ่าน ({v}) ให้ตรวจใหม่เมื่อไฟล์เขียนเสร็จแล้ว ({o})",
        "the file changed while it was read ({v}): check it again once it is complete ({o})";
    /// A row of a text file holding a NUL byte (binary data, not text).
    FileNulByte = "FILE_NUL_BYTE", Error,
        "ช่องที่ {v} ของแถวนี้มีไบต์ NUL ซึ่งไม่ใช่ข้อความ ({o})",
        "cell {v} of this row holds a NUL byte, which is not text ({o})";
}

impl fmt::Display for FindingCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

/// One finding: what was found, where, and how to explain it in Thai and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The stable code.
    pub code: FindingCode,
    /// How serious it is (the catalogue's default unless a policy says otherwise).
    pub severity: Severity,
    /// The file it was found in, if any.
    pub file: Option<String>,
    /// The row number a spreadsheet shows (a CSV's header is row 1, its first record row 2).
    pub row: Option<u64>,
    /// The column / field name.
    pub column: Option<String>,
    /// The offending value (personal IDs masked unless the caller asked otherwise).
    pub value: Option<String>,
    /// The message in Thai.
    pub message_th: String,
    /// The message in English.
    pub message_en: String,
}

impl Finding {
    /// A finding with the catalogue severity, the value and up to two details filled into the
    /// message templates.
    pub fn new(code: FindingCode, column: Option<&str>, value: Option<&str>, detail: Detail<'_>) -> Finding {
        Finding::with_severity(code, code.default_severity(), column, value, detail)
    }

    /// Like [`Finding::new`] with an explicit severity (a policy raised or lowered it).
    pub fn with_severity(
        code: FindingCode,
        severity: Severity,
        column: Option<&str>,
        value: Option<&str>,
        detail: Detail<'_>,
    ) -> Finding {
        let v = value.unwrap_or("");
        Finding {
            code,
            severity,
            file: None,
            row: None,
            column: column.map(str::to_owned),
            value: value.map(str::to_owned),
            message_th: fill(code.template_th(), v, &detail.th, &detail.th2),
            message_en: fill(code.template_en(), v, &detail.en, &detail.en2),
        }
    }

    /// Sets where the finding was made.
    pub fn at(mut self, file: Option<&str>, row: Option<u64>) -> Finding {
        self.file = file.map(str::to_owned);
        self.row = row;
        self
    }

    /// The message in the requested language.
    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Th => &self.message_th,
            Lang::En => &self.message_en,
        }
    }
}

/// A language of the messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// ภาษาไทย — Thai.
    Th,
    /// English.
    #[default]
    En,
}

/// The details a message template may need (`{o}` and `{o2}`), in each language.
#[derive(Debug, Clone, Default)]
pub struct Detail<'a> {
    th: std::borrow::Cow<'a, str>,
    en: std::borrow::Cow<'a, str>,
    th2: std::borrow::Cow<'a, str>,
    en2: std::borrow::Cow<'a, str>,
}

impl<'a> Detail<'a> {
    /// No detail.
    pub fn none() -> Detail<'static> {
        Detail::default()
    }

    /// One detail, the same text in both languages (a code, a date, a row number).
    pub fn same(text: impl Into<std::borrow::Cow<'a, str>>) -> Detail<'a> {
        let text = text.into();
        Detail { th: text.clone(), en: text, ..Detail::default() }
    }

    /// One detail, worded per language.
    pub fn both(th: impl Into<std::borrow::Cow<'a, str>>, en: impl Into<std::borrow::Cow<'a, str>>) -> Detail<'a> {
        Detail { th: th.into(), en: en.into(), ..Detail::default() }
    }

    /// Adds a second detail (`{o2}`), worded per language.
    pub fn and(
        mut self,
        th: impl Into<std::borrow::Cow<'a, str>>,
        en: impl Into<std::borrow::Cow<'a, str>>,
    ) -> Detail<'a> {
        self.th2 = th.into();
        self.en2 = en.into();
        self
    }
}

fn fill(template: &str, value: &str, detail: &str, detail2: &str) -> String {
    let mut out = String::with_capacity(template.len() + value.len() + detail.len());
    let mut rest = template;
    while let Some(pos) = rest.find('{') {
        let (head, tail) = rest.split_at(pos);
        out.push_str(head);
        if let Some(t) = tail.strip_prefix("{v}") {
            out.push_str(value);
            rest = t;
        } else if let Some(t) = tail.strip_prefix("{o2}") {
            out.push_str(detail2);
            rest = t;
        } else if let Some(t) = tail.strip_prefix("{o}") {
            out.push_str(detail);
            rest = t;
        } else {
            out.push('{');
            rest = tail.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_round_trips_and_has_messages_in_house_style() {
        for &code in FindingCode::ALL {
            assert_eq!(FindingCode::parse(code.as_str()), Some(code));
            let json = serde_json::to_string(&code).unwrap();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            for t in [code.template_en(), code.template_th()] {
                assert!(!t.ends_with('.'), "{code}: no trailing period");
                assert!(!t.contains("::"), "{code}: no Rust type names");
            }
            let first = code.template_en().chars().next().unwrap();
            assert!(!first.is_uppercase(), "{code}: lower-case start");
        }
    }

    #[test]
    fn templates_fill_value_and_details() {
        let f = Finding::new(
            FindingCode::BirthdateEraSuspect,
            Some("birth_date"),
            Some("16/05/2018"),
            Detail::both("ปี ค.ศ.", "a CE year").and("16/05/2561", "16/05/2561 BE"),
        );
        assert_eq!(
            f.message_en,
            "the year of birth date `16/05/2018` looks like a CE year; it was read as 16/05/2561 BE"
        );
        assert!(f.message_th.contains("`16/05/2018`"));
        assert_eq!(f.severity, Severity::Warning);
    }
}
