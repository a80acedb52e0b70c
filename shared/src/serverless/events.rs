//! The events function: turns CloudTrail write events (EventBridge "AWS API Call via
//! CloudTrail" events, or S3 notifications of CloudTrail log files) into real-time
//! rescans of the resources they changed.

use crate::aws::describe;
use crate::collect::event_intake::{
    calls_in_log_file, log_file_account, parse_event_message, records_over_cap, triage,
    EventMessage, Verdict, MAX_LOG_FILE_BYTES,
};
use crate::collect::events::{ApiCall, ALL_RESOURCES};
use crate::model::{Account, Scan, ScanTask, GLOBAL_REGION};
use crate::queue::TaskQueue;
use crate::store::{RescanAdmission, Store};
use anyhow::{anyhow, Context};
use aws_lambda_events::event::sqs::{BatchItemFailure, SqsBatchResponse, SqsEvent};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Read;

/// Resource ids per rescan task: a task then reads at most this many resources, and its
/// message (ids of at most `MAX_RESOURCE_ID_CHARS`) stays under SQS's 256 KiB.
pub const IDS_PER_TASK: usize = 100;
/// Rescan tasks per account and collector per minute. A real burst of changes (a
/// deployment) stays under it; a flood of forged or scripted calls cannot make the
/// workers read one account over and over.
pub const RESCANS_PER_MINUTE: u32 = 20;
/// Longer resource ids are not real (an ARN has at most 2048 characters) and dropped.
pub const MAX_RESOURCE_ID_CHARS: usize = 2048;
/// How long a collector-wide rescan that replaces the rescans over the limit waits: past
/// the end of the minute whose events it covers.
pub const DEFERRED_RESCAN_DELAY_SECONDS: u64 = 65;

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
    /// The call's region is not a region name.
    pub bad_regions: usize,
    /// The call's region is not one the account's latest scan covers.
    pub outside_regions: usize,
    /// Resource ids too long to be real.
    pub oversized_ids: usize,
    pub unmapped: usize,
    /// The account has no scan yet: its first scan will see the change.
    pub no_scan: usize,
    /// CloudTrail log files not read: a key outside `AWSLogs/<account>/` of a registered
    /// account, or a file over the size cap.
    pub refused_log_files: usize,
    /// Records of log files over the per-file cap, not acted on.
    pub records_over_cap: usize,
    /// Rescans over the per-minute limit, left to a deferred collector-wide rescan.
    pub folded: usize,
    pub tasks: Vec<ScanTask>,
    /// Collector-wide rescans replacing the rescans over the limit (sent delayed).
    pub deferred: Vec<ScanTask>,
}

/// What the events function works with.
pub struct Intake<'a> {
    pub store: &'a dyn Store,
    /// Where rescans go.
    pub rescans: &'a dyn TaskQueue,
    /// Where collector-wide rescans over the limit go: the scan queue, delayed by
    /// `DEFERRED_RESCAN_DELAY_SECONDS`.
    pub deferred: &'a dyn TaskQueue,
    pub s3: &'a aws_sdk_s3::Client,
    pub ids_per_task: usize,
    pub rescans_per_minute: u32,
}

impl<'a> Intake<'a> {
    /// The default limits, with deferred rescans sent through `rescans` too.
    pub fn new(
        store: &'a dyn Store,
        rescans: &'a dyn TaskQueue,
        s3: &'a aws_sdk_s3::Client,
    ) -> Self {
        Intake {
            store,
            rescans,
            deferred: rescans,
            s3,
            ids_per_task: IDS_PER_TASK,
            rescans_per_minute: RESCANS_PER_MINUTE,
        }
    }
}

/// One write call to act on, with the account whose bus (or log file) delivered it when
/// known.
struct Delivered {
    sender: Option<String>,
    call: ApiCall,
}

/// `handle_intake` with the default limits.
pub async fn handle(
    store: &dyn Store,
    queue: &dyn TaskQueue,
    s3: &aws_sdk_s3::Client,
    event: SqsEvent,
) -> (SqsBatchResponse, EventsOutcome) {
    handle_intake(&Intake::new(store, queue, s3), event).await
}

