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
    for f in functions {
        let name = text(&f, "FunctionName").to_string();
        let arn = text(&f, "FunctionArn").to_string();
        let mut errors = Errors::default();
        let policy = match optional(
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
        };
        let url = match optional(
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
        };
        let in_vpc = !text(&f["VpcConfig"], "VpcId").is_empty();
        let attrs = errors.attach(with(
            f,
            json!({ "policy": policy, "function_url": url, "in_vpc": in_vpc }),
        ));
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

/// A GET whose "not found" answer means the function has none of the thing.
async fn optional(api: &Api, operation: &str, path: &str) -> Result<Option<Value>, ApiError> {
    match api.rest(operation, Method::GET, path, &[], None).await {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
        Err(e) => Err(e),
    }
}
