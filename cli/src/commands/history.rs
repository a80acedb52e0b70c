//! `parapet diff` and `parapet inventory`: reading stored scans side by side, and what
//! they collected.

use super::{catalog, find_scan, results, StoreChoice};
use clap::{Args, ValueEnum};
use parapet::report::diff::render_diff;
use parapet::report::inventory::{render_inventory, InventoryFilter};
use parapet::store::FindingQuery;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TextOrJson {
    Table,
    Json,
}

#[derive(Args)]
pub struct DiffArgs {
    /// The earlier scan; default: the scan before `--to`.
    #[arg(long)]
    from: Option<String>,
    /// The later scan; default: the latest scan (of `--account`, if given).
    #[arg(long, default_value = "latest")]
    to: String,
    /// The account whose latest scans to compare.
    #[arg(long)]
    account: Option<String>,
    /// Also apply the mute rules of this file (Prowler mutelist YAML format).
    #[arg(long)]
    mutelist: Option<PathBuf>,
    #[arg(long, value_enum, default_value = "table")]
    format: TextOrJson,
}

pub async fn diff(
    args: DiffArgs,
    store: StoreChoice,
    extra_controls: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let store = store.open_existing().await?;
    let store = store.as_ref();
    let catalog = catalog(extra_controls)?;
    let to = find_scan(store, &args.to, args.account.as_deref()).await?;
    let from = match &args.from {
        Some(id) => find_scan(store, id, None).await?,
        None => results::previous_scan(store, &to).await?.ok_or_else(|| {
            anyhow::anyhow!(
                "scan {} is the first scan of account {}: nothing earlier to compare with (pass --from)",
                to.id,
                to.account_id
            )
        })?,
    };
    if from.account_id != to.account_id {
        anyhow::bail!(
            "scans {} and {} are of different accounts ({} and {}); a diff compares one account",
            from.id,
            to.id,
            from.account_id,
            to.account_id
        );
    }
    let rules = results::mute_rules(store, args.mutelist.as_deref()).await?;
    let before = results::load(store, from, &catalog, &rules, FindingQuery::default()).await?;
    let after = results::load(store, to, &catalog, &rules, FindingQuery::default()).await?;
    let d = results::compare(&before, &after);
    match args.format {
        TextOrJson::Table => print!("{}", render_diff(&d)),
        TextOrJson::Json => println!("{}", serde_json::to_string_pretty(&d)?),
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(Args)]
pub struct InventoryArgs {
    /// `latest` or a scan id.
    #[arg(long, default_value = "latest")]
    scan: String,
    /// Only these resource types (repeatable), e.g. AWS::S3::Bucket.
    #[arg(long = "type")]
    types: Vec<String>,
    /// Only these regions (repeatable); `global` for IAM and account-level resources.
    #[arg(long = "region")]
    regions: Vec<String>,
    /// Only these services (repeatable), e.g. s3, ec2.
    #[arg(long = "service")]
    services: Vec<String>,
    /// `json`: one resource per line, attributes included.
    #[arg(long, value_enum, default_value = "table")]
    format: TextOrJson,
}

pub async fn inventory(args: InventoryArgs, store: StoreChoice) -> anyhow::Result<ExitCode> {
    let store = store.open_existing().await?;
    let scan = find_scan(store.as_ref(), &args.scan, None).await?;
    let filter = InventoryFilter {
        types: args.types,
        regions: args.regions,
        services: args.services,
    };
    let resources = store.resources(&scan.id).await?;
    let kept: Vec<_> = resources.iter().filter(|r| filter.keeps(r)).collect();
    match args.format {
        TextOrJson::Table => {
            println!(
                "Inventory of scan {} (account {})\n",
                scan.id, scan.account_id
            );
            print!("{}", render_inventory(&kept));
        }
        TextOrJson::Json => {
            for r in kept {
                println!("{}", serde_json::to_string(r)?);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
