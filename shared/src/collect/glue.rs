//! Glue ETL jobs (regional), read through `aws::api`, with the security configuration
//! each job names.

use super::api_support::{json_service, listed, text, with};
use super::support::policy_document;
use super::{Collected, Context, Errors};
use crate::aws::{Api, Service};
use serde_json::{json, Value};
use std::collections::HashMap;

const GLUE: Service = json_service("glue", "glue", "1.1", "AWSGlue");

const JOB: &str = "AWS::Glue::Job";
const CATALOG: &str = "Parapet::Glue::DataCatalog";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&GLUE, ctx.region);
    let _permit = ctx.permit("glue", ctx.region).await;
    if ctx.needs_type(CATALOG) {
        out.resources.push(data_catalog(ctx, &api).await);
    }
    let Some(jobs) = listed(
        api.list("GetJobs", json!({}), "NextToken", "NextToken", "Jobs")
            .await,
        out,
        JOB,
        ctx.region,
        "GetJobs",
    ) else {
        return;
    };
    if jobs.is_empty() {
        return;
    }
    let configurations: Result<HashMap<String, Value>, _> = api
        .list(
            "GetSecurityConfigurations",
            json!({}),
            "NextToken",
            "NextToken",
            "SecurityConfigurations",
        )
        .await
        .map(|all| {
            all.into_iter()
                .map(|c| {
                    (
                        text(&c, "Name").to_string(),
                        c["EncryptionConfiguration"].clone(),
                    )
                })
                .collect()
        });
    for job in jobs {
        let name = text(&job, "Name").to_string();
        let arn = format!("arn:aws:glue:{}:{}:job/{name}", ctx.region, ctx.account_id);
        let mut errors = Errors::default();
        let wanted = text(&job, "SecurityConfiguration");
        let encryption = match (&configurations, wanted) {
            (_, "") => Value::Null,
            (Ok(all), w) => match all.get(w) {
                Some(c) => c.clone(),
                None => {
                    errors.note(
                        "security_configuration",
                        format!("security configuration {w} was not found"),
                    );
                    Value::Null
                }
            },
            (Err(e), _) => {
                errors.record_api("security_configuration", e);
                Value::Null
            }
        };
        let attrs = errors.attach(with(job, json!({ "security_configuration": encryption })));
        out.resources
            .push(ctx.resource(arn, JOB, ctx.region, name, Default::default(), attrs));
    }
}

/// The region's Data Catalog (ARN `arn:aws:glue:<region>:<account>:catalog`) with its
/// resource policy (GetResourcePolicy without a ResourceArn reads the catalog's). Null
/// when it has none: Glue answers EntityNotFoundException, and the model marks every
/// member of the answer optional, so an answer without PolicyInJson is no policy too.
/// A failed read leaves it unknown with the reason.
async fn data_catalog(ctx: &Context<'_>, api: &Api) -> crate::model::Resource {
    let mut errors = Errors::default();
    let policy = match api.call("GetResourcePolicy", &json!({})).await {
        Ok(answer) => answer["PolicyInJson"]
            .as_str()
            .map(policy_document)
            .unwrap_or(Value::Null),
        Err(e) if e.code == "EntityNotFoundException" => Value::Null,
        Err(e) => {
            errors.record_api("policy", &e);
            Value::Null
        }
    };
    ctx.region_settings(
        CATALOG,
        "glue",
        "catalog",
        errors.attach(json!({ "policy": policy })),
    )
}
