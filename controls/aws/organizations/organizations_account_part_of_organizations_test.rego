package parapet.aws.organizations.organizations_account_part_of_organizations_test

import rego.v1

import data.parapet.aws.organizations.organizations_account_part_of_organizations as control

res(org) := {"resource": {"name": "111122223333", "attributes": {"organization": org}}}

test_member_passes if {
	inp := res({"Id": "o-abc123", "MasterAccountId": "999988887777", "FeatureSet": "ALL"})
	control.status == "PASS" with input as inp
	control.reason == "account 111122223333 belongs to organization o-abc123 (management account 999988887777)" with input as inp
}

test_standalone_fails if {
	control.status == "FAIL" with input as res(null)
	control.reason == "account 111122223333 is not a member of any AWS Organization" with input as res(null)
}

test_missing_attribute_decides_nothing if not control.status with input as {"resource": {"name": "111122223333", "attributes": {}}}
