# METADATA
# title: No identity shows account enumeration activity in CloudTrail
# description: |
#   Reads the region's CloudTrail management events of the last 24 hours (LookupEvents)
#   for a watched set of discovery calls, and fails when one identity has called 20% or
#   more of the set: one caller sweeping through many of them in a day is the pattern of
#   account enumeration, while normal workloads touch few. The reason names the identities
#   and how much of the set each used.
# custom:
#   id: cloudtrail_threat_detection_enumeration
#   severity: critical
#   service: cloudtrail
#   resource_type: Parapet::CloudTrail::RegionActivity
#   requires: [enumeration, window_hours]
#   risk: An intruder with working credentials is mapping the account (identities, data stores, defences) before acting.
#   remediation:
#     text: Find the identity's recent calls in CloudTrail; if they are not explained, disable its credentials and investigate.
#     cli: aws cloudtrail lookup-events --lookup-attributes AttributeKey=Username,AttributeValue=USER --max-results 50
package parapet.aws.cloudtrail.cloudtrail_threat_detection_enumeration

import rego.v1

watch := input.resource.attributes.enumeration

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

reason := sprintf("no identity called %d%% or more of the watched discovery calls in %s in the last %v hours", [threshold * 100, input.resource.region, input.resource.attributes.window_hours]) if status == "PASS"

reason := sprintf("possible account enumeration in %s: %s of the watched discovery calls in the last %v hours", [input.resource.region, concat(", ", suspects), input.resource.attributes.window_hours]) if status == "FAIL"
