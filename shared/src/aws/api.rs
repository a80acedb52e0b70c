//! Calls to the AWS APIs parapet reads without a generated SDK crate.
//!
//! Why: every `aws-sdk-*` crate costs minutes of compile time on two cores, and most of
//! the ~40 services the catalog reads need two or three read calls each. Those services
//! are called here instead: requests are built for the service's wire protocol (JSON,
//! REST-JSON, query, EC2 or REST-XML), signed with SigV4 using the account's credentials,
//! paced by the same `Limiter`, counted by the same `CallCounter`, and retried with the
//! same limits as the SDK clients. Answers become `serde_json::Value`, the shape controls
//! read anyway, typed by AWS's service model of the operation (`super::shapes`). EC2 is
//! read here too: its crate was the largest single cost of a clean
//! build (README, "Build and tests"). The services whose calls need many typed shapes
//! (S3, IAM, ...) keep their SDK crates.

use super::errors::{answer_text, one_line, with_causes, REASON_MAX_CHARS};
use super::shapes;
use super::{CallCounter, ErrorKind, Limiter};
use aws_credential_types::provider::ProvideCredentials;
use aws_credential_types::Credentials;
use aws_smithy_runtime_api::client::identity::Identity;
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::Client as HyperClient;
use hyper_util::rt::TokioExecutor;
use serde_json::{Map, Value};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

/// The HTTP method of a REST operation.
pub use http::Method;

/// How a service expects its requests.
#[derive(Debug, Clone, Copy)]
pub enum Protocol {
    /// awsJson1_0 / awsJson1_1: `POST /` with `X-Amz-Target: <prefix>.<Operation>`.
    Json {
        version: &'static str,
        target_prefix: &'static str,
    },
    /// restJson1: the operation is a method and a path; answers are JSON.
    RestJson,
    /// awsQuery: `POST /` with a form body `Action=..&Version=..`; answers are XML.
    Query { version: &'static str },
    /// EC2's own query protocol: requests as awsQuery (lists flattened, `Filter.1.Name`),
    /// answers XML without the `<OpResult>` wrapper, in lowerCamel names, list items
    /// in `<item>`.
    Ec2 { version: &'static str },
    /// restXml: the operation is a method and a path; answers are XML.
    RestXml,
}

/// One AWS service as the wire sees it.
#[derive(Debug, Clone, Copy)]
pub struct Service {
    /// The SigV4 signing name (also the unit AWS throttles by, and the limiter's key).
    pub signing_name: &'static str,
    /// The first label of the regional endpoint host (`<prefix>.<region>.amazonaws.com`).
    pub endpoint_prefix: &'static str,
    pub protocol: Protocol,
    /// Global services: their one endpoint host and signing region.
    pub global: Option<(&'static str, &'static str)>,
}

/// A failed call: the service's error code and message, or a transport failure (empty
/// code) after the retries ran out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The API's name for the call that failed (`ListFunctions`); empty only before
    /// `Api` has named it.
    pub operation: String,
    pub code: String,
    pub message: String,
    /// The HTTP status, 0 when no answer arrived.
    pub status: u16,
}

/// One line, as every AWS failure reads: `<Operation>: HTTP <status> <Code>: <message>`.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let status = (self.status != 0).then_some(self.status);
        let what = answer_text(status, &self.code, &self.message);
        let line = match self.operation.as_str() {
            "" => what,
            operation => format!("{operation}: {what}"),
        };
        f.write_str(&one_line(&line, REASON_MAX_CHARS))
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    pub fn kind(&self) -> ErrorKind {
        ErrorKind::of_code(&self.code)
    }

    fn transport(message: String) -> Self {
        ApiError {
            operation: String::new(),
            code: String::new(),
            message,
            status: 0,
        }
    }

    /// The error, naming `operation` unless it names one already.
    fn during(mut self, operation: &str) -> Self {
        if self.operation.is_empty() {
            self.operation = operation.to_string();
        }
        self
    }
}

/// The account's credentials, from its configuration's provider (which `Sessions` wraps in
/// a cache, so this costs an AssumeRole only when they near expiry).
async fn credentials(config: &aws_config::SdkConfig) -> Result<Credentials, ApiError> {
    let provider = config
        .credentials_provider()
        .ok_or_else(|| ApiError::transport("no AWS credentials are configured".into()))?;
    provider
        .provide_credentials()
        .await
        .map_err(|e| ApiError::transport(format!("cannot load AWS credentials: {e}")))
}

