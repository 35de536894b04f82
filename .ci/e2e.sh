#!/usr/bin/env bash
# End-to-end test of the lake pipeline of one deployed stage: the default
# post-deploy command of constructs/cicd (cicd.DefaultPostDeployScript).
#
# It reads the lake bucket (GlueEtl output LakeBucket) and the LakePipeline
# state machine (Orchestration output LakePipelineArn), puts a CSV of orders
# under the raw prefix, waits for the execution that object started and
# succeeds only when that execution SUCCEEDED. The object is deleted at the
# end (every version this run wrote) unless E2E_KEEP=1.
#
# Usage: bash .ci/e2e.sh [--fixture <csv>]
# Environment (CodeBuild sets the first three; credentials of the target account):
#   STAGE                 stage name, part of the object's name (default "manual")
#   TARGET_ACCOUNT        checked against the caller's account when set
#   AWS_REGION            region of the stacks
#   GLUE_STACK            stack with the LakeBucket output      (default GlueEtl)
#   ORCHESTRATION_STACK   stack with the LakePipelineArn output (default Orchestration)
#   E2E_FIXTURE           the CSV to upload (default docs/samples/orders.csv of this
#                         repository; --fixture wins)
#   E2E_PREFIX            key prefix (default raw/orders/year=YYYY/month=MM/, today, UTC)
#   E2E_TIMEOUT           seconds to wait for the execution to end (default 1800)
#   E2E_POLL_SECONDS      seconds between polls (default 15)
#   E2E_KEEP              1 keeps the uploaded object
# Exit status: 0 the execution SUCCEEDED; 1 it failed, timed out, was aborted,
# or did not end (or start) before E2E_TIMEOUT; 2 bad usage or a missing
# stack output.
set -euo pipefail

log() { printf '%s e2e: %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
usage() { log "$*"; echo "usage: bash .ci/e2e.sh [--fixture <csv>]" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fixture="${E2E_FIXTURE:-$root/docs/samples/orders.csv}"
while [ $# -gt 0 ]; do
  case "$1" in
    --fixture) [ $# -ge 2 ] || usage "--fixture needs a path"; fixture="$2"; shift 2 ;;
    --fixture=*) fixture="${1#--fixture=}"; shift ;;
    -h|--help) echo "usage: bash .ci/e2e.sh [--fixture <csv>]"; exit 0 ;;
    *) usage "unknown argument: $1" ;;
  esac
done

stage="${STAGE:-manual}"
glue_stack="${GLUE_STACK:-GlueEtl}"
orchestration_stack="${ORCHESTRATION_STACK:-Orchestration}"
timeout="${E2E_TIMEOUT:-1800}"
poll="${E2E_POLL_SECONDS:-15}"
[[ "$timeout" =~ ^[0-9]+$ ]] || usage "E2E_TIMEOUT must be a number of seconds, not '$timeout'"
[[ "$poll" =~ ^[0-9]+$ ]] || usage "E2E_POLL_SECONDS must be a number of seconds, not '$poll'"
[ -f "$fixture" ] || usage "no fixture file '$fixture'"
case "$fixture" in *.csv) ;; *) usage "the fixture must be a .csv file (the pipeline routes by extension): '$fixture'" ;; esac
command -v aws >/dev/null 2>&1 || usage "the AWS CLI (aws) is not on PATH"

if [ -n "${TARGET_ACCOUNT:-}" ]; then
  caller="$(aws sts get-caller-identity --query Account --output text)"
  if [ "$caller" != "$TARGET_ACCOUNT" ]; then
    log "credentials are of account $caller, the stage's account is $TARGET_ACCOUNT (give the stage a PostDeployRoleArn)"
    exit 2
  fi
fi

# output <stack> <key>: the value of a CloudFormation output, or exit 2.
output() {
  local value
  if ! value="$(aws cloudformation describe-stacks --stack-name "$1" \
      --query "Stacks[0].Outputs[?OutputKey=='$2'].OutputValue | [0]" --output text)"; then
    log "cannot describe stack $1 (deployed in ${AWS_REGION:-the default region}?)"
    exit 2
  fi
  if [ -z "$value" ] || [ "$value" = "None" ]; then
    log "stack $1 has no output $2"
    exit 2
  fi
  printf '%s' "$value"
}

