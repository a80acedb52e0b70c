//! The AWS rates the worker Lambdas of an installation share (`aws::SharedRates`), one
//! item per rate bucket in the installation's table: concurrent workers scanning one
//! account spend that account's quota together instead of each assuming it owns it.
//!
//! Item: `pk = RATE#<account>#<service>#<region>[#<operation>]`, `sk = RATE`, `total`
//! (calls per second, all workers together), `cut_at` (epoch ms of the last cut),
//! `worker_<id>` (epoch ms each worker last synced) and `expires_at` (an hour after the
//! last sync: the table's TTL removes idle buckets).

use crate::aws::{describe, SharedRate, SharedRates};
use anyhow::Context;
use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use aws_sdk_dynamodb::Client;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// A worker that synced within this long shares the rate.
const LIVE_MS: u64 = 10_000;
/// A worker silent this long is removed from the item (bounds its size).
const FORGET_MS: u64 = 60_000;
/// Removals per sync, to bound the update expression.
const MAX_REMOVALS: usize = 16;
/// An idle bucket's item expires after this long.
const IDLE_SECS: u64 = 3_600;
const WORKER_PREFIX: &str = "worker_";

pub struct DynamoSharedRates {
    client: Client,
    table: String,
    /// This worker's attribute name: `worker_` and a random id per process.
    me: String,
    /// Per bucket, the workers the last sync saw silent for `FORGET_MS`.
    forgotten: Mutex<HashMap<String, Vec<String>>>,
}

impl DynamoSharedRates {
    pub fn new(client: Client, table: impl Into<String>) -> Self {
        DynamoSharedRates {
            client,
            table: table.into(),
            me: format!("{WORKER_PREFIX}{}", uuid::Uuid::new_v4().simple()),
            forgotten: Mutex::default(),
        }
    }

    /// On the installation's table, with the client the functions use for it (not paced
    /// by the limiter it serves, with the default retries).
    pub async fn for_installation(deps: &super::Deps) -> anyhow::Result<Self> {
        let config = deps
            .sessions
            .config(None, None)
            .await?
            .into_builder()
            .retry_config(crate::aws::retry_config(crate::aws::DEFAULT_MAX_ATTEMPTS))
            .build();
        Ok(Self::new(Client::new(&config), &deps.settings.table))
    }

