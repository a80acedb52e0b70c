//! API Gateway v2 (HTTP and WebSocket API) stages (regional), read through `aws::api`.

use super::api_support::{seg, tags_of, text, with};
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::json;

const APIGATEWAYV2: Service = Service {
    signing_name: "apigateway",
    endpoint_prefix: "apigateway",
    protocol: Protocol::RestJson,
    global: None,
    xml_lists: &[],
};

const STAGE: &str = "AWS::ApiGatewayV2::Stage";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&APIGATEWAYV2, ctx.region);
    let _permit = ctx.permit("apigateway", ctx.region).await;
    let apis = match api
        .rest_list("/v2/apis", &[], "nextToken", "nextToken", "items")
        .await
    {
        Ok(a) => a,
        Err(e) => return out.fail(STAGE, ctx.region, format!("GetApis failed: {e}")),
    };
    for http_api in apis {
        let id = text(&http_api, "apiId");
        let path = format!("/v2/apis/{}/stages", seg(id));
        let stages = match api
            .rest_list(&path, &[], "nextToken", "nextToken", "items")
            .await
        {
            Ok(s) => s,
            Err(e) => return out.fail(STAGE, ctx.region, format!("GetStages failed: {e}")),
        };
        for stage in stages {
            let stage_name = text(&stage, "stageName").to_string();
            let arn = format!(
                "arn:aws:apigateway:{}::/apis/{id}/stages/{stage_name}",
                ctx.region
            );
            let name = format!("{}/{stage_name}", text(&http_api, "name"));
            let tags = tags_of(&stage["tags"]);
            let derived = json!({
                "apiId": id,
                "api_name": text(&http_api, "name"),
                "ProtocolType": http_api["protocolType"],
            });
            out.resources.push(ctx.resource(
                arn,
                STAGE,
                ctx.region,
                name,
                tags,
                with(stage, derived),
            ));
        }
    }
}
