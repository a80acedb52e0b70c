//! Sending one message: an HTTPS POST with a bounded timeout, retried with backoff on
//! what may pass (timeouts, connection errors, 5xx, 408, 429 with a bounded Retry-After)
//! and given up at once on what will not (other 4xx, 3xx). Errors never name the URL:
//! for Slack and most webhooks the URL is the credential.

use super::model::Secret;
use super::plan::clip;
use super::signature::{signature_header, SIGNATURE_HEADER};
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use std::time::Duration;

/// The header naming the delivery, the same on every attempt and redelivery: receivers
/// drop a message they already have by it.
pub const DELIVERY_HEADER: &str = "x-parapet-delivery";
/// Of a failed response's body, this much is read for the error message.
const ERROR_BODY_BYTES: usize = 4096;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub attempts: u32,
    pub first_backoff: Duration,
    pub max_backoff: Duration,
    /// One attempt, from connecting to the response's status.
    pub timeout: Duration,
    /// A Retry-After longer than this is cut to it.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 5,
            first_backoff: Duration::from_millis(250),
            max_backoff: Duration::from_secs(4),
            timeout: Duration::from_secs(10),
            max_retry_after: Duration::from_secs(30),
        }
    }
}

/// One message to send.
pub struct Outgoing<'a> {
    pub url: &'a Secret,
    /// Webhooks sign; Slack does not.
    pub signing_key: Option<&'a Secret>,
    pub delivery_id: &'a str,
    pub body: &'a str,
}

/// Why a message was not delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryError {
    pub attempts: u32,
    /// The destination refused it (another attempt would be refused too).
    pub permanent: bool,
    pub reason: String,
}

impl std::fmt::Display for DeliveryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = if self.permanent { "refused" } else { "gave up" };
        write!(
            f,
            "{how} after {} attempt(s): {}",
            self.attempts, self.reason
        )
    }
}

enum Attempt {
    Delivered,
    Retry {
        reason: String,
        after: Option<Duration>,
    },
    Refused(String),
}

type Https = hyper_rustls::HttpsConnector<HttpConnector>;

pub struct Sender {
    client: Client<Https, Full<Bytes>>,
    policy: RetryPolicy,
}

impl Sender {
    pub fn new(policy: RetryPolicy) -> anyhow::Result<Self> {
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_native_roots()
            .map_err(|e| anyhow::anyhow!("cannot load the system's TLS root certificates: {e}"))?
            .https_or_http()
            .enable_http1()
            .build();
        Ok(Sender {
            client: Client::builder(TokioExecutor::new()).build(https),
            policy,
        })
    }

    /// Sends `msg`, retrying per the policy. Ok holds the attempts it took.
    pub async fn send(&self, msg: &Outgoing<'_>) -> Result<u32, DeliveryError> {
        let mut backoff = self.policy.first_backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (reason, after) = match self.attempt(msg).await {
                Attempt::Delivered => return Ok(attempt),
                Attempt::Refused(reason) => {
                    return Err(DeliveryError {
                        attempts: attempt,
                        permanent: true,
                        reason,
                    })
                }
                Attempt::Retry { reason, after } => (reason, after),
            };
            if attempt >= self.policy.attempts {
                return Err(DeliveryError {
                    attempts: attempt,
                    permanent: false,
                    reason,
                });
            }
            let wait = after.map_or(backoff, |a| a.min(self.policy.max_retry_after));
            tokio::time::sleep(wait).await;
            backoff = (backoff * 2).min(self.policy.max_backoff);
        }
    }

    async fn attempt(&self, msg: &Outgoing<'_>) -> Attempt {
        let request = match build_request(msg) {
            Ok(r) => r,
            Err(reason) => return Attempt::Refused(reason),
        };
        let exchange = async {
            let response = self.client.request(request).await?;
            let status = response.status();
            let retry_after = retry_after(response.headers());
            let body = if status.is_success() {
                Bytes::new()
            } else {
                // A short, bounded read: the reason a destination gives ("invalid_payload").
                Limited::new(response.into_body(), ERROR_BODY_BYTES)
                    .collect()
                    .await
                    .map(|b| b.to_bytes())
                    .unwrap_or_default()
            };
            Ok::<_, hyper_util::client::legacy::Error>((status, retry_after, body))
        };
        match tokio::time::timeout(self.policy.timeout, exchange).await {
            Err(_) => Attempt::Retry {
                reason: format!("no answer within {} s", self.policy.timeout.as_secs_f32()),
                after: None,
            },
            Ok(Err(e)) => Attempt::Retry {
                reason: error_chain(&e),
                after: None,
            },
            Ok(Ok((status, retry_after, body))) => classify(status.as_u16(), retry_after, &body),
        }
    }
}

fn build_request(msg: &Outgoing<'_>) -> Result<http::Request<Full<Bytes>>, String> {
    let uri: http::Uri = msg
        .url
        .expose()
        .parse()
        .map_err(|_| "the destination URL is not a valid URL".to_string())?;
    let mut request = http::Request::post(uri)
        .header("content-type", "application/json")
        .header("user-agent", concat!("parapet/", env!("CARGO_PKG_VERSION")))
        .header(DELIVERY_HEADER, msg.delivery_id);
    if let Some(key) = msg.signing_key {
        let now = chrono::Utc::now().timestamp();
        let signature = signature_header(key.expose().as_bytes(), now, msg.body.as_bytes());
        request = request.header(SIGNATURE_HEADER, signature);
    }
    request
        .body(Full::new(Bytes::from(msg.body.to_string())))
        .map_err(|_| "the request could not be built (delivery id or URL)".to_string())
}

