#!/bin/sh
# Builds the connector jar of the Python Flink jobs and puts it where the
# application zip expects it: flink/jobs/lib/flink-connectors.jar (the
# "jarfile" run option the flinkapp construct sets).
#
# Needs Maven 3.8+ and a JDK 11+ with access to Maven Central (or a mirror in
# ~/.m2/settings.xml). This project's build machine has neither: the jar is
# not in the repository and the stacks synthesize without it (see
# docs/patterns/flinkapp.md, "The connector jar"). Run this before
# `cdk deploy`, then synthesize with -c flinkRequireConnectorJar=true so a
# missing jar fails synthesis instead of deploying an application that
# cannot start.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out="$here/../jobs/lib"
command -v mvn >/dev/null 2>&1 || { echo "build.sh: Maven (mvn) is required" >&2; exit 1; }
mvn -q -B -f "$here/pom.xml" -DskipTests package
mkdir -p "$out"
cp "$here/target/flink-connectors.jar" "$out/flink-connectors.jar"
echo "built $out/flink-connectors.jar"
