//! `parapet mute`: the mute rules kept in the store.

use super::StoreChoice;
use chrono::{DateTime, Duration, Utc};
use clap::{Args, Subcommand};
use parapet::model::{MuteExceptions, MuteRule};
use parapet::mute::{parse_expiry, parse_mutelist, MuteSet};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Args)]
pub struct AddArgs {
    /// Control ids, exact or glob (`s3_*`, `*`); repeatable.
    #[arg(long = "control", required = true)]
    controls: Vec<String>,
    /// Account id, or `*`.
    #[arg(long, default_value = "*")]
    account: String,
    /// Regions (exact, regex, or `*`); repeatable.
    #[arg(long = "region", default_values_t = ["*".to_string()])]
    regions: Vec<String>,
    /// Regexes searched in the resource ARN and name (`*`: every resource); repeatable.
    #[arg(long = "resource", default_values_t = ["*".to_string()])]
    resources: Vec<String>,
    /// `key=value` regexes the resource's tags must all match; repeatable.
    #[arg(long = "tag")]
    tags: Vec<String>,
    #[arg(long = "except-account")]
    except_accounts: Vec<String>,
    #[arg(long = "except-region")]
    except_regions: Vec<String>,
    #[arg(long = "except-resource")]
    except_resources: Vec<String>,
    #[arg(long = "except-tag")]
    except_tags: Vec<String>,
    /// Why these findings are accepted (required).
    #[arg(long)]
    reason: String,
    /// When the rule stops applying: a date (2027-01-31), an RFC 3339 time, or a
    /// number of days (`30d`).
    #[arg(long)]
    expires: Option<String>,
    /// Who decided; default: $USER.
    #[arg(long, env = "USER")]
    created_by: Option<String>,
}

#[derive(Subcommand)]
pub enum MuteCommand {
    /// Mute the findings a rule matches, in this and every later scan, until the rule is
    /// removed or expires.
    Add(Box<AddArgs>),
    /// The stored rules, expired ones marked.
    List,
    /// Delete a rule by id.
    Remove { id: String },
    /// Store the rules of a mutelist file (Prowler's YAML format); re-importing the same
    /// file replaces its rules.
    Import { file: PathBuf },
}

fn expiry(text: &str, now: DateTime<Utc>) -> anyhow::Result<DateTime<Utc>> {
    if let Some(days) = text.strip_suffix('d') {
        if let Ok(n) = days.parse::<i64>() {
            anyhow::ensure!(
                n > 0,
                "--expires {text:?}: the number of days must be positive"
            );
            return Ok(now + Duration::days(n));
        }
    }
    let at = parse_expiry(text)
        .map_err(|e| anyhow::anyhow!("--expires: {e}, or a number of days like 30d"))?;
    anyhow::ensure!(at > now, "--expires {text:?} is already past");
    Ok(at)
}

pub async fn run(cmd: MuteCommand, store: StoreChoice) -> anyhow::Result<ExitCode> {
    let store = store.open().await?;
    let now = Utc::now();
    match cmd {
        MuteCommand::Add(add) => {
            let AddArgs {
                controls,
                account,
                regions,
                resources,
                tags,
                except_accounts,
                except_regions,
                except_resources,
                except_tags,
                reason,
                expires,
                created_by,
            } = *add;
            if reason.trim().is_empty() {
                anyhow::bail!("--reason must say why these findings are accepted");
            }
            if account != "*"
                && !(account.len() == 12 && account.bytes().all(|b| b.is_ascii_digit()))
            {
                anyhow::bail!("--account {account:?} is neither `*` nor a 12-digit AWS account id");
            }
            let rule = MuteRule {
                id: format!("mute-{}", &uuid_like()),
                accounts: vec![account],
                controls,
                regions,
                resources,
                tags,
                exceptions: MuteExceptions {
                    accounts: except_accounts,
                    regions: except_regions,
                    resources: except_resources,
                    tags: except_tags,
                },
                reason,
                expires_at: expires.as_deref().map(|e| expiry(e, now)).transpose()?,
                created_by: created_by.unwrap_or_else(|| "unknown".into()),
                created_at: now,
            };
            // Refuse a bad pattern now rather than at the next report.
            MuteSet::new(std::slice::from_ref(&rule), now)?;
            store.put_mute_rule(&rule).await?;
            println!("{}", rule.id);
        }
        MuteCommand::List => {
            println!(
                "{:<22} {:<14} {:<40} {:<16} {:<24} {:<12} {:<22} REASON",
                "ID", "ACCOUNT", "CONTROLS", "REGIONS", "RESOURCES", "BY", "EXPIRES"
            );
            for r in store.mute_rules().await? {
                let expires = match r.expires_at {
                    Some(at) if at <= now => format!("EXPIRED {}", at.format("%Y-%m-%d")),
                    Some(at) => at.format("%Y-%m-%d %H:%M").to_string(),
                    None => "never".into(),
                };
                let mut resources = r.resources.join(" ");
                if !r.tags.is_empty() {
                    resources.push_str(&format!(" tags:{}", r.tags.join(",")));
                }
                if !r.exceptions.is_empty() {
                    resources.push_str(" (with exceptions)");
                }
                println!(
                    "{:<22} {:<14} {:<40} {:<16} {:<24} {:<12} {:<22} {}",
                    r.id,
                    r.accounts.join(","),
                    r.controls.join(","),
                    r.regions.join(","),
                    resources,
                    r.created_by,
                    expires,
                    r.reason
                );
            }
        }
        MuteCommand::Remove { id } => {
            if !store.delete_mute_rule(&id).await? {
                anyhow::bail!("no mute rule {id:?}; `parapet mute list` shows the ids");
            }
            println!("removed {id}");
        }
        MuteCommand::Import { file } => {
            let text = parapet::input::read_text_capped(&file, "mutelist")?;
            let rules = parse_mutelist(&file.display().to_string(), &text, now)?;
            for r in &rules {
                store.put_mute_rule(r).await?;
            }
            println!("imported {} rule(s) from {}", rules.len(), file.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A short random id: eight hex digits are plenty for a person's list of rules.
fn uuid_like() -> String {
    uuid::Uuid::new_v4().simple().to_string()[..8].to_string()
}
