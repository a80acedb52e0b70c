# CloudFront distribution facts shared by the cloudfront controls: its origins by kind,
# its cache behaviours, and whether it presents its own certificate.
package parapet.lib.cloudfront

import rego.v1

import data.parapet.lib.util

origins(attrs) := util.as_list(attrs.Origins.Items)

# An S3 REST endpoint origin (website endpoints are custom origins).
s3_origin(origin) if is_object(origin.S3OriginConfig)

custom_origin(origin) if is_object(origin.CustomOriginConfig)

behaviours(attrs) := array.concat([attrs.DefaultCacheBehavior], util.as_list(object.get(object.get(attrs, "CacheBehaviors", {}), "Items", [])))

# Serves viewers with a certificate of its own (ACM or IAM), not *.cloudfront.net's.
custom_certificate(attrs) if {
	not attrs.ViewerCertificate.CloudFrontDefaultCertificate == true
	some source in ["ACMCertificateArn", "IAMCertificateId"]
	is_string(attrs.ViewerCertificate[source])
}

# Some cache behaviour accepts plain HTTP from viewers.
viewers_may_use_http(attrs) if "allow-all" in util.as_list(attrs.viewer_protocol_policies)
