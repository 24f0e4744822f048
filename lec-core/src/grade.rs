//! Grades (ระดับชั้น): child development, อ.1–3, ป.1–6, ม.1–6, ปวช.1–3, ปวส.1–2.

use crate::error::{Error, ErrorKind};
use crate::finding::{Detail, FindingCode};
use crate::text::{digit_value, is_space};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// ระดับชั้น — a grade.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Grade {
    /// เด็กเล็ก (ศพด.) — a child of a child development centre. Code `CD`.
    ChildDevelopment,
    /// อนุบาล 1 (อ.1) — kindergarten year 1. Code `K1`.
    K1,
    /// อนุบาล 2 (อ.2). Code `K2`.
    K2,
    /// อนุบาล 3 (อ.3). Code `K3`.
    K3,
    /// ประถมศึกษาปีที่ 1 (ป.1) — primary year 1. Code `P1`.
    P1,
    /// ป.2. Code `P2`.
    P2,
    /// ป.3. Code `P3`.
    P3,
    /// ป.4. Code `P4`.
    P4,
    /// ป.5. Code `P5`.
    P5,
    /// ป.6. Code `P6`.
    P6,
    /// มัธยมศึกษาปีที่ 1 (ม.1) — secondary year 1. Code `M1`.
    M1,
    /// ม.2. Code `M2`.
    M2,
    /// ม.3. Code `M3`.
    M3,
    /// ม.4. Code `M4`.
    M4,
    /// ม.5. Code `M5`.
    M5,
    /// ม.6. Code `M6`.
    M6,
    /// ประกาศนียบัตรวิชาชีพ ปีที่ 1 (ปวช.1) — vocational certificate year 1. Code `VC1`.
    Vc1,
    /// ปวช.2. Code `VC2`.
    Vc2,
    /// ปวช.3. Code `VC3`.
    Vc3,
    /// ประกาศนียบัตรวิชาชีพชั้นสูง ปีที่ 1 (ปวส.1) — higher vocational certificate year 1. Code `HVC1`.
    Hvc1,
    /// ปวส.2. Code `HVC2`.
    Hvc2,
}

use Grade::*;

impl Grade {
    /// Every grade, youngest first.
    pub const ALL: [Grade; 21] =
        [ChildDevelopment, K1, K2, K3, P1, P2, P3, P4, P5, P6, M1, M2, M3, M4, M5, M6, Vc1, Vc2, Vc3, Hvc1, Hvc2];

    /// The code: `CD`, `K1`…`K3`, `P1`…`P6`, `M1`…`M6`, `VC1`…`VC3`, `HVC1`, `HVC2`.
    pub fn code(self) -> &'static str {
        const CODES: [&str; 21] = [
            "CD", "K1", "K2", "K3", "P1", "P2", "P3", "P4", "P5", "P6", "M1", "M2", "M3", "M4", "M5", "M6", "VC1",
            "VC2", "VC3", "HVC1", "HVC2",
        ];
        CODES.get(self as usize).copied().unwrap_or("")
    }

    /// The Thai label: `ศพด.`, `อ.1`, `ป.6`, `ม.3`, `ปวช.1`, `ปวส.2`.
    pub fn label_th(self) -> &'static str {
        const LABELS: [&str; 21] = [
            "ศพด.",
            "อ.1",
            "อ.2",
            "อ.3",
            "ป.1",
            "ป.2",
            "ป.3",
            "ป.4",
            "ป.5",
            "ป.6",
            "ม.1",
            "ม.2",
            "ม.3",
            "ม.4",
            "ม.5",
            "ม.6",
            "ปวช.1",
            "ปวช.2",
            "ปวช.3",
            "ปวส.1",
            "ปวส.2",
        ];
        LABELS.get(self as usize).copied().unwrap_or("")
    }

    /// The usual age in full years on the reference day (16 May), as an inclusive range:
    /// อ.1 is 3 (born 17 May Y−4 … 16 May Y−3); ป.1 goes by calendar year, so 6 or 7; each
    /// later grade one more. `None` for child development (its bounds are policy values).
    pub fn usual_age(self) -> Option<(u32, u32)> {
        let i = self as u32;
        match self {
            ChildDevelopment => None,
            K1 | K2 | K3 => Some((i + 2, i + 2)),
            P1 | P2 | P3 | P4 | P5 | P6 | M1 | M2 | M3 | M4 | M5 | M6 => Some((i + 2, i + 3)),
            Vc1 | Vc2 | Vc3 => Some((i - 1, i)),
            Hvc1 | Hvc2 => Some((i - 1, i)),
        }
    }

    /// Parses a grade: Thai labels with or without dots and spaces (`อ.1`, `ป 6`, `ม.๓`,
    /// `ประถมศึกษาปีที่ 1`, `อนุบาล 2`, `ปวช.1`), codes (`K1`, `p6`, `M3`, `VC1`, `HVC2`) and
    /// the child-development labels (`ศพด.`, `เด็กเล็ก`, `CD`).
    pub fn parse(text: &str) -> Result<Grade, Error> {
        parse_grade(text).ok_or_else(|| {
            Error::finding(ErrorKind::InvalidGrade, FindingCode::GradeUnknown, text.trim(), Detail::none())
        })
    }
}

