use clap::Subcommand;
use std::path::Path;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum ControlsCommand {
    /// The controls of the catalog, or of one benchmark, with severity and requirements.
    List {
        #[arg(long)]
        benchmark: Option<String>,
    },
    /// Per framework: requirements, automated requirements with a running control,
    /// controls referenced, implemented and missing. Exits 1 while any is missing.
    Coverage {
        /// List every missing control id and the frameworks that reference it.
        #[arg(long)]
        missing: bool,
    },
    /// Run every control's Rego tests.
    Test {
        /// Print passing tests too.
        #[arg(long)]
        verbose: bool,
    },
}

pub fn run(cmd: ControlsCommand, extra: Option<&Path>) -> anyhow::Result<ExitCode> {
    let catalog = super::catalog(extra)?;
    match cmd {
        ControlsCommand::List { benchmark } => {
            if let Some(b) = &benchmark {
                if catalog.framework(b).is_none() {
                    let known: Vec<&str> =
                        catalog.frameworks.iter().map(|f| f.id.as_str()).collect();
                    anyhow::bail!("unknown benchmark {b:?}; known: {}", known.join(", "));
                }
            }
            print!(
                "{}",
                parapet::report::render_controls(&catalog, benchmark.as_deref())
            );
            Ok(ExitCode::SUCCESS)
        }
        ControlsCommand::Coverage { missing } => {
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
