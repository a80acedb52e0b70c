use super::{Severity, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScanState {
    Running,
    /// Every task finished and wrote its results.
    Complete,
    /// Finished, but some tasks failed: their part of the account is missing.
    Partial,
}

impl ScanState {
    pub fn as_str(self) -> &'static str {
        match self {
            ScanState::Running => "running",
            ScanState::Complete => "complete",
            ScanState::Partial => "partial",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "running" => Some(ScanState::Running),
            "complete" => Some(ScanState::Complete),
            "partial" => Some(ScanState::Partial),
            _ => None,
        }
    }
}

/// One scan of one account.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scan {
    pub id: String,
    pub account_id: String,
    pub started_at: DateTime<Utc>,
    pub finished_at: Option<DateTime<Utc>>,
    pub state: ScanState,
    /// The regions this scan covers; global collectors read all of them.
    pub regions: Vec<String>,
    pub tasks_total: u32,
    pub tasks_done: u32,
    pub tasks_failed: u32,
    /// Why tasks failed, one line per failed task.
    pub failures: Vec<String>,
    pub summary: Option<ScanSummary>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScanSummary {
    pub resources: u64,
    pub findings: u64,
    pub by_status: BTreeMap<Status, u64>,
    pub by_severity_failed: BTreeMap<Severity, u64>,
    pub benchmarks: Vec<BenchmarkScore>,
    /// When the findings it counts were read. A real-time rescan recomputes the summary
    /// of a finished scan; of two computations racing, the one that read later saw
    /// every write the other saw, so a stored summary is only replaced by a later one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub computed_at: Option<DateTime<Utc>>,
    /// How failures moved with this scan. `None` in summaries stored before parapet
    /// recorded it: unknown, not zero.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changes: Option<FailureChanges>,
}

/// Failures opened and closed with one scan, by the status the control decided (a mute
/// rule neither opens nor closes a failure). Kept with the summary so a trend over many
/// scans reads one small record per scan, never their findings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FailureChanges {
    /// The account's earlier finished scan the closed failures were failing in; `None`
    /// for its first scan.
    pub previous_scan_id: Option<String>,
    /// FAIL now, and turned FAIL since this scan started (new resources included).
    pub opened: u64,
    /// FAIL in the previous scan and not FAIL now (passing, or gone from a scan whose
    /// every task finished).
    pub closed: u64,
    /// The closed failures per severity, with how long they had been failing.
    pub closed_by_severity: BTreeMap<Severity, ClosedFailures>,
    /// FAIL in the previous scan and absent from this partial one: a failed task may
    /// have skipped them, so they are counted neither closed nor open.
    pub unaccounted: u64,
}

/// Failures closed, and the seconds from turning FAIL to no longer failing, summed: the
/// mean time to resolve over any window is the sum of `seconds` over the sum of `count`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClosedFailures {
    pub count: u64,
    pub seconds: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BenchmarkScore {
    pub benchmark: String,
    pub pass: u64,
    pub fail: u64,
    pub info: u64,
    pub error: u64,
    pub skipped: u64,
    pub muted: u64,
    /// (PASS + INFO) / (PASS + INFO + FAIL); `None` when that denominator is zero.
    pub score: Option<f64>,
}
