//! Alert batches as message bodies: Slack's Block Kit JSON, and the webhook's JSON
//! (schema in docs/usage.md, "Alerts"; `schema_version` changes when a field's meaning
//! does).

use super::model::DestinationKind;
use super::plan::{AlertItem, Batch, BatchKind, MessageLimit, ScanProblem};
use serde::Serialize;
use std::fmt::Write;

pub const WEBHOOK_SCHEMA_VERSION: u32 = 1;
/// A webhook body is at most this large (the same cap as an SNS message).
pub const MAX_WEBHOOK_BODY_BYTES: usize = 256 * 1024;
/// Slack truncates a message's text past 40,000 characters, rejects a section whose text
/// exceeds 3,000, and rejects messages whose blocks total much over 12,000 (observed,
/// undocumented). We stay well under all three.
pub const SLACK_SECTION_CHARS: usize = 2_900;
pub const SLACK_ITEM_CHARS: usize = 8_000;
/// One finding's line in Slack, escaped, at most this long.
const SLACK_LINE_CHARS: usize = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageFormat {
    /// The webhook schema, also the SNS message and the EventBridge event's detail.
    Json,
    Slack,
}

impl MessageFormat {
    pub fn of(kind: &DestinationKind) -> Self {
        match kind {
            DestinationKind::Webhook { .. }
            | DestinationKind::Sns { .. }
            | DestinationKind::EventBridge { .. } => MessageFormat::Json,
            DestinationKind::Slack { .. } => MessageFormat::Slack,
        }
    }

    pub fn limit(self) -> MessageLimit {
        match self {
            // Room for the envelope (and SNS's subject and attributes) under 256 KB, SNS's
            // limit too; 50 parts list 10,000 typical failures in full.
            MessageFormat::Json => MessageLimit {
                item_budget: MAX_WEBHOOK_BODY_BYTES - 16 * 1024,
                max_parts: 50,
            },
            // A channel is for people: a few messages, then a count and where to look.
            MessageFormat::Slack => MessageLimit {
                item_budget: SLACK_ITEM_CHARS,
                max_parts: 5,
            },
        }
    }
}

/// What one item adds to a message of `format`.
pub fn item_size(format: MessageFormat, item: &AlertItem) -> usize {
    match format {
        MessageFormat::Json => serde_json::to_string(item).map_or(0, |s| s.len()) + 1,
        MessageFormat::Slack => slack_line(item).chars().count() + 1,
    }
}

/// The body of `batch` for `format`; `delivery_id` identifies it to receivers that
/// drop redeliveries.
pub fn render(format: MessageFormat, delivery_id: &str, batch: &Batch) -> String {
    match format {
        MessageFormat::Json => webhook_body(delivery_id, batch),
        MessageFormat::Slack => slack_body(batch),
    }
}

#[derive(Serialize)]
struct WebhookBody<'a> {
    schema_version: u32,
    delivery_id: &'a str,
    #[serde(rename = "type")]
    kind: BatchKind,
    account_id: &'a str,
    scan_id: &'a str,
    scan_state: &'a str,
    part: usize,
    parts: usize,
    total: usize,
    omitted: usize,
    items: &'a [AlertItem],
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<&'a ScanProblem>,
}

pub fn webhook_body(delivery_id: &str, b: &Batch) -> String {
    let body = WebhookBody {
        schema_version: WEBHOOK_SCHEMA_VERSION,
        delivery_id,
        kind: b.kind,
        account_id: &b.account_id,
        scan_id: &b.scan_id,
        scan_state: b.scan_state.as_str(),
        part: b.part,
        parts: b.parts,
        total: b.total,
        omitted: b.omitted,
        items: &b.items,
        problem: b.problem.as_ref(),
    };
    serde_json::to_string(&body).expect("alert bodies serialize")
}

