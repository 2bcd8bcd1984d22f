//! The stdio transport: JSON-RPC messages framed by `Content-Length` headers, read on one
//! thread and written on another, handed to the main loop as `lsp_server::Message`s.
//!
//! Our own rather than `lsp_server::Connection::stdio`, whose reader ends the server on the
//! first malformed message and allocates whatever `Content-Length` says. Here:
//! - a body that is not JSON, or not a JSON-RPC message, gets a `ParseError` / `InvalidRequest`
//!   reply (`id: null`) and the server goes on;
//! - a malformed header line is skipped (the next `Content-Length` resynchronises);
//! - a body over [`MAX_MESSAGE_BYTES`] is read and dropped without being stored, with a line on
//!   stderr;
//! - end of input ends the reader, which ends the main loop.

use lsp_server::Message;
use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc;
use std::thread;

/// The largest message body accepted (a report is at most 1 MiB; JSON escaping grows it).
pub const MAX_MESSAGE_BYTES: usize = 32 << 20;

/// What the reader hands over.
pub enum Incoming {
    Message(Message),
    /// A body that could not be read as a message: the reply to send (`id: null`).
    Malformed(String),
}

/// The channels and threads of a running transport.
pub struct Transport {
    pub incoming: mpsc::Receiver<Incoming>,
    pub outgoing: mpsc::Sender<Outgoing>,
    writer: thread::JoinHandle<()>,
}

/// What the writer writes.
pub enum Outgoing {
    Message(Message),
    Raw(String),
}

impl Transport {
    /// Start reading `input` and writing `output` on two threads.
    pub fn start<R, W>(input: R, output: W) -> io::Result<Transport>
    where
        R: BufRead + Send + 'static,
        W: Write + Send + 'static,
    {
        let (in_tx, in_rx) = mpsc::channel();
        let (out_tx, out_rx) = mpsc::channel::<Outgoing>();
        thread::Builder::new()
            .name("reportc-lsp-reader".into())
            .spawn(move || read_loop(input, in_tx))?;
        let writer = thread::Builder::new()
            .name("reportc-lsp-writer".into())
            .spawn(move || {
                let mut output = output;
                for m in out_rx {
                    let ok = match m {
                        Outgoing::Message(m) => m.write(&mut output).is_ok(),
                        Outgoing::Raw(body) => write_frame(&mut output, &body).is_ok(),
                    };
                    if !ok {
                        break; // the client is gone
                    }
                }
            })?;
        Ok(Transport {
            incoming: in_rx,
            outgoing: out_tx,
            writer,
        })
    }

    /// Close the output and wait until everything queued is written.
    pub fn finish(self) {
        drop(self.outgoing);
        let _ = self.writer.join();
    }
}

fn write_frame(w: &mut impl Write, body: &str) -> io::Result<()> {
    write!(w, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    w.flush()
}

fn read_loop(mut input: impl BufRead, tx: mpsc::Sender<Incoming>) {
    loop {
        let incoming = match read_frame(&mut input) {
            Ok(Frame::Eof) | Err(_) => return,
            Ok(Frame::TooLarge(n)) => {
                // a closed stderr is ignored (`eprintln!` would panic)
                let _ = writeln!(
                    std::io::stderr(),
                    "reportc lsp: dropped a message of {n} bytes (over the cap)"
                );
                continue;
            }
            Ok(Frame::Body(body)) => parse_message(&body),
        };
        if tx.send(incoming).is_err() {
            return;
        }
    }
}

enum Frame {
    Body(Vec<u8>),
    TooLarge(usize),
    Eof,
}

/// Read headers up to the empty line, then the body. Header lines that are not `Name: value`
/// are skipped; a header block without `Content-Length` is skipped too.
fn read_frame(input: &mut impl BufRead) -> io::Result<Frame> {
    loop {
        let mut length = None;
        let mut line = String::new();
        loop {
            line.clear();
            // a header line is short: cap it so a stream without newlines cannot grow memory
            let n = input.by_ref().take(4096).read_line(&mut line);
            match n {
                Ok(0) => return Ok(Frame::Eof),
                Ok(_) => {}
                // not UTF-8: skip the line
                Err(e) if e.kind() == io::ErrorKind::InvalidData => continue,
                Err(e) => return Err(e),
            }
            let l = line.trim_end_matches(['\r', '\n']);
            if l.is_empty() {
                if length.is_some() {
                    break;
                }
                continue;
            }
            if let Some((name, value)) = l.split_once(':') {
                if name.trim().eq_ignore_ascii_case("content-length") {
                    length = value.trim().parse::<usize>().ok();
                }
            }
        }
        let Some(n) = length else { continue };
        if n > MAX_MESSAGE_BYTES {
            io::copy(&mut input.by_ref().take(n as u64), &mut io::sink())?;
            return Ok(Frame::TooLarge(n));
        }
        let mut body = vec![0; n];
        input.read_exact(&mut body)?;
        return Ok(Frame::Body(body));
    }
}

/// A body as a message, or the JSON-RPC error reply it deserves.
fn parse_message(body: &[u8]) -> Incoming {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => return Incoming::Malformed(error_reply(-32700, &format!("parse error: {e}"))),
    };
    match serde_json::from_value::<Message>(value) {
        Ok(m) => Incoming::Message(m),
        Err(e) => Incoming::Malformed(error_reply(
            -32600,
            &format!("not a JSON-RPC request, response or notification: {e}"),
        )),
    }
}

#[derive(serde::Serialize)]
struct ErrorReply<'a> {
    jsonrpc: &'static str,
    id: Option<u8>,
    error: ErrorBody<'a>,
}

#[derive(serde::Serialize)]
struct ErrorBody<'a> {
    code: i32,
    message: &'a str,
}

fn error_reply(code: i32, message: &str) -> String {
    serde_json::to_string(&ErrorReply {
        jsonrpc: "2.0",
        id: None,
        error: ErrorBody { code, message },
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(input: &[u8]) -> Vec<Result<String, String>> {
        let mut r = io::BufReader::new(input);
        let mut out = Vec::new();
        while let Ok(f) = read_frame(&mut r) {
            match f {
                Frame::Eof => break,
                Frame::TooLarge(n) => out.push(Err(format!("too large {n}"))),
                Frame::Body(b) => match parse_message(&b) {
                    Incoming::Message(m) => out.push(Ok(format!("{m:?}"))),
                    Incoming::Malformed(reply) => out.push(Err(reply)),
                },
            }
        }
        out
    }

    #[test]
    fn malformed_input_gets_replies_and_reading_goes_on() {
        let ok = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let mut input = Vec::new();
        input.extend_from_slice(b"garbage line\r\n\r\n");
        input.extend_from_slice(b"Content-Length: 5\r\n\r\n{oops");
        input.extend_from_slice(b"Content-Length: 9\r\n\r\n{\"a\": 1}\n");
        input.extend_from_slice(format!("Content-Length: {}\r\n\r\n{ok}", ok.len()).as_bytes());
        input.extend_from_slice(b"Content-Length: 99999999999\r\n\r\nshort");
        let got = frames(&input);
        assert_eq!(got.len(), 4, "{got:?}");
        assert!(got[0].as_ref().unwrap_err().contains("-32700"), "{got:?}");
        assert!(got[1].as_ref().unwrap_err().contains("-32600"), "{got:?}");
        assert!(got[2].as_ref().unwrap().contains("initialized"), "{got:?}");
        assert!(
            got[3].as_ref().unwrap_err().contains("too large"),
            "{got:?}"
        );
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .starts_with(r#"{"jsonrpc":"2.0","id":null,"error":{"code":-32700"#));
    }
}
