"""`parapet accounts verify` makes one call per collector (shared/src/aws/verify.rs,
PROBES). Each must need no input, send only parameters the operation has, and speak
the service's wire protocol and API version: checked here against botocore's models."""

import json
import re
import unittest

import botocore.session

from templates import REPO

SOURCE = REPO / "shared" / "src" / "aws" / "verify.rs"
PROBE = re.compile(
    r'Probe \{\s*collector: "(?P<collector>[^"]+)",\s*call: "(?P<call>[^"]+)",'
    r'\s*rest_path: (?:None|Some\("(?P<path>[^"]*)"\)),'
    r"(?P<service>.*?)input: \|\| json!\((?P<input>\{.*?\})\),",
    re.S,
)
# The botocore service name of each probe's call prefix, where the two differ.
BOTOCORE_NAME = {
    "monitoring": "cloudwatch",
    "elasticloadbalancing": "elb",
    "elasticmapreduce": "emr",
    "states": "stepfunctions",
    "elasticfilesystem": "efs",
    "access-analyzer": "accessanalyzer",
}
# Collectors whose calls share a prefix with another API version.
BOTOCORE_NAME_OF_COLLECTOR = {"elbv2": "elbv2", "apigatewayv2": "apigatewayv2", "opensearch": "opensearch"}
EC2_SERVICE = re.search(r"const EC2: Service = (Service \{.*?\});", SOURCE.read_text(), re.S).group(1)


def probes():
    found = [m.groupdict() for m in PROBE.finditer(SOURCE.read_text())]
    assert found, f"no probe found in {SOURCE}"
    return found


class VerifyProbes(unittest.TestCase):
    def setUp(self):
        self.session = botocore.session.get_session()

    def model(self, probe):
        prefix = probe["call"].split(":")[0]
        name = BOTOCORE_NAME_OF_COLLECTOR.get(probe["collector"], BOTOCORE_NAME.get(prefix, prefix))
        return self.session.get_service_model(name)

    def test_each_probe_needs_no_input_and_sends_only_known_parameters(self):
        for p in probes():
            with self.subTest(p["call"]):
                operation = p["call"].split(":")[1]
                op = self.model(p).operation_model(operation)
                shape = op.input_shape
                required = list(shape.required_members) if shape else []
                self.assertEqual(required, [], f"{p['call']} needs input")
                sent = json.loads(p["input"])
                members = set(shape.members) if shape else set()
                self.assertLessEqual(set(sent), members, f"{p['call']}: unknown parameters")
                for name, value in sent.items():
                    limits = shape.members[name].metadata
                    self.assertGreaterEqual(value, limits.get("min", value), f"{p['call']} {name}")
                    self.assertLessEqual(value, limits.get("max", value), f"{p['call']} {name}")

    def test_each_probe_speaks_the_services_protocol_and_version(self):
        for p in probes():
            with self.subTest(p["call"]):
                meta = self.model(p).metadata
                service = p["service"].strip()
                if service == "service: EC2,":
                    service = EC2_SERVICE
                service = re.sub(r"\s+", " ", service)
                signing = meta.get("signingName", meta["endpointPrefix"])
                self.assertIn(f'"{signing}"', service)
                self.assertIn(f'"{meta["endpointPrefix"]}"', service)
                protocol = meta["protocol"]
                if protocol == "json":
                    self.assertIn(f'"{meta["jsonVersion"]}", "{meta["targetPrefix"]}"', service)
                elif protocol in ("query", "ec2"):
                    self.assertIn(f'"{meta["apiVersion"]}"', service)
                    self.assertEqual("Ec2" in service, protocol == "ec2")
                else:
                    # REST: a GET of the operation's path, with no input at all.
                    http = self.model(p).operation_model(p["call"].split(":")[1]).http
                    self.assertEqual((http["method"], http["requestUri"]), ("GET", p["path"]))
                    self.assertEqual(json.loads(p["input"]), {})
                    xml = "Protocol::RestXml" in service
                    self.assertEqual(xml, protocol == "rest-xml", protocol)
                if protocol in ("json", "query", "ec2"):
                    self.assertIsNone(p["path"], "a path only for REST services")


if __name__ == "__main__":
    unittest.main()
