//! The worker function: runs the scan tasks of an SQS batch and reports the ones that
//! failed, so SQS redelivers only those.

use crate::model::ScanTask;
use crate::pipeline::{fail_task, run_task_until, Worker};
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use futures::StreamExt;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Tasks of one batch that run at once.
const CONCURRENCY: usize = 4;

/// Runs every task of the batch. A malformed message or a failed task is returned in
/// `batchItemFailures`; on its last delivery (`max_receive`) a failing task is first
/// recorded failed on its scan, so the scan finalizes as partial instead of waiting for a
/// task that went to the dead-letter queue.
pub async fn handle(worker: &Worker, event: SqsEvent, max_receive: u32) -> SqsBatchResponse {
    handle_until(worker, event, max_receive, None).await
}

/// `handle` within an invocation's time: collectors that read resources one by one stop
/// at `stop_at` and leave the rest to a continuation task (see `stop_collecting_at`).
pub async fn handle_until(
    worker: &Worker,
    event: SqsEvent,
    max_receive: u32,
    stop_at: Option<Instant>,
) -> SqsBatchResponse {
    let (records, covered) = coalesce_summary_requests(event.records);
    if covered > 0 {
        tracing::info!(
            covered,
            "summary requests answered by a later request of the same scan in this batch"
        );
    }
    let failed: Vec<String> = futures::stream::iter(records)
        .map(|record| async move { run_record(worker, record, max_receive, stop_at).await })
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

/// Keeps, of the summary requests of one scan in a batch, only the latest: its refresh
/// reads the scan after every other one's rescan wrote, so it answers them all (and if
/// it fails, its redelivery still does). Run side by side, they would each recompute the
/// same summary. Returns the records to run and how many were answered this way.
fn coalesce_summary_requests(records: Vec<SqsMessage>) -> (Vec<SqsMessage>, usize) {
    let request_of = |r: &SqsMessage| {
        let task = ScanTask::from_message(r.body.as_deref()?).ok()?;
        Some((task.scan_id, task.summary_requested_at?))
    };
    let mut latest: std::collections::HashMap<String, chrono::DateTime<chrono::Utc>> =
        std::collections::HashMap::new();
    for (scan, at) in records.iter().filter_map(request_of) {
        let newest = latest.entry(scan).or_insert(at);
        *newest = (*newest).max(at);
    }
    let total = records.len();
    let mut kept_for: std::collections::HashSet<String> = std::collections::HashSet::new();
    let kept: Vec<SqsMessage> = records
        .into_iter()
        .filter(|r| match request_of(r) {
            // The first record at the latest time, in case two share it.
            Some((scan, at)) => latest[&scan] == at && kept_for.insert(scan),
            None => true,
        })
        .collect();
    let covered = total - kept.len();
    (kept, covered)
}

/// The message id when the record failed.
async fn run_record(
    worker: &Worker,
    record: SqsMessage,
    max_receive: u32,
    stop_at: Option<Instant>,
) -> Option<String> {
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
    match run_task_until(worker, &task, stop_at).await {
        Ok(outcome) => {
            tracing::info!(
                scan_id = %task.scan_id, collector = %task.collector, region = %task.region,
                resources = outcome.resources, findings = outcome.findings,
                removed = outcome.removed, finalized = outcome.finalized.is_some(),
                summary_refreshed = outcome.summary_refreshed,
                summary_requested = outcome.summary_requested,
                continued_after = outcome.continued_after.as_deref(),
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

/// When an invocation whose deadline is `deadline_ms` (milliseconds since the epoch, as
/// the Lambda runtime gives it) stops collecting: after two thirds of the time left, so
/// the last third (five minutes of a 15-minute function) evaluates and writes what was
/// read, and sends the continuation.
pub fn stop_collecting_at(deadline_ms: u64) -> Instant {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    Instant::now() + Duration::from_millis(deadline_ms.saturating_sub(now_ms) * 2 / 3)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(id: &str, body: serde_json::Value) -> SqsMessage {
        let mut m = SqsMessage::default();
        m.message_id = Some(id.into());
        m.body = Some(body.to_string());
        m
    }

    #[test]
    fn a_batch_runs_one_summary_request_per_scan_the_latest() {
        let request = |scan: &str, at: &str| {
            serde_json::json!({"scan_id": scan, "account_id": "123456789012", "region": "global",
                               "collector": "s3", "resource_ids": ["b"], "summary_requested_at": at})
        };
        let rescan = serde_json::json!({"scan_id": "s1", "account_id": "123456789012",
                                        "region": "global", "collector": "s3", "resource_ids": ["b"]});
        let batch = vec![
            message("a1", request("s1", "2026-12-06T10:00:01Z")),
            message("r1", rescan.clone()),
            message("a3", request("s1", "2026-12-06T10:00:03Z")),
            message("b1", request("s2", "2026-12-06T10:00:02Z")),
            message("a2", request("s1", "2026-12-06T10:00:02Z")),
            message("a3-again", request("s1", "2026-12-06T10:00:03Z")),
            message("bad", serde_json::json!({"not": "a task"})),
            message("r2", rescan),
        ];
        let (kept, covered) = coalesce_summary_requests(batch);
        let ids: Vec<&str> = kept
            .iter()
            .map(|m| m.message_id.as_deref().unwrap())
            .collect();
        // Rescans and malformed messages are left to run (and fail) as before.
        assert_eq!(ids, ["r1", "a3", "b1", "bad", "r2"]);
        assert_eq!(covered, 3);
    }

    #[test]
    fn collection_stops_after_two_thirds_of_the_time_left() {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let stop = stop_collecting_at(now_ms + 900_000);
        let left = stop - Instant::now();
        assert!(
            left <= Duration::from_secs(600) && left > Duration::from_secs(590),
            "{left:?}"
        );
        // A deadline already past stops at once rather than underflowing.
        assert!(stop_collecting_at(now_ms - 1_000) <= Instant::now());
    }
}
