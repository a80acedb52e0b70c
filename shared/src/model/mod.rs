//! The data parapet stores and passes around: resources, findings, scans, tasks, accounts.

mod account;
mod finding;
mod mute;
mod resource;
mod scan;
mod task;

pub use account::{is_account_id, role_account, Account};
pub use finding::{Finding, MutedBy, Severity, Status};
pub use mute::{Mask, MuteExceptions, MuteRule};
pub use resource::Resource;
pub use scan::{BenchmarkScore, ClosedFailures, FailureChanges, Scan, ScanState, ScanSummary};
pub use task::ScanTask;

/// The region value of resources that belong to no region (IAM, the account itself).
pub const GLOBAL_REGION: &str = "global";
