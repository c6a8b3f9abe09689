package mockserver

import (
	"encoding/json"
	"net/http"
	"reflect"
	"testing"
)

// settingsDefaults are the documented defaults of every settings object (the project's notes on shapes).
var settingsDefaults = map[string]string{
	"/sauth/settings/ban": `{"blockingForClientEnabled":false,"firstBanCollectingTime":0,"firstBanDuration":0,"firstBanThreshold":0,
		"secondBanCollectingTime":0,"secondBanDuration":0,"secondBanThreshold":0,"permanentBanCollectingTime":0,"permanentBanDuration":0,"permanentBanThreshold":0}`,
	"/sauth/settings/templates": `{"clientEmailChangeRequestMailSubject":null,"clientEmailChangeRequestMailBody":null,"clientEmailChangeRequestMailTemplateId":null,
		"clientEmailChangeNotificationMailSubject":null,"clientEmailChangeNotificationMailBody":null,"clientEmailChangeNotificationMailTemplateId":null}`,
	"/sauth/settings/device-control": `{"deviceControlMode":"OFF","hardMailBody":null,"hardMailTitle":null,"hardTemplateId":null,"softMailBody":null,
		"softMailTitle":null,"softTemplateId":null,"deviceUnlockSuccessRedirectUrl":null,"deviceUnlockAlreadyConfirmedRedirectUrl":null}`,
	"/sauth/settings/general": `{"tokenLifetimeInSeconds":0,"voucherPoolUuid":null,"allowOverwriteCustomIdentify":false,"allowOverwriteExternalId":false,
		"allowEmailChangeFromWebForm":false,"allowToPassCustomIdentifyWithVoucherPool":false}`,
	"/sauth/settings/oauth": `{"enabled":false,"mode":"SERVER","name":null,"endpoint":null,"headers":{},"mapping":{},"mappedExternal":false,
		"syncDataOnLogin":false,"jwkEndpoint":null,"validation":{}}`,
	"/sauth/settings/synerise-auth": `{"enabled":false,"registrationType":"AUTOMATIC","pinConfirmationType":"EVERYONE","pinConfirmationLength":6,
		"pinConfirmationValidInSeconds":300,"allowPinResendFromDifferentDeviceId":false,"confirmationRedirectLink":null,"confirmationMailSubject":null,
		"confirmationMailBody":null,"confirmationMailTemplateId":null,"passwordResetMailTemplateId":null,"passwordResetMailSubject":null,
		"passwordResetMailBody":null,"pinConfirmationMailSubject":null,"pinConfirmationMailBody":null,"pinConfirmationMailTemplateId":null,
		"maxLength":0,"minLength":0,"requireAtLeastOneLowercaseLetter":false,"requireAtLeastOneNonAlphaNumericCharacter":false,
		"requireAtLeastOneNumber":false,"requireAtLeastOneUppercaseLetter":false}`,
	"/sauth/settings/oauth/facebook":    `{"enabled":false}`,
	"/sauth/settings/oauth/google":      `{"enabled":false}`,
	"/sauth/settings/oauth/apple":       `{"enabled":false,"bundle":null}`,
	"/uauth/settings/user-bp-ip-policy": `{"enabled":false,"enableSupportSubnets":false,"ipPolicy":[]}`,
	"/uauth/settings/password-policy": `{"attempts":0,"block":0,"different":0,"digits":0,"expiration":0,"lowerLetters":0,"maxIdleTime":0,
		"maxLength":0,"minLength":0,"nextChange":0,"specialChars":0,"upperLetters":0}`,
}

func jsonValue(t *testing.T, data string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(data), &v); err != nil {
		t.Fatalf("%s: %v", data, err)
	}
	return v
}

func TestSettingsStartAtTheirDefaults(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	for path, want := range settingsDefaults {
		res := api.expect(http.MethodGet, path, nil, http.StatusOK, nil)
		if got := jsonValue(t, string(res.body)); !reflect.DeepEqual(got, jsonValue(t, want)) {
			t.Errorf("GET %s: %s, want %s", path, res.body, want)
		}
	}
}

