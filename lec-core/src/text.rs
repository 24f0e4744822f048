//! Small text helpers shared by the parsers: Thai and full-width digits, the spaces people type.

/// A digit character: ASCII, Thai (๐–๙) or full-width (０–９), with its value and whether it
/// was a Thai digit.
#[inline]
pub(crate) fn digit_value(c: char) -> Option<(u8, bool)> {
    match c {
        '0'..='9' => Some((c as u8 - b'0', false)),
        '\u{0E50}'..='\u{0E59}' => Some(((c as u32 - 0x0E50) as u8, true)),
        '\u{FF10}'..='\u{FF19}' => Some(((c as u32 - 0xFF10) as u8, false)),
        _ => None,
    }
}

/// White space people type or paste, including NBSP, thin and zero-width spaces and the BOM.
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Dashes people type between digit groups.
#[inline]
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}')
}

/// Trims [`is_space`] characters from both ends.
#[inline]
pub(crate) fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Whether the text holds any Thai digit.
pub(crate) fn has_thai_digits(s: &str) -> bool {
    s.chars().any(|c| ('\u{0E50}'..='\u{0E59}').contains(&c))
}
