//! CloudWatch metric alarms (regional): whether they notify anyone. Read through `aws::api`
//! over the query protocol: AWS still serves it, and emulators answer it (the SDK crate
//! speaks CBOR, which moto does not).

mod filter_pattern;
pub(super) mod monitoring;

use super::api_support::{listed, text};
use super::{Collected, Context};
use crate::aws::{api::Protocol, ApiError, Service};
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// CloudWatch over awsQuery. The lists named here stay lists when they hold one element
/// or none (the XML does not say so otherwise).
pub(super) const CLOUDWATCH: Service = Service {
    signing_name: "monitoring",
    endpoint_prefix: "monitoring",
    protocol: Protocol::Query {
        version: "2010-08-01",
    },
    global: None,
};

const ALARM: &str = "AWS::CloudWatch::Alarm";

/// Every metric alarm of a region (DescribeAlarms, all pages).
pub(super) async fn metric_alarms(ctx: &Context<'_>, region: &str) -> Result<Vec<Value>, ApiError> {
    let api = ctx.clients.api(&CLOUDWATCH, region);
    api.list(
        "DescribeAlarms",
        json!({}),
        "NextToken",
        "NextToken",
        "MetricAlarms",
    )
    .await
}

/// Whether the alarm's actions run: an alarm with `ActionsEnabled: false` changes state
/// but notifies no one. A missing value counts as disabled (AWS always sends it).
pub(super) fn actions_enabled(alarm: &Value) -> bool {
    alarm["ActionsEnabled"].as_bool() == Some(true)
}

/// The (namespace, metric name) pairs an alarm watches: its own metric, or the metrics of
/// a metric-math alarm's queries.
pub(super) fn watched_metrics(alarm: &Value) -> Vec<(String, String)> {
    let mut out = Vec::new();
    if !text(alarm, "MetricName").is_empty() {
        out.push((
            text(alarm, "Namespace").to_string(),
            text(alarm, "MetricName").to_string(),
        ));
    }
    for query in alarm["Metrics"].as_array().into_iter().flatten() {
        let metric = &query["MetricStat"]["Metric"];
        if !text(metric, "MetricName").is_empty() {
            out.push((
                text(metric, "Namespace").to_string(),
                text(metric, "MetricName").to_string(),
            ));
        }
    }
    out
}

/// The alarm's actions that notify through SNS (others stop or scale instances).
pub(super) fn sns_actions(alarm: &Value) -> Vec<String> {
    alarm["AlarmActions"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|a| a.starts_with("arn:aws") && a.split(':').nth(2) == Some("sns"))
        .map(str::to_string)
        .collect()
}

pub async fn collect(ctx: &Context<'_>, out: &mut Collected) {
    let _permit = ctx.permit("cloudwatch", ctx.region).await;
    let Some(alarms) = listed(
        metric_alarms(ctx, ctx.region).await,
        out,
        ALARM,
        ctx.region,
        "DescribeAlarms",
    ) else {
        return;
    };
    for a in alarms {
        let name = text(&a, "AlarmName").to_string();
        let arn = match text(&a, "AlarmArn") {
            "" => format!(
                "arn:aws:cloudwatch:{}:{}:alarm:{name}",
                ctx.region, ctx.account_id
            ),
            arn => arn.to_string(),
        };
        let attrs = json!({
            "AlarmName": name, "AlarmArn": arn, "ActionsEnabled": actions_enabled(&a),
            "AlarmActions": a["AlarmActions"].as_array().cloned().unwrap_or_default(),
            "StateValue": a["StateValue"],
        });
        out.resources
            .push(ctx.resource(arn, ALARM, ctx.region, name, BTreeMap::new(), attrs));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::shapes::decode_answer;

    /// The shape of a DescribeAlarms answer in the query protocol (element names from
    /// botocore's model of CloudWatch 2010-08-01): one alarm with one action, and a
    /// metric-math alarm.
    const ANSWER: &str = r#"<DescribeAlarmsResponse xmlns="http://monitoring.amazonaws.com/doc/2010-08-01/">
  <DescribeAlarmsResult>
    <MetricAlarms>
      <member>
        <AlarmName>RootUsage</AlarmName>
        <AlarmArn>arn:aws:cloudwatch:us-east-1:111122223333:alarm:RootUsage</AlarmArn>
        <ActionsEnabled>false</ActionsEnabled>
        <AlarmActions><member>arn:aws:sns:us-east-1:111122223333:security</member></AlarmActions>
        <OKActions/>
        <StateValue>OK</StateValue>
        <MetricName>RootUsage</MetricName>
        <Namespace>CISBenchmark</Namespace>
        <Dimensions/>
      </member>
      <member>
        <AlarmName>Math</AlarmName>
        <ActionsEnabled>true</ActionsEnabled>
        <AlarmActions>
          <member>arn:aws:automate:us-east-1:ec2:stop</member>
          <member>arn:aws:sns:us-east-1:111122223333:ops</member>
        </AlarmActions>
        <Metrics>
          <member><Id>m1</Id><MetricStat><Metric><Namespace>CISBenchmark</Namespace><MetricName>VpcChanges</MetricName></Metric><Period>300</Period><Stat>Sum</Stat></MetricStat></member>
        </Metrics>
      </member>
    </MetricAlarms>
  </DescribeAlarmsResult>
</DescribeAlarmsResponse>"#;

    fn alarms() -> Vec<Value> {
        let doc = decode_answer(&CLOUDWATCH, "DescribeAlarms", "/", ANSWER.as_bytes()).unwrap();
        doc["DescribeAlarmsResult"]["MetricAlarms"]
            .as_array()
            .unwrap()
            .clone()
    }

    #[test]
    fn decodes_a_describe_alarms_answer() {
        let a = alarms();
        assert_eq!(a.len(), 2);
        assert!(!actions_enabled(&a[0]));
        assert!(actions_enabled(&a[1]));
        assert_eq!(
            sns_actions(&a[0]),
            ["arn:aws:sns:us-east-1:111122223333:security"]
        );
        assert_eq!(
            sns_actions(&a[1]),
            ["arn:aws:sns:us-east-1:111122223333:ops"]
        );
        assert_eq!(
            watched_metrics(&a[0]),
            [("CISBenchmark".to_string(), "RootUsage".to_string())]
        );
        assert_eq!(
            watched_metrics(&a[1]),
            [("CISBenchmark".to_string(), "VpcChanges".to_string())]
        );
    }
}
