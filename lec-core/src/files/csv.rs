//! A small CSV parser built for streaming in chunks: RFC 4180 plus what Excel and people write.
//!
//! - fields separated by `,`, `;` or tab; records ended by LF, CRLF or a lone CR;
//! - a field that starts with `"` is quoted: delimiters and line breaks inside are data, `""`
//!   is a quote; characters after the closing quote, up to the next delimiter, join the field
//!   (as the `csv` crate reads them); a `"` inside an unquoted field is an ordinary character;
//! - every line ending outside quotes ends a row, so an empty line is a (blank) row and the row
//!   numbers are the ones a spreadsheet shows.
//!
//! The [`Scanner`] finds row boundaries without copying (the reading thread cuts the input into
//! chunks there); [`parse_record`] reads one record's fields (the worker threads).

/// Where the parser is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field (the start of a record included).
    FieldStart,
    /// Inside an unquoted field.
    Unquoted,
    /// Inside a quoted field.
    Quoted,
    /// Just after a `"` inside a quoted field: a second `"` is an escaped quote, anything else
    /// closes the quotes.
    QuoteInQuoted,
    /// Just after a CR that ended a record: an LF right after belongs to it.
    AfterCr,
}

/// Finds the ends of rows in a stream of bytes fed piece by piece.
#[derive(Debug, Clone)]
pub(crate) struct Scanner {
    delimiter: u8,
    state: State,
}

impl Scanner {
    /// A scanner at the start of a record.
    pub(crate) fn new(delimiter: u8) -> Scanner {
        Scanner { delimiter, state: State::FieldStart }
    }

    /// Feeds the next bytes of the stream. Returns the offset in `bytes` just past the last
    /// row end found in them (`Some(0)`: the previous bytes ended with a row), if any.
    pub(crate) fn feed(&mut self, bytes: &[u8]) -> Option<usize> {
        if let Some(fast) = self.feed_without_quotes(bytes) {
            return fast;
        }
        let d = self.delimiter;
        let mut last = None;
        let mut i = 0usize;
        while let Some(&b) = bytes.get(i) {
            match self.state {
                State::AfterCr => {
                    self.state = State::FieldStart;
                    if b == b'\n' {
                        last = Some(i + 1);
                        i += 1;
                        continue;
                    }
                    last = Some(i);
                    // the byte starts the next record: look at it again
                    continue;
                }
                State::FieldStart | State::Unquoted => {
                    if self.state == State::FieldStart && b == b'"' {
                        self.state = State::Quoted;
                    } else if b == d {
                        self.state = State::FieldStart;
                    } else if b == b'\n' {
                        self.state = State::FieldStart;
                        last = Some(i + 1);
                    } else if b == b'\r' {
                        self.state = State::AfterCr;
                    } else {
                        self.state = State::Unquoted;
                        // skip the rest of an unquoted field at once
                        let rest = bytes.get(i + 1..).unwrap_or_default();
                        i += rest.iter().position(|&c| c == d || c == b'\n' || c == b'\r').unwrap_or(rest.len());
                    }
                }
                State::Quoted => {
                    let rest = bytes.get(i..).unwrap_or_default();
                    match rest.iter().position(|&c| c == b'"') {
                        Some(p) => {
                            i += p;
                            self.state = State::QuoteInQuoted;
                        }
                        None => {
                            i = bytes.len();
                            continue;
                        }
                    }
                }
                State::QuoteInQuoted => {
                    if b == b'"' {
                        self.state = State::Quoted;
                    } else if b == d {
                        self.state = State::FieldStart;
                    } else if b == b'\n' {
                        self.state = State::FieldStart;
                        last = Some(i + 1);
                    } else if b == b'\r' {
                        self.state = State::AfterCr;
                    } else {
                        self.state = State::Unquoted;
                    }
                }
            }
            i += 1;
        }
        last
    }
}

