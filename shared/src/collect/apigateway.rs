//! API Gateway REST API stages and custom domain names (regional), read through `aws::api`.

use super::api_support::{listed, rest_json_service, seg, tags_of, text, with};
use super::{Collected, Context};
use crate::aws::{api::Method, Api, ApiError, Service};
use serde_json::{json, Value};

const APIGATEWAY: Service = rest_json_service("apigateway", "apigateway");

const STAGE: &str = "AWS::ApiGateway::Stage";
const DOMAIN: &str = "AWS::ApiGateway::DomainName";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&APIGATEWAY, ctx.region);
    let _permit = ctx.permit("apigateway", ctx.region).await;
    stages(ctx, &api, out).await;
    domain_names(ctx, &api, out).await;
}

/// Every page of a GET answering `{"item": [...], "position": ...}`.
async fn items(api: &Api, operation: &str, path: &str) -> Result<Vec<Value>, ApiError> {
    api.rest_list(
        operation,
        path,
        &[("limit", "500".into())],
        "position",
        "position",
        "item",
    )
    .await
}

async fn stages(ctx: &Context<'_>, api: &Api, out: &mut Collected) {
    let Some(rest_apis) = listed(
        items(api, "GetRestApis", "/restapis").await,
        out,
        STAGE,
        ctx.region,
        "GetRestApis",
    ) else {
        return;
    };
    for rest_api in rest_apis {
        let id = text(&rest_api, "id");
        let Some(stages) = listed(
            api.rest(
                "GetStages",
                Method::GET,
                &format!("/restapis/{}/stages", seg(id)),
                &[],
                None,
            )
            .await,
            out,
            STAGE,
            ctx.region,
            "GetStages",
        ) else {
            return;
        };
        for stage in stages["item"].as_array().into_iter().flatten() {
            out.resources
                .push(stage_resource(ctx, &rest_api, stage.clone()));
        }
    }
}

fn stage_resource(ctx: &Context<'_>, rest_api: &Value, stage: Value) -> super::Resource {
    let id = text(rest_api, "id");
    let stage_name = text(&stage, "stageName").to_string();
    let arn = format!(
        "arn:aws:apigateway:{}::/restapis/{id}/stages/{stage_name}",
        ctx.region
    );
    let name = format!("{}/{stage_name}", text(rest_api, "name"));
    let tags = tags_of(&stage["tags"]);
    // Settings under `*/*` apply to every method that has none of its own.
    let all_methods = &stage["methodSettings"]["*/*"];
    let derived = json!({
        "restApiId": id,
        "rest_api_name": text(rest_api, "name"),
        // The API's endpoint type decides whether the stage is reachable from the internet.
        "endpoint_configuration": endpoint_configuration(rest_api),
        "logging": {
            "execution_level": all_methods["loggingLevel"].as_str().unwrap_or("OFF"),
            "access_log_destination": stage["accessLogSettings"]["destinationArn"],
        },
        "caching": {
            "cluster_enabled": stage["cacheClusterEnabled"].as_bool().unwrap_or(false),
            "methods_caching": all_methods["cachingEnabled"].as_bool().unwrap_or(false),
            "data_encrypted": all_methods["cacheDataEncrypted"].as_bool().unwrap_or(false),
        },
    });
    ctx.resource(arn, STAGE, ctx.region, name, tags, with(stage, derived))
}

/// GetRestApis' `endpointConfiguration`: `types` (EDGE, REGIONAL or PRIVATE),
/// `ipAddressType` and the VPC endpoints of a private API; null when absent.
fn endpoint_configuration(rest_api: &Value) -> Value {
    let Some(c) = rest_api
        .get("endpointConfiguration")
        .filter(|c| c.is_object())
    else {
        return Value::Null;
    };
    let field = |k: &str| c.get(k).cloned().unwrap_or(Value::Null);
    json!({
        "types": field("types"),
        "ipAddressType": field("ipAddressType"),
        "vpcEndpointIds": field("vpcEndpointIds"),
    })
}

async fn domain_names(ctx: &Context<'_>, api: &Api, out: &mut Collected) {
    let Some(domains) = listed(
        items(api, "GetDomainNames", "/domainnames").await,
        out,
        DOMAIN,
        ctx.region,
        "GetDomainNames",
    ) else {
        return;
    };
    for d in domains {
        let name = text(&d, "domainName").to_string();
        let arn = d["domainNameArn"]
            .as_str()
            .map(str::to_string)
            .unwrap_or_else(|| format!("arn:aws:apigateway:{}::/domainnames/{name}", ctx.region));
        let tags = tags_of(&d["tags"]);
        out.resources
            .push(ctx.resource(arn, DOMAIN, ctx.region, name, tags, d));
    }
}
