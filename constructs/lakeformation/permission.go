package lakeformation

import (
	"slices"
	"strings"
)

// Permission is a Lake Formation permission ("SELECT", "DESCRIBE", ...).
type Permission string

// The Lake Formation permissions. Which ones a resource accepts is in
// allowedPermissions (Lake Formation's "permissions per resource type").
const (
	All                Permission = "ALL"
	Alter              Permission = "ALTER"
	CreateTable        Permission = "CREATE_TABLE"
	Delete             Permission = "DELETE"
	Describe           Permission = "DESCRIBE"
	Drop               Permission = "DROP"
	Insert             Permission = "INSERT"
	Select             Permission = "SELECT"
	DataLocationAccess Permission = "DATA_LOCATION_ACCESS"
	Associate          Permission = "ASSOCIATE"
)

// resourceKind names what a grant is on, in the words of Lake Formation's
// permissions reference.
type resourceKind string

const (
	kindDatabase     resourceKind = "a database"
	kindTable        resourceKind = "a table"
	kindColumns      resourceKind = "a table with a column filter"
	kindFilter       resourceKind = "a data cells filter"
	kindTagDatabases resourceKind = "an LF-tag expression on databases"
	kindTagTables    resourceKind = "an LF-tag expression on tables"
	kindLocation     resourceKind = "a data location"
	kindTagValues    resourceKind = "LF-tag values"
	kindLink         resourceKind = "a resource link"
)

// allowedPermissions are the permissions Lake Formation accepts per kind of
// resource (AWS Lake Formation developer guide, "Lake Formation permissions
// reference", permissions per resource type).
var allowedPermissions = map[resourceKind][]Permission{
	kindDatabase:     {All, Alter, CreateTable, Describe, Drop},
	kindTable:        {All, Alter, Delete, Describe, Drop, Insert, Select},
	kindColumns:      {Select},
	kindFilter:       {Describe, Drop, Select},
	kindTagDatabases: {All, Alter, CreateTable, Describe, Drop},
	kindTagTables:    {All, Alter, Delete, Describe, Drop, Insert, Select},
	kindLocation:     {DataLocationAccess},
	kindTagValues:    {Associate, Describe},
	kindLink:         {Describe, Drop},
}

func allowedText(k resourceKind) string {
	s := make([]string, len(allowedPermissions[k]))
	for i, p := range allowedPermissions[k] {
		s[i] = string(p)
	}
	return strings.Join(s, ", ")
}

func permissionAllowed(k resourceKind, p Permission) bool {
	return slices.Contains(allowedPermissions[k], p)
}

func strs(ps []Permission) *[]*string {
	out := make([]*string, len(ps))
	for i := range ps {
		s := string(ps[i])
		out[i] = &s
	}
	return &out
}