impl Scanner {
    /// The common case, without looking at every byte: no quote in `bytes` and none open, so
    /// the last line ending is the last row end and only the bytes after it set the state.
    /// `None` when the full scan is needed.
    fn feed_without_quotes(&mut self, bytes: &[u8]) -> Option<Option<usize>> {
        if !matches!(self.state, State::FieldStart | State::Unquoted) || bytes.contains(&b'"') {
            return None;
        }
        let Some(i) = bytes.iter().rposition(|&b| b == b'\n' || b == b'\r') else {
            // no line ending: the state follows the last delimiter, if any
            if let Some(&last) = bytes.last() {
                self.state = if last == self.delimiter { State::FieldStart } else { State::Unquoted };
            }
            return Some(None);
        };
        let (head, tail) = bytes.split_at(i + 1);
        // a CR at the very end: whether an LF follows is not known yet (a CR before other
        // bytes is a lone CR: an LF right after would have been the last line ending)
        if head.last() == Some(&b'\r') && tail.is_empty() {
            return None;
        }
        self.state = match tail.last() {
            None => State::FieldStart,
            Some(&b) if b == self.delimiter => State::FieldStart,
            Some(_) => State::Unquoted,
        };
        Some(Some(i + 1))
    }
}

/// One record's fields: their bytes one after the other and where each ends.
#[derive(Debug, Clone, Default)]
pub(crate) struct Record {
    pub(crate) bytes: Vec<u8>,
    pub(crate) ends: Vec<usize>,
    /// The input ended inside a quoted field: a quote was never closed.
    pub(crate) unclosed_quote: bool,
}

impl Record {
    /// The number of fields (0 for an empty line).
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.ends.clear();
        self.unclosed_quote = false;
    }
}

/// Reads one record from the start of `input` (at a record boundary) into `rec`; returns the
/// number of bytes it took, its line ending included. At the end of `input` the record ends.
pub(crate) fn parse_record(delimiter: u8, input: &[u8], rec: &mut Record) -> usize {
    rec.clear();
    let d = delimiter;
    let mut state = State::FieldStart;
    let mut i = 0usize;
    // an empty line: a row without fields
    match input.first() {
        Some(b'\n') => return 1,
        Some(b'\r') => return if input.get(1) == Some(&b'\n') { 2 } else { 1 },
        None => return 0,
        _ => {}
    }
    while let Some(&b) = input.get(i) {
        match state {
            State::FieldStart | State::Unquoted => {
                if state == State::FieldStart && b == b'"' {
                    state = State::Quoted;
                } else if b == d {
                    rec.ends.push(rec.bytes.len());
                    state = State::FieldStart;
                } else if b == b'\n' || b == b'\r' {
                    rec.ends.push(rec.bytes.len());
                    let crlf = b == b'\r' && input.get(i + 1) == Some(&b'\n');
                    return i + if crlf { 2 } else { 1 };
                } else {
                    let rest = input.get(i..).unwrap_or_default();
                    let n = rest.iter().position(|&c| c == d || c == b'\n' || c == b'\r').unwrap_or(rest.len());
                    rec.bytes.extend_from_slice(rest.get(..n).unwrap_or_default());
                    state = State::Unquoted;
                    i += n;
                    continue;
                }
            }
            State::Quoted => {
                let rest = input.get(i..).unwrap_or_default();
                let n = rest.iter().position(|&c| c == b'"').unwrap_or(rest.len());
                rec.bytes.extend_from_slice(rest.get(..n).unwrap_or_default());
                i += n;
                if i < input.len() {
                    state = State::QuoteInQuoted;
                } else {
                    rec.unclosed_quote = true;
                }
            }
            State::QuoteInQuoted => {
                if b == b'"' {
                    rec.bytes.push(b'"');
                    state = State::Quoted;
                } else if b == d {
                    rec.ends.push(rec.bytes.len());
                    state = State::FieldStart;
                } else if b == b'\n' || b == b'\r' {
                    rec.ends.push(rec.bytes.len());
                    let crlf = b == b'\r' && input.get(i + 1) == Some(&b'\n');
                    return i + if crlf { 2 } else { 1 };
                } else {
                    rec.bytes.push(b);
                    state = State::Unquoted;
                }
            }
            State::AfterCr => {}
        }
        i += 1;
    }
    rec.ends.push(rec.bytes.len());
    input.len()
}