/// A response status, sorted into delivered, worth another attempt, or refused.
fn classify(status: u16, retry_after: Option<Duration>, body: &[u8]) -> Attempt {
    let said = clip(String::from_utf8_lossy(body).trim(), 200);
    let reason = match said.is_empty() {
        true => format!("HTTP {status}"),
        false => format!("HTTP {status}: {said}"),
    };
    match status {
        200..=299 => Attempt::Delivered,
        408 | 429 | 500..=599 => Attempt::Retry {
            reason,
            after: retry_after,
        },
        300..=399 => Attempt::Refused(format!("{reason} (redirects are not followed)")),
        _ => Attempt::Refused(reason),
    }
}

/// Retry-After in seconds; the HTTP-date form is treated as absent.
fn retry_after(headers: &http::HeaderMap) -> Option<Duration> {
    let secs: u64 = headers
        .get("retry-after")?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(secs))
}

/// An error and its causes on one line ("client error (Connect): tcp connect error: ...").
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    clip(&text, 300)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[test]
    fn statuses_sort_into_retry_or_refusal() {
        let retry = |s| matches!(classify(s, None, b""), Attempt::Retry { .. });
        let refused = |s| matches!(classify(s, None, b""), Attempt::Refused(_));
        assert!(matches!(classify(204, None, b""), Attempt::Delivered));
        assert!(retry(500) && retry(503) && retry(429) && retry(408));
        assert!(refused(400) && refused(403) && refused(404) && refused(301));
        match classify(400, None, b"invalid_payload\n") {
            Attempt::Refused(r) => assert_eq!(r, "HTTP 400: invalid_payload"),
            _ => panic!("400 is permanent"),
        }
    }

    /// A loopback server answering each connection with the next of `answers` (raw
    /// status line and headers); `None` holds the connection open without answering.
    /// Returns its URL and the count of requests it read.
    fn server(answers: Vec<Option<&'static str>>) -> (Secret, Arc<AtomicUsize>) {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        let count = Arc::new(AtomicUsize::new(0));
        let seen = count.clone();
        std::thread::spawn(move || {
            for answer in answers {
                let (mut socket, _) = listener.accept().unwrap();
                let mut buf = vec![0; 64 * 1024];
                let _ = socket.read(&mut buf);
                seen.fetch_add(1, Ordering::SeqCst);
                match answer {
                    Some(head) => {
                        let reply =
                            format!("{head}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                        let _ = socket.write_all(reply.as_bytes());
                    }
                    None => std::thread::sleep(Duration::from_secs(5)),
                }
            }
        });
        (Secret::for_tests(&url), count)
    }

    fn quick() -> RetryPolicy {
        RetryPolicy {
            attempts: 3,
            first_backoff: Duration::from_millis(10),
            max_backoff: Duration::from_millis(20),
            timeout: Duration::from_millis(300),
            max_retry_after: Duration::from_millis(50),
        }
    }

    async fn send_to(url: &Secret) -> Result<u32, DeliveryError> {
        let sender = Sender::new(quick()).unwrap();
        let key = Secret::for_tests("0123456789abcdef");
        let msg = Outgoing {
            url,
            signing_key: Some(&key),
            delivery_id: "d/s/k",
            body: "{}",
        };
        sender.send(&msg).await
    }

    #[tokio::test]
    async fn transient_failures_are_retried_and_refusals_are_not() {
        let (url, count) = server(vec![
            Some("HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600"),
            Some("HTTP/1.1 503 Service Unavailable"),
            Some("HTTP/1.1 200 OK"),
        ]);
        let started = std::time::Instant::now();
        assert_eq!(send_to(&url).await, Ok(3));
        assert_eq!(count.load(Ordering::SeqCst), 3);
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "Retry-After is bounded"
        );

        let (url, count) = server(vec![
            Some("HTTP/1.1 404 Not Found"),
            Some("HTTP/1.1 200 OK"),
        ]);
        let err = send_to(&url).await.unwrap_err();
        assert!(err.permanent && err.attempts == 1, "{err}");
        assert_eq!(count.load(Ordering::SeqCst), 1, "a 404 is not retried");

        let (url, _) = server(vec![None, None, None]);
        let err = send_to(&url).await.unwrap_err();
        assert!(!err.permanent && err.attempts == 3, "{err}");
        assert!(err.reason.contains("no answer within"), "{err}");
        assert!(
            !err.to_string().contains("127.0.0.1"),
            "errors never carry the URL: {err}"
        );
    }

    #[test]
    fn retry_after_is_read_in_seconds() {
        let mut h = http::HeaderMap::new();
        assert_eq!(retry_after(&h), None);
        h.insert("retry-after", "7".parse().unwrap());
        assert_eq!(retry_after(&h), Some(Duration::from_secs(7)));
        h.insert(
            "retry-after",
            "Wed, 21 Oct 2015 07:28:00 GMT".parse().unwrap(),
        );
        assert_eq!(retry_after(&h), None);
    }
}
