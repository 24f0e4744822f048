//! Telling what a file is from its first bytes, and turning a record's bytes into text.
//!
//! A CSV file without a byte-order mark is read record by record: a record that is valid UTF-8
//! is UTF-8, any other is Windows-874 / TIS-620 (Thai text in Windows-874 is never valid
//! UTF-8). Before the first non-ASCII record both read the same, so the file's encoding is
//! decided there, in a single pass, without holding the file.

use super::csv::Record;
use std::io::Read;

/// What the first bytes of a file say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A ZIP container (`.xlsx`, `.ods`, …).
    Zip,
    /// An OLE compound file (`.xls`).
    Ole,
    /// Text: the byte-order mark's length and what it says.
    Text { bom: usize, utf16: Option<Utf16> },
    /// Not text: NUL bytes or many control characters.
    Binary,
}

/// A UTF-16 byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Utf16 {
    /// Little-endian (Excel's "Unicode text").
    Le,
    /// Big-endian.
    Be,
}

/// Looks at the first bytes of a file (up to 64 KiB are enough).
pub(crate) fn sniff(head: &[u8]) -> Sniffed {
    if head.starts_with(b"PK\x03\x04") {
        return Sniffed::Zip;
    }
    if head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        return Sniffed::Ole;
    }
    if head.starts_with(b"\xEF\xBB\xBF") {
        return Sniffed::Text { bom: 3, utf16: None };
    }
    if head.starts_with(b"\xFF\xFE") {
        return Sniffed::Text { bom: 2, utf16: Some(Utf16::Le) };
    }
    if head.starts_with(b"\xFE\xFF") {
        return Sniffed::Text { bom: 2, utf16: Some(Utf16::Be) };
    }
    let head = head.get(..head.len().min(64 * 1024)).unwrap_or_default();
    let controls = head.iter().filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)).count();
    if head.contains(&0) || controls * 100 > head.len().max(1) {
        return Sniffed::Binary;
    }
    Sniffed::Text { bom: 0, utf16: None }
}

/// How one record's bytes read as text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordText {
    /// Only ASCII: the same in UTF-8 and Windows-874.
    Ascii,
    /// UTF-8 with non-ASCII characters.
    Utf8,
    /// Windows-874 / TIS-620.
    Windows874,
    /// Neither: bytes no Thai encoding has.
    Invalid,
}

/// A record's fields as text, borrowed from the record, from a decoding buffer, or straight
/// from a chunk of the file.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields<'r> {
    text: &'r str,
    /// Where the first field starts in `text`.
    start: usize,
    ends: &'r [usize],
    /// Bytes between one field's end and the next one's start (1: a delimiter in the file's
    /// own text; 0: fields one after the other).
    gap: usize,
}

impl<'r> Fields<'r> {
    /// Fields already text (a row of a workbook): the first starts at `start` in `text`,
    /// `ends` are where each ends.
    #[cfg(feature = "xlsx")]
    pub(crate) fn new(text: &'r str, start: usize, ends: &'r [usize]) -> Fields<'r> {
        Fields { text, start, ends, gap: 0 }
    }

    /// The fields of a line of a CSV text read in place: the first starts at `start` in `text`,
    /// `ends` are where each ends, and a one-byte delimiter follows each but the last.
    pub(crate) fn delimited(text: &'r str, start: usize, ends: &'r [usize]) -> Fields<'r> {
        Fields { text, start, ends, gap: 1 }
    }

    /// The number of fields.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Field `i`, if there is one.
    pub(crate) fn get(&self, i: usize) -> Option<&'r str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { self.start } else { *self.ends.get(i - 1)? + self.gap };
        self.text.get(start..end)
    }

    /// Every field.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &'r str> + '_ {
        (0..self.len()).map(|i| self.get(i).unwrap_or(""))
    }

    /// The bytes from the first field's start to the last one's end (no cell is longer).
    pub(crate) fn span(&self) -> usize {
        self.ends.last().map_or(0, |&end| end.saturating_sub(self.start))
    }

    /// Whether every field is blank.
    pub(crate) fn is_blank(&self) -> bool {
        self.iter().all(|f| crate::text::trim(f).is_empty())
    }
}

