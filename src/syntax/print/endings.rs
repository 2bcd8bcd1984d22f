//! A file's line endings and byte-order mark. `fmt` formats the text with LF line breaks and
//! no BOM, then puts back the file's own, so a Windows checkout stays a Windows checkout.

/// What a file's text carries besides its report: a UTF-8 BOM, CRLF line breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Endings {
    pub bom: bool,
    /// The file's first line break is `\r\n` (a file without one counts as LF).
    pub crlf: bool,
}

impl Endings {
    /// The file's endings, and its text without the BOM and with every `\r\n` made `\n`.
    pub fn split(text: &str) -> (Endings, String) {
        let (bom, rest) = match text.strip_prefix('\u{feff}') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let crlf = rest.find('\n').is_some_and(|i| rest[..i].ends_with('\r'));
        (Endings { bom, crlf }, rest.replace("\r\n", "\n"))
    }

    /// LF text (such as the printer's) with these endings.
    pub fn restore(self, text: &str) -> String {
        let body = if self.crlf {
            text.replace('\n', "\r\n")
        } else {
            text.to_string()
        };
        if self.bom {
            format!("\u{feff}{body}")
        } else {
            body
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Endings;

    #[test]
    fn split_then_restore_gives_the_file_back() {
        for text in [
            "a\nb\n",
            "a\r\nb\r\n",
            "\u{feff}a\r\nb\r\n",
            "\u{feff}a\nb",
            "",
            "a",
        ] {
            let (e, plain) = Endings::split(text);
            assert!(
                !plain.contains('\r') && !plain.starts_with('\u{feff}'),
                "{text:?}"
            );
            assert_eq!(e.restore(&plain), text, "{text:?}");
        }
        assert_eq!(
            Endings::split("\u{feff}x\r\n").0,
            Endings {
                bom: true,
                crlf: true
            }
        );
        // The first line break decides; a stray CRLF in an LF file is not kept.
        assert_eq!(
            Endings::split("a\nb\r\n"),
            (Endings::default(), "a\nb\n".into())
        );
    }
}
