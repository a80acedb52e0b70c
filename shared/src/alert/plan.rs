//! What a finished scan has to say to each destination. Pure: from the scan's
//! transitions (computed with `report::diff`) to batches, one message each, grouped per
//! account and scan and split to fit the destination's message limit.

use super::model::Destination;
use super::render::{item_size, MessageFormat};
use crate::model::{Finding, Scan, ScanState, Status};
use crate::report::diff::ScanDiff;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// Text taken from an account is hostile: every field of an item is cut to a bound.
const MAX_ID_CHARS: usize = 200;
const MAX_ARN_CHARS: usize = 1024;
const MAX_NAME_CHARS: usize = 256;
const MAX_REASON_CHARS: usize = 300;
/// Failed-task lines carried by a scan-problem message.
const MAX_PROBLEM_LINES: usize = 10;

/// One finding in an alert.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AlertItem {
    pub control_id: String,
    pub severity: crate::model::Severity,
    pub resource_arn: String,
    pub resource_name: String,
    pub resource_type: String,
    pub region: String,
    pub service: String,
    pub reason: String,
    pub status_changed_at: DateTime<Utc>,
    /// For a resolution: the status now, or `None` when the finding is gone (the
    /// resource was deleted or is no longer evaluated).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<Status>,
}

impl AlertItem {
    pub fn from_finding(f: &Finding, now: Option<Status>) -> Self {
        AlertItem {
            control_id: clip(&f.control_id, MAX_ID_CHARS),
            severity: f.severity,
            resource_arn: clip(&f.resource_arn, MAX_ARN_CHARS),
            resource_name: clip(&f.resource_name, MAX_NAME_CHARS),
            resource_type: clip(&f.resource_type, MAX_ID_CHARS),
            region: clip(&f.region, MAX_ID_CHARS),
            service: clip(&f.service, MAX_ID_CHARS),
            reason: clip(&f.reason, MAX_REASON_CHARS),
            status_changed_at: f.status_changed_at,
            now,
        }
    }
}

/// One line of text, control characters turned into spaces, at most `max` characters.
pub fn clip(text: &str, max: usize) -> String {
    let mut out: String = text
        .chars()
        .take(max)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if text.chars().nth(max).is_some() {
        out.push('…');
    }
    out
}

/// A scan that did not cover everything it set out to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanProblem {
    pub tasks_failed: u32,
    /// The first failed tasks with their reasons.
    pub failures: Vec<String>,
    /// Findings that became ERROR (could not be evaluated) in this scan.
    pub new_errors: u64,
}

/// What changed in one scan of one account.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    pub account_id: String,
    pub scan_id: String,
    pub scan_state: ScanState,
    /// Became FAIL in this scan, muted ones left out; most severe first.
    pub new_failures: Vec<AlertItem>,
    /// FAIL in the previous finished scan and fixed now; most severe first.
    pub resolved: Vec<AlertItem>,
    pub problem: Option<ScanProblem>,
}

/// The transitions of `scan`, from its diff with the previous finished scan of the
/// account (`report::diff`, findings with mute rules applied; against an empty side for
/// a first scan) and its own findings.
///
/// A new failure is one the diff reports whose status changed during this scan: a FAIL
/// missing from the previous scan only because that scan was partial is not new. A
/// failure that is now muted is not resolved (nothing was fixed), and when this scan is
/// partial a failure that merely vanished is not resolved either (its task may have
/// failed).
pub fn transitions(scan: &Scan, diff: &ScanDiff, findings_now: &[Finding]) -> Transitions {
    let in_this_scan = |f: &Finding| f.status_changed_at >= scan.started_at;
    let new_failures = diff
        .new_failures
        .iter()
        .filter(|f| in_this_scan(f))
        .map(|f| AlertItem::from_finding(f, None))
        .collect();
    let resolved = diff
        .resolved_failures
        .iter()
        .filter(|r| match r.now {
            Some(Status::Muted) => false,
            Some(_) => true,
            None => scan.state == ScanState::Complete,
        })
        .map(|r| AlertItem::from_finding(&r.finding, r.now))
        .collect();
    let new_errors = findings_now
        .iter()
        .filter(|f| f.shown_status() == Status::Error && in_this_scan(f))
        .count() as u64;
    let problem = (scan.state != ScanState::Complete || new_errors > 0).then(|| ScanProblem {
        tasks_failed: scan.tasks_failed,
        failures: scan
            .failures
            .iter()
            .take(MAX_PROBLEM_LINES)
            .map(|l| clip(l, 500))
            .collect(),
        new_errors,
    });
    Transitions {
        account_id: scan.account_id.clone(),
        scan_id: scan.id.clone(),
        scan_state: scan.state,
        new_failures,
        resolved,
        problem,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BatchKind {
    NewFailures,
    Resolved,
    ScanProblem,
    /// `parapet alerts test`.
    Test,
}

impl BatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            BatchKind::NewFailures => "new_failures",
            BatchKind::Resolved => "resolved",
            BatchKind::ScanProblem => "scan_problem",
            BatchKind::Test => "test",
        }
    }
}

