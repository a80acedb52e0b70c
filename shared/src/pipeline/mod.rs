//! The scan pipeline shared by the CLI and the Lambda functions:
//! plan (scheduler) -> run_task (worker) -> finalize (scan summary).

mod changes;
mod finalize;
mod local;
mod plan;
mod run_task;

pub use finalize::{finalize, refresh_summary};
pub use local::{run_local, LocalProgress};
pub use plan::{
    collectors_for, discover_regions, new_scan, plan_account_scan, plan_scan, plan_tasks, Regions,
    ScanPlan, ScanRequest,
};
pub use run_task::{fail_task, run_task, run_task_until, Access, TaskOutcome, TaskRefused, Worker};
