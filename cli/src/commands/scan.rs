use super::{catalog, results, Format, StoreChoice};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use parapet::aws::{AwsOptions, Limiter, Sessions};
use parapet::collect::call_plan::AttributePlan;
use parapet::collect::event_intake::is_region_name;
use parapet::collect::CollectorSpec;
use parapet::controls::Catalog;
use parapet::model::{MuteRule, Scan, Status};
use parapet::pipeline::{
    collectors_for, plan_scan, run_local, LocalProgress, ScanPlan, ScanRequest, Worker,
};
use parapet::report::terminal_text;
use parapet::serverless::remote;
use parapet::store::{FindingQuery, Store};
use std::collections::HashSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

mod organization;

#[derive(Args)]
// `--no-external-id` and `--account` apply to more than one way of reaching accounts.
#[command(group(clap::ArgGroup::new("assumes").args(["role_arn", "organization"]).multiple(true)))]
#[command(group(clap::ArgGroup::new("names_accounts").args(["remote", "organization"]).multiple(true)))]
pub struct ScanArgs {
    /// AWS profile of the base credentials.
    #[arg(long, env = "AWS_PROFILE")]
    profile: Option<String>,
    /// Regions to scan (repeatable). Default: every region enabled in the account.
    #[arg(long = "region", value_parser = region_name)]
    regions: Vec<String>,
    /// Role to assume in the target account (with --external-id, or --no-external-id).
    #[arg(long)]
    role_arn: Option<String>,
    /// ExternalId the target role's trust policy requires. On the command line it is
    /// visible to other users of the machine (`ps`): prefer the PARAPET_EXTERNAL_ID
    /// environment variable (read when no flag gives one) or --external-id-file.
    // Not clap's `env`: a value from the environment would then conflict with
    // --remote and --external-id-file as if it had been typed; see `resolve_external_id`.
    #[arg(long)]
    external_id: Option<String>,
    /// Read the ExternalId from this file (its first line).
    #[arg(long, value_name = "PATH", conflicts_with = "external_id")]
    external_id_file: Option<PathBuf>,
    /// Assume --role-arn without an ExternalId (only for roles whose trust policy asks none).
    #[arg(long, requires = "assumes", conflicts_with_all = ["external_id", "external_id_file"])]
    no_external_id: bool,
    /// Send every AWS call here (an emulator such as moto_server).
    #[arg(long, env = "AWS_ENDPOINT_URL")]
    endpoint_url: Option<String>,
    /// Only the controls of these benchmarks (repeatable), e.g. cis-aws-3.0.
    #[arg(long = "benchmark")]
    benchmarks: Vec<String>,
    /// Only these controls (repeatable).
    #[arg(long = "control")]
    controls: Vec<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Also write the results to this file: in `--format`, or as JSON lines (one finding
    /// per line) when the format is `table`. With csv, ocsf, asff, sarif or html the
    /// file replaces printing.
    #[arg(long)]
    output: Option<PathBuf>,
    /// Also apply the mute rules of this file (Prowler mutelist YAML format).
    #[arg(long)]
    mutelist: Option<PathBuf>,
    /// Tasks run at once.
    #[arg(long, default_value_t = 8)]
    concurrency: usize,
    /// Calls at once per AWS service and region.
    #[arg(long, default_value_t = 4)]
    calls_per_service: usize,
    /// A hard cap on AWS calls started per second per service and region, retries
    /// included, for accounts whose quota other tools share. Without it the rate adapts:
    /// it starts at AWS's documented quota and backs off when AWS throttles.
    #[arg(long)]
    max_calls_per_second: Option<usize>,
    /// Attempts per AWS call (throttling and server errors are retried with backoff).
    #[arg(long, env = "PARAPET_MAX_ATTEMPTS", default_value_t = parapet::aws::DEFAULT_MAX_ATTEMPTS)]
    max_attempts: u32,
    /// After the closing line, print the AWS calls per service and operation.
    #[arg(long, short = 'v')]
    verbose: bool,
    /// With --benchmark or --control: still read every attribute of every resource (the
    /// stored inventory stays complete), not only what the selected controls read.
    #[arg(long)]
    all_attributes: bool,
    /// Start the scan in the deployed installation instead of here: invokes its
    /// scheduler function (`<table prefix>parapet-scheduler`) with the caller's own
    /// credentials, which need lambda:InvokeFunction on it.
    #[arg(long, conflicts_with_all = ["role_arn", "external_id", "external_id_file", "no_external_id", "regions", "benchmarks", "controls", "output", "mutelist"])]
    remote: bool,
    /// With --remote: the registered account to scan (default: every registered account).
    /// With --organization: scan only these accounts of the organization (repeatable).
    #[arg(long = "account", value_name = "ID", requires = "names_accounts")]
    accounts: Vec<String>,
    /// With --remote: the scheduler function's name or ARN, when it is not the stack's default.
    #[arg(long, requires = "remote")]
    scheduler_function: Option<String>,
    #[command(flatten)]
    org: Box<organization::OrgArgs>,
}

/// `--remote`: the installation's scheduler starts the scans; this prints what it did.
/// Non-zero when an account asked for was skipped (already scanning, disabled).
async fn run_remote(args: &ScanArgs, store_choice: &StoreChoice) -> anyhow::Result<ExitCode> {
    if args.accounts.len() > 1 {
        anyhow::bail!("--remote scans one --account, or every registered account without it");
    }
    let function = args.scheduler_function.clone().unwrap_or_else(|| {
        format!(
            "{}{}",
            store_choice.table_prefix,
            remote::SCHEDULER_FUNCTION
        )
    });
    let sessions = Sessions::new(AwsOptions {
        profile: args.profile.clone(),
        endpoint_url: args.endpoint_url.clone(),
        region: None,
        max_attempts: args.max_attempts,
    })
    .await;
    let clients = sessions
        .clients(None, None, Limiter::new(1), Default::default())
        .await?;
    let region = sessions.home_region();
    let outcome = remote::start_scans(
        &clients,
        &region,
        &function,
        args.accounts.first().map(String::as_str),
    )
    .await?;
    for s in &outcome.started {
        println!(
            "started scan {} of account {}: {} tasks in {}",
            s.scan_id,
            s.account_id,
            s.tasks,
            s.regions.join(", ")
        );
    }
    for s in &outcome.skipped {
        println!(
            "skipped account {}: {}",
            terminal_text(&s.account_id),
            terminal_text(&s.reason)
        );
    }
    if outcome.started.is_empty() && outcome.skipped.is_empty() {
        println!("no account is registered with {function}");
    }
    if !outcome.started.is_empty() {
        let prefix = match store_choice.table_prefix.as_str() {
            "" => String::new(),
            p => format!(" --table-prefix {p}"),
        };
        println!("follow them with: parapet scans --store dynamodb{prefix}");
    }
    Ok(if outcome.skipped.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `--region` values: AWS region names only. A region becomes part of an endpoint host
/// name, so a typo or a forged value is refused here with the reason.
fn region_name(value: &str) -> Result<String, String> {
    if is_region_name(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "{:?} is not an AWS region name (lowercase words and a number joined by dashes, e.g. us-east-1)",
            value.chars().take(64).collect::<String>()
        ))
    }
}

/// The regions an account listed, less any name that cannot be a region (the account
/// answers this list, and a region name becomes part of an endpoint host), named on
/// stderr.
fn report_regions_left_out(plan: &ScanPlan) {
    if !plan.not_opted_in.is_empty() {
        eprintln!(
            "skipping {} opt-in region(s) not enabled in the account: {}",
            plan.not_opted_in.len(),
            terminal_text(&plan.not_opted_in.join(", "))
        );
    }
    let odd = &plan.not_region_names;
    if !odd.is_empty() {
        let shown: Vec<String> = odd
            .iter()
            .map(|r| format!("{:?}", terminal_text(r)))
            .collect();
        eprintln!(
            "skipping {} region name(s) the account listed that are not AWS region names: {}",
            odd.len(),
            shown.join(", ")
        );
    }
}

/// Only the collectors whose resources the selected controls evaluate.
fn collectors_for_controls(selected: &Catalog) -> Vec<&'static CollectorSpec> {
    let needed: HashSet<&str> = selected
        .controls
        .iter()
        .map(|c| c.meta.resource_type.as_str())
        .collect();
    collectors_for(|t| needed.contains(t))
}

