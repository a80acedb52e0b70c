//! The scan as one self-contained HTML page: inline CSS and an inline SVG chart, no
//! script and nothing fetched from the network, so it can be mailed or archived as is.
//! Sections: scores per benchmark (chart and table, with requirement, service and
//! account breakdowns), failing findings grouped by severity then service then control
//! with the control's remediation, muted findings, findings that could not be
//! evaluated, the inventory, and the changes since the previous scan; the threat paths
//! (`threat_paths`) when the scan's graph has any; the account's scores over time and
//! this scan's oldest open failures (`trend_chart`).

mod threat_paths;
mod trend_chart;

use super::diff::ScanDiff;
use super::inventory::count_by_type_and_region;
use super::score::{breakdown, BenchmarkBreakdown, ScoreLine};
use crate::controls::Catalog;
use crate::graph::ScanThreats;
use crate::model::{Finding, Mask, Resource, Scan, Severity, Status};
use std::collections::BTreeMap;
use std::fmt::Write;

/// Everything the page shows. `findings` have the mute rules applied already.
pub struct HtmlReport<'a> {
    pub scan: &'a Scan,
    pub findings: &'a [Finding],
    pub catalog: &'a Catalog,
    pub masks: &'a [Mask],
    pub resources: &'a [Resource],
    pub diff: Option<&'a ScanDiff>,
    /// The scan's Threat Graph and attack paths (`parapet paths`), when computed.
    pub threats: Option<&'a ScanThreats>,
    /// The account's scores over its stored scans (`report::trend`), when read.
    pub trend: Option<&'a super::trend::Trend>,
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#1d2329;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:2px solid #d0d7de;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;width:100%;margin:.5em 0}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid #e4e8ec;vertical-align:top}
th{background:#f3f5f7}td.n{text-align:right;font-variant-numeric:tabular-nums}
.sev{display:inline-block;padding:0 6px;border-radius:3px;color:#fff;font-size:.85em;text-transform:uppercase}
.critical{background:#8b0000}.high{background:#d1242f}.medium{background:#bf6a02}.low{background:#2f6fb5}.informational{background:#6e7781}
.remedy{background:#f6f8fa;border-left:3px solid #2f6fb5;padding:.4em .8em;margin:.4em 0}
pre{white-space:pre-wrap;margin:.3em 0;font-size:.9em}
details{margin:.3em 0}summary{cursor:pointer;font-weight:600}
.meta{color:#57606a}.good{color:#1a7f37}.bad{color:#d1242f}
ol.hops,ul.opens{margin:.2em 0;padding-left:1.4em}ul.opens{font-size:.9em}";

fn pct(score: Option<f64>) -> String {
    score
        .map(|s| format!("{:.1}%", s * 100.0))
        .unwrap_or_else(|| "n/a".into())
}

/// Horizontal bars, one per benchmark, length = score.
fn chart(benchmarks: &[BenchmarkBreakdown]) -> String {
    let row = 28;
    let height = benchmarks.len() * row + 10;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"Score per benchmark\" width=\"720\" height=\"{height}\" viewBox=\"0 0 720 {height}\">"
    );
    for (i, b) in benchmarks.iter().enumerate() {
        let y = i * row + 5;
        let width = b.overall.score.map_or(0.0, |s| s * 400.0);
        let colour = match b.overall.score {
            Some(s) if s >= 0.9 => "#1a7f37",
            Some(s) if s >= 0.7 => "#bf6a02",
            Some(_) => "#d1242f",
            None => "#6e7781",
        };
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{ty}\" font-size=\"13\">{name}</text><rect x=\"200\" y=\"{y}\" width=\"400\" height=\"20\" fill=\"#eaeef2\"/><rect class=\"bar\" x=\"200\" y=\"{y}\" width=\"{width:.1}\" height=\"20\" fill=\"{colour}\"/><text x=\"610\" y=\"{ty}\" font-size=\"13\">{score}</text>",
            ty = y + 15,
            name = escape(&b.benchmark),
            score = pct(b.overall.score),
        );
    }
    svg.push_str("</svg>");
    svg
}

fn score_table(out: &mut String, first_column: &str, lines: &[ScoreLine]) {
    let _ = write!(
        out,
        "<table><tr><th>{}</th><th>Score</th><th>PASS</th><th>FAIL</th><th>INFO</th><th>ERROR</th><th>SKIPPED</th><th>MUTED</th></tr>",
        escape(first_column)
    );
    for l in lines {
        let c = &l.counts;
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            escape(&l.key),
            pct(l.score),
            c.pass,
            c.fail,
            c.info,
            c.error,
            c.skipped,
            c.muted
        );
    }
    out.push_str("</table>");
}

fn scores_section(out: &mut String, r: &HtmlReport, benchmarks: &[BenchmarkBreakdown]) {
    out.push_str("<section id=\"scores\"><h2>Scores</h2><p class=\"meta\">Score = (PASS + INFO) / (PASS + INFO + FAIL); ERROR, SKIPPED and MUTED findings and masked controls are left out.</p>");
    out.push_str(&chart(benchmarks));
    let overall: Vec<ScoreLine> = benchmarks
        .iter()
        .map(|b| ScoreLine {
            key: b.name.clone(),
            ..b.overall.clone()
        })
        .collect();
    score_table(out, "Benchmark", &overall);
    for b in benchmarks {
        let masked: Vec<&Mask> = r
            .masks
            .iter()
            .filter(|m| m.benchmark.as_deref().is_none_or(|id| id == b.benchmark))
            .collect();
        let _ = write!(
            out,
            "<details><summary>{} — by requirement, service and account</summary>",
            escape(&b.name)
        );
        if !masked.is_empty() {
            out.push_str("<p>Masked controls: ");
            for m in masked {
                let _ = write!(
                    out,
                    "<code>{}</code>{} ({}); ",
                    escape(&m.control_id),
                    m.account_id
                        .as_deref()
                        .map(|a| format!(" for account {}", escape(a)))
                        .unwrap_or_default(),
                    escape(&m.reason)
                );
            }
            let _ = write!(out, "{} finding(s) left out.</p>", b.masked_findings);
        }
        score_table(out, "Requirement", &b.requirements);
        score_table(out, "Service", &b.services);
        score_table(out, "Account", &b.accounts);
        out.push_str("</details>");
    }
    out.push_str("</section>");
}

fn failing_section(out: &mut String, r: &HtmlReport) {
    // severity -> service -> control -> findings
    let mut groups: BTreeMap<Severity, BTreeMap<&str, BTreeMap<&str, Vec<&Finding>>>> =
        BTreeMap::new();
    let mut total = 0;
    for f in r
        .findings
        .iter()
        .filter(|f| f.shown_status() == Status::Fail)
    {
        total += 1;
        groups
            .entry(f.severity)
            .or_default()
            .entry(&f.service)
            .or_default()
            .entry(&f.control_id)
            .or_default()
            .push(f);
    }
    let _ = write!(
        out,
        "<section id=\"failing\"><h2>Failing findings ({total})</h2>"
    );
    for (severity, services) in &groups {
        let count: usize = services
            .values()
            .flat_map(|c| c.values())
            .map(Vec::len)
            .sum();
        let open = if matches!(severity, Severity::Critical | Severity::High) {
            " open"
        } else {
            ""
        };
        let _ = write!(
            out,
            "<details{open} class=\"severity\"><summary><span class=\"sev {s}\">{s}</span> {count} failing</summary>",
            s = severity.as_str()
        );
        for (service, controls) in services {
            let _ = write!(out, "<h3>{}</h3>", escape(service));
            for (control_id, findings) in controls {
                let control = r.catalog.control(control_id);
                let _ = write!(
                    out,
                    "<h4><code>{}</code> {} ({})</h4>",
                    escape(control_id),
                    escape(control.map_or("", |c| c.title.as_str())),
                    findings.len()
                );
                if let Some(c) = control {
                    let rem = &c.meta.remediation;
                    let _ = write!(
                        out,
                        "<div class=\"remedy\"><b>Remediation.</b> {}",
                        escape(&rem.text)
                    );
                    if let Some(cli) = &rem.cli {
                        let _ = write!(out, "<pre>{}</pre>", escape(cli));
                    }
                    out.push_str("</div>");
                }
                out.push_str("<table><tr><th>Resource</th><th>Region</th><th>Why</th><th>Failing since</th></tr>");
                for f in findings {
                    let _ = write!(
                        out,
                        "<tr><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                        escape(&f.resource_arn),
                        escape(&f.resource_name),
                        escape(&f.region),
                        escape(&f.reason),
                        f.status_changed_at.format("%Y-%m-%d")
                    );
                }
                out.push_str("</table>");
            }
        }
        out.push_str("</details>");
    }
    out.push_str("</section>");
}

fn list_section(
    out: &mut String,
    id: &str,
    title: &str,
    findings: &[&Finding],
    why: impl Fn(&Finding) -> String,
) {
    if findings.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<section id=\"{id}\"><h2>{} ({})</h2><details><summary>Show</summary><table><tr><th>Control</th><th>Resource</th><th>Region</th><th>Status</th><th>Why</th></tr>",
        escape(title),
        findings.len()
    );
    for f in findings {
        let _ = write!(
            out,
            "<tr><td><code>{}</code></td><td title=\"{}\">{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&f.control_id),
            escape(&f.resource_arn),
            escape(&f.resource_name),
            escape(&f.region),
            f.status,
            escape(&why(f))
        );
    }
    out.push_str("</table></details></section>");
}

fn inventory_section(out: &mut String, resources: &[Resource]) {
    let counts = count_by_type_and_region(resources);
    let _ = write!(
        out,
        "<section id=\"inventory\"><h2>Inventory ({} resources)</h2><table><tr><th>Type</th><th>Region</th><th>Count</th></tr>",
        resources.len()
    );
    for ((t, region), n) in counts {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{n}</td></tr>",
            escape(&t),
            escape(&region)
        );
    }
    out.push_str("</table></section>");
}

