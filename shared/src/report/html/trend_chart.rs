//! The report's "Posture over time" section: each benchmark's score per day over the
//! account's stored scans (`report::trend`, an inline SVG line per benchmark), and the
//! oldest failures of this scan still open. Benchmark ids, controls and resources come
//! from the store or the account: every one is escaped.

use super::escape;
use crate::model::{Finding, Status};
use crate::report::trend::Trend;
use std::fmt::Write;

/// Oldest open failures listed at most.
pub const MAX_OLDEST_FAILURES: usize = 20;
const COLOURS: [&str; 7] = [
    "#2f6fb5", "#1a7f37", "#bf6a02", "#8250df", "#d1242f", "#0a7f8c", "#6e7781",
];
/// The plot area inside the SVG.
const LEFT: f64 = 40.0;
const RIGHT: f64 = 560.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 190.0;

/// The section; absent when there is neither a trend nor an open failure.
pub(super) fn section(out: &mut String, trend: Option<&Trend>, findings: &[Finding]) {
    let mut open: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.shown_status() == Status::Fail)
        .collect();
    if trend.is_none_or(|t| t.days.is_empty()) && open.is_empty() {
        return;
    }
    out.push_str("<section id=\"trend\"><h2>Posture over time</h2>");
    if let Some(t) = trend.filter(|t| !t.days.is_empty()) {
        let _ = write!(
            out,
            "<p class=\"meta\">Score per benchmark per day, {} to {} (UTC), from the account's stored scans.</p>",
            t.from, t.to
        );
        out.push_str(&chart(t));
    }
    open.sort_by(|a, b| {
        (a.status_changed_at, &a.control_id, &a.resource_arn).cmp(&(
            b.status_changed_at,
            &b.control_id,
            &b.resource_arn,
        ))
    });
    let _ = write!(
        out,
        "<h3>Oldest open failures ({} of {})</h3><table class=\"oldest\"><tr><th>Failing since</th><th>Severity</th><th>Control</th><th>Resource</th><th>Region</th></tr>",
        open.len().min(MAX_OLDEST_FAILURES),
        open.len()
    );
    for f in open.iter().take(MAX_OLDEST_FAILURES) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td><span class=\"sev {sev}\">{sev}</span></td><td>{}</td><td title=\"{}\">{}</td><td>{}</td></tr>",
            f.status_changed_at.format("%Y-%m-%d %H:%M"),
            escape(&f.control_id),
            escape(&f.resource_arn),
            escape(&f.resource_name),
            escape(&f.region),
            sev = f.severity.as_str(),
        );
    }
    out.push_str("</table></section>");
}

/// One line per benchmark, a point per day that scored it; x is the date within the
/// window, y the score (0 at the bottom, 100% at the top).
fn chart(t: &Trend) -> String {
    let span = (t.to - t.from).num_days().max(1) as f64;
    let x =
        |date: chrono::NaiveDate| LEFT + (date - t.from).num_days() as f64 / span * (RIGHT - LEFT);
    let y = |score: f64| BOTTOM - score.clamp(0.0, 1.0) * (BOTTOM - TOP);
    let benchmarks: Vec<&str> = t
        .days
        .last()
        .map(|d| d.scores.iter().map(|s| s.benchmark.as_str()).collect())
        .unwrap_or_default();
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Score per benchmark over time\" width=\"720\" height=\"{h}\" viewBox=\"0 0 720 {h}\"><rect x=\"{LEFT}\" y=\"{TOP}\" width=\"{w}\" height=\"{ph}\" fill=\"#f6f8fa\"/><text x=\"0\" y=\"{t1}\" font-size=\"11\">100%</text><text x=\"0\" y=\"{BOTTOM}\" font-size=\"11\">0%</text><text x=\"{LEFT}\" y=\"205\" font-size=\"11\">{from}</text><text x=\"{RIGHT}\" y=\"205\" font-size=\"11\" text-anchor=\"end\">{to}</text>",
        h = 215.max(benchmarks.len() * 18 + 20),
        w = RIGHT - LEFT,
        ph = BOTTOM - TOP,
        t1 = TOP + 10.0,
        from = t.from,
        to = t.to,
    );
    for (i, b) in benchmarks.iter().enumerate() {
        let colour = COLOURS[i % COLOURS.len()];
        let points: Vec<(f64, f64)> = t
            .days
            .iter()
            .filter_map(|d| {
                let score = d.scores.iter().find(|s| s.benchmark == *b)?.score?;
                Some((x(d.date), y(score)))
            })
            .collect();
        let line: Vec<String> = points
            .iter()
            .map(|(px, py)| format!("{px:.1},{py:.1}"))
            .collect();
        let _ = write!(
            svg,
            "<polyline class=\"trend-line\" data-benchmark=\"{name}\" points=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"2\"/>",
            line.join(" "),
            name = escape(b),
        );
        for (px, py) in &points {
            let _ = write!(
                svg,
                "<circle class=\"trend-point\" cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3\" fill=\"{colour}\"/>"
            );
        }
        let _ = write!(
            svg,
            "<text x=\"580\" y=\"{ty}\" font-size=\"12\" fill=\"{colour}\">{name}</text>",
            ty = 24 + i * 18,
            name = escape(b),
        );
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_support::finding;
    use crate::report::trend::{DayScore, TrendDay};
    use chrono::{Duration, NaiveDate};

    fn day(date: NaiveDate, score: Option<f64>) -> TrendDay {
        TrendDay {
            date,
            scans: 1,
            accounts: 1,
            failing: 1,
            opened: Some(0),
            closed: Some(0),
            unaccounted: Some(0),
            scores: vec![DayScore {
                benchmark: "<cis>".into(),
                pass: 1,
                info: 0,
                fail: 1,
                score,
            }],
        }
    }

    #[test]
    fn a_point_per_scored_day_and_the_oldest_failures_first_escaped() {
        let from = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let t = Trend {
            from,
            to: from + Duration::days(10),
            account_id: None,
            benchmark: None,
            scans: 3,
            scans_without_changes: 0,
            days: vec![
                day(from, Some(0.5)),
                day(from + Duration::days(5), None),
                day(from + Duration::days(10), Some(1.0)),
            ],
            mean_time_to_resolve: vec![],
        };
        let mut young = finding("young<", Status::Fail);
        young.status_changed_at += Duration::days(1);
        let old = finding("old", Status::Fail);
        let passing = finding("fine", Status::Pass);
        let mut html = String::new();
        section(&mut html, Some(&t), &[young, passing, old]);
        assert_eq!(html.matches("class=\"trend-point\"").count(), 2);
        // First point: day 0 at 50%; last: day 10 at 100%.
        assert!(html.contains("points=\"40.0,100.0 560.0,10.0\""), "{html}");
        assert!(html.contains("data-benchmark=\"&lt;cis&gt;\"") && !html.contains("<cis>"));
        assert!(html.contains("Oldest open failures (2 of 2)"));
        let old_at = html.find(">old<").unwrap();
        assert!(old_at < html.find("young&lt;").unwrap(), "oldest first");

        let mut nothing = String::new();
        section(&mut nothing, None, &[finding("fine", Status::Pass)]);
        assert!(
            nothing.is_empty(),
            "no trend and nothing failing: no section"
        );
    }
}
