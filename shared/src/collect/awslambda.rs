//! Lambda functions (regional), read through `aws::api`.

use super::api_support::{listed, rest_json_service, seg, text, with};
use super::support::policy_document;
use super::{Collected, Context, Errors};
use crate::aws::{api::Method, Api, ApiError, Service};
use serde_json::{json, Value};

const LAMBDA: Service = rest_json_service("lambda", "lambda");

const FUNCTION: &str = "AWS::Lambda::Function";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&LAMBDA, ctx.region);
    let _permit = ctx.permit("lambda", ctx.region).await;
    let Some(functions) = listed(
        api.rest_list(
            "ListFunctions",
            "/2015-03-31/functions/",
            &[("MaxItems", "50".into())],
            "Marker",
            "NextMarker",
            "Functions",
        )
        .await,
        out,
        FUNCTION,
        ctx.region,
        "ListFunctions",
    ) else {
        return;
    };
    for mut f in functions {
        last_modified_rfc3339(&mut f);
        let name = text(&f, "FunctionName").to_string();
        let arn = text(&f, "FunctionArn").to_string();
        let mut errors = Errors::default();
        let policy = if !ctx.needs(FUNCTION, "policy") {
            None
        } else {
            match optional(
                &api,
                "GetPolicy",
                &format!("/2015-03-31/functions/{}/policy", seg(&name)),
            )
            .await
            {
                Ok(p) => p.map(|p| policy_document(text(&p, "Policy"))),
                Err(e) => {
                    errors.record_api("policy", &e);
                    None
                }
            }
        };
        let url = if !ctx.needs(FUNCTION, "function_url") {
            None
        } else {
            match optional(
                &api,
                "GetFunctionUrlConfig",
                &format!("/2021-10-31/functions/{}/url", seg(&name)),
            )
            .await
            {
                Ok(u) => u,
                Err(e) => {
                    errors.record_api("function_url", &e);
                    None
                }
            }
        };
        let in_vpc = !text(&f["VpcConfig"], "VpcId").is_empty();
        let mut attrs = with(
            f,
            json!({ "policy": policy, "function_url": url, "in_vpc": in_vpc }),
        );
        // Read by calls of their own, made only when a selected control reads them.
        ctx.keep_planned(FUNCTION, &mut attrs, &["policy", "function_url"]);
        let attrs = errors.attach(attrs);
        out.resources.push(ctx.resource(
            arn,
            FUNCTION,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}

/// Lambda writes `LastModified` as `2023-10-26T18:31:22.811+0000`: ISO 8601 without the
/// colon in the offset that RFC 3339, the shape of every other timestamp, requires.
fn last_modified_rfc3339(function: &mut Value) {
    let Some(field) = function.get_mut("LastModified") else {
        return;
    };
    let parsed = field
        .as_str()
        .and_then(|s| chrono::DateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f%z").ok());
    if let Some(t) = parsed {
        let utc = t.with_timezone(&chrono::Utc);
        *field = json!(utc.to_rfc3339_opts(chrono::SecondsFormat::Millis, true));
    }
}

/// A GET whose "not found" answer means the function has none of the thing.
async fn optional(api: &Api, operation: &str, path: &str) -> Result<Option<Value>, ApiError> {
    match api.rest(operation, Method::GET, path, &[], None).await {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
        Err(e) => Err(e),
    }
}
