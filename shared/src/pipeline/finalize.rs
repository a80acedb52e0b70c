use crate::controls::Catalog;
use crate::model::{Scan, ScanState, ScanSummary};
use crate::mute::MuteSet;
use crate::report::summarize;
use crate::store::{FindingQuery, Store};
use chrono::Utc;

/// Computes the scan summary (counts, scores per benchmark) from what the tasks stored,
/// with the mute rules and masks in force now, and closes the scan: complete, or partial
/// when a task failed.
pub async fn finalize(store: &dyn Store, catalog: &Catalog, scan_id: &str) -> anyhow::Result<Scan> {
    let summary = compute_summary(store, catalog, scan_id).await?;
    store.finalize_scan(scan_id, &summary).await
}

/// After a real-time rescan changed a finished scan's findings: recomputes its summary
/// so the scan's scores say what its findings say. False when there was nothing to
/// refresh: the scan is still running (its own finalize will count the rescan), or a
/// summary computed later is already stored.
pub async fn refresh_summary(
    store: &dyn Store,
    catalog: &Catalog,
    scan_id: &str,
) -> anyhow::Result<bool> {
    let finished = store
        .scan(scan_id)
        .await?
        .is_some_and(|s| s.state != ScanState::Running);
    if !finished {
        return Ok(false);
    }
    let summary = compute_summary(store, catalog, scan_id).await?;
    store.replace_summary(scan_id, &summary).await
}

async fn compute_summary(
    store: &dyn Store,
    catalog: &Catalog,
    scan_id: &str,
) -> anyhow::Result<ScanSummary> {
    let read_at = Utc::now();
    let mut findings = store
        .findings(&FindingQuery {
            scan_id: Some(scan_id.to_string()),
            ..Default::default()
        })
        .await?;
    let tags = store.resource_tags(scan_id).await?;
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
    // Rules are checked when stored; should one still not compile, the scan must close
    // anyway rather than stay running forever.
    let mutes = MuteSet::new(&rules, Utc::now()).unwrap_or_else(|e| {
        tracing::warn!(error = %e, "scan summary computed without mute rules");
        MuteSet::default()
    });
    mutes.apply(&mut findings, &tags);
    let mut summary = summarize(catalog, &findings, tags.len() as u64, &masks);
    summary.computed_at = Some(read_at);
    Ok(summary)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::{Assessment, Framework, Requirement};
    use crate::model::{Finding, Mask, MuteExceptions, MuteRule, ScanState, Severity, Status};
    use crate::store::SqliteStore;

    fn finding(control: &str, bucket: &str, status: Status) -> Finding {
        let now = Utc::now();
        Finding {
            control_id: control.into(),
            resource_arn: format!("arn:aws:s3:::{bucket}"),
            resource_name: bucket.into(),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            severity: Severity::High,
            status,
            reason: "r".into(),
            scan_id: "s1".into(),
            first_seen: now,
            last_seen: now,
            status_changed_at: now,
            muted: None,
        }
    }

    fn running_scan() -> Scan {
        Scan {
            id: "s1".into(),
            account_id: "123456789012".into(),
            started_at: Utc::now(),
            finished_at: None,
            state: ScanState::Running,
            regions: vec!["us-east-1".into()],
            tasks_total: 1,
            tasks_done: 0,
            tasks_failed: 0,
            failures: vec![],
            summary: None,
        }
    }

    #[tokio::test]
    async fn a_rescan_refreshes_a_finished_scans_summary_never_with_an_older_one() {
        let store = SqliteStore::in_memory().unwrap();
        store.create_scan(&running_scan()).await.unwrap();
        store
            .put_findings(&mut [finding("a", "www", Status::Pass)])
            .await
            .unwrap();
        let catalog = Catalog::default();
        assert!(
            !refresh_summary(&store, &catalog, "s1").await.unwrap(),
            "a running scan is summarized when it finishes"
        );
        let first = finalize(&store, &catalog, "s1")
            .await
            .unwrap()
            .summary
            .unwrap();
        assert_eq!(first.by_status.get(&Status::Pass), Some(&1));

        // The rescan found the bucket failing now.
        store
            .put_findings(&mut [finding("a", "www", Status::Fail)])
            .await
            .unwrap();
        assert!(refresh_summary(&store, &catalog, "s1").await.unwrap());
        let scan = store.scan("s1").await.unwrap().unwrap();
        let now = scan.summary.unwrap();
        assert_eq!(now.by_status.get(&Status::Fail), Some(&1));
        assert_eq!(now.by_status.get(&Status::Pass), None);
        assert_eq!(scan.state, ScanState::Complete);

        // A computation that read before the stored one loses the race.
        assert!(!store.replace_summary("s1", &first).await.unwrap());
        let kept = store.scan("s1").await.unwrap().unwrap().summary.unwrap();
        assert_eq!(kept, now);
        assert!(!store.replace_summary("no-such-scan", &first).await.unwrap());
    }

    #[tokio::test]
    async fn the_stored_summary_leaves_out_muted_findings_and_masked_controls() {
        let store = SqliteStore::in_memory().unwrap();
        store.create_scan(&running_scan()).await.unwrap();
        store
            .put_findings(&mut [
                finding("a", "www", Status::Fail),
                finding("a", "data", Status::Pass),
                finding("b", "data", Status::Fail),
            ])
            .await
            .unwrap();
        store
            .put_mute_rule(&MuteRule {
                id: "m".into(),
                accounts: vec!["*".into()],
                controls: vec!["a".into()],
                regions: vec!["*".into()],
                resources: vec!["www".into()],
                tags: vec![],
                exceptions: MuteExceptions::default(),
                reason: "website".into(),
                expires_at: None,
                created_by: "t".into(),
                created_at: Utc::now(),
            })
            .await
            .unwrap();
        store
            .put_mask(&Mask {
                control_id: "b".into(),
                benchmark: Some("bench".into()),
                account_id: None,
                reason: "n/a".into(),
                created_by: "t".into(),
                created_at: Utc::now(),
            })
            .await
            .unwrap();
        let catalog = Catalog {
            frameworks: vec![Framework {
                id: "bench".into(),
                name: "Bench".into(),
                version: "1".into(),
                requirements: vec![Requirement {
                    id: "1".into(),
                    section: "s".into(),
                    description: "d".into(),
                    assessment: Assessment::Automated,
                    controls: vec!["a".into(), "b".into()],
                }],
            }],
            ..Default::default()
        };
        let scan = finalize(&store, &catalog, "s1").await.unwrap();
        let summary = scan.summary.unwrap();
        let b = &summary.benchmarks[0];
        assert_eq!((b.pass, b.fail, b.muted, b.score), (1, 0, 1, Some(1.0)));
        assert_eq!(summary.by_status.get(&Status::Muted), Some(&1));
        assert_eq!(
            summary.by_status.get(&Status::Fail),
            Some(&1),
            "b still fails, unmasked elsewhere"
        );
    }
}
