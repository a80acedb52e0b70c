//! Attacks: hygiene (see tests/attacks_moto.rs).