type Https = hyper_rustls::HttpsConnector<hyper_util::client::legacy::connect::HttpConnector>;

/// One connection pool for every API call of the process.
fn http_client() -> Result<&'static HyperClient<Https, Full<bytes::Bytes>>, ApiError> {
    static CLIENT: OnceLock<Result<HyperClient<Https, Full<bytes::Bytes>>, String>> =
        OnceLock::new();
    CLIENT
        .get_or_init(|| {
            let mut http = hyper_util::client::legacy::connect::HttpConnector::new();
            http.enforce_http(false);
            http.set_connect_timeout(Some(super::session::CONNECT_TIMEOUT));
            let https = hyper_rustls::HttpsConnectorBuilder::new()
                .with_native_roots()
                .map_err(|e| format!("cannot load the system's TLS root certificates: {e}"))?
                .https_or_http()
                .enable_http1()
                .wrap_connector(http);
            Ok(HyperClient::builder(TokioExecutor::new()).build(https))
        })
        .as_ref()
        .map_err(|e| ApiError::transport(e.clone()))
}

/// One service in one region of one account.
pub struct Api {
    pub(crate) config: aws_config::SdkConfig,
    pub(crate) counter: CallCounter,
    pub(crate) limiter: Limiter,
    pub(crate) endpoint_override: Option<String>,
    pub(crate) service: &'static Service,
    pub(crate) region: String,
}

/// A request before signing.
struct Request {
    method: http::Method,
    /// The path without its query, which picks the model of a REST operation.
    path: String,
    path_and_query: String,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
}

impl Api {
    /// The region requests are signed for (the service's home region when it is global).
    fn signing_region(&self) -> &str {
        self.service.global.map_or(&self.region, |(_, r)| r)
    }

    fn base_url(&self) -> String {
        if let Some(url) = &self.endpoint_override {
            return url.trim_end_matches('/').to_string();
        }
        match self.service.global {
            Some((host, _)) => format!("https://{host}"),
            None => {
                let suffix = if self.region.starts_with("cn-") {
                    "amazonaws.com.cn"
                } else {
                    "amazonaws.com"
                };
                format!(
                    "https://{}.{}.{suffix}",
                    self.service.endpoint_prefix, self.region
                )
            }
        }
    }

    /// A JSON-protocol operation (`Protocol::Json`) or a query-protocol one
    /// (`Protocol::Query` or `Protocol::Ec2`, `input` a flat object of parameter names to values, for
    /// example `{"Marker": "..", "Filters.member.1.Name": ".."}`).
    pub async fn call(&self, operation: &str, input: &Value) -> Result<Value, ApiError> {
        let request = match self.service.protocol {
            Protocol::Json {
                version,
                target_prefix,
            } => Request {
                method: http::Method::POST,
                path: "/".into(),
                path_and_query: "/".into(),
                headers: vec![
                    ("content-type", format!("application/x-amz-json-{version}")),
                    ("x-amz-target", format!("{target_prefix}.{operation}")),
                ],
                body: serde_json::to_vec(input).expect("a JSON value serializes"),
            },
            Protocol::Query { version } | Protocol::Ec2 { version } => {
                let mut form = format!("Action={}&Version={}", enc(operation), enc(version));
                for (k, v) in input.as_object().into_iter().flatten() {
                    let v = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    form.push_str(&format!("&{}={}", enc(k), enc(&v)));
                }
                Request {
                    method: http::Method::POST,
                    path: "/".into(),
                    path_and_query: "/".into(),
                    headers: vec![(
                        "content-type",
                        "application/x-www-form-urlencoded; charset=utf-8".into(),
                    )],
                    body: form.into_bytes(),
                }
            }
            Protocol::RestJson | Protocol::RestXml => {
                return Err(ApiError::transport(format!(
                    "{} is a REST service; use Api::rest",
                    self.service.signing_name
                ))
                .during(operation))
            }
        };
        let answer = self.send(operation, request).await?;
        match self.service.protocol {
            // The query protocol wraps the answer in <OpResponse><OpResult>.
            // A missing wrapper means an answer we do not understand, not an empty one.
            Protocol::Query { .. } => {
                let wrapper = shapes::find(self.service, operation, "/")
                    .and_then(|f| f.wrapper())
                    .map_or_else(|| format!("{operation}Result"), str::to_string);
                match answer {
                    Value::Object(mut m) => m.remove(&wrapper),
                    _ => None,
                }
                .ok_or_else(|| missing_element(operation, &wrapper))
            }
            _ => Ok(answer),
        }
    }

