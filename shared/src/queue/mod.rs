//! The task queue behind one trait: SQS in the serverless shape, a tokio channel locally.

mod local;
#[cfg(feature = "aws")]
mod sqs;

pub use local::LocalQueue;
#[cfg(feature = "aws")]
pub use sqs::SqsQueue;

use crate::model::ScanTask;
use async_trait::async_trait;

#[async_trait]
pub trait TaskQueue: Send + Sync {
    async fn send(&self, tasks: &[ScanTask]) -> anyhow::Result<()>;
}
