//! `parapet scan --organization`: every active account of an AWS Organization, listed
//! with the management (or delegated administrator) credentials the CLI runs with, each
//! reached through `--role-name` and scanned as a single-account scan is (one scan
//! record each), a bounded number of accounts at once.

mod accounts;

use super::super::results::StreamedScan;
use super::super::{catalog, results, Format, StoreChoice};
use super::{
    attribute_plan, calls_breakdown, collectors_for_controls, local_sessions, peak_memory,
    resolve_external_id, ScanArgs, EXTERNAL_ID_ENV,
};
use accounts::{ExternalIdFrom, ExternalIds};
use anyhow::Context;
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_types::error::ErrorMetadata;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use parapet::aws::{CallCounter, Clients, Limiter, Sessions};
use parapet::collect::call_plan::AttributePlan;
use parapet::collect::CollectorSpec;
use parapet::controls::Catalog;
use parapet::model::{MuteRule, Scan, Status};
use parapet::pipeline::{plan_scan, run_local, LocalProgress, ScanRequest, Worker};
use parapet::report::{terminal_text, ShownCounts};
use parapet::serverless::external_id::ExternalIdKey;
use parapet::store::{FindingQuery, Store};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

#[derive(Args)]
pub struct OrgArgs {
    /// Scan every active account of the AWS Organization these credentials manage (the
    /// management account's or a delegated administrator's): lists the accounts and
    /// assumes --role-name in each. The credentials' own account is scanned with them.
    #[arg(long, requires = "role_name", conflicts_with_all = ["remote", "role_arn", "external_id", "external_id_file"])]
    pub organization: bool,
    /// With --organization: the role to assume in each account
    /// (arn:<partition>:iam::<account>:role/<NAME>).
    #[arg(long, value_name = "NAME", requires = "organization", value_parser = accounts::role_name)]
    role_name: Option<String>,
    /// With --organization: each account's ExternalId: `key-secret:ARN` derives it per
    /// account from the installation's key secret (as `parapet accounts external-id`);
    /// `file:PATH` (its first line) or `env` (PARAPET_EXTERNAL_ID) give one for all.
    #[arg(long, value_name = "SOURCE", requires = "organization", conflicts_with = "no_external_id", value_parser = ExternalIdFrom::parse)]
    external_id_from: Option<ExternalIdFrom>,
    /// With --organization: leave this account out (repeatable).
    #[arg(long = "exclude-account", value_name = "ID", requires = "organization", value_parser = accounts::account_id)]
    excluded_accounts: Vec<String>,
    /// With --organization: accounts scanned at once, each with --concurrency tasks.
    #[arg(long, default_value_t = 4, requires = "organization")]
    account_concurrency: usize,
}

/// What the scans of an organization's accounts share.
struct OrgScan {
    args: ScanArgs,
    store: Arc<dyn Store>,
    /// The selected controls.
    catalog: Arc<Catalog>,
    rules: Vec<MuteRule>,
    sessions: Arc<Sessions>,
    collectors: Vec<&'static CollectorSpec>,
    plan: AttributePlan,
    /// One for the whole run; each account spends its own quotas through it
    /// (`Limiter::for_account`).
    limiter: Limiter,
    /// The calls made with the base credentials (identity, listing the accounts).
    base_counter: CallCounter,
    /// The account of the base credentials: scanned with them, not through the role.
    caller_account: String,
    partition: String,
    role_name: String,
    external_ids: ExternalIds,
    bar: ProgressBar,
}

/// How one account's scan ended.
struct AccountRun {
    account_id: String,
    /// The finished scan, or why the account could not be scanned.
    outcome: Result<Scan, String>,
    counter: CallCounter,
}

