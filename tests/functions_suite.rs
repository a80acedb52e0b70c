//! The integration tests of the Lambda functions, linked as one test binary (see
//! cli_suite.rs); the shared-rate test, which times its calls, stays on its own.

#[path = "support/serverless.rs"]
mod installation;
mod support;

mod events_trust;
mod lambda_binaries;
mod realtime_rescan_moto;
mod serverless_moto;
