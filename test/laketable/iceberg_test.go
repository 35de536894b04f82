package laketable_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/laketable"
	"github.com/cdk-data-patterns/patterns/constructs/securebucket"
	"github.com/cdk-data-patterns/patterns/test/testkit"
)

func TestIcebergDefaults(t *testing.T) {
	st := configs().Stack(t, stackName)
	_, table := st.ByPath(t, "AWS::Glue::Table", stackName+"/OrdersIceberg/Table")
	if table["DeletionPolicy"] != "Retain" {
		t.Errorf("the table must be retained: %v", table["DeletionPolicy"])
	}
	p := testkit.Props(table)
	if p["TableInput"] != nil || p["Name"] != "orders_iceberg" || p["DatabaseName"] != "lake_curated" {
		t.Errorf("table = %s", testkit.JSON(p))
	}
	in := testkit.JSON(p["OpenTableFormatInput"])
	for _, want := range []string{
		`"MetadataOperation":"CREATE"`, `"Version":"2"`,
		`"Location":{"Fn::Join":["",["s3://",{"Ref":"LakeBucket`, `"/iceberg/orders/"]]}`,
		`"PartitionSpec":{"Fields":[{"FieldId":1000,"Name":"order_date_month","SourceId":3,"Transform":"month"}],"SpecId":0}`,
		`"Properties":{"write.format.default":"parquet","write.parquet.compression-codec":"zstd"}`,
		`{"Doc":"the order's key","Id":1,"Name":"order_id","Required":true,"Type":"string"}`,
		`{"Id":5,"Name":"amount","Required":false,"Type":"decimal(12,2)"}`, `"SchemaId":0,"Type":"struct"`,
	} {
		if !strings.Contains(in, want) {
			t.Errorf("OpenTableFormatInput lacks %s:\n%s", want, in)
		}
	}
	if strings.Contains(in, "WriteOrder") {
		t.Errorf("no write order by default: %s", in)
	}
	// Three optimizers, each with its own role, after the table.
	for typ, id := range map[string]string{"compaction": "Compaction", "retention": "SnapshotRetention", "orphan_file_deletion": "OrphanFileDeletion"} {
		_, o := st.ByPath(t, "AWS::Glue::TableOptimizer", stackName+"/OrdersIceberg/"+id)
		op := testkit.Props(o)
		cfg := testkit.JSON(op["TableOptimizerConfiguration"])
		if op["Type"] != typ || op["TableName"] != "orders_iceberg" || !strings.Contains(cfg, `"Enabled":true`) ||
			!strings.Contains(cfg, `"RoleArn":{"Fn::GetAtt":["OrdersIceberg`+id+`Role`) {
			t.Errorf("%s optimizer = %s", typ, testkit.JSON(op))
		}
		if deps := testkit.JSON(o["DependsOn"]); !strings.Contains(deps, "OrdersIcebergTable") || !strings.Contains(deps, id+"RoleDefaultPolicy") {
			t.Errorf("%s optimizer must wait for the table and its role's policy: %s", typ, deps)
		}
		_, pol := st.ByPath(t, "AWS::IAM::Policy", stackName+"/OrdersIceberg/"+id+"Role/DefaultPolicy/Resource")
		doc := testkit.JSON(pol)
		wantLogs := map[string]string{"compaction": "iceberg-compaction", "retention": "iceberg-retention", "orphan_file_deletion": "iceberg-orphan-file-deletion"}[typ]
		for _, want := range []string{`"s3:prefix":["iceberg/orders/*"]`, `"/iceberg/orders/*"]]}`, `:table/lake_curated/orders_iceberg"`, `log-group:/aws-glue/` + wantLogs + `/logs:*`, `"Resource":{"Fn::GetAtt":["LakeKey`} {
			if !strings.Contains(doc, want) {
				t.Errorf("%s role lacks %s: %s", typ, want, doc)
			}
		}
		writes := strings.Contains(doc, "s3:PutObject") || strings.Contains(doc, "glue:UpdateTable") || strings.Contains(doc, "kms:Encrypt")
		if writes != (typ != "orphan_file_deletion") {
			t.Errorf("%s role writes = %v: %s", typ, writes, doc)
		}
		if strings.Contains(doc, `"s3:*"`) || strings.Contains(doc, `"glue:*"`) {
			t.Errorf("%s role has a wildcard action: %s", typ, doc)
		}
	}
	_, comp := st.ByPath(t, "AWS::Glue::TableOptimizer", stackName+"/OrdersIceberg/Compaction")
	// Binpack is Glue's default: no CompactionConfiguration is written for it.
	if got := testkit.JSON(testkit.Props(comp)["TableOptimizerConfiguration"]); strings.Contains(got, `"CompactionConfiguration"`) || !strings.Contains(got, `"Enabled":true`) {
		t.Errorf("compaction = %s", got)
	}
	_, ret := st.ByPath(t, "AWS::Glue::TableOptimizer", stackName+"/OrdersIceberg/SnapshotRetention")
	if got := testkit.JSON(testkit.Props(ret)["TableOptimizerConfiguration"]); !strings.Contains(got, `{"CleanExpiredFiles":true,"NumberOfSnapshotsToRetain":1,"SnapshotRetentionPeriodInDays":5}`) {
		t.Errorf("retention = %s", got)
	}
	_, orph := st.ByPath(t, "AWS::Glue::TableOptimizer", stackName+"/OrdersIceberg/OrphanFileDeletion")
	if got := testkit.JSON(testkit.Props(orph)["TableOptimizerConfiguration"]); !strings.Contains(got, `{"OrphanFileRetentionPeriodInDays":3}`) {
		t.Errorf("orphan-file deletion = %s", got)
	}
	if len(built.orders.Optimizers) != 3 || len(built.orders.OptimizerRoles) != 3 || built.orders.TableName() != "orders_iceberg" || built.orders.DatabaseName() != "lake_curated" {
		t.Errorf("exposed: %v %v", built.orders.Optimizers, built.orders.OptimizerRoles)
	}
}

