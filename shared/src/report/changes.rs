//! Failures opened and closed with a scan, counted one finding at a time while its
//! summary is computed. Pure: the caller hands in the previous scan's failures.

use crate::model::{ClosedFailures, FailureChanges, Finding, Severity, Status};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// Counts what changed since the account's previous finished scan. It holds the previous
/// scan's failures (key, since when, severity), not the findings of either scan.
#[derive(Debug, Clone)]
pub struct ChangeTally {
    started_at: DateTime<Utc>,
    previous_scan_id: Option<String>,
    /// (control id, resource ARN) -> (failing since, severity), of the previous scan.
    failing_before: HashMap<(String, String), (DateTime<Utc>, Severity)>,
    changes: FailureChanges,
}

impl ChangeTally {
    /// For a scan started at `started_at`, compared with `previous_scan_id` (`None`: the
    /// account's first scan).
    pub fn new(started_at: DateTime<Utc>, previous_scan_id: Option<String>) -> Self {
        ChangeTally {
            started_at,
            previous_scan_id,
            failing_before: HashMap::new(),
            changes: FailureChanges::default(),
        }
    }

    /// Records one FAIL finding of the previous scan.
    pub fn failing_before(&mut self, f: Finding) {
        if f.status == Status::Fail {
            self.failing_before.insert(
                (f.control_id, f.resource_arn),
                (f.status_changed_at, f.severity),
            );
        }
    }

    /// Counts one finding of the scan, by the status its control decided.
    pub fn add(&mut self, f: &Finding) {
        let before = match self.failing_before.is_empty() {
            true => None,
            false => self
                .failing_before
                .remove(&(f.control_id.clone(), f.resource_arn.clone())),
        };
        match (f.status == Status::Fail, before) {
            (true, _) if f.status_changed_at >= self.started_at => self.changes.opened += 1,
            (true, _) => {}
            (false, Some((since, severity))) => self.close(severity, since, f.status_changed_at),
            (false, None) => {}
        }
    }

    /// The changes, once every finding of the scan was added. A failure of the previous
    /// scan with no finding now is closed when the scan read everything (the resource is
    /// gone, at the latest when the scan started), and unaccounted for when it is partial.
    pub fn finish(mut self, partial: bool) -> FailureChanges {
        let gone = std::mem::take(&mut self.failing_before);
        if partial {
            self.changes.unaccounted = gone.len() as u64;
        } else {
            for (since, severity) in gone.into_values() {
                self.close(severity, since, self.started_at);
            }
        }
        self.changes.previous_scan_id = self.previous_scan_id;
        self.changes
    }

    fn close(&mut self, severity: Severity, since: DateTime<Utc>, at: DateTime<Utc>) {
        self.changes.closed += 1;
        let closed: &mut ClosedFailures =
            self.changes.closed_by_severity.entry(severity).or_default();
        closed.count += 1;
        closed.seconds += (at - since).num_seconds().max(0) as u64;
    }
}
