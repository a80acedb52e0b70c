//! Test support: runs one collector against recorded AWS answers.
//!
//! A loopback HTTP server answers each request by its operation (the `X-Amz-Target`
//! header for JSON protocols, `Action=` for query, method and path for REST) with the
//! body in `shared/tests/fixtures/aws_answers/<service>/<Operation>.{json,xml}`. The
//! answers are AWS's documented shapes, not an emulator's, so a test over them shows how
//! a collector decodes what AWS really sends (see the fixtures' README for sources).

use super::call_plan::AttributePlan;
use super::{Collected, Context, Scope};
use crate::aws::{CallCounter, Clients, Limiter};
use crate::model::Resource;
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The account every replayed answer belongs to (AWS's documentation examples use it).
pub const ACCOUNT: &str = "111122223333";
pub const REGION: &str = "us-east-1";

/// A REST operation: its HTTP method and path, `{}` standing for any one segment, and
/// optionally `?key` for a query parameter the request must carry (S3's `?policy`).
pub type Route = (&'static str, &'static str, &'static str);

/// Answers that replace the recorded ones: operation -> (body, content type).
type Overrides = Arc<Mutex<HashMap<String, (String, &'static str)>>>;

/// A running replay server.
pub struct Replay {
    url: String,
    operations: Arc<Mutex<Vec<String>>>,
    overrides: Overrides,
}

impl Replay {
    /// Serves the recorded answers of `services` (looked up in this order); REST
    /// requests are named by `routes`.
    pub fn serve(services: &[&'static str], routes: &'static [Route]) -> Replay {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let url = format!("http://{}", listener.local_addr().expect("local address"));
        let operations = Arc::new(Mutex::new(Vec::new()));
        let overrides: Overrides = Arc::default();
        let (seen, replaced) = (operations.clone(), overrides.clone());
        let services = services.to_vec();
        std::thread::spawn(move || {
            for conn in listener.incoming().flatten() {
                let (seen, services, replaced) = (seen.clone(), services.clone(), replaced.clone());
                std::thread::spawn(move || answer(conn, &services, routes, &seen, &replaced));
            }
        });
        Replay {
            url,
            operations,
            overrides,
        }
    }

    /// Answers `operation` with `body` instead of its recorded answer (a damaged answer:
    /// a renamed wrapper, a missing element; or an error shape, sent with HTTP 400).
    pub fn answer_with(&self, operation: &str, body: &str) {
        let content_type = if body.trim_start().starts_with('<') {
            "text/xml"
        } else {
            "application/json"
        };
        self.overrides
            .lock()
            .unwrap()
            .insert(operation.to_string(), (body.to_string(), content_type));
    }

    /// The operations requested so far, in order.
    pub fn operations(&self) -> Vec<String> {
        self.operations.lock().unwrap().clone()
    }

    /// Clients whose every endpoint is this server.
    pub fn clients(&self) -> Clients {
        let config = aws_config::SdkConfig::builder()
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(
                    aws_credential_types::Credentials::new("AKIDTEST", "secret", None, None, "t"),
                ),
            )
            .region(aws_config::Region::new(REGION))
            .endpoint_url(&self.url)
            .retry_config(crate::aws::retry_config(1))
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        Clients {
            config,
            counter: CallCounter::default(),
            limiter: Limiter::new(4),
            endpoint_override: Some(self.url.clone()),
        }
    }

    /// Runs `collector` (through `collect::collect`) for a full scan of one account in
    /// `REGION`, every attribute planned, with clients pointed at this server.
    pub async fn collect(&self, collector: &str) -> Collected {
        let clients = self.clients();
        let plan = AttributePlan::everything();
        let regions = vec![REGION.to_string()];
        let global = super::spec(collector).is_some_and(|s| s.scope == Scope::Global);
        let ctx = context(&clients, &plan, &regions, global);
        super::collect(collector, &ctx)
            .await
            .unwrap_or_else(|e| panic!("collector {collector}: {e:#}"))
    }
}

/// The context of a full scan of `ACCOUNT` in `REGION` (or the global pseudo-region),
/// for tests that call a collector's helper directly.
pub fn context<'a>(
    clients: &'a Clients,
    plan: &'a AttributePlan,
    regions: &'a [String],
    global: bool,
) -> Context<'a> {
    Context {
        clients,
        account_id: ACCOUNT,
        region: if global {
            crate::model::GLOBAL_REGION
        } else {
            REGION
        },
        regions,
        home_region: REGION,
        scan_id: "replay",
        now: chrono::Utc::now(),
        only: None,
        resume_after: None,
        stop_at: None,
        plan,
        sink: None,
    }
}

/// One request read from `conn`: its method, path, headers (lower-case names) and body.
struct Request {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: String,
}

fn read_request(conn: &mut TcpStream) -> Option<Request> {
    let mut data = Vec::new();
    let mut buf = [0u8; 8192];
    let head_end = loop {
        let n = conn.read(&mut buf).ok().filter(|n| *n > 0)?;
        data.extend_from_slice(&buf[..n]);
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    while data.len() < head_end + length {
        let n = conn.read(&mut buf).ok().filter(|n| *n > 0)?;
        data.extend_from_slice(&buf[..n]);
    }
    let body = String::from_utf8_lossy(&data[head_end..]).to_string();
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// The operation a request calls, by the rules of its protocol.
fn operation(req: &Request, routes: &[Route]) -> String {
    if let Some((_, target)) = req.headers.iter().find(|(k, _)| k == "x-amz-target") {
        return target.rsplit('.').next().unwrap_or(target).to_string();
    }
    if let Some(action) = req
        .body
        .split('&')
        .find_map(|pair| pair.strip_prefix("Action="))
    {
        return action.to_string();
    }
    let (path, query) = req.path.split_once('?').unwrap_or((&req.path, ""));
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').collect();
    let has_key = |key: &str| {
        query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(key))
    };
    routes
        .iter()
        .find(|(method, pattern, _)| {
            let (pattern, key) = pattern.split_once('?').unwrap_or((pattern, ""));
            let wanted: Vec<&str> = pattern.trim_end_matches('/').split('/').collect();
            *method == req.method
                && (key.is_empty() || has_key(key))
                && wanted.len() == segments.len()
                && wanted
                    .iter()
                    .zip(&segments)
                    .all(|(w, s)| *w == "{}" || w == s)
        })
        .map(|(_, _, op)| op.to_string())
        .unwrap_or_else(|| format!("{} {path}", req.method))
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/aws_answers")
}

/// The recorded answer to `operation`: its body and content type.
fn recorded(services: &[&str], operation: &str) -> Option<(String, &'static str)> {
    services.iter().find_map(|service| {
        let dir = fixtures().join(service);
        let json = std::fs::read_to_string(dir.join(format!("{operation}.json")));
        let xml = std::fs::read_to_string(dir.join(format!("{operation}.xml")));
        json.map(|b| (b, "application/json"))
            .or_else(|_| xml.map(|b| (b, "text/xml")))
            .ok()
    })
}

/// Answers one request with its recorded answer, or HTTP 400 `NoRecordedAnswer` (in
/// both JSON and XML error shapes' place, by the request's protocol) when there is none.
fn answer(
    mut conn: TcpStream,
    services: &[&str],
    routes: &[Route],
    seen: &Mutex<Vec<String>>,
    overrides: &Mutex<HashMap<String, (String, &'static str)>>,
) {
    let Some(req) = read_request(&mut conn) else {
        return;
    };
    let op = operation(&req, routes);
    seen.lock().unwrap().push(op.clone());
    let replaced = overrides.lock().unwrap().get(&op).cloned();
    let (status, body, content_type) = match replaced.or_else(|| recorded(services, &op)) {
        // An error shape (XML `<Error>`, JSON `__type`) is answered as an error.
        Some((body, content_type)) if body.contains("<Error>") || body.contains("\"__type\"") => {
            ("400 Bad Request", body, content_type)
        }
        Some((body, content_type)) => ("200 OK", body, content_type),
        None if req.body.contains("Action=") => (
            "400 Bad Request",
            format!("<ErrorResponse><Error><Code>NoRecordedAnswer</Code><Message>no recorded answer for {op}</Message></Error></ErrorResponse>"),
            "text/xml",
        ),
        None => (
            "400 Bad Request",
            format!("{{\"__type\":\"NoRecordedAnswer\",\"message\":\"no recorded answer for {op}\"}}"),
            "application/json",
        ),
    };
    let _ = write!(
        conn,
        "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\nx-amzn-requestid: replay\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// The one resource of `resource_type`, with no collection failure anywhere.
pub fn only<'a>(collected: &'a Collected, resource_type: &str) -> &'a Resource {
    assert!(collected.failures.is_empty(), "{:?}", collected.failures);
    let found: Vec<&Resource> = collected
        .resources
        .iter()
        .filter(|r| r.resource_type == resource_type)
        .collect();
    assert_eq!(found.len(), 1, "{resource_type}: {:?}", collected.resources);
    let resource = found[0];
    assert_eq!(
        resource.attributes.get("errors"),
        None,
        "{}",
        resource.attributes
    );
    assert_eq!(resource.account_id, ACCOUNT);
    resource
}

/// The one collection failure of `resource_type`, which must name `operation`.
pub fn failure_naming(collected: &Collected, resource_type: &str, operation: &str) {
    let failures: Vec<_> = collected
        .failures
        .iter()
        .filter(|f| f.resource_type == resource_type)
        .collect();
    assert_eq!(failures.len(), 1, "{:?}", collected.failures);
    assert!(
        failures[0].reason.contains(operation),
        "{}",
        failures[0].reason
    );
    assert!(
        !collected
            .resources
            .iter()
            .any(|r| r.resource_type == resource_type),
        "a failed list builds no {resource_type}"
    );
}

/// The error recorded for `attribute`, which must name `operation`; the value is null.
pub fn unknown_naming(resource: &Resource, attribute: &str, operation: &str) {
    let a = &resource.attributes;
    assert_eq!(a[attribute], Value::Null, "{a}");
    assert!(
        a["errors"][attribute]
            .as_str()
            .is_some_and(|e| e.contains(operation)),
        "{attribute}: {a}"
    );
}

/// A query-protocol AccessDenied answer, for `Replay::answer_with`.
pub const ACCESS_DENIED_XML: &str = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error></ErrorResponse>";

/// The first resource of `resource_type` (failures elsewhere allowed).
pub fn first_of<'a>(collected: &'a Collected, resource_type: &str) -> &'a Resource {
    collected
        .resources
        .iter()
        .find(|r| r.resource_type == resource_type)
        .unwrap_or_else(|| panic!("no {resource_type}: {:?}", collected.failures))
}