/// Reads a record's fields as text: UTF-8 when they are, else Windows-874 decoded into `buf`.
pub(crate) fn decode<'r>(rec: &'r Record, buf: &'r mut String, ends: &'r mut Vec<usize>) -> (Fields<'r>, RecordText) {
    if let Ok(text) = std::str::from_utf8(&rec.bytes)
        && rec.ends.iter().all(|&e| text.is_char_boundary(e))
    {
        let kind = if text.is_ascii() { RecordText::Ascii } else { RecordText::Utf8 };
        return (Fields { text, start: 0, ends: &rec.ends, gap: 0 }, kind);
    }
    buf.clear();
    ends.clear();
    let mut bad = false;
    let mut start = 0usize;
    for &end in &rec.ends {
        let field = rec.bytes.get(start..end).unwrap_or_default();
        let (text, had_errors) = encoding_rs::WINDOWS_874.decode_without_bom_handling(field);
        bad |= had_errors;
        buf.push_str(&text);
        ends.push(buf.len());
        start = end;
    }
    let kind = if bad { RecordText::Invalid } else { RecordText::Windows874 };
    (Fields { text: buf.as_str(), start: 0, ends: ends.as_slice(), gap: 0 }, kind)
}

/// A reader that turns UTF-16 into UTF-8 as it goes.
pub(crate) struct Utf16Reader<R> {
    inner: R,
    decoder: encoding_rs::Decoder,
    raw: Vec<u8>,
    raw_len: usize,
    out: Vec<u8>,
    out_pos: usize,
    eof: bool,
}

impl<R: Read> Utf16Reader<R> {
    /// Decodes `inner` (its byte-order mark already taken off).
    pub(crate) fn new(inner: R, order: Utf16) -> Utf16Reader<R> {
        let encoding = match order {
            Utf16::Le => encoding_rs::UTF_16LE,
            Utf16::Be => encoding_rs::UTF_16BE,
        };
        Utf16Reader {
            inner,
            decoder: encoding.new_decoder_without_bom_handling(),
            raw: vec![0; 64 * 1024],
            raw_len: 0,
            out: Vec::with_capacity(200 * 1024),
            out_pos: 0,
            eof: false,
        }
    }
}

impl<R: Read> Read for Utf16Reader<R> {
    fn read(&mut self, dst: &mut [u8]) -> std::io::Result<usize> {
        while self.out_pos >= self.out.len() {
            if self.eof {
                return Ok(0);
            }
            let n = self.inner.read(self.raw.get_mut(self.raw_len..).unwrap_or_default())?;
            self.raw_len += n;
            let last = n == 0;
            self.eof = last;
            self.out.clear();
            self.out_pos = 0;
            let input = self.raw.get(..self.raw_len).unwrap_or_default();
            let max = self.decoder.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
            self.out.resize(max, 0);
            let (_, read, written, errors) = self.decoder.decode_to_utf8(input, &mut self.out, last);
            if errors {
                return Err(std::io::Error::new(std::io::ErrorKind::InvalidData, "it is not valid UTF-16"));
            }
            self.out.truncate(written);
            self.raw.copy_within(read..self.raw_len, 0);
            self.raw_len -= read;
        }
        let src = self.out.get(self.out_pos..).unwrap_or_default();
        let n = src.len().min(dst.len());
        if let (Some(d), Some(s)) = (dst.get_mut(..n), src.get(..n)) {
            d.copy_from_slice(s);
        }
        self.out_pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_read_as_utf8_or_windows_874() {
        let mut rec = Record::default();
        super::super::csv::parse_record(b',', "กล้า,ใจดี\n".as_bytes(), &mut rec);
        let (mut buf, mut ends) = (String::new(), Vec::new());
        let (f, kind) = decode(&rec, &mut buf, &mut ends);
        assert_eq!((f.get(0), f.get(1), kind), (Some("กล้า"), Some("ใจดี"), RecordText::Utf8));
        let (bytes, _, _) = encoding_rs::WINDOWS_874.encode("กล้า,ใจดี\n");
        super::super::csv::parse_record(b',', &bytes, &mut rec);
        let (mut buf, mut ends) = (String::new(), Vec::new());
        let (f, kind) = decode(&rec, &mut buf, &mut ends);
        assert_eq!((f.get(0), f.get(1), kind), (Some("กล้า"), Some("ใจดี"), RecordText::Windows874));
    }

    #[test]
    fn utf16_reads_as_utf8() {
        let text = "ชื่อ,นามสกุล\nกล้า,ใจดี\n";
        let bytes: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let mut out = String::new();
        // a tiny inner buffer would split code units: read through a one-byte-at-a-time reader
        struct Slow<'a>(&'a [u8]);
        impl Read for Slow<'_> {
            fn read(&mut self, dst: &mut [u8]) -> std::io::Result<usize> {
                let Some((&b, rest)) = self.0.split_first() else { return Ok(0) };
                if let Some(d) = dst.first_mut() {
                    *d = b;
                    self.0 = rest;
                    return Ok(1);
                }
                Ok(0)
            }
        }
        Utf16Reader::new(Slow(&bytes), Utf16::Le).read_to_string(&mut out).unwrap();
        assert_eq!(out, text);
        assert_eq!(sniff(b"\xFF\xFEa\0"), Sniffed::Text { bom: 2, utf16: Some(Utf16::Le) });
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), Sniffed::Binary);
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
    }
}