    /// A REST operation: `GET`/`POST` on a path (already percent-encoded where it
    /// holds names) with query parameters and an optional JSON body. `operation` is the
    /// API's name for it (`ListFunctions`): errors name it, and the infra tests read the
    /// IAM actions the collectors need from these names.
    pub async fn rest(
        &self,
        operation: &str,
        method: http::Method,
        path: &str,
        query: &[(&str, String)],
        body: Option<&Value>,
    ) -> Result<Value, ApiError> {
        let mut path_and_query = path.to_string();
        for (i, (k, v)) in query.iter().enumerate() {
            path_and_query.push(if i == 0 { '?' } else { '&' });
            path_and_query.push_str(&format!("{}={}", enc(k), enc(v)));
        }
        let mut headers: Vec<(&'static str, String)> = required_headers(self.service)
            .iter()
            .map(|(k, v)| (*k, v.to_string()))
            .collect();
        let body = match body {
            Some(b) => {
                headers.push(("content-type", "application/json".to_string()));
                serde_json::to_vec(b).expect("a JSON value serializes")
            }
            None => Vec::new(),
        };
        let request = Request {
            method,
            path: path.to_string(),
            path_and_query,
            headers,
            body,
        };
        self.send(operation, request).await
    }

    /// Every page of a `call`, following `token_out` of each answer into `token_in` of
    /// the next request, and the items under `list` of each page, concatenated.
    pub async fn list(
        &self,
        operation: &str,
        input: Value,
        token_in: &str,
        token_out: &str,
        list: &str,
    ) -> Result<Vec<Value>, ApiError> {
        let mut input = input;
        let mut items = Vec::new();
        let mut seen = std::collections::HashSet::new();
        loop {
            let page = self.call(operation, &input).await?;
            items.extend(array_at(&page, list, token_out, operation)?);
            match next_token(&page, token_out, &mut seen, operation)? {
                Some(t) => input[token_in] = Value::String(t),
                None => return Ok(items),
            }
        }
    }

    /// Every page of a REST `GET`, as `list` does for `call`.
    pub async fn rest_list(
        &self,
        operation: &str,
        path: &str,
        query: &[(&str, String)],
        token_in: &str,
        token_out: &str,
        list: &str,
    ) -> Result<Vec<Value>, ApiError> {
        let mut items = Vec::new();
        let mut token: Option<String> = None;
        let mut seen = std::collections::HashSet::new();
        loop {
            let mut q = query.to_vec();
            if let Some(t) = &token {
                q.push((token_in, t.clone()));
            }
            let page = self
                .rest(operation, http::Method::GET, path, &q, None)
                .await?;
            items.extend(array_at(&page, list, token_out, operation)?);
            match next_token(&page, token_out, &mut seen, operation)? {
                Some(t) => token = Some(t),
                None => return Ok(items),
            }
        }
    }

    /// The configuration's timeouts (those of `session::timeout_config` unless a test set
    /// others): (answer headers, one attempt, whole operation).
    fn timeouts(&self) -> (Duration, Duration, Duration) {
        use super::session::{ATTEMPT_TIMEOUT, OPERATION_TIMEOUT, READ_TIMEOUT};
        let t = self.config.timeout_config();
        (
            t.and_then(|t| t.read_timeout()).unwrap_or(READ_TIMEOUT),
            t.and_then(|t| t.operation_attempt_timeout())
                .unwrap_or(ATTEMPT_TIMEOUT),
            t.and_then(|t| t.operation_timeout())
                .unwrap_or(OPERATION_TIMEOUT),
        )
    }

    /// Sends one operation within the operation timeout (see `send_attempts`).
    async fn send(&self, operation: &str, request: Request) -> Result<Value, ApiError> {
        let (_, _, limit) = self.timeouts();
        tokio::time::timeout(limit, self.send_attempts(operation, request))
            .await
            .unwrap_or_else(|_| {
                Err(ApiError::transport(format!(
                    "no answer within the {limit:?} operation timeout, retries included"
                )))
            })
            .map_err(|e| e.during(operation))
    }

    /// Sends one operation, retrying throttling, server errors, transport failures and
    /// unreadable answers with capped exponential backoff, as the SDK's standard retry
    /// mode does.
    async fn send_attempts(&self, operation: &str, request: Request) -> Result<Value, ApiError> {
        self.counter
            .count_operation(self.service.signing_name, operation);
        let retry = self
            .config
            .retry_config()
            .cloned()
            .unwrap_or_else(aws_config::retry::RetryConfig::standard);
        let attempts = retry.max_attempts().max(1);
        let url = format!("{}{}", self.base_url(), request.path_and_query);
        let mut attempt = 0;
        loop {
            attempt += 1;
            let outcome = self.attempt(operation, &url, &request).await;
            let retryable = match &outcome {
                Ok(_) => false,
                Err(e) => is_retryable(e),
            };
            if !retryable || attempt >= attempts {
                return outcome.map_err(|e| e.during(operation));
            }
            let cap = retry.max_backoff();
            let backoff = retry
                .initial_backoff()
                .saturating_mul(1 << (attempt - 1).min(16))
                .min(cap);
            tokio::time::sleep(backoff.mul_f64(fastrand::f64())).await;
        }
    }

    /// A successful answer, typed by the operation's output shape (see `shapes`). The
    /// answer's root element (`<OpResponse>`, `<DistributionList>`) is dropped.
    fn decode(&self, operation: &str, path: &str, body: &[u8]) -> Result<Value, String> {
        let found = shapes::find(self.service, operation, path);
        if found.is_none() {
            tracing::debug!(
                service = self.service.signing_name,
                operation,
                "no output shape in the table; decoding untyped"
            );
        }
        match self.service.protocol {
            Protocol::Query { .. } | Protocol::Ec2 { .. } | Protocol::RestXml => {
                let root = shapes::parse_xml(body)?;
                Ok(shapes::decode_xml(
                    found.as_ref(),
                    self.service.protocol,
                    &root,
                ))
            }
            Protocol::Json { .. } | Protocol::RestJson => {
                let answer = serde_json::from_slice(body).map_err(|e| e.to_string())?;
                Ok(shapes::decode_json(found.as_ref(), answer))
            }
        }
    }

    async fn attempt(
        &self,
        operation_name: &str,
        url: &str,
        request: &Request,
    ) -> Result<Value, ApiError> {
        let creds = credentials(&self.config).await?;
        let mut req = http::Request::builder()
            .method(request.method.clone())
            .uri(url);
        let host = url
            .split("://")
            .nth(1)
            .and_then(|rest| rest.split('/').next())
            .unwrap_or_default()
            .to_string();
        req = req.header("host", host);
        for (k, v) in &request.headers {
            req = req.header(*k, v);
        }
        let mut req = req
            .body(request.body.clone())
            .map_err(|e| ApiError::transport(format!("cannot build the request to {url}: {e}")))?;
        self.sign(&mut req, &creds)?;
        let (parts, body) = req.into_parts();
        let req = http::Request::from_parts(parts, Full::new(bytes::Bytes::from(body)));
        let target = request
            .headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("x-amz-target"))
            .map(|(_, v)| v.as_str());
        let operation = super::limits::operation_of(target, &request.body);
        let ticket = self
            .limiter
            .pace(
                self.service.signing_name,
                self.signing_region(),
                operation.as_deref(),
            )
            .await;
        self.counter.count_attempt();
        let client = http_client()?;
        let (read, whole, _) = self.timeouts();
        let answer = tokio::time::timeout(whole, async {
            let response = tokio::time::timeout(read, client.request(req))
                .await
                .map_err(|_| ApiError::transport(format!("no answer within {read:?}")))?
                .map_err(|e| ApiError::transport(format!("request failed: {}", with_causes(&e))))?;
            let status = response.status().as_u16();
            let error_type = response
                .headers()
                .get("x-amzn-errortype")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
            let body = response
                .into_body()
                .collect()
                .await
                .map_err(|e| ApiError::transport(format!("answer cut off: {e}")))?
                .to_bytes();
            Ok::<_, ApiError>((status, error_type, body))
        })
        .await
        .map_err(|_| ApiError::transport(format!("answer not complete within {whole:?}")))??;
        let (status, error_type, body) = answer;
        let outcome = if super::limits::is_throttle(status, error_type.as_deref(), &body) {
            super::limits::Outcome::Throttled
        } else if status < 500 {
            super::limits::Outcome::Success
        } else {
            super::limits::Outcome::Other
        };
        self.limiter.record(&ticket, outcome);
        let xml = matches!(
            self.service.protocol,
            Protocol::Query { .. } | Protocol::Ec2 { .. } | Protocol::RestXml
        );
        if (200..300).contains(&status) {
            if body.iter().all(u8::is_ascii_whitespace) {
                return Ok(Value::Object(Map::new()));
            }
            let parsed = self.decode(operation_name, &request.path, &body);
            return parsed.map_err(|e| ApiError {
                operation: String::new(),
                code: String::new(),
                message: format!("unreadable answer: {e}"),
                status,
            });
        }
        Err(error_of(status, error_type.as_deref(), &body, xml))
    }

