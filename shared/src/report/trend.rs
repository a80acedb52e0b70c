//! Posture over time: scores per benchmark per day, failures opened and closed per day,
//! and the mean time to resolve per severity. Pure: reads the summaries stored with the
//! scans (one small record per scan), never their findings.

use super::table::terminal_text;
use crate::model::{ClosedFailures, Scan, ScanSummary, Severity, Status};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;

/// What a trend covers: days from `from` to `to` (UTC, both included), optionally one
/// account's scans and one benchmark's scores.
#[derive(Debug, Clone)]
pub struct TrendWindow {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub account_id: Option<String>,
    pub benchmark: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trend {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// `None`: every account.
    pub account_id: Option<String>,
    /// `None`: every benchmark.
    pub benchmark: Option<String>,
    /// The scans counted: finished in the window, with findings.
    pub scans: u64,
    /// Of those, the ones summarized before parapet recorded opened and closed failures.
    pub scans_without_changes: u64,
    /// Days with at least one scan, oldest first.
    pub days: Vec<TrendDay>,
    /// Every severity, most severe first.
    pub mean_time_to_resolve: Vec<SeverityMttr>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendDay {
    pub date: NaiveDate,
    /// Scans that finished this day.
    pub scans: u64,
    /// Accounts in the scores: each counts with its last scan finished by the day's end.
    pub accounts: u64,
    /// FAIL findings (muted ones left out) in those accounts' scans.
    pub failing: u64,
    /// Failures opened by the day's scans; `None` when one of them did not record it.
    pub opened: Option<u64>,
    /// Failures closed by the day's scans; `None` likewise.
    pub closed: Option<u64>,
    /// Failures of the previous scans that partial scans of the day had no finding for:
    /// neither closed nor known open. `None` likewise.
    pub unaccounted: Option<u64>,
    pub scores: Vec<DayScore>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayScore {
    pub benchmark: String,
    pub pass: u64,
    pub info: u64,
    pub fail: u64,
    /// (pass + info) / (pass + info + fail); `None` when nothing was decided.
    pub score: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeverityMttr {
    pub severity: Severity,
    pub closed: u64,
    /// `None` when none closed in the window.
    pub mean_seconds: Option<f64>,
}

/// The trend of `scans` (any order, any accounts) over the window.
pub fn trend(scans: &[Scan], window: &TrendWindow) -> Trend {
    let mut counted: Vec<(NaiveDate, &Scan, &ScanSummary)> = scans
        .iter()
        .filter_map(|s| {
            let day = s.finished_at?.date_naive();
            let summary = s.summary.as_ref()?;
            // A scan that stored nothing (its tasks never ran) says nothing about posture.
            let in_window = day >= window.from && day <= window.to;
            let of_account = window
                .account_id
                .as_ref()
                .is_none_or(|a| *a == s.account_id);
            (in_window && of_account && summary.findings > 0).then_some((day, s, summary))
        })
        .collect();
    counted.sort_by_key(|(_, s, _)| (s.finished_at, s.started_at));

    let mut latest: BTreeMap<&str, &ScanSummary> = BTreeMap::new();
    let mut closed: BTreeMap<Severity, ClosedFailures> = BTreeMap::new();
    let mut days: Vec<TrendDay> = Vec::new();
    let mut without_changes = 0;
    for chunk in counted.chunk_by(|a, b| a.0 == b.0) {
        let (mut opened, mut closed_today, mut unaccounted) = (Some(0), Some(0), Some(0));
        for (_, scan, summary) in chunk {
            latest.insert(scan.account_id.as_str(), summary);
            match &summary.changes {
                Some(c) => {
                    opened = opened.map(|n| n + c.opened);
                    closed_today = closed_today.map(|n| n + c.closed);
                    unaccounted = unaccounted.map(|n| n + c.unaccounted);
                    for (severity, n) in &c.closed_by_severity {
                        let total = closed.entry(*severity).or_default();
                        total.count += n.count;
                        total.seconds += n.seconds;
                    }
                }
                None => {
                    without_changes += 1;
                    (opened, closed_today, unaccounted) = (None, None, None);
                }
            }
        }
        days.push(TrendDay {
            date: chunk[0].0,
            scans: chunk.len() as u64,
            accounts: latest.len() as u64,
            failing: latest
                .values()
                .map(|s| s.by_status.get(&Status::Fail).copied().unwrap_or(0))
                .sum(),
            opened,
            closed: closed_today,
            unaccounted,
            scores: day_scores(&latest, window.benchmark.as_deref()),
        });
    }
    Trend {
        from: window.from,
        to: window.to,
        account_id: window.account_id.clone(),
        benchmark: window.benchmark.clone(),
        scans: counted.len() as u64,
        scans_without_changes: without_changes,
        days,
        mean_time_to_resolve: mean_time_to_resolve(&closed),
    }
}

/// Each benchmark's counts summed over the accounts' latest scans, in the order the
/// summaries list them (the catalog's).
fn day_scores(latest: &BTreeMap<&str, &ScanSummary>, only: Option<&str>) -> Vec<DayScore> {
    let mut scores: Vec<DayScore> = Vec::new();
    let benchmarks = latest.values().flat_map(|s| &s.benchmarks);
    for b in benchmarks.filter(|b| only.is_none_or(|o| o == b.benchmark)) {
        let i = match scores.iter().position(|d| d.benchmark == b.benchmark) {
            Some(i) => i,
            None => {
                scores.push(DayScore {
                    benchmark: b.benchmark.clone(),
                    pass: 0,
                    info: 0,
                    fail: 0,
                    score: None,
                });
                scores.len() - 1
            }
        };
        let d = &mut scores[i];
        (d.pass, d.info, d.fail) = (d.pass + b.pass, d.info + b.info, d.fail + b.fail);
    }
    for d in &mut scores {
        let decided = d.pass + d.info + d.fail;
        d.score = (decided > 0).then(|| (d.pass + d.info) as f64 / decided as f64);
    }
    scores
}

fn mean_time_to_resolve(closed: &BTreeMap<Severity, ClosedFailures>) -> Vec<SeverityMttr> {
    Severity::ALL
        .into_iter()
        .map(|severity| {
            let c = closed.get(&severity).copied().unwrap_or_default();
            SeverityMttr {
                severity,
                closed: c.count,
                mean_seconds: (c.count > 0).then(|| c.seconds as f64 / c.count as f64),
            }
        })
        .collect()
}

/// The trend as a table for people: one line per day, then the mean times to resolve.
pub fn render_trend(t: &Trend) -> String {
    let mut out = String::new();
    let whose = t
        .account_id
        .as_deref()
        .map(|a| format!("account {}", terminal_text(a)))
        .unwrap_or_else(|| "all accounts".into());
    let _ = writeln!(out, "Posture from {} to {} (UTC), {whose}\n", t.from, t.to);
    if t.days.is_empty() {
        let _ = writeln!(out, "No finished scan in this window.");
        return out;
    }
    let benchmarks: Vec<&str> = t
        .days
        .last()
        .map(|d| d.scores.iter().map(|s| s.benchmark.as_str()).collect())
        .unwrap_or_default();
    let _ = write!(
        out,
        "{:<10}  {:>5}  {:>8}  {:>7}  {:>8}  {:>7}",
        "DATE", "SCANS", "ACCOUNTS", "FAILING", "OPENED", "CLOSED"
    );
    for b in &benchmarks {
        let _ = write!(out, "  {:>8}", terminal_text(b));
    }
    out.push('\n');
    for d in &t.days {
        let _ = write!(
            out,
            "{:<10}  {:>5}  {:>8}  {:>7}  {:>8}  {:>7}",
            d.date.to_string(),
            d.scans,
            d.accounts,
            d.failing,
            count(d.opened),
            count(d.closed)
        );
        for b in &benchmarks {
            let score = d.scores.iter().find(|s| s.benchmark == *b);
            let shown = score.and_then(|s| s.score).map(pct).unwrap_or("-".into());
            let _ = write!(out, "  {:>width$}", shown, width = b.chars().count().max(8));
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "\nMean time to resolve (failures closed in the window)"
    );
    let _ = writeln!(out, "{:<14}  {:>7}  {:>10}", "SEVERITY", "CLOSED", "MEAN");
    for m in &t.mean_time_to_resolve {
        let mean = m.mean_seconds.map(duration).unwrap_or_else(|| "-".into());
        let _ = writeln!(
            out,
            "{:<14}  {:>7}  {:>10}",
            m.severity.as_str(),
            m.closed,
            mean
        );
    }
    if t.scans_without_changes > 0 {
        let _ = writeln!(
            out,
            "\n{} scan(s) were summarized before opened and closed failures were recorded: \
             their days show ? and their closures are not in the means.",
            t.scans_without_changes
        );
    }
    out
}

fn count(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| "?".into())
}

fn pct(score: f64) -> String {
    format!("{:.1}%", score * 100.0)
}

/// Seconds as the two largest units: `3d 4h`, `2h 5m`, `7m 30s`.
fn duration(seconds: f64) -> String {
    let s = seconds.round() as u64;
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    match (d, h, m) {
        (0, 0, 0) => format!("{s}s"),
        (0, 0, _) => format!("{m}m {}s", s % 60),
        (0, _, _) => format!("{h}h {m}m"),
        _ => format!("{d}d {h}h"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BenchmarkScore, FailureChanges, ScanState};
    use chrono::{DateTime, TimeZone, Utc};

    fn at(day: u32, hour: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, day, hour, 0, 0).unwrap()
    }

    fn date(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, day).unwrap()
    }

    fn bench(id: &str, pass: u64, fail: u64) -> BenchmarkScore {
        BenchmarkScore {
            benchmark: id.into(),
            pass,
            fail,
            info: 0,
            error: 0,
            skipped: 0,
            muted: 0,
            score: None,
        }
    }

    fn changes(opened: u64, closed: &[(Severity, u64, u64)]) -> FailureChanges {
        FailureChanges {
            previous_scan_id: None,
            opened,
            closed: closed.iter().map(|c| c.1).sum(),
            closed_by_severity: closed
                .iter()
                .map(|&(s, count, seconds)| (s, ClosedFailures { count, seconds }))
                .collect(),
            unaccounted: 0,
        }
    }

    /// A finished scan of `account` with `pass`/`fail` findings in benchmark "cis".
    fn scan(
        account: &str,
        finished: DateTime<Utc>,
        pass: u64,
        fail: u64,
        c: Option<FailureChanges>,
    ) -> Scan {
        Scan {
            id: format!("{account}-{finished}"),
            account_id: account.into(),
            started_at: finished - chrono::Duration::minutes(5),
            finished_at: Some(finished),
            state: ScanState::Complete,
            regions: vec![],
            tasks_total: 1,
            tasks_done: 1,
            tasks_failed: 0,
            failures: vec![],
            summary: Some(ScanSummary {
                findings: pass + fail,
                by_status: [(Status::Pass, pass), (Status::Fail, fail)].into(),
                benchmarks: vec![bench("cis", pass, fail), bench("pci", pass, 0)],
                changes: c,
                ..Default::default()
            }),
        }
    }

    fn window(from: u32, to: u32, benchmark: Option<&str>) -> TrendWindow {
        TrendWindow {
            from: date(from),
            to: date(to),
            account_id: None,
            benchmark: benchmark.map(String::from),
        }
    }

    #[test]
    fn a_day_scores_each_accounts_last_scan_and_sums_the_changes_of_all_its_scans() {
        let scans = vec![
            // Day 2: account a twice (the later one counts for scores), b once.
            scan(
                "a",
                at(2, 15),
                9,
                1,
                Some(changes(1, &[(Severity::High, 2, 7200)])),
            ),
            scan("a", at(2, 3), 5, 5, Some(changes(4, &[]))),
            scan(
                "b",
                at(2, 9),
                0,
                10,
                Some(changes(0, &[(Severity::Low, 1, 60)])),
            ),
            // Day 3: only b; a's day-2 scan still counts.
            scan(
                "b",
                at(3, 9),
                10,
                0,
                Some(changes(0, &[(Severity::High, 1, 3600)])),
            ),
            // Outside the window.
            scan("a", at(1, 23), 0, 10, Some(changes(10, &[]))),
        ];
        let t = trend(&scans, &window(2, 4, None));
        assert_eq!(t.scans, 4);
        assert_eq!(t.days.len(), 2, "day 4 had no scan: no row");
        let d2 = &t.days[0];
        assert_eq!((d2.date, d2.scans, d2.accounts), (date(2), 3, 2));
        assert_eq!((d2.opened, d2.closed), (Some(5), Some(3)));
        assert_eq!(d2.failing, 1 + 10);
        assert_eq!(d2.scores[0].benchmark, "cis");
        assert_eq!((d2.scores[0].pass, d2.scores[0].fail), (9, 11));
        assert_eq!(d2.scores[0].score, Some(9.0 / 20.0));
        assert_eq!(d2.scores[1].score, Some(1.0), "pci: nothing failing");
        let d3 = &t.days[1];
        assert_eq!((d3.scans, d3.accounts, d3.failing), (1, 2, 1));
        assert_eq!(d3.scores[0].score, Some(19.0 / 20.0));
        assert_eq!((d3.opened, d3.closed), (Some(0), Some(1)));

        let high = &t.mean_time_to_resolve[1];
        assert_eq!((high.severity, high.closed), (Severity::High, 3));
        assert_eq!(high.mean_seconds, Some((7200.0 + 3600.0) / 3.0));
        let critical = &t.mean_time_to_resolve[0];
        assert_eq!((critical.closed, critical.mean_seconds), (0, None));
        assert_eq!(t.mean_time_to_resolve[3].mean_seconds, Some(60.0));
    }

    #[test]
    fn summaries_without_changes_make_their_day_unknown_not_zero() {
        let scans = vec![
            scan("a", at(2, 1), 5, 5, None),
            scan("a", at(2, 2), 5, 5, Some(changes(3, &[]))),
            scan(
                "a",
                at(3, 2),
                6,
                4,
                Some(changes(0, &[(Severity::Medium, 1, 100)])),
            ),
        ];
        let t = trend(&scans, &window(1, 3, None));
        assert_eq!(t.scans_without_changes, 1);
        assert_eq!((t.days[0].opened, t.days[0].closed), (None, None));
        assert_eq!((t.days[1].opened, t.days[1].closed), (Some(0), Some(1)));
        let table = render_trend(&t);
        assert!(
            table.contains("summarized before opened and closed"),
            "{table}"
        );
        let first_day = table.lines().find(|l| l.starts_with("2026-05-02")).unwrap();
        assert_eq!(
            first_day.split_whitespace().nth(4),
            Some("?"),
            "{first_day}"
        );
        assert!(table.contains("1m 40s"), "medium's mean: {table}");
    }

    #[test]
    fn one_benchmark_and_scans_that_stored_nothing() {
        let mut empty = scan("a", at(2, 5), 0, 0, None);
        empty.state = ScanState::Partial;
        let unfinished = Scan {
            finished_at: None,
            ..scan("a", at(2, 6), 1, 1, None)
        };
        let scans = vec![
            scan("a", at(2, 1), 3, 1, Some(changes(1, &[]))),
            empty,
            unfinished,
        ];
        let t = trend(&scans, &window(2, 2, Some("pci")));
        assert_eq!(t.scans, 1, "the empty and the running scan are passed over");
        assert_eq!(t.scans_without_changes, 0);
        let scores = &t.days[0].scores;
        assert_eq!(scores.len(), 1);
        assert_eq!(
            (scores[0].benchmark.as_str(), scores[0].score),
            ("pci", Some(1.0))
        );
    }

    #[test]
    fn the_json_names_are_stable() {
        let scans = vec![scan("a", at(2, 1), 3, 1, Some(changes(1, &[])))];
        let json = serde_json::to_value(trend(&scans, &window(2, 2, None))).unwrap();
        assert_eq!(json["from"], "2026-05-02");
        let day = &json["days"][0];
        for field in [
            "date",
            "scans",
            "accounts",
            "failing",
            "opened",
            "closed",
            "unaccounted",
            "scores",
        ] {
            assert!(day.get(field).is_some(), "{field} in {day}");
        }
        assert_eq!(day["scores"][0]["score"], 0.75);
        assert_eq!(json["mean_time_to_resolve"][0]["severity"], "critical");
        assert!(json["mean_time_to_resolve"][0]["mean_seconds"].is_null());
    }

    #[test]
    fn an_empty_window_says_so() {
        let t = trend(&[], &window(1, 3, None));
        assert!(t.days.is_empty());
        assert!(render_trend(&t).contains("No finished scan in this window."));
    }
}
