//! A fault-injecting HTTP proxy for the integration tests: it sits between the AWS SDK
//! (pointed at it with `--endpoint-url`) and moto_server, forwards every request, and on a
//! configured share of them answers for the service instead: throttling and server errors
//! in the shape the service's protocol uses, slow answers, reset connections, or bodies cut
//! short. It records every request (time, service, region, operation) and every fault, so
//! a test can assert what the scanner went through.
//!
//! Whether a request is faulted is a pure function of the seed and of the request itself
//! (service, region, method, path, body, and the SDK's attempt number), not of the order
//! in which concurrent requests arrive, so a seed reproduces the same faults on the same
//! calls from run to run.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// What the proxy does to a request it faults.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fault {
    /// The protocol's throttling error: `Throttling` (query), `RequestLimitExceeded`
    /// (EC2), `ThrottlingException` (JSON), `TooManyRequestsException` (REST-JSON, 429),
    /// `SlowDown` (S3, 503).
    Throttle,
    /// HTTP 503 `ServiceUnavailable` in the protocol's error shape.
    Unavailable,
    /// HTTP 500 `InternalFailure` in the protocol's error shape.
    ServerError,
    /// HTTP 403 `AccessDenied` (query/XML) or `AccessDeniedException` (JSON).
    AccessDenied,
    /// Forwarded, but answered only after this many milliseconds.
    Slow(u64),
    /// The connection is reset (RST) before any answer.
    Reset,
    /// The upstream answer, with its full Content-Length announced but only half the body
    /// sent before the connection closes.
    Truncate,
}

/// A rule: requests of this service (and operation, when given) are faulted at `rate`,
/// with a fault drawn evenly from `faults`.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The SigV4 signing name (`iam`, `ec2`, `kms`, `s3`, ...); `None` matches every service.
    pub service: Option<String>,
    /// The operation name (`ListKeys`) or, for REST services, `METHOD /path?query`
    /// (matched as a prefix); `None` matches every operation.
    pub operation: Option<String>,
    /// Share of matching requests to fault, 0.0 to 1.0.
    pub rate: f64,
    pub faults: Vec<Fault>,
    /// Only requests whose body holds this text (e.g. one role's ARN, URL-encoded as a
    /// query-protocol form sends it); `None` matches every body.
    pub body_contains: Option<String>,
}

impl Rule {
    pub fn any_service(rate: f64, faults: &[Fault]) -> Rule {
        Rule {
            service: None,
            operation: None,
            rate,
            faults: faults.to_vec(),
            body_contains: None,
        }
    }

    pub fn service(service: &str, rate: f64, faults: &[Fault]) -> Rule {
        Rule {
            service: Some(service.to_string()),
            ..Rule::any_service(rate, faults)
        }
    }

    fn matches(&self, req: &RequestInfo, body: &[u8]) -> bool {
        let holds = |text: &String| {
            let text = text.as_bytes();
            body.windows(text.len().max(1)).any(|w| w == text)
        };
        self.body_contains.as_ref().is_none_or(holds)
            && self.service.as_ref().is_none_or(|s| *s == req.service)
            && self
                .operation
                .as_ref()
                .is_none_or(|o| req.operation.starts_with(o.as_str()))
    }
}

/// One request as the proxy saw it.
#[derive(Debug, Clone)]
pub struct Seen {
    /// Since the proxy started.
    pub at: Duration,
    pub service: String,
    pub region: String,
    pub operation: String,
    pub fault: Option<Fault>,
    /// The `X-Amz-Security-Token` the request carried (temporary credentials).
    pub security_token: Option<String>,
}

/// A request and its answer, kept for operations named with `FaultProxy::capture`.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub operation: String,
    pub request_body: String,
    pub response_body: String,
}

#[derive(Debug, Clone, Default)]
pub struct ServiceStats {
    pub calls: u64,
    pub faults: u64,
}

struct State {
    rules: Vec<Rule>,
    seed: u64,
    started: Instant,
    seen: Vec<Seen>,
    /// How many times each identical request was seen, so a retry draws a fresh number.
    occurrences: HashMap<u64, u64>,
    capture: Vec<String>,
    captured: Vec<Exchange>,
}

