//! Alert destinations as the registry stores them, and the secret references they hold
//! instead of secret values.

use crate::model::Severity;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::PathBuf;

/// The longest secret a reference may resolve to: a webhook URL or a signing key.
pub const MAX_SECRET_BYTES: usize = 4096;
/// A signing key shorter than this is refused: it would be guessable.
pub const MIN_SIGNING_KEY_BYTES: usize = 16;

/// Where a secret lives: the registry keeps this reference, never the value, so reading
/// the store (or `parapet alerts list`) reveals no URL or key.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum SecretRef {
    /// `env:NAME`: an environment variable of the process that sends.
    Env(String),
    /// `file:PATH`: the first line of a file readable by its owner only.
    File(PathBuf),
}

impl SecretRef {
    /// Parses `env:NAME` or `file:/absolute/path`, refusing anything else, a URL given
    /// in place of a reference included (it would end up stored in the clear).
    pub fn parse(text: &str) -> Result<SecretRef, String> {
        let hint = "a secret is given by reference: env:NAME (an environment variable) or file:/absolute/path";
        if let Some(name) = text.strip_prefix("env:") {
            let valid = !name.is_empty()
                && name.len() <= 128
                && !name.starts_with(|c: char| c.is_ascii_digit())
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            return match valid {
                true => Ok(SecretRef::Env(name.to_string())),
                false => Err(format!(
                    "env:{name} is not an environment variable name (letters, digits, _; not starting with a digit)"
                )),
            };
        }
        if let Some(path) = text.strip_prefix("file:") {
            let path = PathBuf::from(path);
            let valid = path.is_absolute() && path.as_os_str().len() <= 4096;
            return match valid && !text.chars().any(char::is_control) {
                true => Ok(SecretRef::File(path)),
                false => Err(format!("{text:?} must name an absolute path ({hint})")),
            };
        }
        // Never echo the text: it may be the secret itself.
        Err(format!("not a secret reference; {hint}"))
    }

    /// Reads the value now. Errors name the reference, never the value.
    pub fn resolve(&self) -> anyhow::Result<Secret> {
        let value = match self {
            SecretRef::Env(name) => std::env::var(name)
                .map_err(|_| anyhow::anyhow!("{self}: the environment variable is not set"))?,
            SecretRef::File(path) => {
                read_secret_file(path).map_err(|e| anyhow::anyhow!("{self}: {e}"))?
            }
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            anyhow::bail!("{self}: the secret is empty");
        }
        if value.len() > MAX_SECRET_BYTES || value.chars().any(char::is_control) {
            anyhow::bail!("{self}: the secret is not one line of at most {MAX_SECRET_BYTES} bytes");
        }
        Ok(Secret(value))
    }
}

/// The first line of a secret file, refused when others than its owner can read it.
fn read_secret_file(path: &std::path::Path) -> Result<String, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read the file: {e}"))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if meta.permissions().mode() & 0o077 != 0 {
            return Err("the file is readable by others than its owner (chmod 600 it)".into());
        }
    }
    if meta.len() > MAX_SECRET_BYTES as u64 {
        return Err(format!("the file is larger than {MAX_SECRET_BYTES} bytes"));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read the file: {e}"))?;
    Ok(text.lines().next().unwrap_or_default().to_string())
}

impl fmt::Display for SecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SecretRef::Env(name) => write!(f, "env:{name}"),
            SecretRef::File(path) => write!(f, "file:{}", path.display()),
        }
    }
}

impl fmt::Debug for SecretRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretRef({self})")
    }
}

impl TryFrom<String> for SecretRef {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        SecretRef::parse(&s)
    }
}

impl From<SecretRef> for String {
    fn from(r: SecretRef) -> String {
        r.to_string()
    }
}

