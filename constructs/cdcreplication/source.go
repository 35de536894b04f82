package cdcreplication

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsrds"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// SourceParameters are the MySQL settings DMS needs to read changes from
// the binary log (row-based logging of full row images, no binlog checksum,
// which DMS before 3.4.7 cannot read), and TLS-only connections, which the
// source endpoint uses (SslMode require; Control Tower CT.RDS.PR.28).
var SourceParameters = map[string]string{
	"binlog_format":            "ROW",
	"binlog_row_image":         "FULL",
	"binlog_checksum":          "NONE",
	"require_secure_transport": "true",
}

// NewSourceParameterGroup is a DB parameter group for an RDS MySQL source
// (family such as "mysql8.0"). Attach it to the instance and reboot it; then
// keep the binary logs long enough for DMS to catch up after a stop:
//
//	call mysql.rds_set_configuration('binlog retention hours', 24);
//
// and create the DMS user:
//
//	CREATE USER 'dms_reader'@'%' IDENTIFIED BY '<the secret's password>';
//	GRANT REPLICATION CLIENT, REPLICATION SLAVE ON *.* TO 'dms_reader'@'%';
//	GRANT SELECT ON plm_db.* TO 'dms_reader'@'%';
//
// Automated backups must be on (RDS writes binary logs only then).
func NewSourceParameterGroup(scope constructs.Construct, id string, family string) awsrds.CfnDBParameterGroup {
	params := map[string]any{}
	for k, v := range SourceParameters {
		params[k] = v
	}
	return awsrds.NewCfnDBParameterGroup(scope, jsii.String(id), &awsrds.CfnDBParameterGroupProps{
		Family:      jsii.String(family),
		Description: jsii.String("MySQL for DMS change data capture: binlog_format ROW, binlog_row_image FULL, binlog_checksum NONE, TLS only"),
		Parameters:  params,
	})
}