func TestIcebergOptions(t *testing.T) {
	st := configs().Stack(t, stackName)
	_, table := st.ByPath(t, "AWS::Glue::Table", stackName+"/Events/Table")
	in := testkit.JSON(testkit.Props(table)["OpenTableFormatInput"])
	for _, want := range []string{
		`{"FieldId":1000,"Name":"ts_day","SourceId":2,"Transform":"day"}`,
		`{"FieldId":1001,"Name":"ts_hour","SourceId":2,"Transform":"hour"}`,
		`{"FieldId":1002,"Name":"customer_id_bucket","SourceId":3,"Transform":"bucket[16]"}`,
		`{"FieldId":1003,"Name":"name_prefix","SourceId":4,"Transform":"truncate[4]"}`,
		`{"FieldId":1004,"Name":"event_id","SourceId":1,"Transform":"identity"}`,
		`"WriteOrder":{"Fields":[{"Direction":"asc","NullOrder":"nulls-first","SourceId":2,"Transform":"identity"},{"Direction":"desc","NullOrder":"nulls-last","SourceId":5,"Transform":"identity"}],"OrderId":1}`,
		`"write.parquet.compression-codec":"snappy"`, `"write.target-file-size-bytes":"268435456"`, `"write.format.default":"parquet"`,
		`"Name":"event_id","Required":true,"Type":"long"`, `"Type":"timestamp"`, `"Type":"double"`, `"Type":"boolean"`, `"Type":"binary"`, `"Name":"n","Required":false,"Type":"int"`, `"Type":"float"`,
	} {
		if !strings.Contains(in, want) {
			t.Errorf("events lack %s:\n%s", want, in)
		}
	}
	_, comp := st.ByPath(t, "AWS::Glue::TableOptimizer", stackName+"/Events/Compaction")
	if got := testkit.JSON(testkit.Props(comp)["TableOptimizerConfiguration"]); !strings.Contains(got, `{"DeleteFileThreshold":5,"MinInputFiles":50,"Strategy":"sort"}`) {
		t.Errorf("compaction = %s", got)
	}
	_, ret := st.ByPath(t, "AWS::Glue::TableOptimizer", stackName+"/Events/SnapshotRetention")
	if got := testkit.JSON(testkit.Props(ret)["TableOptimizerConfiguration"]); !strings.Contains(got, `{"CleanExpiredFiles":false,"NumberOfSnapshotsToRetain":3,"SnapshotRetentionPeriodInDays":7}`) {
		t.Errorf("retention = %s", got)
	}
	_, orph := st.ByPath(t, "AWS::Glue::TableOptimizer", stackName+"/Events/OrphanFileDeletion")
	if got := testkit.JSON(testkit.Props(orph)["TableOptimizerConfiguration"]); !strings.Contains(got, `{"OrphanFileRetentionPeriodInDays":10}`) {
		t.Errorf("orphan = %s", got)
	}
	// Turned off: only the orphan-file optimizer.
	if _, ok := built.orphanOnly.Optimizers["orphan_file_deletion"]; len(built.orphanOnly.Optimizers) != 1 || !ok {
		t.Errorf("orphan-only optimizers = %v", built.orphanOnly.Optimizers)
	}
	for _, typ := range []string{"compaction", "retention"} {
		for _, o := range st.Resources("AWS::Glue::TableOptimizer") {
			if testkit.Props(o)["TableName"] == "orphan_only" && testkit.Props(o)["Type"] == typ {
				t.Errorf("%s optimizer was turned off", typ)
			}
		}
	}
	// Grants.
	_, rp := st.ByPath(t, "AWS::IAM::Policy", stackName+"/Reader/DefaultPolicy/Resource")
	reader := testkit.JSON(rp)
	for _, want := range []string{`"glue:GetTable"`, `:table/lake_curated/orders_iceberg"`, `"s3:prefix":["iceberg/orders/*"]`, `"/curated/orders/*"`, `:table/lake_curated/orders_projected"`} {
		if !strings.Contains(reader, want) {
			t.Errorf("reader lacks %s: %s", want, reader)
		}
	}
	if strings.Contains(reader, "glue:UpdateTable") || strings.Contains(reader, "s3:PutObject") {
		t.Errorf("reader writes: %s", reader)
	}
	_, wp := st.ByPath(t, "AWS::IAM::Policy", stackName+"/Writer/DefaultPolicy/Resource")
	if w := testkit.JSON(wp); !strings.Contains(w, "glue:UpdateTable") || !strings.Contains(w, "s3:PutObject") {
		t.Errorf("writer cannot write: %s", w)
	}
}

