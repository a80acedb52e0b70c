# METADATA
# title: GuardDuty has no open high-severity findings
# description: |
#   Checks the number of active (not archived) GuardDuty findings of high or critical
#   severity (7.0 and above) in the region. Each is a likely compromise that someone must
#   investigate and either remediate or archive with a reason. Regions without an enabled
#   detector are skipped (guardduty_is_enabled reports them).
# custom:
#   id: guardduty_no_high_severity_findings
#   severity: high
#   service: guardduty
#   resource_type: Parapet::GuardDuty::RegionSettings
#   requires: [detectors, high_severity_findings]
#   risk: A detected compromise (exfiltration, credential misuse, malware) is left running while findings pile up unread.
#   remediation:
#     text: Triage each high-severity finding, contain the affected resource or credential, and archive the finding with the outcome; route new findings to an on-call channel through EventBridge.
#     cli: aws guardduty list-findings --detector-id DETECTOR_ID --finding-criteria '{"Criterion":{"severity":{"Gte":7},"service.archived":{"Eq":["false"]}}}'
package parapet.aws.guardduty.guardduty_no_high_severity_findings

import rego.v1

import data.parapet.lib.util

attrs := input.resource.attributes

enabled if {
	some d in util.as_list(attrs.detectors)
	d.Status == "ENABLED"
}

n := attrs.high_severity_findings

status := "SKIPPED" if not enabled

status := "PASS" if {
	enabled
	n == 0
}

status := "FAIL" if {
	enabled
	n > 0
}

reason := sprintf("GuardDuty is not enabled in %s", [input.resource.region]) if status == "SKIPPED"

reason := sprintf("GuardDuty has no open high-severity findings in %s", [input.resource.region]) if status == "PASS"

reason := sprintf("GuardDuty has %d open high-severity findings in %s", [n, input.resource.region]) if status == "FAIL"
