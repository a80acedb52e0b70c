use crate::controls::Catalog;
use crate::model::{Finding, Mask, Scan, Severity, Status};
use crate::report::{BenchmarkBreakdown, ScoreLine};
use serde_json::json;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

/// A value read from an account (or a file) made safe to print on a terminal: ANSI
/// escape sequences, other control characters (C0, DEL, C1: a CR that rewrites the line,
/// a line break that forges a row) and bidirectional overrides are removed. Names, tags
/// and reasons are attacker-chosen text; printed raw they could recolour, hide or fake
/// output, or send escape sequences some terminals act on.
pub fn terminal_text(value: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() || is_bidi_control(c);
    if !value.contains(unsafe_char) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{1b}' {
            skip_escape_sequence(&mut chars);
        } else if c == '\n' || c == '\t' {
            // Whitespace in the value stays visible as one space on its own row.
            out.push(' ');
        } else if !unsafe_char(c) {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Left-to-right/right-to-left embeddings, overrides and isolates: they reorder what is
/// shown ("Trojan Source").
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// After an ESC: a CSI sequence (`[` parameters, final byte `@`..`~`), an OSC or other
/// string sequence (`]`, `P`, `^`, `_`, `X`, ended by BEL or ESC `\`), or one character.
fn skip_escape_sequence(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.next() {
        Some('[') => {
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        }
        Some(']' | 'P' | '^' | '_' | 'X') => {
            while let Some(c) = chars.next() {
                if c == '\u{7}' {
                    break;
                }
                if c == '\u{1b}' {
                    chars.next_if_eq(&'\\');
                    break;
                }
            }
        }
        _ => {}
    }
}

/// One finding as a JSON object on one line, for machines. `status` is the control's
/// verdict; `muted` says whether a mute rule hides it.
pub fn finding_json_line(f: &Finding) -> String {
    json!({
        "control_id": f.control_id, "resource_arn": f.resource_arn, "resource_name": f.resource_name, "resource_type": f.resource_type,
        "account_id": f.account_id, "region": f.region, "service": f.service,
        "severity": f.severity, "status": f.status, "reason": f.reason,
        "scan_id": f.scan_id, "first_seen": f.first_seen, "last_seen": f.last_seen,
        "status_changed_at": f.status_changed_at,
        "muted": f.muted.is_some(),
        "mute_reason": f.muted.as_ref().map(|m| m.reason.as_str()),
        "mute_rule": f.muted.as_ref().map(|m| m.rule_id.as_str()),
    })
    .to_string()
}

/// The human summary of a scan: scores per benchmark, counts per status and severity,
/// and the failing findings (most severe first).
pub fn render_summary(scan: &Scan, findings: &[Finding]) -> String {
    let mut counts = ShownCounts::default();
    findings.iter().for_each(|f| counts.add(f));
    let mut out = render_summary_head(scan, &counts);
    out.push_str(&render_failing_head(&counts));
    let mut failing: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.shown_status() == Status::Fail)
        .collect();
    failing.sort_by(|a, b| {
        (a.severity, &a.control_id, &a.resource_arn).cmp(&(
            b.severity,
            &b.control_id,
            &b.resource_arn,
        ))
    });
    for f in failing {
        push_failing_line(&mut out, f);
    }
    out.push_str(&render_summary_muted(&counts));
    out.push_str(&render_errors_head(&counts));
    for f in findings
        .iter()
        .filter(|f| f.shown_status() == Status::Error)
    {
        push_error_line(&mut out, f);
    }
    out
}

/// What the summary counts of the findings it lists, by shown status (MUTED for muted
/// ones) and failures by severity: gathered a finding at a time, so a summary can be
/// written from findings read a page at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ShownCounts {
    pub by_status: BTreeMap<Status, u64>,
    pub failed_by_severity: BTreeMap<Severity, u64>,
}

impl ShownCounts {
    pub fn add(&mut self, f: &Finding) {
        let shown = f.shown_status();
        *self.by_status.entry(shown).or_default() += 1;
        if shown == Status::Fail {
            *self.failed_by_severity.entry(f.severity).or_default() += 1;
        }
    }

