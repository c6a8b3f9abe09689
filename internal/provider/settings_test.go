package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	tfresource "github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/synerise-oss/terraform-provider-synerise/internal/settings"
)

// settingsCase exercises one settings resource. Values are the API's JSON field values.
type settingsCase struct {
	factory func() resource.Resource
	// first and second are two configurations of the resource's arguments.
	first, second string
	// applied holds values the API must show after first, and updated after second.
	applied, updated map[string]any
	// kept is set outside Terraform before the resource exists and left out of the configuration:
	// adopting the object must not reset it.
	kept map[string]any
	// drift changes a configured field outside Terraform; the next plan must put it back.
	drift map[string]any
	// invalid is a configuration refused at plan time with invalidErr.
	invalid, invalidErr string
}

var settingsCases = map[string]settingsCase{
	"synerise_ip_policy": {
		factory: NewIPPolicyResource,
		first:   `enabled = true` + "\n" + `ip_policy = ["203.0.113.7", "198.51.100.1"]`,
		second:  `enabled = true` + "\n" + `ip_policy = ["203.0.113.7"]`,
		applied: map[string]any{"enabled": true, "ipPolicy": []string{"198.51.100.1", "203.0.113.7"}},
		updated: map[string]any{"ipPolicy": []string{"203.0.113.7"}},
		kept:    map[string]any{"enableSupportSubnets": true},
		drift:   map[string]any{"ipPolicy": []string{"192.0.2.99"}},
		invalid: `ip_policy = ["10.0.0.0/8"]`, invalidErr: `must be an IPv4 address such as 203.0.113.7`,
	},
	"synerise_password_policy": {
		factory: NewPasswordPolicyResource,
		first:   "min_length = 12\nmax_length = 64\ndigits = 1",
		second:  "min_length = 14\nmax_length = 64\ndigits = 2",
		applied: map[string]any{"minLength": 12, "maxLength": 64, "digits": 1},
		updated: map[string]any{"minLength": 14, "digits": 2},
		kept:    map[string]any{"expiration": 90},
		drift:   map[string]any{"minLength": 6},
		invalid: "min_length = 20\nmax_length = 10", invalidErr: `min_length \(20\) must not exceed max_length \(10\)`,
	},
	"synerise_ban_settings": {
		factory: NewBanSettingsResource,
		first:   "blocking_for_client_enabled = true\nfirst_ban_threshold = 5\nfirst_ban_duration = 900",
		second:  "blocking_for_client_enabled = true\nfirst_ban_threshold = 3\nfirst_ban_duration = 900",
		applied: map[string]any{"blockingForClientEnabled": true, "firstBanThreshold": 5, "firstBanDuration": 900},
		updated: map[string]any{"firstBanThreshold": 3},
		kept:    map[string]any{"permanentBanThreshold": 50},
		drift:   map[string]any{"blockingForClientEnabled": false},
		invalid: "first_ban_duration = -1", invalidErr: `first_ban_duration value must be between 0 and 2147483647`,
	},
	"synerise_oauth_settings": {
		factory: NewOAuthSettingsResource,
		first:   `enabled = true` + "\n" + `mode = "SERVER"` + "\n" + `endpoint = "https://auth.example.com/verify"` + "\n" + `headers = { Authorization = "Bearer {{_snrs_access_token}}" }`,
		second:  `enabled = true` + "\n" + `mode = "SERVER"` + "\n" + `endpoint = "https://auth.example.com/v2/verify"` + "\n" + `headers = { Authorization = "Bearer {{_snrs_access_token}}" }`,
		applied: map[string]any{"enabled": true, "endpoint": "https://auth.example.com/verify", "headers": map[string]string{"Authorization": "Bearer {{_snrs_access_token}}"}},
		updated: map[string]any{"endpoint": "https://auth.example.com/v2/verify"},
		kept:    map[string]any{"name": "Corporate SSO", "syncDataOnLogin": true},
		drift:   map[string]any{"headers": map[string]string{}},
		invalid: `mode = "SAML"`, invalidErr: `value must be one of: \["SERVER" "JWT_TOKEN"\]`,
	},
	"synerise_general_settings": {
		factory: NewGeneralSettingsResource,
		first:   "token_lifetime_in_seconds = 1800",
		second:  "token_lifetime_in_seconds = 3600\nallow_email_change_from_web_form = true",
		applied: map[string]any{"tokenLifetimeInSeconds": 1800},
		updated: map[string]any{"tokenLifetimeInSeconds": 3600, "allowEmailChangeFromWebForm": true},
		kept:    map[string]any{"allowOverwriteExternalId": true},
		drift:   map[string]any{"tokenLifetimeInSeconds": 60},
		invalid: "token_lifetime_in_seconds = 2147483648", invalidErr: `value must be between 0 and 2147483647`,
	},
	"synerise_email_template_settings": {
		factory: NewEmailTemplateSettingsResource,
		first:   `change_request_mail_subject = "Confirm your new address"`,
		second:  `change_request_mail_subject = "Please confirm your new address"`,
		applied: map[string]any{"clientEmailChangeRequestMailSubject": "Confirm your new address"},
		updated: map[string]any{"clientEmailChangeRequestMailSubject": "Please confirm your new address"},
		kept:    map[string]any{"clientEmailChangeNotificationMailTemplateId": "tpl-42"},
		drift:   map[string]any{"clientEmailChangeRequestMailSubject": "changed in the app"},
		invalid: `change_request_mail_subject = 5 == 5 ? ["a"] : ["b"]`, invalidErr: `Inappropriate value for attribute`,
	},
	"synerise_device_control_settings": {
		factory: NewDeviceControlSettingsResource,
		first:   `device_control_mode = "SOFT"`,
		second:  `device_control_mode = "HARD"` + "\n" + `hard_mail_title = "Authorize this device"`,
		applied: map[string]any{"deviceControlMode": "SOFT"},
		updated: map[string]any{"deviceControlMode": "HARD", "hardMailTitle": "Authorize this device"},
		kept:    map[string]any{"softMailTitle": "New login"},
		drift:   map[string]any{"deviceControlMode": "OFF"},
		invalid: `device_unlock_success_redirect_url = "example.com/ok"`, invalidErr: `must be an absolute http\(s\) URL`,
	},
	"synerise_auth_settings": {
		factory: NewSyneriseAuthSettingsResource,
		first:   `enabled = true` + "\n" + `registration_type = "REQUIRE_EMAIL_CONFIRMATION"`,
		second:  `enabled = true` + "\n" + `registration_type = "REQUIRE_PIN_CONFIRMATION"` + "\n" + `pin_confirmation_length = 8`,
		applied: map[string]any{"enabled": true, "registrationType": "REQUIRE_EMAIL_CONFIRMATION"},
		updated: map[string]any{"registrationType": "REQUIRE_PIN_CONFIRMATION", "pinConfirmationLength": 8},
		kept:    map[string]any{"requireAtLeastOneNumber": true, "minLength": 10},
		drift:   map[string]any{"enabled": false},
		invalid: `registration_type = "MAGIC_LINK"`, invalidErr: `value must be one of`,
	},
	"synerise_google_sign_in": {
		factory: NewGoogleSignInResource,
		first:   "enabled = true", second: "enabled = false",
		applied: map[string]any{"enabled": true}, updated: map[string]any{"enabled": false},
		drift:   map[string]any{"enabled": true},
		invalid: `enabled = "maybe"`, invalidErr: `a bool is required`,
	},
	"synerise_facebook_sign_in": {
		factory: NewFacebookSignInResource,
		first:   "enabled = true", second: "enabled = false",
		applied: map[string]any{"enabled": true}, updated: map[string]any{"enabled": false},
		drift:   map[string]any{"enabled": true},
		invalid: `on_destroy = "forget"`, invalidErr: `value must be one of: \["restore" "reset" "retain"\]`,
	},
	"synerise_apple_sign_in": {
		factory: NewAppleSignInResource,
		first:   `enabled = true` + "\n" + `bundle = "com.example.app"`,
		second:  `enabled = true` + "\n" + `bundle = "com.example.shop"`,
		applied: map[string]any{"enabled": true, "bundle": "com.example.app"},
		updated: map[string]any{"bundle": "com.example.shop"},
		drift:   map[string]any{"bundle": "com.example.other"},
		invalid: `bundle = ["x"]`, invalidErr: `Inappropriate value for attribute "bundle"`,
	},
}

