//! Personal IDs (เลขประจำตัวประชาชน, 13 digits with a check digit) and G-codes (รหัส G, `G` +
//! 2-digit BE year + 2-digit province + 8-digit running number), entered in the same field.

use crate::error::{Error, ErrorKind};
use crate::finding::{Detail, Finding, FindingCode};
use crate::policy::Policy;
use crate::province;
use crate::text::{digit_value, is_dash, is_space, trim};
use serde::{Serialize, Serializer};
use std::fmt;

/// Which kind of identity an ID is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IdKind {
    /// เลขประจำตัวประชาชน — a 13-digit personal ID.
    Citizen,
    /// รหัส G — a G-code for a learner without civil-registration evidence or Thai nationality.
    Gcode,
}

impl IdKind {
    /// `citizen` or `gcode`.
    pub fn as_str(self) -> &'static str {
        match self {
            IdKind::Citizen => "citizen",
            IdKind::Gcode => "gcode",
        }
    }
}

/// เลขประจำตัวประชาชน — a checksum-valid 13-digit personal ID.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CitizenId(u64);

/// รหัส G — a G-code: `G` + 2-digit BE year + 2-digit province + 8-digit running number.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GCode {
    year: u8,
    province: u8,
    running: u32,
}

/// A learner's identity: a personal ID or a G-code (never a bare bool: ask it what it is).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PersonId {
    /// เลขประจำตัวประชาชน — a 13-digit personal ID.
    Citizen(CitizenId),
    /// รหัส G — a G-code.
    GCode(GCode),
}

const TEN_12: u64 = 1_000_000_000_000;

impl CitizenId {
    /// The 13 digits.
    pub fn digits(self) -> String {
        self.digit_bytes().iter().map(|&b| char::from(b)).collect()
    }

    /// The 13 digits as ASCII bytes, without formatting machinery (every ID check shows one).
    fn digit_bytes(self) -> [u8; 13] {
        let mut out = [b'0'; 13];
        let mut n = self.0;
        for d in out.iter_mut().rev() {
            *d = b'0' + (n % 10) as u8;
            n /= 10;
        }
        out
    }

    /// ประเภทบุคคล — the person category, the first digit (0–9; 0 is real, 9 reserved).
    pub fn category(self) -> u8 {
        (self.0 / TEN_12) as u8
    }

    /// The province code of the registry that issued the number (digits 2–3).
    pub fn registry_province(self) -> u8 {
        ((self.0 / 10_000_000_000) % 100) as u8
    }

    /// The usual written form `1-2345-67890-12-3`.
    pub fn formatted(self) -> String {
        let d = self.digits();
        format!("{}-{}-{}-{}-{}", &d[0..1], &d[1..5], &d[5..10], &d[10..12], &d[12..13])
    }

    /// The masked form for reports, `1-2345-xxxxx-xx-3`.
    pub fn masked(self) -> String {
        let [a, b, c, d, e, .., last] = self.digit_bytes();
        let mut out = String::with_capacity(17);
        out.push(char::from(a));
        out.push('-');
        out.extend([b, c, d, e].map(char::from));
        out.push_str("-xxxxx-xx-");
        out.push(char::from(last));
        out
    }
}

impl GCode {
    /// The 2-digit BE year as written (`64` for 2564).
    pub fn year_2digit(self) -> u8 {
        self.year
    }

    /// The BE year the code was issued (`2564`).
    pub fn year_be(self) -> u16 {
        2500 + u16::from(self.year)
    }

    /// The province code part.
    pub fn province(self) -> u8 {
        self.province
    }

    /// The running number.
    pub fn running(self) -> u32 {
        self.running
    }

    /// The normalised form `G644200000001`.
    pub fn normalized(self) -> String {
        format!("G{:02}{:02}{:08}", self.year, self.province, self.running)
    }

    /// The masked form for reports, `G-64-42-xxxxxxx1`.
    pub fn masked(self) -> String {
        format!("G-{:02}-{:02}-xxxxxxx{}", self.year, self.province, self.running % 10)
    }
}