    /// How many shown findings have this shown status.
    pub fn count(&self, status: Status) -> u64 {
        self.by_status.get(&status).copied().unwrap_or(0)
    }
}

/// The summary up to its failing findings: the scan, its failed tasks, the scores, the
/// counts, and the heading of the failing findings (which follow, most severe first,
/// each by `push_failing_line`).
pub fn render_summary_head(scan: &Scan, counts: &ShownCounts) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Scan {} of account {} ({}), regions: {}",
        scan.id,
        terminal_text(&scan.account_id),
        scan.state.as_str(),
        terminal_text(&scan.regions.join(", "))
    );
    if !scan.failures.is_empty() {
        let _ = writeln!(
            out,
            "\n{} task(s) failed; their part of the account is missing from these results:",
            scan.failures.len()
        );
        for f in &scan.failures {
            let _ = writeln!(out, "  - {}", terminal_text(f));
        }
    }
    if let Some(s) = &scan.summary {
        let _ = writeln!(
            out,
            "\nResources: {}   Findings: {}",
            s.resources, s.findings
        );
        let _ = writeln!(
            out,
            "\n{:<22} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8} {:>6}",
            "BENCHMARK", "SCORE", "PASS", "FAIL", "INFO", "ERROR", "SKIPPED", "MUTED"
        );
        for b in &s.benchmarks {
            let score = b
                .score
                .map(|v| format!("{:.1}%", v * 100.0))
                .unwrap_or_else(|| "n/a".into());
            let _ = writeln!(
                out,
                "{:<22} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8} {:>6}",
                b.benchmark, score, b.pass, b.fail, b.info, b.error, b.skipped, b.muted
            );
        }
    }
    let _ = write!(out, "\nBy status:");
    for st in Status::ALL {
        let _ = write!(out, "  {st} {}", counts.count(st));
    }
    let _ = write!(out, "\nFailed by severity:");
    for sev in Severity::ALL {
        let n = counts.failed_by_severity.get(&sev).copied().unwrap_or(0);
        let _ = write!(out, "  {sev} {n}");
    }
    out
}

/// The heading of the failing findings' list, after `render_summary_head`.
pub fn render_failing_head(counts: &ShownCounts) -> String {
    format!("\n\nFailing findings ({}):\n", counts.count(Status::Fail))
}

/// One control's line of the failing findings grouped by control: its severity, how
/// many resources fail it, its id and title.
pub fn push_failing_control_line(
    out: &mut String,
    severity: Severity,
    failing: u64,
    control_id: &str,
    title: &str,
) {
    let _ = writeln!(
        out,
        "  [{:<8}] {:>5}  {:<60} {}",
        severity.as_str().to_uppercase(),
        failing,
        control_id,
        terminal_text(title)
    );
}

/// One failing finding's line of the summary.
pub fn push_failing_line(out: &mut String, f: &Finding) {
    let _ = writeln!(
        out,
        "  [{:<8}] {:<60} {:<14} {}",
        f.severity.as_str().to_uppercase(),
        f.control_id,
        terminal_text(&f.region),
        terminal_text(&f.reason)
    );
}

/// The summary's note on muted findings, after the failing ones (empty when none).
pub fn render_summary_muted(counts: &ShownCounts) -> String {
    match counts.count(Status::Muted) {
        0 => String::new(),
        muted => format!(
            "\n{muted} finding(s) muted (left out of scores; `--status MUTED` lists them).\n"
        ),
    }
}

/// The heading of the findings that could not be evaluated (empty when none); each
/// follows, in control and resource order, by `push_error_line`.
pub fn render_errors_head(counts: &ShownCounts) -> String {
    match counts.count(Status::Error) {
        0 => String::new(),
        errors => format!("\nCould not evaluate ({errors}):\n"),
    }
}

/// One ERROR finding's line of the summary.
pub fn push_error_line(out: &mut String, f: &Finding) {
    let _ = writeln!(out, "  {:<60} {}", f.control_id, terminal_text(&f.reason));
}

