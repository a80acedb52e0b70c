//! AWS access: one `SdkConfig` per target account, clients made from it, call counting,
//! bounded concurrency per service and region, and error description.

mod clients;
mod errors;
mod limits;
mod session;

pub use clients::{CallCounter, Clients};
pub use errors::{describe, is_code, ErrorKind};
pub use limits::Limiter;
pub use session::{AwsOptions, Sessions};
