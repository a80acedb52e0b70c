# METADATA
# title: CloudTrail records Lambda function invocations
# description: |
#   Checks the account's trails for one that is logging, covers every region, and records
#   Lambda data events (Invoke) for all functions, through a basic event selector on
#   AWS::Lambda::Function with "arn:aws:lambda" or an advanced Data selector on that type
#   not narrowed to some ARNs. Judged once per account, since a trail covers every
#   function of the regions it logs.
# custom:
#   id: awslambda_function_invoke_api_operations_cloudtrail_logging_enabled
#   severity: low
#   service: awslambda
#   resource_type: Parapet::CloudTrail::AccountSettings
#   requires: [trails]
#   risk: Who invoked a function, and when, cannot be established after misuse of the function or of leaked credentials.
#   remediation:
#     text: Add a data event selector for all Lambda functions to a multi-region trail.
#     cli: aws cloudtrail put-event-selectors --trail-name TRAIL --advanced-event-selectors '[{"Name":"lambda","FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::Lambda::Function"]}]}]'
#     terraform: |
#       resource "aws_cloudtrail" "this" {
#         is_multi_region_trail = true
#         advanced_event_selector {
#           name = "lambda"
#           field_selector {
#             field  = "eventCategory"
#             equals = ["Data"]
#           }
#           field_selector {
#             field  = "resources.type"
#             equals = ["AWS::Lambda::Function"]
#           }
#         }
#       }
package parapet.aws.awslambda.awslambda_function_invoke_api_operations_cloudtrail_logging_enabled

import rego.v1

trails := input.resource.attributes.trails

recording := sort([t.name |
	some t in trails
	t.logging == true
	t.multi_region == true
	t.lambda_data_events == true
])

# Trails whose selectors could not be read: without them the answer is unknown, and the
# engine reports the control as undecided (ERROR) rather than failed.
unknown := [t.name |
	some t in trails
	t.logging == true
	t.multi_region == true
	t.lambda_data_events == null
]

status := "PASS" if count(recording) > 0

status := "FAIL" if {
	is_array(trails)
	count(recording) == 0
	count(unknown) == 0
}

reason := sprintf("trail %s records invocations of every Lambda function in every region", [recording[0]]) if status == "PASS"

reason := "no logging multi-region trail records Lambda data events for all functions" if status == "FAIL"