pub async fn run(
    args: ScanArgs,
    store_choice: StoreChoice,
    extra_controls: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if !matches!(args.format, Format::Table | Format::Json) {
        anyhow::bail!(
            "--organization prints a table or JSON lines; for other formats render each \
             account's scan afterwards with `parapet report --scan ID --format ...`"
        );
    }
    let (org, chosen, missing) = prepare(args, &store_choice, extra_controls).await?;
    let started = Instant::now();
    let runs = scan_accounts(org.clone(), chosen).await?;
    org.bar.finish_and_clear();
    let all_scanned = report(&org, &runs).await?;
    let closing = closing_line(&org, &runs, started, &store_choice.describe());
    match org.args.format {
        Format::Json => eprintln!("{closing}"),
        _ => println!("\n{closing}"),
    }
    Ok(if all_scanned && missing.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Everything before the first account: the controls, the store, the ExternalIds, the
/// caller's account, the organization's accounts. Returns the accounts to scan, and
/// those `--account` named that the organization does not list as active (reported).
async fn prepare(
    mut args: ScanArgs,
    store_choice: &StoreChoice,
    extra_controls: Option<&Path>,
) -> anyhow::Result<(Arc<OrgScan>, Vec<String>, Vec<String>)> {
    let only: Vec<String> = args
        .accounts
        .iter()
        .map(|a| accounts::account_id(a).map_err(anyhow::Error::msg))
        .collect::<anyhow::Result<_>>()?;
    let role_name = args
        .org
        .role_name
        .clone()
        .context("--organization needs --role-name")?;
    let selected = catalog(extra_controls)?.select(&args.benchmarks, &args.controls)?;
    let store: Arc<dyn Store> = store_choice.open().await?;
    let rules = results::mute_rules(store.as_ref(), args.mutelist.as_deref()).await?;
    let sessions = local_sessions(&args).await;
    let external_ids = external_ids(&mut args, &sessions).await?;
    let limiter = Limiter::new(args.calls_per_service).with_cap(args.max_calls_per_second);
    let base_counter = CallCounter::default();
    let base = sessions
        .clients(None, None, limiter.clone(), base_counter.clone())
        .await?;
    let caller_account = sessions.caller_account(&base.config).await?;
    let listed = accounts::list_active(&base, &sessions.home_region()).await?;
    let (chosen, missing) = accounts::narrow(&listed.accounts, &only, &args.org.excluded_accounts);
    for m in &missing {
        eprintln!("account {m} is not an active account of the organization: not scanned");
    }
    if chosen.is_empty() {
        anyhow::bail!(
            "no account to scan: the organization lists {} active account(s) and the \
             --account/--exclude-account flags leave none",
            listed.accounts.len()
        );
    }
    let org = OrgScan {
        collectors: collectors_for_controls(&selected),
        plan: attribute_plan(&args, &selected),
        catalog: Arc::new(selected),
        rules,
        limiter,
        base_counter,
        bar: progress_bar(chosen.len()),
        args,
        store,
        sessions,
        caller_account,
        partition: listed.partition,
        role_name,
        external_ids,
    };
    Ok((Arc::new(org), chosen, missing))
}

/// What the run cost: accounts, time, AWS calls and retries, memory; with `--verbose`
/// the calls per service and operation, every account's together.
fn closing_line(org: &OrgScan, runs: &[AccountRun], started: Instant, stored_in: &str) -> String {
    let counters: Vec<&CallCounter> = runs
        .iter()
        .map(|r| &r.counter)
        .chain([&org.base_counter])
        .collect();
    let calls: u64 = counters.iter().map(|c| c.get()).sum();
    let retries: u64 = counters.iter().map(|c| c.retries()).sum();
    let line = format!(
        "{} account(s), {} scanned, in {:.1}s, {calls} AWS API calls ({retries} retries), \
         peak memory {}. Stored in {stored_in}",
        runs.len(),
        runs.iter().filter(|r| r.outcome.is_ok()).count(),
        started.elapsed().as_secs_f64(),
        peak_memory(),
    );
    if !org.args.verbose {
        return line;
    }
    let mut per_operation = BTreeMap::new();
    for (key, n) in counters.iter().flat_map(|c| c.per_operation()) {
        *per_operation.entry(key).or_insert(0) += n;
    }
    format!("{line}\n{}", calls_breakdown(&per_operation))
}

/// The ExternalIds the accounts' roles require, from `--external-id-from`. Assuming roles
/// without one takes an explicit `--no-external-id`, as for `--role-arn`.
async fn external_ids(args: &mut ScanArgs, sessions: &Sessions) -> anyhow::Result<ExternalIds> {
    if args.no_external_id {
        return Ok(ExternalIds::None);
    }
    let Some(from) = args.org.external_id_from.clone() else {
        anyhow::bail!(
            "refusing to assume the accounts' roles without an ExternalId: give \
             --external-id-from key-secret:ARN, file:PATH or env, or --no-external-id if \
             the roles' trust policies ask none"
        );
    };
    // `resolve_external_id` reads and checks the file, or the environment when no
    // file is given.
    args.external_id = None;
    args.external_id_file = None;
    match from {
        ExternalIdFrom::KeySecret(arn) => Ok(ExternalIds::Derived(
            ExternalIdKey::load(sessions, &arn).await?,
        )),
        ExternalIdFrom::File(path) => {
            args.external_id_file = Some(path);
            Ok(ExternalIds::Same(
                resolve_external_id(args)?.context("the ExternalId file is empty")?,
            ))
        }
        ExternalIdFrom::Env => resolve_external_id(args)?
            .map(ExternalIds::Same)
            .with_context(|| format!("--external-id-from env: {EXTERNAL_ID_ENV} is not set")),
    }
}

fn progress_bar(accounts: usize) -> ProgressBar {
    let bar = if std::io::stderr().is_terminal() {
        ProgressBar::new(accounts as u64)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} accounts  {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar
}

/// A progress line on stderr, above the bar when there is one (a hidden bar drops what
/// it is asked to print).
pub(super) fn say(bar: &ProgressBar, line: String) {
    if bar.is_hidden() {
        eprintln!("{line}");
    } else {
        bar.println(line);
    }
}

/// Scans the accounts, at most `--account-concurrency` at once; runs sorted by account.
async fn scan_accounts(
    org: Arc<OrgScan>,
    accounts: Vec<String>,
) -> anyhow::Result<Vec<AccountRun>> {
    let slots = Arc::new(tokio::sync::Semaphore::new(
        org.args.org.account_concurrency.max(1),
    ));
    let mut running = tokio::task::JoinSet::new();
    for account_id in accounts {
        // Taken before the account's worker exists, so idle accounts hold nothing.
        let slot = slots.clone().acquire_owned().await.expect("never closed");
        let org = org.clone();
        running.spawn(async move {
            let run = scan_account(&org, account_id).await;
            drop(slot);
            org.bar.inc(1);
            run
        });
    }
    let mut runs = Vec::new();
    while let Some(joined) = running.join_next().await {
        match joined {
            Ok(run) => runs.push(run),
            Err(e) if e.is_panic() => std::panic::resume_unwind(e.into_panic()),
            Err(e) => anyhow::bail!("an account's scan was cancelled: {e}"),
        }
    }
    runs.sort_by(|a, b| a.account_id.cmp(&b.account_id));
    Ok(runs)
}

/// One account, start to finish, with a progress line as it starts and as it ends.
async fn scan_account(org: &OrgScan, account_id: String) -> AccountRun {
    let role = (account_id != org.caller_account)
        .then(|| accounts::role_arn(&org.partition, &account_id, &org.role_name));
    let external_id = role
        .as_ref()
        .and_then(|_| org.external_ids.for_account(&account_id));
    let started = Instant::now();
    let (outcome, counter) = match account_worker(org, &account_id, &role, &external_id) {
        Ok(worker) => {
            let (role, id) = (role.as_deref(), external_id.as_deref());
            let scanned = scan_reached(org, &worker, &account_id, role, id).await;
            (scanned, worker.counter.clone())
        }
        Err(e) => (Err(e), CallCounter::default()),
    };
    let outcome = outcome.map_err(|e| format!("{e:#}"));
    let line = match &outcome {
        Ok(scan) => format!(
            "account {account_id}: done in {:.1}s, {} resources, {} tasks ({} failed)",
            started.elapsed().as_secs_f64(),
            scan.summary.as_ref().map_or(0, |s| s.resources),
            scan.tasks_total,
            scan.tasks_failed
        ),
        Err(e) => format!("account {account_id}: not scanned: {}", terminal_text(e)),
    };
    say(&org.bar, line);
    AccountRun {
        account_id,
        outcome,
        counter,
    }
}

/// The account's worker: its own role and call counter, the run's store, controls and
/// attribute plan, and the run's limiter scoped to the account.
fn account_worker(
    org: &OrgScan,
    account_id: &str,
    role: &Option<String>,
    external_id: &Option<String>,
) -> anyhow::Result<Arc<Worker>> {
    let worker = Worker::new(
        org.store.clone(),
        org.catalog.clone(),
        org.sessions.clone(),
        // AWS counts an API's rate per account: one account's throttling never slows
        // another's, and each has the limits a single-account scan has.
        org.limiter.for_account(account_id),
    )?;
    Ok(Arc::new(
        worker
            .with_role(role.clone(), external_id.clone())
            .with_plan(org.plan.clone()),
    ))
}

/// The account's clients: its role assumed (AWS's refusal named as such) and the
/// credentials checked to land in the account.
async fn reach(
    org: &OrgScan,
    worker: &Worker,
    account_id: &str,
    role: Option<&str>,
    external_id: Option<&str>,
) -> anyhow::Result<Clients> {
    let clients = worker.clients(role, external_id).await?;
    if let Some(role) = role {
        let provider = clients
            .config
            .credentials_provider()
            .context("no AWS credentials are configured")?;
        provider
            .provide_credentials()
            .await
            .map_err(|e| anyhow::anyhow!("cannot assume {role}: {}", aws_failure(&e)))?;
    }
    let reached = org
        .sessions
        .caller_account(&clients.config)
        .await
        .with_context(|| match role {
            Some(r) => format!("cannot use {r}"),
            None => "cannot reach it with the base credentials".into(),
        })?;
    if reached != account_id {
        anyhow::bail!("its credentials reach account {reached} instead");
    }
    Ok(clients)
}

/// Reaches the account, plans its tasks over its enabled regions, records its scan and
/// runs it.
async fn scan_reached(
    org: &OrgScan,
    worker: &Arc<Worker>,
    account_id: &str,
    role: Option<&str>,
    external_id: Option<&str>,
) -> anyhow::Result<Scan> {
    let clients = reach(org, worker, account_id, role, external_id).await?;
    let request = ScanRequest {
        regions: &org.args.regions,
        ..Default::default()
    };
    let home_region = org.sessions.home_region();
    let plan = plan_scan(
        &clients,
        &home_region,
        account_id,
        &request,
        &org.collectors,
    )
    .await?;
    if !plan.not_region_names.is_empty() {
        say(
            &org.bar,
            format!(
                "account {account_id}: skipping {} region name(s) the account listed that are \
                 not AWS region names: {:?}",
                plan.not_region_names.len(),
                terminal_text(&plan.not_region_names.join(", "))
            ),
        );
    }
    let (scan, tasks) = (plan.scan, plan.tasks);
    org.store.create_scan(&scan).await?;
    let how = match role {
        Some(_) => "",
        None => " (with the base credentials)",
    };
    say(
        &org.bar,
        format!(
            "account {account_id}: scan {} started, {} tasks in {} region(s){how}",
            scan.id,
            tasks.len(),
            scan.regions.len(),
        ),
    );
    let on_progress = task_failures(org.bar.clone(), account_id.to_string());
    run_local(worker.clone(), tasks, org.args.concurrency, on_progress).await
}

/// Names each failed task of an account above the progress bar.
fn task_failures(bar: ProgressBar, account: String) -> Arc<dyn Fn(LocalProgress) + Send + Sync> {
    Arc::new(move |p: LocalProgress| match p {
        LocalProgress::TaskFailed { task, error } => {
            let (collector, region) = (&task.collector, &task.region);
            let error = terminal_text(&error);
            say(
                &bar,
                format!("account {account}: task {collector} in {region} failed: {error}"),
            );
        }
        LocalProgress::TaskDone { task, unlisted, .. } => {
            for line in unlisted {
                let line = terminal_text(&line);
                say(
                    &bar,
                    format!(
                        "account {account}: task {} in {}: {line}",
                        task.collector, task.region
                    ),
                );
            }
        }
    })
}

/// Why a call failed: AWS's error code and message when AWS answered, else each cause.
fn aws_failure(err: &(dyn std::error::Error + 'static)) -> String {
    let mut causes = Vec::new();
    let mut cause = Some(err);
    while let Some(e) = cause {
        if let Some(answer) = e.downcast_ref::<ErrorMetadata>() {
            return format!(
                "{}: {}",
                answer.code().unwrap_or("an error without a code"),
                answer.message().unwrap_or("(no message)")
            );
        }
        causes.push(e.to_string());
        cause = e.source();
    }
    causes.join(": ")
}

/// Writes every scanned account's findings (JSON lines to stdout with `--format json`,
/// and to `--output`) a page at a time, then the per-account summary. False when an
/// account was not scanned.
async fn report(org: &OrgScan, runs: &[AccountRun]) -> anyhow::Result<bool> {
    let mut file: Option<Box<dyn Write + Send>> = match &org.args.output {
        Some(path) => Some(Box::new(std::io::BufWriter::new(
            std::fs::File::create(path)
                .with_context(|| format!("cannot write {}", path.display()))?,
        ))),
        None => None,
    };
    let json = org.args.format == Format::Json;
    let mut table = format!(
        "{:<14} {:>9} {:>6} {:>7} {:>6} {:>6}  SCAN\n",
        "ACCOUNT", "RESOURCES", "FAIL", "SCORE", "ERROR", "FAILED"
    );
    let mut errors = 0;
    for run in runs {
        let Ok(scan) = &run.outcome else {
            table += &format!("{:<14} not scanned (see below)\n", run.account_id);
            continue;
        };
        let store = org.store.as_ref();
        let query = FindingQuery::default();
        let (catalog, rules) = (org.catalog.as_ref(), org.rules.as_slice());
        let view = StreamedScan::open(store, scan.clone(), catalog, rules, query, &[]).await?;
        if json {
            view.emit(Format::Json, None).await?;
        }
        if let Some(out) = &mut file {
            view.write(Format::Json, out.as_mut())
                .await
                .context("cannot write the --output file")?;
        }
        table += &summary_row(&view.scan, &view.shown);
        errors += view.shown.count(Status::Error);
    }
    if let Some(mut out) = file {
        out.flush().context("cannot write the --output file")?;
    }
    table += "\nDetails of an account's scan: parapet report --scan SCAN\n";
    if json {
        eprint!("{table}");
    } else {
        print!("{table}");
    }
    let failed: Vec<(&String, &String)> = runs
        .iter()
        .filter_map(|r| r.outcome.as_ref().err().map(|e| (&r.account_id, e)))
        .collect();
    for (account, error) in &failed {
        eprintln!(
            "account {account} could not be scanned: {}",
            terminal_text(error)
        );
    }
    if errors > 0 {
        eprintln!("{errors} finding(s) could not be evaluated (ERROR); see their reasons");
    }
    Ok(failed.is_empty())
}

/// An account's line: resources, FAIL and ERROR findings, the score (PASS and INFO
/// among PASS, INFO and FAIL, as the benchmarks score), failed tasks, the scan id.
fn summary_row(scan: &Scan, shown: &ShownCounts) -> String {
    let (pass, info, fail) = (
        shown.count(Status::Pass),
        shown.count(Status::Info),
        shown.count(Status::Fail),
    );
    let score = match pass + info + fail {
        0 => "n/a".to_string(),
        total => format!("{:.1}%", (pass + info) as f64 * 100.0 / total as f64),
    };
    format!(
        "{:<14} {:>9} {:>6} {:>7} {:>6} {:>6}  {}\n",
        terminal_text(&scan.account_id),
        scan.summary.as_ref().map_or(0, |s| s.resources),
        fail,
        score,
        shown.count(Status::Error),
        scan.tasks_failed,
        scan.id
    )
}
