//! One test per attack on the installation (issue 17), against moto_server: each attempt
//! is refused or has no effect, and nothing already stored changes. The attacks are
//! grouped by the defence they try to get through, one module each.

#[path = "attacks/hygiene.rs"]
mod hygiene;
#[path = "attacks/intake.rs"]
mod intake;
#[path = "attacks/onboarding.rs"]
mod onboarding;
#[path = "attacks/secrets.rs"]
mod secrets;
