//go:build !unix

package runtimeapi

import (
	"os"
	"time"
)

func maxRSS(*os.ProcessState) int64 { return 0 }

func selfCPU() time.Duration { return 0 }

func hwm(int) int64 { return 0 }