/// The proxy, serving on a loopback port from its own thread until dropped.
pub struct FaultProxy {
    pub url: String,
    state: Arc<Mutex<State>>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (`http://host:port`) applying `rules` (the first rule
    /// matching a request decides), with faults drawn from `seed`.
    pub fn start(upstream: &str, rules: Vec<Rule>, seed: u64) -> FaultProxy {
        let upstream = upstream
            .strip_prefix("http://")
            .expect("the fault proxy forwards plain HTTP only")
            .trim_end_matches('/')
            .to_string();
        let state = Arc::new(Mutex::new(State {
            rules,
            seed,
            started: Instant::now(),
            seen: Vec::new(),
            occurrences: HashMap::new(),
            capture: Vec::new(),
            captured: Vec::new(),
        }));
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind the fault proxy");
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let (tx, mut rx) = tokio::sync::oneshot::channel::<()>();
        let st = state.clone();
        let thread = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("fault proxy runtime");
            rt.block_on(async move {
                let listener = TcpListener::from_std(listener).unwrap();
                loop {
                    tokio::select! {
                        _ = &mut rx => break,
                        accepted = listener.accept() => {
                            let Ok((conn, _)) = accepted else { continue };
                            let (st, upstream) = (st.clone(), upstream.clone());
                            tokio::spawn(async move {
                                let _ = serve(conn, st, upstream).await;
                            });
                        }
                    }
                }
            });
        });
        FaultProxy {
            url,
            state,
            shutdown: Some(tx),
            thread: Some(thread),
        }
    }

    /// Replaces the rules (between two scans through the same proxy).
    pub fn set_rules(&self, rules: Vec<Rule>) {
        self.state.lock().unwrap().rules = rules;
    }

    /// Keeps the request and response bodies of this operation (e.g. `AssumeRole`).
    pub fn capture(&self, operation: &str) {
        self.state
            .lock()
            .unwrap()
            .capture
            .push(operation.to_string());
    }

    pub fn captured(&self) -> Vec<Exchange> {
        self.state.lock().unwrap().captured.clone()
    }

    /// Every request seen so far, in arrival order.
    pub fn seen(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    pub fn clear(&self) {
        self.state.lock().unwrap().seen.clear();
    }

    /// Calls and faults per service.
    pub fn stats(&self) -> HashMap<String, ServiceStats> {
        let mut out: HashMap<String, ServiceStats> = HashMap::new();
        for s in self.seen() {
            let e = out.entry(s.service.clone()).or_default();
            e.calls += 1;
            e.faults += u64::from(s.fault.is_some());
        }
        out
    }

    pub fn total_calls(&self) -> u64 {
        self.state.lock().unwrap().seen.len() as u64
    }

    pub fn total_faults(&self) -> u64 {
        self.seen().iter().filter(|s| s.fault.is_some()).count() as u64
    }

    /// The most requests of one service and region that arrived within any `window`, per
    /// (service, region).
    pub fn peak_per_window(&self, window: Duration) -> HashMap<(String, String), usize> {
        let mut by_key: HashMap<(String, String), Vec<Duration>> = HashMap::new();
        for s in self.seen() {
            by_key
                .entry((s.service.clone(), s.region.clone()))
                .or_default()
                .push(s.at);
        }
        by_key
            .into_iter()
            .map(|(k, mut times)| {
                times.sort();
                let mut peak = 0;
                let mut start = 0;
                for end in 0..times.len() {
                    while times[end] - times[start] >= window {
                        start += 1;
                    }
                    peak = peak.max(end - start + 1);
                }
                (k, peak)
            })
            .collect()
    }

    /// Per (service, region): how many requests arrived, and the time from the first to
    /// the last.
    pub fn spans(&self) -> HashMap<(String, String), (usize, Duration)> {
        let mut out: HashMap<(String, String), (usize, Duration, Duration)> = HashMap::new();
        for s in self.seen() {
            let e = out
                .entry((s.service.clone(), s.region.clone()))
                .or_insert((0, s.at, s.at));
            e.0 += 1;
            e.1 = e.1.min(s.at);
            e.2 = e.2.max(s.at);
        }
        out.into_iter()
            .map(|(k, (n, first, last))| (k, (n, last - first)))
            .collect()
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A parsed HTTP/1.1 request.
struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the request is, for matching rules and shaping errors.
struct RequestInfo {
    service: String,
    region: String,
    operation: String,
    protocol: Protocol,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Protocol {
    /// awsQuery (IAM, STS, RDS, SNS, ...): form body with `Action=`, XML errors.
    Query,
    /// EC2's variant of the query protocol, with its own error document.
    Ec2,
    /// awsJson1_0 / awsJson1_1 (`X-Amz-Target`).
    Json,
    /// restJson1 (EFS, Access Analyzer, Security Hub, Macie, Account).
    RestJson,
    /// restXml (S3, S3 Control).
    RestXml,
    /// Smithy RPC v2 CBOR (CloudWatch).
    Cbor,
}

fn identify(req: &Request) -> RequestInfo {
    // Credential=AKID/20261124/us-east-1/kms/aws4_request
    let scope: Vec<&str> = req
        .header("authorization")
        .and_then(|a| a.split("Credential=").nth(1))
        .map(|c| {
            c.split([',', ' '])
                .next()
                .unwrap_or("")
                .split('/')
                .collect()
        })
        .unwrap_or_default();
    let (region, service) = if scope.len() >= 5 {
        (scope[2].to_string(), scope[3].to_string())
    } else {
        ("unknown".to_string(), "unknown".to_string())
    };
    let content_type = req.header("content-type").unwrap_or("");
    let form_action = if content_type.starts_with("application/x-www-form-urlencoded") {
        String::from_utf8_lossy(&req.body)
            .split('&')
            .find_map(|kv| kv.strip_prefix("Action="))
            .map(str::to_string)
    } else {
        None
    };
    let (operation, protocol) = if let Some(target) = req.header("x-amz-target") {
        (
            target.rsplit('.').next().unwrap_or(target).to_string(),
            Protocol::Json,
        )
    } else if req.header("smithy-protocol") == Some("rpc-v2-cbor") {
        // POST /service/<Service>/operation/<Operation>
        let op = req.target.rsplit('/').next().unwrap_or("").to_string();
        (op, Protocol::Cbor)
    } else if let Some(action) = form_action {
        let p = if service == "ec2" {
            Protocol::Ec2
        } else {
            Protocol::Query
        };
        (action, p)
    } else {
        let p = if service == "s3" || service == "s3-control" {
            Protocol::RestXml
        } else {
            Protocol::RestJson
        };
        (format!("{} {}", req.method, req.target), p)
    };
    RequestInfo {
        service,
        region,
        operation,
        protocol,
    }
}

/// splitmix64: a small, well-mixed generator step, enough to draw reproducible faults.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.iter().chain(&[0xff]) {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

fn decide(state: &Mutex<State>, req: &Request, info: &RequestInfo) -> Option<Fault> {
    let mut st = state.lock().unwrap();
    let key = fnv(&[
        info.service.as_bytes(),
        info.region.as_bytes(),
        req.method.as_bytes(),
        req.target.as_bytes(),
        &req.body,
    ]);
    // The SDK numbers the attempts of each call (`amz-sdk-request: attempt=2; max=8`):
    // drawing by attempt rather than by arrival keeps the decisions the same whatever
    // order concurrent tasks send identical requests in. Other clients fall back to
    // counting identical requests.
    let attempt = req
        .header("amz-sdk-request")
        .and_then(|v| v.split(';').find_map(|p| p.trim().strip_prefix("attempt=")))
        .and_then(|n| n.parse::<u64>().ok());
    let n = match attempt {
        Some(n) => n,
        None => {
            let n = st.occurrences.entry(key).or_insert(0);
            *n += 1;
            *n
        }
    };
    let draw = mix(st.seed ^ mix(key ^ n));
    let fault = st
        .rules
        .iter()
        .find(|r| r.matches(info, &req.body))
        .and_then(|r| {
            let unit = (draw >> 11) as f64 / (1u64 << 53) as f64;
            (unit < r.rate && !r.faults.is_empty())
                .then(|| r.faults[(mix(draw) % r.faults.len() as u64) as usize])
        });
    let at = st.started.elapsed();
    st.seen.push(Seen {
        at,
        service: info.service.clone(),
        region: info.region.clone(),
        operation: info.operation.clone(),
        fault,
        security_token: req.header("x-amz-security-token").map(str::to_string),
    });
    fault
}

async fn serve(
    mut conn: TcpStream,
    state: Arc<Mutex<State>>,
    upstream: String,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    loop {
        let Some(req) = read_request(&mut conn, &mut buf).await? else {
            return Ok(());
        };
        let info = identify(&req);
        let fault = decide(&state, &req, &info);
        match fault {
            Some(Fault::Reset) => {
                // SO_LINGER 0 makes the close an RST rather than an orderly FIN. (The
                // deprecation is about a non-zero linger blocking on drop; zero never waits.)
                #[allow(deprecated)]
                conn.set_linger(Some(Duration::ZERO))?;
                return Ok(());
            }
            Some(Fault::Slow(ms)) => {
                tokio::time::sleep(Duration::from_millis(ms)).await;
                let resp = forward(&upstream, &req).await?;
                conn.write_all(&resp.encode(None)).await?;
            }
            Some(Fault::Truncate) => {
                let resp = forward(&upstream, &req).await?;
                let cut = resp.body.len() / 2;
                conn.write_all(&resp.encode(Some(cut))).await?;
                conn.flush().await?;
                return Ok(());
            }
            Some(f) => {
                conn.write_all(&error_response(f, &info).encode(None))
                    .await?;
            }
            None => {
                let resp = forward(&upstream, &req).await?;
                {
                    let mut st = state.lock().unwrap();
                    if st.capture.contains(&info.operation) {
                        st.captured.push(Exchange {
                            operation: info.operation.clone(),
                            request_body: String::from_utf8_lossy(&req.body).into_owned(),
                            response_body: String::from_utf8_lossy(&resp.body).into_owned(),
                        });
                    }
                }
                conn.write_all(&resp.encode(None)).await?;
            }
        }
    }
}

/// Reads one request from a kept-alive connection; `None` when the client closed it.
async fn read_request(conn: &mut TcpStream, buf: &mut Vec<u8>) -> std::io::Result<Option<Request>> {
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i;
        }
        let mut chunk = [0u8; 16384];
        let n = conn.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or("").split(' ');
    let method = first.next().unwrap_or("").to_string();
    let target = first.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut rest = buf.split_off(head_end + 4);
    std::mem::swap(buf, &mut rest);
    // `rest` is now the head; `buf` what followed it.
    let get = |name: &str| {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let body = if get("transfer-encoding").is_some_and(|v| v.eq_ignore_ascii_case("chunked")) {
        loop {
            if let Some((body, used)) = dechunk(buf) {
                buf.drain(..used);
                break body;
            }
            read_more(conn, buf).await?;
        }
    } else {
        let len: usize = get("content-length")
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        while buf.len() < len {
            read_more(conn, buf).await?;
        }
        buf.drain(..len).collect()
    };
    Ok(Some(Request {
        method,
        target,
        headers,
        body,
    }))
}

async fn read_more<R: AsyncReadExt + Unpin>(
    conn: &mut R,
    buf: &mut Vec<u8>,
) -> std::io::Result<()> {
    let mut chunk = [0u8; 16384];
    let n = conn.read(&mut chunk).await?;
    if n == 0 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "connection closed mid-message",
        ));
    }
    buf.extend_from_slice(&chunk[..n]);
    Ok(())
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Decodes a complete chunked body at the start of `data`: (body, bytes used), or `None`
/// when more bytes are needed.
fn dechunk(data: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut body = Vec::new();
    let mut pos = 0;
    loop {
        let line_end = pos + find(&data[pos..], b"\r\n")?;
        let size_text = String::from_utf8_lossy(&data[pos..line_end]);
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        pos = line_end + 2;
        if size == 0 {
            // Trailers (none expected), then the closing blank line.
            let end = pos + find(&data[pos..], b"\r\n")?;
            return Some((body, end + 2));
        }
        if data.len() < pos + size + 2 {
            return None;
        }
        body.extend_from_slice(&data[pos..pos + size]);
        pos += size + 2;
    }
}

struct Response {
    status: u16,
    reason: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    /// The response as bytes, with a Content-Length for the whole body; `cut` sends only
    /// that many body bytes (a truncated answer).
    fn encode(&self, cut: Option<usize>) -> Vec<u8> {
        let mut out = format!("HTTP/1.1 {} {}\r\n", self.status, self.reason).into_bytes();
        for (k, v) in &self.headers {
            let skip = [
                "content-length",
                "transfer-encoding",
                "connection",
                "keep-alive",
            ];
            if !skip.iter().any(|s| k.eq_ignore_ascii_case(s)) {
                out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
            }
        }
        out.extend_from_slice(format!("content-length: {}\r\n\r\n", self.body.len()).as_bytes());
        out.extend_from_slice(&self.body[..cut.unwrap_or(self.body.len())]);
        out
    }
}

/// Sends the request to moto on a fresh connection (`Connection: close`) and reads the
/// whole answer, so the proxy never has to track upstream keep-alive state.
async fn forward(upstream: &str, req: &Request) -> std::io::Result<Response> {
    let mut up = TcpStream::connect(upstream).await?;
    let mut out = format!("{} {} HTTP/1.1\r\n", req.method, req.target).into_bytes();
    for (k, v) in &req.headers {
        let skip = [
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
        ];
        if !skip.iter().any(|s| k.eq_ignore_ascii_case(s)) {
            out.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
        }
    }
    out.extend_from_slice(
        format!(
            "content-length: {}\r\nconnection: close\r\n\r\n",
            req.body.len()
        )
        .as_bytes(),
    );
    out.extend_from_slice(&req.body);
    up.write_all(&out).await?;
    let mut raw = Vec::new();
    up.read_to_end(&mut raw).await?;
    let head_end = find(&raw, b"\r\n\r\n").ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            "upstream answer has no head",
        )
    })?;
    let head = String::from_utf8_lossy(&raw[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or("");
    let mut parts = status_line.splitn(3, ' ');
    let _version = parts.next();
    let status: u16 = parts.next().and_then(|s| s.parse().ok()).unwrap_or(502);
    let reason = parts.next().unwrap_or("").to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let rest = &raw[head_end + 4..];
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    let body = if chunked {
        dechunk(rest).map(|(b, _)| b).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::InvalidData, "bad chunked upstream body")
        })?
    } else {
        let len = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
            .and_then(|(_, v)| v.parse().ok())
            .unwrap_or(rest.len());
        rest[..len.min(rest.len())].to_vec()
    };
    Ok(Response {
        status,
        reason,
        headers,
        body,
    })
}

