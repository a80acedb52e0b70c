//! Helpers for collectors that read their service through `aws::api` (JSON answers).

use serde_json::Value;
use std::collections::BTreeMap;

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

/// A path segment for a REST URL: names may hold characters a path cannot.
pub fn seg(name: &str) -> String {
    percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
