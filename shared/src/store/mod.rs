//! Storage behind one trait, written against the queries the product needs.

#[cfg(feature = "aws")]
mod dynamodb;
mod sqlite;

#[cfg(feature = "aws")]
pub use dynamodb::DynamoStore;
pub use sqlite::SqliteStore;

use crate::model::{
    Account, Finding, Mask, MuteRule, Resource, Scan, ScanState, ScanSummary, Severity, Status,
};
use async_trait::async_trait;
use std::collections::{BTreeMap, HashMap};

/// A resource's tags, key to value.
pub type Tags = BTreeMap<String, String>;

/// Which findings to read back.
#[derive(Debug, Clone, Default)]
pub struct FindingQuery {
    pub scan_id: Option<String>,
    pub account_id: Option<String>,
    /// Only these control ids (a benchmark's); empty = all.
    pub control_ids: Vec<String>,
    pub services: Vec<String>,
    pub statuses: Vec<Status>,
    pub severities: Vec<Severity>,
    pub resource_arn: Option<String>,
}

impl FindingQuery {
    /// Whether a finding passes every filter of the query.
    pub fn matches(&self, f: &Finding) -> bool {
        fn any<T: PartialEq>(allowed: &[T], v: &T) -> bool {
            allowed.is_empty() || allowed.contains(v)
        }
        self.scan_id.as_ref().is_none_or(|s| *s == f.scan_id)
            && self.account_id.as_ref().is_none_or(|a| *a == f.account_id)
            && self
                .resource_arn
                .as_ref()
                .is_none_or(|a| *a == f.resource_arn)
            && any(&self.control_ids, &f.control_id)
            && any(&self.services, &f.service)
            && any(&self.statuses, &f.status)
            && any(&self.severities, &f.severity)
    }
}

/// Failed tasks listed on a scan with their reasons; beyond it the scan only counts them
/// (every failed task keeps its own reason on its task record). With reasons of at most
/// `MAX_REASON_CHARS`, the list stays far below DynamoDB's 400 KB item limit.
pub const MAX_FAILURES_ON_SCAN: usize = 100;
/// A failure reason on the scan: one line, this long at most (characters).
pub const MAX_REASON_CHARS: usize = 500;
/// A failure reason on its task record: the full text, up to this many bytes.
pub const MAX_TASK_ERROR_BYTES: usize = 32 * 1024;
/// Findings read from a store at once by those that stream a scan (summaries, outputs).
pub const FINDINGS_PAGE: usize = 1000;

/// Earlier scans looked through for the previous finished one: scans that never finished
/// (a crash mid-scan) are passed over, up to this many.
const PREVIOUS_SCANS_LOOKED_AT: usize = 50;

/// The account's most recent scan started before `scan` that finished with findings: the
/// one its changes (trend, alerts) are measured against. A scan whose tasks could not
/// even be enqueued has no findings and says nothing.
pub async fn previous_finished_scan(
    store: &dyn Store,
    scan: &Scan,
) -> anyhow::Result<Option<Scan>> {
    let scans = store
        .scans(Some(&scan.account_id), PREVIOUS_SCANS_LOOKED_AT)
        .await?;
    Ok(scans
        .into_iter()
        .skip_while(|s| s.id != scan.id)
        .skip(1)
        .find(|s| {
            s.state != ScanState::Running && s.summary.as_ref().is_some_and(|m| m.findings > 0)
        }))
}

/// One line of a scan's failure list: the task and its reason, with control characters
/// and line breaks turned into spaces and cut at `MAX_REASON_CHARS`. Both stores list
/// failures through this.
pub fn failure_line(task_key: &str, error: &str) -> String {
    let line: String = format!("{task_key}: {error}")
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    match line.char_indices().nth(MAX_REASON_CHARS) {
        Some((cut, _)) => format!("{} [truncated]", &line[..cut]),
        None => line,
    }
}

/// The line that closes a failure list cut at `MAX_FAILURES_ON_SCAN`.
pub fn more_failures_line(omitted: u32) -> String {
    format!("... and {omitted} more failed tasks (their reasons are on their task records)")
}

/// A task's full failure reason, cut at `MAX_TASK_ERROR_BYTES` (on a character boundary).
pub fn task_error_detail(error: &str) -> String {
    if error.len() <= MAX_TASK_ERROR_BYTES {
        return error.to_string();
    }
    let mut cut = MAX_TASK_ERROR_BYTES;
    while !error.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{} [truncated]", &error[..cut])
}

