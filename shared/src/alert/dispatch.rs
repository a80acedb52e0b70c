//! Delivering a scan's batches to one destination, at least once: dead letters of earlier
//! scans are sent again first, a batch the ledger holds as delivered is not sent again,
//! and a batch that cannot be delivered is kept as a dead letter with its body and error.

use super::deliver::{DeliveryError, Outgoing, Sender};
use super::eventbridge::EventBus;
use super::model::{check_url, Destination, DestinationKind, Secret, MIN_SIGNING_KEY_BYTES};
use super::plan::Batch;
use super::render::{render, MessageFormat};
use super::sns::SnsTopic;
use super::store::{AlertStore, DeliveryKey, DeliveryRecord, DeliveryState};
use chrono::Utc;

/// Dead letters sent again per destination and run: a long outage drains over runs.
pub const MAX_REDELIVERIES_PER_RUN: usize = 50;

/// What happened at one destination.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DispatchReport {
    /// Messages of this scan delivered now.
    pub sent: usize,
    /// Messages of this scan the ledger already held as delivered (not sent again).
    pub already_delivered: usize,
    /// Dead letters of earlier runs delivered now.
    pub redelivered: usize,
    /// Messages left as dead letters (this scan's and earlier ones still failing).
    pub dead_letters: usize,
    /// The distinct reasons of failures, for the operator.
    pub errors: Vec<String>,
}

/// How a destination is reached: its URL and signing key resolved and checked, or its
/// SNS topic with the process's AWS credentials.
pub enum Route {
    Http {
        url: Secret,
        signing_key: Option<Secret>,
    },
    /// Boxed: the AWS configuration inside is large.
    Sns(Box<SnsTopic>),
    EventBridge(Box<EventBus>),
}

impl Route {
    pub fn resolve(
        dest: &Destination,
        aws: Option<&aws_config::SdkConfig>,
    ) -> anyhow::Result<Self> {
        let (url, key) = match &dest.kind {
            DestinationKind::Sns { topic_arn } => {
                let config = aws.ok_or_else(|| {
                    anyhow::anyhow!("no AWS configuration to publish to SNS with")
                })?;
                let topic = SnsTopic::new(config, topic_arn).map_err(anyhow::Error::msg)?;
                return Ok(Route::Sns(Box::new(topic)));
            }
            DestinationKind::EventBridge { bus_arn } => {
                let config =
                    aws.ok_or_else(|| anyhow::anyhow!("no AWS configuration to put events with"))?;
                let bus = EventBus::new(config, bus_arn).map_err(anyhow::Error::msg)?;
                return Ok(Route::EventBridge(Box::new(bus)));
            }
            DestinationKind::Webhook { url, signing_key } => (url, Some(signing_key)),
            DestinationKind::Slack { url } => (url, None),
        };
        let resolved = url.resolve()?;
        check_url(&resolved).map_err(|e| anyhow::anyhow!("{url}: {e}"))?;
        let signing_key = match key {
            Some(reference) => {
                let key = reference.resolve()?;
                if key.expose().len() < MIN_SIGNING_KEY_BYTES {
                    anyhow::bail!(
                        "{reference}: a signing key needs at least {MIN_SIGNING_KEY_BYTES} bytes"
                    );
                }
                Some(key)
            }
            None => None,
        };
        Ok(Route::Http {
            url: resolved,
            signing_key,
        })
    }

    async fn send(
        &self,
        sender: &Sender,
        delivery_id: &str,
        body: &str,
    ) -> Result<u32, DeliveryError> {
        match self {
            Route::Http { url, signing_key } => {
                let msg = Outgoing {
                    url,
                    signing_key: signing_key.as_ref(),
                    delivery_id,
                    body,
                };
                sender.send(&msg).await
            }
            Route::Sns(topic) => topic.publish(body).await,
            Route::EventBridge(bus) => bus.put(body).await,
        }
    }
}

