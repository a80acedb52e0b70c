//! Storage behind one trait, written against the queries the product needs.

#[cfg(feature = "aws")]
mod dynamodb;
mod sqlite;

#[cfg(feature = "aws")]
pub use dynamodb::DynamoStore;
pub use sqlite::SqliteStore;

use crate::model::{
    Account, Finding, Mask, MuteRule, Resource, Scan, ScanSummary, Severity, Status,
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
    async fn resources(&self, scan_id: &str) -> anyhow::Result<Vec<Resource>>;
    /// Each resource of a scan by ARN with its tags: what mute rules and the resource
    /// count need, without holding every attribute document in memory.
    async fn resource_tags(&self, scan_id: &str) -> anyhow::Result<HashMap<String, Tags>>;
    /// Forgets a resource that no longer exists: its row and findings in the scan, and
    /// its finding history (a resource created again later starts afresh).
    async fn remove_resource(
        &self,
        scan_id: &str,
        account_id: &str,
        arn: &str,
    ) -> anyhow::Result<()>;

    async fn put_account(&self, account: &Account) -> anyhow::Result<()>;
    async fn accounts(&self) -> anyhow::Result<Vec<Account>>;
    async fn delete_account(&self, account_id: &str) -> anyhow::Result<bool>;
    async fn account(&self, account_id: &str) -> anyhow::Result<Option<Account>> {
        Ok(self
            .accounts()
            .await?
            .into_iter()
            .find(|a| a.account_id == account_id))
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
