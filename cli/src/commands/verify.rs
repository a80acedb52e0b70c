//! `parapet accounts verify ID`: before the first scan, checks that the scan role can be
//! assumed, reaches account ID, and can read what each collector reads, region by region.

use super::StoreChoice;
use clap::{Args, ValueEnum};
use parapet::aws::verify::{caller_identity, probe_for, Probe, Verdict};
use parapet::aws::{AwsOptions, Clients, Limiter, Sessions};
use parapet::collect::event_intake::is_region_name;
use parapet::collect::Scope;
use parapet::manifest::manifest;
use parapet::model::is_account_id;
use parapet::pipeline::discover_regions;
use parapet::report::terminal_text;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Args)]
pub struct VerifyArgs {
    account_id: String,
    /// The role to check; default: the registered account's role.
    #[arg(long)]
    role_arn: Option<String>,
    /// Regions to check (repeatable); default: the account's registered regions, else
    /// every region enabled in it.
    #[arg(long = "region", value_parser = region_name)]
    regions: Vec<String>,
    /// The ExternalId the role's trust policy requires; prefer PARAPET_EXTERNAL_ID or
    /// --external-id-file (a command line is visible to other users).
    #[arg(long)]
    external_id: Option<String>,
    #[arg(long, value_name = "PATH", conflicts_with = "external_id")]
    external_id_file: Option<PathBuf>,
    /// Assume the role without an ExternalId (only for roles whose trust policy asks none).
    #[arg(long, conflicts_with_all = ["external_id", "external_id_file"])]
    no_external_id: bool,
    /// Only these collectors (repeatable), e.g. kms; default: every collector.
    #[arg(long = "collector", value_name = "NAME")]
    collectors: Vec<String>,
    #[arg(long, env = "AWS_PROFILE")]
    profile: Option<String>,
    #[arg(long, env = "AWS_ENDPOINT_URL")]
    endpoint_url: Option<String>,
    #[arg(long, value_enum, default_value = "table")]
    format: VerifyFormat,
}

#[derive(Clone, Copy, ValueEnum)]
enum VerifyFormat {
    Table,
    Json,
}

/// One probe's answer: what the table and the JSON show.
struct Row {
    collector: &'static str,
    region: String,
    verdict: Verdict,
}

/// The forwarding rule the target-account templates create in each region.
const FORWARD_RULE: &str = "parapet-forward-cloudtrail";

/// No probe may hold the command longer than this (the SDK's own timeouts are longer).
const PROBE_TIMEOUT: Duration = Duration::from_secs(30);
/// Attempts per probe: a verification reports, it need not outlast throttling.
const PROBE_ATTEMPTS: u32 = 2;

fn region_name(value: &str) -> Result<String, String> {
    if is_region_name(value) {
        Ok(value.to_string())
    } else {
        Err(format!(
            "{:?} is not an AWS region name",
            value.chars().take(64).collect::<String>()
        ))
    }
}