func TestSettingsPostReplacesTheWholeObject(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	full := `{"blockingForClientEnabled":true,"firstBanCollectingTime":60,"firstBanDuration":300,"firstBanThreshold":5,
		"secondBanCollectingTime":600,"secondBanDuration":3600,"secondBanThreshold":10,"permanentBanCollectingTime":86400,
		"permanentBanDuration":604800,"permanentBanThreshold":50}`
	res := api.expect(http.MethodPost, "/sauth/settings/ban", full, http.StatusOK, nil)
	if !reflect.DeepEqual(jsonValue(t, string(res.body)), jsonValue(t, full)) {
		t.Errorf("POST answered %s", res.body)
	}
	res = api.expect(http.MethodPost, "/sauth/settings/ban", `{"firstBanThreshold":7}`, http.StatusOK, nil)
	want := `{"blockingForClientEnabled":false,"firstBanCollectingTime":0,"firstBanDuration":0,"firstBanThreshold":7,
		"secondBanCollectingTime":0,"secondBanDuration":0,"secondBanThreshold":0,"permanentBanCollectingTime":0,"permanentBanDuration":0,"permanentBanThreshold":0}`
	if !reflect.DeepEqual(jsonValue(t, string(res.body)), jsonValue(t, want)) {
		t.Errorf("a partial POST answered %s, want the omitted fields reset: %s", res.body, want)
	}
	res = api.expect(http.MethodGet, "/sauth/settings/ban", nil, http.StatusOK, nil)
	if !reflect.DeepEqual(jsonValue(t, string(res.body)), jsonValue(t, want)) {
		t.Errorf("GET after the partial POST: %s", res.body)
	}

	// Non-zero defaults come back too, and maps sent as null are empty.
	api.expect(http.MethodPost, "/sauth/settings/oauth", `{"enabled":true,"mode":"JWT_TOKEN","headers":{"X-A":"b"},"jwkEndpoint":"https://id.example.com/jwk"}`, http.StatusOK, nil)
	res = api.expect(http.MethodPost, "/sauth/settings/oauth", `{"enabled":true}`, http.StatusOK, nil)
	var oauth map[string]any
	res.decode(t, &oauth)
	if oauth["mode"] != "SERVER" || oauth["jwkEndpoint"] != nil || !reflect.DeepEqual(oauth["headers"], map[string]any{}) {
		t.Errorf("oauth after a partial POST: %s", res.body)
	}
	res = api.expect(http.MethodPost, "/sauth/settings/synerise-auth", `{"enabled":true,"registrationType":"REQUIRE_ACTIVATION","pinConfirmationLength":8}`, http.StatusOK, nil)
	api.expect(http.MethodPost, "/sauth/settings/synerise-auth", `{"enabled":false,"registrationType":"AUTOMATIC"}`, http.StatusOK, &oauth)
	if oauth["pinConfirmationLength"] != 6.0 || oauth["pinConfirmationValidInSeconds"] != 300.0 {
		t.Errorf("synerise-auth after a partial POST: %v (first answer %s)", oauth, res.body)
	}
}

func TestPasswordPolicyValidation(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	api.expect(http.MethodPost, "/uauth/settings/password-policy", `{"minLength":12,"maxLength":64,"digits":1}`, http.StatusOK, nil)
	for _, body := range []string{`{"minLength":-1}`, `{"attempts":-3}`, `{"minLength":20,"maxLength":10}`} {
		api.expectError(http.MethodPost, "/uauth/settings/password-policy", body, http.StatusBadRequest)
	}
	// A maximum of 0 disables the bound.
	api.expect(http.MethodPost, "/uauth/settings/password-policy", `{"minLength":20,"maxLength":0}`, http.StatusOK, nil)
	var policy map[string]any
	api.expect(http.MethodGet, "/uauth/users/my-account/strongest-password-settings", nil, http.StatusOK, &policy)
	if policy["minLength"] != 20.0 || policy["digits"] != 0.0 {
		t.Errorf("strongest policy %v", policy)
	}
}

func TestIPPolicyValidation(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	var policy struct {
		Enabled  bool     `json:"enabled"`
		IPPolicy []string `json:"ipPolicy"`
	}
	api.expect(http.MethodPost, "/uauth/settings/user-bp-ip-policy", `{"enabled":true,"ipPolicy":["10.0.0.1","192.168.0.7"]}`, http.StatusOK, &policy)
	if !policy.Enabled || len(policy.IPPolicy) != 2 || policy.IPPolicy[1] != "192.168.0.7" {
		t.Errorf("policy %+v", policy)
	}
	// The reference allows IPv4 addresses: no ranges, no IPv6, no other spellings of an address.
	for _, entry := range []string{"192.168.0.0/24", "10.0.0.256", "::1", "2001:db8::/32", "example.com", "10.0.0.0/33", "010.0.0.1", ""} {
		api.expectError(http.MethodPost, "/uauth/settings/user-bp-ip-policy", map[string]any{"ipPolicy": []string{entry}}, http.StatusBadRequest)
	}
	api.expect(http.MethodGet, "/uauth/settings/user-bp-ip-policy", nil, http.StatusOK, &policy)
	if len(policy.IPPolicy) != 2 {
		t.Errorf("a refused policy replaced the stored one: %+v", policy)
	}
}

func TestMFARequirement(t *testing.T) {
	t.Parallel()
	api := newTestAPI(t)
	api.expect(http.MethodPost, "/uauth/business-profile/mfa/requirements", nil, http.StatusOK, nil)
	if !api.mock.Snapshot().MFARequired {
		t.Error("MFA not required after POST")
	}
	api.expect(http.MethodDelete, "/uauth/business-profile/mfa/requirements", nil, http.StatusOK, nil)
	if api.mock.Snapshot().MFARequired {
		t.Error("MFA still required after DELETE")
	}
}
