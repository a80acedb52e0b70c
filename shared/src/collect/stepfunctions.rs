//! Step Functions state machines (regional), read through `aws::api`.

use super::api_support::text;
use super::{Collected, Context, Errors};
use crate::aws::{api::Protocol, Service};
use serde_json::json;

const STATES: Service = Service {
    signing_name: "states",
    endpoint_prefix: "states",
    protocol: Protocol::Json {
        version: "1.0",
        target_prefix: "AWSStepFunctions",
    },
    global: None,
    xml_lists: &[],
};

const STATE_MACHINE: &str = "AWS::StepFunctions::StateMachine";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&STATES, ctx.region);
    let _permit = ctx.permit("states", ctx.region).await;
    let machines = match api
        .list(
            "ListStateMachines",
            json!({}),
            "nextToken",
            "nextToken",
            "stateMachines",
        )
        .await
    {
        Ok(m) => m,
        Err(e) => {
            return out.fail(
                STATE_MACHINE,
                ctx.region,
                format!("ListStateMachines failed: {e}"),
            )
        }
    };
    for summary in machines {
        let arn = text(&summary, "stateMachineArn").to_string();
        let name = text(&summary, "name").to_string();
        let attrs = match api
            .call("DescribeStateMachine", &json!({ "stateMachineArn": arn }))
            .await
        {
            // The definition can be large and no control reads it.
            Ok(mut d) => {
                if let Some(obj) = d.as_object_mut() {
                    obj.remove("definition");
                }
                d
            }
            Err(e) => {
                let mut errors = Errors::default();
                errors.record_api("loggingConfiguration", &e);
                errors.attach(summary)
            }
        };
        out.resources.push(ctx.resource(
            arn,
            STATE_MACHINE,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}
