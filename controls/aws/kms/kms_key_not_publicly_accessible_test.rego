package parapet.aws.kms.kms_key_not_publicly_accessible_test

import rego.v1

import data.parapet.aws.kms.kms_key_not_publicly_accessible as control

key(statements) := {"resource": {"name": "data-key", "attributes": {"KeyManager": "CUSTOMER", "policy": {"Version": "2012-10-17", "Statement": statements}}}}

# The default key policy: the account's root, so the account's IAM policies decide.
test_default_key_policy_passes if {
	st := {"Sid": "Enable IAM User Permissions", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "kms:*", "Resource": "*"}
	control.status == "PASS" with input as key([st])
}

# The shape of AWS-managed key policies: everyone, pinned to one caller account.
test_caller_account_pins_the_caller if {
	st := {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["kms:Encrypt", "kms:Decrypt"], "Resource": "*",
		"Condition": {"StringEquals": {"kms:CallerAccount": "111122223333", "kms:ViaService": "ec2.us-east-1.amazonaws.com"}}}
	control.status == "PASS" with input as key([st])
}

# kms:ViaService names a service, not a caller: anyone using that service passes it.
test_via_service_alone_fails if {
	st := {"Sid": "via-ebs", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:Decrypt", "Resource": "*",
		"Condition": {"StringEquals": {"kms:ViaService": "ec2.us-east-1.amazonaws.com"}}}
	control.status == "FAIL" with input as key([st])
	control.reason == `key data-key can be used by anyone through statement "via-ebs" (kms:Decrypt)` with input as key([st])
}

test_open_decrypt_fails if {
	st := {"Effect": "Allow", "Principal": "*", "Action": "kms:Decrypt", "Resource": "*"}
	control.status == "FAIL" with input as key([st])
}

test_aws_managed_key_passes if {
	inp := {"resource": {"name": "aws/ebs", "attributes": {"KeyManager": "AWS", "policy": null}}}
	control.status == "PASS" with input as inp
	control.reason == "key aws/ebs is AWS-managed: AWS writes its policy" with input as inp
}
