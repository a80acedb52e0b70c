//! AWS access: one `SdkConfig` per target account, clients made from it, call counting,
//! bounded concurrency per service and region, and error description.

pub mod api;
mod clients;
mod errors;
mod limits;
mod session;

pub use api::{Api, ApiError, Protocol, Service};
pub use clients::{CallCounter, Clients};
pub use errors::{describe, is_code, ErrorKind};
pub use limits::Limiter;
pub use session::{retry_config, AwsOptions, Sessions, DEFAULT_MAX_ATTEMPTS};
