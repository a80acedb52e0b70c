//! Helpers for collectors that read their service through `aws::api` (JSON answers).

use super::Collected;
use crate::aws::{api::Protocol, ApiError, Service};
use serde_json::Value;
use std::collections::BTreeMap;

/// A regional awsJson service: `X-Amz-Target: <target_prefix>.<Operation>`.
pub const fn json_service(
    signing_name: &'static str,
    endpoint_prefix: &'static str,
    version: &'static str,
    target_prefix: &'static str,
) -> Service {
    Service {
        signing_name,
        endpoint_prefix,
        protocol: Protocol::Json {
            version,
            target_prefix,
        },
        global: None,
    }
}

/// A regional restJson1 service.
pub const fn rest_json_service(
    signing_name: &'static str,
    endpoint_prefix: &'static str,
) -> Service {
    Service {
        signing_name,
        endpoint_prefix,
        protocol: Protocol::RestJson,
        global: None,
    }
}

/// A regional awsQuery service.
pub const fn query_service(
    signing_name: &'static str,
    endpoint_prefix: &'static str,
    version: &'static str,
) -> Service {
    Service {
        signing_name,
        endpoint_prefix,
        protocol: Protocol::Query { version },
        global: None,
    }
}

/// The answer of a listing call, or `None` once the resource type is recorded as not
/// listable (its controls then report ERROR in this region instead of a verdict).
pub fn listed<T>(
    answer: Result<T, ApiError>,
    out: &mut Collected,
    resource_type: &str,
    region: &str,
    operation: &str,
) -> Option<T> {
    match answer {
        Ok(v) => Some(v),
        Err(e) => {
            // The error names its operation; one that could not is named here.
            let reason = match e.operation.as_str() {
                "" => format!("{operation}: {e}"),
                _ => e.to_string(),
            };
            out.fail(resource_type, region, reason);
            None
        }
    }
}

/// Tags in any of the shapes AWS APIs answer with: a `{"key": "value"}` map, or a list of
/// `{"Key", "Value"}` / `{"key", "value"}` pairs.
pub fn tags_of(v: &Value) -> BTreeMap<String, String> {
    let text = |v: Option<&Value>| v.and_then(Value::as_str).unwrap_or_default().to_string();
    match v {
        Value::Object(m) => m
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap_or_default().to_string()))
            .collect(),
        Value::Array(items) => items
            .iter()
            .map(|t| {
                (
                    text(t.get("Key").or_else(|| t.get("key"))),
                    text(t.get("Value").or_else(|| t.get("value"))),
                )
            })
            .filter(|(k, _)| !k.is_empty())
            .collect(),
        _ => BTreeMap::new(),
    }
}

/// The string at `key` of an API item, or "".
pub fn text<'a>(item: &'a Value, key: &str) -> &'a str {
    item.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Adds derived fields to an API item (an object), keeping every field the API returned.
pub fn with(mut item: Value, derived: Value) -> Value {
    if let (Some(obj), Value::Object(extra)) = (item.as_object_mut(), derived) {
        obj.extend(extra);
    }
    item
}

/// RFC 3986's unreserved characters stay as they are: `my-layer` is sent as `my-layer`,
/// not `my%2Dlayer` (an endpoint that does not decode the escape, as moto, finds no such
/// resource and answers "none", which would read as "no policy").
const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'_')
    .remove(b'.')
    .remove(b'~');

/// A path segment for a REST URL: names may hold characters a path cannot.
pub fn seg(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, PATH_SEGMENT).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_segments_keep_unreserved_characters() {
        assert_eq!(seg("rp-layer_v1.2~x"), "rp-layer_v1.2~x");
        assert_eq!(seg("a/b c:d"), "a%2Fb%20c%3Ad");
    }

    #[test]
    fn tags_come_from_maps_and_both_pair_spellings() {
        let map = tags_of(&json!({"env": "prod"}));
        assert_eq!(map["env"], "prod");
        let pairs = tags_of(&json!([{"Key": "a", "Value": "1"}, {"key": "b", "value": "2"}]));
        assert_eq!((pairs["a"].as_str(), pairs["b"].as_str()), ("1", "2"));
        assert!(tags_of(&Value::Null).is_empty());
        let item = with(json!({"A": 1}), json!({"b": 2}));
        assert_eq!(item, json!({"A": 1, "b": 2}));
        assert_eq!(seg("a b/c"), "a%20b%2Fc");
    }
}