/// The environment variable read for the ExternalId when no flag gives one.
const EXTERNAL_ID_ENV: &str = "PARAPET_EXTERNAL_ID";

/// The largest ExternalId AWS accepts (sts:AssumeRole).
const MAX_EXTERNAL_ID_CHARS: usize = 1224;

/// The ExternalId from --external-id (or PARAPET_EXTERNAL_ID) or --external-id-file,
/// checked against what AWS accepts so a stray character is named here, not as an
/// AccessDenied. The value itself never appears in a message.
fn resolve_external_id(args: &ScanArgs) -> anyhow::Result<Option<String>> {
    let (value, from) = match (&args.external_id, &args.external_id_file) {
        (_, Some(path)) => {
            let text = parapet::input::read_text_capped(path, "ExternalId file")?;
            let first = text.lines().next().unwrap_or("").trim().to_string();
            (first, format!("the ExternalId in {}", path.display()))
        }
        (Some(id), None) => (id.clone(), "--external-id".into()),
        (None, None) => match std::env::var(EXTERNAL_ID_ENV) {
            Ok(id) if !id.is_empty() => (id, EXTERNAL_ID_ENV.to_string()),
            Ok(_) | Err(std::env::VarError::NotPresent) => return Ok(None),
            Err(std::env::VarError::NotUnicode(_)) => {
                anyhow::bail!("{EXTERNAL_ID_ENV} is not valid UTF-8")
            }
        },
    };
    let chars = value.chars().count();
    if !(2..=MAX_EXTERNAL_ID_CHARS).contains(&chars) {
        anyhow::bail!("{from} has {chars} characters; AWS accepts 2 to {MAX_EXTERNAL_ID_CHARS}");
    }
    if let Some(bad) = value
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || "_+=,.@:/-".contains(*c)))
    {
        anyhow::bail!(
            "{from} holds {}, which AWS does not accept in an ExternalId (letters, digits and _+=,.@:/- only)",
            if bad.is_control() || bad.is_whitespace() {
                format!("U+{:04X}", bad as u32)
            } else {
                format!("{bad:?}")
            }
        );
    }
    Ok(Some(value))
}