    fn key(bucket: &str) -> HashMap<String, AttributeValue> {
        HashMap::from([
            (
                "pk".to_string(),
                AttributeValue::S(format!("RATE#{}", bucket.replace('/', "#"))),
            ),
            ("sk".to_string(), AttributeValue::S("RATE".into())),
        ])
    }
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn number(v: f64) -> AttributeValue {
    AttributeValue::N(format!("{v:.3}"))
}

/// The shared rate an item holds at `now`, and the workers to forget.
pub fn read_item(
    item: &HashMap<String, AttributeValue>,
    start: f64,
    now: u64,
) -> (SharedRate, Vec<String>) {
    let num = |v: &AttributeValue| v.as_n().ok().and_then(|n| n.parse::<f64>().ok());
    let total = item
        .get("total")
        .and_then(num)
        .filter(|t| t.is_finite() && *t > 0.0)
        .unwrap_or(start);
    let mut live = 0;
    let mut forget = Vec::new();
    for (name, seen) in item.iter().filter(|(n, _)| n.starts_with(WORKER_PREFIX)) {
        let seen = num(seen).unwrap_or(0.0) as u64;
        if seen + LIVE_MS >= now {
            live += 1;
        } else if seen + FORGET_MS < now && forget.len() < MAX_REMOVALS {
            forget.push(name.clone());
        }
    }
    let shared = SharedRate {
        total,
        processes: live.max(1),
    };
    (shared, forget)
}

#[async_trait::async_trait]
impl SharedRates for DynamoSharedRates {
    async fn sync(&self, bucket: &str, start: f64, growth: f64) -> anyhow::Result<SharedRate> {
        let now = now_ms();
        let forget = self
            .forgotten
            .lock()
            .expect("shared rates lock")
            .remove(bucket)
            .unwrap_or_default();
        let mut expression = "SET #total = if_not_exists(#total, :start) + :growth, \
                              #me = :now, expires_at = :expires"
            .to_string();
        let mut update = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(bucket)))
            .expression_attribute_names("#total", "total")
            .expression_attribute_names("#me", &self.me)
            .expression_attribute_values(":start", number(start))
            .expression_attribute_values(":growth", number(growth))
            .expression_attribute_values(":now", AttributeValue::N(now.to_string()))
            .expression_attribute_values(
                ":expires",
                AttributeValue::N((now / 1000 + IDLE_SECS).to_string()),
            )
            .return_values(ReturnValue::AllNew);
        let gone: Vec<&String> = forget.iter().filter(|n| **n != self.me).collect();
        if !gone.is_empty() {
            let names: Vec<String> = (0..gone.len()).map(|i| format!("#gone{i}")).collect();
            expression.push_str(" REMOVE ");
            expression.push_str(&names.join(", "));
            for (alias, name) in names.iter().zip(gone) {
                update = update.expression_attribute_names(alias, name);
            }
        }
        let answer = update
            .update_expression(expression)
            .send()
            .await
            .map_err(|e| anyhow::anyhow!(describe(&e)))
            .with_context(|| format!("cannot sync the shared rate {bucket}"))?;
        let item = answer.attributes().cloned().unwrap_or_default();
        let (shared, forget) = read_item(&item, start, now);
        if !forget.is_empty() {
            self.forgotten
                .lock()
                .expect("shared rates lock")
                .insert(bucket.to_string(), forget);
        }
        Ok(shared)
    }

    async fn cut(&self, bucket: &str, total: f64) -> anyhow::Result<()> {
        let now = now_ms();
        let answer = self
            .client
            .update_item()
            .table_name(&self.table)
            .set_key(Some(Self::key(bucket)))
            .update_expression("SET #total = :cut, cut_at = :now, expires_at = :expires")
            // Only lower: of several workers throttled in one round, the lowest cut
            // stands and the others change nothing.
            .condition_expression("#total > :cut")
            .expression_attribute_names("#total", "total")
            .expression_attribute_values(":cut", number(total))
            .expression_attribute_values(":now", AttributeValue::N(now.to_string()))
            .expression_attribute_values(
                ":expires",
                AttributeValue::N((now / 1000 + IDLE_SECS).to_string()),
            )
            .send()
            .await;
        match answer {
            Ok(_) => Ok(()),
            Err(e)
                if e.as_service_error().and_then(|e| e.code())
                    == Some("ConditionalCheckFailedException") =>
            {
                Ok(())
            }
            Err(e) => Err(anyhow::anyhow!(describe(&e)))
                .with_context(|| format!("cannot cut the shared rate {bucket}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_counts_the_workers_seen_lately_and_forgets_the_long_silent() {
        let now = 1_000_000;
        let n = |v: u64| AttributeValue::N(v.to_string());
        let item = HashMap::from([
            ("total".to_string(), AttributeValue::N("60.5".into())),
            ("worker_a".to_string(), n(now - 1_000)),
            ("worker_b".to_string(), n(now - LIVE_MS)),
            ("worker_c".to_string(), n(now - 30_000)),
            ("worker_d".to_string(), n(now - FORGET_MS - 1)),
            ("cut_at".to_string(), n(now)),
        ]);
        let (shared, forget) = read_item(&item, 100.0, now);
        assert_eq!(
            shared,
            SharedRate {
                total: 60.5,
                processes: 2
            }
        );
        assert_eq!(forget, ["worker_d"]);
        // A missing or hostile total falls back to the start; a new item has this one.
        let bad = HashMap::from([("total".to_string(), AttributeValue::N("NaN".into()))]);
        assert_eq!(
            read_item(&bad, 100.0, now).0,
            SharedRate {
                total: 100.0,
                processes: 1
            }
        );
    }
}
