# METADATA
# title: No identity shows privilege escalation activity in CloudTrail
# description: |
#   Reads the region's CloudTrail management events of the last 24 hours (LookupEvents)
#   for a watched set of privilege-granting calls, and fails when one identity has called
#   20% or more of the set: one caller sweeping through many of them in a day is the
#   pattern of privilege escalation, while normal workloads touch few. The reason names
#   the identities and how much of the set each used.
# custom:
#   id: cloudtrail_threat_detection_privilege_escalation
#   severity: critical
#   service: cloudtrail
#   resource_type: Parapet::CloudTrail::RegionActivity
#   requires: [privilege_escalation, window_hours]
#   risk: An identity is giving itself or others more permissions (policies, keys, login profiles, compute with roles), the step before taking over the account.
#   remediation:
#     text: Review the identity's permission changes in CloudTrail, revert unexplained ones and rotate or disable its credentials.
#     cli: aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=USER --max-results 50
package parapet.aws.cloudtrail.cloudtrail_threat_detection_privilege_escalation

import rego.v1

watch := input.resource.attributes.privilege_escalation

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

reason := sprintf("no identity called %d%% or more of the watched privilege-granting calls in %s in the last %v hours", [threshold * 100, input.resource.region, input.resource.attributes.window_hours]) if status == "PASS"

reason := sprintf("possible privilege escalation in %s: %s of the watched privilege-granting calls in the last %v hours", [input.resource.region, concat(", ", suspects), input.resource.attributes.window_hours]) if status == "FAIL"