/// One message to one destination.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// Unique within the scan and destination, the same every time the scan is planned:
    /// the delivery ledger suppresses a batch already delivered by this key.
    pub key: String,
    pub kind: BatchKind,
    pub account_id: String,
    pub scan_id: String,
    pub scan_state: ScanState,
    /// 1-based, of `parts` messages of this kind.
    pub part: usize,
    pub parts: usize,
    /// Items of this kind in the scan, listed or not.
    pub total: usize,
    /// Items of this kind not listed in any part (beyond the destination's message cap);
    /// the last part says how many.
    pub omitted: usize,
    pub items: Vec<AlertItem>,
    pub problem: Option<ScanProblem>,
}

/// How much one message may carry, and how many messages one kind of news may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageLimit {
    /// The items' rendered size per message (bytes for webhooks, characters for Slack),
    /// below the destination's limit with room for the envelope.
    pub item_budget: usize,
    pub max_parts: usize,
}

/// Every batch `dest` should get for the scan, in sending order.
pub fn plan(dest: &Destination, t: &Transitions) -> Vec<Batch> {
    let format = MessageFormat::of(&dest.kind);
    let wanted = |items: &[AlertItem]| -> Vec<AlertItem> {
        items
            .iter()
            .filter(|i| dest.wants(i.severity))
            .cloned()
            .collect()
    };
    let mut batches = split(t, BatchKind::NewFailures, wanted(&t.new_failures), format);
    if dest.send_resolved {
        batches.extend(split(t, BatchKind::Resolved, wanted(&t.resolved), format));
    }
    if let Some(problem) = &t.problem {
        batches.push(Batch {
            problem: Some(problem.clone()),
            ..empty_batch(
                t,
                BatchKind::ScanProblem,
                format!("{}-1", BatchKind::ScanProblem.as_str()),
            )
        });
    }
    batches
}

/// A clearly marked test message for `parapet alerts test`.
pub fn test_batch(account_id: &str, run_id: &str) -> Batch {
    Batch {
        key: format!("test-{run_id}"),
        kind: BatchKind::Test,
        account_id: account_id.to_string(),
        scan_id: format!("test-{run_id}"),
        scan_state: ScanState::Complete,
        part: 1,
        parts: 1,
        total: 0,
        omitted: 0,
        items: Vec::new(),
        problem: None,
    }
}

fn empty_batch(t: &Transitions, kind: BatchKind, key: String) -> Batch {
    Batch {
        key,
        kind,
        account_id: t.account_id.clone(),
        scan_id: t.scan_id.clone(),
        scan_state: t.scan_state,
        part: 1,
        parts: 1,
        total: 0,
        omitted: 0,
        items: Vec::new(),
        problem: None,
    }
}

