use crate::aws::describe;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::date_time::Format;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use serde_json::{Map, Value};

/// An AWS timestamp as RFC 3339, or null.
pub fn ts(t: Option<&aws_smithy_types::DateTime>) -> Value {
    t.and_then(|t| t.fmt(Format::DateTime).ok())
        .map(Value::String)
        .unwrap_or(Value::Null)
}

/// The `errors` attribute of a resource: which attributes could not be read, and why.
#[derive(Debug, Default)]
pub struct Errors(Map<String, Value>);

impl Errors {
    pub fn record<E, R>(&mut self, attribute: &str, err: &SdkError<E, R>)
    where
        E: ProvideErrorMetadata + std::error::Error + 'static,
        R: std::fmt::Debug,
    {
        self.note(attribute, describe(err));
    }

    /// Records a failed `aws::api` call.
    pub fn record_api(&mut self, attribute: &str, err: &crate::aws::ApiError) {
        self.note(attribute, err.to_string());
    }

    pub fn note(&mut self, attribute: &str, reason: String) {
        tracing::debug!(attribute, %reason, "attribute not readable");
        self.0.insert(attribute.to_string(), Value::String(reason));
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Adds `errors` to an attributes object when anything failed.
    pub fn attach(self, mut attributes: Value) -> Value {
        if !self.0.is_empty() {
            if let Some(obj) = attributes.as_object_mut() {
                obj.insert("errors".into(), Value::Object(self.0));
            }
        }
        attributes
    }
}

/// Decodes an IAM policy document: URL-encoded JSON as the IAM API returns it, or plain JSON.
pub fn policy_document(raw: &str) -> Value {
    let decoded = percent_encoding::percent_decode_str(raw).decode_utf8_lossy();
    serde_json::from_str(&decoded)
        .or_else(|_| serde_json::from_str(raw))
        .unwrap_or_else(|_| Value::String(raw.to_string()))
}

/// A JSON-protocol timestamp (epoch seconds, possibly fractional) as RFC 3339 UTC;
/// strings are kept as they are and anything else is null.
pub fn epoch_ts(v: &Value) -> Value {
    match v {
        Value::Number(n) => n
            .as_f64()
            .and_then(|secs| {
                chrono::DateTime::from_timestamp(secs.trunc() as i64, 0)
                    .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
            })
            .map(Value::String)
            .unwrap_or(Value::Null),
        Value::String(s) => Value::String(s.clone()),
        _ => Value::Null,
    }
}

/// Rewrites the named timestamp fields of a JSON-protocol item to RFC 3339 in place.
pub fn epoch_fields(item: &mut Value, fields: &[&str]) {
    for f in fields {
        if let Some(v) = item.get_mut(*f) {
            *v = epoch_ts(v);
        }
    }
}

/// Tags from an API answer's tag list (`[{"Key", "Value"}]`, any casing of the two
/// names) as a map; anything else gives no tags.
pub fn tag_map(list: &Value) -> std::collections::BTreeMap<String, String> {
    let field = |t: &Value, a: &str, b: &str| {
        t.get(a)
            .or_else(|| t.get(b))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    list.as_array()
        .into_iter()
        .flatten()
        .filter_map(|t| {
            Some((
                field(t, "Key", "key")?,
                field(t, "Value", "value").unwrap_or_default(),
            ))
        })
        .collect()
}

/// The value of the `Name` tag, used as a readable name for EC2 resources.
pub fn name_tag<'a>(tags: impl IntoIterator<Item = (&'a str, &'a str)>) -> Option<String> {
    tags.into_iter()
        .find(|(k, _)| *k == "Name")
        .map(|(_, v)| v.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_seconds_become_rfc3339() {
        assert_eq!(
            epoch_ts(&serde_json::json!(1700000000.123)),
            "2023-11-14T22:13:20Z"
        );
        assert_eq!(
            epoch_ts(&serde_json::json!("2024-01-01T00:00:00Z")),
            "2024-01-01T00:00:00Z"
        );
        assert_eq!(epoch_ts(&Value::Null), Value::Null);
        let mut item = serde_json::json!({"NotAfter": 0, "Other": 5});
        epoch_fields(&mut item, &["NotAfter", "Missing"]);
        assert_eq!(item["NotAfter"], "1970-01-01T00:00:00Z");
        assert_eq!(item["Other"], 5);
    }

    #[test]
    fn reads_tag_lists_in_either_casing() {
        let tags = tag_map(&serde_json::json!([
            {"Key": "env", "Value": "prod"},
            {"key": "team", "value": "data"},
            {"Key": "empty"},
            {"Value": "no key"}
        ]));
        assert_eq!(tags.len(), 3);
        assert_eq!(tags["env"], "prod");
        assert_eq!(tags["team"], "data");
        assert_eq!(tags["empty"], "");
        assert!(tag_map(&Value::Null).is_empty());
    }

    #[test]
    fn decodes_url_encoded_and_plain_policy_documents() {
        let enc = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assert_eq!(policy_document(enc)["Version"], "2012-10-17");
        assert_eq!(
            policy_document(r#"{"Statement":[]}"#)["Statement"],
            serde_json::json!([])
        );
        assert!(policy_document("not json").is_string());
    }
}
