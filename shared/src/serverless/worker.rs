//! The worker function: runs the scan tasks of an SQS batch and reports the ones that
//! failed, so SQS redelivers only those.

use crate::model::ScanTask;
use crate::pipeline::{fail_task, run_task_until, TaskRefused, Worker};
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent, SqsMessage};
use futures::StreamExt;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Tasks of one batch that run at once.
const CONCURRENCY: usize = 4;
/// Every task is stopped this long before the invocation's deadline (and a task not yet
/// started by then is not started): enough to return the batch response, so SQS
/// redelivers the unfinished tasks at once instead of after the whole visibility timeout
/// of a timed-out invocation.
pub const TASK_DEADLINE_MARGIN: Duration = Duration::from_secs(30);

/// Runs every task of the batch. A malformed message or a failed task is returned in
/// `batchItemFailures`; on its last delivery (`max_receive`) a failing task is first
/// recorded failed on its scan, so the scan finalizes as partial instead of waiting for a
/// task that went to the dead-letter queue.
pub async fn handle(worker: &Worker, event: SqsEvent, max_receive: u32) -> SqsBatchResponse {
    handle_until(worker, event, max_receive, None).await
}

/// `handle` within an invocation whose deadline is `deadline_ms` (milliseconds since the
/// epoch, as the Lambda runtime gives it): collection stops at `stop_collecting_at`, and
/// every task ends by `task_deadline` (unfinished, it is a batch item failure).
pub async fn handle_invocation(
    worker: &Worker,
    event: SqsEvent,
    max_receive: u32,
    deadline_ms: u64,
) -> SqsBatchResponse {
    let stop_at = stop_collecting_at(deadline_ms);
    let deadline = task_deadline(deadline_ms);
    handle_within(worker, event, max_receive, Some(stop_at), Some(deadline)).await
}

/// `handle` within an invocation's time: collectors that read resources one by one stop
/// at `stop_at` and leave the rest to a continuation task (see `stop_collecting_at`).
pub async fn handle_until(
    worker: &Worker,
    event: SqsEvent,
    max_receive: u32,
    stop_at: Option<Instant>,
) -> SqsBatchResponse {
    handle_within(worker, event, max_receive, stop_at, None).await
}

/// `handle_until`, where every task also ends by `deadline`: a task still running then is
/// stopped, and one not started by then is not started; both are returned as batch item
/// failures (SQS redelivers them; nothing of them was counted).
pub async fn handle_within(
    worker: &Worker,
    event: SqsEvent,
    max_receive: u32,
    stop_at: Option<Instant>,
    deadline: Option<Instant>,
) -> SqsBatchResponse {
    let (records, covered) = coalesce_summary_requests(event.records);
    if covered > 0 {
        tracing::info!(
            covered,
            "summary requests answered by a later request of the same scan in this batch"
        );
    }
    let failed: Vec<String> = futures::stream::iter(records)
        .map(|record| async move {
            match deadline {
                None => run_record(worker, record, max_receive, stop_at).await,
                Some(deadline) => {
                    run_record_by(worker, record, max_receive, stop_at, deadline).await
                }
            }
        })
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
        Err(e) if e.downcast_ref::<TaskRefused>().is_some() => {
            // Forged or stale: acknowledged so SQS drops it, and nothing is written. The
            // reason names the ids checked; the body is not logged.
            tracing::warn!(message_id = %id, account_id = %task.account_id, error = %format!("{e:#}"), "dropping scan task");
            None
        }
        Err(e) => {
            let error = crate::aws::error_line(&e);
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

/// `run_record`, ended at `deadline`; a task not started by then is not started. Either
/// way the record is a batch item failure, and on its last delivery the task is recorded
/// failed on its scan (as `run_record` does), so the scan still finishes.
async fn run_record_by(
    worker: &Worker,
    record: SqsMessage,
    max_receive: u32,
    stop_at: Option<Instant>,
    deadline: Instant,
) -> Option<String> {
    let id = record.message_id.clone().unwrap_or_default();
    let receives: u32 = record
        .attributes
        .get("ApproximateReceiveCount")
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    let task = ScanTask::from_message(record.body.as_deref().unwrap_or("")).ok();
    let why = if Instant::now() >= deadline {
        "not started before the invocation's deadline"
    } else {
        let run = run_record(worker, record, max_receive, stop_at);
        match tokio::time::timeout_at(deadline.into(), run).await {
            Ok(failed) => return failed,
            Err(_) => "stopped at the invocation's deadline",
        }
    };
    tracing::warn!(message_id = %id, receives, "task {why}; SQS will redeliver it");
    if let Some(task) = task.filter(|t| receives >= max_receive && t.is_planned()) {
        let reason = format!("{why} on each of its {receives} deliveries");
        if let Err(e) = fail_task(worker, &task, &reason).await {
            tracing::error!(scan_id = %task.scan_id, error = %format!("{e:#}"), "cannot record the failed task");
        }
    }
    Some(id)
}

/// When the tasks of an invocation whose deadline is `deadline_ms` must have ended:
/// `TASK_DEADLINE_MARGIN` before it (at once when less time is left).
pub fn task_deadline(deadline_ms: u64) -> Instant {
    let now_ms = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64);
    let left = Duration::from_millis(deadline_ms.saturating_sub(now_ms));
    Instant::now() + left.saturating_sub(TASK_DEADLINE_MARGIN)
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

    #[test]
    fn tasks_end_a_margin_before_the_invocation_deadline() {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap()
            .as_millis() as u64;
        let left = task_deadline(now_ms + 900_000) - Instant::now();
        let expected = Duration::from_secs(900) - TASK_DEADLINE_MARGIN;
        assert!(
            left <= expected && left > expected - Duration::from_secs(10),
            "{left:?}"
        );
        // Less time left than the margin: at once.
        assert!(task_deadline(now_ms + 10_000) <= Instant::now());
    }
}
