# METADATA
# title: EFS access point enforces a POSIX user
# description: |
#   Checks that the access point sets a POSIX user (uid and gid). EFS then applies that
#   identity to every request through the access point, instead of trusting whatever user
#   and group ids the client presents.
# custom:
#   id: efs_access_point_enforce_user_identity
#   severity: medium
#   service: efs
#   resource_type: AWS::EFS::AccessPoint
#   requires: [PosixUser]
#   risk: A client can claim any uid, including root (0), and act on files as their owner.
#   remediation:
#     text: Create a new access point with a POSIX user for the application, move clients to it, and delete the old one.
#     cli: aws efs create-access-point --file-system-id FS_ID --posix-user Uid=1000,Gid=1000 --root-directory 'Path=/app'
#     terraform: |
#       resource "aws_efs_access_point" "app" {
#         file_system_id = aws_efs_file_system.this.id
#         posix_user {
#           uid = 1000
#           gid = 1000
#         }
#       }
package parapet.aws.efs.efs_access_point_enforce_user_identity

import rego.v1

user := input.resource.attributes.PosixUser

status := "PASS" if is_object(user)

status := "FAIL" if user == null

reason := sprintf("access point %s acts as uid %v gid %v for every client", [input.resource.name, user.Uid, user.Gid]) if status == "PASS"

reason := sprintf("access point %s lets clients use their own user identity", [input.resource.name]) if status == "FAIL"
