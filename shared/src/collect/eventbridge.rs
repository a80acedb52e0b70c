//! EventBridge event buses and schema registries, with their resource policies
//! (regional), read through `aws::api`.

use super::api_support::{json_service, listed, rest_json_service, tags_of, text, with};
use super::support::policy_document;
use super::{Collected, Context, Errors};
use crate::aws::{api::Method, Service};
use serde_json::{json, Value};

const SCHEMAS: Service = rest_json_service("schemas", "schemas");

const EVENTS: Service = json_service("events", "events", "1.1", "AWSEvents");

const REGISTRY: &str = "AWS::EventSchemas::Registry";

const BUS: &str = "AWS::Events::EventBus";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    if ctx.needs_type(BUS) {
        event_buses(ctx, out).await;
    }
    if ctx.needs_type(REGISTRY) {
        registries(ctx, out).await;
    }
}

/// Every event bus (the default one included) with its resource policy: ListEventBuses,
/// then DescribeEventBus per bus, whose answer documents `Policy`.
async fn event_buses(ctx: &Context<'_>, out: &mut Collected) {
    let events = ctx.clients.api(&EVENTS, ctx.region);
    let _permit = ctx.permit(EVENTS.signing_name, ctx.region).await;
    let Some(buses) = listed(
        events
            .list(
                "ListEventBuses",
                json!({ "Limit": 100 }),
                "NextToken",
                "NextToken",
                "EventBuses",
            )
            .await,
        out,
        BUS,
        ctx.region,
        "ListEventBuses",
    ) else {
        return;
    };
    for bus in buses {
        let name = text(&bus, "Name").to_string();
        let arn = text(&bus, "Arn").to_string();
        if !ctx.wants(&name, &arn) {
            continue;
        }
        let mut errors = Errors::default();
        let policy = if !ctx.needs(BUS, "policy") {
            Value::Null
        } else {
            match events
                .call("DescribeEventBus", &json!({ "Name": name }))
                .await
            {
                Ok(answer) => answer["Policy"]
                    .as_str()
                    .map_or(Value::Null, policy_document),
                Err(e) => {
                    errors.record_api("policy", &e);
                    Value::Null
                }
            }
        };
        let mut attrs = with(bus, json!({ "policy": policy }));
        ctx.keep_planned(BUS, &mut attrs, &["policy"]);
        let attrs = errors.attach(attrs);
        out.resources
            .push(ctx.resource(arn, BUS, ctx.region, name, Default::default(), attrs));
    }
}

async fn registries(ctx: &Context<'_>, out: &mut Collected) {
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
        let tags = tags_of(&registry["tags"]);
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
