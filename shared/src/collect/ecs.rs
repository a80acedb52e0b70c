//! ECS services and task definitions (regional), read through `aws::api`.

use super::api_support::{tags_of, text, with};
use super::{Collected, Context, Errors};
use crate::aws::{api::Protocol, Api, Service};
use serde_json::{json, Value};

const ECS: Service = Service {
    signing_name: "ecs",
    endpoint_prefix: "ecs",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AmazonEC2ContainerServiceV20141113",
    },
    global: None,
    xml_lists: &[],
};

const SERVICE: &str = "AWS::ECS::Service";
const TASK_DEFINITION: &str = "AWS::ECS::TaskDefinition";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ECS, ctx.region);
    let _permit = ctx.permit("ecs", ctx.region).await;
    services(ctx, &api, out).await;
    task_definitions(ctx, &api, out).await;
}

async fn services(ctx: &Context<'_>, api: &Api, out: &mut Collected) {
    let clusters = match api
        .list(
            "ListClusters",
            json!({}),
            "nextToken",
            "nextToken",
            "clusterArns",
        )
        .await
    {
        Ok(c) => c,
        Err(e) => return out.fail(SERVICE, ctx.region, format!("ListClusters failed: {e}")),
    };
    for cluster in clusters {
        let arns = match api
            .list(
                "ListServices",
                json!({"cluster": cluster, "maxResults": 100}),
                "nextToken",
                "nextToken",
                "serviceArns",
            )
            .await
        {
            Ok(a) => a,
            Err(e) => return out.fail(SERVICE, ctx.region, format!("ListServices failed: {e}")),
        };
        // DescribeServices takes at most ten services per call.
        for chunk in arns.chunks(10) {
            let described = match api
                .call(
                    "DescribeServices",
                    &json!({"cluster": cluster, "services": chunk, "include": ["TAGS"]}),
                )
                .await
            {
                Ok(d) => d,
                Err(e) => {
                    return out.fail(SERVICE, ctx.region, format!("DescribeServices failed: {e}"))
                }
            };
            for s in described["services"].as_array().into_iter().flatten() {
                out.resources.push(service_resource(ctx, s.clone()));
            }
        }
    }
}

fn service_resource(ctx: &Context<'_>, s: Value) -> super::Resource {
    let arn = text(&s, "serviceArn").to_string();
    let name = text(&s, "serviceName").to_string();
    let tags = tags_of(&s["tags"]);
    // Capacity-provider services name FARGATE / FARGATE_SPOT instead of a launch type.
    let fargate = text(&s, "launchType") == "FARGATE"
        || s["capacityProviderStrategy"]
            .as_array()
            .into_iter()
            .flatten()
            .any(|p| text(p, "capacityProvider").starts_with("FARGATE"));
    let attrs = with(s, json!({ "uses_fargate": fargate }));
    ctx.resource(arn, SERVICE, ctx.region, name, tags, attrs)
}

async fn task_definitions(ctx: &Context<'_>, api: &Api, out: &mut Collected) {
    let arns = match api
        .list(
            "ListTaskDefinitions",
            json!({"status": "ACTIVE"}),
            "nextToken",
            "nextToken",
            "taskDefinitionArns",
        )
        .await
    {
        Ok(a) => a,
        Err(e) => {
            return out.fail(
                TASK_DEFINITION,
                ctx.region,
                format!("ListTaskDefinitions failed: {e}"),
            )
        }
    };
    for arn in arns {
        let answer = match api
            .call(
                "DescribeTaskDefinition",
                &json!({"taskDefinition": arn, "include": ["TAGS"]}),
            )
            .await
        {
            Ok(a) => a,
            Err(e) => {
                // Listed but unreadable: its controls report ERROR, not a verdict.
                let arn = arn.as_str().unwrap_or_default().to_string();
                let name = arn.rsplit('/').next().unwrap_or_default().to_string();
                let mut errors = Errors::default();
                errors.record_api("containerDefinitions", &e);
                let attrs = errors.attach(json!({ "taskDefinitionArn": arn }));
                out.resources.push(ctx.resource(
                    arn,
                    TASK_DEFINITION,
                    ctx.region,
                    name,
                    Default::default(),
                    attrs,
                ));
                continue;
            }
        };
        out.resources.push(task_definition_resource(ctx, &answer));
    }
}

fn task_definition_resource(ctx: &Context<'_>, answer: &Value) -> super::Resource {
    let td = answer["taskDefinition"].clone();
    let arn = text(&td, "taskDefinitionArn").to_string();
    let name = format!("{}:{}", text(&td, "family"), td["revision"]);
    let tags = tags_of(&answer["tags"]);
    ctx.resource(arn, TASK_DEFINITION, ctx.region, name, tags, td)
}
