//! `parapet alerts`: the alert destinations of the registry (secrets kept by reference),
//! a test message, and sending a scan's alerts; `after_scan` is what `parapet scan` runs
//! once a scan is finalized.

use super::{db_path, find_scan, results, StoreChoice, StoreKind};
use clap::{Args, Subcommand};
use parapet::alert::deliver::{RetryPolicy, Sender};
use parapet::alert::dispatch::{dispatch, send_unrecorded, DispatchReport};
use parapet::alert::load::scan_transitions;
use parapet::alert::model::{
    bus_region, check_url, topic_region, Destination, DestinationKind, SecretRef,
};
use parapet::alert::plan::{plan, test_batch};
use parapet::alert::AlertStore;
use parapet::controls::Catalog;
use parapet::model::{MuteRule, Scan, Severity};
use parapet::report::terminal_text;
use parapet::store::{SqliteStore, Store};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AlertsCommand {
    /// Add a destination; secrets are given as references (env:NAME or file:/path),
    /// never as values.
    Add {
        #[command(subcommand)]
        kind: AddKind,
    },
    /// The destinations, with their secret references (never the values).
    List,
    /// Remove a destination and its delivery records.
    Remove { id: String },
    /// Send a clearly marked test message to a destination.
    Test { id: String },
    /// Send the alerts of a stored scan: messages already delivered are not sent again,
    /// and dead letters of earlier scans are retried first.
    Send {
        /// `latest` (of `--account`, if given) or a scan id.
        #[arg(long, default_value = "latest")]
        scan: String,
        #[arg(long)]
        account: Option<String>,
        /// Also apply the mute rules of this file (Prowler mutelist YAML format).
        #[arg(long)]
        mutelist: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
pub enum AddKind {
    /// A generic HTTPS webhook: JSON bodies signed with HMAC-SHA256 (X-Parapet-Signature).
    Webhook {
        /// Where the URL is: env:NAME or file:/path.
        #[arg(long, value_name = "REF")]
        url: String,
        /// Where the signing key is (16 bytes at least): env:NAME or file:/path.
        #[arg(long, value_name = "REF")]
        signing_key: String,
        #[command(flatten)]
        wants: Wants,
    },
    /// A Slack incoming webhook.
    Slack {
        /// Where the incoming-webhook URL is: env:NAME or file:/path.
        #[arg(long, value_name = "REF")]
        url: String,
        #[command(flatten)]
        wants: Wants,
    },
    /// An SNS topic, published to with the default AWS credential chain (AWS_PROFILE,
    /// AWS_ENDPOINT_URL) of the process that scans; needs sns:Publish on the topic.
    Sns {
        #[arg(long, value_name = "ARN")]
        topic_arn: String,
        #[command(flatten)]
        wants: Wants,
    },
    /// An EventBridge bus: events with source `parapet`, detail-type `Parapet Alert`,
    /// put with the default AWS credential chain; needs events:PutEvents on the bus.
    Eventbridge {
        #[arg(long, value_name = "ARN")]
        bus_arn: String,
        #[command(flatten)]
        wants: Wants,
    },
}

#[derive(Args)]
pub struct Wants {
    /// New failures of this severity or more severe are sent.
    #[arg(long, default_value = "high", value_parser = severity)]
    min_severity: Severity,
    /// Also send a message when failures are resolved.
    #[arg(long)]
    resolved: bool,
}

fn severity(text: &str) -> Result<Severity, String> {
    text.parse()
}

/// A reference given on the command line. Parsed here rather than by clap, whose error
/// would repeat the text: a URL pasted in place of a reference is a secret.
fn reference(flag: &str, text: &str) -> anyhow::Result<SecretRef> {
    SecretRef::parse(text).map_err(|e| anyhow::anyhow!("--{flag}: {e}"))
}

/// The store alert destinations live in: the local SQLite file only, for now.
fn alert_store(choice: &StoreChoice) -> anyhow::Result<SqliteStore> {
    if choice.kind != StoreKind::Sqlite {
        anyhow::bail!(
            "alert destinations are kept in the local SQLite store only; the DynamoDB store does not hold them yet"
        );
    }
    SqliteStore::open(&db_path(choice.db.clone())?)
}

pub async fn run(
    command: AlertsCommand,
    choice: StoreChoice,
    extra_controls: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    match command {
        AlertsCommand::Add { kind } => add(kind, &choice).await,
        AlertsCommand::List => list(&choice).await,
        AlertsCommand::Remove { id } => {
            if !alert_store(&choice)?.delete_destination(&id).await? {
                anyhow::bail!("no alert destination {id:?}; `parapet alerts list` shows them");
            }
            println!("removed alert destination {id}");
            Ok(ExitCode::SUCCESS)
        }
        AlertsCommand::Test { id } => test(&id, &choice).await,
        AlertsCommand::Send {
            scan,
            account,
            mutelist,
        } => {
            let store = choice.open_existing().await?;
            let scan = find_scan(store.as_ref(), &scan, account.as_deref()).await?;
            if scan.finished_at.is_none() {
                anyhow::bail!(
                    "scan {} has not finished; its alerts are sent once it has",
                    scan.id
                );
            }
            let rules = results::mute_rules(store.as_ref(), mutelist.as_deref()).await?;
            let catalog = super::catalog(extra_controls)?;
            let alerts = alert_store(&choice)?;
            let delivered = send_for_scan(&alerts, store.as_ref(), &catalog, &rules, &scan).await?;
            Ok(if delivered {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
    }
}

async fn add(kind: AddKind, choice: &StoreChoice) -> anyhow::Result<ExitCode> {
    let (kind, wants) = match kind {
        AddKind::Webhook {
            url,
            signing_key,
            wants,
        } => (
            DestinationKind::Webhook {
                url: reference("url", &url)?,
                signing_key: reference("signing-key", &signing_key)?,
            },
            wants,
        ),
        AddKind::Slack { url, wants } => (
            DestinationKind::Slack {
                url: reference("url", &url)?,
            },
            wants,
        ),
        AddKind::Sns { topic_arn, wants } => {
            topic_region(&topic_arn).map_err(|e| anyhow::anyhow!("--topic-arn: {e}"))?;
            (DestinationKind::Sns { topic_arn }, wants)
        }
        AddKind::Eventbridge { bus_arn, wants } => {
            bus_region(&bus_arn).map_err(|e| anyhow::anyhow!("--bus-arn: {e}"))?;
            (DestinationKind::EventBridge { bus_arn }, wants)
        }
    };
    // A URL that resolves here must be usable; one that does not may be set only where
    // scans run (a scheduled job's environment), so that is a warning.
    if let Some(reference) = kind.url() {
        match reference.resolve() {
            Ok(url) => check_url(&url).map_err(|e| anyhow::anyhow!("{reference}: {e}"))?,
            Err(e) => eprintln!("warning: {e:#}; it must resolve where scans run"),
        }
    }
    let dest = Destination::new(kind, wants.min_severity, wants.resolved);
    alert_store(choice)?.put_destination(&dest).await?;
    println!(
        "added alert destination {} ({}, {} and above{})",
        dest.id,
        dest.kind.label(),
        dest.min_severity,
        if dest.send_resolved {
            ", resolutions too"
        } else {
            ""
        }
    );
    Ok(ExitCode::SUCCESS)
}

async fn list(choice: &StoreChoice) -> anyhow::Result<ExitCode> {
    let store = alert_store(choice)?;
    let destinations = store.destinations().await?;
    if destinations.is_empty() {
        println!("no alert destinations; add one with `parapet alerts add webhook|slack`");
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{:<16} {:<8} {:<14} {:<9} {:>12}  SECRETS",
        "ID", "KIND", "MIN SEVERITY", "RESOLVED", "DEAD LETTERS"
    );
    for d in destinations {
        let dead = store.dead_letters(&d.id, 10_000).await?.len();
        let secrets = match &d.kind {
            DestinationKind::Webhook { url, signing_key } => {
                format!("url={url} signing-key={signing_key}")
            }
            DestinationKind::Slack { url } => format!("url={url}"),
            DestinationKind::Sns { topic_arn } => format!("topic={topic_arn}"),
            DestinationKind::EventBridge { bus_arn } => format!("bus={bus_arn}"),
        };
        println!(
            "{:<16} {:<8} {:<14} {:<9} {:>12}  {}",
            d.id,
            d.kind.label(),
            d.min_severity,
            if d.send_resolved { "yes" } else { "no" },
            dead,
            terminal_text(&secrets)
        );
    }
    Ok(ExitCode::SUCCESS)
}

async fn test(id: &str, choice: &StoreChoice) -> anyhow::Result<ExitCode> {
    let store = alert_store(choice)?;
    let dest = store
        .destinations()
        .await?
        .into_iter()
        .find(|d| d.id == id)
        .ok_or_else(|| {
            anyhow::anyhow!("no alert destination {id:?}; `parapet alerts list` shows them")
        })?;
    let sender = Sender::new(RetryPolicy::default())?;
    let aws = aws_config_for(std::slice::from_ref(&dest)).await;
    let run_id = chrono::Utc::now().format("%Y%m%dT%H%M%SZ").to_string();
    let batch = test_batch("000000000000", &run_id);
    let attempts = send_unrecorded(&sender, aws.as_ref(), &dest, &batch)
        .await
        .map_err(|e| anyhow::anyhow!("test message to {id} not delivered: {e:#}"))?;
    println!(
        "test message delivered to {id} ({}) in {attempts} attempt(s)",
        dest.kind.label()
    );
    Ok(ExitCode::SUCCESS)
}

/// Sends `scan`'s alerts to every destination, one line per destination on stderr.
/// True when nothing was left undelivered.
async fn send_for_scan(
    alerts: &dyn AlertStore,
    store: &dyn Store,
    catalog: &Catalog,
    rules: &[MuteRule],
    scan: &Scan,
) -> anyhow::Result<bool> {
    let destinations = alerts.destinations().await?;
    if destinations.is_empty() {
        return Ok(true);
    }
    let transitions = scan_transitions(store, catalog, rules, scan).await?;
    let sender = Sender::new(RetryPolicy::default())?;
    let aws = aws_config_for(&destinations).await;
    let mut all_delivered = true;
    for dest in &destinations {
        let batches = plan(dest, &transitions);
        // One destination's trouble (its ledger unwritable) does not stop the others.
        match dispatch(alerts, &sender, aws.as_ref(), dest, &batches).await {
            Ok(report) => {
                all_delivered &= report.dead_letters == 0;
                eprintln!("alerts: {}", outcome_line(dest, &report));
            }
            Err(e) => {
                all_delivered = false;
                let text = format!("{e:#}");
                let error = terminal_text(&text);
                eprintln!(
                    "alerts: {} ({}): not sent: {error}",
                    dest.id,
                    dest.kind.label()
                );
            }
        }
    }
    Ok(all_delivered)
}

/// The default AWS configuration (credential chain, AWS_ENDPOINT_URL), loaded only when
/// a destination is an SNS topic or an EventBridge bus.
async fn aws_config_for(destinations: &[Destination]) -> Option<aws_config::SdkConfig> {
    let any_aws = destinations.iter().any(|d| {
        matches!(
            d.kind,
            DestinationKind::Sns { .. } | DestinationKind::EventBridge { .. }
        )
    });
    match any_aws {
        true => Some(
            aws_config::defaults(aws_config::BehaviorVersion::latest())
                .load()
                .await,
        ),
        false => None,
    }
}

fn outcome_line(dest: &Destination, r: &DispatchReport) -> String {
    let mut line = format!(
        "{} ({}): {} message(s) sent",
        dest.id,
        dest.kind.label(),
        r.sent
    );
    if r.already_delivered > 0 {
        line.push_str(&format!(", {} already delivered", r.already_delivered));
    }
    if r.redelivered > 0 {
        line.push_str(&format!(
            ", {} earlier undelivered one(s) delivered now",
            r.redelivered
        ));
    }
    if r.dead_letters > 0 {
        line.push_str(&format!(
            ", {} not delivered (kept as dead letters, retried on the next run): {}",
            r.dead_letters,
            terminal_text(&r.errors.join("; "))
        ));
    }
    line
}

/// After `parapet scan` finalized a scan: its alerts, sent to the configured
/// destinations. A failure here is reported and never fails the scan.
pub async fn after_scan(
    choice: &StoreChoice,
    store: &dyn Store,
    scan_id: &str,
    catalog: &Catalog,
    rules: &[MuteRule],
) {
    if choice.kind != StoreKind::Sqlite {
        return;
    }
    let outcome = async {
        let alerts = alert_store(choice)?;
        let scan = store
            .scan(scan_id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("scan {scan_id} is not in the store"))?;
        send_for_scan(&alerts, store, catalog, rules, &scan).await
    }
    .await;
    if let Err(e) = outcome {
        eprintln!("alerts: not sent: {}", terminal_text(&format!("{e:#}")));
    }
}
