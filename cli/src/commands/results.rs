//! Reading a stored scan back the way reports need it: its findings with the mute rules
//! in force applied, its resources, the masks, and the scan before it; and rendering
//! that in any output format.

use super::Format;
use anyhow::Context;
use chrono::Utc;
use parapet::controls::Catalog;
use parapet::model::{Finding, Mask, MuteRule, Resource, Scan, Severity, Status};
use parapet::mute::{parse_mutelist, MuteSet};
use parapet::report::diff::{diff, ScanDiff, ScanSide};
use parapet::report::html::{render_html, HtmlReport};
use parapet::report::{
    asff, csv, finding_json_line, ocsf, push_error_line, push_failing_control_line,
    push_failing_line, render_errors_head, render_failing_head, render_summary,
    render_summary_head, render_summary_muted, sarif, summarize, ShownCounts, SummaryTally,
};
use parapet::store::{FindingQuery, Store, Tags, FINDINGS_PAGE};
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// The store's mute rules plus those of a mutelist file (Prowler's YAML format).
pub async fn mute_rules(
    store: &dyn Store,
    mutelist: Option<&Path>,
) -> anyhow::Result<Vec<MuteRule>> {
    let mut rules = store.mute_rules().await?;
    if let Some(path) = mutelist {
        let text = parapet::input::read_text_capped(path, "mutelist")?;
        rules.extend(parse_mutelist(
            &path.display().to_string(),
            &text,
            Utc::now(),
        )?);
    }
    Ok(rules)
}

/// One scan, ready to report.
pub struct ScanView {
    pub scan: Scan,
    pub findings: Vec<Finding>,
    pub resources: Vec<Resource>,
    pub masks: Vec<Mask>,
    /// The catalog with only the benchmarks the scan was scored on.
    pub catalog: Catalog,
    /// The scan's attack paths, for the HTML page (`graph::scan_threats`); `load` leaves
    /// it empty.
    pub threats: Option<parapet::graph::ScanThreats>,
    /// The account's posture over time, for the HTML page (`trend::scan_trend`); `load`
    /// leaves it empty.
    pub trend: Option<parapet::report::trend::Trend>,
}

/// Loads a scan's findings (narrowed by `query`, whose `scan_id` is set here) with the
/// rules applied, and re-scores it with the rules and masks in force now.
pub async fn load(
    store: &dyn Store,
    mut scan: Scan,
    catalog: &Catalog,
    rules: &[MuteRule],
    mut query: FindingQuery,
) -> anyhow::Result<ScanView> {
    query.scan_id = Some(scan.id.clone());
    let mut findings = store.findings(&query).await?;
    let resources = store.resources(&scan.id).await?;
    let masks = store.masks().await?;
    let tags: HashMap<_, _> = resources
        .iter()
        .map(|r| (r.arn.clone(), r.tags.clone()))
        .collect();
    MuteSet::new(rules, Utc::now())?.apply(&mut findings, &tags);
    let scored = scored_catalog(catalog, &scan);
    // The table's scores follow the rules of now, like the findings beside them.
    let mut summary = summarize(&scored, &findings, resources.len() as u64, &masks);
    if let Some(stored) = &scan.summary {
        summary.resources = stored.resources;
    }
    scan.summary = Some(summary);
    Ok(ScanView {
        scan,
        findings,
        resources,
        masks,
        catalog: scored,
        threats: None,
        trend: None,
    })
}

/// The catalog with only the benchmarks `scan` was scored on (all, for a scan not
/// summarized yet).
fn scored_catalog(catalog: &Catalog, scan: &Scan) -> Catalog {
    let mut scored = catalog.clone();
    if let Some(summary) = &scan.summary {
        scored
            .frameworks
            .retain(|fw| summary.benchmarks.iter().any(|b| b.benchmark == fw.id));
    }
    scored
}

