//! AppSync GraphQL APIs (regional), read through `aws::api`.

use super::api_support::{tags_of, text};
use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};

const APPSYNC: Service = Service {
    signing_name: "appsync",
    endpoint_prefix: "appsync",
    protocol: Protocol::RestJson,
    global: None,
    xml_lists: &[],
};

const GRAPHQL_API: &str = "AWS::AppSync::GraphQLApi";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&APPSYNC, ctx.region);
    let _permit = ctx.permit("appsync", ctx.region).await;
    let apis = match api
        .rest_list("/v1/apis", &[], "nextToken", "nextToken", "graphqlApis")
        .await
    {
        Ok(a) => a,
        Err(e) => {
            return out.fail(
                GRAPHQL_API,
                ctx.region,
                format!("ListGraphqlApis failed: {e}"),
            )
        }
    };
    for a in apis {
        let arn = text(&a, "arn").to_string();
        let name = text(&a, "name").to_string();
        let tags = tags_of(&a["tags"]);
        out.resources
            .push(ctx.resource(arn, GRAPHQL_API, ctx.region, name, tags, a));
    }
}