/// The error a service of this protocol sends for the fault.
fn error_response(fault: Fault, info: &RequestInfo) -> Response {
    let (status, code) = match (fault, info.protocol) {
        (Fault::Throttle, Protocol::Query) => (400, "Throttling"),
        (Fault::Throttle, Protocol::Ec2) => (503, "RequestLimitExceeded"),
        (Fault::Throttle, Protocol::Json) => (400, "ThrottlingException"),
        (Fault::Throttle, Protocol::RestJson) => (429, "TooManyRequestsException"),
        (Fault::Throttle, Protocol::RestXml) => (503, "SlowDown"),
        (Fault::Unavailable, _) => (503, "ServiceUnavailable"),
        (Fault::AccessDenied, Protocol::Json | Protocol::RestJson) => {
            (403, "AccessDeniedException")
        }
        (Fault::AccessDenied, Protocol::Ec2) => (403, "UnauthorizedOperation"),
        (Fault::AccessDenied, _) => (403, "AccessDenied"),
        _ => (500, "InternalFailure"),
    };
    let message = format!("injected by the fault proxy ({fault:?})");
    let request_id = "00000000-0000-0000-0000-fa0170000000";
    let (content_type, body) = match info.protocol {
        Protocol::Query => (
            "text/xml",
            format!(
                "<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>{message}</Message></Error><RequestId>{request_id}</RequestId></ErrorResponse>"
            ),
        ),
        Protocol::Ec2 => (
            "text/xml",
            format!(
                "<Response><Errors><Error><Code>{code}</Code><Message>{message}</Message></Error></Errors><RequestID>{request_id}</RequestID></Response>"
            ),
        ),
        Protocol::RestXml => (
            "application/xml",
            format!(
                "<Error><Code>{code}</Code><Message>{message}</Message><RequestId>{request_id}</RequestId></Error>"
            ),
        ),
        Protocol::Json => (
            "application/x-amz-json-1.1",
            format!(r#"{{"__type":"{code}","message":"{message}"}}"#),
        ),
        Protocol::RestJson => (
            "application/json",
            format!(r#"{{"message":"{message}"}}"#),
        ),
        Protocol::Cbor => ("application/cbor", String::new()),
    };
    let body = if info.protocol == Protocol::Cbor {
        let mut b = vec![0xa2]; // a map of two entries
        for text in ["__type", code, "message", &message] {
            cbor_text(&mut b, text);
        }
        b
    } else {
        body.into_bytes()
    };
    let mut headers = vec![
        ("content-type".to_string(), content_type.to_string()),
        ("x-amzn-requestid".to_string(), request_id.to_string()),
    ];
    if matches!(info.protocol, Protocol::Json | Protocol::RestJson) {
        headers.push(("x-amzn-errortype".to_string(), code.to_string()));
    }
    if info.protocol == Protocol::Cbor {
        headers.push(("smithy-protocol".to_string(), "rpc-v2-cbor".to_string()));
    }
    Response {
        status,
        reason: match status {
            400 => "Bad Request",
            403 => "Forbidden",
            429 => "Too Many Requests",
            503 => "Service Unavailable",
            _ => "Internal Server Error",
        }
        .to_string(),
        headers,
        body,
    }
}

/// Appends a CBOR text string (major type 3).
fn cbor_text(out: &mut Vec<u8>, s: &str) {
    let n = s.len();
    if n < 24 {
        out.push(0x60 | n as u8);
    } else if n < 256 {
        out.extend_from_slice(&[0x78, n as u8]);
    } else {
        out.push(0x79);
        out.extend_from_slice(&(n as u16).to_be_bytes());
    }
    out.extend_from_slice(s.as_bytes());
}