/// One scan for the outputs written a finding at a time (table, JSON lines, CSV): its
/// findings are read from the store a page at a time, with the rules applied, and
/// written as they come, so no output holds the scan's findings (nor its resources)
/// in memory. Renders byte for byte what `load` and `render` render.
pub struct StreamedScan<'a> {
    store: &'a dyn Store,
    /// The scan, re-scored with the rules and masks in force now.
    pub scan: Scan,
    query: FindingQuery,
    statuses: Vec<Status>,
    mutes: MuteSet,
    tags: HashMap<String, Tags>,
    /// Counts of the findings shown (those whose shown status is one of `statuses`).
    pub shown: ShownCounts,
    /// `report --threat-paths`: the highest score of a threat path each finding (control
    /// id, resource ARN) opens; the table lists those first, with a PATH column.
    pub path_scores: Option<HashMap<(String, String), f64>>,
}

impl<'a> StreamedScan<'a> {
    /// Reads the scan's findings (narrowed by `query`, whose `scan_id` is set here) once
    /// to score it and count what will be shown: those whose shown status (MUTED for
    /// muted ones) is one of `statuses` (all when empty).
    pub async fn open(
        store: &'a dyn Store,
        mut scan: Scan,
        catalog: &Catalog,
        rules: &[MuteRule],
        mut query: FindingQuery,
        statuses: &[Status],
    ) -> anyhow::Result<StreamedScan<'a>> {
        query.scan_id = Some(scan.id.clone());
        let mutes = MuteSet::new(rules, Utc::now())?;
        // Tags are read only when a rule could look at them.
        let tags = if mutes.is_empty() {
            HashMap::new()
        } else {
            store.resource_tags(&scan.id).await?
        };
        let masks = store.masks().await?;
        let (mut tally, mut shown) = (SummaryTally::default(), ShownCounts::default());
        store
            .findings_by_page(&query, FINDINGS_PAGE, &mut |mut page| {
                mutes.apply(&mut page, &tags);
                for f in &page {
                    tally.add(f);
                    if statuses.is_empty() || statuses.contains(&f.shown_status()) {
                        shown.add(f);
                    }
                }
                Ok(())
            })
            .await?;
        let resources = match &scan.summary {
            Some(stored) => stored.resources,
            None => store.resource_count(&scan.id).await?,
        };
        // The table's scores follow the rules of now, like the findings beside them.
        scan.summary = Some(tally.summary(&scored_catalog(catalog, &scan), resources, &masks));
        Ok(StreamedScan {
            store,
            scan,
            query,
            statuses: statuses.to_vec(),
            mutes,
            tags,
            shown,
            path_scores: None,
        })
    }

    /// Writes the scan in `format` (table, JSON lines or CSV) to `output`, or prints it.
    pub async fn emit(&self, format: Format, output: Option<&Path>) -> anyhow::Result<()> {
        let named = || match output {
            Some(path) => path.display().to_string(),
            None => "standard output".to_string(),
        };
        let mut out: Box<dyn Write + Send> = match output {
            Some(path) => Box::new(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .with_context(|| format!("cannot write {}", path.display()))?,
            )),
            None => Box::new(std::io::BufWriter::new(std::io::stdout())),
        };
        self.write(format, &mut out)
            .await
            .with_context(|| format!("cannot write the results to {}", named()))?;
        out.flush()
            .with_context(|| format!("cannot write the results to {}", named()))
    }

    /// Writes the scan in `format` (table, JSON lines or CSV) to `out` (the organization
    /// scan writes several accounts' findings to one file).
    pub async fn write(&self, format: Format, out: &mut (dyn Write + Send)) -> anyhow::Result<()> {
        match format {
            Format::Table => self.write_table(out).await,
            Format::Json => {
                self.each_page(self.query.clone(), out, |text, f| {
                    text.push_str(&finding_json_line(f));
                    text.push('\n');
                })
                .await
            }
            Format::Csv => {
                out.write_all(csv::csv_header().as_bytes())?;
                self.each_page(self.query.clone(), out, csv::push_csv_row)
                    .await
            }
            other => anyhow::bail!("the {other:?} output is not written a finding at a time"),
        }
    }

    /// `render_summary`: the failing findings most severe first (a pass per severity,
    /// each in control and resource order), then the ERROR ones.
    async fn write_table(&self, out: &mut (dyn Write + Send)) -> anyhow::Result<()> {
        out.write_all(render_summary_head(&self.scan, &self.shown).as_bytes())?;
        out.write_all(render_failing_head(&self.shown).as_bytes())?;
        if let Some(scores) = &self.path_scores {
            self.write_on_paths(scores, out).await?;
        }
        let path_score = |f: &Finding| {
            let scores = self.path_scores.as_ref()?;
            scores
                .get(&(f.control_id.clone(), f.resource_arn.clone()))
                .copied()
        };
        let mut severities = Severity::ALL.to_vec();
        severities.sort();
        for severity in severities {
            let Some(query) = self.narrowed(Status::Fail, Some(severity)) else {
                continue;
            };
            self.each_page(query, out, |text, f| {
                if f.shown_status() == Status::Fail && path_score(f).is_none() {
                    if self.path_scores.is_some() {
                        text.push_str("      -");
                    }
                    push_failing_line(text, f);
                }
            })
            .await?;
        }
        out.write_all(render_summary_muted(&self.shown).as_bytes())?;
        out.write_all(render_errors_head(&self.shown).as_bytes())?;
        let Some(query) = self.narrowed(Status::Error, None) else {
            return Ok(());
        };
        self.each_page(query, out, |text, f| {
            if f.shown_status() == Status::Error {
                push_error_line(text, f);
            }
        })
        .await
    }

    /// The failing findings that open a threat path, highest path score first (then
    /// severity, control, resource), each after its PATH column. They are few (the
    /// findings on the paths' hops), so they are held to be sorted.
    async fn write_on_paths(
        &self,
        scores: &HashMap<(String, String), f64>,
        out: &mut (dyn Write + Send),
    ) -> anyhow::Result<()> {
        let mut text = String::from(
            "  PATH: the highest score of a threat path the finding opens (`parapet paths`); those first.\n",
        );
        let mut on_path: Vec<(f64, Finding)> = Vec::new();
        if let Some(query) = self.narrowed(Status::Fail, None) {
            self.store
                .findings_by_page(&query, FINDINGS_PAGE, &mut |mut page| {
                    self.mutes.apply(&mut page, &self.tags);
                    for f in page {
                        let shown =
                            self.statuses.is_empty() || self.statuses.contains(&f.shown_status());
                        let key = (f.control_id.clone(), f.resource_arn.clone());
                        match scores.get(&key) {
                            Some(s) if shown && f.shown_status() == Status::Fail => {
                                on_path.push((*s, f))
                            }
                            _ => {}
                        }
                    }
                    Ok(())
                })
                .await?;
        }
        on_path.sort_by(|(sa, a), (sb, b)| {
            sb.total_cmp(sa).then_with(|| {
                (a.severity, &a.control_id, &a.resource_arn).cmp(&(
                    b.severity,
                    &b.control_id,
                    &b.resource_arn,
                ))
            })
        });
        for (score, f) in &on_path {
            text.push_str(&format!("  {score:>5.1}"));
            push_failing_line(&mut text, f);
        }
        out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// The summary, then the failing findings counted per control (most severe, then
    /// most failing first; at most `top` controls), then the ERROR count: a screenful
    /// where the table lists every finding.
    pub async fn write_by_control(
        &self,
        catalog: &Catalog,
        top: usize,
        out: &mut (dyn Write + Send),
    ) -> anyhow::Result<()> {
        out.write_all(render_summary_head(&self.scan, &self.shown).as_bytes())?;
        let mut failing: HashMap<String, (Severity, u64)> = HashMap::new();
        if let Some(query) = self.narrowed(Status::Fail, None) {
            self.store
                .findings_by_page(&query, FINDINGS_PAGE, &mut |mut page| {
                    self.mutes.apply(&mut page, &self.tags);
                    for f in page.iter().filter(|f| f.shown_status() == Status::Fail) {
                        failing
                            .entry(f.control_id.clone())
                            .or_insert((f.severity, 0))
                            .1 += 1;
                    }
                    Ok(())
                })
                .await?;
        }
        let mut rows: Vec<(&String, &(Severity, u64))> = failing.iter().collect();
        rows.sort_by(|a, b| {
            (a.1 .0, std::cmp::Reverse(a.1 .1), a.0).cmp(&(b.1 .0, std::cmp::Reverse(b.1 .1), b.0))
        });
        let mut text = format!(
            "\n\nFailing controls ({} controls, {} findings; resources failing each):\n",
            rows.len(),
            self.shown.count(Status::Fail)
        );
        for (id, (severity, n)) in rows.iter().take(top) {
            let title = catalog.control(id).map(|c| c.title.as_str()).unwrap_or("");
            push_failing_control_line(&mut text, *severity, *n, id, title);
        }
        if rows.len() > top {
            text.push_str(&format!("  ... and {} more controls\n", rows.len() - top));
        }
        text.push_str(&render_summary_muted(&self.shown));
        let errors = self.shown.count(Status::Error);
        if errors > 0 {
            text.push_str(&format!(
                "\n{errors} finding(s) could not be evaluated (ERROR); `--status ERROR` lists them with their reasons.\n"
            ));
        }
        out.write_all(text.as_bytes())?;
        Ok(())
    }

    /// The query, narrowed to one stored status (and severity); `None` when the query
    /// already excludes them.
    fn narrowed(&self, status: Status, severity: Option<Severity>) -> Option<FindingQuery> {
        let mut query = self.query.clone();
        let allowed = |all: &[Status], s| all.is_empty() || all.contains(&s);
        if !allowed(&query.statuses, status) {
            return None;
        }
        query.statuses = vec![status];
        if let Some(severity) = severity {
            if !query.severities.is_empty() && !query.severities.contains(&severity) {
                return None;
            }
            query.severities = vec![severity];
        }
        Some(query)
    }

    /// Renders the shown findings of `query` with `line`, a page at a time, into `out`.
    async fn each_page(
        &self,
        query: FindingQuery,
        out: &mut (dyn Write + Send),
        line: impl Fn(&mut String, &Finding) + Send + Sync,
    ) -> anyhow::Result<()> {
        let mut text = String::new();
        self.store
            .findings_by_page(&query, FINDINGS_PAGE, &mut |mut page| {
                self.mutes.apply(&mut page, &self.tags);
                text.clear();
                page.iter()
                    .filter(|f| {
                        self.statuses.is_empty() || self.statuses.contains(&f.shown_status())
                    })
                    .for_each(|f| line(&mut text, f));
                out.write_all(text.as_bytes())?;
                Ok(())
            })
            .await
    }
}

