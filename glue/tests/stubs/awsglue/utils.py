"""Fake awsglue.utils.getResolvedOptions, parsing argv the way Glue's does.

Like the real one: every requested option is a required "--name value"
pair (a missing one raises GlueArgumentError, it does not exit), options
not requested are ignored, and TempDir / RedshiftTempDir are never
required (Glue passes --TempDir itself; when it is absent the value is
None) and each fills the other.
"""
import argparse


class GlueArgumentError(Exception):
    pass


class GlueArgumentParser(argparse.ArgumentParser):
    def error(self, msg):
        raise GlueArgumentError(msg)


def getResolvedOptions(args, options):
    parser = GlueArgumentParser(prog=args[0] if args else "script")
    parser.add_argument("--job-bookmark-option", required=False)
    parser.add_argument("--RedshiftTempDir", required=False)
    parser.add_argument("--TempDir", required=False)
    for option in options:
        if option in ("TempDir", "RedshiftTempDir"):
            continue
        parser.add_argument("--" + option, required=True)
    parsed, _extra = parser.parse_known_args(args[1:])
    resolved = vars(parsed)
    if resolved.get("TempDir") is not None:
        resolved["RedshiftTempDir"] = resolved["TempDir"]
    elif resolved.get("RedshiftTempDir") is not None:
        resolved["TempDir"] = resolved["RedshiftTempDir"]
    return resolved
