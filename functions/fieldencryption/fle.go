package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/cdk-data-patterns/patterns/functions/internal/customresource"
)

// ContentType is the only body type CloudFront field-level encryption
// handles, and Format its format name in the API.
const (
	ContentType = "application/x-www-form-urlencoded"
	Format      = "URLEncoded"
)

// API is the part of the CloudFront API the handler uses (*Client).
type API interface {
	CreateProfile(ctx context.Context, cfg ProfileConfig) (string, error)
	GetProfile(ctx context.Context, id string) (string, error)
	DeleteProfile(ctx context.Context, id, etag string) error
	CreateConfig(ctx context.Context, cfg Config) (string, error)
	GetConfig(ctx context.Context, id string) (Config, string, error)
	DeleteConfig(ctx context.Context, id, etag string) error
}

// Run applies one request. A Delete whose properties do not parse still
// deletes by PhysicalResourceId: the properties are not needed for it.
func Run(ctx context.Context, api API, ev customresource.Event) (customresource.Response, error) {
	keep := customresource.Response{PhysicalResourceID: ev.PhysicalResourceID}
	if ev.RequestType == "Delete" {
		return keep, Remove(ctx, api, ev.PhysicalResourceID)
	}
	spec, err := ParseSpec(ev.ResourceProperties)
	if err != nil {
		return keep, err
	}
	if ev.RequestType == "Update" {
		old, oldErr := ParseSpec(ev.OldResourceProperties)
		if oldErr == nil && old.Hash() == spec.Hash() {
			cfg, _, err := api.GetConfig(ctx, ev.PhysicalResourceID)
			if err == nil {
				return answer(ev.PhysicalResourceID, profileIDs(cfg)), nil
			}
			if !notFound(err) {
				return keep, err
			}
			// Deleted outside CloudFormation: create it again.
		}
	}
	return Create(ctx, api, spec, ev.RequestID)
}

// Create makes the profile and the configuration; when the configuration
// fails the profile is deleted again.
func Create(ctx context.Context, api API, spec Spec, callerRef string) (customresource.Response, error) {
	if callerRef == "" {
		callerRef = spec.Hash()
	}
	profileID, err := api.CreateProfile(ctx, ProfileConfig{
		Name:            spec.ProfileName(),
		CallerReference: callerRef,
		Comment:         "Managed by CloudFormation (cdk-data-patterns fieldencryption)",
		EncryptionEntities: encryptionEntities{Quantity: 1, Items: []encryptionEntity{{
			PublicKeyID:   spec.PublicKeyID,
			ProviderID:    spec.ProviderID,
			FieldPatterns: fieldPatterns{Quantity: len(spec.FieldPatterns), Items: spec.FieldPatterns},
		}}},
	})
	if err != nil {
		return customresource.Response{}, fmt.Errorf("create profile %s: %w", spec.ProfileName(), err)
	}
	cfg := Config{
		CallerReference: callerRef,
		Comment:         "Managed by CloudFormation (cdk-data-patterns fieldencryption), profile " + spec.ProfileName(),
		ContentTypeProfileConfig: contentTypeProfileConfig{
			ForwardWhenContentTypeIsUnknown: spec.ForwardUnknownContentType,
			ContentTypeProfiles: contentTypeProfiles{Quantity: 1, Items: []contentTypeProfile{{
				Format: Format, ProfileID: profileID, ContentType: ContentType,
			}}},
		},
	}
	configID, err := api.CreateConfig(ctx, cfg)
	if err != nil {
		err = fmt.Errorf("create configuration for profile %s: %w", profileID, err)
		if cleanup := removeProfile(ctx, api, profileID); cleanup != nil {
			err = errors.Join(err, fmt.Errorf("and the new profile stays: %w", cleanup))
		}
		return customresource.Response{}, err
	}
	return answer(configID, []string{profileID}), nil
}

// Remove deletes the configuration, then its profiles, each with the ETag
// of a GET just before; what CloudFront does not know counts as deleted.
func Remove(ctx context.Context, api API, configID string) error {
	if configID == "" {
		return nil
	}
	cfg, etag, err := api.GetConfig(ctx, configID)
	if notFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("get configuration %s: %w", configID, err)
	}
	if err := api.DeleteConfig(ctx, configID, etag); err != nil && !notFound(err) {
		return fmt.Errorf("delete configuration %s: %w", configID, err)
	}
	var errs []error
	for _, id := range profileIDs(cfg) {
		errs = append(errs, removeProfile(ctx, api, id))
	}
	return errors.Join(errs...)
}

func removeProfile(ctx context.Context, api API, id string) error {
	etag, err := api.GetProfile(ctx, id)
	if notFound(err) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("get profile %s: %w", id, err)
	}
	if err := api.DeleteProfile(ctx, id, etag); err != nil && !notFound(err) {
		return fmt.Errorf("delete profile %s: %w", id, err)
	}
	return nil
}

func profileIDs(cfg Config) []string {
	var ids []string
	for _, p := range cfg.ContentTypeProfileConfig.ContentTypeProfiles.Items {
		if p.ProfileID != "" {
			ids = append(ids, p.ProfileID)
		}
	}
	return ids
}

func answer(configID string, profiles []string) customresource.Response {
	data := map[string]string{"ConfigId": configID}
	if len(profiles) > 0 {
		data["ProfileId"] = profiles[0]
	}
	return customresource.Response{PhysicalResourceID: configID, Data: data}
}
