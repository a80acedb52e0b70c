use super::changes::{change_tally, is_partial};
use crate::controls::Catalog;
use crate::model::{Scan, ScanState, ScanSummary};
use crate::mute::MuteSet;
use crate::report::SummaryTally;
use crate::store::{FindingQuery, Store, FINDINGS_PAGE};
use anyhow::Context;
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
    // Tags are read only when a rule could look at them.
    let tags = if mutes.is_empty() {
        Default::default()
    } else {
        store.resource_tags(scan_id).await?
    };
    let scan = store
        .scan(scan_id)
        .await?
        .with_context(|| format!("scan {scan_id} does not exist"))?;
    let mut changes = change_tally(store, &scan)
        .await
        .with_context(|| format!("cannot read the scan before {scan_id}"))?;
    // Counted a page at a time: the summary never holds the scan's findings.
    let mut tally = SummaryTally::default();
    let query = FindingQuery {
        scan_id: Some(scan_id.to_string()),
        ..Default::default()
    };
    store
        .findings_by_page(&query, FINDINGS_PAGE, &mut |mut page| {
            page.iter().for_each(|f| changes.add(f));
            mutes.apply(&mut page, &tags);
            page.iter().for_each(|f| tally.add(f));
            Ok(())
        })
        .await?;
    let resources = match tags.len() {
        0 => store.resource_count(scan_id).await?,
        read => read as u64,
    };
    let mut summary = tally.summary(catalog, resources, &masks);
    summary.computed_at = Some(read_at);
    summary.changes = Some(changes.finish(is_partial(&scan)));
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

    #[tokio::test]
    async fn the_summary_counted_by_pages_equals_the_one_of_all_findings_at_once() {
        use crate::model::Resource;
        let store = SqliteStore::in_memory().unwrap();
        store.create_scan(&running_scan()).await.unwrap();
        let resources: Vec<Resource> = (0..450)
            .map(|i| Resource {
                arn: format!("arn:aws:s3:::b{i:03}"),
                resource_type: "AWS::S3::Bucket".into(),
                account_id: ["123456789012", "210987654321"][i % 2].into(),
                region: "us-east-1".into(),
                name: format!("b{i:03}"),
                tags: [(
                    "team".to_string(),
                    ["web", "data", "ops"][i % 3].to_string(),
                )]
                .into(),
                attributes: serde_json::Value::Null,
                collected_at: Utc::now(),
                scan_id: "s1".into(),
            })
            .collect();
        store.put_resources(&resources).await.unwrap();
        let statuses = [
            Status::Pass,
            Status::Fail,
            Status::Error,
            Status::Info,
            Status::Skipped,
        ];
        let mut findings = Vec::new();
        for c in ["a", "b", "c", "d", "e"] {
            for (i, r) in resources.iter().enumerate() {
                let mut f = finding(c, &r.name, statuses[(i * 3 + c.len() * i) % 5]);
                f.resource_arn = r.arn.clone();
                f.account_id = r.account_id.clone();
                f.severity = Severity::ALL[i % Severity::ALL.len()];
                findings.push(f);
            }
        }
        store.put_findings(&mut findings).await.unwrap();
        let rule = MuteRule {
            id: "ops".into(),
            accounts: vec!["*".into()],
            controls: vec!["a".into(), "c".into()],
            regions: vec!["*".into()],
            resources: vec!["*".into()],
            tags: vec!["team=ops".into()],
            exceptions: MuteExceptions::default(),
            reason: "ops owns these".into(),
            expires_at: None,
            created_by: "t".into(),
            created_at: Utc::now(),
        };
        store.put_mute_rule(&rule).await.unwrap();
        let mask = Mask {
            control_id: "b".into(),
            benchmark: Some("bench".into()),
            account_id: Some("210987654321".into()),
            reason: "n/a".into(),
            created_by: "t".into(),
            created_at: Utc::now(),
        };
        store.put_mask(&mask).await.unwrap();
        let requirement = |id: &str, controls: &[&str]| Requirement {
            id: id.into(),
            section: "s".into(),
            description: "d".into(),
            assessment: Assessment::Automated,
            controls: controls.iter().map(|c| c.to_string()).collect(),
        };
        let catalog = Catalog {
            frameworks: vec![Framework {
                id: "bench".into(),
                name: "Bench".into(),
                version: "1".into(),
                requirements: vec![requirement("1", &["a", "b"]), requirement("2", &["b", "e"])],
            }],
            ..Default::default()
        };
        assert!(findings.len() > 2 * FINDINGS_PAGE);

        let stored = finalize(&store, &catalog, "s1")
            .await
            .unwrap()
            .summary
            .unwrap();

        // The old way: every finding read at once, muted, summarized.
        let mut all = store
            .findings(&FindingQuery {
                scan_id: Some("s1".into()),
                ..Default::default()
            })
            .await
            .unwrap();
        let tags = store.resource_tags("s1").await.unwrap();
        assert!(
            MuteSet::new(&[rule], Utc::now())
                .unwrap()
                .apply(&mut all, &tags)
                > 0
        );
        let mut expected = crate::report::summarize(&catalog, &all, tags.len() as u64, &[mask]);
        expected.computed_at = stored.computed_at;
        expected.changes = stored.changes.clone();
        assert_eq!(stored, expected);
        assert_eq!(stored.resources, 450);
        assert!(stored.by_status.get(&Status::Muted).is_some_and(|n| *n > 0));
    }
}