impl PersonId {
    /// Parses an identity field, normalising what people type (dashes, spaces, NBSP, Thai and
    /// full-width digits, a lower-case `g`). Errors carry the finding code (`ID_CHECKSUM`, …).
    /// Warnings (Thai digits, category 9, …) need a policy: see [`check_id`].
    pub fn parse(text: &str) -> Result<PersonId, Error> {
        match classify(text).result {
            Ok(id) => Ok(id),
            Err(code) => {
                let f = Finding::new(code, None, Some(&mask_input(text)), Detail::none());
                Err(Error::from_finding(ErrorKind::InvalidId, &f))
            }
        }
    }

    /// `citizen` or `gcode`.
    pub fn kind(&self) -> IdKind {
        match self {
            PersonId::Citizen(_) => IdKind::Citizen,
            PersonId::GCode(_) => IdKind::Gcode,
        }
    }

    /// The normalised form: 13 digits, or `G` + 12 digits.
    pub fn normalized(&self) -> String {
        match self {
            PersonId::Citizen(c) => c.digits(),
            PersonId::GCode(g) => g.normalized(),
        }
    }

    /// The masked display form for reports (`1-1120-xxxxx-xx-2`, `G-64-42-xxxxxxx1`).
    pub fn masked(&self) -> String {
        match self {
            PersonId::Citizen(c) => c.masked(),
            PersonId::GCode(g) => g.masked(),
        }
    }

    /// The person category (first digit) of a personal ID; `None` for a G-code.
    pub fn category(&self) -> Option<u8> {
        match self {
            PersonId::Citizen(c) => Some(c.category()),
            PersonId::GCode(_) => None,
        }
    }

    /// The province code the ID names: the issuing registry's (digits 2–3) for a personal ID,
    /// the province part for a G-code.
    pub fn province_code(&self) -> Option<u8> {
        Some(match self {
            PersonId::Citizen(c) => c.registry_province(),
            PersonId::GCode(g) => g.province(),
        })
    }

    /// The BE year of a G-code (`2564`); `None` for a personal ID.
    pub fn gcode_year(&self) -> Option<u16> {
        match self {
            PersonId::Citizen(_) => None,
            PersonId::GCode(g) => Some(g.year_be()),
        }
    }

    /// A compact key, unique per identity (for duplicate detection).
    pub fn key(&self) -> u64 {
        match self {
            PersonId::Citizen(c) => c.0,
            PersonId::GCode(g) => {
                10 * TEN_12
                    + u64::from(g.year) * 10_000_000_000
                    + u64::from(g.province) * 100_000_000
                    + u64::from(g.running)
            }
        }
    }

    /// The display form: masked unless `unmasked`, then the normalised form.
    pub fn display(&self, unmasked: bool) -> String {
        if unmasked { self.normalized() } else { self.masked() }
    }
}

/// `Debug` and `Display` show the masked form only: personal data stays out of logs.
impl fmt::Debug for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PersonId({})", self.masked())
    }
}

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for CitizenId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CitizenId({})", self.masked())
    }
}

impl fmt::Debug for GCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "GCode({})", self.masked())
    }
}

/// Serialised as its masked form: unmasked output is an explicit choice of the caller.
impl Serialize for PersonId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.masked())
    }
}

/// The check digit of the first 12 digits: `(11 − Σ dᵢ(14 − i) mod 11) mod 10`.
#[inline]
pub fn check_digit(first12: &[u8; 12]) -> u8 {
    let s: u32 = first12.iter().zip((2..=13u32).rev()).map(|(&d, w)| u32::from(d) * w).sum();
    ((11 - s % 11) % 10) as u8
}

/// What [`classify`] found: the identity or the error code, and whether Thai digits were used.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Classified {
    pub(crate) result: Result<PersonId, FindingCode>,
    pub(crate) thai_digits: bool,
}