func TestIcebergRejectedProps(t *testing.T) {
	newStack := func() awscdk.Stack {
		return awscdk.NewStack(testkit.NewApp(t.TempDir(), nil), jsii.String("Bad"), nil)
	}
	testkit.MustPanic(t, func() { laketable.NewIceberg(newStack(), "T", nil) },
		"laketable.Iceberg Bad/T: invalid props", `DatabaseName = ""`, `TableName = ""`, "Bucket = nil", `Prefix = ""`,
		"an Iceberg table cannot be created without a location", "Columns = none")
	testkit.MustPanic(t, func() {
		stack := newStack()
		laketable.NewIceberg(stack, "T", &laketable.IcebergProps{
			DatabaseName: "Lake-DB", TableName: "Orders",
			Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: "/iceberg",
			Columns: []laketable.Column{
				{Name: "id", Type: laketable.String}, {Name: "id", Type: laketable.Int}, {Name: "When", Type: laketable.Date},
				{Name: "d", Type: laketable.Date}, {Name: "x"}, {Name: "big", Type: laketable.Decimal(40, 2)},
			},
			Partitioning: []laketable.PartitionField{
				{Column: "missing", Transform: laketable.Day},
				{Column: "id", Transform: laketable.Day},
				{Column: "d", Transform: laketable.Hour},
				{Column: "id", Transform: laketable.Bucket(0)},
				{Column: "d", Transform: laketable.Truncate(3)},
				{Column: "id"},
				{Column: "d", Transform: laketable.Month, Name: "d_hour"},
			},
			WriteOrder: []laketable.SortField{{Column: "nope"}},
			Maintenance: &laketable.Maintenance{
				Compaction: jsii.Bool(false), Strategy: "zorder", MinInputFiles: jsii.Number(0),
				SnapshotRetention: jsii.Bool(false), SnapshotsToRetain: jsii.Number(2.5),
				OrphanFileDeletion: jsii.Bool(false), OrphanFileRetentionDays: jsii.Number(3),
				DeleteFileThreshold: jsii.Number(-1), SnapshotRetentionDays: jsii.Number(0),
			},
		})
	}, `DatabaseName = "Lake-DB"`, `TableName = "Orders"`, `Prefix = "/iceberg"`, `Columns = "id": each name once`,
		`Columns[2].Name = "When"`, `Columns[4].Type = ""`, `Columns[5].Type = "decimal(40,2)"`,
		`Partitioning[0].Column = "missing"`, "Partitioning[1].Transform = day of int column id: a date or timestamp column",
		"Partitioning[2].Transform = hour of date column d: a timestamp column", "Partitioning[3].Transform = bucket[0]: a bucket count",
		"Partitioning[4].Transform = truncate[3] of date column d", "Partitioning[5].Transform = none",
		`Partitioning (field names) = "d_hour": each name once`, `WriteOrder[0].Column = "nope"`,
		"Maintenance.Strategy = zorder: Binpack, Sort or ZOrder", "Maintenance.Compaction = false: no Strategy",
		"Maintenance.MinInputFiles = 0", "Maintenance.DeleteFileThreshold = -1", "Maintenance.SnapshotRetentionDays = 0",
		"Maintenance.SnapshotsToRetain = 2.5", "Maintenance.SnapshotRetention = false: no SnapshotRetentionDays",
		"Maintenance.OrphanFileDeletion = false: no OrphanFileRetentionDays")
	testkit.MustPanic(t, func() {
		stack := newStack()
		laketable.NewIceberg(stack, "T", &laketable.IcebergProps{
			DatabaseName: "db", TableName: "t", Bucket: securebucket.New(stack, "B", nil).Bucket, Prefix: "t/",
			Columns:     []laketable.Column{{Name: "id", Type: laketable.String}},
			Maintenance: &laketable.Maintenance{Strategy: laketable.ZOrder},
		})
	}, "Maintenance.Strategy = z-order: Binpack, or a WriteOrder")
}