/// Reads a batch, deduplicates the resources it changed, and enqueues rescan tasks per
/// account, region and collector (at most `ids_per_task` ids each). A malformed event is
/// logged and skipped; only a CloudTrail log file that cannot be read (a transient S3
/// failure) fails its record, and when the rescans cannot be enqueued every record is
/// retried (rescans are idempotent).
pub async fn handle_intake(
    intake: &Intake<'_>,
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
        match calls_of(intake, &body, &mut outcome).await {
            Ok(calls) => delivered.extend(calls),
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
    if let Err(e) = plan_and_send(intake, &delivered, &mut outcome).await {
        tracing::error!(error = %format!("{e:#}"), "cannot plan or enqueue rescans; the batch will be retried");
        return (failures(all_ids), outcome);
    }
    tracing::info!(?outcome, "events handled");
    (failures(failed), outcome)
}

async fn plan_and_send(
    intake: &Intake<'_>,
    delivered: &[Delivered],
    outcome: &mut EventsOutcome,
) -> anyhow::Result<()> {
    let tasks = plan(intake, delivered, outcome).await?;
    let (tasks, deferred) = admit(intake, tasks, outcome).await?;
    intake
        .rescans
        .send(&tasks)
        .await
        .context("cannot enqueue rescans")?;
    intake
        .deferred
        .send(&deferred)
        .await
        .context("cannot enqueue deferred collector-wide rescans")?;
    outcome.tasks = tasks;
    outcome.deferred = deferred;
    Ok(())
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

enum Failure {
    Malformed(String),
    Retry(String),
}

async fn calls_of(
    intake: &Intake<'_>,
    body: &str,
    outcome: &mut EventsOutcome,
) -> Result<Vec<Delivered>, Failure> {
    let files = match parse_event_message(body).map_err(Failure::Malformed)? {
        EventMessage::Call { sender, call } => return Ok(vec![Delivered { sender, call }]),
        EventMessage::LogFiles(files) => files,
    };
    let mut calls = Vec::new();
    for (bucket, key) in files {
        // Notification keys are URL-encoded, with '+' for spaces.
        let key = percent_encoding::percent_decode_str(&key.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned();
        if !key.ends_with(".json.gz") && !key.ends_with(".json") {
            continue; // digest files and anything else in the trail bucket
        }
        let Some(account) = log_file_owner(intake.store, &bucket, &key).await? else {
            outcome.refused_log_files += 1;
            continue;
        };
        let log = match read_log_file(intake.s3, &bucket, &key).await? {
            Ok(log) => log,
            Err(why) => {
                tracing::error!(%bucket, %key, %why, "refusing CloudTrail log file");
                outcome.refused_log_files += 1;
                continue;
            }
        };
        let Some(records) = calls_in_log_file(&log) else {
            outcome.malformed += 1;
            tracing::warn!(%bucket, %key, "CloudTrail log file has no Records");
            continue;
        };
        let over = records_over_cap(&log);
        if over > 0 {
            tracing::error!(%bucket, %key, records_not_read = over, "CloudTrail log file has more records than the cap; the rest are not acted on");
            outcome.records_over_cap += over;
        }
        for c in records {
            match c {
                // The file's account is the sender: a record of another account in it is
                // dropped like an event sent through another account's bus.
                Ok(call) => calls.push(Delivered {
                    sender: Some(account.clone()),
                    call,
                }),
                Err(why) => {
                    outcome.malformed += 1;
                    tracing::warn!(%bucket, %key, %why, "skipping malformed CloudTrail record");
                }
            }
        }
    }
    Ok(calls)
}

/// The registered account a log file belongs to, or `None` (logged) when its key is not
/// under `AWSLogs/<account>/` or `AWSLogs/<org>/<account>/` of an enabled account.
async fn log_file_owner(
    store: &dyn Store,
    bucket: &str,
    key: &str,
) -> Result<Option<String>, Failure> {
    let Some(account) = log_file_account(key) else {
        tracing::warn!(%bucket, %key, "refusing a log file outside AWSLogs/<account>/");
        return Ok(None);
    };
    let registered = store
        .account(account)
        .await
        .map_err(|e| Failure::Retry(format!("reading account {account}: {e:#}")))?
        .is_some_and(|a| a.enabled && a.realtime);
    if !registered {
        tracing::warn!(%bucket, %key, account_id = %account, "refusing a log file of an account not registered for real-time rescans");
        return Ok(None);
    }
    Ok(Some(account.to_string()))
}

/// A CloudTrail log file: gzipped JSON (plain JSON is accepted too). The outer error is
/// transient (S3), the inner one is the file's own fault (too big, not gzip or UTF-8) and
/// will not pass on a retry.
async fn read_log_file(
    s3: &aws_sdk_s3::Client,
    bucket: &str,
    key: &str,
) -> Result<Result<Value, String>, Failure> {
    let retry = |e: anyhow::Error| Failure::Retry(format!("{e:#}"));
    let out = s3
        .get_object()
        .bucket(bucket)
        .key(key)
        .send()
        .await
        .map_err(|e| anyhow!(describe(&e)))
        .with_context(|| format!("S3 GetObject s3://{bucket}/{key}"))
        .map_err(retry)?;
    // Compressed, a file is smaller than decompressed: one over the cap is not downloaded.
    if out
        .content_length
        .is_none_or(|n| n < 0 || n as u64 > MAX_LOG_FILE_BYTES)
    {
        return Ok(Err(format!(
            "its size {:?} is unknown or over the {MAX_LOG_FILE_BYTES}-byte cap",
            out.content_length
        )));
    }
    let bytes = out
        .body
        .collect()
        .await
        .with_context(|| format!("reading s3://{bucket}/{key}"))
        .map_err(retry)?
        .into_bytes();
    let text = match log_file_text(&bytes, MAX_LOG_FILE_BYTES) {
        Ok(text) => text,
        Err(why) => return Ok(Err(why)),
    };
    // A file that is not JSON will not become JSON on a retry: treat it as empty.
    Ok(Ok(serde_json::from_str(&text).unwrap_or_else(|e| {
        tracing::warn!(%bucket, %key, error = %e, "CloudTrail log file is not JSON");
        Value::Null
    })))
}

/// The text of a log file: gzip (as CloudTrail writes it) or plain JSON, refused when it
/// is, or decompresses to, more than `max` bytes. Reading stops at `max + 1` bytes, so a
/// gzip bomb costs no more than a file at the cap.
pub fn log_file_text(bytes: &[u8], max: u64) -> Result<String, String> {
    let mut text = Vec::new();
    if bytes.starts_with(&[0x1f, 0x8b]) {
        flate2::read::GzDecoder::new(bytes)
            .take(max + 1)
            .read_to_end(&mut text)
            .map_err(|e| format!("not valid gzip: {e}"))?;
    } else {
        text = bytes.to_vec();
    }
    if text.len() as u64 > max {
        return Err(format!(
            "decompresses to more than the {max} bytes a CloudTrail log file may have; refused"
        ));
    }
    String::from_utf8(text).map_err(|e| format!("not UTF-8: {e}"))
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
        Verdict::BadRegion(region) => {
            tracing::warn!(account_id = %c.account_id, event = %c.event_name, region = %region.escape_debug(), "dropping event whose region is not a region name");
            outcome.bad_regions += 1;
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

/// What the events need of one account: its registration and latest scan.
struct Target {
    account: Account,
    scan: Option<Scan>,
}

impl Target {
    /// Whether a rescan may run in `region`: global, or a region the latest scan covers
    /// and the registration still wants.
    fn covers(&self, region: &str) -> bool {
        let a = &self.account;
        region == GLOBAL_REGION
            || (self
                .scan
                .as_ref()
                .is_some_and(|s| s.regions.iter().any(|r| r == region))
                && !a.excluded_regions.iter().any(|r| r == region)
                && (a.regions.is_empty() || a.regions.iter().any(|r| r == region)))
    }
}

/// The accounts a batch names that take real-time rescans, one GetItem each (not the
/// whole registry), with their latest scans.
async fn targets_of(
    store: &dyn Store,
    delivered: &[Delivered],
) -> anyhow::Result<HashMap<String, Target>> {
    let named: BTreeSet<&str> = delivered
        .iter()
        .map(|d| d.call.account_id.as_str())
        .collect();
    let mut targets = HashMap::new();
    for account_id in named {
        let Some(account) = store.account(account_id).await? else {
            continue;
        };
        if !(account.enabled && account.realtime) {
            continue;
        }
        let scan = match store.latest_scan_id(account_id).await? {
            Some(id) => store.scan(&id).await?,
            None => None,
        };
        targets.insert(account_id.to_string(), Target { account, scan });
    }
    Ok(targets)
}

/// Filters the calls and groups what they changed into tasks of at most `ids_per_task`
/// resource ids: more ids become more tasks, none is dropped.
async fn plan(
    intake: &Intake<'_>,
    delivered: &[Delivered],
    outcome: &mut EventsOutcome,
) -> anyhow::Result<Vec<ScanTask>> {
    let targets = targets_of(intake.store, delivered).await?;
    let mut wanted: BTreeMap<(String, String, &'static str), BTreeSet<String>> = BTreeMap::new();
    for d in delivered {
        let c = &d.call;
        let rescans = match triage(d.sender.as_deref(), c, |a| targets.contains_key(a)) {
            Verdict::Rescan(rescans) => rescans,
            dropped => {
                count_dropped(&dropped, d, outcome);
                continue;
            }
        };
        let target = &targets[&c.account_id];
        for t in rescans {
            if target.scan.is_some() && !target.covers(&t.region) {
                tracing::warn!(account_id = %c.account_id, event = %c.event_name, region = %t.region, "dropping event from a region the account is not scanned in");
                outcome.outside_regions += 1;
                continue;
            }
            if t.resource_id.chars().count() > MAX_RESOURCE_ID_CHARS {
                outcome.oversized_ids += 1;
                continue;
            }
            wanted
                .entry((c.account_id.clone(), t.region, t.collector))
                .or_default()
                .insert(t.resource_id);
        }
    }
    let mut tasks = Vec::new();
    for ((account_id, region, collector), ids) in wanted {
        let Some(scan) = &targets[&account_id].scan else {
            outcome.no_scan += 1;
            continue;
        };
        let account = &targets[&account_id].account;
        // An event that changes resources it does not name rescans the whole collector.
        if ids.contains(ALL_RESOURCES) {
            tasks.push(rescan_task(&scan.id, account, &region, collector, None));
            continue;
        }
        let ids: Vec<String> = ids.into_iter().collect();
        for chunk in ids.chunks(intake.ids_per_task.max(1)) {
            tasks.push(rescan_task(
                &scan.id,
                account,
                &region,
                collector,
                Some(chunk.to_vec()),
            ));
        }
    }
    Ok(tasks)
}

/// A real-time rescan of `ids` (`None`: the whole collector) in the account's scan.
fn rescan_task(
    scan_id: &str,
    account: &Account,
    region: &str,
    collector: &str,
    ids: Option<Vec<String>>,
) -> ScanTask {
    ScanTask {
        scan_id: scan_id.to_string(),
        account_id: account.account_id.clone(),
        region: region.to_string(),
        collector: collector.to_string(),
        resource_ids: ids,
        page_token: None,
        attempt: 0,
        summary_requested_at: None,
    }
}

/// Applies the per-minute limit per account and collector: tasks within it are sent as
/// they are; over it, the first task of each region becomes one delayed collector-wide
/// rescan, which reads every resource the later events of that minute could name, and
/// the others are folded into it. Returns (tasks, deferred collector-wide tasks).
async fn admit(
    intake: &Intake<'_>,
    tasks: Vec<ScanTask>,
    outcome: &mut EventsOutcome,
) -> anyhow::Result<(Vec<ScanTask>, Vec<ScanTask>)> {
    let minute = chrono::Utc::now().timestamp().div_euclid(60);
    let (mut admitted, mut deferred) = (Vec::new(), Vec::new());
    for task in tasks {
        let admission = intake
            .store
            .admit_rescan(
                &task.account_id,
                &task.collector,
                &task.region,
                minute,
                intake.rescans_per_minute,
            )
            .await
            .with_context(|| {
                format!(
                    "cannot count the rescans of {} in account {}",
                    task.collector, task.account_id
                )
            })?;
        match admission {
            RescanAdmission::Admitted => admitted.push(task),
            RescanAdmission::Deferred => {
                tracing::warn!(account_id = %task.account_id, collector = %task.collector, region = %task.region, "rescans over the per-minute limit; one collector-wide rescan replaces them");
                deferred.push(ScanTask {
                    resource_ids: None,
                    ..task
                });
            }
            RescanAdmission::Folded => outcome.folded += 1,
        }
    }
    Ok((admitted, deferred))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_files_are_read_up_to_the_cap() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(&[b' '; 4096]).unwrap();
        let bytes = gz.finish().unwrap();
        assert_eq!(log_file_text(&bytes, 4096).unwrap().len(), 4096);
        let err = log_file_text(&bytes, 4095).unwrap_err();
        assert!(err.contains("more than the 4095 bytes"), "{err}");
        assert!(log_file_text(b"{}", 1).is_err());
        assert!(log_file_text(&[0x1f, 0x8b, 0, 1], 100)
            .unwrap_err()
            .contains("gzip"));
    }
}
