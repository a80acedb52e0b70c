//! What changed between two scans of an account: failures that appeared or went away,
//! resources that appeared or went away, and each benchmark's score before and after.
//! Pure: takes the two scans' findings (mute rules already applied) and resources.

use super::score::breakdown;
use super::table::terminal_text;
use crate::controls::Catalog;
use crate::model::{Finding, Mask, Resource, Status};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;

/// One side of a comparison.
pub struct ScanSide<'a> {
    pub scan_id: &'a str,
    pub findings: &'a [Finding],
    pub resources: &'a [Resource],
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResourceRef {
    pub arn: String,
    pub resource_type: String,
    pub region: String,
    pub name: String,
}

impl From<&Resource> for ResourceRef {
    fn from(r: &Resource) -> Self {
        ResourceRef {
            arn: r.arn.clone(),
            resource_type: r.resource_type.clone(),
            region: r.region.clone(),
            name: r.name.clone(),
        }
    }
}

/// A failure of the earlier scan that is not failing in the later one.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Resolved {
    pub finding: Finding,
    /// What the later scan says (PASS, MUTED, ...), or `None` when it has no finding for
    /// that control and resource any more (the resource is gone or no longer evaluated).
    pub now: Option<Status>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScoreChange {
    pub benchmark: String,
    pub from: Option<f64>,
    pub to: Option<f64>,
}