/// Each benchmark's score broken down per requirement, per service and per account.
pub fn render_breakdown(benchmarks: &[BenchmarkBreakdown]) -> String {
    let mut out = String::new();
    let pct = |s: Option<f64>| {
        s.map(|v| format!("{:.1}%", v * 100.0))
            .unwrap_or_else(|| "n/a".into())
    };
    let table = |out: &mut String, title: &str, lines: &[ScoreLine]| {
        let _ = writeln!(
            out,
            "  {:<20} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8} {:>6}",
            title, "SCORE", "PASS", "FAIL", "INFO", "ERROR", "SKIPPED", "MUTED"
        );
        for l in lines {
            let c = &l.counts;
            let _ = writeln!(
                out,
                "  {:<20} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8} {:>6}",
                l.key,
                pct(l.score),
                c.pass,
                c.fail,
                c.info,
                c.error,
                c.skipped,
                c.muted
            );
        }
        out.push('\n');
    };
    for b in benchmarks {
        let _ = writeln!(
            out,
            "{} ({}): {}{}\n",
            b.name,
            b.benchmark,
            pct(b.overall.score),
            if b.masked_findings > 0 {
                format!(
                    ", {} finding(s) of masked controls left out",
                    b.masked_findings
                )
            } else {
                String::new()
            }
        );
        table(&mut out, "REQUIREMENT", &b.requirements);
        table(&mut out, "SERVICE", &b.services);
        table(&mut out, "ACCOUNT", &b.accounts);
    }
    out
}

/// The controls of the catalog (or of one benchmark) with severity and requirement ids.
pub fn render_controls(catalog: &Catalog, benchmark: Option<&str>) -> String {
    render_controls_masked(catalog, benchmark, &[])
}

/// Where a control is masked, as shown in the control list: `masked` (everywhere in
/// scope), `masked for <account>, ...`, or empty.
fn mask_note(masks: &[Mask], control_id: &str, benchmark: Option<&str>) -> String {
    let applying: Vec<&Mask> = masks
        .iter()
        .filter(|m| m.control_id == control_id)
        .filter(|m| match (benchmark, m.benchmark.as_deref()) {
            (Some(b), Some(mb)) => b == mb,
            _ => true,
        })
        .collect();
    if applying.is_empty() {
        return String::new();
    }
    if applying.iter().any(|m| m.account_id.is_none()) {
        return "MASKED".into();
    }
    let accounts: Vec<&str> = applying
        .iter()
        .filter_map(|m| m.account_id.as_deref())
        .collect();
    format!("MASKED for {}", accounts.join(", "))
}

