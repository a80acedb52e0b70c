use crate::controls::Catalog;
use crate::model::Scan;
use crate::report::summarize;
use crate::store::{FindingQuery, Store};

/// Computes the scan summary (counts, scores per benchmark) from what the tasks stored,
/// and closes the scan: complete, or partial when a task failed.
pub async fn finalize(store: &dyn Store, catalog: &Catalog, scan_id: &str) -> anyhow::Result<Scan> {
    let findings = store
        .findings(&FindingQuery {
            scan_id: Some(scan_id.to_string()),
            ..Default::default()
        })
        .await?;
    let resources = store.resources(scan_id).await?.len() as u64;
    let summary = summarize(catalog, &findings, resources);
    store.finalize_scan(scan_id, &summary).await
}
