//! The integration tests that drive the `parapet` binary, linked as one test binary:
//! one link instead of one per file keeps a clean build's disk and time small.
//! Tests that time their own proxies or set process-wide credentials stay binaries of
//! their own (cli/Cargo.toml).

#[path = "support/serverless.rs"]
mod installation;
mod support;

mod access_denied;
mod accounts_verify_moto;
mod alerts_moto;
mod attacks_moto;
mod call_plan_moto;
mod catalog_accuracy_moto;
mod catalog_compute_moto;
mod catalog_data_moto;
mod catalog_edge_moto;
mod cli_errors;
mod collector_calls_moto;
mod fuzz_seeds;
mod monitoring_moto;
mod reachability_moto;
mod resource_policies_moto;
mod results_moto;
mod scan_moto;
mod security;
mod threat_graph_moto;
mod trend_moto;
