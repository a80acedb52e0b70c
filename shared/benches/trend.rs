//! Trend benchmark: a year of daily scans of 10,000 findings each in a SQLite store,
//! then `parapet trend`'s work over it (read the window's scans, compute, render JSON).
//!
//!     cargo bench -p parapet --no-default-features --bench trend
//!
//! Every scan is stored as a real one is: its findings written through `put_findings`
//! (which keeps each finding's status history), its summary and failure changes counted
//! a page at a time with the tallies `pipeline::finalize` uses (`SummaryTally`,
//! `ChangeTally`; the pipeline module itself needs the `aws` feature, whose release build
//! is too long for a bench), stored with `finalize_scan`. About 2% of the findings flip
//! each day, so every scan opens and closes failures. Two liberties, both for the bench's
//! sake: `finalize_scan` stamps a scan finished now, so each is back-dated to its
//! synthetic day; and the findings of scans older than the previous one are deleted as
//! the year is built, so the file stays small (a trend reads the scans table, never the
//! findings; the figure printed for one scan's findings says what a findings-based trend
//! would cost instead).

use chrono::{DateTime, Duration, NaiveTime, Utc};
use parapet::controls::Catalog;
use parapet::model::{Finding, Scan, ScanState, Status};
use parapet::report::trend::{render_trend, trend, TrendWindow};
use parapet::report::{ChangeTally, SummaryTally};
use parapet::store::{FindingQuery, SqliteStore, Store, FINDINGS_PAGE};
use std::time::Instant;

const DAYS: usize = 365;
const FINDINGS_PER_SCAN: usize = 10_000;
const ACCOUNT: &str = "123456789012";

