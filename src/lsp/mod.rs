//! `reportc lsp`: a language server over stdio for YAML and DSL reports.
//!
//! | job | module |
//! |---|---|
//! | framing, malformed input | [`transport`] |
//! | the main loop: handshake, documents, dispatch | [`server`] |
//! | positions (UTF-8/16/32 <-> bytes), edits | [`text`] |
//! | the catalogue, its file and id spans | [`catalog`] |
//! | what is at the cursor (section, tokens) | [`cursor`] |
//! | what a word stands for | [`lookup`] |
//! | completion / hover and definition | [`completion`] / [`hover`] |
//! | diagnostics and formatting | [`convert`] |
//! | Markdown for sources, columns, values, codes | [`docs`] |
//! | functions, units, ranges, operators | [`vocab`] |
//!
//! The loop is synchronous: one message at a time, each answered from the current text
//! (diagnostics on open and on every change, no debounce: checking a report takes well under a
//! millisecond).

pub mod catalog;
pub mod completion;
pub mod convert;
pub mod cursor;
pub mod docs;
pub mod hover;
pub mod lookup;
pub mod server;
pub mod text;
pub mod transport;
pub mod vocab;

use std::path::PathBuf;

/// How the server was started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// `--catalog FILE`: check against this catalogue instead of the built-in one.
    pub catalog: Option<PathBuf>,
}

/// Serve on stdin/stdout until the client says `exit` or closes the input. `Ok(true)` when
/// the client shut the server down properly (`shutdown` then `exit`).
pub fn serve(options: Options) -> Result<bool, String> {
    let input = std::io::BufReader::new(std::io::stdin());
    let t = transport::Transport::start(input, std::io::stdout())
        .map_err(|e| format!("cannot start the language server: {e}"))?;
    let clean = server::Server::new(options, t.outgoing.clone()).run(&t.incoming);
    t.finish();
    Ok(clean)
}
