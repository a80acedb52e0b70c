use crate::controls::Catalog;
use crate::model::{BenchmarkScore, Finding, Mask, ScanSummary, Status};
use std::collections::{BTreeMap, HashMap};

/// Counts of findings per status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StatusCounts {
    pub pass: u64,
    pub fail: u64,
    pub info: u64,
    pub error: u64,
    pub skipped: u64,
    pub muted: u64,
}

impl StatusCounts {
    pub fn add(&mut self, status: Status) {
        self.add_n(status, 1);
    }

    pub fn add_n(&mut self, status: Status, n: u64) {
        match status {
            Status::Pass => self.pass += n,
            Status::Fail => self.fail += n,
            Status::Info => self.info += n,
            Status::Error => self.error += n,
            Status::Skipped => self.skipped += n,
            Status::Muted => self.muted += n,
        }
    }
}

/// The compliance score: (PASS + INFO) / (PASS + INFO + FAIL). ERROR, SKIPPED and MUTED
/// findings are outside both sides. `None` when nothing was decided.
pub fn score(c: &StatusCounts) -> Option<f64> {
    let denominator = c.pass + c.info + c.fail;
    (denominator > 0).then(|| (c.pass + c.info) as f64 / denominator as f64)
}

/// The scan summary: totals, failures per severity, and a score per benchmark over the
/// benchmark's controls (a control in several benchmarks counts in each). Muted findings
/// count as MUTED, whatever their status; findings of masked controls are left out of
/// the benchmarks they are masked in.
pub fn summarize(
    catalog: &Catalog,
    findings: &[Finding],
    resources: u64,
    masks: &[Mask],
) -> ScanSummary {
    let mut tally = SummaryTally::default();
    for f in findings {
        tally.add(f);
    }
    tally.summary(catalog, resources, masks)
}

/// `summarize`, fed one finding at a time: a scan's findings can be read from the store
/// a page at a time and counted, never all held at once. It keeps counts per control,
/// account and shown status (what scores and masks need), so its size follows the
/// catalog and the accounts, not the number of findings.
#[derive(Debug, Clone, Default)]
pub struct SummaryTally {
    findings: u64,
    by_status: BTreeMap<Status, u64>,
    by_severity_failed: BTreeMap<crate::model::Severity, u64>,
    by_control: HashMap<String, HashMap<(String, Status), u64>>,
}

impl SummaryTally {
    /// Counts one finding, with its mute mark already applied.
    pub fn add(&mut self, f: &Finding) {
        let shown = f.shown_status();
        self.findings += 1;
        *self.by_status.entry(shown).or_default() += 1;
        if shown == Status::Fail {
            *self.by_severity_failed.entry(f.severity).or_default() += 1;
        }
        let per_account = match self.by_control.get_mut(f.control_id.as_str()) {
            Some(counts) => counts,
            None => self.by_control.entry(f.control_id.clone()).or_default(),
        };
        *per_account
            .entry((f.account_id.clone(), shown))
            .or_default() += 1;
    }

    /// The summary of every finding counted, scored on the catalog's benchmarks.
    pub fn summary(&self, catalog: &Catalog, resources: u64, masks: &[Mask]) -> ScanSummary {
        let mut summary = ScanSummary {
            resources,
            findings: self.findings,
            by_status: self.by_status.clone(),
            by_severity_failed: self.by_severity_failed.clone(),
            ..Default::default()
        };
        for fw in &catalog.frameworks {
            let mut c = StatusCounts::default();
            for id in fw.control_ids() {
                for ((account, status), n) in self.by_control.get(id).into_iter().flatten() {
                    if !masks.iter().any(|m| m.covers(id, &fw.id, account)) {
                        c.add_n(*status, *n);
                    }
                }
            }
            summary.benchmarks.push(BenchmarkScore {
                benchmark: fw.id.clone(),
                pass: c.pass,
                fail: c.fail,
                info: c.info,
                error: c.error,
                skipped: c.skipped,
                muted: c.muted,
                score: score(&c),
            });
        }
        summary
    }
}

/// Counts and score of one slice of a benchmark (a requirement, a service, an account).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreLine {
    pub key: String,
    pub counts: StatusCounts,
    pub score: Option<f64>,
}

impl ScoreLine {
    fn new(key: String, counts: StatusCounts) -> Self {
        ScoreLine {
            key,
            score: score(&counts),
            counts,
        }
    }
}

/// A benchmark's score, and the same definition applied per requirement, per service
/// and per account.
#[derive(Debug, Clone, PartialEq)]
pub struct BenchmarkBreakdown {
    pub benchmark: String,
    pub name: String,
    pub overall: ScoreLine,
    pub requirements: Vec<ScoreLine>,
    pub services: Vec<ScoreLine>,
    pub accounts: Vec<ScoreLine>,
    /// Findings left out because their control is masked here.
    pub masked_findings: u64,
}

