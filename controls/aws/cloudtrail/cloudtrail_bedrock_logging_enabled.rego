# METADATA
# title: A logging CloudTrail trail records Amazon Bedrock data events
# description: |
#   Checks that at least one logging trail has an advanced event selector for Data
#   events of Bedrock resource types (agents, knowledge bases, flows, guardrails,
#   prompts). Those invocations are data events, which trails do not record by default,
#   so without such a selector nobody can tell who queried which agent or knowledge base.
#   A selector narrowed to some resources or events still counts.
# custom:
#   id: cloudtrail_bedrock_logging_enabled
#   severity: low
#   service: cloudtrail
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails]
#   risk: Misuse of generative AI resources (data pulled through a knowledge base, prompt injection against an agent) leaves no audit record.
#   remediation:
#     text: Add an advanced event selector with eventCategory Data and the Bedrock resources.type values you use to the main trail.
#     cli: aws cloudtrail put-event-selectors --trail-name TRAIL --advanced-event-selectors '[{"Name":"Management","FieldSelectors":[{"Field":"eventCategory","Equals":["Management"]}]},{"Name":"Bedrock agents","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::Bedrock::AgentAlias"]}]}]'
#     terraform: |
#       resource "aws_cloudtrail" "main" {
#         advanced_event_selector {
#           name = "Bedrock agents"
#           field_selector {
#             field  = "eventCategory"
#             equals = ["Data"]
#           }
#           field_selector {
#             field  = "resources.type"
#             equals = ["AWS::Bedrock::AgentAlias"]
#           }
#         }
#       }
package parapet.aws.cloudtrail.cloudtrail_bedrock_logging_enabled

import rego.v1

import data.parapet.lib.util

trails := util.as_list(object.get(input.resource.attributes, "trails", null))

recording := [t.name | some t in trails; t.logging == true; t.bedrock_data_events == true]

unknown := [t.name | some t in trails; t.logging == true; t.bedrock_data_events == null]

status := "PASS" if count(recording) > 0

status := "FAIL" if {
	count(recording) == 0
	count(unknown) == 0
}

reason := sprintf("account %s records Bedrock data events with trail %s", [input.resource.name, concat(", ", recording)]) if status == "PASS"

reason := sprintf("account %s has no logging trail recording Bedrock data events", [input.resource.name]) if status == "FAIL"