/// Sends `batches` (one scan's, planned for `dest`) after the destination's dead
/// letters. Errors are the store's; delivery failures are in the report.
pub async fn dispatch(
    store: &dyn AlertStore,
    sender: &Sender,
    aws: Option<&aws_config::SdkConfig>,
    dest: &Destination,
    batches: &[Batch],
) -> anyhow::Result<DispatchReport> {
    let mut report = DispatchReport::default();
    let route = Route::resolve(dest, aws).map_err(|e| format!("{e:#}"));
    if let Ok(route) = &route {
        redeliver(store, sender, dest, route, &mut report).await?;
    }
    let format = MessageFormat::of(&dest.kind);
    for batch in batches {
        let key = DeliveryKey {
            destination_id: dest.id.clone(),
            scan_id: batch.scan_id.clone(),
            batch_key: batch.key.clone(),
        };
        match store.delivery(&key).await?.map(|r| r.state) {
            Some(DeliveryState::Delivered) => {
                report.already_delivered += 1;
                continue;
            }
            // Tried again above with the dead letters (and counted there) when the
            // destination resolved; still waiting otherwise.
            Some(DeliveryState::DeadLetter) => {
                report.dead_letters += usize::from(route.is_err());
                continue;
            }
            None => {}
        }
        let delivery_id = key.delivery_id();
        let body = render(format, &delivery_id, batch);
        let outcome = match &route {
            Ok(r) => r
                .send(sender, &delivery_id, &body)
                .await
                .map_err(|e| (e.attempts, e.to_string())),
            Err(e) => Err((0, format!("not sent: {e}"))),
        };
        let delivered = outcome.is_ok();
        record(store, key, body, outcome, 0, &mut report).await?;
        report.sent += usize::from(delivered);
    }
    Ok(report)
}

/// Sends the destination's dead letters again, oldest first.
async fn redeliver(
    store: &dyn AlertStore,
    sender: &Sender,
    dest: &Destination,
    route: &Route,
    report: &mut DispatchReport,
) -> anyhow::Result<()> {
    for dead in store
        .dead_letters(&dest.id, MAX_REDELIVERIES_PER_RUN)
        .await?
    {
        let Some(body) = dead.body else { continue };
        let delivery_id = dead.key.delivery_id();
        let outcome = route
            .send(sender, &delivery_id, &body)
            .await
            .map_err(|e| (e.attempts, e.to_string()));
        let delivered = outcome.is_ok();
        record(store, dead.key, body, outcome, dead.attempts, report).await?;
        report.redelivered += usize::from(delivered);
    }
    Ok(())
}

/// Writes the ledger's record of one try: delivered (the body dropped), or a dead letter
/// keeping the body and the reason.
async fn record(
    store: &dyn AlertStore,
    key: DeliveryKey,
    body: String,
    outcome: Result<u32, (u32, String)>,
    attempts_before: u32,
    report: &mut DispatchReport,
) -> anyhow::Result<()> {
    let (state, attempts, error, body) = match outcome {
        Ok(attempts) => (DeliveryState::Delivered, attempts, None, None),
        Err((attempts, error)) => {
            report.dead_letters += 1;
            if !report.errors.contains(&error) {
                report.errors.push(error.clone());
            }
            (DeliveryState::DeadLetter, attempts, Some(error), Some(body))
        }
    };
    store
        .record_delivery(&DeliveryRecord {
            key,
            state,
            attempts: attempts_before + attempts,
            error,
            body,
            updated_at: Utc::now(),
        })
        .await
}

/// Sends one unrecorded message (`parapet alerts test`).
pub async fn send_unrecorded(
    sender: &Sender,
    aws: Option<&aws_config::SdkConfig>,
    dest: &Destination,
    batch: &Batch,
) -> anyhow::Result<u32> {
    let route = Route::resolve(dest, aws)?;
    let delivery_id = format!("{}/{}", dest.id, batch.key);
    let body = render(MessageFormat::of(&dest.kind), &delivery_id, batch);
    route
        .send(sender, &delivery_id, &body)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))
}
