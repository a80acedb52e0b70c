//! API Gateway v2 (HTTP and WebSocket API) stages (regional), read through `aws::api`.

use super::api_support::{listed, rest_json_service, seg, tags_of, text, with};
use super::{Collected, Context};
use crate::aws::Service;
use serde_json::json;

const APIGATEWAYV2: Service = rest_json_service("apigateway", "apigateway");

const STAGE: &str = "AWS::ApiGatewayV2::Stage";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&APIGATEWAYV2, ctx.region);
    let _permit = ctx.permit("apigateway", ctx.region).await;
    let Some(apis) = listed(
        api.rest_list(
            "GetApis",
            "/v2/apis",
            &[],
            "nextToken",
            "nextToken",
            "items",
        )
        .await,
        out,
        STAGE,
        ctx.region,
        "GetApis",
    ) else {
        return;
    };
    for http_api in apis {
        let id = text(&http_api, "apiId");
        let path = format!("/v2/apis/{}/stages", seg(id));
        let Some(stages) = listed(
            api.rest_list("GetStages", &path, &[], "nextToken", "nextToken", "items")
                .await,
            out,
            STAGE,
            ctx.region,
            "GetStages",
        ) else {
            return;
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
