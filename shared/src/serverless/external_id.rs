//! Per-account ExternalIds: the lowercase hex HMAC-SHA256 of the 12-digit account id
//! under a key the scanner stack generates in Secrets Manager. Each account's scan role
//! trusts the scanner only with its own ExternalId, so one member's admin, who can read
//! the trust policy of its own role, learns nothing that opens another account's role.
//! The ids are derived when needed and never stored.

use crate::aws::{CallCounter, Limiter, Sessions};
// Re-exported for the tests that create the key in the emulator.
pub use crate::collect::secretsmanager::SECRETSMANAGER;
use anyhow::Context;
use serde_json::json;

/// Shorter keys are refused: the stacks generate 48 characters or more, so a short one
/// is a mistake (a placeholder, a wrong secret).
const MIN_KEY_CHARS: usize = 32;

/// The ExternalId key. Its `Debug` shows no part of it.
pub struct ExternalIdKey {
    secret: String,
}

impl std::fmt::Debug for ExternalIdKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ExternalIdKey(** redacted **)")
    }
}

impl ExternalIdKey {
    /// The key from a secret's `SecretString`.
    pub fn new(secret: String) -> anyhow::Result<Self> {
        if secret.chars().count() < MIN_KEY_CHARS {
            anyhow::bail!(
                "the ExternalId key is shorter than {MIN_KEY_CHARS} characters: not the secret the scanner stack generates"
            );
        }
        Ok(ExternalIdKey { secret })
    }

    /// Reads the key from the Secrets Manager secret `secret_arn` with the base
    /// credentials of `sessions` (the function's role, or the operator's own).
    pub async fn load(sessions: &Sessions, secret_arn: &str) -> anyhow::Result<Self> {
        let region = secret_region(secret_arn)?;
        let clients = sessions
            .clients(None, None, Limiter::new(1), CallCounter::default())
            .await?;
        let answer = clients
            .api(&SECRETSMANAGER, region)
            .call("GetSecretValue", &json!({ "SecretId": secret_arn }))
            .await
            .with_context(|| {
                format!(
                    "cannot read the ExternalId key (Secrets Manager GetSecretValue {secret_arn})"
                )
            })?;
        let secret = answer["SecretString"].as_str().with_context(|| {
            format!("the ExternalId key secret {secret_arn} has no SecretString")
        })?;
        Self::new(secret.to_string()).with_context(|| format!("secret {secret_arn}"))
    }

    /// The ExternalId of an account: 64 lowercase hex characters.
    pub fn derive(&self, account_id: &str) -> String {
        // aws-sigv4's signature step is exactly HMAC-SHA256 in lowercase hex; the unit
        // test below pins it to RFC 4231.
        aws_sigv4::sign::v4::calculate_signature(self.secret.as_bytes(), account_id.as_bytes())
    }
}

/// The region of a Secrets Manager secret ARN (`arn:<partition>:secretsmanager:<region>:...`).
fn secret_region(arn: &str) -> anyhow::Result<&str> {
    let parts: Vec<&str> = arn.splitn(7, ':').collect();
    match parts.as_slice() {
        ["arn", _, "secretsmanager", region, account, "secret", _]
            if !region.is_empty()
                && region
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                && account.len() == 12 =>
        {
            Ok(*region)
        }
        _ => anyhow::bail!("{arn:?} is not a Secrets Manager secret ARN"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_hmac_sha256_in_lowercase_hex() {
        // RFC 4231 test case 2 (a key shorter than the minimum, so built directly).
        let rfc = ExternalIdKey {
            secret: "Jefe".into(),
        };
        assert_eq!(
            rfc.derive("what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Computed independently with Python's hmac module.
        let key =
            ExternalIdKey::new("parapet-test-key-0123456789abcdefghijklmnopqrstuvwxyz".into())
                .unwrap();
        assert_eq!(
            key.derive("111122223333"),
            "80fccb4b591496be56bd917ca76d529b67fd69e4701422697cf4e47a770a5c2a"
        );
        assert_ne!(key.derive("111122223333"), key.derive("444455556666"));
    }

    #[test]
    fn keeps_the_key_out_of_debug_and_refuses_short_keys() {
        let key = ExternalIdKey::new("k".repeat(48)).unwrap();
        assert!(!format!("{key:?}").contains("kkkk"));
        let err = ExternalIdKey::new("short".into()).unwrap_err().to_string();
        assert!(err.contains("shorter"), "{err}");
        assert!(!err.contains("short\""), "{err}");
    }

    #[test]
    fn reads_the_region_of_a_secret_arn() {
        assert_eq!(
            secret_region(
                "arn:aws:secretsmanager:eu-west-1:111122223333:secret:parapet-key-AbCdEf"
            )
            .unwrap(),
            "eu-west-1"
        );
        assert!(secret_region("arn:aws:s3:::bucket").is_err());
        assert!(
            secret_region("arn:aws:secretsmanager:evil.example/x:111122223333:secret:k").is_err()
        );
    }
}
