//! ECR repositories (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text, with};
use super::support::policy_document;
use super::{Collected, Context, Errors};
use crate::aws::{Api, Service};
use serde_json::{json, Value};

const ECR: Service = json_service(
    "ecr",
    "api.ecr",
    "1.1",
    "AmazonEC2ContainerRegistry_V20150921",
);

const REPOSITORY: &str = "AWS::ECR::Repository";
const REGISTRY: &str = "Parapet::ECR::RegistrySettings";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ECR, ctx.region);
    let _permit = ctx.permit("ecr", ctx.region).await;
    if ctx.needs_type(REGISTRY) {
        out.resources.push(registry_settings(ctx, &api).await);
    }
    let Some(repositories) = listed(
        api.list(
            "DescribeRepositories",
            json!({}),
            "nextToken",
            "nextToken",
            "repositories",
        )
        .await,
        out,
        REPOSITORY,
        ctx.region,
        "DescribeRepositories",
    ) else {
        return;
    };
    if repositories.is_empty() {
        return;
    }
    // Registry-wide scanning rules apply to every repository their filters match.
    let registry = api
        .call("GetRegistryScanningConfiguration", &json!({}))
        .await
        .map(|r| r["scanningConfiguration"].clone());
    for repo in repositories {
        let name = text(&repo, "repositoryName").to_string();
        let arn = text(&repo, "repositoryArn").to_string();
        let mut errors = Errors::default();
        let registry_scanning = match &registry {
            Ok(r) => r.clone(),
            Err(e) => {
                errors.record_api("registry_scanning", e);
                Value::Null
            }
        };
        let lifecycle = match api
            .call("GetLifecyclePolicy", &json!({ "repositoryName": name }))
            .await
        {
            Ok(p) => policy_document(text(&p, "lifecyclePolicyText")),
            Err(e) if e.code == "LifecyclePolicyNotFoundException" => Value::Null,
            Err(e) => {
                errors.record_api("lifecycle_policy", &e);
                Value::Null
            }
        };
        let policy = if !ctx.needs(REPOSITORY, "policy") {
            Value::Null
        } else {
            match api
                .call("GetRepositoryPolicy", &json!({ "repositoryName": name }))
                .await
            {
                Ok(p) => policy_document(text(&p, "policyText")),
                Err(e) if e.code == "RepositoryPolicyNotFoundException" => Value::Null,
                Err(e) => {
                    errors.record_api("policy", &e);
                    Value::Null
                }
            }
        };
        let mut attrs = with(
            repo,
            json!({
                "lifecycle_policy": lifecycle, "registry_scanning": registry_scanning,
                "policy": policy,
            }),
        );
        ctx.keep_planned(REPOSITORY, &mut attrs, &["policy"]);
        let attrs = errors.attach(attrs);
        out.resources.push(ctx.resource(
            arn,
            REPOSITORY,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}

/// The region's private registry: its registry policy (GetRegistryPolicy), which grants
/// other accounts replication into it and pull-through-cache repository creation. Null
/// when the registry has none; a failed read leaves it unknown with the reason.
async fn registry_settings(ctx: &Context<'_>, api: &Api) -> crate::model::Resource {
    let mut errors = Errors::default();
    let policy = match api.call("GetRegistryPolicy", &json!({})).await {
        Ok(answer) => match answer["policyText"].as_str() {
            Some(text) => policy_document(text),
            None => {
                errors.note(
                    "registry_policy",
                    "GetRegistryPolicy: the answer has no policyText".into(),
                );
                Value::Null
            }
        },
        Err(e) if e.code == "RegistryPolicyNotFoundException" => Value::Null,
        Err(e) => {
            errors.record_api("registry_policy", &e);
            Value::Null
        }
    };
    ctx.region_settings(
        REGISTRY,
        "ecr",
        "registry",
        errors.attach(json!({ "registry_policy": policy })),
    )
}
