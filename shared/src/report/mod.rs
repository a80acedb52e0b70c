//! Scores and renderings of findings.

mod score;
mod table;

pub use score::{score, summarize, StatusCounts};
pub use table::{finding_json_line, render_controls, render_summary};
