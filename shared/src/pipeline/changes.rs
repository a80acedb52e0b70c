//! Failures opened and closed with a scan, counted while its summary is computed: the
//! store's side (which scan came before, its failures); the counting is
//! `report::ChangeTally`.

use crate::model::{Scan, ScanState, Status};
use crate::report::ChangeTally;
use crate::store::{previous_finished_scan, FindingQuery, Store, FINDINGS_PAGE};

/// A tally of the changes `scan` brings, loaded with the failures of the account's
/// previous finished scan (read a page at a time; only their keys are kept).
pub(crate) async fn change_tally(store: &dyn Store, scan: &Scan) -> anyhow::Result<ChangeTally> {
    let previous = previous_finished_scan(store, scan).await?.map(|s| s.id);
    let mut tally = ChangeTally::new(scan.started_at, previous.clone());
    let Some(previous) = previous else {
        return Ok(tally);
    };
    let query = FindingQuery {
        scan_id: Some(previous),
        statuses: vec![Status::Fail],
        ..Default::default()
    };
    store
        .findings_by_page(&query, FINDINGS_PAGE, &mut |page| {
            page.into_iter().for_each(|f| tally.failing_before(f));
            Ok(())
        })
        .await?;
    Ok(tally)
}

/// Whether a scan closed with failed tasks: its absent findings prove nothing.
pub(crate) fn is_partial(scan: &Scan) -> bool {
    scan.state == ScanState::Partial || scan.tasks_failed > 0
}