    fn sign(&self, req: &mut http::Request<Vec<u8>>, creds: &Credentials) -> Result<(), ApiError> {
        use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
        let identity: Identity = creds.clone().into();
        let params = aws_sigv4::sign::v4::SigningParams::builder()
            .identity(&identity)
            .region(self.signing_region())
            .name(self.service.signing_name)
            .time(SystemTime::now())
            .settings(SigningSettings::default())
            .build()
            .map_err(|e| ApiError::transport(format!("cannot sign the request: {e}")))?
            .into();
        let headers: Vec<(String, String)> = req
            .headers()
            .iter()
            .filter_map(|(k, v)| Some((k.as_str().to_string(), v.to_str().ok()?.to_string())))
            .collect();
        let uri = req.uri().to_string();
        let signable = SignableRequest::new(
            req.method().as_str(),
            &uri,
            headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            SignableBody::Bytes(req.body()),
        )
        .map_err(|e| ApiError::transport(format!("cannot sign the request: {e}")))?;
        let (instructions, _) = sign(signable, &params)
            .map_err(|e| ApiError::transport(format!("cannot sign the request: {e}")))?
            .into_parts();
        instructions.apply_to_request_http1x(req);
        Ok(())
    }
}

/// Percent-encodes a URI path segment or query value the way SigV4 signs it.
pub fn enc(s: &str) -> String {
    // RFC 3986 unreserved characters stay; everything else is escaped, as SigV4 expects.
    const SET: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    percent_encoding::utf8_percent_encode(s, SET).to_string()
}

