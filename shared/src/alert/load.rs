//! A finished scan's transitions, read from a store: its findings and those of the
//! account's previous finished scan, mute rules applied, compared by `report::diff`.

use super::plan::{transitions, Transitions};
use crate::controls::Catalog;
use crate::model::{Finding, MuteRule, Scan};
use crate::mute::MuteSet;
use crate::report::diff::{diff, ScanSide};
use crate::store::{previous_finished_scan, FindingQuery, Store};
use chrono::Utc;

/// The transitions of `scan` (finished) against the account's previous finished scan,
/// or against nothing for its first scan (every failure is then new).
pub async fn scan_transitions(
    store: &dyn Store,
    catalog: &Catalog,
    rules: &[MuteRule],
    scan: &Scan,
) -> anyhow::Result<Transitions> {
    let mute = MuteSet::new(rules, Utc::now())?;
    let now = muted_findings(store, &mute, &scan.id).await?;
    let previous = previous_finished_scan(store, scan).await?;
    let before = match &previous {
        Some(p) => muted_findings(store, &mute, &p.id).await?,
        None => Vec::new(),
    };
    // Scores and resources are not needed: compare findings alone, with no masks.
    let d = diff(
        catalog,
        &[],
        &ScanSide {
            scan_id: previous.as_ref().map_or("", |p| p.id.as_str()),
            findings: &before,
            resources: &[],
        },
        &ScanSide {
            scan_id: &scan.id,
            findings: &now,
            resources: &[],
        },
    );
    Ok(transitions(scan, &d, &now))
}

async fn muted_findings(
    store: &dyn Store,
    mute: &MuteSet,
    scan_id: &str,
) -> anyhow::Result<Vec<Finding>> {
    let query = FindingQuery {
        scan_id: Some(scan_id.to_string()),
        ..Default::default()
    };
    let mut findings = store.findings(&query).await?;
    let tags = store.resource_tags(scan_id).await?;
    mute.apply(&mut findings, &tags);
    Ok(findings)
}