bucket="$(output "$glue_stack" LakeBucket)"
machine="$(output "$orchestration_stack" LakePipelineArn)"

# The object's name: safe characters only, so it is found in the
# execution's input whatever encoding the event uses for the key.
safe_stage="$(printf '%s' "$stage" | tr -c 'A-Za-z0-9-' '-')"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
name="e2e-${safe_stage}-${stamp}-$$.csv"
prefix="${E2E_PREFIX:-raw/orders/year=$(date -u +%Y)/month=$(date -u +%m)/}"
case "$prefix" in */) ;; *) prefix="$prefix/" ;; esac
key="${prefix}${name}"

# Executions that exist before the upload are not this test's.
declare -A seen=()
list_executions() {
  aws stepfunctions list-executions --state-machine-arn "$machine" --max-items 100 \
    --query 'executions[].executionArn' --output text
}
arns="$(list_executions)"
for arn in $arns; do
  [ "$arn" = "None" ] || seen["$arn"]=1
done

version=""
uploaded=""
cleanup() {
  local status=$?
  if [ -n "$uploaded" ]; then
    if [ "${E2E_KEEP:-0}" = "1" ]; then
      log "kept s3://$bucket/$key (E2E_KEEP=1)"
    elif [ -n "$version" ] && [ "$version" != "None" ]; then
      aws s3api delete-object --bucket "$bucket" --key "$key" --version-id "$version" >/dev/null \
        && log "deleted s3://$bucket/$key (version $version)" || log "could not delete s3://$bucket/$key"
    else
      aws s3api delete-object --bucket "$bucket" --key "$key" >/dev/null \
        && log "deleted s3://$bucket/$key" || log "could not delete s3://$bucket/$key"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "stage $stage: uploading $fixture to s3://$bucket/$key"
version="$(aws s3api put-object --bucket "$bucket" --key "$key" --body "$fixture" \
  --content-type text/csv --query VersionId --output text)"
uploaded=1
start=$SECONDS
deadline=$((start + timeout))

# Find the execution whose input (the EventBridge Object Created event)
# names the object.
execution=""
while [ -z "$execution" ]; do
  arns="$(list_executions)"
  for arn in $arns; do
    [ "$arn" != "None" ] && [ -z "${seen[$arn]:-}" ] || continue
    seen["$arn"]=1
    input="$(aws stepfunctions describe-execution --execution-arn "$arn" --query input --output text)"
    if [[ "$input" == *"$name"* ]]; then
      execution="$arn"
      break
    fi
  done
  [ -n "$execution" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "no execution of $machine started for s3://$bucket/$key within ${timeout}s (is the trigger OnRawObject deployed, EventBridge notifications on?)"
    exit 1
  fi
  log "waiting for the execution of s3://$bucket/$key to start ($((SECONDS - start))s)"
  sleep "$poll"
done
log "execution $execution"

while :; do
  status="$(aws stepfunctions describe-execution --execution-arn "$execution" --query status --output text)"
  case "$status" in
    SUCCEEDED)
      log "SUCCEEDED after $((SECONDS - start))s"
      exit 0 ;;
    FAILED|TIMED_OUT|ABORTED)
      log "$status after $((SECONDS - start))s"
      echo "error: $(aws stepfunctions describe-execution --execution-arn "$execution" --query error --output text || true)" >&2
      echo "cause: $(aws stepfunctions describe-execution --execution-arn "$execution" --query cause --output text || true)" >&2
      echo "last failure events:" >&2
      aws stepfunctions get-execution-history --execution-arn "$execution" --reverse-order --max-items 50 \
        --query 'events[?ends_with(type, `"Failed"`) || ends_with(type, `"TimedOut"`) || ends_with(type, `"Aborted"`)] | [:3]' \
        --output json >&2 || true
      exit 1 ;;
  esac
  if [ "$SECONDS" -ge "$deadline" ]; then
    log "execution still $status after ${timeout}s: $execution"
    exit 1
  fi
  log "$status ($((SECONDS - start))s)"
  sleep "$poll"
done
