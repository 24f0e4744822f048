//! The merged cells of `.xlsx` sheets, found cheaply. They are written after a sheet's cells,
//! so calamine finds them by parsing the whole sheet again (as long as reading it); here each
//! sheet is inflated once and searched for `mergeCell` elements without parsing the XML.
//! Anything unusual (a missing part, an odd reference) gives `None`, and the caller asks
//! calamine instead.

use calamine::Dimensions;
use rustc_hash::FxHashMap;
use std::io::{Read, Seek};

/// The merged regions of every worksheet, by sheet name.
pub(crate) fn scan<R: Read + Seek>(reader: R) -> Option<FxHashMap<String, Vec<Dimensions>>> {
    let mut zip = zip::ZipArchive::new(reader).ok()?;
    let workbook = entry_text(&mut zip, "xl/workbook.xml")?;
    let rels = entry_text(&mut zip, "xl/_rels/workbook.xml.rels")?;
    let targets: FxHashMap<String, String> =
        elements(&rels, "Relationship").filter_map(|tag| Some((attr(tag, "Id")?, attr(tag, "Target")?))).collect();
    let mut out = FxHashMap::default();
    for tag in elements(&workbook, "sheet") {
        let name = attr(tag, "name")?;
        let id = attr_suffix(tag, ":id")?;
        let target = targets.get(&id)?;
        let path = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => format!("xl/{target}"),
        };
        let file = zip.by_name(&path).ok()?;
        out.insert(name, regions(file)?);
    }
    Some(out)
}

fn entry_text<R: Read + Seek>(zip: &mut zip::ZipArchive<R>, name: &str) -> Option<String> {
    let mut text = String::new();
    zip.by_name(name).ok()?.read_to_string(&mut text).ok()?;
    Some(text)
}

/// The opening tags of elements named `name` (any namespace prefix).
fn elements<'x>(xml: &'x str, name: &'x str) -> impl Iterator<Item = &'x str> + 'x {
    xml.split('<').filter_map(move |piece| {
        let tag = piece.split('>').next()?;
        let local = tag.split(|c: char| c.is_whitespace() || c == '/').next()?;
        let local = local.rsplit(':').next()?;
        (local == name).then_some(tag)
    })
}

/// An attribute's value (unescaped).
fn attr(tag: &str, name: &str) -> Option<String> {
    attrs(tag).find(|(k, _)| *k == name).map(|(_, v)| unescape(v))
}

/// The value of the attribute whose name ends with `suffix` (`r:id`, whatever the prefix).
fn attr_suffix(tag: &str, suffix: &str) -> Option<String> {
    attrs(tag).find(|(k, _)| k.ends_with(suffix)).map(|(_, v)| unescape(v))
}

fn attrs(tag: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut rest = tag.split_once(char::is_whitespace).map_or("", |(_, r)| r);
    std::iter::from_fn(move || {
        let (key, after) = rest.split_once('=')?;
        let after = after.trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let value_and_more = after.get(1..)?;
        let (value, more) = value_and_more.split_once(quote)?;
        rest = more;
        Some((key.trim(), value))
    })
}

fn unescape(value: &str) -> String {
    if !value.contains('&') {
        return value.to_owned();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(i) = rest.find('&') {
        out.push_str(rest.get(..i).unwrap_or(""));
        let after = rest.get(i..).unwrap_or("");
        let Some(end) = after.find(';') else {
            out.push_str(after);
            return out;
        };
        let entity = after.get(1..end).unwrap_or("");
        let c = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e => e
                .strip_prefix("#x")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| e.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => out.push(c),
            None => out.push_str(after.get(..=end).unwrap_or("")),
        }
        rest = after.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

/// The regions of the `mergeCell` elements of a sheet's XML, read as it inflates.
fn regions(mut sheet: impl Read) -> Option<Vec<Dimensions>> {
    const KEY: &[u8] = b"mergeCell ";
    let finder = memchr::memmem::Finder::new(KEY);
    let mut chunk = vec![0u8; 256 * 1024];
    let mut buf: Vec<u8> = Vec::with_capacity(chunk.len() + 4096);
    let mut out = Vec::new();
    loop {
        let n = sheet.read(&mut chunk).ok()?;
        buf.extend_from_slice(chunk.get(..n)?);
        let mut pos = 0usize;
        let done = loop {
            let Some(i) = finder.find(buf.get(pos..)?) else {
                // a key may straddle the end: keep its possible start
                break pos.max(buf.len().saturating_sub(KEY.len() - 1));
            };
            let at = pos + i;
            let Some(end) = buf.get(at..)?.iter().position(|&b| b == b'>') else {
                // the element goes on in the next piece
                break at;
            };
            let tag = std::str::from_utf8(buf.get(at..at + end)?).ok()?;
            out.push(reference(&attr(tag, "ref")?)?);
            pos = at + end + 1;
        };
        if n == 0 {
            return Some(out);
        }
        buf.drain(..done.min(buf.len()));
        if buf.len() > 64 * 1024 {
            // an element longer than 64 KiB: not what a spreadsheet writes
            return None;
        }
    }
}

/// A cell range `A5:C6` (or one cell `A5`) as 0-based (row, column) corners.
fn reference(text: &str) -> Option<Dimensions> {
    let (a, b) = text.split_once(':').unwrap_or((text, text));
    let (start, end) = (cell(a)?, cell(b)?);
    Some(Dimensions { start, end })
}

fn cell(text: &str) -> Option<(u32, u32)> {
    let text = text.trim().trim_start_matches('$');
    let split = text.find(|c: char| c.is_ascii_digit() || c == '$')?;
    let (letters, digits) = text.split_at(split);
    let mut col = 0u32;
    for c in letters.chars() {
        let v = u32::from(c.to_ascii_uppercase()).checked_sub(u32::from('A'))?;
        if v >= 26 {
            return None;
        }
        col = col.checked_mul(26)?.checked_add(v + 1)?;
    }
    let row: u32 = digits.trim_start_matches('$').parse().ok()?;
    Some((row.checked_sub(1)?, col.checked_sub(1)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_and_attributes() {
        assert_eq!(cell("A1"), Some((0, 0)));
        assert_eq!(cell("$AB$12"), Some((11, 27)));
        assert_eq!(cell("1A"), None);
        let d = reference("E16:E17").unwrap();
        assert_eq!((d.start, d.end), ((15, 4), (16, 4)));
        assert_eq!(attr(r#"sheet name="A &amp; B" sheetId="1" r:id="rId1""#, "name").as_deref(), Some("A & B"));
        assert_eq!(attr_suffix(r#"x:sheet name='S' r:id='rId7'"#, ":id").as_deref(), Some("rId7"));
        assert_eq!(unescape("&#3585;&#x0E01;&bogus;"), "กก&bogus;");
    }

    #[test]
    fn finds_merge_cells_across_buffer_edges() {
        let mut xml = String::from("<worksheet><sheetData>");
        for r in 1..20_000 {
            xml.push_str(&format!("<row r=\"{r}\"><c r=\"A{r}\"><v>{r}</v></c></row>"));
        }
        xml.push_str("</sheetData><mergeCells count=\"2\"><mergeCell ref=\"A1:C1\"/><x:mergeCell ref=\"B5:B6\"/></mergeCells></worksheet>");
        let found = regions(xml.as_bytes()).unwrap();
        assert_eq!(found.iter().map(|d| (d.start, d.end)).collect::<Vec<_>>(), [((0, 0), (0, 2)), ((4, 1), (5, 1))]);
    }
}
