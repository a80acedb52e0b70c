//! Scores, diffs, the inventory, and renderings of findings (table, JSON, CSV, OCSF,
//! ASFF, SARIF, HTML). Pure: every function takes data, not a store.

pub mod asff;
mod changes;
pub mod csv;
pub mod diff;
pub mod html;
pub mod inventory;
pub mod ocsf;
pub mod sarif;
mod score;
mod table;
#[cfg(test)]
pub(crate) mod test_support;
pub mod trend;

pub use changes::ChangeTally;
pub use score::{
    breakdown, score, summarize, BenchmarkBreakdown, ScoreLine, StatusCounts, SummaryTally,
};
pub use table::{
    finding_json_line, push_error_line, push_failing_control_line, push_failing_line,
    render_breakdown, render_controls, render_controls_masked, render_errors_head,
    render_failing_head, render_summary, render_summary_head, render_summary_muted, terminal_text,
    ShownCounts,
};
