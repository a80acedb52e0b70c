//! Attacks: secrets (see tests/attacks_moto.rs).
