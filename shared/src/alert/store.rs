//! Where alert destinations and the delivery ledger live: a capability of its own, so a
//! store gains it without touching `Store`. The SQLite store has it (tables of schema
//! version 2); the DynamoDB store does not yet.

use super::model::Destination;
use crate::store::SqliteStore;
use anyhow::Context;
use async_trait::async_trait;
use chrono::{DateTime, Utc};
use rusqlite::{params, OptionalExtension};

/// One message of a scan to a destination: the ledger's key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DeliveryKey {
    pub destination_id: String,
    pub scan_id: String,
    pub batch_key: String,
}

impl DeliveryKey {
    /// The id receivers see (`X-Parapet-Delivery`, the webhook body's `delivery_id`).
    pub fn delivery_id(&self) -> String {
        format!(
            "{}/{}/{}",
            self.destination_id, self.scan_id, self.batch_key
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryState {
    Delivered,
    /// Not delivered after every attempt: kept with its body, sent again later.
    DeadLetter,
}

impl DeliveryState {
    fn as_str(self) -> &'static str {
        match self {
            DeliveryState::Delivered => "delivered",
            DeliveryState::DeadLetter => "dead_letter",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeliveryRecord {
    pub key: DeliveryKey,
    pub state: DeliveryState,
    /// Attempts over every try so far.
    pub attempts: u32,
    /// Why the last try failed (dead letters); never holds the URL.
    pub error: Option<String>,
    /// The message, for a dead letter's redelivery; dropped once delivered.
    pub body: Option<String>,
    pub updated_at: DateTime<Utc>,
}

#[async_trait]
pub trait AlertStore: Send + Sync {
    /// Adds a destination, or replaces the one with the same id.
    async fn put_destination(&self, d: &Destination) -> anyhow::Result<()>;
    /// In the order they were added.
    async fn destinations(&self) -> anyhow::Result<Vec<Destination>>;
    /// Removes a destination and its ledger. False when no destination had that id.
    async fn delete_destination(&self, id: &str) -> anyhow::Result<bool>;
    async fn delivery(&self, key: &DeliveryKey) -> anyhow::Result<Option<DeliveryRecord>>;
    /// Writes the record of its key, replacing the one before.
    async fn record_delivery(&self, record: &DeliveryRecord) -> anyhow::Result<()>;
    /// A destination's dead letters, oldest first, at most `limit`.
    async fn dead_letters(
        &self,
        destination_id: &str,
        limit: usize,
    ) -> anyhow::Result<Vec<DeliveryRecord>>;
}

/// The tables behind `AlertStore` in SQLite: schema version 2 (`store::sqlite`).
pub const SQLITE_SCHEMA_V2: &str = "
CREATE TABLE IF NOT EXISTS alert_destinations (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS alert_deliveries (
    destination_id TEXT NOT NULL, scan_id TEXT NOT NULL, batch_key TEXT NOT NULL,
    state TEXT NOT NULL, attempts INTEGER NOT NULL, error TEXT, body TEXT, updated_at TEXT NOT NULL,
    PRIMARY KEY (destination_id, scan_id, batch_key));
CREATE INDEX IF NOT EXISTS alert_deliveries_by_state ON alert_deliveries(destination_id, state, updated_at);
";

fn record_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DeliveryRecord> {
    let state: String = r.get(3)?;
    let updated: String = r.get(7)?;
    Ok(DeliveryRecord {
        key: DeliveryKey {
            destination_id: r.get(0)?,
            scan_id: r.get(1)?,
            batch_key: r.get(2)?,
        },
        state: match state.as_str() {
            "delivered" => DeliveryState::Delivered,
            _ => DeliveryState::DeadLetter,
        },
        attempts: r.get(4)?,
        error: r.get(5)?,
        body: r.get(6)?,
        updated_at: DateTime::parse_from_rfc3339(&updated)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default(),
    })
}

const RECORD_COLUMNS: &str =
    "destination_id, scan_id, batch_key, state, attempts, error, body, updated_at";

#[async_trait]
impl AlertStore for SqliteStore {
    async fn put_destination(&self, d: &Destination) -> anyhow::Result<()> {
        self.conn().execute(
            "INSERT OR REPLACE INTO alert_destinations (id, created_at, doc) VALUES (?1, ?2, ?3)",
            params![d.id, d.created_at.to_rfc3339(), serde_json::to_string(d)?],
        )?;
        Ok(())
    }

    async fn destinations(&self) -> anyhow::Result<Vec<Destination>> {
        let conn = self.conn();
        let mut stmt =
            conn.prepare("SELECT id, doc FROM alert_destinations ORDER BY created_at, id")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (id, doc) = row?;
            out.push(
                serde_json::from_str(&doc)
                    .with_context(|| format!("alert destination {id} is not readable"))?,
            );
        }
        Ok(out)
    }

    async fn delete_destination(&self, id: &str) -> anyhow::Result<bool> {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        let removed = tx.execute("DELETE FROM alert_destinations WHERE id = ?1", [id])?;
        tx.execute(
            "DELETE FROM alert_deliveries WHERE destination_id = ?1",
            [id],
        )?;
        tx.commit()?;
        Ok(removed == 1)
    }

    async fn delivery(&self, key: &DeliveryKey) -> anyhow::Result<Option<DeliveryRecord>> {
        let conn = self.conn();
        Ok(conn
            .query_row(
                &format!("SELECT {RECORD_COLUMNS} FROM alert_deliveries WHERE destination_id = ?1 AND scan_id = ?2 AND batch_key = ?3"),
                params![key.destination_id, key.scan_id, key.batch_key],
                record_row,
            )
            .optional()?)
    }

    async fn record_delivery(&self, rec: &DeliveryRecord) -> anyhow::Result<()> {
        self.conn().execute(
            &format!("INSERT OR REPLACE INTO alert_deliveries ({RECORD_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
            params![
                rec.key.destination_id,
                rec.key.scan_id,
                rec.key.batch_key,
                rec.state.as_str(),
                rec.attempts,
                rec.error,
                rec.body,
                rec.updated_at.to_rfc3339()
            ],
        )?;
        Ok(())
    }

    async fn dead_letters(
        &self,
        destination_id: &str,
        limit: usize,
    ) -> anyhow::Result<Vec<DeliveryRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "SELECT {RECORD_COLUMNS} FROM alert_deliveries WHERE destination_id = ?1 AND state = 'dead_letter' ORDER BY updated_at, scan_id, batch_key LIMIT ?2"
        ))?;
        let rows = stmt.query_map(params![destination_id, limit as i64], record_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alert::model::{DestinationKind, SecretRef};
    use crate::model::Severity;

    #[tokio::test]
    async fn destinations_and_the_ledger_round_trip() {
        let store = SqliteStore::in_memory().unwrap();
        let d = Destination::new(
            DestinationKind::Slack {
                url: SecretRef::Env("SLACK_URL".into()),
            },
            Severity::High,
            false,
        );
        store.put_destination(&d).await.unwrap();
        assert_eq!(store.destinations().await.unwrap(), vec![d.clone()]);
        let key = DeliveryKey {
            destination_id: d.id.clone(),
            scan_id: "scan-1".into(),
            batch_key: "new_failures-1".into(),
        };
        assert_eq!(store.delivery(&key).await.unwrap(), None);
        let dead = DeliveryRecord {
            key: key.clone(),
            state: DeliveryState::DeadLetter,
            attempts: 5,
            error: Some("HTTP 503".into()),
            body: Some("{}".into()),
            updated_at: Utc::now(),
        };
        store.record_delivery(&dead).await.unwrap();
        assert_eq!(store.dead_letters(&d.id, 10).await.unwrap().len(), 1);
        let delivered = DeliveryRecord {
            state: DeliveryState::Delivered,
            body: None,
            ..dead
        };
        store.record_delivery(&delivered).await.unwrap();
        assert!(store.dead_letters(&d.id, 10).await.unwrap().is_empty());
        assert_eq!(
            store.delivery(&key).await.unwrap().unwrap().state,
            DeliveryState::Delivered
        );
        assert!(store.delete_destination(&d.id).await.unwrap());
        assert!(!store.delete_destination(&d.id).await.unwrap());
        assert_eq!(
            store.delivery(&key).await.unwrap(),
            None,
            "the ledger goes with it"
        );
    }
}