/// Packs `items` greedily into messages within the format's budget, at most
/// `max_parts` of them; the rest are counted as omitted on every part.
fn split(
    t: &Transitions,
    kind: BatchKind,
    items: Vec<AlertItem>,
    format: MessageFormat,
) -> Vec<Batch> {
    if items.is_empty() {
        return Vec::new();
    }
    let limit = format.limit();
    let total = items.len();
    let mut groups: Vec<Vec<AlertItem>> = vec![Vec::new()];
    let mut used = 0;
    let mut listed = 0;
    for item in items {
        let size = item_size(format, &item);
        let current = groups.last().expect("one group");
        if !current.is_empty() && used + size > limit.item_budget {
            if groups.len() == limit.max_parts {
                break;
            }
            groups.push(Vec::new());
            used = 0;
        }
        used += size;
        listed += 1;
        groups.last_mut().expect("one group").push(item);
    }
    let parts = groups.len();
    groups
        .into_iter()
        .enumerate()
        .map(|(i, items)| Batch {
            part: i + 1,
            parts,
            total,
            omitted: total - listed,
            items,
            ..empty_batch(t, kind, format!("{}-{}", kind.as_str(), i + 1))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::model::{DestinationKind, SecretRef};
    use crate::alert::render::render;
    use crate::model::Severity;
    use crate::report::diff::Resolved;
    use chrono::Duration;

    pub(crate) fn finding(
        i: usize,
        severity: Severity,
        status: Status,
        at: DateTime<Utc>,
    ) -> Finding {
        Finding {
            control_id: format!("s3_control_{}", i % 7),
            resource_arn: format!("arn:aws:s3:::bucket-{i:05}"),
            resource_name: format!("bucket-{i:05}"),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            severity,
            status,
            reason: format!("bucket-{i:05} allows public reads through its policy"),
            scan_id: "scan-2".into(),
            first_seen: at,
            last_seen: at,
            status_changed_at: at,
            muted: None,
        }
    }

    fn scan(state: ScanState, started_at: DateTime<Utc>) -> Scan {
        Scan {
            id: "scan-2".into(),
            account_id: "123456789012".into(),
            started_at,
            finished_at: Some(started_at + Duration::minutes(1)),
            state,
            regions: vec!["us-east-1".into()],
            tasks_total: 3,
            tasks_done: 3,
            tasks_failed: u32::from(state == ScanState::Partial),
            failures: vec!["s3/us-east-1: AccessDenied".into()],
            summary: None,
        }
    }

    fn empty_diff() -> ScanDiff {
        ScanDiff {
            from_scan: "scan-1".into(),
            to_scan: "scan-2".into(),
            new_failures: vec![],
            resolved_failures: vec![],
            new_resources: vec![],
            removed_resources: vec![],
            scores: vec![],
        }
    }

    pub(crate) fn destination(kind: &str, min: Severity, resolved: bool) -> Destination {
        let url = SecretRef::Env("URL".into());
        let kind = match kind {
            "slack" => DestinationKind::Slack { url },
            _ => DestinationKind::Webhook {
                url,
                signing_key: SecretRef::Env("KEY".into()),
            },
        };
        Destination::new(kind, min, resolved)
    }

    #[test]
    fn only_failures_of_this_scan_at_or_above_the_severity_are_sent() {
        let start = Utc::now();
        let mut diff = empty_diff();
        diff.new_failures = vec![
            finding(
                1,
                Severity::Critical,
                Status::Fail,
                start + Duration::seconds(5),
            ),
            finding(2, Severity::Low, Status::Fail, start + Duration::seconds(5)),
            // FAIL since before this scan: missing from a partial previous scan only.
            finding(3, Severity::High, Status::Fail, start - Duration::days(1)),
        ];
        let t = transitions(&scan(ScanState::Complete, start), &diff, &[]);
        assert_eq!(t.new_failures.len(), 2);
        assert!(t.problem.is_none());
        let batches = plan(&destination("webhook", Severity::High, false), &t);
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].kind, BatchKind::NewFailures);
        assert_eq!(batches[0].items.len(), 1);
        assert_eq!(batches[0].items[0].resource_name, "bucket-00001");
        assert_eq!(batches[0].key, "new_failures-1");
        let all = plan(&destination("slack", Severity::Informational, false), &t);
        assert_eq!(all[0].items.len(), 2);
    }

    #[test]
    fn resolutions_go_only_where_asked_and_not_for_muting_or_gaps() {
        let start = Utc::now();
        let old = start - Duration::days(1);
        let mut diff = empty_diff();
        diff.resolved_failures = vec![
            Resolved {
                finding: finding(1, Severity::High, Status::Fail, old),
                now: Some(Status::Pass),
            },
            Resolved {
                finding: finding(2, Severity::High, Status::Fail, old),
                now: Some(Status::Muted),
            },
            Resolved {
                finding: finding(3, Severity::High, Status::Fail, old),
                now: None,
            },
        ];
        let complete = transitions(&scan(ScanState::Complete, start), &diff, &[]);
        assert_eq!(
            complete.resolved.len(),
            2,
            "fixed, and gone from a complete scan"
        );
        let partial = transitions(&scan(ScanState::Partial, start), &diff, &[]);
        assert_eq!(
            partial.resolved.len(),
            1,
            "a vanished finding of a partial scan is not resolved"
        );

        assert!(plan(&destination("webhook", Severity::Low, false), &complete).is_empty());
        let batches = plan(&destination("webhook", Severity::Low, true), &complete);
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].kind, BatchKind::Resolved);
        assert_eq!(batches[0].items[0].now, Some(Status::Pass));
    }

    #[test]
    fn a_partial_or_erroring_scan_alerts_once() {
        let start = Utc::now();
        let t = transitions(&scan(ScanState::Partial, start), &empty_diff(), &[]);
        let batches = plan(&destination("slack", Severity::Critical, false), &t);
        assert_eq!(batches.len(), 1);
        assert_eq!(batches[0].kind, BatchKind::ScanProblem);
        assert_eq!(batches[0].problem.as_ref().unwrap().tasks_failed, 1);

        let errors = [
            finding(
                1,
                Severity::High,
                Status::Error,
                start + Duration::seconds(1),
            ),
            finding(
                2,
                Severity::High,
                Status::Error,
                start + Duration::seconds(1),
            ),
            finding(3, Severity::High, Status::Error, start - Duration::days(2)),
        ];
        let t = transitions(&scan(ScanState::Complete, start), &empty_diff(), &errors);
        assert_eq!(t.problem.as_ref().unwrap().new_errors, 2);
        let unchanged = transitions(
            &scan(ScanState::Complete, start),
            &empty_diff(),
            &errors[2..],
        );
        assert!(unchanged.problem.is_none(), "an old ERROR is no news");
    }

    #[test]
    fn ten_thousand_failures_split_within_limits_and_count_the_rest() {
        let start = Utc::now();
        let mut diff = empty_diff();
        diff.new_failures = (0..10_000)
            .map(|i| finding(i, Severity::High, Status::Fail, start))
            .collect();
        let t = transitions(&scan(ScanState::Complete, start), &diff, &[]);
        for (kind, format) in [
            ("webhook", MessageFormat::Json),
            ("slack", MessageFormat::Slack),
        ] {
            let dest = destination(kind, Severity::Low, false);
            let batches = plan(&dest, &t);
            let limit = format.limit();
            assert!(batches.len() <= limit.max_parts);
            let listed: usize = batches.iter().map(|b| b.items.len()).sum();
            let omitted = batches[0].omitted;
            assert_eq!(
                listed + omitted,
                10_000,
                "{kind}: every failure listed or counted"
            );
            let keys: std::collections::HashSet<_> = batches.iter().map(|b| &b.key).collect();
            assert_eq!(keys.len(), batches.len());
            for b in &batches {
                assert_eq!((b.total, b.parts), (10_000, batches.len()));
                let body = render(format, "dst-x/scan-2/k", b);
                match format {
                    MessageFormat::Json => assert!(body.len() <= 256 * 1024, "{}", body.len()),
                    MessageFormat::Slack => crate::alert::render::tests::assert_slack_limits(&body),
                }
            }
            let last = render(format, "d", batches.last().unwrap());
            if omitted > 0 {
                assert!(
                    last.contains(&omitted.to_string()),
                    "{kind}: the omitted count is stated"
                );
            }
            if kind == "webhook" {
                assert_eq!(omitted, 0, "webhooks list 10,000 failures in full");
            }
        }
    }

    #[test]
    fn hostile_text_is_bounded() {
        let mut f = finding(1, Severity::High, Status::Fail, Utc::now());
        f.reason = "x\n".repeat(100_000);
        f.resource_name = "n".repeat(100_000);
        let item = AlertItem::from_finding(&f, None);
        assert!(item.reason.chars().count() <= MAX_REASON_CHARS + 1);
        assert!(!item.reason.contains('\n'));
        assert!(item.resource_name.chars().count() <= MAX_NAME_CHARS + 1);
    }
}