func TestAccSettingsResources(t *testing.T) {
	for typeName, tc := range settingsCases {
		t.Run(typeName, func(t *testing.T) {
			spec := specOf(t, tc.factory)
			w := newTestWorkspace(t)
			block := func(args string) string {
				return w.config(fmt.Sprintf("resource %q \"this\" {\n%s\n}\n", typeName, args))
			}
			address := typeName + ".this"
			w.patchSettings(t, spec, tc.kept)
			before := w.settingsObject(t, spec)
			tfresource.ParallelTest(t, tfresource.TestCase{
				ProtoV6ProviderFactories: testProtoV6ProviderFactories,
				// on_destroy = "restore" (the default) puts back the object as it was before Terraform managed it.
				CheckDestroy: w.expectSettings(spec, before),
				Steps: []tfresource.TestStep{
					{Config: block(tc.invalid), ExpectError: wrappedError(tc.invalidErr)},
					{
						Config: block(tc.first),
						Check:  tfresource.ComposeTestCheckFunc(w.expectSettings(spec, tc.applied), w.expectSettings(spec, tc.kept)),
					},
					{
						Config: block(tc.second),
						ConfigPlanChecks: tfresource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)},
						},
						Check: tfresource.ComposeTestCheckFunc(w.expectSettings(spec, tc.updated), w.expectSettings(spec, tc.kept)),
					},
					{ResourceName: address, ImportState: true, ImportStateId: spec.ID(), ImportStateVerify: true},
					{
						PreConfig: func() { w.patchSettings(t, spec, tc.drift) },
						Config:    block(tc.second),
						ConfigPlanChecks: tfresource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)},
						},
						Check: w.expectSettings(spec, tc.updated),
					},
				},
			})
		})
	}
}