/// Scores every benchmark of the catalog over `findings`. A finding counts once in each
/// requirement that uses its control, and once in the benchmark overall.
pub fn breakdown(
    catalog: &Catalog,
    findings: &[Finding],
    masks: &[Mask],
) -> Vec<BenchmarkBreakdown> {
    let mut by_control: HashMap<&str, Vec<&Finding>> = HashMap::new();
    for f in findings {
        by_control.entry(f.control_id.as_str()).or_default().push(f);
    }
    let mut out = Vec::new();
    for fw in &catalog.frameworks {
        let mut overall = StatusCounts::default();
        let mut services: BTreeMap<String, StatusCounts> = BTreeMap::new();
        let mut accounts: BTreeMap<String, StatusCounts> = BTreeMap::new();
        let mut masked_findings = 0;
        let counted = |f: &&&Finding| {
            !masks
                .iter()
                .any(|m| m.covers(&f.control_id, &fw.id, &f.account_id))
        };
        for id in fw.control_ids() {
            for f in by_control.get(id).into_iter().flatten() {
                if !counted(&f) {
                    masked_findings += 1;
                    continue;
                }
                overall.add(f.shown_status());
                services
                    .entry(f.service.clone())
                    .or_default()
                    .add(f.shown_status());
                accounts
                    .entry(f.account_id.clone())
                    .or_default()
                    .add(f.shown_status());
            }
        }
        let requirements = fw
            .requirements
            .iter()
            .map(|r| {
                let mut c = StatusCounts::default();
                for id in &r.controls {
                    for f in by_control
                        .get(id.as_str())
                        .into_iter()
                        .flatten()
                        .filter(counted)
                    {
                        c.add(f.shown_status());
                    }
                }
                ScoreLine::new(r.id.clone(), c)
            })
            .collect();
        out.push(BenchmarkBreakdown {
            benchmark: fw.id.clone(),
            name: format!("{} {}", fw.name, fw.version),
            overall: ScoreLine::new(fw.id.clone(), overall),
            requirements,
            services: services
                .into_iter()
                .map(|(k, c)| ScoreLine::new(k, c))
                .collect(),
            accounts: accounts
                .into_iter()
                .map(|(k, c)| ScoreLine::new(k, c))
                .collect(),
            masked_findings,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(
        pass: u64,
        fail: u64,
        info: u64,
        error: u64,
        skipped: u64,
        muted: u64,
    ) -> StatusCounts {
        StatusCounts {
            pass,
            fail,
            info,
            error,
            skipped,
            muted,
        }
    }

    #[test]
    fn pass_and_info_count_as_compliant() {
        assert_eq!(score(&counts(1, 1, 2, 0, 0, 0)), Some(0.75));
    }

    #[test]
    fn error_skipped_and_muted_are_outside_the_score() {
        assert_eq!(score(&counts(1, 1, 0, 5, 7, 9)), Some(0.5));
    }

    #[test]
    fn nothing_decided_has_no_score() {
        assert_eq!(score(&counts(0, 0, 0, 3, 1, 1)), None);
    }

    #[test]
    fn all_failing_scores_zero() {
        assert_eq!(score(&counts(0, 4, 0, 0, 0, 0)), Some(0.0));
    }

    // One test per rule of the definition, each changing one count.
    #[test]
    fn info_alone_counts_as_compliant() {
        assert_eq!(score(&counts(0, 0, 3, 0, 0, 0)), Some(1.0));
    }

    #[test]
    fn fail_counts_only_in_the_denominator() {
        assert_eq!(score(&counts(3, 1, 0, 0, 0, 0)), Some(0.75));
    }

    #[test]
    fn error_is_outside_the_score() {
        assert_eq!(
            score(&counts(1, 1, 0, 0, 0, 0)),
            score(&counts(1, 1, 0, 9, 0, 0))
        );
    }

    #[test]
    fn skipped_is_outside_the_score() {
        assert_eq!(
            score(&counts(1, 1, 0, 0, 0, 0)),
            score(&counts(1, 1, 0, 0, 9, 0))
        );
    }

    #[test]
    fn muted_is_outside_the_score() {
        assert_eq!(
            score(&counts(1, 1, 0, 0, 0, 0)),
            score(&counts(1, 1, 0, 0, 0, 9))
        );
    }

    #[test]
    fn no_findings_at_all_has_no_score() {
        assert_eq!(score(&StatusCounts::default()), None);
    }

    use crate::controls::{Assessment, Framework, Requirement};
    use crate::model::{MutedBy, Severity};
    use chrono::Utc;

    fn requirement(id: &str, controls: &[&str]) -> Requirement {
        Requirement {
            id: id.into(),
            section: "1".into(),
            description: "d".into(),
            assessment: Assessment::Automated,
            controls: controls.iter().map(|c| c.to_string()).collect(),
        }
    }

    fn catalog() -> Catalog {
        Catalog {
            frameworks: vec![
                Framework {
                    id: "bench-a".into(),
                    name: "A".into(),
                    version: "1".into(),
                    requirements: vec![
                        requirement("1.1", &["s3_x", "iam_y"]),
                        requirement("1.2", &["s3_x"]),
                        requirement("1.3", &[]),
                    ],
                },
                Framework {
                    id: "bench-b".into(),
                    name: "B".into(),
                    version: "1".into(),
                    requirements: vec![requirement("9", &["s3_x"])],
                },
            ],
            ..Default::default()
        }
    }

    fn f(control: &str, account: &str, status: Status) -> Finding {
        let now = Utc::now();
        Finding {
            control_id: control.into(),
            resource_arn: format!("arn:{control}:{account}:{status}"),
            resource_name: "n".into(),
            resource_type: "t".into(),
            account_id: account.into(),
            region: "us-east-1".into(),
            service: control.split('_').next().unwrap().into(),
            severity: Severity::High,
            status,
            reason: "r".into(),
            scan_id: "s".into(),
            first_seen: now,
            last_seen: now,
            status_changed_at: now,
            muted: None,
        }
    }

    fn mask(control: &str, benchmark: Option<&str>, account: Option<&str>) -> Mask {
        Mask {
            control_id: control.into(),
            benchmark: benchmark.map(Into::into),
            account_id: account.map(Into::into),
            reason: "n/a here".into(),
            created_by: "t".into(),
            created_at: Utc::now(),
        }
    }

    const A: &str = "111111111111";
    const B: &str = "222222222222";

    #[test]
    fn a_muted_failure_leaves_the_score_and_counts_as_muted() {
        let mut muted = f("s3_x", A, Status::Fail);
        muted.muted = Some(MutedBy {
            rule_id: "r".into(),
            reason: "why".into(),
        });
        let findings = [f("s3_x", A, Status::Pass), muted];
        let b = &breakdown(&catalog(), &findings, &[])[0];
        assert_eq!(b.overall.score, Some(1.0));
        assert_eq!((b.overall.counts.fail, b.overall.counts.muted), (0, 1));
    }

    #[test]
    fn a_control_counts_in_every_requirement_and_benchmark_that_uses_it() {
        let findings = [f("s3_x", A, Status::Fail), f("iam_y", A, Status::Pass)];
        let all = breakdown(&catalog(), &findings, &[]);
        let a = &all[0];
        assert_eq!(a.overall.score, Some(0.5));
        let req = |id: &str| a.requirements.iter().find(|r| r.key == id).unwrap();
        assert_eq!(req("1.1").score, Some(0.5));
        assert_eq!(req("1.2").score, Some(0.0));
        assert_eq!(
            req("1.3").score,
            None,
            "no findings: no score, not 0 or 100%"
        );
        assert_eq!(
            all[1].overall.score,
            Some(0.0),
            "bench-b reads the same finding"
        );
    }

    #[test]
    fn scores_per_service_and_per_account() {
        let findings = [
            f("s3_x", A, Status::Fail),
            f("s3_x", B, Status::Pass),
            f("iam_y", A, Status::Info),
            f("iam_y", B, Status::Error),
        ];
        let a = &breakdown(&catalog(), &findings, &[])[0];
        let line = |lines: &[ScoreLine], k: &str| lines.iter().find(|l| l.key == k).unwrap().score;
        assert_eq!(line(&a.services, "s3"), Some(0.5));
        assert_eq!(
            line(&a.services, "iam"),
            Some(1.0),
            "ERROR is left out, INFO counts"
        );
        assert_eq!(line(&a.accounts, A), Some(0.5));
        assert_eq!(line(&a.accounts, B), Some(1.0));
    }

    #[test]
    fn a_benchmark_mask_removes_the_control_there_only() {
        let findings = [f("s3_x", A, Status::Fail), f("iam_y", A, Status::Pass)];
        let all = breakdown(
            &catalog(),
            &findings,
            &[mask("s3_x", Some("bench-a"), None)],
        );
        assert_eq!(all[0].overall.score, Some(1.0));
        assert_eq!(all[0].masked_findings, 1);
        assert_eq!(all[1].overall.score, Some(0.0), "not masked in bench-b");
    }

    #[test]
    fn an_account_mask_removes_the_control_for_that_account_only() {
        let findings = [f("s3_x", A, Status::Fail), f("s3_x", B, Status::Pass)];
        let all = breakdown(&catalog(), &findings, &[mask("s3_x", None, Some(A))]);
        for b in &all {
            assert_eq!(b.overall.score, Some(1.0), "{}", b.benchmark);
            assert_eq!(b.overall.counts.pass, 1);
        }
    }

    #[test]
    fn the_summary_uses_the_same_rules() {
        let mut muted = f("iam_y", A, Status::Fail);
        muted.muted = Some(MutedBy {
            rule_id: "r".into(),
            reason: "why".into(),
        });
        let findings = [
            f("s3_x", A, Status::Fail),
            muted,
            f("iam_y", B, Status::Pass),
        ];
        let s = summarize(
            &catalog(),
            &findings,
            3,
            &[mask("s3_x", Some("bench-a"), None)],
        );
        let a = &s.benchmarks[0];
        assert_eq!((a.pass, a.fail, a.muted, a.score), (1, 0, 1, Some(1.0)));
        assert_eq!(s.by_status.get(&Status::Muted), Some(&1));
        assert_eq!(s.by_severity_failed.get(&Severity::High), Some(&1));
    }
}
