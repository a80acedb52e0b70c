use crate::controls::Catalog;
use crate::model::{BenchmarkScore, Finding, ScanSummary, Status};
use std::collections::HashSet;

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
        match status {
            Status::Pass => self.pass += 1,
            Status::Fail => self.fail += 1,
            Status::Info => self.info += 1,
            Status::Error => self.error += 1,
            Status::Skipped => self.skipped += 1,
            Status::Muted => self.muted += 1,
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
/// benchmark's controls (a control in several benchmarks counts in each).
pub fn summarize(catalog: &Catalog, findings: &[Finding], resources: u64) -> ScanSummary {
    let mut summary = ScanSummary {
        resources,
        findings: findings.len() as u64,
        ..Default::default()
    };
    for f in findings {
        *summary.by_status.entry(f.status).or_default() += 1;
        if f.status == Status::Fail {
            *summary.by_severity_failed.entry(f.severity).or_default() += 1;
        }
    }
    for fw in &catalog.frameworks {
        let ids: HashSet<&str> = fw.control_ids().into_iter().collect();
        let mut counts = StatusCounts::default();
        for f in findings
            .iter()
            .filter(|f| ids.contains(f.control_id.as_str()))
        {
            counts.add(f.status);
        }
        summary.benchmarks.push(BenchmarkScore {
            benchmark: fw.id.clone(),
            pass: counts.pass,
            fail: counts.fail,
            info: counts.info,
            error: counts.error,
            skipped: counts.skipped,
            muted: counts.muted,
            score: score(&counts),
        });
    }
    summary
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
}
