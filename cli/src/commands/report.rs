use super::{catalog, find_scan, graph, results, Format, StoreChoice};
use clap::Args;
use parapet::graph::Band;
use parapet::model::{Severity, Status};
use parapet::store::{FindingQuery, Store};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Args)]
pub struct ReportArgs {
    /// `latest` or a scan id (`parapet scans` lists them).
    #[arg(long, default_value = "latest")]
    scan: String,
    /// Only the controls of this benchmark.
    #[arg(long)]
    benchmark: Option<String>,
    /// Only these services (repeatable), e.g. s3, iam.
    #[arg(long = "service")]
    services: Vec<String>,
    /// Only these statuses (repeatable), e.g. FAIL.
    #[arg(long = "status", value_parser = |s: &str| s.parse::<Status>())]
    statuses: Vec<Status>,
    /// Only these severities (repeatable).
    #[arg(long = "severity", value_parser = |s: &str| s.parse::<Severity>())]
    severities: Vec<Severity>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write the report to this file instead of printing it.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Also apply the mute rules of this file (Prowler mutelist YAML format).
    #[arg(long)]
    mutelist: Option<PathBuf>,
    /// Print each benchmark's score per requirement, per service and per account
    /// instead of the findings.
    #[arg(long, conflicts_with = "format")]
    scores: bool,
    /// Print the summary and the failing controls with how many resources fail each,
    /// most severe first, instead of every finding.
    #[arg(long, conflicts_with_all = ["format", "scores", "output"])]
    by_control: bool,
    /// Table: list the failing findings that open a threat path first, highest path
    /// score first, with a PATH column (the scan's Threat Graph, as `parapet paths`
    /// computes it; reads the scan's resources to build it).
    #[arg(long, conflicts_with_all = ["scores", "by_control"])]
    threat_paths: bool,
    /// With --by-control: at most this many controls.
    #[arg(long, default_value_t = 20, requires = "by_control")]
    top: usize,
}

pub async fn run(
    args: ReportArgs,
    store: StoreChoice,
    extra_controls: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let store = store.open_existing().await?;
    let store = store.as_ref();
    let catalog = catalog(extra_controls)?;
    let scan = find_scan(store, &args.scan, None).await?;
    let control_ids = match &args.benchmark {
        Some(b) => {
            let fw = catalog.select(std::slice::from_ref(b), &[])?;
            fw.controls.iter().map(|c| c.meta.id.clone()).collect()
        }
        None => Vec::new(),
    };
    let rules = results::mute_rules(store, args.mutelist.as_deref()).await?;
    // Statuses are filtered after muting: `--status FAIL` means failing and not muted.
    let query = FindingQuery {
        control_ids,
        services: args.services,
        severities: args.severities,
        ..Default::default()
    };
    if args.by_control {
        let view =
            results::StreamedScan::open(store, scan, &catalog, &rules, query, &args.statuses)
                .await?;
        let mut out = std::io::BufWriter::new(std::io::stdout());
        view.write_by_control(&catalog, args.top, &mut out).await?;
        std::io::Write::flush(&mut out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if args.threat_paths && args.format != Format::Table {
        anyhow::bail!("--threat-paths orders the table; the HTML report lists the paths itself");
    }
    if !args.scores && matches!(args.format, Format::Table | Format::Json | Format::Csv) {
        let path_scores = if args.threat_paths {
            Some(threat_path_scores(store, &scan.id).await?)
        } else {
            None
        };
        // Written from the store a page of findings at a time.
        let mut view =
            results::StreamedScan::open(store, scan, &catalog, &rules, query, &args.statuses)
                .await?;
        view.path_scores = path_scores;
        view.emit(args.format, args.output.as_deref()).await?;
        return Ok(ExitCode::SUCCESS);
    }
    let previous = match args.format {
        Format::Html => match results::previous_scan(store, &scan).await? {
            Some(before) => {
                Some(results::load(store, before, &catalog, &rules, query.clone()).await?)
            }
            None => None,
        },
        _ => None,
    };
    let mut view = results::load(store, scan, &catalog, &rules, query).await?;
    if args.format == Format::Html && !args.scores {
        view.threats = Some(
            graph::scan_threats(store, &view.scan.id, &view.resources, None, Band::Low).await?,
        );
        view.trend = Some(super::trend::scan_trend(store, &view.scan).await?);
    }
    let changes = previous
        .as_ref()
        .map(|before| results::compare(before, &view));
    results::keep_statuses(&mut view.findings, &args.statuses);
    let text = if args.scores {
        parapet::report::render_breakdown(&parapet::report::breakdown(
            &view.catalog,
            &view.findings,
            &view.masks,
        ))
    } else {
        results::render(args.format, &view, changes.as_ref())
    };
    results::emit(&text, args.output.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// Per failing finding, the highest score of a threat path it opens: the graph of the
/// scan built as for `parapet paths` (its resources are read, then let go).
async fn threat_path_scores(
    store: &dyn Store,
    scan_id: &str,
) -> anyhow::Result<HashMap<(String, String), f64>> {
    let resources = store.resources(scan_id).await?;
    let threats = graph::scan_threats(store, scan_id, &resources, None, Band::Low).await?;
    Ok(graph::path_scores(&threats.report))
}

pub async fn list_scans(store: StoreChoice, limit: usize) -> anyhow::Result<ExitCode> {
    let store = store.open_existing().await?;
    println!(
        "{:<30} {:<14} {:<10} {:<26} {:>6} {:>9} {:>8} {:>6}  SCORES",
        "SCAN", "ACCOUNT", "STATE", "STARTED", "TASKS", "RESOURCES", "FINDINGS", "FAIL"
    );
    for s in store.scans(None, limit).await? {
        // The summary is the record of the scan as it finished (rules of that time).
        let (resources, findings, failed, scores) = match &s.summary {
            Some(sum) => (
                sum.resources.to_string(),
                sum.findings.to_string(),
                sum.by_status
                    .get(&Status::Fail)
                    .copied()
                    .unwrap_or(0)
                    .to_string(),
                sum.benchmarks
                    .iter()
                    .map(|b| {
                        let score = b
                            .score
                            .map(|v| format!("{:.1}%", v * 100.0))
                            .unwrap_or_else(|| "n/a".into());
                        format!("{} {score}", b.benchmark)
                    })
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            None => ("-".into(), "-".into(), "-".into(), String::new()),
        };
        println!(
            "{:<30} {:<14} {:<10} {:<26} {:>6} {:>9} {:>8} {:>6}  {}",
            s.id,
            s.account_id,
            s.state.as_str(),
            s.started_at.to_rfc3339(),
            s.tasks_total,
            resources,
            findings,
            failed,
            scores
        );
    }
    Ok(ExitCode::SUCCESS)
}