/// A resolved secret. Debug and Display print a placeholder: only `expose` gives the
/// value, at the one place that sends it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
impl Secret {
    pub(crate) fn for_tests(value: &str) -> Secret {
        Secret(value.to_string())
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum DestinationKind {
    /// A generic HTTPS endpoint: JSON bodies (`render::webhook_body`) signed with
    /// HMAC-SHA256 under `signing_key`.
    Webhook {
        url: SecretRef,
        signing_key: SecretRef,
    },
    /// A Slack incoming webhook.
    Slack { url: SecretRef },
    /// An SNS topic, published to with the sending process's AWS credentials; the
    /// message is the webhook's JSON. A topic ARN is not a secret.
    Sns { topic_arn: String },
    /// An EventBridge bus (its ARN), put to with the sending process's AWS credentials;
    /// the event's detail is the webhook's JSON.
    EventBridge { bus_arn: String },
}

impl DestinationKind {
    pub fn label(&self) -> &'static str {
        match self {
            DestinationKind::Webhook { .. } => "webhook",
            DestinationKind::Slack { .. } => "slack",
            DestinationKind::Sns { .. } => "sns",
            DestinationKind::EventBridge { .. } => "eventbridge",
        }
    }

    /// The URL's reference, for the kinds sent over HTTPS.
    pub fn url(&self) -> Option<&SecretRef> {
        match self {
            DestinationKind::Webhook { url, .. } | DestinationKind::Slack { url } => Some(url),
            DestinationKind::Sns { .. } | DestinationKind::EventBridge { .. } => None,
        }
    }
}

/// One place alerts go, with what it wants to hear about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Destination {
    pub id: String,
    pub kind: DestinationKind,
    /// New failures of this severity or a more severe one are sent.
    pub min_severity: Severity,
    /// Also send a message when failures are resolved.
    pub send_resolved: bool,
    pub created_at: DateTime<Utc>,
}

impl Destination {
    /// A new destination with a fresh id (`dst-` and 12 hex digits).
    pub fn new(kind: DestinationKind, min_severity: Severity, send_resolved: bool) -> Self {
        let hex = uuid::Uuid::new_v4().simple().to_string();
        Destination {
            id: format!("dst-{}", &hex[..12]),
            kind,
            min_severity,
            send_resolved,
            created_at: Utc::now(),
        }
    }

    /// Whether a finding of `severity` is severe enough for this destination.
    pub fn wants(&self, severity: Severity) -> bool {
        // Severity orders the most severe first.
        severity <= self.min_severity
    }
}

/// Checks an SNS topic ARN (`arn:<partition>:sns:<region>:<account>:<name>`) and
/// returns its region.
pub fn topic_region(arn: &str) -> Result<&str, String> {
    let valid_name = |n: &str| {
        (1..=256).contains(&n.len())
            && n.chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.')
    };
    arn_region(arn, "sns", valid_name).ok_or_else(|| {
        format!(
            "{:?} is not an SNS topic ARN (arn:aws:sns:REGION:ACCOUNT:NAME)",
            crate::alert::plan::clip(arn, 300)
        )
    })
}

/// Checks an EventBridge bus ARN (`arn:<partition>:events:<region>:<account>:event-bus/<name>`)
/// and returns its region.
pub fn bus_region(arn: &str) -> Result<&str, String> {
    let valid_bus = |resource: &str| {
        resource.strip_prefix("event-bus/").is_some_and(|n| {
            (1..=256).contains(&n.len())
                && n.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
        })
    };
    arn_region(arn, "events", valid_bus).ok_or_else(|| {
        format!(
            "{:?} is not an EventBridge bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME)",
            crate::alert::plan::clip(arn, 300)
        )
    })
}

/// The region of `arn:<partition>:<service>:<region>:<account>:<resource>` when the
/// partition is AWS's, the region and 12-digit account are well formed and `resource`
/// passes `valid_resource`.
fn arn_region<'a>(
    arn: &'a str,
    service: &str,
    valid_resource: impl Fn(&str) -> bool,
) -> Option<&'a str> {
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let valid = parts.len() == 6
        && parts[0] == "arn"
        && matches!(parts[1], "aws" | "aws-cn" | "aws-us-gov")
        && parts[2] == service
        && !parts[3].is_empty()
        && parts[3]
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && parts[4].len() == 12
        && parts[4].chars().all(|c| c.is_ascii_digit())
        && valid_resource(parts[5]);
    valid.then_some(parts[3])
}

