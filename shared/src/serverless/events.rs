//! The events function: turns CloudTrail write events (EventBridge "AWS API Call via
//! CloudTrail" events, or S3 notifications of CloudTrail log files) into real-time
//! rescans of the resources they changed.

use crate::aws::describe;
use crate::collect::event_intake::{
    calls_in_log_file, parse_event_message, triage, EventMessage, Verdict,
};
use crate::collect::events::ApiCall;
use crate::model::{Account, ScanTask};
use crate::queue::TaskQueue;
use crate::store::Store;
use anyhow::{anyhow, Context};
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;

/// What happened to the events of one batch (logged, and returned for tests).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EventsOutcome {
    pub events: usize,
    pub malformed: usize,
    pub read_only: usize,
    pub failed_calls: usize,
    pub unregistered: usize,
    /// The event's sender account and the account the call was made in differ.
    pub foreign: usize,
    /// The call names a resource (by ARN) in another account than its own.
    pub foreign_resources: usize,
    pub unmapped: usize,
    /// The account has no scan yet: its first scan will see the change.
    pub no_scan: usize,
    pub tasks: Vec<ScanTask>,
}

/// One write call to act on, with the account whose bus delivered it when known.
struct Delivered {
    sender: Option<String>,
    call: ApiCall,
}

/// Reads a batch, deduplicates the resources it changed, and enqueues one rescan task
/// per account, region and collector. A malformed event is logged and skipped; only a
/// CloudTrail log file that cannot be read (a transient S3 failure) fails its record, and
/// when the rescans cannot be enqueued every record is retried (rescans are idempotent).
pub async fn handle(
    store: &dyn Store,
    queue: &dyn TaskQueue,
    s3: &aws_sdk_s3::Client,
    event: SqsEvent,
) -> (SqsBatchResponse, EventsOutcome) {
    let mut outcome = EventsOutcome::default();
    let mut failed = Vec::new();
    let mut delivered = Vec::new();
    let mut all_ids = Vec::new();
    for record in event.records {
        let id = record.message_id.unwrap_or_default();
        all_ids.push(id.clone());
        let body = record.body.unwrap_or_default();
        match calls_of(&body, s3).await {
            Ok(Parsed { calls, malformed }) => {
                outcome.malformed += malformed;
                delivered.extend(calls);
            }
            Err(Failure::Malformed(why)) => {
                tracing::warn!(message_id = %id, %why, "skipping malformed event");
                outcome.malformed += 1;
            }
            Err(Failure::Retry(why)) => {
                tracing::error!(message_id = %id, %why, "cannot read CloudTrail log file; will retry");
                failed.push(id);
            }
        }
    }
    outcome.events = delivered.len() + outcome.malformed;
    match plan(store, &delivered, &mut outcome).await {
        Ok(tasks) => {
            if let Err(e) = queue.send(&tasks).await {
                tracing::error!(error = %format!("{e:#}"), "cannot enqueue rescans; the batch will be retried");
                return (failures(all_ids), outcome);
            }
            outcome.tasks = tasks;
        }
        Err(e) => {
            tracing::error!(error = %format!("{e:#}"), "cannot read the accounts registry or their latest scans; the batch will be retried");
            return (failures(all_ids), outcome);
        }
    }
    tracing::info!(?outcome, "events handled");
    (failures(failed), outcome)
}

fn failures(ids: Vec<String>) -> SqsBatchResponse {
    let mut response = SqsBatchResponse::default();
    response.batch_item_failures = ids
        .into_iter()
        .map(|id| {
            let mut f = BatchItemFailure::default();
            f.item_identifier = id;
            f
        })
        .collect();
    response
}

struct Parsed {
    calls: Vec<Delivered>,
    malformed: usize,
}

enum Failure {
    Malformed(String),
    Retry(String),
}

