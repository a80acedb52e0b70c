//! The webhook signature: HMAC-SHA256 under the destination's signing key, over the
//! timestamp, a dot and the body, so a receiver can check both who sent a message and
//! that it is recent (refusing old timestamps stops replays).

use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

/// The header carrying the signature: `t=<unix seconds>,v1=<hex HMAC>`.
pub const SIGNATURE_HEADER: &str = "x-parapet-signature";

/// HMAC-SHA256 of `message` under `key`, as lowercase hex.
pub fn hmac_sha256_hex(key: &[u8], message: &[u8]) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(message);
    mac.finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The signature header's value for `body` sent at `timestamp` (unix seconds).
pub fn signature_header(key: &[u8], timestamp: i64, body: &[u8]) -> String {
    let mut signed = format!("{timestamp}.").into_bytes();
    signed.extend_from_slice(body);
    format!("t={timestamp},v1={}", hmac_sha256_hex(key, &signed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_test_cases() {
        // RFC 4231, test case 2.
        assert_eq!(
            hmac_sha256_hex(b"Jefe", b"what do ya want for nothing?"),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // RFC 4231, test case 6: a key longer than the block size.
        assert_eq!(
            hmac_sha256_hex(
                &[0xaa; 131],
                b"Test Using Larger Than Block-Size Key - Hash Key First"
            ),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn the_header_signs_timestamp_and_body() {
        let header = signature_header(b"Jefe", 1_700_000_000, b"{}");
        let expected = hmac_sha256_hex(b"Jefe", b"1700000000.{}");
        assert_eq!(header, format!("t=1700000000,v1={expected}"));
        assert_ne!(header, signature_header(b"Jefe", 1_700_000_001, b"{}"));
        assert_ne!(header, signature_header(b"Jefe", 1_700_000_000, b"{ }"));
    }
}