func TestAccSettingsResource_retainOnDestroy(t *testing.T) {
	w := newTestWorkspace(t)
	spec := specOf(t, NewPasswordPolicyResource)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		CheckDestroy:             w.expectSettings(spec, map[string]any{"minLength": 12}),
		Steps: []tfresource.TestStep{
			{
				Config: w.config(`
resource "synerise_password_policy" "this" {
  min_length = 12
  on_destroy = "retain"
}`),
			},
			{ResourceName: "synerise_password_policy.this", ImportState: true, ImportStateId: "password-policy",
				ExpectError: wrappedError(`import it with the id "password_policy"`)},
		},
	})
}

// on_destroy = "reset" writes the defaults of a new workspace, whatever the object was before.
func TestAccSettingsResource_resetOnDestroy(t *testing.T) {
	w := newTestWorkspace(t)
	spec := specOf(t, NewPasswordPolicyResource)
	w.patchSettings(t, spec, map[string]any{"expiration": 90, "minLength": 10})
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		CheckDestroy:             w.expectSettings(spec, spec.defaults()),
		Steps: []tfresource.TestStep{{
			Config: w.config(`
resource "synerise_password_policy" "this" {
  min_length = 12
  on_destroy = "reset"
}`),
			Check: w.expectSettings(spec, map[string]any{"minLength": 12, "expiration": 90}),
		}},
	})
}

// An imported object is restored to what it was at import, not to the defaults.
func TestAccSettingsResource_restoreAfterImport(t *testing.T) {
	w := newTestWorkspace(t)
	spec := specOf(t, NewBanSettingsResource)
	w.patchSettings(t, spec, map[string]any{"blockingForClientEnabled": true, "firstBanThreshold": 7, "permanentBanThreshold": 40})
	atImport := w.settingsObject(t, spec)
	tfresource.ParallelTest(t, tfresource.TestCase{
		ProtoV6ProviderFactories: testProtoV6ProviderFactories,
		CheckDestroy:             w.expectSettings(spec, atImport),
		Steps: []tfresource.TestStep{
			{
				// The import block adopts the object; the configuration then changes it.
				Config: w.config(`
import {
  to = synerise_ban_settings.this
  id = "ban_settings"
}

resource "synerise_ban_settings" "this" {
  first_ban_threshold = 3
}`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("synerise_ban_settings.this", tfjsonpath.New("on_destroy"), knownvalue.StringExact("restore")),
				},
				Check: w.expectSettings(spec, map[string]any{"firstBanThreshold": 3, "permanentBanThreshold": 40}),
			},
		},
	})
}

