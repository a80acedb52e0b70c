//! `parapet graph` and `parapet paths`: the Threat Graph of a stored scan
//! (docs/threat-graph.md).

use super::{find_scan, StoreChoice};
use anyhow::Context;
use clap::Args;
use parapet::graph::{self, Band, PathReport, ScanThreats};
use parapet::model::{Finding, Resource, Status};
use parapet::store::{FindingQuery, Store};
use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// `graph --format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    Json,
    /// Graphviz DOT.
    Dot,
    Mermaid,
}

/// `paths --format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum PathsFormat {
    Table,
    Json,
}

#[derive(Args)]
pub struct GraphArgs {
    /// `latest` or a scan id (`parapet scans` lists them).
    #[arg(long, default_value = "latest")]
    scan: String,
    #[arg(long, value_enum, default_value = "json")]
    format: GraphFormat,
    /// Path targets: resources whose ARN or name matches, instead of the default kinds
    /// (every bucket, database, secret, customer-managed key and the account's
    /// administration). Resources tagged parapet:crown-jewel=true always are.
    #[arg(long)]
    crown_jewel: Option<String>,
    /// Write to this file instead of printing.
    #[arg(long)]
    output: Option<PathBuf>,
}

#[derive(Args)]
pub struct PathsArgs {
    /// `latest` or a scan id (`parapet scans` lists them).
    #[arg(long, default_value = "latest")]
    scan: String,
    /// Only paths of this band or worse: critical, high, medium, low.
    #[arg(long, default_value = "low", value_parser = parse_band)]
    min_severity: Band,
    #[arg(long, value_enum, default_value = "table")]
    format: PathsFormat,
    /// As for `parapet graph`.
    #[arg(long)]
    crown_jewel: Option<String>,
}

fn parse_band(s: &str) -> Result<Band, String> {
    Band::parse(s)
        .ok_or_else(|| format!("unknown severity {s:?} (expected critical, high, medium or low)"))
}

/// The failing findings of a stored scan: what opens the graph's edges. Mute rules are
/// not applied: a muted failure still opens its edge.
async fn failing_findings(store: &dyn Store, scan_id: &str) -> anyhow::Result<Vec<Finding>> {
    store
        .findings(&FindingQuery {
            scan_id: Some(scan_id.to_string()),
            statuses: vec![Status::Fail],
            ..Default::default()
        })
        .await
        .with_context(|| format!("reading the findings of scan {scan_id}"))
}

async fn resources_of(store: &dyn Store, scan_id: &str) -> anyhow::Result<Vec<Resource>> {
    store
        .resources(scan_id)
        .await
        .with_context(|| format!("reading the resources of scan {scan_id}"))
}

/// The graph of a stored scan: its resources and its failing findings.
async fn load(
    store: &dyn Store,
    scan: &str,
    crown_jewel: Option<&str>,
) -> anyhow::Result<(String, graph::Graph)> {
    let scan = find_scan(store, scan, None).await?;
    let resources = resources_of(store, &scan.id).await?;
    let findings = failing_findings(store, &scan.id).await?;
    let options = graph::Options::with_crown_jewel(crown_jewel)?;
    let g = graph::build(&resources, &findings, &options)
        .with_context(|| format!("building the threat graph of scan {}", scan.id))?;
    Ok((scan.id, g))
}

/// The graph and attack paths of scan `scan_id` whose `resources` the caller has read:
/// the one computation behind `parapet paths` and the HTML report's threat paths.
pub async fn scan_threats(
    store: &dyn Store,
    scan_id: &str,
    resources: &[Resource],
    crown_jewel: Option<&str>,
    min: Band,
) -> anyhow::Result<ScanThreats> {
    let findings = failing_findings(store, scan_id).await?;
    let options = graph::Options::with_crown_jewel(crown_jewel)?;
    ScanThreats::of(resources, &findings, &options, min)
        .with_context(|| format!("building the threat graph of scan {scan_id}"))
}

/// The highest score of a path each finding (control id, resource ARN) opens a hop of:
/// how `report --threat-paths` ranks the failing findings.
pub fn path_scores(report: &PathReport) -> HashMap<(String, String), f64> {
    let mut scores: HashMap<(String, String), f64> = HashMap::new();
    for p in &report.paths {
        for f in &p.findings {
            let best = scores
                .entry((f.control_id.clone(), f.resource_arn.clone()))
                .or_insert(p.score);
            *best = best.max(p.score);
        }
    }
    scores
}

pub async fn run_graph(args: GraphArgs, store: StoreChoice) -> anyhow::Result<ExitCode> {
    let store = store.open_existing().await?;
    let (_, g) = load(store.as_ref(), &args.scan, args.crown_jewel.as_deref()).await?;
    let text = match args.format {
        GraphFormat::Json => graph::to_json(&g) + "\n",
        GraphFormat::Dot => graph::to_dot(&g),
        GraphFormat::Mermaid => graph::to_mermaid(&g),
    };
    match args.output {
        Some(path) => {
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?
        }
        None => std::io::stdout().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn run_paths(args: PathsArgs, store: StoreChoice) -> anyhow::Result<ExitCode> {
    let store = store.open_existing().await?;
    let store = store.as_ref();
    let scan = find_scan(store, &args.scan, None).await?;
    let resources = resources_of(store, &scan.id).await?;
    let threats = scan_threats(
        store,
        &scan.id,
        &resources,
        args.crown_jewel.as_deref(),
        args.min_severity,
    )
    .await?;
    drop(resources);
    let (scan_id, g, report) = (scan.id, threats.graph, threats.report);
    let mut out = std::io::BufWriter::new(std::io::stdout());
    match args.format {
        PathsFormat::Json => {
            let doc = serde_json::json!({
                "scan_id": scan_id,
                "paths": report.paths,
                "fix_first": report.fix_first,
                "notes": g.notes,
            });
            writeln!(out, "{}", serde_json::to_string_pretty(&doc)?)?;
        }
        PathsFormat::Table => write_table(&mut out, &g, &report)?,
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_table(out: &mut impl Write, g: &graph::Graph, report: &PathReport) -> std::io::Result<()> {
    // Names come from the account (a Name tag): no control character reaches the terminal.
    let clean = |s: &str| s.chars().filter(|c| !c.is_control()).collect::<String>();
    let name = |id: &str| clean(g.node(id).map_or(id, |n| n.name.as_str()));
    if report.paths.is_empty() {
        writeln!(out, "No attack path to a crown jewel.")?;
    }
    for p in &report.paths {
        let mut line = name(&p.source);
        for h in &p.hops {
            line.push_str(&format!(" -[{}]-> {}", h.kind.as_str(), name(&h.to)));
        }
        writeln!(out, "{:<8} {:>5.1}  {line}", p.severity.as_str(), p.score)?;
        for f in &p.findings {
            writeln!(
                out,
                "{:16}{} on {}",
                "",
                f.control_id,
                clean(&f.resource_arn)
            )?;
        }
    }
    if !report.fix_first.is_empty() {
        writeln!(out, "\nFix first (path score removed):")?;
        for f in &report.fix_first {
            writeln!(
                out,
                "  {:>6.1}  {} on {}",
                f.removes_score,
                f.finding.control_id,
                clean(&f.finding.resource_arn)
            )?;
        }
    }
    for n in &g.notes {
        writeln!(out, "note: {}", clean(n))?;
    }
    Ok(())
}
