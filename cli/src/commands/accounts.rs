use super::{verify, StoreChoice};
use clap::Subcommand;
use parapet::aws::{AwsOptions, Sessions};
use parapet::model::{is_account_id, Account};
use parapet::serverless::external_id::ExternalIdKey;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// Register (or replace) an account to scan.
    Add {
        account_id: String,
        /// The read-only role parapet assumes in the account, with the account's
        /// ExternalId (see `parapet accounts external-id`).
        #[arg(long)]
        role_arn: Option<String>,
        /// Regions to scan (repeatable); default: every enabled region.
        #[arg(long = "region")]
        regions: Vec<String>,
        #[arg(long = "exclude-region")]
        excluded_regions: Vec<String>,
        /// Resource types never stored nor evaluated, e.g. AWS::EC2::Volume.
        #[arg(long = "exclude-type")]
        excluded_resource_types: Vec<String>,
        /// ARN regexes of resources never stored nor evaluated.
        #[arg(long = "exclude-regex")]
        excluded_resource_regexes: Vec<String>,
        /// Registered but not scanned.
        #[arg(long)]
        disabled: bool,
        /// Ignore the account's CloudTrail events (scheduled scans only).
        #[arg(long)]
        no_realtime: bool,
    },
    /// List registered accounts.
    List,
    /// Deregister an account (its past scans stay).
    Remove { account_id: String },
    /// Print the ExternalId an account's scan role must require, derived from the
    /// installation's key (read with your own credentials: AWS_PROFILE, AWS_REGION).
    ExternalId {
        account_id: String,
        /// The ARN of the scanner stack's ExternalId key secret.
        #[arg(long)]
        key_secret_arn: String,
    },
    /// Check, before the first scan, that the account's role can be assumed and can read
    /// what each collector reads: one cheap call per collector and region. Exit 1 when a
    /// collector cannot read.
    Verify(verify::VerifyArgs),
}

pub async fn run(command: AccountsCommand, store: StoreChoice) -> anyhow::Result<ExitCode> {
    if let AccountsCommand::ExternalId {
        account_id,
        key_secret_arn,
    } = &command
    {
        return print_external_id(account_id, key_secret_arn).await;
    }
    if let AccountsCommand::Verify(args) = command {
        return verify::run(args, store).await;
    }
    let store = store.open().await?;
    match command {
        AccountsCommand::Add {
            account_id,
            role_arn,
            regions,
            excluded_regions,
            excluded_resource_types,
            excluded_resource_regexes,
            disabled,
            no_realtime,
        } => {
            let account = Account {
                account_id,
                role_arn,
                stack_id: None,
                regions,
                excluded_regions,
                excluded_resource_types,
                excluded_resource_regexes,
                enabled: !disabled,
                realtime: !no_realtime,
            };
            account.validate().map_err(anyhow::Error::msg)?;
            store.put_account(&account).await?;
            println!("registered {}", account.account_id);
        }
        AccountsCommand::List => {
            let accounts = store.accounts().await?;
            if accounts.is_empty() {
                println!("no account registered");
            }
            for a in accounts {
                let mut line = format!(
                    "{}  {}  regions: {}",
                    a.account_id,
                    a.role_arn.as_deref().unwrap_or("(base credentials)"),
                    if a.regions.is_empty() {
                        "every enabled".to_string()
                    } else {
                        a.regions.join(",")
                    }
                );
                for (label, values) in [
                    ("excluded regions", &a.excluded_regions),
                    ("excluded types", &a.excluded_resource_types),
                    ("excluded ARNs", &a.excluded_resource_regexes),
                ] {
                    if !values.is_empty() {
                        line.push_str(&format!("  {label}: {}", values.join(",")));
                    }
                }
                if !a.enabled {
                    line.push_str("  (disabled)");
                }
                if !a.realtime {
                    line.push_str("  (no real-time)");
                }
                if let Some(stack) = &a.stack_id {
                    line.push_str(&format!("  registered by {stack}"));
                }
                println!("{line}");
            }
        }
        AccountsCommand::Remove { account_id } => {
            if !store.delete_account(&account_id).await? {
                anyhow::bail!("account {account_id} is not registered");
            }
            println!("removed {account_id}");
        }
        AccountsCommand::ExternalId { .. } | AccountsCommand::Verify(_) => {
            unreachable!("answered before opening the store")
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `accounts external-id`: for an operator who builds an account's scan role by hand.
async fn print_external_id(account_id: &str, key_secret_arn: &str) -> anyhow::Result<ExitCode> {
    if !is_account_id(account_id) {
        anyhow::bail!("{account_id:?} is not a 12-digit AWS account id");
    }
    let sessions = Sessions::new(AwsOptions {
        profile: std::env::var("AWS_PROFILE").ok().filter(|p| !p.is_empty()),
        endpoint_url: std::env::var("AWS_ENDPOINT_URL")
            .ok()
            .filter(|u| !u.is_empty()),
        region: None,
        max_attempts: parapet::aws::DEFAULT_MAX_ATTEMPTS,
    })
    .await;
    let key = ExternalIdKey::load(&sessions, key_secret_arn).await?;
    println!("{}", key.derive(account_id));
    Ok(ExitCode::SUCCESS)
}
