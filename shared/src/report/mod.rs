//! Scores and renderings of findings.

mod score;
mod table;

pub use score::{breakdown, score, summarize, BenchmarkBreakdown, ScoreLine, StatusCounts};
pub use table::{finding_json_line, render_controls, render_summary};
