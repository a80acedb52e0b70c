//! AWS access: one `SdkConfig` per target account, clients made from it, call counting,
//! bounded concurrency per service and region, and error description.

pub mod api;
mod clients;
mod errors;
mod limits;
mod session;
pub mod shapes;
pub mod verify;

pub use api::{Api, ApiError, Protocol, Service};
pub use clients::{CallCounter, Clients};
pub use errors::{describe, error_line, failure, is_code, one_line, ErrorKind, REASON_MAX_CHARS};
pub use limits::{share_of, Limiter, Outcome, SharedRate, SharedRates, Ticket};
pub use session::{retry_config, AwsOptions, Sessions, DEFAULT_MAX_ATTEMPTS};
