//! Where a problem of a CSV file is, so that its diagnostic shows the line: the file's first
//! bytes (up to the end of the line in question) and the byte range of a record, or of one
//! field of a record. Only the first MiB of a file is read; a problem further on is reported
//! without a snippet (its row is in the message).

use crate::diagnostics::Span;
use std::io::Read;
use std::path::Path;

/// How much of a file is read to show a problem.
const SHOWN_BYTES: u64 = 1 << 20;

/// A CSV file (not compressed) and its delimiter.
#[derive(Debug, Clone)]
pub(super) struct CsvFile<'a> {
    pub path: &'a Path,
    pub delimiter: char,
}

impl CsvFile<'_> {
    /// The header line.
    pub fn header(&self) -> Option<(String, Span)> {
        let text = self.read()?;
        let (start, end) = find(&text, self.delimiter, 0, None)?;
        Some(cut(text, start, end))
    }

    /// Field `field` (0-based) of data row `row` (1-based, after the header).
    pub fn field(&self, row: usize, field: usize) -> Option<(String, Span)> {
        let text = self.read()?;
        let (start, end) = find(&text, self.delimiter, row, Some(field))?;
        Some(cut(text, start, end))
    }

    fn read(&self) -> Option<String> {
        let mut bytes = Vec::new();
        std::fs::File::open(self.path)
            .and_then(|f| f.take(SHOWN_BYTES).read_to_end(&mut bytes))
            .ok()?;
        match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            // cut inside a character, or not UTF-8: keep the valid start
            Err(e) => {
                let n = e.utf8_error().valid_up_to();
                let mut bytes = e.into_bytes();
                bytes.truncate(n);
                String::from_utf8(bytes).ok()
            }
        }
    }
}

/// The text up to the end of the line where `end` is, and the span `start..end`.
fn cut(mut text: String, start: usize, end: usize) -> (String, Span) {
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
    text.truncate(line_end);
    (text, Span::new(start, end))
}

/// The byte range of record `record` (0 is the header), or of its field `field`, in CSV text
/// (RFC 4180: `"` quotes, `""` inside quotes; line ends `\n` or `\r\n`). `None` when the text
/// ends first (a record is complete only when its line end is read, or the text is the whole
/// file: shorter than the cap).
fn find(text: &str, delim: char, record: usize, field: Option<usize>) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    let delim = u8::try_from(delim).ok()?;
    let (mut rec, mut fld) = (0usize, 0usize);
    let (mut rec_start, mut fld_start) = (0usize, 0usize);
    let mut quoted = false;
    let mut i = 0;
    let hit = |rec: usize, fld: usize, is_end_of_record: bool| {
        rec == record && field.is_none_or(|f| f == fld) && (field.is_some() || is_end_of_record)
    };
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 2;
                    continue;
                }
                quoted = false;
            }
        } else if b == b'"' {
            quoted = true;
        } else if b == delim || b == b'\n' {
            let end = if b == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
                i - 1
            } else {
                i
            };
            let eor = b == b'\n';
            if hit(rec, fld, eor) {
                return Some((
                    if field.is_some() {
                        fld_start
                    } else {
                        rec_start
                    },
                    end,
                ));
            }
            if eor {
                if rec == record {
                    return None;
                }
                rec += 1;
                fld = 0;
                rec_start = i + 1;
            } else {
                fld += 1;
            }
            fld_start = i + 1;
        }
        i += 1;
    }
    // the last record, without a line end, when the whole file was read
    let whole = (text.len() as u64) < SHOWN_BYTES;
    (whole && !quoted && fld_start < bytes.len() && hit(rec, fld, true)).then(|| {
        (
            if field.is_some() {
                fld_start
            } else {
                rec_start
            },
            bytes.len(),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_and_fields() {
        let text = "a,b\r\n1,\"x\n\"\"y\"\"\"\n2,z";
        let at = |r, f| find(text, ',', r, f).map(|(s, e)| &text[s..e]);
        assert_eq!(at(0, None), Some("a,b"));
        assert_eq!(at(0, Some(1)), Some("b"));
        assert_eq!(at(1, Some(0)), Some("1"));
        assert_eq!(at(1, Some(1)), Some("\"x\n\"\"y\"\"\""));
        assert_eq!(at(2, Some(1)), Some("z"));
        assert_eq!(at(2, None), Some("2,z"));
        assert_eq!(at(3, Some(0)), None);
        assert_eq!(at(1, Some(5)), None);
        assert_eq!(find("a;b\n", ';', 0, Some(1)), Some((2, 3)));
    }

    #[test]
    fn a_file_up_to_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(&path, "x|when\n1|soon\n2|later\n").unwrap();
        let csv = CsvFile {
            path: &path,
            delimiter: '|',
        };
        let (text, span) = csv.field(1, 1).unwrap();
        assert_eq!(text, "x|when\n1|soon\n");
        assert_eq!(&text[span.range()], "soon");
        let (text, span) = csv.header().unwrap();
        assert_eq!((text.as_str(), span), ("x|when\n", Span::new(0, 6)));
        let gone = CsvFile {
            path: &dir.path().join("gone.csv"),
            delimiter: ',',
        };
        assert_eq!(gone.field(1, 0), None);
    }
}
