pub mod accounts;
pub mod controls;
pub mod history;
pub mod mute;
pub mod report;
pub mod results;
pub mod scan;

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

pub fn open_store(path: &Path) -> anyhow::Result<SqliteStore> {
    SqliteStore::open(path)
}

/// `--store`: the local SQLite file, or a deployed installation's DynamoDB table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StoreKind {
    Sqlite,
    Dynamodb,
}

/// Which store a command reads and writes.
#[derive(Debug, Clone)]
pub struct StoreChoice {
    pub kind: StoreKind,
    pub db: PathBuf,
    pub table_prefix: String,
}

impl StoreChoice {
    /// Opens the store. The DynamoDB table is reached with the default credential chain,
    /// `AWS_PROFILE` and `AWS_ENDPOINT_URL`.
    pub async fn open(&self) -> anyhow::Result<Arc<dyn Store>> {
        match self.kind {
            StoreKind::Sqlite => Ok(Arc::new(open_store(&self.db)?)),
            StoreKind::Dynamodb => {
                let config = aws_config::defaults(aws_config::BehaviorVersion::latest())
                    .load()
                    .await;
                Ok(Arc::new(DynamoStore::new(
                    aws_sdk_dynamodb::Client::new(&config),
                    DynamoStore::table_name(&self.table_prefix),
                )))
            }
        }
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

/// Opens the store for reading, refusing to create one where none exists.
pub fn existing_store(path: &Path) -> anyhow::Result<SqliteStore> {
    if !path.exists() {
        anyhow::bail!(
            "no store at {}: run `parapet scan` first (or pass --db)",
            path.display()
        );
    }
    open_store(path)
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
