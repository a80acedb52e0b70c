use super::StoreChoice;
use clap::Subcommand;
use parapet::model::Account;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum AccountsCommand {
    /// Register (or replace) an account to scan.
    Add {
        account_id: String,
        /// The read-only role parapet assumes in the account.
        #[arg(long, requires = "external_id")]
        role_arn: Option<String>,
        /// The ExternalId that role's trust policy requires.
        #[arg(long)]
        external_id: Option<String>,
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
}

pub async fn run(command: AccountsCommand, store: StoreChoice) -> anyhow::Result<ExitCode> {
    let store = store.open().await?;
    match command {
        AccountsCommand::Add {
            account_id,
            role_arn,
            external_id,
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
                external_id,
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
                println!("{line}");
            }
        }
        AccountsCommand::Remove { account_id } => {
            if !store.delete_account(&account_id).await? {
                anyhow::bail!("account {account_id} is not registered");
            }
            println!("removed {account_id}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
