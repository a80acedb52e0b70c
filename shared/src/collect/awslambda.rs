//! Lambda functions (regional), read through `aws::api`.

use super::api_support::{listed, rest_json_service, seg, text, with};
use super::support::policy_document;
use super::{Collected, Context, Errors};
use crate::aws::{api::Method, Api, ApiError, Service};
use serde_json::{json, Value};

const LAMBDA: Service = rest_json_service("lambda", "lambda");

const FUNCTION: &str = "AWS::Lambda::Function";
const LAYER_VERSION: &str = "AWS::Lambda::LayerVersion";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&LAMBDA, ctx.region);
    let _permit = ctx.permit("lambda", ctx.region).await;
    if ctx.needs_type(LAYER_VERSION) {
        layer_versions(ctx, &api, out).await;
    }
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

/// Every version of every layer of the region (ListLayers, ListLayerVersions) with its
/// permissions policy (GetLayerVersionPolicy; a version without one answers
/// ResourceNotFoundException). Layers are shared one version at a time, so each version
/// is a resource.
async fn layer_versions(ctx: &Context<'_>, api: &Api, out: &mut Collected) {
    let Some(layers) = listed(
        api.rest_list(
            "ListLayers",
            "/2018-10-31/layers",
            &[("MaxItems", "50".into())],
            "Marker",
            "NextMarker",
            "Layers",
        )
        .await,
        out,
        LAYER_VERSION,
        ctx.region,
        "ListLayers",
    ) else {
        return;
    };
    for layer in layers {
        let layer_name = text(&layer, "LayerName").to_string();
        let Some(versions) = listed(
            api.rest_list(
                "ListLayerVersions",
                &format!("/2018-10-31/layers/{}/versions", seg(&layer_name)),
                &[("MaxItems", "50".into())],
                "Marker",
                "NextMarker",
                "LayerVersions",
            )
            .await,
            out,
            LAYER_VERSION,
            ctx.region,
            "ListLayerVersions",
        ) else {
            return;
        };
        for version in versions {
            out.resources
                .push(layer_version(ctx, api, &layer_name, version).await);
        }
    }
}

async fn layer_version(
    ctx: &Context<'_>,
    api: &Api,
    layer_name: &str,
    mut version: Value,
) -> crate::model::Resource {
    lambda_time_rfc3339(&mut version, "CreatedDate");
    let number = version["Version"].as_i64().unwrap_or_default();
    let mut errors = Errors::default();
    let policy = if !ctx.needs(LAYER_VERSION, "policy") {
        None
    } else {
        let path = format!(
            "/2018-10-31/layers/{}/versions/{number}/policy",
            seg(layer_name)
        );
        match optional(api, "GetLayerVersionPolicy", &path).await {
            Ok(answer) => answer.map(|a| match a["Policy"].as_str() {
                Some(text) => policy_document(text),
                None => {
                    errors.note(
                        "policy",
                        format!(
                            "GetLayerVersionPolicy {layer_name}:{number}: the answer has no Policy"
                        ),
                    );
                    Value::Null
                }
            }),
            Err(e) => {
                errors.record_api("policy", &e);
                None
            }
        }
    };
    let arn = text(&version, "LayerVersionArn").to_string();
    let mut attrs = with(
        version,
        json!({ "LayerName": layer_name, "policy": policy }),
    );
    ctx.keep_planned(LAYER_VERSION, &mut attrs, &["policy"]);
    ctx.resource(
        arn,
        LAYER_VERSION,
        ctx.region,
        format!("{layer_name}:{number}"),
        Default::default(),
        errors.attach(attrs),
    )
}

/// Lambda writes `LastModified` (and a layer's `CreatedDate`) as
/// `2023-10-26T18:31:22.811+0000`: ISO 8601 without the colon in the offset that RFC 3339,
/// the shape of every other timestamp, requires.
fn last_modified_rfc3339(function: &mut Value) {
    lambda_time_rfc3339(function, "LastModified");
}

fn lambda_time_rfc3339(object: &mut Value, name: &str) {
    let Some(field) = object.get_mut(name) else {
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