/// Where a scan's task counter stands after one more task finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskProgress {
    pub done: u32,
    pub failed: u32,
    pub total: u32,
    /// False when this task had already been counted (a redelivery).
    pub newly_counted: bool,
}

impl TaskProgress {
    pub fn finished(&self) -> bool {
        self.done + self.failed >= self.total
    }
}

/// Whether one more real-time rescan may run now (see `Store::admit_rescan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RescanAdmission {
    /// Within the limit: send it.
    Admitted,
    /// The first over the limit in its region this minute: send one collector-wide rescan
    /// instead, delayed past the minute, which covers this one and those that follow.
    Deferred,
    /// Over the limit, and a collector-wide rescan of its region is already deferred.
    Folded,
}

#[async_trait]
pub trait Store: Send + Sync {
    async fn create_scan(&self, scan: &Scan) -> anyhow::Result<()>;
    /// Counts a task once per scan, whatever the number of deliveries; `error` marks it failed.
    async fn finish_task(
        &self,
        scan_id: &str,
        task_key: &str,
        error: Option<&str>,
    ) -> anyhow::Result<TaskProgress>;
    async fn finalize_scan(&self, scan_id: &str, summary: &ScanSummary) -> anyhow::Result<Scan>;
    /// Replaces the summary of a finished scan, atomically, unless the stored one was
    /// computed at or after `summary.computed_at`. True when it was replaced.
    async fn replace_summary(&self, scan_id: &str, summary: &ScanSummary) -> anyhow::Result<bool>;
    async fn scan(&self, scan_id: &str) -> anyhow::Result<Option<Scan>>;
    /// Most recent first.
    async fn scans(&self, account_id: Option<&str>, limit: usize) -> anyhow::Result<Vec<Scan>>;
    /// Scans started at or after `since`, most recent first, at most `limit`: a window
    /// of history (the trend) without reading the scans before it.
    async fn scans_since(
        &self,
        account_id: Option<&str>,
        since: chrono::DateTime<chrono::Utc>,
        limit: usize,
    ) -> anyhow::Result<Vec<Scan>> {
        let mut scans = self.scans(account_id, limit).await?;
        scans.retain(|s| s.started_at >= since);
        Ok(scans)
    }
    /// The id of the account's most recent scan: the one real-time rescans update.
    async fn latest_scan_id(&self, account_id: &str) -> anyhow::Result<Option<String>> {
        Ok(self
            .scans(Some(account_id), 1)
            .await?
            .into_iter()
            .next()
            .map(|s| s.id))
    }

    /// Idempotent: writing the same resources again leaves the same rows.
    async fn put_resources(&self, resources: &[Resource]) -> anyhow::Result<()>;
    /// Idempotent; keeps `first_seen` and `status_changed_at` across scans.
    async fn put_findings(&self, findings: &mut [Finding]) -> anyhow::Result<()>;
    async fn findings(&self, query: &FindingQuery) -> anyhow::Result<Vec<Finding>>;
    /// The query's findings, in the order of `findings` (control id, resource ARN),
    /// handed to `visit` a page of at most `page_size` at a time: a caller that counts or
    /// prints them holds one page, not the scan. A store that cannot read by pages reads
    /// them all and hands them out in pages.
    async fn findings_by_page(
        &self,
        query: &FindingQuery,
        page_size: usize,
        visit: &mut (dyn FnMut(Vec<Finding>) -> anyhow::Result<()> + Send),
    ) -> anyhow::Result<()> {
        let mut all = self.findings(query).await?.into_iter();
        loop {
            let page: Vec<Finding> = all.by_ref().take(page_size.max(1)).collect();
            if page.is_empty() {
                return Ok(());
            }
            visit(page)?;
        }
    }
    async fn resources(&self, scan_id: &str) -> anyhow::Result<Vec<Resource>>;
    /// Each resource of a scan by ARN with its tags: what mute rules and the resource
    /// count need, without holding every attribute document in memory.
    async fn resource_tags(&self, scan_id: &str) -> anyhow::Result<HashMap<String, Tags>>;
    /// How many resources a scan stored.
    async fn resource_count(&self, scan_id: &str) -> anyhow::Result<u64> {
        Ok(self.resource_tags(scan_id).await?.len() as u64)
    }
    /// Forgets a resource that no longer exists: its row and findings in the scan, and
    /// its finding history (a resource created again later starts afresh).
    async fn remove_resource(
        &self,
        scan_id: &str,
        account_id: &str,
        arn: &str,
    ) -> anyhow::Result<()>;