/// The scan of the same account that started just before `scan`, if any.
pub async fn previous_scan(store: &dyn Store, scan: &Scan) -> anyhow::Result<Option<Scan>> {
    let scans = store.scans(Some(&scan.account_id), usize::MAX >> 1).await?;
    Ok(scans.into_iter().skip_while(|s| s.id != scan.id).nth(1))
}

/// The difference between `from` and `to`, both loaded with the same rules.
pub fn compare(from: &ScanView, to: &ScanView) -> ScanDiff {
    diff(
        &to.catalog,
        &to.masks,
        &ScanSide {
            scan_id: &from.scan.id,
            findings: &from.findings,
            resources: &from.resources,
        },
        &ScanSide {
            scan_id: &to.scan.id,
            findings: &to.findings,
            resources: &to.resources,
        },
    )
}

/// Keeps the findings whose shown status (MUTED for muted ones) is one of `statuses`.
pub fn keep_statuses(findings: &mut Vec<Finding>, statuses: &[Status]) {
    if !statuses.is_empty() {
        findings.retain(|f| statuses.contains(&f.shown_status()));
    }
}

/// The view in the chosen format. `previous` feeds the HTML page's changes section.
pub fn render(format: Format, view: &ScanView, previous: Option<&ScanDiff>) -> String {
    let home_region = view
        .scan
        .regions
        .first()
        .cloned()
        .unwrap_or_else(|| "us-east-1".into());
    match format {
        Format::Table => render_summary(&view.scan, &view.findings),
        Format::Json => view
            .findings
            .iter()
            .map(|f| finding_json_line(f) + "\n")
            .collect(),
        Format::Csv => csv::render_csv(&view.findings),
        Format::Ocsf => ocsf::render_ocsf(&view.findings, &view.catalog) + "\n",
        Format::Asff => asff::render_asff(&view.findings, &view.catalog, &home_region) + "\n",
        Format::Sarif => sarif::render_sarif(&view.findings, &view.catalog) + "\n",
        Format::Html => render_html(&HtmlReport {
            scan: &view.scan,
            findings: &view.findings,
            catalog: &view.catalog,
            masks: &view.masks,
            resources: &view.resources,
            diff: previous,
            threats: view.threats.as_ref(),
            trend: view.trend.as_ref(),
        }),
    }
}

