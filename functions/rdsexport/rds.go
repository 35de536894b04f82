package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// apiVersion is the RDS Query API version.
const apiVersion = "2014-10-31"

// Client is a signed AWS Query client of the RDS operations the function
// uses.
type Client struct {
	Endpoint    string // https://rds.<region>.amazonaws.com (Endpoint())
	Region      string
	Credentials aws.CredentialsProvider
	HTTP        *http.Client
}

// Endpoint is RDS's regional endpoint (China regions end in .com.cn).
func Endpoint(region string) string {
	host := "rds." + region + ".amazonaws.com"
	if strings.HasPrefix(region, "cn-") {
		host += ".cn"
	}
	return "https://" + host
}

// call posts one Query request and decodes the XML reply into out.
func (c *Client) call(ctx context.Context, op string, params url.Values, out any) error {
	params.Set("Action", op)
	params.Set("Version", apiVersion)
	body := []byte(params.Encode())
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Endpoint+"/", bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	creds, err := c.Credentials.Retrieve(ctx)
	if err != nil {
		return fmt.Errorf("%s: credentials: %w", op, err)
	}
	sum := sha256.Sum256(body)
	if err := v4.NewSigner().SignHTTP(ctx, creds, req, hex.EncodeToString(sum[:]), "rds", c.Region, time.Now()); err != nil {
		return fmt.Errorf("%s: sign: %w", op, err)
	}
	h := c.HTTP
	if h == nil {
		h = http.DefaultClient
	}
	resp, err := h.Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		return fmt.Errorf("%s: %w", op, err)
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Code    string `xml:"Error>Code"`
			Message string `xml:"Error>Message"`
		}
		if xml.Unmarshal(raw, &e) != nil || e.Code == "" {
			e.Code, e.Message = "HTTP"+strconv.Itoa(resp.StatusCode), excerpt(raw)
		}
		return &APIError{Op: op, Code: e.Code, Message: e.Message, Status: resp.StatusCode}
	}
	if err := xml.Unmarshal(raw, out); err != nil {
		return fmt.Errorf("%s: unexpected reply %s: %w", op, excerpt(raw), err)
	}
	return nil
}

func excerpt(b []byte) string {
	s := strings.Join(strings.Fields(string(b)), " ")
	if len(s) > 200 {
		s = s[:200] + "…"
	}
	return s
}

type xmlSnapshot struct {
	ID         string `xml:"DBSnapshotIdentifier"`
	ARN        string `xml:"DBSnapshotArn"`
	ClusterID  string `xml:"DBClusterSnapshotIdentifier"`
	ClusterARN string `xml:"DBClusterSnapshotArn"`
	Created    string `xml:"SnapshotCreateTime"`
	Status     string `xml:"Status"`
}

// Snapshots lists the automated snapshots of an instance
// (DescribeDBSnapshots) or cluster (DescribeDBClusterSnapshots), all pages.
func (c *Client) Snapshots(ctx context.Context, kind, id string) ([]Snapshot, error) {
	op, idParam := "DescribeDBSnapshots", "DBInstanceIdentifier"
	if kind == Cluster {
		op, idParam = "DescribeDBClusterSnapshots", "DBClusterIdentifier"
	}
	var out []Snapshot
	marker := ""
	for page := 0; page < 100; page++ {
		p := url.Values{idParam: {id}, "SnapshotType": {"automated"}, "MaxRecords": {"100"}}
		if marker != "" {
			p.Set("Marker", marker)
		}
		var r struct {
			Marker        string        `xml:"DescribeDBSnapshotsResult>Marker"`
			ClusterMarker string        `xml:"DescribeDBClusterSnapshotsResult>Marker"`
			Instances     []xmlSnapshot `xml:"DescribeDBSnapshotsResult>DBSnapshots>DBSnapshot"`
			Clusters      []xmlSnapshot `xml:"DescribeDBClusterSnapshotsResult>DBClusterSnapshots>DBClusterSnapshot"`
		}
		if err := c.call(ctx, op, p, &r); err != nil {
			return nil, err
		}
		for _, s := range append(r.Instances, r.Clusters...) {
			snap := Snapshot{ID: s.ID + s.ClusterID, ARN: s.ARN + s.ClusterARN, Status: s.Status}
			snap.Created, _ = time.Parse(time.RFC3339Nano, s.Created)
			out = append(out, snap)
		}
		if marker = r.Marker + r.ClusterMarker; marker == "" {
			break
		}
	}
	return out, nil
}

// ExportTasks lists the export tasks of a snapshot (DescribeExportTasks).
func (c *Client) ExportTasks(ctx context.Context, sourceARN string) ([]ExportTask, error) {
	var out []ExportTask
	marker := ""
	for page := 0; page < 100; page++ {
		p := url.Values{"SourceArn": {sourceARN}, "MaxRecords": {"100"}}
		if marker != "" {
			p.Set("Marker", marker)
		}
		var r struct {
			Marker string `xml:"DescribeExportTasksResult>Marker"`
			Tasks  []struct {
				ID        string `xml:"ExportTaskIdentifier"`
				SourceARN string `xml:"SourceArn"`
				Status    string `xml:"Status"`
			} `xml:"DescribeExportTasksResult>ExportTasks>ExportTask"`
		}
		if err := c.call(ctx, "DescribeExportTasks", p, &r); err != nil {
			return nil, err
		}
		for _, t := range r.Tasks {
			out = append(out, ExportTask{ID: t.ID, SourceARN: t.SourceARN, Status: t.Status})
		}
		if marker = r.Marker; marker == "" {
			break
		}
	}
	return out, nil
}

// StartExportTask starts one export (Parquet is the only format RDS
// writes).
func (c *Client) StartExportTask(ctx context.Context, in StartInput) error {
	p := url.Values{
		"ExportTaskIdentifier": {in.TaskID}, "SourceArn": {in.SourceARN}, "S3BucketName": {in.Bucket},
		"IamRoleArn": {in.RoleARN}, "KmsKeyId": {in.KMSKeyID},
	}
	if in.Prefix != "" {
		p.Set("S3Prefix", in.Prefix)
	}
	for i, t := range in.ExportOnly {
		p.Set("ExportOnly.member."+strconv.Itoa(i+1), t)
	}
	var r struct {
		ID string `xml:"StartExportTaskResult>ExportTaskIdentifier"`
	}
	return c.call(ctx, "StartExportTask", p, &r)
}
