//! Elastic Beanstalk environments (regional) with their configuration options, read
//! through `aws::api` (query protocol: every value is a string).

use super::api_support::{listed, query_service, text, with};
use super::{Collected, Context, Errors};
use crate::aws::Service;
use serde_json::{json, Map, Value};

const ELASTICBEANSTALK: Service =
    query_service("elasticbeanstalk", "elasticbeanstalk", "2010-12-01");

const ENVIRONMENT: &str = "AWS::ElasticBeanstalk::Environment";

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let api = ctx.clients.api(&ELASTICBEANSTALK, ctx.region);
    let _permit = ctx.permit("elasticbeanstalk", ctx.region).await;
    let Some(environments) = listed(
        api.list(
            "DescribeEnvironments",
            json!({ "IncludeDeleted": "false" }),
            "NextToken",
            "NextToken",
            "Environments",
        )
        .await,
        out,
        ENVIRONMENT,
        ctx.region,
        "DescribeEnvironments",
    ) else {
        return;
    };
    for env in environments {
        let name = text(&env, "EnvironmentName").to_string();
        let arn = text(&env, "EnvironmentArn").to_string();
        let mut errors = Errors::default();
        let options = match api
            .call(
                "DescribeConfigurationSettings",
                &json!({ "ApplicationName": text(&env, "ApplicationName"), "EnvironmentName": name }),
            )
            .await
        {
            Ok(answer) => option_map(&answer),
            Err(e) => {
                errors.record_api("options", &e);
                Value::Null
            }
        };
        let attrs = errors.attach(with(env, json!({ "options": options })));
        out.resources.push(ctx.resource(
            arn,
            ENVIRONMENT,
            ctx.region,
            name,
            Default::default(),
            attrs,
        ));
    }
}

/// DescribeConfigurationSettings' option settings as `{"namespace:OptionName": value}`.
fn option_map(answer: &Value) -> Value {
    let mut map = Map::new();
    for settings in answer["ConfigurationSettings"]
        .as_array()
        .into_iter()
        .flatten()
    {
        for o in settings["OptionSettings"].as_array().into_iter().flatten() {
            let key = format!("{}:{}", text(o, "Namespace"), text(o, "OptionName"));
            map.insert(key, o.get("Value").cloned().unwrap_or(Value::Null));
        }
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// moto has no DescribeConfigurationSettings: this is the answer's shape from the
    /// Elastic Beanstalk API reference, as `aws::api` decodes it.
    #[test]
    fn option_settings_become_a_flat_map() {
        let xml = br#"<DescribeConfigurationSettingsResponse xmlns="https://elasticbeanstalk.amazonaws.com/docs/2010-12-01/">
  <DescribeConfigurationSettingsResult>
    <ConfigurationSettings>
      <member>
        <ApplicationName>shop</ApplicationName>
        <EnvironmentName>shop-prod</EnvironmentName>
        <OptionSettings>
          <member><Namespace>aws:elasticbeanstalk:cloudwatch:logs</Namespace><OptionName>StreamLogs</OptionName><Value>true</Value></member>
          <member><Namespace>aws:elasticbeanstalk:managedactions</Namespace><OptionName>ManagedActionsEnabled</OptionName><Value>false</Value></member>
          <member><Namespace>aws:autoscaling:asg</Namespace><OptionName>MinSize</OptionName><Value>1</Value></member>
        </OptionSettings>
      </member>
    </ConfigurationSettings>
  </DescribeConfigurationSettingsResult>
</DescribeConfigurationSettingsResponse>"#;
        let decoded = crate::aws::shapes::decode_answer(
            &ELASTICBEANSTALK,
            "DescribeConfigurationSettings",
            "/",
            xml,
        )
        .unwrap();
        let answer = &decoded["DescribeConfigurationSettingsResult"];
        let options = option_map(answer);
        // The API types every option value as a string, "true" included.
        assert_eq!(
            options["aws:elasticbeanstalk:cloudwatch:logs:StreamLogs"],
            "true"
        );
        assert_eq!(
            options["aws:elasticbeanstalk:managedactions:ManagedActionsEnabled"],
            "false"
        );
        assert_eq!(options["aws:autoscaling:asg:MinSize"], "1");
    }
}
