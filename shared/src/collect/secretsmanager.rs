//! Secrets Manager secrets (regional), read through `aws::api` (JSON protocol).

use super::api_support::with;
use super::support::{policy_document, tag_map, Errors};
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::{json, Value};

pub const SECRETSMANAGER: Service = Service {
    signing_name: "secretsmanager",
    endpoint_prefix: "secretsmanager",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "secretsmanager",
    },
    global: None,
};

const TYPE: &str = "AWS::SecretsManager::Secret";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&SECRETSMANAGER, ctx.region);
    let _permit = ctx.permit(SECRETSMANAGER.signing_name, ctx.region).await;
    let secrets = match api
        .list(
            "ListSecrets",
            json!({"MaxResults": 100}),
            "NextToken",
            "NextToken",
            "SecretList",
        )
        .await
    {
        Ok(s) => s,
        Err(e) => return out.fail(TYPE, ctx.region, e.to_string()),
    };
    for s in secrets {
        let (arn, name, tags, attrs) = secret_attributes(s);
        // A rescan keeps only the secrets it names: the others' policies are not read.
        let attrs = if ctx.needs(TYPE, "policy") && ctx.wants(&name, &arn) {
            with_policy(&api, &arn, attrs).await
        } else {
            attrs
        };
        out.resources
            .push(ctx.resource(arn, TYPE, ctx.region, name, tags, attrs));
    }
}

/// Adds the secret's resource policy (`policy`, null when it has none) to its attributes;
/// reads the policy document only, never the secret value.
async fn with_policy(api: &crate::aws::Api, arn: &str, attrs: Value) -> Value {
    let mut errors = Errors::default();
    let policy = match api
        .call("GetResourcePolicy", &json!({ "SecretId": arn }))
        .await
    {
        Ok(answer) => match answer.get("ResourcePolicy").and_then(Value::as_str) {
            Some(text) => policy_document(text),
            None => Value::Null,
        },
        Err(e) => {
            errors.record_api("policy", &e);
            Value::Null
        }
    };
    errors.attach(with(attrs, json!({ "policy": policy })))
}

/// A ListSecrets entry as the resource: `RotationEnabled` false when the answer leaves
/// it out, timestamps as RFC 3339.
fn secret_attributes(
    mut s: Value,
) -> (
    String,
    String,
    std::collections::BTreeMap<String, String>,
    Value,
) {
    let arn = s["ARN"].as_str().unwrap_or_default().to_string();
    let name = s["Name"].as_str().unwrap_or_default().to_string();
    let tags = tag_map(&s["Tags"]);
    if let Some(obj) = s.as_object_mut() {
        if !obj.get("RotationEnabled").is_some_and(Value::is_boolean) {
            obj.insert("RotationEnabled".into(), Value::Bool(false));
        }
        obj.entry("LastAccessedDate").or_insert(Value::Null);
    }
    (arn, name, tags, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_entry_defaults_and_dates() {
        // A ListSecrets entry as the API reference shows it, decoded as `Api` decodes it.
        let page = crate::aws::shapes::decode_answer(
            &SECRETSMANAGER,
            "ListSecrets",
            "/",
            br#"{"SecretList": [{
            "ARN": "arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf",
            "Name": "db", "LastAccessedDate": 1700006400, "Tags": [{"Key": "team", "Value": "data"}]
        }]}"#,
        )
        .unwrap();
        let (arn, name, tags, attrs) = secret_attributes(page["SecretList"][0].clone());
        assert!(arn.ends_with("secret:db-AbCdEf"));
        assert_eq!(name, "db");
        assert_eq!(tags["team"], "data");
        assert_eq!(attrs["RotationEnabled"], false);
        assert_eq!(attrs["LastAccessedDate"], "2023-11-15T00:00:00Z");
        let (_, _, _, never) = secret_attributes(json!({"Name": "new", "RotationEnabled": true}));
        assert_eq!(never["RotationEnabled"], true);
        assert_eq!(never["LastAccessedDate"], Value::Null);
    }
}
