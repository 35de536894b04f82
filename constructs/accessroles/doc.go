// Package accessroles gives the data lake's people least-privilege roles two
// ways — RBAC, one role per job function, and ABAC, access by matching tags
// — and turns on IAM Access Analyzer (catalogue SEC-09, iam-rbac-abac).
//
// Scenario: analysts, engineers and lake admins need different rights on the
// catalog and Athena (RBAC: few roles, easy to audit); projects Heart, Star
// and Bolt (the notes' example) each need their own secrets, keys, tables,
// streams and objects, and new projects keep coming (ABAC: one policy, no
// new role or policy per resource). Users sign in with MFA in this (or a
// trusted) account, or through a SAML 2.0 identity provider.
//
//	principals ── trust: this/TrustedAccount root with aws:MultiFactorAuthPresent
//	              or SamlProvider (sts:AssumeRoleWithSAML, SAML:aud)
//	  ├─▶ job-function roles (Roles/<Name>, tag job-function=<Name>, 1 h sessions,
//	  │     optional permissions boundary)
//	  │     ├─ level policy (customer managed, one per level): Analyst → catalog read,
//	  │     │    Athena in Workgroups, lakeformation:GetDataAccess; Engineer → + tables;
//	  │     │    Admin → + databases, Lake Formation grants
//	  │     └─ Grants from the resources (role's default policy), ManagedPolicies
//	  └─▶ ABAC roles: Project<Value> tagged access-project=<Value> (or one Session role)
//	        trust: sts:TagSession only with aws:RequestTag/access-project = its value
//	               (Session role: one of Values), aws:TagKeys ⊆ [access-project]
//	        ABAC policy (one, customer managed):
//	          Allow Actions on * if aws:ResourceTag/access-project = ${aws:PrincipalTag/access-project}
//	          Allow s3:GetObject if s3:ExistingObjectTag/... matches; s3:PutObject only tagged own value
//	          Deny tag/untag of access-project (resources of those services, iam roles and users)
//	          Deny object (re)tagging of objects with the key, and tagging objects with it
//	IAM Access Analyzer: ACCOUNT (or ORGANIZATION) external access; optional unused access
//
// # Why this design
//
// The level policies are customer managed, shared by every job function of
// a level (a policy reviewed once, reused; the notes: inline policies die
// with their identity), and scoped to the account's catalog, the listed
// databases and workgroups; Lake Formation grants then decide which tables a
// role reads (IAM allows lakeformation:GetDataAccess, LF decides).
// Resource-specific rights come from the resources' own grants (Grants),
// which CDK scopes to their ARNs, in the role's own policy.
//
// ABAC works only if the tags cannot be changed by the people they
// restrict, so each statement of the ABAC policy blocks a threat:
//   - DenyChangingTheProjectTag: a Heart principal that also holds tagging
//     rights (from another policy) retags a Star secret, key, table, stream,
//     workgroup or job as Heart, or untags it; or retags its own role
//     (iam:TagRole) into Star for its next session.
//   - DenyChangingTaggedObjects / DenyTaggingObjectsWithTheKey: the same
//     through S3 object tags (PutObjectTagging replaces the whole set).
//   - WriteObjectsTaggedWithOwnProject: writes carry the writer's own value,
//     so nobody plants data in, or hides it from, another project.
//   - the trust's TagSession condition: a session tag overrides the role's
//     tag, so a Heart role that accepted any session tag would let its
//     users become Star at sign-in; it accepts only its own value (the
//     Session role: one of Values), and no other tag key (aws:TagKeys
//     with ForAllValues — which alone is true when no tag is sent, hence the
//     aws:RequestTag condition next to it).
//
// A principal or resource without the tag matches nothing (the variable or
// the key is missing, so StringEquals is false): an untagged Session role
// session can do nothing. The bucket's KMS key is allowed only through S3
// (kms:ViaService), because the key is shared by all projects and the object
// tag decides. The tests evaluate the synthesized documents with a small IAM
// evaluator against a table of requests.
//
// Access Analyzer finds resources shared outside the zone of trust (free);
// ExistingAnalyzer skips it where the account or organization has one.
// The unused-access analyzer is billed per role and user and is an option.
//
// What the notes leave out: ABAC on S3 objects uses object tags
// (s3:ExistingObjectTag), not aws:ResourceTag; only some actions authorize
// against aws:ResourceTag, so ABAC actions are named (no wildcards) and
// limited to services whose tagging actions the policy denies; IAM Identity
// Center permission sets create their own roles (AWSReservedSSO_*) — with
// Identity Center, put the level and ABAC policies in permission sets, or
// use it as SAML provider here. Not covered: creating resources with another
// project's tag (create actions carry aws:RequestTag; restrict them in the
// job functions that create), transitive session tags, SCPs.
//
// Rejected props: job-function names that are not 1–32 letters and digits
// or repeat (case-insensitively), unknown levels, job functions without any
// permission; malformed database or workgroup names, empty lists; a
// TrustedAccount with a SamlProvider or not 12 digits; sessions outside
// 1–12 hours; unknown analyzer types, an analyzer type with
// ExistingAnalyzer, an unused-access age without the analyzer or outside
// 1–365 days; an ABAC tag key starting with aws:, empty, repeated or
// malformed values, wildcard actions, actions of services whose tagging the
// policy does not deny.
//
// Nothing holds data, so nothing is retained. cdk-nag suppressions, all
// AwsSolutions-IAM5 with reasons: the level policies (Lake Formation APIs
// without resource-level permissions, table/<database>/*, and database/*
// when Databases is nil), the ABAC policy (resources chosen by tag, Deny on
// every resource), and the job-function roles' default policies (the
// resources' own grants). No Control Tower exemption.
package accessroles