/// The longest folded label any grade has (`ศูนย์พัฒนาเด็กเล็ก`, 54 bytes), with room to spare:
/// a longer text is no grade.
const KEY_CAP: usize = 64;

pub(crate) fn parse_grade(text: &str) -> Option<Grade> {
    // fold: drop spaces and dots, Thai digits to ASCII, ASCII to upper case (on the stack: this
    // runs once per record)
    let mut buf = [0u8; KEY_CAP];
    let mut len = 0usize;
    for c in text.chars() {
        if is_space(c) || c == '.' {
            continue;
        }
        let c = match digit_value(c) {
            Some((d, _)) => char::from(b'0' + d),
            None => c.to_ascii_uppercase(),
        };
        let dst = buf.get_mut(len..len + c.len_utf8())?;
        c.encode_utf8(dst);
        len += c.len_utf8();
    }
    let key = std::str::from_utf8(buf.get(..len)?).ok()?;
    if matches!(key, "CD" | "ศพด" | "เด็กเล็ก" | "ศูนย์พัฒนาเด็กเล็ก" | "ก่อนอนุบาล" | "เตรียมอนุบาล")
    {
        return Some(ChildDevelopment);
    }
    let split = key.find(|c: char| c.is_ascii_digit())?;
    let (prefix, num) = key.split_at(split);
    let n: usize = if num.len() == 1 {
        num.parse().ok()?
    } else {
        return None;
    };
    let (base, max) = match prefix {
        "K" | "อ" | "อนุบาล" | "อนุบาลปีที่" => (K1, 3),
        "P" | "ป" | "ประถม" | "ประถมศึกษาปีที่" | "ประถมปีที่" => {
            (P1, 6)
        }
        "M" | "ม" | "มัธยม" | "มัธยมศึกษาปีที่" | "มัธยมปีที่" => {
            (M1, 6)
        }
        "VC" | "ปวช" => (Vc1, 3),
        "HVC" | "ปวส" => (Hvc1, 2),
        _ => return None,
    };
    if n == 0 || n > max {
        return None;
    }
    Grade::ALL.get(base as usize + n - 1).copied()
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Grade {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Grade {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Grade, D::Error> {
        let s = String::deserialize(d)?;
        parse_grade(&s).ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a known grade")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_codes_parse() {
        for (t, g) in [
            ("อ.1", K1),
            ("อ 3", K3),
            ("อนุบาล 2", K2),
            ("ป.6", P6),
            ("ป.๖", P6),
            ("ประถมศึกษาปีที่ 1", P1),
            ("ม.3", M3),
            ("ม. 6", M6),
            ("ปวช.1", Vc1),
            ("ปวส. 2", Hvc2),
            ("k1", K1),
            ("P6", P6),
            ("M3", M3),
            ("VC3", Vc3),
            ("hvc1", Hvc1),
            ("ศพด.", ChildDevelopment),
            ("เด็กเล็ก", ChildDevelopment),
            (" CD ", ChildDevelopment),
        ] {
            assert_eq!(Grade::parse(t).unwrap(), g, "{t}");
        }
        for t in ["", "ป.7", "อ.4", "ม.0", "ปวส.3", "X1", "P", "P12", "ป.1/2"] {
            assert_eq!(Grade::parse(t).unwrap_err().code(), "GRADE_UNKNOWN", "{t}");
        }
    }

    #[test]
    fn codes_and_labels_round_trip() {
        for g in Grade::ALL {
            assert_eq!(Grade::parse(g.code()).unwrap(), g);
            assert_eq!(Grade::parse(g.label_th()).unwrap(), g);
        }
        assert_eq!(K1.usual_age(), Some((3, 3)));
        assert_eq!(P1.usual_age(), Some((6, 7)));
        assert_eq!(M6.usual_age(), Some((17, 18)));
        assert_eq!(Vc1.usual_age(), Some((15, 16)));
        assert_eq!(Hvc1.usual_age(), Some((18, 19)));
    }
}