/// Writes the rendering to `output`, or prints it.
pub fn emit(text: &str, output: Option<&Path>) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            std::fs::write(path, text).with_context(|| format!("cannot write {}", path.display()))
        }
        None => {
            print!("{text}");
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use parapet::controls::{Assessment, Framework, Requirement};
    use parapet::model::{MuteExceptions, ScanState};
    use parapet::store::SqliteStore;

    const STATUSES: [Status; 5] = [
        Status::Pass,
        Status::Fail,
        Status::Error,
        Status::Info,
        Status::Skipped,
    ];

    /// More findings than two pages: 12 controls on 230 resources, every status and
    /// severity, reasons that need quoting, some resources tagged for a mute rule.
    async fn store_with_a_scan() -> (SqliteStore, Scan) {
        let store = SqliteStore::in_memory().unwrap();
        let at = Utc::now();
        let scan = Scan {
            id: "s1".into(),
            account_id: "123456789012".into(),
            started_at: at,
            finished_at: None,
            state: ScanState::Running,
            regions: vec!["us-east-1".into(), "eu-west-1".into()],
            tasks_total: 1,
            tasks_done: 0,
            tasks_failed: 0,
            failures: vec![],
            summary: None,
        };
        store.create_scan(&scan).await.unwrap();
        let resources: Vec<Resource> = (0..230)
            .map(|r| Resource {
                arn: format!("arn:aws:s3:::bucket-{r:03}"),
                resource_type: "AWS::S3::Bucket".into(),
                account_id: "123456789012".into(),
                region: ["us-east-1", "eu-west-1"][r % 2].into(),
                name: format!("bucket-{r:03}"),
                tags: [("env".to_string(), ["prod", "dev"][r % 2].to_string())].into(),
                attributes: serde_json::Value::Null,
                collected_at: at,
                scan_id: "s1".into(),
            })
            .collect();
        store.put_resources(&resources).await.unwrap();
        let mut findings = Vec::new();
        for (c, control) in (0..12).map(|c| (c, format!("c{c:02}"))) {
            for (r, resource) in resources.iter().enumerate() {
                findings.push(Finding {
                    control_id: control.clone(),
                    resource_arn: resource.arn.clone(),
                    resource_name: resource.name.clone(),
                    resource_type: resource.resource_type.clone(),
                    account_id: resource.account_id.clone(),
                    region: resource.region.clone(),
                    service: ["s3", "iam", "ec2"][c % 3].into(),
                    severity: Severity::ALL[(r + c) % Severity::ALL.len()],
                    status: STATUSES[(r * 7 + c) % STATUSES.len()],
                    reason: format!("{} says \"no\", see {r}", resource.name),
                    scan_id: "s1".into(),
                    first_seen: at,
                    last_seen: at,
                    status_changed_at: at,
                    muted: None,
                });
            }
        }
        store.put_findings(&mut findings).await.unwrap();
        let mask = Mask {
            control_id: "c03".into(),
            benchmark: Some("bench".into()),
            account_id: None,
            reason: "n/a".into(),
            created_by: "t".into(),
            created_at: at,
        };
        store.put_mask(&mask).await.unwrap();
        (store, scan)
    }

    fn catalog() -> Catalog {
        let requirement = |id: &str, controls: &[&str]| Requirement {
            id: id.into(),
            section: "s".into(),
            description: "d".into(),
            assessment: Assessment::Automated,
            controls: controls.iter().map(|c| c.to_string()).collect(),
        };
        Catalog {
            frameworks: vec![Framework {
                id: "bench".into(),
                name: "Bench".into(),
                version: "1".into(),
                requirements: vec![
                    requirement("1", &["c00", "c01", "c03"]),
                    requirement("2", &["c01", "c05", "c07"]),
                ],
            }],
            ..Default::default()
        }
    }

    fn rules() -> Vec<MuteRule> {
        vec![MuteRule {
            id: "prod-c0x".into(),
            accounts: vec!["*".into()],
            controls: vec!["c0*".into()],
            regions: vec!["*".into()],
            resources: vec!["bucket-1".into()],
            tags: vec!["env=prod".into()],
            exceptions: MuteExceptions::default(),
            reason: "accepted, for now".into(),
            expires_at: None,
            created_by: "t".into(),
            created_at: Utc::now(),
        }]
    }

    /// What `load`, `keep_statuses` and `render` print: the whole-scan path.
    async fn rendered_whole(
        store: &SqliteStore,
        scan: &Scan,
        query: &FindingQuery,
        statuses: &[Status],
        format: Format,
    ) -> String {
        let mut view = load(store, scan.clone(), &catalog(), &rules(), query.clone())
            .await
            .unwrap();
        keep_statuses(&mut view.findings, statuses);
        render(format, &view, None)
    }

    async fn rendered_streamed(
        store: &SqliteStore,
        scan: &Scan,
        query: &FindingQuery,
        statuses: &[Status],
        format: Format,
    ) -> String {
        let view = StreamedScan::open(
            store,
            scan.clone(),
            &catalog(),
            &rules(),
            query.clone(),
            statuses,
        )
        .await
        .unwrap();
        let mut out = Vec::new();
        view.write(format, &mut out).await.unwrap();
        String::from_utf8(out).unwrap()
    }

    #[tokio::test]
    async fn streamed_outputs_are_byte_identical_to_whole_renderings() {
        let (store, running) = store_with_a_scan().await;
        let finished = parapet::pipeline::finalize(&store, &catalog(), "s1")
            .await
            .unwrap();
        let queries = [
            FindingQuery::default(),
            FindingQuery {
                severities: vec![Severity::High, Severity::Low],
                services: vec!["s3".into(), "ec2".into()],
                ..Default::default()
            },
            FindingQuery {
                statuses: vec![Status::Error],
                ..Default::default()
            },
        ];
        let status_filters: [&[Status]; 4] = [
            &[],
            &[Status::Fail],
            &[Status::Muted],
            &[Status::Error, Status::Pass],
        ];
        for scan in [&running, &finished] {
            for query in &queries {
                for statuses in status_filters {
                    for format in [Format::Table, Format::Json, Format::Csv] {
                        let whole = rendered_whole(&store, scan, query, statuses, format).await;
                        let streamed =
                            rendered_streamed(&store, scan, query, statuses, format).await;
                        assert!(
                            whole == streamed,
                            "{format:?} differs for {query:?} {statuses:?} (summary: {})",
                            scan.summary.is_some()
                        );
                    }
                }
            }
        }
        // The test means something: the scan has several pages, muted and failing findings.
        let whole = rendered_whole(
            &store,
            &finished,
            &FindingQuery::default(),
            &[],
            Format::Table,
        )
        .await;
        assert!(whole.contains("finding(s) muted"), "{whole}");
        assert!(whole.contains("Could not evaluate ("), "{whole}");
        assert_eq!(whole.matches("\n  [").count() as u64, {
            let v = StreamedScan::open(
                &store,
                finished.clone(),
                &catalog(),
                &rules(),
                FindingQuery::default(),
                &[],
            )
            .await
            .unwrap();
            v.shown.count(Status::Fail)
        });
        const { assert!(12 * 230 > 2 * FINDINGS_PAGE) };
    }
}
