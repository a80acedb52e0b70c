package parapet.aws.cloudfront.cloudfront_distributions_https_enabled_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_https_enabled as control

res(attrs) := {"resource": {"name": "r1", "attributes": attrs}}

test_good_passes if {
	control.status == "PASS" with input as res({"viewer_protocol_policies": ["redirect-to-https", "https-only"]})
	control.reason == "distribution r1 requires HTTPS from viewers" with input as res({"viewer_protocol_policies": ["redirect-to-https", "https-only"]})
}

test_bad_fails if {
	control.status == "FAIL" with input as res({"viewer_protocol_policies": ["redirect-to-https", "allow-all"]})
	control.reason == "distribution r1 accepts plain HTTP from viewers" with input as res({"viewer_protocol_policies": ["redirect-to-https", "allow-all"]})
}

test_unknown_decides_nothing if not control.status with input as res({"viewer_protocol_policies": null})
