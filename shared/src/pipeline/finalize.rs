use crate::controls::Catalog;
use crate::model::Scan;
use crate::mute::MuteSet;
use crate::report::summarize;
use crate::store::{FindingQuery, Store};
use chrono::Utc;
use std::collections::HashMap;

/// Computes the scan summary (counts, scores per benchmark) from what the tasks stored,
/// with the mute rules and masks in force now, and closes the scan: complete, or partial
/// when a task failed.
pub async fn finalize(store: &dyn Store, catalog: &Catalog, scan_id: &str) -> anyhow::Result<Scan> {
    let mut findings = store
        .findings(&FindingQuery {
            scan_id: Some(scan_id.to_string()),
            ..Default::default()
        })
        .await?;
    let resources = store.resources(scan_id).await?;
    // A store that cannot hold rules or masks yet still finalizes: the summary is then
    // unmuted and unmasked, and the log says so.
    let rules = store.mute_rules().await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "scan summary computed without mute rules");
        Vec::new()
    });
    let masks = store.masks().await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "scan summary computed without control masks");
        Vec::new()
    });
    let tags: HashMap<_, _> = resources
        .iter()
        .map(|r| (r.arn.clone(), r.tags.clone()))
        .collect();
    // Rules are checked when stored; should one still not compile, the scan must close
    // anyway rather than stay running forever.
    let mutes = MuteSet::new(&rules, Utc::now()).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "scan summary computed without mute rules");
        MuteSet::default()
    });
    mutes.apply(&mut findings, &tags);
    let summary = summarize(catalog, &findings, resources.len() as u64, &masks);
    store.finalize_scan(scan_id, &summary).await
}
