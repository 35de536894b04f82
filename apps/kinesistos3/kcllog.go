package main

import (
	"fmt"
	"log/slog"

	kcllogger "github.com/vmware/vmware-go-kcl-v2/logger"
)

// kclLogger routes the KCL's printf-style logs into the JSON log.
type kclLogger struct{ l *slog.Logger }

func (k kclLogger) Debugf(f string, a ...any) { k.l.Debug(fmt.Sprintf(f, a...), "source", "kcl") }
func (k kclLogger) Infof(f string, a ...any)  { k.l.Info(fmt.Sprintf(f, a...), "source", "kcl") }
func (k kclLogger) Warnf(f string, a ...any)  { k.l.Warn(fmt.Sprintf(f, a...), "source", "kcl") }
func (k kclLogger) Errorf(f string, a ...any) { k.l.Error(fmt.Sprintf(f, a...), "source", "kcl") }

// Fatalf and Panicf are only used by the KCL for unusable configuration.
func (k kclLogger) Fatalf(f string, a ...any) { k.Panicf(f, a...) }
func (k kclLogger) Panicf(f string, a ...any) {
	msg := fmt.Sprintf(f, a...)
	k.l.Error(msg, "source", "kcl")
	panic(msg)
}

func (k kclLogger) WithFields(fields kcllogger.Fields) kcllogger.Logger {
	args := make([]any, 0, 2*len(fields))
	for key, v := range fields {
		args = append(args, key, v)
	}
	return kclLogger{k.l.With(args...)}
}
