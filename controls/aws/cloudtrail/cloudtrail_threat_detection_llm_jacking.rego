# METADATA
# title: No identity shows LLM jacking activity in CloudTrail
# description: |
#   Reads the region's CloudTrail management events of the last 24 hours (LookupEvents)
#   for a watched set of Amazon Bedrock model access and invocation calls, and fails when
#   one identity has called 20% or more of the set: one caller sweeping through many of
#   them in a day is the pattern of LLM jacking, while normal workloads touch few. The
#   reason names the identities and how much of the set each used.
# custom:
#   id: cloudtrail_threat_detection_llm_jacking
#   severity: high
#   service: cloudtrail
#   resource_type: Parapet::CloudTrail::RegionActivity
#   requires: [llm_jacking, window_hours]
#   risk: Stolen credentials are being used to enable and run paid foundation models, at the account's expense, often with logging turned off.
#   remediation:
#     text: Review the identity's Bedrock calls, disable its credentials if unexplained, and restrict bedrock:* in the account (SCP or IAM).
#     cli: aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=USER --max-results 50
package parapet.aws.cloudtrail.cloudtrail_threat_detection_llm_jacking

import rego.v1

watch := input.resource.attributes.llm_jacking

threshold := 0.2

share(names) := count(names) / watch.watched

suspects := sort([sprintf("%s (%d of %d)", [identity, count(names), watch.watched]) |
	some identity, names in watch.identities
	share(names) >= threshold
])

status := "PASS" if {
	is_object(watch)
	count(suspects) == 0
}

status := "FAIL" if count(suspects) > 0

reason := sprintf("no identity called %d%% or more of the watched Amazon Bedrock model access and invocation calls in %s in the last %v hours", [threshold * 100, input.resource.region, input.resource.attributes.window_hours]) if status == "PASS"

reason := sprintf("possible LLM jacking in %s: %s of the watched Amazon Bedrock model access and invocation calls in the last %v hours", [input.resource.region, concat(", ", suspects), input.resource.attributes.window_hours]) if status == "FAIL"
