//! The Lambda functions' logic, one module per function. The binaries in `functions/`
//! only read their configuration and hand events to these handlers, so tests drive the
//! same code with real event payloads.

pub mod cfn;
pub mod events;
pub mod external_id;
mod http;
pub mod onboard;
pub mod remote;
pub mod scheduler;
pub mod shared_rates;
pub mod worker;

use crate::aws::{AwsOptions, Sessions};
use crate::queue::SqsQueue;
use crate::store::DynamoStore;
use anyhow::Context;
use std::sync::Arc;
use std::time::Duration;

/// What every function reads from its environment (set by the CloudFormation stack).
#[derive(Debug, Clone)]
pub struct Settings {
    /// `PARAPET_TABLE`: the DynamoDB table.
    pub table: String,
    /// `PARAPET_SCAN_QUEUE_URL`: where scan tasks go.
    pub scan_queue_url: String,
    /// `PARAPET_MAX_RECEIVE`: the queue's maxReceiveCount; on that delivery a failing
    /// task is recorded failed on its scan before SQS moves it to the dead-letter queue.
    pub max_receive: u32,
    /// `PARAPET_RESCAN_DELAY_SECONDS`: how long a real-time rescan waits, so the APIs it
    /// reads reflect the change.
    pub rescan_delay: Duration,
    /// `PARAPET_SUMMARY_DELAY_SECONDS`: how long after a rescan its scan's summary is
    /// recomputed; every rescan in that window shares the one recompute.
    pub summary_delay: Duration,
    /// `PARAPET_STUCK_SCAN_MINUTES`: a running scan older than this no longer blocks a new one.
    pub stuck_after: chrono::Duration,
    /// `PARAPET_MAX_ATTEMPTS`: attempts per call to a scanned account (throttling and
    /// server errors are retried with backoff). The installation's own table and queues
    /// always get the default: a write that fails fails its whole task.
    pub max_attempts: u32,
    /// `AWS_ENDPOINT_URL`: an emulator, in tests.
    pub endpoint_url: Option<String>,
    /// `PARAPET_EXTERNAL_ID_KEY_ARN`: the Secrets Manager secret ExternalIds are derived
    /// from (onboard, scheduler and worker only).
    pub external_id_key_arn: Option<String>,
    /// `PARAPET_CFN_RESPONSE_ENDPOINT`, tests only: custom resource answers that passed
    /// validation go to this `scheme://host:port` instead of CloudFormation's bucket.
    pub cfn_response_endpoint: Option<String>,
}

impl Settings {
    pub fn from_env() -> anyhow::Result<Self> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads settings through `get`, naming the variable that is missing or malformed.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Self> {
        let required = |k: &str| {
            get(k)
                .filter(|v| !v.is_empty())
                .with_context(|| format!("environment variable {k} is not set"))
        };
        let number = |k: &str, default: u64| -> anyhow::Result<u64> {
            match get(k).filter(|v| !v.is_empty()) {
                None => Ok(default),
                Some(v) => v.parse().with_context(|| {
                    format!("environment variable {k}={v:?} is not a whole number")
                }),
            }
        };
        Ok(Settings {
            table: required("PARAPET_TABLE")?,
            scan_queue_url: required("PARAPET_SCAN_QUEUE_URL")?,
            max_receive: number("PARAPET_MAX_RECEIVE", 3)?.max(1) as u32,
            rescan_delay: Duration::from_secs(number("PARAPET_RESCAN_DELAY_SECONDS", 5)?),
            summary_delay: Duration::from_secs(number("PARAPET_SUMMARY_DELAY_SECONDS", 30)?),
            stuck_after: chrono::Duration::minutes(
                number("PARAPET_STUCK_SCAN_MINUTES", 360)? as i64
            ),
            max_attempts: number(
                "PARAPET_MAX_ATTEMPTS",
                crate::aws::DEFAULT_MAX_ATTEMPTS as u64,
            )?
            .max(1) as u32,
            endpoint_url: get("AWS_ENDPOINT_URL").filter(|v| !v.is_empty()),
            external_id_key_arn: get("PARAPET_EXTERNAL_ID_KEY_ARN").filter(|v| !v.is_empty()),
            cfn_response_endpoint: get("PARAPET_CFN_RESPONSE_ENDPOINT").filter(|v| !v.is_empty()),
        })
    }
}

/// The adapters a function works with, built once per cold start.
pub struct Deps {
    pub settings: Settings,
    pub sessions: Arc<Sessions>,
    pub store: Arc<DynamoStore>,
    pub queue: Arc<SqsQueue>,
    /// The scan queue again, delaying its messages by `summary_delay`.
    pub summary_requests: Arc<SqsQueue>,
}

impl Deps {
    pub async fn new(settings: Settings) -> Self {
        let sessions = Arc::new(
            Sessions::new(AwsOptions {
                endpoint_url: settings.endpoint_url.clone(),
                max_attempts: settings.max_attempts,
                ..Default::default()
            })
            .await,
        );
        // The installation's own table and queues keep the default attempts, whatever
        // PARAPET_MAX_ATTEMPTS says for the scanned accounts.
        let base = sessions
            .config(None, None)
            .await
            .expect("the base configuration needs no role")
            .into_builder()
            .retry_config(crate::aws::retry_config(crate::aws::DEFAULT_MAX_ATTEMPTS))
            .build();
        let store = Arc::new(DynamoStore::new(
            aws_sdk_dynamodb::Client::new(&base),
            settings.table.clone(),
        ));
        let sqs = aws_sdk_sqs::Client::new(&base);
        let queue = Arc::new(SqsQueue::new(sqs.clone(), settings.scan_queue_url.clone()));
        let summary_requests = Arc::new(
            SqsQueue::new(sqs, settings.scan_queue_url.clone()).with_delay(settings.summary_delay),
        );
        Deps {
            settings,
            sessions,
            store,
            queue,
            summary_requests,
        }
    }

    /// Reads the ExternalId key (once per cold start), naming what is missing.
    pub async fn external_id_key(&self) -> anyhow::Result<external_id::ExternalIdKey> {
        let arn = self
            .settings
            .external_id_key_arn
            .as_deref()
            .context("environment variable PARAPET_EXTERNAL_ID_KEY_ARN is not set")?;
        external_id::ExternalIdKey::load(&self.sessions, arn).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_the_variable_that_is_wrong() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let err = Settings::from_lookup(env(&[])).unwrap_err().to_string();
        assert!(err.contains("PARAPET_TABLE"), "{err}");
        let err = Settings::from_lookup(env(&[
            ("PARAPET_TABLE", "t"),
            ("PARAPET_SCAN_QUEUE_URL", "q"),
            ("PARAPET_MAX_RECEIVE", "three"),
        ]))
        .unwrap_err()
        .to_string();
        assert!(err.contains("PARAPET_MAX_RECEIVE"), "{err}");
        let ok = Settings::from_lookup(env(&[
            ("PARAPET_TABLE", "t"),
            ("PARAPET_SCAN_QUEUE_URL", "q"),
        ]))
        .unwrap();
        assert_eq!(
            (ok.max_receive, ok.rescan_delay.as_secs(), ok.max_attempts),
            (3, 5, 8)
        );
    }
}