pub async fn run(args: VerifyArgs, store: StoreChoice) -> anyhow::Result<ExitCode> {
    if !is_account_id(&args.account_id) {
        anyhow::bail!(
            "{:?} is not a 12-digit AWS account id",
            terminal_text(&args.account_id)
        );
    }
    if let Some(unknown) = args
        .collectors
        .iter()
        .find(|c| !manifest().resource_types.iter().any(|t| &t.collector == *c))
    {
        anyhow::bail!("no collector is named {:?}", terminal_text(unknown));
    }
    // With --role-arn the registration is optional (an account checked before it is
    // registered, on a machine with no store yet).
    let registered = match store.open().await {
        Ok(store) => store.account(&args.account_id).await?,
        Err(_) if args.role_arn.is_some() => None,
        Err(e) => return Err(e),
    };
    let role = args
        .role_arn
        .clone()
        .or_else(|| registered.as_ref().and_then(|a| a.role_arn.clone()));
    let Some((sessions, clients, identity)) = assume(&args, role.as_deref()).await? else {
        return Ok(ExitCode::FAILURE);
    };
    let home = sessions.home_region();
    let mut regions = args.regions.clone();
    if regions.is_empty() {
        regions = registered
            .as_ref()
            .map(|a| a.regions.clone())
            .unwrap_or_default();
    }
    let (regions, not_opted_in) = region_states(&clients, &home, regions).await;
    let rows = probe_all(&clients, &home, &regions, &not_opted_in, &args.collectors).await;
    print_rows(&identity, &rows, args.format)?;
    if registered.is_some_and(|a| a.realtime) {
        // The scan role reads event buses, not rules (infra/cloudformation/target-account.yml);
        // widening it for this check would grant a scan what it does not use.
        eprintln!(
            "event forwarding not checked: the scan role may not read EventBridge rules; \
             check that rule {FORWARD_RULE} exists in each region of the account"
        );
    }
    Ok(if rows.iter().any(|r| r.verdict.fails()) {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// The account and principal ARN the credentials reach.
struct Identity {
    account: String,
    arn: String,
}

/// Assumes `role` (the base credentials without one) and checks it reaches the account
/// asked for; None, with the reason on stderr, when it does not.
async fn assume(
    args: &VerifyArgs,
    role: Option<&str>,
) -> anyhow::Result<Option<(Sessions, Clients, Identity)>> {
    let external_id = external_id(args)?;
    if let (Some(role), None, false) = (role, &external_id, args.no_external_id) {
        eprintln!(
            "refusing to assume {role} without an ExternalId: give the one its trust policy \
             requires (PARAPET_EXTERNAL_ID, --external-id-file PATH or --external-id ID), or \
             --no-external-id if the role's trust policy asks none"
        );
        return Ok(None);
    }
    let sessions = Sessions::new(AwsOptions {
        profile: args.profile.clone(),
        endpoint_url: args.endpoint_url.clone(),
        region: None,
        max_attempts: PROBE_ATTEMPTS,
    })
    .await;
    let limiter = Limiter::new(4);
    let clients = sessions
        .clients(role, external_id.as_deref(), limiter, Default::default())
        .await?;
    let (account, arn) = match caller_identity(&clients.config).await {
        Ok(identity) => identity,
        Err(e) => {
            let what = role.unwrap_or("the base credentials");
            eprintln!("cannot use {what}: {}", terminal_text(&e.to_string()));
            return Ok(None);
        }
    };
    if account != args.account_id {
        eprintln!(
            "refusing: these credentials reach account {account}, not {} (identity {})",
            args.account_id,
            terminal_text(&arn)
        );
        return Ok(None);
    }
    Ok(Some((sessions, clients, Identity { account, arn })))
}

/// The ExternalId from the flags or PARAPET_EXTERNAL_ID, as `scan --role-arn` takes it;
/// the value never appears in a message.
fn external_id(args: &VerifyArgs) -> anyhow::Result<Option<String>> {
    if args.no_external_id {
        return Ok(None);
    }
    let value = match (&args.external_id, &args.external_id_file) {
        (_, Some(path)) => {
            let text = parapet::input::read_text_capped(path, "ExternalId file")?;
            text.lines().next().unwrap_or("").trim().to_string()
        }
        (Some(id), None) => id.clone(),
        (None, None) => std::env::var("PARAPET_EXTERNAL_ID").unwrap_or_default(),
    };
    Ok((!value.is_empty()).then_some(value))
}

/// The regions to check, and those of them the account has not opted in to (None when
/// the role may not list regions). Without a list: every region enabled in the
/// account, or the home region when the role may not list regions.
async fn region_states(
    clients: &Clients,
    home: &str,
    wanted: Vec<String>,
) -> (Vec<String>, Option<Vec<String>>) {
    let discovered = discover_regions(clients, home).await;
    match (wanted.is_empty(), discovered) {
        (true, Ok(r)) => (r.enabled, Some(Vec::new())),
        (true, Err(e)) => {
            eprintln!(
                "cannot list the account's regions, checking {home} only: {}",
                terminal_text(&parapet::aws::error_line(&e))
            );
            (vec![home.to_string()], None)
        }
        (false, Ok(r)) => (wanted, Some(r.not_opted_in)),
        (false, Err(_)) => (wanted, None),
    }
}

/// Every collector's probe: global collectors once (home region), regional ones in each
/// region; collectors without a probe are listed as not checked, on stderr.
async fn probe_all(
    clients: &Clients,
    home: &str,
    regions: &[String],
    not_opted_in: &Option<Vec<String>>,
    only: &[String],
) -> Vec<Row> {
    let mut collectors: Vec<(&'static str, Scope)> = Vec::new();
    for t in &manifest().resource_types {
        let wanted = only.is_empty() || only.contains(&t.collector);
        if wanted && !collectors.iter().any(|(c, _)| *c == t.collector) {
            collectors.push((t.collector.as_str(), t.scope));
        }
    }
    let unchecked: Vec<&str> = collectors
        .iter()
        .filter(|(c, _)| probe_for(c).is_none())
        .map(|(c, _)| *c)
        .collect();
    let mut tasks = tokio::task::JoinSet::new();
    let mut order = 0usize;
    for (collector, scope) in &collectors {
        let Some(probe) = probe_for(collector) else {
            continue;
        };
        let places: Vec<String> = match scope {
            Scope::Global => vec![home.to_string()],
            Scope::Regional => regions.to_vec(),
        };
        for region in places {
            let skip = not_opted_in.as_ref().is_some_and(|l| l.contains(&region));
            // Unknown opt-in status: credentials STS just accepted and a region refuses
            // mean a region not enabled.
            let maybe_opt_in = not_opted_in.is_none();
            let clients = clients.clone();
            tasks.spawn(async move {
                let verdict = run_probe(probe, &clients, &region, skip, maybe_opt_in).await;
                (
                    order,
                    Row {
                        collector: probe.collector,
                        region,
                        verdict,
                    },
                )
            });
            order += 1;
        }
    }
    eprintln!(
        "checking {order} collector reads in {} region(s)...",
        regions.len()
    );
    let mut rows: Vec<(usize, Row)> = tasks.join_all().await;
    rows.sort_by_key(|(i, _)| *i);
    if !unchecked.is_empty() {
        eprintln!(
            "not checked (no probe for these collectors yet): {}",
            unchecked.join(", ")
        );
    }
    rows.into_iter().map(|(_, r)| r).collect()
}

/// One probe, bounded in time; an opt-in region the account has not enabled is not called.
async fn run_probe(
    probe: &'static Probe,
    clients: &Clients,
    region: &str,
    not_enabled: bool,
    maybe_opt_in: bool,
) -> Verdict {
    if not_enabled {
        return Verdict::RegionNotEnabled {
            reason: format!("{region} is an opt-in region the account has not enabled"),
        };
    }
    let call = probe.run(clients, region, maybe_opt_in);
    match tokio::time::timeout(PROBE_TIMEOUT, call).await {
        Ok(v) => v,
        Err(_) => Verdict::Error {
            reason: format!(
                "{}: no answer within {}s",
                probe.call,
                PROBE_TIMEOUT.as_secs()
            ),
        },
    }
}

fn print_rows(identity: &Identity, rows: &[Row], format: VerifyFormat) -> anyhow::Result<()> {
    match format {
        VerifyFormat::Json => {
            let mut results = Vec::new();
            for r in rows {
                let mut row = serde_json::to_value(&r.verdict)?;
                row["collector"] = r.collector.into();
                row["region"] = r.region.clone().into();
                results.push(row);
            }
            let out = serde_json::json!({
                "account": identity.account,
                "identity": identity.arn,
                "results": results,
            });
            println!("{}", serde_json::to_string_pretty(&out)?);
        }
        VerifyFormat::Table => {
            println!(
                "account {}, identity {}",
                identity.account,
                terminal_text(&identity.arn)
            );
            println!("{:<20} {:<16} RESULT", "COLLECTOR", "REGION");
            for r in rows {
                println!(
                    "{:<20} {:<16} {}",
                    r.collector,
                    r.region,
                    terminal_text(&r.verdict.text())
                );
            }
        }
    }
    Ok(())
}