impl ScoreChange {
    /// Percentage points gained (negative: lost); `None` when either side has no score.
    pub fn delta_points(&self) -> Option<f64> {
        Some((self.to? - self.from?) * 100.0)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScanDiff {
    pub from_scan: String,
    pub to_scan: String,
    pub new_failures: Vec<Finding>,
    pub resolved_failures: Vec<Resolved>,
    pub new_resources: Vec<ResourceRef>,
    pub removed_resources: Vec<ResourceRef>,
    pub scores: Vec<ScoreChange>,
}

/// Compares two scans. A failure is a finding shown as FAIL (muted ones are not
/// failures); findings are matched by control id and resource ARN, resources by ARN.
/// Scores are recomputed on both sides with the same masks, so a change of score is a
/// change in the account, not in the rules.
pub fn diff(catalog: &Catalog, masks: &[Mask], from: &ScanSide, to: &ScanSide) -> ScanDiff {
    let key = |f: &Finding| (f.control_id.clone(), f.resource_arn.clone());
    let before: HashMap<_, &Finding> = from.findings.iter().map(|f| (key(f), f)).collect();
    let after: HashMap<_, &Finding> = to.findings.iter().map(|f| (key(f), f)).collect();
    let failing = |f: &Finding| f.shown_status() == Status::Fail;

    let mut new_failures: Vec<Finding> = to
        .findings
        .iter()
        .filter(|f| failing(f) && !before.get(&key(f)).is_some_and(|b| failing(b)))
        .cloned()
        .collect();
    let mut resolved_failures: Vec<Resolved> = from
        .findings
        .iter()
        .filter(|f| failing(f))
        .filter_map(|f| match after.get(&key(f)) {
            Some(now) if failing(now) => None,
            Some(now) => Some(Resolved {
                finding: f.clone(),
                now: Some(now.shown_status()),
            }),
            None => Some(Resolved {
                finding: f.clone(),
                now: None,
            }),
        })
        .collect();
    new_failures.sort_by(|a, b| {
        (a.severity, &a.control_id, &a.resource_arn).cmp(&(
            b.severity,
            &b.control_id,
            &b.resource_arn,
        ))
    });
    resolved_failures.sort_by(|a, b| {
        (
            a.finding.severity,
            &a.finding.control_id,
            &a.finding.resource_arn,
        )
            .cmp(&(
                b.finding.severity,
                &b.finding.control_id,
                &b.finding.resource_arn,
            ))
    });

    let arns = |rs: &[Resource]| -> BTreeMap<String, ResourceRef> {
        rs.iter()
            .map(|r| (r.arn.clone(), ResourceRef::from(r)))
            .collect()
    };
    let (old, new) = (arns(from.resources), arns(to.resources));
    let new_resources = new
        .iter()
        .filter(|(arn, _)| !old.contains_key(*arn))
        .map(|(_, r)| r.clone())
        .collect();
    let removed_resources = old
        .iter()
        .filter(|(arn, _)| !new.contains_key(*arn))
        .map(|(_, r)| r.clone())
        .collect();

    let before_scores = breakdown(catalog, from.findings, masks);
    let after_scores = breakdown(catalog, to.findings, masks);
    let scores = before_scores
        .iter()
        .zip(after_scores.iter())
        .map(|(b, a)| ScoreChange {
            benchmark: b.benchmark.clone(),
            from: b.overall.score,
            to: a.overall.score,
        })
        .collect();

    ScanDiff {
        from_scan: from.scan_id.to_string(),
        to_scan: to.scan_id.to_string(),
        new_failures,
        resolved_failures,
        new_resources,
        removed_resources,
        scores,
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| format!("{:.1}%", v * 100.0))
        .unwrap_or_else(|| "n/a".into())
}

/// The diff for people.
pub fn render_diff(d: &ScanDiff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Changes from scan {} to scan {}\n",
        d.from_scan, d.to_scan
    );
    let _ = writeln!(
        out,
        "{:<22} {:>8} {:>8} {:>9}",
        "BENCHMARK", "BEFORE", "AFTER", "CHANGE"
    );
    for s in &d.scores {
        let change = s
            .delta_points()
            .map(|p| format!("{p:+.1} pt"))
            .unwrap_or_else(|| "n/a".into());
        let _ = writeln!(
            out,
            "{:<22} {:>8} {:>8} {:>9}",
            s.benchmark,
            pct(s.from),
            pct(s.to),
            change
        );
    }
    let _ = writeln!(out, "\nNew failures ({}):", d.new_failures.len());
    for f in &d.new_failures {
        let _ = writeln!(
            out,
            "  [{:<8}] {:<55} {:<14} {}",
            f.severity.as_str().to_uppercase(),
            f.control_id,
            terminal_text(&f.region),
            terminal_text(&f.reason)
        );
    }
    let _ = writeln!(out, "\nResolved failures ({}):", d.resolved_failures.len());
    for r in &d.resolved_failures {
        let now = r
            .now
            .map(|s| s.to_string())
            .unwrap_or_else(|| "no longer evaluated".into());
        let _ = writeln!(
            out,
            "  [{:<8}] {:<55} {:<14} {} (now: {now})",
            r.finding.severity.as_str().to_uppercase(),
            r.finding.control_id,
            terminal_text(&r.finding.region),
            terminal_text(&r.finding.resource_name),
        );
    }
    for (title, list) in [
        ("New resources", &d.new_resources),
        ("Removed resources", &d.removed_resources),
    ] {
        let _ = writeln!(out, "\n{title} ({}):", list.len());
        for r in list {
            let _ = writeln!(
                out,
                "  {:<34} {:<14} {}",
                terminal_text(&r.resource_type),
                terminal_text(&r.region),
                terminal_text(&r.name)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::{Assessment, Framework, Requirement};
    use crate::model::{MutedBy, Severity};
    use chrono::Utc;

    fn catalog() -> Catalog {
        Catalog {
            frameworks: vec![Framework {
                id: "b".into(),
                name: "B".into(),
                version: "1".into(),
                requirements: vec![Requirement {
                    id: "1".into(),
                    section: "s".into(),
                    description: "d".into(),
                    assessment: Assessment::Automated,
                    controls: vec!["c1".into(), "c2".into()],
                }],
            }],
            ..Default::default()
        }
    }

    fn f(scan: &str, control: &str, arn: &str, status: Status) -> Finding {
        let now = Utc::now();
        Finding {
            control_id: control.into(),
            resource_arn: arn.into(),
            resource_name: arn.rsplit(':').next().unwrap().into(),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            service: "s3".into(),
            severity: Severity::High,
            status,
            reason: "r".into(),
            scan_id: scan.into(),
            first_seen: now,
            last_seen: now,
            status_changed_at: now,
            muted: None,
        }
    }

    fn r(scan: &str, arn: &str) -> Resource {
        Resource {
            arn: arn.into(),
            resource_type: "AWS::S3::Bucket".into(),
            account_id: "123456789012".into(),
            region: "us-east-1".into(),
            name: arn.rsplit(':').next().unwrap().into(),
            tags: Default::default(),
            attributes: serde_json::Value::Null,
            collected_at: Utc::now(),
            scan_id: scan.into(),
        }
    }

    #[test]
    fn finds_new_and_resolved_failures_resources_and_score_changes() {
        let mut muted_now = f("s2", "c2", "arn:x:::kept", Status::Fail);
        muted_now.muted = Some(MutedBy {
            rule_id: "m".into(),
            reason: "ok".into(),
        });
        let before = [
            f("s1", "c1", "arn:x:::kept", Status::Fail), // fixed -> PASS
            f("s1", "c2", "arn:x:::kept", Status::Fail), // muted since
            f("s1", "c1", "arn:x:::gone", Status::Fail), // resource deleted
            f("s1", "c2", "arn:x:::stays", Status::Fail), // still failing
            f("s1", "c1", "arn:x:::stays", Status::Pass), // breaks
        ];
        let after = [
            f("s2", "c1", "arn:x:::kept", Status::Pass),
            muted_now,
            f("s2", "c2", "arn:x:::stays", Status::Fail),
            f("s2", "c1", "arn:x:::stays", Status::Fail),
            f("s2", "c1", "arn:x:::new", Status::Fail),
        ];
        let old_res = [
            r("s1", "arn:x:::kept"),
            r("s1", "arn:x:::gone"),
            r("s1", "arn:x:::stays"),
        ];
        let new_res = [
            r("s2", "arn:x:::kept"),
            r("s2", "arn:x:::stays"),
            r("s2", "arn:x:::new"),
        ];
        let d = diff(
            &catalog(),
            &[],
            &ScanSide {
                scan_id: "s1",
                findings: &before,
                resources: &old_res,
            },
            &ScanSide {
                scan_id: "s2",
                findings: &after,
                resources: &new_res,
            },
        );
        let new: Vec<_> = d
            .new_failures
            .iter()
            .map(|f| (f.control_id.as_str(), f.resource_name.as_str()))
            .collect();
        assert_eq!(new, [("c1", "new"), ("c1", "stays")]);
        let resolved: Vec<_> = d
            .resolved_failures
            .iter()
            .map(|r| {
                (
                    r.finding.control_id.as_str(),
                    r.finding.resource_name.as_str(),
                    r.now,
                )
            })
            .collect();
        assert_eq!(
            resolved,
            [
                ("c1", "gone", None),
                ("c1", "kept", Some(Status::Pass)),
                ("c2", "kept", Some(Status::Muted)),
            ]
        );
        assert_eq!(
            d.new_resources
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["new"]
        );
        assert_eq!(
            d.removed_resources
                .iter()
                .map(|r| r.name.as_str())
                .collect::<Vec<_>>(),
            ["gone"]
        );
        // Before: 1 PASS of 5 decided = 20%; after: 1 PASS of 4 decided (muted left out) = 25%.
        assert_eq!(d.scores[0].from, Some(0.2));
        assert_eq!(d.scores[0].to, Some(0.25));
        assert!((d.scores[0].delta_points().unwrap() - 5.0).abs() < 1e-9);
        let text = render_diff(&d);
        assert!(
            text.contains("New failures (2)") && text.contains("no longer evaluated"),
            "{text}"
        );
    }
}