fn scan(day: usize, started_at: DateTime<Utc>) -> Scan {
    Scan {
        id: format!("scan-{day:03}"),
        account_id: ACCOUNT.into(),
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

/// The day's findings: every control of the catalog over enough resources for 10,000;
/// about a third fail, and a different 2% of them flip every day.
fn findings(catalog: &Catalog, day: usize, scan_id: &str, at: DateTime<Utc>) -> Vec<Finding> {
    let controls = &catalog.controls;
    (0..FINDINGS_PER_SCAN)
        .map(|i| {
            let c = &controls[i % controls.len()];
            let resource = i / controls.len();
            let failing = (i * 7).is_multiple_of(3);
            let flipped = (i + day * 37).is_multiple_of(50);
            let status = if failing != flipped {
                Status::Fail
            } else {
                Status::Pass
            };
            Finding {
                control_id: c.meta.id.clone(),
                resource_arn: format!("arn:aws:s3:::res-{resource:05}"),
                resource_name: format!("res-{resource:05}"),
                resource_type: "AWS::S3::Bucket".into(),
                account_id: ACCOUNT.into(),
                region: "us-east-1".into(),
                service: c.meta.service.clone(),
                severity: c.meta.severity,
                status,
                reason: format!(
                    "{} on res-{resource:05}: the setting is {status}",
                    c.meta.id
                ),
                scan_id: scan_id.into(),
                first_seen: at,
                last_seen: at,
                status_changed_at: at,
                muted: None,
            }
        })
        .collect()
}

/// The summary and changes of `scan`, compared with `previous`, counted as
/// `pipeline::finalize` counts them, and the scan closed with them.
async fn finalize(
    store: &SqliteStore,
    catalog: &Catalog,
    scan: &Scan,
    previous: Option<String>,
) -> anyhow::Result<()> {
    let mut changes = ChangeTally::new(scan.started_at, previous.clone());
    if let Some(previous) = previous {
        let failing = FindingQuery {
            scan_id: Some(previous),
            statuses: vec![Status::Fail],
            ..Default::default()
        };
        store
            .findings_by_page(&failing, FINDINGS_PAGE, &mut |page| {
                page.into_iter().for_each(|f| changes.failing_before(f));
                Ok(())
            })
            .await?;
    }
    let mut tally = SummaryTally::default();
    let this = FindingQuery {
        scan_id: Some(scan.id.clone()),
        ..Default::default()
    };
    store
        .findings_by_page(&this, FINDINGS_PAGE, &mut |page| {
            for f in &page {
                changes.add(f);
                tally.add(f);
            }
            Ok(())
        })
        .await?;
    let resources = store.resource_count(&scan.id).await?;
    let mut summary = tally.summary(catalog, resources, &[]);
    summary.computed_at = Some(Utc::now());
    summary.changes = Some(changes.finish(false));
    store.finalize_scan(&scan.id, &summary).await?;
    Ok(())
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let catalog = Catalog::embedded()?;
    let path = std::env::temp_dir().join(format!("parapet-trend-bench-{}.db", std::process::id()));
    let store = SqliteStore::open(&path)?;
    let raw = rusqlite::Connection::open(&path)?;
    let today = Utc::now().date_naive();
    let first_day = today - Duration::days(DAYS as i64 - 1);

    let built = Instant::now();
    let mut finalize_ms = Vec::new();
    for day in 0..DAYS {
        let started_at = (first_day + Duration::days(day as i64))
            .and_time(NaiveTime::MIN)
            .and_utc()
            + Duration::hours(2);
        let s = scan(day, started_at);
        store.create_scan(&s).await?;
        let mut batch = findings(&catalog, day, &s.id, started_at + Duration::minutes(1));
        store.put_findings(&mut batch).await?;
        store.finish_task(&s.id, "all", None).await?;
        let t = Instant::now();
        let previous = day.checked_sub(1).map(|d| format!("scan-{d:03}"));
        finalize(&store, &catalog, &s, previous).await?;
        finalize_ms.push(t.elapsed().as_secs_f64() * 1e3);
        let finished = started_at + Duration::minutes(10);
        raw.execute(
            "UPDATE scans SET finished_at = ?2 WHERE id = ?1",
            rusqlite::params![s.id, finished.to_rfc3339()],
        )?;
        if day >= 2 {
            raw.execute(
                "DELETE FROM findings WHERE scan_id = ?1",
                [format!("scan-{:03}", day - 2)],
            )?;
        }
    }
    println!(
        "built {DAYS} scans of {FINDINGS_PER_SCAN} findings in {:.0} s; finalize (summary and changes) median {:.0} ms",
        built.elapsed().as_secs_f64(),
        median(finalize_ms)
    );

    // One scan's findings read back, as a findings-based trend would read each scan's.
    let t = Instant::now();
    let mut read = 0;
    let query = FindingQuery {
        scan_id: Some(format!("scan-{:03}", DAYS - 1)),
        ..Default::default()
    };
    store
        .findings_by_page(&query, FINDINGS_PAGE, &mut |page| {
            read += page.len();
            Ok(())
        })
        .await?;
    let one_scan = t.elapsed().as_secs_f64();
    println!(
        "reading one scan's {read} findings: {:.0} ms (x{DAYS} scans: {:.1} s)",
        one_scan * 1e3,
        one_scan * DAYS as f64
    );

    let mut runs = Vec::new();
    let mut days_out = 0;
    for _ in 0..7 {
        // A fresh store each run, as each `parapet trend` opens the file.
        let t = Instant::now();
        let store = SqliteStore::open(&path)?;
        let since = (first_day - Duration::days(1))
            .and_time(NaiveTime::MIN)
            .and_utc();
        let scans = store.scans_since(None, since, 50_001).await?;
        let window = TrendWindow {
            from: first_day,
            to: today,
            account_id: None,
            benchmark: None,
        };
        let result = trend(&scans, &window);
        let json = serde_json::to_string_pretty(&result)?;
        let table = render_trend(&result);
        runs.push(t.elapsed().as_secs_f64());
        days_out = result.days.len();
        assert_eq!(result.scans as usize, DAYS);
        assert!(result.days.iter().all(|d| d.opened.is_some_and(|n| n > 0)));
        assert!(!json.is_empty() && !table.is_empty());
    }
    println!(
        "trend over {DAYS} scans ({days_out} days, every benchmark, JSON and table): median {:.0} ms, min {:.0} ms, max {:.0} ms of {} runs",
        median(runs.clone()) * 1e3,
        runs.iter().copied().fold(f64::MAX, f64::min) * 1e3,
        runs.iter().copied().fold(0.0, f64::max) * 1e3,
        runs.len()
    );
    let size = std::fs::metadata(&path)?.len();
    println!(
        "store file: {:.0} MB (findings of the last two scans kept)",
        size as f64 / 1e6
    );
    drop(raw);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Ok(())
}
