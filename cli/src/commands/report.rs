use super::{catalog, open_store, Format};
use clap::Args;
use parapet::model::{Severity, Status};
use parapet::report::{finding_json_line, render_summary};
use parapet::store::{FindingQuery, Store};
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
}

pub async fn run(
    args: ReportArgs,
    db: PathBuf,
    extra_controls: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {}: run `parapet scan` first (or pass --db)",
            db.display()
        );
    }
    let store = open_store(&db)?;
    let scan = if args.scan == "latest" {
        store
            .scans(None, 1)
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| anyhow::anyhow!("the store {} holds no scan yet", db.display()))?
    } else {
        store.scan(&args.scan).await?.ok_or_else(|| {
            anyhow::anyhow!(
                "no scan {:?} in {}; `parapet scans` lists them",
                args.scan,
                db.display()
            )
        })?
    };
    let control_ids = match &args.benchmark {
        Some(b) => {
            let catalog = catalog(extra_controls)?;
            let fw = catalog.select(std::slice::from_ref(b), &[])?;
            fw.controls.iter().map(|c| c.meta.id.clone()).collect()
        }
        None => Vec::new(),
    };
    let query = FindingQuery {
        scan_id: Some(scan.id.clone()),
        control_ids,
        services: args.services,
        statuses: args.statuses,
        severities: args.severities,
        ..Default::default()
    };
    let findings = store.findings(&query).await?;
    match args.format {
        Format::Json => findings
            .iter()
            .for_each(|f| println!("{}", finding_json_line(f))),
        Format::Table => print!("{}", render_summary(&scan, &findings)),
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn list_scans(db: PathBuf, limit: usize) -> anyhow::Result<ExitCode> {
    if !db.exists() {
        anyhow::bail!(
            "no store at {}: run `parapet scan` first (or pass --db)",
            db.display()
        );
    }
    let store = open_store(&db)?;
    println!(
        "{:<30} {:<14} {:<10} {:<26} {:>6}",
        "SCAN", "ACCOUNT", "STATE", "STARTED", "TASKS"
    );
    for s in store.scans(None, limit).await? {
        println!(
            "{:<30} {:<14} {:<10} {:<26} {:>6}",
            s.id,
            s.account_id,
            s.state.as_str(),
            s.started_at.to_rfc3339(),
            s.tasks_total
        );
    }
    Ok(ExitCode::SUCCESS)
}