pub async fn run(
    mut args: ScanArgs,
    store_choice: StoreChoice,
    extra_controls: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if args.remote {
        return run_remote(&args, &store_choice).await;
    }
    if args.org.organization {
        return organization::run(args, store_choice, extra_controls).await;
    }
    args.external_id = if args.no_external_id {
        // An explicit "no ExternalId" wins over one left in the environment.
        None
    } else {
        resolve_external_id(&args)?
    };
    // A role assumed without an ExternalId is open to the confused-deputy problem, so
    // that takes an explicit choice rather than a forgotten flag.
    if let (Some(role), None, false) = (&args.role_arn, &args.external_id, args.no_external_id) {
        anyhow::bail!(
            "refusing to assume {role} without an ExternalId: give the one its trust policy \
             requires (PARAPET_EXTERNAL_ID, --external-id-file PATH or --external-id ID), or \
             --no-external-id if the role's trust policy asks none"
        );
    }
    let full = catalog(extra_controls)?;
    let selected = full.select(&args.benchmarks, &args.controls)?;
    let store: Arc<dyn Store> = store_choice.open().await?;
    // Read the mutelist before scanning, so a mistake in it costs no scan.
    let rules = results::mute_rules(store.as_ref(), args.mutelist.as_deref()).await?;
    let sessions = local_sessions(&args).await;
    let worker = Arc::new(
        Worker::new(
            store.clone(),
            Arc::new(selected.clone()),
            sessions.clone(),
            Limiter::new(args.calls_per_service).with_cap(args.max_calls_per_second),
        )?
        .with_role(args.role_arn.clone(), args.external_id.clone())
        .with_plan(attribute_plan(&args, &selected)),
    );

    // Fail fast, with one clear message, when the account cannot be reached at all.
    let clients = worker
        .clients(args.role_arn.as_deref(), args.external_id.as_deref())
        .await?;
    let account_id = sessions.caller_account(&clients.config).await?;
    let request = ScanRequest {
        regions: &args.regions,
        ..Default::default()
    };
    let plan = plan_scan(
        &clients,
        &sessions.home_region(),
        &account_id,
        &request,
        &collectors_for_controls(&selected),
    )
    .await?;
    report_regions_left_out(&plan);
    let (scan, tasks) = (plan.scan, plan.tasks);
    store.create_scan(&scan).await?;

    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(tasks.len() as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} tasks  {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    let progress_bar = bar.clone();
    let on_progress = Arc::new(move |p: LocalProgress| {
        match p {
            LocalProgress::TaskDone {
                task,
                resources,
                unlisted,
            } => {
                // A type the task could not list has no resources to count: say so now,
                // not only in its controls' ERROR findings.
                for line in unlisted {
                    organization::say(
                        &progress_bar,
                        format!(
                            "task {} in {}: {}",
                            task.collector,
                            task.region,
                            terminal_text(&line)
                        ),
                    );
                }
                progress_bar.set_message(format!(
                    "{} {}: {resources} resources",
                    task.collector, task.region
                ))
            }
            LocalProgress::TaskFailed { task, error } => organization::say(
                &progress_bar,
                format!(
                    "task {} in {} failed: {}",
                    task.collector,
                    task.region,
                    terminal_text(&error)
                ),
            ),
        }
        progress_bar.inc(1);
    });
    let started = std::time::Instant::now();
    let scan = run_local(worker.clone(), tasks, args.concurrency, on_progress).await?;
    bar.finish_and_clear();

    let stats = |scan: &Scan| {
        let line = stats_line(scan, &worker, started, &store_choice.describe());
        match args.verbose {
            true => format!(
                "{line}\n{}",
                calls_breakdown(&worker.counter.per_operation())
            ),
            false => line,
        }
    };
    let scan_id = scan.id.clone();
    let errors = match args.format {
        Format::Table | Format::Json | Format::Csv => {
            emit_streamed(&args, store.as_ref(), scan, &selected, &rules, stats).await?
        }
        _ => emit_whole(&args, store.as_ref(), scan, &selected, &rules).await?,
    };
    // After the results are out; a destination that fails is reported, not fatal.
    super::alerts::after_scan(&store_choice, store.as_ref(), &scan_id, &selected, &rules).await;
    if errors > 0 {
        eprintln!("{errors} finding(s) could not be evaluated (ERROR); see their reasons");
    }
    Ok(ExitCode::SUCCESS)
}

/// The table, JSON-lines and CSV outputs, written from the store a page of findings at
/// a time (memory does not grow with the scan). Returns how many findings are ERROR.
async fn emit_streamed(
    args: &ScanArgs,
    store: &dyn Store,
    scan: Scan,
    selected: &Catalog,
    rules: &[MuteRule],
    stats: impl Fn(&Scan) -> String,
) -> anyhow::Result<u64> {
    let view =
        results::StreamedScan::open(store, scan, selected, rules, FindingQuery::default(), &[])
            .await?;
    if let (Format::Table | Format::Json, Some(path)) = (args.format, &args.output) {
        view.emit(Format::Json, Some(path)).await?;
    }
    match args.format {
        Format::Table => {
            view.emit(Format::Table, None).await?;
            println!("\n{}", stats(&view.scan));
        }
        Format::Json => {
            view.emit(Format::Json, None).await?;
            // stdout holds only findings in this format; the figures go beside the errors.
            eprintln!("{}", stats(&view.scan));
        }
        other => view.emit(other, args.output.as_deref()).await?,
    }
    Ok(view.shown.count(Status::Error))
}

/// The whole-document outputs (OCSF, ASFF, SARIF, HTML): they hold the scan's findings
/// (and for HTML its resources and the scan before) while rendering. Returns how many
/// findings are ERROR.
async fn emit_whole(
    args: &ScanArgs,
    store: &dyn Store,
    scan: Scan,
    selected: &Catalog,
    rules: &[MuteRule],
) -> anyhow::Result<u64> {
    let previous = match args.format {
        Format::Html => match results::previous_scan(store, &scan).await? {
            Some(before) => {
                Some(results::load(store, before, selected, rules, FindingQuery::default()).await?)
            }
            None => None,
        },
        _ => None,
    };
    let mut view = results::load(store, scan, selected, rules, FindingQuery::default()).await?;
    if args.format == Format::Html {
        // The same threat paths as `parapet report --format html` and `parapet paths`.
        let (id, resources) = (&view.scan.id, &view.resources);
        let threats =
            super::graph::scan_threats(store, id, resources, None, parapet::graph::Band::Low);
        view.threats = Some(threats.await?);
        view.trend = Some(super::trend::scan_trend(store, &view.scan).await?);
    }
    let changes = previous
        .as_ref()
        .map(|before| results::compare(before, &view));
    results::emit(
        &results::render(args.format, &view, changes.as_ref()),
        args.output.as_deref(),
    )?;
    Ok(view
        .findings
        .iter()
        .filter(|f| f.shown_status() == Status::Error)
        .count() as u64)
}

/// The attributes to collect: what the selected controls read, or everything when the
/// whole catalog is scanned (stored resources then stay complete for later queries).
/// The AWS sessions of a scan run here: the profile, endpoint and attempts given, with
/// the first region named (if any) as home.
async fn local_sessions(args: &ScanArgs) -> Arc<Sessions> {
    Arc::new(
        Sessions::new(AwsOptions {
            profile: args.profile.clone(),
            endpoint_url: args.endpoint_url.clone(),
            region: args.regions.first().cloned(),
            max_attempts: args.max_attempts,
        })
        .await,
    )
}

fn attribute_plan(args: &ScanArgs, selected: &parapet::controls::Catalog) -> AttributePlan {
    if args.all_attributes || (args.benchmarks.is_empty() && args.controls.is_empty()) {
        AttributePlan::everything()
    } else {
        AttributePlan::for_controls(&selected.controls)
    }
}

/// What the scan cost: tasks, time, AWS calls and the retries among them, memory.
fn stats_line(
    scan: &parapet::model::Scan,
    worker: &Worker,
    started: std::time::Instant,
    stored_in: &str,
) -> String {
    format!(
        "{} tasks in {:.1}s, {} AWS API calls ({} retries), peak memory {}. Stored in {}",
        scan.tasks_total,
        started.elapsed().as_secs_f64(),
        worker.counter.get(),
        worker.counter.retries(),
        peak_memory(),
        stored_in
    )
}

/// The AWS operations per service, busiest first, each with its operations (retries
/// not counted): where a scan's calls go.
fn calls_breakdown(per_operation: &std::collections::BTreeMap<(String, String), u64>) -> String {
    let mut services: std::collections::BTreeMap<&str, Vec<(&str, u64)>> = Default::default();
    for ((service, operation), n) in per_operation {
        services.entry(service).or_default().push((operation, *n));
    }
    // A service, its operations' total, and its operations with their counts.
    type ServiceCalls<'a> = (&'a str, u64, Vec<(&'a str, u64)>);
    let mut services: Vec<ServiceCalls> = services
        .into_iter()
        .map(|(service, mut ops)| {
            ops.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            (service, ops.iter().map(|(_, n)| n).sum(), ops)
        })
        .collect();
    services.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut out = String::from("AWS calls per service (operations started, retries not counted):");
    for (service, total, ops) in services {
        let ops: Vec<String> = ops.iter().map(|(op, n)| format!("{op} {n}")).collect();
        out.push_str(&format!("\n  {service}: {total} ({})", ops.join(", ")));
    }
    out
}

/// Peak resident memory of this process (Linux `VmHWM`), for the scan summary and benchmarks.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l.trim_start_matches("VmHWM:").trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}