/// Splits quote-free lines of a text in place, without copying their fields: the common case
/// of a CSV file, read the same as [`parse_record`] reads it. It looks at eight bytes at a
/// time (SWAR: a word's bytes equal to the delimiter, a line ending or a quote found with a
/// few integer operations), so that a row costs few branches.
#[derive(Debug, Clone)]
pub(crate) struct LineSplitter {
    delimiter: u8,
    /// The delimiter in every byte of a word.
    delimiters: u64,
}

/// A byte 0x01 in every byte of a word.
const ONES: u64 = 0x0101_0101_0101_0101;
/// 0x7F in every byte of a word.
const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
/// 0x80 in every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// 0x80 in each byte of `x` that is zero, 0 in the others (exact: no carry crosses bytes).
#[inline(always)]
fn zero_bytes(x: u64) -> u64 {
    !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
}

impl LineSplitter {
    /// A splitter for `delimiter`.
    pub(crate) fn new(delimiter: u8) -> LineSplitter {
        LineSplitter { delimiter, delimiters: ONES * u64::from(delimiter) }
    }

    /// Reads the record at the start of `input` (at a record boundary) when it has no quote:
    /// pushes where each field ends (offsets plus `base`) into `ends`, and returns the bytes it
    /// took, its line ending included, and whether it is all ASCII. `None` when the record has
    /// a quote: then [`parse_record`] reads it.
    pub(crate) fn split(&self, input: &[u8], base: usize, ends: &mut Vec<usize>) -> Option<(usize, bool)> {
        ends.clear();
        match input.first() {
            Some(b'\n') => return Some((1, true)),
            Some(b'\r') => return Some((if input.get(1) == Some(&b'\n') { 2 } else { 1 }, true)),
            None => return Some((0, true)),
            _ => {}
        }
        let mut high = 0u64;
        let mut i = 0usize;
        while let Some(word) = input.get(i..i + 8) {
            let w = u64::from_le_bytes(<[u8; 8]>::try_from(word).unwrap_or_default());
            let delimiters = zero_bytes(w ^ self.delimiters);
            let stops = zero_bytes(w ^ (ONES * u64::from(b'\n')))
                | zero_bytes(w ^ (ONES * u64::from(b'\r')))
                | zero_bytes(w ^ (ONES * u64::from(b'"')));
            if stops == 0 {
                push_ends(ends, delimiters, base + i);
                high |= w;
                i += 8;
                continue;
            }
            // the first line ending or quote: the delimiters before it end fields
            let k = (stops.trailing_zeros() / 8) as usize;
            let before = if k == 0 { 0 } else { u64::MAX >> (64 - 8 * k) };
            push_ends(ends, delimiters & before, base + i);
            high |= w & before;
            let b = word.get(k).copied().unwrap_or(b'"');
            if b == b'"' {
                return None;
            }
            ends.push(base + i + k);
            let crlf = b == b'\r' && input.get(i + k + 1) == Some(&b'\n');
            return Some((i + k + 1 + usize::from(crlf), high & HIGH == 0));
        }
        // the last bytes, fewer than eight
        let mut tail = 0u8;
        for (j, &b) in input.iter().enumerate().skip(i) {
            tail |= b;
            if b == self.delimiter {
                ends.push(base + j);
            } else if b == b'\n' || b == b'\r' {
                ends.push(base + j);
                let crlf = b == b'\r' && input.get(j + 1) == Some(&b'\n');
                return Some((j + 1 + usize::from(crlf), high & HIGH == 0 && tail < 0x80));
            } else if b == b'"' {
                return None;
            }
        }
        ends.push(base + input.len());
        Some((input.len(), high & HIGH == 0 && tail < 0x80))
    }
}

