//! Alerts on new failures: destinations kept in the registry (secrets by reference),
//! what a finished scan has to say to each (new failures, resolutions, an incomplete
//! scan), the messages, and their delivery at least once with a ledger that suppresses
//! duplicates and keeps dead letters.

#[cfg(feature = "aws")]
pub mod deliver;
#[cfg(feature = "aws")]
pub mod dispatch;
#[cfg(feature = "aws")]
pub mod eventbridge;
pub mod load;
pub mod model;
pub mod plan;
pub mod render;
#[cfg(feature = "aws")]
pub mod signature;
#[cfg(feature = "aws")]
pub mod sns;
pub mod store;

pub use model::{Destination, DestinationKind, Secret, SecretRef};
pub use plan::{plan, Batch, BatchKind, Transitions};
pub use store::AlertStore;
