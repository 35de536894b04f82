package schemaconversion

import (
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdms"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// provider creates the data provider of d: the engine's settings block
// (MySqlSettings for MySQL and Aurora MySQL, PostgreSqlSettings for
// PostgreSQL and Aurora PostgreSQL, OracleSettings, MicrosoftSqlServerSettings,
// RedshiftSettings), SSL mode require unless given.
func provider(c constructs.Construct, id, role string, d DataProvider) awsdms.CfnDataProvider {
	ssl := jsii.String(SSLRequire)
	if d.SslMode != "" {
		ssl = jsii.String(d.SslMode)
	}
	port := jsii.Number(d.Port)
	db := jsii.String(d.DatabaseName)
	settings := &awsdms.CfnDataProvider_SettingsProperty{}
	switch d.Engine {
	case MySQL, AuroraMySQL:
		settings.MySqlSettings = &awsdms.CfnDataProvider_MySqlSettingsProperty{
			ServerName: d.ServerName, Port: port, SslMode: ssl, CertificateArn: d.CertificateArn,
		}
	case PostgreSQL, AuroraPostgreSQL:
		settings.PostgreSqlSettings = &awsdms.CfnDataProvider_PostgreSqlSettingsProperty{
			ServerName: d.ServerName, Port: port, DatabaseName: db, SslMode: ssl, CertificateArn: d.CertificateArn,
		}
	case Oracle:
		settings.OracleSettings = &awsdms.CfnDataProvider_OracleSettingsProperty{
			ServerName: d.ServerName, Port: port, DatabaseName: db, SslMode: ssl, CertificateArn: d.CertificateArn,
		}
	case SQLServer:
		settings.MicrosoftSqlServerSettings = &awsdms.CfnDataProvider_MicrosoftSqlServerSettingsProperty{
			ServerName: d.ServerName, Port: port, DatabaseName: db, SslMode: ssl, CertificateArn: d.CertificateArn,
		}
	case Redshift:
		settings.RedshiftSettings = &awsdms.CfnDataProvider_RedshiftSettingsProperty{
			ServerName: d.ServerName, Port: port, DatabaseName: db,
		}
	}
	return awsdms.NewCfnDataProvider(c, jsii.String(id), &awsdms.CfnDataProviderProps{
		Engine:      jsii.String(string(d.Engine)),
		Description: jsii.String(role + "-" + string(d.Engine)),
		Settings:    settings,
	})
}