#[cfg(test)]
mod tests {
    use crate::controls::Catalog;
    use crate::model::{FailureChanges, Finding, Scan, ScanState, Severity, Status};
    use crate::pipeline::finalize;
    use crate::store::{SqliteStore, Store};
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 1, 12, 0, 0).unwrap()
    }

    fn scan(id: &str, started_at: DateTime<Utc>) -> Scan {
        Scan {
            id: id.into(),
            account_id: "123456789012".into(),
            started_at,
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

    fn finding(
        scan: &str,
        control: &str,
        bucket: &str,
        status: Status,
        at: DateTime<Utc>,
    ) -> Finding {
        Finding {
            control_id: control.into(),
            resource_arn: format!("arn:aws:s3:::{bucket}"),
            resource_name: bucket.into(),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            severity: if control == "d" {
                Severity::Critical
            } else {
                Severity::High
            },
            status,
            reason: "r".into(),
            scan_id: scan.into(),
            first_seen: at,
            last_seen: at,
            status_changed_at: at,
            muted: None,
        }
    }

    /// Runs one scan: stores its findings, counts its one task (failed or not), finalizes.
    async fn run_scan(
        store: &SqliteStore,
        s: Scan,
        mut findings: Vec<Finding>,
        task_failed: bool,
    ) -> FailureChanges {
        let id = s.id.clone();
        store.create_scan(&s).await.unwrap();
        store.put_findings(&mut findings).await.unwrap();
        let error = task_failed.then_some("AccessDenied");
        store.finish_task(&id, "t", error).await.unwrap();
        let done = finalize(store, &Catalog::default(), &id).await.unwrap();
        done.summary
            .unwrap()
            .changes
            .expect("every new summary records its changes")
    }

    #[tokio::test]
    async fn finalizing_records_failures_opened_and_closed_with_how_long_they_failed() {
        let store = SqliteStore::in_memory().unwrap();
        let minute = Duration::minutes(1);
        let first = run_scan(
            &store,
            scan("s1", t0()),
            vec![
                finding("s1", "a", "www", Status::Fail, t0() + minute),
                finding("s1", "b", "data", Status::Fail, t0() + minute),
                finding("s1", "c", "logs", Status::Pass, t0() + minute),
                finding("s1", "d", "old", Status::Fail, t0() + minute * 2),
            ],
            false,
        )
        .await;
        assert_eq!(first.previous_scan_id, None);
        assert_eq!((first.opened, first.closed, first.unaccounted), (3, 0, 0));

        // An hour later: www fixed, logs broken, data still failing, the old bucket gone.
        let s2 = t0() + Duration::hours(1);
        let second = run_scan(
            &store,
            scan("s2", s2),
            vec![
                finding("s2", "a", "www", Status::Pass, s2 + minute),
                finding("s2", "b", "data", Status::Fail, s2 + minute),
                finding("s2", "c", "logs", Status::Fail, s2 + minute),
            ],
            false,
        )
        .await;
        assert_eq!(second.previous_scan_id.as_deref(), Some("s1"));
        assert_eq!(second.opened, 1, "logs; data kept failing since s1");
        assert_eq!(second.closed, 2, "www passes, old is gone");
        let high = second.closed_by_severity[&Severity::High];
        assert_eq!(
            (high.count, high.seconds),
            (1, 3600),
            "www: failing from s1+1m to s2+1m"
        );
        let critical = second.closed_by_severity[&Severity::Critical];
        assert_eq!(
            (critical.count, critical.seconds),
            (1, 3600 - 120),
            "old: failing from s1+2m until s2 started without it"
        );

        // A partial scan that lost the task reading data: data is neither closed nor open.
        let s3 = t0() + Duration::hours(2);
        let third = run_scan(
            &store,
            scan("s3", s3),
            vec![finding("s3", "c", "logs", Status::Pass, s3 + minute)],
            true,
        )
        .await;
        assert_eq!(third.previous_scan_id.as_deref(), Some("s2"));
        assert_eq!((third.opened, third.closed, third.unaccounted), (0, 1, 1));
        assert_eq!(third.closed_by_severity[&Severity::High].seconds, 3600);
    }

    #[tokio::test]
    async fn a_scan_that_stored_nothing_is_not_the_one_compared_with() {
        let store = SqliteStore::in_memory().unwrap();
        let at = t0();
        run_scan(
            &store,
            scan("s1", at),
            vec![finding("s1", "a", "www", Status::Fail, at)],
            false,
        )
        .await;
        // Its tasks were never enqueued: finalized with nothing stored.
        let empty = scan("s2", at + Duration::hours(1));
        store.create_scan(&empty).await.unwrap();
        store
            .finish_task("s2", "t", Some("not enqueued"))
            .await
            .unwrap();
        store
            .finalize_scan("s2", &Default::default())
            .await
            .unwrap();
        let s3 = at + Duration::hours(2);
        let third = run_scan(
            &store,
            scan("s3", s3),
            vec![finding("s3", "a", "www", Status::Fail, s3)],
            false,
        )
        .await;
        assert_eq!(third.previous_scan_id.as_deref(), Some("s1"));
        assert_eq!(
            (third.opened, third.closed),
            (0, 0),
            "www kept failing since s1"
        );
    }

    #[tokio::test]
    async fn scans_since_reads_a_window_of_one_account_or_all() {
        let store = SqliteStore::in_memory().unwrap();
        for (id, account, hours) in [
            ("old", "a", 0),
            ("a1", "a", 5),
            ("b1", "b", 6),
            ("a2", "a", 7),
        ] {
            let mut s = scan(id, t0() + Duration::hours(hours));
            s.account_id = account.into();
            store.create_scan(&s).await.unwrap();
        }
        let since = t0() + Duration::hours(1);
        let ids = |scans: Vec<Scan>| scans.into_iter().map(|s| s.id).collect::<Vec<_>>();
        let of_a = store.scans_since(Some("a"), since, 10).await.unwrap();
        assert_eq!(ids(of_a), ["a2", "a1"]);
        let all = store.scans_since(None, since, 10).await.unwrap();
        assert_eq!(ids(all), ["a2", "b1", "a1"]);
        let newest = store.scans_since(None, since, 2).await.unwrap();
        assert_eq!(ids(newest), ["a2", "b1"]);
    }

    #[test]
    fn a_summary_stored_before_changes_were_recorded_reads_as_unknown() {
        let old = r#"{"resources":1,"findings":2,"by_status":{"FAIL":2},"by_severity_failed":{},"benchmarks":[]}"#;
        let summary: crate::model::ScanSummary = serde_json::from_str(old).unwrap();
        assert_eq!(summary.changes, None);
    }
}
