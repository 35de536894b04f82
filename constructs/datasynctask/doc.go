// Package datasynctask ingests an on-premises NFS, SMB or HDFS file share
// into the lake's raw zone with AWS DataSync: a scheduled, verified,
// bandwidth-limited task through activated agents, logged and watched
// (catalogue ING-23, datasync-onprem-to-s3).
//
// Scenario: files produced on premises (exports, scans, Hadoop output) must
// land in the S3 raw zone every night without saturating the site's link,
// and a copy that is corrupted or incomplete must fail loudly rather than
// feed the lake.
//
//	NFS export │ SMB share (NTLM, password in Secrets Manager) │ HDFS (SIMPLE or Kerberos, keytab in Secrets Manager)
//	        ▼  read by 1–4 DataSync agents on premises (activated outside CloudFormation, or ActivationKey)
//	DataSync task: daily 02:00 UTC (or cron/rate ≥ 1 h, or on demand) │ changed files only │ verify ONLY_FILES_TRANSFERRED
//	  │ bandwidth limit (BytesPerSecond ≥ 1 MiB/s, or UnlimitedBandwidth) │ deletions preserved │ include/exclude patterns
//	  ├─ transfer logs ─▶ log group (CMK, 1 year; resource policy for datasync.amazonaws.com, this account's tasks)
//	  ├─ task reports (option) ─▶ lake bucket datasync-reports/
//	  └─ execution ERROR (EventBridge) ─▶ encrypted SNS topic
//	        ▼  bucket access role (DataSync of this account; the guide's S3 actions under the prefix; bucket key)
//	lake bucket raw/datasync/ (new securebucket: DSSE-KMS, versioned, TLS only, retained — or yours)
//
// The agent: a DataSync agent is a VM (VMware, Hyper-V, KVM) or an EC2
// instance near the source, and it is activated outside CloudFormation:
// deploy the agent image, open the VM's port 80 to your browser or
// workstation for the activation only, get the key (`curl
// "http://<agent-ip>/?gatewayType=SYNC&activationRegion=<region>&no_redirect"`,
// or the agent's local console), then within 30 minutes `aws datasync
// create-agent --activation-key <key> --agent-name <name>` (add
// --vpc-endpoint-id, --subnet-arns and --security-group-arns for a private
// endpoint), and pass the returned AgentArn in AgentArns. AWS::DataSync::Agent
// can do the last step (ActivationKey here) but the key expires 30 minutes
// after it is issued and works once: a stack deployed later, or any change
// that replaces the agent resource, fails; so AgentArns is the normal way,
// ActivationKey the option for a one-shot deployment.
//
// Credentials: CloudFormation's LocationSMB takes the password as a plain
// Password property (and LocationHDFS the keytab as KerberosKeytab); a
// dynamic reference {{resolve:secretsmanager:...}} would keep it out of the
// template but DataSync would still hold a copy that a rotation never
// updates. The construct uses CustomSecretConfig instead: DataSync reads the
// secret (SecretString = the password in plain text, not JSON; SecretBinary
// = the keytab) at every execution through a role it assumes, limited to
// GetSecretValue and DescribeSecret on that secret (and kms:Decrypt through
// Secrets Manager on its key).
//
// New creates: the source location (NFS, SMB or HDFS) on the agents; a
// bucket access role trusted by datasync.amazonaws.com for this account's
// DataSync resources only (aws:SourceAccount, aws:SourceArn), with the
// DataSync user guide's actions (s3:GetBucketLocation, s3:ListBucket,
// s3:ListBucketMultipartUploads on the bucket; s3:AbortMultipartUpload,
// s3:DeleteObject, s3:GetObject, s3:GetObjectTagging, s3:GetObjectVersion,
// s3:GetObjectVersionTagging, s3:ListMultipartUploadParts, s3:PutObject,
// s3:PutObjectTagging under the lake and report prefixes; kms:GenerateDataKey
// and kms:Decrypt on the bucket's key) — s3:DeleteObject because DataSync
// replaces changed objects and, with RemoveDeletedFiles, deletes; on the
// versioned securebucket that only adds delete markers; the S3 location on
// LakePrefix (STANDARD); the log group and its resource policy; the task
// (VerifyMode ONLY_FILES_TRANSFERRED, TransferMode CHANGED, the bandwidth
// limit, LogLevel TRANSFER, PreserveDeletedFiles PRESERVE, OverwriteMode
// ALWAYS, TaskQueueing ENABLED, DefaultSchedule); the EventBridge rule on
// "DataSync Task Execution State Change" with State ERROR for this task's
// executions, and its encrypted topic.
//
// Rejected props (synthesis errors naming the path, property, value and what
// is allowed): a task without verification (VerifyMode NONE) — the issue's
// bad input — or with an unknown mode, or POINT_IN_TIME_CONSISTENT with an
// archive storage class; no agents, more than 4, malformed agent ARNs or
// activation key, both agents and a key; zero or several sources; malformed
// host names, paths, users, domains, versions; an SMB share without a
// password secret; incomplete Kerberos settings or Kerberos with a SIMPLE
// user; no bandwidth decision, a limit below 1 MiB/s or fractional, a limit
// and UnlimitedBandwidth together; schedules that are not cron(...) or
// rate(...), run more than once an hour, or come with OnDemandOnly; prefixes
// that start with "/", lack the final "/" or hold "//", "/./", "/../"; a
// report prefix without TaskReport or overlapping the data prefix; unknown
// storage classes; filter patterns that are empty or hold '|'; a bucket
// and the props of a new one; infinite log retention; an alarm topic with
// alarms off.
//
// Corrections to the notes: the notes and the catalogue name NFS and SMB
// only and no verification; DataSync also reads HDFS (and object stores),
// and an unverified task (VerifyMode NONE) reports success for files it
// copied wrongly, so verification is mandatory here. The catalogue's
// TransferMode/VerifyMode/LogLevel are set explicitly rather than left to
// DataSync's defaults.
//
// Quotas and limits to know: each task adds an account-level CloudWatch Logs
// resource policy (LogsPolicy), and an account holds at most 10 per Region;
// with many tasks, give them one shared policy (e.g. for
// /aws/datasync/* log groups) and remove LogsPolicy. DataSync's minimum
// schedule interval is one hour. A user-given AlarmTopic's key must let
// events.amazonaws.com use it.
//
// cdk-nag suppressions: AwsSolutions-IAM5 on the bucket access role's
// policy, for the object actions on "<bucket>/<prefix>*" (DataSync names
// objects after the source files). No Control Tower exemption of its own
// (the securebucket's apply to a created bucket).
package datasynctask