/// Normalises what people type: surrounding and inner spaces and dashes go, Thai and
/// full-width digits become ASCII, `g` becomes `G`. Idempotent.
pub fn normalize_id_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in trim(text).chars() {
        if is_space(c) || is_dash(c) {
            continue;
        }
        match digit_value(c) {
            Some((d, _)) => out.push(char::from(b'0' + d)),
            None if matches!(c, 'g' | 'G' | 'ｇ' | 'Ｇ') => out.push('G'),
            None => out.push(c),
        }
    }
    out
}

/// What a scan of an identity field found: up to 13 digits, their count, a leading `G`,
/// Thai digits, any other character.
struct Scan {
    digits: [u8; 13],
    n: usize,
    g: bool,
    thai: bool,
    other: bool,
    first: bool,
}

impl Scan {
    #[inline]
    fn digit(&mut self, d: u8) {
        if let Some(slot) = self.digits.get_mut(self.n) {
            *slot = d;
        }
        self.n += 1;
        self.first = false;
    }

    /// One ASCII byte: the same verdicts as [`Scan::char`] gives its character.
    #[inline]
    fn ascii(&mut self, c: u8) {
        match c {
            b'0'..=b'9' => self.digit(c - b'0'),
            b'\t'..=b'\r' | b' ' | b'-' => {}
            b'g' | b'G' if self.first => {
                self.g = true;
                self.first = false;
            }
            _ => {
                self.other = true;
                self.first = false;
            }
        }
    }

    fn char(&mut self, c: char) {
        if let Some((d, is_thai)) = digit_value(c) {
            self.thai |= is_thai;
            self.digit(d);
        } else if is_space(c) || is_dash(c) {
        } else if self.first && matches!(c, 'g' | 'G' | 'ｇ' | 'Ｇ') {
            self.g = true;
            self.first = false;
        } else {
            self.other = true;
            self.first = false;
        }
    }
}

/// Classifies an identity field without allocating: the fast path behind every ID check.
pub(crate) fn classify(text: &str) -> Classified {
    if let Some(digits) = thirteen_ascii_digits(text.as_bytes()) {
        // the usual cell: exactly 13 ASCII digits, nothing to trim or normalise
        return Classified { result: citizen_from_digits(&digits), thai_digits: false };
    }
    let t = trim(text);
    let mut scan = Scan { digits: [0u8; 13], n: 0, g: false, thai: false, other: false, first: true };
    if t.is_ascii() {
        // the common case (typed or exported digits): one byte at a time
        for &c in t.as_bytes() {
            scan.ascii(c);
        }
    } else {
        for c in t.chars() {
            scan.char(c);
        }
    }
    let Scan { digits, n, g, thai, other, .. } = scan;
    let result = if t.is_empty() || (n == 0 && !g && !other) {
        Err(FindingCode::IdEmpty)
    } else if other {
        if excel_mangled(t) { Err(FindingCode::IdExcelMangled) } else { Err(FindingCode::IdFormat) }
    } else if g {
        if n == 12 {
            let num = |a: usize, b: usize| {
                digits.get(a..b).map_or(0, |s| s.iter().fold(0u32, |acc, &d| acc * 10 + u32::from(d)))
            };
            Ok(PersonId::GCode(GCode { year: num(0, 2) as u8, province: num(2, 4) as u8, running: num(4, 12) }))
        } else {
            Err(FindingCode::IdFormat)
        }
    } else if n == 13 {
        citizen_from_digits(&digits)
    } else if n == 12 {
        let mut padded = [0u8; 13];
        padded[1..].copy_from_slice(&digits[..12]);
        match citizen_from_digits(&padded) {
            Ok(_) => Err(FindingCode::IdLeadingZeroLost),
            Err(_) => Err(FindingCode::IdFormat),
        }
    } else {
        Err(FindingCode::IdFormat)
    };
    Classified { result, thai_digits: thai }
}

/// The digit values when `b` is exactly 13 ASCII digits (what the full scan would find too).
#[inline]
fn thirteen_ascii_digits(b: &[u8]) -> Option<[u8; 13]> {
    let b: &[u8; 13] = b.try_into().ok()?;
    let mut digits = [0u8; 13];
    let mut bad = 0u8;
    for (d, &c) in digits.iter_mut().zip(b) {
        *d = c.wrapping_sub(b'0');
        bad |= u8::from(*d > 9);
    }
    (bad == 0).then_some(digits)
}

