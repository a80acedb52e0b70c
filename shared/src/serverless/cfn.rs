//! Where a custom resource answer may go. Anyone allowed to invoke the onboard function
//! can hand it any payload, so the answer (which can hold an account's ExternalId) is
//! sent only to CloudFormation's own response bucket, at the key of the stack that asked.

use crate::model::is_account_id;
use percent_encoding::percent_decode_str;

/// The parts of a StackId (`arn:<partition>:cloudformation:<region>:<account>:stack/<name>/<id>`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stack {
    pub id: String,
    pub region: String,
    pub account: String,
}

impl Stack {
    pub fn parse(stack_id: &str) -> Result<Stack, String> {
        let parts: Vec<&str> = stack_id.splitn(6, ':').collect();
        let ok = match parts.as_slice() {
            ["arn", partition, "cloudformation", region, account, resource] => {
                matches!(*partition, "aws" | "aws-cn" | "aws-us-gov")
                    && is_region(region)
                    && is_account_id(account)
                    && resource.strip_prefix("stack/").is_some_and(|r| {
                        r.split('/').count() == 2 && r.split('/').all(|p| !p.is_empty())
                    })
                    && stack_id.len() <= 1024
            }
            _ => false,
        };
        if !ok {
            return Err(format!(
                "StackId {} is not a CloudFormation stack ARN",
                bounded(stack_id)
            ));
        }
        Ok(Stack {
            id: stack_id.to_string(),
            region: parts[3].to_string(),
            account: parts[4].to_string(),
        })
    }
}

/// Checks that `url` is CloudFormation's pre-signed answer URL for `stack`: HTTPS, the
/// region's response bucket (a name only AWS holds), and a key starting with the StackId
/// and `|`. Names the check that failed.
pub fn check_response_url(url: &str, stack: &Stack) -> Result<(), String> {
    // A pre-signed URL with a session token is about 2 KB.
    if url.len() > 8192 {
        return Err("ResponseURL is longer than any pre-signed URL".into());
    }
    let rest = url
        .strip_prefix("https://")
        .ok_or("ResponseURL is not an https:// URL")?;
    let slash = rest.find('/').ok_or("ResponseURL has no path")?;
    let (host, path_and_query) = rest.split_at(slash);
    if !is_response_bucket_host(host, &stack.region) {
        return Err(format!(
            "ResponseURL host {} is not CloudFormation's response bucket for {}",
            bounded(host),
            stack.region
        ));
    }
    if path_and_query
        .bytes()
        .any(|b| b == b'#' || b == b'\\' || b.is_ascii_whitespace() || b.is_ascii_control())
    {
        return Err("ResponseURL has characters a pre-signed URL never has".into());
    }
    let path = path_and_query.split('?').next().unwrap_or_default();
    let key = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| "ResponseURL path is not UTF-8 once decoded".to_string())?;
    if !key.starts_with(&format!("/{}|", stack.id)) {
        return Err(format!(
            "ResponseURL path is not the answer key of stack {}",
            stack.id
        ));
    }
    Ok(())
}

/// Where a checked answer is sent: `url` itself, or (tests) the same path and query at
/// `endpoint` (`scheme://host:port`).
pub fn delivery_url(url: &str, endpoint: Option<&str>) -> String {
    match endpoint {
        None => url.to_string(),
        Some(endpoint) => {
            let path_and_query = url
                .strip_prefix("https://")
                .and_then(|r| r.find('/').map(|i| &r[i..]))
                .unwrap_or("/");
            format!("{}{path_and_query}", endpoint.trim_end_matches('/'))
        }
    }
}

/// `cloudformation-custom-resource-response-<region without dashes>` at one of S3's
/// endpoint forms: `s3`, `s3.<region>` or `s3-<region>`, `.amazonaws.com` or `.com.cn`.
fn is_response_bucket_host(host: &str, stack_region: &str) -> bool {
    let bucket = format!(
        "cloudformation-custom-resource-response-{}.",
        stack_region.replace('-', "")
    );
    let Some(endpoint) = host.strip_prefix(&bucket) else {
        return false;
    };
    let Some(s3) = endpoint
        .strip_suffix(".amazonaws.com")
        .or_else(|| endpoint.strip_suffix(".amazonaws.com.cn"))
    else {
        return false;
    };
    s3 == "s3"
        || s3
            .strip_prefix("s3.")
            .or_else(|| s3.strip_prefix("s3-"))
            .is_some_and(is_region)
}

