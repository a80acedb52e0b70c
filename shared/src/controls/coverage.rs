//! How much of each framework the catalog implements.
//!
//! Frameworks are maps of a whole standard, so they may name controls the catalog has
//! not implemented yet. The loader accepts that (a framework file can be complete before
//! its controls are); this module is where the gap is measured and reported, and
//! `parapet controls coverage` fails while any referenced control is missing.

use super::catalog::Catalog;
use super::framework::{Assessment, Framework, Requirement};
use std::collections::HashSet;
use std::fmt::Write;

/// One requirement and how many of its controls exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequirementCoverage {
    pub id: String,
    pub section: String,
    pub description: String,
    pub assessment: Assessment,
    /// Control ids the requirement names (each once).
    pub referenced: usize,
    /// Of those, how many the catalog implements.
    pub implemented: usize,
    pub missing: Vec<String>,
}

impl RequirementCoverage {
    /// An automated requirement counts as covered when at least one of its controls runs.
    pub fn covered(&self) -> bool {
        self.assessment == Assessment::Automated && self.implemented > 0
    }
}

/// Totals of one framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameworkCoverage {
    pub id: String,
    pub requirements: usize,
    pub automated: usize,
    /// Automated requirements backed by at least one implemented control whose resource
    /// type is collected.
    pub automated_covered: usize,
    /// Distinct control ids the framework references.
    pub controls_referenced: usize,
    pub controls_implemented: usize,
    /// Implemented controls whose resource type no collector produces yet: they load and
    /// pass their Rego tests but find nothing to evaluate in a scan.
    pub uncollected: Vec<String>,
    /// Referenced control ids the catalog lacks, sorted.
    pub missing: Vec<String>,
}

fn distinct(controls: &[String]) -> Vec<&str> {
    let mut seen = HashSet::new();
    controls
        .iter()
        .map(String::as_str)
        .filter(|c| seen.insert(*c))
        .collect()
}

fn requirement_coverage(known: &HashSet<&str>, r: &Requirement) -> RequirementCoverage {
    let ids = distinct(&r.controls);
    let missing: Vec<String> = ids
        .iter()
        .filter(|c| !known.contains(*c))
        .map(|c| c.to_string())
        .collect();
    RequirementCoverage {
        id: r.id.clone(),
        section: r.section.clone(),
        description: r.description.clone(),
        assessment: r.assessment,
        referenced: ids.len(),
        implemented: ids.len() - missing.len(),
        missing,
    }
}

impl Catalog {
    fn known_ids(&self) -> HashSet<&str> {
        self.controls.iter().map(|c| c.meta.id.as_str()).collect()
    }

    /// Per requirement of a framework: referenced and implemented controls.
    pub fn requirement_coverage(&self, fw: &Framework) -> Vec<RequirementCoverage> {
        let known = self.known_ids();
        fw.requirements
            .iter()
            .map(|r| requirement_coverage(&known, r))
            .collect()
    }

    /// Totals per framework, in the catalog's framework order, taking every resource
    /// type as collected.
    pub fn coverage(&self) -> Vec<FrameworkCoverage> {
        self.coverage_with(&|_| true)
    }

