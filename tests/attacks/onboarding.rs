//! Attacks: onboarding (see tests/attacks_moto.rs).
