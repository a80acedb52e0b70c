//! parapet: AWS inventory, compliance controls and the scan pipeline, shared by the
//! `parapet` CLI and the Lambda functions.

pub mod alert;
pub mod allocator;
#[cfg(feature = "aws")]
pub mod aws;
pub mod collect;
pub mod controls;
pub mod graph;
pub mod input;
pub mod manifest;
pub mod model;
pub mod mute;
#[cfg(feature = "aws")]
pub mod pipeline;
pub mod queue;
pub mod report;
#[cfg(feature = "aws")]
pub mod serverless;
pub mod store;
