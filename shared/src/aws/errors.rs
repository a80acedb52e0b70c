//! What a failed AWS call says, as one readable line, and what kind of failure it was.
//!
//! Every path that turns an AWS failure into text (SDK clients, `aws::api`, task
//! failures) writes `<Operation>: HTTP <status> <Code>: <message>`, or
//! `<Operation>: <what happened>` when no answer came. The text is hostile input (an
//! emulator or proxy may answer a whole HTML page): it is cut to one line, markup is
//! never kept verbatim, and it is capped.

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use std::borrow::Cow;

/// The most characters a reason for one failed call keeps.
pub const REASON_MAX_CHARS: usize = 300;

/// What kind of failure an AWS call had, for deciding between "absent" and "unknown".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    AccessDenied,
    /// The service is not offered, or not subscribed, in this region or account.
    Unavailable,
    Other,
}

/// One line naming the failed operation, the HTTP status, AWS's error code and message:
/// `GetBucketPolicy: HTTP 403 AccessDenied: Access Denied`.
pub fn failure<E>(operation: &str, err: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    one_line(&format!("{operation}: {}", outcome(err)), REASON_MAX_CHARS)
}

/// `failure` without the operation, for the calls whose text names it some other way
/// (store and queue errors wrapped in their own context).
pub fn describe<E>(err: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    one_line(&outcome(err), REASON_MAX_CHARS)
}

/// What came of the call: the service's answer, or why there was none.
fn outcome<E>(err: &SdkError<E, HttpResponse>) -> String
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
{
    match err {
        // A success status the SDK could not decode (an emulator's answer of another
        // shape): say what the decoder objected to, not "no error".
        SdkError::ServiceError(se) if se.raw().status().is_success() => format!(
            "HTTP {}: unreadable answer: {}",
            se.raw().status().as_u16(),
            causes(err)
        ),
        SdkError::ServiceError(se) if se.err().code().is_none() => unparsed_answer(se.raw()),
        SdkError::ServiceError(se) => answer_text(
            Some(se.raw().status().as_u16()),
            se.err().code().unwrap_or_default(),
            se.err().message().unwrap_or_default(),
        ),
        SdkError::ResponseError(re) => format!(
            "HTTP {}: unreadable answer: {}",
            re.raw().status().as_u16(),
            causes(err)
        ),
        SdkError::TimeoutError(_) => format!("timed out: {}", causes(err)),
        SdkError::DispatchFailure(d) if d.is_timeout() => format!("timed out: {}", causes(err)),
        SdkError::DispatchFailure(d) if d.is_io() => {
            format!("connection failed: {}", causes(err))
        }
        SdkError::DispatchFailure(_) => format!("request not sent: {}", causes(err)),
        SdkError::ConstructionFailure(_) => format!("request not built: {}", causes(err)),
        _ => causes(err),
    }
}

/// An error answer the SDK found no code in: read as `aws::api` reads answers (an
/// emulator may answer a JSON service's error in XML, or with an HTML page).
fn unparsed_answer(raw: &HttpResponse) -> String {
    let status = raw.status().as_u16();
    let error_type = raw.headers().get("x-amzn-errortype");
    let body = raw.body().bytes().unwrap_or_default();
    let read = super::api::error_of(status, error_type, body, false);
    answer_text(Some(status), &read.code, &read.message)
}

