pub mod controls;
pub mod report;
pub mod scan;

use anyhow::Context;
use parapet::controls::Catalog;
use parapet::store::SqliteStore;
use std::path::{Path, PathBuf};

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
