//! ECS services and task definitions (regional), read through `aws::api`.

use super::api_support::{json_service, listed, tags_of, text, with};
use super::{Collected, Context, Errors};
use crate::aws::{Api, Service};
use serde_json::{json, Value};

const ECS: Service = json_service("ecs", "ecs", "1.1", "AmazonEC2ContainerServiceV20141113");

const SERVICE: &str = "AWS::ECS::Service";
const TASK_DEFINITION: &str = "AWS::ECS::TaskDefinition";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ECS, ctx.region);
    let _permit = ctx.permit("ecs", ctx.region).await;
    services(ctx, &api, out).await;
    task_definitions(ctx, &api, out).await;
}

async fn services(ctx: &Context<'_>, api: &Api, out: &mut Collected) {
    let Some(clusters) = listed(
        api.list(
            "ListClusters",
            json!({}),
            "nextToken",
            "nextToken",
            "clusterArns",
        )
        .await,
        out,
        SERVICE,
        ctx.region,
        "ListClusters",
    ) else {
        return;
    };
    for cluster in clusters {
        let Some(arns) = listed(
            api.list(
                "ListServices",
                json!({"cluster": cluster, "maxResults": 100}),
                "nextToken",
                "nextToken",
                "serviceArns",
            )
            .await,
            out,
            SERVICE,
            ctx.region,
            "ListServices",
        ) else {
            return;
        };
        // DescribeServices takes at most ten services per call.
        for chunk in arns.chunks(10) {
            let Some(described) = listed(
                api.call(
                    "DescribeServices",
                    &json!({"cluster": cluster, "services": chunk, "include": ["TAGS"]}),
                )
                .await,
                out,
                SERVICE,
                ctx.region,
                "DescribeServices",
            ) else {
                return;
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
    let Some(arns) = listed(
        api.list(
            "ListTaskDefinitions",
            json!({"status": "ACTIVE"}),
            "nextToken",
            "nextToken",
            "taskDefinitionArns",
        )
        .await,
        out,
        TASK_DEFINITION,
        ctx.region,
        "ListTaskDefinitions",
    ) else {
        return;
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
