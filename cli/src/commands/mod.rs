pub mod accounts;
pub mod controls;
pub mod report;
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
    Table,
    Json,
}