fn diff_section(out: &mut String, d: Option<&ScanDiff>) {
    out.push_str("<section id=\"changes\"><h2>Changes since the previous scan</h2>");
    let Some(d) = d else {
        out.push_str("<p>No earlier scan of this account to compare with.</p></section>");
        return;
    };
    let _ = write!(
        out,
        "<p class=\"meta\">From scan {} to scan {}.</p><table><tr><th>Benchmark</th><th>Before</th><th>After</th><th>Change</th></tr>",
        escape(&d.from_scan),
        escape(&d.to_scan)
    );
    for s in &d.scores {
        let (class, change) = match s.delta_points() {
            Some(p) if p > 0.0 => ("good", format!("{p:+.1} pt")),
            Some(p) if p < 0.0 => ("bad", format!("{p:+.1} pt")),
            Some(_) => ("", "no change".into()),
            None => ("", "n/a".into()),
        };
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n {class}\">{change}</td></tr>",
            escape(&s.benchmark),
            pct(s.from),
            pct(s.to)
        );
    }
    out.push_str("</table>");
    let _ = write!(out, "<h3>New failures ({})</h3><ul>", d.new_failures.len());
    for f in &d.new_failures {
        let _ = write!(
            out,
            "<li><span class=\"sev {s}\">{s}</span> <code>{}</code> {}</li>",
            escape(&f.control_id),
            escape(&f.reason),
            s = f.severity.as_str()
        );
    }
    let _ = write!(
        out,
        "</ul><h3>Resolved failures ({})</h3><ul>",
        d.resolved_failures.len()
    );
    for r in &d.resolved_failures {
        let now = r
            .now
            .map(|s| s.to_string())
            .unwrap_or_else(|| "no longer evaluated".into());
        let _ = write!(
            out,
            "<li><code>{}</code> {} — now {}</li>",
            escape(&r.finding.control_id),
            escape(&r.finding.resource_name),
            escape(&now)
        );
    }
    out.push_str("</ul>");
    for (title, list) in [
        ("New resources", &d.new_resources),
        ("Removed resources", &d.removed_resources),
    ] {
        let _ = write!(out, "<h3>{title} ({})</h3><ul>", list.len());
        for r in list {
            let _ = write!(
                out,
                "<li>{} <b>{}</b> in {}</li>",
                escape(&r.resource_type),
                escape(&r.name),
                escape(&r.region)
            );
        }
        out.push_str("</ul>");
    }
    out.push_str("</section>");
}

