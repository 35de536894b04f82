// Package cicd is CI/CD for this app's data stacks (catalogue ORC-08,
// cicd-data-pipeline): a CodePipeline (V2) that takes the repository from a
// CodeConnections connection (GitHub, GitLab, Bitbucket) or a zip in S3,
// builds and tests it with CodeBuild (the README's `npm test` and
// `npm run synth`, keeping cdk.out as the cloud assembly), then deploys the
// chosen stacks to each target environment in order with
// `npx cdk deploy --app cdk.out <stacks> --require-approval never`, runs the
// stage's end-to-end test (ingest a file, run the pipeline, check the
// output; .ci/e2e.sh by default), and stops for a manual approval before
// every stage that asks for one: by default the production stage (named
// prod, production or prd, or the last stage).
//
//	GitHub/GitLab ─(CodeConnections)─▶ Source ─▶ Build (npm test; npm run synth → cdk.out)
//	  ─▶ test: Deploy (cdk deploy, bootstrap roles of the test account) ─▶ EndToEndTest
//	  ─▶ prod: Approve (SNS, KMS) ─▶ Deploy ─▶ EndToEndTest
//
// Why this design: the pipeline deploys the cloud assembly the tests passed
// on, never a new synthesis; each deploy action's role may only assume the
// target's CDK bootstrap deploy role and file-publishing role
// (arn:<partition>:iam::<account>:role/cdk-<qualifier>-deploy-role-<account>-<region>),
// so the pipeline account holds no deployment rights of its own and each
// target decides with `cdk bootstrap --trust <pipeline account>` whom it
// trusts. The buildspecs are generated here (no file to keep in sync).
// Nothing is looked up at synthesis and no GitHub token is stored: the
// connection is created and authorised once in the console. The artifact
// bucket is a securebucket (SSE-KMS with the pipeline's key, retained,
// artifacts expire after 90 days); the CodeBuild projects encrypt with that
// key, run unprivileged with timeouts, and log to their own encrypted log
// groups (one year). The approval topic is encrypted with the same key and
// denies non-TLS publishing. CDK Pipelines (`pipelines.CodePipeline`) was
// not used: it deploys Stage constructs defined inside the pipeline's own app
// and rewrites itself (self-mutation); this app's stacks are top-level stacks
// of stacks.Build, and a plain CodePipeline deploying named stacks of cdk.out
// needs no change to the app.
//
// Corrections to the notes: AWS CodeCommit is closed to new customers (since
// July 2024; the caution of the catalogue entry cfn-event-pipeline-template,
// which this entry refers to), so the source is a CodeConnections
// connection, or S3. Connections created since July 2024 have
// codeconnections ARNs, and an IAM policy must use the prefix of the ARN:
// CDK's source action grants only codestar-connections:UseConnection, so the
// source role is also granted codeconnections:UseConnection. An S3 source
// starts the pipeline from the bucket's EventBridge notifications (Object
// Created on the key), not from a CloudTrail trail as CDK's S3 trigger
// assumes; the bucket must be versioned and send events to EventBridge (a
// securebucket does both).
//
// Limits: the deploy actions run unprivileged, so stacks with Docker image
// assets (the Streaming stack's consumer image) cannot be published by this
// pipeline; deploy them elsewhere or give their images from a registry.
// Stacks synthesized without an account deploy to the pipeline's own account
// (the CLI takes the account of its credentials); to deploy to another
// account the app must synthesize the stage's stacks with that account and
// region (Stack Env), which `cdk deploy` then reaches through the bootstrap
// roles.
//
// cdk-nag suppressions (nag.go): AwsSolutions-IAM5 on the policies CDK's
// grants write for the pipeline, source, build, deploy, test and approval
// roles, for exactly their wildcards: object actions and objects of the
// artifact bucket, the pipeline key's GenerateDataKey*/ReEncrypt*, and the
// CodeBuild projects' default log group and report groups.
package cicd
