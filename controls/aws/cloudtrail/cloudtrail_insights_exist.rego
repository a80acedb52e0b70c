# METADATA
# title: A logging CloudTrail trail has Insights enabled
# description: |
#   Checks that at least one logging trail records CloudTrail Insights events, which flag
#   unusual write-API call rates or error rates against the account's baseline: a burst
#   of instance launches, mass deletions, or an enumeration that trips AccessDenied.
# custom:
#   id: cloudtrail_insights_exist
#   severity: low
#   service: cloudtrail
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails]
#   risk: Abnormal API activity (a compromised key launching miners, a script deleting resources) is noticed only from its consequences.
#   remediation:
#     text: Enable Insights (API call rate and API error rate) on the main multi-region trail; Insights events are billed per event analysed.
#     cli: aws cloudtrail put-insight-selectors --trail-name TRAIL --insight-selectors '[{"InsightType":"ApiCallRateInsight"},{"InsightType":"ApiErrorRateInsight"}]'
#     cloudformation: |
#       Trail:
#         Type: AWS::CloudTrail::Trail
#         Properties:
#           InsightSelectors:
#             - InsightType: ApiCallRateInsight
#             - InsightType: ApiErrorRateInsight
#     terraform: |
#       resource "aws_cloudtrail" "main" {
#         insight_selector {
#           insight_type = "ApiCallRateInsight"
#         }
#       }
package parapet.aws.cloudtrail.cloudtrail_insights_exist

import rego.v1

import data.parapet.lib.util

trails := util.as_list(object.get(input.resource.attributes, "trails", null))

with_insights := [t.name | some t in trails; t.logging == true; count(util.as_list(t.insight_types)) > 0]

# A trail whose selectors could not be read might have Insights: no verdict without it.
unknown := [t.name | some t in trails; t.logging == true; t.insight_types == null]

status := "PASS" if count(with_insights) > 0

status := "FAIL" if {
	count(with_insights) == 0
	count(unknown) == 0
}

reason := sprintf("account %s records CloudTrail Insights with trail %s", [input.resource.name, concat(", ", with_insights)]) if status == "PASS"

reason := sprintf("account %s has no logging trail with CloudTrail Insights", [input.resource.name]) if status == "FAIL"