fn is_region(s: &str) -> bool {
    (4..=32).contains(&s.len())
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && s.contains('-')
}

/// A value from a request, cut short for a message (a forged one can be long).
pub fn bounded(s: &str) -> String {
    const MAX: usize = 96;
    match s.char_indices().nth(MAX) {
        Some((end, _)) => format!("{:?}...", &s[..end]),
        None => format!("{s:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STACK: &str =
        "arn:aws:cloudformation:eu-west-1:111122223333:stack/parapet-target/5b3c2e40-b0f1-11ee-9d33-0a1b2c3d4e5f";

    fn url(host: &str, stack: &str) -> String {
        let key = format!("{stack}|Registration|0f4a9e3c");
        let key = percent_encoding::utf8_percent_encode(&key, percent_encoding::NON_ALPHANUMERIC);
        format!("https://{host}/{key}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=ab12")
    }

    #[test]
    fn accepts_the_response_bucket_at_the_stacks_key() {
        let stack = Stack::parse(STACK).unwrap();
        assert_eq!(stack.account, "111122223333");
        for host in [
            "cloudformation-custom-resource-response-euwest1.s3.amazonaws.com",
            "cloudformation-custom-resource-response-euwest1.s3.eu-west-1.amazonaws.com",
            "cloudformation-custom-resource-response-euwest1.s3-eu-west-1.amazonaws.com",
        ] {
            assert_eq!(
                check_response_url(&url(host, STACK), &stack),
                Ok(()),
                "{host}"
            );
        }
        // CloudFormation leaves `/` and `:` of the StackId unencoded in some regions.
        let raw = format!(
            "https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/{STACK}%7CR%7Cid?x=1"
        );
        assert_eq!(check_response_url(&raw, &stack), Ok(()));
    }

    #[test]
    fn refuses_every_other_destination_naming_the_check() {
        let stack = Stack::parse(STACK).unwrap();
        let good_host = "cloudformation-custom-resource-response-euwest1.s3.amazonaws.com";
        let other_stack = STACK.replace("parapet-target", "other");
        let cases = [
            (
                url(good_host, STACK).replace("https://", "http://"),
                "https",
            ),
            (url("attacker.example", STACK), "host"),
            (
                url(
                    "cloudformation-custom-resource-response-attacker.s3.amazonaws.com",
                    STACK,
                ),
                "host",
            ),
            (
                url(
                    "cloudformation-custom-resource-response-useast1.s3.amazonaws.com",
                    STACK,
                ),
                "host",
            ),
            (url(&format!("{good_host}.attacker.example"), STACK), "host"),
            (url(&format!("{good_host}:8443"), STACK), "host"),
            (url(&format!("user@{good_host}"), STACK), "host"),
            (url(good_host, &other_stack), "path"),
            (format!("https://{good_host}/x?{STACK}|"), "path"),
            (
                format!("{}&pad={}", url(good_host, STACK), "a".repeat(9000)),
                "longer",
            ),
        ];
        for (u, check) in cases {
            let err = check_response_url(&u, &stack).unwrap_err();
            assert!(err.contains(check), "{u}: {err}");
        }
    }

    #[test]
    fn parses_stack_ids_and_redirects_delivery_in_tests() {
        assert!(Stack::parse("arn:aws:cloudformation:us-east-1:12:stack/a/b").is_err());
        assert!(Stack::parse("arn:aws:s3:::bucket").is_err());
        assert!(Stack::parse("arn:aws:cloudformation:us-east-1:111122223333:stack/a").is_err());
        assert_eq!(
            delivery_url(
                "https://h.s3.amazonaws.com/k%7Cx?sig=1",
                Some("http://127.0.0.1:9/")
            ),
            "http://127.0.0.1:9/k%7Cx?sig=1"
        );
    }
}
