package parapet.aws.cloudfront.cloudfront_distributions_s3_origin_access_control_test

import rego.v1

import data.parapet.aws.cloudfront.cloudfront_distributions_s3_origin_access_control as control

dist(origins) := {"resource": {"name": "E1", "attributes": {"Origins": {"Items": origins}}}}

s3(id, oac, oai) := {"Id": id, "S3OriginConfig": {"OriginAccessIdentity": oai}, "OriginAccessControlId": oac}

test_oac_passes if {
	inp := dist([s3("assets", "E2QWRUHEXAMPLE", null)])
	control.status == "PASS" with input as inp
	control.reason == "distribution E1 reaches its S3 origins with origin access control" with input as inp
}

test_legacy_oai_fails if {
	inp := dist([s3("assets", "E2QWRUHEXAMPLE", null), s3("media", null, "origin-access-identity/cloudfront/E1OAI")])
	control.status == "FAIL" with input as inp
	control.reason == "distribution E1 has S3 origins without origin access control: media" with input as inp
}

test_open_s3_origin_fails if control.status == "FAIL" with input as dist([s3("assets", "", null)])

test_custom_origins_only_is_skipped if control.status == "SKIPPED" with input as dist([{"Id": "api", "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"}}])
