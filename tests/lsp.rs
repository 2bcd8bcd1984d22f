//! `reportc lsp` end to end: the built binary is driven over stdio as an editor drives it
//! (JSON-RPC with `Content-Length` framing): initialize, open a report, read the diagnostics,
//! ask for completions, hovers, definitions and formatting, shut down. Every wait has a timeout,
//! so a server that hangs fails the test instead of blocking CI.

use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A minimal editor: writes framed messages to the server, reads its replies on a thread.
struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    rx: mpsc::Receiver<Value>,
    /// Messages read while waiting for something else.
    queue: VecDeque<Value>,
    next_id: i64,
}

impl Client {
    fn start(args: &[&str], cache: &Path) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_reportc"))
            .arg("lsp")
            .args(args)
            .current_dir(ROOT)
            .env("XDG_CACHE_HOME", cache)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start reportc lsp");
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut len = None;
                loop {
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    let line = line.trim_end();
                    if line.is_empty() {
                        break;
                    }
                    if let Some(v) = line.strip_prefix("Content-Length: ") {
                        len = v.parse::<usize>().ok();
                    }
                }
                let mut body = vec![0; len.expect("a Content-Length header")];
                if r.read_exact(&mut body).is_err() {
                    return;
                }
                let v: Value = serde_json::from_slice(&body).expect("the server writes JSON");
                if tx.send(v).is_err() {
                    return;
                }
            }
        });
        Client {
            stdin: child.stdin.take(),
            child,
            rx,
            queue: VecDeque::new(),
            next_id: 0,
        }
    }

    fn write_raw(&mut self, body: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin open");
        write!(stdin, "Content-Length: {}\r\n\r\n", body.len()).unwrap();
        stdin.write_all(body).unwrap();
        stdin.flush().unwrap();
    }

    fn send(&mut self, v: Value) {
        self.write_raw(v.to_string().as_bytes());
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (the whole message: `result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("the response to `{method}`"), |m| m["id"] == id)
    }

    /// `result` of a request that must succeed.
    fn request(&mut self, method: &str, params: Value) -> Value {
        let r = self.call(method, params);
        assert!(r.get("error").is_none(), "{method} failed: {r}");
        r["result"].clone()
    }

    /// The first message (queued or new) that matches.
    fn wait(&mut self, what: &str, pred: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.queue.iter().position(&pred) {
            return self.queue.remove(i).unwrap();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.rx.recv_timeout(left) {
                Ok(m) if pred(&m) => return m,
                Ok(m) => self.queue.push_back(m),
                Err(_) => panic!("timed out waiting for {what}; got {:?}", self.queue),
            }
        }
    }

    fn diagnostics(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let m = self.wait("diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["version"] == version
        });
        m["params"]["diagnostics"].as_array().unwrap().clone()
    }

    fn initialize(&mut self, capabilities: Value) -> Value {
        let r = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        );
        self.notify("initialized", json!({}));
        r
    }

    /// Close stdin after `exit` and wait for the process; its exit code.
    fn finish(mut self) -> i32 {
        drop(self.stdin.take());
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code().unwrap_or(-1);
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                panic!("the server did not exit");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pos(line: usize, character: usize) -> Value {
    json!({"line": line, "character": character})
}

fn at(uri: &str, line: usize, character: usize) -> Value {
    json!({"textDocument": {"uri": uri}, "position": pos(line, character)})
}

fn labels(result: &Value) -> Vec<String> {
    let items = result
        .as_array()
        .or_else(|| result["items"].as_array())
        .expect("completion items");
    items
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_string())
        .collect()
}

/// The (line, UTF-16 column) of the first `needle` in `text`.
fn utf16(text: &str, needle: &str) -> (usize, usize) {
    let i = text.find(needle).expect(needle);
    let line = text[..i].matches('\n').count();
    let line_start = text[..i].rfind('\n').map_or(0, |n| n + 1);
    (line, text[line_start..i].encode_utf16().count())
}

const REPORT: &str = "# yaml-language-server: $schema=../docs/report.schema.json
title: Attente moyenne — été 😀
source: incoming_message_distributions
columns:
  - queue
  - avg_wait: avg(wait_time)
filters:
  - queue = 'Ventes é😀中' or wait_tme > 90s
";

#[test]
fn an_editor_session_on_a_yaml_report() {
    let cache = tempfile::tempdir().unwrap();
    let mut c = Client::start(&[], cache.path());
    let init = c.initialize(json!({}));
    let caps = &init["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16", "{init}");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental sync");
    for cap in ["completionProvider", "hoverProvider", "definitionProvider"] {
        assert!(!caps[cap].is_null(), "no {cap}: {init}");
    }
    assert_eq!(caps["documentFormattingProvider"], true);

    let uri = "file:///work/reports/attente.yaml";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": REPORT}}),
    );

    // the typo, located in UTF-16 code units after `é`, `😀` (two units) and `中`
    let diags = c.diagnostics(uri, 1);
    assert_eq!(diags.len(), 1, "{diags:?}");
    let d = &diags[0];
    let (line, col) = utf16(REPORT, "wait_tme");
    let typo_line = REPORT.lines().nth(line).unwrap();
    let bytes = typo_line.find("wait_tme").unwrap();
    let chars = typo_line[..bytes].chars().count();
    assert!(
        col != bytes && col != chars,
        "the line must tell the encodings apart"
    );
    assert_eq!(d["range"]["start"], pos(line, col), "{d}");
    assert_eq!(d["range"]["end"], pos(line, col + "wait_tme".len()), "{d}");
    assert_eq!(d["code"], "E0201");
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "reportc");
    assert!(
        d["message"]
            .as_str()
            .unwrap()
            .contains("did you mean `wait_time`?"),
        "{d}"
    );

    // hover on the diagnostic code's position gives the column's doc; on the typo, the code
    let h = c.request("textDocument/hover", at(uri, line, col + 2));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.contains("E0201") && text.contains("unknown column"),
        "{h}"
    );

    // completion at a column position: the source's columns, with type and meaning
    let (l, ch) = utf16(REPORT, "wait_time)");
    let items = c.request("textDocument/completion", at(uri, l, ch));
    let names = labels(&items);
    for col in ["queue", "wait_time", "messaging_type", "distribution_date"] {
        assert!(names.contains(&col.to_string()), "{col} not in {names:?}");
    }
    let list = items.as_array().unwrap();
    let wait = list.iter().find(|i| i["label"] == "wait_time").unwrap();
    assert!(
        wait["detail"].as_str().unwrap().contains("duration"),
        "{wait}"
    );
    assert!(!wait["documentation"]["value"].as_str().unwrap().is_empty());
    assert!(
        names.contains(&"count_distinct".to_string()),
        "functions too"
    );

    // type a new filter (an incremental change), then complete inside its quotes
    let end = REPORT.lines().count();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": pos(end, 0), "end": pos(end, 0)}, "text": "  - messaging_type = '"}
        ]}),
    );
    let diags = c.diagnostics(uri, 2);
    assert!(!diags.is_empty());
    let items = c.request("textDocument/completion", at(uri, end, 22));
    let names = labels(&items);
    for v in ["chat", "WhatsApp", "Telegram", "Messenger"] {
        assert!(names.contains(&v.to_string()), "{v} not in {names:?}");
    }
    let wa = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "WhatsApp")
        .unwrap();
    assert_eq!(
        wa["textEdit"]["newText"], "WhatsApp'",
        "closes the quote: {wa}"
    );
    assert_eq!(wa["textEdit"]["range"]["start"], pos(end, 22));

    // hover on a column: type, label, meaning
    let (l, ch) = utf16(REPORT, "queue\n");
    let h = c.request("textDocument/hover", at(uri, l, ch + 1));
    let text = h["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**queue**") && text.contains("`text`"),
        "{text}"
    );
    assert_eq!(h["range"]["start"], pos(l, ch));

    // go to definition: into the copy of the built-in catalogue in the cache folder
    let (l, ch) = utf16(REPORT, "wait_time)");
    let def = c.request("textDocument/definition", at(uri, l, ch + 1));
    let target = def["uri"].as_str().unwrap();
    assert!(target.ends_with("/messaging.yaml"), "{def}");
    let path = target.strip_prefix("file://").unwrap();
    assert!(
        path.starts_with(cache.path().canonicalize().unwrap().to_str().unwrap()),
        "{path}"
    );
    let catalog = std::fs::read_to_string(path).unwrap();
    assert_eq!(catalog, reportc::catalog::BUILTIN_TEXT);
    let line = catalog
        .lines()
        .nth(def["range"]["start"]["line"].as_u64().unwrap() as usize);
    let ch = def["range"]["start"]["character"].as_u64().unwrap() as usize;
    assert!(line.unwrap()[ch..].starts_with("wait_time:"), "{def}");

    // formatting refuses a report with errors, then formats it like `reportc fmt`
    assert_eq!(
        c.request(
            "textDocument/formatting",
            json!({
                "textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}
            })
        ),
        Value::Null
    );
    let fixed = REPORT
        .replace("wait_tme", "wait_time")
        .replace("columns:\n  - queue\n", "columns: [queue]\n");
    let fixed = fixed.replace("  - avg_wait: avg(wait_time)\n", "");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": fixed}]}),
    );
    assert_eq!(c.diagnostics(uri, 3), Vec::<Value>::new());
    let edits = c.request(
        "textDocument/formatting",
        json!({
            "textDocument": {"uri": uri}, "options": {"tabSize": 2, "insertSpaces": true}
        }),
    );
    let want = reportc::syntax::print::reprint(
        &fixed,
        reportc::InputFormat::Yaml,
        reportc::InputFormat::Yaml,
    )
    .unwrap();
    assert_ne!(want, fixed);
    assert_eq!(edits[0]["newText"], want.as_str(), "{edits}");
    assert_eq!(edits[0]["range"]["start"], pos(0, 0));

    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), 0, "exit after shutdown is a success");
}

const DSL: &str = "# Appels répondus — ligne « VIP » 😀
from calls
select day = started_at by day, line, calls = count()
where agent = 'Zoë 😀' and talk > 20m and lin = 'Sales'
  and line in ('Sales')
";

#[test]
fn a_dsl_report_on_a_user_catalogue_in_utf8() {
    let cache = tempfile::tempdir().unwrap();
    let mut c = Client::start(
        &["--catalog", "tests/fixtures/callcentre_catalog.yaml"],
        cache.path(),
    );
    let init = c.initialize(json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}));
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8", "{init}");

    let uri = "file:///work/calls.rpt";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "reportc", "version": 7, "text": DSL}}),
    );
    let diags = c.diagnostics(uri, 7);
    let d = diags
        .iter()
        .find(|d| d["code"] == "E0201")
        .expect("the typo `lin`");
    let line = DSL.lines().nth(3).unwrap();
    let bytes = line.find("lin =").unwrap();
    assert_eq!(
        d["range"]["start"],
        pos(3, bytes),
        "UTF-8 columns are bytes: {d}"
    );
    assert!(d["message"].as_str().unwrap().contains("`line`"), "{d}");

    // clauses at the start of a line, sources after `from`
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 8}, "contentChanges": [
            {"range": {"start": pos(5, 0), "end": pos(5, 0)}, "text": "gr"}
        ]}),
    );
    let names = labels(&c.request("textDocument/completion", at(uri, 5, 2)));
    assert!(names.contains(&"group by".to_string()), "{names:?}");
    assert!(
        !names.contains(&"from".to_string()),
        "from is there already: {names:?}"
    );
    let names = labels(&c.request("textDocument/completion", at(uri, 1, 5)));
    assert_eq!(names, ["calls"]);
    // enum values of the user catalogue, with their stored codes
    let (l, ch) = (4, DSL.lines().nth(4).unwrap().find("'Sales").unwrap() + 1);
    let items = c.request("textDocument/completion", at(uri, l, ch));
    let vip = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "VIP's line")
        .unwrap();
    // the value replaces the string's text (`Sales`), up to its closing quote
    assert_eq!(vip["textEdit"]["newText"], "VIP''s line", "{vip}");
    assert_eq!(vip["textEdit"]["range"]["start"], pos(l, ch), "{vip}");
    assert_eq!(
        vip["textEdit"]["range"]["end"],
        pos(l, ch + "Sales".len()),
        "{vip}"
    );
    assert!(vip["detail"].as_str().unwrap().contains("V'IP"), "{vip}");

    // definition of a column: into the --catalog file
    let select = DSL.lines().nth(2).unwrap();
    let def = c.request(
        "textDocument/definition",
        at(uri, 2, select.find(" line,").unwrap() + 2),
    );
    assert!(
        def["uri"]
            .as_str()
            .unwrap()
            .ends_with("/tests/fixtures/callcentre_catalog.yaml"),
        "{def}"
    );
    let catalog =
        std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/callcentre_catalog.yaml"))
            .unwrap();
    let l = catalog
        .lines()
        .nth(def["range"]["start"]["line"].as_u64().unwrap() as usize)
        .unwrap();
    assert_eq!(l.trim(), "line:", "{def}");

    // hover on a function
    let h = c.request(
        "textDocument/hover",
        at(uri, 2, select.find("count").unwrap()),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .unwrap()
            .contains("aggregate function"),
        "{h}"
    );

    // exit without shutdown: exit code 1
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), 1);
}

#[test]
fn malformed_and_early_messages_get_errors_and_the_server_goes_on() {
    let cache = tempfile::tempdir().unwrap();
    let mut c = Client::start(&[], cache.path());
    // not JSON, then not a JSON-RPC message
    c.write_raw(b"{oops");
    let r = c.wait("a parse error", |m| m["error"]["code"] == -32700);
    assert_eq!(r["id"], Value::Null);
    c.write_raw(b"[1, 2]");
    c.wait("an invalid request", |m| m["error"]["code"] == -32600);
    // a request before initialize
    let r = c.call("textDocument/hover", at("file:///x.yaml", 0, 0));
    assert_eq!(r["error"]["code"], -32002, "{r}");
    c.initialize(json!({}));
    // unknown method, bad params, unknown document, positions past the end
    assert_eq!(
        c.call("reportc/nothing", json!({}))["error"]["code"],
        -32601
    );
    assert_eq!(
        c.call("textDocument/hover", json!({}))["error"]["code"],
        -32602
    );
    assert_eq!(
        c.request("textDocument/hover", at("file:///nope.yaml", 3, 3)),
        Value::Null
    );
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": "file:///nope.yaml", "version": 2}, "contentChanges": [{"text": "x"}]}),
    );
    let uri = "file:///t.yaml";
    c.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": "source: sms\ncolumns: [é😀\n"}}),
    );
    let diags = c.diagnostics(uri, 1);
    assert!(!diags.is_empty());
    for (l, ch) in [(0, 999), (999, 0), (1, 11), (1, 12)] {
        c.request("textDocument/completion", at(uri, l, ch));
        c.request("textDocument/hover", at(uri, l, ch));
        c.request("textDocument/definition", at(uri, l, ch));
    }
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [
            {"range": {"start": pos(99, 99), "end": pos(0, 5)}, "text": "😀"}
        ]}),
    );
    c.diagnostics(uri, 2);
    assert_eq!(c.request("shutdown", Value::Null), Value::Null);
    assert_eq!(
        c.call("textDocument/hover", at(uri, 0, 0))["error"]["code"],
        -32600
    );
    c.notify("exit", Value::Null);
    assert_eq!(c.finish(), 0);
}