    /// Totals per framework; `collected` says whether some collector produces a resource
    /// type (the library's collectors live behind the `aws` feature, so the caller asks).
    pub fn coverage_with(&self, collected: &dyn Fn(&str) -> bool) -> Vec<FrameworkCoverage> {
        let known = self.known_ids();
        self.frameworks
            .iter()
            .map(|fw| {
                let reqs: Vec<RequirementCoverage> = fw
                    .requirements
                    .iter()
                    .map(|r| requirement_coverage(&known, r))
                    .collect();
                let ids = fw.control_ids();
                let mut missing: Vec<String> = ids
                    .iter()
                    .filter(|c| !known.contains(*c))
                    .map(|c| c.to_string())
                    .collect();
                missing.sort();
                let mut uncollected: Vec<String> = ids
                    .iter()
                    .filter_map(|id| self.control(id))
                    .filter(|c| !collected(&c.meta.resource_type))
                    .map(|c| c.meta.id.clone())
                    .collect();
                uncollected.sort();
                FrameworkCoverage {
                    id: fw.id.clone(),
                    requirements: reqs.len(),
                    automated: reqs
                        .iter()
                        .filter(|r| r.assessment == Assessment::Automated)
                        .count(),
                    // Covered = some control of the requirement runs and has data to run on.
                    automated_covered: fw
                        .requirements
                        .iter()
                        .filter(|r| r.assessment == Assessment::Automated)
                        .filter(|r| {
                            r.controls.iter().any(|id| {
                                self.control(id)
                                    .is_some_and(|c| collected(&c.meta.resource_type))
                            })
                        })
                        .count(),
                    controls_referenced: ids.len(),
                    controls_implemented: ids.len() - missing.len(),
                    uncollected,
                    missing,
                }
            })
            .collect()
    }

    /// Referenced control ids that no framework can run yet, across every framework, sorted.
    pub fn missing_controls(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .coverage()
            .into_iter()
            .flat_map(|c| c.missing)
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        all.sort();
        all
    }
}

