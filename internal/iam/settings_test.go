package iam

import (
	"context"
	"reflect"
	"strings"
	"testing"
)

// settingsCase checks one settings object: a GET decoded into want, then a POST of in whose body must be
// sentBody (every field, explicit nulls included) and whose answer is decoded again into want, unless
// the reference gives the POST's success no body (sparse): then set returns nothing and reads nothing.
type settingsCase struct {
	path     string
	answer   string
	want     any
	sentBody string
	sparse   bool
	get      func(context.Context, *Client) (any, error)
	set      func(context.Context, *Client) (any, error)
}

// deref lets the table compare the values behind the typed pointers the methods return.
func deref[T any](p *T, err error) (any, error) {
	if p == nil {
		return nil, err
	}
	return *p, err
}

func TestSettingsGetAndSet(t *testing.T) {
	t.Parallel()
	tests := map[string]settingsCase{
		"ban": {
			path:   "/sauth/settings/ban",
			answer: `{"blockingForClientEnabled": true, "firstBanCollectingTime": 60, "firstBanDuration": 300, "firstBanThreshold": 3, "secondBanCollectingTime": 0, "secondBanDuration": 0, "secondBanThreshold": 0, "permanentBanCollectingTime": 0, "permanentBanDuration": 0, "permanentBanThreshold": 10, "businessProfileId": 5}`,
			want:   BanSettings{BlockingForClientEnabled: true, FirstBanCollectingTime: 60, FirstBanDuration: 300, FirstBanThreshold: 3, PermanentBanThreshold: 10},
			sentBody: `{"blockingForClientEnabled": false, "firstBanCollectingTime": 0, "firstBanDuration": 0, "firstBanThreshold": 0,
				"secondBanCollectingTime": 0, "secondBanDuration": 0, "secondBanThreshold": 0,
				"permanentBanCollectingTime": 0, "permanentBanDuration": 0, "permanentBanThreshold": 10}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetBanSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetBanSettings(ctx, BanSettings{PermanentBanThreshold: 10}))
			},
		},
		"templates": {
			path:   "/sauth/settings/templates",
			answer: `{"clientEmailChangeRequestMailSubject": "Confirm", "clientEmailChangeRequestMailBody": null, "clientEmailChangeRequestMailTemplateId": "tpl-1", "clientEmailChangeNotificationMailSubject": null, "clientEmailChangeNotificationMailBody": null, "clientEmailChangeNotificationMailTemplateId": null}`,
			want:   TemplateSettings{ClientEmailChangeRequestMailSubject: ptrTo("Confirm"), ClientEmailChangeRequestMailTemplateID: ptrTo("tpl-1")},
			sentBody: `{"clientEmailChangeRequestMailSubject": "Confirm", "clientEmailChangeRequestMailBody": "",
				"clientEmailChangeRequestMailTemplateId": "tpl-1", "clientEmailChangeNotificationMailSubject": null,
				"clientEmailChangeNotificationMailBody": null, "clientEmailChangeNotificationMailTemplateId": null}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetTemplateSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetTemplateSettings(ctx, TemplateSettings{
					ClientEmailChangeRequestMailSubject: ptrTo("Confirm"), ClientEmailChangeRequestMailBody: ptrTo(""),
					ClientEmailChangeRequestMailTemplateID: ptrTo("tpl-1"),
				}))
			},
		},
		"device control": {
			path:   "/sauth/settings/device-control",
			answer: `{"deviceControlMode": "HARD", "hardMailBody": null, "hardMailTitle": "New device", "hardTemplateId": null, "softMailBody": null, "softMailTitle": null, "softTemplateId": null, "deviceUnlockSuccessRedirectUrl": "https://example.com/ok", "deviceUnlockAlreadyConfirmedRedirectUrl": null}`,
			want:   DeviceControlSettings{DeviceControlMode: "HARD", HardMailTitle: ptrTo("New device"), DeviceUnlockSuccessRedirectURL: ptrTo("https://example.com/ok")},
			sentBody: `{"deviceControlMode": "HARD", "hardMailBody": null, "hardMailTitle": "New device", "hardTemplateId": null,
				"softMailBody": null, "softMailTitle": null, "softTemplateId": null,
				"deviceUnlockSuccessRedirectUrl": "https://example.com/ok", "deviceUnlockAlreadyConfirmedRedirectUrl": null}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetDeviceControlSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetDeviceControlSettings(ctx, DeviceControlSettings{
					DeviceControlMode: "HARD", HardMailTitle: ptrTo("New device"), DeviceUnlockSuccessRedirectURL: ptrTo("https://example.com/ok"),
				}))
			},
		},
		"general": {
			path:   "/sauth/settings/general",
			answer: `{"tokenLifetimeInSeconds": 3600, "voucherPoolUuid": null, "allowOverwriteCustomIdentify": false, "allowOverwriteExternalId": true, "allowEmailChangeFromWebForm": false, "allowToPassCustomIdentifyWithVoucherPool": false}`,
			want:   GeneralSettings{TokenLifetimeInSeconds: 3600, AllowOverwriteExternalID: true},
			sentBody: `{"tokenLifetimeInSeconds": 3600, "voucherPoolUuid": null, "allowOverwriteCustomIdentify": false,
				"allowOverwriteExternalId": true, "allowEmailChangeFromWebForm": false, "allowToPassCustomIdentifyWithVoucherPool": false}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetGeneralSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetGeneralSettings(ctx, GeneralSettings{TokenLifetimeInSeconds: 3600, AllowOverwriteExternalID: true}))
			},
		},
		"oauth": {
			path:   "/sauth/settings/oauth",
			answer: `{"enabled": true, "mode": "JWT_TOKEN", "name": "idp", "endpoint": null, "headers": {}, "mapping": {"accessToken": "token"}, "mappedExternal": true, "syncDataOnLogin": false, "jwkEndpoint": "https://idp.example.com/jwks", "validation": {}}`,
			want: OAuthSettings{
				Enabled: true, Mode: "JWT_TOKEN", Name: ptrTo("idp"), Headers: map[string]string{}, Mapping: map[string]string{"accessToken": "token"},
				MappedExternal: true, JwkEndpoint: ptrTo("https://idp.example.com/jwks"), Validation: map[string]string{},
			},
			sentBody: `{"enabled": true, "mode": "JWT_TOKEN", "name": "idp", "endpoint": null, "headers": {},
				"mapping": {"accessToken": "token"}, "mappedExternal": true, "syncDataOnLogin": false,
				"jwkEndpoint": "https://idp.example.com/jwks", "validation": {}}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetOAuthSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetOAuthSettings(ctx, OAuthSettings{
					Enabled: true, Mode: "JWT_TOKEN", Name: ptrTo("idp"), Mapping: map[string]string{"accessToken": "token"},
					MappedExternal: true, JwkEndpoint: ptrTo("https://idp.example.com/jwks"),
				}))
			},
		},
		"synerise auth": {
			path: "/sauth/settings/synerise-auth",
			answer: `{"enabled": true, "registrationType": "REQUIRE_PIN_CONFIRMATION", "pinConfirmationType": "EVERYONE", "pinConfirmationLength": 6,
				"pinConfirmationValidInSeconds": 300, "allowPinResendFromDifferentDeviceId": false, "confirmationRedirectLink": null,
				"confirmationMailSubject": null, "confirmationMailBody": null, "confirmationMailTemplateId": null, "passwordResetMailTemplateId": null,
				"passwordResetMailSubject": null, "passwordResetMailBody": null, "pinConfirmationMailSubject": "Your PIN",
				"pinConfirmationMailBody": "{{ pin_code }}", "pinConfirmationMailTemplateId": null, "maxLength": 0, "minLength": 8,
				"requireAtLeastOneLowercaseLetter": false, "requireAtLeastOneNonAlphaNumericCharacter": false, "requireAtLeastOneNumber": true,
				"requireAtLeastOneUppercaseLetter": false}`,
			want: SyneriseAuthSettings{
				Enabled: true, RegistrationType: "REQUIRE_PIN_CONFIRMATION", PinConfirmationType: "EVERYONE", PinConfirmationLength: 6,
				PinConfirmationValidInSeconds: 300, PinConfirmationMailSubject: ptrTo("Your PIN"), PinConfirmationMailBody: ptrTo("{{ pin_code }}"),
				MinLength: 8, RequireAtLeastOneNumber: true,
			},
			sentBody: `{"enabled": true, "registrationType": "REQUIRE_PIN_CONFIRMATION", "pinConfirmationType": "EVERYONE", "pinConfirmationLength": 6,
				"pinConfirmationValidInSeconds": 300, "allowPinResendFromDifferentDeviceId": false, "confirmationRedirectLink": null,
				"confirmationMailSubject": null, "confirmationMailBody": null, "confirmationMailTemplateId": null, "passwordResetMailTemplateId": null,
				"passwordResetMailSubject": null, "passwordResetMailBody": null, "pinConfirmationMailSubject": "Your PIN",
				"pinConfirmationMailBody": "{{ pin_code }}", "pinConfirmationMailTemplateId": null, "maxLength": 0, "minLength": 8,
				"requireAtLeastOneLowercaseLetter": false, "requireAtLeastOneNonAlphaNumericCharacter": false, "requireAtLeastOneNumber": true,
				"requireAtLeastOneUppercaseLetter": false}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetSyneriseAuthSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetSyneriseAuthSettings(ctx, SyneriseAuthSettings{
					Enabled: true, RegistrationType: "REQUIRE_PIN_CONFIRMATION", PinConfirmationType: "EVERYONE", PinConfirmationLength: 6,
					PinConfirmationValidInSeconds: 300, PinConfirmationMailSubject: ptrTo("Your PIN"), PinConfirmationMailBody: ptrTo("{{ pin_code }}"),
					MinLength: 8, RequireAtLeastOneNumber: true,
				}))
			},
		},
		"facebook": {
			path: "/sauth/settings/oauth/facebook", answer: `{"enabled": false}`, want: FacebookOAuthSettings{}, sentBody: `{"enabled": false}`, sparse: true,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetFacebookOAuthSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.SetFacebookOAuthSettings(ctx, FacebookOAuthSettings{})
			},
		},
		"google": {
			path: "/sauth/settings/oauth/google", answer: `{"enabled": true, "clientId": "ignored"}`, want: GoogleOAuthSettings{Enabled: true}, sentBody: `{"enabled": true}`, sparse: true,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetGoogleOAuthSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return nil, c.SetGoogleOAuthSettings(ctx, GoogleOAuthSettings{Enabled: true})
			},
		},
		"apple": {
			path: "/sauth/settings/oauth/apple", answer: `{"enabled": false, "bundle": null}`, want: AppleOAuthSettings{}, sentBody: `{"enabled": false, "bundle": null}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetAppleOAuthSettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetAppleOAuthSettings(ctx, AppleOAuthSettings{}))
			},
		},
		"ip policy": {
			path: "/uauth/settings/user-bp-ip-policy", answer: `{"enabled": false, "enableSupportSubnets": false, "ipPolicy": []}`,
			want: IPPolicySettings{IPPolicy: []string{}}, sentBody: `{"enabled": false, "enableSupportSubnets": false, "ipPolicy": []}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetIPPolicySettings(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetIPPolicySettings(ctx, IPPolicySettings{}))
			},
		},
		"password policy": {
			path: "/uauth/settings/password-policy",
			answer: `{"attempts": 5, "block": 0, "different": 3, "digits": 1, "expiration": 90, "lowerLetters": 1, "maxIdleTime": 1800,
				"maxLength": 0, "minLength": 12, "nextChange": 0, "specialChars": 1, "upperLetters": 1}`,
			want: PasswordPolicy{Attempts: 5, Different: 3, Digits: 1, Expiration: 90, LowerLetters: 1, MaxIdleTime: 1800, MinLength: 12, SpecialChars: 1, UpperLetters: 1},
			sentBody: `{"attempts": 5, "block": 0, "different": 3, "digits": 1, "expiration": 90, "lowerLetters": 1, "maxIdleTime": 1800,
				"maxLength": 0, "minLength": 12, "nextChange": 0, "specialChars": 1, "upperLetters": 1}`,
			get: func(ctx context.Context, c *Client) (any, error) { return deref(c.GetPasswordPolicy(ctx)) },
			set: func(ctx context.Context, c *Client) (any, error) {
				return deref(c.SetPasswordPolicy(ctx, PasswordPolicy{
					Attempts: 5, Different: 3, Digits: 1, Expiration: 90, LowerLetters: 1, MaxIdleTime: 1800, MinLength: 12, SpecialChars: 1, UpperLetters: 1,
				}))
			},
		},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := scriptedClient(t,
				exchange{method: "GET", path: tt.path, answer: tt.answer},
				exchange{method: "POST", path: tt.path, body: tt.sentBody, answer: tt.answer},
			)
			ctx := context.Background()
			got, err := tt.get(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("get =\n%+v\nwant\n%+v", got, tt.want)
			}
			if got, err = tt.set(ctx, c); err != nil {
				t.Fatal(err)
			}
			if !tt.sparse && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("set answered\n%+v\nwant\n%+v", got, tt.want)
			}
		})
	}
}