/// Text for Slack's mrkdwn: `&`, `<` and `>` escaped (so no text from an account can
/// form a link or a mention) and control characters made spaces.
pub fn slack_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Cuts escaped text to `max` characters without splitting an `&...;` entity.
fn clip_escaped(text: String, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text;
    };
    let mut cut = cut;
    if let Some(amp) = text[..cut].rfind('&') {
        if !text[amp..cut].contains(';') {
            cut = amp;
        }
    }
    format!("{}…", &text[..cut])
}

fn slack_line(item: &AlertItem) -> String {
    let mut line = format!(
        "• *{}* `{}` {} ({})",
        item.severity.as_str().to_uppercase(),
        slack_escape(&item.control_id),
        slack_escape(&item.resource_name),
        slack_escape(&item.region),
    );
    match item.now {
        Some(now) => {
            let _ = write!(line, ": now {now}");
        }
        None if item.reason.is_empty() => {}
        None => {
            let _ = write!(line, ": {}", slack_escape(&item.reason));
        }
    }
    clip_escaped(line, SLACK_LINE_CHARS)
}

fn slack_headline(b: &Batch) -> String {
    let (account, scan) = (slack_escape(&b.account_id), slack_escape(&b.scan_id));
    let part = match b.parts {
        1 => String::new(),
        n => format!(" (message {} of {n})", b.part),
    };
    match b.kind {
        BatchKind::NewFailures => format!(
            ":rotating_light: *{} new failure{}* in AWS account `{account}`, scan `{scan}`{part}",
            b.total,
            plural(b.total)
        ),
        BatchKind::Resolved => format!(
            ":white_check_mark: *{} failure{} resolved* in AWS account `{account}`, scan `{scan}`{part}",
            b.total,
            plural(b.total)
        ),
        BatchKind::ScanProblem => format!(
            ":warning: *Scan `{scan}` of AWS account `{account}` ended {}*: its results are incomplete",
            b.scan_state.as_str()
        ),
        BatchKind::Test => ":test_tube: *parapet test message*: this destination is set up \
                            correctly. It reports no finding."
            .to_string(),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn section(text: String) -> serde_json::Value {
    serde_json::json!({"type": "section", "text": {"type": "mrkdwn", "text": text}})
}

/// The lines packed into sections of at most `SLACK_SECTION_CHARS` each.
fn sections(lines: impl IntoIterator<Item = String>) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in lines {
        let fits = current.chars().count() + line.chars().count() < SLACK_SECTION_CHARS;
        if !current.is_empty() && !fits {
            out.push(section(std::mem::take(&mut current)));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(&line);
    }
    if !current.is_empty() {
        out.push(section(current));
    }
    out
}

fn problem_lines(p: &ScanProblem) -> Vec<String> {
    let mut lines = vec![format!(
        "{} task{} failed; {} finding{} became ERROR (could not be evaluated).",
        p.tasks_failed,
        plural(p.tasks_failed as usize),
        p.new_errors,
        plural(p.new_errors as usize)
    )];
    lines.extend(
        p.failures
            .iter()
            .map(|f| clip_escaped(format!("• {}", slack_escape(f)), SLACK_LINE_CHARS)),
    );
    lines
}

pub fn slack_body(b: &Batch) -> String {
    let headline = slack_headline(b);
    let mut blocks = vec![section(headline.clone())];
    blocks.extend(sections(b.items.iter().map(slack_line)));
    if let Some(p) = &b.problem {
        blocks.extend(sections(problem_lines(p)));
    }
    if b.omitted > 0 && b.part == b.parts {
        let note = format!(
            "{} more not listed here; `parapet report --scan {}` lists them all.",
            b.omitted,
            slack_escape(&b.scan_id)
        );
        blocks.push(serde_json::json!({
            "type": "context",
            "elements": [{"type": "mrkdwn", "text": note}]
        }));
    }
    // `text` is the notification's plain fallback.
    serde_json::json!({"text": headline, "blocks": blocks}).to_string()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{ScanState, Severity, Status};
    use chrono::Utc;

    /// Slack's limits, checked on a rendered body.
    pub(crate) fn assert_slack_limits(body: &str) {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        let blocks = v["blocks"].as_array().unwrap();
        assert!(blocks.len() <= 50, "{} blocks", blocks.len());
        let mut total = v["text"].as_str().unwrap().chars().count();
        for b in blocks {
            let text = b["text"]["text"]
                .as_str()
                .or(b["elements"][0]["text"].as_str())
                .unwrap();
            let n = text.chars().count();
            assert!(n <= 3000, "a section of {n} characters");
            total += n;
        }
        assert!(total <= 12_000, "{total} characters in one message");
    }

    fn item(name: &str, reason: &str, now: Option<Status>) -> AlertItem {
        AlertItem {
            control_id: "s3_bucket_public".into(),
            severity: Severity::Critical,
            resource_arn: format!("arn:aws:s3:::{name}"),
            resource_name: name.into(),
            resource_type: "AWS::S3::Bucket".into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            reason: reason.into(),
            status_changed_at: Utc::now(),
            now,
        }
    }

    fn batch(kind: BatchKind, items: Vec<AlertItem>) -> Batch {
        Batch {
            key: format!("{}-1", kind.as_str()),
            kind,
            account_id: "123456789012".into(),
            scan_id: "scan-1".into(),
            scan_state: ScanState::Complete,
            part: 1,
            parts: 1,
            total: items.len(),
            omitted: 0,
            items,
            problem: None,
        }
    }

    #[test]
    fn slack_text_from_an_account_cannot_mention_or_link() {
        let b = batch(
            BatchKind::NewFailures,
            vec![item(
                "<!channel>",
                "see <https://evil.example|here> & more",
                None,
            )],
        );
        let body = slack_body(&b);
        let v: serde_json::Value = serde_json::from_str(&body).unwrap();
        let text = v["blocks"][1]["text"]["text"].as_str().unwrap();
        assert!(!text.contains('<') && !text.contains('>'), "{text}");
        assert!(
            text.contains("&lt;!channel&gt;") && text.contains("&amp; more"),
            "{text}"
        );
        assert!(v["text"].as_str().unwrap().contains("1 new failure*"));
        assert_slack_limits(&body);
    }

    #[test]
    fn escaped_lines_are_cut_outside_entities() {
        let line = slack_line(&item("b", &"&".repeat(2000), None));
        assert!(line.chars().count() <= SLACK_LINE_CHARS + 1);
        assert!(line.trim_end_matches('…').ends_with("&amp;"), "{line}");
    }

    #[test]
    fn webhook_bodies_follow_the_schema() {
        let mut b = batch(
            BatchKind::Resolved,
            vec![item("b1", "", Some(Status::Pass))],
        );
        b.omitted = 3;
        let v: serde_json::Value =
            serde_json::from_str(&webhook_body("dst-1/scan-1/resolved-1", &b)).unwrap();
        assert_eq!(v["schema_version"], 1);
        assert_eq!(v["delivery_id"], "dst-1/scan-1/resolved-1");
        assert_eq!(v["type"], "resolved");
        assert_eq!(v["scan_state"], "complete");
        assert_eq!(
            (v["part"].as_u64(), v["parts"].as_u64()),
            (Some(1), Some(1))
        );
        assert_eq!(v["omitted"], 3);
        assert_eq!(v["items"][0]["now"], "PASS");
        assert_eq!(v["items"][0]["severity"], "critical");
        assert!(v.get("problem").is_none());
    }

    #[test]
    fn test_messages_say_so() {
        let body = slack_body(&batch(BatchKind::Test, vec![]));
        assert!(body.contains("parapet test message"));
        let v: serde_json::Value =
            serde_json::from_str(&webhook_body("d", &batch(BatchKind::Test, vec![]))).unwrap();
        assert_eq!(v["type"], "test");
    }
}