/// The coverage table: one line per framework, then the missing control ids (when
/// `list_missing`) or their count.
pub fn render_coverage(rows: &[FrameworkCoverage], list_missing: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<16} {:>12} {:>18} {:>10} {:>11} {:>13} {:>8}",
        "FRAMEWORK",
        "REQUIREMENTS",
        "AUTOMATED COVERED",
        "CONTROLS",
        "IMPLEMENTED",
        "NO COLLECTOR",
        "MISSING"
    );
    for c in rows {
        let _ = writeln!(
            out,
            "{:<16} {:>12} {:>18} {:>10} {:>11} {:>13} {:>8}",
            c.id,
            c.requirements,
            format!("{}/{}", c.automated_covered, c.automated),
            c.controls_referenced,
            c.controls_implemented,
            c.uncollected.len(),
            c.missing.len()
        );
    }
    let mut uncollected: Vec<&str> = rows
        .iter()
        .flat_map(|c| c.uncollected.iter().map(String::as_str))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    uncollected.sort();
    if !uncollected.is_empty() {
        let _ = writeln!(
            out,
            "\n{} implemented controls read resource types no collector produces yet: {}",
            uncollected.len(),
            uncollected.join(", ")
        );
    }
    let mut missing: Vec<&str> = rows
        .iter()
        .flat_map(|c| c.missing.iter().map(String::as_str))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    missing.sort();
    if missing.is_empty() {
        let _ = writeln!(out, "\nevery referenced control is implemented");
    } else if list_missing {
        let _ = writeln!(out, "\n{} referenced controls are missing:", missing.len());
        for id in missing {
            let users: Vec<&str> = rows
                .iter()
                .filter(|c| c.missing.iter().any(|m| m == id))
                .map(|c| c.id.as_str())
                .collect();
            let _ = writeln!(out, "  {id:<72} {}", users.join(","));
        }
    } else {
        let _ = writeln!(
            out,
            "\n{} referenced controls are missing (--missing lists them)",
            missing.len()
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::controls::SourceFile;

    fn control(id: &str) -> SourceFile {
        SourceFile {
            path: format!("aws/s3/{id}.rego"),
            text: format!("# METADATA\n# title: T\n# description: D\n# custom:\n#   id: {id}\n#   severity: low\n#   service: s3\n#   resource_type: AWS::S3::Bucket\n#   risk: R\n#   remediation:\n#     text: Fix\npackage parapet.aws.s3.{id}\n\nimport rego.v1\n\nstatus := \"PASS\"\n"),
        }
    }

    fn framework(id: &str, body: &str) -> SourceFile {
        SourceFile {
            path: format!("frameworks/{id}.yaml"),
            text: format!("id: {id}\nname: N\nversion: '1'\nrequirements:\n{body}"),
        }
    }

    const REQS: &str = "  - {id: '1', section: S, description: D, assessment: automated, controls: [a, b]}\n  - {id: '2', section: S, description: D, assessment: automated, controls: [b, c, b]}\n  - {id: '3', section: S, description: D, assessment: manual, controls: [a]}\n  - {id: '4', section: S, description: D, assessment: manual, controls: []}\n";

    #[test]
    fn counts_requirements_controls_and_missing_ids() {
        let catalog =
            Catalog::from_files(vec![control("a"), control("z"), framework("f", REQS)]).unwrap();
        let cov = catalog.coverage();
        assert_eq!(
            cov,
            vec![FrameworkCoverage {
                id: "f".into(),
                requirements: 4,
                automated: 2,
                // Requirement 1 has `a`; requirement 2 names only missing controls.
                automated_covered: 1,
                controls_referenced: 3,
                controls_implemented: 1,
                uncollected: vec![],
                missing: vec!["b".into(), "c".into()],
            }]
        );
        assert_eq!(catalog.missing_controls(), vec!["b", "c"]);
    }

    #[test]
    fn requirement_rows_count_each_control_once() {
        let catalog = Catalog::from_files(vec![control("a"), framework("f", REQS)]).unwrap();
        let fw = catalog.framework("f").unwrap();
        let rows = catalog.requirement_coverage(fw);
        assert_eq!(rows[1].referenced, 2, "b listed twice counts once");
        assert_eq!(rows[1].implemented, 0);
        assert_eq!(rows[1].missing, vec!["b", "c"]);
        assert!(rows[0].covered());
        assert!(!rows[1].covered());
        // A manual requirement is never "automated covered", even with a control.
        assert!(!rows[2].covered());
        assert_eq!((rows[3].referenced, rows[3].implemented), (0, 0));
    }

    #[test]
    fn rendering_names_missing_controls_and_their_frameworks() {
        let catalog = Catalog::from_files(vec![
            control("a"),
            framework("f", REQS),
            framework(
                "g",
                "  - {id: '1', section: S, description: D, assessment: automated, controls: [c]}\n",
            ),
        ])
        .unwrap();
        let text = render_coverage(&catalog.coverage(), true);
        assert!(text.contains("2 referenced controls are missing"), "{text}");
        let c_line = text
            .lines()
            .find(|l| l.trim_start().starts_with("c "))
            .unwrap();
        assert!(c_line.ends_with("f,g"), "{text}");
        let f_line = text.lines().find(|l| l.starts_with("f ")).unwrap();
        assert!(f_line.contains("1/2"), "{f_line}");
        let short = render_coverage(&catalog.coverage(), false);
        assert!(short.contains("--missing lists them"), "{short}");
    }

    #[test]
    fn controls_without_a_collector_are_counted_apart() {
        let catalog = Catalog::from_files(vec![control("a"), framework("f", REQS)]).unwrap();
        let none = catalog.coverage_with(&|t| t != "AWS::S3::Bucket");
        assert_eq!(none[0].uncollected, vec!["a"]);
        assert_eq!(none[0].controls_implemented, 1, "still implemented");
        assert_eq!(
            none[0].automated_covered, 0,
            "but covers nothing without data"
        );
        let text = render_coverage(&none, false);
        assert!(
            text.contains(
                "1 implemented controls read resource types no collector produces yet: a"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_complete_catalog_says_so() {
        let catalog = Catalog::from_files(vec![
            control("a"),
            framework(
                "f",
                "  - {id: '1', section: S, description: D, assessment: automated, controls: [a]}\n",
            ),
        ])
        .unwrap();
        assert!(catalog.missing_controls().is_empty());
        assert!(render_coverage(&catalog.coverage(), true)
            .contains("every referenced control is implemented"));
    }
}