async fn calls_of(body: &str, s3: &aws_sdk_s3::Client) -> Result<Parsed, Failure> {
    let files = match parse_event_message(body).map_err(Failure::Malformed)? {
        EventMessage::Call { sender, call } => {
            return Ok(Parsed {
                calls: vec![Delivered { sender, call }],
                malformed: 0,
            })
        }
        EventMessage::LogFiles(files) => files,
    };
    let mut parsed = Parsed {
        calls: Vec::new(),
        malformed: 0,
    };
    for (bucket, key) in files {
        // Notification keys are URL-encoded, with '+' for spaces.
        let key = percent_encoding::percent_decode_str(&key.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned();
        if !key.ends_with(".json.gz") && !key.ends_with(".json") {
            continue; // digest files and anything else in the trail bucket
        }
        let log = read_log_file(s3, &bucket, &key)
            .await
            .map_err(|e| Failure::Retry(format!("{e:#}")))?;
        let Some(calls) = calls_in_log_file(&log) else {
            parsed.malformed += 1;
            tracing::warn!(%bucket, %key, "CloudTrail log file has no Records");
            continue;
        };
        for c in calls {
            match c {
                Ok(call) => parsed.calls.push(Delivered { sender: None, call }),
                Err(why) => {
                    parsed.malformed += 1;
                    tracing::warn!(%bucket, %key, %why, "skipping malformed CloudTrail record");
                }
            }
        }
    }
    Ok(parsed)
}

/// A CloudTrail log file: gzipped JSON (plain JSON is accepted too).
async fn read_log_file(s3: &aws_sdk_s3::Client, bucket: &str, key: &str) -> anyhow::Result<Value> {
    let out = s3
        .get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .map_err(|e| anyhow!(describe(&e)))
        .with_context(|| format!("S3 GetObject s3://{bucket}/{key}"))?;
    let bytes = out
        .body
        .collect()
        .await
        .with_context(|| format!("reading s3://{bucket}/{key}"))?
        .into_bytes();
    let text = if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut s = String::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut s)
            .with_context(|| format!("s3://{bucket}/{key} is not valid gzip"))?;
        s
    } else {
        String::from_utf8(bytes.to_vec())
            .with_context(|| format!("s3://{bucket}/{key} is not UTF-8"))?
    };
    // A file that is not JSON will not become JSON on a retry: treat it as empty.
    Ok(serde_json::from_str(&text).unwrap_or_else(|e| {
        tracing::warn!(%bucket, %key, error = %e, "CloudTrail log file is not JSON");
        Value::Null
    }))
}

/// Counts (and where it matters, logs) a call that causes no rescan.
fn count_dropped(verdict: &Verdict, d: &Delivered, outcome: &mut EventsOutcome) {
    let c = &d.call;
    match verdict {
        Verdict::Rescan(_) => {}
        Verdict::ReadOnly => outcome.read_only += 1,
        Verdict::FailedCall => outcome.failed_calls += 1,
        Verdict::Unregistered => outcome.unregistered += 1,
        Verdict::ForeignSender => {
            tracing::warn!(sender = ?d.sender, account_id = %c.account_id, event = %c.event_name, "dropping event sent on behalf of another account");
            outcome.foreign += 1;
        }
        Verdict::ForeignResource(id) => {
            tracing::warn!(account_id = %c.account_id, event = %c.event_name, resource = %id, "dropping event that names another account's resource");
            outcome.foreign_resources += 1;
        }
        Verdict::Unmapped => {
            tracing::debug!(source = %c.event_source, event = %c.event_name, "no resource mapping for this call");
            outcome.unmapped += 1;
        }
    }
}

/// Filters the calls and groups what they changed into tasks.
async fn plan(
    store: &dyn Store,
    delivered: &[Delivered],
    outcome: &mut EventsOutcome,
) -> anyhow::Result<Vec<ScanTask>> {
    // Only the accounts this batch names are read, one GetItem each, not the registry.
    let named: BTreeSet<&str> = delivered
        .iter()
        .map(|d| d.call.account_id.as_str())
        .collect();
    let mut accounts: HashMap<String, Account> = HashMap::new();
    for account_id in named {
        if let Some(a) = store.account(account_id).await? {
            if a.enabled && a.realtime {
                accounts.insert(a.account_id.clone(), a);
            }
        }
    }
    let mut wanted: BTreeMap<(String, String, &'static str), BTreeSet<String>> = BTreeMap::new();
    for d in delivered {
        let c = &d.call;
        let targets = match triage(d.sender.as_deref(), c, |a| accounts.contains_key(a)) {
            Verdict::Rescan(targets) => targets,
            dropped => {
                count_dropped(&dropped, d, outcome);
                continue;
            }
        };
        for t in targets {
            wanted
                .entry((c.account_id.clone(), t.region, t.collector))
                .or_default()
                .insert(t.resource_id);
        }
    }
    let mut latest_scan: HashMap<String, Option<String>> = HashMap::new();
    let mut tasks = Vec::new();
    for ((account_id, region, collector), ids) in wanted {
        if !latest_scan.contains_key(&account_id) {
            let id = store.latest_scan_id(&account_id).await?;
            latest_scan.insert(account_id.clone(), id);
        }
        let Some(scan_id) = latest_scan[&account_id].clone() else {
            outcome.no_scan += 1;
            continue;
        };
        let account = &accounts[&account_id];
        tasks.push(ScanTask {
            scan_id,
            account_id: account_id.clone(),
            role_arn: account.role_arn.clone(),
            external_id: account.external_id.clone(),
            region,
            collector: collector.to_string(),
            resource_ids: Some(ids.into_iter().collect()),
            page_token: None,
            attempt: 0,
            summary_requested_at: None,
        });
    }
    Ok(tasks)
}