/// The items of the list under `key` (a `.`-separated path) of a page. A present but
/// empty list (`[]`, `null`, an empty XML element) is no items. A missing key is an error
/// when the page holds something else, so a renamed wrapper never reads as "no
/// resources". Two ways AWS leaves out an empty list are accepted: a page with nothing
/// in it but the page token (JSON services may omit empty members), and a `Quantity` of 0
/// beside the missing list (REST-XML, CloudFront's `Items`).
fn array_at(page: &Value, key: &str, token: &str, operation: &str) -> Result<Vec<Value>, ApiError> {
    let mut v = page;
    for part in key.split('.').filter(|p| !p.is_empty()) {
        v = match v.get(part) {
            Some(child) => child,
            None if is_counted_empty(v) || holds_nothing(v, token) => &Value::Null,
            None => return Err(missing_element(operation, key)),
        };
    }
    match v {
        Value::Array(items) => Ok(items.clone()),
        Value::Null => Ok(Vec::new()),
        // The model types every list the collectors page through as a list.
        _ => Err(ApiError {
            operation: operation.to_string(),
            code: "MissingElement".into(),
            message: format!("the answer's `{key}` is not a list"),
            status: 200,
        }),
    }
}

/// An object with no member but (at most) the page token: an answer with nothing in it.
fn holds_nothing(v: &Value, token: &str) -> bool {
    v.as_object()
        .is_some_and(|m| m.iter().all(|(k, v)| k == token || v.is_null()))
}

/// An object that says it holds nothing (`<Quantity>0</Quantity>`).
fn is_counted_empty(v: &Value) -> bool {
    match v.get("Quantity") {
        Some(Value::Number(n)) => n.as_u64() == Some(0),
        Some(Value::String(q)) => q.trim() == "0",
        _ => false,
    }
}