func TestSettingsSendNullsAndEmptyCollections(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "POST", path: "/sauth/settings/oauth",
			body: `{"enabled": false, "mode": "SERVER", "name": null, "endpoint": null, "headers": {}, "mapping": {},
				"mappedExternal": false, "syncDataOnLogin": false, "jwkEndpoint": null, "validation": {}}`,
			answer: `{"enabled": false, "mode": "SERVER", "name": null, "endpoint": null, "headers": null, "mapping": null, "mappedExternal": false, "syncDataOnLogin": false, "jwkEndpoint": null, "validation": null}`},
		exchange{method: "POST", path: "/sauth/settings/general",
			body:   `{"tokenLifetimeInSeconds": 0, "voucherPoolUuid": null, "allowOverwriteCustomIdentify": false, "allowOverwriteExternalId": false, "allowEmailChangeFromWebForm": false, "allowToPassCustomIdentifyWithVoucherPool": false}`,
			answer: `{"tokenLifetimeInSeconds": 0}`},
	)
	ctx := context.Background()
	got, err := c.SetOAuthSettings(ctx, OAuthSettings{Mode: "SERVER"})
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != nil || got.Headers != nil {
		t.Errorf("oauth = %+v", got)
	}
	if _, err := c.SetGeneralSettings(ctx, GeneralSettings{}); err != nil {
		t.Fatal(err)
	}
}

