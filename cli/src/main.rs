//! `parapet`: scan an AWS account locally and read the results back.

mod commands;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "parapet", version, about = "AWS security posture scanner")]
struct Cli {
    /// The local store (SQLite). Default: parapet/parapet.db under the user's data directory.
    #[arg(long, global = true, env = "PARAPET_DB")]
    db: Option<PathBuf>,
    /// Extra directory of controls and frameworks, loaded beside the built-in catalog.
    #[arg(long, global = true)]
    controls_dir: Option<PathBuf>,
    /// Where every command reads and writes results, mute rules, masks and the accounts
    /// registry: the local SQLite file, or a deployed installation's DynamoDB table
    /// (credentials, region and endpoint from the default chain).
    #[arg(
        long,
        global = true,
        value_enum,
        default_value = "sqlite",
        env = "PARAPET_STORE"
    )]
    store: commands::StoreKind,
    /// The installation's table prefix (`--store dynamodb`).
    #[arg(long, global = true, default_value = "", env = "PARAPET_TABLE_PREFIX")]
    table_prefix: String,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Scan the account the credentials (or the assumed role) point at.
    Scan(commands::scan::ScanArgs),
    /// Read the results of a stored scan.
    Report(commands::report::ReportArgs),
    /// List stored scans, most recent first.
    Scans {
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// Register, list and remove the accounts scheduled scans cover.
    Accounts {
        #[command(subcommand)]
        command: commands::accounts::AccountsCommand,
    },
    /// Mute findings: rules kept in the store (see also --mutelist FILE).
    Mute {
        #[command(subcommand)]
        command: commands::mute::MuteCommand,
    },
    /// Alert destinations (webhook, Slack) for new failures, resolutions and incomplete scans.
    Alerts {
        #[command(subcommand)]
        command: commands::alerts::AlertsCommand,
    },
    /// What changed between two scans of an account (default: its two latest).
    Diff(commands::history::DiffArgs),
    /// Posture over time: scores per benchmark per day, failures opened and closed,
    /// mean time to resolve per severity.
    Trend(commands::trend::TrendArgs),
    /// The resources a scan collected, counted per type and region.
    Inventory(commands::history::InventoryArgs),
    /// The Threat Graph of a scan: resources, and the edges failures open between them.
    Graph(commands::graph::GraphArgs),
    /// Attack paths from the internet or any AWS account to the crown jewels, scored.
    Paths(commands::graph::PathsArgs),
    /// Preview and test the control catalog; mask controls.
    Controls {
        #[command(subcommand)]
        command: commands::controls::ControlsCommand,
    },
    /// The IAM actions the scan role needs, per collector (or as a policy document).
    Permissions(commands::permissions::PermissionsArgs),
}

fn main() -> ExitCode {
    exit_quietly_on_closed_pipe();
    parapet::allocator::return_freed_memory_promptly();
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("PARAPET_LOG")
                .unwrap_or_else(|_| "error".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let store = commands::StoreChoice {
        kind: cli.store,
        db: cli.db.clone(),
        table_prefix: cli.table_prefix.clone(),
    };
    let extra = cli.controls_dir.as_deref();
    let result = runtime.block_on(async {
        match cli.command {
            Command::Scan(args) => commands::scan::run(args, store, extra).await,
            Command::Report(args) => commands::report::run(args, store, extra).await,
            Command::Scans { limit } => commands::report::list_scans(store, limit).await,
            Command::Accounts { command } => commands::accounts::run(command, store).await,
            Command::Controls { command } => commands::controls::run(command, extra, store).await,
            Command::Mute { command } => commands::mute::run(command, store).await,
            Command::Alerts { command } => commands::alerts::run(command, store, extra).await,
            Command::Diff(args) => commands::history::diff(args, store, extra).await,
            Command::Inventory(args) => commands::history::inventory(args, store).await,
            Command::Trend(args) => commands::trend::run(args, store, extra).await,
            Command::Permissions(args) => commands::permissions::run(args),
            Command::Graph(args) => commands::graph::run_graph(args, store).await,
            Command::Paths(args) => commands::graph::run_paths(args, store).await,
        }
    });
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("parapet: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// A reader that stops early (`parapet report | head`) closes the pipe: end quietly, as
/// Unix tools do, instead of panicking in `println!` (Rust ignores SIGPIPE by default).
fn exit_quietly_on_closed_pipe() {
    #[cfg(unix)]
    // SAFETY: restores one signal's default disposition, before any other thread runs.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
