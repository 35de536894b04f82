package piidiscovery

import (
	"strconv"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/cdk-data-patterns/patterns/constructs/athena"
	"github.com/cdk-data-patterns/patterns/constructs/lakeformation"
)

// access registers the curated prefix with Lake Formation and grants:
// analysts SELECT on the columns that never held personal data (named one
// by one, so a column added later stays hidden until granted), data
// scientists SELECT on the whole table (replaced values included), both
// DESCRIBE on the database and the Athena workgroup.
func (d *PiiDiscovery) access(p *Props) {
	for _, c := range p.Columns {
		if c.Handling == Keep {
			d.AnalystColumns = append(d.AnalystColumns, c.Name)
		} else {
			d.SensitiveColumns = append(d.SensitiveColumns, c.Name)
		}
	}
	d.AnalystColumns = append(d.AnalystColumns, "pii_types", "dt")

	// Lake Formation reads the location for the engines it vends
	// credentials to; the job writes with its own IAM grants, so the
	// registration is read-only.
	d.Location = lakeformation.NewLocation(d.Construct, "Location", &lakeformation.LocationProps{
		Bucket: d.CuratedBucket, Prefix: d.CuratedPrefix, ReadOnly: jsii.Bool(true), Settings: p.LakeSettings,
	})
	if p.CuratedBucket != nil {
		// The objects are encrypted with the job's key, whatever the
		// bucket's default key is.
		d.Key.GrantDecrypt(d.Location.Role)
	}

	cutoff := p.BytesScannedCutoffPerQuery
	if cutoff == nil {
		cutoff = jsii.Number(DefaultBytesScannedCutoff)
	}
	d.WorkGroup = athena.New(d.Construct, "WorkGroup", &athena.Props{
		BytesScannedCutoffPerQuery: cutoff,
		EncryptionKey:              d.Key,
		AlarmTopic:                 d.AlarmTopic,
		Description:                jsii.String("Queries of the curated device records of " + *d.Node().Path()),
	})

	d.Analysts = p.Analysts
	if d.Analysts == nil {
		d.Analysts = []awsiam.IRole{d.newRole("Analyst", "Analyst of "+*d.Node().Path()+": curated columns without personal data")}
	}
	d.DataScientists = p.DataScientists
	if d.DataScientists == nil {
		d.DataScientists = []awsiam.IRole{d.newRole("DataScientist", "Data scientist of "+*d.Node().Path()+": every curated column, personal data masked or hashed")}
	}
	describe := []lakeformation.Permission{lakeformation.Describe}
	deps := []constructs.IDependable{d.Database, d.Table.Table, d.Location.Resource}
	grant := func(id string, role awsiam.IRole, r lakeformation.Resource, perms []lakeformation.Permission) {
		d.Grants = append(d.Grants, lakeformation.NewGrant(d.Construct, id, &lakeformation.GrantProps{
			Principal: *role.RoleArn(), Resource: r, Permissions: perms, DependsOn: deps, Settings: p.LakeSettings,
		}))
	}
	// Lake Formation decides on the data; IAM must still let the roles ask
	// the catalog and Lake Formation for it, and run the workgroup.
	query := func(role awsiam.IRole) {
		lakeformation.GrantQuery(d.Construct, role, d.DatabaseName)
		d.WorkGroup.GrantQuery(role)
	}
	for i, role := range d.Analysts {
		id := "Analyst" + suffix(i)
		query(role)
		grant(id+"Database", role, lakeformation.Database{Name: d.DatabaseName}, describe)
		grant(id+"Columns", role, lakeformation.Columns{Database: d.DatabaseName, Table: d.TableName, Include: d.AnalystColumns},
			[]lakeformation.Permission{lakeformation.Select})
	}
	for i, role := range d.DataScientists {
		id := "DataScientist" + suffix(i)
		query(role)
		grant(id+"Database", role, lakeformation.Database{Name: d.DatabaseName}, describe)
		grant(id+"Table", role, lakeformation.Table{Database: d.DatabaseName, Name: d.TableName},
			[]lakeformation.Permission{lakeformation.Select, lakeformation.Describe})
	}
}

// newRole is a role the principals of this account may assume (when their
// own policies allow sts:AssumeRole on it).
func (d *PiiDiscovery) newRole(id, description string) awsiam.IRole {
	return awsiam.NewRole(d.Construct, jsii.String(id), &awsiam.RoleProps{
		AssumedBy:   awsiam.NewAccountPrincipal(awscdk.Stack_Of(d.Construct).Account()),
		Description: jsii.String(description),
	})
}

func suffix(i int) string {
	if i == 0 {
		return ""
	}
	return strconv.Itoa(i + 1)
}
