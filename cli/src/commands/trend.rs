//! `parapet trend`: posture over time, from the summaries stored with the scans.

use super::history::TextOrJson;
use super::{catalog, StoreChoice};
use chrono::{Duration, NaiveTime, Utc};
use clap::Args;
use parapet::model::Scan;
use parapet::report::trend::{render_trend, trend, Trend, TrendWindow};
use parapet::store::Store;
use std::path::Path;
use std::process::ExitCode;

/// The longest window: ten years of daily rows.
const MAX_DAYS: u32 = 3660;
/// Scans read at most for one trend (each is one summary, a few KB): past this, the
/// command asks for a narrower window rather than answer with part of it.
const MAX_SCANS: usize = 50_000;
/// Days of trend on the HTML page.
const HTML_TREND_DAYS: i64 = 90;

#[derive(Args)]
pub struct TrendArgs {
    /// Only this account's scans; default: every account's.
    #[arg(long)]
    account: Option<String>,
    /// Only this benchmark's scores (a framework id, e.g. cis-aws-3.0).
    #[arg(long)]
    benchmark: Option<String>,
    /// Days covered, ending today (UTC).
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=MAX_DAYS as i64))]
    days: u32,
    #[arg(long, value_enum, default_value = "table")]
    format: TextOrJson,
}

/// The trend the HTML page shows with a scan: its account's scores over the
/// `HTML_TREND_DAYS` days up to the scan's.
pub async fn scan_trend(store: &dyn Store, scan: &Scan) -> anyhow::Result<Trend> {
    let to = scan.finished_at.unwrap_or(scan.started_at).date_naive();
    let from = to - Duration::days(HTML_TREND_DAYS - 1);
    let since = (from - Duration::days(1))
        .and_time(NaiveTime::MIN)
        .and_utc();
    let mut scans = store
        .scans_since(Some(&scan.account_id), since, MAX_SCANS)
        .await?;
    // A scan started after this one is not this page's past.
    scans.retain(|s| s.started_at <= scan.started_at);
    let window = TrendWindow {
        from,
        to,
        account_id: Some(scan.account_id.clone()),
        benchmark: None,
    };
    Ok(trend(&scans, &window))
}

pub async fn run(
    args: TrendArgs,
    store: StoreChoice,
    extra_controls: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    if let Some(b) = &args.benchmark {
        let catalog = catalog(extra_controls)?;
        if !catalog.frameworks.iter().any(|f| f.id == *b) {
            let known: Vec<&str> = catalog.frameworks.iter().map(|f| f.id.as_str()).collect();
            anyhow::bail!("unknown benchmark {b:?} (known: {})", known.join(", "));
        }
    }
    let store = store.open_existing().await?;
    let to = Utc::now().date_naive();
    let from = to - Duration::days(i64::from(args.days) - 1);
    // A scan that started the day before the window may have finished inside it.
    let since = (from - Duration::days(1))
        .and_time(NaiveTime::MIN)
        .and_utc();
    let scans = store
        .scans_since(args.account.as_deref(), since, MAX_SCANS + 1)
        .await?;
    if scans.len() > MAX_SCANS {
        anyhow::bail!(
            "more than {MAX_SCANS} scans in the last {} days: narrow the window with --days or --account",
            args.days
        );
    }
    let window = TrendWindow {
        from,
        to,
        account_id: args.account,
        benchmark: args.benchmark,
    };
    let t = trend(&scans, &window);
    match args.format {
        TextOrJson::Table => print!("{}", render_trend(&t)),
        TextOrJson::Json => println!("{}", serde_json::to_string_pretty(&t)?),
    }
    Ok(ExitCode::SUCCESS)
}
