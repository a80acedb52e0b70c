//! Athena workgroups (regional), read through `aws::api`.

use super::api_support::text;
use super::{Collected, Context, Errors};
use crate::aws::{api::Protocol, Service};
use serde_json::json;

const ATHENA: Service = Service {
    signing_name: "athena",
    endpoint_prefix: "athena",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AmazonAthena",
    },
    global: None,
    xml_lists: &[],
};

const WORKGROUP: &str = "AWS::Athena::WorkGroup";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ATHENA, ctx.region);
    let _permit = ctx.permit("athena", ctx.region).await;
    let groups = match api
        .list(
            "ListWorkGroups",
            json!({}),
            "NextToken",
            "NextToken",
            "WorkGroups",
        )
        .await
    {
        Ok(g) => g,
        Err(e) => return out.fail(WORKGROUP, ctx.region, format!("ListWorkGroups failed: {e}")),
    };
    for summary in groups {
        let name = text(&summary, "Name").to_string();
        let arn = format!(
            "arn:aws:athena:{}:{}:workgroup/{name}",
            ctx.region, ctx.account_id
        );
        let attrs = match api
            .call("GetWorkGroup", &json!({ "WorkGroup": name }))
            .await
        {
            Ok(d) => d["WorkGroup"].clone(),
            Err(e) => {
                let mut errors = Errors::default();
                errors.record_api("Configuration", &e);
                errors.attach(summary)
            }
        };
        out.resources.push(ctx.resource(
            arn,
            WORKGROUP,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}
