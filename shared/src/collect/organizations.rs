//! Whether the account belongs to an AWS Organization (global), read through `aws::api`
//! (JSON protocol).

use super::{Collected, Context};
use crate::aws::{api::Protocol, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const ORGANIZATIONS: Service = Service {
    signing_name: "organizations",
    endpoint_prefix: "organizations",
    protocol: Protocol::Json {
        version: "1.1",
        target_prefix: "AWSOrganizationsV20161128",
    },
    global: Some(("organizations.us-east-1.amazonaws.com", "us-east-1")),
};

const TYPE: &str = "Parapet::Organizations::AccountSettings";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ORGANIZATIONS, ctx.home_region);
    let _permit = ctx
        .permit(ORGANIZATIONS.signing_name, ctx.home_region)
        .await;
    let organization = match api.call("DescribeOrganization", &json!({})).await {
        Ok(v) => v["Organization"].clone(),
        // The account's answer when it is in no organization: a fact, not a failure.
        Err(e) if e.code == "AWSOrganizationsNotInUseException" => Value::Null,
        Err(e) => return out.fail(TYPE, crate::model::GLOBAL_REGION, e.to_string()),
    };
    let arn = format!("arn:aws:organizations::{}:account", ctx.account_id);
    out.resources.push(ctx.resource(
        arn,
        TYPE,
        crate::model::GLOBAL_REGION,
        ctx.account_id.to_string(),
        BTreeMap::new(),
        json!({ "organization": organization }),
    ));
}