// A state written before "restore" existed has no copy of the original object: destroying it writes
// the defaults and says so, rather than failing or leaving the settings as they are.
func TestSettingsResource_restoreWithoutACopyFallsBackToReset(t *testing.T) {
	r := &settingsResource{spec: specOf(t, NewPasswordPolicyResource)}
	var diags diag.Diagnostics
	object := r.objectToWriteOnDestroy(context.Background(), settings.Restore, privateDataOf(nil), &diags)
	if diags.HasError() || diags.WarningsCount() != 1 || !strings.Contains(diags[0].Detail(), "holds no copy") {
		t.Fatalf("want one warning that no copy was kept, got %v", diags)
	}
	if got, want := fmt.Sprint(object), fmt.Sprint(r.spec.defaults()); got != want {
		t.Errorf("wrote %s, want the defaults %s", got, want)
	}

	// With a copy, the copy is written, completed by defaults for the fields it lacks.
	diags = nil
	object = r.objectToWriteOnDestroy(context.Background(), settings.Restore, privateDataOf([]byte(`{"minLength": 10}`)), &diags)
	if len(diags) != 0 || fmt.Sprint(object["minLength"]) != "10" || fmt.Sprint(object["digits"]) != fmt.Sprint(r.spec.defaults()["digits"]) {
		t.Errorf("restored %v (%v), want minLength 10 and the default digits", object, diags)
	}
	if object := r.objectToWriteOnDestroy(context.Background(), settings.Retain, privateDataOf(nil), &diags); object != nil {
		t.Errorf("retain wrote %v", object)
	}
}

// privateDataOf holds one private-state entry, the original object.
type privateDataOf []byte

func (p privateDataOf) GetKey(_ context.Context, key string) ([]byte, diag.Diagnostics) {
	if key != originalKey {
		return nil, nil
	}
	return p, nil
}

func (p privateDataOf) SetKey(context.Context, string, []byte) diag.Diagnostics { return nil }

func specOf(t *testing.T, factory func() resource.Resource) settingsSpec {
	t.Helper()
	r, ok := factory().(*settingsResource)
	if !ok {
		t.Fatalf("%T is not a settings resource", factory())
	}
	return r.spec
}

// wrappedError matches pattern in a diagnostic that Terraform may have wrapped at any space.
func wrappedError(pattern string) *regexp.Regexp {
	return regexp.MustCompile(strings.ReplaceAll(pattern, " ", `\s+`))
}

// patchSettings changes fields of a settings object outside Terraform.
func (w *testWorkspace) patchSettings(t *testing.T, spec settingsSpec, fields map[string]any) {
	t.Helper()
	if len(fields) == 0 {
		return
	}
	ctx := context.Background()
	object, err := w.client.ReadSettings(ctx, spec.Path)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range fields {
		object[k] = v
	}
	if _, err := w.client.ReplaceSettings(ctx, spec.Path, object); err != nil {
		t.Fatal(err)
	}
}

// settingsObject reads the settings object as the API has it.
func (w *testWorkspace) settingsObject(t *testing.T, spec settingsSpec) map[string]any {
	t.Helper()
	object, err := w.client.ReadSettings(context.Background(), spec.Path)
	if err != nil {
		t.Fatal(err)
	}
	return object
}

// expectSettings compares fields of the API's object, as JSON, with want.
func (w *testWorkspace) expectSettings(spec settingsSpec, want map[string]any) tfresource.TestCheckFunc {
	return func(*terraform.State) error {
		object, err := w.client.ReadSettings(context.Background(), spec.Path)
		if err != nil {
			return err
		}
		for k, v := range want {
			got, _ := json.Marshal(object[k])
			expected, _ := json.Marshal(v)
			if string(got) != string(expected) {
				return fmt.Errorf("%s: the API has %s = %s, want %s", spec.Title, k, got, expected)
			}
		}
		return nil
	}
}