/// The Display texts of an error's sources, outermost first, each once: the SDK's own
/// Display of an `SdkError` is only its variant ("dispatch failure"), and its Debug form
/// is a dump no reader should see.
fn causes(err: &(dyn std::error::Error + 'static)) -> String {
    distinct_texts(Vec::new(), err.source()).unwrap_or_else(|| err.to_string())
}

/// An error's own text followed by its sources', each once: for errors (a connection's)
/// whose own Display says only which step failed.
pub(crate) fn with_causes(err: &(dyn std::error::Error + 'static)) -> String {
    distinct_texts(vec![err.to_string()], err.source()).unwrap_or_else(|| err.to_string())
}

/// `parts` and the texts of `first` and its sources, joined; None when there are none.
fn distinct_texts(
    mut parts: Vec<String>,
    first: Option<&(dyn std::error::Error + 'static)>,
) -> Option<String> {
    let mut next = first;
    while let Some(e) = next {
        let text = e.to_string();
        if !text.is_empty() && !parts.last().is_some_and(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    (!parts.is_empty()).then(|| parts.join(": "))
}

/// What an answer said, after the operation's name. `status` is None when no answer
/// arrived; `message` may be anything the endpoint sent.
pub(crate) fn answer_text(status: Option<u16>, code: &str, message: &str) -> String {
    let (before, markup) = split_markup(message);
    let message = match markup {
        Some(found) if before.trim().is_empty() => found,
        Some(found) if !found.is_empty() => format!("{}{found}", before),
        _ => before.to_string(),
    };
    let message = message.trim();
    match (status, code.is_empty(), message.is_empty()) {
        (Some(s), false, false) => format!("HTTP {s} {code}: {message}"),
        (Some(s), false, true) => format!("HTTP {s} {code}"),
        (Some(s), true, false) => format!("HTTP {s}: {message}"),
        (Some(s), true, true) => format!("HTTP {s} (no AWS error in the answer)"),
        (None, false, false) => format!("{code}: {message}"),
        (None, false, true) => code.to_string(),
        (None, true, false) => message.to_string(),
        (None, true, true) => "failed without saying why".to_string(),
    }
}

/// Any text made one line of at most `max_chars` characters: control characters and
/// line breaks become spaces (runs of them one), bidirectional overrides are dropped, and
/// an HTML or XML page in it is replaced by the AWS error code and message it holds, or
/// by a note that one was left out.
pub fn one_line(text: &str, max_chars: usize) -> String {
    let (before, markup) = split_markup(text);
    let text: Cow<str> = match markup {
        None => Cow::Borrowed(before),
        Some(found) if found.is_empty() => {
            Cow::Owned(format!("{before}(an HTML or XML page, left out)"))
        }
        Some(found) => Cow::Owned(format!("{before}{found}")),
    };
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    let mut gap = false;
    for c in text.chars() {
        if matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') {
            continue;
        }
        if c.is_control() || c.is_whitespace() {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.push(c);
    }
    match out.char_indices().nth(max_chars.saturating_sub(1)) {
        Some((end, _)) if out[end..].chars().count() > 1 => {
            out.truncate(end);
            out.push('…');
            out
        }
        _ => out,
    }
}

/// An error and its context (`{err:#}`) as one line, for task failures and the other
/// reasons that wrap an AWS failure in what was being done.
pub fn error_line(err: &anyhow::Error) -> String {
    one_line(&format!("{err:#}"), 2 * REASON_MAX_CHARS)
}

/// Splits text at the start of an HTML or XML document in it: the text before, and (when
/// there is one) `Code: Message` read from the document's `<Code>`/`<Message>` elements,
/// empty when it has neither.
fn split_markup(text: &str) -> (&str, Option<String>) {
    const STARTS: &[&str] = &[
        "<!doctype",
        "<html",
        "<?xml",
        "<head",
        "<body",
        "<title",
        "<errorresponse",
        "<error>",
    ];
    let lower = text.to_ascii_lowercase();
    let start = STARTS.iter().filter_map(|s| lower.find(s)).min();
    let start = start.or_else(|| {
        let trimmed = text.trim_start();
        trimmed.starts_with('<').then(|| text.len() - trimmed.len())
    });
    let Some(start) = start else {
        return (text, None);
    };
    let document = &text[start..];
    let found = match (
        element_text(document, "Code"),
        element_text(document, "Message"),
    ) {
        (Some(c), Some(m)) => format!("{c}: {m}"),
        (Some(one), None) | (None, Some(one)) => one.to_string(),
        (None, None) => String::new(),
    };
    (&text[..start], Some(found))
}

/// The text of the first `<name>...</name>` element, when it holds text and no markup.
fn element_text<'a>(document: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}>");
    let from = document.find(&open)? + open.len();
    let len = document[from..].find(&format!("</{name}>"))?;
    let inner = document[from..from + len].trim();
    (!inner.is_empty() && !inner.contains('<')).then_some(inner)
}

/// True when the service answered with this error code.
pub fn is_code<E, R>(err: &SdkError<E, R>, code: &str) -> bool
where
    E: ProvideErrorMetadata,
{
    matches!(err, SdkError::ServiceError(se) if se.err().code() == Some(code))
}

impl ErrorKind {
    pub fn of<E, R>(err: &SdkError<E, R>) -> Self
    where
        E: ProvideErrorMetadata,
    {
        match err {
            SdkError::ServiceError(se) => Self::of_code(se.err().code().unwrap_or_default()),
            _ => ErrorKind::Other,
        }
    }

    /// The kind of an AWS error code, whichever client met it.
    pub fn of_code(code: &str) -> Self {
        match code {
            "AccessDenied"
            | "AccessDeniedException"
            | "UnauthorizedOperation"
            | "AuthorizationError"
            | "UnauthorizedException" => ErrorKind::AccessDenied,
            "OptInRequired"
            | "SubscriptionRequiredException"
            | "InvalidAction"
            | "UnknownOperationException"
            | "UnrecognizedClientException" => ErrorKind::Unavailable,
            _ => ErrorKind::Other,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::time::Duration;

    /// moto_server's (werkzeug's) answer when the emulator itself fails.
    const EMULATOR_500_PAGE: &str = "<!doctype html>\n<html lang=en>\n<title>500 Internal Server Error</title>\n<h1>Internal Server Error</h1>\n<p>The server encountered an internal error and was unable to complete your request.</p>\n";

    const IAM_DENIED: &str = "<ErrorResponse xmlns=\"https://iam.amazonaws.com/doc/2010-05-08/\"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: arn:aws:sts::123456789012:assumed-role/scanner/s is not authorized to perform: iam:GetAccountPasswordPolicy\n(with a second line)</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";

    /// An endpoint answering every request with `status` and `body`.
    fn answering(status: &'static str, content_type: &'static str, body: &'static str) -> String {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        std::thread::spawn(move || {
            for mut conn in listener.incoming().flatten() {
                let mut buf = [0u8; 16384];
                let _ = conn.read(&mut buf);
                let _ = write!(
                    conn,
                    "HTTP/1.1 {status}\r\ncontent-type: {content_type}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        url
    }

    /// A real IAM client at `url`, one attempt, a short operation timeout.
    fn iam_at(url: &str) -> aws_sdk_iam::Client {
        let conf = aws_sdk_iam::Config::builder()
            .behavior_version(aws_sdk_iam::config::BehaviorVersion::latest())
            .region(aws_sdk_iam::config::Region::new("us-east-1"))
            .endpoint_url(url)
            .credentials_provider(aws_credential_types::Credentials::new(
                "AKIDTEST", "secret", None, None, "test",
            ))
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .timeout_config(
                aws_smithy_types::timeout::TimeoutConfig::builder()
                    .operation_timeout(Duration::from_millis(400))
                    .build(),
            )
            .build();
        aws_sdk_iam::Client::from_conf(conf)
    }

    async fn password_policy_failure(url: &str) -> String {
        let err = iam_at(url)
            .get_account_password_policy()
            .send()
            .await
            .unwrap_err();
        failure("GetAccountPasswordPolicy", &err)
    }

    fn assert_readable(reason: &str) {
        assert!(!reason.contains(|c: char| c.is_control()), "{reason:?}");
        assert!(!reason.contains('<'), "{reason:?}");
        assert!(!reason.contains("ServiceError"), "a debug dump: {reason:?}");
        assert!(reason.chars().count() <= REASON_MAX_CHARS, "{reason:?}");
    }

    #[tokio::test]
    async fn a_service_error_names_operation_status_code_and_message() {
        let url = answering("403 Forbidden", "text/xml", IAM_DENIED);
        let reason = password_policy_failure(&url).await;
        assert_eq!(
            reason,
            "GetAccountPasswordPolicy: HTTP 403 AccessDenied: User: arn:aws:sts::123456789012:assumed-role/scanner/s is not authorized to perform: iam:GetAccountPasswordPolicy (with a second line)"
        );
    }

    /// moto answers a denied call of a JSON service (here KMS) in XML; the SDK finds no
    /// code in it, the reason still does.
    #[tokio::test]
    async fn an_error_the_sdk_could_not_parse_is_read_from_the_answer() {
        let url = answering(
            "403 Forbidden",
            "text/xml",
            "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message></Error></ErrorResponse>",
        );
        let conf = aws_sdk_kms::Config::builder()
            .behavior_version(aws_sdk_kms::config::BehaviorVersion::latest())
            .region(aws_sdk_kms::config::Region::new("us-east-1"))
            .endpoint_url(&url)
            .credentials_provider(aws_credential_types::Credentials::new(
                "AKIDTEST", "secret", None, None, "test",
            ))
            .retry_config(aws_smithy_types::retry::RetryConfig::disabled())
            .build();
        let err = aws_sdk_kms::Client::from_conf(conf)
            .list_keys()
            .send()
            .await
            .unwrap_err();
        assert_eq!(
            failure("ListKeys", &err),
            "ListKeys: HTTP 403 AccessDenied: not allowed"
        );
    }

    #[tokio::test]
    async fn an_html_error_page_is_never_kept() {
        let url = answering("500 Internal Server Error", "text/html", EMULATOR_500_PAGE);
        let reason = password_policy_failure(&url).await;
        assert_readable(&reason);
        assert_eq!(
            reason,
            "GetAccountPasswordPolicy: HTTP 500 (no AWS error in the answer)"
        );
    }

    #[tokio::test]
    async fn a_timeout_says_so_on_one_line() {
        // Accepts connections and never answers.
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let reason = password_policy_failure(&url).await;
        assert_readable(&reason);
        assert!(
            reason.starts_with("GetAccountPasswordPolicy: timed out: "),
            "{reason}"
        );
        assert!(reason.contains("400ms"), "{reason}");
    }

    #[tokio::test]
    async fn a_refused_connection_is_a_dispatch_failure_on_one_line() {
        // A port that was free a moment ago: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let reason = password_policy_failure(&format!("http://127.0.0.1:{port}")).await;
        assert_readable(&reason);
        assert!(
            reason.starts_with("GetAccountPasswordPolicy: connection failed: "),
            "{reason}"
        );
        assert!(reason.to_lowercase().contains("refused"), "{reason}");
    }

    #[test]
    fn answers_read_the_same_whichever_client_met_them() {
        assert_eq!(
            answer_text(Some(404), "NoSuchEntity", "none"),
            "HTTP 404 NoSuchEntity: none"
        );
        assert_eq!(
            answer_text(Some(400), "Throttling", ""),
            "HTTP 400 Throttling"
        );
        assert_eq!(
            answer_text(Some(502), "", "<html><body>bad gateway</body></html>"),
            "HTTP 502 (no AWS error in the answer)"
        );
        assert_eq!(
            answer_text(
                Some(500),
                "",
                "<?xml version=\"1.0\"?><Error><Code>InternalError</Code><Message>try again</Message></Error>"
            ),
            "HTTP 500: InternalError: try again"
        );
        assert_eq!(
            answer_text(None, "", "no answer within 30s"),
            "no answer within 30s"
        );
    }

    #[test]
    fn one_line_flattens_strips_and_caps() {
        assert_eq!(one_line("a\n\n  b\r\tc\u{1b}d", 100), "a b c d");
        assert_eq!(one_line("x\u{202e}y", 100), "xy");
        assert_eq!(
            one_line(
                "collector s3: GetBucketPolicy: <!DOCTYPE html><html>..</html>",
                100
            ),
            "collector s3: GetBucketPolicy: (an HTML or XML page, left out)"
        );
        let long = "é".repeat(500);
        let capped = one_line(&long, 300);
        assert_eq!(capped.chars().count(), 300);
        assert!(capped.ends_with('…'));
        assert_eq!(one_line(&"é".repeat(300), 300), "é".repeat(300));
    }
}