    async fn put_account(&self, account: &Account) -> anyhow::Result<()>;
    /// The registration a CloudFormation stack makes (`account.stack_id` set), written
    /// atomically only when the registry allows it: a Create (`create`) when no
    /// registration exists or the stored one is this stack's, an Update when the stored
    /// one is this stack's. A registration with no stack (the CLI's, or one made before
    /// stacks were recorded) is taken over by the first stack that registers the
    /// account. False when the registry refused it (nothing was written).
    async fn put_account_from_stack(
        &self,
        account: &Account,
        create: bool,
    ) -> anyhow::Result<bool> {
        let _ = (account, create);
        Err(anyhow::anyhow!(
            "registrations from CloudFormation stacks need the DynamoDB store"
        ))
    }
    /// Deregisters an account only when `stack_id` registered it. False when nothing
    /// was removed (no registration, or another stack's).
    async fn delete_account_from_stack(
        &self,
        account_id: &str,
        stack_id: &str,
    ) -> anyhow::Result<bool> {
        let _ = (account_id, stack_id);
        Err(anyhow::anyhow!(
            "registrations from CloudFormation stacks need the DynamoDB store"
        ))
    }
    async fn accounts(&self) -> anyhow::Result<Vec<Account>>;
    async fn delete_account(&self, account_id: &str) -> anyhow::Result<bool>;
    async fn account(&self, account_id: &str) -> anyhow::Result<Option<Account>> {
        Ok(self
            .accounts()
            .await?
            .into_iter()
            .find(|a| a.account_id == account_id))
    }

    /// Counts one real-time rescan of `collector` in `account_id` during `minute` (minutes
    /// since the epoch), admitting at most `limit` per account and collector per minute.
    /// The local store admits every one: the CLI has no events intake.
    async fn admit_rescan(
        &self,
        _account_id: &str,
        _collector: &str,
        _region: &str,
        _minute: i64,
        _limit: u32,
    ) -> anyhow::Result<RescanAdmission> {
        Ok(RescanAdmission::Admitted)
    }

    /// Adds a mute rule, or replaces the rule with the same id.
    async fn put_mute_rule(&self, _rule: &MuteRule) -> anyhow::Result<()> {
        Err(anyhow::anyhow!(
            "storing mute rules is not supported by this store yet"
        ))
    }
    /// Every stored rule, expired ones included (they stop applying by themselves).
    async fn mute_rules(&self) -> anyhow::Result<Vec<MuteRule>> {
        Err(anyhow::anyhow!(
            "reading mute rules is not supported by this store yet"
        ))
    }
    /// False when no rule had that id.
    async fn delete_mute_rule(&self, _id: &str) -> anyhow::Result<bool> {
        Err(anyhow::anyhow!(
            "deleting mute rules is not supported by this store yet"
        ))
    }

    /// Adds a mask, or replaces the one with the same control, benchmark and account.
    async fn put_mask(&self, _mask: &Mask) -> anyhow::Result<()> {
        Err(anyhow::anyhow!(
            "storing control masks is not supported by this store yet"
        ))
    }
    async fn masks(&self) -> anyhow::Result<Vec<Mask>> {
        Err(anyhow::anyhow!(
            "reading control masks is not supported by this store yet"
        ))
    }
    /// False when no such mask existed.
    async fn delete_mask(
        &self,
        _control_id: &str,
        _benchmark: Option<&str>,
        _account_id: Option<&str>,
    ) -> anyhow::Result<bool> {
        Err(anyhow::anyhow!(
            "deleting control masks is not supported by this store yet"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_lines_are_one_bounded_line() {
        let long = format!("line one\nline two\r\t{}", "é".repeat(10_000));
        let line = failure_line("a/r/c/", &long);
        assert!(!line.chars().any(char::is_control), "{line}");
        assert!(line.starts_with("a/r/c/: line one line two"));
        assert!(line.ends_with(" [truncated]"));
        assert_eq!(
            line.chars().count(),
            MAX_REASON_CHARS + " [truncated]".len()
        );
        assert_eq!(failure_line("k", "boom"), "k: boom");
        let detail = task_error_detail(&"é".repeat(MAX_TASK_ERROR_BYTES));
        assert!(detail.len() <= MAX_TASK_ERROR_BYTES + 12 && detail.ends_with("[truncated]"));
        assert_eq!(task_error_detail("boom"), "boom");
    }
}
