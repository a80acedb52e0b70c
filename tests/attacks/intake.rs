//! Attacks: intake (see tests/attacks_moto.rs).