/// The error for an answer without an element the operation always returns.
fn missing_element(operation: &str, element: &str) -> ApiError {
    ApiError {
        operation: operation.to_string(),
        code: "MissingElement".into(),
        message: format!("the answer has no `{element}` element; refusing to read it as empty"),
        // Not retryable: the same answer would come back.
        status: 200,
    }
}

/// Headers a REST service refuses requests without: Glacier wants its API version on
/// every request.
fn required_headers(service: &Service) -> &'static [(&'static str, &'static str)] {
    match service.signing_name {
        "glacier" => &[("x-amz-glacier-version", "2012-06-01")],
        _ => &[],
    }
}

fn next_token(
    page: &Value,
    token_out: &str,
    seen: &mut std::collections::HashSet<String>,
    what: &str,
) -> Result<Option<String>, ApiError> {
    let token = page
        .get(token_out)
        .and_then(Value::as_str)
        .filter(|t| !t.is_empty());
    match token {
        None => Ok(None),
        Some(t) if !seen.insert(t.to_string()) => Err(ApiError::transport(format!(
            "the service returned the page token {t:?} twice; stopping instead of looping"
        ))
        .during(what)),
        Some(t) => Ok(Some(t.to_string())),
    }
}

const THROTTLING: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
    "RequestTimeout",
    "RequestTimeoutException",
];

fn is_retryable(e: &ApiError) -> bool {
    e.status == 0
        || matches!(e.status, 429 | 500 | 502 | 503 | 504)
        || THROTTLING.contains(&e.code.as_str())
        // A 2xx answer that did not parse was cut off on the way.
        || (e.code.is_empty() && (200..300).contains(&e.status))
}

/// The error code and message of a failed answer, from the places each protocol puts them.
pub(super) fn error_of(status: u16, error_type: Option<&str>, body: &[u8], xml: bool) -> ApiError {
    // `x-amzn-ErrorType: Code:http://...` and `__type: "namespace#Code"` both carry
    // extras around the code.
    let clean = |c: &str| {
        let c = c.split(':').next().unwrap_or(c);
        c.rsplit('#').next().unwrap_or(c).to_string()
    };
    let (mut code, mut message) = (error_type.map(clean).unwrap_or_default(), String::new());
    // Some JSON services answer errors in XML (and emulators may): go by the body.
    let xml = xml || body.trim_ascii_start().starts_with(b"<");
    if xml {
        if let Ok(v) = shapes::xml_to_json(body) {
            let err = find_key(&v, "Error").unwrap_or(&v);
            if let Some(c) = err.get("Code").and_then(Value::as_str) {
                code = c.to_string();
            }
            if let Some(m) = err.get("Message").and_then(Value::as_str) {
                message = m.to_string();
            }
        }
    } else if let Ok(v) = serde_json::from_slice::<Value>(body) {
        if let Some(c) = v
            .get("__type")
            .or_else(|| v.get("code"))
            .or_else(|| v.get("Code"))
            .and_then(Value::as_str)
        {
            code = clean(c);
        }
        if let Some(m) = v
            .get("message")
            .or_else(|| v.get("Message"))
            .and_then(Value::as_str)
        {
            message = m.to_string();
        }
    }
    if code.is_empty() && message.is_empty() {
        // Plain text may say what failed; markup is left out when shown (see
        // `errors::one_line`).
        message = String::from_utf8_lossy(&body[..body.len().min(200)]).into_owned();
    }
    ApiError {
        operation: String::new(),
        code,
        message,
        status,
    }
}

