//! The scheduler function: starts a scan of every registered account (or of one), and
//! fans its tasks out on the scan queue.

use super::external_id::ExternalIdKey;
use crate::aws::{CallCounter, Limiter, Sessions};
use crate::collect::{CollectorSpec, COLLECTORS};
use crate::model::{Account, ScanState};
use crate::pipeline::plan_account_scan;
use crate::queue::TaskQueue;
use crate::store::Store;
use chrono::Utc;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Which accounts to scan: every registered one, or one named by hand.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScheduleRequest {
    pub account_id: Option<String>,
}

impl ScheduleRequest {
    /// Accepts an EventBridge scheduled event (scan everything), `{}` or
    /// `{"account_id": "123456789012"}` (a hand invocation), and names anything else.
    pub fn from_payload(payload: &Value) -> Result<Self, String> {
        let Some(obj) = payload.as_object() else {
            return Err(format!(
                "scheduler payload must be a JSON object, got {payload}"
            ));
        };
        if obj.get("detail-type").and_then(Value::as_str) == Some("Scheduled Event") {
            return Ok(ScheduleRequest::default());
        }
        if let Some(k) = obj.keys().find(|k| *k != "account_id") {
            return Err(format!(
                "scheduler payload has unknown field {k:?}: expected a Scheduled Event or {{\"account_id\": \"...\"}}"
            ));
        }
        match obj.get("account_id") {
            None | Some(Value::Null) => Ok(ScheduleRequest::default()),
            Some(Value::String(id)) if id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit()) => {
                Ok(ScheduleRequest {
                    account_id: Some(id.clone()),
                })
            }
            Some(other) => Err(format!(
                "scheduler payload account_id {other} is not a 12-digit AWS account id"
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartedScan {
    pub account_id: String,
    pub scan_id: String,
    pub tasks: usize,
    pub regions: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SkippedAccount {
    pub account_id: String,
    pub reason: String,
}

/// What the scheduler did; the function returns it as its result.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ScheduleOutcome {
    pub started: Vec<StartedScan>,
    pub skipped: Vec<SkippedAccount>,
}

/// Starts scans. One account's failure (its role cannot be assumed, say) is reported in
/// `skipped` and does not stop the others.
pub async fn schedule(
    store: &dyn Store,
    queue: &dyn TaskQueue,
    sessions: &Sessions,
    key: &ExternalIdKey,
    request: &ScheduleRequest,
    stuck_after: chrono::Duration,
) -> anyhow::Result<ScheduleOutcome> {
    let accounts: Vec<Account> = match &request.account_id {
        Some(id) => vec![store.account(id).await?.ok_or_else(|| {
            anyhow::anyhow!(
                "account {id} is not registered (parapet accounts add, or the onboarding stack)"
            )
        })?],
        None => store.accounts().await?,
    };
    let collectors: Vec<&CollectorSpec> = COLLECTORS.iter().collect();
    let mut outcome = ScheduleOutcome::default();
    for account in accounts {
        let skip = |reason: String| SkippedAccount {
            account_id: account.account_id.clone(),
            reason,
        };
        if !account.enabled {
            outcome.skipped.push(skip("disabled".into()));
            continue;
        }
        // The latest scan read strongly (an index read could miss one started just now).
        let latest = match store.latest_scan_id(&account.account_id).await? {
            Some(id) => store.scan(&id).await?,
            None => None,
        };
        if let Some(running) = latest.filter(|s| s.state == ScanState::Running) {
            if Utc::now() - running.started_at < stuck_after {
                outcome.skipped.push(skip(format!(
                    "scan {} is still running (started {})",
                    running.id, running.started_at
                )));
                continue;
            }
            tracing::warn!(scan_id = %running.id, account_id = %account.account_id, "a stuck scan no longer blocks a new one");
        }
        match start(store, queue, sessions, key, &account, &collectors).await {
            Ok(started) => {
                tracing::info!(account_id = %started.account_id, scan_id = %started.scan_id, tasks = started.tasks, "scan started");
                outcome.started.push(started);
            }
            Err(e) => {
                let reason = crate::aws::error_line(&e);
                tracing::error!(account_id = %account.account_id, %reason, "cannot start scan");
                outcome.skipped.push(skip(reason));
            }
        }
    }
    Ok(outcome)
}

async fn start(
    store: &dyn Store,
    queue: &dyn TaskQueue,
    sessions: &Sessions,
    key: &ExternalIdKey,
    account: &Account,
    collectors: &[&CollectorSpec],
) -> anyhow::Result<StartedScan> {
    // The ExternalId is derived here, never read from the registry or sent with a task.
    let external_id = account
        .role_arn
        .as_ref()
        .map(|_| key.derive(&account.account_id));
    let clients = sessions
        .clients(
            account.role_arn.as_deref(),
            external_id.as_deref(),
            Limiter::new(4),
            CallCounter::default(),
        )
        .await?;
    let plan = plan_account_scan(&clients, &sessions.home_region(), account, collectors).await?;
    store.create_scan(&plan.scan).await?;
    if let Err(e) = queue.send(&plan.tasks).await {
        // Without its tasks the scan would wait forever: close it as partial, saying why.
        let reason = format!("not enqueued: {}", crate::aws::error_line(&e));
        for t in &plan.tasks {
            store
                .finish_task(&plan.scan.id, &t.key(), Some(&reason))
                .await?;
        }
        let summary = Default::default();
        store.finalize_scan(&plan.scan.id, &summary).await?;
        return Err(e.context(format!("scan {} could not enqueue its tasks", plan.scan.id)));
    }
    Ok(StartedScan {
        account_id: account.account_id.clone(),
        scan_id: plan.scan.id,
        tasks: plan.tasks.len(),
        regions: plan.scan.regions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_scheduled_events_and_hand_payloads() {
        let scheduled = json!({
            "version": "0", "id": "53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa",
            "detail-type": "Scheduled Event", "source": "aws.events",
            "account": "123456789012", "time": "2026-11-24T00:00:00Z", "region": "us-east-1",
            "resources": ["arn:aws:events:us-east-1:123456789012:rule/parapet-daily"], "detail": {}
        });
        assert_eq!(
            ScheduleRequest::from_payload(&scheduled).unwrap(),
            ScheduleRequest::default()
        );
        assert_eq!(
            ScheduleRequest::from_payload(&json!({})).unwrap(),
            ScheduleRequest::default()
        );
        assert_eq!(
            ScheduleRequest::from_payload(&json!({"account_id": "111122223333"}))
                .unwrap()
                .account_id
                .as_deref(),
            Some("111122223333")
        );
        let err = ScheduleRequest::from_payload(&json!({"account_id": 5})).unwrap_err();
        assert!(err.contains("12-digit"), "{err}");
        let err = ScheduleRequest::from_payload(&json!({"acount_id": "111122223333"})).unwrap_err();
        assert!(err.contains("acount_id"), "{err}");
        assert!(ScheduleRequest::from_payload(&json!([1])).is_err());
    }
}