#[inline]
fn citizen_from_digits(d: &[u8; 13]) -> Result<PersonId, FindingCode> {
    let mut first12 = [0u8; 12];
    first12.copy_from_slice(&d[..12]);
    if check_digit(&first12) != d[12] {
        return Err(FindingCode::IdChecksum);
    }
    if first12.iter().all(|&x| x == first12[0]) {
        return Err(FindingCode::IdDummy);
    }
    // two independent halves: half the dependency chain of one 13-step fold
    let number = |s: &[u8]| s.iter().fold(0u64, |acc, &x| acc * 10 + u64::from(x));
    let (high, low) = d.split_at(6);
    Ok(PersonId::Citizen(CitizenId(number(high) * 10_000_000 + number(low))))
}

/// Whether the text is a number Excel reformatted: `1.11203E+12` or `1234567890123.0`.
pub(crate) fn excel_mangled(t: &str) -> bool {
    let t = t.trim();
    let b = t.as_bytes();
    let digits_then = |s: &[u8]| s.iter().take_while(|c| c.is_ascii_digit()).count();
    let n = digits_then(b);
    if n == 0 {
        return false;
    }
    let rest = b.get(n..).unwrap_or_default();
    // scientific notation: d[.ddd]E[+]dd
    let (frac, after) = match rest.split_first() {
        Some((b'.', r)) => {
            let (f, a) = r.split_at(digits_then(r));
            (Some(f), a)
        }
        _ => (None, rest),
    };
    match after.split_first() {
        Some((b'E' | b'e', r)) => {
            let r = r.strip_prefix(b"+").unwrap_or(r);
            !r.is_empty() && r.iter().all(u8::is_ascii_digit)
        }
        None => frac.is_some_and(|f| !f.is_empty() && f.iter().all(|&c| c == b'0')) && n >= 9,
        _ => false,
    }
}

/// Masks whatever was typed in an identity field, for reports: a 13-digit value as
/// `1-2345-xxxxx-xx-3`, a G-code as `G-64-42-xxxxxxx1`; otherwise every digit but the first
/// five and the last becomes `x`.
pub fn mask_input(text: &str) -> String {
    let norm = normalize_id_text(text);
    let b = norm.as_bytes();
    if b.len() == 13 && b.iter().all(u8::is_ascii_digit) {
        return format!("{}-{}-xxxxx-xx-{}", &norm[0..1], &norm[1..5], &norm[12..13]);
    }
    if b.len() == 13 && b.first() == Some(&b'G') && b.iter().skip(1).all(u8::is_ascii_digit) {
        return format!("G-{}-{}-xxxxxxx{}", &norm[1..3], &norm[3..5], &norm[12..13]);
    }
    let t = trim(text);
    let total = t.chars().filter(|&c| digit_value(c).is_some()).count();
    let mut seen = 0usize;
    t.chars()
        .map(|c| {
            if digit_value(c).is_some() {
                seen += 1;
                if seen <= 5 || seen == total { c } else { 'x' }
            } else {
                c
            }
        })
        .collect()
}

/// The result of checking one identity field against a policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IdCheck {
    /// The identity, when the field holds a valid one (warnings may still apply).
    pub id: Option<PersonId>,
    /// Everything found: at most one error, any number of warnings.
    pub findings: Vec<Finding>,
}

impl IdCheck {
    /// Whether the field holds a usable identity (no `error` finding).
    pub fn is_valid(&self) -> bool {
        self.findings.iter().all(|f| f.severity != crate::finding::Severity::Error)
    }

    /// The code of the first `error` finding, if any.
    pub fn error_code(&self) -> Option<FindingCode> {
        self.findings.iter().find(|f| f.severity == crate::finding::Severity::Error).map(|f| f.code)
    }
}

