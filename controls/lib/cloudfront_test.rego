package parapet.lib.cloudfront_test

import rego.v1

import data.parapet.lib.cloudfront

test_origin_kinds if {
	cloudfront.s3_origin({"S3OriginConfig": {"OriginAccessIdentity": null}})
	not cloudfront.s3_origin({"CustomOriginConfig": {}})
	cloudfront.custom_origin({"CustomOriginConfig": {"OriginProtocolPolicy": "https-only"}})
}

test_certificate_kinds if {
	cloudfront.custom_certificate({"ViewerCertificate": {"ACMCertificateArn": "arn:aws:acm:us-east-1:1:certificate/x", "CloudFrontDefaultCertificate": false}})
	not cloudfront.custom_certificate({"ViewerCertificate": {"CloudFrontDefaultCertificate": true}})
}

test_behaviours_include_the_default_one if {
	count(cloudfront.behaviours({"DefaultCacheBehavior": {"ViewerProtocolPolicy": "https-only"}, "CacheBehaviors": {"Quantity": "0"}})) == 1
	count(cloudfront.behaviours({"DefaultCacheBehavior": {}, "CacheBehaviors": {"Items": [{}, {}]}})) == 3
}
