//! The main loop: the initialize/shutdown/exit life cycle, the open documents, and the dispatch
//! of requests and notifications. Requests before `initialize` get `ServerNotInitialized`,
//! requests after `shutdown` get `InvalidRequest`, unknown methods `MethodNotFound`, bad
//! parameters `InvalidParams`; a request for a document that is not open gets `null`. A panic
//! in a handler (a bug) becomes an `InternalError` reply instead of ending the server.

use super::catalog::{uri_to_path, CatalogState};
use super::text::{Encoding, Text};
use super::transport::{Incoming, Outgoing};
use super::{completion, convert, hover, Options};
use crate::diagnostics::{Code, Diagnostic, SourceFile, Span};
use crate::InputFormat;
use lsp_server::{ErrorCode, Message, Notification, Request, Response, ResponseError};
use lsp_types::notification::{
    DidChangeTextDocument, DidCloseTextDocument, DidOpenTextDocument, DidSaveTextDocument,
    Notification as _, PublishDiagnostics, ShowMessage,
};
use lsp_types::request::{
    Completion, Formatting, GotoDefinition, HoverRequest, Initialize, Request as _, Shutdown,
};
use lsp_types::*;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::io::Write as _;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Uninitialized,
    Running,
    ShutDown,
}

struct Document {
    uri: Uri,
    text: Text,
    format: InputFormat,
    version: i32,
    /// A catalogue file open in the editor: checked as a catalogue, not as a report.
    is_catalog: bool,
    /// The diagnostics last published, for hovers.
    diagnostics: Vec<Diagnostic>,
}

pub struct Server {
    out: Sender<Outgoing>,
    options: Options,
    phase: Phase,
    enc: Encoding,
    catalog: CatalogState,
    catalog_path: Option<PathBuf>,
    /// Why the catalogue could not be loaded; shown at the top of every report.
    catalog_problem: Option<Diagnostic>,
    docs: BTreeMap<String, Document>,
}

type Reply = Result<serde_json::Value, ResponseError>;

