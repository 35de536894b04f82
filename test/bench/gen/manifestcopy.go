package gen

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cdk-data-patterns/patterns/test/bench/fakes3"
)

// manifestcopy's configuration, as the manifestload construct sets it.
const (
	ManifestSlices   = 16
	ManifestTable    = "analytics.daily_events"
	ManifestRole     = "arn:aws:iam::123456789012:role/RedshiftCopy"
	ManifestCluster  = "bench-cluster"
	ManifestDatabase = "dev"
	ManifestSecret   = "arn:aws:secretsmanager:us-east-1:123456789012:secret:bench-redshift-AbCdEf"
)

// ManifestSourcePrefix and ManifestPrefix are the prefixes of the data
// files and of the manifests and markers for a case of size bytes.
func ManifestSourcePrefix(size int) string { return fmt.Sprintf("daily-data/s%d/", size) }
func ManifestPrefix(size int) string       { return fmt.Sprintf("manifests/s%d/", size) }

// Old is the last-modified time of the settled files: long before any run,
// so the handler's 60 s settle rule keeps them; Fresh is after any run
// (files still being written, which wait).
var (
	ManifestOld   = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ManifestFresh = time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC)
)

// manifestObject is the i-th listed object under prefix: mostly gzipped
// CSV files of 1 to 64 MiB written long ago; every 500 a "folder" key and a
// zero-byte _SUCCESS file (ignored), every 250 a file still being written
// (unsettled), in every 1,000 a complete set of 4 split parts
// (functions/slicesplit) and in every 2,000 an incomplete one (3 of 4: they
// wait).
func manifestObject(prefix string, i int) fakes3.Object {
	h := fnv.New64a()
	fmt.Fprint(h, i)
	size := int64(1<<20 + h.Sum64()%(63<<20))
	o := fakes3.Object{Key: fmt.Sprintf("%s2026/11/25/events-%06d.csv.gz", prefix, i), Size: size, LastModified: ManifestOld}
	switch {
	case i%500 == 499:
		o.Key, o.Size = fmt.Sprintf("%s2026/11/25/batch-%06d/", prefix, i), 0
	case i%500 == 498:
		o.Key, o.Size = fmt.Sprintf("%s2026/11/25/events-%06d_SUCCESS", prefix, i), 0
	case i%250 == 100:
		o.LastModified = ManifestFresh
	case i%1000 >= 610 && i%1000 < 614:
		o.Key = fmt.Sprintf("%s2026/11/25/split-%06d/part-%05d-of-00004.gz", prefix, i/1000, i%1000-610+1)
	case i%2000 >= 710 && i%2000 < 713:
		o.Key = fmt.Sprintf("%s2026/11/25/split-inc-%06d/part-%05d-of-00004.gz", prefix, i/2000, i%2000-710+1)
	}
	return o
}

// ManifestObjects are the n first objects under prefix, sorted by key.
func manifestObjects(prefix string, n int) []fakes3.Object {
	objs := make([]fakes3.Object, n)
	for i := range objs {
		objs[i] = manifestObject(prefix, i)
	}
	sort.Slice(objs, func(i, j int) bool { return objs[i].Key < objs[j].Key })
	return objs
}

// ManifestObjects are the source objects of manifestcopy's case of size
// bytes: as many as make about size bytes of ListObjectsV2 pages.
func ManifestObjects(size int) []fakes3.Object {
	prefix := ManifestSourcePrefix(size)
	n := max(size/240, 10)
	for {
		objs := manifestObjects(prefix, n)
		b := fakes3.ListingBytes(CSVBucket, prefix, objs)
		if b <= size || n <= 10 {
			return objs
		}
		n -= (b-size)/200 + 1
	}
}

var partRE = regexp.MustCompile(`^(.*/)part-(\d{5})-of-(\d{5})(\.[a-z0-9]+)?$`)

// ManifestLoadable are the keys the handler must load from objs, sorted:
// not a folder key, not zero bytes, settled, and not a part of a split
// file whose set of parts is not all listed.
func ManifestLoadable(objs []fakes3.Object) []string {
	present := map[string]int{}
	for _, o := range objs {
		if m := partRE.FindStringSubmatch(o.Key); m != nil {
			present[m[1]+m[3]]++
		}
	}
	var keys []string
	for _, o := range objs {
		if strings.HasSuffix(o.Key, "/") || o.Size == 0 || o.LastModified.After(ManifestOld) {
			continue
		}
		if m := partRE.FindStringSubmatch(o.Key); m != nil {
			if n, _ := strconv.Atoi(m[3]); present[m[1]+m[3]] < n {
				continue
			}
		}
		keys = append(keys, o.Key)
	}
	return keys
}

func init() {
	Register("manifestcopy", func(_ *rand.Rand, size int) (Case, error) {
		// An EventBridge schedule's event: the handler reads none of it.
		// Its work is the bucket: it lists the source prefix (and its
		// manifest prefix), cuts the settled files into manifests of
		// 992 files (SLICES=16 of MAX_FILES_PER_MANIFEST 1000), writes each
		// manifest, asks the audit table, runs the COPY transaction and
		// writes the marker. MB/s counts the ListObjectsV2 XML of the source
		// listing, the one input that grows with the work.
		objs := ManifestObjects(size)
		loadable := ManifestLoadable(objs)
		ev := `{"version":"0","id":"5b0c1e6e-1a8c-4c49-9f0e-000000000021","detail-type":"Scheduled Event","source":"aws.events",` +
			`"account":"123456789012","time":"2026-11-25T10:00:00Z","region":"us-east-1",` +
			`"resources":["arn:aws:events:us-east-1:123456789012:rule/manifestcopy-every-15-min"],"detail":{}}`
		batches := (len(loadable) + 991) / 992
		return Case{Event: []byte(ev), Records: len(loadable),
			Bytes: fakes3.ListingBytes(CSVBucket, ManifestSourcePrefix(size), objs),
			Unit:  fmt.Sprintf("S3 listing XML: %d objects → %d manifests and COPYs", len(objs), batches),
			Env: []string{"SOURCE_BUCKET=" + CSVBucket, "SOURCE_PREFIX=" + ManifestSourcePrefix(size), "MANIFEST_PREFIX=" + ManifestPrefix(size),
				"TARGET_TABLE=" + ManifestTable, "IAM_ROLE_ARN=" + ManifestRole, "FORMAT=CSV", "COMPRESSION=GZIP", "MAX_ERROR=10",
				fmt.Sprintf("SLICES=%d", ManifestSlices), "CLUSTER_IDENTIFIER=" + ManifestCluster, "SECRET_ARN=" + ManifestSecret,
				"DATABASE=" + ManifestDatabase},
			Fakes: []string{"manifestcopy-s3", "manifestcopy-redshiftdata"}, Check: "manifestcopy", PyModules: []string{"boto3"}}, nil
	})
}
