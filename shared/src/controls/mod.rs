//! The control catalog (`controls/`): loading, validation, evaluation and Rego tests.

mod catalog;
mod coverage;
mod engine;
mod framework;
mod metadata;
#[cfg(test)]
mod reads;
mod realtime;
mod rego_tests;

pub use catalog::{Catalog, CatalogError, Control, SourceFile};
pub use coverage::{render_coverage, FrameworkCoverage, RequirementCoverage};
pub use engine::{Evaluation, Evaluator};
pub use framework::{Assessment, Framework, Requirement};
pub use metadata::{ControlMeta, Remediation};
pub use realtime::{realtime_json, render_realtime, triggers_of, RealtimeCoverage};
pub use rego_tests::{run_tests, TestOutcome};
