//! `parapet trend` end to end against moto_server: two scans of a seeded account with a
//! change in between; the trend's opened and closed failures and its scores are the ones
//! the two scans' findings say.

use crate::installation;
use crate::support;
use serde_json::Value;
use std::collections::BTreeSet;
use support::*;

/// (control id, resource ARN) of every FAIL finding a scan printed.
fn failing(findings: &[Value]) -> BTreeSet<(String, String)> {
    findings
        .iter()
        .filter(|f| f["status"] == "FAIL")
        .map(|f| {
            (
                f["control_id"].as_str().unwrap().to_string(),
                f["resource_arn"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn mutate(moto: &Moto, args: &[&str]) {
    let mut all = vec!["tests/support/mutate.py", "--endpoint-url", &moto.url];
    all.extend_from_slice(args);
    python(&all);
}

/// The CLI on one store: extra arguments naming it, and the environment reaching it.
struct On {
    store: Vec<String>,
    vars: Vec<(&'static str, String)>,
}

impl On {
    fn output(&self, args: &[&str]) -> std::process::Output {
        let mut all = args.to_vec();
        all.extend(self.store.iter().map(String::as_str));
        let vars: Vec<(&str, &str)> = self.vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        parapet_env(&all, &vars)
    }

    fn run(&self, args: &[&str]) -> String {
        let out = self.output(args);
        assert!(
            out.status.success(),
            "parapet {args:?} {:?} failed:\n{}",
            self.store,
            stderr(&out)
        );
        stdout(&out)
    }

    fn scan(&self, moto: &Moto) -> Vec<Value> {
        let args = [
            "scan",
            "--endpoint-url",
            &moto.url,
            "--region",
            "us-east-1",
            "--format",
            "json",
            // Only slows the emulator down.
            "--max-calls-per-second",
            "10000",
        ];
        let out = self.output(&args);
        assert!(out.status.success(), "scan failed:\n{}", stderr(&out));
        findings(&out)
    }
}

#[test]
fn trend_counts_the_failures_a_second_scan_opened_and_closed_in_sqlite() {
    let moto = Moto::start();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("parapet.db");
    let on = On {
        store: vec!["--db".into(), db.to_str().unwrap().into()],
        vars: vec![],
    };
    let (trend, failing_now) = two_scans_and_their_trend(&moto, &on);
    the_html_page_shows_the_trend_in_headless_chromium(&on, dir.path(), &trend, failing_now);
}

#[test]
fn trend_counts_the_failures_a_second_scan_opened_and_closed_in_dynamodb() {
    let moto = Moto::start();
    installation::create_installation_table(&moto, "trend-");
    let on = On {
        store: ["--store", "dynamodb", "--table-prefix", "trend-"]
            .map(String::from)
            .to_vec(),
        vars: vec![("AWS_ENDPOINT_URL", moto.url.clone())],
    };
    two_scans_and_their_trend(&moto, &on);
}

/// Scans twice with a change between, checks `parapet trend` against the two scans'
/// findings; the trend's JSON and the number of failures of the second scan.
fn two_scans_and_their_trend(moto: &Moto, on: &On) -> (Value, usize) {
    seed(moto);
    mutate(moto, &["create-bucket", "trend-fixed-later"]);
    let first = on.scan(moto);

    // One bucket goes away (its failures close), another arrives (its failures open).
    mutate(moto, &["delete-bucket", "trend-fixed-later"]);
    mutate(moto, &["create-bucket", "trend-new"]);
    let second = on.scan(moto);

    let (before, after) = (failing(&first), failing(&second));
    let opened: Vec<_> = after.difference(&before).collect();
    let closed: Vec<_> = before.difference(&after).collect();
    assert!(
        !opened.is_empty() && opened.iter().all(|(_, arn)| arn.ends_with(":::trend-new")),
        "the new bucket's failures, and only those, are new: {opened:?}"
    );
    assert!(
        !closed.is_empty()
            && closed
                .iter()
                .all(|(_, arn)| arn.ends_with(":::trend-fixed-later")),
        "the deleted bucket's failures, and only those, went away: {closed:?}"
    );
    let json: Value = serde_json::from_str(&on.run(&["trend", "--format", "json"])).unwrap();
    let days = json["days"].as_array().unwrap();
    // Two scans a few seconds apart: one day, or two when they straddle midnight (UTC).
    let total = |field: &str| -> u64 { days.iter().map(|d| d[field].as_u64().unwrap()).sum() };
    assert_eq!(json["scans"], 2, "{json:#}\n{}", on.run(&["scans"]));
    assert_eq!(json["scans_without_changes"], 0);
    assert_eq!(
        total("opened"),
        (before.len() + opened.len()) as u64,
        "the first scan opened every failure it found; the second, the new bucket's"
    );
    // The second scan read everything, so the deleted bucket's failures closed.
    let listing = on.run(&["scans"]);
    let second_state = listing
        .lines()
        .nth(1)
        .and_then(|l| l.split_whitespace().nth(2));
    assert_eq!(second_state, Some("complete"), "{listing}");
    assert_eq!(
        (total("closed"), total("unaccounted")),
        (closed.len() as u64, 0),
        "{json:#}\n{listing}"
    );
    let today = days.last().unwrap();
    assert_eq!(today["failing"], after.len() as u64);
    assert_eq!(today["accounts"], 1);

    // Each closed failure is in the mean time to resolve of its severity, and none had
    // been failing longer than the test has run.
    let mttr = json["mean_time_to_resolve"].as_array().unwrap();
    let closed_by_severity: u64 = mttr.iter().map(|m| m["closed"].as_u64().unwrap()).sum();
    assert_eq!(closed_by_severity, total("closed"));
    for m in mttr.iter().filter(|m| m["closed"].as_u64() > Some(0)) {
        let mean = m["mean_seconds"].as_f64().unwrap();
        assert!((0.0..600.0).contains(&mean), "{m}");
    }

    // The day's CIS score is the second scan's, as `parapet report` computes it.
    let cis = today["scores"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["benchmark"] == "cis-aws-3.0")
        .unwrap();
    let report = on.run(&["report"]);
    let reported = report
        .lines()
        .find(|l| l.starts_with("cis-aws-3.0"))
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap()
        .trim_end_matches('%')
        .parse::<f64>()
        .unwrap();
    let trended = cis["score"].as_f64().unwrap() * 100.0;
    assert!((trended - reported).abs() < 0.05, "{trended} vs {reported}");

    // The table says the same for people, and one benchmark narrows it.
    let table = on.run(&["trend", "--benchmark", "cis-aws-3.0"]);
    assert!(
        table.contains("cis-aws-3.0") && !table.contains("pci-dss"),
        "{table}"
    );
    assert!(table.contains("Mean time to resolve"), "{table}");
    let wrong = on.output(&["trend", "--benchmark", "no-such"]);
    assert_eq!(wrong.status.code(), Some(2));
    assert!(stderr(&wrong).contains("unknown benchmark \"no-such\""));
    (json, after.len())
}

/// The report page, parsed by headless Chromium as the browser would: the trend chart
/// has a point per day and benchmark scored, and the oldest open failures count the
/// second scan's failures.
fn the_html_page_shows_the_trend_in_headless_chromium(
    on: &On,
    dir: &std::path::Path,
    trend: &Value,
    failing_now: usize,
) {
    let page = dir.join("report.html");
    on.run(&[
        "report",
        "--format",
        "html",
        "--output",
        page.to_str().unwrap(),
    ]);
    let dom = headless_chromium(&page, &["--dump-dom"]);
    assert!(
        dom.contains("<section id=\"trend\">"),
        "no trend section after parsing"
    );
    let scored: usize = trend["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            d["scores"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|s| !s["score"].is_null())
                .count()
        })
        .sum();
    assert!(scored > 0);
    assert_eq!(dom.matches("class=\"trend-point\"").count(), scored);
    assert!(dom.contains("data-benchmark=\"cis-aws-3.0\""));
    let shown = failing_now.min(20);
    assert!(
        dom.contains(&format!("Oldest open failures ({shown} of {failing_now})")),
        "oldest open failures heading"
    );
    let oldest = dom.split("<table class=\"oldest\">").nth(1).unwrap();
    let oldest = oldest.split("</table>").next().unwrap();
    assert_eq!(
        oldest.matches("<tr>").count(),
        shown + 1,
        "heading row and one per failure"
    );
    let since: Vec<&str> = oldest
        .split("<tr><td>")
        .skip(1)
        .map(|row| row.split("</td>").next().unwrap())
        .collect();
    assert_eq!(since.len(), shown);
    assert!(
        since.windows(2).all(|w| w[0] <= w[1]),
        "oldest first: {since:?}"
    );
}
