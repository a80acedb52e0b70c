use crate::controls::Catalog;
use crate::model::{Finding, Scan, Severity, Status};
use serde_json::json;
use std::fmt::Write;

/// One finding as a JSON object on one line, for machines.
pub fn finding_json_line(f: &Finding) -> String {
    json!({
        "control_id": f.control_id, "resource_arn": f.resource_arn, "resource_name": f.resource_name, "resource_type": f.resource_type,
        "account_id": f.account_id, "region": f.region, "service": f.service,
        "severity": f.severity, "status": f.status, "reason": f.reason,
        "scan_id": f.scan_id, "first_seen": f.first_seen, "last_seen": f.last_seen,
        "status_changed_at": f.status_changed_at,
    })
    .to_string()
}

/// The human summary of a scan: scores per benchmark, counts per status and severity,
/// and the failing findings (most severe first).
pub fn render_summary(scan: &Scan, findings: &[Finding]) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Scan {} of account {} ({}), regions: {}",
        scan.id,
        scan.account_id,
        scan.state.as_str(),
        scan.regions.join(", ")
    );
    if !scan.failures.is_empty() {
        let _ = writeln!(
            out,
            "\n{} task(s) failed; their part of the account is missing from these results:",
            scan.failures.len()
        );
        for f in &scan.failures {
            let _ = writeln!(out, "  - {f}");
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
            "\n{:<22} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8}",
            "BENCHMARK", "SCORE", "PASS", "FAIL", "INFO", "ERROR", "SKIPPED"
        );
        for b in &s.benchmarks {
            let score = b
                .score
                .map(|v| format!("{:.1}%", v * 100.0))
                .unwrap_or_else(|| "n/a".into());
            let _ = writeln!(
                out,
                "{:<22} {:>7} {:>6} {:>6} {:>6} {:>6} {:>8}",
                b.benchmark, score, b.pass, b.fail, b.info, b.error, b.skipped
            );
        }
    }
    let count = |st: Status| findings.iter().filter(|f| f.status == st).count();
    let _ = write!(out, "\nBy status:");
    for st in Status::ALL {
        let _ = write!(out, "  {st} {}", count(st));
    }
    let _ = write!(out, "\nFailed by severity:");
    for sev in Severity::ALL {
        let n = findings
            .iter()
            .filter(|f| f.status == Status::Fail && f.severity == sev)
            .count();
        let _ = write!(out, "  {sev} {n}");
    }
    let mut failing: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.status == Status::Fail)
        .collect();
    failing.sort_by(|a, b| {
        (a.severity, &a.control_id, &a.resource_arn).cmp(&(
            b.severity,
            &b.control_id,
            &b.resource_arn,
        ))
    });
    let _ = writeln!(out, "\n\nFailing findings ({}):", failing.len());
    for f in failing {
        let _ = writeln!(
            out,
            "  [{:<8}] {:<60} {:<14} {}",
            f.severity.as_str().to_uppercase(),
            f.control_id,
            f.region,
            f.reason
        );
    }
    let errors: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.status == Status::Error)
        .collect();
    if !errors.is_empty() {
        let _ = writeln!(out, "\nCould not evaluate ({}):", errors.len());
        for f in errors {
            let _ = writeln!(out, "  {:<60} {}", f.control_id, f.reason);
        }
    }
    out
}

/// The controls of the catalog (or of one benchmark) with severity and requirement ids.
pub fn render_controls(catalog: &Catalog, benchmark: Option<&str>) -> String {
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
        "{:<72} {:<14} {:<10} REQUIREMENTS",
        "CONTROL", "SEVERITY", "SERVICE"
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
            "{:<72} {:<14} {:<10} {}",
            id,
            severity,
            service,
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
    fn benchmark_listing_shows_requirements_and_missing_controls() {
        let control = SourceFile {
            path: "aws/s3/a.rego".into(),
            text: "# METADATA\n# title: T\n# description: D\n# custom:\n#   id: a\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\n#   realtime_triggers: []\npackage parapet.aws.s3.a\n\nimport rego.v1\n\nstatus := \"PASS\"\n".into(),
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