/// The control list with a column saying where each control is masked.
pub fn render_controls_masked(
    catalog: &Catalog,
    benchmark: Option<&str>,
    masks: &[Mask],
) -> String {
    let mut out = String::new();
    let fw = benchmark.and_then(|b| catalog.framework(b));
    if let Some(fw) = fw {
        let manual = fw
            .requirements
            .iter()
            .filter(|r| r.assessment == crate::controls::Assessment::Manual)
            .count();
        let _ = writeln!(
            out,
            "{} {} — {} requirements ({} automated, {} manual), {} controls\n",
            fw.name,
            fw.version,
            fw.requirements.len(),
            fw.requirements.len() - manual,
            manual,
            fw.control_ids().len()
        );
        // Per requirement: how it is assessed and how many of its controls exist. A
        // manual requirement's controls report INFO for a person to verify.
        let _ = writeln!(
            out,
            "{:<20} {:<10} {:>8}  DESCRIPTION",
            "REQUIREMENT", "ASSESSED", "CONTROLS"
        );
        for r in catalog.requirement_coverage(fw) {
            let assessed = match r.assessment {
                crate::controls::Assessment::Automated => "automated",
                crate::controls::Assessment::Manual => "manual",
            };
            let _ = writeln!(
                out,
                "{:<20} {:<10} {:>8}  {}",
                r.id,
                assessed,
                format!("{}/{}", r.implemented, r.referenced),
                r.description
            );
        }
        let _ = writeln!(
            out,
            "\nCONTROLS is implemented/referenced; `parapet controls coverage` lists the missing ones.\n"
        );
    }
    let _ = writeln!(
        out,
        "{:<72} {:<14} {:<10} {:<24} REQUIREMENTS",
        "CONTROL", "SEVERITY", "SERVICE", "MASK"
    );
    let ids: Vec<&str> = match fw {
        Some(fw) => fw.control_ids(),
        None => catalog
            .controls
            .iter()
            .map(|c| c.meta.id.as_str())
            .collect(),
    };
    for id in ids {
        let c = catalog.control(id);
        let reqs: Vec<String> = catalog
            .frameworks
            .iter()
            .filter(|f| fw.is_none_or(|only| only.id == f.id))
            .flat_map(|f| {
                f.requirements_of(id)
                    .into_iter()
                    .map(move |r| format!("{} {r}", f.id))
            })
            .collect();
        // A benchmark may name controls not implemented yet; they are listed as such.
        let (severity, service) = match c {
            Some(c) => (c.meta.severity.as_str(), c.meta.service.as_str()),
            None => ("missing", "-"),
        };
        let _ = writeln!(
            out,
            "{:<72} {:<14} {:<10} {:<24} {}",
            id,
            severity,
            service,
            mask_note(masks, id, benchmark),
            reqs.join(", ")
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::SourceFile;

    #[test]
    fn terminal_text_strips_escapes_and_control_characters() {
        assert!(matches!(terminal_text("plain-name"), Cow::Borrowed(_)));
        let cases = [
            ("\u{1b}[31mred\u{1b}[0m", "red"),
            ("\u{1b}]0;owned title\u{7}bucket", "bucket"),
            (
                "\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\",
                "link",
            ),
            ("fake\rPASS", "fakePASS"),
            ("two\nlines\tand tab", "two lines and tab"),
            ("bell\u{7}del\u{7f}c1\u{9b}2J", "belldelc12J"),
            ("abc\u{202e}fdp.exe", "abcfdp.exe"),
        ];
        for (raw, shown) in cases {
            assert_eq!(terminal_text(raw), shown, "{raw:?}");
        }
    }

    #[test]
    fn summary_rows_hold_no_control_characters() {
        let mut f = crate::report::test_support::finding("s3_x", Status::Fail);
        f.reason = "bucket \u{1b}[2K\rall good\nFAKE ROW".into();
        f.region = "us-east-1\u{1b}[8m".into();
        let scan = Scan {
            id: "scan-1".into(),
            account_id: "123456789012".into(),
            started_at: f.first_seen,
            finished_at: None,
            state: crate::model::ScanState::Running,
            regions: vec!["us-east-1".into()],
            tasks_total: 1,
            tasks_done: 1,
            tasks_failed: 1,
            failures: vec!["task failed: \u{1b}[1Aoverwritten".into()],
            summary: None,
        };
        let text = render_summary(&scan, &[f]);
        assert!(!text.contains(['\u{1b}', '\r']), "{text:?}");
        assert!(text.contains("bucket all good FAKE ROW"), "{text:?}");
        assert!(text.contains("task failed: overwritten"), "{text:?}");
        assert!(!text.lines().any(|l| l.starts_with("FAKE ROW")), "{text:?}");
    }

    #[test]
    fn benchmark_listing_shows_requirements_and_missing_controls() {
        let control = SourceFile {
            path: "aws/s3/a.rego".into(),
            text: "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: a\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.a\n\nimport rego.v1\n\nstatus := \"PASS\"\n".into(),
        };
        let fw = SourceFile {
            path: "frameworks/f.yaml".into(),
            text: "id: f\nname: F\nversion: '1'\nrequirements:\n  - {id: '1.1', section: S, description: Automated one, assessment: automated, controls: [a, b]}\n  - {id: '1.2', section: S, description: Manual one, assessment: manual, controls: []}\n".into(),
        };
        let catalog = Catalog::from_files(vec![control, fw]).unwrap();
        let text = render_controls(&catalog, Some("f"));
        let req = text.lines().find(|l| l.starts_with("1.1 ")).expect(&text);
        assert!(req.contains("automated") && req.contains("1/2"), "{req}");
        let manual = text.lines().find(|l| l.starts_with("1.2 ")).expect(&text);
        assert!(
            manual.contains("manual") && manual.contains("0/0"),
            "{manual}"
        );
        let missing = text.lines().find(|l| l.starts_with("b ")).expect(&text);
        assert!(
            missing.contains("missing") && missing.contains("f 1.1"),
            "{missing}"
        );
    }
}