/// The warning codes an identity earns under a policy, in catalogue order.
pub(crate) fn id_warnings(
    c: &Classified,
    policy: &Policy,
    academic_year: u16,
    mut push: impl FnMut(FindingCode, crate::finding::Severity, Detail<'static>),
) {
    if c.thai_digits {
        push(FindingCode::IdThaiDigits, FindingCode::IdThaiDigits.default_severity(), Detail::none());
    }
    match c.result {
        Ok(PersonId::Citizen(cid)) => {
            if cid.category() == 9
                && let Some(sev) = policy.reserved_category_9.severity()
            {
                push(FindingCode::IdReservedCategory, sev, Detail::none());
            }
            if !province::is_province(cid.registry_province())
                && let Some(sev) = policy.unknown_registry_province.severity()
            {
                push(FindingCode::IdUnknownRegistry, sev, Detail::none());
            }
        }
        Ok(PersonId::GCode(g)) => {
            let last = policy.gcode_last_year_be.unwrap_or(academic_year);
            let y = g.year_be();
            if y < policy.gcode_first_year_be || y > last {
                let range = format!("{}–{}", policy.gcode_first_year_be, last);
                push(
                    FindingCode::GcodeYear,
                    FindingCode::GcodeYear.default_severity(),
                    Detail::both(format!("พ.ศ. {range}"), format!("{range} BE")),
                );
            }
            if !province::is_province(g.province())
                && let Some(sev) = policy.gcode_unknown_province.severity()
            {
                push(FindingCode::GcodeProvince, sev, Detail::none());
            }
        }
        Err(_) => {}
    }
}

/// Checks one identity field under `policy` for `academic_year` (BE, e.g. 2567): the identity
/// if valid and every finding, with the value masked unless `unmasked`.
pub fn check_id(text: &str, policy: &Policy, academic_year: u16, unmasked: bool) -> IdCheck {
    let c = classify(text);
    // what a finding shows of the value: made only when there is a finding (a valid ID with no
    // warning, the usual case, needs none)
    let mut shown_text: Option<String> = None;
    let mut shown = || -> String {
        shown_text
            .get_or_insert_with(|| match (&c.result, unmasked) {
                (Ok(id), true) => id.normalized(),
                (Ok(id), false) => id.masked(),
                (Err(_), true) => trim(text).to_owned(),
                (Err(_), false) => mask_input(text),
            })
            .clone()
    };
    let mut findings = Vec::new();
    let column = Some("person_id");
    if let Err(code) = c.result {
        let value = if code == FindingCode::IdEmpty { None } else { Some(shown()) };
        findings.push(Finding::new(code, column, value.as_deref(), Detail::none()));
    }
    id_warnings(&c, policy, academic_year, |code, sev, detail| {
        findings.push(Finding::with_severity(code, sev, column, Some(&shown()), detail));
    });
    IdCheck { id: c.result.ok(), findings }
}

/// The code of the first `error` an identity field earns under `policy`, or `None` when it is
/// valid — the allocation-free batch path (`validate_ids` in the bindings).
pub fn id_error(text: &str, policy: &Policy, academic_year: u16) -> Option<FindingCode> {
    let c = classify(text);
    if let Err(code) = c.result {
        return Some(code);
    }
    let mut err = None;
    id_warnings(&c, policy, academic_year, |code, sev, _| {
        if err.is_none() && sev == crate::finding::Severity::Error {
            err = Some(code);
        }
    });
    err
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(t: &str) -> Result<PersonId, FindingCode> {
        classify(t).result
    }

    #[test]
    fn the_thirteen_digit_fast_path_agrees_with_the_full_scan() {
        // a trailing space sends the same digits through the full scan
        let mut x: u64 = 0x2567;
        for i in 0..20_000u64 {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            let digits = format!("{:013}", (x >> 11) % 10_000_000_000_000);
            let text = if i % 3 == 0 { format!("{}1", &digits[..12]) } else { digits }; // some checksums fail
            let fast = classify(&text);
            let full = classify(&format!("{text} "));
            assert_eq!(format!("{:?}", fast.result), format!("{:?}", full.result), "{text}");
        }
        for dummy in ["1111111111111", "0000000000000", "9999999999999"] {
            assert_eq!(classify(dummy).result.err(), classify(&format!(" {dummy}")).result.err());
        }
    }

    #[test]
    fn known_vectors_are_valid() {
        for v in ["3100600445635", "1234545678781", "1200100090237"] {
            let id = code(v).unwrap();
            assert_eq!(id.normalized(), v);
            assert_eq!(id.kind(), IdKind::Citizen);
        }
        assert_eq!(code("1-2001-00090-23-7").unwrap().masked(), "1-2001-xxxxx-xx-7");
    }

    #[test]
    fn typing_variants_normalise() {
        for v in [
            " 1-2345-45678-78-1 ",
            "1 2345 45678 78 1",
            "\u{a0}1234545678781\u{a0}",
            "๑๒๓๔๕๔๕๖๗๘๗๘๑",
            "１２３４５４５６７８７８１",
            "1–2345–45678–78–1",
        ] {
            assert_eq!(code(v).unwrap().normalized(), "1234545678781", "{v:?}");
        }
        assert!(classify("๑๒๓๔๕๔๕๖๗๘๗๘๑").thai_digits);
        let g = code(" g6442-00000001 ").unwrap();
        assert_eq!(g.kind(), IdKind::Gcode);
        assert_eq!(g.normalized(), "G644200000001");
        assert_eq!(g.gcode_year(), Some(2564));
        assert_eq!(g.province_code(), Some(42));
        assert_eq!(g.masked(), "G-64-42-xxxxxxx1");
    }

    #[test]
    fn errors_have_their_codes() {
        assert_eq!(code("  "), Err(FindingCode::IdEmpty));
        assert_eq!(code(""), Err(FindingCode::IdEmpty));
        assert_eq!(code("-"), Err(FindingCode::IdEmpty));
        assert_eq!(code("1234545678782"), Err(FindingCode::IdChecksum));
        assert_eq!(code("0000000000001"), Err(FindingCode::IdDummy));
        assert_eq!(code("12345"), Err(FindingCode::IdFormat));
        assert_eq!(code("G12"), Err(FindingCode::IdFormat));
        assert_eq!(code("abc"), Err(FindingCode::IdFormat));
        assert_eq!(code("1.11203E+12"), Err(FindingCode::IdExcelMangled));
        assert_eq!(code("1234545678781.0"), Err(FindingCode::IdExcelMangled));
        assert_eq!(code("1.5"), Err(FindingCode::IdFormat));
    }

    #[test]
    fn lost_leading_zero_is_recognised() {
        // a category-0 ID: 0 + 11 digits + check digit
        let mut d = [0u8, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2];
        let c = check_digit(&d);
        let full: String = d.iter().chain(std::iter::once(&c)).map(|x| char::from(b'0' + x)).collect();
        assert_eq!(code(&full).unwrap().category(), Some(0));
        assert_eq!(code(&full[1..]), Err(FindingCode::IdLeadingZeroLost));
        d[11] = 3;
        let _ = d;
    }

    #[test]
    fn the_ascii_scan_agrees_with_the_char_scan() {
        for b in 0u8..128 {
            let c = char::from(b);
            let mut a = Scan { digits: [0; 13], n: 0, g: false, thai: false, other: false, first: true };
            let mut w = Scan { digits: [0; 13], n: 0, g: false, thai: false, other: false, first: true };
            a.ascii(b);
            w.char(c);
            assert_eq!((a.n, a.g, a.other, a.digits[0]), (w.n, w.g, w.other, w.digits[0]), "{b:#x}");
        }
    }

    #[test]
    fn masking_hides_the_middle() {
        assert_eq!(mask_input("1234545678782"), "1-2345-xxxxx-xx-2");
        assert_eq!(mask_input("123454567878"), "12345xxxxxx8");
        assert_eq!(mask_input("1.11203E+12"), "1.1120xE+x2");
        assert_eq!(format!("{:?}", code("1234545678781").unwrap()), "PersonId(1-2345-xxxxx-xx-1)");
    }
}
