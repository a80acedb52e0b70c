//! AppSync GraphQL APIs (regional), read through `aws::api`.

use super::api_support::{listed, rest_json_service, tags_of, text};
use super::{Collected, Context};
use crate::aws::Service;

const APPSYNC: Service = rest_json_service("appsync", "appsync");

const GRAPHQL_API: &str = "AWS::AppSync::GraphQLApi";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&APPSYNC, ctx.region);
    let _permit = ctx.permit("appsync", ctx.region).await;
    let Some(apis) = listed(
        api.rest_list(
            "ListGraphqlApis",
            "/v1/apis",
            &[],
            "nextToken",
            "nextToken",
            "graphqlApis",
        )
        .await,
        out,
        GRAPHQL_API,
        ctx.region,
        "ListGraphqlApis",
    ) else {
        return;
    };
    for a in apis {
        let arn = text(&a, "arn").to_string();
        let name = text(&a, "name").to_string();
        let tags = tags_of(&a["tags"]);
        out.resources
            .push(ctx.resource(arn, GRAPHQL_API, ctx.region, name, tags, a));
    }
}
