//! The worker function: runs the scan tasks of an SQS batch and reports the ones that
//! failed, so SQS redelivers only those.

use crate::model::ScanTask;
use crate::pipeline::{fail_task, run_task, Worker};
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use futures::StreamExt;

/// Tasks of one batch that run at once.
const CONCURRENCY: usize = 4;

/// Runs every task of the batch. A malformed message or a failed task is returned in
/// `batchItemFailures`; on its last delivery (`max_receive`) a failing task is first
/// recorded failed on its scan, so the scan finalizes as partial instead of waiting for a
/// task that went to the dead-letter queue.
pub async fn handle(worker: &Worker, event: SqsEvent, max_receive: u32) -> SqsBatchResponse {
    let failed: Vec<String> = futures::stream::iter(event.records)
        .map(|record| async move { run_record(worker, record, max_receive).await })
        .buffer_unordered(CONCURRENCY)
        .filter_map(|r| async move { r })
        .collect()
        .await;
    let mut response = SqsBatchResponse::default();
    response.batch_item_failures = failed
        .into_iter()
        .map(|id| {
            let mut f = BatchItemFailure::default();
            f.item_identifier = id;
            f
        })
        .collect();
    response
}

/// The message id when the record failed.
async fn run_record(worker: &Worker, record: SqsMessage, max_receive: u32) -> Option<String> {
    let id = record.message_id.clone().unwrap_or_default();
    let body = record.body.as_deref().unwrap_or("");
    let task = match ScanTask::from_message(body) {
        Ok(t) => t,
        Err(error) => {
            // Left to SQS: after maxReceiveCount it lands in the dead-letter queue.
            tracing::error!(message_id = %id, %error, "dropping malformed scan task");
            return Some(id);
        }
    };
    let receives: u32 = record
        .attributes
        .get("ApproximateReceiveCount")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    match run_task(worker, &task).await {
        Ok(outcome) => {
            tracing::info!(
                scan_id = %task.scan_id, collector = %task.collector, region = %task.region,
                resources = outcome.resources, findings = outcome.findings,
                removed = outcome.removed, finalized = outcome.finalized.is_some(),
                summary_refreshed = outcome.summary_refreshed,
                summary_requested = outcome.summary_requested,
                "task done"
            );
            None
        }
        Err(e) => {
            let error = format!("{e:#}");
            tracing::warn!(
                message_id = %id, scan_id = %task.scan_id, collector = %task.collector,
                region = %task.region, receives, %error, "task failed"
            );
            if receives >= max_receive && task.is_planned() {
                let reason =
                    format!("failed {receives} times, sent to the dead-letter queue: {error}");
                if let Err(e) = fail_task(worker, &task, &reason).await {
                    tracing::error!(scan_id = %task.scan_id, error = %format!("{e:#}"), "cannot record the failed task");
                }
            }
            Some(id)
        }
    }
}
