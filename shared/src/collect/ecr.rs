//! ECR repositories (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text, with};
use super::support::{epoch_fields, policy_document};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::{json, Value};

const ECR: Service = json_service(
    "ecr",
    "api.ecr",
    "1.1",
    "AmazonEC2ContainerRegistry_V20150921",
);

const REPOSITORY: &str = "AWS::ECR::Repository";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ECR, ctx.region);
    let _permit = ctx.permit("ecr", ctx.region).await;
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
    for mut repo in repositories {
        epoch_fields(&mut repo, &["createdAt"]);
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
