//! Step Functions state machines (regional), read through `aws::api`.

use super::api_support::{json_service, listed, text};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::json;

const STATES: Service = json_service("states", "states", "1.0", "AWSStepFunctions");

const STATE_MACHINE: &str = "AWS::StepFunctions::StateMachine";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&STATES, ctx.region);
    let _permit = ctx.permit("states", ctx.region).await;
    let Some(machines) = listed(
        api.list(
            "ListStateMachines",
            json!({}),
            "nextToken",
            "nextToken",
            "stateMachines",
        )
        .await,
        out,
        STATE_MACHINE,
        ctx.region,
        "ListStateMachines",
    ) else {
        return;
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
