use clap::{Args, Subcommand};
use parapet::model::Mask;
use std::path::Path;
use std::process::ExitCode;

/// Where a mask applies: a benchmark, an account, or that benchmark in that account.
#[derive(Args)]
#[group(required = true, multiple = true)]
pub struct MaskScope {
    /// Leave the control out of this benchmark's scores.
    #[arg(long)]
    benchmark: Option<String>,
    /// Leave the control out of this account's scores (in every benchmark, or in
    /// `--benchmark` only).
    #[arg(long)]
    account: Option<String>,
}

#[derive(Subcommand)]
pub enum ControlsCommand {
    /// The controls of the catalog, or of one benchmark, with severity and requirements.
    List {
        #[arg(long)]
        benchmark: Option<String>,
    },
    /// Leave a control out of a benchmark's or an account's scores (its findings are still
    /// stored and shown). `controls list` marks it MASKED.
    Mask {
        control: String,
        #[command(flatten)]
        scope: MaskScope,
        /// Why the control does not count here (required).
        #[arg(long)]
        reason: String,
        /// Who decided; default: $USER.
        #[arg(long, env = "USER")]
        created_by: Option<String>,
    },
    /// Count a masked control again.
    Unmask {
        control: String,
        #[command(flatten)]
        scope: MaskScope,
    },
    /// Per framework: requirements, automated requirements with a running control,
    /// controls referenced, implemented and missing. Exits 1 while any is missing.
    /// With --realtime: per control, the CloudTrail events that rescan it.
    Coverage {
        /// List every missing control id and the frameworks that reference it.
        #[arg(long)]
        missing: bool,
        /// Per control, the events that rescan it in real time (from the resource-type
        /// manifest), and how many controls some event rescans.
        #[arg(long)]
        realtime: bool,
        /// Output of --realtime.
        #[arg(long, value_enum, default_value = "table", requires = "realtime")]
        format: CoverageFormat,
    },
    /// Run every control's Rego tests.
    Test {
        /// Print passing tests too.
        #[arg(long)]
        verbose: bool,
    },
}

/// `controls coverage --realtime --format`
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CoverageFormat {
    Table,
    Json,
}

fn check_benchmark(catalog: &parapet::controls::Catalog, b: &str) -> anyhow::Result<()> {
    if catalog.framework(b).is_none() {
        let known: Vec<&str> = catalog.frameworks.iter().map(|f| f.id.as_str()).collect();
        anyhow::bail!("unknown benchmark {b:?}; known: {}", known.join(", "));
    }
    Ok(())
}

fn check_scope(
    catalog: &parapet::controls::Catalog,
    control: &str,
    scope: &MaskScope,
) -> anyhow::Result<()> {
    if catalog.control(control).is_none() {
        anyhow::bail!("unknown control {control:?}; `parapet controls list` shows the ids");
    }
    if let Some(b) = &scope.benchmark {
        check_benchmark(catalog, b)?;
        let fw = catalog.framework(b).expect("checked");
        if !fw.control_ids().contains(&control) {
            anyhow::bail!("control {control:?} is not part of benchmark {b:?}");
        }
    }
    if let Some(a) = &scope.account {
        if !(a.len() == 12 && a.bytes().all(|b| b.is_ascii_digit())) {
            anyhow::bail!("--account {a:?} is not a 12-digit AWS account id");
        }
    }
    Ok(())
}

pub async fn run(
    cmd: ControlsCommand,
    extra: Option<&Path>,
    store: super::StoreChoice,
) -> anyhow::Result<ExitCode> {
    let catalog = super::catalog(extra)?;
    match cmd {
        ControlsCommand::List { benchmark } => {
            if let Some(b) = &benchmark {
                check_benchmark(&catalog, b)?;
            }
            // Masks live in the store; without one nothing is masked.
            let masks = match store.open_if_present().await? {
                Some(store) => store.masks().await?,
                None => Vec::new(),
            };
            print!(
                "{}",
                parapet::report::render_controls_masked(&catalog, benchmark.as_deref(), &masks)
            );
            Ok(ExitCode::SUCCESS)
        }
        ControlsCommand::Mask {
            control,
            scope,
            reason,
            created_by,
        } => {
            check_scope(&catalog, &control, &scope)?;
            if reason.trim().is_empty() {
                anyhow::bail!("--reason must say why the control does not count here");
            }
            let store = store.open().await?;
            store
                .put_mask(&Mask {
                    control_id: control.clone(),
                    benchmark: scope.benchmark,
                    account_id: scope.account,
                    reason,
                    created_by: created_by.unwrap_or_else(|| "unknown".into()),
                    created_at: chrono::Utc::now(),
                })
                .await?;
            println!("masked {control}");
            Ok(ExitCode::SUCCESS)
        }
        ControlsCommand::Unmask { control, scope } => {
            let store = store.open_existing().await?;
            if !store
                .delete_mask(
                    &control,
                    scope.benchmark.as_deref(),
                    scope.account.as_deref(),
                )
                .await?
            {
                anyhow::bail!("control {control:?} is not masked with that scope; `parapet controls list` shows masks");
            }
            println!("unmasked {control}");
            Ok(ExitCode::SUCCESS)
        }
        ControlsCommand::Coverage {
            realtime: true,
            format,
            ..
        } => {
            let rows = catalog.realtime_coverage();
            match format {
                CoverageFormat::Table => print!("{}", parapet::controls::render_realtime(&rows)),
                CoverageFormat::Json => println!(
                    "{}",
                    serde_json::to_string_pretty(&parapet::controls::realtime_json(&rows))?
                ),
            }
            Ok(ExitCode::SUCCESS)
        }
        ControlsCommand::Coverage { missing, .. } => {
            let rows = catalog.coverage_with(&|t| parapet::collect::collector_of(t).is_some());
            print!("{}", parapet::controls::render_coverage(&rows, missing));
            Ok(if rows.iter().all(|c| c.missing.is_empty()) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        ControlsCommand::Test { verbose } => {
            let outcomes = parapet::controls::run_tests(&catalog)?;
            let failed = outcomes.iter().filter(|t| !t.passed).count();
            for t in &outcomes {
                if !t.passed {
                    println!(
                        "FAIL {} {}: {}",
                        t.file,
                        t.name,
                        t.detail.as_deref().unwrap_or("")
                    );
                } else if verbose {
                    println!("ok   {} {}", t.file, t.name);
                }
            }
            println!(
                "{} controls; rego tests: {} passed, {} failed",
                catalog.controls.len(),
                outcomes.len() - failed,
                failed
            );
            Ok(if failed == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
    }
}