fn error(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

fn params<P: DeserializeOwned>(v: serde_json::Value) -> Result<P, ResponseError> {
    serde_json::from_value(v).map_err(|e| error(ErrorCode::InvalidParams, e.to_string()))
}

fn json<T: serde::Serialize>(v: T) -> Reply {
    serde_json::to_value(v).map_err(|e| error(ErrorCode::InternalError, e.to_string()))
}

impl Server {
    pub fn new(options: Options, out: Sender<Outgoing>) -> Server {
        Server {
            out,
            options,
            phase: Phase::Uninitialized,
            enc: Encoding::Utf16,
            catalog: CatalogState::empty(),
            catalog_path: None,
            catalog_problem: None,
            docs: BTreeMap::new(),
        }
    }

    /// Handle messages until `exit` (`true` when `shutdown` came first) or the end of input.
    pub fn run(mut self, incoming: &Receiver<Incoming>) -> bool {
        for m in incoming.iter() {
            match m {
                Incoming::Malformed(reply) => {
                    let _ = self.out.send(Outgoing::Raw(reply));
                }
                Incoming::Message(Message::Request(r)) => self.request(r),
                Incoming::Message(Message::Notification(n)) if n.method == "exit" => {
                    return self.phase == Phase::ShutDown;
                }
                Incoming::Message(Message::Notification(n)) => {
                    let method = n.method.clone();
                    if catch_unwind(AssertUnwindSafe(|| self.notification(n))).is_err() {
                        // a closed stderr is ignored (`eprintln!` would panic)
                        let _ = writeln!(
                            std::io::stderr(),
                            "reportc lsp: internal error while handling `{method}`"
                        );
                    }
                }
                Incoming::Message(Message::Response(_)) => {}
            }
        }
        false
    }

    fn send(&self, m: impl Into<Message>) {
        let _ = self.out.send(Outgoing::Message(m.into()));
    }

    fn notify<N: lsp_types::notification::Notification>(&self, params: N::Params) {
        self.send(Notification::new(N::METHOD.to_string(), params));
    }

    fn request(&mut self, req: Request) {
        let Request { id, method, params } = req;
        let initializing = method == Initialize::METHOD;
        let reply = catch_unwind(AssertUnwindSafe(|| self.dispatch(&method, params)))
            .unwrap_or_else(|_| {
                Err(error(
                    ErrorCode::InternalError,
                    format!("internal error while handling `{method}` (a bug in reportc)"),
                ))
            });
        let ok = reply.is_ok();
        self.send(Response {
            id,
            response_result: reply,
        });
        if initializing && ok {
            self.after_initialize();
        }
    }

    fn dispatch(&mut self, method: &str, p: serde_json::Value) -> Reply {
        match (self.phase, method) {
            (Phase::Uninitialized, Initialize::METHOD) => self.initialize(params(p)?),
            (Phase::Uninitialized, _) => Err(error(
                ErrorCode::ServerNotInitialized,
                "the server is not initialized yet",
            )),
            (Phase::ShutDown, _) => {
                Err(error(ErrorCode::InvalidRequest, "the server is shut down"))
            }
            (_, Initialize::METHOD) => Err(error(
                ErrorCode::InvalidRequest,
                "the server is already initialized",
            )),
            (_, Shutdown::METHOD) => {
                self.phase = Phase::ShutDown;
                Ok(serde_json::Value::Null)
            }
            (_, Completion::METHOD) => {
                let p: CompletionParams = params(p)?;
                let at = &p.text_document_position;
                json(
                    self.doc_at(&at.text_document.uri, at.position)
                        .map(|(d, offset)| {
                            CompletionResponse::Array(completion::complete(
                                &d.text,
                                d.format,
                                offset,
                                &self.catalog.catalog,
                                self.enc,
                            ))
                        }),
                )
            }
            (_, HoverRequest::METHOD) => {
                let p: HoverParams = params(p)?;
                let at = &p.text_document_position_params;
                json(
                    self.doc_at(&at.text_document.uri, at.position)
                        .and_then(|(d, offset)| {
                            hover::hover(
                                &d.text,
                                d.format,
                                offset,
                                &self.catalog,
                                &d.diagnostics,
                                self.enc,
                            )
                        }),
                )
            }
            (_, GotoDefinition::METHOD) => {
                let p: GotoDefinitionParams = params(p)?;
                let at = &p.text_document_position_params;
                json(
                    self.doc_at(&at.text_document.uri, at.position)
                        .and_then(|(d, offset)| {
                            hover::definition(
                                &d.text,
                                &d.uri,
                                d.format,
                                offset,
                                &self.catalog,
                                self.enc,
                            )
                            .map(GotoDefinitionResponse::Scalar)
                        }),
                )
            }
            (_, Formatting::METHOD) => {
                let p: DocumentFormattingParams = params(p)?;
                let doc = self.docs.get(p.text_document.uri.as_str());
                json(doc.and_then(|d| {
                    convert::format(&d.text, d.format, &self.catalog.catalog, self.enc)
                }))
            }
            (_, m) => Err(error(
                ErrorCode::MethodNotFound,
                format!("unknown method `{m}`"),
            )),
        }
    }

    /// An open report and the byte offset of a position in it.
    fn doc_at(&self, uri: &Uri, pos: Position) -> Option<(&Document, usize)> {
        let d = self.docs.get(uri.as_str()).filter(|d| !d.is_catalog)?;
        Some((d, d.text.offset(pos, self.enc)))
    }

    fn initialize(&mut self, p: InitializeParams) -> Reply {
        let offered = p
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        self.enc = Encoding::negotiate(offered);
        // The catalogue: `--catalog`, else the client's `initializationOptions.catalog`, else
        // the built-in one. (The project configuration file, when reportc has one, is read
        // here too, from the workspace root.)
        let from_client = p
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("catalog"))
            .and_then(|c| c.as_str())
            .map(PathBuf::from);
        self.catalog_path = self.options.catalog.clone().or(from_client);
        self.load_catalog();
        self.phase = Phase::Running;
        json(InitializeResult {
            capabilities: self.capabilities(),
            server_info: Some(ServerInfo {
                name: "reportc".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    fn capabilities(&self) -> ServerCapabilities {
        ServerCapabilities {
            position_encoding: Some(self.enc.kind()),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    save: Some(TextDocumentSyncSaveOptions::Supported(true)),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(vec!["'".to_string(), "\"".to_string()]),
                ..CompletionOptions::default()
            }),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            document_formatting_provider: Some(OneOf::Left(true)),
            ..ServerCapabilities::default()
        }
    }

    fn after_initialize(&self) {
        if let Some(d) = &self.catalog_problem {
            self.notify::<ShowMessage>(ShowMessageParams {
                typ: MessageType::ERROR,
                message: format!("reportc: {}", d.message),
            });
        }
    }

    fn load_catalog(&mut self) {
        self.catalog_problem = None;
        let Some(path) = self.catalog_path.clone() else {
            self.catalog = CatalogState::builtin();
            return;
        };
        match CatalogState::from_file(&path) {
            Ok(c) => self.catalog = c,
            Err((text, diags)) => {
                self.catalog = CatalogState::empty();
                let first = diags.first();
                let (line, _) =
                    SourceFile::new("", text).line_col(first.map_or(0, |d| d.span.start as usize));
                let why = first.map_or("it is empty".to_string(), |d| d.message.clone());
                let code = first.map_or(Code::Catalog, |d| d.code);
                self.catalog_problem = Some(
                    Diagnostic::error(
                        code,
                        Span::empty(),
                        format!("the catalogue `{}` cannot be used (line {line}: {why})", path.display()),
                    )
                    .with_help("fix the catalogue and save it; `reportc catalog --catalog FILE` lists its problems"),
                );
            }
        }
    }

    fn notification(&mut self, n: Notification) {
        if self.phase != Phase::Running {
            return;
        }
        match n.method.as_str() {
            DidOpenTextDocument::METHOD => {
                let Ok(p) = params::<DidOpenTextDocumentParams>(n.params) else {
                    return;
                };
                let d = p.text_document;
                let format = format_of(&d.uri, &d.language_id);
                let is_catalog = self.is_catalog(&d.uri, format, &d.text);
                let key = d.uri.as_str().to_string();
                self.docs.insert(
                    key.clone(),
                    Document {
                        uri: d.uri,
                        text: Text::new(d.text),
                        format,
                        version: d.version,
                        is_catalog,
                        diagnostics: Vec::new(),
                    },
                );
                self.publish(&key);
            }
            DidChangeTextDocument::METHOD => {
                let Ok(p) = params::<DidChangeTextDocumentParams>(n.params) else {
                    return;
                };
                let key = p.text_document.uri.as_str().to_string();
                let enc = self.enc;
                let Some(d) = self.docs.get_mut(&key) else {
                    return;
                };
                for c in p.content_changes {
                    d.text.apply(c.range, &c.text, enc);
                }
                d.version = p.text_document.version;
                self.publish(&key);
            }
            DidCloseTextDocument::METHOD => {
                let Ok(p) = params::<DidCloseTextDocumentParams>(n.params) else {
                    return;
                };
                if let Some(d) = self.docs.remove(p.text_document.uri.as_str()) {
                    self.notify::<PublishDiagnostics>(PublishDiagnosticsParams {
                        uri: d.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
            }
            DidSaveTextDocument::METHOD => {
                let Ok(p) = params::<DidSaveTextDocumentParams>(n.params) else {
                    return;
                };
                // saving the catalogue file reloads it and checks every report again
                if self.is_catalog_path(&p.text_document.uri) {
                    self.load_catalog();
                    let keys: Vec<String> = self.docs.keys().cloned().collect();
                    for k in keys {
                        self.publish(&k);
                    }
                }
            }
            _ => {}
        }
    }

    fn is_catalog_path(&self, uri: &Uri) -> bool {
        let canon = |p: PathBuf| std::fs::canonicalize(&p).unwrap_or(p);
        match (&self.catalog_path, uri_to_path(uri)) {
            (Some(c), Some(p)) => canon(c.clone()) == canon(p),
            _ => false,
        }
    }

    /// The catalogue file, the built-in catalogue's copy, or a YAML file that looks like a
    /// catalogue (a top-level `sources:` and no `columns:`).
    fn is_catalog(&self, uri: &Uri, format: InputFormat, text: &str) -> bool {
        let own_copy = self.catalog.file.as_ref().is_some_and(|(u, _)| u == uri);
        let looks = format == InputFormat::Yaml
            && text.lines().any(|l| l.starts_with("sources:"))
            && !text.lines().any(|l| l.starts_with("columns:"));
        own_copy || looks || self.is_catalog_path(uri)
    }

    fn publish(&mut self, key: &str) {
        let enc = self.enc;
        let Some(d) = self.docs.get(key) else { return };
        let diags = if d.is_catalog {
            crate::compile::load_catalog(&d.text.text).1.sorted()
        } else {
            let mut all: Vec<Diagnostic> = self.catalog_problem.iter().cloned().collect();
            all.extend(convert::check(
                &d.text,
                d.uri.as_str(),
                d.format,
                &self.catalog.catalog,
            ));
            all
        };
        let params = PublishDiagnosticsParams {
            uri: d.uri.clone(),
            diagnostics: diags
                .iter()
                .map(|x| convert::diagnostic(&d.text, &d.uri, x, enc))
                .collect(),
            version: Some(d.version),
        };
        self.notify::<PublishDiagnostics>(params);
        if let Some(d) = self.docs.get_mut(key) {
            d.diagnostics = diags;
        }
    }
}

/// A document's format: its extension, else its language id (`yaml`), else the DSL.
fn format_of(uri: &Uri, language_id: &str) -> InputFormat {
    let s = uri.as_str();
    let path = s.split(['?', '#']).next().unwrap_or(s);
    InputFormat::from_path(path).unwrap_or(if language_id.eq_ignore_ascii_case("yaml") {
        InputFormat::Yaml
    } else {
        InputFormat::Dsl
    })
}