fn find_key<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    match v {
        Value::Object(m) => m
            .get(key)
            .or_else(|| m.values().find_map(|c| find_key(c, key))),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A listener that accepts connections and never answers: a stuck endpoint.
    fn silent_endpoint() -> (std::net::TcpListener, String) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        (listener, url)
    }

    fn api_at(url: &str, timeouts: aws_config::timeout::TimeoutConfig) -> Api {
        static SERVICE: Service = Service {
            signing_name: "kms",
            endpoint_prefix: "kms",
            protocol: Protocol::Json {
                version: "1.1",
                target_prefix: "TrentService",
            },
            global: None,
        };
        let config = aws_config::SdkConfig::builder()
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(Credentials::new(
                    "AKIDTEST", "secret", None, None, "test",
                )),
            )
            .region(aws_config::Region::new("us-east-1"))
            .retry_config(super::super::retry_config(3))
            .timeout_config(timeouts)
            .behavior_version(aws_config::BehaviorVersion::latest())
            .build();
        Api {
            config,
            counter: CallCounter::default(),
            limiter: Limiter::new(4),
            endpoint_override: Some(url.to_string()),
            service: &SERVICE,
            region: "us-east-1".into(),
        }
    }

    /// An endpoint that answers every request with `body` (HTTP 200, XML).
    fn answering_endpoint(body: &'static str) -> String {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for mut conn in listener.incoming().flatten() {
                let mut buf = [0u8; 8192];
                let _ = conn.read(&mut buf);
                let _ = write!(
                    conn,
                    "HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        url
    }

    fn query_api_at(url: &str) -> Api {
        static SERVICE: Service = Service {
            signing_name: "elasticloadbalancing",
            endpoint_prefix: "elasticloadbalancing",
            protocol: Protocol::Query {
                version: "2012-06-01",
            },
            global: None,
        };
        Api {
            service: &SERVICE,
            ..api_at(url, aws_config::timeout::TimeoutConfig::builder().build())
        }
    }

    /// A query answer whose `<OpResult>` wrapper is not the one the operation returns is
    /// an error naming the operation and the element, not an empty result.
    #[tokio::test]
    async fn a_query_answer_without_its_result_wrapper_is_an_error() {
        let renamed = answering_endpoint(
            "<DescribeLoadBalancersResponse><DescribeLoadBalancersOutput><LoadBalancerDescriptions><member><LoadBalancerName>web</LoadBalancerName></member></LoadBalancerDescriptions></DescribeLoadBalancersOutput></DescribeLoadBalancersResponse>",
        );
        let api = query_api_at(&renamed);
        let err = api
            .list(
                "DescribeLoadBalancers",
                json!({}),
                "Marker",
                "NextMarker",
                "LoadBalancerDescriptions",
            )
            .await
            .unwrap_err();
        assert_eq!(err.code, "MissingElement");
        assert_eq!(err.operation, "DescribeLoadBalancers");
        assert!(err.message.contains("DescribeLoadBalancersResult"), "{err}");
        let empty = answering_endpoint(
            "<DescribeLoadBalancersResponse><DescribeLoadBalancersResult><LoadBalancerDescriptions/></DescribeLoadBalancersResult></DescribeLoadBalancersResponse>",
        );
        let listed = query_api_at(&empty)
            .list(
                "DescribeLoadBalancers",
                json!({}),
                "Marker",
                "NextMarker",
                "LoadBalancerDescriptions",
            )
            .await
            .unwrap();
        assert!(listed.is_empty());
    }

    #[tokio::test]
    async fn a_silent_endpoint_fails_each_attempt_at_the_read_timeout() {
        let (_listener, url) = silent_endpoint();
        let api = api_at(
            &url,
            aws_config::timeout::TimeoutConfig::builder()
                .read_timeout(Duration::from_millis(300))
                .operation_attempt_timeout(Duration::from_secs(5))
                .operation_timeout(Duration::from_secs(30))
                .build(),
        );
        let started = std::time::Instant::now();
        let err = api.call("ListKeys", &json!({})).await.unwrap_err();
        let took = started.elapsed();
        assert!(err.message.contains("no answer within 300ms"), "{err:?}");
        assert_eq!(err.to_string(), "ListKeys: no answer within 300ms");
        // Three attempts of 300 ms plus short backoffs, not 3 x 60 s.
        assert_eq!(api.counter.get(), 3);
        assert!(took < Duration::from_secs(5), "{took:?}");
    }

    /// A refused connection reads as one line naming the call and the cause, not only
    /// the HTTP client's "client error (Connect)".
    #[tokio::test]
    async fn a_refused_connection_names_the_call_and_the_cause() {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let api = api_at(
            &format!("http://127.0.0.1:{port}"),
            aws_config::timeout::TimeoutConfig::builder().build(),
        );
        let err = api.call("ListKeys", &json!({})).await.unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("ListKeys: request failed: "), "{text}");
        assert!(text.to_lowercase().contains("refused"), "{text}");
        assert!(!text.contains(|c: char| c.is_control()), "{text:?}");
    }

    #[tokio::test]
    async fn the_operation_timeout_bounds_every_attempt_together() {
        let (_listener, url) = silent_endpoint();
        let api = api_at(
            &url,
            aws_config::timeout::TimeoutConfig::builder()
                .read_timeout(Duration::from_secs(10))
                .operation_timeout(Duration::from_millis(500))
                .build(),
        );
        let started = std::time::Instant::now();
        let err = api.call("ListKeys", &json!({})).await.unwrap_err();
        assert!(err.message.contains("operation timeout"), "{err:?}");
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    #[test]
    fn errors_name_the_code_in_each_protocol() {
        let json = error_of(
            400,
            None,
            br#"{"__type":"com.amazonaws.ecs#AccessDeniedException","message":"no"}"#,
            false,
        );
        assert_eq!(
            (json.code.as_str(), json.message.as_str()),
            ("AccessDeniedException", "no")
        );
        assert_eq!(json.kind(), ErrorKind::AccessDenied);
        let header = error_of(
            429,
            Some("TooManyRequestsException:http://internal"),
            b"{}",
            false,
        );
        assert_eq!(header.code, "TooManyRequestsException");
        assert!(is_retryable(&header));
        let xml = error_of(
            403,
            None,
            b"<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>denied</Message></Error></ErrorResponse>",
            true,
        );
        assert_eq!(xml.to_string(), "HTTP 403 AccessDenied: denied");
        assert!(!is_retryable(&xml));
        let opaque = error_of(502, None, b"<html>bad gateway</html>", false);
        assert_eq!(opaque.to_string(), "HTTP 502 (no AWS error in the answer)");
        assert!(is_retryable(&opaque));
    }

    #[test]
    fn a_missing_list_is_an_error_an_empty_one_is_not() {
        let err = array_at(
            &json!({"Renamed": [], "NextMarker": null}),
            "Functions",
            "NextMarker",
            "ListFunctions",
        )
        .unwrap_err();
        assert_eq!(err.operation, "ListFunctions");
        assert!(
            err.to_string()
                .starts_with("ListFunctions: HTTP 200 MissingElement: "),
            "{err}"
        );
        assert!(err.message.contains("`Functions`"), "{err}");
        assert!(!is_retryable(&err));
        assert!(array_at(&json!({"Functions": []}), "Functions", "t", "op")
            .unwrap()
            .is_empty());
        // The model types every listed key as a list: anything else is not understood.
        let odd = array_at(&json!({"Functions": {"a": 1}}), "Functions", "t", "op");
        assert!(odd.unwrap_err().message.contains("not a list"));
        // An empty XML element decodes to null: present, so no items.
        assert!(
            array_at(&json!({"Functions": null}), "Functions", "t", "op")
                .unwrap()
                .is_empty()
        );
        // CloudFront omits `Items` when `Quantity` is 0 (ListDistributions, no distribution).
        let empty = json!({"Marker": "", "MaxItems": 100, "IsTruncated": false, "Quantity": 0});
        assert!(array_at(&empty, "Items", "NextMarker", "ListDistributions")
            .unwrap()
            .is_empty());
        let counted = json!({"Quantity": 2});
        assert!(array_at(&counted, "Items", "NextMarker", "ListDistributions").is_err());
        // A JSON service may leave out an empty list: an answer with nothing else in it.
        for nothing in [json!({}), json!({"NextToken": null})] {
            assert!(
                array_at(&nothing, "Protections", "NextToken", "ListProtections")
                    .unwrap()
                    .is_empty()
            );
        }
    }

    #[test]
    fn pages_stop_on_a_repeated_token() {
        let mut seen = std::collections::HashSet::new();
        let page = json!({"NextToken": "t1"});
        assert_eq!(
            next_token(&page, "NextToken", &mut seen, "op").unwrap(),
            Some("t1".into())
        );
        assert!(next_token(&page, "NextToken", &mut seen, "op").is_err());
        assert_eq!(
            next_token(&json!({"NextToken": ""}), "NextToken", &mut seen, "op").unwrap(),
            None
        );
        assert_eq!(
            array_at(&json!({"a": {"b": [1, 2]}}), "a.b", "t", "op").unwrap(),
            vec![json!(1), json!(2)]
        );
    }
}
