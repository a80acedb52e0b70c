package parapet.aws.ec2.ec2_instance_profile_attached_test

import rego.v1

import data.parapet.aws.ec2.ec2_instance_profile_attached as control

instance(state, profile) := {"resource": {"name": "i-1", "attributes": {
	"InstanceId": "i-1", "State": {"Name": state}, "IamInstanceProfile": profile,
}}}

profile := {"Arn": "arn:aws:iam::123456789012:instance-profile/app", "Id": "AIPA1"}

test_profile_passes if {
	control.status == "PASS" with input as instance("running", profile)
	control.reason == "instance i-1 has instance profile arn:aws:iam::123456789012:instance-profile/app attached" with input as instance("running", profile)
}

test_no_profile_fails if {
	control.status == "FAIL" with input as instance("running", null)
	control.reason == "instance i-1 has no IAM instance profile attached" with input as instance("running", null)
}

# DescribeInstances leaves the field out when there is no profile.
test_absent_field_fails if control.status == "FAIL" with input as {"resource": {"name": "i-1", "attributes": {"State": {"Name": "stopped"}}}}

test_terminated_skipped if {
	control.status == "SKIPPED" with input as instance("terminated", null)
	control.reason == "instance i-1 is terminated" with input as instance("terminated", null)
}

test_profile_without_arn_has_reason if {
	control.reason == "instance i-1 has instance profile (ARN not reported) attached" with input as instance("running", {"Id": "AIPA1"})
}