pub fn render_html(r: &HtmlReport) -> String {
    let benchmarks = breakdown(r.catalog, r.findings, r.masks);
    let mut out = String::with_capacity(64 * 1024 + r.findings.len() * 200);
    let _ = write!(
        out,
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>parapet scan {id} of {account}</title><style>{STYLE}</style></head><body><h1>parapet: account {account}</h1><p class=\"meta\">Scan {id} ({state}), started {started}, regions {regions}.</p>",
        id = escape(&r.scan.id),
        account = escape(&r.scan.account_id),
        state = r.scan.state.as_str(),
        started = r.scan.started_at.format("%Y-%m-%d %H:%M UTC"),
        regions = escape(&r.scan.regions.join(", ")),
    );
    if !r.scan.failures.is_empty() {
        let _ = write!(
            out,
            "<p class=\"bad\">{} task(s) failed; their part of the account is missing from these results.</p>",
            r.scan.failures.len()
        );
    }
    scores_section(&mut out, r, &benchmarks);
    threat_paths::section(&mut out, r.threats);
    trend_chart::section(&mut out, r.trend, r.findings);
    failing_section(&mut out, r);
    let muted: Vec<&Finding> = r.findings.iter().filter(|f| f.muted.is_some()).collect();
    list_section(&mut out, "muted", "Muted findings", &muted, |f| {
        f.muted
            .as_ref()
            .map(|m| m.reason.clone())
            .unwrap_or_default()
    });
    let errors: Vec<&Finding> = r
        .findings
        .iter()
        .filter(|f| f.shown_status() == Status::Error)
        .collect();
    list_section(&mut out, "errors", "Could not evaluate", &errors, |f| {
        f.reason.clone()
    });
    inventory_section(&mut out, r.resources);
    diff_section(&mut out, r.diff);
    out.push_str("</body></html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{MutedBy, ScanState};
    use crate::report::test_support::{catalog, finding};
    use chrono::Utc;

    fn scan() -> Scan {
        Scan {
            id: "scan-1".into(),
            account_id: "123456789012".into(),
            started_at: Utc::now(),
            finished_at: None,
            state: ScanState::Complete,
            regions: vec!["us-east-1".into()],
            tasks_total: 1,
            tasks_done: 1,
            tasks_failed: 0,
            failures: vec![],
            summary: None,
        }
    }

    #[test]
    fn the_page_is_self_contained_and_escapes_what_it_shows() {
        let cat = catalog(&["s3_a", "s3_b"]);
        let mut hostile = finding("s3_a", Status::Fail);
        hostile.resource_name = "<script>alert(1)</script>".into();
        let mut muted = finding("s3_b", Status::Fail);
        muted.muted = Some(MutedBy {
            rule_id: "r".into(),
            reason: "public site".into(),
        });
        let findings = [hostile, muted, finding("s3_b", Status::Pass)];
        let html = render_html(&HtmlReport {
            scan: &scan(),
            findings: &findings,
            catalog: &cat,
            masks: &[],
            resources: &[],
            diff: None,
            threats: None,
            trend: None,
        });
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(
            !html.contains("<script"),
            "no script, and names are escaped"
        );
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(
            !html.contains("src=") && !html.contains("<link"),
            "nothing fetched"
        );
        assert!(html.contains("<svg"));
        assert!(
            html.contains("Failing findings (1)"),
            "the muted failure is not failing"
        );
        assert!(
            html.contains("Fix s3_a &lt;now&gt; &amp; here."),
            "remediation shown, escaped"
        );
        assert!(html.contains("Muted findings (1)") && html.contains("public site"));
        assert!(html.contains("50.0%"), "1 PASS, 1 FAIL, 1 MUTED");
        assert!(html.contains("No earlier scan"));
    }
}
