"""Runtime properties of a Managed Service for Apache Flink application.

Managed Flink writes the application's EnvironmentProperties (property
groups, set by the flinkapp construct's Props.PropertyGroups) to
/etc/flink/application_properties.json as a list of
{"PropertyGroupId": ..., "PropertyMap": {...}}. Locally (and in the tests)
the file named by FLINK_APPLICATION_PROPERTIES is read instead.
"""
import json
import os

MANAGED_PATH = "/etc/flink/application_properties.json"
ENV_PATH = "FLINK_APPLICATION_PROPERTIES"


def load(path=None):
    """{group id: {key: value}} of the application's property groups."""
    path = path or os.environ.get(ENV_PATH) or MANAGED_PATH
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        groups = json.load(f)
    return {g["PropertyGroupId"]: dict(g.get("PropertyMap") or {}) for g in groups}


def group(props, name, required=()):
    """The property group name; ValueError naming every missing required key."""
    found = props.get(name, {})
    missing = [k for k in required if not found.get(k)]
    if missing:
        raise ValueError("runtime property group %s lacks %s" % (name, ", ".join(missing)))
    return found


def stream_name(arn_or_name):
    """The stream name of a Kinesis stream ARN (arn:<partition>:kinesis:<region>:<account>:stream/<name>) or a name."""
    if arn_or_name.startswith("arn:"):
        parts = arn_or_name.split(":", 5)
        if len(parts) != 6 or parts[2] != "kinesis" or not parts[5].startswith("stream/"):
            raise ValueError("not a Kinesis stream ARN: %r" % (arn_or_name,))
        return parts[5][len("stream/"):]
    return arn_or_name


def region_of(arn, default=None):
    """The region field of an ARN, else default."""
    if arn and arn.startswith("arn:"):
        return arn.split(":")[3] or default
    return default


def sql_string(value):
    """value as a Flink SQL string literal (single quotes doubled)."""
    return "'" + str(value).replace("'", "''") + "'"
