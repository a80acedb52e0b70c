package parapet.aws.transfer.transfer_server_in_transit_encryption_enabled_test

import rego.v1

import data.parapet.aws.transfer.transfer_server_in_transit_encryption_enabled as control

server(p) := {"resource": {"name": "s-1", "attributes": {"Protocols": p}}}

test_sftp_passes if {
	control.status == "PASS" with input as server(["SFTP", "FTPS"])
	control.reason == "server s-1 offers only encrypted protocols (SFTP, FTPS)" with input as server(["SFTP", "FTPS"])
}

test_ftp_fails if {
	control.status == "FAIL" with input as server(["SFTP", "FTP"])
	control.reason == "server s-1 offers plain FTP" with input as server(["FTP"])
}
