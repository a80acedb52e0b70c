//! The serverless queue: SQS, sent in batches of ten.

use super::TaskQueue;
use crate::aws::describe;
use crate::model::ScanTask;
use anyhow::{anyhow, bail, Context};
use async_trait::async_trait;
use aws_sdk_sqs::types::SendMessageBatchRequestEntry;
use aws_sdk_sqs::Client;
use std::time::Duration;

/// SendMessageBatch takes at most ten entries...
const BATCH: usize = 10;
/// ...of at most 256 KiB together (and one message alone at most that).
const BATCH_BYTES: usize = 256 * 1024;
/// Rounds of retrying the entries SQS reported failed before giving up.
const ROUNDS: u32 = 6;

pub struct SqsQueue {
    client: Client,
    queue_url: String,
    /// Held back this long before a worker sees the task (eventual consistency of the
    /// APIs a real-time rescan reads right after a change).
    delay: Duration,
}

impl SqsQueue {
    pub fn new(client: Client, queue_url: impl Into<String>) -> Self {
        SqsQueue {
            client,
            queue_url: queue_url.into(),
            delay: Duration::ZERO,
        }
    }

    pub fn with_delay(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    pub fn queue_url(&self) -> &str {
        &self.queue_url
    }
}

#[async_trait]
impl TaskQueue for SqsQueue {
    async fn send(&self, tasks: &[ScanTask]) -> anyhow::Result<()> {
        let bodies = tasks
            .iter()
            .map(serde_json::to_string)
            .collect::<Result<Vec<_>, _>>()?;
        for chunk in batches(bodies)? {
            let mut pending: Vec<(String, String)> = chunk
                .into_iter()
                .enumerate()
                .map(|(i, body)| (i.to_string(), body))
                .collect();
            for round in 0.. {
                let entries = pending
                    .iter()
                    .map(|(id, body)| {
                        SendMessageBatchRequestEntry::builder()
                            .id(id)
                            .message_body(body)
                            .delay_seconds(self.delay.as_secs().min(900) as i32)
                            .build()
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                let out = self
                    .client
                    .send_message_batch()
                    .queue_url(&self.queue_url)
                    .set_entries(Some(entries))
                    .send()
                    .await
                    .map_err(|e| anyhow!(describe(&e)))
                    .with_context(|| format!("SQS SendMessageBatch to {}", self.queue_url))?;
                let failed = out.failed();
                if failed.is_empty() {
                    break;
                }
                // Sender faults (a malformed entry) will not pass on a retry.
                if let Some(f) = failed.iter().find(|f| f.sender_fault) {
                    bail!(
                        "SQS refused a task message: {}: {}",
                        f.code,
                        f.message.as_deref().unwrap_or("")
                    );
                }
                if round + 1 >= ROUNDS {
                    bail!(
                        "SQS failed to accept {} task messages after {ROUNDS} attempts: {}",
                        failed.len(),
                        failed[0].code
                    );
                }
                let retry: std::collections::HashSet<&str> =
                    failed.iter().map(|f| f.id.as_str()).collect();
                pending.retain(|(id, _)| retry.contains(id.as_str()));
                tokio::time::sleep(Duration::from_millis(100 << round)).await;
            }
        }
        Ok(())
    }
}

/// Groups message bodies into SendMessageBatch calls of at most `BATCH` entries and
/// `BATCH_BYTES` bytes, in order; a body over the limit alone is an error naming its size.
fn batches(bodies: Vec<String>) -> anyhow::Result<Vec<Vec<String>>> {
    let mut batches: Vec<Vec<String>> = Vec::new();
    let mut bytes = 0;
    for body in bodies {
        if body.len() > BATCH_BYTES {
            bail!(
                "a task message of {} bytes exceeds SQS's {BATCH_BYTES}-byte limit",
                body.len()
            );
        }
        match batches.last_mut() {
            Some(last) if last.len() < BATCH && bytes + body.len() <= BATCH_BYTES => {
                bytes += body.len();
                last.push(body);
            }
            _ => {
                bytes = body.len();
                batches.push(vec![body]);
            }
        }
    }
    Ok(batches)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_hold_ten_messages_and_256_kib_at_most() {
        let sizes = |b: &[Vec<String>]| b.iter().map(Vec::len).collect::<Vec<_>>();
        let small = vec!["x".to_string(); 23];
        assert_eq!(sizes(&batches(small).unwrap()), [10, 10, 3]);
        let big = vec!["y".repeat(100 * 1024); 5];
        let b = batches(big).unwrap();
        assert_eq!(sizes(&b), [2, 2, 1]);
        assert!(b
            .iter()
            .all(|m| m.iter().map(String::len).sum::<usize>() <= BATCH_BYTES));
        let err = batches(vec!["z".repeat(BATCH_BYTES + 1)]).unwrap_err();
        assert!(err.to_string().contains("exceeds"), "{err}");
    }
}
