//! Positions: byte offsets (what reportc's spans hold) <-> LSP positions (a line and a
//! character offset counted in the negotiated encoding: UTF-16 code units by default, UTF-8
//! bytes or UTF-32 code points when the client asks for them). Lines end at `\n`; a `\r`
//! before it is not part of the line. Every conversion clamps: a position past the end of its
//! line is the end of the line, a line past the end of the text is the end of the text, and a
//! position inside a character (half of a surrogate pair) is the start of that character.

use lsp_types::{Position, PositionEncodingKind, Range};

/// How the `character` of a position counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use given the client's preferences (`general.positionEncodings`, in
    /// order of preference): UTF-8 when offered (our offsets are bytes: no counting), else
    /// UTF-16, which every client and server must support.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, c: char) -> usize {
        match self {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }
}

/// A text with the byte offset of each line start.
#[derive(Debug, Clone)]
pub struct Text {
    pub text: String,
    starts: Vec<usize>,
}

impl Text {
    pub fn new(text: String) -> Text {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Text { text, starts }
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize, enc: Encoding) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let start = self.starts[line];
        let character: usize = self.text[start..offset].chars().map(|c| enc.width(c)).sum();
        Position::new(clamp_u32(line), clamp_u32(character))
    }

    pub fn range(&self, start: usize, end: usize, enc: Encoding) -> Range {
        Range::new(self.position(start, enc), self.position(end, enc))
    }

    /// The byte offset of an LSP position (clamped, see the module doc).
    pub fn offset(&self, pos: Position, enc: Encoding) -> usize {
        let Some(&start) = self.starts.get(pos.line as usize) else {
            return self.text.len();
        };
        let end = self.line_end(start);
        let target = pos.character as usize;
        let mut units = 0;
        for (i, c) in self.text[start..end].char_indices() {
            if units >= target {
                return start + i;
            }
            units += enc.width(c);
            if units > target {
                return start + i;
            }
        }
        end
    }

    /// The byte offset where the line starting at `start` ends (before `\r\n` or `\n`).
    fn line_end(&self, start: usize) -> usize {
        let rest = &self.text[start..];
        let end = start + rest.find('\n').unwrap_or(rest.len());
        if end > start && self.text.as_bytes()[end - 1] == b'\r' {
            end - 1
        } else {
            end
        }
    }

    /// The range of the whole text.
    pub fn full_range(&self, enc: Encoding) -> Range {
        self.range(0, self.text.len(), enc)
    }

    /// Apply one `textDocument/didChange` edit: `range` replaced by `new_text`, or the whole
    /// text when `range` is `None`.
    pub fn apply(&mut self, range: Option<Range>, new_text: &str, enc: Encoding) {
        let text = match range {
            None => new_text.to_string(),
            Some(r) => {
                let a = self.offset(r.start, enc);
                let b = self.offset(r.end, enc);
                let (a, b) = (a.min(b), a.max(b));
                let mut t = String::with_capacity(self.text.len() + new_text.len());
                t.push_str(&self.text[..a]);
                t.push_str(new_text);
                t.push_str(&self.text[b..]);
                t
            }
        };
        *self = Text::new(text);
    }
}

fn clamp_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINE: &str = "- ok: x\n  - 'é😀中' = wait_tme\nend\r\nlast";

    fn at(t: &Text, needle: &str) -> usize {
        t.text.find(needle).unwrap()
    }

    #[test]
    fn utf16_counts_code_units() {
        let t = Text::new(LINE.to_string());
        let typo = at(&t, "wait_tme");
        // `  - '` 5, é 1, 😀 2 (a surrogate pair), 中 1, `' = ` 4
        assert_eq!(t.position(typo, Encoding::Utf16), Position::new(1, 13));
        assert_eq!(t.position(typo, Encoding::Utf32), Position::new(1, 12));
        // bytes: é 2, 😀 4, 中 3
        assert_eq!(t.position(typo, Encoding::Utf8), Position::new(1, 18));
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            assert_eq!(t.offset(t.position(typo, enc), enc), typo);
        }
    }

    #[test]
    fn every_char_boundary_round_trips() {
        let t = Text::new(LINE.to_string());
        for enc in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            for (i, _) in t.text.char_indices() {
                if t.text[..i].ends_with('\r') {
                    continue; // the `\n` after a `\r` is the same LSP position as the `\r`
                }
                assert_eq!(t.offset(t.position(i, enc), enc), i, "{enc:?} at {i}");
            }
        }
    }

    #[test]
    fn positions_clamp() {
        let t = Text::new(LINE.to_string());
        let emoji = at(&t, "😀");
        // the middle of the surrogate pair is the start of the emoji
        assert_eq!(t.offset(Position::new(1, 7), Encoding::Utf16), emoji);
        // past the end of a line: its end, before `\r\n`
        assert_eq!(
            t.offset(Position::new(2, 99), Encoding::Utf16),
            at(&t, "\r")
        );
        // past the last line: the end of the text
        assert_eq!(
            t.offset(Position::new(99, 0), Encoding::Utf16),
            t.text.len()
        );
        // an offset inside a character, or past the end
        assert_eq!(t.position(emoji + 1, Encoding::Utf16), Position::new(1, 6));
        assert_eq!(t.position(10_000, Encoding::Utf16), Position::new(3, 4));
        assert_eq!(
            Text::new(String::new()).position(5, Encoding::Utf16),
            Position::new(0, 0)
        );
    }

    #[test]
    fn incremental_edits() {
        let mut t = Text::new("a: 'é😀'\nb\n".to_string());
        // replace the emoji (UTF-16 columns 5..7) by `x`
        t.apply(
            Some(Range::new(Position::new(0, 5), Position::new(0, 7))),
            "x",
            Encoding::Utf16,
        );
        assert_eq!(t.text, "a: 'éx'\nb\n");
        // insert a line at the end, then replace everything
        t.apply(
            Some(Range::new(Position::new(2, 0), Position::new(2, 0))),
            "c\n",
            Encoding::Utf16,
        );
        assert_eq!(t.text, "a: 'éx'\nb\nc\n");
        assert_eq!(
            t.position(t.text.len(), Encoding::Utf16),
            Position::new(3, 0)
        );
        // a reversed range is read in order
        t.apply(
            Some(Range::new(Position::new(1, 1), Position::new(1, 0))),
            "B",
            Encoding::Utf16,
        );
        assert_eq!(t.text, "a: 'éx'\nB\nc\n");
        t.apply(None, "new", Encoding::Utf16);
        assert_eq!(t.text, "new");
    }

    #[test]
    fn negotiation_prefers_utf8() {
        use PositionEncodingKind as K;
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[K::UTF16])), Encoding::Utf16);
        assert_eq!(
            Encoding::negotiate(Some(&[K::UTF16, K::UTF8])),
            Encoding::Utf8
        );
        assert_eq!(Encoding::negotiate(Some(&[K::UTF32])), Encoding::Utf16);
    }
}