/// Checks a resolved webhook URL: HTTPS, or plain HTTP to this machine's loopback
/// address (a local relay, or a test server); no credentials inside the URL. Errors
/// never quote the URL: it is a secret.
pub fn check_url(url: &Secret) -> Result<(), String> {
    let url = url.expose();
    let (scheme, rest) = url
        .split_once("://")
        .ok_or("the URL has no scheme (https://...)")?;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.is_empty() {
        return Err("the URL has no host".into());
    }
    if authority.contains('@') {
        return Err("the URL carries credentials (user@host); they are not supported".into());
    }
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match scheme.to_ascii_lowercase().as_str() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        "http" => Err("the URL must use https (plain http only to a loopback address)".into()),
        _ => Err("the URL must use https".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_parse_strictly_and_never_echo_a_value() {
        assert_eq!(
            SecretRef::parse("env:SLACK_URL").unwrap(),
            SecretRef::Env("SLACK_URL".into())
        );
        assert_eq!(
            SecretRef::parse("file:/etc/parapet/key").unwrap(),
            SecretRef::File("/etc/parapet/key".into())
        );
        for bad in ["env:", "env:1X", "env:A-B", "file:relative/path", "ENV:X"] {
            assert!(SecretRef::parse(bad).is_err(), "{bad}");
        }
        let url = "https://hooks.slack.com/services/T0/B0/secretpart";
        let err = SecretRef::parse(url).unwrap_err();
        assert!(!err.contains("secretpart"), "{err}");
    }

    #[test]
    fn secrets_do_not_print() {
        std::env::set_var("PARAPET_TEST_ALERT_SECRET", " s3cr3t-value \n");
        let r = SecretRef::parse("env:PARAPET_TEST_ALERT_SECRET").unwrap();
        let secret = r.resolve().unwrap();
        assert_eq!(secret.expose(), "s3cr3t-value");
        assert!(!format!("{secret} {secret:?} {r} {r:?}").contains("s3cr3t"));
        let missing = SecretRef::parse("env:PARAPET_TEST_ALERT_UNSET").unwrap();
        let err = missing.resolve().unwrap_err().to_string();
        assert!(err.contains("env:PARAPET_TEST_ALERT_UNSET"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn secret_files_must_be_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile_dir();
        let path = dir.join("key");
        std::fs::write(&path, "k3y-value\nsecond line\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let r = SecretRef::File(path.clone());
        assert!(r.resolve().unwrap_err().to_string().contains("chmod 600"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(r.resolve().unwrap().expose(), "k3y-value");
        std::fs::remove_dir_all(dir).unwrap();
    }

    fn tempfile_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("parapet-alert-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn urls_must_be_https_unless_loopback() {
        let ok = |u: &str| check_url(&Secret(u.into()));
        assert!(ok("https://hooks.slack.com/services/x").is_ok());
        assert!(ok("http://127.0.0.1:8080/hook").is_ok());
        assert!(ok("http://[::1]:80/").is_ok());
        assert!(ok("http://localhost/x").is_ok());
        assert!(ok("http://example.com/hook").is_err());
        assert!(ok("http://127.0.0.1.evil.com/x").is_err());
        assert!(ok("https://user:pw@example.com/").is_err());
        assert!(ok("ftp://example.com/").is_err());
        assert!(ok("example.com").is_err());
    }

    #[test]
    fn topic_arns_are_checked() {
        assert_eq!(
            topic_region("arn:aws:sns:eu-west-1:123456789012:alerts"),
            Ok("eu-west-1")
        );
        assert_eq!(
            topic_region("arn:aws:sns:us-east-1:123456789012:a.fifo"),
            Ok("us-east-1")
        );
        for bad in [
            "arn:aws:sqs:us-east-1:123456789012:q",
            "arn:aws:sns:us-east-1:1234:t",
            "arn:aws:sns::123456789012:t",
            "arn:aws:sns:us-east-1:123456789012:",
            "arn:aws:sns:us-east-1:123456789012:a/b",
        ] {
            assert!(topic_region(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn bus_arns_are_checked() {
        let ok = "arn:aws:events:eu-west-1:123456789012:event-bus/default";
        assert_eq!(bus_region(ok), Ok("eu-west-1"));
        for bad in [
            "arn:aws:events:eu-west-1:123456789012:rule/x",
            "arn:aws:sns:eu-west-1:123456789012:event-bus/x",
            "arn:aws:events:eu-west-1:123456789012:event-bus/",
            "arn:aws:events:eu-west-1:123456789012:event-bus/a b",
        ] {
            assert!(bus_region(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn destinations_round_trip_as_references() {
        let d = Destination::new(
            DestinationKind::Webhook {
                url: SecretRef::Env("HOOK_URL".into()),
                signing_key: SecretRef::File("/run/key".into()),
            },
            Severity::High,
            true,
        );
        let json = serde_json::to_string(&d).unwrap();
        assert!(
            json.contains("\"env:HOOK_URL\"") && json.contains("\"file:/run/key\""),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<Destination>(&json).unwrap(), d);
        assert!(d.wants(Severity::Critical) && d.wants(Severity::High));
        assert!(!d.wants(Severity::Medium));
    }
}
