//! EventBridge schema registries and their resource policies (regional), read through
//! `aws::api`.

use super::api_support::{listed, rest_json_service, tags_of, text, with};
use super::support::policy_document;
use super::{Collected, Context, Errors};
use crate::aws::{api::Method, Service};
use serde_json::{json, Value};

const SCHEMAS: Service = rest_json_service("schemas", "schemas");

const REGISTRY: &str = "AWS::EventSchemas::Registry";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&SCHEMAS, ctx.region);
    let _permit = ctx.permit("schemas", ctx.region).await;
    let Some(registries) = listed(
        api.rest_list(
            "ListRegistries",
            "/v1/registries",
            &[],
            "NextToken",
            "NextToken",
            "Registries",
        )
        .await,
        out,
        REGISTRY,
        ctx.region,
        "ListRegistries",
    ) else {
        return;
    };
    for registry in registries {
        let name = text(&registry, "RegistryName").to_string();
        let arn = text(&registry, "RegistryArn").to_string();
        let tags = tags_of(&registry["Tags"]);
        let mut errors = Errors::default();
        let policy = match api
            .rest(
                "GetResourcePolicy",
                Method::GET,
                "/v1/policy",
                &[("registryName", name.clone())],
                None,
            )
            .await
        {
            Ok(answer) => registry_policy(&answer),
            Err(e) if e.code == "NotFoundException" => Value::Null,
            Err(e) => {
                errors.record_api("policy", &e);
                Value::Null
            }
        };
        let attrs = errors.attach(with(registry, json!({ "policy": policy })));
        out.resources
            .push(ctx.resource(arn, REGISTRY, ctx.region, name, tags, attrs));
    }
}

/// GetResourcePolicy's `Policy`: a JSON document the API may send as an object or as a
/// string holding one.
fn registry_policy(answer: &Value) -> Value {
    match &answer["Policy"] {
        Value::String(s) => policy_document(s),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// moto has no EventBridge Schemas: GetResourcePolicy's answer as the Schemas API
    /// reference documents it, in both shapes the document may take.
    #[test]
    fn registry_policies_decode_from_object_or_string() {
        let doc = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "schemas:*",
            "Resource": "arn:aws:schemas:us-east-1:111122223333:registry/shared"}]});
        let as_object = json!({"Policy": doc, "RevisionId": "1"});
        assert_eq!(registry_policy(&as_object), doc);
        let as_string = json!({"Policy": doc.to_string(), "RevisionId": "1"});
        assert_eq!(registry_policy(&as_string), doc);
    }
}