func TestSettingsErrors(t *testing.T) {
	t.Parallel()
	c := scriptedClient(t,
		exchange{method: "GET", path: "/sauth/settings/ban", status: 502, contentType: "text/html", answer: "<html><body>Bad Gateway</body></html>"},
		exchange{method: "GET", path: "/uauth/settings/password-policy", answer: `{"attempts": "five"}`},
		exchange{method: "POST", path: "/uauth/settings/password-policy",
			body:   `{"attempts": 0, "block": 0, "different": 0, "digits": 0, "expiration": 0, "lowerLetters": 0, "maxIdleTime": 0, "maxLength": 4, "minLength": 8, "nextChange": 0, "specialChars": 0, "upperLetters": 0}`,
			status: 400, answer: `{"status":400,"error":"Bad Request","message":"minLength must not exceed maxLength"}`},
		exchange{method: "GET", path: "/sauth/settings/templates", status: 404,
			answer: `{"timestamp":"2026-11-25T10:00:00Z","status":404,"error":"Not Found","message":"No endpoint GET /sauth/settings/templates","path":"/sauth/settings/templates"}`},
	)
	ctx := context.Background()
	if _, err := c.GetBanSettings(ctx); err == nil || !strings.Contains(err.Error(), "GET /sauth/settings/ban: the API answered 502 Bad Gateway: unexpected HTML or XML body") {
		t.Errorf("502: %v", err)
	}
	if got, err := c.GetPasswordPolicy(ctx); got != nil || err == nil || !strings.Contains(err.Error(), "not the expected JSON") {
		t.Errorf("malformed: %v, %v", got, err)
	}
	if _, err := c.SetPasswordPolicy(ctx, PasswordPolicy{MaxLength: 4, MinLength: 8}); err == nil || !strings.Contains(err.Error(), "minLength must not exceed maxLength") {
		t.Errorf("400: %v", err)
	}
	if _, err := c.GetTemplateSettings(ctx); !IsNotFound(err) || !strings.Contains(err.Error(), "No endpoint GET") {
		t.Errorf("404: %v", err)
	}
}