/// Pushes `at` plus the index of each byte marked 0x80 in `marks`, in order.
#[inline(always)]
fn push_ends(ends: &mut Vec<usize>, mut marks: u64, at: usize) {
    while marks != 0 {
        ends.push(at + (marks.trailing_zeros() / 8) as usize);
        marks &= marks - 1;
    }
}

/// Picks the delimiter of CSV bytes: the one of `,` `;` tab that separates the most fields
/// outside quotes over the first rows (ties go to the comma).
pub(crate) fn sniff(sample: &[u8]) -> u8 {
    let mut best = (b',', 0usize);
    let mut rec = Record::default();
    for d in [b',', b';', b'\t'] {
        let mut fields = 0usize;
        let mut pos = 0usize;
        for _ in 0..30 {
            let rest = sample.get(pos..).unwrap_or_default();
            if rest.is_empty() {
                break;
            }
            let used = parse_record(d, rest, &mut rec);
            fields += rec.len().saturating_sub(1);
            pos += used.max(1);
        }
        if fields > best.1 {
            best = (d, fields);
        }
    }
    best.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(d: u8, input: &[u8]) -> Vec<Vec<String>> {
        let mut out = Vec::new();
        let mut rec = Record::default();
        let mut pos = 0;
        while pos < input.len() {
            pos += parse_record(d, &input[pos..], &mut rec);
            let mut start = 0;
            out.push(
                rec.ends
                    .iter()
                    .map(|&e| {
                        let s = String::from_utf8_lossy(&rec.bytes[start..e]).into_owned();
                        start = e;
                        s
                    })
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn quoted_fields_line_breaks_and_empty_lines() {
        let rows = parse_all(b',', b"a,\"b,c\",\"x\"\"y\"\r\n\n\"multi\nline\",2\rlast,\"q\"z");
        assert_eq!(
            rows,
            vec![
                vec!["a".to_owned(), "b,c".into(), "x\"y".into()],
                vec![],
                vec!["multi\nline".into(), "2".into()],
                vec!["last".into(), "qz".into()],
            ]
        );
        let mut rec = Record::default();
        parse_record(b',', b"a,\"never closed\n,b\n", &mut rec);
        assert!(rec.unclosed_quote);
        assert_eq!(parse_all(b';', b"a\"b;c\n"), vec![vec!["a\"b".to_owned(), "c".into()]]);
    }

    #[test]
    fn scanner_cuts_where_the_parser_ends_rows() {
        let input: &[u8] = b"a,\"b\nc\",d\r\ne\r\rf,\"\"\"\n\ng";
        // feed in every split: the cuts found are the parser's row ends
        let mut ends = Vec::new();
        let mut pos = 0;
        let mut rec = Record::default();
        while pos < input.len() {
            pos += parse_record(b',', &input[pos..], &mut rec);
            ends.push(pos);
        }
        for split in 0..input.len() {
            let mut s = Scanner::new(b',');
            let mut found = Vec::new();
            let (a, b) = input.split_at(split);
            let mut last_a = None;
            if let Some(x) = s.feed(a) {
                last_a = Some(x);
            }
            let last_b = s.feed(b).map(|x| x + split);
            let last = last_b.or(last_a);
            found.push(last);
            // the last row end before the final unterminated row
            assert_eq!(last, Some(ends[ends.len() - 2]), "split at {split}");
        }
    }

    #[test]
    fn scanner_and_parser_agree_on_random_input_fed_in_random_pieces() {
        let alphabet: &[u8] = b"ab,;\"\"\n\r\n \xE0";
        let mut x = 12345u64;
        let mut rnd = |n: usize| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        for _ in 0..3000 {
            let len = rnd(60);
            let input: Vec<u8> = (0..len).map(|_| alphabet[rnd(alphabet.len())]).collect();
            // the ends of terminated rows, as the parser reads them (a byte after the input
            // tells which rows were ended by a line ending)
            let mut extended = input.clone();
            extended.push(b'Z');
            let mut ends = Vec::new();
            let (mut pos, mut rec) = (0, Record::default());
            while pos < extended.len() {
                pos += parse_record(b',', &extended[pos..], &mut rec);
                if pos <= len {
                    ends.push(pos);
                }
            }
            // a CR at the very end may still be followed by an LF: not a known row end yet
            let expected = ends.iter().copied().filter(|&e| !(e == len && input.last() == Some(&b'\r'))).max();
            let mut scanner = Scanner::new(b',');
            let (mut at, mut last) = (0, None);
            while at < len {
                let piece = 1 + rnd(len - at);
                if let Some(c) = scanner.feed(&input[at..at + piece]) {
                    assert!(ends.contains(&(at + c)), "{input:?}: {} is no row end ({ends:?})", at + c);
                    last = Some(at + c);
                }
                at += piece;
            }
            assert_eq!(last, expected, "{:?}", String::from_utf8_lossy(&input));
        }
    }

    #[test]
    fn lines_split_in_place_read_as_the_parser_reads_them() {
        let mut x = 987u64;
        let mut rnd = |n: usize| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (x >> 33) as usize % n
        };
        let (mut rec, mut ends) = (Record::default(), Vec::new());
        let mut split_some = 0;
        // dense and sparse special bytes, lines shorter and longer than a word
        let alphabets: [&[u8]; 3] =
            [b"ab,;\"\n\r\n \xE0", b"abcdefgh0123456789,;\t\xE0\xB8\x81\n", b"abcdefghijklmnopqrstuvwxyz,,;;\t\"\r\n"];
        for i in 0..15000 {
            let alphabet = alphabets[i % 3];
            let d = [b',', b';', b'\t'][i / 3 % 3];
            let splitter = LineSplitter::new(d);
            let len = rnd(if i % 2 == 0 { 40 } else { 120 });
            let input: Vec<u8> = (0..len).map(|_| alphabet[rnd(alphabet.len())]).collect();
            let mut pos = 0;
            while pos < input.len() {
                let rest = &input[pos..];
                let used = parse_record(d, rest, &mut rec);
                if let Some((n, ascii)) = splitter.split(rest, 7, &mut ends) {
                    split_some += 1;
                    assert_eq!(n, used, "{input:?} at {pos}");
                    assert_eq!(ascii, rest[..n].is_ascii());
                    let mut start = 7;
                    let fields: Vec<&[u8]> = ends
                        .iter()
                        .map(|&e| {
                            let f = &rest[start - 7..e - 7];
                            start = e + 1;
                            f
                        })
                        .collect();
                    let mut s = 0;
                    let parsed: Vec<&[u8]> = rec
                        .ends
                        .iter()
                        .map(|&e| {
                            let f = &rec.bytes[s..e];
                            s = e;
                            f
                        })
                        .collect();
                    assert_eq!(fields, parsed, "{input:?} at {pos}");
                    assert!(!rec.unclosed_quote);
                } else {
                    assert!(rest[..used].contains(&b'"'));
                }
                pos += used.max(1);
            }
        }
        assert!(split_some > 10_000, "{split_some}");
    }

    #[test]
    fn sniffs_delimiters_outside_quotes() {
        assert_eq!(sniff(b"\"a,b,c,d\";x;y\n1;2;3\n"), b';');
        assert_eq!(sniff(b"a\tb\tc\n"), b'\t');
        assert_eq!(sniff(b"a,b\n"), b',');
        assert_eq!(sniff(b"title\n\na;b;c\n1;2;3\n"), b';');
        assert_eq!(sniff(b""), b',');
    }
}
