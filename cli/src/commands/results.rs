//! Reading a stored scan back the way reports need it: its findings with the mute rules
//! in force applied, its resources, the masks, and the scan before it; and rendering
//! that in any output format.

use super::Format;
use anyhow::Context;
use chrono::Utc;
use parapet::controls::Catalog;
use parapet::model::{Finding, Mask, MuteRule, Resource, Scan, Status};
use parapet::mute::{parse_mutelist, MuteSet};
use parapet::report::diff::{diff, ScanDiff, ScanSide};
use parapet::report::html::{render_html, HtmlReport};
use parapet::report::{asff, csv, finding_json_line, ocsf, render_summary, sarif, summarize};
use parapet::store::{FindingQuery, Store};
use std::collections::HashMap;
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
    let mut scored = catalog.clone();
    if let Some(summary) = &scan.summary {
        scored
            .frameworks
            .retain(|fw| summary.benchmarks.iter().any(|b| b.benchmark == fw.id));
    }
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
    })
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
