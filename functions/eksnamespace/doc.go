// Command eksnamespace is the onEvent function of the namespace custom
// resource of constructs/emreks (through the CDK provider framework): it
// creates a Kubernetes namespace in an EKS cluster with the Kubernetes API,
// so that a cluster created by CloudFormation needs no kubectl step before
// EMR on EKS registers the namespace as a virtual cluster (ETL-15).
//
// It authenticates the way `aws eks get-token` does, without calling STS:
// the bearer token is "k8s-aws-v1." + base64url (no padding) of an STS
// GetCallerIdentity URL presigned with SigV4 in the query (X-Amz-Expires 60,
// the header x-k8s-aws-id: <cluster name> signed) with the function's own
// credentials; the cluster's authenticator makes that call and maps the
// function's role to its access entry. TLS is verified against the
// cluster's certificate authority only (the CertificateAuthority property,
// the cluster's CertificateAuthorityData), never the system roots.
//
// Properties: ClusterName, Endpoint (https://...), CertificateAuthority
// (base64 of the PEM), Namespace, optional Labels (a map).
//
// Requests:
//   - Create and Update POST /api/v1/namespaces; 409 AlreadyExists is
//     success (a namespace made by hand is adopted), and then the Labels
//     are merged into it with a merge patch. The physical id is
//     <cluster>/<namespace>: a new cluster or namespace name makes a new id,
//     so CloudFormation deletes the old one afterwards.
//   - Delete removes the namespace (DELETE /api/v1/namespaces/<ns>; 404 is
//     success). The namespace holds only what EMR puts in it for job runs
//     (pods, config maps, service accounts; the data is in S3), the virtual
//     cluster depending on it is deleted first, and a namespace left behind
//     would keep a renamed namespace's pods and Fargate capacity. Kubernetes
//     finishes the deletion asynchronously (Terminating); the function does
//     not wait. A physical id of another cluster (the cluster was replaced,
//     and is deleted with its namespaces) or of no namespace (a Create that
//     failed) has nothing to delete.
//
// Until the cluster's authenticator knows the new access entry, and while a
// new endpoint settles, the API answers 401, 403 or 5xx, or the connection
// fails: the function retries those with backoff while more than 25 s of
// the invocation remain, and surfaces the API's own message otherwise.
package main
