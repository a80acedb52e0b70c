pub mod accounts;
pub mod alerts;
pub mod controls;
pub mod graph;
pub mod history;
pub mod mute;
pub mod permissions;
pub mod report;
pub mod results;
pub mod scan;
pub mod trend;
pub mod verify;

use anyhow::Context;
use parapet::controls::Catalog;
use parapet::store::{DynamoStore, SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn db_path(explicit: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    match explicit {
        Some(p) => Ok(p),
        None => Ok(dirs::data_dir()
            .context("cannot find the user's data directory; pass --db PATH")?
            .join("parapet")
            .join("parapet.db")),
    }
}

/// `--store`: the local SQLite file, or a deployed installation's DynamoDB table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StoreKind {
    Sqlite,
    Dynamodb,
}

/// Which store a command reads and writes: every command goes through the `Store`
/// trait, so each works on either store.
#[derive(Debug, Clone)]
pub struct StoreChoice {
    pub kind: StoreKind,
    /// `--db`, when given; otherwise the default path under the user's data directory.
    pub db: Option<PathBuf>,
    pub table_prefix: String,
}

impl StoreChoice {
    fn sqlite_path(&self) -> anyhow::Result<PathBuf> {
        db_path(self.db.clone())
    }

    /// Where results go, for messages: the SQLite file or the DynamoDB table.
    pub fn describe(&self) -> String {
        match self.kind {
            StoreKind::Sqlite => self
                .sqlite_path()
                .map(|p| p.display().to_string())
                .unwrap_or_else(|_| "the SQLite store".into()),
            StoreKind::Dynamodb => format!(
                "DynamoDB table {}",
                DynamoStore::table_name(&self.table_prefix)
            ),
        }
    }

    /// Opens the store, creating the SQLite file when missing (commands that write).
    /// The DynamoDB table is reached with the default credential chain, `AWS_PROFILE`,
    /// `AWS_REGION` and `AWS_ENDPOINT_URL`, and must exist: the installation creates it.
    pub async fn open(&self) -> anyhow::Result<Arc<dyn Store>> {
        match self.kind {
            StoreKind::Sqlite => Ok(Arc::new(SqliteStore::open(&self.sqlite_path()?)?)),
            StoreKind::Dynamodb => self.open_dynamodb().await,
        }
    }

    /// Opens the store for reading, refusing to create a SQLite file where none exists.
    pub async fn open_existing(&self) -> anyhow::Result<Arc<dyn Store>> {
        if self.kind == StoreKind::Sqlite {
            let path = self.sqlite_path()?;
            if !path.exists() {
                anyhow::bail!(
                    "no store at {}: run `parapet scan` first (or pass --db)",
                    path.display()
                );
            }
        }
        self.open().await
    }

    /// The store if there is one: a SQLite file that does not exist yet holds nothing.
    pub async fn open_if_present(&self) -> anyhow::Result<Option<Arc<dyn Store>>> {
        if self.kind == StoreKind::Sqlite && !self.sqlite_path().is_ok_and(|p| p.exists()) {
            return Ok(None);
        }
        self.open().await.map(Some)
    }

    async fn open_dynamodb(&self) -> anyhow::Result<Arc<dyn Store>> {
        let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .load()
            .await;
        let client = aws_sdk_dynamodb::Client::new(&config);
        let table = DynamoStore::table_name(&self.table_prefix);
        // One DescribeTable, so a wrong prefix or region is named now rather than
        // surfacing as a service error from the first query.
        if let Err(e) = client.describe_table().table_name(&table).send().await {
            let region = config
                .region()
                .map(|r| r.to_string())
                .unwrap_or_else(|| "no region".into());
            let not_found = e
                .as_service_error()
                .is_some_and(|s| s.is_resource_not_found_exception());
            if not_found {
                anyhow::bail!(
                    "no DynamoDB table {table} in {region}: check --table-prefix (the \
                     installation's prefix) and the region (AWS_REGION or the profile's)"
                );
            }
            return Err(anyhow::Error::new(e)
                .context(format!("cannot reach DynamoDB table {table} in {region}")));
        }
        Ok(Arc::new(DynamoStore::new(client, table)))
    }
}

pub fn catalog(extra: Option<&Path>) -> anyhow::Result<Catalog> {
    let catalog = match extra {
        Some(dir) => Catalog::embedded_with(&[dir]),
        None => Catalog::embedded(),
    };
    catalog.context("the control catalog is invalid")
}

/// `--format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Summary and failing findings, for people.
    Table,
    /// One JSON object per finding per line.
    Json,
    /// One row per finding.
    Csv,
    /// OCSF Detection Findings (class 2004), a JSON array.
    Ocsf,
    /// AWS Security Finding Format, a JSON array for Security Hub.
    Asff,
    /// SARIF 2.1.0, failing findings as results.
    Sarif,
    /// One self-contained HTML page.
    Html,
}

/// `latest` (of an account, or of any) or a scan id.
pub async fn find_scan(
    store: &dyn parapet::store::Store,
    which: &str,
    account: Option<&str>,
) -> anyhow::Result<parapet::model::Scan> {
    if which == "latest" {
        return store
            .scans(account, 1)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| {
                anyhow::anyhow!(
                    "the store holds no scan yet{}",
                    account
                        .map(|a| format!(" of account {a}"))
                        .unwrap_or_default()
                )
            });
    }
    store.scan(which).await?.ok_or_else(|| {
        anyhow::anyhow!("no scan {which:?} in the store; `parapet scans` lists them")
    })
}
